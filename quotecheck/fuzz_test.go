package quotecheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/aligntest"
	"github.com/newsscribe/newsscribe/quotecheck"
)

// FuzzCheck aligns and checks any article against any speech: the checks
// keep their invariants (see checkChecks) and nothing panics. The speech is
// one word per field; timing's bytes give each word its duration
// (hundredths of a second) and the recogniser's probability.
func FuzzCheck(f *testing.F) {
	art, err := os.ReadFile(filepath.Join("..", "align", "testdata", "article.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(art), "وتابعت نحن نعول على انخراط الأسر والأطر الصحية فالوقاية خير من العلاج", []byte{30, 40})
	f.Add(string(art), "إن هذا البرنامج يشمل التاسعة والخمسين مركزا صحيا في المرحلة الأولى و سيمتد", []byte{0, 255, 3})
	f.Add("قال: «نعم نعم نعم». نعم نعم؟ “نعم", "نعم نعم نعم نعم نعم نعم نعم نعم نعم", []byte{1})
	f.Add("", "", []byte{})
	f.Add("قال محمد العلوي: «نحن نعمل … على إصلاح (...) شبكة [...] الماء» وأضاف العلوي: «الماء نعم»، يقول نفس المتحدث", "نحن نعمل يعني على إصلاح آه شبكة الماء الماء نعم", []byte{20, 90})
	f.Add("«« »» «نعم» “لا «ربما» أبدا” \"", "نعم لا ربما أبدا", []byte{5})
	for _, tc := range speakerCases {
		f.Add(tc.article, "الموسم جيد في مجمله", []byte{40})
	}
	f.Fuzz(func(t *testing.T, article, speech string, timing []byte) {
		if !utf8.ValidString(article) {
			return // align.Run refuses it (FuzzAlign)
		}
		s := new(aligntest.Speaker)
		for i, tok := range strings.Fields(speech) {
			d, p := 0.3, 0.9
			if len(timing) > 0 {
				b := timing[i%len(timing)]
				d, p = float64(b)/100, float64(b%100)/100
			}
			s.Heard(tok, p, d)
		}
		r, err := quotecheck.Align(s.Transcript(), article, align.Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkChecks(t, r, []rune(article))
	})
}

// checkChecks verifies the quotation checks of r (runes: the article): a
// verdict, offsets inside the quotation, and a speaker only of words the
// article's narration prints — prose outside quotations, never a headline,
// a byline or a quoted word (a «و» before a name aside).
func checkChecks(t *testing.T, r *align.Result, runes []rune) {
	t.Helper()
	kinds := map[align.DiffKind]bool{align.DiffSpelling: true, align.DiffChanged: true, align.DiffAdded: true, align.DiffOmitted: true}
	narration := map[string]bool{}
	for _, w := range align.ParseArticle(string(runes)).Words {
		if w.Prose && w.Quote < 0 {
			text := string(runes[w.Start:w.End])
			narration[text] = true
			if rest, ok := strings.CutPrefix(text, "و"); ok {
				narration[rest] = true
			}
		}
	}
	for i, q := range r.Quotes {
		c := q.Check
		if c.Speaker != nil {
			if *c.Speaker == "" {
				t.Fatalf("quote %d: empty speaker (want null)", i)
			}
			for _, f := range strings.Fields(*c.Speaker) {
				if !narration[f] {
					t.Fatalf("quote %d: speaker %q holds %q, which the article's narration does not print", i, *c.Speaker, f)
				}
			}
		}
		switch c.Verdict {
		case align.VerdictVerbatim, align.VerdictMinor, align.VerdictAltered, align.VerdictStitched, align.VerdictNotSaid, align.VerdictUnclear:
		default:
			t.Fatalf("quote %d: verdict %q", i, c.Verdict)
		}
		if c.Parts == nil || c.Differences == nil {
			t.Fatalf("quote %d: nil parts or differences", i)
		}
		if c.Verdict == align.VerdictNotSaid && (len(c.Parts) > 0 || len(c.Differences) > 0) {
			t.Fatalf("quote %d: not_said with parts or differences", i)
		}
		for _, p := range c.Parts {
			if p.CharStart < q.CharStart || p.CharEnd > q.CharEnd || p.CharStart >= p.CharEnd || !(p.Start <= p.End) {
				t.Fatalf("quote %d [%d,%d): bad part %+v", i, q.CharStart, q.CharEnd, p)
			}
		}
		for _, d := range c.Differences {
			if !kinds[d.Kind] || d.CharStart < q.CharStart || d.CharEnd > q.CharEnd || d.CharStart > d.CharEnd ||
				!(d.Confidence >= 0 && d.Confidence <= 1) || !(d.Start <= d.End) || string(runes[d.CharStart:d.CharEnd]) != d.Article {
				t.Fatalf("quote %d [%d,%d): bad difference %+v", i, q.CharStart, q.CharEnd, d)
			}
			if (d.Kind == align.DiffOmitted) != (d.CharStart == d.CharEnd) {
				t.Fatalf("quote %d: %s difference with span [%d,%d)", i, d.Kind, d.CharStart, d.CharEnd)
			}
		}
	}
}
