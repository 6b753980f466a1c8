package quotecheck

import (
	"slices"
	"strings"

	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/quotecheck/hunspell"
)

// Lexicon tells a real Arabic word from a non-word, and gives a word's
// stems (its lemma without clitics and inflection). hunspell.Dictionary
// is one.
type Lexicon interface {
	Spell(word string) bool
	Stems(word string) []string
}

var _ Lexicon = (*hunspell.Dictionary)(nil)

// DefaultLexicon is the Arabic dictionary of hunspell-ar (Ayaspell), loaded
// once for the process; nil, and the reason, when this binary or machine
// has none. Without a lexicon the check cannot tell another real word one
// or two letters away («ثنائية» printed for «ثلاثية») from a spelling slip,
// and takes every such pair for a spelling difference, as before issue 19.
func DefaultLexicon() (Lexicon, error) {
	d, err := hunspell.Default()
	if err != nil {
		return nil, err
	}
	return d, nil
}

// otherWord reports whether the printed word of article unit a, alike in
// letters to the word said, speech unit t, is another word (lookAlike);
// without a lexicon, whether it may be one: one word each, no number, not
// alike in sound (soundAlike: the recogniser's spelling of it).
func (ck *checker) otherWord(a, t int32) bool {
	if ck.lex != nil {
		return ck.lookAlike(a, t)
	}
	return ck.oneWord(a, t) && !soundAlike(ck.printed(a), ck.spoken([]int32{t}))
}

// oneWord reports whether article unit a and speech unit t are one word
// each, neither a number.
func (ck *checker) oneWord(a, t int32) bool {
	ua, ut := ck.au[a], ck.tu[t]
	return ua.Hi-ua.Lo == 1 && ut.Hi-ut.Lo == 1 && !isNumber(ua.Word.Key) && !isNumber(ut.Word.Key)
}

// lookAlike reports whether the printed word of article unit a and the
// word said, speech unit t — alike in letters (a similarity from
// spellingWord to sameWord) — are two real words of two lemmas: another
// word, not the same word written otherwise. Both must be words of the
// lexicon and share no stem; a printed non-word is a typo, a spoken
// non-word the recogniser's spelling, and two forms of one lemma
// («الملتزمين» for «الملتزمون») a grammatical tidy-up.
//
// A real word printed where a number was said («عذرين» for «عشرين»,
// «الأذن» for «الأول») is another word too, unless it sounds like the
// number's words: the printed word is no number, so no spelling of it.
func (ck *checker) lookAlike(a, t int32) bool {
	if ck.lex == nil {
		return false
	}
	ua, ut := ck.au[a], ck.tu[t]
	if ua.Hi-ua.Lo == 1 && ut.Hi-ut.Lo == 1 && !isNumber(ua.Word.Key) && isNumber(ut.Word.Key) {
		p := ck.art.Words[ua.Lo].Text
		return ck.spell(p) && !soundsLikeNumber(p, ck.tw[ut.Lo].Text)
	}
	if !ck.oneWord(a, t) {
		return false
	}
	p, s := ck.art.Words[ua.Lo].Text, ck.tw[ut.Lo].Text
	if !ck.spell(p) || !ck.spell(s) {
		return false
	}
	stems := map[string]bool{}
	for _, st := range ck.stems(p) {
		stems[arabic.Key(st)] = true
	}
	for _, st := range ck.stems(s) {
		if stems[arabic.Key(st)] {
			return false
		}
	}
	return true
}

// soundsLikeNumber reports whether word w sounds like number n as said
// (n in words, or in digits read in either case).
func soundsLikeNumber(w, n string) bool {
	if v, ok := arabic.DigitValue(arabic.Key(n)); ok {
		for _, f := range []arabic.NumberForm{arabic.Nominative, arabic.Genitive} {
			if soundAlike(w, arabic.Words(v, f)) {
				return true
			}
		}
		return false
	}
	return soundAlike(w, n)
}

// spell is IsWord with the checker's lexicon, cached.
func (ck *checker) spell(w string) bool {
	v, ok := ck.spelled[w]
	if !ok {
		v = IsWord(ck.lex, w)
		ck.spelled[w] = v
	}
	return v
}

// IsWord reports whether w, or another spelling of it with the same key,
// is a word of lex: recognisers and writers vary the seat of a hamza and
// the end of a word («المقبله» is «المقبلة»; «اضافيا», «إضافيا»). It is
// what the check takes for a real word; false without a lexicon.
func IsWord(lex Lexicon, w string) bool {
	return lex != nil && (lex.Spell(w) || respelt(lex, w) != "")
}

func (ck *checker) stems(w string) []string { return Stems(ck.lex, w) }

// Stems are the stems of w by lex, or of the other spelling of it that lex
// knows (see IsWord); none without a lexicon.
func Stems(lex Lexicon, w string) []string {
	if lex == nil {
		return nil
	}
	if st := lex.Stems(w); len(st) > 0 {
		return st
	}
	if r := respelt(lex, w); r != "" {
		return lex.Stems(r)
	}
	return nil
}

// respelt returns the first other spelling of w with the same key that is
// a word of the lexicon, "" when none: a final ه as ة, a final ي as ى and
// back, a hamza on another seat, the alef after «ال» as أ or إ, and a
// first alef as أ or إ — only when the hamza is the stem's («إضافيا»),
// not the question particle Ayaspell also reads there («أمناقصة»).
func respelt(lex Lexicon, w string) string {
	rs := []rune(w)
	if len(rs) < 2 {
		return ""
	}
	try := func(i int, r rune) string {
		c := slices.Clone(rs)
		c[i] = r
		if s := string(c); lex.Spell(s) {
			return s
		}
		return ""
	}
	last := len(rs) - 1
	alts := map[rune]rune{'ه': 'ة', 'ي': 'ى', 'ى': 'ي'}
	if r, ok := alts[rs[last]]; ok {
		if s := try(last, r); s != "" {
			return s
		}
	}
	for i, r := range rs {
		seat := map[rune]rune{'ئ': 'ؤ', 'ؤ': 'ئ'}[r]
		if seat == 0 && r == 'ا' && i == 2 && rs[0] == 'ا' && rs[1] == 'ل' {
			seat = 'أ'
		}
		if seat != 0 {
			if s := try(i, seat); s != "" {
				return s
			}
			if r == 'ا' {
				if s := try(i, 'إ'); s != "" {
					return s
				}
			}
		}
	}
	if rs[0] == 'ا' && !(len(rs) > 2 && rs[1] == 'ل') {
		for _, h := range []rune{'أ', 'إ'} {
			if s := try(0, h); s != "" && slices.ContainsFunc(lex.Stems(s), func(st string) bool {
				return strings.HasPrefix(st, string(h))
			}) {
				return s
			}
		}
	}
	return ""
}

// soundAlike reports whether two words (as written) sound alike — the
// recogniser easily writes one for the other, so a pair of them is no
// evidence of a change: the words, or their stems (proclitics aside),
// differ only by letters a recogniser confuses by ear and long vowels
// (alikeInSound), read on their soundForm.
func soundAlike(a, b string) bool {
	x, y := soundForm(a), soundForm(b)
	return alikeInSound(x, y) || alikeInSound(arabic.Stem(x), arabic.Stem(y))
}

// hamzaSeats writes a hamza on an alef as the hamza it is: a consonant,
// which the matching key folds into the long vowel ا.
var hamzaSeats = strings.NewReplacer("أ", "ء", "إ", "ء", "آ", "ءا")

// soundForm is a word's key with its hamzas kept as consonants («الأمن» is
// «الءمن», not «الامن»).
func soundForm(w string) string { return arabic.Key(hamzaSeats.Replace(w)) }

// alikeInSound reports whether keys x and y differ only by pairs of
// letters a recogniser confuses (ص/س, ط/ت, ض/د/ظ, ظ/ز/ذ, ذ/د, ث/س/ت,
// ق/ك/ء/ا, ح/ه, ع/ء/ا, a final ت/ه), and by the long vowels ا و ي
// dropped or added after the first letter (Whisper drops and adds them:
// «الحالي» / «الحلي», «قبل» / «قبيل»).
func alikeInSound(x, y string) bool {
	a, b := []rune(x), []rune(y)
	if len(a) > 32 || len(b) > 32 || len(a) == 0 || len(b) == 0 {
		return x == y
	}
	weak := func(r rune, i int) bool { return i > 0 && (r == 'ا' || r == 'و' || r == 'ي') }
	// ok[i][j]: a[:i] and b[:j] sound alike (a DP on at most 33 × 33 cells).
	var ok [33][33]bool
	ok[0][0] = true
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b); j++ {
			switch {
			case ok[i][j]:
			case i > 0 && j > 0 && ok[i-1][j-1] && sameSound(a[i-1], b[j-1], i == len(a) && j == len(b)):
				ok[i][j] = true
			case i > 0 && ok[i-1][j] && weak(a[i-1], i-1):
				ok[i][j] = true
			case j > 0 && ok[i][j-1] && weak(b[j-1], j-1):
				ok[i][j] = true
			}
		}
	}
	return ok[len(a)][len(b)]
}

// sameSound reports letters a recogniser hears for one another (last: at
// the end of both words, where ت and ة are one sound).
func sameSound(r, q rune, last bool) bool {
	if r == q {
		return true
	}
	if r > q {
		r, q = q, r
	}
	if last && (r == 'ت' && q == 'ه') {
		return true
	}
	return confusablePairs[[2]rune{r, q}]
}

// confusablePairs are the letters a recogniser confuses by ear, the lower
// code point first.
var confusablePairs = func() map[[2]rune]bool {
	m := map[[2]rune]bool{}
	for _, p := range []string{"صس", "طت", "ضد", "ضظ", "ظز", "ظذ", "ذز", "ذد", "ثس", "ثت", "قك", "قء", "قا", "حه", "عء", "عا", "ءا"} {
		rs := []rune(p)
		r, q := min(rs[0], rs[1]), max(rs[0], rs[1])
		m[[2]rune{r, q}] = true
	}
	return m
}()

// skeleton is a key as the ear tells it apart, for looking a word up in a
// set: the letters of confusablePairs folded together, the long vowels
// dropped after the first letter, a final ت read as ة.
func skeleton(k string) string {
	rs := []rune(k)
	out := rs[:0:0]
	for i, r := range rs {
		if f, ok := soundFold[r]; ok {
			r = f
		}
		if i == len(rs)-1 && r == 'ت' {
			r = 'ه'
		}
		if i > 0 && (r == 'ا' || r == 'و' || r == 'ي') {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

var soundFold = map[rune]rune{
	'ط': 'ت', 'ث': 'س', 'ص': 'س', 'ض': 'د', 'ذ': 'ز', 'ظ': 'ز', 'ح': 'ه', 'ق': 'ك', 'ع': 'ا', 'ء': 'ا',
}
