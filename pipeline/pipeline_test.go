package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// words returns a transcript of one segment and two words over the samples.
func words(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	d := float64(len(samples)) / audio.SampleRate
	seg := transcribe.Segment{Start: 0.5, End: d, Text: "مرحبا بكم", Words: []transcribe.Word{
		{Word: "مرحبا", Start: 0.5, End: 1, Probability: 0.9}, {Word: "بكم", Start: 1, End: d, Probability: 0.9},
	}}
	return &transcribe.Transcript{Language: "ar", Duration: d, Text: seg.Text, Segments: []transcribe.Segment{seg}}, nil
}

// scripted returns a loader of eng that records the configuration it got.
func scripted(eng transcribe.Engine, got *whisper.Config) pipeline.LoadFunc {
	return func(_ context.Context, cfg whisper.Config) (transcribe.Engine, io.Closer, error) {
		*got = cfg
		return eng, nil, nil
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	model, err := transcribetest.TinyModel(dir)
	if err != nil {
		t.Fatal(err)
	}
	vadDir := t.TempDir()
	vad, _ := transcribetest.TinyModel(vadDir) // any checked file will do as a path
	for _, tt := range []struct {
		name        string
		cfg         pipeline.Config
		wantVAD     string
		wantMissing bool
		wantErr     error
		wantVADErr  bool
	}{
		{name: "auto, VAD not downloaded", cfg: pipeline.Config{Model: model, ModelsDir: dir}, wantMissing: true},
		{name: "auto, VAD as a path", cfg: pipeline.Config{Model: model, VADModel: vad}, wantVAD: vad},
		{name: "required, VAD not downloaded", cfg: pipeline.Config{Model: model, ModelsDir: dir, VAD: pipeline.VADRequired}, wantErr: models.ErrNotDownloaded, wantVADErr: true},
		{name: "off", cfg: pipeline.Config{Model: model, ModelsDir: dir, VAD: pipeline.VADOff}},
		{name: "model not downloaded", cfg: pipeline.Config{ModelsDir: dir}, wantErr: models.ErrNotDownloaded},
		{name: "auto, VAD path missing", cfg: pipeline.Config{Model: model, VADModel: filepath.Join(dir, "nope.bin")}, wantErr: errors.New("any"), wantVADErr: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := pipeline.New(tt.cfg).Resolve()
			if tt.wantErr != nil {
				var me *pipeline.ModelError
				if !errors.As(err, &me) || me.VAD != tt.wantVADErr {
					t.Fatalf("got %v, want a *ModelError with VAD %v", err, tt.wantVADErr)
				}
				if errors.Is(tt.wantErr, models.ErrNotDownloaded) && !errors.Is(err, models.ErrNotDownloaded) {
					t.Errorf("got %v, want ErrNotDownloaded", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if r.Engine.ModelPath != model || r.Engine.VADModelPath != tt.wantVAD || r.VADMissing != tt.wantMissing {
				t.Errorf("got %+v, want model %s, VAD %q, missing %v", r, model, tt.wantVAD, tt.wantMissing)
			}
		})
	}
}

func TestLoadAndRecognize(t *testing.T) {
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var got whisper.Config
	p := pipeline.New(pipeline.Config{Model: model, VAD: pipeline.VADOff, Threads: 3, Contexts: 2,
		LoadEngine: scripted(&transcribetest.Scripted{Result: words}, &got)})
	ctx := context.Background()
	samples := make([]float32, 2*audio.SampleRate)
	if _, err := p.Recognize(ctx, samples, transcribe.Options{}, nil); !errors.Is(err, pipeline.ErrNotLoaded) {
		t.Errorf("before Load: got %v, want ErrNotLoaded", err)
	}
	if p.Ready() {
		t.Error("ready before Load")
	}
	if err := p.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if !p.Ready() || got.ModelPath != model || got.Threads != 3 || got.Contexts != 2 {
		t.Errorf("ready %v, engine config %+v", p.Ready(), got)
	}
	var last int
	tr, err := p.Recognize(ctx, samples, transcribe.Options{}, func(pct int) { last = pct })
	if err != nil || tr.Duration != 2 || last != 100 {
		t.Fatalf("got %+v, %v, progress %d; want 2 s and progress to 100", tr, err, last)
	}
	// A range 60 s into a longer recording: every time counts from the start.
	tr, err = p.RecognizeAt(ctx, samples, 60, transcribe.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	seg := tr.Segments[0]
	if tr.Duration != 62 || seg.Start != 60.5 || seg.End != 62 || seg.Words[0].Start != 60.5 || seg.Words[1].End != 62 {
		t.Errorf("RecognizeAt(60): got duration %v, segment %v–%v, words %+v", tr.Duration, seg.Start, seg.End, seg.Words)
	}
	if err := p.Close(); err != nil || p.Ready() {
		t.Errorf("Close: %v, ready %v", err, p.Ready())
	}
}

func TestAlign(t *testing.T) {
	tr, _ := words(make([]float32, 2*audio.SampleRate), transcribe.Options{})
	r, err := pipeline.New(pipeline.Config{}).Align(tr, "قال: «مرحبا بكم» في الحفل.")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Quotes) != 1 || r.Quotes[0].Status != "spoken" {
		t.Errorf("got quotes %+v, want the one quotation spoken", r.Quotes)
	}
}

func TestDecodeAndProbe(t *testing.T) {
	var wav bytes.Buffer
	if err := audio.WriteWAV(&wav, make([]float32, 3*audio.SampleRate)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "a.wav")
	os.WriteFile(path, wav.Bytes(), 0o644)
	ctx := context.Background()
	p := pipeline.New(pipeline.Config{})
	clip, err := p.DecodeFile(ctx, path)
	if err != nil || clip.Duration() != 3 || clip.Info.Format == "" {
		t.Fatalf("DecodeFile: got %v, %v; want 3 s with the source's Info", clip, err)
	}
	if s, err := p.Probe(ctx, path); err != nil || s != 3 {
		t.Errorf("Probe: got %v, %v, want 3", s, err)
	}
	short := pipeline.New(pipeline.Config{Audio: audio.Options{MaxDuration: 2e9}})
	if _, err := short.Probe(ctx, path); !errors.Is(err, audio.ErrTooLong) {
		t.Errorf("Probe past MaxDuration: got %v, want ErrTooLong", err)
	}
	if _, err := short.Decode(ctx, bytes.NewReader(wav.Bytes())); !errors.Is(err, audio.ErrTooLong) {
		t.Errorf("Decode past MaxDuration: got %v, want ErrTooLong", err)
	}
}
