package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/riverqueue/river"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
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
		_ = st.FailClip(bg, c.ID, "clip_failed", err.Error())
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
	spec, err := ClipSpec(ctx, st, j, c)
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

// ClipSpec is the clip c of job j as package clip wants it: the words of
// the job's current transcript, the span (a quotation's, from the job's
// alignment, or c's From and To), and the card's title (the article's) and
// speaker (the quotation's, else whoever the transcript names at the
// span's start). The API calls it to refuse a bad clip before queuing it;
// the worker calls it again when it runs (a correction in between is
// captioned).
func ClipSpec(ctx context.Context, st *store.Store, j *store.Job, c *store.Clip) (clip.Spec, error) {
	format, err := clip.ParseFormat(c.Format)
	if err != nil {
		return clip.Spec{}, err
	}
	spec := clip.Spec{From: c.From, To: c.To, Format: format, Aspect: clip.Aspect(c.Aspect),
		Captions: clip.Captions(c.Captions), Highlight: c.Highlight}
	t, _, err := st.SpokenTranscript(ctx, j)
	if err != nil {
		return clip.Spec{}, fmt.Errorf("transcript: %w", err)
	}
	spec.Words = clip.TranscriptWords(t)
	if c.CaptionLang == "en" {
		en, err := st.Transcript(ctx, store.TranslationKey(j))
		if errors.Is(err, store.ErrNotFound) {
			return clip.Spec{}, ErrNoTranslation
		}
		if err != nil {
			return clip.Spec{}, fmt.Errorf("translation: %w", err)
		}
		spec.CaptionWords = clip.TranscriptWords(en)
		if spec.CaptionWords == nil {
			spec.CaptionWords = []clip.Word{} // a silent translation: no captions, never Arabic ones
		}
	}
	if c.Quote != nil {
		b, err := st.Alignment(ctx, j.ID)
		if errors.Is(err, store.ErrNotFound) {
			return clip.Spec{}, ErrNoAlignment
		}
		if err != nil {
			return clip.Spec{}, err
		}
		var r align.Result
		if err := json.Unmarshal(b, &r); err != nil {
			return clip.Spec{}, fmt.Errorf("alignment: %w", err)
		}
		q, err := clip.QuoteSpan(&r, *c.Quote)
		if err != nil {
			return clip.Spec{}, err
		}
		spec.From, spec.To, spec.Card.Speaker = q.Start, q.End, q.Speaker
		// The card says the quotation's verdict in the page's words and colours.
		st := align.VerdictStyles[q.Verdict]
		spec.Card.Verdict, spec.Card.VerdictColor, spec.Card.VerdictTint = align.VerdictLabel[q.Verdict], st.Color, st.Tint
	}
	if spec.Card.Speaker == "" {
		spec.Card.Speaker = speakerAt(t, spec.From)
	}
	if j.ArticleID != "" {
		if a, err := st.Article(ctx, j.ArticleID); err == nil {
			spec.Card.Title = a.Title
		}
	}
	return spec, spec.Validate()
}

// ErrNoTranslation: English captions for a job with no translation yet.
var ErrNoTranslation = errors.New("this recording has no English translation yet: POST its /translation first, then make the clip")

// ErrNoAlignment: a quotation clip of a job without an article.
var ErrNoAlignment = errors.New("this job has no article, so it has no quotations: give from and to")

// speakerAt is the speaker the transcript names for the segment at sec.
func speakerAt(t *transcribe.Transcript, sec float64) string {
	for _, s := range t.Segments {
		if s.End > sec {
			return s.Speaker
		}
	}
	return ""
}
