// Package newsroom is newsscribe's application layer: the use cases a
// newsroom runs — submit a recording, attach or replace its article,
// re-align, correct a transcript, import one made elsewhere, cut a clip,
// translate, share, cancel and delete — each written once, doing the store,
// the pipeline, the search index and the events together. The HTTP handlers
// (package api) decode a request, call a method and encode its answer; the
// queue's workers call Complete, Finished and ClipSpec (package queue
// declares what it needs). Nothing here knows HTTP: refusals are *Error
// with an error code, which the API maps to its status.
package newsroom

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Queue runs the work a use case starts; *queue.Queue is one.
type Queue interface {
	// Enqueue puts a stored job on the queue.
	Enqueue(ctx context.Context, jobID string) error
	// Cancel cancels a queued or running job by its queue id.
	Cancel(ctx context.Context, riverID int64) error
	// EnqueueClip puts a stored clip on the queue.
	EnqueueClip(ctx context.Context, clipID string) error
}

// Events notifies a job's receivers (Standard Webhooks); *queue.Queue is one.
type Events interface {
	// CheckCallback validates a callback URL before any work is queued.
	CheckCallback(ctx context.Context, url string) error
	// Notify queues an event of a job for its receivers, once.
	Notify(ctx context.Context, jobID string, event queue.Event) error
}

// Aligner aligns a transcript to an article's text; *pipeline.Pipeline is
// one, with the server's align.Options.
type Aligner interface {
	Align(t *transcribe.Transcript, article string) (*align.Result, error)
}

// Prober checks a stored upload before it is accepted: its duration in
// seconds (0 when unknown) or a *queue.InputError for an upload that is not
// usable audio. AudioDecoder is one.
type Prober interface {
	Probe(ctx context.Context, path string) (seconds float64, err error)
}

// Observer counts what the use cases do (Prometheus metrics); may be nil.
type Observer interface {
	// Accepted reports a new job queued.
	Accepted()
	// Finished reports a job reaching a final state.
	Finished(status store.Status)
}

// DefaultMaxQueue is Config.MaxQueue's default: the most jobs queued or
// running at once.
const DefaultMaxQueue = 1000

// Config are a Newsroom's parts and limits. Store is required; the zero
// value of every other field is its default.
type Config struct {
	// Store holds jobs, articles, transcripts, uploads and the search index.
	Store *store.Store
	// Queue runs jobs and clips; nil refuses them (a server that only
	// edits, searches and imports, as the HTTP tests run it).
	Queue Queue
	// Events sends webhooks; nil sends none and refuses callback URLs.
	Events Events
	// Aligner aligns transcripts to articles. Defaults to a pipeline with
	// align's default options.
	Aligner Aligner
	// Prober checks uploads; nil accepts every upload as it is (its
	// duration unknown).
	Prober Prober
	// Observer receives counts; may be nil.
	Observer Observer
	// MaxQueue is the most jobs queued or running at once; more are
	// refused with errcode.QueueFull. Defaults to DefaultMaxQueue.
	MaxQueue int
	// Model is the server's model as clients see it, the model of the jobs
	// a use case starts without a request naming one (a live session's
	// recording).
	Model string
	// Live runs live sessions (StartLive); nil refuses them.
	Live *live.Manager
	// Logger defaults to slog.Default().
	Logger *slog.Logger
}

// Newsroom runs the use cases. It is safe for concurrent use.
type Newsroom struct {
	cfg   Config
	store *store.Store
	log   *slog.Logger
}

// New returns the newsroom of cfg with its defaults applied.
func New(cfg Config) *Newsroom {
	cfg.MaxQueue = cmp.Or(cfg.MaxQueue, DefaultMaxQueue)
	cfg.Logger = cmp.Or(cfg.Logger, slog.Default())
	if cfg.Aligner == nil {
		cfg.Aligner = pipeline.New(pipeline.Config{})
	}
	return &Newsroom{cfg: cfg, store: cfg.Store, log: cfg.Logger}
}

// Store is the newsroom's store, for what only reads it.
func (n *Newsroom) Store() *store.Store { return n.store }

// MaxQueue is the most jobs queued or running at once.
func (n *Newsroom) MaxQueue() int { return n.cfg.MaxQueue }

// Error is a use case refused for a reason the caller can act on: Code says
// which (the API answers with its status), Param names the request field at
// fault ("" for none), Msg is one line for a person.
type Error struct {
	Code  errcode.Code
	Param string
	Msg   string
}

func (e *Error) Error() string { return e.Msg }

// refuse returns an *Error.
func refuse(code errcode.Code, param, msg string) *Error {
	return &Error{Code: code, Param: param, Msg: msg}
}

// ErrNoQueue is returned by the use cases that start work when the newsroom
// has no queue.
var ErrNoQueue = errors.New("newsroom: no job queue")

// notFound is the refusal of an id that names nothing.
func notFound(what, id string) *Error {
	return refuse(errcode.NotFound, "", fmt.Sprintf("no %s with id %q", what, id))
}

// reindex puts the job's transcript and the articles named back in the
// search index. A failure is logged: search is behind until the next change
// re-indexes, but the change itself stands.
func (n *Newsroom) reindex(ctx context.Context, jobID string, articleIDs ...string) {
	if jobID != "" {
		if err := n.store.IndexJob(ctx, jobID); err != nil {
			n.log.Error("search index not updated", "job", jobID, "error", err)
		}
	}
	for _, id := range articleIDs {
		if id == "" {
			continue
		}
		if err := n.store.IndexArticle(ctx, id); err != nil {
			n.log.Error("search index not updated", "article", id, "error", err)
		}
	}
}

// notify queues event for job id; a failure is logged (the change stands).
func (n *Newsroom) notify(ctx context.Context, id string, event queue.Event) {
	if n.cfg.Events == nil {
		return
	}
	if err := n.cfg.Events.Notify(ctx, id, event); err != nil && !errors.Is(err, store.ErrNotFound) {
		n.log.Error("queue webhook", "job", id, "event", event, "error", err)
	}
}

// Job returns job id, or an *Error (not found).
func (n *Newsroom) Job(ctx context.Context, id string) (*store.Job, error) {
	j, err := n.store.Job(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("transcription job", id)
	}
	return j, err
}

// Article returns article id, or an *Error (not found).
func (n *Newsroom) Article(ctx context.Context, id string) (*store.Article, error) {
	a, err := n.store.Article(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, notFound("article", id)
	}
	return a, err
}

// align aligns t to job j's article and stores the result: the one
// alignment of every path (the worker's, a re-alignment, an import).
func (n *Newsroom) align(ctx context.Context, j *store.Job, t *transcribe.Transcript) error {
	text, err := n.store.ArticleText(ctx, j)
	if err != nil {
		return err
	}
	res, err := n.cfg.Aligner.Align(t, text)
	if err != nil {
		return fmt.Errorf("align: %w", err)
	}
	return n.store.PutAlignment(ctx, j.ID, res)
}

// Realign aligns job j's article again to t (its current transcript),
// without speech recognition: the alignment is stored, article.aligned is
// queued and the article's search entries get the new times.
func (n *Newsroom) Realign(ctx context.Context, j *store.Job, t *transcribe.Transcript) error {
	if err := n.align(ctx, j, t); err != nil {
		return err
	}
	n.notify(ctx, j.ID, queue.EventAligned)
	if j.ArticleID != "" {
		return n.store.IndexArticle(ctx, j.ArticleID)
	}
	return nil
}

// Complete finishes job j whose transcript t is made (duration seconds of
// audio at real-time factor rtf): the alignment to its article, the done
// state, the search index, then its final events. The queue's stitch step
// calls it; an error leaves the job to be retried.
func (n *Newsroom) Complete(ctx context.Context, j *store.Job, t *transcribe.Transcript, duration, rtf float64) error {
	if j.HasArticle() {
		if err := n.align(ctx, j, t); err != nil {
			return err
		}
	}
	bg := context.WithoutCancel(ctx)
	if err := n.store.FinishJob(bg, j.ID, duration, rtf); err != nil {
		return err
	}
	// Searchable once done; a failure here only delays search until the
	// next correction or article edit re-indexes the job.
	n.reindex(bg, j.ID)
	j.Status = store.StatusDone
	return n.Finished(bg, j)
}

// Finished queues the events of job j in a final state: done (and
// article.aligned when it has an article) or failed. An error makes the
// queue run the job again, which finds it finished and queues what is
// missing (each event is queued once).
func (n *Newsroom) Finished(ctx context.Context, j *store.Job) error {
	if n.cfg.Events == nil {
		return nil
	}
	for _, e := range queue.FinalEvents(j) {
		if err := n.cfg.Events.Notify(ctx, j.ID, e); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	return nil
}

// Wait polls job id until it reaches a final state or ctx is done.
func (n *Newsroom) Wait(ctx context.Context, id string) (*store.Job, error) {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		j, err := n.store.Job(ctx, id)
		if err != nil {
			return &store.Job{ID: id}, err
		}
		if j.Status.Final() {
			return j, nil
		}
		select {
		case <-ctx.Done():
			return j, ctx.Err()
		case <-tick.C:
		}
	}
}
