package whisper

import (
	"math"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
)

func TestSpeechOnlyAndTimeMap(t *testing.T) {
	const sr = transcribe.SampleRate
	samples := make([]float32, 12*sr)
	for i := range samples {
		samples[i] = float32(i) // the value tells where a sample came from
	}
	spans := []Span{{Start: 5.38, End: 7.68}, {Start: 0.32, End: 2.27}, {Start: 8.16, End: 10.62}}
	got, tm := speechOnly(samples, spans)

	// 0.32–2.37 (with overlap), gap, 5.38–7.78, gap, 8.16–10.62
	wantLen := int(math.Round((2.05 + 0.1 + 2.4 + 0.1 + 2.46) * sr))
	if len(got) != wantLen {
		t.Fatalf("got %d samples, want %d", len(got), wantLen)
	}
	tests := []struct {
		name       string
		proc, orig float64
	}{
		{"start of first chunk", 0, 0.32},
		{"inside first chunk", 1, 1.32},
		{"in the gap maps to the end of the chunk before", 2.1, 2.37},
		{"start of second chunk", 2.15, 5.38},
		{"inside third chunk", 4.65 + 1, 9.16},
		{"past the end", 100, 10.62},
		{"before the start", -1, 0.32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if o := tm.original(tt.proc); math.Abs(o-tt.orig) > 1e-6 {
				t.Errorf("Original(%v) = %v, want %v", tt.proc, o, tt.orig)
			}
		})
	}
	// The sample at a processed time is the original sample at the mapped time.
	for _, p := range []float64{0.5, 3, 5} {
		i := int(math.Round(p * sr))
		want := float32(math.Round(tm.original(p) * sr))
		if got[i] != want {
			t.Errorf("sample at processed %vs: got original index %v, want %v", p, got[i], want)
		}
	}
}

func TestTimeMapIdentity(t *testing.T) {
	var tm *timeMap
	if got := tm.original(3.5); got != 3.5 {
		t.Errorf("nil map: got %v, want 3.5", got)
	}
	out, tm := speechOnly(make([]float32, 100), nil)
	if len(out) != 0 || tm.original(1) != 1 {
		t.Errorf("no spans: got %d samples and Original(1)=%v, want 0 and 1", len(out), tm.original(1))
	}
}

func TestMapSegments(t *testing.T) {
	_, tm := speechOnly(make([]float32, 10*transcribe.SampleRate), []Span{{Start: 2, End: 3}, {Start: 6, End: 8}})
	raws := []rawSegment{{Start: 1.2, End: 2.5, Tokens: []token{{Start: 1.3, End: 1.5}}}}
	tm.mapSegments(raws)
	r := raws[0]
	if math.Abs(r.Start-6.0) > 1e-9 || math.Abs(r.End-7.3) > 1e-9 || math.Abs(r.Tokens[0].Start-6.1) > 1e-9 {
		t.Errorf("got segment %v–%v token %v, want 6–7.3 token 6.1", r.Start, r.End, r.Tokens[0].Start)
	}
}
