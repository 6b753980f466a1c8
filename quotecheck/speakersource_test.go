package quotecheck_test

import (
	"slices"
	"testing"

	"github.com/newsscribe/newsscribe/quotecheck"
)

// TestSpeakerSource: each speaker comes with the narration it was read
// from — the quotation's own reporting clause, or, for a clause with no
// subject, the sentence that named the person it goes on with — so that a
// journalist can check the attribution without reading the article again.
func TestSpeakerSource(t *testing.T) {
	article := `وقال وزير الصحة خالد بن سالم العمري، في مؤتمر صحفي، إن «الوضع تحت السيطرة».
وأضاف: «سنفتح مستشفيين جديدين».
«الأدوية متوفرة في كل الولايات»، تقول مديرة الصيدلة هالة منصور.
وجاء في بيان للوزارة: «الحملة مستمرة».`
	want := []string{
		"وقال وزير الصحة خالد بن سالم العمري، في مؤتمر صحفي، إن",
		"وقال وزير الصحة خالد بن سالم العمري، في مؤتمر صحفي، إن",
		"تقول مديرة الصيدلة هالة منصور",
		"",
	}
	if got := quotecheck.SpeakerSources(article); !slices.Equal(got, want) {
		t.Errorf("got sources %q, want %q", got, want)
	}
}
