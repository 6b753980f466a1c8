package align

import (
	"math"
	"slices"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/align/arabic"
)

// Tuning constants of the anchor chaining and the local alignment. They are
// not Options because they were tuned together on the evaluation harness
// (transcribe/align/eval) and have no meaning one by one.
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

type anchor struct{ t, a int32 }

type chain struct {
	anchors []anchor
	score   float64
	prio    float64 // score plus a bonus for quotations, to break ties
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
	piece    []int32 // passage of each article unit, -1 when none
	tPiece   []int32 // passage of each transcript unit, -1 when none
	tUsed    []bool  // transcript unit matched or used for interpolation
	occT     []bool
	occA     []bool
	// interpolated times per article word (NaN when none)
	iStart, iEnd []float64
	// similarity of an edge word to the recognised word paired with it (NaN when none)
	edgeSim []float64
	npieces int32
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
	al.mLo, al.mHi, al.mSim, al.piece = make([]int32, n), make([]int32, n), make([]float32, n), make([]int32, n)
	for i := range n {
		al.mLo[i], al.mHi[i], al.piece[i] = -1, -1, -1
	}
	al.tPiece = make([]int32, len(al.tu))
	for i := range al.tPiece {
		al.tPiece[i] = -1
	}
	al.tUsed = make([]bool, len(al.tu))
	al.occT = make([]bool, len(al.tu))
	al.occA = make([]bool, n)
	return al
}

// flatten lists the transcript's tokens in order with their times. A word
// holding several tokens shares its time among them by length; a segment
// without words shares its time among the tokens of its text.
func flatten(t *transcribe.Transcript) []tword {
	var out []tword
	var toks []arabic.Token
	emit := func(text string, start, end float64) {
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
			out = append(out, tword{text: tk.Text, start: s, end: e})
		}
	}
	for _, seg := range t.Segments {
		if len(seg.Words) == 0 {
			emit(seg.Text, seg.Start, seg.End)
			continue
		}
		for _, w := range seg.Words {
			emit(w.Word, w.Start, w.End)
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

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func (al *aligner) run() {
	k := al.opts.AnchorLength
	anc := findAnchors(al.tu, al.au, k, al.quoteEdge())
	chains := al.chainAnchors(anc, k)
	pieces := al.accept(chains, k)
	for _, p := range pieces {
		al.alignPiece(p, k)
	}
	for _, p := range pieces {
		al.extend(p, k, false)
		al.extend(p, k, true)
	}
	al.rescue()
	al.interpolate()
}

// findAnchors lists the places where k consecutive unit stems of the speech
// equal k consecutive stems of the article, for n-grams rare in both.
func findAnchors(tu, au []unit, k int, edge []bool) []anchor {
	if len(tu) < k || len(au) < k {
		return nil
	}
	type occ struct {
		n   int32
		pos [maxAnchorOcc]int32
	}
	gram := func(us []unit, i int) (uint64, bool) {
		h := uint64(1469598103934665603)
		rs := int32(0)
		for _, u := range us[i : i+k] {
			h = (h ^ u.h) * 0x100000001b3
			h ^= h >> 29
			rs += int32(len(u.w.Stem))
		}
		return h, int(rs) >= minGramRunes*2 // Stem bytes: two per Arabic letter
	}
	art := make(map[uint64]*occ, len(au))
	for i := 0; i+k <= len(au); i++ {
		h, ok := gram(au, i)
		if !ok || slices.Contains(edge[i+1:i+k], true) {
			continue // too short, or across the edge of a quotation
		}
		o := art[h]
		if o == nil {
			o = &occ{}
			art[h] = o
		}
		if o.n < maxAnchorOcc {
			o.pos[o.n] = int32(i)
		}
		o.n++
	}
	th := make([]uint64, len(tu)-k+1)
	tcount := make(map[uint64]int32)
	for i := range th {
		h, ok := gram(tu, i)
		if !ok {
			h = 0
		} else if art[h] != nil {
			tcount[h]++
		}
		th[i] = h
	}
	var out []anchor
	for i, h := range th {
		if h == 0 {
			continue
		}
		o := art[h]
		if o == nil || o.n > maxAnchorOcc || tcount[h] > maxSpeechOcc {
			continue
		}
		for _, p := range o.pos[:o.n] {
			if sameStems(tu[i:i+k], au[p:int(p)+k]) {
				out = append(out, anchor{int32(i), p})
			}
		}
	}
	return out
}

func sameStems(a, b []unit) bool {
	for i := range a {
		if a[i].w.Stem != b[i].w.Stem {
			return false
		}
	}
	return true
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
	free := func(occ []bool, lo, hi int32) bool {
		for i := lo; i < hi; i++ {
			if occ[i] {
				return false
			}
		}
		return true
	}
	var pieces [][]anchor
	for _, c := range chains {
		var cur []anchor
		flush := func() {
			if len(cur) > 0 && chainScore(cur, k) >= al.opts.MinPassage {
				// Reserve the anchors and the short stretches between them;
				// a long stretch between two anchors (an aside, a sentence the
				// speaker skipped) may hold another passage's words.
				id := int32(len(pieces)) // alignPiece numbers pieces in this order
				for i, x := range cur {
					al.reserve(x.t, x.t+int32(k), x.a, x.a+int32(k), id)
					if i > 0 && tight(cur[i-1], x) {
						al.reserve(cur[i-1].t, x.t, cur[i-1].a, x.a, id)
					}
				}
				pieces = append(pieces, cur)
			}
			cur = nil
		}
		var repeats []anchor
		for _, x := range c.anchors {
			if !free(al.occT, x.t, x.t+int32(k)) || !free(al.occA, x.a, x.a+int32(k)) {
				if free(al.occT, x.t, x.t+int32(k)) {
					repeats = append(repeats, x)
				}
				flush()
				continue
			}
			if len(cur) > 0 {
				q := cur[len(cur)-1]
				if tight(q, x) && (!free(al.occT, q.t+int32(k), x.t) || !free(al.occA, q.a+int32(k), x.a)) {
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
				mark(al.occT, x.t, x.t+int32(k))
			}
		}
	}
	return pieces
}

// reserve marks transcript units [tlo, thi) and article units [alo, ahi) as
// belonging to passage id.
func (al *aligner) reserve(tlo, thi, alo, ahi, id int32) {
	for t := max(tlo, 0); t < thi && int(t) < len(al.tu); t++ {
		al.occT[t], al.tPiece[t] = true, id
	}
	for a := max(alo, 0); a < ahi && int(a) < len(al.au); a++ {
		al.occA[a], al.piece[a] = true, id
	}
}

// tight reports whether two consecutive anchors of a chain are close enough
// for the words between them to belong to the same passage for sure.
func tight(q, p anchor) bool { return p.t-q.t <= tightGap && p.a-q.a <= tightGap }

func mark(occ []bool, lo, hi int32) {
	for i := max(lo, 0); i < hi && int(i) < len(occ); i++ {
		occ[i] = true
	}
}

// alignPiece fixes the anchored word pairs of a passage and aligns the words
// between consecutive anchors.
func (al *aligner) alignPiece(p []anchor, k int) {
	id := al.npieces
	al.npieces++
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

func (al *aligner) setMatch(a, tlo, thi int32, sim float32, id int32) {
	al.mLo[a], al.mHi[a], al.mSim[a], al.piece[a] = tlo, thi, sim, id
	for t := tlo; t < thi; t++ {
		al.tUsed[t] = true
	}
	al.occA[a] = true
	mark(al.occT, tlo, thi)
	for t := tlo; t < thi; t++ {
		al.tPiece[t] = id
	}
}

// alignGap aligns transcript units [tlo, thi) to article units [alo, ahi)
// end to end.
func (al *aligner) alignGap(tlo, thi, alo, ahi, id int32) {
	ti := make([]int32, 0, max(thi-tlo, 0))
	for t := tlo; t < thi; t++ {
		if !al.occT[t] || al.tPiece[t] == id {
			ti = append(ti, t)
			al.tPiece[t] = id
		}
	}
	ai := make([]int32, 0, max(ahi-alo, 0))
	for a := alo; a < ahi; a++ {
		if !al.occA[a] || al.piece[a] == id {
			ai = append(ai, a)
			al.piece[a] = id
		}
	}
	for _, m := range al.dp(ti, ai, dpGlobal) {
		al.setMatch(m.a, m.tlo, m.thi, m.sim, id)
		// A 1:2 move matches two article units to one transcript unit.
		if m.a2 >= 0 {
			al.setMatch(m.a2, m.tlo, m.thi, m.sim, id)
		}
	}
}

// quoteEdge reports for each article unit whether a quotation opens or
// closes right before it.
func (al *aligner) quoteEdge() []bool {
	e := make([]bool, len(al.au))
	for a := 1; a < len(al.au); a++ {
		e[a] = al.quoteOf(int32(a)) != al.quoteOf(int32(a-1))
	}
	return e
}

// quoteOf returns the quotation of article unit a, or -1.
func (al *aligner) quoteOf(a int32) int { return al.art.Words[al.aw[al.au[a].lo]].Quote }

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
	id := al.piece[first.a]
	if id < 0 {
		return
	}
	var ti, ai []int32
	if backward {
		for t := first.t - 1; t >= 0 && first.t-t <= extendMargin && !al.occT[t]; t-- {
			ti = append(ti, t)
		}
		q := al.quoteOf(first.a)
		for a := first.a - 1; a >= 0 && first.a-a <= extendMargin && !al.occA[a] && al.quoteOf(a) == q; a-- {
			ai = append(ai, a)
		}
	} else {
		lt, la := last.t+int32(k)-1, last.a+int32(k)-1
		// The last anchor may have been shortened by overlaps; start after
		// what was matched.
		for lt+1 < int32(len(al.tu)) && al.occT[lt+1] && al.tPiece[lt+1] == id {
			lt++
		}
		for la+1 < int32(len(al.au)) && al.occA[la+1] && al.piece[la+1] == id {
			la++
		}
		for t := lt + 1; int(t) < len(al.tu) && t-lt <= extendMargin && !al.occT[t]; t++ {
			ti = append(ti, t)
		}
		q := al.quoteOf(la)
		for a := la + 1; int(a) < len(al.au) && a-la <= extendMargin && !al.occA[a] && al.quoteOf(a) == q; a++ {
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
	for _, m := range ms {
		al.setMatch(m.a, m.tlo, m.thi, m.sim, id)
		if m.a2 >= 0 {
			al.setMatch(m.a2, m.tlo, m.thi, m.sim, id)
		}
		if backward {
			farT, farA = min(farT, m.tlo), min(farA, m.a, orMax(m.a2))
		} else {
			farT, farA = max(farT, m.thi-1), max(farA, m.a, m.a2)
		}
	}
	if backward {
		for t := farT; t < first.t; t++ {
			al.occT[t], al.tPiece[t] = true, id
		}
		for a := farA; a < first.a; a++ {
			al.occA[a], al.piece[a] = true, id
		}
		return
	}
	for t := ti[0]; t <= farT; t++ {
		al.occT[t], al.tPiece[t] = true, id
	}
	for a := ai[0]; a <= farA; a++ {
		al.occA[a], al.piece[a] = true, id
	}
}

func orMax(a int32) int32 {
	if a < 0 {
		return math.MaxInt32
	}
	return a
}

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
		if al.occA[j] {
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
		if int32(t) <= lastHi || al.occT[t] {
			continue
		}
		if n++; n > rescueMaxCands {
			break
		}
		lo, hi := int32(t), int32(t)
		for lo > 0 && lo > lastHi+1 && !al.occT[lo-1] && int32(t)-lo < int32(len(us))+4 {
			lo--
		}
		for int(hi)+1 < len(al.tu) && !al.occT[hi+1] && hi-int32(t) < 2*int32(len(us))+4 {
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
		sc := float32(0)
		for _, m := range ms {
			sc += 2*m.sim - 1
		}
		if sc > bestScore {
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
	id := al.npieces
	al.npieces++
	for _, m := range best {
		al.setMatch(m.a, m.tlo, m.thi, m.sim, id)
		if m.a2 >= 0 {
			al.setMatch(m.a2, m.tlo, m.thi, m.sim, id)
		}
	}
	first, last := best[0], best[len(best)-1]
	for t := first.tlo; t < last.thi; t++ {
		al.occT[t], al.tPiece[t] = true, id
	}
	for a := first.a; a <= max(last.a, last.a2); a++ {
		al.occA[a], al.piece[a] = true, id
	}
}

func arabicNum(k string) bool { return k != "" && k[0] == '#' }
