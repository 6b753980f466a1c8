package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
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
	article, title, date                                      string
	threads, beamSize                                         int
	vad, noVAD, verbose, noFallback                           bool
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
output file ("-" for standard output); with several, -o names a directory
that receives one file per input. FILE may be "-" for standard input, whose
output goes to standard output unless -o says otherwise. If any input fails, the others are still
written and the exit code is 1.

Voice activity detection is on when the VAD model (--vad-model, by default
` + models.VADModel + ` in the models directory) is present; --vad requires it,
--no-vad turns it off. Times always refer to the original recording.

With --article, each output is instead the article aligned to the speech
(formats json, srt, vtt, html or report, as "newsscribe align" writes them): which
words, sentences and quotations were said when, and what was said that the
article left out.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTranscribe(cmd.Context(), s, f, args, load, available)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.model, "model", models.DefaultModel, "model name (see newsscribe models list) or path to a ggml model file")
	fl.StringVar(&f.vadModel, "vad-model", models.VADModel, "VAD model name or path to a ggml Silero VAD file")
	fl.StringVar(&f.modelsDir, "models-dir", "", "models directory (default $"+models.DirEnv+" or the user cache directory, newsscribe/models)")
	fl.StringVar(&f.language, "language", "ar", "spoken language, ISO 639-1, or auto")
	fl.StringVar(&f.prompt, "prompt", "", "initial prompt: names and rare words the speech contains")
	fl.StringVar(&f.format, "format", "json", "output format: json, srt, vtt, txt or docx (with --article: json, srt, vtt, html, report or docx)")
	fl.StringVar(&f.title, "title", "", "docx: the document's title (default: the article's first line, else none)")
	fl.StringVar(&f.date, "date", "", "docx: the date under the title, YYYY-MM-DD (default: none)")
	fl.StringVar(&f.article, "article", "", "article text file (UTF-8): write the article aligned to the speech instead of the transcript")
	fl.StringVarP(&f.out, "output", "o", "", "output file (one input; - for stdout) or directory (several inputs)")
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
	p := pipeline.New(f.pipelineConfig(load))
	write, ext, err := f.writer(p)
	if err != nil {
		return err
	}
	outputs, err := outputPaths(inputs, f.out, ext)
	if err != nil {
		return err
	}
	if err := p.Load(ctx); err != nil {
		return modelFlagError(err)
	}
	defer p.Close()
	opts := transcribe.Options{
		Language:   f.language,
		Threads:    f.threads,
		BeamSize:   f.beamSize,
		Prompt:     f.prompt,
		DisableVAD: f.noVAD,
	}
	if f.noFallback {
		opts.TemperatureInc = -1
	}
	failed := 0
	for i, in := range inputs {
		if err := transcribeOne(ctx, s, p, opts, in, outputs[i], write); err != nil {
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
func (f transcribeFlags) writer(p *pipeline.Pipeline) (writeFunc, string, error) {
	info, err := documentInfo(f.title, f.date)
	if err != nil {
		return nil, "", err
	}
	if f.article == "" {
		format, err := transcribe.ParseFormat(f.format)
		if err != nil {
			return nil, "", err
		}
		return func(w io.Writer, t *transcribe.Transcript) error {
			return export.WriteTranscript(w, t, format, info)
		}, format.Extension(), nil
	}
	format, err := export.ParseFormat(f.format)
	if err != nil {
		return nil, "", fmt.Errorf("--format: %w", err)
	}
	article, err := readArticle(f.article)
	if err != nil {
		return nil, "", err
	}
	if info.Title == "" {
		info.Title = firstLine(article)
	}
	return func(w io.Writer, t *transcribe.Transcript) error {
		r, err := p.Align(t, article)
		if err != nil {
			return err
		}
		return export.WriteAlignment(w, r, format, info)
	}, format.Extension(), nil
}

// readArticle reads an article text file, which must be UTF-8.
func readArticle(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("article: %w", err)
	}
	if !utf8.Valid(b) {
		return "", fmt.Errorf("article %s: %w", path, align.ErrNotUTF8)
	}
	return string(b), nil
}

// modelFlagError names the flag behind a model the pipeline cannot use.
func modelFlagError(err error) error {
	var me *pipeline.ModelError
	switch {
	case !errors.As(err, &me):
		return err
	case me.VAD:
		return fmt.Errorf("--vad-model: %w", err)
	default:
		return fmt.Errorf("--model: %w", err)
	}
}

// writeFunc writes the output of one input: its transcript, or the article
// aligned to it.
type writeFunc func(w io.Writer, t *transcribe.Transcript) error

// outputPaths decides where each input's output goes (see the command's
// help); ext is the output format's file extension.
func outputPaths(inputs []string, out string, ext string) ([]string, error) {
	paths := make([]string, len(inputs))
	seen := map[string]string{}
	for i, in := range inputs {
		base := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in)) + ext
		switch {
		case in == "-" && len(inputs) > 1:
			return nil, errors.New("-: standard input can be transcribed only on its own")
		case in == "-" && out == "":
			paths[i] = "-"
		case out == "":
			paths[i] = filepath.Join(filepath.Dir(in), base)
		case len(inputs) == 1:
			paths[i] = out
		case out == "-":
			return nil, errors.New("-o -: standard output takes one input only")
		default:
			paths[i] = filepath.Join(out, base)
		}
		if paths[i] == in && in != "-" {
			return nil, fmt.Errorf("%s: the output would overwrite the input; use -o", in)
		}
		if prev, ok := seen[paths[i]]; ok && paths[i] != "-" {
			return nil, fmt.Errorf("%s and %s would both be written to %s; use -o DIR or rename one", prev, in, paths[i])
		}
		seen[paths[i]] = in
	}
	if out != "" && out != "-" && len(inputs) > 1 {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return nil, fmt.Errorf("output directory: %w", err)
		}
	}
	return paths, nil
}

func transcribeOne(ctx context.Context, s Streams, p *pipeline.Pipeline, opts transcribe.Options, in, out string, write writeFunc) error {
	name := filepath.Base(in)
	if in == "-" {
		name = "standard input"
	}
	bar := newProgressBar(s.Err, name)
	defer bar.Finish()
	bar.Set(0, "decoding")
	var clip *audio.Clip
	var err error
	if in == "-" {
		clip, err = p.Decode(ctx, s.In)
	} else {
		clip, err = p.DecodeFile(ctx, in)
	}
	if err != nil {
		return err
	}
	t, err := p.Recognize(ctx, clip.Samples, opts, func(pct int) { bar.Set(pct, "transcribing") })
	if err != nil {
		return err
	}
	bar.Set(100, "done")
	if out == "-" {
		return write(s.Out, t)
	}
	return atomicfile.Write(out, func(f *os.File) error { return write(f, t) })
}
