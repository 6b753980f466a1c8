package transcribetest

import (
	"fmt"
	"math"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// Coded audio: word k of a recording is a burst of constant amplitude
// CodedLevel(k) between silences, so an engine can tell from the samples
// alone which word it hears and where, whatever range of the recording it is
// given. The Coded engine's word for burst k is CodedWord(k), timed from the
// burst's first to its last sample: recognising every chunk of a chunked
// recording and stitching the parts must give each word exactly once, at its
// true time. A burst cut by a chunk edge is heard as the same word twice.

// codedStep is the amplitude step between two words' levels, in 16-bit
// quanta, so that rounding to PCM16 never confuses two words.
const codedStep = 8

// codedBase is the level of word 0, in 16-bit quanta: −26 dBFS, well
// above any silence threshold, so that a burst's edges are heard as speech.
const codedBase = 1600

// MaxCodedWords is how many words coded audio can tell apart.
const MaxCodedWords = (32767 - codedBase) / codedStep

// CodedLevel is the amplitude of word k (0 ≤ k < MaxCodedWords).
func CodedLevel(k int) float32 { return float32(codedBase+k*codedStep) / 32768 }

// CodedWord is the text the Coded engine gives word k.
func CodedWord(k int) string { return fmt.Sprintf("w%d", k) }

// CodedAudio returns samples of length seconds with word k sounding over
// words[k] (seconds), silence elsewhere.
func CodedAudio(length float64, words []whisper.Span) []float32 {
	out := make([]float32, int(math.Round(length*transcribe.SampleRate)))
	for k, w := range words {
		from := int(math.Round(w.Start * transcribe.SampleRate))
		to := min(int(math.Round(w.End*transcribe.SampleRate)), len(out))
		for i := from; i < to; i++ {
			out[i] = CodedLevel(k)
		}
	}
	return out
}

// Coded is a Scripted.Result that hears coded audio (see CodedAudio): one
// word per burst, segments of up to codedSegmentWords words, times in
// seconds from the start of the samples it is given.
func Coded(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
	t := &transcribe.Transcript{Language: "ar", Duration: float64(len(samples)) / transcribe.SampleRate, Segments: []transcribe.Segment{}}
	sec := func(i int) float64 { return float64(i) / transcribe.SampleRate }
	var seg *transcribe.Segment
	for i := 0; i < len(samples); {
		if samples[i] == 0 {
			i++
			continue
		}
		j := i
		for j < len(samples) && samples[j] == samples[i] {
			j++
		}
		k := int(math.Round((float64(samples[i])*32768 - codedBase) / codedStep))
		if seg == nil || len(seg.Words) == codedSegmentWords {
			t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: sec(i), AvgLogprob: -0.1})
			seg = &t.Segments[len(t.Segments)-1]
		}
		w := transcribe.Word{Word: CodedWord(k), Start: sec(i), End: sec(j), Probability: 0.99}
		seg.Words = append(seg.Words, w)
		seg.End = w.End
		if seg.Text != "" {
			seg.Text += " "
		}
		seg.Text += w.Word
		i = j
	}
	for _, s := range t.Segments {
		if t.Text != "" {
			t.Text += " "
		}
		t.Text += s.Text
	}
	return t, nil
}

const codedSegmentWords = 5
