package quotecheck

import (
	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Aligned is an alignment that has run, for BenchmarkCheckShare.
type Aligned struct {
	x     *align.Alignment
	timed []bool
}

// Prepare aligns t to article without checking it.
func Prepare(t *transcribe.Transcript, article string) Aligned {
	x, err := align.Run(t, article, align.Options{})
	if err != nil {
		panic(err)
	}
	DefaultLexicon() // loaded once, before any timing
	return Aligned{x, Timed(x.Result())}
}

// Check runs the quotation check alone.
func (a Aligned) Check() {
	lex, _ := DefaultLexicon()
	newChecker(a.x, lex).checkQuotes(a.timed)
}

// Speakers attributes the quotations of article (no speech needed): the
// speaker of each and the role, "" for none.
func Speakers(article string) (names, roles []string) {
	lex, _ := DefaultLexicon()
	return speakersWith(article, lex)
}

// SpeakersWithoutLexicon is Speakers as a build without libhunspell reads
// the article: from the shape of words and the closed classes only.
func SpeakersWithoutLexicon(article string) (names, roles []string) {
	return speakersWith(article, nil)
}

func speakersWith(article string, lex Lexicon) (names, roles []string) {
	a := align.ParseArticle(article)
	for _, s := range attribute(a, []rune(a.Text), lex) {
		n, r := "", ""
		if s.name != nil {
			n = *s.name
		}
		if s.role != nil {
			r = *s.role
		}
		names, roles = append(names, n), append(roles, r)
	}
	return names, roles
}

// SpeakerSources is, for each quotation of article, the narration its
// speaker was read from (Check.SpeakerSource), "" for none.
func SpeakerSources(article string) []string {
	a := align.ParseArticle(article)
	lex, _ := DefaultLexicon()
	runes := []rune(a.Text)
	var out []string
	for _, s := range attribute(a, runes, lex) {
		if s.source == nil {
			out = append(out, "")
			continue
		}
		out = append(out, string(runes[s.source.CharStart:s.source.CharEnd]))
	}
	return out
}
