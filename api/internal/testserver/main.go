// Command testserver is `newsscribe serve` with the Scripted engine instead
// of whisper.cpp. It exists only for the API's process tests (kill -9 and
// restart, two servers on one Postgres queue): those need the real binary's
// start-up, queue and shutdown paths but a predictable, slow engine, on
// machines without libwhisper too. It is an internal package main that only
// tests build, so the product binary has no hidden fake-engine switch.
//
// Flags are serve's (cli.ServeFlags, bound the same way) plus --steps and
// --step-delay (the engine's pace), --calls FILE (a line per recognition
// begun, for counting them across a kill -9) and
// --spoken FILE (the text it "hears", one segment per line), so that browser
// tests under api/ can also run the whole upload → align → play flow without
// a real model, and --translated (its English for the translate task), for
// the OpenAI SDK conformance tests.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/server"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:])
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testserver:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	cfg := cli.DefaultServeFlags()
	fs := pflag.NewFlagSet("testserver", pflag.ContinueOnError)
	cfg.Register(fs)
	steps := fs.Int("steps", 10, "progress steps of the scripted engine")
	stepDelay := fs.Duration("step-delay", 200*time.Millisecond, "pause before each step")
	spokenFile := fs.String("spoken", "", "UTF-8 text the engine \"hears\": its words spread evenly over each clip (default: one word)")
	translated := fs.String("translated", "The minister opened the new school.", "English text the engine returns for the translate task")
	callsFile := fs.String("calls", "", "append one line per recognition to this file (counts recognitions across restarts)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := cli.ApplyEnv(fs, os.Getenv); err != nil {
		return err
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	spoken := "نص"
	if *spokenFile != "" {
		b, err := os.ReadFile(*spokenFile)
		if err != nil {
			return err
		}
		spoken = string(b)
	}
	var calls *os.File
	if *callsFile != "" {
		f, err := os.OpenFile(*callsFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		calls = f
	}
	eng := &transcribetest.Scripted{Steps: *steps, StepDelay: *stepDelay, Result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		if o.Translate {
			return spread(*translated, float64(len(s))/audio.SampleRate), nil
		}
		return spread(spoken, float64(len(s))/audio.SampleRate), nil
	}}
	// The pipeline resolves a model file before it loads the engine, as the
	// product does; a stub file in the data directory serves.
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return err
	}
	model, err := transcribetest.TinyModel(cfg.DataDir)
	if err != nil {
		return err
	}
	if fs.Changed("model") && strings.ContainsRune(cfg.Model, filepath.Separator) {
		// A model given by path (the OpenAI SDK tests name it, as an
		// operator with a copied ggml file would): the stub goes there.
		if err := os.MkdirAll(filepath.Dir(cfg.Model), 0o755); err != nil {
			return err
		}
		if err := os.Rename(model, cfg.Model); err != nil {
			return err
		}
		model = cfg.Model
	}
	c := cfg.ServerConfig(os.Stderr)
	c.Page, c.Logger = false, log
	c.Pipeline = pipeline.Config{Model: model, VAD: pipeline.VADOff, LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) {
		if calls != nil {
			return counted{eng, calls}, nil, nil
		}
		return eng, nil, nil
	}}
	return server.Run(ctx, c)
}

// counted is an engine that appends a line to f each time a recognition
// begins (O_APPEND, so lines survive a kill -9 of the process).
type counted struct {
	transcribe.Engine
	f *os.File
}

func (c counted) Transcribe(ctx context.Context, samples []float32, opts transcribe.Options, progress transcribe.ProgressFunc) (*transcribe.Transcript, error) {
	fmt.Fprintf(c.f, "%d\n", len(samples))
	return c.Engine.Transcribe(ctx, samples, opts, progress)
}

// spread makes a transcript of text whose words share duration d evenly,
// one segment per line.
func spread(text string, d float64) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar", Duration: d, Segments: []transcribe.Segment{}}
	var lines [][]string
	n := 0
	for _, l := range strings.Split(text, "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			lines = append(lines, f)
			n += len(f)
		}
	}
	step, i := d/float64(max(n, 1)), 0
	var texts []string
	for id, words := range lines {
		seg := transcribe.Segment{ID: id, Start: float64(i) * step, Text: strings.Join(words, " ")}
		for _, w := range words {
			seg.Words = append(seg.Words, transcribe.Word{Word: w, Start: float64(i) * step, End: float64(i+1) * step, Probability: 0.9})
			i++
		}
		seg.End = float64(i) * step
		t.Segments = append(t.Segments, seg)
		texts = append(texts, seg.Text)
	}
	t.Text = strings.Join(texts, " ")
	return t
}
