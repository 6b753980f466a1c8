package align

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// maxHeadline is the longest title Headline returns, in characters; a
// longer line is cut at a word and ends with «…».
const maxHeadline = 160

// Headline is an article's title as a person reads it: the first line that
// is not the site's furniture — a dateline («اخبار جهة مراكش | السبت 16
// مايو 2015 - 18:53»), a link, [tag] markup, a bullet or a one-word share
// button — cut to maxHeadline characters. An article of nothing else gives
// its first non-empty line; an empty one gives "".
func Headline(article string) string {
	first := ""
	for _, l := range strings.Split(article, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if first == "" {
			first = l
		}
		if headlineLine(l) {
			return shorten(l)
		}
	}
	return shorten(first)
}

func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxHeadline {
		return s
	}
	r := []rune(s)[:maxHeadline]
	if i := strings.LastIndexByte(string(r), ' '); i > 0 {
		return string(r)[:i] + " …"
	}
	return string(r) + "…"
}

// headlineLine is isProse without its rule against short lines that have no
// sentence punctuation: a headline is often one.
func headlineLine(l string) bool {
	if isProse(l) {
		return true
	}
	lower := strings.ToLower(l)
	switch {
	case len(arabic.Tokenize(l)) < 2,
		strings.Contains(lower, "http://"), strings.Contains(lower, "https://"), strings.Contains(lower, "www."),
		strings.HasPrefix(l, "["), strings.ContainsRune("•·*-–—▪●◦", []rune(l)[0]),
		strings.Contains(l, "|"), hasClock(l):
		return false
	}
	return strings.IndexFunc(l, unicode.IsLetter) >= 0
}
