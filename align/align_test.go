package align_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/aligntest"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

// The fixture (testdata/article.txt) and what its speaker says.
const (
	quote1 = aligntest.Quote1
	quote2 = aligntest.Quote2
	aside  = aligntest.Aside
)

func article(t testing.TB) string { return aligntest.Article(t) }

type speaker = aligntest.Speaker

func mustAlign(t *testing.T, tr *transcribe.Transcript, art string) *align.Result {
	t.Helper()
	return aligntest.MustAlign(t, quotecheck.Align, tr, art)
}

// wordsOf returns the result words inside the article text frag.
func wordsOf(t *testing.T, r *align.Result, art, frag string) []align.TimedWord {
	t.Helper()
	i := strings.Index(art, frag)
	if i < 0 {
		t.Fatalf("%q not in the article", frag)
	}
	start := len([]rune(art[:i]))
	end := start + len([]rune(frag))
	var out []align.TimedWord
	for _, w := range r.Words {
		if w.CharStart >= start && w.CharEnd <= end {
			out = append(out, w)
		}
	}
	return out
}

func TestAlignRequirements(t *testing.T) {
	art := article(t)
	narration := "عن إطلاق برنامج وطني جديد للتلقيح يستهدف الأطفال دون سن الخامسة"
	tests := []struct {
		name  string
		s     *speaker
		check func(t *testing.T, r *align.Result)
	}{
		{
			name: "unspoken narration stays missing",
			s:    new(speaker).Say(aside).Say(quote1),
			check: func(t *testing.T, r *align.Result) {
				for _, w := range wordsOf(t, r, art, narration) {
					if w.Status != align.StatusMissing || w.Start != nil {
						t.Errorf("narration word %q: got %s at %v, want missing", w.Text, w.Status, w.Start)
					}
				}
				if got := r.Quotes[0].Status; got != align.StatusSpoken {
					t.Errorf("quote 1: got %s, want spoken", got)
				}
				if got := r.Quotes[1].Status; got != align.StatusNotInAudio {
					t.Errorf("quote 2: got %s, want not_in_audio", got)
				}
			},
		},
		{
			name: "quotes out of order",
			s:    new(speaker).Say(quote2).Say(aside).Say(quote1),
			check: func(t *testing.T, r *align.Result) {
				q1, q2 := r.Quotes[0], r.Quotes[1]
				if q1.Status != align.StatusSpoken || q2.Status != align.StatusSpoken {
					t.Fatalf("got quote statuses %s, %s; want spoken, spoken", q1.Status, q2.Status)
				}
				if !(*q2.End < *q1.Start) {
					t.Errorf("got quote 2 at %.2f–%.2f and quote 1 at %.2f–%.2f, want quote 2 first", *q2.Start, *q2.End, *q1.Start, *q1.End)
				}
			},
		},
		{
			name: "a sentence said twice maps to the better occurrence",
			s: new(speaker).
				Say("نحن نعول علي انخراط الاسر والاطر الصحيه كلام اخر هنا فالوقايه").
				Pause(5).Say(quote2),
			check: func(t *testing.T, r *align.Result) {
				ws := wordsOf(t, r, art, quote2)
				if ws[0].Start == nil || *ws[0].Start < 5 {
					t.Errorf("got the quotation's first word at %v, want the second, cleaner occurrence (after 5 s)", ws[0].Start)
				}
				for _, w := range ws {
					if w.Status != align.StatusMatched {
						t.Errorf("word %q: got %s, want matched", w.Text, w.Status)
					}
				}
			},
		},
		{
			name: "split clitics, hamza, numbers in words and a misrecognised word",
			s: new(speaker).Say("وقالت الوزيرة ان هاذا البرنامج يشمل التاسعة والخمسين مركزا صحيا في المرحله الاولى و سيمتد ليشمل جميع الجهات قبل نهاية سنة ألفين وخمسة وعشرين").
				Say(aside),
			check: func(t *testing.T, r *align.Result) {
				ws := wordsOf(t, r, art, quote1)
				for _, w := range ws {
					// «هاذا» is a near miss of «هذا», «و سيمتد» a split
					// clitic, «ألفين وخمسة وعشرين» is 2025.
					if w.Status != align.StatusMatched {
						t.Errorf("word %q: got %s, want matched", w.Text, w.Status)
					}
				}
				if ws[4].Text != "59" || ws[4].Start == nil || *ws[4].Start < 2.3 || *ws[4].Start > 2.5 {
					t.Errorf("got %q at %v, want 59 at the start of «التاسعة» (2.4 s)", ws[4].Text, ws[4].Start)
				}
			},
		},
		{
			// Whisper misplaces word boundaries: «البر نامج» is «البرنامج»
			// (the time of its first piece), «فيالمرحلة» is «في المرحلة».
			name: "a word written in two pieces, two words written as one",
			s:    new(speaker).Say("إن هذا البر نامج يشمل 59 مركزا صحيا فيالمرحلة الأولى، وسيمتد ليشمل جميع الجهات قبل نهاية سنة 2025"),
			check: func(t *testing.T, r *align.Result) {
				ws := wordsOf(t, r, art, quote1)
				for _, w := range ws {
					if w.Status != align.StatusMatched {
						t.Errorf("word %q: got %s, want matched", w.Text, w.Status)
					}
				}
				if ws[2].Start == nil || *ws[2].Start > 0.85 {
					t.Errorf("got «البرنامج» at %v, want the start of «البر» (0.8 s)", ws[2].Start)
				}
				// «فيالمرحلة» is said from 3.2 to 3.55 s: the two words share it.
				if ws[7].Start == nil || ws[8].Start == nil || *ws[7].Start != 3.2 || *ws[8].Start <= 3.2 || *ws[8].Start >= 3.55 {
					t.Errorf("got «في» at %v and «المرحلة» at %v, want them within «فيالمرحلة» (3.2–3.55 s)", ws[7].Start, ws[8].Start)
				}
			},
		},
		{
			name: "interpolation only between matched neighbours",
			s:    new(speaker).Say("نحن نعول على برتقال الأسر والأطر الصحية فالوقاية خير من العلاج"),
			check: func(t *testing.T, r *align.Result) {
				ws := wordsOf(t, r, art, quote2)
				if ws[3].Text != "انخراط" || ws[3].Status != align.StatusInterpolated {
					t.Errorf("got %q %s, want «انخراط» interpolated", ws[3].Text, ws[3].Status)
				}
				if ws[3].Start == nil || *ws[3].Start < 1.1 || *ws[3].Start > 1.3 {
					t.Errorf("got «انخراط» at %v, want the time of «برتقال» (1.2 s)", ws[3].Start)
				}
				before := wordsOf(t, r, art, "وتابعت")
				if before[0].Start != nil {
					t.Errorf("got «وتابعت» at %v, want no time: it is outside the passage", before[0].Start)
				}
			},
		},
		{
			name: "unreported speech is listed",
			s:    new(speaker).Say(aside).Say(quote2).Say("وهذا أمر نعتز به كثيرا"),
			check: func(t *testing.T, r *align.Result) {
				if len(r.Unmatched) != 2 {
					t.Fatalf("got %d unmatched spans %+v, want 2", len(r.Unmatched), r.Unmatched)
				}
				if !strings.HasPrefix(r.Unmatched[0].Text, "السلام عليكم") || r.Unmatched[0].Start != 0 {
					t.Errorf("got first unmatched span %+v, want the greeting at 0 s", r.Unmatched[0])
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.check(t, mustAlign(t, tt.s.Transcript(), art))
		})
	}
}

// TestLivePageProse keeps a live page's timestamped entries that quote
// someone in the prose, and its bare datelines out of it.
func TestLivePageProse(t *testing.T) {
	a := align.ParseArticle("الجمعة 1 أغشت 2025 - 10:15\n\n11:05 | \"وسنبدأ بمراجعة النظام الداخلي للجمعية\"\n\nالساعة 11:20 - \"سنعمل معا\"\n\nنواكشوط | 11:30")
	want := []bool{false, true, true, false}
	if len(a.Paragraphs) != len(want) {
		t.Fatalf("got %d paragraphs, want %d", len(a.Paragraphs), len(want))
	}
	for i, p := range a.Paragraphs {
		if p.Prose != want[i] {
			t.Errorf("paragraph %d: got prose=%v, want %v", i, p.Prose, want[i])
		}
	}
}

func TestArticleModel(t *testing.T) {
	art := article(t)
	a := align.ParseArticle(art)
	var prose []bool
	for _, p := range a.Paragraphs {
		prose = append(prose, p.Prose)
	}
	want := []bool{false, true, false, false, true, true, true, true, false}
	if len(prose) != len(want) {
		t.Fatalf("got %d paragraphs %v, want %d", len(prose), prose, len(want))
	}
	for i := range want {
		if prose[i] != want[i] {
			t.Errorf("paragraph %d: got prose=%v, want %v", i, prose[i], want[i])
		}
	}
	runes := []rune(art)
	if len(a.Quotes) != 2 {
		t.Fatalf("got %d quotes, want 2", len(a.Quotes))
	}
	for i, q := range []string{quote1, quote2} {
		if got := string(runes[a.Quotes[i].CharStart:a.Quotes[i].CharEnd]); got != q {
			t.Errorf("quote %d: got %q, want %q", i, got, q)
		}
	}
	for i, s := range a.Sentences {
		if text := string(runes[s.CharStart:s.CharEnd]); strings.TrimSpace(text) != text || text == "" {
			t.Errorf("sentence %d: got %q, want trimmed, non-empty text", i, text)
		}
	}
	// Sentences of the quote-opening paragraph: one, ending with ”.
	last := a.Sentences[len(a.Sentences)-2]
	if got := string(runes[last.CharStart:last.CharEnd]); !strings.HasSuffix(got, "العلاج”.") {
		t.Errorf("got sentence %q, want it to end with the closing quotation mark and the full stop", got)
	}
}

func TestParseArticleQuotesSpanSentences(t *testing.T) {
	text := "قال الوزير: «هذه جملة أولى. وهذه جملة ثانية؟ نعم» ثم غادر.\nسطر “مفتوح لم يغلق"
	a := align.ParseArticle(text)
	if len(a.Quotes) != 2 {
		t.Fatalf("got %d quotes, want 2", len(a.Quotes))
	}
	if len(a.Sentences) != 4 {
		t.Errorf("got %d sentences, want 4", len(a.Sentences))
	}
	runes := []rune(text)
	if got, want := string(runes[a.Quotes[0].CharStart:a.Quotes[0].CharEnd]), "هذه جملة أولى. وهذه جملة ثانية؟ نعم"; got != want {
		t.Errorf("got quote %q, want %q", got, want)
	}
	if got, want := string(runes[a.Quotes[1].CharStart:a.Quotes[1].CharEnd]), "مفتوح لم يغلق"; got != want {
		t.Errorf("got unclosed quote %q, want %q (closed by the end of its paragraph)", got, want)
	}
}

func TestAlignErrors(t *testing.T) {
	tr := new(speaker).Say(quote2).Transcript()
	tests := []struct {
		name    string
		tr      *transcribe.Transcript
		article string
		opts    align.Options
		want    error
	}{
		{"nil transcript", nil, "نص", align.Options{}, align.ErrNoTranscript},
		{"not utf-8", tr, "\xff\xfe\x00", align.Options{}, align.ErrNotUTF8},
		{"bad options", tr, "نص", align.Options{MinSimilarity: 2}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := align.Run(tt.tr, tt.article, tt.opts)
			if err == nil {
				t.Fatal("got no error")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q is not one line", err)
			}
		})
	}
}

func TestEmptyInputs(t *testing.T) {
	r := mustAlign(t, &transcribe.Transcript{}, article(t))
	for _, w := range r.Words {
		if w.Status != align.StatusMissing {
			t.Fatalf("got %s for %q with an empty transcript, want missing", w.Status, w.Text)
		}
	}
	r = mustAlign(t, new(speaker).Say(quote1).Transcript(), "")
	if len(r.Words) != 0 || len(r.Unmatched) != 1 {
		t.Errorf("got %d words and %d unmatched spans for an empty article, want 0 and 1", len(r.Words), len(r.Unmatched))
	}
}

// checkInvariants verifies what every result must satisfy.
