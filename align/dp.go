package align

import (
	"slices"
	"strings"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// match is one aligned pair found by dp: transcript units [tlo, thi) said
// article unit a (and a2 too, when ≥ 0, for a 1:2 move).
type match struct {
	tlo, thi, a, a2 int32
	sim             float32
}

// Moves into the match state, stored in the low two bits of a trace cell.
const (
	mvNone = iota
	mv11   // one transcript unit, one article unit
	mv21   // a split proclitic and its word, one article unit
	mv12   // one transcript unit, a split proclitic and its word in the article
)

// Best state at a cell, bits 2–3.
const (
	stM     = iota
	stX     // transcript unit not in the article (inserted or unreported speech)
	stY     // article unit not in the speech
	stStart // local alignment starts here (nothing before it)
)

// dp modes.
const (
	dpGlobal = iota // from the start of both lists to the end of both
	dpExtend        // from the start of both lists to the best match
	dpLocal         // the best-scoring stretch anywhere (Smith–Waterman)
)

const (
	xFromX = 1 << 4
	yFromY = 1 << 5
)

// dp aligns the transcript units ti to the article units ai (index lists,
// in the order to align: reversed for a backward extension) with affine
// gaps, substitutions and 2:1 / 1:2 moves for split clitics, in one of the
// modes dpGlobal, dpExtend and dpLocal.
// Matches are returned in list order; substitutions are not returned.
//
// The recurrence (Gotoh's affine gaps), for i transcript and j article
// units, with s(i, j) = pairScore of transcript unit i and article unit j:
//
//	M(i, j) = max( H(i-1, j-1) + s(i, j),                      1:1
//	               H(i-2, j-1) + split(i-1, i ~ j),             2:1, «و أضاف» ~ «وأضاف»
//	               H(i-1, j-2) + split(j-1, j ~ i) )            1:2
//	X(i, j) = max( H(i-1, j) + gapOpen, X(i-1, j) + gapExtend ) speech not in the article
//	Y(i, j) = max( H(i, j-1) + gapOpen, Y(i, j-1) + gapExtend ) article not in the speech
//	H(i, j) = max( M, X, Y )                      and, in dpLocal, max(…, 0)
//
// H(0, 0) = 0; dpLocal also starts at 0 on the first row and column. dpGlobal
// traces back from H(n, m), dpExtend and dpLocal from the best M cell. Only
// the current X and Y rows are kept; H and the trace are (n+1)·(m+1) cells.
func (al *aligner) dp(ti, ai []int32, mode int) []match {
	n, m := len(ti), len(ai)
	if n == 0 || m == 0 {
		return nil
	}
	bestH, bestI, bestJ := al.dpFill(ti, ai, mode)
	i, j := n, m
	if mode != dpGlobal {
		if bestH <= 0 {
			return nil
		}
		i, j = bestI, bestJ
	}
	return al.dpTrace(ti, ai, i, j)
}

// dpFill fills al.hbuf (H) and al.trace by the recurrence of dp and returns
// the best match cell (for dpExtend and dpLocal).
func (al *aligner) dpFill(ti, ai []int32, mode int) (bestH float32, bestI, bestJ int) {
	n, m := len(ti), len(ai)
	w := m + 1
	cells := (n + 1) * w
	if cap(al.hbuf) < cells {
		al.hbuf = make([]float32, cells)
		al.trace = make([]uint8, cells)
	}
	h, tr := al.hbuf[:cells], al.trace[:cells]
	if cap(al.xrow) < w {
		al.xrow, al.yrow = make([]float32, w), make([]float32, w)
	}
	xrow, yrow := al.xrow[:w], al.yrow[:w]
	minSim := float32(al.opts.MinSimilarity)
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			c := i*w + j
			if i == 0 && j == 0 || mode == dpLocal && (i == 0 || j == 0) {
				h[c], tr[c] = 0, stStart<<2
				xrow[j], yrow[j] = negInf, negInf
				continue
			}
			mBest, mv := negInf, uint8(mvNone)
			if i >= 1 && j >= 1 {
				s := al.pairScore(&al.tu[ti[i-1]].w, &al.au[ai[j-1]].w, minSim)
				if v := h[c-w-1] + s; v > mBest {
					mBest, mv = v, mv11
				}
			}
			if i >= 2 && j >= 1 {
				if s, ok := al.splitScore(ti[i-2], ti[i-1], al.tu, &al.au[ai[j-1]].w, minSim); ok {
					if v := h[c-2*w-1] + s; v > mBest {
						mBest, mv = v, mv21
					}
				}
			}
			if i >= 1 && j >= 2 {
				if s, ok := al.splitScore(ai[j-2], ai[j-1], al.au, &al.tu[ti[i-1]].w, minSim); ok {
					if v := h[c-w-2] + s; v > mBest {
						mBest, mv = v, mv12
					}
				}
			}
			var flags uint8
			x := negInf
			if i >= 1 {
				x = h[c-w] + gapOpen
				if v := xrow[j] + gapExtend; v > x {
					x, flags = v, flags|xFromX
				}
			}
			xrow[j] = x
			y := negInf
			if j >= 1 {
				y = h[c-1] + gapOpen
				if v := yrow[j-1] + gapExtend; v > y {
					y, flags = v, flags|yFromY
				}
			}
			yrow[j] = y
			best, st := mBest, uint8(stM)
			if x > best {
				best, st = x, stX
			}
			if y > best {
				best, st = y, stY
			}
			if mode == dpLocal && best <= 0 {
				best, st = 0, stStart
			}
			h[c], tr[c] = best, mv|st<<2|flags
			if mode != dpGlobal && st == stM && mv != mvNone && best > bestH {
				bestH, bestI, bestJ = best, i, j
			}
		}
	}
	return bestH, bestI, bestJ
}

// dpTrace follows the trace of dpFill back from cell (i, j) and returns the
// matches in list order.
func (al *aligner) dpTrace(ti, ai []int32, i, j int) []match {
	w := len(ai) + 1
	tr := al.trace
	minSim := float32(al.opts.MinSimilarity)
	var out []match
	st := int((tr[i*w+j] >> 2) & 3)
	for (i > 0 || j > 0) && st != stStart {
		c := i*w + j
		switch st {
		case stM:
			switch tr[c] & 3 {
			case mv11:
				t, a := ti[i-1], ai[j-1]
				if s := arabic.Similarity(&al.tu[t].w, &al.au[a].w); float32(s) >= minSim {
					out = append(out, match{tlo: t, thi: t + 1, a: a, a2: -1, sim: float32(s)})
				}
				i, j = i-1, j-1
			case mv21:
				t0, t1 := min(ti[i-2], ti[i-1]), max(ti[i-2], ti[i-1])
				out = append(out, match{tlo: t0, thi: t1 + 1, a: ai[j-1], a2: -1, sim: 1})
				i, j = i-2, j-1
			case mv12:
				out = append(out, match{tlo: ti[i-1], thi: ti[i-1] + 1, a: ai[j-2], a2: ai[j-1], sim: 1})
				i, j = i-1, j-2
			default:
				slices.Reverse(out)
				return out
			}
			st = int((tr[i*w+j] >> 2) & 3)
		case stX:
			fromX := tr[c]&xFromX != 0
			i--
			if !fromX {
				st = int((tr[i*w+j] >> 2) & 3)
			}
		case stY:
			fromY := tr[c]&yFromY != 0
			j--
			if !fromY {
				st = int((tr[i*w+j] >> 2) & 3)
			}
		}
	}
	slices.Reverse(out)
	return out
}

// pairScore is the score of aligning two units: from 0.4 for a near miss
// at MinSimilarity to 1 for the same key, or subScore for a substitution.
func (al *aligner) pairScore(a, b *arabic.Word, minSim float32) float32 {
	s := float32(arabic.Similarity(a, b))
	if s < minSim {
		return subScore
	}
	return 2*s - 1
}

// splitScore scores a proclitic written apart (units p, q in us, in either
// order) against one word w: «و أضاف» against «وأضاف»; and any word the
// recogniser wrote in two pieces, exactly: «الأو لوية» against «الأولوية».
func (al *aligner) splitScore(p, q int32, us []unit, w *arabic.Word, minSim float32) (float32, bool) {
	lo, hi := min(p, q), max(p, q)
	if hi != lo+1 {
		return 0, false
	}
	if !us[lo].clitic {
		a, b := us[lo].w.Key, us[hi].w.Key
		if len(a)+len(b) == len(w.Key) && len(a) > 0 && len(b) > 0 && a[0] != '#' && b[0] != '#' &&
			strings.HasPrefix(w.Key, a) && strings.HasSuffix(w.Key, b) {
			return 1, true
		}
		return 0, false
	}
	joined := arabic.NewWord(us[lo].w.Key + us[hi].w.Key)
	s := float32(arabic.Similarity(&joined, w))
	if s < minSim || s < 0.9 {
		return 0, false
	}
	return 2*s - 1 + 0.2, true
}
