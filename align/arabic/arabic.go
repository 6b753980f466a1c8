// Package arabic turns Arabic text into matching keys for the aligner.
//
// A key is what two spellings of the same word have in common: NFKC, no
// tashkeel or Quranic marks, no tatweel, one alef (أ إ آ ٱ → ا), ى→ي, ة→ه,
// one hamza whatever its seat (ؤ ئ ء → ء, and يء → ء: «مسؤولية» and
// «مسئولية», «شيء» and «شئ» share a key), Persian ی/ک folded,
// Arabic-Indic and Eastern Arabic-Indic digits as ASCII, Latin in lower
// case. The alignment, the quotation check and search all match on it. Tokens keep their original text and rune
// offsets so that callers can point back into the text exactly as given.
//
// Unlike Whisper's BasicTextNormalizer, marks are dropped rather than turned
// into spaces, so a vocalised word stays one token.
package arabic

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text.
type Token struct {
	// Text is the word exactly as it appears in the source.
	Text string
	// Key is the normalised matching key; never empty.
	Key string
	// Start and End are rune offsets into the source, End exclusive.
	Start, End int
}

// Key returns the matching key of s, which is normally one token. Runes that
// separate words are dropped, also those that NFKC brings out of a ligature
// (ﷺ becomes «صلى الله عليه وسلم»), so a key never holds a separator and a
// token has one key; Key(Key(s)) == Key(s).
func Key(s string) string {
	if s == "" {
		return ""
	}
	if !norm.NFKC.IsNormalString(s) {
		s = norm.NFKC.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	prev, hamzaOnly := rune(0), true
	for _, r := range s {
		r2, ok := fold(r)
		if !ok || !isWordRune(r2) {
			continue
		}
		if r2 == hamza && prev == 'ي' {
			// «شيء» / «شئ», «مجيءه» / «مجيئه»: the ya is the hamza's seat.
			k := b.String()
			b.Reset()
			b.WriteString(k[:len(k)-len("ي")])
		}
		b.WriteRune(r2)
		prev, hamzaOnly = r2, hamzaOnly && r2 == hamza
	}
	if hamzaOnly {
		return "" // a lone hamza is no word
	}
	return b.String()
}

// KeySet is the set of the keys of the space-separated words, for word
// lists compared by key («قال قالت يقول»).
func KeySet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[Key(w)] = true
	}
	return m
}

// hamza is the key's one hamza, whatever its seat.
const hamza = 'ء'

// fold maps one rune of NFKC text to its key rune; ok is false when the rune
// is dropped.
func fold(r rune) (rune, bool) {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A'), true
		}
		return r, true
	case isMark(r), r == 0x0640: // tatweel
		return 0, false
	case r == 0x0621, r == 0x0624, r == 0x0626: // ء ؤ ئ
		return hamza, true
	case r == 0x0622, r == 0x0623, r == 0x0625, r == 0x0671: // آ أ إ ٱ
		return 'ا', true
	case r == 0x0649, r == 0x06CC: // ى ی
		return 'ي', true
	case r == 0x0629: // ة
		return 'ه', true
	case r == 0x06A9: // ک
		return 'ك', true
	case 0x0660 <= r && r <= 0x0669:
		return '0' + (r - 0x0660), true
	case 0x06F0 <= r && r <= 0x06F9:
		return '0' + (r - 0x06F0), true
	case unicode.IsMark(r):
		// Other combining marks (including Latin accents after NFKC) carry no
		// spelling the aligner can use.
		return 0, false
	}
	return unicode.ToLower(r), true
}

// isMark reports the Arabic marks the key drops: tashkeel and Quranic
// annotation signs (U+0610–061A, U+064B–065F, U+0670, U+06D6–06ED).
func isMark(r rune) bool {
	return (0x0610 <= r && r <= 0x061A) || (0x064B <= r && r <= 0x065F) || r == 0x0670 || (0x06D6 <= r && r <= 0x06ED)
}

// isWordRune reports whether r belongs to a word. Everything else — spaces,
// ASCII punctuation, ، ؛ ؟ « » “ ” and other symbols — separates words.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	switch r {
	case 0x060C, 0x061B, 0x061F, 0x066A, 0x066B, 0x066C, 0x066D, 0x06D4: // ، ؛ ؟ ٪ ٫ ٬ ٭ ۔
		return false
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == 0x0640
}

// Tokenize splits text into words. Tokens whose key would be empty (a lone
// hamza, stray marks) are skipped. Offsets are in runes.
func Tokenize(text string) []Token {
	return AppendTokens(nil, text)
}

// AppendTokens appends the tokens of text to dst and returns the extended slice.
func AppendTokens(dst []Token, text string) []Token {
	start, startByte := -1, 0
	i := 0
	flush := func(endByte, end int) {
		word := text[startByte:endByte]
		if k := Key(word); k != "" {
			dst = append(dst, Token{Text: word, Key: k, Start: start, End: end})
		}
		start = -1
	}
	for bi, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start, startByte = i, bi
			}
		} else if start >= 0 {
			flush(bi, i)
		}
		i++
	}
	if start >= 0 {
		flush(len(text), i)
	}
	return dst
}
