package align

import "slices"

// MinAlteredConfidence is the least confidence of a changed, added or
// omitted difference for the verdict altered; below it (and from
// minUnclearConfidence) the verdict is unclear.
const MinAlteredConfidence = 0.5

// Check is the verdict on one quotation: was it said as printed?
type Check struct {
	// Verdict is one of the Verdict constants (verdict.go).
	Verdict Verdict `json:"verdict"`
	// Parts are the stretches of the recording the quotation was said in, in
	// article order; empty when it was not found.
	Parts []Part `json:"parts"`
	// Differences between the printed and the spoken words, in article order.
	Differences []Difference `json:"differences"`
	// Speaker is the person the article attributes the quotation to, in the
	// fullest form of the name found in the article; null when it names nobody.
	Speaker *string `json:"speaker"`
}

// Part is one stretch of speech that says a stretch of the quotation.
type Part struct {
	// Start and End are seconds from the beginning of the recording.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// CharStart and CharEnd are rune offsets into the article of the quoted
	// words said in this stretch.
	CharStart int `json:"char_start"`
	CharEnd   int `json:"char_end"`
}

// Difference is one place where the quotation and the speech differ.
type Difference struct {
	// Kind is one of the Diff constants (verdict.go).
	Kind DiffKind `json:"kind"`
	// CharStart and CharEnd are rune offsets into the article of the printed
	// words; for omitted words both are the place in the quotation where the
	// words are missing.
	CharStart int `json:"char_start"`
	CharEnd   int `json:"char_end"`
	// Article is the printed text ("" for omitted words), Spoken the words
	// recognised ("" for added words).
	Article string `json:"article"`
	Spoken  string `json:"spoken"`
	// Start and End are when the spoken words were said, in seconds; for
	// added words, the moment they would have been said.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// Confidence is the probability, 0 to 1, that the difference is real and
	// not a recognition error.
	Confidence float64 `json:"confidence"`
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
	// MinAlteredConfidence) makes the verdict unclear.
	minUnclearConfidence = 0.35
	// unknownProb stands for the recogniser's probability when the
	// transcript gives none.
	unknownProb = 0.6
	// maxEdgeDP: longest run of article units aligned to the speech beyond
	// a stretch's first or last matched word; longer runs count as added.
	maxEdgeDP = 40
	// minSaid: a quotation of three units or more is not said when fewer
	// than this share of them (and fewer than two) are found.
	minSaid = 0.3
)

// fillers are hesitations and discourse fillers a journalist rightly leaves
// out of a quotation (keys).
var fillers = map[string]bool{
	"يعني": true, "اه": true, "ايه": true, "اذن": true, "طيب": true, "ام": true, "امم": true,
	"اممم": true, "هم": true, "همم": true, "اه اه": true, "شوف": true, "والله": true, "ها": true,
	"يعنى": true, "بعني": true, "ااا": true, "اا": true, "مم": true, "ايوه": true,
}

// op is one step of a quotation's comparison with the speech.
type op struct {
	a, t int32   // article unit, transcript unit; -1 when the step has none
	sim  float64 // similarity of the pair (a and t both set)
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

// checkQuotes checks every quotation of the article against the speech.
func (al *aligner) checkQuotes() []Check {
	out := make([]Check, len(al.art.Quotes))
	// First and one-past-last article unit of each quotation.
	lo, hi := make([]int32, len(out)), make([]int32, len(out))
	for i := range lo {
		lo[i] = -1
	}
	for j := range al.au {
		if q := al.quoteOf(int32(j)); q >= 0 && q < len(out) {
			if lo[q] < 0 {
				lo[q] = int32(j)
			}
			hi[q] = int32(j) + 1
		}
	}
	// The article unit each transcript unit was matched to.
	tArt := make([]int32, len(al.tu))
	for i := range tArt {
		tArt[i] = -1
	}
	for j := range al.au {
		for t := al.mLo[j]; t >= 0 && t < al.mHi[j]; t++ {
			tArt[t] = int32(j)
		}
	}
	where := map[string][]int32{} // transcript positions of each stem
	for t, u := range al.tu {
		if tArt[t] < 0 {
			where[u.w.Stem] = append(where[u.w.Stem], int32(t))
		}
	}
	al.runes = []rune(al.art.Text)
	speakers := attribute(al.art, al.runes)
	for q := range out {
		c := Check{Verdict: VerdictUnclear, Parts: []Part{}, Differences: []Difference{}, Speaker: speakers[q]}
		if lo[q] >= 0 {
			al.checkQuote(&c, q, lo[q], hi[q], tArt, where)
		}
		out[q] = c
	}
	return out
}

// checkQuote fills c for quotation q, article units [lo, hi).
func (al *aligner) checkQuote(c *Check, q int, lo, hi int32, tArt []int32, where map[string][]int32) {
	n := int(hi - lo)
	said := 0
	joined := false // a stretch follows another without an ellipsis
	segs := al.segments(q, lo, hi)
	for si, seg := range segs {
		sts := al.stretches(seg[0], seg[1])
		if len(sts) == 0 {
			continue
		}
		sts = al.searchRuns(sts, seg[0], seg[1], tArt, where)
		joined = joined || len(sts) > 1
		al.compare(sts, seg[0], seg[1], q, tArt)
		for _, s := range sts {
			for _, o := range s.ops {
				if o.a >= 0 && o.t >= 0 && o.sim >= spellingWord {
					said++
				}
			}
			if p, ok := al.part(s); ok {
				c.Parts = append(c.Parts, p)
			}
			for _, d := range al.differences(s, q) {
				if d.Kind == DiffOmitted && al.atCut(d, seg, si > 0, si+1 < len(segs)) {
					continue // the words the ellipsis cuts, around a word paired in the cut
				}
				c.Differences = append(c.Differences, d)
			}
		}
	}
	switch {
	case said == 0 && n < 3:
		c.Verdict = VerdictUnclear // too short to look for
		c.Parts, c.Differences = []Part{}, []Difference{}
		return
	case said < 2 || n >= 3 && float64(said) < minSaid*float64(n):
		c.Verdict = VerdictNotSaid
		c.Parts, c.Differences = []Part{}, []Difference{}
		return
	}
	c.Verdict = verdict(c.Differences, joined)
}

// atCut reports an omission next to the ellipsis that bounds segment seg
// (after one when cutBefore, before one when cutAfter): within one printed
// word of it. The recogniser's version of the first or last printed word
// can pair with a like word said inside the cut, and what was said between
// them is the cut, not an omission.
func (al *aligner) atCut(d Difference, seg [2]int32, cutBefore, cutAfter bool) bool {
	if cutBefore {
		if _, end := al.chars(seg[0]); d.CharStart <= end {
			return true
		}
	}
	if cutAfter {
		if start, _ := al.chars(seg[1] - 1); d.CharStart >= start {
			return true
		}
	}
	return false
}

// verdict decides from the differences, and whether the quotation was said
// in stretches joined without an ellipsis.
func verdict(ds []Difference, joined bool) Verdict {
	altered, unsure, spelling := false, false, false
	for _, d := range ds {
		switch {
		case d.Kind == DiffSpelling:
			spelling = true
		case d.Confidence >= MinAlteredConfidence:
			altered = true
		case d.Confidence >= minUnclearConfidence:
			unsure = true
		}
	}
	switch {
	case joined:
		return VerdictStitched
	case altered:
		return VerdictAltered
	case unsure:
		return VerdictUnclear
	case spelling:
		return VerdictMinor
	}
	return VerdictVerbatim
}

// segments splits article units [lo, hi) of quotation q at its ellipses
// («…», "...", "(...)", «[…]»): the parts on either side of a cut may be
// said apart.
func (al *aligner) segments(q int, lo, hi int32) [][2]int32 {
	sp := al.art.Quotes[q]
	runes := al.runes
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
		for j < hi && al.art.Words[al.aw[al.au[j].lo]].Start < cut {
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
func (al *aligner) stretches(lo, hi int32) []stretch {
	var out []stretch
	for j := lo; j < hi; j++ {
		if al.mLo[j] < 0 {
			continue
		}
		m := match{tlo: al.mLo[j], thi: al.mHi[j], a: j, a2: -1, sim: al.mSim[j]}
		if len(out) == 0 || al.apart(out[len(out)-1].last(), m) {
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
func (al *aligner) apart(p, m match) bool {
	if m.tlo == p.tlo {
		return false // a 1:2 move
	}
	if m.tlo < p.thi {
		return true
	}
	skipped := 0
	for t := p.thi; t < m.tlo; t++ {
		if !al.ignorable(t) {
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
func (al *aligner) searchRuns(sts []stretch, lo, hi int32, tArt []int32, where map[string][]int32) []stretch {
	var found []stretch
	from := lo
	for k := 0; k <= len(sts); k++ {
		to := hi
		if k < len(sts) {
			to = sts[k].first().a
		}
		if to-from >= minRun {
			if ms := al.searchRun(units(from, to), tArt, where); len(ms) > 0 {
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
func (al *aligner) searchRun(us []int32, tArt []int32, where map[string][]int32) []match {
	if len(us) > maxRun {
		return nil
	}
	var cands []int32
	seen := map[string]bool{}
	for _, j := range us {
		st := al.au[j].w.Stem
		if len(st) >= 6 && !seen[st] && len(where[st]) <= maxRunOccurs {
			seen[st] = true
			cands = append(cands, where[st]...)
		}
	}
	slices.Sort(cands)
	var best []match
	bestScore, lastHi, n := float32(0), int32(-1), 0
	for _, t := range cands {
		if t <= lastHi {
			continue
		}
		if n++; n > maxRunCands {
			break
		}
		wlo, whi := max(0, t-int32(len(us))-4), min(int32(len(al.tu))-1, t+2*int32(len(us))+4)
		lastHi = whi - int32(len(us))
		var ti []int32
		for x := wlo; x <= whi; x++ {
			if tArt[x] < 0 {
				ti = append(ti, x)
			}
		}
		ms := al.dp(ti, us, dpLocal)
		if sc := localScore(ms); sc > bestScore {
			best, bestScore = ms, sc
		}
	}
	var out []match
	for _, m := range best {
		out = append(out, match{tlo: m.tlo, thi: m.thi, a: m.a, a2: -1, sim: m.sim})
		if m.a2 >= 0 {
			out = append(out, match{tlo: m.tlo, thi: m.thi, a: m.a2, a2: -1, sim: m.sim})
		}
	}
	if len(out) < minRun || 2*len(out) < len(us) {
		return nil
	}
	return out
}

// ignorable reports a transcript unit a quotation may leave out: a filler,
// a proclitic split from its word, or a word said twice in a row, also
// with a filler between («وأخيرا، يعني، وأخيرا»).
func (al *aligner) ignorable(t int32) bool {
	u := &al.tu[t]
	if u.clitic || fillers[u.w.Key] {
		return true
	}
	same := func(x int32) bool { return x >= 0 && int(x) < len(al.tu) && al.tu[x].w.Key == u.w.Key }
	filler := func(x int32) bool { return x >= 0 && int(x) < len(al.tu) && fillers[al.tu[x].w.Key] }
	return same(t-1) || same(t+1) || filler(t-1) && same(t-2) || filler(t+1) && same(t+2)
}
