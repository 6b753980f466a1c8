package web

import (
	"github.com/newsscribe/newsscribe/align"
)

// The verdicts' words and palette are align's (VerdictLabel, DiffLabel,
// VerdictStyles); the page, the embed and the share pages read them from
// here and keep no copy: the newsroom page gets them as JSON in its
// template (pageWords), the stylesheets as /static/css/verdicts.css.

// verdictWords is one verdict as the pages show it.
type verdictWords struct {
	// ID is the verdict as the API writes it ("altered").
	ID string `json:"id"`
	// Label is align.VerdictLabel's; Mark is the palette's shape.
	Label string `json:"label"`
	Mark  string `json:"mark"`
	// Class is the CSS class that carries the verdict's colours.
	Class string `json:"class"`
	// Public: the public embed lists a quotation with this verdict (said as
	// printed, up to spelling, or said in separate stretches); the others
	// are shown on private share links only.
	Public bool `json:"public"`
}

// pageWords is what the newsroom page knows of the check's vocabulary.
type pageWords struct {
	// Verdicts are in the order a summary names them.
	Verdicts []verdictWords `json:"verdicts"`
	// Unchecked is a quotation stored before the check existed.
	Unchecked verdictWords `json:"unchecked"`
	// Differences names each kind of difference (align.DiffLabel).
	Differences map[string]string `json:"differences"`
}

func wordsOf(v string) verdictWords {
	return verdictWords{ID: v, Label: align.VerdictLabel[v], Mark: align.VerdictStyles[v].Mark,
		Class: align.VerdictClass(v), Public: publicVerdict(v)}
}

// publicVerdict reports whether the public embed may list a quotation with
// verdict v as said.
func publicVerdict(v string) bool {
	switch v {
	case align.VerdictVerbatim, align.VerdictMinor, align.VerdictStitched:
		return true
	}
	return false
}

func newPageWords() pageWords {
	w := pageWords{Unchecked: wordsOf(""), Differences: map[string]string{}}
	for _, v := range align.Verdicts() {
		w.Verdicts = append(w.Verdicts, wordsOf(v))
	}
	for _, k := range align.DiffKinds() {
		w.Differences[k] = align.DiffLabel[k]
	}
	return w
}
