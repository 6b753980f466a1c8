package export_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/alignfuzz"
	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/quotecheck"
)

// FuzzAlignCues aligns fuzzed articles and speech (the aligner's FuzzAlign
// seeds) and checks the subtitles written of every result (checkCues).
func FuzzAlignCues(f *testing.F) {
	alignfuzz.AddSeeds(f)
	f.Fuzz(func(t *testing.T, article, speech string, timing []byte) {
		if !utf8.ValidString(article) {
			return
		}
		r, err := quotecheck.Align(alignfuzz.Fuzzed(speech, timing), article, align.Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkCues(t, r)
	})
}

// checkCues verifies the subtitles of r: cues numbered from 1, in time
// order, never on screen together, at most two lines of at most 42
// characters (a word longer than a line has one of its own).
func checkCues(t testing.TB, r *align.Result) {
	t.Helper()
	for _, f := range []export.Format{export.FormatSRT, export.FormatVTT} {
		var b strings.Builder
		if err := export.WriteAlignment(&b, r, f, export.DocumentInfo{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cues, err := parseCues(b.String())
		if err != nil {
			t.Fatalf("%s: %v in %q", f, err, b.String())
		}
		prevEnd := 0.0
		for i, c := range cues {
			if c.N != i+1 || c.Start < prevEnd || c.End <= c.Start {
				t.Fatalf("%s cue %d: got number %d, %.3f --> %.3f after a cue ending at %.3f", f, i+1, c.N, c.Start, c.End, prevEnd)
			}
			prevEnd = c.End
			if len(c.Lines) > export.SubtitleMaxLines {
				t.Fatalf("%s cue %d: got %d lines", f, i+1, len(c.Lines))
			}
			for _, l := range c.Lines {
				if n := utf8.RuneCountInString(l); n > export.SubtitleLineLength && strings.Contains(l, " ") {
					t.Fatalf("%s cue %d: got a line of %d characters %q", f, i+1, n, l)
				}
			}
		}
	}
}

// testCue is one cue read back from SRT or WebVTT, its lines without the
// right-to-left embedding.
type testCue struct {
	N          int
	Start, End float64 // seconds
	Lines      []string
}

// parseCues reads the cues of SRT or WebVTT written by Write.
func parseCues(out string) ([]testCue, error) {
	out = strings.TrimPrefix(out, "WEBVTT\n\n")
	var cues []testCue
	for _, blk := range strings.Split(strings.TrimSpace(out), "\n\n") {
		if blk == "" {
			continue
		}
		lines := strings.Split(blk, "\n")
		if len(lines) < 3 {
			return nil, fmt.Errorf("cue %q: want a number, a time line and text", blk)
		}
		c := testCue{}
		if _, err := fmt.Sscanf(lines[0], "%d", &c.N); err != nil {
			return nil, fmt.Errorf("cue number %q: %w", lines[0], err)
		}
		from, to, ok := strings.Cut(lines[1], " --> ")
		if !ok {
			return nil, fmt.Errorf("time line %q", lines[1])
		}
		for _, x := range []struct {
			s   string
			sec *float64
		}{{from, &c.Start}, {to, &c.End}} {
			var h, m, sc, ms int
			if _, err := fmt.Sscanf(strings.NewReplacer(",", ":", ".", ":").Replace(x.s), "%d:%d:%d:%d", &h, &m, &sc, &ms); err != nil {
				return nil, fmt.Errorf("time %q: %w", x.s, err)
			}
			*x.sec = float64(h*3600+m*60+sc) + float64(ms)/1000
		}
		for _, l := range lines[2:] {
			c.Lines = append(c.Lines, strings.Trim(l, "\u202B\u202C"))
		}
		cues = append(cues, c)
	}
	return cues, nil
}
