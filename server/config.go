package server

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/newsscribe/newsscribe/api"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/blob/s3blob"
	"github.com/newsscribe/newsscribe/internal/publicurl"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/share"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/webhook"
)

// Defaults of Config that no lower package states; the others are the
// owning package's (api.DefaultMaxUpload, newsroom.DefaultMaxQueue,
// queue.DefaultWorkers, …), each declared once.
const (
	// DefaultListen is the TCP address Run listens on.
	DefaultListen = ":8080"
	// DefaultMaxDuration is the longest accepted recording: 4 hours.
	DefaultMaxDuration = 4 * time.Hour
	// DefaultShutdownTimeout is how long shutdown waits for requests and
	// running jobs.
	DefaultShutdownTimeout = 30 * time.Second
)

// Config configures a Server: the HTTP service, its store, queue, pipeline
// and page. It knows nothing of flags or the environment (the serve command
// binds those, cmd/newsscribe/cli). The zero value of every field is its
// default (New applies them, cmp.Or style); DefaultConfig shows them, and
// Validate, which the serve command runs on what was typed, says what is
// wrong, a zero included.
type Config struct {
	// Listen is the TCP address to serve on. Defaults to DefaultListen.
	Listen string
	// DataDir holds the SQLite database and the uploads (blobs/). With
	// PostgreSQL, every server sharing the queue must see the same DataDir
	// (a shared file system) unless BlobStore is a bucket. Defaults to
	// DefaultDataDir().
	DataDir string
	// Database is empty for the embedded SQLite database in DataDir, or a
	// postgres:// URL for a queue shared by several servers.
	Database string
	// Workers is the number of jobs transcribed at once by this server
	// (one whisper state each). Defaults to queue.DefaultWorkers.
	Workers int
	// Threads is the CPU threads of one chunk's recognition. Defaults to 0:
	// the number of CPUs divided by Workers (at least 1, at most 8).
	Threads int
	// ChunkLength is the target length of the chunks a recording is cut
	// into at pauses; each chunk is its own unit of work on the queue.
	// Defaults to pipeline.DefaultChunkLength.
	ChunkLength time.Duration
	// MaxUpload is the largest upload in bytes. Defaults to
	// api.DefaultMaxUpload.
	MaxUpload int64
	// MaxDuration is the longest accepted recording; a negative duration
	// means no limit. Defaults to DefaultMaxDuration.
	MaxDuration time.Duration
	// MaxQueue is the most jobs queued or running at once; more get 429.
	// Defaults to newsroom.DefaultMaxQueue.
	MaxQueue int
	// JobTimeout cancels a job running longer. Defaults to
	// queue.DefaultJobTimeout.
	JobTimeout time.Duration
	// RescueAfter is when a job left running by a dead server is run again.
	// Must exceed JobTimeout. Zero means JobTimeout + queue.DefaultRescueMargin.
	RescueAfter time.Duration
	// MaxAttempts is how often a job is tried on transient failures.
	// Defaults to queue.DefaultMaxAttempts.
	MaxAttempts int
	// APIKeys, when not empty, are required as `Authorization: Bearer KEY`
	// on /v1; an entry "NAME:KEY" names its key.
	APIKeys []string
	// ShutdownTimeout is how long shutdown waits for requests and running
	// jobs before cancelling them (they are resumed by the next start).
	// Defaults to DefaultShutdownTimeout.
	ShutdownTimeout time.Duration
	// FFmpegPath is the ffmpeg executable. Defaults to audio.DefaultFFmpeg.
	FFmpegPath string
	// PublicURL is the address readers reach the server by (scheme, host,
	// optional path prefix, e.g. https://news.example.com), used for every
	// absolute URL the server writes (the oEmbed iframe src and
	// provider_url). Empty takes them from the request's Host, which a
	// client can forge. Defaults to empty.
	PublicURL string
	// TrustProxy trusts X-Forwarded-Proto and X-Forwarded-Host from a
	// reverse proxy in front when PublicURL is empty. Defaults to false.
	TrustProxy bool
	// PublicMetrics serves /metrics and /v1/openapi.json without an API key
	// when APIKeys are set. Defaults to false: they need a key like /v1.
	PublicMetrics bool
	// BodyIdleTimeout ends a request whose body sends no byte for this long
	// (408). Defaults to api.DefaultBodyIdleTimeout (30 seconds).
	BodyIdleTimeout time.Duration
	// MinUploadRate is the slowest mean rate, in bytes per second, a request
	// body may arrive at after its first BodyIdleTimeout (408 below it).
	// Defaults to api.DefaultMinUploadRate (1 KiB/s); a negative rate turns
	// the check off (the idle timeout stays).
	MinUploadRate int64
	// ShareSecret signs share links (HMAC-SHA256), at least 16 bytes; every
	// server behind one address needs the same. Empty: a random secret kept
	// in DataDir/share.key (owner-only), made on first start.
	ShareSecret string
	// ShareTTL is how long a share link works. Defaults to 7 days.
	ShareTTL time.Duration
	// BlobStore is where uploads and renditions are kept: empty for
	// DataDir/blobs, or s3://bucket/prefix?endpoint=…&region=… for an
	// S3-compatible bucket shared by several servers (credentials from the
	// AWS_* environment variables); DataDir/blobs is then only this server's
	// scratch directory.
	BlobStore string
	// WebhookURL receives the events of every job (Standard Webhooks);
	// empty sends only to the callback_url of a job or article.
	WebhookURL string
	// WebhookSecret signs deliveries: "whsec_" + base64 of 16 or more bytes.
	// Empty sends them unsigned.
	WebhookSecret string
	// WebhookAllowPrivate lets webhooks reach loopback, private and
	// link-local addresses. Off by default.
	WebhookAllowPrivate bool
	// WebhookRetry is the delay before each retry of an undelivered event.
	// Defaults to queue.DefaultWebhookRetry (5s, 5m, 30m, 2h, 5h, 10h, 10h).
	WebhookRetry []time.Duration
	// WebhookTimeout bounds one delivery attempt. Defaults to
	// webhook.Policy's.
	WebhookTimeout time.Duration
	// Blobs, when set, is the shared blob store itself, in place of
	// BlobStore's URL (a program that embeds the server; the tests).
	Blobs blob.Store

	// Pipeline names the models and the engine loader (and align.Options).
	// New sets its Audio options from MaxDuration and FFmpegPath, Contexts
	// to Workers plus the live sessions and Threads to Threads (or the CPUs
	// divided by Workers, so that live sessions' states take no threads
	// from the workers). The models are resolved before the
	// server listens, so an absent model stops it at once; the engine is
	// loaded after it listens (so /healthz answers and uploads queue while
	// a large model loads), and /readyz reports not ready until it is. A
	// load error stops the server: a server that accepts jobs it can never
	// run would break the promise that an accepted job finishes.
	Pipeline pipeline.Config
	// Page mounts the newsroom page, the public embed of published
	// articles and the pages of share links. Defaults to false (the API
	// only); the serve command sets it.
	Page bool
	// ClipFonts are the caption fonts of clip jobs. Defaults to the fonts
	// the binary ships (web.CaptionFonts).
	ClipFonts fs.FS
	// Logger receives JSON logs. Defaults to discarding them.
	Logger *slog.Logger
	// ProgressEvery is how often a running job's progress is written.
	// Defaults to 1 second.
	ProgressEvery time.Duration

	// Live configures live sessions (package live): New keeps their
	// recordings in DataDir/live, ends a session at MaxDuration, and runs
	// their passes on Threads unless Live.Window.Threads says otherwise.
	// Live.Sessions defaults to live.DefaultSessions; a negative number
	// turns live mode off. No stream source is allowed by default.
	Live live.Config
}

// DefaultDataDir is Config.DataDir's default: $HOME/.local/share/newsscribe.
func DefaultDataDir() string {
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".local", "share", "newsscribe")
}

// withDefaults is c with every zero field set to its default, once: the
// one place the defaults are applied.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	c.Listen = cmp.Or(c.Listen, d.Listen)
	c.DataDir = cmp.Or(c.DataDir, d.DataDir)
	c.Workers = cmp.Or(c.Workers, d.Workers)
	c.ChunkLength = cmp.Or(c.ChunkLength, d.ChunkLength)
	c.MaxUpload = cmp.Or(c.MaxUpload, d.MaxUpload)
	c.MaxDuration = cmp.Or(c.MaxDuration, d.MaxDuration)
	c.MaxQueue = cmp.Or(c.MaxQueue, d.MaxQueue)
	c.JobTimeout = cmp.Or(c.JobTimeout, d.JobTimeout)
	c.MaxAttempts = cmp.Or(c.MaxAttempts, d.MaxAttempts)
	c.ShutdownTimeout = cmp.Or(c.ShutdownTimeout, d.ShutdownTimeout)
	c.FFmpegPath = cmp.Or(c.FFmpegPath, d.FFmpegPath)
	c.BodyIdleTimeout = cmp.Or(c.BodyIdleTimeout, d.BodyIdleTimeout)
	c.MinUploadRate = cmp.Or(c.MinUploadRate, d.MinUploadRate)
	c.ShareTTL = cmp.Or(c.ShareTTL, d.ShareTTL)
	c.Live.Sessions = cmp.Or(c.Live.Sessions, d.Live.Sessions)
	c.Logger = cmp.Or(c.Logger, slog.New(slog.DiscardHandler))
	if c.ClipFonts == nil {
		c.ClipFonts = web.CaptionFonts()
	}
	return c
}

// DefaultConfig returns the defaults stated on Config's fields.
func DefaultConfig() Config {
	return Config{
		Listen:          DefaultListen,
		DataDir:         DefaultDataDir(),
		Workers:         queue.DefaultWorkers,
		ChunkLength:     pipeline.DefaultChunkLength,
		MaxUpload:       api.DefaultMaxUpload,
		MaxDuration:     DefaultMaxDuration,
		MaxQueue:        newsroom.DefaultMaxQueue,
		JobTimeout:      queue.DefaultJobTimeout,
		MaxAttempts:     queue.DefaultMaxAttempts,
		ShutdownTimeout: DefaultShutdownTimeout,
		FFmpegPath:      audio.DefaultFFmpeg,
		BodyIdleTimeout: api.DefaultBodyIdleTimeout,
		MinUploadRate:   api.DefaultMinUploadRate,
		ShareTTL:        share.DefaultTTL,
		Live:            live.Config{Sessions: live.DefaultSessions},
	}
}

// Validate reports the first invalid setting as a one-line message naming
// the serve command's flag for it.
func (c Config) Validate() error {
	switch {
	case c.Listen == "":
		return errors.New("--listen: an address is required, e.g. :8080")
	case c.DataDir == "":
		return errors.New("--data-dir: a directory is required")
	case c.Workers < 1:
		return fmt.Errorf("--workers: must be at least 1, got %d", c.Workers)
	case c.Threads < 0:
		return fmt.Errorf("--threads: must not be negative, got %d", c.Threads)
	case c.ChunkLength < 10*time.Second:
		return fmt.Errorf("--chunk-length: must be at least 10s, got %s", c.ChunkLength)
	case c.MaxUpload < 1:
		return fmt.Errorf("--max-upload: must be positive, got %d", c.MaxUpload)
	case c.MaxQueue < 1:
		return fmt.Errorf("--max-queue: must be at least 1, got %d", c.MaxQueue)
	case c.JobTimeout <= 0:
		return fmt.Errorf("--job-timeout: must be positive, got %s", c.JobTimeout)
	case c.RescueAfter != 0 && c.RescueAfter <= c.JobTimeout:
		return fmt.Errorf("--rescue-after (%s) must be longer than --job-timeout (%s)", c.RescueAfter, c.JobTimeout)
	case c.MaxAttempts < 1:
		return fmt.Errorf("--max-attempts: must be at least 1, got %d", c.MaxAttempts)
	case c.BodyIdleTimeout <= 0:
		return fmt.Errorf("--body-idle-timeout: must be positive, got %s", c.BodyIdleTimeout)
	case c.ShareSecret != "" && len(c.ShareSecret) < share.MinSecret:
		return fmt.Errorf("--share-secret: want at least %d bytes, got %d", share.MinSecret, len(c.ShareSecret))
	case c.ShareTTL <= 0:
		return fmt.Errorf("--share-ttl: must be positive, got %s", c.ShareTTL)
	case c.Database != "" && !store.IsPostgres(c.Database):
		return errors.New("--database: want a postgres:// URL, or nothing for SQLite in the data directory")
	}
	if c.PublicURL != "" {
		if _, err := publicurl.Parse(c.PublicURL); err != nil {
			return fmt.Errorf("--public-url: %w", err)
		}
	}
	if c.BlobStore != "" {
		if _, err := s3blob.ParseURL(c.BlobStore); err != nil {
			return fmt.Errorf("--blob-store: %w", err)
		}
	}
	if err := c.validateWebhooks(); err != nil {
		return err
	}
	return c.Live.Validate()
}

// validateWebhooks checks the --webhook-* flags.
func (c Config) validateWebhooks() error {
	if c.WebhookSecret != "" {
		if _, err := webhook.ParseSecret(c.WebhookSecret); err != nil {
			return fmt.Errorf("--webhook-secret: %w", err)
		}
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--webhook-url: want an http:// or https:// URL, got %q", c.WebhookURL)
		}
	}
	for _, d := range c.WebhookRetry {
		if d <= 0 {
			return fmt.Errorf("--webhook-retry: delays must be positive, got %s", d)
		}
	}
	return nil
}

// webhookConfig is the queue's webhook configuration from c (validated).
func (c Config) webhookConfig() queue.WebhookConfig {
	var key []byte
	if c.WebhookSecret != "" {
		key, _ = webhook.ParseSecret(c.WebhookSecret)
	}
	return queue.WebhookConfig{
		URL: c.WebhookURL, Secret: key, Retry: c.WebhookRetry,
		Policy: webhook.Policy{AllowPrivate: c.WebhookAllowPrivate, Timeout: c.WebhookTimeout},
	}
}
