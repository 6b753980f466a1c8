package api_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
	t.Helper()
	p := filepath.Join(t.TempDir(), "tone.mp3")
	out, err := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d="+seconds,
		"-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", p).CombinedOutput()
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

// TestAudioServedAsDecoded: the recording is served with the media type of
// the format package audio decoded it as, never sniffed by net/http — also
// when the stored upload is a polyglot left by an older version (then it is
// a download of application/octet-stream) — with nosniff and a script-free
// CSP on every response.
func TestAudioServedAsDecoded(t *testing.T) {
	needFFmpeg(t)
	ts := newServer(t, serverOpts{web: true})
	id := publishedArticle(t, ts)
	r := ts.upload(t, "/v1/articles/"+id+"/audio", wav(2, 440), nil)
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
	play := ts.store.Blobs.PlayPath(full.AudioSHA256)
	orig := ts.store.Blobs.AudioPath(full.AudioSHA256)
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
	if d := r.header.Get("Content-Disposition"); d != `attachment; filename="`+j.ID+`.srt"` {
		t.Errorf("srt Content-Disposition %q", d)
	}
}
