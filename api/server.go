package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api/jobs"
	"github.com/newsscribe/newsscribe/api/store"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/pipeline"
)

// Components are the parts Serve is built from; the serve command wires the
// real ones (the whisper.cpp pipeline, the web page).
type Components struct {
	// Pipeline names the models and the engine loader (and align.Options).
	// Serve sets its Audio options from Config (MaxDuration, FFmpegPath)
	// and Contexts to Config.Workers. The models are resolved before the
	// server listens, so an absent model stops it at once; the engine is
	// loaded after it listens (so /healthz answers and uploads queue while a
	// large model loads), and /readyz reports not ready until it is. A load
	// error stops the server: a server that accepts jobs it can never run
	// would break the promise that an accepted job finishes.
	Pipeline pipeline.Config
	// Mount adds public routes (the web page) to the router; may be nil.
	Mount func(r *gin.Engine, st *store.Store)
	// Logger receives JSON logs. Defaults to JSON on stderr-less discard.
	Logger *slog.Logger
}

// Serve runs the HTTP service until ctx is done, then shuts down gracefully:
// no new requests, running requests and jobs get cfg.ShutdownTimeout, jobs
// still running after that are cancelled and go back to the queue (results
// are written atomically, so nothing is half-written) to resume on the next
// start.
func Serve(ctx context.Context, cfg Config, comps Components) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := comps.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	gin.SetMode(gin.ReleaseMode)
	pcfg := comps.Pipeline
	pcfg.Audio = audio.Options{MaxDuration: cfg.MaxDuration, FFmpegPath: cfg.FFmpegPath}
	pcfg.Contexts = cfg.Workers
	pcfg.Threads = cfg.Threads
	p := pipeline.New(pcfg)
	models, err := p.Resolve()
	if err != nil {
		return err
	}
	if models.VADMissing {
		log.Warn("VAD model not downloaded: transcribing without voice activity detection", "vad_model", pcfg.VADModel)
	}
	blobs, err := store.NewBlobs(filepath.Join(cfg.DataDir, "blobs"))
	if err != nil {
		return err
	}
	dec := AudioDecoder{Pipeline: p}
	hub := NewSegmentHub()
	worker := &jobs.Worker{Pipeline: p, Decoder: dec, FFmpegPath: cfg.FFmpegPath, Logger: log, Segments: hub, ChunkLength: cfg.ChunkLength}
	q, err := jobs.Open(ctx, jobs.Config{
		Database: cfg.Database, DataDir: cfg.DataDir, Workers: cfg.Workers, MaxAttempts: cfg.MaxAttempts,
		JobTimeout: cfg.JobTimeout, RescueAfter: cfg.RescueAfter, Logger: log.With("component", "river"),
	}, blobs, worker)
	if err != nil {
		return fmt.Errorf("open job queue: %w", err)
	}
	defer q.Close()
	st := q.Store()
	metrics := NewMetrics(st)
	worker.Observer = metrics
	deps := Deps{
		Store: st, Queue: q, Prober: dec, Aligner: p,
		EngineReady: p.Ready, Segments: hub, Metrics: metrics, APIKeys: cfg.APIKeys,
		MaxUpload: cfg.MaxUpload, MaxQueue: cfg.MaxQueue, DefaultModel: PublicModelName(p.Model()), Logger: log,
	}
	if comps.Mount != nil {
		deps.Mount = func(r *gin.Engine) { comps.Mount(r, st) }
	}
	srv := &http.Server{
		Handler:           NewRouter(deps),
		ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("listening", "addr", ln.Addr().String(), "data_dir", cfg.DataDir, "database", dbKind(cfg.Database), "workers", cfg.Workers)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	var started atomic.Bool
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		began := time.Now()
		if err := p.Load(ctx); err != nil {
			cancel(fmt.Errorf("load speech engine: %w", err))
			return
		}
		if err := q.Start(ctx); err != nil {
			cancel(fmt.Errorf("start job queue: %w", err))
			return
		}
		started.Store(true)
		log.Info("ready", "model_load_seconds", time.Since(began).Seconds())
	}()

	var runErr error
	select {
	case <-ctx.Done():
		if cause := context.Cause(ctx); !errors.Is(cause, context.Canceled) {
			runErr = cause
		}
	case err := <-serveErr:
		runErr = fmt.Errorf("serve: %w", err)
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	sctx, scancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer scancel()
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http shutdown", "error", err)
	}
	<-loaded
	if started.Load() {
		if err := q.Stop(sctx); err != nil {
			log.Warn("job queue stop: running jobs were cancelled and will resume on the next start", "error", err)
		}
	}
	if err := p.Close(); err != nil {
		log.Warn("close engine", "error", err)
	}
	log.Info("stopped")
	return runErr
}

func dbKind(dsn string) string {
	if dsn == "" {
		return "sqlite"
	}
	return "postgres"
}

// PublicModelName is the name clients see for the model configured as model:
// a registry name as it is, a file path by its base name without ".bin", so
// that responses never reveal the server's directories.
func PublicModelName(model string) string {
	if !strings.ContainsRune(model, filepath.Separator) && !strings.HasSuffix(model, ".bin") {
		return model
	}
	return strings.TrimSuffix(filepath.Base(model), ".bin")
}
