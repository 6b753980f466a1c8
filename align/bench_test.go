package align_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// benchCase builds an article of about articleWords words — sentences drawn
// from the vocabulary of the evaluation texts, every third one a quotation —
// and a transcript of about speechWords words in which the quotations are
// said (a quarter of them out of order, 10% of words misrecognised) among
// unreported speech from the same vocabulary.
func benchCase(tb testing.TB, articleWords, speechWords int) (*transcribe.Transcript, string) {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join("testdata", "eval", "*.txt"))
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

// BenchmarkAlign aligns speech to articles of three sizes; the largest is
// three hours of speech (25,000 words) against a 5,000-word article.
func BenchmarkAlign(b *testing.B) {
	for _, sz := range []struct{ article, speech int }{{1250, 6250}, {2500, 12500}, {5000, 25000}} {
		t, art := benchCase(b, sz.article, sz.speech)
		b.Run(fmt.Sprintf("article=%d/speech=%d", sz.article, sz.speech), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := align.Align(t, art, align.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCheckShare measures what the quotation check adds to Align at
// 25,000 × 5,000 words: each iteration times a whole Align and then the
// check alone on the same alignment, alternately, and reports the check's
// share of Align without it (check-%).
func BenchmarkCheckShare(b *testing.B) {
	t, art := benchCase(b, 5000, 25000)
	p := align.Prepare(t, art)
	b.ReportAllocs()
	var full, check time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := align.Align(t, art, align.Options{}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		p.Check()
		full, check = full+t1.Sub(t0), check+time.Since(t1)
	}
	b.ReportMetric(100*float64(check)/float64(full-check), "check-%")
}

func TestBenchCaseAligns(t *testing.T) {
	tr, art := benchCase(t, 1250, 6250)
	r := mustAlign(t, tr, art)
	spoken := 0
	for _, q := range r.Quotes {
		if q.Status == align.StatusSpoken {
			spoken++
		}
	}
	if spoken < len(r.Quotes)*9/10 {
		t.Errorf("got %d of %d quotations spoken, want at least 90%%", spoken, len(r.Quotes))
	}
}
