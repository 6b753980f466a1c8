package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (not merely a character
// device: /dev/null is one too, and output sent there is no person's).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progressBar shows progress on w: a bar redrawn in place on a terminal,
// otherwise a plain line at every tenth of the way.
type progressBar struct {
	w     io.Writer
	label string
	tty   bool

	mu       sync.Mutex
	lastPct  int
	lastDraw time.Time
	done     bool
}

func newProgressBar(w io.Writer, label string) *progressBar {
	return &progressBar{w: w, label: label, tty: isTerminal(w), lastPct: -1}
}

// Set reports pct (0–100) with an optional detail such as "35.0/77.7 MB".
func (p *progressBar) Set(pct int, detail string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.done {
		return
	}
	pct = min(max(pct, 0), 100)
	if p.tty {
		if pct == p.lastPct && time.Since(p.lastDraw) < 200*time.Millisecond {
			return
		}
		if pct != 100 && time.Since(p.lastDraw) < 100*time.Millisecond {
			return
		}
		const width = 30
		fill := width * pct / 100
		bar := strings.Repeat("=", fill) + strings.Repeat(" ", width-fill)
		fmt.Fprintf(p.w, "\r\x1b[K%s [%s] %3d%% %s", p.label, bar, pct, detail)
		p.lastDraw = time.Now()
		p.lastPct = pct
		return
	}
	if pct/10 == p.lastPct/10 && p.lastPct >= 0 {
		return
	}
	p.lastPct = pct
	if detail != "" {
		detail = " (" + detail + ")"
	}
	fmt.Fprintf(p.w, "%s: %d%%%s\n", p.label, pct, detail)
}

// Finish ends the bar's line on a terminal.
func (p *progressBar) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && !p.done && p.lastPct >= 0 {
		fmt.Fprintln(p.w)
	}
	p.done = true
}
