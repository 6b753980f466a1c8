// Command testserver is `newsscribe serve` with the Scripted engine instead
// of whisper.cpp. It exists only for the API's process tests (kill -9 and
// restart, two servers on one Postgres queue): those need the real binary's
// start-up, queue and shutdown paths but a predictable, slow engine, on
// machines without libwhisper too. It is an internal package main that only
// tests build, so the product binary has no hidden fake-engine switch.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsscribe/newsscribe/api"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
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
	cfg := api.DefaultConfig()
	fs := pflag.NewFlagSet("testserver", pflag.ContinueOnError)
	cfg.Flags(fs)
	steps := fs.Int("steps", 10, "progress steps of the scripted engine")
	stepDelay := fs.Duration("step-delay", 200*time.Millisecond, "pause before each step")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := api.ApplyEnv(fs, os.Getenv); err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	eng := &transcribetest.Scripted{Steps: *steps, StepDelay: *stepDelay, Result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		d := float64(len(s)) / 16000
		return &transcribe.Transcript{Language: "ar", Duration: d, Text: "نص", Segments: []transcribe.Segment{{Start: 0, End: d, Text: "نص"}}}, nil
	}}
	return api.Serve(ctx, cfg, api.Components{
		LoadEngine: func(context.Context) (transcribe.Engine, io.Closer, error) { return eng, nil, nil },
		Logger:     log,
	})
}
