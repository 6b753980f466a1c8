package live_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/live/livetest"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// vocabulary is what the tone engine says for words 0, 1, 2…: a sentence
// of the kind a minister says, so the quotation check has Arabic to read.
var vocabulary = strings.Fields("قال الوزير إن الحكومة ستعمل على تحسين الخدمات الصحية في المدن والقرى خلال العام المقبل")

// toneEngine is the scripted engine hearing tone-coded audio, loaded
// through package pipeline (VAD: the pipeline's loudness fallback).
func toneEngine(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	eng := &transcribetest.Scripted{Steps: 1, Result: transcribetest.Tones(vocabulary)}
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.New(pipeline.Config{Model: model, VAD: pipeline.VADOff,
		LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) { return eng, nil, nil }})
	if err := p.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return p
}

// recorder is the job path of these tests: it keeps what it is handed.
type recorder struct {
	mu   sync.Mutex
	recs []live.Recording
	wavs [][]byte
	fail error
}

func (r *recorder) SubmitRecording(ctx context.Context, rec live.Recording) (string, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return "", r.fail
	}
	rc, err := rec.Open()
	if err != nil {
		return "", err
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return "", err
	}
	r.recs = append(r.recs, rec)
	r.wavs = append(r.wavs, b)
	return fmt.Sprintf("tr_%d", len(r.recs)), nil
}

func newManager(t testing.TB, cfg live.Config, check live.Checker) (*live.Manager, *recorder) {
	t.Helper()
	if cfg.Dir == "" {
		cfg.Dir = t.TempDir()
	}
	if cfg.Sessions == 0 {
		cfg.Sessions = 2
	}
	m, err := live.NewManager(cfg, live.Deps{Engine: toneEngine(t), Check: check})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	m.Attach(rec)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		m.Close(ctx)
	})
	return m, rec
}

func wait(t *testing.T, s *live.Session, d time.Duration) live.Info {
	t.Helper()
	select {
	case <-s.Done():
	case <-time.After(d):
		t.Fatalf("session still %s after %s", s.Info().Status, d)
	}
	return s.Info()
}

func finalText(s *live.Session) string {
	return text(s.Snapshot(0).Finals)
}

// TestBrowserFramesResume sends a session's frames as a browser does, drops
// the connection in the middle, sends again from the frame hello names
// (some of them already stored) and checks that the recording holds every
// sample once, in order, and that the words come out once each.
func TestBrowserFramesResume(t *testing.T) {
	m, rec := newManager(t, live.Config{}, nil)
	s, err := m.Start(context.Background(), live.Request{Browser: true, Language: "ar"})
	if err != nil {
		t.Fatal(err)
	}
	samples, _ := transcribetest.ToneSpeech(12, 4, 0.5)
	const frame = 1600
	var frames [][]float32
	for i := 0; i < len(samples); i += frame {
		frames = append(frames, samples[i:min(i+frame, len(samples))])
	}

	next, _, detach, err := s.Attach()
	if err != nil || next != 0 {
		t.Fatalf("attach: next %d, %v; want 0", next, err)
	}
	half := len(frames) / 2
	for i := range half {
		n, err := s.Frame(live.Frame{Seq: uint64(i), Samples: frames[i]})
		if err != nil || n != uint64(i+1) {
			t.Fatalf("frame %d: next %d, %v", i, n, err)
		}
	}
	// The connection drops; the client had sent three more frames that
	// never arrived, and does not know which of its frames were stored.
	detach()
	if st := s.Info().Status; st != live.StatusWaiting {
		t.Errorf("after the drop: %s, want waiting", st)
	}
	next, _, detach, err = s.Attach()
	if err != nil || next != uint64(half) {
		t.Fatalf("reattach: next %d, %v; want %d", next, err, half)
	}
	// A client that resends from an earlier frame is not harmed.
	for i := half - 5; i < len(frames); i++ {
		if _, err := s.Frame(live.Frame{Seq: uint64(i), Samples: frames[i]}); err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
	}
	if _, err := s.Frame(live.Frame{Seq: uint64(len(frames) + 3), Samples: frames[0]}); !errors.Is(err, live.ErrFrameGap) {
		t.Errorf("a frame past the next: %v, want ErrFrameGap", err)
	}
	detach()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	info, err := s.Stop(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Status != live.StatusEnded || info.JobID != "tr_1" {
		t.Fatalf("stopped: %+v, want ended with job tr_1", info)
	}
	if got, want := finalText(s), strings.Join(vocabulary[:12], " "); got != want {
		t.Errorf("finals %q, want %q", got, want)
	}
	wav := rec.wavs[0]
	clip, err := audio.Decode(context.Background(), bytes.NewReader(wav), audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(clip.Samples) != len(samples) {
		t.Fatalf("recording has %d samples, want %d (frames lost or stored twice)", len(clip.Samples), len(samples))
	}
	for i := range samples {
		if d := clip.Samples[i] - samples[i]; d > 1.0/16384 || d < -1.0/16384 {
			t.Fatalf("sample %d is %v, want %v", i, clip.Samples[i], samples[i])
		}
	}
	if _, err := os.Stat(filepath.Join(m.Config().Dir, s.ID()+".pcm")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the recording is still on disk after the hand-over: %v", err)
	}
}

func hlsServer(t *testing.T, samples []float32, playlistType string, speed float64, stopAfter int) *httptest.Server {
	return livetest.HLSServer(t, samples, livetest.HLS{Type: playlistType, Speed: speed, StopAfter: stopAfter})
}

func loopback(srv *httptest.Server) live.Sources {
	return live.Sources{Allow: []string{"127.0.0.1"}, AllowPrivate: true, Stall: 3 * time.Second, Reconnects: 1}
}

// TestHLSSource follows an HLS playlist served on loopback while it grows,
// decodes its AAC segments with ffmpeg (through package audio's sandbox,
// fed from a pipe) and hears every word once; at #EXT-X-ENDLIST the
// session ends and its recording is handed over.
func TestHLSSource(t *testing.T) {
	samples, spans := transcribetest.ToneSpeech(12, 4, 0.5)
	length := float64(len(samples)) / transcribe.SampleRate
	srv := hlsServer(t, samples, "EVENT", 3, 0)
	m, rec := newManager(t, live.Config{Sources: loopback(srv)}, nil)
	s, err := m.Start(context.Background(), live.Request{SourceURL: srv.URL + "/live/out.m3u8"})
	if err != nil {
		t.Fatal(err)
	}
	info := wait(t, s, time.Minute)
	if info.Status != live.StatusEnded || !strings.Contains(info.Error, "ended") {
		t.Fatalf("session %+v, want ended with the stream", info)
	}
	if got, want := finalText(s), strings.Join(vocabulary[:12], " "); got != want {
		t.Errorf("finals %q, want %q", got, want)
	}
	for k, w := range s.Snapshot(0).Finals {
		if d := w.Start - spans[k].Start; d > 0.12 || d < -0.12 {
			t.Errorf("%s starts at %.2f, said at %.2f", w.Word, w.Start, spans[k].Start)
		}
	}
	if got := float64(rec.recs[0].Samples) / transcribe.SampleRate; got < length-0.2 || got > length+0.3 {
		t.Errorf("recording of %.2f s, want %.2f", got, length)
	}
}

// TestHLSStall stops a playlist after three segments: the session
// reconnects once (and feeds no segment twice: an EVENT playlist still
// lists them all), then ends with what it recorded, handed over.
func TestHLSStall(t *testing.T) {
	samples, _ := transcribetest.ToneSpeech(12, 4, 0.5)
	srv := hlsServer(t, samples, "EVENT", 20, 3)
	m, rec := newManager(t, live.Config{Sources: loopback(srv)}, nil)
	s, err := m.Start(context.Background(), live.Request{SourceURL: srv.URL + "/live/out.m3u8"})
	if err != nil {
		t.Fatal(err)
	}
	info := wait(t, s, time.Minute)
	if info.Status != live.StatusEnded || !strings.Contains(info.Error, "stopped sending") {
		t.Fatalf("session %+v, want ended as stalled", info)
	}
	if len(rec.recs) != 1 || rec.recs[0].Samples == 0 {
		t.Fatalf("recordings handed over: %d, want the stalled one", len(rec.recs))
	}
	if got := float64(rec.recs[0].Samples) / transcribe.SampleRate; got > 3.6 {
		t.Errorf("recorded %.2f s of three 1-second segments: a segment was fed twice", got)
	}
	seen := map[string]bool{}
	for _, w := range s.Snapshot(0).Finals {
		if seen[w.Word] {
			t.Errorf("%s heard twice: %s", w.Word, finalText(s))
		}
		seen[w.Word] = true
	}
}

func TestSourceRefused(t *testing.T) {
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/page":
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, "<!doctype html><title>not audio</title>")
		case "/gone":
			http.NotFound(w, r)
		case "/redirect":
			http.Redirect(w, r, "http://radio.invalid/stream", http.StatusFound)
		case "/fmp4.m3u8":
			io.WriteString(w, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:2,\na.m4s\n")
		}
	}))
	defer page.Close()
	host := strings.TrimPrefix(page.URL, "http://")
	tests := []struct {
		name string
		src  live.Sources
		url  string
		want string
	}{
		{"outside the allow-list", live.Sources{Allow: []string{"radio.example.com"}}, "http://news.example.org/live.m3u8", "not in this server's list"},
		{"no list at all", live.Sources{}, "http://radio.example.com/live.m3u8", "not in this server's list"},
		{"wrong port", live.Sources{Allow: []string{"radio.example.com:8000"}}, "http://radio.example.com:9000/x", "not in this server's list"},
		{"not http", live.Sources{Allow: []string{"radio.example.com"}}, "file:///etc/passwd", "http:// or https://"},
		{"user in URL", live.Sources{Allow: []string{"radio.example.com"}}, "http://u:p@radio.example.com/x", "user names"},
		{"loopback literal", live.Sources{Allow: []string{"127.0.0.1"}}, page.URL + "/page", "loopback"},
		{"metadata address", live.Sources{Allow: []string{"169.254.169.254"}}, "http://169.254.169.254/latest", "link-local"},
		{"localhost", live.Sources{Allow: []string{"localhost"}}, "http://localhost/x", "loopback"},
		{"a web page", live.Sources{Allow: []string{"127.0.0.1"}, AllowPrivate: true}, page.URL + "/page", "text"},
		{"404", live.Sources{Allow: []string{"127.0.0.1"}, AllowPrivate: true}, page.URL + "/gone", "404"},
		{"redirect off the list", live.Sources{Allow: []string{"127.0.0.1"}, AllowPrivate: true}, page.URL + "/redirect", "radio.invalid is not in"},
		{"fragmented MP4 HLS", live.Sources{Allow: []string{"127.0.0.1"}, AllowPrivate: true}, page.URL + "/fmp4.m3u8", "fragmented-MP4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.src.Open(context.Background(), tc.url, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Open(%s): %v, want an error saying %q", tc.url, err, tc.want)
			}
		})
	}
	// A name that resolves to an internal address passes the allow-list
	// and is refused by the dialer, after DNS.
	if name, err := os.Hostname(); err == nil {
		if addrs, err := net.LookupHost(name); err == nil && len(addrs) > 0 && (strings.HasPrefix(addrs[0], "127.") || strings.HasPrefix(addrs[0], "10.") || strings.HasPrefix(addrs[0], "192.168.") || strings.HasPrefix(addrs[0], "172.")) {
			s := live.Sources{Allow: []string{name}}
			_, err := s.Open(context.Background(), "http://"+name+":"+strings.Split(host, ":")[1]+"/page", nil)
			var na *live.NotAllowedError
			if !errors.As(err, &na) {
				t.Errorf("%s (resolving to %s): %v, want refused by the address guard", name, addrs[0], err)
			}
		} else {
			t.Logf("host name %s does not resolve to a private address here (%v): the dialer case is not run", name, addrs)
		}
	}
	ok := live.Sources{Allow: []string{"*.example.com", "radio.example.org:8000"}}
	for _, u := range []string{"https://a.example.com/x.m3u8", "http://b.c.example.com/", "http://radio.example.org:8000/s"} {
		if _, err := ok.CheckURL(u); err != nil {
			t.Errorf("%s: %v, want allowed", u, err)
		}
	}
	for _, u := range []string{"https://example.com/x", "https://evilexample.com/", "http://radio.example.org/s"} {
		if _, err := ok.CheckURL(u); err == nil {
			t.Errorf("%s: allowed, want refused", u)
		}
	}
}

// TestGarbageStream serves bytes that are not audio under an audio type:
// the session ends without a job, saying so.
func TestGarbageStream(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "audio/mpeg")
		junk := bytes.Repeat([]byte{0x01, 0x9c, 0x33, 0xfe, 0x00, 0x7a}, 40000)
		w.Write(junk)
	}))
	defer srv.Close()
	m, rec := newManager(t, live.Config{Sources: loopback(srv)}, nil)
	s, err := m.Start(context.Background(), live.Request{SourceURL: srv.URL + "/stream.mp3"})
	if err != nil {
		t.Fatal(err)
	}
	info := wait(t, s, 30*time.Second)
	if info.Status != live.StatusFailed || !strings.Contains(info.Error, "not audio") {
		t.Fatalf("session %+v, want failed: not audio", info)
	}
	if len(rec.recs) != 0 {
		t.Errorf("%d recordings handed over, want none", len(rec.recs))
	}
}

func TestSessionsCap(t *testing.T) {
	m, _ := newManager(t, live.Config{Sessions: 1}, nil)
	if _, err := m.Start(context.Background(), live.Request{Browser: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Start(context.Background(), live.Request{Browser: true}); !errors.Is(err, live.ErrFull) {
		t.Fatalf("second session: %v, want ErrFull", err)
	}
	off, err := live.NewManager(live.Config{Sessions: -1}, live.Deps{Engine: toneEngine(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := off.Start(context.Background(), live.Request{Browser: true}); !errors.Is(err, live.ErrDisabled) {
		t.Fatalf("live off: %v, want ErrDisabled", err)
	}
}

// TestBrowserNeverConnects: a browser session without audio stops after
// the reconnection grace, without a job.
func TestBrowserNeverConnects(t *testing.T) {
	m, rec := newManager(t, live.Config{Reconnect: 200 * time.Millisecond}, nil)
	s, err := m.Start(context.Background(), live.Request{Browser: true})
	if err != nil {
		t.Fatal(err)
	}
	info := wait(t, s, 10*time.Second)
	if info.Status != live.StatusFailed || !strings.Contains(info.Error, "no audio") {
		t.Fatalf("%+v, want failed without audio", info)
	}
	if len(rec.recs) != 0 {
		t.Error("a recording without audio was handed over")
	}
}

// TestRecover: a server that died mid-session leaves the recording; the
// next start hands it over, with its draft, and removes it.
func TestRecover(t *testing.T) {
	dir := t.TempDir()
	m, rec := newManager(t, live.Config{Dir: dir}, nil)
	rec.fail = errors.New("queue full")
	s, err := m.Start(context.Background(), live.Request{Browser: true, ArticleID: "art_1", Draft: "مسودة"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetDraft("قال الوزير «الحكومة ستعمل»", -1); err != nil {
		t.Fatal(err)
	}
	_, _, detach, _ := s.Attach()
	samples, _ := transcribetest.ToneSpeech(4, 4, 0.5)
	if _, err := s.Frame(live.Frame{Seq: 0, Samples: samples[:16000]}); err != nil {
		t.Fatal(err)
	}
	detach()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	info, _ := s.Stop(ctx)
	if info.Status != live.StatusFailed || !strings.Contains(info.Error, "kept") {
		t.Fatalf("%+v, want failed with the recording kept", info)
	}

	m2, rec2 := newManager(t, live.Config{Dir: dir}, nil)
	if jobs, _ := m2.Recover(context.Background(), time.Hour); len(jobs) != 0 {
		t.Fatalf("a recording changed a moment ago was taken: %v (it may be another server's running session)", jobs)
	}
	jobs, err := m2.Recover(context.Background(), 0)
	if err != nil || len(jobs) != 1 {
		t.Fatalf("recover: %v, %v; want one job", jobs, err)
	}
	r := rec2.recs[0]
	if r.Samples != 16000 || r.ArticleID != "art_1" || r.Draft != "قال الوزير «الحكومة ستعمل»" {
		t.Errorf("recovered %+v", r)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestLiveQuoteCheck: the draft's quotations are checked against the
// finals as they come, with the product's check (quotecheck.Align): a
// quotation said as printed becomes verbatim once its words are final,
// one never said stays not_said.
func TestLiveQuoteCheck(t *testing.T) {
	m, _ := newManager(t, live.Config{}, live.AlignChecker(align.Options{}))
	draft := "قال الوزير إن «الحكومة ستعمل على تحسين الخدمات الصحية في المدن» وأضاف «سنبني مستشفى جديدا في كل جهة من جهات المملكة»."
	s, err := m.Start(context.Background(), live.Request{Browser: true, Draft: draft})
	if err != nil {
		t.Fatal(err)
	}
	_, _, detach, _ := s.Attach()
	defer detach()
	samples, _ := transcribetest.ToneSpeech(len(vocabulary), 4, 0.5)
	for i, seq := 0, uint64(0); i < len(samples); i, seq = i+1600, seq+1 {
		if _, err := s.Frame(live.Frame{Seq: seq, Samples: samples[i:min(i+1600, len(samples))]}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		snap := s.Snapshot(0)
		if len(snap.Quotes) == 2 && snap.Quotes[0].Check.Verdict == align.VerdictVerbatim {
			if v := snap.Quotes[1].Check.Verdict; v != align.VerdictNotSaid {
				t.Errorf("second quotation: %s, want not_said", v)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("quotes %+v after the speech; want the first verbatim", snap.Quotes)
		}
		select {
		case <-snap.Changed:
		case <-time.After(time.Second):
		}
	}
}

// TestIcecastSource reads a continuous MP3 stream (as Icecast serves one:
// no length, sent as it is produced) from loopback: every word is heard,
// the stream's end ends the session, and the first answer — checked
// before the session starts — is the one read (one request, no
// reconnection).
func TestIcecastSource(t *testing.T) {
	ff, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("ffmpeg not found (make deps installs it)")
	}
	samples, _ := transcribetest.ToneSpeech(8, 4, 0.5)
	dir := t.TempDir()
	var wav bytes.Buffer
	audio.WriteWAV(&wav, samples)
	os.WriteFile(filepath.Join(dir, "in.wav"), wav.Bytes(), 0o644)
	cmd := exec.Command(ff, "-nostdin", "-loglevel", "error", "-i", filepath.Join(dir, "in.wav"), "-c:a", "libmp3lame", "-b:a", "64k", filepath.Join(dir, "out.mp3"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	mp3, _ := os.ReadFile(filepath.Join(dir, "out.mp3"))
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "audio/mpeg")
		for i := 0; i < len(mp3); i += 4096 {
			w.Write(mp3[i:min(i+4096, len(mp3))])
			w.(http.Flusher).Flush()
			time.Sleep(20 * time.Millisecond)
		}
	}))
	defer srv.Close()
	m, rec := newManager(t, live.Config{Sources: loopback(srv)}, nil)
	s, err := m.Start(context.Background(), live.Request{SourceURL: srv.URL + "/stream.mp3"})
	if err != nil {
		t.Fatal(err)
	}
	info := wait(t, s, time.Minute)
	if info.Status != live.StatusEnded || !strings.Contains(info.Error, "ended") {
		t.Fatalf("session %+v, want ended with the stream", info)
	}
	if got, want := finalText(s), strings.Join(vocabulary[:8], " "); got != want {
		t.Errorf("finals %q, want %q", got, want)
	}
	if n := requests.Load(); n != 1 {
		t.Errorf("%d requests to the stream, want 1 (the first answer lost)", n)
	}
	if len(rec.recs) != 1 {
		t.Errorf("%d recordings handed over, want 1", len(rec.recs))
	}
}
