package store

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// term is one searchable word of a text: the aligner's matching key
// (hamza forms, ة/ه, ى/ي, tashkeel and tatweel folded; package arabic)
// without its proclitics (و ف ب ل ك ال), and a number written in digits or in
// words as its decimal digits. Start and End are rune offsets into the text.
type term struct {
	key        string
	start, end int
}

// searchTerms splits text into its search terms, in order. The index and the
// query both go through it, so every spelling of a word meets the same term.
func searchTerms(text string) []term {
	toks := arabic.Tokenize(text)
	keys := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = t.Key
	}
	out := make([]term, 0, len(toks))
	for i := 0; i < len(toks); {
		if v, ok := arabic.DigitValue(keys[i]); ok {
			out = append(out, term{strconv.Itoa(v), toks[i].Start, toks[i].End})
			i++
			continue
		}
		if v, n := arabic.ParseNumber(keys[i:]); n > 0 {
			out = append(out, term{strconv.Itoa(v), toks[i].Start, toks[i+n-1].End})
			i += n
			continue
		}
		k := arabic.Stem(keys[i])
		if !searchable(k) {
			k = keys[i]
		}
		if searchable(k) {
			out = append(out, term{k, toks[i].Start, toks[i].End})
		}
		i++
	}
	return out
}

// searchable reports whether k is made of letters and digits only, which is
// what both full-text engines keep as one token.
func searchable(k string) bool {
	if k == "" {
		return false
	}
	for _, r := range k {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

func termKeys(ts []term) []string {
	ks := make([]string, len(ts))
	for i, t := range ts {
		ks[i] = t.key
	}
	return ks
}

// Query is a parsed search: words that must all occur and phrases whose
// words must occur in order, next to each other.
type Query struct {
	// Words are search terms (see searchTerms), each required.
	Words []string
	// Phrases are runs of terms, each required as a run.
	Phrases [][]string
}

// ParseQuery reads a search box: text in double quotes (" or « » or “ ”) is a
// phrase, everything else single words. It returns an empty query when q has
// no searchable word.
func ParseQuery(q string) Query {
	var out Query
	var free strings.Builder
	rs := []rune(q)
	for i := 0; i < len(rs); i++ {
		close, ok := quotePair[rs[i]]
		if !ok {
			free.WriteRune(rs[i])
			continue
		}
		j := i + 1
		for j < len(rs) && rs[j] != close {
			j++
		}
		ks := termKeys(searchTerms(string(rs[i+1 : min(j, len(rs))])))
		switch len(ks) {
		case 0:
		case 1:
			out.Words = append(out.Words, ks[0])
		default:
			out.Phrases = append(out.Phrases, ks)
		}
		free.WriteByte(' ')
		i = j
	}
	out.Words = append(out.Words, termKeys(searchTerms(free.String()))...)
	return out
}

var quotePair = map[rune]rune{'"': '"', '«': '»', '“': '”'}

// MaxQueryTerms is the most words one search may hold, its phrases' words
// included (issue 24: on SQLite a 3,000-word phrase over a 100,000-word
// segment took 5–10 s a query). A quotation searched as a phrase is one
// sentence; its rarest words find it.
const MaxQueryTerms = 32

// ErrQueryTooLong is wrapped by Check's error (and Search's) for a query
// of more than MaxQueryTerms words.
var ErrQueryTooLong = errors.New("the search is too long")

// Check reports a query past MaxQueryTerms.
func (q Query) Check() error {
	n := len(q.Words)
	for _, p := range q.Phrases {
		n += len(p)
	}
	if n > MaxQueryTerms {
		return fmt.Errorf("%w: it has %d words and the most is %d; search for the rarest words of the passage", ErrQueryTooLong, n, MaxQueryTerms)
	}
	return nil
}

// Empty reports whether the query has nothing to search for.
func (q Query) Empty() bool { return len(q.Words) == 0 && len(q.Phrases) == 0 }

// terms returns every term of the query once.
func (q Query) terms() map[string]bool {
	m := map[string]bool{}
	for _, w := range q.Words {
		m[w] = true
	}
	for _, p := range q.Phrases {
		for _, w := range p {
			m[w] = true
		}
	}
	return m
}

// fts5 renders the query in SQLite FTS5 syntax: "a" "b c" (implicit AND).
func (q Query) fts5() string {
	parts := make([]string, 0, len(q.Words)+len(q.Phrases))
	for _, w := range q.Words {
		parts = append(parts, `"`+w+`"`)
	}
	for _, p := range q.Phrases {
		parts = append(parts, `"`+strings.Join(p, " ")+`"`)
	}
	return strings.Join(parts, " ")
}

// tsquery renders the query as a PostgreSQL tsquery literal: 'a' & ('b' <-> 'c').
func (q Query) tsquery() string {
	parts := make([]string, 0, len(q.Words)+len(q.Phrases))
	for _, w := range q.Words {
		parts = append(parts, tsLexeme(w))
	}
	for _, p := range q.Phrases {
		ls := make([]string, len(p))
		for i, w := range p {
			ls[i] = tsLexeme(w)
		}
		parts = append(parts, "("+strings.Join(ls, " <-> ")+")")
		// The pairs narrow the GIN lookup to rows holding the phrase's word
		// pairs, so few rows are rechecked for positions (see tsvector).
		for i := 0; i+1 < len(p); i++ {
			parts = append(parts, tsLexeme(p[i]+pairSep+p[i+1]))
		}
	}
	return strings.Join(parts, " & ")
}

// pairSep joins the two terms of a pair lexeme; terms never contain it.
const pairSep = "_"

func tsLexeme(w string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `''`).Replace(w) + "'"
}

// tsvector renders terms as a PostgreSQL tsvector literal with positions
// (1-based, at most 16383 as PostgreSQL allows), so phrases match.
//
// Each pair of neighbouring terms is a lexeme too ("a_b", at the first's
// position): PostgreSQL's GIN index cannot check positions, so a phrase of
// common words would otherwise send every row holding all of them to the
// recheck; with the pairs required as well, the candidates are the rows that
// hold the phrase's word pairs, which is close to the rows that hold it.
func tsvector(ts []term) string {
	pos := map[string][]int{}
	var order []string
	add := func(k string, p int) {
		if _, ok := pos[k]; !ok {
			order = append(order, k)
		}
		pos[k] = append(pos[k], p)
	}
	for i, t := range ts {
		if i >= 16383 {
			break
		}
		add(t.key, i+1)
		if i+1 < len(ts) {
			add(t.key+pairSep+ts[i+1].key, i+1)
		}
	}
	var b strings.Builder
	for i, k := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tsLexeme(k))
		b.WriteByte(':')
		for j, p := range pos[k] {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}
