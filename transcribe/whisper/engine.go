//go:build whisper

package whisper

/*
#include <stdlib.h>
#include <stdint.h>
#include <stdatomic.h>
#include <whisper.h>

// ns_job is the C side of one transcription: the cancellation flag that the
// encoder-begin and abort callbacks read, and the id of the Go progress
// function. It lives in C memory so that C may keep a pointer to it.
typedef struct {
	atomic_int cancelled;
	uintptr_t  id;
} ns_job;

extern void nsProgress(uintptr_t id, int progress);
extern bool nsEncoderBegin(uintptr_t id);
extern void nsNewSegment(uintptr_t id, struct whisper_state *st, int n_new);

static bool ns_encoder_begin(struct whisper_context *ctx, struct whisper_state *st, void *ud) {
	ns_job *j = (ns_job *)ud;
	return atomic_load(&j->cancelled) == 0 && nsEncoderBegin(j->id);
}

static bool ns_abort(void *ud) {
	return atomic_load(&((ns_job *)ud)->cancelled) != 0;
}

static void ns_progress(struct whisper_context *ctx, struct whisper_state *st, int progress, void *ud) {
	nsProgress(((ns_job *)ud)->id, progress);
}

static void ns_new_segment(struct whisper_context *ctx, struct whisper_state *st, int n_new, void *ud) {
	nsNewSegment(((ns_job *)ud)->id, st, n_new);
}

static void ns_set_callbacks(struct whisper_full_params *p, ns_job *job, bool segments) {
	p->encoder_begin_callback = ns_encoder_begin;
	p->encoder_begin_callback_user_data = job;
	p->abort_callback = ns_abort;
	p->abort_callback_user_data = job;
	p->progress_callback = ns_progress;
	p->progress_callback_user_data = job;
	if (segments) {
		p->new_segment_callback = ns_new_segment;
		p->new_segment_callback_user_data = job;
	}
}

static ns_job *ns_job_new(uintptr_t id) {
	ns_job *j = calloc(1, sizeof(ns_job));
	if (j) { atomic_init(&j->cancelled, 0); j->id = id; }
	return j;
}

static void ns_job_cancel(ns_job *j) { atomic_store(&j->cancelled, 1); }

static void ns_log_silent(enum ggml_log_level level, const char *text, void *ud) {}
static void ns_log_quiet(void) { whisper_log_set(ns_log_silent, NULL); }
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"unsafe"

	bindings "github.com/ggerganov/whisper.cpp/bindings/go"

	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Engine transcribes with a whisper.cpp model. It is safe for concurrent
// use: at most Config.Contexts transcriptions run at once, the others wait.
type Engine struct {
	cfg       Config
	vad       bool
	wctx      *C.struct_whisper_context
	eot       C.whisper_token
	languages map[string]bool

	slots chan *slot // free states
	all   []*slot

	mu     sync.RWMutex // guards closed against Close while jobs run
	closed bool
}

// slot is one worker's whisper.cpp state and its VAD context (made on first use).
type slot struct {
	state *C.struct_whisper_state
	vad   *C.struct_whisper_vad_context
}

var _ transcribe.Engine = (*Engine)(nil)

// ErrClosed is returned by Transcribe after Close.
var ErrClosed = errors.New("whisper: engine closed")

// New loads the model in cfg.ModelPath once and allocates cfg.Contexts states.
// The model file is checked (models.CheckFile) before whisper.cpp reads it,
// so that a truncated or foreign file is a clean error rather than a crash.
func New(cfg Config) (*Engine, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if err := models.CheckFile(cfg.ModelPath); err != nil {
		return nil, fmt.Errorf("whisper: %w", err)
	}
	if !cfg.Verbose {
		C.ns_log_quiet()
	}
	path := C.CString(cfg.ModelPath)
	defer C.free(unsafe.Pointer(path))
	cparams := C.whisper_context_default_params()
	cparams.use_gpu = false
	wctx := C.whisper_init_from_file_with_params_no_state(path, cparams)
	if wctx == nil {
		return nil, fmt.Errorf("whisper: load model %s: whisper.cpp could not read it (corrupt, truncated or not a Whisper ggml model)", cfg.ModelPath)
	}
	e := &Engine{
		cfg:       cfg,
		vad:       cfg.vadEnabled(),
		wctx:      wctx,
		eot:       C.whisper_token_eot(wctx),
		languages: map[string]bool{},
		slots:     make(chan *slot, cfg.Contexts),
	}
	for id := 0; id <= bindings.Whisper_lang_max_id(); id++ {
		e.languages[bindings.Whisper_lang_str(id)] = true
	}
	for range cfg.Contexts {
		st := C.whisper_init_state(wctx)
		if st == nil {
			e.free()
			return nil, fmt.Errorf("whisper: allocate state %d of %d: out of memory?", len(e.all)+1, cfg.Contexts)
		}
		s := &slot{state: st}
		e.all = append(e.all, s)
		e.slots <- s
	}
	return e, nil
}

// VAD reports whether voice activity detection is available (the VAD model
// file was present when the engine was created).
func (e *Engine) VAD() bool { return e.vad }

// Close waits for running transcriptions and frees the states, the VAD
// contexts and the model. Transcribe returns ErrClosed afterwards.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	e.free()
	return nil
}

func (e *Engine) free() {
	for _, s := range e.all {
		if s.vad != nil {
			C.whisper_vad_free(s.vad)
		}
		C.whisper_free_state(s.state)
	}
	e.all = nil
	C.whisper_free(e.wctx)
	e.wctx = nil
}

// The job registry: C calls back with a job id (C code must not hold Go
// pointers), and the callbacks look the job up here.
var (
	jobsMu   sync.Mutex
	jobsNext uintptr
	jobs     = map[uintptr]*jobEntry{}
)

type jobEntry struct {
	ctx      context.Context
	progress func(int)
	// segment receives the new segments of the running decode; nil unless
	// Options.OnSegment is set.
	segment func(st *C.struct_whisper_state, nNew int)
}

func registerJob(j *jobEntry) uintptr {
	jobsMu.Lock()
	defer jobsMu.Unlock()
	jobsNext++
	jobs[jobsNext] = j
	return jobsNext
}

func unregisterJob(id uintptr) {
	jobsMu.Lock()
	defer jobsMu.Unlock()
	delete(jobs, id)
}

func lookupJob(id C.uintptr_t) *jobEntry {
	jobsMu.Lock()
	defer jobsMu.Unlock()
	return jobs[uintptr(id)]
}

//export nsProgress
func nsProgress(id C.uintptr_t, p C.int) {
	if j := lookupJob(id); j != nil {
		j.progress(int(p))
	}
}

// nsNewSegment is whisper.cpp's new-segment callback: the last nNew
// segments of st were just decoded.
//
//export nsNewSegment
func nsNewSegment(id C.uintptr_t, st *C.struct_whisper_state, nNew C.int) {
	if j := lookupJob(id); j != nil && j.segment != nil {
		j.segment(st, int(nNew))
	}
}

// nsEncoderBegin is called before each 30-second window is encoded: it
// refuses the window once the job's context is done.
//
//export nsEncoderBegin
func nsEncoderBegin(id C.uintptr_t) C.bool {
	j := lookupJob(id)
	return C.bool(j != nil && j.ctx.Err() == nil)
}

// Transcribe implements transcribe.Engine. Samples are 16 kHz mono float32.
//
// Defaults: Language "ar" ("auto" detects), Threads from Config, greedy
// decoding with BestOf 5 (BeamSize > 1 selects beam search), Temperature 0
// with fallback steps of 0.2, NoSpeechThreshold 0.6, token timestamps on, VAD
// on when the VAD model is present. Progress is reported from 0 to 100.
//
// Cancellation: whisper.cpp's encoder-begin callback checks ctx before each
// 30-second window and refuses it once ctx is done; and a goroutine sets a
// flag in C memory as soon as ctx is done, which the ggml abort callback
// (checked by whisper.cpp after every encoder and decoder pass) reads to stop
// the current window. So Transcribe returns ctx.Err() within about one
// encoder pass. The abort callback reads a C flag rather than calling into Go
// because it runs for every decoder step, where a cgo call would cost more
// than the check.
func (e *Engine) Transcribe(ctx context.Context, samples []float32, opts transcribe.Options, progress transcribe.ProgressFunc) (*transcribe.Transcript, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return nil, ErrClosed
	}
	lang, threads, noSpeech, err := e.settings(opts)
	if err != nil {
		return nil, err
	}
	duration := float64(len(samples)) / transcribe.SampleRate

	var s *slot
	select {
	case s = <-e.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { e.slots <- s }()

	var last int
	report := func(p int) {
		p = min(max(p, 0), 100)
		if progress != nil && p > last {
			last = p
			progress(p)
		}
	}
	if progress != nil {
		progress(0)
	}

	// Cancellation flag in C memory, set from Go when ctx is done.
	entry := &jobEntry{ctx: ctx, progress: report}
	var tmap *timeMap
	if opts.OnSegment != nil {
		entry.segment = e.streamSegments(opts.OnSegment, &tmap)
	}
	id := registerJob(entry)
	defer unregisterJob(id)
	job := C.ns_job_new(C.uintptr_t(id))
	if job == nil {
		return nil, errors.New("whisper: out of memory")
	}
	defer C.free(unsafe.Pointer(job))
	defer watchCancel(ctx, job)()

	input := samples
	if e.vad && !opts.DisableVAD && len(samples) > 0 {
		spans, err := e.speech(s, samples)
		if err != nil {
			return nil, err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		input, tmap = speechOnly(samples, spans)
	}
	if len(input) == 0 {
		report(100)
		return assemble(nil, lang, duration, noSpeech), nil
	}

	params, free := fullParams(opts, lang, threads, noSpeech)
	defer free()
	C.ns_set_callbacks(&params, job, C.bool(opts.OnSegment != nil))
	rc := C.whisper_full_with_state(e.wctx, s.state, params, (*C.float)(unsafe.Pointer(&input[0])), C.int(len(input)))
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if rc != 0 {
		return nil, fmt.Errorf("whisper: whisper_full failed with code %d", int(rc))
	}

	raws := e.segments(s.state)
	tmap.mapSegments(raws)
	if lang == "auto" {
		if id := int(C.whisper_full_lang_id_from_state(s.state)); id >= 0 {
			lang = bindings.Whisper_lang_str(id)
		}
	}
	t := assemble(raws, lang, duration, noSpeech)
	report(100)
	return t, nil
}

// settings are opts with the engine's defaults filled in: the language ("ar"
// when empty; an unknown one is an *transcribe.OptionError), the thread
// count and the no-speech threshold.
func (e *Engine) settings(opts transcribe.Options) (lang string, threads int, noSpeech float64, err error) {
	lang = opts.Language
	if lang == "" {
		lang = "ar"
	}
	if lang != "auto" && !e.languages[lang] {
		return "", 0, 0, &transcribe.OptionError{Option: "language", Err: fmt.Errorf("whisper: unknown language %q: want an ISO 639-1 code Whisper knows, or auto", lang)}
	}
	threads = opts.Threads
	if threads <= 0 {
		threads = e.cfg.Threads
	}
	noSpeech = float64(opts.NoSpeechThreshold)
	if noSpeech <= 0 {
		noSpeech = transcribe.DefaultNoSpeechThreshold
	}
	return lang, threads, noSpeech, nil
}

// streamSegments is the new-segment callback that hands each segment to
// onSegment as whisper_full finishes it. It is called on the transcribing
// goroutine's thread by whisper_full: the segments read there are final,
// only the VAD time mapping (*tmap, set before whisper_full runs) is applied.
func (e *Engine) streamSegments(onSegment func(transcribe.Segment), tmap **timeMap) func(st *C.struct_whisper_state, nNew int) {
	next := 0
	return func(st *C.struct_whisper_state, nNew int) {
		n := int(C.whisper_full_n_segments_from_state(st))
		for i := max(n-nNew, next); i < n; i++ {
			raw := []rawSegment{e.segment(st, i)}
			(*tmap).mapSegments(raw)
			sg := assembleSegment(raw[0])
			sg.ID = i
			onSegment(sg)
		}
		next = n
	}
}

// watchCancel sets job's C cancellation flag once ctx is done, until the
// returned stop is called (which waits for the watcher to end).
func watchCancel(ctx context.Context, job *C.ns_job) (stop func()) {
	done := make(chan struct{})
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case <-ctx.Done():
			C.ns_job_cancel(job)
		case <-done:
		}
	}()
	return func() { close(done); <-watched }
}

// fullParams are whisper_full's parameters for opts, with the language,
// thread count and no-speech threshold settings resolved. free releases the
// C strings they point to; call it after whisper_full returns. The
// callbacks are set by the caller (ns_set_callbacks).
func fullParams(opts transcribe.Options, lang string, threads int, noSpeech float64) (params C.struct_whisper_full_params, free func()) {
	params = C.whisper_full_default_params(C.WHISPER_SAMPLING_GREEDY)
	if opts.BeamSize > 1 {
		params = C.whisper_full_default_params(C.WHISPER_SAMPLING_BEAM_SEARCH)
		params.beam_search.beam_size = C.int(opts.BeamSize)
	}
	if opts.BestOf > 0 {
		params.greedy.best_of = C.int(opts.BestOf)
	}
	params.n_threads = C.int(threads)
	params.print_progress = false
	params.print_realtime = false
	params.print_timestamps = false
	params.print_special = false
	params.token_timestamps = true
	params.temperature = C.float(opts.Temperature)
	switch {
	case opts.TemperatureInc < 0:
		params.temperature_inc = 0
	case opts.TemperatureInc > 0:
		params.temperature_inc = C.float(opts.TemperatureInc)
	default:
		params.temperature_inc = 0.2
	}
	params.no_speech_thold = C.float(noSpeech)
	if opts.MaxSegmentLength > 0 {
		params.max_len = C.int(opts.MaxSegmentLength)
		params.split_on_word = true
	}
	clang := C.CString(lang)
	params.language = clang
	params.detect_language = false
	var cprompt *C.char
	if opts.Prompt != "" {
		cprompt = C.CString(opts.Prompt)
		params.initial_prompt = cprompt
		params.carry_initial_prompt = C.bool(opts.CarryPrompt)
	}
	params.translate = C.bool(opts.Translate)
	if opts.AudioContext > 0 {
		params.audio_ctx = C.int(min(opts.AudioContext, 1500))
	}
	params.vad = false // done by the engine itself, see the package comment
	return params, func() {
		C.free(unsafe.Pointer(clang))
		if cprompt != nil {
			C.free(unsafe.Pointer(cprompt))
		}
	}
}

// speech runs the Silero VAD on samples and returns the speech spans, with
// whisper.cpp's default VAD parameters (those whisper-cli uses).
func (e *Engine) speech(s *slot, samples []float32) ([]Span, error) {
	if s.vad == nil {
		path := C.CString(e.cfg.VADModelPath)
		defer C.free(unsafe.Pointer(path))
		vp := C.whisper_vad_default_context_params()
		// One thread: the Silero graph is tiny and computed once per 32 ms
		// chunk, so thread start-up and barriers cost more than they save.
		// On 20 s of audio on a busy 2-core machine: 1 thread 0.33 s,
		// 2 threads 45 s, 4 threads (whisper.cpp's default) 3.9 s.
		vp.n_threads = 1
		vp.use_gpu = false
		s.vad = C.whisper_vad_init_from_file_with_params(path, vp)
		if s.vad == nil {
			return nil, fmt.Errorf("whisper: load VAD model %s: whisper.cpp could not read it", e.cfg.VADModelPath)
		}
	}
	segs := C.whisper_vad_segments_from_samples(s.vad, C.whisper_vad_default_params(), (*C.float)(unsafe.Pointer(&samples[0])), C.int(len(samples)))
	if segs == nil {
		return nil, errors.New("whisper: voice activity detection failed")
	}
	defer C.whisper_vad_free_segments(segs)
	n := int(C.whisper_vad_segments_n_segments(segs))
	spans := make([]Span, 0, n)
	for i := range n {
		// whisper.cpp reports VAD times in centiseconds.
		spans = append(spans, Span{
			Start: float64(C.whisper_vad_segments_get_segment_t0(segs, C.int(i))) / 100,
			End:   float64(C.whisper_vad_segments_get_segment_t1(segs, C.int(i))) / 100,
		})
	}
	return spans, nil
}

// segments reads the result of whisper_full from st. Times are converted
// from whisper.cpp's centiseconds to seconds.
func (e *Engine) segments(st *C.struct_whisper_state) []rawSegment {
	n := int(C.whisper_full_n_segments_from_state(st))
	raws := make([]rawSegment, 0, n)
	for i := range n {
		raws = append(raws, e.segment(st, i))
	}
	return raws
}

// segment reads segment i of the result in st.
func (e *Engine) segment(st *C.struct_whisper_state, i int) rawSegment {
	ci := C.int(i)
	raw := rawSegment{
		Start:        cs(C.whisper_full_get_segment_t0_from_state(st, ci)),
		End:          cs(C.whisper_full_get_segment_t1_from_state(st, ci)),
		Text:         C.GoString(C.whisper_full_get_segment_text_from_state(st, ci)),
		NoSpeechProb: float64(C.whisper_full_get_segment_no_speech_prob_from_state(st, ci)),
	}
	nt := int(C.whisper_full_n_tokens_from_state(st, ci))
	raw.Tokens = make([]token, 0, nt)
	for j := range nt {
		cj := C.int(j)
		data := C.whisper_full_get_token_data_from_state(st, ci, cj)
		tok := token{
			Text:    C.GoString(C.whisper_full_get_token_text_from_state(e.wctx, st, ci, cj)),
			P:       float64(data.p),
			Special: data.id >= e.eot,
			Start:   raw.Start,
			End:     raw.End,
		}
		if data.t0 >= 0 && data.t1 >= data.t0 {
			tok.Start, tok.End = cs(data.t0), cs(data.t1)
		}
		if math.IsNaN(tok.P) {
			tok.P = 0
		}
		raw.Tokens = append(raw.Tokens, tok)
	}
	return raw
}

func cs(t C.int64_t) float64 { return float64(t) / 100 }

// Speech returns the stretches of speech the VAD model finds in samples, in
// seconds. It uses one of the pool's states like a transcription does. It
// returns an error if the engine has no VAD model.
func (e *Engine) Speech(ctx context.Context, samples []float32) ([]Span, error) {
	if !e.vad {
		return nil, errors.New("whisper: no VAD model")
	}
	if len(samples) == 0 {
		return nil, nil
	}
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.closed {
		return nil, ErrClosed
	}
	var s *slot
	select {
	case s = <-e.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { e.slots <- s }()
	return e.speech(s, samples)
}
