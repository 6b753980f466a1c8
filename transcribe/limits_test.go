package transcribe_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
)

// cue is a SubRip file of one cue from 0 to 3 hours holding text.
func cue(text string) string { return "1\n00:00:00,000 --> 03:00:00,000\n" + text + "\n" }

// TestReadLimits: what an import may hold is bounded (issue 24: a 4 MB
// import of one cue of 2,000,000 words was accepted, and four downloads of
// it took the server to 5.2 GB).
func TestReadLimits(t *testing.T) {
	over := strings.Repeat("a ", transcribe.MaxWords+1)
	tests := []struct {
		name, in string
		limit    bool   // a *LimitError
		want     string // in the error
	}{
		{"words of one cue", cue(over), true, "60001 words"},
		{"words of verbose_json", `{"task":"transcribe","segments":[{"start":0,"end":1,"text":"a"}],"words":[` +
			strings.TrimSuffix(strings.Repeat(`{"word":"a","start":0,"end":1},`, transcribe.MaxWords+1), ",") + `]}`, true, "60001 words"},
		{"a time of 1e308", `{"segments":[{"start":0,"end":1e308,"text":"قال"}]}`, false, "past 100 hours"},
		{"a word time of 1e308", `{"segments":[{"start":0,"end":1,"text":"قال","words":[{"word":"قال","start":1e308,"end":1e308}]}]}`, false, "past 100 hours"},
		{"a NUL in a cue", cue("قال\x00 الرئيس"), false, "NUL"},
		{"a NUL in a JSON word", `{"segments":[{"start":0,"end":1,"text":"قال","words":[{"word":"قا\u0000ل","start":0,"end":1}]}]}`, false, "NUL"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tr, err := transcribe.Read(strings.NewReader(tc.in), "")
			var re *transcribe.ReadError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
				n := 0
				if tr != nil {
					n = transcribe.WordCount(tr)
				}
				t.Fatalf("got %v (%d words read), want a *ReadError containing %q", err, n, tc.want)
			}
			var le *transcribe.LimitError
			if errors.As(err, &le) != tc.limit {
				t.Errorf("got %v: a *LimitError is %v, want %v", err, !tc.limit, tc.limit)
			}
		})
	}
}

// TestReadCutsLongSegments: a segment of more than MaxSegmentWords words
// (a text-only JSON file, a cue of a whole speech) becomes segments of at
// most that many, in order, times kept.
func TestReadCutsLongSegments(t *testing.T) {
	words := make([]string, 2500)
	for i := range words {
		words[i] = fmt.Sprintf("w%d", i)
	}
	tr, err := transcribe.Read(strings.NewReader(cue(strings.Join(words, " "))), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Segments) != 3 {
		t.Fatalf("got %d segments, want 3 (1000 + 1000 + 500 words)", len(tr.Segments))
	}
	for i, s := range tr.Segments {
		if len(s.Words) > transcribe.MaxSegmentWords || s.ID != i || s.Text != strings.Join(wordTexts(s), " ") {
			t.Errorf("segment %d: %d words, id %d", i, len(s.Words), s.ID)
		}
	}
	if got := tr.Segments[1].Words[0].Word; got != "w1000" || tr.Segments[0].Start != 0 || tr.Segments[2].End != 3*3600 {
		t.Errorf("got segment 1 from %q, times %v–%v", got, tr.Segments[0].Start, tr.Segments[2].End)
	}
	if tr.Text != strings.Join(words, " ") {
		t.Error("the text changed")
	}
}

func wordTexts(s transcribe.Segment) []string {
	var out []string
	for _, w := range s.Words {
		out = append(out, w.Word)
	}
	return out
}

// TestReadDropsControlCharacters: an escape sequence or a bell in a cue,
// a word or a speaker name is dropped (issue 24).
func TestReadDropsControlCharacters(t *testing.T) {
	tr, err := transcribe.Read(strings.NewReader("WEBVTT\n\n00:01.000 --> 00:02.000\n<v و\x1bزير>قال\x07 الرئيس\x1b[2J\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	s := tr.Segments[0]
	if s.Text != "قال الرئيس[2J" || s.Speaker != "وزير" || s.Words[0].Word != "قال" {
		t.Errorf("got text %q, speaker %q, first word %q", s.Text, s.Speaker, s.Words[0].Word)
	}
}

// TestReadWordsToSegments: verbose_json's words go to the last segment (in
// the file's order) starting before the word's middle, the first one for a
// word before them all — with segments out of time order too.
func TestReadWordsToSegments(t *testing.T) {
	in := `{"task":"transcribe","segments":[{"start":5,"end":6,"text":"x"},{"start":0,"end":2,"text":"y"},{"start":3,"end":4,"text":"z"}],
		"words":[{"word":"a","start":0.5,"end":1},{"word":"b","start":3,"end":3.2},{"word":"c","start":5.5,"end":5.6},{"word":"d","start":9,"end":9.5}]}`
	tr, err := transcribe.Read(strings.NewReader(in), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range tr.Segments {
		got = append(got, strings.Join(wordTexts(s), "+"))
	}
	if want := []string{"x", "a", "b+c+d"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got segments %q, want %q", got, want)
	}
}

// TestReadContextStops: a cancelled read of a large verbose_json stops
// with the context's error.
func TestReadContextStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := `{"task":"transcribe","segments":[{"start":0,"end":1,"text":"a"}],"words":[` +
		strings.TrimSuffix(strings.Repeat(`{"word":"a","start":0,"end":1},`, 10000), ",") + `]}`
	if _, err := transcribe.ReadContext(ctx, strings.NewReader(in), ""); !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

// BenchmarkReadVerboseJSON shares n words out to n/4 segments: the time
// per word stays flat as n grows (issue 24: it grew with the number of
// segments, 360 KB cost 6–9 s and 4 MiB about 25 minutes).
func BenchmarkReadVerboseJSON(b *testing.B) {
	for _, n := range []int{3000, 12000, 48000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var sb strings.Builder
			sb.WriteString(`{"task":"transcribe","segments":[`)
			for i := 0; i < n/4; i++ {
				if i > 0 {
					sb.WriteByte(',')
				}
				fmt.Fprintf(&sb, `{"start":%d,"end":%d,"text":"a"}`, i, i+1)
			}
			sb.WriteString(`],"words":[`)
			for i := 0; i < n; i++ {
				if i > 0 {
					sb.WriteByte(',')
				}
				fmt.Fprintf(&sb, `{"word":"w","start":%g,"end":%g}`, float64(i)/4, float64(i)/4+0.2)
			}
			sb.WriteString(`]}`)
			in := sb.String()
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := transcribe.Read(strings.NewReader(in), ""); err != nil && n <= transcribe.MaxWords {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/word")
		})
	}
}
