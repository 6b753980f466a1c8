package transcribetest

import (
	"math"
	"strings"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// Tone-coded audio: word k of a recording is a sine tone of ToneFrequency(k)
// between silences. Unlike coded audio (a constant level per word), it
// survives what a live stream does to sound — lossy codecs (AAC, MP3 in HLS
// segments), resampling, a browser's capture path — so a scripted engine
// can still tell from the samples alone which word it hears and where.

// Tone coding parameters: word k sounds at toneBase + k·toneStep Hz.
const (
	toneBase  = 400.0
	toneStep  = 40.0
	toneLevel = 0.25
)

// MaxToneWords is how many words tone-coded audio can tell apart.
const MaxToneWords = 80

// ToneFrequency is the frequency of word k in Hz.
func ToneFrequency(k int) float64 { return toneBase + float64(k)*toneStep }

// ToneAudio returns samples of length seconds (16 kHz) with word k sounding
// over words[k] (seconds), silence elsewhere.
func ToneAudio(length float64, words []whisper.Span) []float32 {
	out := make([]float32, int(math.Round(length*transcribe.SampleRate)))
	for k, w := range words {
		from := int(math.Round(w.Start * transcribe.SampleRate))
		to := min(int(math.Round(w.End*transcribe.SampleRate)), len(out))
		f := ToneFrequency(k)
		for i := from; i < to; i++ {
			t := float64(i-from) / transcribe.SampleRate
			// 5 ms ramps keep the edges from splattering in a codec.
			ramp := min(1, t/0.005, float64(to-i)/transcribe.SampleRate/0.005)
			out[i] = float32(toneLevel * ramp * math.Sin(2*math.Pi*f*t))
		}
	}
	return out
}

// ToneSpeech lays out n tone-coded words as a speaker says them: from
// lead seconds on, each word 0.35 s long and 0.2 s after the last, with a
// one-second pause after every perPause words; it returns the samples (one
// second of silence after the last word) and the words' spans.
func ToneSpeech(n, perPause int, lead float64) ([]float32, []whisper.Span) {
	var spans []whisper.Span
	t := lead
	for k := range n {
		if k > 0 && perPause > 0 && k%perPause == 0 {
			t += 1
		}
		spans = append(spans, whisper.Span{Start: t, End: t + 0.35})
		t += 0.55
	}
	return ToneAudio(t+1, spans), spans
}

// Tones is a Scripted.Result that hears tone-coded audio: each burst of
// tone is word k of vocabulary (or ToneWord(k) past its end), timed from
// the burst's first to its last 10 ms step louder than −30 dBFS, in
// segments of up to five words; times are seconds from the start of the
// samples it is given. A burst cut by the window's edge is heard when at
// least 60 ms of it is there.
func Tones(vocabulary []string) func([]float32, transcribe.Options) (*transcribe.Transcript, error) {
	return func(samples []float32, opts transcribe.Options) (*transcribe.Transcript, error) {
		const step = transcribe.SampleRate / 100
		t := &transcribe.Transcript{Language: "ar", Duration: float64(len(samples)) / transcribe.SampleRate, Segments: []transcribe.Segment{}}
		loud := func(i int) bool {
			var e float64
			j := min(i+step, len(samples))
			for _, v := range samples[i:j] {
				e += float64(v) * float64(v)
			}
			return j > i && math.Sqrt(e/float64(j-i)) > 0.03
		}
		var seg *transcribe.Segment
		for i := 0; i < len(samples); {
			if !loud(i) {
				i += step
				continue
			}
			j := i
			for j < len(samples) && loud(j) {
				j += step
			}
			j = min(j, len(samples))
			if j-i >= 6*step {
				k := toneWord(samples[i:j])
				if k >= 0 {
					word := ToneWord(k)
					if k < len(vocabulary) {
						word = vocabulary[k]
					}
					if seg == nil || len(seg.Words) == 5 {
						t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: sec(i), AvgLogprob: -0.1})
						seg = &t.Segments[len(t.Segments)-1]
					}
					seg.Words = append(seg.Words, transcribe.Word{Word: word, Start: sec(i), End: sec(j), Probability: 0.95})
					seg.End = sec(j)
					seg.Text = strings.TrimSpace(seg.Text + " " + word)
				}
			}
			i = j
		}
		for _, s := range t.Segments {
			t.Text = strings.TrimSpace(t.Text + " " + s.Text)
		}
		return t, nil
	}
}

// ToneWord is the text Tones gives word k past the end of its vocabulary.
func ToneWord(k int) string { return CodedWord(k) }

func sec(i int) float64 { return float64(i) / transcribe.SampleRate }

// toneWord estimates the burst's frequency from its zero crossings (the
// middle 80 %, away from the ramps) and returns its word, or -1.
func toneWord(b []float32) int {
	lo, hi := len(b)/10, len(b)-len(b)/10
	crossings := 0
	first, last := -1, -1
	for i := lo + 1; i < hi; i++ {
		if (b[i-1] < 0) != (b[i] < 0) {
			crossings++
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if crossings < 4 {
		return -1
	}
	f := float64(crossings-1) / 2 / (float64(last-first) / transcribe.SampleRate)
	k := int(math.Round((f - toneBase) / toneStep))
	if k < 0 || k >= MaxToneWords {
		return -1
	}
	return k
}
