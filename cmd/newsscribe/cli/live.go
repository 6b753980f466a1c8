package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// registerLiveFlags binds serve's live-session flags onto c.
func registerLiveFlags(fs *pflag.FlagSet, c *live.Config) {
	fs.IntVar(&c.Sessions, "live-sessions", c.Sessions, "live sessions this server runs at once (each one recognises every second; 0 turns live mode off)")
	fs.StringSliceVar(&c.Sources.Allow, "live-allow", c.Sources.Allow, "hosts live streams may come from: radio.example.com, radio.example.com:8000 or *.example.com (default: none; the browser's microphone always works)")
	fs.BoolVar(&c.Sources.AllowPrivate, "live-allow-private", c.Sources.AllowPrivate, "let live streams come from loopback, private and link-local addresses")
	fs.IntVar(&c.Window.Threads, "live-threads", c.Window.Threads, "CPU threads of each live recognition pass (0: --threads)")
	fs.DurationVar(&c.Window.Step, "live-step", c.Window.Step, "new audio between two live recognition passes (0: 1s)")
	fs.IntVar(&c.Window.Agreement, "live-agreement", c.Window.Agreement, "passes that must agree before a live word is final (0: 2)")
	fs.BoolVar(&c.Window.AudioContext, "live-audio-ctx", c.Window.AudioContext, "encode only the live window's length of audio, not Whisper's 30 s: faster passes, less accurate")
}

func newLiveCmd(s Streams) *cobra.Command {
	return liveCmd(s, nil, whisper.Available)
}

type liveFlags struct {
	model, vadModel, modelsDir, language, prompt, article, record, ffmpeg string
	threads, agreement                                                    int
	step                                                                  time.Duration
	allowPrivate, noVAD, verbose, audioCtx                                bool
}

// liveCmd is the live command; load is the pipeline's engine loader (nil:
// whisper.cpp), available whether the binary has the engine.
func liveCmd(s Streams, load pipeline.LoadFunc, available bool) *cobra.Command {
	var f liveFlags
	cmd := &cobra.Command{
		Use:   "live URL",
		Short: "Transcribe a live stream (HLS or Icecast/HTTP audio) and print the final captions as they come",
		Long: `Transcribe a speech while it is streamed: URL is an HLS playlist (MPEG-TS or
AAC/MP3 segments) or an Icecast/HTTP audio stream. The stream is fetched by
newsscribe (its addresses checked: no loopback or private network unless
--allow-private) and decoded by ffmpeg from a pipe.

Whisper recognises a sliding window of the latest speech every --step of new
audio when the VAD hears speech; a word is final once --agreement passes in
a row agree on it (LocalAgreement), at a pause, or when the window moves on.
Each line on standard output is the words that became final, with the time
of the first ("[01:23.4] …"); on a terminal the tentative words show on
standard error. Ctrl-C (or the stream's end) makes the rest final and stops.

With --article, the article's names and rare words prompt the recognition
(never its quotations). --record keeps the audio as a 16 kHz WAV file.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLive(cmd.Context(), s, f, args[0], load, available)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.model, "model", models.DefaultModel, "model name (see newsscribe models list) or path to a ggml model file")
	fl.StringVar(&f.vadModel, "vad-model", models.VADModel, "VAD model name or path (absent: speech is told from silence by loudness)")
	fl.StringVar(&f.modelsDir, "models-dir", "", "models directory (default $"+models.DirEnv+" or the user cache directory, newsscribe/models)")
	fl.StringVar(&f.language, "language", "ar", "spoken language, ISO 639-1")
	fl.StringVar(&f.prompt, "prompt", "", "names and rare words the speech contains")
	fl.StringVar(&f.article, "article", "", "article text file (UTF-8) whose names prompt the recognition")
	fl.StringVar(&f.record, "record", "", "keep the audio as this 16 kHz WAV file (must not exist)")
	fl.StringVar(&f.ffmpeg, "ffmpeg", audio.DefaultFFmpeg, "ffmpeg executable")
	fl.IntVar(&f.threads, "threads", 0, "CPU threads of a pass (default: number of CPUs, at most 8)")
	fl.IntVar(&f.agreement, "agreement", 2, "passes that must agree before a word is final")
	fl.DurationVar(&f.step, "step", time.Second, "new audio between two passes")
	fl.BoolVar(&f.allowPrivate, "allow-private", false, "let the stream come from loopback or a private network")
	fl.BoolVar(&f.audioCtx, "audio-ctx", false, "encode only the window's length of audio, not Whisper's 30 s: faster, less accurate")
	fl.BoolVar(&f.noVAD, "no-vad", false, "do not use the VAD model (speech is told from silence by loudness)")
	fl.BoolVar(&f.verbose, "verbose", false, "show whisper.cpp's own log on stderr")
	return cmd
}

func runLive(ctx context.Context, s Streams, f liveFlags, rawURL string, load pipeline.LoadFunc, available bool) error {
	if !available {
		return transcribe.ErrNoEngine
	}
	if _, known := transcribe.Languages[f.language]; !known {
		return fmt.Errorf("--language: unknown language %q; want an ISO 639-1 code Whisper knows, e.g. ar", f.language)
	}
	w := live.Window{Step: f.step, Agreement: f.agreement, Threads: f.threads, AudioContext: f.audioCtx}
	if err := w.Validate(); err != nil {
		return fmt.Errorf("--%w", err)
	}
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return fmt.Errorf("%q is not a stream URL: want http(s)://host/… (an HLS playlist or an Icecast/HTTP stream)", rawURL)
	}
	// The URL on the command line is the operator's own choice: its host
	// is the allow-list; the address guard still applies.
	src := live.Sources{Allow: []string{u.Host}, AllowPrivate: f.allowPrivate, FFmpegPath: f.ffmpeg}
	if _, err := src.CheckURL(rawURL); err != nil {
		var na *live.NotAllowedError
		if errors.As(err, &na) {
			return fmt.Errorf("%s; give --allow-private to read a stream on this machine or network", strings.TrimPrefix(err.Error(), "source_url: "))
		}
		return err
	}
	article := ""
	if f.article != "" {
		b, err := os.ReadFile(f.article)
		if err != nil {
			return fmt.Errorf("--article: %w", err)
		}
		if !utf8.Valid(b) {
			return fmt.Errorf("--article %s: not UTF-8 text", f.article)
		}
		article = string(b)
	}
	var rec *recordFile
	if f.record != "" {
		if rec, err = newRecordFile(f.record); err != nil {
			return err
		}
		defer rec.discard()
	}
	cfg := pipeline.Config{Model: f.model, VADModel: f.vadModel, ModelsDir: f.modelsDir, Threads: f.threads, Verbose: f.verbose, LoadEngine: load}
	if f.noVAD {
		cfg.VAD = pipeline.VADOff
	}
	p := pipeline.New(cfg)
	if err := p.Load(ctx); err != nil {
		return modelFlagError(err)
	}
	defer p.Close()
	st, err := src.Open(ctx, rawURL, nil)
	if err != nil {
		return err
	}
	r := live.NewRecognizer(p, w, transcribe.Options{Language: f.language, Prompt: f.prompt})
	r.SetArticle(article)
	out := &captionPrinter{out: s.Out, status: s.Err, tty: isTerminal(s.Err)}

	wake := make(chan struct{}, 1)
	streamErr := make(chan error, 1)
	go func() {
		streamErr <- st.Run(ctx, func(samples []float32) error {
			if rec != nil {
				if err := rec.w.Write(samples); err != nil {
					return err
				}
			}
			r.Push(samples)
			select {
			case wake <- struct{}{}:
			default:
			}
			return nil
		})
	}()
	var runErr error
loop:
	for {
		select {
		case runErr = <-streamErr:
			break loop
		case <-wake:
		}
		for r.Due() {
			up, err := r.Step(ctx)
			if err != nil {
				if ctx.Err() != nil {
					break
				}
				return err
			}
			out.print(up)
		}
	}
	// The stream has ended or Ctrl-C: the rest becomes final.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	up, err := r.Flush(fctx)
	if err != nil {
		return err
	}
	out.print(up)
	out.clear()
	if rec != nil {
		if err := rec.commit(); err != nil {
			return err
		}
	}
	return runErr
}

// captionPrinter writes final words as lines and, on a terminal, the
// tentative tail on a status line.
type captionPrinter struct {
	out, status io.Writer
	tty         bool
	shown       bool
}

func (c *captionPrinter) print(up live.Update) {
	if len(up.Final) > 0 {
		c.clear()
		words := make([]string, len(up.Final))
		for i, w := range up.Final {
			words[i] = strings.TrimSpace(w.Word)
		}
		fmt.Fprintf(c.out, "[%s] %s\n", stamp(up.Final[0].Start), strings.Join(words, " "))
	}
	if c.tty && len(up.Tentative) > 0 {
		words := make([]string, len(up.Tentative))
		for i, w := range up.Tentative {
			words[i] = strings.TrimSpace(w.Word)
		}
		fmt.Fprintf(c.status, "\r\033[K… %s", strings.Join(words, " "))
		c.shown = true
	}
}

func (c *captionPrinter) clear() {
	if c.shown {
		fmt.Fprint(c.status, "\r\033[K")
		c.shown = false
	}
}

// stamp is seconds as mm:ss.s (h:mm:ss.s past an hour).
func stamp(sec float64) string {
	d := time.Duration(sec * float64(time.Second)).Round(100 * time.Millisecond)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	s := (d % time.Minute).Seconds()
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%04.1f", h, m, s)
	}
	return fmt.Sprintf("%02d:%04.1f", m, s)
}

// recordFile is --record: a WAV file written beside its destination and
// renamed there at the end (never over an existing file).
type recordFile struct {
	dst string
	f   *os.File
	w   *audio.WAVWriter
}

func newRecordFile(dst string) (*recordFile, error) {
	if _, err := os.Lstat(dst); err == nil {
		return nil, fmt.Errorf("--record: %s exists; give a new file name", dst)
	}
	f, err := atomicfile.Create(filepath.Dir(dst), "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("--record: %w", err)
	}
	w, err := audio.NewWAVWriter(f)
	if err != nil {
		atomicfile.Discard(f)
		return nil, fmt.Errorf("--record: %w", err)
	}
	return &recordFile{dst: dst, f: f, w: w}, nil
}

func (r *recordFile) commit() error {
	if r.f == nil {
		return nil
	}
	if err := r.w.Close(); err != nil {
		return fmt.Errorf("--record: %w", err)
	}
	if _, err := os.Lstat(r.dst); err == nil {
		return fmt.Errorf("--record: %s appeared meanwhile; the recording was not written", r.dst)
	}
	err := atomicfile.Commit(r.f, r.dst)
	r.f = nil
	if err != nil {
		return fmt.Errorf("--record: %w", err)
	}
	return nil
}

func (r *recordFile) discard() {
	if r.f != nil {
		atomicfile.Discard(r.f)
		r.f = nil
	}
}
