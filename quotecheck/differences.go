package quotecheck

import (
	"math"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"slices"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// differences turns the ops of a stretch into differences, grouping runs of
// the same kind, weighing each (see the confidence functions) and leaving
// out those less sure than minReport.
func (ck *checker) differences(s stretch, q int) []align.Difference {
	runes := ck.runes
	var out []align.Difference
	ops := s.ops
	rate := ck.speechRate(ops)
	kind := func(o op) align.DiffKind {
		switch {
		case o.joined:
			return ""
		case o.a >= 0 && o.t >= 0 && o.sim >= sameWord:
			return ""
		case o.a >= 0 && o.t >= 0 && ck.au[o.a].Hi-ck.au[o.a].Lo == 1 && ck.tu[o.t].Hi-ck.tu[o.t].Lo == 1 &&
			proclitics(arabic.Key(ck.art.Words[ck.au[o.a].Lo].Text), arabic.Key(ck.tw[ck.tu[o.t].Lo].Text)):
			// «فإن» / «الفإن»: a proclitic the recogniser added or dropped,
			// no other word (the words as written: «الفإن» has the key of
			// the number «ألفان»).
			return ""
		case o.a >= 0 && o.t >= 0 && o.sim >= spellingWord:
			if !o.pieces && ck.otherWord(o.a, o.t) {
				return align.DiffChanged // another real word, not a spelling of it, or maybe one
			}
			return align.DiffSpelling
		case o.a >= 0 && o.t >= 0:
			return align.DiffChanged
		case o.a >= 0:
			if ck.au[o.a].Clitic {
				return ""
			}
			return align.DiffAdded
		case ck.ignorable(o.t):
			return ""
		}
		return align.DiffOmitted
	}
	for i := 0; i < len(ops); {
		k := kind(ops[i])
		if k == "" {
			i++
			continue
		}
		j := i + 1
		for k != align.DiffSpelling && j < len(ops) && kind(ops[j]) == k {
			j++
		}
		if d, ok := ck.difference(k, ops, i, j, runes, rate); ok && d.Confidence >= minReport {
			out = append(out, d)
		}
		i = j
	}
	return out
}

// proclitics reports two keys that differ only by proclitics before the
// shorter one, of three letters or more: «و», «ف», «ب», «ل», the article
// and their sequences («الفان» / «فان», «وبالمدينه» / «المدينه»). Whisper
// adds and drops these as it hears them, and a misquote changes a word,
// not its clitic; «ك» («كلما» / «لما») makes other words and is left out.
func proclitics(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len([]rune(b)) < 3 || len(a) == len(b) || !strings.HasSuffix(a, b) {
		return false
	}
	pre := strings.TrimSuffix(a, b)
	for _, c := range []string{"و", "ف"} {
		pre = strings.TrimPrefix(pre, c)
	}
	for _, c := range []string{"ب", "ل"} {
		if p, ok := strings.CutPrefix(pre, c); ok {
			pre = p
			break
		}
	}
	return pre == "" || pre == "ال" || pre == "ل" // («لل»: «ل» and the article's «ل»)
}

// difference builds the difference of kind k from ops[i:j].
func (ck *checker) difference(k align.DiffKind, ops []op, i, j int, runes []rune, rate float64) (align.Difference, bool) {
	var as, ts []int32
	for _, o := range ops[i:j] {
		if o.a >= 0 {
			as = append(as, o.a)
		}
		if o.t >= 0 && !(k == align.DiffOmitted && ck.ignorable(o.t)) {
			ts = append(ts, o.t)
		}
	}
	d := align.Difference{Kind: k}
	if len(as) > 0 {
		d.CharStart, _ = ck.chars(as[0])
		_, d.CharEnd = ck.chars(as[len(as)-1])
		d.Article = string(runes[d.CharStart:d.CharEnd])
	} else {
		// Omitted: the place in the quotation, after the previous printed word.
		d.CharStart, d.CharEnd = -1, -1
		for x := i - 1; x >= 0 && d.CharStart < 0; x-- {
			if ops[x].a >= 0 {
				_, d.CharStart = ck.chars(ops[x].a)
			}
		}
		for x := j; x < len(ops) && d.CharStart < 0; x++ {
			if ops[x].a >= 0 {
				d.CharStart, _ = ck.chars(ops[x].a)
			}
		}
		if d.CharStart < 0 {
			return d, false
		}
		d.CharEnd = d.CharStart
	}
	if len(ts) > 0 {
		d.Spoken = ck.spoken(ts)
		d.Start, d.End = round3(ck.tStart(ts[0])), round3(ck.tEnd(ts[len(ts)-1]))
	}
	switch k {
	case align.DiffSpelling:
		d.Confidence = 0.9 * ck.prob(ts[0])
		if d.Confidence < align.MinAlteredConfidence {
			return d, false // as likely the recogniser's spelling
		}
	case align.DiffChanged:
		// Word by word: a run is changed when any of its words is; a
		// misheard word beside a changed one must not dilute it.
		for _, o := range ops[i:j] {
			a, t := []int32{o.a}, []int32{o.t}
			c := 0.0
			switch {
			case soundAlike(ck.printed(o.a), ck.spoken([]int32{o.t})):
				// Words that sound alike: the recogniser writes one for
				// the other, however sure it is — no evidence of a change.
				c = min(ck.posterior(ck.prob(o.t), ck.durationFactor(a, t, rate)), soundCap)
			case o.sim >= spellingWord && ck.lex == nil:
				// Maybe another word, maybe a typo: without a lexicon the
				// check cannot tell, and says so (unclear, never minor).
				c = minUnclearConfidence
			case o.sim >= spellingWord:
				// Two real words alike in letters, not in sound: a
				// recogniser writes a word that sounds like the one said,
				// seldom one that only looks like it, so the pair is
				// evidence (lookAlikeLR) beside the recogniser's
				// probability; and at least unclear — a person must listen.
				// The recogniser's doubt counts little here: had it
				// misheard the printed word, it would have written one
				// that sounds like it. For the same reason the pair
				// keeps the base prior: a long quotation or a noisy
				// recording makes many words written otherwise, hardly
				// ever one that only looks like the printed one.
				c = max(posteriorAt(changePrior/(1-changePrior), max(ck.prob(o.t), lookAlikeMinProb), lookAlikeLR*ck.durationFactor(a, t, rate)), minUnclearConfidence)
			case nearNumbers(ck.au[o.a].Word.Key, ck.tu[o.t].Word.Key):
				// «ثلاثة» / «ثلاثين», «تسعة وخمسين» / «خمسين»: a number
				// that sounds like the one said; a person must listen.
				c = min(max(ck.posterior(ck.prob(o.t), ck.durationFactor(a, t, rate)), minUnclearConfidence), maxNearNumber)
			default:
				c = ck.posterior(ck.prob(o.t), simFactor(o.sim)*ck.durationFactor(a, t, rate)*ck.numberFactor(a, t))
			}
			d.Confidence = max(d.Confidence, c)
		}
	case align.DiffOmitted:
		d.Confidence = omittedConfidence(len(ts), ck.content(ts), ck.meanProb(ts)) * ck.room(ops, i, j, -len(ts))
	case align.DiffAdded:
		prev, next := ck.neighbours(ops, i, j)
		d.Confidence = ck.addedConfidence(as, prev, next) * ck.room(ops, i, j, len(as)) * ck.edgeDoubt(ops, i, j, prev, next)
		if ck.saidNowhere(as, prev, next) {
			// Words said nowhere near: no recogniser drops three words
			// whole, however unsure it was of their neighbours.
			d.Confidence = max(d.Confidence, sureAdded)
		}
		switch {
		case prev >= 0:
			d.Start = round3(ck.tEnd(prev))
		case next >= 0:
			d.Start = round3(ck.tStart(next))
		}
		d.End = d.Start
		if prev >= 0 && next >= 0 && ck.tStart(next) > ck.tEnd(prev) {
			d.End = round3(ck.tStart(next))
		}
	}
	d.Confidence = round3(d.Confidence)
	return d, true
}

// soundCap is the most confidence a changed word that sounds like the word
// recognised gets: listed, never enough for unclear.
const soundCap = 0.3

// maxNearNumber is the most confidence a number changed into one that
// sounds like it gets: unclear, never altered.
const maxNearNumber = 0.45

// nearNumbers reports two number keys («#3», «#30») a recogniser hears
// for one another: a unit and its ten, a teen and its ten, a number and a
// part of it (59 and 50 or 9, 320 and 300).
func nearNumbers(a, b string) bool {
	if !isNumber(a) || !isNumber(b) {
		return false
	}
	x, ok1 := arabic.DigitValue(a[1:])
	y, ok2 := arabic.DigitValue(b[1:])
	if !ok1 || !ok2 || x == y {
		return false
	}
	near := func(v, w int) bool {
		return v > 0 && (w == v*10 || v > 10 && v < 20 && w == (v-10)*10 ||
			v > 20 && v < 100 && (w == v-v%10 || w == v%10) || v > 100 && w == v-v%100)
	}
	return near(x, y) || near(y, x)
}

// lookAlikeLR is the likelihood ratio of a change given by a pair of real
// words alike in letters but not in sound.
// It is 6 (set on the tuning set): a recogniser that misheard the printed
// word would have written one that sounds like it.
const lookAlikeLR = 6

// lookAlikeMinProb is the least recogniser probability a look-alike pair
// is weighed with: the recogniser's doubt about the word it wrote says it
// may have misheard, and mishearing gives a word that sounds alike.
const lookAlikeMinProb = 0.5

// refQuoteWords is the length of quotation up to which changePrior holds.
const refQuoteWords = 30

// changePrior is the prior probability that a printed word differing from
// the one recognised was changed by the journalist rather than misheard.
const changePrior = 0.25

// posterior is the probability that a changed word is real, from the
// recogniser's probability p that it heard the spoken word right and the
// likelihood ratio lr of the other evidence (similarity, duration,
// number), with the prior of the quotation being checked (priorOdds).
func (ck *checker) posterior(p, lr float64) float64 { return posteriorAt(ck.odds, p, lr) }

// posteriorAt is posterior with the prior odds given.
func posteriorAt(odds, p, lr float64) float64 {
	p = min(max(p, 0.01), 0.99)
	odds *= p / (1 - p) * lr
	return odds / (1 + odds)
}

// priorOdds are the prior odds that a printed word differing from the one
// recognised in a quotation of n words was changed by the journalist:
// changePrior up to refQuoteWords words, less beyond, in proportion — a
// misquote is one edit in a quotation, whatever its length, while the
// recogniser errs on every word alike, so in a long quotation any one
// differing word is less likely the edit.
func priorOdds(n int) float64 {
	return changePrior / (1 - changePrior) * min(1, refQuoteWords/float64(max(n, 1)))
}

// simFactor lowers the confidence of a changed word by how much the two
// words resemble each other: 1 below similarity 0.3, 0.5 at spellingWord.
func simFactor(sim float64) float64 {
	if sim <= 0.3 {
		return 1
	}
	return 1 - 0.5*min(1, (sim-0.3)/(spellingWord-0.3))
}

// omittedConfidence: one short word said and not printed is as likely a
// word the recogniser made up; a word of four letters or more, or two or
// more words, with the recogniser sure of them, are a cut.
func omittedConfidence(n int, content bool, p float64) float64 {
	base := 0.9
	switch {
	case n == 1 && content:
		base = 0.6
	case n == 1:
		base = 0.35
	case n == 2:
		base = 0.7
	}
	return base * (0.6 + 0.4*p)
}

// content reports whether transcript units ts hold a word of four letters or more.
func (ck *checker) content(ts []int32) bool {
	for _, t := range ts {
		if ck.tu[t].Runes >= 4 {
			return true
		}
	}
	return false
}

// neighbours returns the transcript units said right before and after
// ops[i:j] (-1 when none): from the stretch, else the speech next to it.
func (ck *checker) neighbours(ops []op, i, j int) (int32, int32) {
	prev, next := int32(-1), int32(-1)
	// Only words paired with printed ones: the speech between them (fillers,
	// words the recogniser made up) is room where the words may have been said.
	// A word said in another printed word's place may be the one these were
	// said in: only words said as printed anchor.
	anchor := func(o op) bool { return o.a >= 0 && o.t >= 0 && o.sim >= spellingWord }
	for x := i - 1; x >= 0 && prev < 0; x-- {
		if anchor(ops[x]) {
			prev = ops[x].t
		}
	}
	for x := j; x < len(ops) && next < 0; x++ {
		if anchor(ops[x]) {
			next = ops[x].t
		}
	}
	if prev < 0 && next > 0 {
		prev = next - 1
	}
	if next < 0 && prev >= 0 && int(prev)+1 < len(ck.tu) {
		next = prev + 1
	}
	return prev, next
}

// strongAnchor is a printed word the recogniser heard as printed and was
// sure of.
func (ck *checker) strongAnchor(o op) bool {
	return o.a >= 0 && o.t >= 0 && o.sim >= sameWord && ck.prob(o.t) >= align.MinAlteredConfidence
}

// room weighs n printed words taken for added, ops[i:j] (n > 0), or -n
// words said taken for omitted (n < 0), by the count of words printed and
// said between the sure anchors around them: when the speech there holds
// as many words as the print (the recogniser paired a printed word with an
// unsure like word said next to it, and misheard the other), nothing was
// added or left out. It is the share of the words that the other side has
// no word for, 0 to 1.
func (ck *checker) room(ops []op, i, j, n int) float64 {
	lo, hi := i, j
	for lo > 0 && !ck.strongAnchor(ops[lo-1]) {
		lo--
	}
	for hi < len(ops) && !ck.strongAnchor(ops[hi]) {
		hi++
	}
	printed, said := 0, 0
	for _, o := range ops[lo:hi] {
		if o.joined {
			continue
		}
		if o.a >= 0 && !ck.au[o.a].Clitic {
			printed++
		}
		if o.t >= 0 && !ck.ignorable(o.t) {
			said++
		}
	}
	if n < 0 {
		printed, said, n = said, printed, -n
	}
	return min(1, float64(max(0, printed-said))/float64(n))
}

// edgeDoubt lowers added words at a stretch's edge, ops[i:j] with no word
// said as printed on one side, below align.MinAlteredConfidence (to 0.8 of it)
// unless the speech went on right there with a word the recogniser was
// sure of: a recogniser drops the last or first words before a pause, or
// mumbles them.
func (ck *checker) edgeDoubt(ops []op, i, j int, prev, next int32) float64 {
	anchored := func(x int) bool { o := ops[x]; return o.a >= 0 && o.t >= 0 && o.sim >= spellingWord }
	after, before := false, false
	for x := j; x < len(ops) && !after; x++ {
		after = anchored(x)
	}
	for x := i - 1; x >= 0 && !before; x-- {
		before = anchored(x)
	}
	if after && before {
		return 1
	}
	sure := func(t int32) bool { return t >= 0 && int(t) < len(ck.tu) && ck.prob(t) >= align.MinAlteredConfidence }
	switch {
	case !after && sure(next) && prev >= 0 && ck.tStart(next)-ck.tEnd(prev) <= align.EdgePause,
		!before && sure(prev) && next >= 0 && ck.tStart(next)-ck.tEnd(prev) <= align.EdgePause:
		return 1
	}
	return 0.8
}

// addedConfidence weighs printed words never recognised: words the
// recogniser dropped leave a silence where they were said; words a
// journalist added have no time at all. At a quotation's edge, or where the
// speaker paused, the silence says nothing, and two words or more are
// needed.
func (ck *checker) addedConfidence(as []int32, prev, next int32) float64 {
	n := len(as)
	base := 0.9
	switch n {
	case 1:
		base = 0.6
	case 2:
		base = 0.75
	}
	if prev < 0 || next < 0 {
		return edgeAdded(n)
	}
	gap := ck.tStart(next) - ck.tEnd(prev) // the silence between them:
	for t := prev + 1; t < next; t++ {
		gap -= ck.tEnd(t) - ck.tStart(t)
	}
	need := 0.0 // the time the words take to say, seconds
	for _, a := range as {
		need += 0.1 + 0.06*float64(ck.au[a].Runes)
	}
	if gap > align.MaxWordGap*float64(n)+1 {
		return edgeAdded(n) // a pause, not a dropped word
	}
	r := gap / need
	switch {
	case r >= 0.7:
		return 0.15
	case r <= 0.25:
		return base
	}
	return base + (0.15-base)*(r-0.25)/0.45
}

// Added words: minNowhere printed words of which fewer than a third have
// a like word (similarity spellingWord) among the speech around their
// place — nearWindow units beyond their neighbours — are sureAdded.
const (
	minNowhere = 3
	nearWindow = 6
	sureAdded  = 0.9
)

// saidNowhere reports whether at least minNowhere of the printed units as
// (clitics aside) were said nowhere around their place, between speech
// units prev and next (either -1 at an edge).
func (ck *checker) saidNowhere(as []int32, prev, next int32) bool {
	var words []int32
	for _, a := range as {
		if !ck.au[a].Clitic {
			words = append(words, a)
		}
	}
	if len(words) < minNowhere {
		return false
	}
	lo, hi := prev, next
	switch {
	case lo < 0 && hi < 0:
		return true
	case lo < 0:
		lo = hi
	case hi < 0:
		hi = lo
	}
	lo = max(0, lo-int32(len(words))-nearWindow)
	hi = min(int32(len(ck.tu))-1, hi+int32(len(words))+nearWindow)
	found := 0
	for _, a := range words {
		for t := lo; t <= hi; t++ {
			if arabic.Similarity(ck.au[a].Word, ck.tu[t].Word) >= spellingWord {
				found++
				break
			}
		}
	}
	return 3*found < len(words)
}

func edgeAdded(n int) float64 {
	if n >= 2 {
		return align.MinAlteredConfidence
	}
	return 0.2
}

// meanProb is the mean recogniser probability of transcript units ts.
func (ck *checker) meanProb(ts []int32) float64 {
	if len(ts) == 0 {
		return unknownProb
	}
	s := 0.0
	for _, t := range ts {
		s += ck.prob(t)
	}
	return math.Min(1, s/float64(len(ts)))
}

// speechRate is the speaker's time per letter in a stretch, seconds: the
// median over the words said as printed of duration / (letters + 2); 0
// when too few words tell.
func (ck *checker) speechRate(ops []op) float64 {
	var rs []float64
	for _, o := range ops {
		if o.a >= 0 && o.t >= 0 && o.sim >= sameWord {
			rs = append(rs, (ck.tEnd(o.t)-ck.tStart(o.t))/float64(ck.tu[o.t].Runes+2))
		}
	}
	if len(rs) < 4 {
		return 0
	}
	slices.Sort(rs)
	return rs[len(rs)/2]
}

// durationFactor weighs the time a changed word took to say: when it fits
// the printed word's length better than the recognised word's, the
// recogniser more likely misheard the printed word: 0.3 when it fits far
// better (a length ratio the speaker's pace varies by rarely), 0.55 much
// better, 0.8 somewhat; when it fits the recognised word's length much
// better, the recogniser heard what was said: 1.5, or 2 when far better;
// otherwise 1.
func (ck *checker) durationFactor(as, ts []int32, rate float64) float64 {
	if rate <= 0 || len(as) != 1 || len(ts) != 1 {
		return 1
	}
	d := ck.tEnd(ts[0]) - ck.tStart(ts[0])
	if d <= 0 {
		return 1
	}
	fit := func(runes int32) float64 { return math.Abs(math.Log(d / (rate * float64(runes+2)))) }
	switch adv := fit(ck.tu[ts[0]].Runes) - fit(ck.au[as[0]].Runes); {
	case adv > 0.45: // the time fits the printed word's length by far
		return 0.3
	case adv > 0.3:
		return 0.55
	case adv > 0.15:
		return 0.8
	case adv < -0.45: // the time fits the recognised word by far: it was said
		return 2
	case adv < -0.3:
		return 1.5
	}
	return 1
}

// numberFactor lowers the confidence of a changed number whose spoken
// words are all words of the printed one («ثلاثة آلاف» heard as «آلاف»):
// the recogniser lost a word of it (0.3); otherwise 1.
func (ck *checker) numberFactor(as, ts []int32) float64 {
	if len(as) != 1 || !isNumber(ck.au[as[0]].Word.Key) {
		return 1
	}
	printed := map[string]bool{}
	u := ck.au[as[0]]
	for wi := u.Lo; wi < u.Hi; wi++ {
		printed[ck.art.Words[wi].Key] = true
	}
	values := map[int]bool{} // of the printed number's words one by one
	for k := range printed {
		if v, n := arabic.ParseNumber([]string{k}); n == 1 {
			values[v] = true
		}
	}
	for _, t := range ts {
		if u := ck.tu[t]; u.Hi-u.Lo == 1 {
			if v, ok := arabic.DigitValue(arabic.Key(ck.tw[u.Lo].Text)); ok && values[v] {
				continue // «آلاف» written 1000
			}
		}
		for wi := ck.tu[t].Lo; wi < ck.tu[t].Hi; wi++ {
			if !printed[arabic.Key(ck.tw[wi].Text)] {
				return 1
			}
		}
	}
	return 0.3
}
