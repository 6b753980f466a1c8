// Package quotecheck checks every quotation of an aligned article against
// the speech: was it said as printed, in one stretch, by whom? It reads
// the aligner's work (align.Alignment) — which article words were matched
// to which speech, with what times and recogniser probabilities — compares
// the quoted words with what was said around them, weighs each difference
// against the chance of a recognition error, and fills each quotation's
// align.Check: verdict, parts, differences and speaker. See
// docs/ARCHITECTURE.md, "Quotation check".
//
// Align is the one way to get an aligned article: the aligner, then the check.
package quotecheck

import (
	"math"
	"slices"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Align aligns transcript t to the article text (align.Run) and checks
// every quotation: the aligned article as the CLI, the API, the page and
// the embed show it. Offsets are rune offsets into text as given.
func Align(t *transcribe.Transcript, text string, opts align.Options) (*align.Result, error) {
	x, err := align.Run(t, text, opts)
	if err != nil {
		return nil, err
	}
	return Check(x), nil
}

// Check builds the Result of an alignment with every quotation checked,
// with DefaultLexicon (or none, see there).
func Check(x *align.Alignment) *align.Result {
	lex, _ := DefaultLexicon()
	return CheckWith(x, lex)
}

// CheckWith is Check with the lexicon lex; nil for none.
func CheckWith(x *align.Alignment, lex Lexicon) *align.Result {
	r := x.Result()
	for i, c := range newChecker(x, lex).checkQuotes(Timed(r)) {
		r.Quotes[i].Check = c
	}
	return r
}

// checker holds what the check reads of an alignment.
type checker struct {
	x     *align.Alignment
	art   *align.Article
	au    []align.Unit // article units
	tu    []align.Unit // speech units
	tw    []align.SpeechWord
	m     []align.Match // per article unit
	runes []rune        // the article's text
	lex   Lexicon       // nil for none
	// spelled caches lex.Spell.
	spelled map[string]bool
	// ign caches ignorable per speech unit: 1 yes, -1 no, 0 not known.
	ign []int8
	// odds are the prior odds of a change in the quotation being checked
	// (priorOdds).
	odds float64
	// noise is the share of quoted words the aligner matched that the
	// recogniser wrote otherwise (recognitionNoise).
	noise float64
}

// match is one pair of the alignment: speech units [tlo, thi) said
// article unit a (and a2 too, when ≥ 0).
type match struct {
	tlo, thi, a, a2 int32
	sim             float32
}

// quoteOf returns the quotation of article unit a, or -1.
func (ck *checker) quoteOf(a int32) int { return ck.art.Words[ck.au[a].Lo].Quote }

func newChecker(x *align.Alignment, lex Lexicon) *checker {
	art := x.Article()
	return &checker{x: x, art: art, au: x.ArticleUnits(), tu: x.SpeechUnits(), tw: x.SpeechWords(), m: x.Matches(),
		runes: []rune(art.Text), lex: lex, spelled: map[string]bool{}}
}

// Tuning of the check. They were set on the quote harness
// (align/eval, make eval-quotes) and are documented in
// docs/ARCHITECTURE.md.
const (
	// stitchGap: more unreported speech units than this between two words
	// of a quotation (or a step back in time) start a new stretch.
	stitchGap = 8
	// Word similarity (arabic.Similarity) from which two words are the same
	// word (equal) and a spelling of it.
	sameWord     = 0.9
	spellingWord = 0.6
	// Differences less sure than minReport are recognition noise, not listed.
	minReport = 0.3
	// minUnclearConfidence: a difference this sure (and below
	// align.MinAlteredConfidence) makes the verdict unclear.
	minUnclearConfidence = 0.35
	// unknownProb stands for the recogniser's probability when the
	// transcript gives none.
	unknownProb = 0.6
	// maxEdgeDP: longest run of article units aligned to the speech beyond
	// a stretch's first or last matched word; longer runs count as added.
	maxEdgeDP = 40
)

// fillers are hesitations and discourse fillers a journalist rightly leaves
// out of a quotation (keys).
var fillers = map[string]bool{
	"يعني": true, "اه": true, "ايه": true, "اذن": true, "طيب": true, "ام": true, "امم": true,
	"اممم": true, "هم": true, "همم": true, "اه اه": true, "شوف": true, "والله": true, "ها": true,
	"يعنى": true, "بعني": true, "ااا": true, "اا": true, "مم": true, "ايوه": true,
}

// fillerSounds are the skeletons of the fillers: a filler the recogniser
// wrote otherwise («يعيني», «أميمم») is still a filler.
var fillerSounds = func() map[string]bool {
	m := map[string]bool{}
	for k := range fillers {
		if len([]rune(k)) >= 4 { // shorter skeletons are words' too
			m[skeleton(k)] = true
		}
	}
	return m
}()

// op is one step of a quotation's comparison with the speech.
type op struct {
	a, t int32   // article unit, transcript unit; -1 when the step has none
	sim  float64 // similarity of the pair (a and t both set)
	// joined marks the other unit of a word the recogniser wrote as two
	// (t set), or of two it wrote as one (a set): part of another op, the
	// one marked pieces.
	joined, pieces bool
}

// stretch is a run of a quotation said in one go: its matched pairs (in
// article order) and, after the comparison, the ops from its first to last
// article unit.
type stretch struct {
	pairs []match // a2 is always -1: a 1:2 move is two pairs
	ops   []op
}

func (s *stretch) first() match { return s.pairs[0] }
func (s *stretch) last() match  { return s.pairs[len(s.pairs)-1] }

// Timed reports, for each quotation of r, whether the alignment gave any
// of its words a time (its status is not not_in_audio).
func Timed(r *align.Result) []bool {
	out := make([]bool, len(r.Quotes))
	for i, q := range r.Quotes {
		out[i] = q.Status != align.StatusNotInAudio
	}
	return out
}

// checkQuotes checks every quotation of the article against the speech;
// timed says which the alignment gave a time.
func (ck *checker) checkQuotes(timed []bool) []align.Check {
	out := make([]align.Check, len(ck.art.Quotes))
	// First and one-past-last article unit of each quotation.
	lo, hi := make([]int32, len(out)), make([]int32, len(out))
	for i := range lo {
		lo[i] = -1
	}
	for j := range ck.au {
		if q := ck.quoteOf(int32(j)); q >= 0 && q < len(out) {
			if lo[q] < 0 {
				lo[q] = int32(j)
			}
			hi[q] = int32(j) + 1
		}
	}
	// The article unit each transcript unit was matched to.
	tArt := make([]int32, len(ck.tu))
	for i := range tArt {
		tArt[i] = -1
	}
	for j := range ck.au {
		for t := ck.m[j].Lo; t >= 0 && t < ck.m[j].Hi; t++ {
			tArt[t] = int32(j)
		}
	}
	where := map[string][]int32{} // transcript positions of each stem
	for t, u := range ck.tu {
		if tArt[t] < 0 {
			where[u.Word.Stem] = append(where[u.Word.Stem], int32(t))
		}
	}
	ck.noise = ck.recognitionNoise(lo, hi)
	speakers := attribute(ck.art, ck.runes, ck.lex)
	for q := range out {
		c := align.Check{Verdict: align.VerdictUnclear, Parts: []align.Part{}, Differences: []align.Difference{}, Speaker: speakers[q].name, SpeakerRole: speakers[q].role, SpeakerSource: speakers[q].source}
		if lo[q] >= 0 {
			ck.checkQuote(&c, q, lo[q], hi[q], q < len(timed) && timed[q], tArt, where)
		}
		out[q] = c
	}
	return out
}

// checkQuote fills c for quotation q, article units [lo, hi), which the
// alignment gave a time when timed.
//
// The rule (docs/ARCHITECTURE.md): a quotation the alignment found no word
// of is not said; one it found words of has those words as parts, and
// its printed words never said are added words — altered, or stitched —
// so the verdict and the alignment's status agree.
func (ck *checker) checkQuote(c *align.Check, q int, lo, hi int32, timed bool, tArt []int32, where map[string][]int32) {
	n := int(hi - lo)
	ck.odds = priorOdds(n) * min(1, noiseRef/max(ck.noise, 1e-9))
	said := 0
	joined := false // a stretch follows another without an ellipsis
	segs := ck.segments(q, lo, hi)
	var unsaid [][2]int32                 // segments with no stretch
	near := make([]int32, 0, 2*len(segs)) // first and last speech unit of each said segment
	for si, seg := range segs {
		sts := ck.stretches(seg[0], seg[1])
		if len(sts) == 0 {
			unsaid = append(unsaid, seg)
			continue
		}
		near = append(near, sts[0].first().tlo, sts[len(sts)-1].last().thi-1)
		sts = ck.searchRuns(sts, seg[0], seg[1], tArt, where)
		joined = joined || len(sts) > 1
		ck.compare(sts, seg[0], seg[1], q, tArt)
		for _, s := range sts {
			for _, o := range s.ops {
				if o.a >= 0 && o.t >= 0 && o.sim >= spellingWord {
					said++
				}
			}
			if p, ok := ck.part(s); ok {
				c.Parts = append(c.Parts, p)
			}
			for _, d := range ck.differences(s, q) {
				if d.Kind == align.DiffOmitted && ck.atCut(d, seg, si > 0, si+1 < len(segs)) {
					continue // the words the ellipsis cuts, around a word paired in the cut
				}
				c.Differences = append(c.Differences, d)
			}
		}
	}
	switch {
	case !timed && n < 3 || timed && said == 0 && n < 3:
		c.Verdict = align.VerdictUnclear // too short to look for
		c.Parts, c.Differences = []align.Part{}, []align.Difference{}
		return
	case !timed:
		c.Verdict = align.VerdictNotSaid
		c.Parts, c.Differences = []align.Part{}, []align.Difference{}
		return
	case len(c.Parts) == 0:
		// Words timed at a passage's edge only: said, but too little to compare.
		c.Verdict = align.VerdictUnclear
		c.Differences = []align.Difference{}
		return
	}
	for _, seg := range unsaid {
		if ck.saidNear(units(seg[0], seg[1]), near) {
			continue // said, by words the aligner did not pair: no evidence
		}
		c.Differences = append(c.Differences, ck.unsaidSegment(seg, c.Parts))
	}
	slices.SortFunc(c.Differences, func(a, b align.Difference) int { return a.CharStart - b.CharStart })
	c.Verdict = verdict(c.Differences, joined)
}

// noiseRef is the recognition noise (recognitionNoise) up to which the
// prior of a change holds; a noisier recording lowers it in proportion: a
// recogniser that writes twice as many words otherwise makes any one word
// written otherwise half as likely the journalist's edit. Set on the tuning
// set (about the noise of a recording at 10 % WER).
const noiseRef = 0.05

// recognitionNoise is the share of the quotations' words, among those the
// aligner matched, that the recogniser wrote otherwise than printed
// (similarity below sameWord): the recording's rate of recognition
// errors that look like edits. lo and hi bound each quotation's units.
func (ck *checker) recognitionNoise(lo, hi []int32) float64 {
	matched, other := 0, 0
	for q := range lo {
		for a := lo[q]; a >= 0 && a < hi[q]; a++ {
			if ck.m[a].Lo < 0 {
				continue
			}
			matched++
			if float64(ck.m[a].Sim) < sameWord-1e-6 {
				other++
			}
		}
	}
	if matched == 0 {
		return 0
	}
	return float64(other) / float64(matched)
}

// saidNear reports whether a third or more of article units as have a like
// speech unit (similarity spellingWord) within segmentWindow units of the
// speech units near.
func (ck *checker) saidNear(as []int32, near []int32) bool {
	found := 0
	for _, a := range as {
		if ck.au[a].Clitic {
			continue
		}
	look:
		for _, t0 := range near {
			for t := max(0, t0-segmentWindow); t <= min(int32(len(ck.tu))-1, t0+segmentWindow); t++ {
				if arabic.Similarity(ck.au[a].Word, ck.tu[t].Word) >= spellingWord {
					found++
					break look
				}
			}
		}
	}
	return 3*found >= len(as)
}

// segmentWindow: the speech units around the said parts of a quotation in
// which the words of a part the aligner found no word of are looked for
// (the cut an ellipsis marks lies between).
const segmentWindow = 40

// unsaidSegment is the added difference of a segment of a quotation (cut
// at an ellipsis) of which no word was said, while others were: at the
// time after the part before it, else before the part after it.
func (ck *checker) unsaidSegment(seg [2]int32, parts []align.Part) align.Difference {
	d := align.Difference{Kind: align.DiffAdded, Confidence: edgeAdded(int(seg[1] - seg[0]))}
	if seg[1]-seg[0] >= minNowhere {
		d.Confidence = sureAdded // the aligner found none of them
	}
	d.CharStart, _ = ck.chars(seg[0])
	_, d.CharEnd = ck.chars(seg[1] - 1)
	d.Article = string(ck.runes[d.CharStart:d.CharEnd])
	d.Start = parts[0].Start
	for _, p := range parts {
		if p.CharEnd <= d.CharStart {
			d.Start = p.End
		}
	}
	d.End = d.Start
	return d
}

// atCut reports an omission next to the ellipsis that bounds segment seg
// (after one when cutBefore, before one when cutAfter): within one printed
// word of it. The recogniser's version of the first or last printed word
// can pair with a like word said inside the cut, and what was said between
// them is the cut, not an omission.
func (ck *checker) atCut(d align.Difference, seg [2]int32, cutBefore, cutAfter bool) bool {
	if cutBefore {
		if _, end := ck.chars(seg[0]); d.CharStart <= end {
			return true
		}
	}
	if cutAfter {
		if start, _ := ck.chars(seg[1] - 1); d.CharStart >= start {
			return true
		}
	}
	return false
}

// verdict decides from the differences, and whether the quotation was said
// in stretches joined without an ellipsis.
func verdict(ds []align.Difference, joined bool) align.Verdict {
	altered, unsure, spelling := false, false, false
	for _, d := range ds {
		switch {
		case d.Kind == align.DiffSpelling:
			spelling = true
		case d.Confidence >= align.MinAlteredConfidence:
			altered = true
		case d.Confidence >= minUnclearConfidence:
			unsure = true
		}
	}
	switch {
	case joined:
		return align.VerdictStitched
	case altered:
		return align.VerdictAltered
	case unsure:
		return align.VerdictUnclear
	case spelling:
		return align.VerdictMinor
	}
	return align.VerdictVerbatim
}

// segments splits article units [lo, hi) of quotation q at its ellipses
// («…», "...", "(...)", «[…]»): the parts on either side of a cut may be
// said apart.
func (ck *checker) segments(q int, lo, hi int32) [][2]int32 {
	sp := ck.art.Quotes[q]
	runes := ck.runes
	var cuts []int // rune offsets of ellipses
	for i := sp.CharStart; i < sp.CharEnd && i < len(runes); i++ {
		if runes[i] == '…' || runes[i] == '.' && i+2 < len(runes) && runes[i+1] == '.' && runes[i+2] == '.' {
			cuts = append(cuts, i)
			for i < sp.CharEnd && i < len(runes) && (runes[i] == '.' || runes[i] == '…') {
				i++
			}
		}
	}
	var out [][2]int32
	start := lo
	for _, cut := range cuts {
		j := start
		for j < hi && ck.art.Words[ck.au[j].Lo].Start < cut {
			j++
		}
		if j > start && j < hi {
			out = append(out, [2]int32{start, j})
			start = j
		}
	}
	return append(out, [2]int32{start, hi})
}

// stretches groups the matched units of article units [lo, hi) into runs
// said in one go: a step back in time, or more than stitchGap units of
// other speech, starts a new one. A lone matched word is dropped when
// longer stretches exist (a common word matched elsewhere).
func (ck *checker) stretches(lo, hi int32) []stretch {
	var out []stretch
	for j := lo; j < hi; j++ {
		if ck.m[j].Lo < 0 {
			continue
		}
		m := match{tlo: ck.m[j].Lo, thi: ck.m[j].Hi, a: j, a2: -1, sim: ck.m[j].Sim}
		if len(out) == 0 || ck.apart(out[len(out)-1].last(), m) {
			out = append(out, stretch{})
		}
		s := &out[len(out)-1]
		s.pairs = append(s.pairs, m)
	}
	long := 0
	for _, s := range out {
		if len(s.pairs) >= 2 {
			long++
		}
	}
	if long == 0 || long == len(out) {
		return out
	}
	kept := out[:0]
	for _, s := range out {
		if len(s.pairs) >= 2 {
			kept = append(kept, s)
		}
	}
	return kept
}

// apart reports whether pair m, next in the article after p, was said in
// another stretch: before p, or after more than stitchGap units of other
// speech than the article words between them.
func (ck *checker) apart(p, m match) bool {
	if m.tlo == p.tlo {
		return false // a 1:2 move
	}
	if m.tlo < p.thi {
		return true
	}
	skipped := 0
	for t := p.thi; t < m.tlo; t++ {
		if !ck.ignorable(t) {
			skipped++
		}
	}
	return skipped-int(m.a-p.a-1) > stitchGap
}

// searchRuns looks for the runs of at least minRun article units of
// [lo, hi) that no stretch holds and that lie before, between or after the
// stretches — the other half of a stitched quotation, which the aligner,
// taking one place per quotation, did not match — with a local alignment
// around the places where their rarer words were said. A run found makes a
// stretch of its own.
func (ck *checker) searchRuns(sts []stretch, lo, hi int32, tArt []int32, where map[string][]int32) []stretch {
	var found []stretch
	from := lo
	for k := 0; k <= len(sts); k++ {
		to := hi
		if k < len(sts) {
			to = sts[k].first().a
		}
		if to-from >= minRun {
			if ms := ck.searchRun(units(from, to), tArt, where); len(ms) > 0 {
				found = append(found, stretch{pairs: ms})
			}
		}
		if k < len(sts) {
			from = sts[k].last().a + 1
		}
	}
	if len(found) == 0 {
		return sts
	}
	sts = append(sts, found...)
	slices.SortFunc(sts, func(x, y stretch) int { return int(x.first().a - y.first().a) })
	return sts
}

// Bounds of searchRun.
const (
	minRun       = 3  // article units, and matches needed
	maxRun       = 40 // longest run looked for
	maxRunCands  = 60 // places tried
	maxRunOccurs = 6  // a stem said more often proposes no place
)

// searchRun finds article units us in speech no article word was matched
// to; it returns the pairs of the best local alignment when at least
// minRun and half of the units match, else nil.
func (ck *checker) searchRun(us []int32, tArt []int32, where map[string][]int32) []match {
	if len(us) > maxRun {
		return nil
	}
	var cands []int32
	seen := map[string]bool{}
	for _, j := range us {
		st := ck.au[j].Word.Stem
		if len(st) >= 6 && !seen[st] && len(where[st]) <= maxRunOccurs {
			seen[st] = true
			cands = append(cands, where[st]...)
		}
	}
	slices.Sort(cands)
	var best []align.Pair
	bestScore, lastHi, n := float32(0), int32(-1), 0
	for _, t := range cands {
		if t <= lastHi {
			continue
		}
		if n++; n > maxRunCands {
			break
		}
		wlo, whi := max(0, t-int32(len(us))-4), min(int32(len(ck.tu))-1, t+2*int32(len(us))+4)
		lastHi = whi - int32(len(us))
		var ti []int32
		for x := wlo; x <= whi; x++ {
			if tArt[x] < 0 {
				ti = append(ti, x)
			}
		}
		ps := ck.x.LocalAlign(ti, us)
		if sc := localScore(ps); sc > bestScore {
			best, bestScore = ps, sc
		}
	}
	var out []match
	for _, p := range best {
		out = append(out, match{tlo: p.Lo, thi: p.Hi, a: p.A, a2: -1, sim: p.Sim})
		if p.A2 >= 0 {
			out = append(out, match{tlo: p.Lo, thi: p.Hi, a: p.A2, a2: -1, sim: p.Sim})
		}
	}
	if len(out) < minRun || 2*len(out) < len(us) {
		return nil
	}
	return out
}

// ignorable reports a transcript unit a quotation may leave out: a filler
// (also with a proclitic, or written otherwise: «بطيب», «يعيني»), a
// proclitic split from its word, or a word said twice in a row, also with
// a filler between («وأخيرا، يعني، وأخيرا») and also when the recogniser
// wrote the two alike but not the same («ولا بولا»). Cached per unit.
func (ck *checker) ignorable(t int32) bool {
	if ck.ign == nil {
		ck.ign = make([]int8, len(ck.tu))
	}
	if v := ck.ign[t]; v != 0 {
		return v > 0
	}
	u := &ck.tu[t]
	same := func(x int32) bool {
		return x >= 0 && int(x) < len(ck.tu) && (ck.tu[x].Word.Key == u.Word.Key || !isNumber(u.Word.Key) &&
			u.Runes >= 3 && arabic.Similarity(ck.tu[x].Word, u.Word) >= repeatWord)
	}
	filler := func(x int32) bool { return x >= 0 && int(x) < len(ck.tu) && ck.filler(x) }
	v := u.Clitic || ck.filler(t) || same(t-1) || same(t+1) || filler(t-1) && same(t-2) || filler(t+1) && same(t+2)
	ck.ign[t] = map[bool]int8{true: 1, false: -1}[v]
	return v
}

// repeatWord is the similarity from which a word next to the same word is
// taken for that word said twice.
const repeatWord = 0.7

// filler reports a filler, also with a proclitic or written otherwise.
func (ck *checker) filler(t int32) bool {
	w := ck.tu[t].Word
	return fillers[w.Key] || fillers[w.Stem] || fillerSounds[skeleton(w.Key)] || fillerSounds[skeleton(w.Stem)]
}

// localScore is the score of a local alignment's pairs: 1 for an equal
// word down to 0.4 for a near miss at the aligner's MinSimilarity.
func localScore(ps []align.Pair) float32 {
	sc := float32(0)
	for _, p := range ps {
		sc += 2*p.Sim - 1
	}
	return sc
}

// isNumber reports a number's key («#59»).
func isNumber(k string) bool { return k != "" && k[0] == '#' }

// round3 rounds to milliseconds, enough for any time and confidence here.
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
