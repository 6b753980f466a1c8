package api

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsscribe/newsscribe/api/jobs"
)

// Config configures `newsscribe serve`. Every field has a flag and an
// environment variable (NEWSSCRIBE_ + the flag name in upper case with _ for
// -); flags win over the environment, the environment over the defaults.
type Config struct {
	// Listen is the TCP address to serve on. Defaults to ":8080".
	Listen string
	// DataDir holds the SQLite database and the uploads (blobs/). With
	// PostgreSQL, every server sharing the queue must see the same DataDir
	// (a shared file system). Defaults to $HOME/.local/share/newsscribe.
	DataDir string
	// Database is empty for the embedded SQLite database in DataDir, or a
	// postgres:// URL for a queue shared by several servers.
	Database string
	// Model is the Whisper model: a registry name or a file path. Empty
	// selects the models package's default.
	Model string
	// VADModel is the Silero VAD model (name or path); empty selects the default.
	VADModel string
	// ModelsDir is where named models are found. Empty selects the models
	// package's default directory.
	ModelsDir string
	// Workers is the number of jobs transcribed at once by this server
	// (one whisper state each). Defaults to 1.
	Workers int
	// Threads is the CPU threads of one chunk's recognition. Defaults to 0:
	// the number of CPUs divided by Workers (at least 1, at most 8).
	Threads int
	// ChunkLength is the target length of the chunks a recording is cut
	// into at pauses; each chunk is its own unit of work on the queue.
	// Defaults to 3 minutes.
	ChunkLength time.Duration
	// MaxUpload is the largest upload in bytes. Defaults to 1 GiB.
	MaxUpload int64
	// MaxDuration is the longest accepted recording. Defaults to 4 hours.
	MaxDuration time.Duration
	// MaxQueue is the most jobs queued or running at once; more get 429.
	// Defaults to 1000.
	MaxQueue int
	// JobTimeout cancels a job running longer. Defaults to 3 hours.
	JobTimeout time.Duration
	// RescueAfter is when a job left running by a dead server is run again.
	// Must exceed JobTimeout. Defaults to JobTimeout + 1 minute.
	RescueAfter time.Duration
	// MaxAttempts is how often a job is tried on transient failures.
	// Defaults to 3.
	MaxAttempts int
	// APIKeys, when not empty, are required as `Authorization: Bearer KEY`
	// on /v1. The environment variable takes a comma-separated list.
	APIKeys []string
	// ShutdownTimeout is how long shutdown waits for requests and running
	// jobs before cancelling them (they are resumed by the next start).
	// Defaults to 30 seconds.
	ShutdownTimeout time.Duration
	// FFmpegPath is the ffmpeg executable. Defaults to "ffmpeg" from PATH.
	FFmpegPath string
	// LogLevel is debug, info, warn or error. Defaults to info.
	LogLevel string
}

// DefaultConfig returns the defaults stated on Config's fields.
func DefaultConfig() Config {
	home, _ := os.UserHomeDir()
	return Config{
		Listen:          ":8080",
		DataDir:         filepath.Join(home, ".local", "share", "newsscribe"),
		Workers:         1,
		ChunkLength:     3 * time.Minute,
		MaxUpload:       1 << 30,
		MaxDuration:     4 * time.Hour,
		MaxQueue:        1000,
		JobTimeout:      3 * time.Hour,
		MaxAttempts:     3,
		ShutdownTimeout: 30 * time.Second,
		FFmpegPath:      "ffmpeg",
		LogLevel:        "info",
	}
}

// Validate reports the first invalid setting as a one-line message naming the flag.
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
	case c.MaxDuration < 0:
		return fmt.Errorf("--max-duration: must not be negative, got %s", c.MaxDuration)
	case c.MaxQueue < 1:
		return fmt.Errorf("--max-queue: must be at least 1, got %d", c.MaxQueue)
	case c.JobTimeout <= 0:
		return fmt.Errorf("--job-timeout: must be positive, got %s", c.JobTimeout)
	case c.RescueAfter != 0 && c.RescueAfter <= c.JobTimeout:
		return fmt.Errorf("--rescue-after (%s) must be longer than --job-timeout (%s)", c.RescueAfter, c.JobTimeout)
	case c.MaxAttempts < 1:
		return fmt.Errorf("--max-attempts: must be at least 1, got %d", c.MaxAttempts)
	case c.Database != "" && !jobs.IsPostgres(c.Database):
		return errors.New("--database: want a postgres:// URL, or nothing for SQLite in the data directory")
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		return fmt.Errorf("--log-level: want debug, info, warn or error, got %q", c.LogLevel)
	}
	return nil
}

// Flags registers c's fields as flags on fs, with c's values as defaults.
func (c *Config) Flags(fs *pflag.FlagSet) {
	fs.StringVar(&c.Listen, "listen", c.Listen, "address to listen on")
	fs.StringVar(&c.DataDir, "data-dir", c.DataDir, "directory for the SQLite database and uploads (shared by all servers with Postgres)")
	fs.StringVar(&c.Database, "database", c.Database, "postgres://… URL of a queue shared by several servers (default: SQLite in --data-dir)")
	fs.StringVar(&c.Model, "model", c.Model, "Whisper model: a name (see newsscribe models list) or a ggml file")
	fs.StringVar(&c.VADModel, "vad-model", c.VADModel, "Silero VAD model: a name or a ggml file (absent: no VAD)")
	fs.StringVar(&c.ModelsDir, "models-dir", c.ModelsDir, "directory of named models (default $NEWSSCRIBE_MODELS_DIR or the user cache directory)")
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
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error")
}

// ApplyEnv sets every flag not given on the command line from its
// environment variable NEWSSCRIBE_<NAME> (NEWSSCRIBE_MAX_UPLOAD for
// --max-upload). getenv is os.Getenv outside tests.
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

func (b *byteSize) String() string { return humanBytes(int64(*b)) }
func (b *byteSize) Type() string   { return "size" }

func (b *byteSize) Set(s string) error {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("want a size such as 500MiB or 1GiB")
	}
	*b = byteSize(n * mult)
	return nil
}
