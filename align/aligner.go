package align

import (
	"math"

	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Tuning constants of the anchor chaining and the local alignment. They are
// not Options because they were tuned together on the evaluation harness
// (align/eval) and have no meaning one by one.
const (
	maxGapT      = 30   // most transcript units between two chained anchors
	maxGapA      = 25   // most article units between two chained anchors
	maxSkew      = 12   // most |Δt − Δa| between two chained anchors
	tightGap     = 8    // anchors at most this far apart reserve the words between them
	repeatScore  = 2    // a chain this many times MinPassage said twice keeps its speech
	chainWindow  = 400  // anchors looked back at when chaining
	skewPenalty  = 0.03 // per unit of |Δt − Δa| between chained anchors
	maxSkewPen   = 3.0
	maxAnchorOcc = 2  // an anchor n-gram occurs at most this often in the article
	maxSpeechOcc = 4  // … and in the speech (a sentence may be said twice)
	minGramRunes = 7  // anchor n-grams of short function words only are ignored
	extendMargin = 80 // units looked at beyond a passage's first and last anchor
	quoteBonus   = 1.5
	gapOpen      = -0.8
	gapExtend    = -0.15
	subScore     = -0.6
	negInf       = float32(-1e30)
)

// tword is one token of the transcript with its time.
type tword struct {
	text       string
	start, end float64
	// prob is the recogniser's probability of the word, 0 to 1, or -1 when
	// the transcript gives none.
	prob float64
}

// unit is what the aligner compares: one word, or a number however many
// words spell it («التاسعة والخمسين» is one unit with key "#59").
type unit struct {
	w      arabic.Word
	h      uint64 // hash of the stem
	lo, hi int32  // underlying words, hi exclusive
	clitic bool   // a bare proclitic («و», «بال» …) split from its word
	runes  int32
}

type aligner struct {
	opts     Options
	duration float64 // of the recording, seconds
	art      *Article
	tw       []tword
	tu       []unit
	aw       []int32 // article word index of each prose word
	au       []unit
	// Per article unit: matched transcript units [mLo, mHi), -1 when none.
	mLo, mHi []int32
	mSim     []float32
	cl       claims
	// interpolated times per article word (NaN when none)
	iStart, iEnd []float64
	// similarity of an edge word to the recognised word paired with it (NaN when none)
	edgeSim []float64
	// dynamic programming buffers, reused
	hbuf  []float32
	trace []uint8
	xrow  []float32
	yrow  []float32
}

var clitics = map[string]bool{
	"و": true, "ف": true, "ب": true, "ل": true, "ك": true, "ال": true,
	"وال": true, "فال": true, "بال": true, "كال": true, "لل": true, "ولل": true, "فلل": true,
}

func newAligner(t *transcribe.Transcript, a *Article, opts Options) *aligner {
	al := &aligner{opts: opts, art: a}
	if d := t.Duration; d > 0 && !math.IsInf(d, 0) {
		al.duration = d
	}
	al.tw = flatten(t)
	keys := make([]string, len(al.tw))
	for i, w := range al.tw {
		keys[i] = arabic.Key(w.text)
	}
	al.tu = buildUnits(keys, func(i, j int) bool { return true })
	var akeys []string
	for i, w := range a.Words {
		if w.Prose {
			al.aw = append(al.aw, int32(i))
			akeys = append(akeys, w.Key)
		}
	}
	al.au = buildUnits(akeys, func(i, j int) bool {
		return a.Words[al.aw[i]].Sentence == a.Words[al.aw[j]].Sentence
	})
	n := len(al.au)
	al.mLo, al.mHi, al.mSim = make([]int32, n), make([]int32, n), make([]float32, n)
	for i := range n {
		al.mLo[i], al.mHi[i] = -1, -1
	}
	al.cl = newClaims(len(al.tu), n)
	return al
}

func (al *aligner) run() {
	k := al.opts.AnchorLength
	anc := findAnchors(al.tu, al.au, k, al.quoteEdge())
	chains := al.chainAnchors(anc, k)
	passages := al.accept(chains, k)
	for _, p := range passages {
		al.alignPassage(p, k)
	}
	for _, p := range passages {
		al.extend(p, k, false)
		al.extend(p, k, true)
	}
	al.rescue()
	al.interpolate()
}

// flatten lists the transcript's tokens in order with their times. A word
// holding several tokens shares its time among them by length; a segment
// without words shares its time among the tokens of its text.
func flatten(t *transcribe.Transcript) []tword {
	var out []tword
	var toks []arabic.Token
	emit := func(text string, start, end, prob float64) {
		if math.IsNaN(start) || math.IsInf(start, 0) || math.IsNaN(end) || math.IsInf(end, 0) {
			return
		}
		if end < start {
			end = start
		}
		toks = arabic.AppendTokens(toks[:0], text)
		total := 0
		for _, tk := range toks {
			total += tk.End - tk.Start
		}
		pos := 0
		for _, tk := range toks {
			s := start + (end-start)*float64(pos)/float64(total)
			pos += tk.End - tk.Start
			e := start + (end-start)*float64(pos)/float64(total)
			out = append(out, tword{text: tk.Text, start: s, end: e, prob: prob})
		}
	}
	for _, seg := range t.Segments {
		if len(seg.Words) == 0 {
			emit(seg.Text, seg.Start, seg.End, -1)
			continue
		}
		for _, w := range seg.Words {
			p := w.Probability
			if !(p > 0 && p <= 1) { // absent (0), NaN or out of range
				p = -1
			}
			emit(w.Word, w.Start, w.End, p)
		}
	}
	return out
}

// buildUnits makes units of keys, reading numbers written in digits or in
// words; a number in words never crosses a place where same is false.
func buildUnits(keys []string, same func(i, j int) bool) []unit {
	us := make([]unit, 0, len(keys))
	for i := 0; i < len(keys); {
		key, n := keys[i], 1
		if v, ok := arabic.DigitValue(key); ok {
			// Digits and a scale word, as recognisers write numbers: «3 آلاف».
			if sc := scales[keyAt(keys, i+1)]; sc > 0 && same(i, i+1) && v > 0 && v < 1000 {
				v, n = v*sc, 2
			}
			key = arabic.NumberKey(v)
		} else {
			j := i + 1
			for j < len(keys) && j-i < 16 && same(i, j) {
				j++
			}
			if v, used := arabic.ParseNumber(keys[i:j]); used > 0 {
				key, n = arabic.NumberKey(v), used
			}
		}
		w := arabic.NewWord(key)
		us = append(us, unit{w: w, h: hashString(w.Stem), lo: int32(i), hi: int32(i + n), clitic: clitics[key], runes: int32(len([]rune(key)))})
		i += n
	}
	return us
}

// scales are the words that multiply a number written in digits before them (keys).
var scales = map[string]int{"الف": 1000, "الاف": 1000, "الفا": 1000, "مليون": 1000000, "ملايين": 1000000, "مليونا": 1000000}

func keyAt(keys []string, i int) string {
	if i < len(keys) {
		return keys[i]
	}
	return ""
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
