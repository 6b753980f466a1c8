package api_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/transcribe"
)

// threeSegments is a transcript of three sentences spread over the clip.
func threeSegments(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	d := float64(len(samples)) / 16000
	texts := []string{"قال الرئيس اليوم", "إن الحكومة ستواصل العمل", "من أجل المواطنين"}
	if opts.Translate {
		texts = []string{"The president said today", "that the government will keep working", "for the citizens"}
	}
	t := &transcribe.Transcript{Language: "ar", Duration: d, Text: strings.Join(texts, " ")}
	for i, x := range texts {
		seg := transcribe.Segment{ID: i, Start: d * float64(i) / 3, End: d * float64(i+1) / 3, Text: x}
		seg.Words = []transcribe.Word{{Word: strings.Fields(x)[0], Start: seg.Start, End: seg.End, Probability: 0.9}}
		t.Segments = append(t.Segments, seg)
	}
	return t, nil
}

// errorOf decodes an OpenAI error answer.
func errorOf(t *testing.T, r resp) (code, typ string, param *string, msg string) {
	t.Helper()
	var e struct {
		Error struct {
			Code, Type, Message string
			Param               *string
		} `json:"error"`
	}
	r.json(t, &e)
	return e.Error.Code, e.Error.Type, e.Error.Param, e.Error.Message
}

// TestOpenAIBadParameters: every invalid parameter is a 400 at once, in
// OpenAI's error shape naming the parameter, and no job is created (issue
// 12 §1.1, issue 9 items 6 and 7).
func TestOpenAIBadParameters(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	tests := []struct {
		name, path string
		fields     map[string]string
		param      string
		inMessage  string
	}{
		{"unknown language", "/v1/audio/transcriptions", map[string]string{"language": "xx"}, "language", "ISO 639-1"},
		{"temperature not a number", "/v1/audio/transcriptions", map[string]string{"temperature": "abc"}, "temperature", "0 to 1"},
		{"temperature too high", "/v1/audio/transcriptions", map[string]string{"temperature": "1.5"}, "temperature", "0 to 1"},
		{"temperature negative", "/v1/audio/translations", map[string]string{"temperature": "-0.1"}, "temperature", "0 to 1"},
		{"response_format", "/v1/audio/transcriptions", map[string]string{"response_format": "xml"}, "response_format", "verbose_json"},
		{"granularity", "/v1/audio/transcriptions", map[string]string{"timestamp_granularities[]": "char"}, "timestamp_granularities[]", "word"},
		{"model", "/v1/audio/transcriptions", map[string]string{"model": "tiny"}, "model", "/v1/models"},
		{"prompt too long", "/v1/audio/transcriptions", map[string]string{"prompt": strings.Repeat("كلمة ", 500)}, "prompt", "224 tokens"},
		{"prompt not UTF-8", "/v1/audio/transcriptions", map[string]string{"prompt": "\xff\xfe"}, "prompt", "UTF-8"},
		{"stream not a bool", "/v1/audio/transcriptions", map[string]string{"stream": "yes please"}, "stream", "true or false"},
		{"stream with srt", "/v1/audio/transcriptions", map[string]string{"stream": "true", "response_format": "srt"}, "stream", "json or text"},
		{"stream on translations", "/v1/audio/translations", map[string]string{"stream": "true"}, "stream", "transcriptions only"},
		{"project API language", "/v1/transcriptions", map[string]string{"language": "xx"}, "language", "ISO 639-1"},
		{"project API article not UTF-8", "/v1/transcriptions", map[string]string{"article": "\xc3\x28 نص"}, "article", "UTF-8"},
		{"project API temperature", "/v1/transcriptions", map[string]string{"temperature": "NaN"}, "temperature", "0 to 1"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls := ts.engine.Calls()
			r := ts.upload(t, tc.path, wav(0.3, float64(700+i)), tc.fields)
			if r.status != 400 {
				t.Fatalf("got %d %s, want 400", r.status, r.body)
			}
			_, typ, param, msg := errorOf(t, r)
			if typ != "invalid_request_error" || param == nil || *param != tc.param || !strings.Contains(msg, tc.inMessage) {
				t.Errorf("got %s, want type invalid_request_error, param %q and %q in the message", r.body, tc.param, tc.inMessage)
			}
			var list struct{ Total int }
			ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &list)
			if list.Total != 0 {
				t.Errorf("%d jobs exist after a refused request, want 0", list.Total)
			}
			if ts.engine.Calls() != calls {
				t.Errorf("the engine ran for a refused request")
			}
		})
	}
}

// TestOptionErrorNotRetried: an engine that refuses an option (a request an
// older server accepted) fails the job at once, without retries.
func TestOptionErrorNotRetried(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{result: func([]float32, transcribe.Options) (*transcribe.Transcript, error) {
		return nil, &transcribe.OptionError{Option: "language", Err: errors.New(`whisper: unknown language "zz"`)}
	}})
	r := ts.upload(t, "/v1/audio/transcriptions", wav(0.3, 440), nil)
	if r.status != 400 {
		t.Fatalf("got %d %s, want 400", r.status, r.body)
	}
	if code, _, _, _ := errorOf(t, r); code != "bad_request" {
		t.Errorf("code: got %s", r.body)
	}
	if n := ts.engine.Calls(); n != 1 {
		t.Errorf("engine called %d times, want 1 (no retry)", n)
	}
}

// TestOpenAITemperatureAndTranslate: temperature and the translate task
// reach the engine and are part of the "same request" key.
func TestOpenAITemperatureAndTranslate(t *testing.T) {
	t.Parallel()
	var (
		mu   sync.Mutex
		seen []transcribe.Options
	)
	ts := newServer(t, serverOpts{result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		mu.Lock()
		seen = append(seen, o)
		mu.Unlock()
		return threeSegments(s, o)
	}})
	clip := wav(0.6, 440)
	for _, temp := range []string{"", "0.4", "0.4", "0.8"} {
		if r := ts.upload(t, "/v1/audio/transcriptions", clip, map[string]string{"temperature": temp}); r.status != 200 {
			t.Fatalf("temperature %q: got %d %s", temp, r.status, r.body)
		}
	}
	r := ts.upload(t, "/v1/audio/translations", clip, map[string]string{"response_format": "verbose_json", "temperature": "0.4"})
	if r.status != 200 {
		t.Fatalf("translation: got %d %s", r.status, r.body)
	}
	var v struct {
		Task, Language, Text string
		Segments             []struct{ Text string }
	}
	r.json(t, &v)
	if v.Task != "translate" || v.Language != "english" || !strings.HasPrefix(v.Text, "The president") || len(v.Segments) != 3 {
		t.Errorf("translation verbose_json: got %s", r.body)
	}
	mu.Lock()
	defer mu.Unlock()
	var got []float32
	for _, o := range seen {
		got = append(got, o.Temperature)
	}
	// The repeated 0.4 joins the earlier job; the others each run.
	if len(seen) != 4 || got[0] != 0 || got[1] != 0.4 || got[2] != 0.8 || got[3] != 0.4 || seen[3].Translate != true || seen[1].Translate {
		t.Errorf("engine saw temperatures %v, translate %v; want [0 0.4 0.8 0.4], only the last translating", got, seen)
	}
}

// TestOpenAIVerboseArrays: verbose_json has segments and words as arrays
// when asked for, even for a clip with no speech.
func TestOpenAIVerboseArrays(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		return &transcribe.Transcript{Language: "ar", Duration: float64(len(s)) / 16000}, nil
	}})
	r := ts.upload(t, "/v1/audio/transcriptions", wav(0.3, 440), map[string]string{
		"response_format": "verbose_json", "timestamp_granularities[]": "word"})
	r2 := ts.upload(t, "/v1/audio/transcriptions", wav(0.3, 441), map[string]string{"response_format": "verbose_json"})
	for _, tc := range []struct {
		r    resp
		want []string
		not  string
	}{{r, []string{`"words":[]`}, `"segments"`}, {r2, []string{`"segments":[]`}, `"words"`}} {
		if tc.r.status != 200 {
			t.Fatalf("got %d %s", tc.r.status, tc.r.body)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(tc.r.body), w) {
				t.Errorf("got %s, want %s", tc.r.body, w)
			}
		}
		if strings.Contains(string(tc.r.body), tc.not) {
			t.Errorf("got %s, want no %s (not asked for)", tc.r.body, tc.not)
		}
	}
}

// TestOpenAIModels: /v1/models lists the server's model and OpenAI's
// names; each is accepted as the model of a request.
func TestOpenAIModels(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	var list struct {
		Object string
		Data   []struct{ ID, Object, OwnedBy string }
	}
	r := ts.do(t, "GET", "/v1/models", nil, "")
	r.json(t, &list)
	var ids []string
	for _, m := range list.Data {
		ids = append(ids, m.ID)
		if m.Object != "model" {
			t.Errorf("model %s: object %q", m.ID, m.Object)
		}
	}
	if list.Object != "list" || strings.Join(ids, ",") != "test-model,whisper-1,gpt-4o-transcribe,gpt-4o-mini-transcribe" {
		t.Fatalf("got %s", r.body)
	}
	for i, id := range append(ids, "test-model.bin") {
		if id != "test-model.bin" {
			if r := ts.do(t, "GET", "/v1/models/"+id, nil, ""); r.status != 200 || !strings.Contains(string(r.body), `"id":"`+id+`"`) {
				t.Errorf("GET /v1/models/%s: got %d %s", id, r.status, r.body)
			}
		}
		if r := ts.upload(t, "/v1/audio/transcriptions", wav(0.3, float64(800+i)), map[string]string{"model": id}); r.status != 200 {
			t.Errorf("model %s: got %d %s", id, r.status, r.body)
		}
	}
	r = ts.do(t, "GET", "/v1/models/tiny", nil, "")
	if code, _, param, _ := errorOf(t, r); r.status != 404 || code != "model_not_found" || param == nil || *param != "model" {
		t.Errorf("unknown model: got %d %s", r.status, r.body)
	}
}

// TestOpenAINoBidiMarks: OpenAI's subtitle formats carry no RLE/PDF marks;
// the project's own download keeps them for players.
func TestOpenAINoBidiMarks(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	for _, f := range []string{"srt", "vtt", "text"} {
		r := ts.upload(t, "/v1/audio/transcriptions", wav(0.5, 440), map[string]string{"response_format": f})
		if r.status != 200 || strings.ContainsAny(string(r.body), "\u202b\u202c") || !strings.Contains(string(r.body), "الرئيس") {
			t.Errorf("%s: got %d %q", f, r.status, r.body)
		}
	}
	var list struct{ Data []jobView }
	ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &list)
	r := ts.do(t, "GET", "/v1/transcriptions/"+list.Data[0].ID+"/transcript?format=srt", nil, "")
	if !strings.Contains(string(r.body), "\u202b") {
		t.Errorf("project srt download lost its RLE marks: %q", r.body)
	}
}

// sse reads OpenAI stream events from body until it ends.
func sse(t *testing.T, body io.Reader, each func(ev map[string]any)) {
	t.Helper()
	sc := bufio.NewScanner(body)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var ev map[string]any
		if err := json.Unmarshal([]byte(line), &ev); err != nil {
			t.Fatalf("event %q: %v", line, err)
		}
		each(ev)
	}
}

// TestOpenAIStream: stream=true sends a delta per segment while the job is
// still running, then done with the whole text; a second identical request
// (joining the done job) gets the same events from the stored transcript.
func TestOpenAIStream(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{result: threeSegments, stepDelay: 300 * time.Millisecond})
	clip := wav(0.9, 440)
	for _, pass := range []string{"live", "stored"} {
		t.Run(pass, func(t *testing.T) {
			body, ct := form(t, clip, map[string]string{"stream": "true", "model": "gpt-4o-mini-transcribe"})
			res, err := http.Post(ts.URL+"/v1/audio/transcriptions", ct, body)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
				t.Fatalf("got %d %s", res.StatusCode, res.Header.Get("Content-Type"))
			}
			var (
				deltas         []string
				done           string
				runningAtFirst string
			)
			sse(t, res.Body, func(ev map[string]any) {
				switch ev["type"] {
				case "transcript.text.delta":
					if len(deltas) == 0 {
						var list struct{ Data []jobView }
						ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &list)
						runningAtFirst = list.Data[0].Status
					}
					deltas = append(deltas, ev["delta"].(string))
				case "transcript.text.done":
					done = ev["text"].(string)
				default:
					t.Errorf("unexpected event %v", ev)
				}
			})
			want, _ := threeSegments(make([]float32, 16000), transcribe.Options{})
			if len(deltas) != 3 || strings.Join(deltas, "") != want.Text || done != want.Text {
				t.Errorf("deltas %q, done %q; want 3 deltas adding up to %q", deltas, done, want.Text)
			}
			if pass == "live" && runningAtFirst != "running" {
				t.Errorf("the first delta arrived when the job was %q, want running (streamed as decoded)", runningAtFirst)
			}
		})
	}
}

// TestOpenAIStreamError: a job that fails sends an error event the SDKs
// raise.
func TestOpenAIStreamError(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{result: func([]float32, transcribe.Options) (*transcribe.Transcript, error) {
		return nil, &transcribe.OptionError{Option: "language", Err: errors.New("whisper: unknown language")}
	}})
	body, ct := form(t, wav(0.3, 440), map[string]string{"stream": "true"})
	res, err := http.Post(ts.URL+"/v1/audio/transcriptions", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var got []map[string]any
	sse(t, res.Body, func(ev map[string]any) { got = append(got, ev) })
	if len(got) != 1 || got[0]["error"] == nil || got[0]["error"].(map[string]any)["type"] != "invalid_request_error" {
		t.Errorf("got events %v, want one error event", got)
	}
}

// TestOpenAIClientGoneChunked: a client that sends its upload chunked (no
// Content-Length, as the Node SDK does), whose last chunk comes after the
// multipart body's closing boundary, and that goes away while waiting
// cancels its job.
func TestOpenAIClientGoneChunked(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{stepDelay: 2 * time.Second})
	body, ct := form(t, wav(0.5, 440), nil)
	pr, pw := io.Pipe()
	go func() {
		io.Copy(pw, body)
		// The last chunk as a write of its own, after the server has parsed
		// the closing boundary (this pause orders events; nothing is timed).
		time.Sleep(300 * time.Millisecond)
		pw.Close()
	}()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/v1/audio/transcriptions", struct{ io.Reader }{pr})
	req.Header.Set("Content-Type", ct)
	errc := make(chan error, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			res.Body.Close()
		}
		errc <- err
	}()
	var id string
	for deadline := time.Now().Add(20 * time.Second); id == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var list struct{ Data []jobView }
		ts.do(t, "GET", "/v1/transcriptions?status=running", nil, "").json(t, &list)
		if len(list.Data) > 0 {
			id = list.Data[0].ID
		}
	}
	if id == "" {
		t.Fatal("the job never started")
	}
	cancel()
	<-errc
	if j := ts.waitJob(t, id); j.Status != "canceled" {
		t.Errorf("job after the client left: %s, want canceled", j.Status)
	}
	r := ts.do(t, "GET", "/v1/transcriptions/"+id+"/transcript", nil, "")
	if _, _, _, msg := errorOf(t, r); r.status != 409 || !strings.Contains(msg, "canceled") {
		t.Errorf("transcript of a canceled job: got %d %s, want 409 saying it was canceled", r.status, r.body)
	}
}
