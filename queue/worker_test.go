package queue_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// The tests in this file drive the worker through a real river queue (SQLite
// in a temporary directory, or PostgreSQL when NEWSSCRIBE_TEST_POSTGRES is
// set), the API's audio decoder and the scripted engine, and check how each
// kind of failure ends: in the job's row (what clients see) and in river's
// (what the queue will do next).

// backend is one database the queue can run on.
type backend struct {
	name string
	// database is the queue.Config.Database; empty for SQLite in the data dir.
	database string
}

func backends(t *testing.T) []backend {
	bs := []backend{{name: "sqlite"}}
	if dsn := os.Getenv("NEWSSCRIBE_TEST_POSTGRES"); dsn != "" {
		bs = append(bs, backend{name: "postgres", database: dsn})
	} else {
		t.Log("PostgreSQL cases skipped: NEWSSCRIBE_TEST_POSTGRES is not set (see README)")
	}
	return bs
}

// rig is a queue with its worker, store and engine.
type rig struct {
	q      *queue.Queue
	st     *store.Store
	dir    string
	db     backend
	engine *transcribetest.Scripted
	// stopped is set once the queue has been stopped.
	stopped bool
}

type rigOpts struct {
	engine      *transcribetest.Scripted
	maxAttempts int
	jobTimeout  time.Duration
	// dir reuses a data directory (a restart); empty makes a new one.
	dir string
}

func newRig(t *testing.T, b backend, o rigOpts) *rig {
	t.Helper()
	dir := o.dir
	if dir == "" {
		dir = t.TempDir()
	}
	blobs, err := store.NewBlobs(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := pipeline.New(pipeline.Config{Model: model, VAD: pipeline.VADOff,
		LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) { return o.engine, nil, nil }})
	ctx := context.Background()
	if err := p.Load(ctx); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	if os.Getenv("NS_TEST_LOG") != "" {
		quiet = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	w := &queue.Worker{Pipeline: p, Decoder: newsroom.AudioDecoder{Pipeline: p}, ProgressEvery: time.Millisecond, Logger: quiet}
	timeout := o.jobTimeout
	if timeout == 0 {
		timeout = time.Minute
	}
	st, err := store.Open(ctx, store.Config{Database: b.database, DataDir: dir, Logger: quiet}, blobs)
	if err != nil {
		t.Fatal(err)
	}
	q, err := queue.Open(ctx, queue.Config{MaxAttempts: o.maxAttempts, JobTimeout: timeout, Logger: quiet}, st, w)
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	w.Jobs = newsroom.New(newsroom.Config{Store: st, Queue: q, Events: q, Aligner: p, Logger: quiet})
	r := &rig{q: q, st: st, dir: dir, db: b, engine: o.engine}
	t.Cleanup(func() {
		if !r.stopped {
			r.stop(t, 5*time.Second)
		}
		st.Close()
	})
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return r
}

// stop stops the queue, cancelling jobs still running after wait.
func (r *rig) stop(t *testing.T, wait time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	_ = r.q.Stop(ctx) // an error says jobs were cancelled, which the callers check
	r.stopped = true
}

// submit stores upload as a job with a unique id and puts it on the queue.
func (r *rig) submit(t *testing.T, upload []byte) *store.Job {
	t.Helper()
	ctx := context.Background()
	sha, n, err := r.st.Blobs.Put(bytes.NewReader(upload))
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprintf("job-%s-%d", t.Name(), time.Now().UnixNano())
	j := &store.Job{ID: id, AudioSHA256: sha, AudioBytes: n, Model: "test-model", Language: "ar",
		ASRKey: "asr-" + id, DedupKey: "dedup-" + id, CreatedAt: time.Now()}
	if err := r.st.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	if err := r.q.Enqueue(ctx, id); err != nil {
		t.Fatal(err)
	}
	got, err := r.st.Job(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// waitFor polls job id until ok holds. The deadline only guards against a
// hang; nothing here measures speed.
func (r *rig) waitFor(t *testing.T, id, what string, ok func(*store.Job) bool) *store.Job {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		j, err := r.st.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if ok(j) {
			return j
		}
		if time.Now().After(deadline) {
			t.Fatalf("job never became %s: %+v", what, j)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func status(s store.Status) func(*store.Job) bool {
	return func(j *store.Job) bool { return j.Status == s }
}

// riverJob is river's row for a job: its state and how many attempts it used.
func (r *rig) riverJob(t *testing.T, riverID int64) (state string, attempt int) {
	t.Helper()
	driver, dsn := "sqlite", "file:"+filepath.Join(r.dir, "newsscribe.db")+"?mode=ro&_pragma=busy_timeout(10000)"
	if r.db.database != "" {
		driver, dsn = "pgx", r.db.database
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	q := `SELECT state, attempt FROM river_job WHERE id = ?`
	if r.db.database != "" {
		q = `SELECT state, attempt FROM river_job WHERE id = $1`
	}
	if err := db.QueryRow(q, riverID).Scan(&state, &attempt); err != nil {
		t.Fatal(err)
	}
	return state, attempt
}

// chunkRiverID is the river id of chunk 0 of job id, waiting for the
// prepare step to queue it: a recording is prepared by the job's own river
// job, then recognised in chunk jobs (a 1-second clip is one chunk), so a
// recognition's retries, cancellation and timeout show on the chunk's row.
func (r *rig) chunkRiverID(t *testing.T, id string) int64 {
	t.Helper()
	driver, dsn := "sqlite", "file:"+filepath.Join(r.dir, "newsscribe.db")+"?mode=ro&_pragma=busy_timeout(10000)"
	q := `SELECT id FROM river_job WHERE kind = 'newsscribe_chunk' AND json_extract(args, '$.job_id') = ? AND json_extract(args, '$.index') = 0`
	if r.db.database != "" {
		driver, dsn = "pgx", r.db.database
		q = `SELECT id FROM river_job WHERE kind = 'newsscribe_chunk' AND args->>'job_id' = $1 AND (args->>'index')::int = 0`
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var rid int64
		err := db.QueryRow(q, id).Scan(&rid)
		if err == nil {
			return rid
		}
		if !errors.Is(err, sql.ErrNoRows) || time.Now().After(deadline) {
			t.Fatalf("chunk 0 of job %s: %v", id, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitRiver polls river's row for riverID until its state is want (river
// records a job's end after the worker returns) and returns its attempt.
func (r *rig) waitRiver(t *testing.T, riverID int64, want string) (attempt int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		state, attempt := r.riverJob(t, riverID)
		if state == want {
			return attempt
		}
		if time.Now().After(deadline) {
			t.Fatalf("river job is %s after attempt %d, want %s", state, attempt, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wav is a 16 kHz mono WAV (audio.WriteWAV) of seconds of a quiet tone.
func wav(t *testing.T, seconds float64) []byte {
	t.Helper()
	samples := make([]float32, int(seconds*audio.SampleRate))
	for i := range samples {
		samples[i] = float32(0.1 * math.Sin(2*math.Pi*440*float64(i)/audio.SampleRate))
	}
	var b bytes.Buffer
	if err := audio.WriteWAV(&b, samples); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// spoken is the scripted engine's transcript: one word over the clip.
func spoken(samples []float32, _ transcribe.Options) (*transcribe.Transcript, error) {
	d := float64(len(samples)) / transcribe.SampleRate
	return &transcribe.Transcript{Language: "ar", Duration: d, Text: "نص", Segments: []transcribe.Segment{
		{Start: 0, End: d, Text: "نص", Words: []transcribe.Word{{Word: "نص", Start: 0, End: d, Probability: 0.9}}},
	}}, nil
}

// TestWorkerBadInputFailsAtOnce: an upload that is not audio fails with the
// decoder's code on its first attempt; river does not retry it and the
// engine never runs.
func TestWorkerBadInputFailsAtOnce(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			r := newRig(t, b, rigOpts{engine: &transcribetest.Scripted{Result: spoken}, maxAttempts: 3})
			j := r.submit(t, []byte("this is a text file, not a recording\n"))
			got := r.waitFor(t, j.ID, "failed", status(store.StatusFailed))
			if got.ErrorCode != "not_audio" || got.Runs != 1 {
				t.Errorf("got code %q after %d runs, want not_audio after 1", got.ErrorCode, got.Runs)
			}
			if attempt := r.waitRiver(t, got.RiverID, "cancelled"); attempt != 1 {
				t.Errorf("river job cancelled after attempt %d, want 1 (no retry)", attempt)
			}
			if n := r.engine.Calls(); n != 0 {
				t.Errorf("engine called %d times for an upload that is not audio", n)
			}
		})
	}
}

// TestWorkerTransientFailureRetries: an engine error that is not the
// input's is retried, and the retry finishes the job; with one attempt
// allowed the same error fails it as internal.
func TestWorkerTransientFailureRetries(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			var calls atomic.Int32
			eng := &transcribetest.Scripted{Result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
				if calls.Add(1) == 1 {
					return nil, errors.New("engine hiccup")
				}
				return spoken(s, o)
			}}
			r := newRig(t, b, rigOpts{engine: eng, maxAttempts: 3})
			j := r.submit(t, wav(t, 1))
			got := r.waitFor(t, j.ID, "done", status(store.StatusDone))
			if calls.Load() != 2 {
				t.Errorf("got %d engine calls, want 2 (one retry)", calls.Load())
			}
			if tr, err := r.st.Transcript(context.Background(), got.ASRKey); err != nil || tr.Text != "نص" {
				t.Errorf("transcript after the retry: %v, %v", tr, err)
			}
			// The chunk is retried, not the whole job: prepared once.
			if attempt := r.waitRiver(t, r.chunkRiverID(t, j.ID), "completed"); attempt != 2 {
				t.Errorf("chunk's river job completed after attempt %d, want 2", attempt)
			}
			if attempt := r.waitRiver(t, got.RiverID, "completed"); attempt != 1 || got.Runs != 1 {
				t.Errorf("job's river job completed after attempt %d and %d runs, want 1 and 1", attempt, got.Runs)
			}
		})
		t.Run(b.name+"/last attempt", func(t *testing.T) {
			eng := &transcribetest.Scripted{Result: func([]float32, transcribe.Options) (*transcribe.Transcript, error) {
				return nil, errors.New("engine hiccup")
			}}
			r := newRig(t, b, rigOpts{engine: eng, maxAttempts: 1})
			j := r.submit(t, wav(t, 1))
			got := r.waitFor(t, j.ID, "failed", status(store.StatusFailed))
			if got.ErrorCode != "internal" || got.Runs != 1 {
				t.Errorf("got code %q after %d runs, want internal after 1", got.ErrorCode, got.Runs)
			}
		})
	}
}

// TestWorkerBadOptionFailsAtOnce: options the engine refuses
// (transcribe.OptionError) cannot succeed on a retry.
func TestWorkerBadOptionFailsAtOnce(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			eng := &transcribetest.Scripted{Result: func([]float32, transcribe.Options) (*transcribe.Transcript, error) {
				return nil, &transcribe.OptionError{Option: "language", Err: errors.New("unknown language \"xx\"")}
			}}
			r := newRig(t, b, rigOpts{engine: eng, maxAttempts: 3})
			j := r.submit(t, wav(t, 1))
			got := r.waitFor(t, j.ID, "failed", status(store.StatusFailed))
			if got.ErrorCode != "bad_request" || got.Runs != 1 {
				t.Errorf("got code %q after %d runs, want bad_request after 1", got.ErrorCode, got.Runs)
			}
		})
	}
}

// slow is an engine that runs until its context is done.
func slow() *transcribetest.Scripted {
	return &transcribetest.Scripted{Result: spoken, Steps: 10000, StepDelay: 10 * time.Millisecond} // 1% a second, 100 s in all
}

// TestWorkerShutdownRequeues: a job running when the queue stops goes back
// to the queue without using up an attempt, and the next start finishes it.
func TestWorkerShutdownRequeues(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			r := newRig(t, b, rigOpts{engine: slow(), maxAttempts: 1})
			j := r.submit(t, wav(t, 1))
			r.waitFor(t, j.ID, "running with progress", func(j *store.Job) bool { return j.Status == store.StatusRunning && j.Progress > 0 })
			r.stop(t, 0)
			got, err := r.st.Job(context.Background(), j.ID)
			if err != nil {
				t.Fatal(err)
			}
			// The job keeps its state and progress (its prepared chunks
			// stay); the interrupted chunk goes back to the queue.
			if (got.Status != store.StatusRunning && got.Status != store.StatusQueued) || got.ErrorCode != "" {
				t.Fatalf("after shutdown: got %s (%q), want running or queued", got.Status, got.ErrorCode)
			}
			if state, attempt := r.riverJob(t, r.chunkRiverID(t, j.ID)); state == "cancelled" || state == "discarded" || state == "completed" {
				t.Fatalf("chunk's river job %s after attempt %d of shutdown, want it still to run", state, attempt)
			}
			// The next server on the same data directory resumes it, even
			// though one attempt was allowed: a shutdown does not count.
			r.st.Close()
			r2 := newRig(t, b, rigOpts{engine: &transcribetest.Scripted{Result: spoken}, maxAttempts: 1, dir: r.dir})
			r2.waitFor(t, j.ID, "done", status(store.StatusDone))
			if n := r2.engine.Calls(); n != 1 {
				t.Errorf("the next start recognised %d times, want 1 (the interrupted chunk)", n)
			}
		})
	}
}

// TestWorkerCancel: a job cancelled while it runs ends canceled, its engine
// call stopped, and river does not run it again.
func TestWorkerCancel(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			r := newRig(t, b, rigOpts{engine: slow(), maxAttempts: 3})
			j := r.submit(t, wav(t, 1))
			running := r.waitFor(t, j.ID, "running with progress", func(j *store.Job) bool { return j.Status == store.StatusRunning && j.Progress > 0 })
			ctx := context.Background()
			// As DELETE /v1/transcriptions/:id does: mark, then cancel the queue job.
			if ok, err := r.st.CancelJob(ctx, j.ID); err != nil || !ok {
				t.Fatalf("CancelJob: %v, %v", ok, err)
			}
			if err := r.q.Cancel(ctx, running.RiverID); err != nil {
				t.Fatal(err)
			}
			if attempt := r.waitRiver(t, r.chunkRiverID(t, j.ID), "cancelled"); attempt != 1 {
				t.Errorf("chunk's river job cancelled after attempt %d, want 1", attempt)
			}
			got, err := r.st.Job(ctx, j.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != store.StatusCanceled || got.Runs != 1 {
				t.Errorf("got %s after %d runs, want canceled after 1", got.Status, got.Runs)
			}
		})
	}
}

// TestWorkerTimeoutFails: a job running past the job timeout fails with
// code timeout and is not retried.
func TestWorkerTimeoutFails(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			r := newRig(t, b, rigOpts{engine: slow(), maxAttempts: 3, jobTimeout: 2 * time.Second})
			j := r.submit(t, wav(t, 1))
			got := r.waitFor(t, j.ID, "failed", status(store.StatusFailed))
			if got.ErrorCode != "timeout" || got.Runs != 1 {
				t.Errorf("got code %q after %d runs, want timeout after 1", got.ErrorCode, got.Runs)
			}
			if attempt := r.waitRiver(t, r.chunkRiverID(t, j.ID), "cancelled"); attempt != 1 {
				t.Errorf("chunk's river job cancelled after attempt %d, want 1", attempt)
			}
		})
	}
}
