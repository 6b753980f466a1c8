package live

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/newsscribe/newsscribe/align/prompt"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// Engine is what live recognition needs of the speech engine:
// *pipeline.Pipeline is one (whisper.cpp, or the scripted engine in tests).
type Engine interface {
	// Recognize runs one pass over samples (16 kHz mono); times are seconds
	// from the start of samples.
	Recognize(ctx context.Context, samples []float32, opts transcribe.Options, progress transcribe.ProgressFunc) (*transcribe.Transcript, error)
	// Speech returns the stretches of speech in samples, in seconds from
	// their start (whisper.cpp's Silero VAD when the engine has it).
	Speech(ctx context.Context, samples []float32) ([]whisper.Span, error)
}

// Window configures rolling recognition. The zero value selects the
// defaults stated on each field.
type Window struct {
	// Step is the least new audio between two passes. A pass that takes
	// longer than Step is followed at once by the next. Defaults to 1 s.
	Step time.Duration
	// Agreement is how many consecutive passes must agree on a word before
	// it is final (LocalAgreement-n). Defaults to 2.
	Agreement int
	// Trim is the window length from which it is cut at the end of its last
	// final word (whisper_streaming's buffer trimming). Defaults to 15 s.
	Trim time.Duration
	// Max is the longest window: past it the tentative words ending in its
	// first half are made final and the window is cut there, so that a
	// window never reaches Whisper's 30 s. Defaults to 24 s.
	Max time.Duration
	// Pause is how long the speaker must be silent (by the VAD) before the
	// words heard before the pause are final without waiting for more
	// passes. Defaults to 0.8 s.
	Pause time.Duration
	// Threads is the CPU threads of a pass; 0 leaves the engine's default.
	Threads int
	// AudioContext encodes only the window's length of audio (whisper.cpp's
	// audio_ctx, plus a margin) rather than Whisper's whole 30 s: a pass
	// over a 10 s window costs about a third, at some cost in accuracy
	// that the project has not measured (its test models are stubs).
	// Defaults to false.
	AudioContext bool
}

func (w Window) withDefaults() Window {
	if w.Step <= 0 {
		w.Step = time.Second
	}
	if w.Agreement <= 0 {
		w.Agreement = 2
	}
	if w.Trim <= 0 {
		w.Trim = 15 * time.Second
	}
	if w.Max <= 0 {
		w.Max = 24 * time.Second
	}
	if w.Pause <= 0 {
		w.Pause = 800 * time.Millisecond
	}
	return w
}

// Validate reports a window that cannot work.
func (w Window) Validate() error {
	w = w.withDefaults()
	// Messages start with the setting's name, which the serve and live
	// commands' flags share (--live-step, --step).
	switch {
	case w.Step < 100*time.Millisecond || w.Step > 10*time.Second:
		return fmt.Errorf("step: want 100ms to 10s, got %s", w.Step)
	case w.Agreement > 5:
		return fmt.Errorf("agreement: want 2 to 5 passes, got %d", w.Agreement)
	case w.Max > 28*time.Second:
		return fmt.Errorf("window: want at most 28s (Whisper hears 30 s at once), got %s", w.Max)
	case w.Trim >= w.Max:
		return fmt.Errorf("trim: %s must be shorter than the window %s", w.Trim, w.Max)
	case w.Threads < 0:
		return fmt.Errorf("threads: must not be negative, got %d", w.Threads)
	}
	return nil
}

// Update is what one step of a Recognizer changed.
type Update struct {
	// Final are the words that became final, in order; they never change.
	// Times are seconds from the start of the session.
	Final []transcribe.Word
	// Tentative is the whole tentative tail after this step; it may change.
	Tentative []transcribe.Word
	// Passed is true when a recognition pass ran.
	Passed bool
	// Heard is how far into the session (seconds) the step looked.
	Heard float64
}

// Changed reports whether the captions changed.
func (u Update) Changed() bool { return len(u.Final) > 0 || u.Passed }

// Recognizer is rolling recognition over a 16 kHz stream: a sliding window
// of the most recent speech, recognised again every Window.Step of new
// audio when the VAD hears speech in it, with the article's prompt; words
// become final by LocalAgreement (see Agreement), at a pause, or when the
// window is cut.
//
// Push may be called from any goroutine; Step and Flush from one goroutine
// at a time.
type Recognizer struct {
	w      Window
	engine Engine
	opts   transcribe.Options // language, threads, user's prompt
	agree  *Agreement

	mu      sync.Mutex
	buf     []float32 // the window: samples from start
	start   int64     // session sample index of buf[0]
	total   int64     // samples pushed
	article string    // draft the prompt is taken from

	// Owned by the stepping goroutine.
	last       int64   // total at the last step
	lastSpeech float64 // end of the last speech the VAD heard, seconds; -1 none
	pending    bool    // speech heard since the last pause was closed
	finals     []transcribe.Word
	tentative  []transcribe.Word
}

// NewRecognizer returns a recognizer over engine. opts carries the
// language and the user's prompt (the article's terms are added to it, see
// SetArticle); VAD inside the engine is turned off (the recognizer gates
// passes itself) and so is the temperature fallback (a pass must be quick;
// the next one decodes again).
func NewRecognizer(engine Engine, w Window, opts transcribe.Options) *Recognizer {
	w = w.withDefaults()
	opts.OnSegment = nil
	opts.DisableVAD = true
	opts.TemperatureInc = -1
	opts.CarryPrompt = false
	if w.Threads > 0 {
		opts.Threads = w.Threads
	}
	return &Recognizer{w: w, engine: engine, opts: opts, agree: NewAgreement(w.Agreement), lastSpeech: -1}
}

// SetArticle sets the draft whose names and rare words prompt the next
// passes (align/prompt: never its quotations).
func (r *Recognizer) SetArticle(text string) {
	r.mu.Lock()
	r.article = text
	r.mu.Unlock()
}

// Push appends samples (16 kHz mono) to the stream.
func (r *Recognizer) Push(samples []float32) {
	r.mu.Lock()
	r.buf = append(r.buf, samples...)
	r.total += int64(len(samples))
	r.mu.Unlock()
}

// Due reports whether a step would find at least Window.Step of new audio.
func (r *Recognizer) Due() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.total-r.last >= r.stepSamples()
}

func (r *Recognizer) stepSamples() int64 {
	return int64(r.w.Step.Seconds() * transcribe.SampleRate)
}

// Finals are all the final words so far.
func (r *Recognizer) Finals() []transcribe.Word { return append([]transcribe.Word(nil), r.finals...) }

// sec converts a sample index to seconds.
func sec(i int64) float64 { return float64(i) / transcribe.SampleRate }

// Step looks at the audio pushed since the last step. With less than
// Window.Step of it, it does nothing. Otherwise the VAD listens to the new
// audio: with speech in it, a pass runs over the window and the agreement
// decides what is final; without, the window is emptied of silence, and
// when the speaker has paused for Window.Pause the tentative words are made
// final after one pass that heard the pause.
func (r *Recognizer) Step(ctx context.Context) (Update, error) {
	return r.step(ctx, false)
}

// Flush is the last step: the stream has ended, so a last pass runs over
// what is left and every word heard becomes final.
func (r *Recognizer) Flush(ctx context.Context) (Update, error) {
	return r.step(ctx, true)
}

func (r *Recognizer) step(ctx context.Context, final bool) (Update, error) {
	r.mu.Lock()
	fresh := r.total - r.last
	if !final && fresh < r.stepSamples() {
		r.mu.Unlock()
		return Update{Tentative: r.tentative}, nil
	}
	win := append([]float32(nil), r.buf...)
	start, total, article := r.start, r.total, r.article
	last := r.last
	r.last = total
	r.mu.Unlock()
	// A step that fails (a pass cancelled by the session's stop, say)
	// leaves its audio new for the next step, which hears it again.
	failed := func(err error) (Update, error) {
		r.mu.Lock()
		r.last = min(r.last, last)
		r.mu.Unlock()
		return Update{Tentative: r.tentative}, err
	}
	up := Update{Heard: sec(total)}
	if len(win) == 0 {
		up.Tentative = r.tentative
		return up, nil
	}

	// The VAD hears the new audio with half a second before it.
	from := max(len(win)-int(fresh)-transcribe.SampleRate/2, 0)
	spans, err := r.engine.Speech(ctx, win[from:])
	if err != nil {
		return failed(fmt.Errorf("vad: %w", err))
	}
	newFrom := sec(total - fresh)
	spoke := false
	// pauseAt is where the speech before the latest pause (in the new
	// audio) ended, when the speaker went on after it; -1 when none.
	pauseAt := -1.0
	for _, s := range spans {
		begin, end := sec(start+int64(from))+s.Start, sec(start+int64(from))+s.End
		if end > newFrom {
			spoke = true
		}
		if r.lastSpeech >= 0 && begin-r.lastSpeech >= r.w.Pause.Seconds() {
			pauseAt = r.lastSpeech
		}
		r.lastSpeech = max(r.lastSpeech, end)
	}
	paused := sec(total)-r.lastSpeech >= r.w.Pause.Seconds()
	if spoke {
		r.pending = true // until a pause, or the end, makes it final
	}

	// pass runs a recognition pass over the window and lets the agreement
	// decide what it makes final.
	pass := func() error {
		hyp, err := r.pass(ctx, win, start, article)
		if err != nil {
			return err
		}
		up.Passed = true
		up.Final = r.agree.Insert(hyp)
		return nil
	}
	switch {
	case final:
		if r.pending {
			if err := pass(); err != nil {
				return failed(err)
			}
		}
		up.Final = append(up.Final, r.agree.CommitAll()...)
		r.pending = false
	case spoke && !paused:
		if err := pass(); err != nil {
			return failed(err)
		}
		if pauseAt >= 0 {
			// The speaker paused and went on since the last step (passes
			// slower than the speech): what this pass heard before the
			// pause is final, as at any pause, and the window starts anew
			// at it.
			closed := r.agree.CommitUntil(pauseAt + pauseSlack)
			up.Final = append(up.Final, closed...)
			cutAt := pauseAt
			if len(closed) > 0 {
				cutAt = max(cutAt, closed[len(closed)-1].End)
			}
			r.cut(int64(cutAt*transcribe.SampleRate), total)
		}
	case !paused:
		// A gap shorter than a pause: wait for more.
	case r.pending:
		// The speaker paused after speech the window holds: one more pass,
		// which hears the pause, and what it says is final (the audio it
		// heard will not change, so another pass would say the same).
		if err := pass(); err != nil {
			return failed(err)
		}
		up.Final = append(up.Final, r.agree.CommitAll()...)
		r.pending = false
		cutAt := r.lastSpeech
		if len(up.Final) > 0 {
			cutAt = max(cutAt, up.Final[len(up.Final)-1].End)
		}
		r.agree.Drop()
		r.cut(int64(cutAt*transcribe.SampleRate), total)
	default:
		// Silence with nothing pending: keep only the last half second, the
		// onset of the next speech.
		r.cut(total-transcribe.SampleRate/2, total)
	}
	if !final {
		up.Final = append(up.Final, r.trim(total, up.Final)...)
	}
	// Finals are in time order: a word never starts before the last ended.
	prev := 0.0
	if n := len(r.finals); n > 0 {
		prev = r.finals[n-1].End
	}
	for i := range up.Final {
		w := &up.Final[i]
		w.Start = max(w.Start, prev)
		w.End = max(w.End, w.Start)
		prev = w.End
	}
	r.finals = append(r.finals, up.Final...)
	r.tentative = r.agree.Tentative()
	up.Tentative = r.tentative
	return up, nil
}

// trim cuts the window when it has grown past Window.Trim (at the end of
// its last final word) or past Window.Max (making final what the window's
// first half said).
//
// fresh are the finals of this step, not yet in r.finals; trim returns the
// words it made final.
func (r *Recognizer) trim(total int64, fresh []transcribe.Word) []transcribe.Word {
	r.mu.Lock()
	start := r.start
	r.mu.Unlock()
	lastEnd := -1.0
	if n := len(fresh); n > 0 {
		lastEnd = fresh[n-1].End
	} else if n := len(r.finals); n > 0 {
		lastEnd = r.finals[n-1].End
	}
	length := sec(total - start)
	switch {
	case length > r.w.Max.Seconds():
		cutAt := max(sec(start)+length/2, lastEnd)
		forced := r.agree.CommitBefore(cutAt)
		r.cut(int64(cutAt*transcribe.SampleRate), total)
		return forced
	case length > r.w.Trim.Seconds() && lastEnd > sec(start):
		r.cut(int64(lastEnd*transcribe.SampleRate), total)
	}
	return nil
}

// cut drops the window's samples before session sample at (never past
// total, never before the window's start).
func (r *Recognizer) cut(at, total int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	at = min(max(at, r.start), total)
	n := int(at - r.start)
	if n <= 0 {
		return
	}
	n = min(n, len(r.buf))
	r.buf = append(r.buf[:0:0], r.buf[n:]...)
	r.start += int64(n)
}

// pass recognises the window win (starting at session sample start) and
// returns its words in session time.
func (r *Recognizer) pass(ctx context.Context, win []float32, start int64, article string) ([]transcribe.Word, error) {
	opts := r.opts
	opts.Prompt = prompt.Build(article, strings.TrimSpace(r.opts.Prompt+" "+r.context(start)))
	if r.w.AudioContext {
		opts.AudioContext = audioContext(len(win))
	}
	t, err := r.engine.Recognize(ctx, win, opts, nil)
	if err != nil {
		return nil, fmt.Errorf("recognise: %w", err)
	}
	off := sec(start)
	var hyp []transcribe.Word
	for _, s := range t.Segments {
		if _, drop := whisper.Hallucination(s, transcribe.DefaultNoSpeechThreshold); drop {
			continue
		}
		for _, w := range s.Words {
			w.Start += off
			w.End += off
			if strings.TrimSpace(w.Word) == "" {
				continue
			}
			hyp = append(hyp, w)
		}
	}
	return hyp, nil
}

// pauseSlack is how far a word may end past the VAD's end of speech and
// still be before the pause (word times and VAD edges differ by tens of
// milliseconds).
const pauseSlack = 0.15

// audioContext is the encoder context for n samples: one 20 ms frame per
// 320 samples, and 64 frames (1.28 s) more so that the window's last words
// are not at the encoder's edge.
func audioContext(n int) int {
	return min(n/320+64, 1500)
}

// contextBytes is how much of the finals before the window prompts a pass
// (whisper_streaming's 200 characters).
const contextBytes = 200

// context is the text of the last finals said before the window (sample
// start), at most contextBytes.
func (r *Recognizer) context(start int64) string {
	var words []string
	n := 0
	for i := len(r.finals) - 1; i >= 0 && n < contextBytes; i-- {
		w := r.finals[i]
		if w.End > sec(start) {
			continue
		}
		words = append(words, strings.TrimSpace(w.Word))
		n += len(w.Word) + 1
	}
	for i, j := 0, len(words)-1; i < j; i, j = i+1, j-1 {
		words[i], words[j] = words[j], words[i]
	}
	return strings.Join(words, " ")
}
