package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// liveVocabulary is what the tone engine hears for tones 0, 1, 2….
var liveVocabulary = strings.Fields("قال الوزير إن الحكومة ستعمل على تحسين الخدمات الصحية في المدن والقرى خلال العام المقبل")

const liveDraftText = "الرباط – قال الوزير إن «الحكومة ستعمل على تحسين الخدمات الصحية في المدن» خلال العام المقبل، وأضاف «سنبني مستشفى جديدا في كل جهة من جهات المملكة»."

// TestLiveBrowser runs the live page in Chromium: its fake microphone says
// tone-coded words (the scripted engine hears them as liveVocabulary, in the
// live passes and in the job's full transcription) into the page's capture
// path, while a colleague's browser watches the same session; every
// connection is cut mid-speech by the proxy in front of the server. The
// journalist's and the colleague's pages both show every word and the
// quotation's verdict; the job the session becomes holds every word once,
// each as long as it was said (no frame lost or doubled across the drop).
func TestLiveBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	node := need(t, "node", "Node.js 18+ (make deps installs nodejs where absent)")
	chromium := needChromium(t)
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	dir := t.TempDir()

	samples, _ := transcribetest.ToneSpeech(len(liveVocabulary), 4, 1.5)
	var wav bytes.Buffer
	if err := audio.WriteWAV(&wav, samples); err != nil {
		t.Fatal(err)
	}
	speech := filepath.Join(dir, "speech.wav")
	draft := filepath.Join(dir, "draft.txt")
	os.WriteFile(speech, wav.Bytes(), 0o644)
	os.WriteFile(draft, []byte(liveDraftText), 0o644)

	srvURL := startServer(t, filepath.Join(dir, "data"), &transcribetest.Scripted{Steps: 1, Result: transcribetest.Tones(liveVocabulary)})
	px := startProxy(t, strings.TrimPrefix(srvURL, "http://"))
	dropper := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { px.drop() }))
	defer dropper.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, filepath.Join("e2e", "live.mjs"))
	cmd.Env = append(os.Environ(), "BASE_URL=http://"+px.addr(), "AUDIO_FILE="+speech, "DRAFT_FILE="+draft,
		"DROP_URL="+dropper.URL, "WORDS="+strconv.Itoa(len(liveVocabulary)), "CHROMIUM="+chromium,
		"SCREENSHOT_DIR="+filepath.Join(root, "artifacts", "screenshots"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	t.Logf("live.mjs:\n%s", out.String())
	if err != nil {
		t.Fatalf("live page: %v; last line: %s", err, lastLine(out.String()))
	}
	if px.drops() == 0 {
		t.Fatal("the proxy cut no connection")
	}
	var res struct {
		Job   string `json:"job"`
		Words int    `json:"words"`
	}
	_, js, _ := strings.Cut(out.String(), "live: result ")
	if err := json.Unmarshal([]byte(strings.SplitN(js, "\n", 2)[0]), &res); err != nil || res.Job == "" {
		t.Fatalf("no result line: %v", err)
	}

	// The job: the recording's full transcription hears each word once,
	// as long as it was said.
	var tr transcribe.Transcript
	deadline := time.Now().Add(2 * time.Minute)
	for {
		r, err := http.Get(srvURL + "/v1/transcriptions/" + res.Job + "/transcript")
		if err == nil && r.StatusCode == http.StatusOK {
			err = json.NewDecoder(r.Body).Decode(&tr)
			r.Body.Close()
			break
		}
		if r != nil {
			r.Body.Close()
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %s has no transcript after 2 minutes", res.Job)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var words []string
	for _, s := range tr.Segments {
		for _, w := range s.Words {
			words = append(words, w.Word)
			if d := w.End - w.Start; math.Abs(d-0.35) > 0.08 {
				t.Errorf("%s lasts %.2f s in the recording, said for 0.35 s: audio lost or doubled around it", w.Word, d)
			}
		}
	}
	if got, want := strings.Join(words, " "), strings.Join(liveVocabulary, " "); got != want {
		t.Errorf("the job heard %q, want %q", got, want)
	}
	for _, name := range []string{"live-start-desktop", "live-start-phone", "live-session-desktop", "live-session-phone", "live-watcher-desktop", "live-watcher-phone"} {
		b, err := os.ReadFile(filepath.Join(root, "artifacts", "screenshots", name+".png"))
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
			t.Errorf("screenshot %s: %v", name, err)
		}
	}
}

// tcpProxy forwards connections to a server; drop cuts all of them at once,
// as a network failure does.
type tcpProxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
	n      int
}

func startProxy(t *testing.T, target string) *tcpProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &tcpProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close(); p.drop() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			u, err := net.Dial("tcp", target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, u)
			p.mu.Unlock()
			go func() { io.Copy(u, c); u.Close() }()
			go func() { io.Copy(c, u); c.Close() }()
		}
	}()
	return p
}

func (p *tcpProxy) addr() string { return p.ln.Addr().String() }

func (p *tcpProxy) drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	if len(p.conns) > 0 {
		p.n++
	}
	p.conns = nil
}

func (p *tcpProxy) drops() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.n
}
