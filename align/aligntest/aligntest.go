// Package aligntest is test support for the aligner, the quotation check
// and what reads aligned articles (the renderers of package export, the
// server): a Speaker says text word by word at a steady pace, as the
// scripted engine would hear it; the fixture article's quotations; a large
// synthetic case for the benchmarks; and the invariants every aligned
// article keeps. (The fuzz inputs are in alignfuzz, which align's internal
// tests can import.)
package aligntest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Speaker builds a transcript word by word: 0.35 s a word, 0.05 s apart,
// 0.6 s between passages.
type Speaker struct {
	words []transcribe.Word
	t     float64
}

// Say says text, each word 0.35 s, sure (0.9).
func (s *Speaker) Say(text string) *Speaker {
	for _, tok := range arabic.Tokenize(text) {
		s.words = append(s.words, transcribe.Word{Word: tok.Text, Start: s.t, End: s.t + 0.35, Probability: 0.9})
		s.t += 0.4
	}
	s.t += 0.6
	return s
}

// Natural says text at a steady pace, each word taking time by its length
// (57 ms a letter and two), the recogniser sure of it.
func (s *Speaker) Natural(text string) *Speaker {
	for _, tok := range arabic.Tokenize(text) {
		s.Heard(tok.Text, 0.95, 0.057*float64(utf8.RuneCountInString(tok.Text)+2))
	}
	return s
}

// Heard adds one recognised word with probability p lasting dur seconds.
func (s *Speaker) Heard(word string, p, dur float64) *Speaker {
	s.words = append(s.words, transcribe.Word{Word: word, Start: s.t, End: s.t + dur, Probability: p})
	s.t += dur + 0.06
	return s
}

// Pause adds silence, in seconds.
func (s *Speaker) Pause(d float64) *Speaker { s.t += d; return s }

// Transcript is what the recogniser heard, ten words a segment.
func (s *Speaker) Transcript() *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar", Duration: s.t}
	for i := 0; i < len(s.words); i += 10 {
		ws := s.words[i:min(i+10, len(s.words))]
		t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: ws[0].Start, End: ws[len(ws)-1].End, Words: ws})
	}
	return t
}

// Article reads the fixture article, testdata/article.txt of the package
// under test.
func Article(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The fixture article of the aligner's and the renderers' tests
// (testdata/article.txt beside them): its two quotations, and a greeting
// said before them that the article does not report.
const (
	Quote1 = "إن هذا البرنامج يشمل 59 مركزا صحيا في المرحلة الأولى، وسيمتد ليشمل جميع الجهات قبل نهاية سنة 2025"
	Quote2 = "نحن نعول على انخراط الأسر والأطر الصحية، فالوقاية خير من العلاج"
	Aside  = "السلام عليكم ورحمة الله وبركاته شكرا لكم على الحضور"
)

// BenchCase builds an article of about articleWords words — sentences drawn
// from the vocabulary of the texts in dir (align/testdata/eval), every third one a quotation —
// and a transcript of about speechWords words in which the quotations are
// said (a quarter of them out of order, 10% of words misrecognised) among
// unreported speech from the same vocabulary.
func BenchCase(tb testing.TB, dir string, articleWords, speechWords int) (*transcribe.Transcript, string) {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	var vocab []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		for _, t := range arabic.Tokenize(string(b)) {
			vocab = append(vocab, t.Text)
		}
	}
	rng := rand.New(rand.NewPCG(uint64(articleWords), uint64(speechWords)))
	sentence := func() []string {
		ws := make([]string, 12+rng.IntN(14))
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return ws
	}
	var art strings.Builder
	var quotes [][]string
	for n, i := 0, 0; n < articleWords; i++ {
		ws := sentence()
		n += len(ws)
		if i%3 == 1 {
			fmt.Fprintf(&art, "وقال المسؤول: «%s».\n", strings.Join(ws, " "))
			quotes = append(quotes, ws)
			continue
		}
		fmt.Fprintf(&art, "%s.\n", strings.Join(ws, " "))
	}
	for i := range quotes {
		if rng.IntN(4) == 0 {
			j := rng.IntN(len(quotes))
			quotes[i], quotes[j] = quotes[j], quotes[i]
		}
	}
	var words []transcribe.Word
	now := 0.0
	say := func(ws []string) {
		for _, w := range ws {
			if rng.IntN(10) == 0 {
				w = vocab[rng.IntN(len(vocab))]
			}
			words = append(words, transcribe.Word{Word: w, Start: now, End: now + 0.35, Probability: 0.9})
			now += 0.43
		}
		now += 0.5
	}
	quoted := 0
	for _, q := range quotes {
		quoted += len(q)
	}
	fill := max(0, speechWords-quoted) / (len(quotes) + 1)
	for _, q := range quotes {
		for n := 0; n < fill; {
			ws := sentence()
			say(ws)
			n += len(ws)
		}
		say(q)
	}
	t := &transcribe.Transcript{Language: "ar", Duration: now}
	for i := 0; i < len(words); i += 12 {
		ws := words[i:min(i+12, len(words))]
		t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: ws[0].Start, End: ws[len(ws)-1].End, Words: ws})
	}
	return t, art.String()
}

// Aligner is quotecheck.Align (which aligntest, below it, cannot import).
type Aligner func(*transcribe.Transcript, string, align.Options) (*align.Result, error)

// MustAlign aligns transcript tr to article art with run and fails t
// unless the result keeps the aligned article's invariants.
func MustAlign(t testing.TB, run Aligner, tr *transcribe.Transcript, art string) *align.Result {
	t.Helper()
	r, err := run(tr, art, align.Options{})
	if err != nil {
		t.Fatalf("Align: %v", err)
	}
	CheckInvariants(t, r, art)
	return r
}

// CheckInvariants fails t unless r is a consistent aligned article of
// art: every word once with valid offsets, times by status, passages with
// valid offsets and coverage.
func CheckInvariants(t testing.TB, r *align.Result, art string) {
	t.Helper()
	a := align.ParseArticle(art)
	if len(r.Words) != len(a.Words) {
		t.Fatalf("got %d words, want the article's %d", len(r.Words), len(a.Words))
	}
	runes := []rune(art)
	prevEnd := 0
	for i, w := range r.Words {
		if w.CharStart < prevEnd || w.CharEnd <= w.CharStart || w.CharEnd > len(runes) {
			t.Fatalf("word %d has offsets [%d,%d) after %d in %d runes", i, w.CharStart, w.CharEnd, prevEnd, len(runes))
		}
		prevEnd = w.CharEnd
		if string(runes[w.CharStart:w.CharEnd]) != w.Text {
			t.Fatalf("word %d: text %q does not match its offsets", i, w.Text)
		}
		switch w.Status {
		case align.StatusMissing:
			if w.Start != nil || w.End != nil {
				t.Fatalf("missing word %d has a time", i)
			}
		case align.StatusMatched, align.StatusInterpolated:
			if w.Start == nil || w.End == nil || *w.End < *w.Start {
				t.Fatalf("word %d (%s) has times %v–%v", i, w.Status, w.Start, w.End)
			}
		default:
			t.Fatalf("word %d has status %q", i, w.Status)
		}
	}
	quotes := make([]align.TimedSpan, len(r.Quotes))
	for i, q := range r.Quotes {
		quotes[i] = q.TimedSpan
	}
	for _, ps := range [][]align.TimedSpan{passages(r.Sentences), quotes} {
		for i, p := range ps {
			if p.CharStart < 0 || p.CharEnd > len(runes) || p.CharStart > p.CharEnd || string(runes[p.CharStart:p.CharEnd]) != p.Text {
				t.Fatalf("passage %d has bad offsets [%d,%d)", i, p.CharStart, p.CharEnd)
			}
			if p.Coverage < 0 || p.Coverage > 1 {
				t.Fatalf("passage %d has coverage %g", i, p.Coverage)
			}
			if (p.Start == nil) != (p.Status == align.StatusNotInAudio) {
				t.Fatalf("passage %d: status %s with start %v", i, p.Status, p.Start)
			}
		}
	}
	for i, u := range r.Unmatched {
		if u.End < u.Start || u.Text == "" {
			t.Fatalf("unmatched span %d: %+v", i, u)
		}
	}
}

func passages(ss []align.TimedSentence) []align.TimedSpan {
	out := make([]align.TimedSpan, len(ss))
	for i, s := range ss {
		out[i] = s.TimedSpan
	}
	return out
}
