package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/atomicfile"
	"github.com/newsscribe/newsscribe/internal/errcode"
)

// Clip is a publishable clip of a job's recording (package clip): asked
// for through the API, made by the clip worker, its file kept in Blobs.
type Clip struct {
	ID    string
	JobID string
	// Status is queued, running, done or failed (the job statuses).
	Status   Status
	Progress int
	// Quote is the index in the alignment's quotes, or nil for a span.
	Quote *int
	// From and To are the span asked for (seconds); Start, End and
	// Duration the span cut, snapped to words (set when done).
	From, To             float64
	Start, End, Duration float64
	Format, Aspect       string
	Captions             string
	Highlight            bool
	// CaptionLang is "en" for captions from the job's English machine
	// translation; "" for the words said.
	CaptionLang string
	// Bytes is the file's size (set when done).
	Bytes        int64
	ErrorCode    errcode.Code
	ErrorMessage string
	CreatedAt    time.Time
	FinishedAt   *time.Time
}

const clipCols = `id, job_id, status, progress, quote, from_s, to_s, start_s, end_s, duration, format, aspect,
	captions, highlight, caption_lang, bytes, error_code, error_message, created_at, finished_at`

func scanClip(r interface{ Scan(...any) error }) (*Clip, error) {
	var (
		c         Clip
		quote     sql.NullInt64
		highlight int
		created   int64
		finished  sql.NullInt64
	)
	err := r.Scan(&c.ID, &c.JobID, &c.Status, &c.Progress, &quote, &c.From, &c.To, &c.Start, &c.End, &c.Duration,
		&c.Format, &c.Aspect, &c.Captions, &highlight, &c.CaptionLang, &c.Bytes, &c.ErrorCode, &c.ErrorMessage, &created, &finished)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if quote.Valid {
		q := int(quote.Int64)
		c.Quote = &q
	}
	c.Highlight = highlight != 0
	c.CreatedAt = time.UnixMilli(created).UTC()
	c.FinishedAt = fromMillis(finished)
	return &c, nil
}

// CreateClip stores a new queued clip; c.ID and c.CreatedAt are set.
func (s *Store) CreateClip(ctx context.Context, c *Clip) error {
	c.ID = NewID("clip_")
	c.Status = StatusQueued
	c.CreatedAt = time.Now().UTC()
	var quote any
	if c.Quote != nil {
		quote = *c.Quote
	}
	_, err := s.exec(ctx, `INSERT INTO ns_clips (id, job_id, status, progress, quote, from_s, to_s, format, aspect,
		captions, highlight, caption_lang, created_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, c.JobID, c.Status, quote, c.From, c.To, c.Format, c.Aspect, c.Captions, boolInt(c.Highlight), c.CaptionLang, millis(c.CreatedAt))
	return err
}

// Clip returns clip id of job jobID.
func (s *Store) Clip(ctx context.Context, jobID, id string) (*Clip, error) {
	return scanClip(s.queryRow(ctx, `SELECT `+clipCols+` FROM ns_clips WHERE id = ? AND job_id = ?`, id, jobID))
}

// ClipByID returns clip id, whatever its job.
func (s *Store) ClipByID(ctx context.Context, id string) (*Clip, error) {
	return scanClip(s.queryRow(ctx, `SELECT `+clipCols+` FROM ns_clips WHERE id = ?`, id))
}

// Clips lists the clips of job jobID, newest first.
func (s *Store) Clips(ctx context.Context, jobID string) ([]*Clip, error) {
	rows, err := s.query(ctx, `SELECT `+clipCols+` FROM ns_clips WHERE job_id = ? ORDER BY created_at DESC, id`, jobID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []*Clip{}
	for rows.Next() {
		c, err := scanClip(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UnfinishedClips lists the ids of clips queued or running: on start the
// queue makes sure each has its queue job (a crash between storing a clip
// and queuing it leaves none).
func (s *Store) UnfinishedClips(ctx context.Context) ([]string, error) {
	return column[string](ctx, s, `SELECT id FROM ns_clips WHERE status IN (?, ?)`, StatusQueued, StatusRunning)
}

// StartClip marks a queued (or interrupted running) clip running.
func (s *Store) StartClip(ctx context.Context, id string) error {
	_, err := s.exec(ctx, `UPDATE ns_clips SET status = ?, progress = 0 WHERE id = ? AND status IN (?, ?)`,
		StatusRunning, id, StatusQueued, StatusRunning)
	return err
}

// SetClipProgress records progress (0–99) of a running clip.
func (s *Store) SetClipProgress(ctx context.Context, id string, pct int) error {
	_, err := s.exec(ctx, `UPDATE ns_clips SET progress = ? WHERE id = ? AND status = ?`, pct, id, StatusRunning)
	return err
}

// FinishClip marks clip c done with its cut span and size.
func (s *Store) FinishClip(ctx context.Context, c *Clip) error {
	_, err := s.exec(ctx, `UPDATE ns_clips SET status = ?, progress = 100, start_s = ?, end_s = ?, duration = ?, bytes = ?,
		error_code = '', error_message = '', finished_at = ? WHERE id = ?`,
		StatusDone, c.Start, c.End, c.Duration, c.Bytes, millis(time.Now()), c.ID)
	return err
}

// FailClip marks clip id failed with an error code and a one-line message.
func (s *Store) FailClip(ctx context.Context, id string, code errcode.Code, message string) error {
	_, err := s.exec(ctx, `UPDATE ns_clips SET status = ?, error_code = ?, error_message = ?, finished_at = ? WHERE id = ?`,
		StatusFailed, code, message, millis(time.Now()), id)
	return err
}

// ClipKey is the blob key of the file of clip id with extension ext
// (".mp4"): clips/<id><ext>. An id that is not a store id gives "", an
// invalid key that is never stored.
func ClipKey(id, ext string) string {
	rest, ok := strings.CutPrefix(id, "clip_")
	if !ok || rest == "" || strings.ContainsFunc(rest, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) || strings.ContainsAny(ext, `/\`) {
		return ""
	}
	return "clips/" + id + ext
}

// ClipPath is the local path of ClipKey(id, ext), where the worker writes
// the clip before Publish copies it to a remote store.
func (b *Blobs) ClipPath(id, ext string) string { return b.local.Path(ClipKey(id, ext)) }

// ClipsDir is the directory clip files are written in (created if
// missing): the same file system as the blobs, so a finished clip is
// renamed into place.
func (b *Blobs) ClipsDir() (string, error) {
	dir := filepath.Join(b.Dir, "clips")
	return dir, atomicfile.MkdirAll(dir)
}
