package align

import "slices"

// Bounds of the search for short quotations.
const (
	rescueMaxUnits    = 30  // longest quotation looked for by rescue
	rescueMaxSentence = 16  // longest sentence looked for by rescue
	rescuePrefilter   = 0.5 // share of the needed words a window must hold before it is aligned
	rescueMaxCands    = 60  // most candidate places per quotation
	rescueMaxOcc      = 6   // a word said more often than this does not propose places
	// Fraction of a quotation's or a sentence's units that must match.
	rescueQuoteBar    = 0.5
	rescueSentenceBar = 0.7
)

// rescue looks for quotations and sentences that no passage reached —
// typically short ones, with too few words for an anchor chain — around the
// places where their rarer words were said, with a local alignment. A
// quotation is taken when most of its words match; a sentence of narration,
// which is rarely said, needs more.
func (al *aligner) rescue() {
	var groups [][]int32
	var bars []float64
	byQuote := map[int]int{}
	bySentence := map[int]int{}
	for j, u := range al.au {
		w := al.art.Words[al.aw[u.lo]]
		if w.Quote >= 0 {
			g, ok := byQuote[w.Quote]
			if !ok {
				g = len(groups)
				byQuote[w.Quote] = g
				groups, bars = append(groups, nil), append(bars, rescueQuoteBar)
			}
			groups[g] = append(groups[g], int32(j))
			continue
		}
		g, ok := bySentence[w.Sentence]
		if !ok {
			g = len(groups)
			bySentence[w.Sentence] = g
			groups, bars = append(groups, nil), append(bars, rescueSentenceBar)
		}
		groups[g] = append(groups[g], int32(j))
	}
	where := map[string][]int32{} // transcript positions of each stem
	for t, u := range al.tu {
		where[u.w.Stem] = append(where[u.w.Stem], int32(t))
	}
	for gi, us := range groups {
		if len(us) < 2 || len(us) > rescueMaxUnits || bars[gi] == rescueSentenceBar && len(us) > rescueMaxSentence {
			continue
		}
		al.rescueGroup(us, bars[gi], where)
	}
}

// rescueGroup searches the speech for the article units us (all unmatched).
func (al *aligner) rescueGroup(us []int32, bar float64, where map[string][]int32) {
	var cands []int32
	seen := map[string]bool{}
	groupStems := map[string]bool{}
	for _, j := range us {
		if al.cl.article.taken[j] {
			return
		}
		st := al.au[j].w.Stem
		groupStems[st] = true
		if (len(st) >= 6 || arabicNum(al.au[j].w.Key)) && !seen[st] && len(where[st]) <= rescueMaxOcc {
			seen[st] = true
			cands = append(cands, where[st]...)
		}
	}
	slices.Sort(cands)
	var best []match
	bestScore := float32(0)
	lastHi := int32(-1)
	n := 0
	for _, t32 := range cands {
		t := int(t32)
		if int32(t) <= lastHi || al.cl.speech.taken[t] {
			continue
		}
		if n++; n > rescueMaxCands {
			break
		}
		lo, hi := int32(t), int32(t)
		for lo > 0 && lo > lastHi+1 && !al.cl.speech.taken[lo-1] && int32(t)-lo < int32(len(us))+4 {
			lo--
		}
		for int(hi)+1 < len(al.tu) && !al.cl.speech.taken[hi+1] && hi-int32(t) < 2*int32(len(us))+4 {
			hi++
		}
		lastHi = hi - int32(len(us)) // windows overlap by about a group
		// Cheap test before the alignment: enough of the group's words in
		// the window.
		hits := map[string]bool{}
		for x := lo; x <= hi; x++ {
			if st := al.tu[x].w.Stem; groupStems[st] {
				hits[st] = true
			}
		}
		if float64(len(hits)) < max(2, rescuePrefilter*bar*float64(len(us))) {
			continue
		}
		ti := make([]int32, 0, hi-lo+1)
		for x := lo; x <= hi; x++ {
			ti = append(ti, x)
		}
		ms := al.dp(ti, us, dpLocal)
		if sc := localScore(ms); sc > bestScore {
			best, bestScore = ms, sc
		}
	}
	matched := 0
	for _, m := range best {
		matched++
		if m.a2 >= 0 {
			matched++
		}
	}
	if matched < 2 || float64(matched) < bar*float64(len(us)) {
		return
	}
	if bar > rescueQuoteBar && matched < 4 {
		return
	}
	id := al.cl.newPassage()
	al.take(best, id)
	first, last := best[0], best[len(best)-1]
	al.cl.speech.claim(first.tlo, last.thi, id)
	al.cl.article.claim(first.a, max(last.a, last.a2)+1, id)
}

// localScore is the score of a local alignment's matches: 1 for an equal
// word down to 0.4 for a near miss at MinSimilarity.
func localScore(ms []match) float32 {
	sc := float32(0)
	for _, m := range ms {
		sc += 2*m.sim - 1
	}
	return sc
}

func arabicNum(k string) bool { return k != "" && k[0] == '#' }
