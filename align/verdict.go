package align

import (
	"fmt"
	"strings"
)

// Verdict is the outcome of a quotation's check: was it said as printed?
// The values are the API's, stored in every aligned article.
type Verdict string

// Verdicts of a quotation's check.
const (
	// VerdictVerbatim: said in one stretch (or, across an ellipsis, in
	// several), every word equal up to the matching key.
	VerdictVerbatim Verdict = "verbatim"
	// VerdictMinor: as verbatim, with spelling differences only.
	VerdictMinor Verdict = "minor"
	// VerdictAltered: at least one changed, added or omitted word with
	// confidence at least MinAlteredConfidence.
	VerdictAltered Verdict = "altered"
	// VerdictStitched: said in two or more stretches with other speech between
	// them, printed as one quotation without an ellipsis.
	VerdictStitched Verdict = "stitched"
	// VerdictNotSaid: not found in the recording.
	VerdictNotSaid Verdict = "not_said"
	// VerdictUnclear: differences exist only where the recogniser was unsure,
	// or the quotation is too short to tell; a person should listen.
	VerdictUnclear Verdict = "unclear"
	// VerdictUnchecked is the empty verdict of an aligned article stored
	// before the check existed; aligning it again checks it.
	VerdictUnchecked Verdict = ""
)

// DiffKind is the kind of a difference between a quotation and the speech.
type DiffKind string

// Kinds of a difference between a quotation and the speech.
const (
	// DiffSpelling: the same word spelt otherwise (a typo in the article, a
	// name written differently).
	DiffSpelling DiffKind = "spelling"
	// DiffChanged: the article prints another word than the one said.
	DiffChanged DiffKind = "changed"
	// DiffAdded: words printed inside the quotation that were never said.
	DiffAdded DiffKind = "added"
	// DiffOmitted: words said inside the quoted stretch, left out of the
	// quotation without an ellipsis.
	DiffOmitted DiffKind = "omitted"
)

// Label is what a person reads for a verdict or a kind of difference: the
// Arabic name (a badge, a report line), the forms of the summary line for
// one and for several quotations («1 محرّف»، «3 محرّفة»), and the English
// name. The report, the HTML and Word documents, the webhook summary and the
// newsroom page all read these; none keeps a copy.
type Label struct {
	Arabic  string `json:"ar"`
	One     string `json:"one,omitempty"`
	Many    string `json:"many,omitempty"`
	English string `json:"en"`
}

// verdicts are the verdicts' labels and styles, one row per constant: the
// one place a verdict's words, colour and mark are written.
var verdicts = map[Verdict]struct {
	Label
	Style
}{
	VerdictVerbatim:  {Label{Arabic: "مطابق", One: "مطابق", Many: "مطابقة", English: "verbatim"}, Style{Color: "1B6B36", Tint: "E3F3E8", Mark: "✓"}},
	VerdictMinor:     {Label{Arabic: "مطابق بفرق إملائي", One: "بفرق إملائي", Many: "بفروق إملائية", English: "minor: spelling only"}, Style{Color: "0B6470", Tint: "DDF1F4", Mark: "≈"}},
	VerdictAltered:   {Label{Arabic: "محرّف", One: "محرّف", Many: "محرّفة", English: "altered"}, Style{Color: "B0231B", Tint: "FDE6E3", Mark: "≠"}},
	VerdictStitched:  {Label{Arabic: "مركّب من مقاطع متفرقة", One: "مركّب من مقاطع", Many: "مركّبة من مقاطع", English: "stitched from separate stretches"}, Style{Color: "6B3FB0", Tint: "EFE8FA", Mark: "✂"}},
	VerdictNotSaid:   {Label{Arabic: "غير موجود في التسجيل", One: "غير موجود", Many: "غير موجودة", English: "not in the recording"}, Style{Color: "8E1650", Tint: "FBE4EF", Mark: "⊘"}},
	VerdictUnclear:   {Label{Arabic: "غير واضح — استمع", One: "غير واضح", Many: "غير واضحة", English: "unclear: listen"}, Style{Color: "8A5300", Tint: "FDF0D5", Mark: "?"}},
	VerdictUnchecked: {Label{Arabic: "لم يفحص، أعد المحاذاة", One: "لم يفحص", Many: "لم تفحص", English: "not checked: align again"}, Style{Color: "555E68", Tint: "EEF0F2", Mark: "–"}},
}

// Style is how a verdict is drawn wherever it is shown — the newsroom page,
// the embed and share pages, the HTML and Word reports, the cards of clips
// — so that one verdict has one colour everywhere, and a shape as well for
// readers who do not tell the colours apart. Green and teal say "said as
// printed", red and crimson "not as printed", violet "pieced together",
// amber "listen"; no verdict uses the page's blue (links, focus, the passage
// being played).
type Style struct {
	// Color is the verdict's ink (text, borders, marks) as RGB hex without
	// "#" ("1B6B36"); at least 4.5:1 against white and against Tint.
	Color string `json:"color"`
	// Tint is the verdict's background, RGB hex.
	Tint string `json:"tint"`
	// Mark is a one-character shape that says the verdict without colour:
	// ✓ verbatim, ≈ minor, ≠ altered, ✂ stitched, ⊘ not said, ? unclear.
	Mark string `json:"mark"`
}

// diffLabels are the labels of the kinds of difference, one row per constant.
var diffLabels = map[DiffKind]Label{
	DiffSpelling: {Arabic: "فرق إملائي", English: "spelling"},
	DiffChanged:  {Arabic: "كلمة مختلفة", English: "different word"},
	DiffAdded:    {Arabic: "كلمات أضيفت ولم تُقل", English: "added, never said"},
	DiffOmitted:  {Arabic: "كلمات قيلت وحُذفت دون علامة حذف", English: "omitted without an ellipsis"},
}

// Verdicts are the verdicts in the order a summary lists them, the
// unchecked one last.
var Verdicts = []Verdict{VerdictVerbatim, VerdictMinor, VerdictAltered, VerdictStitched, VerdictNotSaid, VerdictUnclear, VerdictUnchecked}

// DiffKinds are the kinds of difference in the order the documents explain them.
var DiffKinds = []DiffKind{DiffSpelling, DiffChanged, DiffAdded, DiffOmitted}

// Label returns the verdict's label; an unknown verdict is labelled by its
// value in both languages.
func (v Verdict) Label() Label {
	if r, ok := verdicts[v]; ok {
		return r.Label
	}
	return Label{Arabic: string(v), One: string(v), Many: string(v), English: string(v)}
}

// Style returns the verdict's colours and mark; an unknown verdict is drawn
// as the unchecked one.
func (v Verdict) Style() Style {
	if r, ok := verdicts[v]; ok {
		return r.Style
	}
	return verdicts[VerdictUnchecked].Style
}

// Class is the CSS class that carries the verdict's style (VerdictCSS):
// "v-altered", "v-not_said"; "v-unchecked" for the unchecked verdict.
func (v Verdict) Class() string {
	if v == VerdictUnchecked {
		return "v-unchecked"
	}
	return "v-" + string(v)
}

// Said reports whether every word of a quotation with this verdict was
// said: in one stretch (verbatim), up to spelling (minor), or in separate
// stretches (stitched, which its label says). A public page may list such a
// quotation as heard; never an altered, missing or unclear one.
func (v Verdict) Said() bool {
	switch v {
	case VerdictVerbatim, VerdictMinor, VerdictStitched:
		return true
	}
	return false
}

// VerdictCSS is the palette as CSS: every element of class v.Class() gets
// the custom properties --v (ink), --v-tint (background) and --v-mark (the
// shape, a CSS string for content:). The HTML report and the web pages
// style their verdicts with these properties only.
func VerdictCSS() string {
	var b strings.Builder
	for _, v := range Verdicts {
		st := v.Style()
		fmt.Fprintf(&b, ".%s{--v:#%s;--v-tint:#%s;--v-mark:%q}\n", v.Class(), st.Color, st.Tint, st.Mark)
	}
	return b.String()
}

// Label returns the kind's label; an unknown kind is labelled by its value.
func (k DiffKind) Label() Label {
	if l, ok := diffLabels[k]; ok {
		return l
	}
	return Label{Arabic: string(k), English: string(k)}
}

// Vocabulary is the verdicts (labels, colours and marks) and the kinds of
// difference keyed by their values, for a page that must show what the
// server's documents show (the newsroom page reads it from its HTML, see
// api/web).
type Vocabulary struct {
	// Verdicts are in Verdicts' order, without the unchecked verdict.
	Verdicts []VerdictTerm `json:"verdicts"`
	// Unchecked is a quotation stored before the check existed.
	Unchecked   VerdictTerm `json:"unchecked"`
	Differences []Term      `json:"differences"`
}

// Term is one value of a closed vocabulary with its label.
type Term struct {
	ID string `json:"id"`
	Label
}

// VerdictTerm is a verdict with its label, its style, the class that
// carries the style and whether its words were said (Verdict.Said).
type VerdictTerm struct {
	Term
	Style
	Class string `json:"class"`
	Said  bool   `json:"said"`
}

// Term returns the verdict as a vocabulary's term.
func (v Verdict) Term() VerdictTerm {
	return VerdictTerm{Term: Term{ID: string(v), Label: v.Label()}, Style: v.Style(), Class: v.Class(), Said: v.Said()}
}

// Labels returns the vocabulary of the quote check.
func Labels() Vocabulary {
	v := Vocabulary{Unchecked: VerdictUnchecked.Term()}
	for _, vd := range Verdicts {
		if vd != VerdictUnchecked {
			v.Verdicts = append(v.Verdicts, vd.Term())
		}
	}
	for _, k := range DiffKinds {
		v.Differences = append(v.Differences, Term{ID: string(k), Label: k.Label()})
	}
	return v
}

// VerdictCounts counts r's quotations by verdict ({"verbatim": 2,
// "altered": 1}; a quotation stored before the check under the unchecked
// verdict); nil for an article without quotations.
func VerdictCounts(r *Result) map[Verdict]int {
	if len(r.Quotes) == 0 {
		return nil
	}
	count := map[Verdict]int{}
	for _, q := range r.Quotes {
		count[q.Check.Verdict]++
	}
	return count
}

// QuoteCount says how many quotations in Arabic's agreement of a number
// and its noun, as the page's countWord does: «اقتباس واحد», «اقتباسان»,
// «3 اقتباسات» (3–10), «11 اقتباسًا» (11 and up, and 0).
func QuoteCount(n int) string {
	switch r := n % 100; {
	case n == 1:
		return "اقتباس واحد"
	case n == 2:
		return "اقتباسان"
	case r >= 3 && r <= 10:
		return fmt.Sprintf("%d اقتباسات", n)
	}
	return fmt.Sprintf("%d اقتباسًا", n)
}

// Summary is the one line a journalist reads first: «5 اقتباسات: 3 مطابقة،
// 1 محرّف، 1 غير موجود» (the labels' summary forms, Label.One and Many).
func Summary(r *Result) string {
	count := VerdictCounts(r)
	var parts []string
	for _, v := range Verdicts {
		switch n := count[v]; {
		case n == 1:
			parts = append(parts, "1 "+v.Label().One)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, v.Label().Many))
		}
	}
	s := QuoteCount(len(r.Quotes))
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, "، ")
	}
	return s
}
