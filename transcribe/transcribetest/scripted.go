// Package transcribetest provides a scripted transcribe.Engine for tests of
// the stages around speech recognition (writers, aligner, API, CLI). It is
// never used as a default engine.
package transcribetest

import (
	"context"
	"sync"
	"time"

	"github.com/newsscribe/newsscribe/transcribe"
)

// Scripted is an Engine that returns a prepared transcript. It reports
// progress in Steps equal steps, sleeping StepDelay between them, and returns
// ctx.Err() as soon as ctx is done. With Options.OnSegment set, the
// transcript's segments are delivered spread over the steps (segment k of n,
// counted from 0, just before progress report ⌊k·Steps/n⌋+1), as a decoder
// finishes them one by one.
type Scripted struct {
	// Result builds the transcript for a call; it receives the samples so that
	// Duration can follow the input. If nil, an empty transcript is returned.
	Result func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error)
	// Steps is the number of progress reports. Defaults to 4.
	Steps int
	// StepDelay is the pause before each progress report. Defaults to 0.
	StepDelay time.Duration
	// Detected and DetectedProbability are what the engine reports when
	// asked to detect the language (Options.Language "auto"), as whisper.cpp's
	// language identification does: they replace the transcript's Language
	// and LanguageProbability. Default to "ar" and 1.
	Detected            string
	DetectedProbability float64

	mu    sync.Mutex
	calls int
	opts  []transcribe.Options
}

var _ transcribe.Engine = (*Scripted)(nil)

// Transcribe implements transcribe.Engine.
func (s *Scripted) Transcribe(ctx context.Context, samples []float32, opts transcribe.Options, progress transcribe.ProgressFunc) (*transcribe.Transcript, error) {
	s.mu.Lock()
	s.calls++
	o := opts
	o.OnSegment = nil
	s.opts = append(s.opts, o)
	s.mu.Unlock()
	steps := s.Steps
	if steps <= 0 {
		steps = 4
	}
	var (
		early *transcribe.Transcript
		sent  int
	)
	if opts.OnSegment != nil {
		t, err := s.result(samples, opts)
		if err != nil {
			return nil, err
		}
		early = t
	}
	for i := 1; i <= steps; i++ {
		if s.StepDelay > 0 {
			t := time.NewTimer(s.StepDelay)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil, ctx.Err()
			case <-t.C:
			}
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if early != nil {
			for n := len(early.Segments); sent < n && sent*steps < i*n; sent++ {
				opts.OnSegment(early.Segments[sent])
			}
		}
		if progress != nil {
			progress(100 * i / steps)
		}
	}
	if early != nil {
		return early, nil
	}
	return s.result(samples, opts)
}

// detect sets t's language as detection would when opts asks for it.
func (s *Scripted) detect(t *transcribe.Transcript, opts transcribe.Options) {
	if opts.Language != "auto" {
		return
	}
	t.Language, t.LanguageProbability = "ar", 1
	if s.Detected != "" {
		t.Language, t.LanguageProbability = s.Detected, s.DetectedProbability
	}
}

func (s *Scripted) result(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	if s.Result == nil {
		lang := opts.Language
		if lang == "" {
			lang = "ar"
		}
		t := &transcribe.Transcript{Language: lang, Duration: float64(len(samples)) / transcribe.SampleRate, Segments: []transcribe.Segment{}}
		s.detect(t, opts)
		return t, nil
	}
	t, err := s.Result(samples, opts)
	if err == nil && t != nil {
		s.detect(t, opts)
	}
	return t, err
}

// Calls reports how many times Transcribe has been called.
func (s *Scripted) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls
}

// Options returns the options of every call so far, in call order
// (OnSegment cleared).
func (s *Scripted) Options() []transcribe.Options {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]transcribe.Options(nil), s.opts...)
}
