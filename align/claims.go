package align

// claims is the bookkeeping of the passages: which passage holds each unit
// of the speech and of the article, and which transcript units say an
// article word. Passages are numbered in the order they are made.
type claims struct {
	speech, article side
	// used: the transcript unit says an article word (matched, or taken
	// for an interpolation or an edge); the others are unmatched speech.
	used []bool
	n    int32 // passages numbered so far
}

// side is one text's half of the claims.
type side struct {
	// taken: reserved or matched; no other passage may take the unit.
	taken []bool
	// owner is the passage of each unit, -1 when none. A unit may have an
	// owner without being taken (speech a passage's alignment skipped).
	owner []int32
}

func newClaims(speech, article int) claims {
	return claims{speech: newSide(speech), article: newSide(article), used: make([]bool, speech)}
}

func newSide(n int) side {
	s := side{taken: make([]bool, n), owner: make([]int32, n)}
	for i := range s.owner {
		s.owner[i] = -1
	}
	return s
}

// newPassage numbers a new passage.
func (c *claims) newPassage() int32 {
	c.n++
	return c.n - 1
}

// claim gives units [lo, hi) to passage id (clamped to the side).
func (s *side) claim(lo, hi, id int32) {
	for i := max(lo, 0); i < hi && int(i) < len(s.taken); i++ {
		s.taken[i], s.owner[i] = true, id
	}
}

// block takes units [lo, hi) away from every passage without giving them to one.
func (s *side) block(lo, hi int32) {
	for i := max(lo, 0); i < hi && int(i) < len(s.taken); i++ {
		s.taken[i] = true
	}
}

// free reports whether no unit of [lo, hi) is taken.
func (s *side) free(lo, hi int32) bool {
	for i := lo; i < hi; i++ {
		if s.taken[i] {
			return false
		}
	}
	return true
}

// held reports whether unit i is taken by passage id.
func (s *side) held(i, id int32) bool { return s.taken[i] && s.owner[i] == id }

// adopt makes passage id the owner of unit i unless another passage took it;
// it reports whether id owns i.
func (s *side) adopt(i, id int32) bool {
	if s.taken[i] && s.owner[i] != id {
		return false
	}
	s.owner[i] = id
	return true
}
