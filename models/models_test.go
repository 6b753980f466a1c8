package models_test

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// whisperHeader is a small but well-formed ggml Whisper file: tiny's
// header, 2×3 mel filters, a three-token vocabulary and one 4×2 F16 tensor.
func whisperHeader() []byte {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, 0x67676d6c)
	for _, v := range []int32{51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1} {
		b = le.AppendUint32(b, uint32(v))
	}
	b = le.AppendUint32(le.AppendUint32(b, 2), 3)
	b = append(b, make([]byte, 2*3*4)...)
	b = le.AppendUint32(b, 3)
	for _, tok := range []string{"a", " b", "[_EOT_]"} {
		b = append(le.AppendUint32(b, uint32(len(tok))), tok...)
	}
	name := "encoder.conv1.weight"
	for _, v := range []int32{2, int32(len(name)), 1, 4, 2} { // n_dims, name length, F16, ne0, ne1
		b = le.AppendUint32(b, uint32(v))
	}
	b = append(b, name...)
	return append(b, make([]byte, 4*2*2)...)
}

// fakeModel returns a registry-like model for content of n bytes.
func fakeModel(n int) (models.Model, []byte) {
	content := whisperHeader()
	content = append(content, make([]byte, 0, n)...)
	for len(content) < n {
		content = append(content, byte(len(content)*7))
	}
	sum := sha256.Sum256(content)
	return models.Model{Name: "fake", Kind: models.KindWhisper, Repo: "test/repo", File: "ggml-fake.bin", Size: int64(n), SHA256: hex.EncodeToString(sum[:])}, content
}

// server serves content with Range support; the first `flaky` responses are
// cut off after cut bytes.
type server struct {
	content []byte
	flaky   int
	cut     int
	noRange bool

	mu     sync.Mutex
	ranges []string
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.ranges = append(s.ranges, r.Header.Get("Range"))
	flaky := s.flaky > 0
	s.flaky--
	s.mu.Unlock()
	start := 0
	if rg := r.Header.Get("Range"); rg != "" && !s.noRange {
		v, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(rg, "bytes="), "-"))
		if err != nil || v >= len(s.content) {
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		start = v
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(s.content)-1, len(s.content)))
		w.Header().Set("Content-Length", strconv.Itoa(len(s.content)-start))
		w.WriteHeader(http.StatusPartialContent)
	} else {
		w.Header().Set("Content-Length", strconv.Itoa(len(s.content)))
		w.WriteHeader(http.StatusOK)
	}
	body := s.content[start:]
	if flaky && len(body) > s.cut {
		w.Write(body[:s.cut])
		// Break the connection mid-body.
		hj, ok := w.(http.Hijacker)
		if ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
			}
		}
		return
	}
	w.Write(body)
}

func TestPullResumesFlakyDownload(t *testing.T) {
	m, content := fakeModel(200_000)
	srv := &server{content: content, flaky: 3, cut: 40_000}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	var last int64
	path, err := models.Pull(context.Background(), m, dir, models.PullOptions{BaseURL: ts.URL, Backoff: time.Millisecond, Progress: func(done, total int64) { last = done }})
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(content) {
		t.Fatalf("got %d bytes, want the %d served", len(got), len(content))
	}
	if last != m.Size {
		t.Errorf("last progress: got %d, want %d", last, m.Size)
	}
	want := []string{"", "bytes=40000-", "bytes=80000-", "bytes=120000-"}
	if strings.Join(srv.ranges, ",") != strings.Join(want, ",") {
		t.Errorf("Range headers: got %q, want %q", srv.ranges, want)
	}
	if _, err := os.Stat(path + ".part"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf(".part file left behind: %v", err)
	}
}

func TestPullResumesPartFileAndHandlesNoRange(t *testing.T) {
	m, content := fakeModel(50_000)
	tests := []struct {
		name    string
		noRange bool
	}{{"range", false}, {"server without range support", true}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &server{content: content, noRange: tt.noRange}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, m.File+".part"), content[:12345], 0o644); err != nil {
				t.Fatal(err)
			}
			path, err := models.Pull(context.Background(), m, dir, models.PullOptions{BaseURL: ts.URL})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(path); string(got) != string(content) {
				t.Errorf("got %d bytes, want %d", len(got), len(content))
			}
			if srv.ranges[0] != "bytes=12345-" {
				t.Errorf("first Range: got %q, want bytes=12345-", srv.ranges[0])
			}
		})
	}
}

func TestPullChecksumMismatch(t *testing.T) {
	m, content := fakeModel(10_000)
	bad := append([]byte(nil), content...)
	bad[5000] ^= 0xff
	ts := httptest.NewServer(&server{content: bad})
	defer ts.Close()
	dir := t.TempDir()
	_, err := models.Pull(context.Background(), m, dir, models.PullOptions{BaseURL: ts.URL})
	if !errors.Is(err, models.ErrCorrupt) {
		t.Fatalf("got %v, want ErrCorrupt", err)
	}
	if !strings.Contains(err.Error(), ts.URL+"/") || !strings.Contains(err.Error(), "verification") {
		t.Errorf("message %q: want the URL and what failed", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("got %d files left in the models dir, want none", len(entries))
	}
}

func TestPullOfflineFailsFast(t *testing.T) {
	// A port nobody listens on: connection refused at once.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	m, _ := fakeModel(1000)
	dir := t.TempDir()
	start := time.Now()
	_, err = models.Pull(context.Background(), m, dir, models.PullOptions{BaseURL: "http://" + addr})
	var oe *models.OfflineError
	if !errors.As(err, &oe) {
		t.Fatalf("got %v, want *OfflineError", err)
	}
	msg := err.Error()
	// The mirror's URL (NEWSSCRIBE_MODELS_URL or BaseURL), not the default host's.
	mirror := "http://" + addr + "/" + m.Repo + "/resolve/main/" + m.File
	if !strings.Contains(msg, mirror) || strings.Contains(msg, "huggingface") || !strings.Contains(msg, filepath.Join(dir, m.File)) || strings.Contains(msg, "\n") {
		t.Errorf("message %q: want one line naming %s and %s", msg, mirror, filepath.Join(dir, m.File))
	}
	t.Logf("offline failure after %v: %s", time.Since(start), msg)
}

// TestPullShortBodyGivesUp: a plain static server holding a file shorter
// than the model (200, no Range support) once made Pull ask again in a
// tight loop forever; every pass now counts against Retries.
func TestPullShortBodyGivesUp(t *testing.T) {
	m, content := fakeModel(100_000)
	var requests atomic.Int64
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write(content[:57_500]) // ignores Range, 200 every time
	}))
	defer ts.Close()
	_, err := models.Pull(context.Background(), m, t.TempDir(), models.PullOptions{BaseURL: ts.URL, Retries: 3, Backoff: time.Millisecond})
	if err == nil {
		t.Fatal("got nil error")
	}
	if n := requests.Load(); n != 4 {
		t.Errorf("got %d requests, want 4 (1 + 3 retries)", n)
	}
	msg := err.Error()
	for _, want := range []string{ts.URL + "/", "4 requests", "57500 bytes", "100000 bytes"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
}

func TestCheckFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := whisperHeader()
	bad := append([]byte(nil), good...)
	binary.LittleEndian.PutUint32(bad[4:], 7) // n_vocab
	tests := []struct {
		name    string
		path    string
		corrupt bool
	}{
		{"whisper header", write("custom.bin", good), false},
		// A file given by path is never judged by the registry entry of its
		// name: a copied model under /tmp/x/ggml-tiny.bin is checked as ggml.
		{"registry file name, given by path", write("ggml-tiny.bin", good), false},
		{"not ggml", write("text.bin", []byte("hello, this is not a model at all, not at all, no")), true},
		{"empty", write("empty.bin", nil), true},
		{"implausible header", write("bad.bin", bad), true},
		{"truncated header", write("short.bin", good[:20]), true},
		{"truncated in the vocabulary", write("vocab.bin", good[:90]), true},
		{"truncated in a tensor", write("tensor.bin", good[:len(good)-3]), true},
		{"trailing garbage", write("garbage.bin", append(append([]byte(nil), good...), 1, 2)), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := models.CheckFile(tt.path)
			if got := errors.Is(err, models.ErrCorrupt); got != tt.corrupt {
				t.Errorf("CheckFile: got %v, want corrupt=%v", err, tt.corrupt)
			}
			if err != nil && strings.Contains(err.Error(), "delete") {
				t.Errorf("CheckFile of a file the user named: %q tells them to delete it", err)
			}
		})
	}
}

func TestCheckSharedFiles(t *testing.T) {
	dir := sharedWhisper(t)
	for _, f := range []string{"for-tests-ggml-tiny.bin", "for-tests-ggml-small.bin", "for-tests-silero-v6.2.0-ggml.bin"} {
		if err := models.CheckFile(filepath.Join(dir, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	// The shared VAD model is byte-identical to the published one.
	vad, _ := models.Lookup(models.VADModel)
	if err := models.Verify(filepath.Join(dir, "for-tests-silero-v6.2.0-ggml.bin"), vad); err != nil {
		t.Errorf("Verify VAD: %v", err)
	}
}

func sharedWhisper(t *testing.T) string {
	return transcribetest.Shared(t, "whisper", "for-tests-ggml-tiny.bin", "for-tests-silero-v6.2.0-ggml.bin")
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	tiny, _ := models.Lookup("tiny")
	_, err := models.Resolve("tiny", dir)
	var nd *models.NotDownloadedError
	if !errors.As(err, &nd) || !errors.Is(err, models.ErrNotDownloaded) || !strings.Contains(err.Error(), "models pull tiny") {
		t.Errorf("missing registry model: got %v, want NotDownloadedError", err)
	}
	p := filepath.Join(dir, "custom.bin")
	os.WriteFile(p, whisperHeader(), 0o644)
	if got, err := models.Resolve(p, dir); err != nil || got != p {
		t.Errorf("Resolve(path): got %q, %v; want %q", got, err, p)
	}
	// A valid ggml file copied elsewhere under a registry file name is a
	// path, checked as ggml, never against the registry's size.
	copied := filepath.Join(t.TempDir(), "ggml-tiny.bin")
	os.WriteFile(copied, whisperHeader(), 0o644)
	if got, err := models.Resolve(copied, dir); err != nil || got != copied {
		t.Errorf("Resolve(%s): got %q, %v; want the path", copied, got, err)
	}
	if _, err := models.Resolve(filepath.Join(dir, "nope.bin"), dir); err == nil {
		t.Errorf("Resolve(missing path): got nil error")
	}
	if _, err := models.Resolve("no-such-model", dir); err == nil {
		t.Errorf("Resolve(unknown name): got nil error")
	}
	os.WriteFile(models.Path(tiny, dir), whisperHeader(), 0o644)
	if _, err := models.Resolve("tiny", dir); !errors.Is(err, models.ErrCorrupt) {
		t.Errorf("truncated registry model: got %v, want ErrCorrupt", err)
	}
}

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for _, m := range models.All() {
		if seen[m.Name] {
			t.Errorf("duplicate %s", m.Name)
		}
		seen[m.Name] = true
		if len(m.SHA256) != 64 || m.Size <= 0 || (m.SHA1 != "" && len(m.SHA1) != 40) {
			t.Errorf("%s: bad size or checksum: %+v", m.Name, m)
		}
		if !strings.HasPrefix(m.URL(), "https://huggingface.co/") {
			t.Errorf("%s: URL %s", m.Name, m.URL())
		}
	}
	for _, name := range []string{models.DefaultModel, models.VADModel, "tiny", "base", "small", "medium", "large-v3", "large-v3-turbo"} {
		if !seen[name] {
			t.Errorf("registry lacks %s", name)
		}
	}
}

func TestDefaultDir(t *testing.T) {
	t.Setenv(models.DirEnv, "/x/models")
	if got := models.DefaultDir(); got != "/x/models" {
		t.Errorf("with %s: got %q", models.DirEnv, got)
	}
	t.Setenv(models.DirEnv, "")
	t.Setenv("XDG_CACHE_HOME", "/cache")
	if got, want := models.DefaultDir(), filepath.Join("/cache", "newsscribe", "models"); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
