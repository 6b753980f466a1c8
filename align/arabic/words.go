package arabic

import "strings"

// NumberForm selects how Words spells a number.
type NumberForm int

const (
	// Nominative is the cardinal as written in the subject case: «اثنان», «عشرون», «ألفان».
	Nominative NumberForm = iota
	// Genitive is the cardinal after a preposition, as years are said: «ألفين وخمسة عشر».
	Genitive
	// Ordinal is the definite feminine ordinal, «التاسعة والخمسين», for 1–99;
	// other values fall back to Genitive.
	Ordinal
)

var (
	unitsNom = []string{"صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"}
	tensNom  = []string{"", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"}
	tensGen  = []string{"", "عشرة", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"}
	hundreds = []string{"", "مائة", "مائتان", "ثلاثمائة", "أربعمائة", "خمسمائة", "ستمائة", "سبعمائة", "ثمانمائة", "تسعمائة"}
	ordFem   = []string{"", "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة"}
)

// Words spells n (0 ≤ n ≤ 999,999,999) in Arabic words, the inverse of
// ParseNumber. Out-of-range values are written in digits.
func Words(n int, form NumberForm) string {
	if n < 0 || n > 999999999 {
		return itoa(n)
	}
	if n == 0 {
		return "صفر"
	}
	if form == Ordinal && n < 100 {
		return ordinal(n)
	}
	gen := form != Nominative
	var parts []string
	if m := n / 1000000; m > 0 {
		parts = append(parts, scaled(m, "مليون", "مليونان", "مليونين", "ملايين", "مليونا", gen))
	}
	if t := n / 1000 % 1000; t > 0 {
		parts = append(parts, scaled(t, "ألف", "ألفان", "ألفين", "آلاف", "ألفا", gen))
	}
	if r := n % 1000; r > 0 {
		parts = append(parts, below1000(r, gen))
	}
	return strings.Join(parts, " و")
}

// scaled spells c × scale with the dual and plural forms Arabic uses.
func scaled(c int, one, dualNom, dualGen, plural, acc string, gen bool) string {
	switch {
	case c == 1:
		return one
	case c == 2:
		if gen {
			return dualGen
		}
		return dualNom
	case c <= 10:
		return below1000(c, gen) + " " + plural
	case c%100 >= 11 && c%100 <= 99:
		return below1000(c, gen) + " " + acc
	}
	return below1000(c, gen) + " " + one
}

func below1000(n int, gen bool) string {
	var parts []string
	if h := n / 100; h > 0 {
		w := hundreds[h]
		if h == 2 && gen {
			w = "مائتين"
		}
		parts = append(parts, w)
	}
	if r := n % 100; r > 0 {
		parts = append(parts, below100(r, gen))
	}
	return strings.Join(parts, " و")
}

func below100(n int, gen bool) string {
	tens := tensNom
	if gen {
		tens = tensGen
	}
	u, t := n%10, n/10
	switch {
	case n < 10:
		if n == 2 && gen {
			return "اثنين"
		}
		return unitsNom[n]
	case n == 10:
		return "عشرة"
	case n == 11:
		return "أحد عشر"
	case n == 12:
		if gen {
			return "اثني عشر"
		}
		return "اثنا عشر"
	case n < 20:
		return unitsNom[u] + " عشر"
	case u == 0:
		return tens[t]
	}
	unit := unitsNom[u]
	if u == 2 && gen {
		unit = "اثنين"
	}
	return unit + " و" + tens[t]
}

func ordinal(n int) string {
	u, t := n%10, n/10
	switch {
	case n <= 10:
		return ordFem[n]
	case n == 11:
		return "الحادية عشرة"
	case n < 20:
		return ordFem[u] + " عشرة"
	case u == 0:
		return "ال" + tensGen[t]
	case u == 1:
		return "الحادية وال" + tensGen[t]
	}
	return ordFem[u] + " وال" + tensGen[t]
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	var b [24]byte
	i := len(b)
	for n != 0 {
		d := n % 10
		if d < 0 {
			d = -d
		}
		i--
		b[i] = byte('0' + d)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}
