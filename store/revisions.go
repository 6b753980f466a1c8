package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/internal/plaintext"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Revision is one version of a job's transcript. Revision 0 is what the
// recogniser produced (or what was imported); every correction adds the next
// number and keeps all earlier ones, so the original is never lost.
type Revision struct {
	Number int
	// Author is the name of the API key that saved it ("" when keys are off
	// and the client named nobody); empty for revision 0.
	Author string
	// Note is an optional one-line description ("revert to 3").
	Note      string
	CreatedAt time.Time
	// Transcript is nil in lists (Revisions) and set by TranscriptRevision.
	Transcript *transcribe.Transcript
}

// ErrStale is returned by AddRevision when the base revision is no longer
// the current one: somebody saved in between.
var ErrStale = errors.New("the transcript changed since the revision this edit is based on")

// CurrentRevision returns the number of the job's newest revision (0 when it
// was never corrected).
func (s *Store) CurrentRevision(ctx context.Context, jobID string) (int, error) {
	var n sql.NullInt64
	if err := s.queryRow(ctx, `SELECT MAX(revision) FROM ns_revisions WHERE job_id = ?`, jobID).Scan(&n); err != nil {
		return 0, fmt.Errorf("current revision: %w", err)
	}
	return int(n.Int64), nil
}

// JobTranscript returns the job's current transcript (its newest revision,
// else the recognised one) and its revision number. Every download reads it.
func (s *Store) JobTranscript(ctx context.Context, j *Job) (*transcribe.Transcript, int, error) {
	cur, err := s.CurrentRevision(ctx, j.ID)
	if err != nil {
		return nil, 0, err
	}
	if cur == 0 {
		t, err := s.Transcript(ctx, j.ASRKey)
		return t, 0, err
	}
	r, _, err := s.revision(ctx, j, cur)
	if err != nil {
		return nil, 0, err
	}
	return r.Transcript, cur, nil
}

// TranscriptRevision returns revision n of the job's transcript with its
// transcript, or ErrNotFound.
func (s *Store) TranscriptRevision(ctx context.Context, j *Job, n int) (*Revision, error) {
	r, _, err := s.revision(ctx, j, n)
	return r, err
}

// Revisions lists the job's stored revisions newest first, without their
// transcripts; revision 0 is not stored and not listed.
func (s *Store) Revisions(ctx context.Context, jobID string) ([]Revision, error) {
	rows, err := s.query(ctx, `SELECT revision, author, note, created_at FROM ns_revisions WHERE job_id = ? ORDER BY revision DESC`, jobID)
	if err != nil {
		return nil, fmt.Errorf("list revisions: %w", err)
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		var (
			r       Revision
			created int64
		)
		if err := rows.Scan(&r.Number, &r.Author, &r.Note, &created); err != nil {
			return nil, err
		}
		r.CreatedAt = time.UnixMilli(created).UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// AddRevision stores t as revision base+1 of the job's transcript. It
// returns ErrStale when base is not the current revision, also when two
// saves race: the primary key lets only one of them have base+1.
//
// A revision is stored as the change from base (revisionDelta): the
// segments replaced, so a one-word correction costs a row of one segment,
// not of the whole transcript. A change of half the transcript or more is
// stored whole, and so is the revision after a chain of maxChain changes or
// of changes adding up to a transcript, so reading any revision decodes at
// most about twice a transcript.
func (s *Store) AddRevision(ctx context.Context, jobID string, base int, t *transcribe.Transcript, author, note string) (*Revision, error) {
	cur, err := s.CurrentRevision(ctx, jobID)
	if err != nil {
		return nil, err
	}
	if cur != base {
		return nil, ErrStale
	}
	j, err := s.Job(ctx, jobID)
	if err != nil {
		return nil, fmt.Errorf("store revision: %w", err)
	}
	prev, chain, err := s.revision(ctx, j, base)
	if err != nil {
		return nil, fmt.Errorf("store revision: %w", err)
	}
	full, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	var whole, delta sql.NullString
	d, ok := diffRevisions(prev.Transcript, t)
	if ok {
		d.Base, d.Depth = base, chain.depth+1
		b, err := json.Marshal(d)
		if err != nil {
			return nil, err
		}
		d.Bytes = chain.bytes + len(b)
		// A change of half the transcript or more saves nothing: whole.
		if d.Depth <= maxChain && 2*len(b) <= len(full) && d.Bytes < len(full) {
			if b, err = json.Marshal(d); err != nil {
				return nil, err
			}
			delta = sql.NullString{String: string(b), Valid: true}
		}
	}
	if !delta.Valid {
		whole = sql.NullString{String: string(full), Valid: true}
	}
	r := &Revision{Number: base + 1, Author: oneline.Fold(plaintext.Strip(author)), Note: oneline.Fold(plaintext.Strip(note)), CreatedAt: time.Now().UTC(), Transcript: t}
	_, err = s.exec(ctx, `INSERT INTO ns_revisions (job_id, revision, transcript, delta, author, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		jobID, r.Number, whole.String, delta, r.Author, r.Note, millis(r.CreatedAt))
	if isUniqueViolation(err) {
		return nil, ErrStale
	}
	if err != nil {
		return nil, fmt.Errorf("store revision: %w", err)
	}
	return r, nil
}

// maxChain is the most changes stored one after the other before a
// revision is stored whole again.
const maxChain = 32

// revisionDelta is a revision stored as the change from the one before
// (Base): Splices replace segments of Base's, the last first. Depth counts
// the changes since the last revision stored whole (revision 0 is whole),
// Bytes their stored size.
type revisionDelta struct {
	Base  int      `json:"base"`
	Depth int      `json:"depth"`
	Bytes int      `json:"bytes,omitempty"`
	Head  tHead    `json:"head"`
	Edits []splice `json:"splices"`
}

// tHead is a transcript without its segments. Text is kept only when it is
// not the segments' texts joined by spaces (it always is for a correction).
type tHead struct {
	Language           string  `json:"language"`
	Duration           float64 `json:"duration"`
	Text               *string `json:"text,omitempty"`
	MachineTranslation bool    `json:"machine_translation,omitempty"`
}

// splice replaces Del segments from At with Ins.
type splice struct {
	At  int                  `json:"at"`
	Del int                  `json:"del"`
	Ins []transcribe.Segment `json:"ins"`
}

// chainInfo is where a revision sits in its chain of changes.
type chainInfo struct{ depth, bytes int }

// diffRevisions is the change from a to b: the segments that differ
// (compared without their ids), as one splice per run of changed segments
// when the count is the same, else one splice between the common start and
// end. It reports false when b cannot be rebuilt from segments alone (its
// ids are not 0, 1, 2…).
func diffRevisions(a, b *transcribe.Transcript) (revisionDelta, bool) {
	for i, sg := range b.Segments {
		if sg.ID != i {
			return revisionDelta{}, false
		}
	}
	d := revisionDelta{Head: tHead{Language: b.Language, Duration: b.Duration, MachineTranslation: b.MachineTranslation}}
	if b.Text != joinTexts(b.Segments) {
		text := b.Text
		d.Head.Text = &text
	}
	as, bs := a.Segments, b.Segments
	same := func(i, j int) bool {
		x, y := as[i], bs[j]
		x.ID, y.ID = 0, 0
		return reflect.DeepEqual(x, y)
	}
	pre := 0
	for pre < len(as) && pre < len(bs) && same(pre, pre) {
		pre++
	}
	suf := 0
	for suf < len(as)-pre && suf < len(bs)-pre && same(len(as)-1-suf, len(bs)-1-suf) {
		suf++
	}
	if len(as) != len(bs) {
		d.Edits = []splice{{At: pre, Del: len(as) - suf - pre, Ins: bs[pre : len(bs)-suf]}}
		return d, true
	}
	for i := len(as) - suf - 1; i >= pre; {
		if same(i, i) {
			i--
			continue
		}
		j := i
		for j >= pre && !same(j, j) {
			j--
		}
		d.Edits = append(d.Edits, splice{At: j + 1, Del: i - j, Ins: bs[j+1 : i+1]})
		i = j
	}
	return d, true
}

// apply returns t changed by d: the splices, renumbered segments, the
// text joined again. It may reuse (and write) t's segments: t is a
// transcript just decoded for this read.
func (d revisionDelta) apply(t *transcribe.Transcript) (*transcribe.Transcript, error) {
	segs := t.Segments
	for _, sp := range d.Edits {
		if sp.At < 0 || sp.Del < 0 || sp.At+sp.Del > len(segs) {
			return nil, fmt.Errorf("read revision: a change of segments %d–%d does not fit %d segments", sp.At, sp.At+sp.Del, len(segs))
		}
		if len(sp.Ins) == sp.Del {
			copy(segs[sp.At:], sp.Ins)
			continue
		}
		next := make([]transcribe.Segment, 0, len(segs)-sp.Del+len(sp.Ins))
		next = append(next, segs[:sp.At]...)
		next = append(next, sp.Ins...)
		segs = append(next, segs[sp.At+sp.Del:]...)
	}
	out := &transcribe.Transcript{Language: d.Head.Language, Duration: d.Head.Duration, MachineTranslation: d.Head.MachineTranslation, Segments: segs}
	for i := range out.Segments {
		out.Segments[i].ID = i
	}
	if d.Head.Text != nil {
		out.Text = *d.Head.Text
	} else {
		out.Text = joinTexts(out.Segments)
	}
	return out, nil
}

func joinTexts(segs []transcribe.Segment) string {
	texts := make([]string, len(segs))
	for i, sg := range segs {
		texts[i] = sg.Text
	}
	return strings.Join(texts, " ")
}

// revision rebuilds revision n of job j: the nearest revision stored whole
// at or before it (revision 0 is the recognised transcript), then the
// changes after it. It returns where n sits in its chain too.
func (s *Store) revision(ctx context.Context, j *Job, n int) (*Revision, chainInfo, error) {
	if n == 0 {
		t, err := s.Transcript(ctx, j.ASRKey)
		if err != nil {
			return nil, chainInfo{}, err
		}
		at := j.CreatedAt
		if j.FinishedAt != nil {
			at = *j.FinishedAt
		}
		return &Revision{Number: 0, CreatedAt: at, Transcript: t}, chainInfo{}, nil
	}
	rows, err := s.query(ctx, `SELECT revision, author, note, created_at, transcript, delta FROM ns_revisions
		WHERE job_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`, j.ID, n, maxChain+1)
	if err != nil {
		return nil, chainInfo{}, fmt.Errorf("read revision: %w", err)
	}
	type row struct {
		rev   Revision
		whole string
		delta *revisionDelta
	}
	var chain []row // newest first, down to one stored whole
	for rows.Next() {
		var (
			r       row
			created int64
			delta   sql.NullString
		)
		if err := rows.Scan(&r.rev.Number, &r.rev.Author, &r.rev.Note, &created, &r.whole, &delta); err != nil {
			rows.Close()
			return nil, chainInfo{}, fmt.Errorf("read revision: %w", err)
		}
		r.rev.CreatedAt = time.UnixMilli(created).UTC()
		if delta.Valid {
			r.delta = new(revisionDelta)
			if err := json.Unmarshal([]byte(delta.String), r.delta); err != nil {
				rows.Close()
				return nil, chainInfo{}, fmt.Errorf("read revision %d: %w", r.rev.Number, err)
			}
		}
		if len(chain) == 0 && r.rev.Number != n {
			break
		}
		chain = append(chain, r)
		if r.delta == nil || r.delta.Base == 0 {
			break
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, chainInfo{}, fmt.Errorf("read revision: %w", err)
	}
	if len(chain) == 0 || chain[0].rev.Number != n {
		return nil, chainInfo{}, ErrNotFound
	}
	var t *transcribe.Transcript
	last := chain[len(chain)-1]
	switch {
	case last.delta == nil:
		if t, err = decodeTranscript(last.whole); err != nil {
			return nil, chainInfo{}, err
		}
		chain = chain[:len(chain)-1]
	case last.delta.Base == 0:
		if t, err = s.Transcript(ctx, j.ASRKey); err != nil {
			return nil, chainInfo{}, err
		}
	default:
		return nil, chainInfo{}, fmt.Errorf("read revision %d: its chain of changes is broken at %d", n, last.rev.Number)
	}
	info := chainInfo{}
	for i := len(chain) - 1; i >= 0; i-- {
		d := chain[i].delta
		if want := chain[i].rev.Number - 1; d.Base != want {
			return nil, chainInfo{}, fmt.Errorf("read revision %d: change %d is based on %d, not %d", n, chain[i].rev.Number, d.Base, want)
		}
		if t, err = d.apply(t); err != nil {
			return nil, chainInfo{}, err
		}
		info = chainInfo{depth: d.Depth, bytes: d.Bytes}
	}
	r := last.rev
	if len(chain) > 0 {
		r = chain[0].rev
	}
	r.Transcript = t
	return &r, info, nil
}

func decodeTranscript(b string) (*transcribe.Transcript, error) {
	var t transcribe.Transcript
	if err := json.Unmarshal([]byte(b), &t); err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	return &t, nil
}
