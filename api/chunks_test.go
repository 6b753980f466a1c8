package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// speechWAV is a 16 kHz 16-bit WAV of seconds: 3 s of tone then 1 s of
// silence, over and over, so that the recording has pauses to cut at.
func speechWAV(seconds float64) []byte {
	var b bytes.Buffer
	writeWAV(&b, int(seconds*16000), speechSample)
	return b.Bytes()
}

func speechSample(i int) int16 {
	if i%(4*16000) >= 3*16000 {
		return 0
	}
	return int16(8000 * math.Sin(2*math.Pi*220*float64(i)/16000))
}

// namesArticle names a speaker and a city outside its quotation.
const namesArticle = "قال محمد الدخيسي، والي امن مراكش، إن «الحكومة ستواصل العمل من أجل تحسين الخدمات». وزار الدخيسي مراكش."

type chunkedJob struct {
	jobView
	Chunks *struct{ Done, Total int } `json:"chunks"`
}

func TestChunkedJob(t *testing.T) {
	t.Parallel()
	testChunkedJob(t, "")
}

func TestChunkedJobPostgres(t *testing.T) {
	t.Parallel()
	testChunkedJob(t, postgresURL(t))
}

// testChunkedJob: a 40 s recording cut into 10 s chunks goes through the
// queue chunk by chunk; the stitched transcript holds every chunk's words
// in order with monotonic times; the article's prompt (names, not the
// quotation) and the user's prompt after it reach every chunk, carried to
// every window.
func testChunkedJob(t *testing.T, dsn string) {
	ts := newServer(t, serverOpts{database: dsn, chunkLength: 10 * time.Second, workers: 2})
	r := ts.upload(t, "/v1/transcriptions", speechWAV(40), map[string]string{"article": namesArticle, "prompt": "بلاغ أمني"})
	if r.status != http.StatusAccepted {
		t.Fatalf("upload: got %d %s", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	if got := ts.waitJob(t, j.ID); got.Status != "done" {
		t.Fatalf("job %+v, want done", got)
	}
	var cj chunkedJob
	ts.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cj)
	if cj.Chunks == nil || cj.Chunks.Total < 4 || cj.Chunks.Done != cj.Chunks.Total {
		t.Fatalf("chunks %+v, want ≥ 4 all done (40 s in chunks of ≤ 10 s)", cj.Chunks)
	}
	if cj.AudioDuration != 40 {
		t.Errorf("audio_duration %v, want 40", cj.AudioDuration)
	}
	calls := ts.engine.Options()
	if len(calls) != cj.Chunks.Total {
		t.Fatalf("%d recognitions for %d chunks", len(calls), cj.Chunks.Total)
	}
	for i, o := range calls {
		if !strings.Contains(o.Prompt, "الدخيسي") || !strings.Contains(o.Prompt, "مراكش") || !strings.HasSuffix(o.Prompt, " بلاغ أمني") {
			t.Errorf("call %d: prompt %q, want the article's names then the user's prompt", i, o.Prompt)
		}
		if strings.Contains(o.Prompt, "الحكومة") || strings.Contains(o.Prompt, "الخدمات") {
			t.Errorf("call %d: prompt %q holds quotation words", i, o.Prompt)
		}
		if !o.CarryPrompt {
			t.Errorf("call %d: prompt not carried to every window", i)
		}
	}
	var tr transcribe.Transcript
	ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript", nil, "").json(t, &tr)
	per := len(strings.Fields(spoken))
	var words []transcribe.Word
	for _, s := range tr.Segments {
		words = append(words, s.Words...)
	}
	if len(words) != per*cj.Chunks.Total {
		t.Fatalf("%d words, want %d (%d a chunk)", len(words), per*cj.Chunks.Total, per)
	}
	last := 0.0
	for i, w := range words {
		if w.Start < last || w.End < w.Start {
			t.Fatalf("word %d %q at %.3f–%.3f after %.3f: not monotonic", i, w.Word, w.Start, w.End, last)
		}
		last = w.End
	}
	if last > 40 || last < 39 {
		t.Errorf("last word ends at %.3f, want the end of the 40 s recording", last)
	}
}

// sseEvent is one server-sent event.
type sseEvent struct{ name, data string }

// readEvents reads the events of the stream at url until it ends.
func readEvents(t *testing.T, url string) []sseEvent {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	req.Header.Set("Accept", "text/event-stream")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events: got %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	var (
		out []sseEvent
		ev  sseEvent
	)
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if ev.name != "" {
				out = append(out, ev)
			}
			ev = sseEvent{}
		case strings.HasPrefix(line, "event: "):
			ev.name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.data += strings.TrimPrefix(line, "data: ")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("events: %v", err)
	}
	return out
}

// TestJobEvents reads the events of a chunked job with a real HTTP client:
// progress events carrying the job, chunk events counting up to the total,
// then done with the finished job, and the end of the stream.
func TestJobEvents(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{chunkLength: 10 * time.Second, stepDelay: 40 * time.Millisecond, steps: 5})
	r := ts.upload(t, "/v1/transcriptions", speechWAV(30), nil)
	var j jobView
	r.json(t, &j)
	events := readEvents(t, ts.URL+"/v1/transcriptions/"+j.ID+"/events")
	if len(events) < 3 {
		t.Fatalf("events %v, want progress, chunks and done", events)
	}
	lastChunk, total, progress, sawETA := -1, 0, -1, false
	for i, ev := range events {
		switch ev.name {
		case "progress":
			var v chunkedJob
			if err := json.Unmarshal([]byte(ev.data), &v); err != nil || v.ID != j.ID {
				t.Fatalf("progress %d: %q does not carry the job (%v)", i, ev.data, err)
			}
			if v.Progress < progress {
				t.Errorf("progress went back from %d to %d", progress, v.Progress)
			}
			progress = v.Progress
			var eta struct {
				ETA *float64 `json:"eta_seconds"`
			}
			json.Unmarshal([]byte(ev.data), &eta)
			if eta.ETA != nil {
				sawETA = true
				if *eta.ETA < 0 {
					t.Errorf("eta_seconds %v", *eta.ETA)
				}
			}
		case "chunk":
			var c struct{ Done, Total int }
			if err := json.Unmarshal([]byte(ev.data), &c); err != nil || c.Total == 0 {
				t.Fatalf("chunk %d: %q", i, ev.data)
			}
			if c.Done <= lastChunk {
				t.Errorf("chunk count went from %d to %d", lastChunk, c.Done)
			}
			lastChunk, total = c.Done, c.Total
		case "done":
			if i != len(events)-1 {
				t.Errorf("done is event %d of %d", i, len(events))
			}
			var v chunkedJob
			json.Unmarshal([]byte(ev.data), &v)
			if v.Status != "done" || v.Progress != 100 || v.Chunks == nil || v.Chunks.Done != v.Chunks.Total {
				t.Errorf("done carries %+v", v)
			}
		default:
			t.Errorf("unexpected event %q", ev.name)
		}
	}
	if events[len(events)-1].name != "done" {
		t.Fatalf("last event %q, want done", events[len(events)-1].name)
	}
	if total < 3 || lastChunk != total {
		t.Errorf("chunk events ended at %d of %d, want all of ≥ 3", lastChunk, total)
	}
	if progress <= 0 {
		t.Errorf("no progress event above 0%% (last %d)", progress)
	}
	if !sawETA {
		t.Error("no progress event carried eta_seconds")
	}
	// A finished job gets its final event at once.
	again := readEvents(t, ts.URL+"/v1/transcriptions/"+j.ID+"/events")
	if len(again) == 0 || again[len(again)-1].name != "done" {
		t.Errorf("events of a finished job: %v", again)
	}
	if r := ts.do(t, "GET", "/v1/transcriptions/tr_nope/events", nil, ""); r.status != 404 {
		t.Errorf("unknown job: got %d", r.status)
	}
}

// TestCancelStopsEveryChunk: DELETE of a job whose chunks are running on
// two workers and queued stops all of them: afterwards no chunk job of it is
// queued or running, no chunk finishes, and the events stream says canceled.
func TestCancelStopsEveryChunk(t *testing.T) {
	t.Parallel()
	testCancelStopsEveryChunk(t, "")
}

func TestCancelStopsEveryChunkPostgres(t *testing.T) {
	t.Parallel()
	testCancelStopsEveryChunk(t, postgresURL(t))
}

func testCancelStopsEveryChunk(t *testing.T, dsn string) {
	ts := newServer(t, serverOpts{database: dsn, chunkLength: 10 * time.Second, stepDelay: 100 * time.Millisecond, steps: 10, workers: 2})
	r := ts.upload(t, "/v1/transcriptions", speechWAV(80), nil)
	var j jobView
	r.json(t, &j)
	ctx := context.Background()
	deadline := time.Now().Add(30 * time.Second)
	for {
		p, err := ts.store.ChunkProgress(ctx, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Done >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no chunk finished in 30 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+j.ID, nil, ""); r.status != 200 {
		t.Fatalf("cancel: %d %s", r.status, r.body)
	}
	before, _ := ts.store.ChunkProgress(ctx, j.ID)
	// Wait until river has no chunk of the job queued or running.
	for deadline = time.Now().Add(20 * time.Second); ; {
		var n int
		if err := ts.store.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'newsscribe_chunk'
			AND state IN ('available', 'running', 'retryable', 'scheduled')`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d chunk jobs still queued or running 20 s after cancel", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	after, _ := ts.store.ChunkProgress(ctx, j.ID)
	if after.Done != before.Done {
		t.Errorf("%d chunks done at cancel, %d after: a chunk finished after cancel", before.Done, after.Done)
	}
	if after.Done >= after.Total {
		t.Fatalf("all %d chunks finished; the cancel came too late to prove anything", after.Total)
	}
	if calls := ts.engine.Calls(); calls >= after.Total {
		t.Errorf("%d recognitions for %d chunks: queued chunks were recognised after cancel", calls, after.Total)
	}
	got, err := ts.store.Job(ctx, j.ID)
	if err != nil || got.Status != store.StatusCanceled {
		t.Fatalf("job %+v %v, want canceled", got, err)
	}
	ev := readEvents(t, ts.URL+"/v1/transcriptions/"+j.ID+"/events")
	if len(ev) == 0 || ev[len(ev)-1].name != "canceled" {
		t.Errorf("events after cancel: %v", ev)
	}
	t.Logf("cancelled with %d of %d chunks done; %d recognitions begun", after.Done, after.Total, after.Recognitions)
}

// segmentsEvery2s hears one segment every 2 s of its clip, «جزء i من n»:
// chunks of different lengths say different things.
func segmentsEvery2s(samples []float32, _ transcribe.Options) (*transcribe.Transcript, error) {
	d := float64(len(samples)) / 16000
	n := max(int(d/2), 1)
	t := &transcribe.Transcript{Language: "ar", Duration: d}
	var texts []string
	for i := range n {
		x := fmt.Sprintf("جزء %d من %d", i+1, n)
		seg := transcribe.Segment{ID: i, Start: d * float64(i) / float64(n), End: d * float64(i+1) / float64(n), Text: x}
		seg.Words = []transcribe.Word{{Word: "جزء", Start: seg.Start, End: seg.End, Probability: 0.9}}
		t.Segments = append(t.Segments, seg)
		texts = append(texts, x)
	}
	t.Text = strings.Join(texts, " ")
	return t, nil
}

// TestOpenAIStreamChunked: stream=true over a recording cut into chunks
// gives one delta per segment of the stitched transcript, in order, adding
// up to its text — chunks run one after the other (live) or two at once
// (out of order, the rest filled in from the stitched transcript).
func TestOpenAIStreamChunked(t *testing.T) {
	t.Parallel()
	for _, workers := range []int{1, 2} {
		t.Run(fmt.Sprintf("workers=%d", workers), func(t *testing.T) {
			ts := newServer(t, serverOpts{chunkLength: 10 * time.Second, workers: workers, stepDelay: 20 * time.Millisecond, result: segmentsEvery2s})
			body, ct := form(t, speechWAV(35), map[string]string{"stream": "true", "model": "gpt-4o-mini-transcribe"})
			res, err := http.Post(ts.URL+"/v1/audio/transcriptions", ct, body)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var deltas []string
			done := ""
			sse(t, res.Body, func(ev map[string]any) {
				switch ev["type"] {
				case "transcript.text.delta":
					deltas = append(deltas, ev["delta"].(string))
				case "transcript.text.done":
					done = ev["text"].(string)
				}
			})
			var list struct{ Data []chunkedJob }
			ts.do(t, "GET", "/v1/transcriptions", nil, "").json(t, &list)
			var cj chunkedJob
			ts.do(t, "GET", "/v1/transcriptions/"+list.Data[0].ID, nil, "").json(t, &cj)
			if cj.Chunks == nil || cj.Chunks.Total < 3 {
				t.Fatalf("chunks %+v, want ≥ 3", cj.Chunks)
			}
			var tr transcribe.Transcript
			ts.do(t, "GET", "/v1/transcriptions/"+cj.ID+"/transcript", nil, "").json(t, &tr)
			if len(deltas) != len(tr.Segments) || strings.Join(deltas, "") != done || done != tr.Text {
				t.Errorf("%d deltas %q for %d segments, done %q: deltas must add up to the text %q", len(deltas), deltas, len(tr.Segments), done, tr.Text)
			}
		})
	}
}

// TestShortJobNotStuckBehindLong: a short recording submitted while a long
// one's chunks fill the queue is done before the long one: its chunk is
// worked before the long recording's later chunks.
func TestShortJobNotStuckBehindLong(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{chunkLength: 10 * time.Second, stepDelay: 30 * time.Millisecond, steps: 4, workers: 1})
	var long, short jobView
	ts.upload(t, "/v1/transcriptions", speechWAV(120), nil).json(t, &long)
	ctx := context.Background()
	for deadline := time.Now().Add(30 * time.Second); ; {
		p, err := ts.store.ChunkProgress(ctx, long.ID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("long recording not cut into chunks in 30 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	ts.upload(t, "/v1/transcriptions", speechWAV(8), nil).json(t, &short)
	if got := ts.waitJob(t, short.ID); got.Status != "done" {
		t.Fatalf("short job %+v", got)
	}
	p, _ := ts.store.ChunkProgress(ctx, long.ID)
	if p.Done >= p.Total {
		t.Errorf("the short job finished after all %d chunks of the long one", p.Total)
	}
	t.Logf("short job done with %d of %d chunks of the long one done", p.Done, p.Total)
	ts.waitJob(t, long.ID)
}
