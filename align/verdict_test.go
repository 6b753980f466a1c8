package align_test

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
)

// luminance is the WCAG relative luminance of an RGB hex colour.
func luminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) != 6 {
		t.Fatalf("colour %q: want six hex digits", hex)
	}
	var l [3]float64
	for i := range l {
		v, err := strconv.ParseUint(hex[2*i:2*i+2], 16, 8)
		if err != nil {
			t.Fatalf("colour %q: %v", hex, err)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			l[i] = c / 12.92
		} else {
			l[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func contrast(t *testing.T, a, b string) float64 {
	la, lb := luminance(t, a), luminance(t, b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

// TestVerdictPalette: every verdict has one style, with a label, a colour
// readable on white and on its own tint (WCAG AA, 4.5:1), and a mark of its
// own; no two verdicts share a colour or a mark.
func TestVerdictPalette(t *testing.T) {
	colours, marks := map[string]align.Verdict{}, map[string]align.Verdict{}
	for _, v := range align.Verdicts {
		st := v.Style()
		if v.Label().Arabic == "" || v.Label().Arabic == string(v) {
			t.Errorf("verdict %q has no label", v)
		}
		if c := contrast(t, st.Color, "FFFFFF"); c < 4.5 {
			t.Errorf("verdict %q: colour %s on white is %.2f:1, want at least 4.5:1", v, st.Color, c)
		}
		if c := contrast(t, st.Color, st.Tint); c < 4.5 {
			t.Errorf("verdict %q: colour %s on its tint %s is %.2f:1, want at least 4.5:1", v, st.Color, st.Tint, c)
		}
		if st.Mark == "" {
			t.Errorf("verdict %q has no mark", v)
		}
		if o, dup := colours[st.Color]; dup {
			t.Errorf("verdicts %q and %q share the colour %s", o, v, st.Color)
		}
		if o, dup := marks[st.Mark]; dup {
			t.Errorf("verdicts %q and %q share the mark %s", o, v, st.Mark)
		}
		colours[st.Color], marks[st.Mark] = v, v
	}
}

// TestVerdictCSS: the CSS gives every verdict's class its colour, tint and
// mark, so pages style verdicts from the palette and nothing else.
func TestVerdictCSS(t *testing.T) {
	css := align.VerdictCSS()
	for _, v := range align.Verdicts {
		st := v.Style()
		want := "." + v.Class() + "{--v:#" + st.Color + ";--v-tint:#" + st.Tint + ";--v-mark:\"" + st.Mark + "\"}"
		if !strings.Contains(css, want) {
			t.Errorf("VerdictCSS lacks %s", want)
		}
	}
	if align.VerdictUnchecked.Class() != "v-unchecked" || align.VerdictNotSaid.Class() != "v-not_said" {
		t.Errorf("classes %q, %q", align.VerdictUnchecked.Class(), align.VerdictNotSaid.Class())
	}
}

// TestVocabularyCarriesThePalette: the vocabulary the page reads gives each
// verdict its label, colour, mark and class with it, from the one table, and
// says which verdicts' words were said (what a public page may list).
func TestVocabularyCarriesThePalette(t *testing.T) {
	voc := align.Labels()
	said := map[string]bool{}
	for _, term := range append(voc.Verdicts, voc.Unchecked) {
		v := align.Verdict(term.ID)
		if term.Label != v.Label() || term.Style != v.Style() || term.Class != v.Class() || term.Said != v.Said() {
			t.Errorf("term %+v is not verdict %q's label, style and class", term, v)
		}
		said[term.ID] = term.Said
	}
	want := map[string]bool{"verbatim": true, "minor": true, "stitched": true, "altered": false, "not_said": false, "unclear": false, "": false}
	if !reflect.DeepEqual(said, want) {
		t.Errorf("said: %v, want %v", said, want)
	}
}

// TestQuoteCount: the number and its noun agree as Arabic has them (the
// summary said «1 اقتباسات»).
func TestQuoteCount(t *testing.T) {
	for n, want := range map[int]string{0: "0 اقتباسًا", 1: "اقتباس واحد", 2: "اقتباسان", 3: "3 اقتباسات", 10: "10 اقتباسات", 11: "11 اقتباسًا", 103: "103 اقتباسات", 111: "111 اقتباسًا"} {
		if got := align.QuoteCount(n); got != want {
			t.Errorf("QuoteCount(%d) = %q, want %q", n, got, want)
		}
	}
}
