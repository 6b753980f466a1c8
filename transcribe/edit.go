package transcribe

import (
	"container/heap"
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/internal/plaintext"
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

// Edit returns a copy of t with the word edits applied; t is not changed
// (the copy shares the words of the segments no edit touches).
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
//
// Control characters in an edit's text are dropped and a NUL is an
// *EditError. More than MaxEdits edits, or edits that take a segment past
// MaxSegmentWords or the transcript past MaxWords words, are a *LimitError.
// The work is linear in the size of the edits and of the segments they
// touch: each edited segment is copied once, whatever its number of edits.
func Edit(t *Transcript, edits []WordEdit) (*Transcript, error) {
	if len(edits) > MaxEdits {
		return nil, &LimitError{What: "word edits in one request", Got: len(edits), Max: MaxEdits}
	}
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
	texts := make([][]string, len(edits))
	growth := map[int]int{} // words added to each edited segment
	for k, i := range order {
		e := edits[i]
		if e.Segment < 0 || e.Segment >= len(t.Segments) {
			return nil, &EditError{i, fmt.Errorf("segment %d does not exist (the transcript has %d)", e.Segment, len(t.Segments))}
		}
		n := wordsIn(&t.Segments[e.Segment])
		if e.From < 0 || e.To < e.From || e.To > n {
			return nil, &EditError{i, fmt.Errorf("words %d to %d are outside segment %d's %d words", e.From, e.To, e.Segment, n)}
		}
		if k > 0 {
			prev := edits[order[k-1]]
			if prev.Segment == e.Segment && (prev.From < e.To || prev.From == e.From) {
				return nil, &EditError{i, ErrOverlap}
			}
		}
		txt, err := plaintext.Line(e.Text)
		if err != nil {
			return nil, &EditError{i, fmt.Errorf("text: %w", err)}
		}
		texts[i] = strings.Fields(txt)
		growth[e.Segment] += len(texts[i]) - (e.To - e.From)
	}
	total, added := WordCount(t), 0
	for seg, g := range growth {
		added += g
		if n := wordsIn(&t.Segments[seg]) + g; g > 0 && n > MaxSegmentWords {
			return nil, &LimitError{What: fmt.Sprintf("words in segment %d after the edits", seg), Got: n, Max: MaxSegmentWords}
		}
	}
	if added > 0 && total+added > MaxWords {
		return nil, &LimitError{What: "words in the transcript after the edits", Got: total + added, Max: MaxWords}
	}
	out := *t
	out.Segments = append([]Segment(nil), t.Segments...)
	for k := 0; k < len(order); {
		seg := &out.Segments[edits[order[k]].Segment]
		if len(seg.Words) == 0 && strings.TrimSpace(seg.Text) != "" {
			seg.Words = SpreadWords(*seg)
		}
		b := wordBuf{seg: seg, cursor: len(seg.Words)}
		for ; k < len(order) && &out.Segments[edits[order[k]].Segment] == seg; k++ {
			e := edits[order[k]]
			b.edit(e.From, e.To, texts[order[k]])
		}
		seg.Words = b.words()
		seg.Text = joinWords(seg.Words)
	}
	out.tidy()
	return &out, nil
}

// wordBuf holds the words of one segment while its edits are applied from
// the last to the first: the segment's own words before cursor, then tail,
// kept reversed so that each edit, which works at the front of what the
// later ones left, pushes and pops at its end. An edit then costs its own
// size; the words between two edits are moved once.
type wordBuf struct {
	seg    *Segment // its Words are the original words, never written
	cursor int
	tail   []Word // reversed
}

func (b *wordBuf) len() int { return b.cursor + len(b.tail) }

// at is word i of the segment as edited so far.
func (b *wordBuf) at(i int) Word {
	if i < b.cursor {
		return b.seg.Words[i]
	}
	return b.tail[len(b.tail)-1-(i-b.cursor)]
}

// push puts ws in front of the tail.
func (b *wordBuf) push(ws []Word) {
	for i := len(ws) - 1; i >= 0; i-- {
		b.tail = append(b.tail, ws[i])
	}
}

// replace replaces words [lo, hi) of the segment as edited so far with ws.
// lo is at most one word past cursor (an edit widened by a neighbour).
func (b *wordBuf) replace(lo, hi int, ws []Word) {
	if hi < b.cursor {
		b.push(b.seg.Words[hi:b.cursor])
		b.push(ws)
		b.cursor = lo
		return
	}
	var kept []Word // words [cursor, lo) of the tail, which stay
	for i := b.cursor; i < lo; i++ {
		kept = append(kept, b.at(i))
	}
	b.tail = b.tail[:len(b.tail)-(hi-b.cursor)]
	b.push(ws)
	b.push(kept)
	b.cursor = min(b.cursor, lo)
}

// words returns the edited words in a new slice.
func (b *wordBuf) words() []Word {
	out := make([]Word, 0, b.len())
	out = append(out, b.seg.Words[:b.cursor]...)
	for i := len(b.tail) - 1; i >= 0; i-- {
		out = append(out, b.tail[i])
	}
	return out
}

// edit replaces words [from, to) of the segment as edited so far by texts.
func (b *wordBuf) edit(from, to int, texts []string) {
	if len(texts) == to-from {
		words := make([]Word, len(texts))
		for i, txt := range texts {
			w := b.at(from + i)
			if w.Word != txt {
				w.Word, w.Probability = txt, 1
			}
			words[i] = w
		}
		b.replace(from, to, words)
		return
	}
	// The stretch to re-time: the replaced words, or the pause an insertion
	// goes into, widened by a neighbour on each side when too short.
	lo, hi := from, to
	keptBefore, keptAfter := []string(nil), []string(nil)
	start, end := b.stretch(lo, hi)
	if len(texts) > 0 && end-start < minWordSeconds*float64(len(texts)) && (lo > 0 || hi < b.len()) {
		if lo > 0 {
			lo--
			keptBefore = append(keptBefore, b.at(lo).Word)
		}
		if hi < b.len() {
			keptAfter = append(keptAfter, b.at(hi).Word)
			hi++
		}
		start, end = b.stretch(lo, hi)
	}
	all := append(append(append([]string(nil), keptBefore...), texts...), keptAfter...)
	timed := spread(all, start, end)
	for i := range timed {
		if i < len(keptBefore) {
			timed[i].Probability = b.at(lo + i).Probability
		} else if j := i - len(keptBefore) - len(texts); j >= 0 {
			timed[i].Probability = b.at(to + j).Probability
		}
	}
	b.replace(lo, hi, timed)
}

// stretch is the time of words [lo, hi) of the segment as edited so far,
// or for an empty range the pause between its neighbours (the segment's
// edges at its ends).
func (b *wordBuf) stretch(lo, hi int) (start, end float64) {
	if hi > lo {
		return b.at(lo).Start, b.at(hi - 1).End
	}
	start, end = b.seg.Start, b.seg.End
	if lo > 0 {
		start = b.at(lo - 1).End
	}
	if hi < b.len() {
		end = b.at(hi).Start
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
//
// It takes one pass over the transcript whatever the number of spans: a
// segment is split between two words whose middles are held by different
// sets of spans, and each part takes the speaker of the last span holding
// its first word's middle (found by a sweep over the spans sorted by start).
func SetSpeakers(t *Transcript, spans []SpeakerSpan) *Transcript {
	out := *t
	if len(spans) == 0 {
		out.Segments = append([]Segment(nil), t.Segments...)
		return &out
	}
	holding := spanSets(spans)
	// edgeBetween reports whether a span holds one of the middles a and b
	// and not the other.
	edgeBetween := func(a, b float64) bool { return holding(a) != holding(b) }
	mid := func(a, b float64) float64 { return (a + b) / 2 }
	type part struct {
		seg, from, to int // words [from, to) of segment seg; from == to == 0 for a segment without words
		at            float64
	}
	var parts []part
	for i, s := range t.Segments {
		if len(s.Words) == 0 {
			parts = append(parts, part{seg: i, at: mid(s.Start, s.End)})
			continue
		}
		from := 0
		for k := 1; k <= len(s.Words); k++ {
			if k < len(s.Words) && !edgeBetween(mid(s.Words[k-1].Start, s.Words[k-1].End), mid(s.Words[k].Start, s.Words[k].End)) {
				continue
			}
			parts = append(parts, part{seg: i, from: from, to: k, at: mid(s.Words[from].Start, s.Words[from].End)})
			from = k
		}
	}
	speaker := lastSpanHolding(spans, parts, func(p part) float64 { return p.at })
	segs := make([]Segment, 0, len(parts))
	for pi, p := range parts {
		s := t.Segments[p.seg]
		if len(s.Words) > 0 && (p.from > 0 || p.to < len(s.Words)) {
			words := s.Words[p.from:p.to:p.to]
			s.Words, s.Text = words, joinWords(words)
			s.Start, s.End = words[0].Start, words[len(words)-1].End
			if p.from == 0 {
				s.Start = t.Segments[p.seg].Start
			}
			if p.to == len(t.Segments[p.seg].Words) {
				s.End = t.Segments[p.seg].End
			}
		}
		if k := speaker[pi]; k >= 0 {
			s.Speaker = spans[k].Speaker
		}
		segs = append(segs, s)
	}
	out.Segments = segs
	out.tidy()
	return &out
}

// spanSets returns a function naming the set of spans that hold a point
// ([Start, End) holds it): two points get the same value when the same
// spans hold them. Each span has a 64-bit key and a set is the XOR of its
// keys, from the XOR of the keys of the spans started by the point and of
// those ended by it (two binary searches); two different sets meet by
// chance with probability 2⁻⁶⁴.
func spanSets(spans []SpeakerSpan) func(float64) uint64 {
	type edge struct {
		at  float64
		key uint64
	}
	var starts, ends []edge
	for i, sp := range spans {
		if sp.Start < sp.End { // an empty or inverted span holds nothing
			k := splitmix64(uint64(i) + 1)
			starts = append(starts, edge{sp.Start, k})
			ends = append(ends, edge{sp.End, k})
		}
	}
	prefix := func(es []edge) ([]float64, []uint64) {
		sort.Slice(es, func(a, b int) bool { return es[a].at < es[b].at })
		at, x := make([]float64, len(es)), make([]uint64, len(es)+1)
		for i, e := range es {
			at[i], x[i+1] = e.at, x[i]^e.key
		}
		return at, x
	}
	sAt, sX := prefix(starts)
	eAt, eX := prefix(ends)
	upTo := func(at []float64, m float64) int { return sort.Search(len(at), func(i int) bool { return at[i] > m }) }
	return func(m float64) uint64 { return sX[upTo(sAt, m)] ^ eX[upTo(eAt, m)] }
}

// splitmix64 scrambles x into a well-spread 64-bit key.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// lastSpanHolding returns, for each item, the index of the last span whose
// [Start, End) holds the item's point, or -1: a sweep over the points in
// order with the spans begun so far in a heap by index.
func lastSpanHolding[T any](spans []SpeakerSpan, items []T, point func(T) float64) []int {
	out := make([]int, len(items))
	byPoint := make([]int, len(items))
	for i := range byPoint {
		byPoint[i] = i
	}
	sort.SliceStable(byPoint, func(a, b int) bool { return point(items[byPoint[a]]) < point(items[byPoint[b]]) })
	byStart := make([]int, len(spans))
	for i := range byStart {
		byStart[i] = i
	}
	sort.SliceStable(byStart, func(a, b int) bool { return spans[byStart[a]].Start < spans[byStart[b]].Start })
	var h maxHeap
	next := 0
	for _, i := range byPoint {
		m := point(items[i])
		for next < len(byStart) && spans[byStart[next]].Start <= m {
			heap.Push(&h, byStart[next])
			next++
		}
		// A span that ended at or before m has ended for every later point too.
		for h.Len() > 0 && !(m < spans[h[0]].End) {
			heap.Pop(&h)
		}
		out[i] = -1
		if h.Len() > 0 {
			out[i] = h[0]
		}
	}
	return out
}

// maxHeap is a heap of span indexes, the largest on top.
type maxHeap []int

func (h maxHeap) Len() int           { return len(h) }
func (h maxHeap) Less(i, j int) bool { return h[i] > h[j] }
func (h maxHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *maxHeap) Push(x any)        { *h = append(*h, x.(int)) }
func (h *maxHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// Rename renames speaker From to To.
type Rename struct{ From, To string }

// RenameSpeaker returns a copy of t with every segment of speaker from
// given speaker to.
func RenameSpeaker(t *Transcript, from, to string) *Transcript {
	return RenameSpeakers(t, []Rename{{from, to}})
}

// RenameSpeakers returns a copy of t with the renames applied in order (a
// later rename sees the names the earlier ones gave), in one pass over the
// segments: each distinct speaker's final name is worked out once.
func RenameSpeakers(t *Transcript, renames []Rename) *Transcript {
	out := *t
	out.Segments = append([]Segment(nil), t.Segments...)
	final := map[string]string{}
	for i := range out.Segments {
		s := &out.Segments[i]
		name, ok := final[s.Speaker]
		if !ok {
			name = s.Speaker
			for _, r := range renames {
				if name == r.From {
					name = r.To
				}
			}
			final[s.Speaker] = name
		}
		s.Speaker = name
	}
	return &out
}

// Correction is one request's changes to a transcript, applied in this
// order: word edits (addressing the transcript as given), speaker spans,
// then renames.
type Correction struct {
	Edits    []WordEdit
	Speakers []SpeakerSpan
	Renames  []Rename
}

// SpeakerError is a speaker span or rename of a Correction that cannot be
// applied: Field is "speakers" or "rename_speakers", Index its position.
type SpeakerError struct {
	Field string
	Index int
	Err   error
}

func (e *SpeakerError) Error() string { return fmt.Sprintf("%s[%d]: %v", e.Field, e.Index, e.Err) }
func (e *SpeakerError) Unwrap() error { return e.Err }

// Correct returns a copy of t with c applied. Speaker names lose control
// characters and runs of white space and may hold MaxSpeakerRunes
// characters; a span must end after it starts; a rename needs a name to
// rename. Errors are *EditError, *SpeakerError or *LimitError (more than
// MaxSpeakerSpans spans or MaxRenames renames, besides Edit's limits).
func Correct(t *Transcript, c Correction) (*Transcript, error) {
	if len(c.Speakers) > MaxSpeakerSpans {
		return nil, &LimitError{What: "speaker spans in one request", Got: len(c.Speakers), Max: MaxSpeakerSpans}
	}
	if len(c.Renames) > MaxRenames {
		return nil, &LimitError{What: "speaker renames in one request", Got: len(c.Renames), Max: MaxRenames}
	}
	spans := make([]SpeakerSpan, len(c.Speakers))
	for i, sp := range c.Speakers {
		name := speakerName(sp.Speaker)
		if !(sp.End > sp.Start) || utf8.RuneCountInString(name) > MaxSpeakerRunes {
			return nil, &SpeakerError{"speakers", i, fmt.Errorf("end must be after start and the name at most %d characters", MaxSpeakerRunes)}
		}
		spans[i] = SpeakerSpan{Start: sp.Start, End: sp.End, Speaker: name}
	}
	renames := make([]Rename, len(c.Renames))
	for i, r := range c.Renames {
		to := speakerName(r.To)
		if r.From == "" || utf8.RuneCountInString(to) > MaxSpeakerRunes {
			return nil, &SpeakerError{"rename_speakers", i, fmt.Errorf("from is required and to at most %d characters", MaxSpeakerRunes)}
		}
		renames[i] = Rename{From: r.From, To: to}
	}
	out := t
	if len(c.Edits) > 0 {
		var err error
		if out, err = Edit(t, c.Edits); err != nil {
			return nil, err
		}
	}
	if len(spans) > 0 {
		out = SetSpeakers(out, spans)
	}
	if len(renames) > 0 {
		out = RenameSpeakers(out, renames)
	}
	return out, nil
}

// speakerName is a speaker's name as kept: one line, without control
// characters (a NUL too).
func speakerName(s string) string { return strings.Join(strings.Fields(plaintext.Strip(s)), " ") }

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
