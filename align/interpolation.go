package align

import (
	"math"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// interpolate gives times to runs of unmatched article words that sit between
// two matched neighbours of the same passage, in the same sentence or the
// same quotation, when the speech between the neighbours has room for them:
// either unmatched recognised words (a misrecognition) or a silence long
// enough for the missing words (a word the recogniser dropped).
func (al *aligner) interpolate() {
	al.edgeSim = make([]float64, len(al.art.Words))
	al.iStart = make([]float64, len(al.art.Words))
	al.iEnd = make([]float64, len(al.art.Words))
	for i := range al.iStart {
		al.iStart[i], al.iEnd[i], al.edgeSim[i] = math.NaN(), math.NaN(), math.NaN()
	}
	for j0 := 0; j0 < len(al.au); {
		if al.mLo[j0] >= 0 {
			j0++
			continue
		}
		j1 := j0
		for j1 < len(al.au) && al.mLo[j1] < 0 {
			j1++
		}
		if !al.fillRun(j0-1, j0, j1) {
			al.fillEdges(j0, j1)
		}
		j0 = j1
	}
}

// fillRun interpolates article units [j0, j1) between matched units p = j0-1 and j1.
func (al *aligner) fillRun(p, j0, j1 int) bool {
	if p < 0 || j1 >= len(al.au) || j1-j0 > al.opts.MaxInterpolated {
		return false
	}
	if al.cl.article.owner[p] < 0 || al.cl.article.owner[p] != al.cl.article.owner[j1] {
		return false
	}
	tlo, thi := al.mHi[p], al.mLo[j1] // transcript units between the neighbours
	if tlo > thi {
		return false
	}
	// Same sentence, or same quotation, for the whole run and its neighbours.
	first, last := al.art.Words[al.aw[al.au[p].lo]], al.art.Words[al.aw[al.au[j1].hi-1]]
	sameSentence, sameQuote := first.Sentence == last.Sentence, first.Quote >= 0 && first.Quote == last.Quote
	for j := j0; j < j1; j++ {
		for wi := al.au[j].lo; wi < al.au[j].hi; wi++ {
			w := al.art.Words[al.aw[wi]]
			sameSentence = sameSentence && w.Sentence == first.Sentence
			sameQuote = sameQuote && w.Quote == first.Quote
		}
	}
	// Never across the edge of a quotation, and across sentences only
	// inside one.
	if !sameQuote && !(sameSentence && first.Quote == last.Quote && allQuote(al, j0, j1, first.Quote)) {
		return false
	}
	words := 0
	for j := j0; j < j1; j++ {
		words += int(al.au[j].hi - al.au[j].lo)
	}
	between := int(thi - tlo)
	for t := tlo; t < thi; t++ {
		if al.cl.used[t] {
			return false
		}
	}
	if between > 2*(j1-j0)+2 {
		return false // a long aside: the article words are not in it
	}
	// The silence or the misrecognised words between the neighbours.
	start, end := al.tw[al.tu[al.mHi[p]-1].hi-1].end, al.tw[al.tu[al.mLo[j1]].lo].start
	if end < start {
		return false
	}
	if between == 0 {
		if gap := end - start; gap < minWordGap*float64(words) || gap > maxWordGap*float64(words)+1 {
			return false
		}
	}
	if between > 0 && between < j1-j0 {
		// Fewer recognised words than article words: unless the silence
		// around them has room for the others (words the recogniser
		// dropped), give times only to the article words that the
		// recognised ones most resemble.
		silence := end - start
		for t := tlo; t < thi; t++ {
			silence -= al.tw[al.tu[t].hi-1].end - al.tw[al.tu[t].lo].start
		}
		if silence < minWordGap*float64(j1-j0-between) {
			al.pairUp(tlo, thi, j0, j1)
			return true
		}
	}
	for t := tlo; t < thi; t++ {
		al.cl.used[t] = true
	}
	if between == j1-j0 {
		// One recognised unit for each article unit: substitutions.
		for j := j0; j < j1; j++ {
			u := al.tu[int(tlo)+j-j0]
			al.share(j, j+1, al.tw[u.lo].start, al.tw[u.hi-1].end)
		}
		return true
	}
	al.share(j0, j1, start, end)
	return true
}

// allQuote reports whether every word of article units [j0, j1) has quote q.
func allQuote(al *aligner, j0, j1, q int) bool {
	for j := j0; j < j1; j++ {
		for wi := al.au[j].lo; wi < al.au[j].hi; wi++ {
			if al.art.Words[al.aw[wi]].Quote != q {
				return false
			}
		}
	}
	return true
}

// pairUp gives each transcript unit of [tlo, thi) to one article unit of
// [j0, j1) (fewer), in order, choosing the pairing with the most similar
// words; the article units left over stay without time.
func (al *aligner) pairUp(tlo, thi int32, j0, j1 int) {
	n, m := int(thi-tlo), j1-j0
	// best[i][j]: best total similarity pairing the first i transcript units
	// with the first j article units, every transcript unit paired.
	best := make([][]float64, n+1)
	for i := range best {
		best[i] = make([]float64, m+1)
		for j := range best[i] {
			best[i][j] = math.Inf(-1)
		}
	}
	for j := 0; j <= m; j++ {
		best[0][j] = 0
	}
	for i := 1; i <= n; i++ {
		for j := i; j <= m; j++ {
			skip := best[i][j-1]
			take := best[i-1][j-1] + arabic.Similarity(&al.tu[int(tlo)+i-1].w, &al.au[j0+j-1].w)
			best[i][j] = math.Max(skip, take)
		}
	}
	for i, j := n, m; i > 0 && j > 0; j-- {
		if best[i][j] == best[i][j-1] && j-1 >= i {
			continue
		}
		t := tlo + int32(i) - 1
		al.cl.used[t] = true
		u := al.tu[t]
		al.share(j0+j-1, j0+j, al.tw[u.lo].start, al.tw[u.hi-1].end)
		i--
	}
}

// share gives the words of article units [j0, j1) consecutive times in
// [start, end), in proportion to their lengths.
func (al *aligner) share(j0, j1 int, start, end float64) {
	// Share [start, end) among the words by length.
	total := 0
	for j := j0; j < j1; j++ {
		for wi := al.au[j].lo; wi < al.au[j].hi; wi++ {
			total += len([]rune(al.art.Words[al.aw[wi]].Text))
		}
	}
	pos := 0
	for j := j0; j < j1; j++ {
		for wi := al.au[j].lo; wi < al.au[j].hi; wi++ {
			idx := al.aw[wi]
			l := len([]rune(al.art.Words[idx].Text))
			al.iStart[idx] = start + (end-start)*float64(pos)/float64(total)
			pos += l
			al.iEnd[idx] = start + (end-start)*float64(pos)/float64(total)
		}
	}
}

// fillEdges gives times to the unmatched article units of [j0, j1) that
// open the sentence or quotation of the matched unit j1, or close that of
// the matched unit j0-1 (see fillEdge).
func (al *aligner) fillEdges(j0, j1 int) {
	if j0 > 0 && al.mLo[j0-1] >= 0 {
		e := j0
		for e < j1 && al.sameGroup(e, j0-1) {
			e++
		}
		if e > j0 {
			al.fillEdge(j0, e, j0-1, 1)
		}
	}
	if j1 < len(al.au) && al.mLo[j1] >= 0 {
		b := j1
		for b > j0 && al.sameGroup(b-1, j1) {
			b--
		}
		if b < j1 && !(b == j0 && j0 > 0 && al.mLo[j0-1] >= 0 && al.sameGroup(j0-1, j1)) {
			al.fillEdge(b, j1, j1, -1)
		}
	}
}

// sameGroup reports whether article units a and b are in the same sentence
// and the same quotation (or both outside quotations).
func (al *aligner) sameGroup(a, b int) bool {
	wa, wb := al.art.Words[al.aw[al.au[a].lo]], al.art.Words[al.aw[al.au[b].lo]]
	return wa.Sentence == wb.Sentence && wa.Quote == wb.Quote
}

// fillEdge gives times to the unmatched article units [j0, j1) at the start
// (step -1: before matched unit nb = j1) or the end (step 1: after matched
// unit nb = j0-1) of a sentence or quotation, taking the unused recognised
// units said right before (or after) that neighbour, one for one, without a
// pause between them: the first or last words of a passage that the
// recogniser got wrong. Longer edges must resemble the article's words.
func (al *aligner) fillEdge(j0, j1, nb, step int) {
	n := j1 - j0
	if n > maxEdge {
		return
	}
	t0 := int(al.mHi[nb])
	if step < 0 {
		t0 = int(al.mLo[nb]) - 1
	}
	edgeT := make([]int, 0, n)
	prevStart, prevEnd := al.tw[al.tu[al.mLo[nb]].lo].start, al.tw[al.tu[al.mHi[nb]-1].hi-1].end
	for k := 0; k < n; k++ {
		t := t0 + step*k
		if t < 0 || t >= len(al.tu) || al.cl.used[t] || (al.cl.speech.owner[t] >= 0 && al.cl.speech.owner[t] != al.cl.article.owner[nb]) {
			return
		}
		u := al.tu[t]
		s, e := al.tw[u.lo].start, al.tw[u.hi-1].end
		if (step < 0 && prevStart-e > maxEdgePause) || (step > 0 && s-prevEnd > maxEdgePause) {
			return
		}
		prevStart, prevEnd = s, e
		edgeT = append(edgeT, t)
	}
	unitOf := func(k int) int {
		if step < 0 {
			return j1 - 1 - k
		}
		return j0 + k
	}
	if n > maxEdgeBlind {
		sum := 0.0
		for k, t := range edgeT {
			sum += arabic.Similarity(&al.tu[t].w, &al.au[unitOf(k)].w)
		}
		if sum < minEdgeSim*float64(n) {
			return
		}
	}
	for k, t := range edgeT {
		j := unitOf(k)
		al.cl.used[t] = true
		u := al.tu[t]
		al.share(j, j+1, al.tw[u.lo].start, al.tw[u.hi-1].end)
		// Not an interpolation (there is one matched neighbour only) but a
		// pairing with the word said in its place: matched, with a low score.
		sim := arabic.Similarity(&al.tu[t].w, &al.au[j].w)
		for wi := al.au[j].lo; wi < al.au[j].hi; wi++ {
			al.edgeSim[al.aw[wi]] = sim
		}
	}
}

// Edge filling: at most maxEdge units, with at most maxEdgePause seconds
// between consecutive words.
const (
	maxEdge      = 4
	maxEdgeBlind = 2    // edges up to this long need no resemblance
	minEdgeSim   = 0.35 // mean similarity of a longer edge's words
	maxEdgePause = 0.25
)

// Bounds on the silence, in seconds per word, in which words the recogniser
// dropped may be placed.
const (
	minWordGap = 0.2
	maxWordGap = 1.5
)
