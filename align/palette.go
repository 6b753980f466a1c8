package align

import (
	"fmt"
	"strings"
)

// VerdictStyle is how a verdict is drawn wherever it is shown — the
// newsroom page, the embed and share pages, the HTML and Word reports and
// the cards of clips — so that one verdict has one colour everywhere, and a
// shape as well, for readers who do not tell the colours apart. The label
// is VerdictLabel's.
type VerdictStyle struct {
	// Color is the verdict's ink (text, borders, marks) as RGB hex without
	// "#" ("1B6B36"); at least 4.5:1 against white and against Tint.
	Color string
	// Tint is the verdict's background, RGB hex.
	Tint string
	// Mark is a one-character shape that says the verdict without colour:
	// ✓ verbatim, ≈ minor, ≠ altered, ✂ stitched, ⊘ not said, ? unclear.
	Mark string
}

// VerdictStyles is the one palette of the verdicts, by verdict; "" is a
// quotation stored before the check existed. Green and teal say "said as
// printed", red and crimson say "not as printed", violet "pieced
// together", amber "listen". No verdict uses the page's blue (links,
// focus, the passage being played).
var VerdictStyles = map[string]VerdictStyle{
	VerdictVerbatim: {Color: "1B6B36", Tint: "E3F3E8", Mark: "✓"},
	VerdictMinor:    {Color: "0B6470", Tint: "DDF1F4", Mark: "≈"},
	VerdictAltered:  {Color: "B0231B", Tint: "FDE6E3", Mark: "≠"},
	VerdictStitched: {Color: "6B3FB0", Tint: "EFE8FA", Mark: "✂"},
	VerdictNotSaid:  {Color: "8E1650", Tint: "FBE4EF", Mark: "⊘"},
	VerdictUnclear:  {Color: "8A5300", Tint: "FDF0D5", Mark: "?"},
	"":              {Color: "555E68", Tint: "EEF0F2", Mark: "–"},
}

// Verdicts lists the verdicts in the order a summary names them, from said
// as printed to not said; the unchecked "" is not among them.
func Verdicts() []string {
	return []string{VerdictVerbatim, VerdictMinor, VerdictAltered, VerdictStitched, VerdictNotSaid, VerdictUnclear}
}

// DiffKinds lists the kinds of difference.
func DiffKinds() []string {
	return []string{DiffSpelling, DiffChanged, DiffAdded, DiffOmitted}
}

// VerdictClass is the class that carries verdict v's style: "v-altered",
// "v-not_said"; "v-unchecked" for "".
func VerdictClass(v string) string {
	if v == "" {
		return "v-unchecked"
	}
	return "v-" + v
}

// VerdictCSS is the palette as CSS: every element of class VerdictClass(v)
// gets the custom properties --v (ink), --v-tint (background) and --v-mark
// (the shape, a CSS string for content:). The HTML report and the web
// pages style their verdicts with these properties only.
func VerdictCSS() string {
	var b strings.Builder
	for _, v := range append(Verdicts(), "") {
		st := VerdictStyles[v]
		fmt.Fprintf(&b, ".%s{--v:#%s;--v-tint:#%s;--v-mark:%q}\n", VerdictClass(v), st.Color, st.Tint, st.Mark)
	}
	return b.String()
}
