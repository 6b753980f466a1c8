package align

import (
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Alignment is the aligner's finished work on one article: the Result it
// gives and what the quotation check (package quotecheck) reads of it —
// the units both texts were cut into, which article unit was matched to
// which speech, and the speech's times and probabilities. It is read-only
// apart from LocalAlign, which reuses buffers: one goroutine at a time.
type Alignment struct{ al *aligner }

// Run aligns transcript t to the article text; offsets are rune offsets
// into text exactly as given. The Result it gives has no quotation checks
// (every Check is the zero value, "not checked"): quotecheck.Align runs
// the aligner and the check together, and is what callers use.
func Run(t *transcribe.Transcript, text string, opts Options) (*Alignment, error) {
	if t == nil {
		return nil, ErrNoTranscript
	}
	if err := validUTF8(text); err != nil {
		return nil, err
	}
	return RunArticle(t, ParseArticle(text), opts)
}

// RunArticle is Run for an article already parsed with ParseArticle.
func RunArticle(t *transcribe.Transcript, a *Article, opts Options) (*Alignment, error) {
	if t == nil {
		return nil, ErrNoTranscript
	}
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	al := newAligner(t, a, opts.withDefaults())
	al.run()
	return &Alignment{al}, nil
}

// Result builds the aligned article, its quotations unchecked.
func (x *Alignment) Result() *Result { return x.al.result() }

// Article is the parsed article.
func (x *Alignment) Article() *Article { return x.al.art }

// Unit is what the aligner compares: one word, or a number however many
// words spell it («التاسعة والخمسين» is one unit with key "#59"). An
// article unit's words are Article.Words[Lo:Hi] (prose words only, within
// one sentence); a speech unit's are SpeechWords()[Lo:Hi].
type Unit struct {
	// Word points into the alignment (shared, not to be changed): the
	// check reads 25,000 units and copies none of their words.
	Word   *arabic.Word
	Lo, Hi int32
	// Clitic is set for a bare proclitic («و», «بال» …) written apart from its word.
	Clitic bool
	// Runes is the length of the key in runes.
	Runes int32
}

// SpeechWord is one token of the transcript with its time.
type SpeechWord struct {
	Text string
	// Start and End are seconds from the beginning of the recording.
	Start, End float64
	// Prob is the recogniser's probability of the word, 0 to 1, or -1 when
	// the transcript gives none.
	Prob float64
}

// Match is the speech matched to one article unit: speech units [Lo, Hi),
// both -1 when the unit was not matched, and their similarity (see
// arabic.Similarity).
type Match struct {
	Lo, Hi int32
	Sim    float32
}

// ArticleUnits lists the article's prose units in article order.
func (x *Alignment) ArticleUnits() []Unit {
	al := x.al
	out := make([]Unit, len(al.au))
	for j := range al.au {
		u := &al.au[j]
		out[j] = Unit{Word: &u.w, Lo: al.aw[u.lo], Hi: al.aw[u.hi-1] + 1, Clitic: u.clitic, Runes: u.runes}
	}
	return out
}

// SpeechUnits lists the transcript's units in time order.
func (x *Alignment) SpeechUnits() []Unit {
	out := make([]Unit, len(x.al.tu))
	for t := range x.al.tu {
		u := &x.al.tu[t]
		out[t] = Unit{Word: &u.w, Lo: u.lo, Hi: u.hi, Clitic: u.clitic, Runes: u.runes}
	}
	return out
}

// SpeechWords lists the transcript's tokens in time order.
func (x *Alignment) SpeechWords() []SpeechWord {
	out := make([]SpeechWord, len(x.al.tw))
	for i, w := range x.al.tw {
		out[i] = SpeechWord{Text: w.text, Start: w.start, End: w.end, Prob: w.prob}
	}
	return out
}

// Matches gives, for each article unit, the speech matched to it.
func (x *Alignment) Matches() []Match {
	al := x.al
	out := make([]Match, len(al.au))
	for j := range al.au {
		out[j] = Match{Lo: al.mLo[j], Hi: al.mHi[j], Sim: al.mSim[j]}
	}
	return out
}

// Pair is one pair of a local alignment: speech units [Lo, Hi) said
// article unit A (and A2 too when ≥ 0: a proclitic written apart).
type Pair struct {
	Lo, Hi, A, A2 int32
	Sim           float32
}

// LocalAlign finds the best-scoring local alignment (Smith–Waterman, with
// the aligner's scores) of article units article within speech units
// speech, both index lists in order; nil when nothing aligns.
func (x *Alignment) LocalAlign(speech, article []int32) []Pair {
	ms := x.al.dp(speech, article, dpLocal)
	out := make([]Pair, len(ms))
	for i, m := range ms {
		out[i] = Pair{Lo: m.tlo, Hi: m.thi, A: m.a, A2: m.a2, Sim: m.sim}
	}
	return out
}

// EdgePause is the longest pause, in seconds, inside one run of speech:
// the aligner pairs the words at a passage's edge across no longer pause.
const EdgePause = maxEdgePause

// MaxWordGap is the most silence per word, in seconds, in which the
// aligner places words the recogniser dropped.
const MaxWordGap = maxWordGap
