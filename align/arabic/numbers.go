package arabic

import (
	"strconv"
	"strings"
)

// numClass is the grammatical role of a number word.
type numClass uint8

const (
	numNone     numClass = iota
	numUnit              // 0–9, also ordinals «الأول», «التاسعة»
	numTen               // 10: «عشرة», also the second word of 11–19
	numTens              // 20–90
	numHundred           // 100–900
	numThousand          // 1000 or 2000 (alone), or ×1000 after a count
	numMillion           // 1e6 or 2e6 (alone), or ×1e6 after a count
)

type numWord struct {
	v   int
	cls numClass
}

// numWords maps number-word keys (after Key, without «ال» or «و») to values.
// Cardinals masculine and feminine, nominative and genitive, and the
// ordinals that news copy uses.
var numWords = func() map[string]numWord {
	m := map[string]numWord{"صفر": {0, numUnit}}
	add := func(v int, cls numClass, keys ...string) {
		for _, k := range keys {
			m[Key(k)] = numWord{v, cls}
		}
	}
	add(1, numUnit, "واحد", "واحده", "احد", "احدي", "اول", "اولي", "حادي", "حاديه")
	add(2, numUnit, "اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي", "ثنتان", "ثنتين", "ثاني", "ثانيه", "ثان")
	add(3, numUnit, "ثلاث", "ثلاثه", "ثالث", "ثالثه")
	add(4, numUnit, "اربع", "اربعه", "رابع", "رابعه")
	add(5, numUnit, "خمس", "خمسه", "خامس", "خامسه")
	add(6, numUnit, "ست", "سته", "سادس", "سادسه")
	add(7, numUnit, "سبع", "سبعه", "سابع", "سابعه")
	add(8, numUnit, "ثمان", "ثماني", "ثمانيه", "ثامن", "ثامنه")
	add(9, numUnit, "تسع", "تسعه", "تاسع", "تاسعه")
	add(10, numTen, "عشر", "عشره", "عاشر", "عاشره")
	tens := [][]string{
		{"عشرون", "عشرين"}, {"ثلاثون", "ثلاثين"}, {"اربعون", "اربعين"}, {"خمسون", "خمسين"},
		{"ستون", "ستين"}, {"سبعون", "سبعين"}, {"ثمانون", "ثمانين"}, {"تسعون", "تسعين"},
	}
	for i, ks := range tens {
		add(20+10*i, numTens, ks...)
	}
	add(100, numHundred, "مئة", "مائة", "مية", "ميه")
	add(200, numHundred, "مئتان", "مئتين", "مائتان", "مائتين", "مئتا", "مائتا", "مئتي", "مائتي")
	stems := []string{"ثلاث", "اربع", "خمس", "ست", "سبع", "ثمان", "تسع"}
	for i, s := range stems {
		add(100*(i+3), numHundred, s+"مئة", s+"مائة")
	}
	add(800, numHundred, "ثمانيمئة", "ثمانيمائة")
	add(1000, numThousand, "الف", "الفا", "الاف")
	add(2000, numThousand, "الفان", "الفين", "الفا", "الفي")
	m[Key("ألفا")] = numWord{1000, numThousand} // «أحد عشر ألفًا»: a count follows before it
	add(1000000, numMillion, "مليون", "مليونا", "ملايين")
	add(2000000, numMillion, "مليونان", "مليونين")
	return m
}()

// lookupNum finds a number word, trying the key as is, then without «و»,
// «ال» and «وال». wa reports whether a conjunction «و» was removed.
// Inside a number (inner), «وأحد» is «و» + «أحد», not «واحد».
func lookupNum(k string, inner bool) (w numWord, wa, ok bool) {
	if w, ok := numWords[k]; ok && !(inner && strings.HasPrefix(k, "و")) {
		return w, false, true
	}
	if s, found := strings.CutPrefix(k, "و"); found {
		if w, ok := numWords[s]; ok {
			return w, true, true
		}
		if w, ok := numWords[k]; ok {
			return w, false, true
		}
		if s2, found := strings.CutPrefix(s, "ال"); found {
			if w, ok := numWords[s2]; ok {
				return w, true, true
			}
		}
	}
	if s, found := strings.CutPrefix(k, "ال"); found {
		if w, ok := numWords[s]; ok {
			return w, false, true
		}
	}
	return numWord{}, false, false
}

// maxDigits bounds the digit strings read as numbers.
const maxDigits = 9

// DigitValue returns the value of a key made only of ASCII digits.
func DigitValue(k string) (int, bool) {
	if k == "" || len(k) > maxDigits {
		return 0, false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < '0' || k[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.Atoi(k)
	return v, err == nil
}

// ParseNumber reads a number written in words at the start of keys (each a
// Key) and returns its value and the number of keys used; n is 0 when
// keys[0] is not a number word. It reads cardinals and ordinals, masculine
// and feminine, joined by «و» as Arabic writes them: «التاسعة والخمسين» is
// 59, «ألفين وخمسة عشر» is 2015, «ثلاثة آلاف وخمسمائة» is 3500.
func ParseNumber(keys []string) (value, n int) {
	var total, cur int // cur is the part below the current multiplier
	var hasU, hasT, hasH bool
	lastCls := numNone
	for n < len(keys) {
		w, wa, ok := lookupNum(keys[n], n > 0)
		if !ok {
			break
		}
		if n > 0 && !wa {
			// Without «و», only these continue a number: the «عشر» of
			// 11–19, a multiplier after its count, «مائة» after 3–9.
			cont := (w.cls == numTen && lastCls == numUnit && !hasT) ||
				((w.cls == numThousand || w.cls == numMillion) && cur > 0 && lastCls != numThousand && lastCls != numMillion) ||
				(w.cls == numHundred && w.v == 100 && lastCls == numUnit && cur >= 3 && cur <= 9 && !hasH)
			if !cont {
				break
			}
			switch w.cls {
			case numTen:
				cur += 10
				hasT = true
			case numHundred:
				cur = cur * 100
				hasH, hasU = true, false
			default:
				total += cur * w.v / unitOf(w)
				cur, hasU, hasT, hasH = 0, false, false, false
			}
			lastCls = w.cls
			n++
			continue
		}
		switch w.cls {
		case numUnit:
			if hasU || hasT {
				return finish(total, cur, n)
			}
			cur += w.v
			hasU = true
		case numTen:
			if hasU || hasT {
				return finish(total, cur, n)
			}
			cur += 10
			hasT = true
		case numTens:
			if hasT {
				return finish(total, cur, n)
			}
			cur += w.v
			hasT = true
		case numHundred:
			if hasH || hasU || hasT {
				return finish(total, cur, n)
			}
			cur += w.v
			hasH = true
		case numThousand, numMillion:
			if n > 0 && (total >= w.v || cur > 0) {
				return finish(total, cur, n)
			}
			total += w.v
		}
		lastCls = w.cls
		n++
	}
	return finish(total, cur, n)
}

func unitOf(w numWord) int {
	if w.cls == numMillion {
		if w.v == 2000000 {
			return 2
		}
		return 1
	}
	if w.v == 2000 {
		return 2
	}
	return 1
}

func finish(total, cur, n int) (int, int) {
	if n == 0 {
		return 0, 0
	}
	return total + cur, n
}

// NumberKey is the matching key of a number however it is written: «59»,
// «٥٩» and «التاسعة والخمسين» all have the key "#59".
func NumberKey(v int) string { return "#" + itoa(v) }
