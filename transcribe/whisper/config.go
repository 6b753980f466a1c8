// Package whisper is newsscribe's speech engine: whisper.cpp through cgo.
//
// It is the only package in newsscribe that uses cgo, and it is compiled only
// with the build tag `whisper` (libwhisper ≥ 1.8.3 installed). Without the tag,
// New returns an error wrapping transcribe.ErrNoEngine, so that the rest of
// the project builds and tests without libwhisper.
//
// # Design
//
// The model is loaded once (whisper_init_from_file_with_params_no_state) and
// shared, read-only, by a bounded pool of Config.Contexts whisper_state
// objects, one per concurrent transcription; further requests queue for a
// free state. A state holds the KV caches and compute buffers, so the pool
// costs one state's memory per slot, not one model's.
//
// The package imports github.com/ggerganov/whisper.cpp/bindings/go, the Go
// binding named in the design, for its link flags and its language table
// (Whisper_lang_max_id, Whisper_lang_str), but calls whisper.h itself for
// everything else, because the bindings do not cover what the engine needs:
// their Context owns exactly one whisper_state (a pool through them would load
// the model once per slot), and they wrap neither the *_from_state functions,
// nor whisper_full_get_segment_no_speech_prob, nor the ggml abort callback,
// nor the VAD API; their Params setters for strings also never free the C
// strings they allocate.
//
// Voice activity detection runs through whisper.cpp's Silero VAD API
// (whisper_vad_segments_from_samples) with the same parameters and the same
// speech-only layout as whisper_full's built-in VAD, but here rather than
// inside whisper_full: the built-in path writes into the context's default
// state (ctx->state->vad_segments), which a state-pooled context does not
// have and which concurrent states would race on, and it maps only segment
// times back to the original audio, not token times. speechOnly and timeMap
// (vad.go) map segment and word times back to the original recording.
//
// The pure-Go half of the engine has no build tag and is tested without
// libwhisper: vad.go (the speech-only layout and its time map), assemble.go
// (tokens → words → segments → transcript) and guard.go (hallucination
// guards).
package whisper

import (
	"errors"
	"fmt"
	"os"
	"runtime"
)

// Config configures an Engine. The zero value is not usable: ModelPath is required.
type Config struct {
	// ModelPath is the ggml Whisper model file (see package models). Required.
	ModelPath string
	// VADModelPath is the ggml Silero VAD model file. When it is empty, or
	// names no existing file, transcription runs without voice activity
	// detection; otherwise VAD is on unless a request sets DisableVAD.
	VADModelPath string
	// Contexts is the number of transcriptions that run at once, each with
	// its own whisper_state. Defaults to 1.
	Contexts int
	// Threads is the number of CPU threads of one transcription when its
	// Options do not say. Defaults to the number of CPUs divided by Contexts,
	// at least 1 and at most 8.
	Threads int
	// Verbose lets whisper.cpp and ggml log to stderr. Defaults to false:
	// their log is silenced (a process-wide setting, applied by New).
	Verbose bool
}

// withDefaults returns c with its zero fields set to their defaults.
func (c Config) withDefaults() Config {
	if c.Contexts == 0 {
		c.Contexts = 1
	}
	if c.Threads == 0 {
		c.Threads = min(max(runtime.NumCPU()/c.Contexts, 1), 8)
	}
	return c
}

// Validate reports whether c can be used.
func (c Config) Validate() error {
	var errs []error
	if c.ModelPath == "" {
		errs = append(errs, errors.New("whisper: ModelPath is required"))
	}
	if c.Contexts < 0 {
		errs = append(errs, fmt.Errorf("whisper: Contexts is %d, want ≥ 1 (0 for the default)", c.Contexts))
	}
	if c.Threads < 0 {
		errs = append(errs, fmt.Errorf("whisper: Threads is %d, want ≥ 1 (0 for the default)", c.Threads))
	}
	return errors.Join(errs...)
}

// vadEnabled reports whether the VAD model file is present.
func (c Config) vadEnabled() bool {
	if c.VADModelPath == "" {
		return false
	}
	fi, err := os.Stat(c.VADModelPath)
	return err == nil && fi.Mode().IsRegular()
}
