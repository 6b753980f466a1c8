package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newsscribe/newsscribe/internal/oneline"
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
	var (
		b   string
		rev int
	)
	err := s.queryRow(ctx, `SELECT transcript, revision FROM ns_revisions WHERE job_id = ? ORDER BY revision DESC LIMIT 1`, j.ID).Scan(&b, &rev)
	if errors.Is(err, sql.ErrNoRows) {
		t, err := s.Transcript(ctx, j.ASRKey)
		return t, 0, err
	}
	if err != nil {
		return nil, 0, fmt.Errorf("read revision: %w", err)
	}
	t, err := decodeTranscript(b)
	return t, rev, err
}

// TranscriptRevision returns revision n of the job's transcript with its
// transcript, or ErrNotFound.
func (s *Store) TranscriptRevision(ctx context.Context, j *Job, n int) (*Revision, error) {
	if n == 0 {
		t, err := s.Transcript(ctx, j.ASRKey)
		if err != nil {
			return nil, err
		}
		at := j.CreatedAt
		if j.FinishedAt != nil {
			at = *j.FinishedAt
		}
		return &Revision{Number: 0, CreatedAt: at, Transcript: t}, nil
	}
	var (
		r       Revision
		b       string
		created int64
	)
	err := s.queryRow(ctx, `SELECT revision, author, note, created_at, transcript FROM ns_revisions WHERE job_id = ? AND revision = ?`,
		j.ID, n).Scan(&r.Number, &r.Author, &r.Note, &created, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read revision: %w", err)
	}
	r.CreatedAt = time.UnixMilli(created).UTC()
	if r.Transcript, err = decodeTranscript(b); err != nil {
		return nil, err
	}
	return &r, nil
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
func (s *Store) AddRevision(ctx context.Context, jobID string, base int, t *transcribe.Transcript, author, note string) (*Revision, error) {
	cur, err := s.CurrentRevision(ctx, jobID)
	if err != nil {
		return nil, err
	}
	if cur != base {
		return nil, ErrStale
	}
	b, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	r := &Revision{Number: base + 1, Author: author, Note: oneline.Fold(note), CreatedAt: time.Now().UTC(), Transcript: t}
	_, err = s.exec(ctx, `INSERT INTO ns_revisions (job_id, revision, transcript, author, note, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		jobID, r.Number, string(b), r.Author, r.Note, millis(r.CreatedAt))
	if isUniqueViolation(err) {
		return nil, ErrStale
	}
	if err != nil {
		return nil, fmt.Errorf("store revision: %w", err)
	}
	return r, nil
}

func decodeTranscript(b string) (*transcribe.Transcript, error) {
	var t transcribe.Transcript
	if err := json.Unmarshal([]byte(b), &t); err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	return &t, nil
}
