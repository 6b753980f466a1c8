//go:build whisper

package pipeline_test

import (
	"context"
	"io"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestPrepareSilero: with the real Silero VAD (whisper.cpp's), a 2.5-minute
// recording of jfk.wav said over and over with 2 s pauses is cut into
// chunks of at most 30 s, each cut in a pause: the samples around every cut
// are quiet.
func TestPrepareSilero(t *testing.T) {
	dir := transcribetest.Shared(t, "whisper", "for-tests-ggml-tiny.bin", "for-tests-silero-v6.2.0-ggml.bin", "jfk.wav")
	clip, err := audio.DecodeFile(context.Background(), filepath.Join(dir, "jfk.wav"), audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rec []float32
	for len(rec) < 150*transcribe.SampleRate {
		rec = append(rec, clip.Samples...)
		rec = append(rec, make([]float32, 2*transcribe.SampleRate)...)
	}
	p := pipeline.New(pipeline.Config{Model: filepath.Join(dir, "for-tests-ggml-tiny.bin"),
		VADModel: filepath.Join(dir, "for-tests-silero-v6.2.0-ggml.bin"), VAD: pipeline.VADRequired, Threads: 1})
	if err := p.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	plan, err := p.Prepare(context.Background(), &sliceReader{rec}, io.Discard, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Chunks) < 5 {
		t.Fatalf("%d chunks for %.0f s in chunks of ≤ 30 s", len(plan.Chunks), plan.Duration())
	}
	speech := rmsOf(clip.Samples)
	for i, c := range plan.Chunks[1:] {
		if d := float64(plan.Chunks[i].End-plan.Chunks[i].Start) / transcribe.SampleRate; d > 30 {
			t.Errorf("chunk %d is %.1f s", i, d)
		}
		at := int(c.Start)
		around := rec[max(at-800, 0):min(at+800, len(rec))]
		if r := rmsOf(around); r > speech/10 {
			t.Errorf("cut %d at %.2f s: level %.4f around it, speech is %.4f: not a pause", i+1, c.Offset(), r, speech)
		}
	}
	t.Logf("%.0f s → %d chunks, cut by Silero at pauses", plan.Duration(), len(plan.Chunks))
}

func rmsOf(s []float32) float64 {
	var sum float64
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return math.Sqrt(sum / float64(max(len(s), 1)))
}
