package queue

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsscribe/newsscribe/align/prompt"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Decoder opens a stored upload as a stream of 16 kHz mono samples (the
// API's decodes through package pipeline). Errors caused by the upload
// itself, from Open or from the stream's Read, are *InputError.
type Decoder interface {
	Open(ctx context.Context, path string) (Stream, error)
}

// Stream is an open recording: 16 kHz mono float32, io.EOF at its end.
type Stream interface {
	Read(p []float32) (int, error)
	Close() error
}

// Observer receives measurements of finished work (Prometheus metrics).
type Observer interface {
	// Transcribed reports a finished recognition: audio seconds and the
	// real-time factor (processing seconds per audio second).
	Transcribed(audioSeconds, rtf float64)
	// Finished reports a job reaching a final state.
	Finished(status store.Status)
}

// InputError is a failure caused by the upload itself — not audio, corrupt,
// unsupported, too long — so retrying cannot help. Code says which (the
// job's error code; the API answers it with its own HTTP status).
type InputError struct {
	Code errcode.Code
	Err  error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Jobs is what the worker needs from the application layer (package
// newsroom): the use cases that follow a recognition.
type Jobs interface {
	// Complete finishes job j whose transcript t is made (duration seconds
	// of audio at real-time factor rtf): its alignment, done state, search
	// index and final events. An error leaves the job to be retried.
	Complete(ctx context.Context, j *store.Job, t *transcribe.Transcript, duration, rtf float64) error
	// Finished queues the events of a job found in a final state.
	Finished(ctx context.Context, j *store.Job) error
	// ClipSpec is clip c of job j as package clip makes it.
	ClipSpec(ctx context.Context, j *store.Job, c *store.Clip) (clip.Spec, error)
}

// SegmentSink receives the segments of a running recognition as the engine
// decodes them, for streaming answers. Segment must not block for long.
type SegmentSink interface {
	Segment(jobID string, s transcribe.Segment)
}

// Worker runs transcription jobs through the pipeline in three kinds of
// queue work. The prepare step (Args) reuses the transcript of the same
// audio, model and options when there is one; otherwise it decodes the
// upload once into a PCM16 copy beside it, finds the pauses with the VAD
// while doing so, stores the chunk plan and enqueues one chunk job
// (ChunkArgs) per chunk. Any worker of any server recognises a chunk from
// its range of the copy and stores its segments at once; the last chunk to
// finish enqueues the stitch step (StitchArgs), which joins the chunks,
// applies the guards, makes the browser rendition, aligns to the article
// and marks the job done. The Worker keeps what is the queue's: the
// transcript cache, persistence, progress throttling and the mapping of
// failures onto river's retry, cancel and snooze.
type Worker struct {
	river.WorkerDefaults[Args]

	// Pipeline recognises; jobs wait until it is loaded (Ready). Required.
	Pipeline *pipeline.Pipeline
	// Jobs finishes jobs and describes clips (the newsroom). Required
	// before Start.
	Jobs Jobs
	// Decoder decodes uploads. Required.
	Decoder Decoder
	// FFmpegPath makes the MP3 rendition for browsers. Defaults to
	// audio.DefaultFFmpeg.
	FFmpegPath string
	// Observer receives metrics; may be nil.
	Observer Observer
	// Segments receives each decoded segment while a job runs; may be nil.
	Segments SegmentSink
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// ProgressEvery throttles progress writes. Defaults to 1 second.
	ProgressEvery time.Duration
	// ChunkLength is the target length of a chunk. Defaults to
	// pipeline.DefaultChunkLength (3 minutes).
	ChunkLength time.Duration

	// ClipFonts are the caption fonts of clip jobs (clip.Options.Fonts;
	// the serve command gives web.CaptionFonts). Without them, video
	// clips with captions or a card fail.
	ClipFonts fs.FS

	store *store.Store
	queue *Queue
	// notifier queues webhook events (the Queue, set by Open).
	notifier notifier

	// running holds the cancel function of each job this process is working,
	// by river job id, so that a DELETE served by this process reaches the
	// engine at once instead of after river's next cancel poll.
	mu      sync.Mutex
	running map[int64]context.CancelCauseFunc
}

// errCanceled is the cause of a job's context cancelled by cancelLocal; the
// job is treated exactly as one cancelled through river.
var errCanceled = errors.New("job canceled")

// track registers cancel for the river job id until the returned func is called.
func (w *Worker) track(id int64, cancel context.CancelCauseFunc) (untrack func()) {
	w.mu.Lock()
	if w.running == nil {
		w.running = map[int64]context.CancelCauseFunc{}
	}
	w.running[id] = cancel
	w.mu.Unlock()
	return func() {
		w.mu.Lock()
		delete(w.running, id)
		w.mu.Unlock()
	}
}

// cancelLocal cancels the river job id if this process is working it, and
// reports whether it was.
func (w *Worker) cancelLocal(id int64) bool {
	w.mu.Lock()
	cancel, ok := w.running[id]
	w.mu.Unlock()
	if ok {
		cancel(errCanceled)
	}
	return ok
}

func (w *Worker) logger() *slog.Logger {
	if w.Logger != nil {
		return w.Logger
	}
	return slog.Default()
}

// loadJob reads job id for a step of its work; a job deleted meanwhile
// cancels the step for good.
func (w *Worker) loadJob(ctx context.Context, id string) (*store.Job, error) {
	j, err := w.store.Job(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, river.JobCancel(fmt.Errorf("job %s: no such job", id))
	}
	return j, err
}

// Work implements river.Worker.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	id := job.Args.JobID
	log := w.logger().With("job", id, "attempt", job.Attempt)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	defer w.track(job.ID, cancel)()
	st := w.store
	j, err := w.loadJob(ctx, id)
	if err != nil {
		return err
	}
	ok, err := st.StartJob(ctx, id)
	if err != nil {
		return err
	}
	if !ok {
		log.Info("job no longer wanted", "status", j.Status)
		// A run rescued after the job finished (its server died before
		// river heard): its events may not have been queued yet.
		return w.Jobs.Finished(ctx, j)
	}
	log.Info("job started", "runs", j.Runs+1)
	if err := w.prepare(ctx, j, log); err != nil {
		return w.fail(ctx, attempt{id: id, n: job.Attempt, max: job.MaxAttempts}, err, log)
	}
	return nil
}

// finish completes job j with its transcript t: the browser rendition,
// then the newsroom's Complete (alignment, done state, search, events).
func (w *Worker) finish(ctx context.Context, j *store.Job, t *transcribe.Transcript, duration, rtf float64, log *slog.Logger) error {
	if err := w.browserRendition(ctx, j.AudioSHA256); err != nil {
		// The transcript is the product; a missing rendition only means the
		// audio endpoints fall back to the original upload.
		log.Warn("browser rendition failed", "error", err)
	}
	if err := w.Jobs.Complete(ctx, j, t, duration, rtf); err != nil {
		return err
	}
	w.finished(store.StatusDone)
	log.Info("job done", "audio_seconds", duration)
	return nil
}

// attempt is the queue work being failed: its job and river's attempt
// count. part is true for a chunk or the stitch step, which share the job
// with other work: a retry or a shutdown leaves the job's state alone, and
// a final failure stops the job's other chunks too.
type attempt struct {
	id     string
	n, max int
	part   bool
}

// fail records err on the job and tells river what to do with it.
func (w *Worker) fail(ctx context.Context, a attempt, err error, log *slog.Logger) error {
	id := a.id
	bg := context.WithoutCancel(ctx)
	if a.part {
		defer func() {
			if j, jerr := w.store.Job(bg, id); jerr == nil && j.Status == store.StatusFailed && w.queue != nil {
				_ = w.queue.cancelParts(bg, id)
			}
		}()
	}
	var (
		in  *InputError
		opt *transcribe.OptionError
	)
	switch {
	case errors.Is(context.Cause(ctx), river.ErrJobCancelledRemotely), errors.Is(context.Cause(ctx), errCanceled):
		// DELETE already marked the job canceled.
		log.Info("job canceled")
		w.finished(store.StatusCanceled)
		return river.JobCancel(err)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		log.Warn("job timed out")
		_ = st(w).FailJob(bg, id, errcode.Timeout, "the job took longer than the server's per-job timeout")
		w.failed(bg, id, log)
		return river.JobCancel(err)
	case ctx.Err() != nil:
		// The server is shutting down: back to the queue, without using up an attempt.
		log.Info("job interrupted by shutdown; it will resume")
		if !a.part {
			_ = st(w).RequeueJob(bg, id, "")
		}
		return river.JobSnooze(time.Second)
	case errors.As(err, &in):
		log.Info("job failed: bad input", "error", err)
		_ = st(w).FailJob(bg, id, in.Code, err.Error())
		w.failed(bg, id, log)
		return river.JobCancel(err)
	case errors.As(err, &opt):
		// A request the API should have refused (an older server accepted
		// it, or the engine knows less than the API's tables): retrying the
		// same options cannot help.
		log.Info("job failed: bad option", "option", opt.Option, "error", err)
		_ = st(w).FailJob(bg, id, errcode.BadRequest, err.Error())
		w.failed(bg, id, log)
		return river.JobCancel(err)
	case a.n >= a.max:
		log.Error("job failed", "error", err)
		_ = st(w).FailJob(bg, id, errcode.Internal, err.Error())
		w.failed(bg, id, log)
		return river.JobCancel(err)
	default:
		log.Warn("job failed; will retry", "error", err)
		if !a.part {
			_ = st(w).RequeueJob(bg, id, err.Error())
		}
		return err
	}
}

func st(w *Worker) *store.Store { return w.store }

func (w *Worker) finished(status store.Status) {
	if w.Observer != nil {
		w.Observer.Finished(status)
	}
}

// options are the recognition options of job j, whose article (when it
// has one) is article. The prompt is the article's names and rare words
// (package prompt: never its quotations), then the user's own prompt,
// repeated before every 30-second window of every chunk.
func (w *Worker) options(j *store.Job, article string) transcribe.Options {
	o := transcribe.Options{
		Language:    j.Language,
		Prompt:      prompt.Build(article, j.Prompt),
		Translate:   j.Task == store.TaskTranslate,
		Temperature: float32(j.Temperature),
	}
	o.CarryPrompt = o.Prompt != ""
	if w.Segments != nil {
		id := j.ID
		o.OnSegment = func(s transcribe.Segment) { w.Segments.Segment(id, s) }
	}
	return o
}

// progress returns a ProgressFunc for chunk index of job id that persists
// at most once per ProgressEvery (the chunk's and the job's progress; 100
// is written when the chunk is stored).
func (w *Worker) progress(ctx context.Context, id string, index int) transcribe.ProgressFunc {
	return w.throttled(ctx, func(ctx context.Context, p int) error { return w.store.SetChunkProgress(ctx, id, index, p) })
}

// throttled returns a ProgressFunc that calls set at most once per
// ProgressEvery (and always for 100, written as 99: 100 is written with the
// final state), never with a smaller value than before.
func (w *Worker) throttled(ctx context.Context, set func(context.Context, int) error) transcribe.ProgressFunc {
	every := w.ProgressEvery
	if every <= 0 {
		every = time.Second
	}
	var (
		mu   sync.Mutex
		last time.Time
		pct  = -1
	)
	return func(p int) {
		mu.Lock()
		defer mu.Unlock()
		if p <= pct || (p < 100 && time.Since(last) < every) {
			return
		}
		pct, last = p, time.Now()
		if p > 99 {
			p = 99 // 100 is written with the final state
		}
		if err := set(context.WithoutCancel(ctx), p); err != nil {
			w.logger().Warn("progress not saved", "error", err)
		}
	}
}

// browserRendition makes the MP3 rendition of the upload sha unless the
// blob store has it, and stores it there.
func (w *Worker) browserRendition(ctx context.Context, sha string) error {
	b := w.store.Blobs
	if ok, err := b.Has(ctx, store.PlayKey(sha)); err != nil || ok {
		return err
	}
	src, err := b.Fetch(ctx, store.AudioKey(sha))
	if err != nil {
		return err
	}
	if err := w.rendition(ctx, src, b.PlayPath(sha)); err != nil {
		return err
	}
	return b.Publish(ctx, store.PlayKey(sha))
}

// rendition writes an MP3 of src to dst, atomically (atomicfile), unless it
// exists. The encoding is package audio's sandboxed ffmpeg (audio.EncodeMP3):
// the container our sniffer found is forced, so the rendition is made from the
// same audio the transcript was.
func (w *Worker) rendition(ctx context.Context, src, dst string) error {
	if _, err := os.Stat(dst); err == nil {
		return nil
	}
	if err := atomicfile.MkdirAll(filepath.Dir(dst)); err != nil {
		return err
	}
	return atomicfile.Write(dst, func(f *os.File) error {
		return audio.EncodeMP3(ctx, src, f, audio.Options{FFmpegPath: w.FFmpegPath})
	})
}
