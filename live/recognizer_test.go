package live_test

import (
	"context"
	"io"
	"math"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// codedEngine is the scripted engine hearing coded audio (see
// transcribetest.CodedAudio), loaded through package pipeline as the
// server loads whisper.cpp; its VAD is the pipeline's loudness fallback. It
// records the length of every window it was given.
type codedEngine struct {
	*pipeline.Pipeline
	scripted *transcribetest.Scripted

	mu      sync.Mutex
	windows []int // samples per pass
}

func newCodedEngine(t testing.TB) *codedEngine {
	t.Helper()
	e := &codedEngine{}
	e.scripted = &transcribetest.Scripted{Steps: 1, Result: func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		e.mu.Lock()
		e.windows = append(e.windows, len(samples))
		e.mu.Unlock()
		return transcribetest.Coded(samples, opts)
	}}
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e.Pipeline = pipeline.New(pipeline.Config{Model: model, VAD: pipeline.VADOff,
		LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) {
			return e.scripted, nil, nil
		}})
	if err := e.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *codedEngine) passes() []int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]int(nil), e.windows...)
}

// speech lays out n words of 0.3 s with 0.15 s between them, in runs of
// perRun words separated by gap seconds of silence, after lead seconds.
func speech(n, perRun int, lead, gap float64) ([]whisper.Span, float64) {
	var spans []whisper.Span
	t := lead
	for k := range n {
		if k > 0 && k%perRun == 0 {
			t += gap
		}
		spans = append(spans, whisper.Span{Start: t, End: t + 0.3})
		t += 0.45
	}
	return spans, t + 2
}

// feed pushes samples in 100 ms frames and steps whenever a step is due,
// as a session does; it returns the updates and the session time (seconds
// of audio pushed) at which each word became final.
func feed(t *testing.T, r *live.Recognizer, samples []float32) ([]live.Update, map[string]float64) {
	t.Helper()
	ctx := context.Background()
	var ups []live.Update
	at := map[string]float64{}
	const frame = transcribe.SampleRate / 10
	record := func(u live.Update, now float64) {
		ups = append(ups, u)
		for _, w := range u.Final {
			if _, dup := at[w.Word]; dup {
				t.Errorf("%s made final twice", w.Word)
			}
			at[w.Word] = now
		}
	}
	for i := 0; i < len(samples); i += frame {
		j := min(i+frame, len(samples))
		r.Push(samples[i:j])
		if r.Due() {
			u, err := r.Step(ctx)
			if err != nil {
				t.Fatal(err)
			}
			record(u, float64(j)/transcribe.SampleRate)
		}
	}
	u, err := r.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	record(u, float64(len(samples))/transcribe.SampleRate)
	return ups, at
}

func TestRecognizerFinalsInOrderOnce(t *testing.T) {
	spans, length := speech(60, 12, 1, 3)
	e := newCodedEngine(t)
	r := live.NewRecognizer(e, live.Window{}, transcribe.Options{Language: "ar"})
	ups, at := feed(t, r, transcribetest.CodedAudio(length, spans))

	finals := r.Finals()
	if len(finals) != len(spans) {
		t.Fatalf("%d final words, want %d: %s", len(finals), len(spans), text(finals))
	}
	var fromUpdates []transcribe.Word
	sawTentative := false
	for _, u := range ups {
		fromUpdates = append(fromUpdates, u.Final...)
		if len(u.Tentative) > 0 {
			sawTentative = true
		}
	}
	if text(fromUpdates) != text(finals) {
		t.Errorf("updates' finals %q differ from Finals %q", text(fromUpdates), text(finals))
	}
	if !sawTentative {
		t.Error("no update had tentative words")
	}
	for k, w := range finals {
		if want := transcribetest.CodedWord(k); w.Word != want {
			t.Fatalf("final %d is %s, want %s", k, w.Word, want)
		}
		if math.Abs(w.Start-spans[k].Start) > 0.01 || math.Abs(w.End-spans[k].End) > 0.01 {
			t.Errorf("%s at %.3f–%.3f, want %.3f–%.3f", w.Word, w.Start, w.End, spans[k].Start, spans[k].End)
		}
		// Two passes of one step each, at most, after the word ended
		// (plus the pause for the last word of a run).
		if lag := at[w.Word] - w.End; lag > 2.9 {
			t.Errorf("%s final %.2f s after it was said, want ≤ 2.9", w.Word, lag)
		}
	}
}

// TestRecognizerSlowPasses: when passes take longer than the speaker's
// runs between pauses (a step only every 5 s of audio here), the words
// before a pause are final at the first pass that hears the pause, not a
// pass later.
func TestRecognizerSlowPasses(t *testing.T) {
	spans, length := speech(24, 4, 0.5, 1)
	samples := transcribetest.CodedAudio(length, spans)
	e := newCodedEngine(t)
	r := live.NewRecognizer(e, live.Window{}, transcribe.Options{})
	const every = 5 * transcribe.SampleRate
	at := map[string]float64{}
	for i := 0; i < len(samples); i += every {
		j := min(i+every, len(samples))
		r.Push(samples[i:j])
		u, err := r.Step(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range u.Final {
			at[w.Word] = float64(j) / transcribe.SampleRate
		}
	}
	u, _ := r.Flush(context.Background())
	for _, w := range u.Final {
		at[w.Word] = length
	}
	if got := len(r.Finals()); got != len(spans) {
		t.Fatalf("%d finals, want %d", got, len(spans))
	}
	for k := range spans {
		// The first step that hears the pause after the word's run.
		runEnd := spans[min(k/4*4+3, len(spans)-1)].End
		due := math.Ceil((runEnd+0.8)/5) * 5
		w := transcribetest.CodedWord(k)
		if at[w] > due+0.001 {
			t.Errorf("%s final at %.1f s; the pause after it was heard at the step at %.0f s", w, at[w], due)
		}
	}
}

func TestRecognizerGatesSilence(t *testing.T) {
	// 10 words, 60 s of silence, 10 words: the silence costs no pass.
	first, _ := speech(10, 10, 0.5, 0)
	var spans []whisper.Span
	spans = append(spans, first...)
	for _, s := range first {
		spans = append(spans, whisper.Span{Start: s.Start + 65, End: s.End + 65})
	}
	length := spans[len(spans)-1].End + 2
	e := newCodedEngine(t)
	r := live.NewRecognizer(e, live.Window{}, transcribe.Options{})
	feed(t, r, transcribetest.CodedAudio(length, spans))
	if got := len(r.Finals()); got != 20 {
		t.Fatalf("%d finals, want 20", got)
	}
	passes := e.passes()
	// Each run lasts 4.4 s: about 5 passes while it is said and one at the
	// pause after it; 60 s of silence at one step a second would be 60 more.
	if len(passes) > 16 {
		t.Errorf("%d passes for 8.8 s of speech in %.0f s of audio, want ≤ 16 (silence must not be recognised)", len(passes), length)
	}
	for i, n := range passes {
		if sec := float64(n) / transcribe.SampleRate; sec > 10 {
			t.Errorf("pass %d heard a %.1f s window: the silence was kept", i, sec)
		}
	}
}

func TestRecognizerWindowBounded(t *testing.T) {
	// Three minutes of speech without a pause long enough to close it.
	spans, length := speech(400, 400, 0, 0)
	e := newCodedEngine(t)
	w := live.Window{}
	r := live.NewRecognizer(e, w, transcribe.Options{})
	feed(t, r, transcribetest.CodedAudio(length, spans))
	if got := len(r.Finals()); got != len(spans) {
		t.Fatalf("%d finals, want %d", got, len(spans))
	}
	for i, n := range e.passes() {
		if sec := float64(n) / transcribe.SampleRate; sec > 24.5 {
			t.Fatalf("pass %d over %.1f s, want at most the 24 s window (+ one step)", i, sec)
		}
	}
}

func TestRecognizerPrompt(t *testing.T) {
	spans, length := speech(8, 8, 0.5, 0)
	e := newCodedEngine(t)
	r := live.NewRecognizer(e, live.Window{}, transcribe.Options{Language: "ar", Prompt: "كلمة المستخدم"})
	r.SetArticle("قال وزير الداخلية عبد الوافي لفتيت في الرباط إن «الحكومة ستعمل على تحسين الخدمات».")
	feed(t, r, transcribetest.CodedAudio(length, spans))
	opts := e.scripted.Options()
	if len(opts) == 0 {
		t.Fatal("no pass ran")
	}
	for i, o := range opts {
		if !strings.Contains(o.Prompt, "الوافي") || !strings.Contains(o.Prompt, "كلمة المستخدم") {
			t.Errorf("pass %d prompt %q: want the article's names and the user's prompt", i, o.Prompt)
		}
		if strings.Contains(o.Prompt, "تحسين الخدمات") {
			t.Errorf("pass %d prompt %q holds the quotation's words", i, o.Prompt)
		}
		if !o.DisableVAD || o.TemperatureInc >= 0 || o.Language != "ar" {
			t.Errorf("pass %d options %+v: want VAD off in the engine, no fallback, language ar", i, o)
		}
	}
}

// TestRecognizerAudioContext: with Window.AudioContext the encoder reads
// only the window's length (20 ms frames, plus 64), never more than 1500.
func TestRecognizerAudioContext(t *testing.T) {
	spans, length := speech(8, 8, 0.5, 0)
	for _, on := range []bool{false, true} {
		e := newCodedEngine(t)
		r := live.NewRecognizer(e, live.Window{AudioContext: on}, transcribe.Options{})
		feed(t, r, transcribetest.CodedAudio(length, spans))
		opts, windows := e.scripted.Options(), e.passes()
		for i, o := range opts {
			want := 0
			if on {
				want = min(windows[i]/320+64, 1500)
			}
			if o.AudioContext != want {
				t.Errorf("AudioContext %v, pass %d over %d samples: audio_ctx %d, want %d", on, i, windows[i], o.AudioContext, want)
			}
		}
	}
}

// TestRecognizerFlushAfterCancelledPass: a session stopped while a pass
// runs cancels that pass; the last pass (Flush) still hears its audio and
// makes its words final.
func TestRecognizerFlushAfterCancelledPass(t *testing.T) {
	spans, _ := speech(6, 6, 0.5, 0)
	samples := transcribetest.CodedAudio(spans[len(spans)-1].End+0.1, spans)
	e := newCodedEngine(t)
	e.scripted.StepDelay = 300 * time.Millisecond
	r := live.NewRecognizer(e, live.Window{}, transcribe.Options{})
	r.Push(samples)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := r.Step(ctx); err == nil {
		t.Fatal("the step's pass was not cancelled")
	}
	up, err := r.Flush(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(up.Final); got != len(spans) {
		t.Fatalf("%d words final after the stop, want %d: %s", got, len(spans), text(up.Final))
	}
}

func TestWindowValidate(t *testing.T) {
	for _, tc := range []struct {
		w    live.Window
		flag string // the setting the message names
	}{
		{live.Window{Step: time.Millisecond}, "step"},
		{live.Window{Agreement: 9}, "agreement"},
		{live.Window{Max: 40 * time.Second}, "window"},
		{live.Window{Trim: 20 * time.Second, Max: 20 * time.Second}, "trim"},
		{live.Window{Threads: -1}, "threads"},
	} {
		err := tc.w.Validate()
		if err == nil || !strings.HasPrefix(err.Error(), tc.flag+": ") {
			t.Errorf("%+v: %v, want an error about %s", tc.w, err, tc.flag)
		}
		if err := (live.Config{Window: tc.w}).Validate(); err == nil || !strings.HasPrefix(err.Error(), "--live-"+tc.flag+": ") {
			t.Errorf("%+v: %v, want an error naming --live-%s", tc.w, err, tc.flag)
		}
	}
	if err := (live.Window{}).Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}
