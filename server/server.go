// Package server is newsscribe's composition root: it builds the service
// from a Config — the pipeline, the blob store, the store (store.Open), the
// queue and its worker, the newsroom, the HTTP router and, when asked, the
// newsroom page — and runs it with graceful shutdown. The serve command,
// the API's tests, the browser test and the process tests' testserver all
// build it here, so nobody retypes the wiring.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/blob/s3blob"
	"github.com/newsscribe/newsscribe/internal/publicurl"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/share"
	"github.com/newsscribe/newsscribe/store"
)

// Server is the service, built and not yet running: Start loads the engine
// and starts the queue, Run also listens. Close releases the database.
type Server struct {
	cfg      Config
	pipeline *pipeline.Pipeline
	store    *store.Store
	queue    *queue.Queue
	worker   *queue.Worker
	newsroom *newsroom.Newsroom
	live     *live.Manager
	handler  http.Handler
	log      *slog.Logger
	// started is set once the engine is loaded and the queue works jobs.
	started atomic.Bool
	// stopRecover ends the recovery of live recordings (Start begins it).
	stopRecover context.CancelFunc
}

// New resolves the models (an absent one is an error now), opens the blob
// store, the database and the queue, and builds the newsroom and the
// router. Nothing listens and no job runs yet. Zero fields of cfg are their
// defaults; the rest must be valid.
func New(ctx context.Context, cfg Config) (*Server, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := cfg.Logger
	pcfg := cfg.Pipeline
	pcfg.Audio = audio.Options{MaxDuration: max(cfg.MaxDuration, 0), FFmpegPath: cfg.FFmpegPath}
	pcfg.Contexts = cfg.Workers + liveStates(cfg) // a whisper state for each live session too
	pcfg.Threads = threadsPerWorker(cfg)
	p := pipeline.New(pcfg)
	models, err := p.Resolve()
	if err != nil {
		return nil, err
	}
	if models.VADMissing {
		log.Warn("VAD model not downloaded: transcribing without voice activity detection", "vad_model", pcfg.VADModel)
	}
	key := []byte(cfg.ShareSecret)
	if len(key) == 0 {
		if key, err = share.LoadKey(cfg.DataDir); err != nil {
			return nil, err
		}
	}
	sh, err := share.New(key, cfg.ShareTTL)
	if err != nil {
		return nil, fmt.Errorf("--share-secret: %w", err)
	}
	blobs, err := openBlobs(ctx, cfg)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, store.Config{Database: cfg.Database, DataDir: cfg.DataDir, Logger: log}, blobs)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	dec := newsroom.AudioDecoder{Pipeline: p}
	hub := newsroom.NewSegmentHub()
	worker := &queue.Worker{Pipeline: p, Decoder: dec, FFmpegPath: cfg.FFmpegPath, Logger: log, Segments: hub,
		ClipFonts: cfg.ClipFonts, ChunkLength: cfg.ChunkLength, ProgressEvery: cfg.ProgressEvery}
	q, err := queue.Open(ctx, queue.Config{
		Workers: cfg.Workers, MaxAttempts: cfg.MaxAttempts,
		JobTimeout: cfg.JobTimeout, RescueAfter: cfg.RescueAfter, Logger: log.With("component", "river"),
		Webhooks: cfg.webhookConfig(),
	}, st, worker)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("open job queue: %w", err)
	}
	metrics := api.NewMetrics(st)
	worker.Observer = metrics
	lm, err := newLive(cfg, p, log)
	if err != nil {
		st.Close()
		return nil, err
	}
	model := api.PublicModelName(p.Model())
	nr := newsroom.New(newsroom.Config{Store: st, Queue: q, Events: q, Aligner: p, Prober: dec, Observer: metrics,
		MaxQueue: cfg.MaxQueue, Model: model, Live: lm, Logger: log})
	worker.Jobs = nr
	if lm != nil {
		lm.Attach(nr)
	}
	publicURL, _ := publicurl.Parse(cfg.PublicURL) // Validate checked it
	if cfg.PublicURL == "" {
		publicURL = ""
	}
	deps := api.Deps{
		Newsroom: nr, EngineReady: p.Ready, Segments: hub, Metrics: metrics, APIKeys: cfg.APIKeys,
		MaxUpload: cfg.MaxUpload, DefaultModel: model, Logger: log,
		PublicMetrics: cfg.PublicMetrics, BodyIdleTimeout: cfg.BodyIdleTimeout, MinUploadRate: cfg.MinUploadRate,
		TrustProxy: cfg.TrustProxy, PublicURL: publicURL, Share: sh,
	}
	if cfg.Page {
		// The newsroom page, the embed of published articles and the
		// signed share links of unpublished jobs, outside /v1 and its keys.
		deps.Mount = func(r *gin.Engine) {
			web.Mount(r, st, web.Options{PublicURL: publicURL, TrustProxy: cfg.TrustProxy})
			web.RegisterShare(r, st, sh)
		}
	}
	return &Server{cfg: cfg, pipeline: p, store: st, queue: q, worker: worker, newsroom: nr, live: lm,
		handler: api.NewRouter(deps), log: log, stopRecover: func() {}}, nil
}

// Handler is the service's HTTP handler (the router).
func (s *Server) Handler() http.Handler { return s.handler }

// Store is the service's store.
func (s *Server) Store() *store.Store { return s.store }

// Queue is the service's job queue.
func (s *Server) Queue() *queue.Queue { return s.queue }

// Worker is the queue's worker.
func (s *Server) Worker() *queue.Worker { return s.worker }

// Newsroom is the service's application layer.
func (s *Server) Newsroom() *newsroom.Newsroom { return s.newsroom }

// Load loads the speech engine (seconds for a large model); /readyz
// reports ready once it has.
func (s *Server) Load(ctx context.Context) error {
	if err := s.pipeline.Load(ctx); err != nil {
		return fmt.Errorf("load speech engine: %w", err)
	}
	return nil
}

// Start loads the engine and then starts the queue. It returns the first
// error; the server then answers /readyz not ready and runs no job.
func (s *Server) Start(ctx context.Context) error {
	began := time.Now()
	if err := s.Load(ctx); err != nil {
		return err
	}
	if err := s.queue.Start(ctx); err != nil {
		return fmt.Errorf("start job queue: %w", err)
	}
	s.started.Store(true)
	s.log.Info("ready", "model_load_seconds", time.Since(began).Seconds())
	rctx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.stopRecover = stop
	s.recoverLive(rctx)
	return nil
}

// Stop gives running jobs until ctx is done, then cancels them (they go
// back to the queue, to resume on the next start), and closes the engine.
func (s *Server) Stop(ctx context.Context) {
	s.stopRecover()
	_ = s.EndLive(ctx)
	if s.started.Load() {
		if err := s.queue.Stop(ctx); err != nil {
			s.log.Warn("job queue stop: running jobs were cancelled and will resume on the next start", "error", err)
		}
	}
	if err := s.pipeline.Close(); err != nil {
		s.log.Warn("close engine", "error", err)
	}
}

// Close closes the database and releases the data directory; call after
// Stop.
func (s *Server) Close() { s.store.Close() }

// Run builds the service of cfg and serves HTTP until ctx is done, then
// shuts down gracefully: no new requests, running requests and jobs get
// cfg.ShutdownTimeout, jobs still running after that are cancelled and go
// back to the queue (results are written atomically, so nothing is
// half-written) to resume on the next start. The engine loads after the
// server listens, so /healthz answers and uploads queue meanwhile; a load
// error stops Run.
func Run(ctx context.Context, cfg Config) error {
	gin.SetMode(gin.ReleaseMode)
	s, err := New(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	cfg = s.cfg
	log := s.log
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("listening", "addr", ln.Addr().String(), "data_dir", cfg.DataDir, "database", dbKind(cfg.Database), "workers", cfg.Workers)
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		if err := s.Start(ctx); err != nil {
			cancel(err)
		}
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
	_ = s.EndLive(sctx) // its recordings reach the queue, its event streams end
	if err := srv.Shutdown(sctx); err != nil {
		log.Warn("http shutdown", "error", err)
	}
	<-loaded
	s.Stop(sctx)
	log.Info("stopped")
	return runErr
}

func dbKind(dsn string) string {
	if dsn == "" {
		return "sqlite"
	}
	return "postgres"
}

// openBlobs opens the blob store of cfg: DataDir/blobs, or the bucket of
// --blob-store with DataDir/blobs as this server's scratch directory.
func openBlobs(ctx context.Context, cfg Config) (*store.Blobs, error) {
	dir := filepath.Join(cfg.DataDir, "blobs")
	if cfg.Blobs != nil {
		return store.NewRemoteBlobs(dir, cfg.Blobs)
	}
	if cfg.BlobStore == "" {
		return store.NewBlobs(dir)
	}
	bc, err := s3blob.ParseURL(cfg.BlobStore)
	if err != nil {
		return nil, fmt.Errorf("--blob-store: %w", err)
	}
	st, err := s3blob.New(ctx, bc)
	if err != nil {
		return nil, err
	}
	if err := st.Check(ctx); err != nil {
		return nil, err
	}
	return store.NewRemoteBlobs(dir, st)
}
