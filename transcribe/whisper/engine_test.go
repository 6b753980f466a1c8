//go:build whisper

package whisper_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	bindings "github.com/ggerganov/whisper.cpp/bindings/go"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// readWAV reads a 16 kHz mono 16-bit PCM WAV file (test fixtures only; the
// product decodes through package audio).
func readWAV(t testing.TB, path string) []float32 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 44 || string(b[:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		t.Fatalf("%s: not a WAV file", path)
	}
	for off := 12; off+8 <= len(b); {
		id, size := string(b[off:off+4]), int(binary.LittleEndian.Uint32(b[off+4:]))
		body := b[off+8:]
		if id == "fmt " {
			if ch, rate, bits := binary.LittleEndian.Uint16(body[2:]), binary.LittleEndian.Uint32(body[4:]), binary.LittleEndian.Uint16(body[14:]); ch != 1 || rate != 16000 || bits != 16 {
				t.Fatalf("%s: %d ch %d Hz %d bit, want 1 ch 16000 Hz 16 bit", path, ch, rate, bits)
			}
		}
		if id == "data" {
			size = min(size, len(body))
			out := make([]float32, size/2)
			for i := range out {
				out[i] = float32(int16(binary.LittleEndian.Uint16(body[2*i:]))) / 32768
			}
			return out
		}
		off += 8 + size + size%2
	}
	t.Fatalf("%s: no data chunk", path)
	return nil
}

type assets struct {
	dir  string
	tiny string
	vad  string
	jfk  []float32
}

func load(t testing.TB) assets {
	dir := transcribetest.Shared(t, "whisper", "for-tests-ggml-tiny.bin", "for-tests-silero-v6.2.0-ggml.bin", "jfk.wav")
	return assets{
		dir:  dir,
		tiny: filepath.Join(dir, "for-tests-ggml-tiny.bin"),
		vad:  filepath.Join(dir, "for-tests-silero-v6.2.0-ggml.bin"),
		jfk:  readWAV(t, filepath.Join(dir, "jfk.wav")),
	}
}

func newEngine(t testing.TB, cfg whisper.Config) *whisper.Engine {
	t.Helper()
	e, err := whisper.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := e.Close(); err != nil {
			t.Error(err)
		}
	})
	return e
}

// repeat returns samples repeated n times with a second of silence between.
func repeat(samples []float32, n int) []float32 {
	var out []float32
	for range n {
		out = append(out, samples...)
		out = append(out, make([]float32, transcribe.SampleRate)...)
	}
	return out
}

func TestTranscribe(t *testing.T) {
	a := load(t)
	e := newEngine(t, whisper.Config{ModelPath: a.tiny, VADModelPath: a.vad, Threads: 2})
	arabic := readWAV(t, transcribetest.Testdata("arabic-espeak.wav"))
	tests := []struct {
		name    string
		samples []float32
		opts    transcribe.Options
	}{
		// The stub model decodes to its token limit in every window, and each
		// temperature fallback repeats that; most cases turn fallback off
		// (TemperatureInc < 0) to keep the suite fast.
		{"jfk english", a.jfk, transcribe.Options{Language: "en"}},
		{"jfk no vad", a.jfk, transcribe.Options{Language: "en", DisableVAD: true, TemperatureInc: -1}},
		{"arabic default language", arabic, transcribe.Options{Prompt: "الحكومة والتعليم", TemperatureInc: -1}},
		{"arabic auto", arabic, transcribe.Options{Language: "auto", DisableVAD: true, TemperatureInc: -1}},
		{"arabic beam", arabic, transcribe.Options{BeamSize: 2, DisableVAD: true, TemperatureInc: -1}},
		{"silence", make([]float32, 5*transcribe.SampleRate), transcribe.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []int
			tr, err := e.Transcribe(context.Background(), tt.samples, tt.opts, func(p int) { got = append(got, p) })
			if err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 || got[len(got)-1] != 100 {
				t.Errorf("progress: got %v, want it to end at 100", got)
			}
			for i := 1; i < len(got); i++ {
				if got[i] < got[i-1] {
					t.Errorf("progress went back: %v", got)
				}
			}
			wantDur := float64(len(tt.samples)) / transcribe.SampleRate
			if tr.Duration != wantDur {
				t.Errorf("Duration: got %v, want %v", tr.Duration, wantDur)
			}
			if tt.opts.Language == "auto" && tr.Language == "auto" {
				t.Errorf("Language: got auto, want the detected language")
			}
			for _, s := range tr.Segments {
				if s.Start < 0 || s.End > wantDur+0.01 || s.End < s.Start {
					t.Errorf("segment %d: %v–%v outside 0–%v", s.ID, s.Start, s.End, wantDur)
				}
				for _, w := range s.Words {
					if w.Start < s.Start || w.End > s.End || w.Probability < 0 || w.Probability > 1 {
						t.Errorf("segment %d word %+v outside the segment %v–%v", s.ID, w, s.Start, s.End)
					}
				}
			}
			t.Logf("%s: language %s, %d segments, text %q", tt.name, tr.Language, len(tr.Segments), tr.Text)
		})
	}
}

// TestDetectLanguage: with language auto the transcript carries the
// language whisper.cpp detected and its probability, which the job records
// (issue 22); a language given is not detected (probability 0). A stub's
// weights are whatever memory whisper.cpp's allocation gets — zero when it
// is fresh from the system, leftovers of an earlier model in the same
// process otherwise, which make the logits NaN — so the check runs in a
// process of its own where large allocations are fresh (mapped) pages.
func TestDetectLanguage(t *testing.T) {
	if os.Getenv("NS_DETECT_LANGUAGE_CHILD") == "" {
		load(t) // skips without the stub
		cmd := exec.Command(os.Args[0], "-test.run=^TestDetectLanguage$", "-test.count=1", "-test.v")
		cmd.Env = append(os.Environ(), "NS_DETECT_LANGUAGE_CHILD=1", "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=1048576")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v:\n%s", err, out)
		}
		return
	}
	a := load(t)
	e := newEngine(t, whisper.Config{ModelPath: a.tiny, Threads: 2})
	opts := transcribe.Options{Language: "auto", DisableVAD: true, TemperatureInc: -1}
	tr, err := e.Transcribe(context.Background(), a.jfk, opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := transcribe.Languages[tr.Language]; !ok || tr.LanguageProbability <= 0 || tr.LanguageProbability > 1 {
		t.Errorf("auto: got language %q probability %v, want a known language with a probability in (0, 1]", tr.Language, tr.LanguageProbability)
	}
	opts.Language = "ar"
	if tr, err = e.Transcribe(context.Background(), a.jfk, opts, nil); err != nil {
		t.Fatal(err)
	}
	if tr.Language != "ar" || tr.LanguageProbability != 0 {
		t.Errorf("ar: got language %q probability %v, want ar and 0 (not detected)", tr.Language, tr.LanguageProbability)
	}
}

func TestUnknownLanguage(t *testing.T) {
	a := load(t)
	e := newEngine(t, whisper.Config{ModelPath: a.tiny})
	_, err := e.Transcribe(context.Background(), a.jfk, transcribe.Options{Language: "xx"}, nil)
	var oe *transcribe.OptionError
	if !errors.As(err, &oe) || oe.Option != "language" {
		t.Errorf("language xx: got %v, want a *transcribe.OptionError for language", err)
	}
}

// TestLanguagesTable checks that the pure-Go table the API validates with
// is whisper.cpp's own.
func TestLanguagesTable(t *testing.T) {
	engine := map[string]bool{}
	for id := 0; id <= bindings.Whisper_lang_max_id(); id++ {
		engine[bindings.Whisper_lang_str(id)] = true
	}
	for code := range engine {
		if _, ok := transcribe.Languages[code]; !ok {
			t.Errorf("whisper.cpp knows %q; transcribe.Languages does not", code)
		}
	}
	for code := range transcribe.Languages {
		if !engine[code] {
			t.Errorf("transcribe.Languages has %q; whisper.cpp does not", code)
		}
	}
}

// TestOnSegment checks that the new-segment callback delivers, while
// decoding, the same segments (text and times) that the result holds, with
// and without VAD, and that Translate runs the translate task. With the
// shared stub model (no text) it checks the counts agree.
func TestOnSegment(t *testing.T) {
	a := load(t)
	tests := []struct {
		name string
		cfg  whisper.Config
		opts transcribe.Options
	}{
		{"no VAD", whisper.Config{ModelPath: a.tiny, Threads: 2}, transcribe.Options{Language: "en", TemperatureInc: -1}},
		{"VAD", whisper.Config{ModelPath: a.tiny, VADModelPath: a.vad, Threads: 2}, transcribe.Options{Language: "en", TemperatureInc: -1}},
		{"translate", whisper.Config{ModelPath: a.tiny, Threads: 2}, transcribe.Options{Language: "en", TemperatureInc: -1, Translate: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEngine(t, tt.cfg)
			var got []transcribe.Segment
			var progressAtSegment []int
			last := 0
			tt.opts.OnSegment = func(s transcribe.Segment) {
				got = append(got, s)
				progressAtSegment = append(progressAtSegment, last)
			}
			tr, err := e.Transcribe(context.Background(), a.jfk, tt.opts, func(p int) { last = p })
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tr.Segments) {
				t.Fatalf("OnSegment got %d segments, result has %d", len(got), len(tr.Segments))
			}
			if len(got) == 0 {
				// The shared stub model has no trained weights and decodes no
				// text: only the callback's registration and the translate
				// flag are exercised here; the API's streaming tests use the
				// scripted engine's segments.
				t.Logf("the stub model decoded no segments")
				return
			}
			for i := range got {
				if got[i].Text != tr.Segments[i].Text || abs(got[i].Start-tr.Segments[i].Start) > 0.001 || abs(got[i].End-tr.Segments[i].End) > 0.001 {
					t.Errorf("segment %d: streamed %.2f-%.2f %q, result %.2f-%.2f %q", i, got[i].Start, got[i].End, got[i].Text,
						tr.Segments[i].Start, tr.Segments[i].End, tr.Segments[i].Text)
				}
			}
			if progressAtSegment[0] == 100 {
				t.Errorf("the first segment arrived after progress 100: not while decoding")
			}
			t.Logf("%d segments streamed, progress at each: %v", len(got), progressAtSegment)
		})
	}
}

// TestVADSpans checks that the VAD finds jfk.wav's four speech segments as
// documented in shared/whisper/README.md, and that the transcript's
// segments fall inside them.
func TestVADSpans(t *testing.T) {
	a := load(t)
	e := newEngine(t, whisper.Config{ModelPath: a.tiny, VADModelPath: a.vad})
	spans, err := e.Speech(context.Background(), a.jfk)
	if err != nil {
		t.Fatal(err)
	}
	want := []whisper.Span{{Start: 0.32, End: 2.27}, {Start: 3.27, End: 4.41}, {Start: 5.38, End: 7.68}, {Start: 8.16, End: 10.62}}
	if len(spans) != len(want) {
		t.Fatalf("got %d spans %v, want %v", len(spans), spans, want)
	}
	for i := range want {
		if d := max(abs(spans[i].Start-want[i].Start), abs(spans[i].End-want[i].End)); d > 0.02 {
			t.Errorf("span %d: got %v, want %v", i, spans[i], want[i])
		}
	}
	tr, err := e.Transcribe(context.Background(), a.jfk, transcribe.Options{Language: "en", TemperatureInc: -1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	inside := func(t0, t1 float64) bool {
		for _, sp := range spans {
			if t0 >= sp.Start-0.001 && t1 <= sp.End+whisper.VADOverlap+0.001 {
				return true
			}
		}
		return false
	}
	for _, s := range tr.Segments {
		if s.Start < spans[0].Start-0.001 || s.End > spans[len(spans)-1].End+0.001 {
			t.Errorf("segment %v–%v outside the speech %v–%v", s.Start, s.End, spans[0].Start, spans[len(spans)-1].End)
		}
		for _, w := range s.Words {
			if !inside(w.Start, w.End) {
				t.Errorf("word %q %v–%v not inside one speech span", w.Word, w.Start, w.End)
			}
		}
	}
	t.Logf("%d segments with VAD: %q", len(tr.Segments), tr.Text)
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func TestCancel(t *testing.T) {
	a := load(t)
	e := newEngine(t, whisper.Config{ModelPath: a.tiny, Threads: 2})
	long := repeat(a.jfk, 12) // about 2.5 minutes: five 30-second windows
	ctx, cancel := context.WithCancel(context.Background())
	var cancelled time.Time
	var once sync.Once
	_, err := e.Transcribe(ctx, long, transcribe.Options{Language: "en", DisableVAD: true}, func(p int) {
		if p > 0 {
			once.Do(func() { cancelled = time.Now(); cancel() })
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	if cancelled.IsZero() {
		t.Fatal("no progress before the end")
	}
	t.Logf("cancel latency: %v", time.Since(cancelled))

	// Cancelled before it starts.
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := e.Transcribe(ctx, long, transcribe.Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("pre-cancelled: got %v, want context.Canceled", err)
	}
	// The engine still works after a cancellation.
	if _, err := e.Transcribe(context.Background(), a.jfk, transcribe.Options{Language: "en"}, nil); err != nil {
		t.Errorf("after cancel: %v", err)
	}
}

// TestCancelMidWindow cancels on a timer, wherever whisper.cpp is, and
// measures how long Transcribe takes to return.
func TestCancelMidWindow(t *testing.T) {
	a := load(t)
	e := newEngine(t, whisper.Config{ModelPath: a.tiny, Threads: 2})
	long := repeat(a.jfk, 12)
	for _, after := range []time.Duration{50 * time.Millisecond, 700 * time.Millisecond} {
		ctx, cancel := context.WithCancel(context.Background())
		timer := time.AfterFunc(after, cancel)
		start := time.Now()
		_, err := e.Transcribe(ctx, long, transcribe.Options{Language: "en", DisableVAD: true}, nil)
		timer.Stop()
		cancel()
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancel after %v: got %v, want context.Canceled", after, err)
		}
		t.Logf("cancel after %v: returned after %v (latency %v)", after, time.Since(start), time.Since(start)-after)
	}
}

// TestParallel runs more requests than contexts at once and checks that each
// result is the one the same input gives alone.
func TestParallel(t *testing.T) {
	a := load(t)
	e := newEngine(t, whisper.Config{ModelPath: a.tiny, VADModelPath: a.vad, Contexts: 2, Threads: 1})
	arabic := readWAV(t, transcribetest.Testdata("arabic-espeak.wav"))
	inputs := []struct {
		samples []float32
		opts    transcribe.Options
	}{
		{a.jfk, transcribe.Options{Language: "en", TemperatureInc: -1}},
		{arabic, transcribe.Options{TemperatureInc: -1}},
		{a.jfk[:len(a.jfk)/2], transcribe.Options{Language: "en", DisableVAD: true, TemperatureInc: -1}},
		{arabic, transcribe.Options{Language: "auto", TemperatureInc: -1}},
	}
	want := make([]string, len(inputs))
	for i, in := range inputs {
		tr, err := e.Transcribe(context.Background(), in.samples, in.opts, nil)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = fmt.Sprintf("%s|%v|%+v", tr.Language, tr.Duration, tr.Segments)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 3*len(inputs))
	for range 2 {
		for i, in := range inputs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tr, err := e.Transcribe(context.Background(), in.samples, in.opts, nil)
				if err != nil {
					errs <- err
					return
				}
				if got := fmt.Sprintf("%s|%v|%+v", tr.Language, tr.Duration, tr.Segments); got != want[i] {
					errs <- fmt.Errorf("input %d: got %s, want %s", i, got, want[i])
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestBadModel(t *testing.T) {
	a := load(t)
	good, err := os.ReadFile(a.tiny)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name    string
		content []byte
	}{
		{"empty", nil},
		{"text", []byte("this is not a model, just some text that is long enough for a header check")},
		{"truncated in the mel filters", good[:4096]},
		{"truncated in the vocabulary", good[:70000]},
		{"truncated header", good[:30]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "model.bin")
			if err := os.WriteFile(p, tt.content, 0o644); err != nil {
				t.Fatal(err)
			}
			e, err := whisper.New(whisper.Config{ModelPath: p})
			if err == nil {
				e.Close()
				t.Fatal("got nil error")
			}
			t.Logf("%v", err)
		})
	}
	if _, err := whisper.New(whisper.Config{ModelPath: filepath.Join(dir, "missing.bin")}); err == nil {
		t.Error("missing file: got nil error")
	}
	// A good ggml file given by path under a registry file name is checked
	// as the file it is, never against the registry's size for that name
	// (issue 12: a copied model at /tmp/x/ggml-tiny.bin was refused).
	p := filepath.Join(dir, "ggml-small.bin")
	if err := os.WriteFile(p, good, 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := whisper.New(whisper.Config{ModelPath: p})
	if err != nil {
		t.Fatalf("a good model named ggml-small.bin by path: %v", err)
	}
	e.Close()
}

func TestClose(t *testing.T) {
	a := load(t)
	e, err := whisper.New(whisper.Config{ModelPath: a.tiny})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if err := e.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := e.Transcribe(context.Background(), a.jfk, transcribe.Options{}, nil); !errors.Is(err, whisper.ErrClosed) {
		t.Errorf("after Close: got %v, want ErrClosed", err)
	}
}
