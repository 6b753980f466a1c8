package eval

import (
	"math"
	"math/rand/v2"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Case is one synthetic recording of an article.
type Case struct {
	Name       string
	Article    string
	Transcript *transcribe.Transcript
	// Truth holds, per article word (align.ParseArticle order), the true
	// start times at which it was said; empty when it was never said.
	Truth [][]float64
	asr   asrStats // what the simulated recogniser did
}

// Shape says which parts of an article the speaker says.
type Shape int

const (
	// Quotes: the speaker says the quotations (most of them), in an order
	// that may differ, with unreported speech between them.
	Quotes Shape = iota
	// Speech: the article is the speech; nearly every sentence is said.
	Speech
	// LongSpeech: about 40 minutes in which the few quotations are lost among
	// unreported speech built from the article's own narration vocabulary.
	LongSpeech
)

// genConfig describes one case to build.
type genConfig struct {
	shape  Shape
	wer    float64
	edited bool // the journalist tidied the quotes; the speaker added asides
}

// token is one spoken word and the article word it says (-1: unreported).
type token struct {
	text    string
	word    int
	endSent bool
}

// spokenBlock is a run of article words said together.
type spokenBlock struct{ words []int }

var asides = []string{"يعني", "هاد الشي", "اللي", "بزاف", "كما تعلمون", "والله", "بطبيعة الحال", "آه", "شوف"}

var dialect = map[string]string{
	"هذا": "هاد", "هذه": "هاد", "الذي": "اللي", "التي": "اللي", "الذين": "اللي", "كثيرا": "بزاف",
}

// build makes a case from article text.
func build(name, text string, unreported []string, cfg genConfig, rng *rand.Rand, lex *lexCache) *Case {
	art := align.ParseArticle(text)
	c := &Case{Name: name, Article: text, Truth: make([][]float64, len(art.Words))}
	blocks := pickBlocks(art, cfg, rng)
	// Reorder some blocks.
	for i := range blocks {
		if rng.Float64() < 0.25 {
			j := rng.IntN(len(blocks))
			blocks[i], blocks[j] = blocks[j], blocks[i]
		}
	}
	var toks []token
	say := func(text string, word int, endSent bool) {
		ts := arabic.Tokenize(text)
		for i, t := range ts {
			toks = append(toks, token{text: t.Text, word: word, endSent: endSent && i == len(ts)-1})
		}
	}
	sayUnreported := func(n int) {
		for range n {
			say(unreported[rng.IntN(len(unreported))], -1, true)
		}
	}
	if cfg.shape == LongSpeech {
		markov := newMarkov(art, unreported)
		target := 5200 // words: about 40 minutes at 2.2 words a second
		perGap := target / (len(blocks) + 1)
		gen := func(n int) {
			for k := 0; k < n; {
				s := markov.sentence(rng, 8+rng.IntN(14))
				say(s, -1, true)
				k += len(strings.Fields(s))
			}
		}
		gen(perGap)
		for _, b := range blocks {
			sayBlock(art, b, cfg, rng, &toks)
			gen(perGap)
		}
	} else {
		if rng.Float64() < 0.7 {
			sayUnreported(1 + rng.IntN(2))
		}
		for i, b := range blocks {
			sayBlock(art, b, cfg, rng, &toks)
			if rng.Float64() < 0.5 {
				sayUnreported(1 + rng.IntN(3))
			}
			// Now and then a sentence is said twice.
			if i > 0 && rng.Float64() < 0.1 {
				sayBlock(art, blocks[rng.IntN(i)], cfg, rng, &toks)
			}
		}
	}
	// True times.
	tm := 0.4 + rng.Float64()
	type timed struct {
		token
		start, end float64
	}
	spoken := make([]timed, len(toks))
	for i, t := range toks {
		dur := (0.12 + 0.055*float64(len([]rune(t.text)))) * (0.8 + 0.4*rng.Float64())
		spoken[i] = timed{t, tm, tm + dur}
		if t.word >= 0 && (i == 0 || toks[i-1].word != t.word) {
			c.Truth[t.word] = append(c.Truth[t.word], tm)
		}
		tm += dur + 0.04 + 0.08*rng.Float64()
		if t.endSent {
			tm += 0.3 + 0.4*rng.Float64()
		}
	}
	// Recognition.
	said := make([]spokenWord, len(spoken))
	for i, s := range spoken {
		said[i] = spokenWord{text: s.text, start: s.start, end: s.end}
	}
	rec := &recogniser{wer: cfg.wer, rng: rng, lex: lex}
	words := rec.recognise(said)
	c.asr = rec.stats
	c.Transcript = segment(words)
	return c
}

// pickBlocks chooses the passages of the article that are said.
func pickBlocks(art *align.Article, cfg genConfig, rng *rand.Rand) []spokenBlock {
	var blocks []spokenBlock
	switch cfg.shape {
	case Speech:
		cur := -1
		for i, w := range art.Words {
			if !w.Prose {
				continue
			}
			if w.Sentence != cur {
				cur = w.Sentence
				blocks = append(blocks, spokenBlock{})
			}
			blocks[len(blocks)-1].words = append(blocks[len(blocks)-1].words, i)
		}
		// The speaker skips a sentence now and then; the title is not said.
		out := blocks[:0]
		for i, b := range blocks {
			if i == 0 || rng.Float64() < 0.1 {
				continue
			}
			out = append(out, b)
		}
		return out
	default:
		for q := range art.Quotes {
			if cfg.shape == Quotes && rng.Float64() < 0.1 && len(art.Quotes) > 1 {
				continue // a quotation the recording does not hold
			}
			var b spokenBlock
			for i, w := range art.Words {
				if w.Quote == q {
					b.words = append(b.words, i)
				}
			}
			if len(b.words) > 0 {
				blocks = append(blocks, b)
			}
		}
	}
	return blocks
}

// sayBlock appends the speech of a block: the article words, digits said as
// number words, and in edited mode the speaker's asides and dialect words
// and the journalist's tidying (words the speaker never said).
func sayBlock(art *align.Article, b spokenBlock, cfg genConfig, rng *rand.Rand, toks *[]token) {
	for k, wi := range b.words {
		w := art.Words[wi]
		end := k == len(b.words)-1 || art.Words[b.words[k+1]].Sentence != w.Sentence
		if cfg.edited {
			if len(b.words) > 6 && rng.Float64() < 0.04 {
				continue // the journalist added this word
			}
			if d, ok := dialect[w.Text]; ok && rng.Float64() < 0.7 {
				*toks = append(*toks, token{text: d, word: wi, endSent: end})
				continue
			}
		}
		if v, ok := arabic.DigitValue(w.Key); ok && v < 1000000000 {
			forms := []arabic.NumberForm{arabic.Nominative, arabic.Genitive, arabic.Ordinal}
			ws := arabic.Tokenize(arabic.Words(v, forms[rng.IntN(3)]))
			for i, t := range ws {
				*toks = append(*toks, token{text: t.Text, word: wi, endSent: end && i == len(ws)-1})
			}
		} else {
			*toks = append(*toks, token{text: w.Text, word: wi, endSent: end})
		}
		if cfg.edited && !end && rng.Float64() < 0.05 {
			for _, t := range arabic.Tokenize(asides[rng.IntN(len(asides))]) {
				*toks = append(*toks, token{text: t.Text, word: -1})
			}
		}
	}
}

// jitter moves a word's times by up to 60 ms, as Whisper's word timestamps
// stray.
func jitter(w transcribe.Word, rng *rand.Rand) transcribe.Word {
	d := func() float64 { return math.Max(-0.06, math.Min(0.06, rng.NormFloat64()*0.02)) }
	w.Start += d()
	w.End += d()
	if w.End < w.Start+0.01 {
		w.End = w.Start + 0.01
	}
	return w
}

// segment groups words into segments of about 12 words, as whisper does.
func segment(words []transcribe.Word) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar"}
	for i := 0; i < len(words); i += 12 {
		ws := words[i:min(i+12, len(words))]
		var texts []string
		for _, w := range ws {
			texts = append(texts, w.Word)
		}
		t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: ws[0].Start, End: ws[len(ws)-1].End, Text: strings.Join(texts, " "), Words: ws})
	}
	if n := len(words); n > 0 {
		t.Duration = words[n-1].End + 1
	}
	return t
}
