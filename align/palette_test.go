package align_test

import (
	"math"
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
	colours, marks := map[string]string{}, map[string]string{}
	for _, v := range append(align.Verdicts(), "") {
		st, ok := align.VerdictStyles[v]
		if !ok {
			t.Errorf("verdict %q has no style", v)
			continue
		}
		if align.VerdictLabel[v] == "" {
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
	if len(align.VerdictStyles) != len(align.Verdicts())+1 {
		t.Errorf("VerdictStyles has %d entries, want the %d verdicts and the unchecked one", len(align.VerdictStyles), len(align.Verdicts()))
	}
}

// TestVerdictCSS: the CSS gives every verdict's class its colour, tint and
// mark, so pages style verdicts from the palette and nothing else.
func TestVerdictCSS(t *testing.T) {
	css := align.VerdictCSS()
	for _, v := range append(align.Verdicts(), "") {
		st := align.VerdictStyles[v]
		want := "." + align.VerdictClass(v) + "{--v:#" + st.Color + ";--v-tint:#" + st.Tint + ";--v-mark:\"" + st.Mark + "\"}"
		if !strings.Contains(css, want) {
			t.Errorf("VerdictCSS lacks %s", want)
		}
	}
}
