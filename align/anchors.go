package align

import "slices"

type anchor struct{ t, a int32 }

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
