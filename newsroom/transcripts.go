package newsroom

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// MaxSpeakerName is the longest speaker or author name, in characters.
const MaxSpeakerName = transcribe.MaxSpeakerRunes

// Edit is a correction of a job's transcript. Every index and time
// addresses the revision Base.
type Edit struct {
	// Base is the revision the correction was made on.
	Base int
	// Words replace words of segments.
	Words []WordEdit
	// Speakers name who speaks from Start to End (seconds).
	Speakers []transcribe.SpeakerSpan
	// Renames rename a speaker everywhere.
	Renames []Rename
	// Author and Note are kept with the revision.
	Author, Note string
}

// WordEdit replaces words From to To (word indexes, To exclusive) of a
// segment with Text; both nil replace the whole segment.
type WordEdit struct {
	Segment  int
	From, To *int
	Text     string
}

// Rename renames speaker From to To.
type Rename = transcribe.Rename

// StaleError refuses a correction made on a revision that is no longer
// the current one: somebody saved first.
type StaleError struct {
	// Current is the transcript's current revision.
	Current int
}

func (e *StaleError) Error() string {
	return fmt.Sprintf("the transcript was changed (it is at revision %d); "+
		"re-apply the edit to the current revision and send its number as base_revision", e.Current)
}

// Timing is how long each step of saving a correction took.
type Timing struct {
	Edit, Save, Align, Index time.Duration
}

// Correct applies e to finished job j's current transcript (with the
// speakers its article seeds) and saves it as the next revision: the
// article is re-aligned to it and the job re-indexed. Refusals: a stale
// base (*StaleError), an edit past transcribe's limits (errcode.TooLarge:
// too many edits, spans or renames, a segment or transcript made too
// long), an edit that does not apply (errcode.BadEdit), a speaker span or
// name out of bounds (errcode.BadSpeaker).
func (n *Newsroom) Correct(ctx context.Context, j *store.Job, e Edit) (*store.Revision, Timing, error) {
	began := time.Now()
	cur, curRev, err := n.store.JobTranscript(ctx, j)
	if err != nil {
		return nil, Timing{}, err
	}
	if e.Base != curRev {
		return nil, Timing{}, &StaleError{Current: curRev}
	}
	// Seeded speakers become part of the first correction.
	t := cur
	if j.HasArticle() {
		if al, err := n.store.Alignment(ctx, j.ID); err == nil {
			t = store.SeedSpeakers(t, al)
		}
	}
	c := transcribe.Correction{Edits: make([]transcribe.WordEdit, len(e.Words)), Speakers: e.Speakers, Renames: e.Renames}
	for i, w := range e.Words {
		we := transcribe.WordEdit{Segment: w.Segment, Text: w.Text}
		if w.From == nil || w.To == nil {
			if w.Segment >= 0 && w.Segment < len(t.Segments) {
				we.To = segmentWordCount(t.Segments[w.Segment])
			}
		} else {
			we.From, we.To = *w.From, *w.To
		}
		c.Edits[i] = we
	}
	t, err = transcribe.Correct(t, c)
	var (
		ee *transcribe.EditError
		se *transcribe.SpeakerError
		le *transcribe.LimitError
	)
	switch {
	case errors.As(err, &le):
		return nil, Timing{}, refuse(errcode.TooLarge, "", "the edit is too large: "+le.Error())
	case errors.As(err, &ee):
		return nil, Timing{}, refuse(errcode.BadEdit, "", ee.Error())
	case errors.As(err, &se):
		return nil, Timing{}, refuse(errcode.BadSpeaker, "", se.Error())
	case err != nil:
		return nil, Timing{}, err
	}
	return n.save(ctx, j, e.Base, t, e.Author, e.Note, began, time.Since(began))
}

func segmentWordCount(s transcribe.Segment) int {
	if len(s.Words) > 0 {
		return len(s.Words)
	}
	return len(strings.Fields(s.Text))
}

// Revert stores revision r of finished job j's transcript again as the
// newest one; the history keeps everything in between. Refusal: a stale
// base (*StaleError).
func (n *Newsroom) Revert(ctx context.Context, j *store.Job, base int, r *store.Revision, author string) (*store.Revision, Timing, error) {
	began := time.Now()
	return n.save(ctx, j, base, r.Transcript, author, fmt.Sprintf("revert to revision %d", r.Number), began, time.Since(began))
}

// save stores t as the next revision after base, re-aligns the article and
// re-indexes the job.
func (n *Newsroom) save(ctx context.Context, j *store.Job, base int, t *transcribe.Transcript, who, note string, began time.Time, edited time.Duration) (*store.Revision, Timing, error) {
	rev, err := n.store.AddRevision(ctx, j.ID, base, t, who, note)
	if errors.Is(err, store.ErrStale) {
		cur, err := n.store.CurrentRevision(ctx, j.ID)
		if err != nil {
			return nil, Timing{}, err
		}
		return nil, Timing{}, &StaleError{Current: cur}
	}
	if err != nil {
		return nil, Timing{}, err
	}
	saved := time.Since(began)
	if j.HasArticle() {
		if err := n.Realign(ctx, j, t); err != nil {
			return nil, Timing{}, err
		}
	}
	aligned := time.Since(began)
	spoken := t
	if j.HasArticle() {
		if al, err := n.store.Alignment(ctx, j.ID); err == nil {
			spoken = store.SeedSpeakers(t, al)
		}
	}
	if err := n.store.IndexTranscript(ctx, j, spoken); err != nil {
		n.log.Error("search index not updated", "job", j.ID, "error", err)
	}
	total := time.Since(began)
	return rev, Timing{Edit: edited, Save: saved - edited, Align: aligned - saved, Index: total - aligned}, nil
}
