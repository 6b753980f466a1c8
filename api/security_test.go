package api_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/movtest"
	"github.com/newsscribe/newsscribe/store"
)

// needFFmpeg skips a test that needs ffmpeg when it is absent.
func needFFmpeg(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg is not installed (make deps installs it)")
	}
}

// mp3Tone is a real MP3 of a 440 Hz tone lasting seconds, made by ffmpeg.
func mp3Tone(t *testing.T, seconds string) []byte {
	return lavfiTone(t, "tone.mp3", "sine=f=440:d="+seconds, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k")
}

// lavfiTone is the file named name that ffmpeg makes of the lavfi source
// src with the output options opts.
func lavfiTone(t *testing.T, name, src string, opts ...string) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	args := append([]string{"-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", src}, opts...)
	out, err := exec.Command("ffmpeg", append(args, p)...).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// publishedArticle creates a published article and returns its id.
func publishedArticle(t *testing.T, ts *testServer) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"title": "t", "body": article, "published": true})
	r := ts.do(t, "POST", "/v1/articles", bytes.NewReader(body), "application/json")
	if r.status != 201 {
		t.Fatalf("create article: %d %s", r.status, r.body)
	}
	var a struct{ ID string }
	r.json(t, &a)
	return a.ID
}

// polyglot is issue 9's stored-XSS upload: HTML (that ffmpeg's probing
// takes for a DASH manifest) followed by a clean MP3.
func polyglot(t *testing.T) []byte {
	return append([]byte("<!-- <MPD dash:profile --><script>alert(document.domain)</script>\n"), mp3Tone(t, "2")...)
}

// TestPolyglotUploadRefused: before the fix the polyglot was accepted, the
// rendition failed (ffmpeg read it as DASH) and the public embed served the
// upload itself as text/html — a script on the newsroom's origin. Now the
// upload is refused with 415 before any job exists.
func TestPolyglotUploadRefused(t *testing.T) {
	t.Parallel()
	needFFmpeg(t)
	ts := newServer(t, serverOpts{web: true})
	id := publishedArticle(t, ts)
	r := ts.upload(t, "/v1/articles/"+id+"/audio", polyglot(t), nil)
	if r.status == 415 {
		return
	}
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID)
	a := ts.do(t, "GET", "/embed/articles/"+id+"/audio", nil, "")
	t.Fatalf("polyglot upload answered %d; the public embed then serves it as %q (nosniff %q)",
		r.status, a.header.Get("Content-Type"), a.header.Get("X-Content-Type-Options"))
}

// uploadDone uploads file to path, waits for the job to finish and returns
// it with the SHA-256 under which the upload is stored.
func uploadDone(t *testing.T, ts *testServer, path string, file []byte) (jobView, string) {
	t.Helper()
	r := ts.upload(t, path, file, nil)
	if r.status != 202 {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	if j = ts.waitJob(t, j.ID); j.Status != "done" {
		t.Fatalf("job %s: %+v", j.Status, j.Error)
	}
	var full struct {
		AudioSHA256 string `json:"audio_sha256"`
	}
	ts.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &full)
	return j, full.AudioSHA256
}

// TestAudioServedAsDecoded: the recording is served with the media type of
// the format package audio decoded it as, never sniffed by net/http — also
// when the stored upload is a polyglot left by an older version (then it is
// a download of application/octet-stream) — with nosniff and a script-free
// CSP on every response.
func TestAudioServedAsDecoded(t *testing.T) {
	t.Parallel()
	needFFmpeg(t)
	ts := newServer(t, serverOpts{web: true})
	id := publishedArticle(t, ts)
	j, sha := uploadDone(t, ts, "/v1/articles/"+id+"/audio", wav(2, 440))
	play := ts.store.Blobs.PlayPath(sha)
	orig := ts.store.Blobs.AudioPath(sha)
	paths := []string{"/v1/transcriptions/" + j.ID + "/audio", "/v1/articles/" + id + "/audio", "/embed/articles/" + id + "/audio"}

	check := func(t *testing.T, wantType, wantDisposition string) {
		t.Helper()
		for _, p := range paths {
			r := ts.do(t, "GET", p, nil, "")
			if r.status != 200 {
				t.Fatalf("%s: %d %s", p, r.status, r.body)
			}
			if got := r.header.Get("Content-Type"); got != wantType {
				t.Errorf("%s: Content-Type %q, want %q", p, got, wantType)
			}
			if got := r.header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s: X-Content-Type-Options %q, want nosniff", p, got)
			}
			if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "sandbox") {
				t.Errorf("%s: CSP %q, want default-src 'none' and sandbox", p, csp)
			}
			if wantDisposition != "" && !strings.HasPrefix(r.header.Get("Content-Disposition"), wantDisposition) && !strings.HasPrefix(p, "/embed") {
				t.Errorf("%s: Content-Disposition %q, want %s", p, r.header.Get("Content-Disposition"), wantDisposition)
			}
		}
	}
	t.Run("rendition", func(t *testing.T) { check(t, "audio/mpeg", "inline") })
	if err := os.Remove(play); err != nil {
		t.Fatal(err)
	}
	t.Run("original upload", func(t *testing.T) { check(t, "audio/wav", "inline") })
	if err := os.WriteFile(orig, polyglot(t), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("stored polyglot", func(t *testing.T) { check(t, "application/octet-stream", "attachment") })
}

// TestHeadersOnEveryResponse: nosniff and a CSP on every answer, and the
// HTML document of an alignment gets its own script-free policy; subtitle
// exports are downloads.
func TestHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{web: true})
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"article": article})
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID)
	for _, p := range []string{"/healthz", "/nope", "/v1/transcriptions", "/v1/transcriptions/" + j.ID,
		"/v1/transcriptions/" + j.ID + "/alignment?format=html", "/v1/transcriptions/" + j.ID + "/transcript?format=srt", "/"} {
		r := ts.do(t, "GET", p, nil, "")
		if r.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", p)
		}
		csp := r.header.Get("Content-Security-Policy")
		if csp == "" {
			t.Errorf("%s: no Content-Security-Policy", p)
		}
		if strings.HasPrefix(r.header.Get("Content-Type"), "text/html") && p != "/" &&
			(strings.Contains(csp, "script-src") || !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "sandbox")) {
			t.Errorf("%s: HTML with CSP %q; want no script at all", p, csp)
		}
	}
	r = ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript?format=srt", nil, "")
	if d := r.header.Get("Content-Disposition"); !strings.HasPrefix(d, `attachment; filename="newsscribe-`+j.ID+`-captions.srt"; filename*=UTF-8''`) {
		t.Errorf("srt Content-Disposition %q", d)
	}
}

// rawForm is a multipart/form-data body written by hand, for what
// mime/multipart's writer refuses to write (control characters, broken part
// headers): each part is its header lines and its body.
func rawForm(parts ...[2]string) (io.Reader, string) {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString("--B0undary\r\n" + p[0] + "\r\n\r\n" + p[1] + "\r\n")
	}
	b.WriteString("--B0undary--\r\n")
	return strings.NewReader(b.String()), "multipart/form-data; boundary=B0undary"
}

// fileHeader is the part header of the recording sent as filename.
func fileHeader(filename string) string {
	return `Content-Disposition: form-data; name="file"; filename="` + filename + `"` + "\r\nContent-Type: audio/wav"
}

// listed is the number of jobs the server holds.
func listed(t *testing.T, ts *testServer) int {
	t.Helper()
	var l struct{ Total int }
	ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &l)
	return l.Total
}

// TestFormFieldsCapped (issue 9 #2): the text fields of a form share
// maxFormFields (256 KiB) and a form has at most 64 parts; before, each field
// could hold 4 MiB and their number was free. The seed article fits with
// room to spare, and an imported transcript keeps its own 4 MiB.
func TestFormFieldsCapped(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	seed, err := os.ReadFile(filepath.Join("..", "..", "shared", "articles", "000_e1d75d70dc7bbcd1.txt"))
	if err != nil {
		t.Skipf("skipping: the seed article is not here: %v", err)
	}
	many := func(n, size int) map[string]string {
		m := map[string]string{}
		for i := range n {
			m[fmt.Sprintf("note%d", i)] = strings.Repeat("x", size)
		}
		return m
	}
	tests := []struct {
		name     string
		fields   map[string]string
		status   int
		code     string
		inMesage string
	}{
		{"40 fields of 8 KiB", many(40, 8<<10), 413, "too_large", "256 KiB"},
		{"one field of 300 KiB", map[string]string{"article": strings.Repeat("ب", 150<<10)}, 413, "too_large", "256 KiB"},
		{"100 small fields", many(100, 1), 413, "too_many_parts", "64 parts"},
		{"seed article", map[string]string{"article": string(seed), "title": "seed"}, 202, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.upload(t, "/v1/transcriptions", wav(1, 440), tt.fields)
			if r.status != tt.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tt.status)
			}
			if tt.code == "" {
				return
			}
			var e struct {
				Error struct{ Code, Message string }
			}
			r.json(t, &e)
			if e.Error.Code != tt.code || !strings.Contains(e.Error.Message, tt.inMesage) {
				t.Errorf("got %q %q, want code %s and a message naming %s", e.Error.Code, e.Error.Message, tt.code, tt.inMesage)
			}
		})
	}
	if n := len(seed) * 50; n > 256<<10 {
		t.Errorf("the seed article (%d bytes) is not 50 times under the 256 KiB cap", len(seed))
	}
	t.Run("imported transcript of 1 MiB", func(t *testing.T) {
		var srt strings.Builder
		for i := 0; srt.Len() < 1<<20; i++ {
			fmt.Fprintf(&srt, "%d\n00:00:%02d,000 --> 00:00:%02d,500\nكلمة %d\n\n", i+1, i%60, i%60, i)
		}
		r := ts.upload(t, "/v1/imports", nil, map[string]string{"transcript": srt.String(), "format": "srt"})
		if r.status == 413 {
			t.Fatalf("a 1 MiB transcript was refused: %s", r.body)
		}
	})
}

// TestCrossSiteRequests (issue 9 #4): in open mode any web page could create
// articles and upload files (a form POST is a "simple" request); now a
// state-changing request a browser marks as cross-site is refused unless it
// carries a valid key, while same-origin pages and clients without Origin
// (curl, SDKs) work as before.
func TestCrossSiteRequests(t *testing.T) {
	t.Parallel()
	open := newServer(t, serverOpts{})
	keyed := newServer(t, serverOpts{keys: []string{"k3y"}})
	evil := []string{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}
	articleJSON := `{"title":"t","body":"b"}`
	tests := []struct {
		name   string
		ts     *testServer
		upload bool
		hdr    []string
		status int
	}{
		{"cross-site form upload", open, true, evil, 403},
		{"same-site form upload", open, true, []string{"Sec-Fetch-Site", "same-site"}, 403},
		{"cross-site form upload, Origin only", open, true, []string{"Origin", "https://evil.example"}, 403},
		{"cross-site JSON", open, false, evil, 403},
		{"same-origin upload", open, true, []string{"Origin", open.URL, "Sec-Fetch-Site", "same-origin"}, 202},
		{"same-origin JSON, Origin only", open, false, []string{"Origin", open.URL}, 201},
		{"no Origin (curl)", open, true, nil, 202},
		{"keyed: cross-site without key", keyed, true, evil, 401},
		{"keyed: cross-site with key", keyed, true, append([]string{"Authorization", "Bearer k3y"}, evil...), 202},
		{"keyed: cross-site JSON with key", keyed, false, append([]string{"Authorization", "Bearer k3y"}, evil...), 201},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r resp
			if tt.upload {
				// A tone of its own, so that no upload joins another's job.
				r = tt.ts.upload(t, "/v1/transcriptions", wav(1, float64(300+10*i)), nil, tt.hdr...)
			} else {
				r = tt.ts.do(t, "POST", "/v1/articles", strings.NewReader(articleJSON), "application/json", tt.hdr...)
			}
			if r.status != tt.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tt.status)
			}
			if tt.status == 403 && !strings.Contains(string(r.body), "cross-site") {
				t.Errorf("403 without a message saying why: %s", r.body)
			}
		})
	}
	if n := listed(t, open); n != 2 {
		t.Errorf("the open server holds %d jobs, want the 2 allowed uploads", n)
	}
	t.Run("cross-site GET still reads", func(t *testing.T) {
		if r := open.do(t, "GET", "/v1/transcriptions", nil, "", evil...); r.status != 200 {
			t.Errorf("got %d", r.status)
		}
	})
}

// TestJSONContentTypeRequired (issue 9 #4): a JSON endpoint refuses a body
// that does not say it is JSON with 415 — what a cross-site form can send
// without a preflight — instead of decoding it.
func TestJSONContentTypeRequired(t *testing.T) {
	t.Parallel()
	ts := newHandlerServer(t, serverOpts{})
	body := `{"title":"t","body":"b"}`
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", ""} {
		t.Run("POST articles as "+ct, func(t *testing.T) {
			r := ts.do(t, "POST", "/v1/articles", strings.NewReader(body), ct)
			if r.status != 415 || !strings.Contains(string(r.body), "application/json") {
				t.Errorf("got %d %s, want 415 naming application/json", r.status, r.body)
			}
		})
	}
	r := ts.do(t, "POST", "/v1/articles", strings.NewReader(body), "application/json; charset=utf-8")
	if r.status != 201 {
		t.Fatalf("application/json; charset=utf-8: got %d %s", r.status, r.body)
	}
	var a struct{ ID string }
	r.json(t, &a)
	if r := ts.do(t, "PUT", "/v1/articles/"+a.ID, strings.NewReader(`{"title":"u"}`), "text/plain"); r.status != 415 {
		t.Errorf("PUT as text/plain: got %d %s, want 415", r.status, r.body)
	}
}

// slowUpload opens a connection to ts and sends the headers and the first
// bytes of a multipart upload that announces size bytes; trickle then sends
// one more byte every pause until the server answers. It returns the status
// line and body the server answered with.
func slowUpload(t *testing.T, ts *testServer, trickle bool, pause time.Duration) (string, string) {
	t.Helper()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	head := "--B0undary\r\n" + fileHeader("slow.wav") + "\r\n\r\n"
	const size = 1 << 20
	fmt.Fprintf(conn, "POST /v1/transcriptions HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B0undary\r\nContent-Length: %d\r\n\r\n%s", size, head)
	conn.Write(wav(0.1, 440))
	stop := make(chan struct{})
	defer close(stop)
	if trickle {
		go func() {
			for {
				select {
				case <-stop:
					return
				case <-time.After(pause):
					if _, err := conn.Write([]byte{0}); err != nil {
						return
					}
				}
			}
		}()
	}
	// A guard against hanging forever before the fix, not a timed assertion.
	conn.SetReadDeadline(time.Now().Add(60 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled upload: %v", err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.Status, string(b)
}

// TestSlowBodyTimedOut (issue 9 #5): a body that stalls, or trickles a byte
// at a time, is answered 408 once the idle timeout or the minimum rate is
// past, and its temporary file is gone; before, only the headers had a
// deadline and such a connection held its temp file for ever.
func TestSlowBodyTimedOut(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{bodyIdle: 300 * time.Millisecond, minRate: 1 << 10})
	for _, tt := range []struct {
		name    string
		trickle bool
	}{{"stalled", false}, {"trickling", true}} {
		t.Run(tt.name, func(t *testing.T) {
			status, body := slowUpload(t, ts, tt.trickle, 20*time.Millisecond)
			if !strings.HasPrefix(status, "408") || !strings.Contains(body, "body_timeout") {
				t.Fatalf("got %s %s, want 408 body_timeout", status, body)
			}
			if left, _ := filepath.Glob(filepath.Join(ts.blobs, "tmp", "*")); len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
		})
	}
	if n := listed(t, ts); n != 0 {
		t.Errorf("%d jobs from timed-out uploads", n)
	}
}

// TestBodyDeadlineLifted: the slow-body deadline ends with the body, so a
// synchronous OpenAI request that waits longer than the idle timeout for its
// transcript still gets it (net/http would otherwise take the expired read
// deadline on its connection watch for a client that went away).
func TestBodyDeadlineLifted(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{bodyIdle: 100 * time.Millisecond, stepDelay: 150 * time.Millisecond})
	r := ts.upload(t, "/v1/audio/transcriptions", wav(1, 440), map[string]string{"model": "test-model"})
	if r.status != 200 {
		t.Fatalf("got %d %s, want 200 after a wait longer than the body idle timeout", r.status, r.body)
	}
}

// TestStaleTempFilesSwept (issue 9 #8): temporary files a killed server left
// (an upload in blobs/tmp, a rendition being written in play/) are removed
// when the next one opens the data directory it holds alone; files that are
// not temporary stay.
func TestStaleTempFilesSwept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	blobs := filepath.Join(dir, "blobs")
	stale := []string{filepath.Join(blobs, "tmp", "upload-123456"), filepath.Join(blobs, "tmp", "probe-9"),
		filepath.Join(blobs, "play", "ab", ".ab12.mp3.777.tmp")}
	kept := filepath.Join(blobs, "play", "ab", "ab12.mp3")
	for _, p := range append(stale, kept) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("half an upload"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	newServer(t, serverOpts{dir: dir, noStart: true})
	for _, p := range stale {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: still there after start (%v)", p, err)
		}
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("a rendition was swept: %v", err)
	}
}

// TestSweepTempAge: with an age (servers sharing a directory), only files
// untouched for longer are removed, so another server's live upload stays.
func TestSweepTempAge(t *testing.T) {
	t.Parallel()
	blobs, err := store.NewBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old, fresh := filepath.Join(blobs.Dir, "tmp", "upload-old"), filepath.Join(blobs.Dir, "tmp", "upload-live")
	for _, p := range []string{old, fresh} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	then := time.Now().Add(-2 * store.StaleTempAge)
	if err := os.Chtimes(old, then, then); err != nil {
		t.Fatal(err)
	}
	n, err := blobs.SweepTemp(store.StaleTempAge)
	if err != nil || n != 1 {
		t.Fatalf("SweepTemp = %d, %v; want 1 file", n, err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a live upload was removed: %v", err)
	}
}

// TestForgedHost (issue 9 #9): the oEmbed answer (cached publicly by CMSes)
// built its iframe src and provider_url from the request's Host and
// X-Forwarded-Proto; with --public-url they come from it whatever the
// request says, and without it X-Forwarded-* are ignored (no --trust-proxy).
func TestForgedHost(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, publicURL, publicPath, wantRoot string
	}{
		{"without --public-url", "", "", "http://evil.example"},
		{"with --public-url", "https://news.example.com/audio", "/audio", "https://news.example.com/audio"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ts := newServer(t, serverOpts{web: true, publicURL: tt.publicURL})
			id := publishedArticle(t, ts)
			q := "/oembed?format=json&url=" + url.QueryEscape("https://news.example.com"+tt.publicPath+"/embed/articles/"+id)
			r := ts.do(t, "GET", q, nil, "", "Host", "evil.example", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "attacker.example")
			if r.status != 200 {
				t.Fatalf("oembed: %d %s", r.status, r.body)
			}
			var o struct {
				HTML        string `json:"html"`
				ProviderURL string `json:"provider_url"`
			}
			r.json(t, &o)
			if want := tt.wantRoot + "/"; o.ProviderURL != want {
				t.Errorf("provider_url %q, want %q", o.ProviderURL, want)
			}
			if want := `src="` + tt.wantRoot + "/embed/articles/" + id + `"`; !strings.Contains(o.HTML, want) {
				t.Errorf("html %s\nwant %s", o.HTML, want)
			}
			if strings.Contains(o.HTML, "attacker.example") || strings.Contains(o.HTML, "https://evil") {
				t.Errorf("X-Forwarded-* trusted without --trust-proxy: %s", o.HTML)
			}
			if tt.publicURL != "" && strings.Contains(string(r.body), "evil.example") {
				t.Errorf("the forged Host is in the answer: %s", r.body)
			}
		})
	}
}

// TestUploadErrorMapping (issue 9 #10): what a client got wrong is a 400
// with a message, not 500 internal; a long file name is cut on a character
// boundary, valid UTF-8.
func TestUploadErrorMapping(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	audioPart := string(wav(1, 440))
	tests := []struct {
		name   string
		parts  [][2]string
		status int
		code   string
	}{
		// net/textproto refuses raw control bytes in a header line.
		{"NUL in file name", [][2]string{{fileHeader("a\x00b.wav"), audioPart}}, 400, "bad_request"},
		{"ESC in file name", [][2]string{{fileHeader("a\x1b[31mred.wav"), audioPart}}, 400, "bad_request"},
		// RFC 2231 encoding gets them past it, into the name.
		{"encoded NUL in file name", [][2]string{{`Content-Disposition: form-data; name="file"; filename*=UTF-8''a%00b.wav`, audioPart}}, 400, "bad_filename"},
		{"encoded ESC in file name", [][2]string{{`Content-Disposition: form-data; name="file"; filename*=UTF-8''a%1B%5B31mred.wav`, audioPart}}, 400, "bad_filename"},
		{"part header without colon", [][2]string{{`Content-Disposition form-data; name="file"`, audioPart}}, 400, "bad_request"},
		{"part header line folded into garbage", [][2]string{{"Content-Disposition: form-data; name=\"file\"\r\n\x00\x01\x02", audioPart}}, 400, "bad_request"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, ct := rawForm(tt.parts...)
			r := ts.do(t, "POST", "/v1/transcriptions", body, ct)
			var e struct {
				Error struct{ Code, Message string }
			}
			r.json(t, &e)
			if r.status != tt.status || e.Error.Code != tt.code || e.Error.Message == "" {
				t.Errorf("got %d %s, want %d %s with a message", r.status, r.body, tt.status, tt.code)
			}
		})
	}
	if n := listed(t, ts); n != 0 {
		t.Errorf("%d jobs from refused uploads", n)
	}
	t.Run("long Arabic name", func(t *testing.T) {
		name := strings.Repeat("ب", 200) + ".wav" // 404 bytes; byte 255 is inside a letter
		body, ct := rawForm([2]string{fileHeader(name), audioPart})
		r := ts.do(t, "POST", "/v1/transcriptions", body, ct)
		if r.status != 202 {
			t.Fatalf("got %d %s", r.status, r.body)
		}
		var j jobView
		r.json(t, &j)
		if len(j.Filename) > 255 || !utf8.ValidString(j.Filename) || strings.ContainsRune(j.Filename, utf8.RuneError) ||
			!strings.HasPrefix(name, j.Filename) || len(j.Filename) < 250 {
			t.Errorf("file name %q (%d bytes), want the longest prefix of whole letters within 255 bytes", j.Filename, len(j.Filename))
		}
	})
}

// TestDiskFull (issue 9 #10): an upload that fills the disk answers 507
// with a message (was 500 internal), leaves no temporary file, and the
// server goes on accepting uploads that fit. The data directory is a 4 MiB
// tmpfs, so the test needs root.
func TestDiskFull(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("skipping: mounting a small tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("skipping: cannot mount a tmpfs: %v %s", err, out)
	}
	// Lazily: the server's last files may still be closing when it runs;
	// the mount is detached at once and freed when they are.
	t.Cleanup(func() {
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	ts := newServer(t, serverOpts{dir: dir})
	r := ts.upload(t, "/v1/transcriptions", wav(150, 440), nil) // 4.8 MB
	var e struct {
		Error struct{ Code, Message string }
	}
	r.json(t, &e)
	if r.status != 507 || e.Error.Code != "storage_full" || !strings.Contains(e.Error.Message, "full") {
		t.Fatalf("got %d %s, want 507 storage_full", r.status, r.body)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "tmp", "*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	if r := ts.upload(t, "/v1/transcriptions", wav(1, 440), nil); r.status != 202 {
		t.Errorf("after a full disk, a small upload: %d %s", r.status, r.body)
	}
}

// TestMetricsNeedKey (issue 9 #10): with keys set, /metrics and the OpenAPI
// document need one too, unless --public-metrics says they are public.
func TestMetricsNeedKey(t *testing.T) {
	t.Parallel()
	private := newHandlerServer(t, serverOpts{keys: []string{"k3y"}})
	public := newHandlerServer(t, serverOpts{keys: []string{"k3y"}, publicMetrics: true})
	open := newHandlerServer(t, serverOpts{})
	for _, p := range []string{"/metrics", "/v1/openapi.json"} {
		for _, tt := range []struct {
			name   string
			ts     *testServer
			hdr    []string
			status int
		}{
			{"keys, no key", private, nil, 401},
			{"keys, key", private, []string{"Authorization", "Bearer k3y"}, 200},
			{"keys, --public-metrics", public, nil, 200},
			{"open", open, nil, 200},
		} {
			t.Run(p+" "+tt.name, func(t *testing.T) {
				if r := tt.ts.do(t, "GET", p, nil, "", tt.hdr...); r.status != tt.status {
					t.Errorf("got %d, want %d", r.status, tt.status)
				}
			})
		}
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestKeysNeverLogged (issue 9, what holds): neither a valid nor a wrong
// key reaches the logs, at debug level, on success or on failure.
func TestKeysNeverLogged(t *testing.T) {
	t.Parallel()
	var logs syncBuffer
	ts := newServer(t, serverOpts{keys: []string{"maryam:s3cret-key-1"}, log: &logs})
	for _, key := range []string{"s3cret-key-1", "wr0ng-key-2"} {
		ts.upload(t, "/v1/transcriptions", wav(1, 440), nil, "Authorization", "Bearer "+key)
		ts.do(t, "GET", "/v1/transcriptions", nil, "", "Authorization", "Bearer "+key)
		ts.do(t, "GET", "/v1/nope", nil, "", "Authorization", "Bearer "+key)
	}
	got := logs.String()
	if got == "" {
		t.Fatal("no logs at all; the test would prove nothing")
	}
	for _, key := range []string{"s3cret-key-1", "wr0ng-key-2"} {
		if strings.Contains(got, key) {
			t.Errorf("key %q is in the logs", key)
		}
	}
}

// TestPlaylistUploadsRefused (issue 9, what holds): manifests and playlists
// that would make ffmpeg open other files or URLs are not audio: 415 and no
// job, also with MPEG frames hidden in a comment.
func TestPlaylistUploadsRefused(t *testing.T) {
	t.Parallel()
	needFFmpeg(t)
	ts := newServer(t, serverOpts{})
	mp3 := mp3Tone(t, "1")
	tests := []struct {
		name string
		body []byte
	}{
		{"HLS", []byte("#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n")},
		{"ffconcat", []byte("ffconcat version 1.0\nfile '/etc/passwd'\n")},
		{"SDP", []byte("v=0\no=- 0 0 IN IP4 127.0.0.1\ns=x\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 0\n")},
		{"DASH with hidden frames", append([]byte(`<?xml version="1.0"?><MPD><!-- `), append(mp3,
			[]byte(` --><Period><AdaptationSet><Representation><BaseURL>file:///etc/passwd</BaseURL></Representation></AdaptationSet></Period></MPD>`)...)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := ts.upload(t, "/v1/transcriptions", tt.body, nil); r.status != 415 {
				t.Errorf("got %d %s, want 415", r.status, r.body)
			}
		})
	}
	if n := listed(t, ts); n != 0 {
		t.Errorf("%d jobs from playlists", n)
	}
}

// TestMarkupEscapedInHTML (issue 9, what holds): article text with markup
// and a javascript: URL comes out of the aligned HTML document escaped, and
// the newsroom page keeps its strict policy (no inline script, framed only
// by itself).
func TestMarkupEscapedInHTML(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{web: true})
	evilText := article + ` <img src=x onerror=alert(1)> <a href="javascript:alert(2)">x</a>`
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"article": evilText})
	var j jobView
	r.json(t, &j)
	if j = ts.waitJob(t, j.ID); j.Status != "done" {
		t.Fatalf("job %s: %+v", j.Status, j.Error)
	}
	h := ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/alignment?format=html", nil, "")
	if h.status != 200 {
		t.Fatalf("alignment html: %d %s", h.status, h.body)
	}
	for _, bad := range []string{"<img", `href="javascript`, "onerror=alert"} {
		if bytes.Contains(h.body, []byte(bad)) {
			t.Errorf("the aligned HTML holds %q unescaped", bad)
		}
	}
	if !bytes.Contains(h.body, []byte("&lt;")) {
		t.Errorf("the article's markup is not in the document as text")
	}
	page := ts.do(t, "GET", "/", nil, "")
	csp := page.header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "frame-ancestors 'self'") || strings.Contains(csp, "'unsafe-inline'") && strings.Contains(csp, "script-src 'unsafe-inline'") {
		t.Errorf("newsroom page CSP %q, want frame-ancestors 'self' and no inline script", csp)
	}
}

// movTone is a 3 s QuickTime file of a freq Hz tone (16 kHz mono PCM,
// index at the end), made by ffmpeg. Two of them have the same chunk
// offsets, so one's index can read the other's samples.
func movTone(t *testing.T, freq int) []byte {
	return lavfiTone(t, "tone.mov", fmt.Sprintf("sine=f=%d:d=3:r=16000", freq), "-ac", "1", "-c:a", "pcm_s16le", "-f", "mov")
}

// goertzel is the amplitude of the freq Hz component of 16 kHz samples.
func goertzel(x []float32, freq float64) float64 {
	w := 2 * math.Pi * freq / 16000
	var s1, s2 float64
	for _, v := range x {
		s1, s2 = float64(v)+2*math.Cos(w)*s1-s2, s1
	}
	return 2 * math.Sqrt(s1*s1+s2*s2-2*math.Cos(w)*s1*s2) / float64(len(x))
}

// TestUploadNeverReadsAnotherUpload (issue 9, what holds: external MP4
// data references ignored): an upload whose track data is an alias to
// another user's stored upload (../<sha[:2]>/<sha> beside its own blob, the
// sha from that user's transcription) must never publish that upload's
// audio. The test first runs ffmpeg on the carrier, stored where the server
// keeps uploads, with -enable_drefs 1 to prove it reads the secret; the
// server then refuses the carrier with a 4xx and queues nothing (it decodes
// to no audio), or serves no 1 kHz tone for it. With the sandbox's flag
// flipped to 1 the public embed serves the other upload's tone.
func TestUploadNeverReadsAnotherUpload(t *testing.T) {
	t.Parallel()
	needFFmpeg(t)
	ts := newServer(t, serverOpts{web: true})
	_, sha := uploadDone(t, ts, "/v1/transcriptions", movTone(t, 1000))

	carrier, err := movtest.ExternalData(movTone(t, 300),
		movtest.Alias{Path: "/Volumes/x/" + sha[:2] + "/" + sha, FromLevels: 2, ToLevels: 2})
	if err != nil {
		t.Fatal(err)
	}
	// The carrier is a working exploit once ffmpeg follows references,
	// stored where the server would keep it (then removed again).
	stored := ts.store.Blobs.AudioPath(fmt.Sprintf("%x", sha256.Sum256(carrier)))
	if err := os.MkdirAll(filepath.Dir(stored), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stored, carrier, 0o644); err != nil {
		t.Fatal(err)
	}
	direct := filepath.Join(t.TempDir(), "direct.wav")
	out, err := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "mov", "-enable_drefs", "1",
		"-i", "file:"+stored, "-ar", "16000", "-ac", "1", direct).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v %s", err, out)
	}
	if err := os.Remove(stored); err != nil {
		t.Fatal(err)
	}
	clip, err := audio.DecodeFile(context.Background(), direct, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := goertzel(clip.Samples, 1000); a < 0.1 {
		t.Fatalf("the carrier is no exploit: ffmpeg -enable_drefs 1 reads amplitude %.4f at 1 kHz", a)
	} else {
		t.Logf("ffmpeg -enable_drefs 1 on the stored carrier: amplitude %.4f at 1 kHz (secret), %.4f at 300 Hz", a, goertzel(clip.Samples, 300))
	}

	// The server decodes the carrier as what it holds itself: nothing.
	// Refused before any job is queued, or (were it ever accepted) never
	// transcribed nor published as the other upload's audio.
	id := publishedArticle(t, ts)
	r := ts.upload(t, "/v1/articles/"+id+"/audio", carrier, nil)
	if r.status != 202 {
		if r.status < 400 || r.status >= 500 {
			t.Fatalf("carrier upload: %d %s, want 202 or a 4xx", r.status, r.body)
		}
		t.Logf("carrier refused: %d %s", r.status, r.body)
		if n := listed(t, ts); n != 1 {
			t.Errorf("%d jobs, want only the secret's", n)
		}
		return
	}
	var j jobView
	r.json(t, &j)
	j = ts.waitJob(t, j.ID)
	t.Logf("carrier job: %s %+v", j.Status, j.Error)
	for _, p := range []string{"/v1/transcriptions/" + j.ID + "/audio", "/embed/articles/" + id + "/audio"} {
		a := ts.do(t, "GET", p, nil, "")
		if a.status != 200 {
			t.Logf("%s: %d", p, a.status)
			continue
		}
		clip, err := audio.Decode(context.Background(), bytes.NewReader(a.body), audio.Options{})
		if err != nil {
			t.Logf("%s: %s, %d bytes: %v", p, a.header.Get("Content-Type"), len(a.body), err)
			continue
		}
		if amp := goertzel(clip.Samples, 1000); amp > 0.01 {
			t.Errorf("%s serves the other upload's audio: amplitude %.4f at 1 kHz", p, amp)
		}
	}
}
