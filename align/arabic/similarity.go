package arabic

import "strings"

// Stem removes the proclitics a word may carry — one of «و» «ف», then one of
// «ب» «ل» «ك», then the article «ال» (and «لل» for ل+ال) — from a key,
// keeping at least two letters. «وبالأمن» and «الأمن» both give «امن».
func Stem(k string) string {
	s := k
	if r, ok := cutClitic(s, "و", "ف"); ok {
		s = r
	}
	if r, ok := cutClitic(s, "لل"); ok {
		return r
	}
	if r, ok := cutClitic(s, "ب", "ل", "ك"); ok {
		s = r
	}
	if r, ok := cutClitic(s, "ال"); ok {
		s = r
	}
	return s
}

// cutClitic removes the first matching prefix when at least two runes remain.
func cutClitic(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if r, ok := strings.CutPrefix(s, p); ok && runeCountAtLeast(r, 2) {
			return r, true
		}
	}
	return s, false
}

func runeCountAtLeast(s string, n int) bool {
	c := 0
	for range s {
		c++
		if c >= n {
			return true
		}
	}
	return false
}

// Word is a key prepared for repeated comparison.
type Word struct {
	Key  string
	Stem string
	// lam is the other reading of a word written with «لل»: ل and a word
	// that starts with ل after its «ال» («للجنة» is ل + «اللجنة»), whose
	// stem keeps that ل; "" for other words.
	lam  string
	key  []rune
	stem []rune
}

// NewWord prepares key (a Key) for Similarity.
func NewWord(key string) Word {
	st := Stem(key)
	w := Word{Key: key, Stem: st, key: []rune(key), stem: []rune(st)}
	if k, ok := cutClitic(key, "و", "ف"); (ok && strings.HasPrefix(k, "لل") || strings.HasPrefix(key, "لل")) && st != key {
		w.lam = "ل" + st
	}
	return w
}

// Similarity scores two keys from 0 (unrelated) to 1 (same key):
// 1 for equal keys, 0.9 when they differ only by proclitics («بالأمن» ~
// «الأمن»), otherwise the character similarity 1 − edit distance / length of
// the better of the whole words and the stems, capped at 0.85. Numbers
// («#59») match only themselves.
func Similarity(a, b *Word) float64 {
	if a.Key == b.Key {
		return 1
	}
	if isNum(a.Key) || isNum(b.Key) {
		return 0
	}
	if a.Stem == b.Stem || a.lam != "" && a.lam == b.Stem || b.lam != "" && b.lam == a.Stem {
		return 0.9
	}
	best := ratio(a.key, b.key)
	if s := ratio(a.stem, b.stem); s > best {
		best = s
	}
	if best > 0.85 {
		best = 0.85
	}
	return best
}

func isNum(k string) bool { return k != "" && k[0] == '#' }

// ratio is 1 − Levenshtein(a, b)/max(len a, len b); 0 when the lengths alone
// rule out a ratio of 0.5.
func ratio(a, b []rune) float64 {
	la, lb := len(a), len(b)
	mx := max(la, lb)
	if mx == 0 {
		return 1
	}
	if d := la - lb; d*2 > mx || -d*2 > mx {
		return 0
	}
	if la > 32 || lb > 32 {
		return 0
	}
	var row [33]int
	for j := 0; j <= lb; j++ {
		row[j] = j
	}
	for i := 1; i <= la; i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= lb; j++ {
			cur := row[j]
			c := prev
			if a[i-1] != b[j-1] {
				c++
			}
			if row[j]+1 < c {
				c = row[j] + 1
			}
			if row[j-1]+1 < c {
				c = row[j-1] + 1
			}
			row[j] = c
			prev = cur
		}
	}
	return 1 - float64(row[lb])/float64(mx)
}
