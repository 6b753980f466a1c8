package server

import (
	"cmp"
	"context"
	"runtime"
	"testing"

	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestLiveStatesKeepWorkerThreads: a live session gets a whisper state of
// its own, and the workers keep the threads they had without one (the
// engine's default divides the CPUs by its states); --live-sessions 0 (a
// negative Sessions) builds no manager and no state for it.
func TestLiveStatesKeepWorkerThreads(t *testing.T) {
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := min(max(runtime.NumCPU()/queue.DefaultWorkers, 1), 8)
	for _, sessions := range []int{0, 2, -1} {
		s, err := New(context.Background(), Config{DataDir: t.TempDir(), Pipeline: pipeline.Config{Model: model, VAD: pipeline.VADOff},
			Live: live.Config{Sessions: sessions}})
		if err != nil {
			t.Fatal(err)
		}
		r, err := s.pipeline.Resolve()
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		states := queue.DefaultWorkers + max(cmp.Or(sessions, 1), 0)
		if r.Engine.Contexts != states || r.Engine.Threads != want {
			t.Errorf("sessions %d: engine %d states × %d threads, want %d × %d", sessions, r.Engine.Contexts, r.Engine.Threads, states, want)
		}
		switch {
		case sessions < 0 && s.live != nil:
			t.Errorf("sessions %d: a live manager, want none", sessions)
		case sessions >= 0 && (s.live == nil || s.live.Config().Window.Threads != want || s.live.Config().Sessions != cmp.Or(sessions, 1)):
			t.Errorf("sessions %d: live manager %+v, want %d sessions of %d threads", sessions, s.live, cmp.Or(sessions, 1), want)
		}
	}
}
