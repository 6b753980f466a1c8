package queue

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// ChunkArgs are the arguments of the work of recognising one chunk of a
// job's recording.
type ChunkArgs struct {
	JobID string `json:"job_id"`
	Index int    `json:"index"`
}

// Kind implements river.JobArgs.
func (ChunkArgs) Kind() string { return "newsscribe_chunk" }

// StitchArgs are the arguments of the final step of a chunked job.
type StitchArgs struct {
	JobID string `json:"job_id"`
}

// Kind implements river.JobArgs.
func (StitchArgs) Kind() string { return "newsscribe_stitch" }

// prepare is the first step of job j: the cached transcript finishes it at
// once; otherwise the recording is decoded once into its PCM16 copy (unless
// a previous run stored it), cut into chunks and the chunks are enqueued.
// Run again after a crash it enqueues the same chunks (river's uniqueness by
// args makes that a no-op for chunks already queued or done).
func (w *Worker) prepare(ctx context.Context, j *store.Job, log *slog.Logger) error {
	st := w.store
	switch t, err := st.Transcript(ctx, j.ASRKey); {
	case err == nil:
		return w.finish(ctx, j, t, t.Duration, 0, log)
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if !w.Pipeline.Ready() {
		return pipeline.ErrNotLoaded
	}
	chunks, err := st.Chunks(ctx, j.ID)
	if err != nil {
		return err
	}
	if len(chunks) == 0 {
		plan, err := w.plan(ctx, j)
		if err != nil {
			return err
		}
		if err := st.SetDuration(ctx, j.ID, plan.Duration()); err != nil {
			return err
		}
		rows := make([]store.Chunk, len(plan.Chunks))
		for i, c := range plan.Chunks {
			rows[i] = store.Chunk{JobID: j.ID, Index: i, Start: c.Start, End: c.End}
		}
		if err := st.PutChunks(ctx, rows); err != nil {
			return err
		}
		if chunks, err = st.Chunks(ctx, j.ID); err != nil {
			return err
		}
		log.Info("job cut into chunks", "chunks", len(chunks), "audio_seconds", plan.Duration())
	}
	pending := 0
	for _, c := range chunks {
		if c.Status == store.ChunkDone {
			continue
		}
		pending++
		rid, err := w.queue.enqueue(ctx, ChunkArgs{JobID: j.ID, Index: c.Index})
		if err != nil {
			return err
		}
		if err := st.SetChunkRiverID(ctx, j.ID, c.Index, rid); err != nil {
			return err
		}
	}
	if pending == 0 {
		// Every chunk finished before a crash let the last one enqueue this.
		_, err := w.queue.enqueue(ctx, StitchArgs{JobID: j.ID})
		return err
	}
	return nil
}

// plan returns the chunk plan of job j's recording, writing its PCM16 copy
// while the upload is decoded, or reading the copy a previous run stored.
func (w *Worker) plan(ctx context.Context, j *store.Job) (pipeline.Plan, error) {
	blobs := w.store.Blobs
	has, err := blobs.HasPCM(ctx, j.AudioSHA256)
	if err != nil {
		return pipeline.Plan{}, err
	}
	if has {
		info, err := blobs.StatPCM(ctx, j.AudioSHA256)
		if err != nil {
			return pipeline.Plan{}, err
		}
		r, err := blobs.ReadPCM(ctx, j.AudioSHA256, 0, info)
		if err != nil {
			return pipeline.Plan{}, err
		}
		defer r.Close()
		return w.Pipeline.Prepare(ctx, pipeline.NewPCMReader(r), io.Discard, w.ChunkLength)
	}
	src, err := blobs.Fetch(ctx, store.AudioKey(j.AudioSHA256)) // a local copy, from a bucket if need be
	if err != nil {
		return pipeline.Plan{}, fmt.Errorf("fetch upload: %w", err)
	}
	dec, err := w.Decoder.Open(ctx, src)
	if err != nil {
		return pipeline.Plan{}, fmt.Errorf("decode: %w", err)
	}
	defer dec.Close()
	var plan pipeline.Plan
	err = blobs.PutPCM(ctx, j.AudioSHA256, func(out io.Writer) error {
		var err error
		plan, err = w.Pipeline.Prepare(ctx, dec, out, w.ChunkLength)
		return err
	})
	if err != nil {
		return pipeline.Plan{}, fmt.Errorf("decode: %w", err)
	}
	return plan, nil
}

// live reports whether job j still wants work done (queued or running).
func live(j *store.Job) bool {
	return j.Status == store.StatusQueued || j.Status == store.StatusRunning
}

// chunkWorker recognises one chunk.
type chunkWorker struct {
	river.WorkerDefaults[ChunkArgs]
	w *Worker
}

// Work implements river.Worker.
func (c *chunkWorker) Work(ctx context.Context, job *river.Job[ChunkArgs]) error {
	w, id, idx := c.w, job.Args.JobID, job.Args.Index
	log := w.logger().With("job", id, "chunk", idx, "attempt", job.Attempt)
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	defer w.track(job.ID, cancel)()
	j, err := w.loadJob(ctx, id)
	if err != nil {
		return err
	}
	if !live(j) {
		log.Info("chunk no longer wanted", "status", j.Status)
		return nil
	}
	if err := w.recognizeChunk(ctx, j, idx, log); err != nil {
		return w.fail(ctx, attempt{id: id, n: job.Attempt, max: job.MaxAttempts, part: true}, err, log)
	}
	return nil
}

// recognizeChunk recognises chunk idx of job j unless it is done, stores
// its transcript, and enqueues the stitch step when no chunk is left.
func (w *Worker) recognizeChunk(ctx context.Context, j *store.Job, idx int, log *slog.Logger) error {
	st := w.store
	if !w.Pipeline.Ready() {
		return pipeline.ErrNotLoaded
	}
	ch, err := st.Chunk(ctx, j.ID, idx)
	if err != nil {
		return err
	}
	begin, err := st.BeginChunk(ctx, j.ID, idx)
	if err != nil {
		return err
	}
	if begin {
		log.Info("chunk started")
		r, err := st.Blobs.ReadPCM(ctx, j.AudioSHA256, 2*ch.Start, 2*(ch.End-ch.Start))
		if err != nil {
			return err
		}
		pc := pipeline.Chunk{Start: ch.Start, End: ch.End}
		samples, err := pipeline.ReadChunk(r, pc)
		r.Close()
		if err != nil {
			return err
		}
		article, err := w.store.ArticleText(ctx, j)
		if err != nil {
			return err
		}
		opts := w.options(j, article)
		if opts.OnSegment != nil {
			// Streamed segments carry their ids in the stitched transcript,
			// known once every chunk before this one is done; otherwise the
			// stream gets them from the stitched transcript at the end.
			base, ok, err := st.SegmentsBefore(ctx, j.ID, idx)
			if err != nil {
				return err
			}
			if on := opts.OnSegment; ok {
				opts.OnSegment = func(s transcribe.Segment) { s.ID += base; on(s) }
			} else {
				opts.OnSegment = nil
			}
		}
		began := time.Now()
		t, err := w.Pipeline.RecognizeAt(ctx, samples, pc.Offset(), opts, w.progress(ctx, j.ID, idx))
		if err != nil {
			return fmt.Errorf("transcribe: %w", err)
		}
		log.Info("chunk recognised", "audio_seconds", ch.Seconds(), "seconds", time.Since(began).Seconds())
		// Stored at once: a crash from now on never recognises it again.
		if _, err := st.FinishChunk(context.WithoutCancel(ctx), j.ID, idx, t, pipeline.Kept(t, transcribe.DefaultNoSpeechThreshold)); err != nil {
			return err
		}
	}
	// Counted after storing (and again by a chunk found done), so that of
	// two chunks finishing together at least one sees none left.
	remaining, err := st.PendingChunks(ctx, j.ID)
	if err != nil {
		return err
	}
	if remaining == 0 {
		_, err := w.queue.enqueue(context.WithoutCancel(ctx), StitchArgs{JobID: j.ID})
		return err
	}
	return nil
}

// stitchWorker joins the chunks and finishes the job.
type stitchWorker struct {
	river.WorkerDefaults[StitchArgs]
	w *Worker
}

// Work implements river.Worker.
func (s *stitchWorker) Work(ctx context.Context, job *river.Job[StitchArgs]) error {
	w, id := s.w, job.Args.JobID
	log := w.logger().With("job", id, "step", "stitch", "attempt", job.Attempt)
	j, err := w.loadJob(ctx, id)
	if err != nil {
		return err
	}
	if !live(j) {
		return nil
	}
	if err := w.stitch(ctx, j, log); err != nil {
		return w.fail(ctx, attempt{id: id, n: job.Attempt, max: job.MaxAttempts, part: true}, err, log)
	}
	return nil
}

func (w *Worker) stitch(ctx context.Context, j *store.Job, log *slog.Logger) error {
	st := w.store
	chunks, err := st.Chunks(ctx, j.ID)
	if err != nil {
		return err
	}
	parts, err := st.ChunkTranscripts(ctx, j.ID)
	if err != nil {
		return err
	}
	plan := pipeline.Plan{Chunks: make([]pipeline.Chunk, len(chunks))}
	for i, c := range chunks {
		plan.Chunks[i] = pipeline.Chunk{Start: c.Start, End: c.End}
		plan.Samples = c.End
	}
	t, err := pipeline.Stitch(plan, parts, transcribe.DefaultNoSpeechThreshold)
	if err != nil {
		return err
	}
	if err := st.PutTranscript(ctx, j.ASRKey, t); err != nil {
		return err
	}
	duration, rtf := plan.Duration(), 0.0
	if p, err := st.ChunkProgress(ctx, j.ID); err == nil && p.Since != nil && duration > 0 {
		rtf = time.Since(*p.Since).Seconds() / duration
	}
	if w.Observer != nil {
		w.Observer.Transcribed(duration, rtf)
	}
	return w.finish(ctx, j, t, duration, rtf, log)
}
