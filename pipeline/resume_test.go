package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// chunkSegment is one segment per recognition, spanning what it was given.
func chunkSegment(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	d := float64(len(samples)) / transcribe.SampleRate
	s := transcribe.Segment{End: d, Text: "كلمة", Words: []transcribe.Word{{Word: "كلمة", End: d, Probability: 0.9}}}
	return &transcribe.Transcript{Language: "ar", Duration: d, Text: s.Text, Segments: []transcribe.Segment{s}}, nil
}

// TestRecognizeResumable: a run whose engine fails at its third chunk keeps
// the PCM copy, the plan and two chunk transcripts; the next run with the
// same directory never opens the source again, recognises only the other
// chunks and gives the transcript of a run never interrupted. A run stopped
// while decoding leaves no plan, so the next one decodes from the start.
func TestRecognizeResumable(t *testing.T) {
	ctx := context.Background()
	samples := make([]float32, 11*transcribe.SampleRate)
	for i := range samples {
		if (i/transcribe.SampleRate)%2 == 0 { // speech in even seconds
			samples[i] = 0.3
		}
	}
	opened := 0
	open := func() (pipeline.SampleReader, error) {
		opened++
		return &sliceReader{s: samples}, nil
	}
	o := pipeline.ResumeOptions{ChunkLength: 2 * time.Second}

	eng := &transcribetest.Scripted{Steps: 1}
	calls := 0
	eng.Result = func(s []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		if calls++; calls == 3 {
			return nil, errors.New("engine stopped")
		}
		return chunkSegment(s, opts)
	}
	dir := filepath.Join(t.TempDir(), "run")
	if _, err := codedPipeline(t, eng).RecognizeResumable(ctx, dir, open, o); err == nil {
		t.Fatal("got no error from a run whose engine failed")
	}
	for _, name := range []string{"audio.pcm", "plan.json", "chunk-00000.json", "chunk-00001.json"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("after the failed run: %v", err)
		}
	}

	again := &transcribetest.Scripted{Steps: 1, Result: chunkSegment}
	var last pipeline.ResumeProgress
	o.Progress = func(p pipeline.ResumeProgress) { last = p }
	got, err := codedPipeline(t, again).RecognizeResumable(ctx, dir, open, o)
	if err != nil {
		t.Fatal(err)
	}
	if opened != 1 {
		t.Errorf("source opened %d times, want once (the copy serves the second run)", opened)
	}
	if last.Resumed != 2 || again.Calls() != last.Chunks-2 || last.Percent() != 100 {
		t.Errorf("second run: %d resumed, %d recognised of %d chunks, %d%%; want 2 resumed and the rest recognised", last.Resumed, again.Calls(), last.Chunks, last.Percent())
	}

	fresh := &transcribetest.Scripted{Steps: 1, Result: chunkSegment}
	want, err := codedPipeline(t, fresh).RecognizeResumable(ctx, filepath.Join(t.TempDir(), "fresh"), open, pipeline.ResumeOptions{ChunkLength: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("resumed transcript differs from an uninterrupted one:\n%+v\nwant\n%+v", got, want)
	}
	if got.Duration != 11 || len(got.Segments) != fresh.Calls() {
		t.Errorf("got %v s in %d segments, want 11 s, one segment per chunk (%d)", got.Duration, len(got.Segments), fresh.Calls())
	}

	// Cancelled while decoding: nothing to resume, nothing half-written.
	cdir := filepath.Join(t.TempDir(), "cut")
	cctx, cancel := context.WithCancel(ctx)
	long := make([]float32, 150*transcribe.SampleRate) // three 60 s windows
	stopping := func() (pipeline.SampleReader, error) {
		return &cancelling{sliceReader{s: long}, cancel}, nil
	}
	if _, err := codedPipeline(t, fresh).RecognizeResumable(cctx, cdir, stopping, o); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: got %v, want context.Canceled", err)
	}
	entries, _ := os.ReadDir(cdir)
	if len(entries) != 0 {
		t.Errorf("a run cancelled while decoding left %d files", len(entries))
	}
}

// cancelling cancels its context at the first read, as Ctrl-C during
// decoding does.
type cancelling struct {
	sliceReader
	cancel context.CancelFunc
}

func (c *cancelling) Read(p []float32) (int, error) {
	c.cancel()
	return c.sliceReader.Read(p)
}
