package cli

import (
	"context"
	"log/slog"
	"os"

	"github.com/gin-gonic/gin"
	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/api"
	"github.com/newsscribe/newsscribe/api/store"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

func newServeCmd(s Streams) *cobra.Command {
	return serveCmd(s, whisper.Available, os.Getenv)
}

func serveCmd(s Streams, available bool, getenv func(string) string) *cobra.Command {
	cfg := api.DefaultConfig()
	cfg.Model = models.DefaultModel
	cfg.VADModel = models.VADModel
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the HTTP API: durable transcription jobs, articles, OpenAI-compatible endpoint",
		Long: `Run the HTTP service.

Every flag can also be set by an environment variable: NEWSSCRIBE_ and the
flag name in upper case with _ for - (NEWSSCRIBE_LISTEN, NEWSSCRIBE_DATA_DIR,
NEWSSCRIBE_MODEL, NEWSSCRIBE_VAD_MODEL, NEWSSCRIBE_WORKERS,
NEWSSCRIBE_MAX_UPLOAD, NEWSSCRIBE_MAX_DURATION, NEWSSCRIBE_API_KEYS (comma
separated), NEWSSCRIBE_DATABASE, …). Flags win over the environment.

Jobs are kept in SQLite in --data-dir, or in PostgreSQL with
--database postgres://… so that several servers share one queue (they must
then share --data-dir too). Logs are JSON lines on stderr.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := api.ApplyEnv(cmd.Flags(), getenv); err != nil {
				return err
			}
			return runServe(cmd.Context(), s, cfg, available)
		},
	}
	cfg.Flags(cmd.Flags())
	return cmd
}

// runServe refuses to start without a speech engine, rather than serving
// with readyz false: a server without one would answer 202 to uploads it can
// never transcribe, and the job system promises that an accepted job
// finishes. The one-line error says how to get the engine. For the same
// reason an absent model is an error at start, not at the first job.
func runServe(ctx context.Context, s Streams, cfg api.Config, available bool) error {
	if !available {
		return transcribe.ErrNoEngine
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	level := map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}[cfg.LogLevel]
	log := slog.New(slog.NewJSONHandler(s.Err, &slog.HandlerOptions{Level: level}))
	pcfg := pipeline.Config{Model: cfg.Model, VADModel: cfg.VADModel, ModelsDir: cfg.ModelsDir}
	if cfg.VADModel == "" {
		pcfg.VAD = pipeline.VADOff
	}
	err := api.Serve(ctx, cfg, api.Components{
		Pipeline: pcfg,
		// The newsroom page and the embed of published articles.
		Mount:     func(r *gin.Engine, st *store.Store) { web.Register(r, st) },
		ClipFonts: web.CaptionFonts(),
		Logger:    log,
	})
	return modelFlagError(err)
}
