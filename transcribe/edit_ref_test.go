package transcribe

// The implementations of Edit and SetSpeakers before issue 24, kept as the
// reference the new ones are compared with (edit_internal_test.go): same
// results, without a copy of the segment per edit or of the transcript per
// span.

import (
	"fmt"
	"sort"
	"strings"
)

func cloneRef(t *Transcript) *Transcript {
	c := *t
	c.Segments = make([]Segment, len(t.Segments))
	for i, s := range t.Segments {
		s.Words = append([]Word(nil), s.Words...)
		c.Segments[i] = s
	}
	return &c
}

func EditRef(t *Transcript, edits []WordEdit) (*Transcript, error) {
	out := cloneRef(t)
	order := make([]int, len(edits))
	for i := range order {
		order[i] = i
	}
	// Apply from the end so that earlier indexes stay valid.
	sort.SliceStable(order, func(a, b int) bool {
		ea, eb := edits[order[a]], edits[order[b]]
		if ea.Segment != eb.Segment {
			return ea.Segment > eb.Segment
		}
		return ea.From > eb.From
	})
	for k, i := range order {
		e := edits[i]
		if e.Segment < 0 || e.Segment >= len(out.Segments) {
			return nil, &EditError{i, fmt.Errorf("segment %d does not exist (the transcript has %d)", e.Segment, len(out.Segments))}
		}
		seg := &out.Segments[e.Segment]
		if len(seg.Words) == 0 && strings.TrimSpace(seg.Text) != "" {
			seg.Words = SpreadWords(*seg)
		}
		if e.From < 0 || e.To < e.From || e.To > len(seg.Words) {
			return nil, &EditError{i, fmt.Errorf("words %d to %d are outside segment %d's %d words", e.From, e.To, e.Segment, len(seg.Words))}
		}
		if k > 0 {
			prev := edits[order[k-1]]
			if prev.Segment == e.Segment && (prev.From < e.To || prev.From == e.From) {
				return nil, &EditError{i, ErrOverlap}
			}
		}
		seg.Words = replaceWordsRef(*seg, e.From, e.To, strings.Fields(e.Text))
		seg.Text = joinWords(seg.Words)
	}
	out.tidy()
	return out, nil
}

func replaceWordsRef(s Segment, from, to int, texts []string) []Word {
	old := s.Words
	if len(texts) == to-from {
		words := append([]Word(nil), old...)
		for i, txt := range texts {
			if words[from+i].Word != txt {
				words[from+i].Word, words[from+i].Probability = txt, 1
			}
		}
		return words
	}
	// The stretch to re-time: the replaced words, or the pause an insertion
	// goes into, widened by a neighbour on each side when too short.
	lo, hi := from, to
	keptBefore, keptAfter := []string(nil), []string(nil)
	start, end := stretchRef(s, lo, hi)
	if len(texts) > 0 && end-start < minWordSeconds*float64(len(texts)) && (lo > 0 || hi < len(old)) {
		if lo > 0 {
			lo--
			keptBefore = append([]string{old[lo].Word}, keptBefore...)
		}
		if hi < len(old) {
			keptAfter = append(keptAfter, old[hi].Word)
			hi++
		}
		start, end = stretchRef(s, lo, hi)
	}
	all := append(append(append([]string(nil), keptBefore...), texts...), keptAfter...)
	timed := spread(all, start, end)
	for i := range timed {
		if i < len(keptBefore) {
			timed[i].Probability = old[lo+i].Probability
		} else if j := i - len(keptBefore) - len(texts); j >= 0 {
			timed[i].Probability = old[to+j].Probability
		}
	}
	words := make([]Word, 0, len(old)-(hi-lo)+len(timed))
	words = append(words, old[:lo]...)
	words = append(words, timed...)
	return append(words, old[hi:]...)
}

func stretchRef(s Segment, lo, hi int) (start, end float64) {
	if hi > lo {
		return s.Words[lo].Start, s.Words[hi-1].End
	}
	start, end = s.Start, s.End
	if lo > 0 {
		start = s.Words[lo-1].End
	}
	if hi < len(s.Words) {
		end = s.Words[hi].Start
	}
	if end < start {
		end = start
	}
	return start, end
}

func SetSpeakersRef(t *Transcript, spans []SpeakerSpan) *Transcript {
	out := cloneRef(t)
	for _, sp := range spans {
		in := func(a, b float64) bool { m := (a + b) / 2; return m >= sp.Start && m < sp.End }
		segs := make([]Segment, 0, len(out.Segments))
		for _, s := range out.Segments {
			if len(s.Words) == 0 {
				if in(s.Start, s.End) {
					s.Speaker = sp.Speaker
				}
				segs = append(segs, s)
				continue
			}
			parts := splitRunsRef(s, func(w Word) bool { return in(w.Start, w.End) })
			for _, part := range parts {
				if len(parts) > 1 {
					part.Text = joinWords(part.Words)
				}
				if in(part.Words[0].Start, part.Words[0].End) {
					part.Speaker = sp.Speaker
				}
				segs = append(segs, part)
			}
		}
		out.Segments = segs
	}
	out.tidy()
	return out
}

func splitRunsRef(s Segment, inside func(Word) bool) []Segment {
	var parts []Segment
	from := 0
	for i := 1; i <= len(s.Words); i++ {
		if i < len(s.Words) && inside(s.Words[i]) == inside(s.Words[from]) {
			continue
		}
		p := s
		p.Words = s.Words[from:i:i]
		p.Start, p.End = p.Words[0].Start, p.Words[len(p.Words)-1].End
		if from == 0 {
			p.Start = s.Start
		}
		if i == len(s.Words) {
			p.End = s.End
		}
		parts = append(parts, p)
		from = i
	}
	return parts
}
