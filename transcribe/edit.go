package transcribe

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// WordEdit replaces words [From, To) of segment Segment with the words of
// Text (split on white space). From == To inserts before word From; an empty
// Text deletes. Indexes count the segment's words (Segment.Words, or the
// words of its text when it has none), 0-based, To exclusive.
type WordEdit struct {
	Segment  int
	From, To int
	Text     string
}

// SpeakerSpan names the speaker of the words whose middle falls in
// [Start, End) seconds; an empty Speaker clears it.
type SpeakerSpan struct {
	Start, End float64
	Speaker    string
}

// EditError is an edit that does not fit the transcript it is applied to.
// Index is the edit's position in the list given to Edit.
type EditError struct {
	Index int
	Err   error
}

func (e *EditError) Error() string { return fmt.Sprintf("edit %d: %v", e.Index, e.Err) }
func (e *EditError) Unwrap() error { return e.Err }

// ErrOverlap is returned (inside an *EditError) for two edits of the same words.
var ErrOverlap = errors.New("overlaps another edit of this request")

// minWordSeconds is the least time a re-timed word is given before the
// stretch is widened to its neighbours.
const minWordSeconds = 0.12

// Clone returns a deep copy of t.
func (t *Transcript) Clone() *Transcript {
	c := *t
	c.Segments = make([]Segment, len(t.Segments))
	for i, s := range t.Segments {
		s.Words = append([]Word(nil), s.Words...)
		c.Segments[i] = s
	}
	return &c
}

// Edit returns a copy of t with the word edits applied; t is not changed.
//
// Every edit addresses t as given (not the result of the edits before it),
// and no two may touch the same words. A replacement with as many words as it
// replaces keeps their times. One with more or fewer words is re-timed inside
// the edited stretch: its words share the time from the first replaced word's
// start to the last one's end in proportion to their length; an insertion
// takes the pause between its neighbours. When the stretch is too short for
// the new words (under 0.12 s each) the word on each side joins it and is
// re-timed with it. Edited words get probability 1 (a person wrote them). A
// segment left without words is removed; segments are renumbered; the texts
// of edited segments and of the transcript are rebuilt from the words.
func Edit(t *Transcript, edits []WordEdit) (*Transcript, error) {
	out := t.Clone()
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
		seg.Words = replaceWords(*seg, e.From, e.To, strings.Fields(e.Text))
		seg.Text = joinWords(seg.Words)
	}
	out.tidy()
	return out, nil
}

// replaceWords returns the words of s with [from, to) replaced by texts.
func replaceWords(s Segment, from, to int, texts []string) []Word {
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
	start, end := stretch(s, lo, hi)
	if len(texts) > 0 && end-start < minWordSeconds*float64(len(texts)) && (lo > 0 || hi < len(old)) {
		if lo > 0 {
			lo--
			keptBefore = append([]string{old[lo].Word}, keptBefore...)
		}
		if hi < len(old) {
			keptAfter = append(keptAfter, old[hi].Word)
			hi++
		}
		start, end = stretch(s, lo, hi)
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

// stretch is the time of words [lo, hi) of s, or for an empty range the
// pause between its neighbours (the segment's edges at its ends).
func stretch(s Segment, lo, hi int) (start, end float64) {
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

// spread times texts over [start, end] in proportion to their length in runes.
func spread(texts []string, start, end float64) []Word {
	total := 0
	for _, t := range texts {
		total += runeLen(t)
	}
	words := make([]Word, len(texts))
	at, done := start, 0
	for i, t := range texts {
		done += runeLen(t)
		e := start + (end-start)*float64(done)/float64(total)
		words[i] = Word{Word: t, Start: at, End: e, Probability: 1}
		at = e
	}
	return words
}

// SetSpeakers returns a copy of t with the speakers of the spans set, in
// order (a later span wins). A segment whose words fall partly inside a span
// is split at the span's edge, between words; segments without words are
// inside when their middle is.
func SetSpeakers(t *Transcript, spans []SpeakerSpan) *Transcript {
	out := t.Clone()
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
			parts := splitRuns(s, func(w Word) bool { return in(w.Start, w.End) })
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

// RenameSpeaker returns a copy of t with every segment of speaker from
// given speaker to.
func RenameSpeaker(t *Transcript, from, to string) *Transcript {
	out := t.Clone()
	for i := range out.Segments {
		if out.Segments[i].Speaker == from {
			out.Segments[i].Speaker = to
		}
	}
	return out
}

// splitRuns splits s into runs of consecutive words with the same value of
// inside; the first run keeps the segment's start and the last its end.
func splitRuns(s Segment, inside func(Word) bool) []Segment {
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

func joinWords(words []Word) string {
	ws := make([]string, len(words))
	for i, w := range words {
		ws[i] = w.Word
	}
	return strings.Join(ws, " ")
}

// tidy drops segments left without text, renumbers the rest and rebuilds the
// transcript's Text from theirs.
func (t *Transcript) tidy() {
	segs := t.Segments[:0]
	for _, s := range t.Segments {
		if strings.TrimSpace(s.Text) == "" {
			continue
		}
		s.ID = len(segs)
		segs = append(segs, s)
	}
	t.Segments = segs
	texts := make([]string, len(segs))
	for i, s := range segs {
		texts[i] = s.Text
	}
	t.Text = strings.Join(texts, " ")
}
