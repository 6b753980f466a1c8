package api_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/transcribe"
)

func TestTranscriptionLifecycle(t *testing.T) {
	t.Parallel()
	testLifecycle(t, newServer(t, serverOpts{}))
}

func TestTranscriptionLifecyclePostgres(t *testing.T) {
	t.Parallel()
	testLifecycle(t, newServer(t, serverOpts{database: postgresURL(t)}))
}

func testLifecycle(t *testing.T, ts *testServer) {
	r := ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar"})
	if r.status != http.StatusAccepted {
		t.Fatalf("POST: got %d %s, want 202", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	if !strings.HasPrefix(j.ID, "tr_") {
		t.Fatalf("id %q", j.ID)
	}
	if strings.Contains(j.Filename, "/") {
		t.Errorf("filename %q keeps a path", j.Filename)
	}
	if got := r.header.Get("Location"); got != "/v1/transcriptions/"+j.ID {
		t.Errorf("Location %q", got)
	}
	done := ts.waitJob(t, j.ID)
	if done.Status != "done" || done.Progress != 100 || done.AudioDuration != 1 {
		t.Fatalf("got %+v, want done, 100%%, 1s", done)
	}

	tests := []struct {
		name, format, ctype, want string
	}{
		{"json", "json", "application/json", `"text": "` + spoken + `"`},
		{"srt", "srt", "application/x-subrip", "00:00:00,000 --> "},
		{"vtt", "vtt", "text/vtt", "WEBVTT"},
		{"txt", "txt", "text/plain", "الخدمات للمواطنين"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript?format="+tc.format, nil, "")
			if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), tc.ctype) || !strings.Contains(string(r.body), tc.want) {
				t.Errorf("got %d %s %q, want 200 %s containing %q", r.status, r.header.Get("Content-Type"), r.body, tc.ctype, tc.want)
			}
		})
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript?format=doc", nil, ""); r.status != 400 {
		t.Errorf("bad format: got %d, want 400", r.status)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/alignment", nil, ""); r.status != 404 {
		t.Errorf("alignment without article: got %d, want 404", r.status)
	}

	// Same audio, model and options: joined, not transcribed again.
	r = ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar"})
	var again jobView
	r.json(t, &again)
	if r.status != 200 || again.ID != j.ID {
		t.Errorf("duplicate upload: got %d job %s, want 200 job %s", r.status, again.ID, j.ID)
	}
	// Same audio with an article: a new job reusing the transcript.
	r = ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar", "article": article})
	var withArt jobView
	r.json(t, &withArt)
	if r.status != 202 || withArt.ID == j.ID {
		t.Fatalf("article upload: got %d %s", r.status, r.body)
	}
	if got := ts.waitJob(t, withArt.ID); got.Status != "done" {
		t.Fatalf("article job: %+v", got)
	}
	if got := ts.engine.Calls(); got != 1 {
		t.Errorf("engine calls: got %d, want 1 (transcript reused)", got)
	}
	r = ts.do(t, "GET", "/v1/transcriptions/"+withArt.ID+"/alignment", nil, "")
	var al alignment
	r.json(t, &al)
	if r.status != 200 || al.matched("الخدمات") == nil || al.matched("ميزانية") != nil {
		t.Errorf("alignment: got %d %s, want الخدمات matched and ميزانية not", r.status, r.body)
	}

	// Audio: MP3 rendition with Range support.
	r = ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/audio", nil, "", "Range", "bytes=0-99")
	if r.status != http.StatusPartialContent || len(r.body) != 100 || r.header.Get("Content-Type") != "audio/mpeg" {
		t.Errorf("audio range: got %d, %d bytes, %s; want 206, 100 bytes, audio/mpeg", r.status, len(r.body), r.header.Get("Content-Type"))
	}

	// List with paging.
	var list struct {
		Data  []jobView `json:"data"`
		Total int       `json:"total"`
	}
	ts.do(t, "GET", "/v1/transcriptions?limit=1", nil, "").json(t, &list)
	if list.Total != 2 || len(list.Data) != 1 || list.Data[0].ID != withArt.ID {
		t.Errorf("list: got total %d, %d items (%v), want 2 total, newest first", list.Total, len(list.Data), list.Data)
	}
	if n := countFiles(t, filepath.Join(ts.blobs, "audio")); n != 1 {
		t.Fatalf("stored recordings: got %d, want 1", n)
	}
	// DELETE on a finished job deletes it; the upload it shares with
	// withArt stays until that job goes too.
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+j.ID, nil, ""); r.status != http.StatusNoContent {
		t.Errorf("delete done job: got %d %s, want 204", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, ""); r.status != http.StatusNotFound {
		t.Errorf("deleted job: got %d, want 404", r.status)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+withArt.ID+"/audio", nil, ""); r.status != http.StatusOK {
		t.Errorf("audio of the job sharing the upload: got %d, want 200", r.status)
	}
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+withArt.ID, nil, ""); r.status != http.StatusNoContent {
		t.Errorf("delete second job: got %d, want 204", r.status)
	}
	if n := countFiles(t, filepath.Join(ts.blobs, "audio")) + countFiles(t, filepath.Join(ts.blobs, "play")); n != 0 {
		t.Errorf("the recording is still stored after its last job was deleted: %d files", n)
	}
}

// countFiles counts the regular files under dir.
func countFiles(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		return nil
	})
	return n
}

func TestCancelRunningJob(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{stepDelay: 2 * time.Second})
	j := jobView{ID: runningJob(t, ts)}
	began := time.Now()
	r := ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/cancel", nil, "")
	if r.status != 200 {
		t.Fatalf("cancel: got %d %s", r.status, r.body)
	}
	var cur jobView
	ts.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cur)
	if cur.Status != "canceled" {
		t.Fatalf("status after cancel: got %s, want canceled", cur.Status)
	}
	// The engine's context is cancelled: river records the job cancelled
	// once the worker returned, well before the engine's 8s of steps.
	var rows int
	// river marks the job cancelled once the worker returned.
	for time.Since(began) < 6*time.Second {
		ts.store.DB().QueryRow(`SELECT COUNT(*) FROM river_job WHERE state = 'cancelled'`).Scan(&rows)
		if rows == 1 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if rows != 1 {
		t.Fatalf("river job not cancelled after %s", time.Since(began))
	}
	d := time.Since(began)
	t.Logf("DELETE to river's cancelled state: %s", d)
	if d > 5*time.Second {
		t.Errorf("cancellation took %s to reach the engine", d)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript", nil, ""); r.status != http.StatusConflict {
		t.Errorf("transcript of canceled job: got %d, want 409", r.status)
	}
}

func TestQueueFull(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{maxQueue: 2, noStart: true})
	for i := 0; i < 2; i++ {
		if r := ts.upload(t, "/v1/transcriptions", wav(0.2, float64(200+i)), nil); r.status != 202 {
			t.Fatalf("upload %d: got %d", i, r.status)
		}
	}
	r := ts.upload(t, "/v1/transcriptions", wav(0.2, 999), nil)
	if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" {
		t.Fatalf("got %d Retry-After %q, want 429 with Retry-After", r.status, r.header.Get("Retry-After"))
	}
	assertError(t, r, "queue_full")
	if err := ts.queue.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// assertError checks the error envelope and that it leaks nothing internal.
func assertError(t *testing.T, r resp, code string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	r.json(t, &e)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("error: got %s, want code %q and a message", r.body, code)
	}
	for _, leak := range []string{"/tmp", "goroutine", ".go:", "panic", "/work", "/root"} {
		if strings.Contains(string(r.body), leak) {
			t.Errorf("error body %s leaks %q", r.body, leak)
		}
	}
	if strings.Contains(e.Error.Message, "\n") {
		t.Errorf("message is not one line: %q", e.Error.Message)
	}
	// OpenAI's shape, which the SDKs read: all four members, param null
	// when no parameter is at fault.
	var shape struct {
		Error map[string]json.RawMessage `json:"error"`
	}
	r.json(t, &shape)
	for _, k := range []string{"message", "type", "param", "code"} {
		if _, ok := shape.Error[k]; !ok {
			t.Errorf("error %s lacks %q", r.body, k)
		}
	}
	want := `"invalid_request_error"`
	switch {
	case r.status == 401:
		want = `"authentication_error"`
	case r.status == 429:
		want = `"rate_limit_error"`
	case r.status >= 500:
		want = `"server_error"`
	}
	if got := string(shape.Error["type"]); got != want {
		t.Errorf("error type: got %s, want %s for status %d", got, want, r.status)
	}
}

func TestBadInputs(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{keys: []string{"k1", "k2"}, maxUpload: 200 << 10, maxSeconds: 3})
	auth := []string{"Authorization", "Bearer k2"}
	big := bytes.Repeat([]byte("x"), 400<<10)
	tests := []struct {
		name   string
		send   func() resp
		status int
		code   string
	}{
		{"missing file", func() resp {
			return ts.upload(t, "/v1/transcriptions", nil, map[string]string{"language": "ar"}, auth...)
		}, 400, "missing_file"},
		{"not multipart", func() resp {
			return ts.do(t, "POST", "/v1/transcriptions", strings.NewReader("{}"), "application/json", auth...)
		}, 400, "bad_request"},
		{"not audio", func() resp {
			return ts.upload(t, "/v1/transcriptions", []byte("%PDF-1.4 not a recording"), nil, auth...)
		}, 415, "not_audio"},
		{"image", func() resp {
			png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), make([]byte, 64)...)
			return ts.upload(t, "/v1/transcriptions", png, nil, auth...)
		}, 415, "not_audio"},
		{"corrupt mp3", func() resp {
			b := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), bytes.Repeat([]byte{0xff, 0xfb, 0x90, 0x00, 0x13, 0x37}, 2000)...)
			return ts.upload(t, "/v1/transcriptions", b, nil, auth...)
		}, 422, "corrupt"},
		{"empty", func() resp { return ts.upload(t, "/v1/transcriptions", []byte{}, nil, auth...) }, 422, "empty"},
		{"too long", func() resp { return ts.upload(t, "/v1/transcriptions", wav(4, 440), nil, auth...) }, 422, "too_long"},
		{"over size", func() resp {
			// Expect: 100-continue, as curl sends for a large body: the
			// server answers 413 before the body is sent, so the client
			// is not still writing when the server closes (a reset that
			// lost the answer now and then).
			return ts.upload(t, "/v1/transcriptions", big, nil, append([]string{"Expect", "100-continue"}, auth...)...)
		}, 413, "too_large"},
		{"over size chunked", func() resp {
			// No Content-Length: the cap must trip while streaming.
			pr, pw := io.Pipe()
			body, ct := form(t, big, nil)
			go func() { io.Copy(pw, body); pw.Close() }()
			return ts.do(t, "POST", "/v1/transcriptions", struct{ io.Reader }{pr}, ct, auth...)
		}, 413, "too_large"},
		{"unknown job", func() resp { return ts.do(t, "GET", "/v1/transcriptions/tr_nope", nil, "", auth...) }, 404, "not_found"},
		{"unknown job delete", func() resp { return ts.do(t, "DELETE", "/v1/transcriptions/tr_nope", nil, "", auth...) }, 404, "not_found"},
		{"unknown article", func() resp {
			return ts.upload(t, "/v1/transcriptions", wav(0.3, 440), map[string]string{"article_id": "art_nope"}, auth...)
		}, 404, "not_found"},
		{"missing key", func() resp { return ts.upload(t, "/v1/transcriptions", wav(0.3, 440), nil) }, 401, "unauthorized"},
		{"wrong key", func() resp {
			return ts.upload(t, "/v1/transcriptions", wav(0.3, 440), nil, "Authorization", "Bearer k3")
		}, 401, "unauthorized"},
		{"unknown model", func() resp {
			return ts.upload(t, "/v1/transcriptions", wav(0.3, 440), map[string]string{"model": "tiny"}, auth...)
		}, 400, "unknown_model"},
		{"bad paging", func() resp { return ts.do(t, "GET", "/v1/transcriptions?limit=0", nil, "", auth...) }, 400, "bad_request"},
		{"bad openai format", func() resp {
			return ts.upload(t, "/v1/audio/transcriptions", wav(0.3, 440), map[string]string{"response_format": "xml"}, auth...)
		}, 400, "bad_format"},
		{"unknown route", func() resp { return ts.do(t, "GET", "/v1/nothing", nil, "", auth...) }, 404, "not_found"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.send()
			if r.status != tc.status {
				t.Fatalf("got %d %s, want %d", r.status, r.body, tc.status)
			}
			assertError(t, r, tc.code)
			// A later good upload still works.
			good := ts.upload(t, "/v1/transcriptions", wav(0.25, float64(500+i)), nil, auth...)
			if good.status != 202 {
				t.Fatalf("good upload after %s: got %d %s", tc.name, good.status, good.body)
			}
			var j jobView
			good.json(t, &j)
			if got := ts.waitJob(t, j.ID, auth...); got.Status != "done" {
				t.Fatalf("good job after %s: %+v", tc.name, got)
			}
		})
	}
	// Health checks need no key; /metrics and /v1/openapi.json do unless
	// --public-metrics (TestMetricsNeedKey).
	for _, p := range []string{"/healthz", "/readyz"} {
		if r := ts.do(t, "GET", p, nil, ""); r.status != 200 {
			t.Errorf("GET %s without key: got %d, want 200", p, r.status)
		}
	}
}

func TestArticles(t *testing.T) {
	t.Parallel()
	testArticles(t, newServer(t, serverOpts{}))
}

func TestArticlesPostgres(t *testing.T) {
	t.Parallel()
	testArticles(t, newServer(t, serverOpts{database: postgresURL(t)}))
}

func testArticles(t *testing.T, ts *testServer) {
	body := `{"title":"خطاب","body":"` + article + `","url":"https://example.com/a","external_id":"cms-1","published_at":"2026-11-29T08:00:00Z","published":true}`
	r := ts.do(t, "POST", "/v1/articles", strings.NewReader(body), "application/json")
	if r.status != 201 {
		t.Fatalf("create: got %d %s", r.status, r.body)
	}
	var a struct {
		ID          string    `json:"id"`
		Published   bool      `json:"published"`
		PublishedAt time.Time `json:"published_at"`
		Title       string    `json:"title"`
	}
	r.json(t, &a)
	if !a.Published || a.PublishedAt.IsZero() || a.Title != "خطاب" {
		t.Errorf("created: %s", r.body)
	}
	if r := ts.do(t, "POST", "/v1/articles", strings.NewReader(body), "application/json"); r.status != 409 {
		t.Errorf("duplicate external_id: got %d, want 409", r.status)
	}
	if r := ts.do(t, "POST", "/v1/articles", strings.NewReader(`{"title":"x","colour":1}`), "application/json"); r.status != 400 {
		t.Errorf("unknown field: got %d, want 400", r.status)
	}
	if r := ts.do(t, "GET", "/v1/articles/"+a.ID+"/transcript", nil, ""); r.status != 404 {
		t.Errorf("transcript before audio: got %d, want 404", r.status)
	}
	r = ts.upload(t, "/v1/articles/"+a.ID+"/audio", wav(1, 440), nil)
	if r.status != 202 {
		t.Fatalf("article audio: got %d %s", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	if !j.HasArticle {
		t.Errorf("job has no article: %s", r.body)
	}
	ts.waitJob(t, j.ID)
	r = ts.do(t, "GET", "/v1/articles/"+a.ID+"/transcript?format=json", nil, "")
	var al alignment
	r.json(t, &al)
	if r.status != 200 || al.matched("الحكومة") == nil || len(al.Quotes) != 1 || al.Quotes[0].Status != "spoken" {
		t.Fatalf("aligned article: got %d %s, want الحكومة matched and one spoken quote", r.status, r.body)
	}
	if r := ts.do(t, "GET", "/v1/articles/"+a.ID+"/transcript?format=html", nil, ""); r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
		t.Errorf("html: got %d %s", r.status, r.header.Get("Content-Type"))
	}
	if r := ts.do(t, "GET", "/v1/articles/"+a.ID+"/transcript?format=report", nil, ""); r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") || !strings.HasPrefix(string(r.body), "فحص الاقتباسات — اقتباس واحد") {
		t.Errorf("report: got %d %s %q", r.status, r.header.Get("Content-Type"), r.body)
	}
	if r := ts.do(t, "GET", "/v1/articles/"+a.ID+"/audio", nil, ""); r.status != 200 || r.header.Get("Accept-Ranges") != "bytes" {
		t.Errorf("article audio: got %d Accept-Ranges %q", r.status, r.header.Get("Accept-Ranges"))
	}
	// Editing the body re-aligns without ASR.
	calls := ts.engine.Calls()
	edited := "أعلن الوزير ميزانية جديدة. وقال: «ستواصل العمل من أجل تحسين الخدمات للمواطنين في كل المحافظات»."
	r = ts.do(t, "PUT", "/v1/articles/"+a.ID, strings.NewReader(`{"body":"`+edited+`"}`), "application/json")
	if r.status != 200 {
		t.Fatalf("PUT: got %d %s", r.status, r.body)
	}
	r = ts.do(t, "GET", "/v1/articles/"+a.ID+"/transcript", nil, "")
	var re alignment
	r.json(t, &re)
	if len(re.Words) == 0 || re.Words[0].Text != "أعلن" || re.matched("الخدمات") == nil || re.matched("الحكومة") != nil {
		t.Errorf("re-aligned: got %s, want the edited body with الخدمات matched", r.body)
	}
	if got := ts.engine.Calls(); got != calls {
		t.Errorf("engine calls after PUT: got %d, want %d", got, calls)
	}
	var list struct {
		Total int `json:"total"`
	}
	ts.do(t, "GET", "/v1/articles?external_id=cms-1", nil, "").json(t, &list)
	if list.Total != 1 {
		t.Errorf("list by external_id: got %d, want 1", list.Total)
	}
	if r := ts.do(t, "DELETE", "/v1/articles/"+a.ID, nil, ""); r.status != 204 {
		t.Errorf("DELETE: got %d", r.status)
	}
	if r := ts.do(t, "GET", "/v1/articles/"+a.ID, nil, ""); r.status != 404 {
		t.Errorf("GET deleted: got %d", r.status)
	}
}

func TestOpenAICompatible(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	tests := []struct {
		name   string
		fields map[string]string
		check  func(t *testing.T, r resp)
	}{
		{"json", map[string]string{"model": "whisper-1"}, func(t *testing.T, r resp) {
			var m map[string]any
			r.json(t, &m)
			if len(m) != 1 || m["text"] != spoken {
				t.Errorf("got %s, want exactly {\"text\":…}", r.body)
			}
		}},
		{"text", map[string]string{"response_format": "text"}, func(t *testing.T, r resp) {
			if string(r.body) != spoken+"\n" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
				t.Errorf("got %q %s", r.body, r.header.Get("Content-Type"))
			}
		}},
		{"srt", map[string]string{"response_format": "srt"}, func(t *testing.T, r resp) {
			if !strings.HasPrefix(string(r.body), "1\n00:00:00,000 --> ") {
				t.Errorf("got %q", r.body)
			}
		}},
		{"vtt", map[string]string{"response_format": "vtt"}, func(t *testing.T, r resp) {
			if !strings.HasPrefix(string(r.body), "WEBVTT") {
				t.Errorf("got %q", r.body)
			}
		}},
		{"verbose_json", map[string]string{"response_format": "verbose_json"}, func(t *testing.T, r resp) {
			var v map[string]json.RawMessage
			r.json(t, &v)
			for _, k := range []string{"task", "language", "duration", "text", "segments"} {
				if _, ok := v[k]; !ok {
					t.Errorf("verbose_json lacks %q: %s", k, r.body)
				}
			}
			if _, ok := v["words"]; ok {
				t.Errorf("words without word granularity: %s", r.body)
			}
			if string(v["task"]) != `"transcribe"` || string(v["language"]) != `"arabic"` {
				t.Errorf("task/language: %s %s", v["task"], v["language"])
			}
			var segs []map[string]any
			json.Unmarshal(v["segments"], &segs)
			for _, k := range []string{"id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob", "compression_ratio", "no_speech_prob"} {
				if len(segs) == 0 || segs[0][k] == nil {
					t.Errorf("segment lacks %q: %s", k, v["segments"])
				}
			}
		}},
		{"verbose_json words", map[string]string{"response_format": "verbose_json", "timestamp_granularities[]": "word"}, func(t *testing.T, r resp) {
			var v struct {
				Words []struct {
					Word       string
					Start, End float64
				} `json:"words"`
				Segments []any `json:"segments"`
			}
			r.json(t, &v)
			if len(v.Words) != 17 || v.Words[1].Word != "الرئيس" || v.Words[1].Start <= 0 || v.Segments != nil {
				t.Errorf("got %s, want 17 words and no segments", r.body)
			}
		}},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := ts.upload(t, "/v1/audio/transcriptions", wav(1, float64(300+i)), tc.fields, "Authorization", "Bearer sk-anything")
			if r.status != 200 {
				t.Fatalf("got %d %s", r.status, r.body)
			}
			tc.check(t, r)
		})
	}
	r := ts.upload(t, "/v1/audio/transcriptions", []byte("hello"), nil)
	if r.status != 415 {
		t.Errorf("not audio: got %d", r.status)
	}
}

func TestHealthReadyMetrics(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	var j jobView
	ts.upload(t, "/v1/transcriptions", wav(2, 440), nil).json(t, &j)
	ts.waitJob(t, j.ID)
	if r := ts.do(t, "GET", "/readyz", nil, ""); r.status != 200 || !strings.Contains(string(r.body), `"model":"loaded"`) {
		t.Errorf("readyz: %d %s", r.status, r.body)
	}
	r := ts.do(t, "GET", "/metrics", nil, "")
	for _, want := range []string{
		`newsscribe_jobs{status="done"} 1`,
		"newsscribe_queue_depth 0",
		"newsscribe_audio_seconds_transcribed_total 2",
		"newsscribe_real_time_factor_count 1",
		"newsscribe_upload_bytes_total " + fmt.Sprint(len(wav(2, 440))),
	} {
		if !strings.Contains(string(r.body), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestTransientFailureRetried(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	var calls atomic.Int32
	ts.engine.Result = func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		if calls.Add(1) == 1 {
			return nil, errors.New("out of memory for a moment")
		}
		return arabicResult(s, o)
	}
	var j jobView
	ts.upload(t, "/v1/transcriptions", wav(0.5, 440), nil).json(t, &j)
	got := ts.waitJob(t, j.ID)
	if got.Status != "done" || calls.Load() != 2 {
		t.Fatalf("got %+v after %d engine calls, want done after 2", got, calls.Load())
	}
}

func TestFailingJobFailsAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	ts.engine.Result = func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		return nil, errors.New("model exploded")
	}
	var j jobView
	ts.upload(t, "/v1/transcriptions", wav(0.5, 440), nil).json(t, &j)
	// 3 attempts with river's backoff (1 s, then 16 s) would take ~20 s; the
	// job reports the failure as retried until the last attempt.
	deadline := time.Now().Add(40 * time.Second)
	for time.Now().Before(deadline) {
		var cur jobView
		ts.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cur)
		if cur.Status == "failed" {
			if cur.Error == nil || !strings.Contains(cur.Error.Message, "model exploded") {
				t.Fatalf("failed job error: %+v", cur.Error)
			}
			if got := ts.engine.Calls(); got != 3 {
				t.Errorf("engine calls: got %d, want 3 (max attempts)", got)
			}
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("job did not fail after its attempts")
}

// TestConcurrentIdenticalUploadsShareOneJob sends the same request several
// times at once: all get the same job, and one job row exists, because a
// unique index backs the dedup lookup against the race between them.
func TestConcurrentIdenticalUploadsShareOneJob(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{noStart: true})
	data := wav(0.5, 440)
	const n = 8
	got := make([]resp, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = ts.upload(t, "/v1/transcriptions", data, nil)
		}()
	}
	wg.Wait()
	ids := map[string]int{}
	for _, r := range got {
		var j jobView
		r.json(t, &j)
		if r.status != http.StatusAccepted && r.status != http.StatusOK {
			t.Errorf("upload: got %d %s", r.status, r.body)
		}
		ids[j.ID]++
	}
	if len(ids) != 1 {
		t.Errorf("got %d different jobs for one request: %v", len(ids), ids)
	}
	var rows int
	if err := ts.store.DB().QueryRow(`SELECT COUNT(*) FROM ns_jobs`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 1 {
		t.Errorf("got %d job rows, want 1", rows)
	}
}
