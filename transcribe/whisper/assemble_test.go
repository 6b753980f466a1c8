package whisper

import (
	"math"
	"reflect"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
)

// splitRune returns the UTF-8 bytes of s cut after n bytes, as two token texts.
func splitBytes(s string, n int) (string, string) { return s[:n], s[n:] }

func TestAssembleWords(t *testing.T) {
	ya1, ya2 := splitBytes("يس", 1) // first byte of ي | rest of ي + س
	tests := []struct {
		name   string
		tokens []token
		want   []transcribe.Word
	}{
		{
			name: "arabic sub-word tokens join into words",
			tokens: []token{
				{Text: "[_BEG_]", Special: true},
				{Text: " قال", Start: 0.0, End: 0.4, P: 0.9},
				{Text: " ال", Start: 0.4, End: 0.6, P: 0.8},
				{Text: "رئ", Start: 0.6, End: 0.8, P: 0.5},
				{Text: ya1, Start: 0.8, End: 0.8, P: 0.4},
				{Text: ya2, Start: 0.8, End: 1.1, P: 1},
				{Text: "[_TT_55]"},
			},
			want: []transcribe.Word{
				{Word: "قال", Start: 0, End: 0.4, Probability: 0.9},
				{Word: "الرئيس", Start: 0.4, End: 1.1, Probability: math.Pow(0.8*0.5*0.4*1, 0.25)},
			},
		},
		{
			name: "punctuation attaches to the previous word",
			tokens: []token{
				{Text: " شكرا", Start: 1, End: 1.5, P: 1},
				{Text: " .", Start: 1.5, End: 1.6, P: 1},
				{Text: "،", Start: 1.6, End: 1.7, P: 1},
			},
			want: []transcribe.Word{{Word: "شكرا.،", Start: 1, End: 1.7, Probability: 1}},
		},
		{
			name: "leading punctuation goes to the next word",
			tokens: []token{
				{Text: " «", Start: 2, End: 2.1, P: 1},
				{Text: " نعم", Start: 2.1, End: 2.5, P: 1},
			},
			want: []transcribe.Word{{Word: "«نعم", Start: 2.1, End: 2.5, Probability: 1}},
		},
		{
			name: "bytes that never complete a rune are dropped",
			tokens: []token{
				{Text: " نعم" + ya1, Start: 0, End: 1, P: 1},
				{Text: " لا", Start: 1, End: 2, P: 1},
			},
			want: []transcribe.Word{
				{Word: "نعم", Start: 0, End: 1, Probability: 1},
				{Word: "لا", Start: 1, End: 2, Probability: 1},
			},
		},
		{
			name:   "only special tokens",
			tokens: []token{{Text: "[_SOT_]"}, {Text: "[_EOT_]"}},
			want:   []transcribe.Word{},
		},
		{
			name:   "first token without a space starts a word",
			tokens: []token{{Text: "Hello", Start: 0, End: 0.5, P: 0.25}, {Text: " world", Start: 0.5, End: 1, P: 1}},
			want: []transcribe.Word{
				{Word: "Hello", Start: 0, End: 0.5, Probability: 0.25},
				{Word: "world", Start: 0.5, End: 1, Probability: 1},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := assembleWords(tt.tokens)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d words %+v, want %d %+v", len(got), got, len(tt.want), tt.want)
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.Word != w.Word || !near(g.Start, w.Start) || !near(g.End, w.End) || !near(g.Probability, w.Probability) {
					t.Errorf("word %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestAssembleSegment(t *testing.T) {
	raw := rawSegment{
		Start: 1, End: 2, Text: " نعم لا ", NoSpeechProb: 0.1,
		Tokens: []token{
			{Text: "[_TT_50]", Special: true, P: 0.01},
			{Text: " نعم", Start: 0.5, End: 1.5, P: math.Exp(-1)},
			{Text: " لا", Start: 1.5, End: 2.5, P: math.Exp(-3)},
		},
	}
	got := assembleSegment(raw)
	want := transcribe.Segment{
		Start: 1, End: 2, Text: "نعم لا", NoSpeechProb: 0.1, AvgLogprob: -2,
		Words: []transcribe.Word{
			{Word: "نعم", Start: 1, End: 1.5, Probability: math.Exp(-1)},
			{Word: "لا", Start: 1.5, End: 2, Probability: math.Exp(-3)},
		},
	}
	if !near(got.AvgLogprob, want.AvgLogprob) {
		t.Errorf("AvgLogprob: got %v, want %v", got.AvgLogprob, want.AvgLogprob)
	}
	got.AvgLogprob = want.AvgLogprob
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestAssembleDropsHallucinationsAndNumbers(t *testing.T) {
	raws := []rawSegment{
		{Start: 0, End: 2, Text: " بسم الله", NoSpeechProb: 0.05},
		{Start: 2, End: 30, Text: " ترجمة نانسي قنقر", NoSpeechProb: 0.9},
		{Start: 30, End: 32, Text: " والسلام", NoSpeechProb: 0.1},
	}
	tr := assemble(raws, "ar", 32, 0)
	if got, want := tr.Text, "بسم الله والسلام"; got != want {
		t.Errorf("Text: got %q, want %q", got, want)
	}
	for i, s := range tr.Segments {
		if s.ID != i {
			t.Errorf("segment %d: got ID %d", i, s.ID)
		}
		if s.Words == nil {
			t.Errorf("segment %d: Words is nil, want empty", i)
		}
	}
}
