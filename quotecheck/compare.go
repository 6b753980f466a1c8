package quotecheck

import (
	"github.com/newsscribe/newsscribe/align"
	"math"
	"slices"
	"strings"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// compare fills the ops of each stretch of article units [lo, hi), one
// segment of quotation q: the aligner's matched pairs, and between and
// around them a small alignment of the words it left unmatched with the
// speech there, so that every article unit of the segment is in one
// stretch's ops.
func (ck *checker) compare(sts []stretch, lo, hi int32, q int, tArt []int32) {
	for k := range sts {
		s := &sts[k]
		for i, m := range s.pairs {
			if i > 0 {
				p := s.pairs[i-1]
				ops, _ := ck.gapDP(units(p.a+1, m.a), units(p.thi, max(m.tlo, p.thi)), false, false)
				s.ops = append(s.ops, ops...)
			}
			// The aligner's similarity is a float32: 0.9 must stay sameWord.
			s.ops = append(s.ops, op{a: m.a, t: m.tlo, sim: round3(float64(m.sim))})
		}
	}
	// Before the first stretch and after the last.
	first, last := &sts[0], &sts[len(sts)-1]
	f := first.first()
	lead, _ := ck.gapDP(ck.edgeUnits(lo, f.a, false), ck.around(f.tlo, -1, int(f.a-lo)+2, tArt), true, false)
	first.ops = append(append(ck.added(lo, f.a-min(f.a-lo, maxEdgeDP)), lead...), first.ops...)
	l := last.last()
	trail, _ := ck.gapDP(ck.edgeUnits(l.a+1, hi, true), ck.around(l.thi-1, 1, int(hi-l.a)+1, tArt), false, true)
	last.ops = append(append(last.ops, trail...), ck.added(l.a+1+min(hi-l.a-1, maxEdgeDP), hi)...)
	// Between two stretches: the unmatched units go to the end of one and
	// the start of the next, where they fit best.
	for k := 0; k+1 < len(sts); k++ {
		a, b := sts[k].last(), sts[k+1].first()
		between := units(a.a+1, b.a)
		if len(between) > maxEdgeDP {
			sts[k].ops = append(sts[k].ops, ck.added(a.a+1, b.a)...)
			continue
		}
		after := ck.around(a.thi-1, 1, len(between)+2, tArt)
		before := ck.around(b.tlo, -1, len(between)+2, tArt)
		var bestA, bestB []op
		best := math.Inf(-1)
		for cut := 0; cut <= len(between); cut++ {
			x, sx := ck.gapDP(between[:cut], after, false, true)
			y, sy := ck.gapDP(between[cut:], before, true, false)
			if sx+sy > best {
				best, bestA, bestB = sx+sy, x, y
			}
		}
		sts[k].ops = append(sts[k].ops, bestA...)
		sts[k+1].ops = append(bestB, sts[k+1].ops...)
	}
	for k := range sts {
		sts[k].ops = ck.rejoin(sts[k].ops, tArt)
		for i, o := range sts[k].ops {
			if o.a >= 0 && o.t >= 0 && o.sim < spellingWord && isNumber(ck.au[o.a].Word.Key) != isNumber(ck.tu[o.t].Word.Key) {
				sts[k].ops[i].sim = max(o.sim, ck.spelledSim(o.a, o.t))
			}
			if o.a >= 0 && o.t >= 0 && o.sim < sameWord && dialectSame(ck.au[o.a].Word.Key, ck.tu[o.t].Word.Key) {
				sts[k].ops[i].sim = 1 // «اللي» said, «الذي» written: the dialect word printed is what was said
			}
		}
	}
}

// spelledSim is the similarity of the words of article unit a and
// transcript unit t as spelt, for a number on one side: the matching key
// makes «ثلاثين» «#30», which nothing but a number matches, so a misspelt
// «ثلاذين» would be another word, not a spelling of it.
func (ck *checker) spelledSim(a, t int32) float64 {
	var pa, pt []string
	for wi := ck.au[a].Lo; wi < ck.au[a].Hi; wi++ {
		pa = append(pa, arabic.Key(ck.art.Words[wi].Text))
	}
	for wi := ck.tu[t].Lo; wi < ck.tu[t].Hi; wi++ {
		pt = append(pt, arabic.Key(ck.tw[wi].Text))
	}
	return max(spelt(pa, pt), spelt(pt, pa))
}

// spelt is the similarity of the words x with the words y as spelt (keys),
// or with the words of the number y holds in digits («ثلاذين» and «30»).
func spelt(x, y []string) float64 {
	a, b := arabic.NewWord(strings.Join(x, "")), arabic.NewWord(strings.Join(y, ""))
	best := arabic.Similarity(&a, &b)
	if len(y) == 1 {
		if v, ok := arabic.DigitValue(y[0]); ok {
			for _, f := range []arabic.NumberForm{arabic.Nominative, arabic.Genitive} {
				var ks []string
				for _, tk := range arabic.Tokenize(arabic.Words(v, f)) {
					ks = append(ks, tk.Key)
				}
				b := arabic.NewWord(strings.Join(ks, ""))
				best = max(best, arabic.Similarity(&a, &b))
			}
		}
	}
	return best
}

// units lists the indices [lo, hi).
func units(lo, hi int32) []int32 {
	out := make([]int32, 0, max(hi-lo, 0))
	for i := lo; i < hi; i++ {
		out = append(out, i)
	}
	return out
}

// edgeUnits lists article units [lo, hi), at most maxEdgeDP of them: those
// next to hi (tail false) or to lo (tail true).
func (ck *checker) edgeUnits(lo, hi int32, tail bool) []int32 {
	if hi-lo > maxEdgeDP {
		if tail {
			hi = lo + maxEdgeDP
		} else {
			lo = hi - maxEdgeDP
		}
	}
	return units(lo, hi)
}

// added returns ops for article units [lo, hi) said nowhere.
func (ck *checker) added(lo, hi int32) []op {
	var out []op
	for a := lo; a < hi; a++ {
		out = append(out, op{a: a, t: -1})
	}
	return out
}

// around lists up to n transcript units next to unit t (before it for step
// -1, after it for step 1), nearest last for step -1 so the list stays in
// time order, stopping at a unit matched to an article word.
func (ck *checker) around(t int32, step, n int, tArt []int32) []int32 {
	var out []int32
	prev := t
	for x := t + int32(step); x >= 0 && int(x) < len(ck.tu) && len(out) < n && tArt[x] < 0; x += int32(step) {
		// Not across a pause: what was said before it is another sentence.
		if a, b := min(prev, x), max(prev, x); ck.tStart(b)-ck.tEnd(a) > align.EdgePause+0.1 {
			break
		}
		out = append(out, x)
		prev = x
	}
	if step < 0 {
		slices.Reverse(out)
	}
	return out
}

// Scores of gapDP.
const (
	gapSkip       = -0.5  // a word of one text not in the other
	gapFree       = -0.05 // a filler or a lone proclitic
	gapSubstitute = -0.45 // above gapSkip: a word said in the place of a printed one pairs with it
)

// gapDP aligns article units as to transcript units ts (both in order)
// word by word — pairs, article words not said, words said and not
// printed — and returns the steps and their score. With freeStart
// (freeEnd) the speech before (after) the article words costs nothing and
// gives no step. It is quadratic, for the short runs between and around
// the aligner's matches.
func (ck *checker) gapDP(as, ts []int32, freeStart, freeEnd bool) ([]op, float64) {
	n, m := len(ts), len(as)
	if n == 0 && m == 0 {
		return nil, 0
	}
	w := m + 1
	h := make([]float64, (n+1)*w)
	mv := make([]uint8, (n+1)*w) // 1 pair, 2 speech only, 3 article only, 4 two said for one printed, 5 one said for two printed
	skipT := func(i, j int) float64 {
		if freeStart && j == 0 || freeEnd && j == m {
			return 0
		}
		if ck.ignorable(ts[i-1]) {
			return gapFree
		}
		return gapSkip
	}
	skipA := func(j int) float64 {
		if ck.au[as[j-1]].Clitic {
			return gapFree
		}
		return gapSkip
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			c := i*w + j
			if i == 0 && j == 0 {
				continue
			}
			best, move := math.Inf(-1), uint8(0)
			if i > 0 && j > 0 {
				s := arabic.Similarity(ck.tu[ts[i-1]].Word, ck.au[as[j-1]].Word)
				if dialectSame(ck.au[as[j-1]].Word.Key, ck.tu[ts[i-1]].Word.Key) {
					s = 1
				}
				v := gapSubstitute
				switch {
				case s >= spellingWord:
					v = 2*s - 1
				case ck.ignorable(ts[i-1]):
					v = math.Inf(-1) // a filler is no word said in a printed one's place
				}
				best, move = h[c-w-1]+v, 1
			}
			if i > 0 {
				if v := h[c-w] + skipT(i, j); v > best {
					best, move = v, 2
				}
			}
			if j > 0 {
				if v := h[c-1] + skipA(j); v > best {
					best, move = v, 3
				}
			}
			// A word boundary the recogniser misplaced: one printed word
			// written as two («المج تمع»), two as one («منخلال»).
			if i > 1 && j > 0 {
				if s := ck.joinedSim(ck.tu, ts[i-2], ts[i-1], ck.au[as[j-1]].Word); s >= joinWord {
					if v := h[c-2*w-1] + 2*s - 1; v > best {
						best, move = v, 4
					}
				}
			}
			if i > 0 && j > 1 {
				if s := ck.joinedSim(ck.au, as[j-2], as[j-1], ck.tu[ts[i-1]].Word); s >= joinWord {
					if v := h[c-w-2] + 2*s - 1; v > best {
						best, move = v, 5
					}
				}
			}
			h[c], mv[c] = best, move
		}
	}
	var out []op
	for i, j := n, m; i > 0 || j > 0; {
		switch mv[i*w+j] {
		case 1:
			out = append(out, op{a: as[j-1], t: ts[i-1], sim: arabic.Similarity(ck.tu[ts[i-1]].Word, ck.au[as[j-1]].Word)})
			i, j = i-1, j-1
		case 2:
			if !(freeStart && j == 0 || freeEnd && j == m) {
				out = append(out, op{a: -1, t: ts[i-1]})
			}
			i--
		case 4:
			s := ck.joinedSim(ck.tu, ts[i-2], ts[i-1], ck.au[as[j-1]].Word)
			out = append(out, op{a: -1, t: ts[i-1], joined: true}, op{a: as[j-1], t: ts[i-2], sim: s, pieces: true})
			i, j = i-2, j-1
		case 5:
			s := ck.joinedSim(ck.au, as[j-2], as[j-1], ck.tu[ts[i-1]].Word)
			out = append(out, op{a: as[j-1], t: -1, joined: true}, op{a: as[j-2], t: ts[i-1], sim: s, pieces: true})
			i, j = i-1, j-2
		default:
			out = append(out, op{a: as[j-1], t: -1})
			j--
		}
	}
	slices.Reverse(out)
	return out, h[n*w+m]
}

// rejoin mends a word boundary the recogniser misplaced next to a pair the
// aligner made: a printed word paired with one piece of it, the other
// piece said right beside it and paired with nothing («البنوك» ~ «الب»
// «نوك»), or two printed words said as one paired with one of them
// («او العلمية» ~ «اوالعلمية»). The piece, or the other printed word,
// becomes part of the pair; a piece outside the ops (before the first
// pair) is added to them. tArt maps speech units to article units.
func (ck *checker) rejoin(ops []op, tArt []int32) []op {
	used := map[int32]int{} // speech unit → its op
	for k, o := range ops {
		if o.t >= 0 {
			used[o.t] = k
		}
	}
	var extra []op // pieces said outside the ops, with the op they join
	for k, o := range ops {
		if o.a < 0 || o.t < 0 || o.sim >= sameWord || o.joined {
			continue
		}
		// A speech piece beside the pair.
		for _, u := range []int32{o.t - 1, o.t + 1} {
			if u < 0 || int(u) >= len(ck.tu) || tArt[u] >= 0 && tArt[u] != o.a {
				continue
			}
			n, in := used[u]
			if in && (ops[n].a >= 0 || ops[n].joined) {
				continue
			}
			x, y := min(u, o.t), max(u, o.t)
			if s := ck.joinedSim(ck.tu, x, y, ck.au[o.a].Word); s >= joinWord && s > o.sim {
				ops[k].sim, ops[k].pieces = s, true
				if in {
					ops[n].joined = true
				} else {
					extra = append(extra, op{a: -1, t: u, joined: true})
					used[u] = -1
				}
				break
			}
		}
		if ops[k].sim > o.sim {
			continue
		}
		// A printed word beside the pair, said in it (past fillers and
		// clitics the recogniser wrote between).
		for _, step := range []int{-1, 1} {
			n := k + step
			for n >= 0 && n < len(ops) && ops[n].a < 0 && ops[n].t >= 0 && ck.ignorable(ops[n].t) {
				n += step
			}
			if n < 0 || n >= len(ops) || ops[n].joined || ops[n].t >= 0 || ops[n].a != o.a-1 && ops[n].a != o.a+1 {
				continue
			}
			x, y := min(o.a, ops[n].a), max(o.a, ops[n].a)
			if s := ck.joinedSim(ck.au, x, y, ck.tu[o.t].Word); s >= joinWord && s > o.sim {
				ops[k].sim, ops[k].pieces, ops[n].joined = s, true, true
				break
			}
		}
	}
	return append(ops, extra...)
}

// joinWord is the least similarity of two units written as one with a
// word for a misplaced word boundary: the same word, or it misspelt.
const joinWord = 0.8

// joinedSim is the similarity of units x and y of us (consecutive, no
// number) written as one word with word v; 0 when they cannot be joined.
func (ck *checker) joinedSim(us []align.Unit, x, y int32, v *arabic.Word) float64 {
	a, b := us[x].Word, us[y].Word
	if isNumber(a.Key) || isNumber(b.Key) || isNumber(v.Key) || len(a.Key)+len(b.Key) > 2*len(v.Key)+2 {
		return 0
	}
	j := arabic.NewWord(a.Key + b.Key)
	return arabic.Similarity(&j, v)
}

// part is the stretch of speech and of the article that s covers.
func (ck *checker) part(s stretch) (align.Part, bool) {
	t0, t1, a0, a1 := int32(-1), int32(-1), int32(-1), int32(-1)
	for _, o := range s.ops {
		if o.t >= 0 && (t0 < 0 || o.t < t0) {
			t0 = o.t
		}
		if o.t >= 0 && o.t > t1 {
			t1 = o.t
		}
		if o.a >= 0 && a0 < 0 {
			a0 = o.a
		}
		if o.a >= 0 {
			a1 = o.a
		}
	}
	if t0 < 0 || a0 < 0 {
		return align.Part{}, false
	}
	t1 = max(t1, s.last().thi-1)
	cs, _ := ck.chars(a0)
	_, ce := ck.chars(a1)
	return align.Part{Start: round3(ck.tStart(t0)), End: round3(ck.tEnd(t1)), CharStart: cs, CharEnd: ce}, true
}

// chars returns the rune offsets of article unit a.
func (ck *checker) chars(a int32) (int, int) {
	u := ck.au[a]
	return ck.art.Words[u.Lo].Start, ck.art.Words[u.Hi-1].End
}

func (ck *checker) tStart(t int32) float64 { return ck.tw[ck.tu[t].Lo].Start }
func (ck *checker) tEnd(t int32) float64   { return ck.tw[ck.tu[t].Hi-1].End }

// prob is the recogniser's probability of transcript unit t: the least of
// its words'.
func (ck *checker) prob(t int32) float64 {
	p := 1.0
	for wi := ck.tu[t].Lo; wi < ck.tu[t].Hi; wi++ {
		x := ck.tw[wi].Prob
		if x < 0 {
			x = unknownProb
		}
		p = min(p, x)
	}
	return p
}

// printed is the text of article unit a as printed.
func (ck *checker) printed(a int32) string {
	cs, ce := ck.chars(a)
	return string(ck.runes[cs:ce])
}

// spoken is the recognised text of transcript units ts.
func (ck *checker) spoken(ts []int32) string {
	var b strings.Builder
	for _, t := range ts {
		for wi := ck.tu[t].Lo; wi < ck.tu[t].Hi; wi++ {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(ck.tw[wi].Text)
		}
	}
	return b.String()
}
