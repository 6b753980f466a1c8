package newsroom

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// MaxSpeakerName is the longest speaker or author name, in characters.
const MaxSpeakerName = 100

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
type Rename struct{ From, To string }

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
// base (*StaleError), an edit that does not apply (errcode.BadEdit), a
// speaker span or name out of bounds (errcode.BadSpeaker).
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
	edits := make([]transcribe.WordEdit, len(e.Words))
	for i, w := range e.Words {
		we := transcribe.WordEdit{Segment: w.Segment, Text: w.Text}
		if w.From == nil || w.To == nil {
			if w.Segment >= 0 && w.Segment < len(t.Segments) {
				we.To = segmentWordCount(t.Segments[w.Segment])
			}
		} else {
			we.From, we.To = *w.From, *w.To
		}
		edits[i] = we
	}
	t, err = transcribe.Edit(t, edits)
	var ee *transcribe.EditError
	if errors.As(err, &ee) {
		return nil, Timing{}, refuse(errcode.BadEdit, "", ee.Error())
	} else if err != nil {
		return nil, Timing{}, err
	}
	var spans []transcribe.SpeakerSpan
	for i, sp := range e.Speakers {
		name := oneline.Fold(sp.Speaker)
		if !(sp.End > sp.Start) || utf8.RuneCountInString(name) > MaxSpeakerName {
			return nil, Timing{}, refuse(errcode.BadSpeaker, "", fmt.Sprintf("speakers[%d]: end must be after start and the name at most %d characters", i, MaxSpeakerName))
		}
		spans = append(spans, transcribe.SpeakerSpan{Start: sp.Start, End: sp.End, Speaker: name})
	}
	if len(spans) > 0 {
		t = transcribe.SetSpeakers(t, spans)
	}
	for i, rn := range e.Renames {
		to := oneline.Fold(rn.To)
		if rn.From == "" || utf8.RuneCountInString(to) > MaxSpeakerName {
			return nil, Timing{}, refuse(errcode.BadSpeaker, "", fmt.Sprintf("rename_speakers[%d]: from is required and to at most %d characters", i, MaxSpeakerName))
		}
		t = transcribe.RenameSpeaker(t, rn.From, to)
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
