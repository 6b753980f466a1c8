package queue

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
)

// ClipArgs are a clip job's arguments: the clip's id; the rest is in the
// ns_clips row.
type ClipArgs struct {
	ClipID string `json:"clip_id"`
}

// Kind implements river.JobArgs.
func (ClipArgs) Kind() string { return "newsscribe_clip" }

// clipWorker makes one clip (package clip) from a done job: its original
// upload (a video keeps its picture), its current transcript's words (so a
// corrected word is captioned as corrected), the quotation's time and
// speaker from its alignment, the article's title for the card.
type clipWorker struct {
	river.WorkerDefaults[ClipArgs]
	w *Worker
}

// Timeout bounds one clip: MaxDuration of video at a few times real time.
func (cw *clipWorker) Timeout(*river.Job[ClipArgs]) time.Duration { return 30 * time.Minute }

// Work implements river.Worker.
func (cw *clipWorker) Work(ctx context.Context, job *river.Job[ClipArgs]) error {
	w := cw.w
	st := w.store
	log := w.logger().With("clip", job.Args.ClipID)
	c, err := st.ClipByID(ctx, job.Args.ClipID)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("clip %s: no such clip", job.Args.ClipID))
	}
	if err != nil {
		return err
	}
	if c.Status == store.StatusDone || c.Status == store.StatusFailed {
		return nil
	}
	if err := st.StartClip(ctx, c.ID); err != nil {
		return err
	}
	res, err := cw.make(ctx, c)
	bg := context.WithoutCancel(ctx)
	switch {
	case err == nil:
		c.Start, c.End, c.Duration, c.Bytes = res.Start, res.End, res.Duration, res.Size
		if err := st.FinishClip(bg, c); err != nil {
			return err
		}
		log.Info("clip done", "seconds", res.Duration, "bytes", res.Size)
		return nil
	case ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded):
		log.Info("clip interrupted by shutdown; it will resume")
		return river.JobSnooze(time.Second)
	default:
		// The same recording, words and options fail the same way again:
		// no retry.
		log.Warn("clip failed", "error", err)
		_ = st.FailClip(bg, c.ID, errcode.ClipFailed, err.Error())
		return river.JobCancel(err)
	}
}

// make builds the clip's spec from the stored job and makes the file.
func (cw *clipWorker) make(ctx context.Context, c *store.Clip) (clip.Result, error) {
	w := cw.w
	st := w.store
	j, err := st.Job(ctx, c.JobID)
	if err != nil {
		return clip.Result{}, fmt.Errorf("job %s: %w", c.JobID, err)
	}
	spec, err := w.Jobs.ClipSpec(ctx, j, c)
	if err != nil {
		return clip.Result{}, err
	}
	if _, err := st.Blobs.ClipsDir(); err != nil {
		return clip.Result{}, err
	}
	src, err := st.Blobs.Fetch(ctx, store.AudioKey(j.AudioSHA256)) // a local copy, from a bucket if need be
	if err != nil {
		return clip.Result{}, fmt.Errorf("recording: %w", err)
	}
	ext := spec.Format.Extension()
	set := w.throttled(ctx, func(ctx context.Context, p int) error { return st.SetClipProgress(ctx, c.ID, p) })
	res, err := clip.Make(ctx, src, spec, st.Blobs.ClipPath(c.ID, ext),
		clip.Options{Audio: audio.Options{FFmpegPath: w.FFmpegPath}, Fonts: w.ClipFonts, TempDir: filepath.Join(st.Blobs.Dir, "tmp")},
		func(p int) { set(p) })
	if err != nil {
		return res, err
	}
	return res, st.Blobs.Publish(ctx, store.ClipKey(c.ID, ext))
}
