package align_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestSharedArticle aligns a simulated reading of the real Marrakech article
// in ../shared/articles (beside the repository): the third quotation, a
// greeting, then the first — whose words the headline repeats.
func TestSharedArticle(t *testing.T) {
	dir := transcribetest.Shared(t, "articles", "000_e1d75d70dc7bbcd1.txt")
	path := filepath.Join(dir, "000_e1d75d70dc7bbcd1.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("real article not available (%v): it lives in ../shared beside the repository", err)
	}
	art := string(b)
	a := align.ParseArticle(art)
	if len(a.Quotes) != 4 {
		t.Fatalf("got %d quotations, want 4", len(a.Quotes))
	}
	runes := []rune(art)
	quote := func(i int) string { return string(runes[a.Quotes[i].CharStart:a.Quotes[i].CharEnd]) }
	s := new(speaker).Say(quote(2)).Say("السلام عليكم ورحمة الله تعالى وبركاته").Say(quote(0))
	r := mustAlign(t, s.Transcript(), art)
	want := []string{align.StatusSpoken, align.StatusNotInAudio, align.StatusSpoken, align.StatusNotInAudio}
	for i, w := range want {
		if r.Quotes[i].Status != w {
			t.Errorf("quotation %d: got %s (coverage %.2f), want %s", i, r.Quotes[i].Status, r.Quotes[i].Coverage, w)
		}
	}
	if *r.Quotes[2].Start > *r.Quotes[0].Start {
		t.Errorf("got quotation 2 at %.1f s after quotation 0 at %.1f s, want it first", *r.Quotes[2].Start, *r.Quotes[0].Start)
	}
	for _, frag := range []string{
		"والي الامن الدخيسي يكشف الاستراتيجية الامنية للحفاظ على الامن ومحاربة الجريمة بمراكش", // headline
		"وأوضح والي امن مراكش في كلمته ان ولاية الأمن",                                         // narration
	} {
		for _, w := range wordsOf(t, r, art, frag) {
			if w.Status != align.StatusMissing {
				t.Errorf("unspoken %q: got %s at %v, want missing", w.Text, w.Status, *w.Start)
			}
		}
	}
	for i, p := range a.Paragraphs {
		if !p.Prose && (i != 0 && i != 2 && i != 3 && i != len(a.Paragraphs)-1) {
			t.Errorf("paragraph %d is not prose", i)
		}
	}
	if len(r.Unmatched) != 1 {
		t.Errorf("got %d unmatched spans, want the greeting only: %+v", len(r.Unmatched), r.Unmatched)
	}
}
