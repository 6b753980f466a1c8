package quotecheck

import (
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

// lookAlike reports whether the printed word of article unit a and the
// word said, speech unit t — alike in letters (a similarity from
// spellingWord to sameWord) — are two real words of two lemmas: another
// word, not the same word written otherwise. Both must be words of the
// lexicon and share no stem; a printed non-word is a typo, a spoken
// non-word the recogniser's spelling, and two forms of one lemma
// («الملتزمين» for «الملتزمون») a grammatical tidy-up.
func (ck *checker) lookAlike(a, t int32) bool {
	if ck.lex == nil {
		return false
	}
	ua, ut := ck.au[a], ck.tu[t]
	if ua.Hi-ua.Lo != 1 || ut.Hi-ut.Lo != 1 || isNumber(ua.Word.Key) || isNumber(ut.Word.Key) {
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

func (ck *checker) spell(w string) bool {
	v, ok := ck.spelled[w]
	if !ok {
		v = ck.lex.Spell(w)
		ck.spelled[w] = v
	}
	return v
}

func (ck *checker) stems(w string) []string { return ck.lex.Stems(w) }

// soundKey is a word's key with the letters a recogniser confuses by ear
// folded together (ت ط, ث س ص, د ض, ذ ز ظ, ح ه, ق ك, ع ء ا, خ غ).
func soundKey(k string) string {
	rs := []rune(k)
	for i, r := range rs {
		if f, ok := soundFold[r]; ok {
			rs[i] = f
		}
	}
	return string(rs)
}

var soundFold = map[rune]rune{
	'ط': 'ت', 'ث': 'س', 'ص': 'س', 'ض': 'د', 'ذ': 'ز', 'ظ': 'ز', 'ح': 'ه', 'ق': 'ك', 'ع': 'ا', 'ء': 'ا', 'غ': 'خ',
}

// soundFactor is the likelihood ratio of a change between two real words
// alike in letters: 0.25 when they also sound alike (the recogniser easily
// hears one for the other: «الصيف» / «السيف»), else 1.
func soundFactor(a, b *arabic.Word) float64 {
	if soundKey(a.Key) == soundKey(b.Key) {
		return 0.25
	}
	return 1
}
