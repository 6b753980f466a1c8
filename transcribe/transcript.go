// Package transcribe holds newsscribe's transcript format and the small
// interface a speech recogniser implements to produce it.
//
// The JSON shape of Transcript is the project's transcript format: the
// transcribe command writes it, the aligner and the HTTP API read it. It
// follows the OpenAI verbose_json conventions where they exist (segments with
// avg_logprob and no_speech_prob, words with start/end/probability).
//
// Engines live in subpackages (transcribe/whisper is the whisper.cpp one); this
// package is pure Go and builds without libwhisper.
package transcribe

import (
	"context"
	"errors"
)

// Transcript is the result of recognising one recording.
type Transcript struct {
	// Language is the ISO 639-1 code of the spoken language ("ar").
	Language string `json:"language"`
	// Duration is the length of the whole input in seconds.
	Duration float64 `json:"duration"`
	// Text is the full text, the segments' texts joined by spaces.
	Text string `json:"text"`
	// Segments are in time order and do not overlap.
	Segments []Segment `json:"segments"`
	// MachineTranslation marks English text made by Whisper's translate
	// task from speech in another language; every writer labels it so
	// (MachineTranslationLabel). Omitted when false.
	MachineTranslation bool `json:"machine_translation,omitempty"`
}

// Segment is one decoded stretch of speech.
type Segment struct {
	ID int `json:"id"`
	// Start and End are in seconds from the beginning of the original file,
	// also when voice activity detection skipped parts of it.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	Text  string  `json:"text"`
	// AvgLogprob is the mean log probability of the segment's text tokens.
	AvgLogprob float64 `json:"avg_logprob"`
	// NoSpeechProb is the model's probability that the segment holds no speech.
	NoSpeechProb float64 `json:"no_speech_prob"`
	// Speaker names who says the segment; empty when unknown. It is seeded
	// from the article's quote attributions and set by people correcting the
	// transcript; the recogniser never sets it.
	Speaker string `json:"speaker,omitempty"`
	Words   []Word `json:"words"`
}

// Word is one whitespace-delimited word with its time and confidence.
type Word struct {
	Word string `json:"word"`
	// Start and End are in seconds from the beginning of the original file.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// Probability is in [0, 1].
	Probability float64 `json:"probability"`
}

// SampleRate is the rate of the samples an Engine takes, in Hz.
const SampleRate = 16000

// DefaultNoSpeechThreshold is Options.NoSpeechThreshold's default: the
// no_speech probability above which a segment whose text is a known silence
// phrase is dropped. It is Whisper's own default (OpenAI's
// no_speech_threshold and whisper.cpp's no_speech_thold).
const DefaultNoSpeechThreshold = 0.6

// Options control one recognition. The zero value asks for the engine's
// defaults: Arabic, greedy decoding, word timestamps, VAD where available.
type Options struct {
	// Language is an ISO 639-1 code, or "auto" to detect. Defaults to "ar".
	Language string
	// Threads is the number of CPU threads. Defaults to the number of cores (at most 8).
	Threads int
	// BeamSize > 1 selects beam search with that many beams. Defaults to greedy.
	BeamSize int
	// BestOf is the number of candidates when sampling with temperature > 0. Defaults to 5.
	BestOf int
	// Temperature is the initial sampling temperature. Defaults to 0.
	Temperature float32
	// TemperatureInc is the fallback step when a decode fails the entropy or
	// log-probability thresholds; a negative value turns fallback off. Defaults to 0.2.
	TemperatureInc float32
	// Prompt is an initial prompt, as the user gave it (names, rare words).
	// newsscribe never builds one from an article: the recognition is the
	// quotation check's evidence, and a prompt holding the quotations would
	// bias Whisper towards "hearing" them.
	Prompt string
	// CarryPrompt repeats Prompt before every 30-second window (whisper.cpp's
	// carry_initial_prompt) instead of only the first, where the previous
	// window's text follows it. Chunks of a long recording set it: each
	// window then sees the article's names. Defaults to false.
	CarryPrompt bool
	// NoSpeechThreshold is the no_speech probability above which a segment
	// may be dropped as silence. Defaults to DefaultNoSpeechThreshold.
	NoSpeechThreshold float32
	// MaxSegmentLength caps a segment's length in characters; 0 means no cap.
	MaxSegmentLength int
	// DisableVAD turns voice activity detection off even when the VAD model is present.
	DisableVAD bool
	// Translate runs Whisper's translate task: the text is English whatever
	// the spoken language. Defaults to false (transcribe).
	Translate bool
	// AudioContext, when > 0, is how much of each 30-second window the
	// encoder reads, in 20 ms frames (whisper.cpp's audio_ctx; a whole
	// window is 1500): a short window (live recognition) is then encoded in
	// a fraction of the time, at some cost in accuracy. Defaults to 0, the
	// whole window.
	AudioContext int
	// OnSegment, when set, receives each segment as soon as the decoder
	// finishes it, in time order, before Transcribe returns (for streaming).
	// Its times are in seconds from the beginning of the original file. It is
	// called from the engine's goroutine and must not block for long.
	OnSegment SegmentFunc
}

// SegmentFunc receives one newly decoded segment; see Options.OnSegment.
type SegmentFunc func(Segment)

// MaxPromptTokens is the most prompt tokens Whisper reads: half of its
// 448-token text context. whisper.cpp keeps the last 224 tokens of a longer
// prompt and drops the rest, after tokenising all of it.
const MaxPromptTokens = 224

// MaxPromptBytes is the longest prompt, in bytes of UTF-8, that newsscribe
// accepts. Whisper's tokens average 2 to 6 bytes of Arabic or English text,
// so 224 tokens are roughly 450 to 1,350 bytes: 2 KiB holds every prompt
// Whisper can use, while a longer one only costs tokenising time (a 4 MiB
// prompt once took 153 s of worker time for a 12 s clip).
const MaxPromptBytes = 2048

// OptionError reports an Options field an engine cannot honour (an unknown
// language, say). It is the caller's mistake: retrying cannot help.
type OptionError struct {
	// Option is the field's name in lower case ("language").
	Option string
	Err    error
}

func (e *OptionError) Error() string { return e.Err.Error() }
func (e *OptionError) Unwrap() error { return e.Err }

// ProgressFunc receives progress in percent, 0 to 100, non-decreasing.
type ProgressFunc func(percent int)

// Engine recognises speech. Samples are 16 kHz mono float32 in [-1, 1].
//
// Transcribe blocks until the whole clip is recognised or ctx is done; in the
// latter case it returns ctx.Err(). progress may be nil. Implementations must
// be safe for concurrent use (queueing or pooling internally).
type Engine interface {
	Transcribe(ctx context.Context, samples []float32, opts Options, progress ProgressFunc) (*Transcript, error)
}

// ErrNoEngine is returned where the binary was built without a speech engine.
var ErrNoEngine = errors.New("this newsscribe binary was built without the whisper.cpp engine: install libwhisper (>= 1.8.3) and rebuild with `make build`")
