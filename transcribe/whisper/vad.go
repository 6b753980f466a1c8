package whisper

import (
	"math"
	"sort"

	"github.com/newsscribe/newsscribe/transcribe"
)

// Span is a stretch of the original audio, in seconds from its beginning.
type Span struct {
	Start, End float64
}

// Speech-only layout, as whisper.cpp's own VAD lays it out (whisper.cpp
// src/whisper.cpp, whisper_vad): every speech span but the last runs on for
// VADOverlap seconds, and VADGap seconds of silence separate the spans.
const (
	VADOverlap = 0.1
	VADGap     = 0.1
)

// timeMap maps times in speech-only audio (see speechOnly) back to the
// original recording.
type timeMap struct {
	chunks []chunk // in processed-time order
}

type chunk struct {
	proc, orig, length float64 // seconds
}

// speechOnly returns the samples of the speech spans, laid out as whisper.cpp
// lays them out, and the map from times in the result back to times in
// samples. Spans are clipped to the samples and sorted; empty spans are
// skipped. With no spans it returns no samples and a map that is the
// identity.
func speechOnly(samples []float32, spans []Span) ([]float32, *timeMap) {
	spans = append([]Span(nil), spans...)
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	gap := int(VADGap * transcribe.SampleRate)
	overlap := int(VADOverlap * transcribe.SampleRate)
	var out []float32
	tm := &timeMap{}
	for i, sp := range spans {
		from := clampInt(int(math.Round(sp.Start*transcribe.SampleRate)), 0, len(samples))
		to := int(math.Round(sp.End * transcribe.SampleRate))
		if i < len(spans)-1 {
			to += overlap
		}
		to = clampInt(to, from, len(samples))
		if to == from {
			continue
		}
		if len(out) > 0 {
			out = append(out, make([]float32, gap)...)
		}
		tm.chunks = append(tm.chunks, chunk{
			proc:   float64(len(out)) / transcribe.SampleRate,
			orig:   float64(from) / transcribe.SampleRate,
			length: float64(to-from) / transcribe.SampleRate,
		})
		out = append(out, samples[from:to]...)
	}
	return out, tm
}

func clampInt(v, lo, hi int) int {
	return min(max(v, lo), hi)
}

// original maps t, seconds in the speech-only audio, to seconds in the
// original. A time inside a speech chunk moves by the chunk's offset; a time
// in the silence between two chunks maps to the end of the chunk before it.
// A nil or empty map is the identity.
func (m *timeMap) original(t float64) float64 {
	if m == nil || len(m.chunks) == 0 {
		return t
	}
	i := sort.Search(len(m.chunks), func(i int) bool { return m.chunks[i].proc > t }) - 1
	if i < 0 {
		return m.chunks[0].orig
	}
	c := m.chunks[i]
	return c.orig + math.Min(t-c.proc, c.length)
}

// mapSegments rewrites the times of raws (segments and their tokens) from the
// speech-only audio to the original recording.
func (m *timeMap) mapSegments(raws []rawSegment) {
	for i := range raws {
		r := &raws[i]
		r.Start, r.End = m.original(r.Start), m.original(r.End)
		for j := range r.Tokens {
			tok := &r.Tokens[j]
			tok.Start, tok.End = m.original(tok.Start), m.original(tok.End)
		}
	}
}
