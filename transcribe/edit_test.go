package transcribe_test

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
)

// three is one segment of three words at 1–2, 2–3 and 3.5–4.5 s.
func three() *transcribe.Transcript {
	return &transcribe.Transcript{Language: "ar", Duration: 5, Text: "قال الرئيس اليوم", Segments: []transcribe.Segment{{
		Start: 1, End: 4.5, Text: "قال الرئيس اليوم", Words: []transcribe.Word{
			{Word: "قال", Start: 1, End: 2, Probability: 0.5},
			{Word: "الرئيس", Start: 2, End: 3, Probability: 0.6},
			{Word: "اليوم", Start: 3.5, End: 4.5, Probability: 0.7},
		}}}}
}

func wordsOf(t *transcribe.Transcript) string {
	var b []string
	for _, s := range t.Segments {
		for _, w := range s.Words {
			b = append(b, fmt.Sprintf("%s@%.2f-%.2f", w.Word, w.Start, w.End))
		}
	}
	return strings.Join(b, " ")
}

func TestEdit(t *testing.T) {
	tests := []struct {
		name  string
		edits []transcribe.WordEdit
		want  string
		text  string
	}{
		{"same count keeps times", []transcribe.WordEdit{{Segment: 0, From: 1, To: 2, Text: "الوزير"}},
			"قال@1.00-2.00 الوزير@2.00-3.00 اليوم@3.50-4.50", "قال الوزير اليوم"},
		{"two for one shares the word's time by length", []transcribe.WordEdit{{Segment: 0, From: 1, To: 2, Text: "ال رئيس"}},
			"قال@1.00-2.00 ال@2.00-2.33 رئيس@2.33-3.00 اليوم@3.50-4.50", "قال ال رئيس اليوم"},
		{"one for two spans both", []transcribe.WordEdit{{Segment: 0, From: 0, To: 2, Text: "قالالرئيس"}},
			"قالالرئيس@1.00-3.00 اليوم@3.50-4.50", "قالالرئيس اليوم"},
		{"insertion takes the pause", []transcribe.WordEdit{{Segment: 0, From: 2, To: 2, Text: "إن"}},
			"قال@1.00-2.00 الرئيس@2.00-3.00 إن@3.00-3.50 اليوم@3.50-4.50", "قال الرئيس إن اليوم"},
		{"insertion without a pause re-times its neighbours", []transcribe.WordEdit{{Segment: 0, From: 1, To: 1, Text: "إن"}},
			"قال@1.00-1.55 إن@1.55-1.91 الرئيس@1.91-3.00 اليوم@3.50-4.50", "قال إن الرئيس اليوم"},
		{"deletion", []transcribe.WordEdit{{Segment: 0, From: 0, To: 1}},
			"الرئيس@2.00-3.00 اليوم@3.50-4.50", "الرئيس اليوم"},
		{"two edits address the original", []transcribe.WordEdit{{Segment: 0, From: 0, To: 1, Text: "وقال"}, {Segment: 0, From: 2, To: 3, Text: "أمس"}},
			"وقال@1.00-2.00 الرئيس@2.00-3.00 أمس@3.50-4.50", "وقال الرئيس أمس"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			orig := three()
			got, err := transcribe.Edit(orig, tc.edits)
			if err != nil {
				t.Fatal(err)
			}
			if w := wordsOf(got); w != tc.want {
				t.Errorf("words: got %s, want %s", w, tc.want)
			}
			if got.Text != tc.text || got.Segments[0].Text != tc.text {
				t.Errorf("text: got %q / %q, want %q", got.Text, got.Segments[0].Text, tc.text)
			}
			if w := wordsOf(orig); w != wordsOf(three()) {
				t.Errorf("the original changed: %s", w)
			}
		})
	}
}

func TestEditKeepsProbabilityOfUntouchedWords(t *testing.T) {
	got, err := transcribe.Edit(three(), []transcribe.WordEdit{{Segment: 0, From: 1, To: 1, Text: "إن"}})
	if err != nil {
		t.Fatal(err)
	}
	var ps []float64
	for _, w := range got.Segments[0].Words {
		ps = append(ps, w.Probability)
	}
	if want := []float64{0.5, 1, 0.6, 0.7}; fmt.Sprint(ps) != fmt.Sprint(want) {
		t.Errorf("probabilities: got %v, want %v", ps, want)
	}
}

func TestEditErrors(t *testing.T) {
	tests := []struct {
		name  string
		edits []transcribe.WordEdit
		want  string
	}{
		{"no such segment", []transcribe.WordEdit{{Segment: 3}}, "segment 3 does not exist"},
		{"words out of range", []transcribe.WordEdit{{Segment: 0, From: 2, To: 4}}, "outside segment 0"},
		{"overlap", []transcribe.WordEdit{{Segment: 0, From: 0, To: 2, Text: "a"}, {Segment: 0, From: 1, To: 3, Text: "b"}}, "overlaps"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := transcribe.Edit(three(), tc.edits)
			var ee *transcribe.EditError
			if !errors.As(err, &ee) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an *EditError containing %q", err, tc.want)
			}
		})
	}
}

func TestEditDropsEmptySegment(t *testing.T) {
	got, err := transcribe.Edit(three(), []transcribe.WordEdit{{Segment: 0, From: 0, To: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Segments) != 0 || got.Text != "" {
		t.Errorf("got %d segments %q, want none", len(got.Segments), got.Text)
	}
}

func TestSetSpeakersSplitsAtTheSpan(t *testing.T) {
	got := transcribe.SetSpeakers(three(), []transcribe.SpeakerSpan{{Start: 1.9, End: 5, Speaker: "الوزير"}})
	if len(got.Segments) != 2 {
		t.Fatalf("got %d segments, want 2: %+v", len(got.Segments), got.Segments)
	}
	a, b := got.Segments[0], got.Segments[1]
	if a.Speaker != "" || a.Text != "قال" || a.Start != 1 || a.End != 2 || a.ID != 0 {
		t.Errorf("first: got %q %q %v–%v id %d", a.Speaker, a.Text, a.Start, a.End, a.ID)
	}
	if b.Speaker != "الوزير" || b.Text != "الرئيس اليوم" || b.Start != 2 || math.Abs(b.End-4.5) > 1e-9 || b.ID != 1 {
		t.Errorf("second: got %q %q %v–%v id %d", b.Speaker, b.Text, b.Start, b.End, b.ID)
	}
	renamed := transcribe.RenameSpeaker(got, "الوزير", "وزير النقل")
	if renamed.Segments[1].Speaker != "وزير النقل" || got.Segments[1].Speaker != "الوزير" {
		t.Errorf("rename: got %q (original %q)", renamed.Segments[1].Speaker, got.Segments[1].Speaker)
	}
}
