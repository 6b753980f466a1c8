// Package pipeline is newsscribe's one path from a recording to an aligned
// article: resolve the models, decode (with the source's audio.Info),
// recognise (VAD + ASR) with progress, align with the article. The transcribe
// and align commands, the job worker and the API's re-alignment all call it;
// it knows no HTTP, no queue and no flags.
//
// The steps are separate methods so that a caller can run them apart: the
// worker skips Decode and Recognize when it holds the transcript already, the
// align command runs Align alone, and a chunked job can Recognize one range
// of a long recording at a time (RecognizeAt shifts the times by the range's
// offset) and stitch the transcripts before aligning once.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// VADMode says when voice activity detection is used.
type VADMode int

const (
	// VADAuto uses VAD when the VAD model is downloaded, and recognises
	// without it otherwise (Resolved.VADMissing says so). The default.
	VADAuto VADMode = iota
	// VADRequired makes an absent VAD model an error.
	VADRequired
	// VADOff never uses VAD.
	VADOff
)

// LoadFunc loads the speech engine from resolved model files. The io.Closer
// (may be nil) frees it.
type LoadFunc func(ctx context.Context, cfg whisper.Config) (transcribe.Engine, io.Closer, error)

// Config configures a Pipeline. The zero value is usable: the default model
// and VAD model from the default models directory, whisper.cpp, package
// audio's and package align's defaults.
type Config struct {
	// Model is the Whisper model: a registry name (see models.Lookup) or a
	// file path. Defaults to models.DefaultModel.
	Model string
	// TranslationModel is the Whisper model of the translate task (a name
	// or a path); it must be a release that translates (see
	// models.ResolveTranslator). Defaults to Model when Model can
	// translate, else models.DefaultTranslationModel: never a model that
	// cannot. It need not be downloaded for the pipeline to work: only
	// translations need it (ResolveTranslation).
	TranslationModel string
	// VADModel is the Silero VAD model, a name or a path. Defaults to
	// models.VADModel.
	VADModel string
	// VAD says when VAD is used. Defaults to VADAuto.
	VAD VADMode
	// ModelsDir is where named models are found. Defaults to models.DefaultDir().
	ModelsDir string
	// Threads is the engine's CPU threads. Defaults to whisper's (the number
	// of CPUs, at most 8).
	Threads int
	// Contexts is how many recognitions run at once (one whisper state
	// each). Defaults to 1.
	Contexts int
	// Verbose shows whisper.cpp's own log on stderr.
	Verbose bool
	// Audio are the decoder's options (MaxDuration, FFmpegPath).
	Audio audio.Options
	// Align are the aligner's options; the zero value is its defaults. It is
	// the one source of align.Options for the CLI, the worker and re-alignment.
	Align align.Options
	// LoadEngine loads the engine from the resolved model files. Defaults to
	// whisper.New (whisper.cpp). It is the pipeline's only seam: tests pass a
	// loader that returns the scripted engine of package transcribetest.
	LoadEngine LoadFunc
}

// Resolved are the model files a Pipeline loads.
type Resolved struct {
	// Engine is the whisper configuration with ModelPath and VADModelPath
	// (empty when VAD is not used) set.
	Engine whisper.Config
	// Family is the Whisper release the model is, when known (Known).
	Family models.Family
	Known  bool
	// VADMissing is true when VADAuto found no downloaded VAD model, so the
	// recordings are recognised without VAD.
	VADMissing bool
}

// ModelError is a model that cannot be used; Err says why (a
// *models.NotDownloadedError names the command that downloads it).
type ModelError struct {
	// VAD is true for the VAD model, false for the Whisper model.
	VAD bool
	// Translation is true for the translation model (Config.TranslationModel).
	Translation bool
	// Name is the name or path as configured.
	Name string
	Err  error
}

func (e *ModelError) Error() string { return e.Err.Error() }
func (e *ModelError) Unwrap() error { return e.Err }

// Code is the error code of a job that failed on the model:
// errcode.TranslationModelUnavailable for the translation model,
// errcode.ModelUnavailable otherwise.
func (e *ModelError) Code() errcode.Code {
	if e.Translation {
		return errcode.TranslationModelUnavailable
	}
	return errcode.ModelUnavailable
}

// ErrNotLoaded is returned by Recognize before Load has succeeded.
var ErrNotLoaded = errors.New("no speech engine loaded")

// Pipeline runs the stages. It is safe for concurrent use once loaded; the
// engine is shared (it queues or pools internally).
type Pipeline struct {
	cfg Config

	mu       sync.Mutex
	resolved *Resolved
	engine   transcribe.Engine
	closer   io.Closer

	// The translation model (translate.go): its checked path once found,
	// its engine once loaded (the main engine when the models are one).
	// tload serialises loading it.
	tload   sync.Mutex
	tpath   string
	tengine transcribe.Engine
	tcloser io.Closer
}

// New returns a pipeline for cfg. It does no I/O: Resolve checks the model
// files, Load loads the engine.
func New(cfg Config) *Pipeline {
	if cfg.Model == "" {
		cfg.Model = models.DefaultModel
	}
	if cfg.VADModel == "" {
		cfg.VADModel = models.VADModel
	}
	if cfg.ModelsDir == "" {
		cfg.ModelsDir = models.DefaultDir()
	}
	if cfg.Contexts <= 0 {
		cfg.Contexts = 1
	}
	if cfg.LoadEngine == nil {
		cfg.LoadEngine = loadWhisper
	}
	return &Pipeline{cfg: cfg}
}

func loadWhisper(_ context.Context, cfg whisper.Config) (transcribe.Engine, io.Closer, error) {
	e, err := whisper.New(cfg)
	if err != nil {
		return nil, nil, err
	}
	return e, e, nil
}

// Model is the configured Whisper model name or path.
func (p *Pipeline) Model() string { return p.cfg.Model }

// Resolve finds and checks the model files (models.Resolve: a name in the
// models directory, or a path), once; later calls return the first answer.
// The rule is the same for every caller: the Whisper model must be there;
// the VAD model is used unless VAD is VADOff, and its absence is an error
// only with VADRequired. Errors are *ModelError.
func (p *Pipeline) Resolve() (Resolved, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.resolved != nil {
		return *p.resolved, nil
	}
	c := p.cfg
	r := Resolved{Engine: whisper.Config{Threads: c.Threads, Contexts: c.Contexts, Verbose: c.Verbose}}
	path, err := models.Resolve(c.Model, c.ModelsDir)
	if err != nil {
		return Resolved{}, &ModelError{Name: c.Model, Err: err}
	}
	r.Engine.ModelPath = path
	if r.Family, r.Known, err = models.Identify(c.Model, path); err != nil {
		return Resolved{}, &ModelError{Name: c.Model, Err: err}
	}
	if c.VAD != VADOff {
		switch path, err := models.Resolve(c.VADModel, c.ModelsDir); {
		case err == nil:
			r.Engine.VADModelPath = path
		case c.VAD == VADAuto && errors.Is(err, models.ErrNotDownloaded):
			r.VADMissing = true
		default:
			return Resolved{}, &ModelError{VAD: true, Name: c.VADModel, Err: err}
		}
	}
	p.resolved = &r
	return r, nil
}

// Load resolves the models and loads the engine (seconds for a large
// model). Ready reports true once it has succeeded.
func (p *Pipeline) Load(ctx context.Context) error {
	r, err := p.Resolve()
	if err != nil {
		return err
	}
	e, closer, err := p.cfg.LoadEngine(ctx, r.Engine)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.engine, p.closer = e, closer
	p.mu.Unlock()
	return nil
}

// Ready reports whether the engine is loaded.
func (p *Pipeline) Ready() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.engine != nil
}

// Close frees the engine; the pipeline cannot recognise afterwards.
func (p *Pipeline) Close() error {
	p.tload.Lock()
	p.mu.Lock()
	closer, tcloser := p.closer, p.tcloser
	p.engine, p.closer = nil, nil
	p.tengine, p.tcloser = nil, nil
	p.mu.Unlock()
	p.tload.Unlock()
	var err error
	if tcloser != nil {
		err = tcloser.Close()
	}
	if closer != nil {
		err = errors.Join(err, closer.Close())
	}
	return err
}

// Decode reads a recording from r into 16 kHz mono samples with the
// source's audio.Info, with the configured audio.Options. Bad input is
// package audio's typed errors (ErrNoAudio, *UnsupportedError, ErrTooLong,
// ErrEmpty, *DecodeError).
func (p *Pipeline) Decode(ctx context.Context, r io.Reader) (*audio.Clip, error) {
	return audio.Decode(ctx, r, p.cfg.Audio)
}

// DecodeFile is Decode of a local file (ffmpeg reads it directly).
func (p *Pipeline) DecodeFile(ctx context.Context, path string) (*audio.Clip, error) {
	return audio.DecodeFile(ctx, path, p.cfg.Audio)
}

// Probe checks a stored upload without decoding all of it and returns its
// duration in seconds: the container's declared duration (0 when it
// declares none and no MaxDuration is set), or, when it declares none and a
// MaxDuration is set, the decoded length, so that a too-long recording is
// refused now. The first second is always decoded, so garbage after a
// valid header is caught. Errors are Decode's.
func (p *Pipeline) Probe(ctx context.Context, path string) (float64, error) {
	dec, err := audio.OpenFile(ctx, path, p.cfg.Audio)
	if err != nil {
		return 0, err
	}
	defer dec.Close()
	info := dec.Info()
	limit := p.cfg.Audio.MaxDuration
	if limit > 0 && info.Duration > limit.Seconds() {
		return info.Duration, audio.ErrTooLong
	}
	buf := make([]float32, audio.SampleRate)
	var n int64
	for {
		k, err := dec.Read(buf)
		n += int64(k)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, err
		}
		if n >= audio.SampleRate && (info.Duration > 0 || limit == 0) {
			return info.Duration, nil
		}
	}
	if n == 0 {
		return 0, audio.ErrEmpty
	}
	return float64(n) / audio.SampleRate, nil
}

// AudioOptions are the decoder's options (MaxDuration, FFmpegPath).
func (p *Pipeline) AudioOptions() audio.Options { return p.cfg.Audio }

// MaxDuration is the longest recording Decode and Probe accept (0: no limit).
func (p *Pipeline) MaxDuration() time.Duration { return p.cfg.Audio.MaxDuration }

// Recognize runs VAD and ASR on a whole recording's samples (16 kHz mono,
// audio.SampleRate). progress (may be nil) receives 0–100. It returns
// ErrNotLoaded before Load, ctx.Err() when ctx is done.
func (p *Pipeline) Recognize(ctx context.Context, samples []float32, opts transcribe.Options, progress transcribe.ProgressFunc) (*transcribe.Transcript, error) {
	return p.RecognizeAt(ctx, samples, 0, opts, progress)
}

// RecognizeAt recognises a range of a longer recording that starts offset
// seconds into it: every segment and word time, and Duration (the range's
// end), are seconds from the beginning of the whole recording.
//
// With opts.Translate the translation model does the work (loaded on first
// use; a *ModelError if it cannot be used) and its output is checked
// (checkTranslation): text that is not English fails with an
// *UntranslatedError instead of being returned as a translation. An
// English-only model asked for any language but English is an
// *transcribe.OptionError.
func (p *Pipeline) RecognizeAt(ctx context.Context, samples []float32, offset float64, opts transcribe.Options, progress transcribe.ProgressFunc) (*transcribe.Transcript, error) {
	e, err := p.engineFor(ctx, opts)
	if err != nil {
		return nil, err
	}
	if seg := opts.OnSegment; seg != nil && offset != 0 {
		opts.OnSegment = func(s transcribe.Segment) {
			s.Words = append([]transcribe.Word(nil), s.Words...) // the engine's own are shifted later
			one := transcribe.Transcript{Segments: []transcribe.Segment{s}}
			shift(&one, offset)
			seg(one.Segments[0])
		}
	}
	t, err := e.Transcribe(ctx, samples, opts, progress)
	if err != nil {
		return nil, err
	}
	if opts.Translate {
		if err := p.checkTranslation(ctx, t, samples); err != nil {
			return nil, err
		}
	}
	if offset != 0 {
		shift(t, offset)
	}
	return t, nil
}

// shift moves every time of t later by offset seconds.
func shift(t *transcribe.Transcript, offset float64) {
	t.Duration += offset
	for i := range t.Segments {
		s := &t.Segments[i]
		s.Start += offset
		s.End += offset
		for j := range s.Words {
			s.Words[j].Start += offset
			s.Words[j].End += offset
		}
	}
}

// Align puts the transcript's times on the article text with the
// configured align.Options.
func (p *Pipeline) Align(t *transcribe.Transcript, article string) (*align.Result, error) {
	r, err := quotecheck.Align(t, article, p.cfg.Align)
	if err != nil {
		return nil, fmt.Errorf("align: %w", err)
	}
	return r, nil
}
