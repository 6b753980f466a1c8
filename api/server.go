package api

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/blob/s3blob"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/share"
	"github.com/newsscribe/newsscribe/store"
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
	// Mount adds public routes (the web page and the share links signed by
	// sh) to the router; may be nil.
	Mount func(r *gin.Engine, st *store.Store, sh *share.Signer)
	// ClipFonts are the caption fonts of clip jobs (web.CaptionFonts in
	// the serve command); nil fails video clips that need them.
	ClipFonts fs.FS
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
	svc, err := newService(ctx, cfg, comps, log)
	if err != nil {
		return err
	}
	defer svc.queue.Close()
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	log.Info("listening", "addr", ln.Addr().String(), "data_dir", cfg.DataDir, "database", dbKind(cfg.Database), "workers", cfg.Workers)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	serveErr := make(chan error, 1)
	go func() { serveErr <- svc.srv.Serve(ln) }()
	loaded := svc.start(ctx, cancel)

	var runErr error
	select {
	case <-ctx.Done():
		if cause := context.Cause(ctx); !errors.Is(cause, context.Canceled) {
			runErr = cause
		}
	case err := <-serveErr:
		runErr = fmt.Errorf("serve: %w", err)
	}
	svc.shutdown(cfg.ShutdownTimeout, loaded)
	return runErr
}

// service is what Serve runs: the pipeline, the queue with its worker, and
// the HTTP server with the router.
type service struct {
	pipeline *pipeline.Pipeline
	queue    *queue.Queue
	srv      *http.Server
	log      *slog.Logger
	// started is set once the engine is loaded and the queue works jobs.
	started atomic.Bool
}

// newService resolves the models (an absent one is an error now), opens the
// uploads and the queue, and builds the router. Nothing listens yet.
func newService(ctx context.Context, cfg Config, comps Components, log *slog.Logger) (*service, error) {
	pcfg := comps.Pipeline
	pcfg.Audio = audio.Options{MaxDuration: cfg.MaxDuration, FFmpegPath: cfg.FFmpegPath}
	pcfg.Contexts = cfg.Workers
	pcfg.Threads = cfg.Threads
	p := pipeline.New(pcfg)
	models, err := p.Resolve()
	if err != nil {
		return nil, err
	}
	if models.VADMissing {
		log.Warn("VAD model not downloaded: transcribing without voice activity detection", "vad_model", pcfg.VADModel)
	}
	var sh *share.Signer // signs the share links of the pages comps mounts
	if comps.Mount != nil {
		key := []byte(cfg.ShareSecret)
		if len(key) == 0 {
			if key, err = share.LoadKey(cfg.DataDir); err != nil {
				return nil, err
			}
		}
		if sh, err = share.New(key, cfg.ShareTTL); err != nil {
			return nil, fmt.Errorf("--share-secret: %w", err)
		}
	}
	blobs, err := openBlobs(ctx, cfg)
	if err != nil {
		return nil, err
	}
	dec := AudioDecoder{Pipeline: p}
	hub := NewSegmentHub()
	worker := &queue.Worker{Pipeline: p, Decoder: dec, FFmpegPath: cfg.FFmpegPath, Logger: log, Segments: hub, ClipFonts: comps.ClipFonts, ChunkLength: cfg.ChunkLength}
	q, err := queue.Open(ctx, queue.Config{
		Database: cfg.Database, DataDir: cfg.DataDir, Workers: cfg.Workers, MaxAttempts: cfg.MaxAttempts,
		JobTimeout: cfg.JobTimeout, RescueAfter: cfg.RescueAfter, Logger: log.With("component", "river"),
		Webhooks: cfg.webhookConfig(), Clips: store.ClipLimits{Queued: cfg.MaxClips, Storage: cfg.ClipStorage},
	}, blobs, worker)
	if err != nil {
		return nil, fmt.Errorf("open job queue: %w", err)
	}
	st := q.Store()
	if sh != nil {
		sh = sh.WithRevocations(st) // DELETE …/share revokes a link there
	}
	metrics := NewMetrics(st)
	worker.Observer = metrics
	deps := Deps{
		Store: st, Queue: q, Prober: dec, Aligner: p,
		EngineReady: p.Ready, Segments: hub, Metrics: metrics, APIKeys: cfg.APIKeys,
		MaxUpload: cfg.MaxUpload, MaxQueue: cfg.MaxQueue, DefaultModel: PublicModelName(p.Model()), Logger: log,
		PublicMetrics: cfg.PublicMetrics, BodyIdleTimeout: cfg.BodyIdleTimeout, MinUploadRate: cfg.MinUploadRate,
		TrustProxy: cfg.TrustProxy, Webhooks: q, MaxStreams: cfg.MaxStreams,
	}
	if cfg.MinUploadRate == 0 {
		deps.MinUploadRate = -1 // off, where Deps' zero is the default
	}
	if cfg.PublicURL != "" {
		deps.PublicURL, _ = ParsePublicURL(cfg.PublicURL) // Validate checked it
	}
	if comps.Mount != nil {
		deps.Share = sh
		deps.Mount = func(r *gin.Engine) { comps.Mount(r, st, sh) }
	}
	for _, w := range cfg.Warnings(comps.Mount != nil) {
		log.Warn(w)
	}
	srv := &http.Server{
		Handler:           NewRouter(deps),
		ReadHeaderTimeout: 30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	return &service{pipeline: p, queue: q, srv: srv, log: log}, nil
}

// start loads the engine and then starts the queue, in the background so
// that /healthz answers and uploads queue while a large model loads. A
// failure cancels ctx with its cause, which stops Serve. The returned
// channel is closed when start is over, successful or not.
func (s *service) start(ctx context.Context, cancel context.CancelCauseFunc) <-chan struct{} {
	loaded := make(chan struct{})
	go func() {
		defer close(loaded)
		began := time.Now()
		if err := s.pipeline.Load(ctx); err != nil {
			cancel(fmt.Errorf("load speech engine: %w", err))
			return
		}
		if err := s.queue.Start(ctx); err != nil {
			cancel(fmt.Errorf("start job queue: %w", err))
			return
		}
		s.started.Store(true)
		s.log.Info("ready", "model_load_seconds", time.Since(began).Seconds())
	}()
	return loaded
}

// shutdown stops taking requests, gives running requests and jobs timeout,
// then cancels the jobs still running (they go back to the queue) and
// closes the engine.
func (s *service) shutdown(timeout time.Duration, loaded <-chan struct{}) {
	log := s.log
	log.Info("shutting down", "timeout", timeout.String())
	sctx, scancel := context.WithTimeout(context.Background(), timeout)
	defer scancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		log.Warn("http shutdown", "error", err)
	}
	<-loaded
	if s.started.Load() {
		if err := s.queue.Stop(sctx); err != nil {
			log.Warn("job queue stop: running jobs were cancelled and will resume on the next start", "error", err)
		}
	}
	if err := s.pipeline.Close(); err != nil {
		log.Warn("close engine", "error", err)
	}
	log.Info("stopped")
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

// openBlobs opens the blob store of cfg: DataDir/blobs, or the bucket of
// --blob-store with DataDir/blobs as this server's scratch directory.
func openBlobs(ctx context.Context, cfg Config) (*store.Blobs, error) {
	dir := filepath.Join(cfg.DataDir, "blobs")
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
