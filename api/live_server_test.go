package api

import (
	"context"
	"log/slog"
	"runtime"
	"testing"

	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestLiveStatesKeepWorkerThreads: a live session gets a whisper state of
// its own, and the workers keep the threads they had without one (the
// engine's default divides the CPUs by its states).
func TestLiveStatesKeepWorkerThreads(t *testing.T) {
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.DataDir = t.TempDir()
	svc, err := newService(context.Background(), cfg, Components{Pipeline: pipeline.Config{Model: model, VAD: pipeline.VADOff}}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer svc.queue.Close()
	r, err := svc.pipeline.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	want := min(max(runtime.NumCPU()/cfg.Workers, 1), 8)
	if r.Engine.Contexts != cfg.Workers+cfg.Live.Sessions || r.Engine.Threads != want {
		t.Errorf("engine: %d states × %d threads, want %d × %d", r.Engine.Contexts, r.Engine.Threads, cfg.Workers+cfg.Live.Sessions, want)
	}
	if svc.live == nil || svc.live.Config().Window.Threads != want {
		t.Errorf("live passes: %+v, want %d threads", svc.live, want)
	}
}
