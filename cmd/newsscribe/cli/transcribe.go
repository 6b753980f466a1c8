package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

func newTranscribeCmd(s Streams) *cobra.Command {
	return transcribeCmd(s, nil, whisper.Available)
}

type transcribeFlags struct {
	model, vadModel, modelsDir, language, prompt, format, out string
	task, translationModel                                    string
	article, title, date, cacheDir                            string
	threads, beamSize                                         int
	chunkLength                                               time.Duration
	vad, noVAD, verbose, noFallback, force                    bool
}

// transcribeCmd is the transcribe command; load is the pipeline's engine
// loader (nil: whisper.cpp), available whether the binary has the engine.
func transcribeCmd(s Streams, load pipeline.LoadFunc, available bool) *cobra.Command {
	var f transcribeFlags
	cmd := &cobra.Command{
		Use:   "transcribe FILE...",
		Short: "Transcribe recordings to JSON, SRT, WebVTT or text",
		Long: `Transcribe recordings (any format ffmpeg reads) with whisper.cpp.

Each input gets one output. By default it is written next to the input with
the format's extension (talk.m4a → talk.json). With one input, -o names the
output file ("-" for standard output); with several (or with -o DIR/), -o
names a directory that receives one file per input. FILE may be "-" for
standard input, whose output goes to standard output unless -o says
otherwise. A file you did not name with -o is never replaced: the command
stops before any work unless --force. Each file written is printed. If any
input fails, the others are still written and the exit code is 1.

A recording is processed as the server processes it: decoded once into a
cache directory (--cache-dir, by default newsscribe/transcribe in the user
cache directory), cut into chunks of about --chunk-length at pauses, and
recognised chunk by chunk, each chunk's transcript kept as soon as it is
done. Memory does not grow with the recording's length. Run the same
command again after an interruption (Ctrl-C, a crash) and it resumes at the
first chunk not yet done; the cache is removed once the output is written.

Voice activity detection is on when the VAD model (--vad-model, by default
` + models.VADModel + ` in the models directory) is present; --vad requires it,
--no-vad turns it off. Times always refer to the original recording.

With --article, each output is instead the article aligned to the speech
(formats json, srt, vtt, html or report, as "newsscribe align" writes them): which
words, sentences and quotations were said when, and what was said that the
article left out.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// The models serve reads from the environment, read here too.
			for flag, v := range map[string]*string{"model": &f.model, "vad-model": &f.vadModel} {
				if e := os.Getenv(envName(flag)); e != "" && !cmd.Flags().Changed(flag) {
					*v = e
				}
			}
			return runTranscribe(cmd.Context(), s, f, args, load, available)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.model, "model", models.DefaultModel, "model name (see newsscribe models list) or path to a ggml model file; $NEWSSCRIBE_MODEL if set")
	fl.StringVar(&f.vadModel, "vad-model", models.VADModel, "VAD model name or path to a ggml Silero VAD file; $NEWSSCRIBE_VAD_MODEL if set")
	fl.StringVar(&f.modelsDir, "models-dir", "", "models directory (default $"+models.DirEnv+" or the user cache directory, newsscribe/models)")
	fl.StringVar(&f.language, "language", "ar", "spoken language, ISO 639-1, or auto")
	fl.StringVar(&f.task, "task", "transcribe", "transcribe (the words said) or translate (English, by --translation-model)")
	fl.StringVar(&f.translationModel, "translation-model", "", "model for --task translate, one that translates (default: --model when it can, else "+models.DefaultTranslationModel+")")
	fl.StringVar(&f.prompt, "prompt", "", "initial prompt: names and rare words the speech contains")
	fl.StringVar(&f.format, "format", "json", "output format: json, srt, vtt, txt or docx (with --article: json, srt, vtt, html, report or docx)")
	fl.StringVar(&f.title, "title", "", "docx: the document's title (default: the article's headline, else none)")
	fl.StringVar(&f.date, "date", "", "docx: the date under the title, YYYY-MM-DD (default: none)")
	fl.StringVar(&f.article, "article", "", "article text file (UTF-8): write the article aligned to the speech instead of the transcript")
	fl.StringVarP(&f.out, "output", "o", "", "output file (one input; - for stdout) or directory (several inputs, or DIR/)")
	fl.BoolVar(&f.force, "force", false, "replace existing output files that were not named with -o")
	fl.StringVar(&f.cacheDir, "cache-dir", "", "where interrupted runs are kept for resuming (default $"+cacheDirEnv+" or the user cache directory, newsscribe/transcribe)")
	fl.DurationVar(&f.chunkLength, "chunk-length", pipeline.DefaultChunkLength, "target length of the chunks a recording is cut into at pauses")
	fl.IntVar(&f.threads, "threads", 0, "CPU threads (default: number of CPUs, at most 8)")
	fl.IntVar(&f.beamSize, "beam-size", 0, "beam search with N beams (default: greedy decoding)")
	fl.BoolVar(&f.noFallback, "no-fallback", false, "do not retry a failed decode at higher temperatures")
	fl.BoolVar(&f.vad, "vad", false, "require voice activity detection")
	fl.BoolVar(&f.noVAD, "no-vad", false, "turn voice activity detection off")
	fl.BoolVar(&f.verbose, "verbose", false, "show whisper.cpp's own log on stderr")
	cmd.MarkFlagsMutuallyExclusive("vad", "no-vad")
	return cmd
}

func runTranscribe(ctx context.Context, s Streams, f transcribeFlags, inputs []string, load pipeline.LoadFunc, available bool) error {
	if !available {
		return transcribe.ErrNoEngine
	}
	// Everything the flags and the file system can tell is checked before
	// the model loads or a recording is decoded.
	lang, err := checkLanguage(f.language)
	if err != nil {
		return err
	}
	cfg, err := f.translateConfig(f.pipelineConfig(load))
	if err != nil {
		return err
	}
	p := pipeline.New(cfg)
	if f.article == "-" && slices.Contains(inputs, "-") {
		return errors.New("--article - and the recording -: standard input can be only one of them")
	}
	write, ext, binary, err := f.writer(p, s.In)
	if err != nil {
		return err
	}
	outputs, err := outputPaths(inputs, f.out, ext)
	if err != nil {
		return err
	}
	for _, o := range outputs {
		if err := o.check(f.force); err != nil {
			return err
		}
		if binary && o.Path == "-" {
			if err := refuseTerminal(s.Out, "--format "+f.format); err != nil {
				return err
			}
		}
	}
	if err := p.Load(ctx); err != nil {
		return modelFlagError(err)
	}
	defer p.Close()
	opts := transcribe.Options{
		Language:   lang,
		Threads:    f.threads,
		BeamSize:   f.beamSize,
		Prompt:     f.prompt,
		DisableVAD: f.noVAD,
		Translate:  f.task == "translate",
	}
	if f.noFallback {
		opts.TemperatureInc = -1
	}
	run, err := newChunkedRun(p, f, opts)
	if err != nil {
		return err
	}
	failed := 0
	for i, in := range inputs {
		out := outputs[i]
		err := run.transcribeOne(ctx, s, in, func(t *transcribe.Transcript) error {
			return out.write(s.Out, f.force, binary, "--format "+f.format, func(w io.Writer) error { return write(w, t) })
		})
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed++
			fmt.Fprintf(s.Err, "newsscribe: %s: %s\n", in, oneline.Fold(err.Error()))
		}
	}
	if failed > 0 {
		return &exitError{code: 1, err: fmt.Errorf("%d of %d inputs failed", failed, len(inputs))}
	}
	return nil
}

// envName is the environment variable of a flag: NEWSSCRIBE_VAD_MODEL for
// --vad-model, as ApplyEnv names them for serve.
func envName(flag string) string {
	return "NEWSSCRIBE_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// checkLanguage returns --language in lower case if Whisper knows it (or it
// is auto), else a one-line error that says what is wanted.
func checkLanguage(lang string) (string, error) {
	l := strings.ToLower(strings.TrimSpace(lang))
	if _, known := transcribe.Languages[l]; known || l == "auto" {
		return l, nil
	}
	return "", fmt.Errorf("--language %q is not a language Whisper knows: give an ISO 639-1 code such as ar or en, or auto to detect it", lang)
}

// pipelineConfig maps the flags onto the pipeline: VAD is on when its model
// is there, --vad makes its absence an error, --no-vad turns it off.
func (f transcribeFlags) pipelineConfig(load pipeline.LoadFunc) pipeline.Config {
	cfg := pipeline.Config{
		Model: f.model, VADModel: f.vadModel, ModelsDir: f.modelsDir,
		Threads: f.threads, Verbose: f.verbose, LoadEngine: load,
	}
	switch {
	case f.noVAD:
		cfg.VAD = pipeline.VADOff
	case f.vad:
		cfg.VAD = pipeline.VADRequired
	}
	return cfg
}

// writer returns how each input's output is written — its transcript, or
// with --article the article aligned to it — and the output's extension.
func (f transcribeFlags) writer(p *pipeline.Pipeline, stdin io.Reader) (write writeFunc, ext string, binary bool, err error) {
	info, err := documentInfo(f.title, f.date)
	if err != nil {
		return nil, "", false, err
	}
	if f.article == "" {
		format, err := transcribe.ParseFormat(f.format)
		if err != nil {
			return nil, "", false, fmt.Errorf("--format: %w", err)
		}
		return func(w io.Writer, t *transcribe.Transcript) error {
			return export.WriteTranscript(w, t, format, info)
		}, format.Extension(), format == transcribe.FormatDOCX, nil
	}
	format, err := export.ParseFormat(f.format)
	if err != nil {
		return nil, "", false, fmt.Errorf("--format: %w", err)
	}
	article, err := readArticle(f.article, stdin)
	if err != nil {
		return nil, "", false, err
	}
	if info.Title == "" {
		info.Title = align.Headline(article)
	}
	return func(w io.Writer, t *transcribe.Transcript) error {
		r, err := p.Align(t, article)
		if err != nil {
			return err
		}
		return export.WriteAlignment(w, r, format, info)
	}, format.Extension(), format == export.FormatDOCX, nil
}

// readArticle reads an article text file ("-": stdin), which must be UTF-8.
func readArticle(path string, stdin io.Reader) (string, error) {
	var b []byte
	var err error
	if path == "-" {
		path = "on standard input"
		b, err = io.ReadAll(io.LimitReader(stdin, maxArticleBytes+1))
	} else {
		b, err = readFileLimit(path, maxArticleBytes+1)
	}
	if err != nil {
		return "", fmt.Errorf("article: %w", err)
	}
	if len(b) > maxArticleBytes {
		return "", fmt.Errorf("article %s is larger than %d MiB: an article is a few KiB of text", path, maxArticleBytes>>20)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("article %s: %w", path, align.ErrNotUTF8)
	}
	return string(b), nil
}

// maxArticleBytes caps an article read whole: 4 MiB (a long article is
// tens of KiB).
const maxArticleBytes = 4 << 20

// readFileLimit reads at most n bytes of a file.
func readFileLimit(path string, n int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, n))
}

// modelFlagError names the flag behind a model the pipeline cannot use.
func modelFlagError(err error) error {
	var me *pipeline.ModelError
	switch {
	case !errors.As(err, &me):
		return err
	case me.VAD:
		return fmt.Errorf("--vad-model: %w", err)
	case me.Translation:
		return fmt.Errorf("--translation-model: %w", err)
	default:
		return fmt.Errorf("--model: %w", err)
	}
}

// writeFunc writes the output of one input: its transcript, or the article
// aligned to it.
type writeFunc func(w io.Writer, t *transcribe.Transcript) error

// outputPaths decides where each input's output goes (see the command's
// help); ext is the output format's file extension. Only a single input's
// -o FILE is a named file; outputs beside the inputs or in an -o directory
// are not (see target).
func outputPaths(inputs []string, out string, ext string) ([]target, error) {
	paths := make([]target, len(inputs))
	seen := map[string]string{}
	// -o DIR/ or an existing directory takes the outputs, even of one input.
	dirOut := out != "" && out != "-" && (len(inputs) > 1 || strings.HasSuffix(out, string(filepath.Separator)) || isDir(out))
	for i, in := range inputs {
		base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + ext
		switch {
		case in == "-" && len(inputs) > 1:
			return nil, errors.New("-: standard input can be transcribed only on its own")
		case in == "-" && out == "":
			paths[i] = target{Path: "-"}
		case out == "":
			paths[i] = target{Path: filepath.Join(filepath.Dir(in), base)}
		case out == "-" && len(inputs) > 1:
			return nil, errors.New("-o -: standard output takes one input only")
		case out == "-":
			paths[i] = target{Path: "-"}
		case dirOut && in == "-":
			return nil, errors.New("-o DIR: standard input has no name to give its output; use -o FILE or -o -")
		case dirOut:
			paths[i] = target{Path: filepath.Join(out, base)}
		default:
			paths[i] = target{Path: out, Named: true}
		}
		p := paths[i].Path
		if p == in && in != "-" {
			return nil, fmt.Errorf("%s: the output would overwrite the input; use -o", in)
		}
		if prev, ok := seen[p]; ok && p != "-" {
			return nil, fmt.Errorf("%s and %s would both be written to %s; use -o DIR or rename one", prev, in, p)
		}
		seen[p] = in
	}
	if dirOut {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return nil, fmt.Errorf("output directory: %w", err)
		}
	}
	return paths, nil
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// translateConfig checks --task and, for translate, makes the translation
// model the only model loaded, after checking it is there and can
// translate (pipeline.CheckTranslation: the same rule as the server's, and
// an error naming the model and the command that downloads it, before any
// input is read).
func (f transcribeFlags) translateConfig(cfg pipeline.Config) (pipeline.Config, error) {
	cfg.TranslationModel = f.translationModel
	switch f.task {
	case "transcribe":
		return cfg, nil
	case "translate":
	default:
		return cfg, fmt.Errorf("--task: want transcribe or translate, got %q", f.task)
	}
	if f.article != "" {
		return cfg, errors.New("--task translate: the English translation cannot be aligned to the article; leave out --article")
	}
	if _, err := pipeline.New(cfg).CheckTranslation(); err != nil {
		return cfg, modelFlagError(err)
	}
	tm := pipeline.New(cfg).TranslationModel()
	cfg.Model, cfg.TranslationModel = tm, tm
	return cfg, nil
}
