package align

import (
	"strings"
	"unicode"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// Article is the structure of an article's text. All offsets are rune
// offsets into the text exactly as given, end exclusive.
type Article struct {
	Text       string
	Paragraphs []Paragraph
	Sentences  []Sentence
	Quotes     []Span
	Words      []ArticleWord
}

// Span is a stretch of the article.
type Span struct {
	CharStart int `json:"char_start"`
	CharEnd   int `json:"char_end"`
}

// Paragraph is one non-empty line of the article. Prose is false for
// datelines, bylines, share buttons, embed markup and URLs: their words are
// kept but never matched.
type Paragraph struct {
	Span
	Prose bool `json:"prose"`
}

// Sentence ends at . ؟ ? ! … or a line break.
type Sentence struct {
	Span
	Paragraph int
}

// ArticleWord is one word of the article.
type ArticleWord struct {
	arabic.Token
	Sentence int
	// Quote is the index in Article.Quotes, or -1 outside quotations.
	Quote int
	// Prose is false on non-prose lines.
	Prose bool
}

// ParseArticle finds the paragraphs, sentences, quotations and words of text.
// Quotations open with “ « or " and close with ” » or the next "; one left
// open ends with its paragraph.
func ParseArticle(text string) *Article {
	a := &Article{Text: text}
	runes := []rune(text)
	// Paragraphs: non-blank lines.
	for start := 0; start < len(runes); {
		end := start
		for end < len(runes) && runes[end] != '\n' {
			end++
		}
		s, e := trimSpan(runes, start, end)
		if s < e {
			a.Paragraphs = append(a.Paragraphs, Paragraph{Span: Span{s, e}, Prose: isProse(string(runes[s:e]))})
		}
		start = end + 1
	}
	for pi, p := range a.Paragraphs {
		a.parseParagraph(runes, pi, p)
	}
	return a
}

func (a *Article) parseParagraph(runes []rune, pi int, p Paragraph) {
	// Sentences.
	firstSentence := len(a.Sentences)
	s := p.CharStart
	for i := p.CharStart; i < p.CharEnd; i++ {
		if !isSentenceEnd(runes, i, p.CharEnd) {
			continue
		}
		e := i + 1
		for e < p.CharEnd && (isClosingMark(runes[e]) || runes[e] == '.' || runes[e] == '…' || runes[e] == '!' || runes[e] == '؟' || runes[e] == '?') {
			e++
		}
		a.addSentence(runes, s, e, pi)
		s, i = e, e-1
	}
	a.addSentence(runes, s, p.CharEnd, pi)
	// Quotations.
	firstQuote := len(a.Quotes)
	open := -1
	var closer rune
	for i := p.CharStart; i < p.CharEnd; i++ {
		r := runes[i]
		switch {
		case open < 0 && (r == '“' || r == '«' || r == '"'):
			open = i + 1
			closer = closerOf(r)
		case open >= 0 && r == closer:
			a.addQuote(runes, open, i)
			open = -1
		}
	}
	if open >= 0 {
		a.addQuote(runes, open, p.CharEnd)
	}
	// Words.
	toks := arabic.Tokenize(string(runes[p.CharStart:p.CharEnd]))
	si, qi := firstSentence, firstQuote
	for _, t := range toks {
		t.Start += p.CharStart
		t.End += p.CharStart
		for si+1 < len(a.Sentences) && a.Sentences[si].CharEnd <= t.Start {
			si++
		}
		for qi < len(a.Quotes) && a.Quotes[qi].CharEnd <= t.Start {
			qi++
		}
		q := -1
		if qi < len(a.Quotes) && a.Quotes[qi].CharStart <= t.Start {
			q = qi
		}
		a.Words = append(a.Words, ArticleWord{Token: t, Sentence: si, Quote: q, Prose: p.Prose})
	}
}

func (a *Article) addSentence(runes []rune, s, e, pi int) {
	s, e = trimSpan(runes, s, e)
	if s >= e || !hasWord(runes[s:e]) {
		if n := len(a.Sentences); n > 0 && a.Sentences[n-1].Paragraph == pi && s < e {
			a.Sentences[n-1].CharEnd = e // trailing punctuation
		}
		return
	}
	a.Sentences = append(a.Sentences, Sentence{Span: Span{s, e}, Paragraph: pi})
}

func (a *Article) addQuote(runes []rune, s, e int) {
	s, e = trimSpan(runes, s, e)
	if s < e && hasWord(runes[s:e]) {
		a.Quotes = append(a.Quotes, Span{s, e})
	}
}

// isSentenceEnd reports whether runes[i] ends a sentence: ؟ and … always;
// . ? ! when followed by a space, a closing mark or the end (not 3.5, not a
// URL's query).
func isSentenceEnd(runes []rune, i, end int) bool {
	switch runes[i] {
	case '؟', '…':
		return true
	case '.', '?', '!':
		return i+1 >= end || unicode.IsSpace(runes[i+1]) || isClosingMark(runes[i+1])
	}
	return false
}

func isClosingMark(r rune) bool { return r == '”' || r == '»' || r == '"' || r == ')' }

func hasWord(rs []rune) bool {
	for _, r := range rs {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func trimSpan(runes []rune, s, e int) (int, int) {
	for s < e && unicode.IsSpace(runes[s]) {
		s++
	}
	for e > s && unicode.IsSpace(runes[e-1]) {
		e--
	}
	return s, e
}

// isProse tells article prose from the furniture around it: lines with URLs
// or [tag] markup, bullets («• Whatsapp»), datelines with a clock time or a
// «|», bylines and other short lines without sentence punctuation.
func isProse(line string) bool {
	l := strings.ToLower(line)
	if strings.Contains(l, "http://") || strings.Contains(l, "https://") || strings.Contains(l, "www.") {
		return false
	}
	if strings.HasPrefix(l, "[") && strings.Contains(l, "]") {
		return false
	}
	if r := []rune(strings.TrimSpace(l)); len(r) > 0 && strings.ContainsRune("•·*-–—▪●◦", r[0]) && len(strings.Fields(l)) <= 4 {
		return false
	}
	words := arabic.Tokenize(line)
	if len(words) == 0 {
		return false
	}
	// (A live page's entry that quotes someone, «11:05 | "…"», is prose.)
	quotes := strings.ContainsAny(line, "«“\"")
	if strings.Contains(line, "|") && len(words) <= 12 && !quotes {
		return false
	}
	if hasClock(line) && len(words) <= 12 && !quotes {
		return false
	}
	if len(words) <= 6 && !strings.ContainsAny(line, ".؟?!…،:“«\"") {
		return false
	}
	return true
}

// hasClock reports a time of day such as 18:53.
func hasClock(s string) bool {
	r := []rune(s)
	for i := 1; i+2 < len(r); i++ {
		if r[i] == ':' && unicode.IsDigit(r[i-1]) && unicode.IsDigit(r[i+1]) && unicode.IsDigit(r[i+2]) {
			return true
		}
	}
	return false
}

// closerOf returns the mark that closes a quotation opened with r.
func closerOf(r rune) rune {
	switch r {
	case '“':
		return '”'
	case '«':
		return '»'
	}
	return r
}
