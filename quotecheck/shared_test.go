package quotecheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestSharedArticleCheck reads all four quotations of the real article as
// said (the speaker said «التطور» where the article prints «التطوةر»): the
// first, left unclosed, is verbatim; the third is minor, with a spelling
// difference at the typo; every one is attributed to محمد الدخيسي, also
// the one introduced by «نفس المتحدث».
func TestSharedArticleCheck(t *testing.T) {
	dir := transcribetest.Shared(t, "articles", "000_e1d75d70dc7bbcd1.txt")
	b, err := os.ReadFile(filepath.Join(dir, "000_e1d75d70dc7bbcd1.txt"))
	if err != nil {
		t.Skipf("real article not available (%v): it lives in ../shared beside the repository", err)
	}
	art := string(b)
	a := align.ParseArticle(art)
	runes := []rune(art)
	s := new(speaker).Say("السلام عليكم ورحمة الله تعالى وبركاته")
	for _, q := range a.Quotes {
		s.Say(strings.ReplaceAll(string(runes[q.CharStart:q.CharEnd]), "التطوةر", "التطور"))
	}
	r := mustAlign(t, s.Transcript(), art)
	want := []align.Verdict{align.VerdictVerbatim, align.VerdictVerbatim, align.VerdictMinor, align.VerdictVerbatim}
	typo := align.DiffSpelling
	if _, err := quotecheck.DefaultLexicon(); err != nil {
		// Without a lexicon «التطوةر» may be another word: unclear.
		want[2], typo = align.VerdictUnclear, align.DiffChanged
	}
	for i, q := range r.Quotes {
		c := q.Check
		if c.Verdict != want[i] {
			t.Errorf("quotation %d: got %s %+v, want %s", i, c.Verdict, c.Differences, want[i])
		}
		if c.Speaker == nil || *c.Speaker != "محمد الدخيسي" {
			t.Errorf("quotation %d: got speaker %v, want محمد الدخيسي", i, c.Speaker)
		}
	}
	ds := r.Quotes[2].Check.Differences
	if len(ds) != 1 || ds[0].Kind != typo || ds[0].Article != "التطوةر" || ds[0].Spoken != "التطور" {
		t.Errorf("got differences %+v, want one %s difference «التطوةر» / «التطور»", ds, typo)
	}
}
