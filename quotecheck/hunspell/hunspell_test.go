package hunspell_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/newsscribe/newsscribe/quotecheck/hunspell"
)

func open(t *testing.T) *hunspell.Dictionary {
	t.Helper()
	d, err := hunspell.Default()
	if errors.Is(err, hunspell.ErrUnavailable) {
		t.Skip("built without the hunspell tag (libhunspell): make test sets it when pkg-config finds hunspell")
	}
	if err != nil {
		t.Skipf("no Arabic dictionary: %v", err)
	}
	return d
}

func TestSpell(t *testing.T) {
	d := open(t)
	for _, w := range []string{"ثلاثية", "ثنائية", "المتوقعة", "المتوفرة", "لأجدادنا", "لأجيالنا", "التطور", "مسؤولية", "وبالمسؤولية"} {
		if !d.Spell(w) {
			t.Errorf("Spell(%q) = false, want a word", w)
		}
	}
	for _, w := range []string{"التطوةر", "ثلاتية", "مسوؤلية"} {
		if d.Spell(w) {
			t.Errorf("Spell(%q) = true, want a non-word", w)
		}
	}
}

func TestStems(t *testing.T) {
	d := open(t)
	if got := d.Stems("لأجيالنا"); !slices.Contains(got, "أجيال") {
		t.Errorf("Stems(لأجيالنا) = %q, want «أجيال» among them", got)
	}
	if got := d.Stems("التطوةر"); len(got) != 0 {
		t.Errorf("Stems(التطوةر) = %q, want none", got)
	}
}

func TestOpenMissing(t *testing.T) {
	if _, err := hunspell.Open("/nonexistent/ar.aff", "/nonexistent/ar.dic"); err == nil {
		t.Fatal("got no error for a missing dictionary")
	}
}
