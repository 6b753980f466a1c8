package api_test

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/store"
)

type clipView struct {
	ID          string  `json:"id"`
	Object      string  `json:"object"`
	Status      string  `json:"status"`
	Progress    int     `json:"progress"`
	Quote       *int    `json:"quote"`
	Start       float64 `json:"start"`
	End         float64 `json:"end"`
	Duration    float64 `json:"duration"`
	Format      string  `json:"format"`
	Aspect      string  `json:"aspect"`
	Captions    string  `json:"captions"`
	Language    string  `json:"language"`
	Bytes       int64   `json:"bytes"`
	ContentType string  `json:"content_type"`
	URL         string  `json:"url"`
	Error       *struct {
		Code, Message string
	} `json:"error"`
}

// waitClip polls until the clip is done or failed.
func (ts *testServer) waitClip(t *testing.T, job, id string) clipView {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		var c clipView
		ts.do(t, "GET", "/v1/transcriptions/"+job+"/clips/"+id, nil, "").json(t, &c)
		if c.Status == "done" || c.Status == "failed" {
			return c
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("clip %s did not finish in 2 minutes", id)
	return clipView{}
}

// TestClips makes a 9:16 captioned video of the article's quotation and an
// MP3 of a span through the API: 202 at once, progress, done, listed on the
// job, downloaded with its type, as an attachment, lasting the snapped span.
func TestClips(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
	testClips(t, newServer(t, serverOpts{}))
}

// TestClipsPostgres is TestClips with the queue and tables in PostgreSQL.
func TestClipsPostgres(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
	testClips(t, newServer(t, serverOpts{database: postgresURL(t)}))
}

func testClips(t *testing.T, ts *testServer) {
	var j jobView
	ts.upload(t, "/v1/transcriptions", wav(6, 220), map[string]string{"language": "ar", "article": article}).json(t, &j)
	if j = ts.waitJob(t, j.ID); j.Status != "done" {
		t.Fatalf("job %s: %+v", j.Status, j.Error)
	}
	base := "/v1/transcriptions/" + j.ID + "/clips"
	var withLinks struct {
		Links struct {
			Clips string `json:"clips"`
		} `json:"links"`
	}
	ts.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &withLinks)
	if withLinks.Links.Clips != base {
		t.Errorf("job links.clips = %q, want %q", withLinks.Links.Clips, base)
	}
	tests := []struct {
		name, body  string
		contentType string
		quote       bool
	}{
		{"quote video", `{"quote":0,"format":"mp4","aspect":"9:16","highlight":true}`, "video/mp4", true},
		{"span mp3", `{"from":"0:01.2","to":3,"format":"mp3"}`, "audio/mpeg", false},
	}
	var made []string
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ts.do(t, "POST", base, strings.NewReader(tt.body), "application/json")
			if r.status != 202 {
				t.Fatalf("POST: %d %s, want 202", r.status, r.body)
			}
			var c clipView
			r.json(t, &c)
			if c.Object != "transcription.clip" || c.Status != "queued" || r.header.Get("Location") != base+"/"+c.ID {
				t.Errorf("POST answered %+v, Location %q", c, r.header.Get("Location"))
			}
			made = append(made, c.ID)
			c = ts.waitClip(t, j.ID, c.ID)
			if c.Status != "done" {
				t.Fatalf("clip %s: %+v", c.Status, c.Error)
			}
			if c.Progress != 100 || c.Bytes == 0 || c.ContentType != tt.contentType || (c.Quote != nil) != tt.quote {
				t.Errorf("done clip %+v", c)
			}
			f := ts.do(t, "GET", c.URL, nil, "")
			if f.status != 200 || f.header.Get("Content-Type") != tt.contentType ||
				f.header.Get("X-Content-Type-Options") != "nosniff" ||
				f.header.Get("Content-Disposition") != `attachment; filename="`+c.ID+"."+c.Format+`"` ||
				int64(len(f.body)) != c.Bytes {
				t.Fatalf("file: %d %v (%d bytes), want 200 %s attachment of %d bytes", f.status, f.header, len(f.body), tt.contentType, c.Bytes)
			}
			p := filepath.Join(t.TempDir(), "clip."+c.Format)
			if err := os.WriteFile(p, f.body, 0o644); err != nil {
				t.Fatal(err)
			}
			m, err := audio.ProbeMedia(context.Background(), p, audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(m.Duration-c.Duration) > 0.1 || math.Abs(c.Duration-(c.End-c.Start)) > 1e-6 {
				t.Errorf("file lasts %.3f s; clip says %.3f s (%.3f–%.3f)", m.Duration, c.Duration, c.Start, c.End)
			}
			if rg := ts.do(t, "GET", c.URL, nil, "", "Range", "bytes=0-99"); rg.status != 206 || len(rg.body) != 100 {
				t.Errorf("Range request: %d with %d bytes, want 206 with 100", rg.status, len(rg.body))
			}
		})
	}
	var list struct {
		Object string     `json:"object"`
		Data   []clipView `json:"data"`
	}
	ts.do(t, "GET", base, nil, "").json(t, &list)
	if len(list.Data) != len(made) {
		t.Errorf("list has %d clips, want %d", len(list.Data), len(made))
	}
}

// TestClipRequestErrors: every bad clip request is refused with 400 (or
// 404/409) and a code before anything is queued.
func TestClipRequestErrors(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	var j, bare jobView
	ts.upload(t, "/v1/transcriptions", wav(6, 220), map[string]string{"language": "ar", "article": article}).json(t, &j)
	ts.upload(t, "/v1/transcriptions", wav(5, 330), map[string]string{"language": "ar"}).json(t, &bare)
	ts.waitJob(t, j.ID)
	ts.waitJob(t, bare.ID)
	base := "/v1/transcriptions/" + j.ID + "/clips"
	tests := []struct {
		name, path, body string
		status           int
		code, param      string
	}{
		{"no span", base, `{}`, 400, "missing_parameter", "from"},
		{"quote and span", base, `{"quote":0,"from":1,"to":2}`, 400, "invalid_value", "quote"},
		{"format", base, `{"from":1,"to":2,"format":"wav"}`, 400, "invalid_value", "format"},
		{"aspect", base, `{"from":1,"to":2,"aspect":"4:3"}`, 400, "invalid_value", "aspect"},
		{"aspect of audio", base, `{"from":1,"to":2,"format":"mp3","aspect":"9:16"}`, 400, "invalid_value", "aspect"},
		{"captions of audio", base, `{"from":1,"to":2,"format":"m4a","captions":"burn"}`, 400, "invalid_value", "captions"},
		{"captions", base, `{"from":1,"to":2,"captions":"open"}`, 400, "invalid_value", "captions"},
		{"no such quote", base, `{"quote":4}`, 400, "invalid_value", "quote"},
		{"bad time", base, `{"from":"1:75","to":2}`, 400, "invalid_value", "from"},
		{"reversed", base, `{"from":3,"to":2}`, 400, "invalid_value", "from"},
		{"too long", base, `{"from":0,"to":700}`, 400, "invalid_value", "from"},
		{"after the speech", base, `{"from":10,"to":12}`, 400, "no_speech", "from"},
		{"unknown field", base, `{"from":1,"to":2,"fps":60}`, 400, "bad_request", ""},
		{"no article", "/v1/transcriptions/" + bare.ID + "/clips", `{"quote":0}`, 400, "no_article", "quote"},
		{"no such job", "/v1/transcriptions/tr_nope/clips", `{"from":1,"to":2}`, 404, "not_found", ""},
		{"no such clip", base + "/clip_nope", ``, 404, "not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "POST"
			if tt.body == "" {
				method = "GET"
			}
			r := ts.do(t, method, tt.path, strings.NewReader(tt.body), "application/json")
			var e struct {
				Error struct {
					Code    string  `json:"code"`
					Param   *string `json:"param"`
					Message string  `json:"message"`
				} `json:"error"`
			}
			r.json(t, &e)
			param := ""
			if e.Error.Param != nil {
				param = *e.Error.Param
			}
			if r.status != tt.status || e.Error.Code != tt.code || param != tt.param || e.Error.Message == "" {
				t.Errorf("got %d %s (param %q): %s; want %d %s (param %q)", r.status, e.Error.Code, param, e.Error.Message, tt.status, tt.code, tt.param)
			}
		})
	}
	var list struct{ Data []clipView }
	ts.do(t, "GET", base, nil, "").json(t, &list)
	if len(list.Data) != 0 {
		t.Errorf("%d clips stored after refused requests, want 0", len(list.Data))
	}
}

// TestClipsRecoveredOnStart: a clip stored but never queued (the server
// died between the two) is made after the next start, and deleting the job
// deletes the clip's file.
func TestClipsRecoveredOnStart(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
	ts := newServer(t, serverOpts{})
	var j jobView
	ts.upload(t, "/v1/transcriptions", wav(4, 220), map[string]string{"language": "ar"}).json(t, &j)
	if j = ts.waitJob(t, j.ID); j.Status != "done" {
		t.Fatalf("job %s", j.Status)
	}
	ctx := context.Background()
	c := &store.Clip{JobID: j.ID, From: 0.5, To: 2, Format: "mp3", Captions: "none"}
	if err := ts.store.CreateClip(ctx, c); err != nil {
		t.Fatal(err)
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := ts.queue.Stop(sctx); err != nil {
		t.Fatal(err)
	}
	if err := ts.queue.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if got := ts.waitClip(t, j.ID, c.ID); got.Status != "done" {
		t.Fatalf("recovered clip %s: %+v", got.Status, got.Error)
	}
	path := ts.store.Blobs.ClipPath(c.ID, ".mp3")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("clip file: %v", err)
	}
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+j.ID, nil, ""); r.status >= 300 {
		t.Fatalf("DELETE job: %d %s", r.status, r.body)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("clip file after the job was deleted: %v, want it gone", err)
	}
}

// TestClipEnglishCaptions (issue 15 §3): a clip's captions can be the job's
// English machine translation — refused with no_translation before one
// exists, then made: the soft subtitle track of the MP4 says the English
// words, none of the Arabic, while the cut is the recording's span.
func TestClipEnglishCaptions(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
	ts := newServer(t, serverOpts{result: bilingual})
	var j jobView
	ts.upload(t, "/v1/transcriptions", wav(6, 220), map[string]string{"language": "ar"}).json(t, &j)
	if j = ts.waitJob(t, j.ID); j.Status != "done" {
		t.Fatalf("job %s: %+v", j.Status, j.Error)
	}
	base := "/v1/transcriptions/" + j.ID + "/clips"
	body := `{"from":0,"to":6,"format":"mp4","captions":"soft","language":"en"}`
	for _, tt := range []struct{ name, body, param string }{
		{"no translation yet", body, "no_translation"},
		{"unknown language", `{"from":0,"to":6,"format":"mp4","language":"fr"}`, "invalid_value"},
		{"no captions to translate", `{"from":0,"to":6,"format":"mp3","language":"en"}`, "invalid_value"},
	} {
		r := ts.do(t, "POST", base, strings.NewReader(tt.body), "application/json")
		if r.status != 400 || !strings.Contains(string(r.body), tt.param) || !strings.Contains(string(r.body), `"param":"language"`) {
			t.Errorf("%s: got %d %s, want 400 %s on language", tt.name, r.status, r.body, tt.param)
		}
	}

	r := ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/translation", nil, "")
	var tj jobView
	r.json(t, &tj)
	if done := ts.waitJob(t, tj.ID); done.Status != "done" {
		t.Fatalf("translation job: %+v", done)
	}
	r = ts.do(t, "POST", base, strings.NewReader(body), "application/json")
	if r.status != 202 {
		t.Fatalf("POST: %d %s, want 202", r.status, r.body)
	}
	var c clipView
	r.json(t, &c)
	if c = ts.waitClip(t, j.ID, c.ID); c.Status != "done" || c.Language != "en" {
		t.Fatalf("clip %s (language %q): %+v", c.Status, c.Language, c.Error)
	}
	f := ts.do(t, "GET", c.URL, nil, "")
	clipPath := filepath.Join(t.TempDir(), "clip.mp4")
	if err := os.WriteFile(clipPath, f.body, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ffmpeg", "-v", "error", "-i", clipPath, "-map", "0:s:0", "-f", "srt", "-").Output()
	if err != nil {
		t.Fatalf("reading the subtitle track: %v", err)
	}
	subs := string(out)
	for _, w := range []string{"president", "government", "citizens"} {
		if !strings.Contains(subs, w) {
			t.Errorf("subtitles lack %q:\n%s", w, subs)
		}
	}
	if strings.ContainsFunc(subs, func(r rune) bool { return r >= 0x0600 && r <= 0x06FF }) {
		t.Errorf("English subtitles carry Arabic letters:\n%s", subs)
	}
}
