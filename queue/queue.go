// Package queue runs transcription jobs on river (riverqueue.com): a
// durable queue in the store's database (store.Open) — SQLite (one WAL file
// in the data directory) by default, PostgreSQL when several machines share
// one queue. A job accepted by the API is a row in river_job before the client
// hears 202; a server killed mid-job leaves it "running" and river's rescuer
// puts it back after RescueStuckJobsAfter; results are written atomically.
package queue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/newsscribe/newsscribe/store"
)

// Args are a river job's arguments: only the API's job id, the rest is in
// the ns_jobs row.
type Args struct {
	JobID string `json:"job_id"`
}

// Kind implements river.JobArgs.
func (Args) Kind() string { return "newsscribe_transcribe" }

// Defaults of Config, each stated once here; the serve command's flags show
// the same values (through server.DefaultConfig).
const (
	// DefaultWorkers is how many jobs one process runs at once.
	DefaultWorkers = 1
	// DefaultMaxAttempts is how often a job is tried on transient failures.
	DefaultMaxAttempts = 3
	// DefaultJobTimeout cancels a job that runs longer: 3 hours (the one
	// value; the serve command's --job-timeout shows it).
	DefaultJobTimeout = 3 * time.Hour
	// DefaultRescueMargin is how much longer than JobTimeout a job marked
	// running waits before it is considered abandoned (RescueAfter's default).
	DefaultRescueMargin = time.Minute
)

// Config configures the queue; it runs on the database of the store it is
// opened with. The zero value of every field selects its default.
type Config struct {
	// Workers is the number of jobs run at once by this process. Defaults to
	// DefaultWorkers.
	Workers int
	// MaxAttempts is how often a job is tried before it fails for good
	// (transient failures only; bad audio fails at once). Defaults to
	// DefaultMaxAttempts.
	MaxAttempts int
	// JobTimeout cancels a job that runs longer. Defaults to DefaultJobTimeout.
	JobTimeout time.Duration
	// RescueAfter is how long after its start a job still marked running is
	// considered abandoned (its server died) and run again; it must exceed
	// JobTimeout. Defaults to JobTimeout + DefaultRescueMargin.
	RescueAfter time.Duration
	// Logger receives river's logs. Defaults to slog.Default().
	Logger *slog.Logger
	// Webhooks configures event notifications (webhook.go).
	Webhooks WebhookConfig
}

func (c *Config) setDefaults() {
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.MaxAttempts <= 0 {
		c.MaxAttempts = DefaultMaxAttempts
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = DefaultJobTimeout
	}
	if c.RescueAfter <= 0 {
		c.RescueAfter = c.JobTimeout + DefaultRescueMargin
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	c.Webhooks.setDefaults()
}

// Validate reports the first invalid setting.
func (c Config) Validate() error {
	if c.RescueAfter > 0 && c.JobTimeout > 0 && c.RescueAfter <= c.JobTimeout {
		return fmt.Errorf("rescue-after (%s) must be longer than the job timeout (%s)", c.RescueAfter, c.JobTimeout)
	}
	return nil
}

// backend hides river's transaction type parameter (*sql.Tx for SQLite,
// pgx.Tx for PostgreSQL).
type backend interface {
	insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (int64, error)
	cancel(ctx context.Context, riverID int64) error
	start(ctx context.Context) error
	stop(ctx context.Context) error
	stopAndCancel(ctx context.Context) error
}

type riverBackend[TTx any] struct {
	client *river.Client[TTx]
}

func (b *riverBackend[TTx]) insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (int64, error) {
	res, err := b.client.Insert(ctx, args, opts)
	if err != nil {
		return 0, err
	}
	return res.Job.ID, nil
}

func (b *riverBackend[TTx]) cancel(ctx context.Context, id int64) error {
	_, err := b.client.JobCancel(ctx, id)
	return err
}

func (b *riverBackend[TTx]) start(ctx context.Context) error { return b.client.Start(ctx) }
func (b *riverBackend[TTx]) stop(ctx context.Context) error  { return b.client.Stop(ctx) }
func (b *riverBackend[TTx]) stopAndCancel(ctx context.Context) error {
	return b.client.StopAndCancel(ctx)
}

// Queue is a river client with the API's worker registered.
type Queue struct {
	cfg     Config
	backend backend
	store   *store.Store
	worker  *Worker
	// sqlite is set for the embedded database, which this process holds alone.
	sqlite *sql.DB
}

// Open migrates river's tables in st's database and builds a river client
// with w registered on it. Jobs are not worked until Start; closing st
// (after Stop) closes the queue's database.
func Open(ctx context.Context, cfg Config, st *store.Store, w *Worker) (*Queue, error) {
	cfg.setDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	q := &Queue{cfg: cfg, worker: w, store: st}
	workers := river.NewWorkers()
	river.AddWorker(workers, river.Worker[Args](w))
	river.AddWorker(workers, river.Worker[ClipArgs](&clipWorker{w: w}))
	hooks := &webhookWorker{cfg: cfg.Webhooks, client: cfg.Webhooks.Policy.Client(), log: cfg.Logger, store: st}
	river.AddWorker(workers, river.Worker[WebhookArgs](hooks))
	river.AddWorker(workers, river.Worker[ChunkArgs](&chunkWorker{w: w}))
	river.AddWorker(workers, river.Worker[StitchArgs](&stitchWorker{w: w}))
	rcfg := &river.Config{
		Queues: map[string]river.QueueConfig{
			river.QueueDefault: {MaxWorkers: cfg.Workers},
			WebhookQueue:       {MaxWorkers: cfg.Webhooks.Workers},
		},
		Workers:              workers,
		MaxAttempts:          cfg.MaxAttempts,
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		Logger:               cfg.Logger,
		FetchPollInterval:    500 * time.Millisecond,
		FetchCooldown:        100 * time.Millisecond,
	}
	if pool := st.Pool(); pool != nil {
		drv := riverpgxv5.New(pool)
		if err := migrate(ctx, drv); err != nil {
			return nil, err
		}
		client, err := river.NewClient(drv, rcfg)
		if err != nil {
			return nil, fmt.Errorf("river client: %w", err)
		}
		q.backend = &riverBackend[pgx.Tx]{client: client}
	} else {
		drv := riversqlite.New(st.DB())
		if err := migrate(ctx, drv); err != nil {
			return nil, err
		}
		rcfg.PollOnly = true
		client, err := river.NewClient(drv, rcfg)
		if err != nil {
			return nil, fmt.Errorf("river client: %w", err)
		}
		q.backend = &riverBackend[*sql.Tx]{client: client}
		if st.Exclusive() {
			q.sqlite = st.DB()
		}
	}
	w.store, w.queue = st, q
	w.notifier = q
	return q, nil
}

func migrate[TTx any](ctx context.Context, d riverdriver.Driver[TTx]) error {
	m, err := rivermigrate.New(d, nil)
	if err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("river migrations: %w", err)
	}
	return nil
}

// Enqueue puts job id on the queue and records river's id on the job. It is
// idempotent: river's uniqueness by args makes a second call a no-op.
func (q *Queue) Enqueue(ctx context.Context, jobID string) error {
	rid, err := q.backend.insert(ctx, Args{JobID: jobID}, &river.InsertOpts{
		MaxAttempts: q.cfg.MaxAttempts,
		UniqueOpts:  river.UniqueOpts{ByArgs: true},
	})
	if err != nil {
		return fmt.Errorf("enqueue: %w", err)
	}
	if err := q.store.SetRiverID(ctx, jobID, rid); err != nil {
		return fmt.Errorf("enqueue: %w", err)
	}
	return nil
}

// EnqueueClip puts clip id (stored queued) on the queue. Clips are not
// retried: the same recording and options fail the same way again.
func (q *Queue) EnqueueClip(ctx context.Context, clipID string) error {
	if _, err := q.backend.insert(ctx, ClipArgs{ClipID: clipID}, &river.InsertOpts{
		MaxAttempts: 1,
		UniqueOpts:  river.UniqueOpts{ByArgs: true},
	}); err != nil {
		return fmt.Errorf("enqueue clip: %w", err)
	}
	return nil
}

// enqueue puts a chunk or stitch step on the queue (idempotent, as Enqueue)
// and returns river's id.
func (q *Queue) enqueue(ctx context.Context, args river.JobArgs) (int64, error) {
	rid, err := q.backend.insert(ctx, args, &river.InsertOpts{
		MaxAttempts: q.cfg.MaxAttempts,
		Priority:    priority(args),
		UniqueOpts:  river.UniqueOpts{ByArgs: true},
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue %s: %w", args.Kind(), err)
	}
	return rid, nil
}

// priority orders the queue's work (river: 1 first, 4 last; first in,
// first out within one): prepare steps (1, river's default) and stitch steps
// (1) before any chunk, a recording's first chunk (2), its next three (3),
// then the rest (4). So a short recording submitted behind a four-hour one
// waits for the chunks in flight, not for the hours of chunks queued before
// it, and every recording shows progress soon.
func priority(args river.JobArgs) int {
	c, ok := args.(ChunkArgs)
	switch {
	case !ok:
		return 1
	case c.Index == 0:
		return 2
	case c.Index < 4:
		return 3
	}
	return 4
}

// cancelParts cancels the chunks of job id still queued or running,
// wherever they run.
func (q *Queue) cancelParts(ctx context.Context, id string) error {
	ids, err := q.store.JobRiverIDs(ctx, id)
	if err != nil {
		return fmt.Errorf("cancel chunks: %w", err)
	}
	var errs []error
	for _, rid := range ids {
		if err := q.backend.cancel(ctx, rid); err != nil {
			errs = append(errs, err)
		}
		if q.worker != nil {
			q.worker.cancelLocal(rid)
		}
	}
	return errors.Join(errs...)
}

// Cancel asks river to cancel a job and every chunk of it: removed from the
// queue if waiting, their contexts cancelled (reaching the engine) if
// running. riverID is the job's (its prepare step's) queue id.
func (q *Queue) Cancel(ctx context.Context, riverID int64) error {
	if riverID == 0 {
		return nil
	}
	if id, err := q.store.JobByRiverID(ctx, riverID); err == nil {
		if err := q.cancelParts(ctx, id); err != nil {
			return fmt.Errorf("cancel: %w", err)
		}
	}
	// River marks the job cancelled (and, for a job running on another
	// process, cancels it at that process's next poll); a job running here is
	// cancelled at once. The order matters: the job must be marked before its
	// worker sees the cancellation and reports it.
	if err := q.backend.cancel(ctx, riverID); err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	if q.worker != nil {
		q.worker.cancelLocal(riverID)
	}
	return nil
}

// Start enqueues jobs a crash left unqueued, then starts working jobs.
//
// With SQLite the data directory is locked by this process (store.Open), so a job still
// marked running was left by a killed predecessor: it is made available at
// once instead of waiting RescueAfter for river's rescuer (which remains the
// mechanism with PostgreSQL, where other live servers may be running jobs).
func (q *Queue) Start(ctx context.Context) error {
	if q.sqlite != nil {
		res, err := q.sqlite.ExecContext(ctx, `UPDATE river_job SET state = 'available' WHERE state = 'running'`)
		if err != nil {
			return fmt.Errorf("recover running jobs: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			q.cfg.Logger.Info("resuming jobs interrupted by a crash", "jobs", n)
		}
	}
	lost, err := q.store.UnqueuedJobs(ctx)
	if err != nil {
		return fmt.Errorf("recover jobs: %w", err)
	}
	for _, j := range lost {
		if err := q.Enqueue(ctx, j.ID); err != nil {
			return err
		}
	}
	// Clips: enqueuing is idempotent (unique by args), so every unfinished
	// clip is offered again; one whose queue job exists is left alone.
	clips, err := q.store.UnfinishedClips(ctx)
	if err != nil {
		return fmt.Errorf("recover clips: %w", err)
	}
	for _, id := range clips {
		if err := q.EnqueueClip(ctx, id); err != nil {
			return err
		}
	}
	return q.backend.start(ctx)
}

// Stop waits for running jobs until ctx is done, then cancels them: a
// cancelled job goes back to the queue (snoozed), to be resumed by the next
// start, and no result is half-written.
func (q *Queue) Stop(ctx context.Context) error {
	err := q.backend.stop(ctx)
	if err == nil {
		return nil
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return errors.Join(err, q.backend.stopAndCancel(cctx))
}
