package cli

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/newsscribe/newsscribe/internal/bytesize"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/server"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// DefaultLogLevel is ServeFlags.LogLevel's default.
const DefaultLogLevel = "info"

// ServeFlags are the settings of `newsscribe serve`: the service's
// server.Config and what only the command decides — which models the pipeline
// loads and how much it logs. Every field is a flag (Register) and an
// environment variable (ApplyEnv). The process tests' testserver binds the
// same flags.
type ServeFlags struct {
	server.Config
	// Model is the Whisper model: a registry name or a ggml file path.
	// Defaults to models.DefaultModel.
	Model string
	// VADModel is the Silero VAD model (name or path); empty turns voice
	// activity detection off. Defaults to models.VADModel.
	VADModel string
	// ModelsDir is where named models are found. Empty selects
	// models.DefaultDir().
	ModelsDir string
	// LogLevel is debug, info, warn or error. Defaults to DefaultLogLevel.
	LogLevel string
}

// DefaultServeFlags returns the defaults stated on ServeFlags' fields and
// server.DefaultConfig.
func DefaultServeFlags() ServeFlags {
	return ServeFlags{Config: server.DefaultConfig(), Model: models.DefaultModel, VADModel: models.VADModel, LogLevel: DefaultLogLevel}
}

// Register registers f's fields as flags on fs, with f's values as defaults.
func (f *ServeFlags) Register(fs *pflag.FlagSet) {
	c := &f.Config
	fs.StringVar(&c.Listen, "listen", c.Listen, "address to listen on")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory for the SQLite database and uploads (shared by all servers with Postgres)")
	fs.StringVar(&c.Database, "database", c.Database, "postgres://… URL of a queue shared by several servers (default: SQLite in --data-dir)")
	fs.StringVar(&f.Model, "model", f.Model, "Whisper model: a name (see newsscribe models list) or a ggml file")
	fs.StringVar(&f.VADModel, "vad-model", f.VADModel, "Silero VAD model: a name or a ggml file (absent: no VAD)")
	fs.StringVar(&f.ModelsDir, "models-dir", f.ModelsDir, "directory of named models (default $NEWSSCRIBE_MODELS_DIR or the user cache directory)")
	fs.IntVar(&c.Workers, "workers", c.Workers, "chunks of recordings transcribed at once by this server (one whisper state each)")
	fs.IntVar(&c.Threads, "threads", c.Threads, "CPU threads of each chunk's recognition (0: CPUs / workers)")
	fs.DurationVar(&c.ChunkLength, "chunk-length", c.ChunkLength, "target length of the chunks a recording is cut into at pauses")
	fs.Var((*byteSize)(&c.MaxUpload), "max-upload", "largest upload (bytes, or with KiB/MiB/GiB)")
	fs.DurationVar(&c.MaxDuration, "max-duration", c.MaxDuration, "longest accepted recording (0: no limit)")
	fs.IntVar(&c.MaxQueue, "max-queue", c.MaxQueue, "most jobs queued or running; more are refused with 429")
	fs.DurationVar(&c.JobTimeout, "job-timeout", c.JobTimeout, "cancel a job that runs longer")
	fs.DurationVar(&c.RescueAfter, "rescue-after", c.RescueAfter, "run again a job left running this long by a dead server (default: job-timeout + 1m)")
	fs.IntVar(&c.MaxAttempts, "max-attempts", c.MaxAttempts, "tries per job on transient failures")
	fs.StringSliceVar(&c.APIKeys, "api-keys", c.APIKeys, "comma-separated API keys required as Authorization: Bearer KEY; NAME:KEY names a key, the author of its transcript corrections (default: none, open)")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", c.ShutdownTimeout, "how long shutdown waits for requests and jobs")
	fs.StringVar(&c.FFmpegPath, "ffmpeg", c.FFmpegPath, "ffmpeg executable")
	fs.StringVar(&f.LogLevel, "log-level", f.LogLevel, "debug, info, warn or error")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "address readers reach the server by, e.g. https://news.example.com, for the absolute URLs it writes (default: the request's Host)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", c.TrustProxy, "without --public-url, trust X-Forwarded-Proto/-Host from a reverse proxy")
	fs.BoolVar(&c.PublicMetrics, "public-metrics", c.PublicMetrics, "serve /metrics and /v1/openapi.json without an API key when --api-keys is set")
	fs.DurationVar(&c.BodyIdleTimeout, "body-idle-timeout", c.BodyIdleTimeout, "end a request whose body sends nothing for this long (408)")
	fs.Var((*byteSize)(&c.MinUploadRate), "min-upload-rate", "slowest mean upload rate per second after the first --body-idle-timeout (bytes, or with KiB/MiB; 0: no rate check)")
	fs.StringVar(&c.ShareSecret, "share-secret", c.ShareSecret, "secret (16+ bytes) signing share links of unpublished jobs; the same on every server (default: random, kept in --data-dir/share.key)")
	fs.DurationVar(&c.ShareTTL, "share-ttl", c.ShareTTL, "how long a share link works")
	fs.StringVar(&c.BlobStore, "blob-store", c.BlobStore, "s3://bucket/prefix?endpoint=…&region=… to keep uploads in a bucket shared by all servers (default: --data-dir/blobs)")
	fs.StringVar(&c.WebhookURL, "webhook-url", c.WebhookURL, "URL that receives every job's events (transcription.done, transcription.failed, article.aligned)")
	fs.StringVar(&c.WebhookSecret, "webhook-secret", c.WebhookSecret, "whsec_… secret that signs webhooks (Standard Webhooks); empty: unsigned")
	fs.BoolVar(&c.WebhookAllowPrivate, "webhook-allow-private", c.WebhookAllowPrivate, "let webhooks reach loopback, private and link-local addresses")
	fs.DurationSliceVar(&c.WebhookRetry, "webhook-retry", c.WebhookRetry, "delays before each retry of an undelivered webhook (default 5s,5m,30m,2h,5h,10h,10h)")
	registerLiveFlags(fs, &c.Live)
}

// logLevels are the accepted --log-level values.
var logLevels = map[string]slog.Level{"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError}

// Validate reports the first invalid setting as a one-line message naming
// the flag.
func (f ServeFlags) Validate() error {
	if err := f.Config.Validate(); err != nil {
		return err
	}
	if _, ok := logLevels[f.LogLevel]; !ok {
		return fmt.Errorf("--log-level: want debug, info, warn or error, got %q", f.LogLevel)
	}
	return nil
}

// Pipeline is the pipeline configuration the flags name: the models, and
// VAD off when --vad-model is empty. server.New fills in the audio options
// and the number of whisper states from the server.Config.
func (f ServeFlags) Pipeline() pipeline.Config {
	p := pipeline.Config{Model: f.Model, VADModel: f.VADModel, ModelsDir: f.ModelsDir}
	if f.VADModel == "" {
		p.VAD = pipeline.VADOff
	}
	return p
}

// ServerConfig is the service's configuration the flags give, logging to
// w: the models (Pipeline), the newsroom page, and --max-duration 0,
// --min-upload-rate 0 and --live-sessions 0 turning their limit or live
// mode off (a zero in server.Config is the default).
func (f ServeFlags) ServerConfig(w io.Writer) server.Config {
	c := f.Config
	c.Pipeline, c.Page, c.Logger = f.Pipeline(), true, f.Logger(w)
	if c.MinUploadRate == 0 {
		c.MinUploadRate = -1 // the flag's 0 is off; the Config's is the default
	}
	if c.MaxDuration == 0 {
		c.MaxDuration = -1
	}
	if c.Live.Sessions == 0 {
		c.Live.Sessions = -1 // --live-sessions 0 turns live mode off
	}
	return c
}

// Logger is the JSON logger on w at f.LogLevel (info if it is not valid).
func (f ServeFlags) Logger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: logLevels[f.LogLevel]}))
}

// ApplyEnv sets every flag not given on the command line from its
// environment variable NEWSSCRIBE_<NAME> (NEWSSCRIBE_MAX_UPLOAD for
// --max-upload); a list flag takes a comma-separated value. getenv is
// os.Getenv outside tests.
func ApplyEnv(fs *pflag.FlagSet, getenv func(string) string) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed {
			return
		}
		name := "NEWSSCRIBE_" + strings.ToUpper(strings.ReplaceAll(f.Name, "-", "_"))
		v := getenv(name)
		if v == "" {
			return
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			parts := strings.Split(v, ",")
			for i := range parts {
				parts[i] = strings.TrimSpace(parts[i])
			}
			if e := sv.Replace(parts); e != nil {
				err = fmt.Errorf("%s: %w", name, e)
			}
			return
		}
		if e := f.Value.Set(v); e != nil {
			err = fmt.Errorf("%s=%q: %w", name, v, e)
		}
	})
	return err
}

// byteSize is a pflag.Value for sizes such as 500MiB, 1GiB or 1048576.
type byteSize int64

func (b *byteSize) String() string { return bytesize.Format(int64(*b)) }
func (b *byteSize) Type() string   { return "size" }

func (b *byteSize) Set(s string) error {
	n, err := bytesize.Parse(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

func newServeCmd(s Streams) *cobra.Command {
	return serveCmd(s, whisper.Available, os.Getenv)
}

func serveCmd(s Streams, available bool, getenv func(string) string) *cobra.Command {
	f := DefaultServeFlags()
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
			if err := ApplyEnv(cmd.Flags(), getenv); err != nil {
				return err
			}
			return runServe(cmd.Context(), s, f, available)
		},
	}
	f.Register(cmd.Flags())
	return cmd
}

// runServe refuses to start without a speech engine, rather than serving
// with readyz false: a server without one would answer 202 to uploads it can
// never transcribe, and the job system promises that an accepted job
// finishes. The one-line error says how to get the engine. For the same
// reason an absent model is an error at start, not at the first job.
func runServe(ctx context.Context, s Streams, f ServeFlags, available bool) error {
	if !available {
		return transcribe.ErrNoEngine
	}
	if err := f.Validate(); err != nil {
		return err
	}
	return modelFlagError(server.Run(ctx, f.ServerConfig(s.Err)))
}
