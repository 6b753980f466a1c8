package align

import (
	"math"
	"slices"
)

type chain struct {
	anchors []anchor
	score   float64
	prio    float64 // score plus a bonus for quotations, to break ties
}

// chainAnchors links anchors into chains in which both the speech and the
// article positions increase, never across the edge of a quotation, scoring each chain by the words it anchors less
// a penalty for skew between the gaps, and returns the chains found by
// tracing back from the best ends, each anchor in one chain.
func (al *aligner) chainAnchors(anc []anchor, k int) []chain {
	slices.SortFunc(anc, func(x, y anchor) int {
		if x.t != y.t {
			return int(x.t - y.t)
		}
		return int(x.a - y.a)
	})
	n := len(anc)
	best := make([]float64, n)
	prev := make([]int32, n)
	for p := range anc {
		best[p], prev[p] = float64(k), -1
		for q := p - 1; q >= 0 && p-q <= chainWindow && anc[p].t-anc[q].t <= maxGapT; q-- {
			if g, ok := linkGain(anc[q], anc[p], k); ok && best[q]+g > best[p] && al.quoteOf(anc[q].a) == al.quoteOf(anc[p].a) {
				best[p], prev[p] = best[q]+g, int32(q)
			}
		}
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(x, y int32) int {
		switch {
		case best[x] > best[y]:
			return -1
		case best[x] < best[y]:
			return 1
		}
		return 0
	})
	used := make([]bool, n)
	var out []chain
	for _, p := range order {
		if used[p] {
			continue
		}
		var c []anchor
		for q := p; q >= 0 && !used[q]; q = prev[q] {
			used[q] = true
			c = append(c, anc[q])
		}
		slices.Reverse(c)
		if s := chainScore(c, k); s >= al.opts.MinPassage {
			inQuote := 0
			for _, x := range c {
				if al.art.Words[al.aw[al.au[x.a].lo]].Quote >= 0 {
					inQuote++
				}
			}
			// Where the article repeats a phrase (a headline echoing a
			// quotation), the speech more likely said the quotation.
			out = append(out, chain{anchors: c, score: s, prio: s + quoteBonus*float64(inQuote)/float64(len(c))})
		}
	}
	return out
}

func linkGain(q, p anchor, k int) (float64, bool) {
	dt, da := int(p.t-q.t), int(p.a-q.a)
	if dt <= 0 || da <= 0 || dt > maxGapT || da > maxGapA || dt-da > maxSkew || da-dt > maxSkew {
		return 0, false
	}
	add := min(dt, da, k)
	pen := skewPenalty * math.Abs(float64(dt-da))
	if pen > maxSkewPen {
		pen = maxSkewPen
	}
	return float64(add) - pen, true
}

func chainScore(c []anchor, k int) float64 {
	if len(c) == 0 {
		return 0
	}
	s := float64(k)
	for i := 1; i < len(c); i++ {
		g, ok := linkGain(c[i-1], c[i], k)
		if !ok {
			return s
		}
		s += g
	}
	return s
}

// accept keeps the best chains that do not overlap the ones kept before them,
// in the speech or in the article, splitting a chain where it runs into a
// kept one. This is where a sentence said twice goes to its better occurrence
// and where quotations said out of order each find their place.
func (al *aligner) accept(chains []chain, k int) [][]anchor {
	slices.SortStableFunc(chains, func(x, y chain) int {
		switch {
		case x.prio > y.prio:
			return -1
		case x.prio < y.prio:
			return 1
		}
		return 0
	})
	sp, ar := &al.cl.speech, &al.cl.article
	var passages [][]anchor
	for _, c := range chains {
		var cur []anchor
		flush := func() {
			if len(cur) > 0 && chainScore(cur, k) >= al.opts.MinPassage {
				// Reserve the anchors and the short stretches between them;
				// a long stretch between two anchors (an aside, a sentence the
				// speaker skipped) may hold another passage's words.
				id := int32(len(passages)) // alignPassage numbers passages in this order
				for i, x := range cur {
					sp.claim(x.t, x.t+int32(k), id)
					ar.claim(x.a, x.a+int32(k), id)
					if i > 0 && tight(cur[i-1], x) {
						sp.claim(cur[i-1].t, x.t, id)
						ar.claim(cur[i-1].a, x.a, id)
					}
				}
				passages = append(passages, cur)
			}
			cur = nil
		}
		var repeats []anchor
		for _, x := range c.anchors {
			if !sp.free(x.t, x.t+int32(k)) || !ar.free(x.a, x.a+int32(k)) {
				if sp.free(x.t, x.t+int32(k)) {
					repeats = append(repeats, x)
				}
				flush()
				continue
			}
			if len(cur) > 0 {
				q := cur[len(cur)-1]
				if tight(q, x) && (!sp.free(q.t+int32(k), x.t) || !ar.free(q.a+int32(k), x.a)) {
					flush()
				}
			}
			cur = append(cur, x)
		}
		flush()
		// A long passage said again: its article words went to the better
		// occurrence; keep its speech from being matched to an echo of the
		// same words elsewhere in the article (a headline).
		if c.score >= repeatScore*al.opts.MinPassage {
			for _, x := range repeats {
				sp.block(x.t, x.t+int32(k))
			}
		}
	}
	return passages
}

// tight reports whether two consecutive anchors of a chain are close enough
// for the words between them to belong to the same passage for sure.
func tight(q, p anchor) bool { return p.t-q.t <= tightGap && p.a-q.a <= tightGap }

// alignPassage fixes the anchored word pairs of a passage and aligns the
// words between consecutive anchors.
func (al *aligner) alignPassage(p []anchor, k int) {
	id := al.cl.newPassage()
	lastT, lastA := int32(-1), int32(-1)
	for _, x := range p {
		for i := int32(0); i < int32(k); i++ {
			t, a := x.t+i, x.a+i
			if t <= lastT || a <= lastA {
				continue
			}
			if lastT >= 0 {
				al.alignGap(lastT+1, t, lastA+1, a, id)
			}
			al.setMatch(a, t, t+1, 1, id)
			lastT, lastA = t, a
		}
	}
}

// setMatch records that transcript units [tlo, thi) said article unit a,
// for passage id.
func (al *aligner) setMatch(a, tlo, thi int32, sim float32, id int32) {
	al.mLo[a], al.mHi[a], al.mSim[a] = tlo, thi, sim
	al.cl.article.claim(a, a+1, id)
	al.cl.speech.claim(tlo, thi, id)
	for t := tlo; t < thi; t++ {
		al.cl.used[t] = true
	}
}

// take records the matches of dp for passage id; a 1:2 move matches two
// article units to one transcript unit.
func (al *aligner) take(ms []match, id int32) {
	for _, m := range ms {
		al.setMatch(m.a, m.tlo, m.thi, m.sim, id)
		if m.a2 >= 0 {
			al.setMatch(m.a2, m.tlo, m.thi, m.sim, id)
		}
	}
}

// alignGap aligns transcript units [tlo, thi) to article units [alo, ahi)
// end to end.
func (al *aligner) alignGap(tlo, thi, alo, ahi, id int32) {
	ti := make([]int32, 0, max(thi-tlo, 0))
	for t := tlo; t < thi; t++ {
		if al.cl.speech.adopt(t, id) {
			ti = append(ti, t)
		}
	}
	ai := make([]int32, 0, max(ahi-alo, 0))
	for a := alo; a < ahi; a++ {
		if al.cl.article.adopt(a, id) {
			ai = append(ai, a)
		}
	}
	al.take(al.dp(ti, ai, dpGlobal), id)
}

// extend grows passage p beyond its first (backward) or last anchor into
// speech and article not claimed by another passage, as far as the words
// keep matching, but not across the edge of a quotation: the narration
// around a quotation is rarely said, and its words are often said nearby in
// other turns of phrase.
func (al *aligner) extend(p []anchor, k int, backward bool) {
	if len(p) == 0 {
		return
	}
	first, last := p[0], p[len(p)-1]
	id := al.cl.article.owner[first.a]
	if id < 0 {
		return
	}
	var ti, ai []int32
	if backward {
		for t := first.t - 1; t >= 0 && first.t-t <= extendMargin && !al.cl.speech.taken[t]; t-- {
			ti = append(ti, t)
		}
		q := al.quoteOf(first.a)
		for a := first.a - 1; a >= 0 && first.a-a <= extendMargin && !al.cl.article.taken[a] && al.quoteOf(a) == q; a-- {
			ai = append(ai, a)
		}
	} else {
		lt, la := last.t+int32(k)-1, last.a+int32(k)-1
		// The last anchor may have been shortened by overlaps; start after
		// what was matched.
		for lt+1 < int32(len(al.tu)) && al.cl.speech.held(lt+1, id) {
			lt++
		}
		for la+1 < int32(len(al.au)) && al.cl.article.held(la+1, id) {
			la++
		}
		for t := lt + 1; int(t) < len(al.tu) && t-lt <= extendMargin && !al.cl.speech.taken[t]; t++ {
			ti = append(ti, t)
		}
		q := al.quoteOf(la)
		for a := la + 1; int(a) < len(al.au) && a-la <= extendMargin && !al.cl.article.taken[a] && al.quoteOf(a) == q; a++ {
			ai = append(ai, a)
		}
	}
	ms := al.dp(ti, ai, dpExtend)
	if len(ms) == 0 {
		return
	}
	// Claim everything up to the farthest match.
	farT, farA := first.t, first.a
	if !backward {
		farT, farA = -1, -1
	}
	al.take(ms, id)
	for _, m := range ms {
		if backward {
			farT, farA = min(farT, m.tlo), min(farA, m.a, orMax(m.a2))
		} else {
			farT, farA = max(farT, m.thi-1), max(farA, m.a, m.a2)
		}
	}
	if backward {
		al.cl.speech.claim(farT, first.t, id)
		al.cl.article.claim(farA, first.a, id)
		return
	}
	al.cl.speech.claim(ti[0], farT+1, id)
	al.cl.article.claim(ai[0], farA+1, id)
}

func orMax(a int32) int32 {
	if a < 0 {
		return math.MaxInt32
	}
	return a
}
