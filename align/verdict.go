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

// verdictLabels are the labels of the verdicts, one row per constant.
var verdictLabels = map[Verdict]Label{
	VerdictVerbatim:  {Arabic: "مطابق", One: "مطابق", Many: "مطابقة", English: "verbatim"},
	VerdictMinor:     {Arabic: "مطابق بفرق إملائي", One: "بفرق إملائي", Many: "بفروق إملائية", English: "minor: spelling only"},
	VerdictAltered:   {Arabic: "محرّف", One: "محرّف", Many: "محرّفة", English: "altered"},
	VerdictStitched:  {Arabic: "مركّب من مقاطع متفرقة", One: "مركّب من مقاطع", Many: "مركّبة من مقاطع", English: "stitched from separate stretches"},
	VerdictNotSaid:   {Arabic: "غير موجود في التسجيل", One: "غير موجود", Many: "غير موجودة", English: "not in the recording"},
	VerdictUnclear:   {Arabic: "غير واضح — استمع", One: "غير واضح", Many: "غير واضحة", English: "unclear: listen"},
	VerdictUnchecked: {Arabic: "لم يفحص، أعد المحاذاة", One: "لم يفحص", Many: "لم تفحص", English: "not checked: align again"},
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
	if l, ok := verdictLabels[v]; ok {
		return l
	}
	return Label{Arabic: string(v), One: string(v), Many: string(v), English: string(v)}
}

// Label returns the kind's label; an unknown kind is labelled by its value.
func (k DiffKind) Label() Label {
	if l, ok := diffLabels[k]; ok {
		return l
	}
	return Label{Arabic: string(k), English: string(k)}
}

// Vocabulary is the verdict and difference labels keyed by their values,
// for a page that must show what the server's documents show (the newsroom
// page reads it from its HTML, see api/web).
type Vocabulary struct {
	// Verdicts are in Verdicts' order, without the unchecked verdict.
	Verdicts    []Term `json:"verdicts"`
	Differences []Term `json:"differences"`
}

// Term is one value of a closed vocabulary with its label.
type Term struct {
	ID string `json:"id"`
	Label
}

// Labels returns the vocabulary of the quote check.
func Labels() Vocabulary {
	var v Vocabulary
	for _, vd := range Verdicts {
		if vd != VerdictUnchecked {
			v.Verdicts = append(v.Verdicts, Term{ID: string(vd), Label: vd.Label()})
		}
	}
	for _, k := range DiffKinds {
		v.Differences = append(v.Differences, Term{ID: string(k), Label: k.Label()})
	}
	return v
}

// Summary is the one line a journalist reads first: «5 اقتباسات: 3 مطابقة،
// 1 محرّف، 1 غير موجود» (the labels' summary forms, Label.One and Many).
func Summary(r *Result) string {
	count := map[Verdict]int{}
	for _, q := range r.Quotes {
		count[q.Check.Verdict]++
	}
	var parts []string
	for _, v := range Verdicts {
		switch n := count[v]; {
		case n == 1:
			parts = append(parts, "1 "+v.Label().One)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, v.Label().Many))
		}
	}
	s := fmt.Sprintf("%d اقتباسات", len(r.Quotes))
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, "، ")
	}
	return s
}
