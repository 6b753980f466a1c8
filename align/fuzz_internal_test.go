package align

// This fuzz target is an internal test, against the house rule of external
// test packages, because one invariant — times are monotone within each
// passage — is about passages, which the Result does not expose.

import (
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align/alignfuzz"
	"github.com/newsscribe/newsscribe/align/arabic"
)

func FuzzAlign(f *testing.F) {
	alignfuzz.AddSeeds(f)
	f.Fuzz(func(t *testing.T, article, speech string, timing []byte) {
		if !utf8.ValidString(article) {
			if _, err := Run(alignfuzz.Fuzzed(speech, timing), article, Options{}); err != ErrNotUTF8 {
				t.Fatalf("invalid UTF-8 article: got %v, want ErrNotUTF8", err)
			}
			return
		}
		a := ParseArticle(article)
		al := newAligner(alignfuzz.Fuzzed(speech, timing), a, Options{}.withDefaults())
		al.run()
		r := al.result()
		// Words: every article word once, offsets valid and in order.
		if len(r.Words) != len(a.Words) {
			t.Fatalf("got %d words, want %d", len(r.Words), len(a.Words))
		}
		runes := []rune(article)
		prev := 0
		for i, w := range r.Words {
			if w.CharStart < prev || w.CharEnd <= w.CharStart || w.CharEnd > len(runes) || string(runes[w.CharStart:w.CharEnd]) != w.Text {
				t.Fatalf("word %d: bad offsets [%d,%d) text %q", i, w.CharStart, w.CharEnd, w.Text)
			}
			prev = w.CharEnd
			if (w.Start == nil) != (w.Status == StatusMissing) || (w.Start != nil && *w.End < *w.Start) {
				t.Fatalf("word %d: status %s with times %v %v", i, w.Status, w.Start, w.End)
			}
		}
		// Interpolated words sit between two matched words of their
		// sentence or quotation, at most MaxInterpolated words apart (a
		// run paired by similarity may leave some of its words missing).
		opts := Options{}.withDefaults()
		minSim := opts.MinSimilarity
		for i, w := range r.Words {
			if w.Status != StatusInterpolated {
				continue
			}
			p, n := i-1, i+1
			for p >= 0 && r.Words[p].Status != StatusMatched && i-p <= opts.MaxInterpolated {
				p--
			}
			for n < len(r.Words) && r.Words[n].Status != StatusMatched && n-i <= opts.MaxInterpolated {
				n++
			}
			if p < 0 || n >= len(r.Words) {
				t.Fatalf("interpolated word %d has no matched neighbour on one side", i)
			}
			for _, nb := range []TimedWord{r.Words[p], r.Words[n]} {
				if nb.Status != StatusMatched || nb.Score < minSim {
					t.Fatalf("interpolated word %d next to a %s word with score %.2f", i, nb.Status, nb.Score)
				}
				sameQuote := nb.Quote != nil && w.Quote != nil && *nb.Quote == *w.Quote
				if nb.Sentence != w.Sentence && !sameQuote {
					t.Fatalf("interpolated word %d's neighbour is in another sentence and quotation", i)
				}
			}
		}
		// Passages: valid offsets and coverage.
		check := func(kind string, ps []TimedSpan) {
			for i, p := range ps {
				if p.CharStart < 0 || p.CharEnd > len(runes) || p.CharStart >= p.CharEnd || string(runes[p.CharStart:p.CharEnd]) != p.Text || p.Coverage < 0 || p.Coverage > 1 {
					t.Fatalf("%s %d: bad passage %+v", kind, i, p)
				}
			}
		}
		ss := make([]TimedSpan, len(r.Sentences))
		for i, s := range r.Sentences {
			ss[i] = s.TimedSpan
		}
		check("sentence", ss)
		qs := make([]TimedSpan, len(r.Quotes))
		for i, q := range r.Quotes {
			qs[i] = q.TimedSpan
		}
		check("quote", qs)
		// The subtitles of every result keep their layout, and every
		// quotation gets a consistent check: FuzzAlignCues in package export
		// and FuzzCheck in package quotecheck, on the same seeds.
		// Times are monotone within a passage; every transcript unit is
		// used by at most one article passage.
		last := map[int32]int32{}
		for j := range al.au {
			if al.mLo[j] < 0 {
				continue
			}
			if l, ok := last[al.cl.article.owner[j]]; ok && al.mLo[j] < l {
				t.Fatalf("passage %d goes back in time at article unit %d", al.cl.article.owner[j], j)
			}
			last[al.cl.article.owner[j]] = al.mLo[j]
		}
		owner := map[int32]int32{}
		for j := range al.au {
			for tt := al.mLo[j]; tt >= 0 && tt < al.mHi[j]; tt++ {
				if o, ok := owner[tt]; ok && o != al.cl.article.owner[j] {
					t.Fatalf("transcript unit %d used by passages %d and %d", tt, o, al.cl.article.owner[j])
				}
				owner[tt] = al.cl.article.owner[j]
			}
		}
		// Unmatched speech and matched speech partition the transcript.
		n := 0
		for _, u := range r.Unmatched {
			n += len(arabic.Tokenize(u.Text))
		}
		if n > len(al.tw) {
			t.Fatalf("got %d unmatched words of %d", n, len(al.tw))
		}
	})
}
