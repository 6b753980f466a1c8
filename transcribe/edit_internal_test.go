package transcribe

import (
	"fmt"
	"math/rand"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

// randomTranscript has segs segments of up to words words, some with a
// pause between words, some without words (their text alone).
func randomTranscript(r *rand.Rand, segs, words int) *Transcript {
	t := &Transcript{Language: "ar"}
	at := 0.0
	for i := 0; i < segs; i++ {
		s := Segment{ID: i, Start: at}
		n := 1 + r.Intn(words)
		var texts []string
		for k := 0; k < n; k++ {
			w := Word{Word: fmt.Sprintf("w%d", r.Intn(50)), Start: at, Probability: r.Float64()}
			at += 0.05 + r.Float64()*0.5
			w.End = at
			if r.Intn(4) == 0 {
				at += r.Float64() // a pause
			}
			s.Words = append(s.Words, w)
			texts = append(texts, w.Word)
		}
		s.End, s.Text = at, strings.Join(texts, " ")
		if r.Intn(5) == 0 {
			s.Words = nil // text only
		}
		if r.Intn(3) == 0 {
			s.Speaker = fmt.Sprintf("s%d", r.Intn(3))
		}
		t.Segments = append(t.Segments, s)
		at += r.Float64()
	}
	t.tidy()
	return t
}

// randomEdits are non-overlapping edits of t, adjacent ones included.
func randomEdits(r *rand.Rand, t *Transcript, n int) []WordEdit {
	var edits []WordEdit
	for tries := 0; len(edits) < n && tries < 100; tries++ {
		si := r.Intn(len(t.Segments))
		nw := wordsIn(&t.Segments[si])
		from := r.Intn(nw + 1)
		to := min(nw, from+r.Intn(3))
		var text []string
		for k := r.Intn(4); k > 0; k-- {
			text = append(text, fmt.Sprintf("e%d", r.Intn(50)))
		}
		e := WordEdit{Segment: si, From: from, To: to, Text: strings.Join(text, " ")}
		clash := false
		for _, o := range edits {
			if o.Segment == si && (o.From == e.From || (o.From < e.To && e.From < o.To) || (e.From == e.To && o.From < e.From && e.From < o.To) || (o.From == o.To && e.From < o.From && o.From < e.To)) {
				clash = true
			}
		}
		if !clash {
			edits = append(edits, e)
		}
	}
	r.Shuffle(len(edits), func(i, j int) { edits[i], edits[j] = edits[j], edits[i] })
	return edits
}

// TestEditMatchesReference: the linear Edit gives what the implementation
// before issue 24 gave — times, probabilities, texts, removed segments —
// also for adjacent edits that re-time a shared neighbour.
func TestEditMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(24))
	for round := 0; round < 500; round++ {
		tr := randomTranscript(r, 1+r.Intn(4), 12)
		edits := randomEdits(r, tr, 1+r.Intn(6))
		before := cloneRef(tr)
		want, werr := EditRef(cloneRef(tr), edits)
		got, gerr := Edit(tr, edits)
		if (werr != nil) != (gerr != nil) {
			t.Fatalf("round %d: error %v, reference %v (edits %+v)", round, gerr, werr, edits)
		}
		if werr != nil {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: edits %+v\ngot  %+v\nwant %+v", round, edits, got, want)
		}
		if !reflect.DeepEqual(tr, before) {
			t.Fatalf("round %d: Edit changed its input", round)
		}
	}
}

// TestSetSpeakersMatchesReference: the one-pass SetSpeakers splits and
// names as the span-by-span implementation did, overlapping spans and spans
// ending on a word's middle included.
func TestSetSpeakersMatchesReference(t *testing.T) {
	r := rand.New(rand.NewSource(20))
	for round := 0; round < 500; round++ {
		tr := randomTranscript(r, 1+r.Intn(5), 10)
		var spans []SpeakerSpan
		for k := r.Intn(5); k >= 0; k-- {
			a := r.Float64() * (tr.Segments[len(tr.Segments)-1].End + 1)
			b := a + r.Float64()*5
			if r.Intn(4) == 0 && len(tr.Segments[0].Words) > 0 { // an edge on a word's middle
				w := tr.Segments[0].Words[r.Intn(len(tr.Segments[0].Words))]
				a = (w.Start + w.End) / 2
			}
			spans = append(spans, SpeakerSpan{Start: a, End: b, Speaker: fmt.Sprintf("n%d", k)})
		}
		before := cloneRef(tr)
		want := SetSpeakersRef(cloneRef(tr), spans)
		got := SetSpeakers(tr, spans)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("round %d: spans %+v\ngot  %+v\nwant %+v", round, spans, got, want)
		}
		if !reflect.DeepEqual(tr, before) {
			t.Fatalf("round %d: SetSpeakers changed its input", round)
		}
	}
}

// allocated is the number of bytes f allocates.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestEditCostIsLinear: MaxEdits edits of one long segment allocate a few
// copies of it, not one per edit (issue 24: 2,000 edits of a 100,000-word
// segment took 10–18 s; the copy per edit is gone).
func TestEditCostIsLinear(t *testing.T) {
	const n = 600
	seg := Segment{End: n}
	for i := 0; i < n; i++ {
		seg.Words = append(seg.Words, Word{Word: "w", Start: float64(i), End: float64(i) + 0.5, Probability: 0.5})
	}
	seg.Text = joinWords(seg.Words)
	tr := &Transcript{Segments: []Segment{seg}}
	tr.tidy()
	var edits []WordEdit
	for i := 0; i < n/2; i++ {
		edits = append(edits, WordEdit{Segment: 0, From: i * 2, To: i*2 + 1, Text: "x y"}) // re-timed: one word for two
	}
	segBytes := uint64(len(seg.Words)) * uint64(reflectSize(Word{}))
	got := allocated(func() {
		if _, err := Edit(tr, edits); err != nil {
			t.Fatal(err)
		}
	})
	if limit := 20 * segBytes; got > limit {
		t.Errorf("%d edits of a %d-word segment allocated %d bytes, want under %d (20 copies of the segment)", len(edits), len(seg.Words), got, limit)
	}
}

// TestSpeakersCostIsLinear: naming every segment of a long transcript (as
// SeedSpeakers does to keep people's names) and many renames allocate a
// few copies of the transcript, not one per span or rename.
func TestSpeakersCostIsLinear(t *testing.T) {
	tr := &Transcript{}
	for i := 0; i < 3000; i++ {
		tr.Segments = append(tr.Segments, Segment{Start: float64(i), End: float64(i) + 1, Text: "w", Speaker: fmt.Sprintf("s%d", i%7),
			Words: []Word{{Word: "w", Start: float64(i), End: float64(i) + 0.5}}})
	}
	tr.tidy()
	var spans []SpeakerSpan
	for i := range tr.Segments {
		spans = append(spans, SpeakerSpan{Start: float64(i), End: float64(i) + 1, Speaker: "n"})
	}
	var renames []Rename
	for i := 0; i < MaxRenames; i++ {
		renames = append(renames, Rename{From: fmt.Sprintf("s%d", i%7), To: fmt.Sprintf("s%d", (i+1)%7)})
	}
	trBytes := uint64(len(tr.Segments)) * uint64(reflectSize(Segment{})+reflectSize(Word{}))
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"spans", func() { SetSpeakers(tr, spans) }},
		{"renames", func() { RenameSpeakers(tr, renames) }},
	} {
		if got, limit := allocated(tc.f), 20*trBytes; got > limit {
			t.Errorf("%s over %d segments allocated %d bytes, want under %d", tc.name, len(tr.Segments), got, limit)
		}
	}
}

func reflectSize(v any) uintptr { return reflect.TypeOf(v).Size() }
