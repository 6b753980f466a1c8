// Package prompt derives a recognition prompt from a news article: the
// names and rare words a recogniser is likely to miss (people, places,
// institutions), never the text of a quotation. Quotations are the evidence
// of the quotation check (align): a prompt that held them would
// bias Whisper towards "hearing" the printed words.
//
// Chunks of a long recording are recognised in parallel, so a chunk cannot
// inherit the previous one's text; the engine repeats the prompt before
// every 30-second window instead (transcribe.Options.CarryPrompt).
package prompt

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

// ArticleBytes is the most bytes of a prompt taken from the article: about
// 100–200 Whisper tokens of Arabic names, so that with a user's prompt the
// whole stays within transcribe.MaxPromptTokens (whisper.cpp keeps the
// last 224 tokens, so the user's prompt, written last, survives).
const ArticleBytes = 600

// separator joins the terms: an Arabic comma and a space.
const separator = "، "

// Build returns the prompt for recognising a recording of article: the
// article's terms (see Terms) within ArticleBytes, then user's own prompt.
// The result is at most transcribe.MaxPromptBytes; the user's prompt, which
// the API has already held to that limit, is kept whole and the article's
// terms make room for it. An empty article gives user's prompt.
func Build(article, user string) string {
	user = strings.TrimSpace(user)
	budget := min(ArticleBytes, transcribe.MaxPromptBytes-len(user)-1)
	var b strings.Builder
	for _, t := range Terms(article) {
		add := len(t)
		if b.Len() > 0 {
			add += len(separator)
		}
		if b.Len()+add > budget {
			break
		}
		if b.Len() > 0 {
			b.WriteString(separator)
		}
		b.WriteString(t)
	}
	switch {
	case b.Len() == 0:
		return user
	case user == "":
		return b.String()
	}
	return b.String() + " " + user
}

// Terms returns the article's names and rare words, most useful first:
// people's names (a given name and the word after it, «محمد الدخيسي», then
// the surname alone), then words said at least twice outside quotations that
// are neither function words nor common definite nouns, by how often. Words
// inside quotations are never looked at; a word is written as the article
// writes it, without a proclitic («بمراكش» → «مراكش») when the article also
// has it bare.
func Terms(article string) []string {
	a := align.ParseArticle(article)
	var words []arabic.Token
	for _, w := range a.Words {
		if w.Quote < 0 && isArabic(w.Text) {
			words = append(words, w.Token)
		}
	}
	bare := map[string]bool{}
	for _, w := range words {
		bare[w.Key] = true
	}
	// form strips a one-letter proclitic (و ف ب ل ك) when the rest is a
	// word of the article too.
	form := func(t arabic.Token) (key, text string) {
		k, s := t.Key, t.Text
		if r, n := utf8.DecodeRuneInString(k); strings.ContainsRune("وفبلك", r) && bare[k[n:]] {
			_, m := utf8.DecodeRuneInString(s)
			return k[n:], s[m:]
		}
		return k, s
	}
	seen := map[string]bool{}
	var out []string
	add := func(key, text string) {
		if !seen[key] {
			seen[key] = true
			out = append(out, text)
		}
	}
	for i := 0; i+1 < len(words); i++ {
		// «على» folds to the key of «علي»: the preposition is no name.
		if !quotecheck.IsGivenName(words[i].Key) || strings.HasSuffix(words[i].Text, "ى") || words[i+1].Start > words[i].End+1 {
			continue
		}
		k, s := form(words[i+1])
		if !candidate(k) {
			continue
		}
		add(words[i].Key+" "+k, words[i].Text+" "+s)
		add(k, s)
	}
	type count struct {
		key, text string
		n, first  int
	}
	counts := map[string]*count{}
	for i, w := range words {
		k, s := form(w)
		if !candidate(k) || strings.HasPrefix(k, "ال") && !seen[k] {
			continue
		}
		if c := counts[k]; c != nil {
			c.n++
			continue
		}
		counts[k] = &count{key: k, text: s, n: 1, first: i}
	}
	var rare []*count
	for _, c := range counts {
		if c.n >= 2 {
			rare = append(rare, c)
		}
	}
	sort.Slice(rare, func(i, j int) bool {
		if rare[i].n != rare[j].n {
			return rare[i].n > rare[j].n
		}
		return rare[i].first < rare[j].first
	})
	for _, c := range rare {
		add(c.key, c.text)
	}
	return out
}

// candidate reports whether key may be a term: four letters or more, no
// function word, reporting verb, title or given name on its own.
func candidate(key string) bool {
	if r, n := utf8.DecodeRuneInString(key); (r == 'و' || r == 'ف') && quotecheck.IsStopWord(key[n:]) {
		return false // «وأوضح», «فقال»
	}
	return utf8.RuneCountInString(key) >= 4 && !quotecheck.IsStopWord(key) && !quotecheck.IsTitleHead(key) &&
		!quotecheck.IsGivenName(key) && !commonWords[key]
}

func isArabic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) {
			return true
		}
	}
	return false
}

// commonWords are frequent words of news prose that a recogniser does not
// need to be told (keys).
var commonWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("هذه هذا ذلك تلك التي الذي الذين اللذين هناك هنالك كانت كان يكون تكون وذلك " +
		"عليها عليه فيها فيه منها منه إليها إليه لها له لهم بها به كل جميع بعض غير ايضا أيضا حتى عند عندما " +
		"سواء خلال اليوم يوم الساعة مختلف المختلفة إطار اطار وفق حول نحو لدى اجل أجل تعمل يعمل العمل عمل") {
		m[arabic.Key(w)] = true
	}
	return m
}()
