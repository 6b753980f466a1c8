package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/newsscribe/newsscribe/transcribe"
)

// ChunkStatus is the state of a chunk: pending until its transcript is
// stored, then done.
type ChunkStatus string

// Chunk states.
const (
	ChunkPending ChunkStatus = "pending"
	ChunkDone    ChunkStatus = "done"
)

// Chunk is one range of a job's recording, recognised as its own unit of
// work on the queue. Its transcript's times are seconds from the start of
// the whole recording.
type Chunk struct {
	JobID string
	Index int
	// Start and End are in samples (16 kHz) of the stored PCM copy.
	Start, End int64
	// RiverID is the queue's id of the chunk's work, 0 until enqueued.
	RiverID  int64
	Status   ChunkStatus
	Progress int
	// Recognitions counts how often a worker began recognising the chunk.
	Recognitions int
	StartedAt    *time.Time
	FinishedAt   *time.Time
}

// Seconds is the chunk's length in seconds.
func (c *Chunk) Seconds() float64 { return float64(c.End-c.Start) / transcribe.SampleRate }

// PutChunks stores the chunk plan of a job; chunks already stored (a
// prepare step run again after a crash) are kept as they are.
func (s *Store) PutChunks(ctx context.Context, chunks []Chunk) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store chunks: %w", err)
	}
	defer tx.Rollback()
	for _, c := range chunks {
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO ns_chunks (job_id, idx, start_sample, end_sample, status)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id, idx) DO NOTHING`), c.JobID, c.Index, c.Start, c.End, ChunkPending); err != nil {
			return fmt.Errorf("store chunks: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store chunks: %w", err)
	}
	return nil
}

const chunkCols = `job_id, idx, start_sample, end_sample, river_id, status, progress, recognitions, started_at, finished_at`

func scanChunk(r scanner) (*Chunk, error) {
	var (
		c                 Chunk
		riverID           sql.NullInt64
		started, finished sql.NullInt64
	)
	err := r.Scan(&c.JobID, &c.Index, &c.Start, &c.End, &riverID, &c.Status, &c.Progress, &c.Recognitions, &started, &finished)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	c.RiverID = riverID.Int64
	c.StartedAt, c.FinishedAt = fromMillis(started), fromMillis(finished)
	return &c, nil
}

// Chunks returns a job's chunks in order (none before its prepare step).
func (s *Store) Chunks(ctx context.Context, jobID string) ([]*Chunk, error) {
	rows, err := s.query(ctx, `SELECT `+chunkCols+` FROM ns_chunks WHERE job_id = ? ORDER BY idx`, jobID)
	if err != nil {
		return nil, fmt.Errorf("read chunks: %w", err)
	}
	defer rows.Close()
	var out []*Chunk
	for rows.Next() {
		c, err := scanChunk(rows)
		if err != nil {
			return nil, fmt.Errorf("read chunks: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Chunk returns one chunk, or ErrNotFound.
func (s *Store) Chunk(ctx context.Context, jobID string, index int) (*Chunk, error) {
	return scanChunk(s.queryRow(ctx, `SELECT `+chunkCols+` FROM ns_chunks WHERE job_id = ? AND idx = ?`, jobID, index))
}

// SetChunkRiverID records the queue's id of a chunk's work.
func (s *Store) SetChunkRiverID(ctx context.Context, jobID string, index int, riverID int64) error {
	_, err := s.exec(ctx, `UPDATE ns_chunks SET river_id = ? WHERE job_id = ? AND idx = ?`, riverID, jobID, index)
	return err
}

// BeginChunk counts a recognition of a pending chunk starting now. It
// reports false when the chunk is done already (it is never recognised again).
func (s *Store) BeginChunk(ctx context.Context, jobID string, index int) (bool, error) {
	res, err := s.exec(ctx, `UPDATE ns_chunks SET recognitions = recognitions + 1, progress = 0,
		started_at = COALESCE(started_at, ?) WHERE job_id = ? AND idx = ? AND status = ?`,
		millis(time.Now()), jobID, index, ChunkPending)
	if err != nil {
		return false, fmt.Errorf("begin chunk: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetChunkProgress records a running chunk's progress (0–100) and the
// job's, weighted by the chunks' lengths: finished chunks count whole,
// running ones by their own progress. Job progress stays below 100 until
// the job is done.
func (s *Store) SetChunkProgress(ctx context.Context, jobID string, index, percent int) error {
	if _, err := s.exec(ctx, `UPDATE ns_chunks SET progress = ? WHERE job_id = ? AND idx = ? AND status = ?`,
		percent, jobID, index, ChunkPending); err != nil {
		return err
	}
	return s.updateJobProgress(ctx, jobID)
}

func (s *Store) updateJobProgress(ctx context.Context, jobID string) error {
	p, err := s.ChunkProgress(ctx, jobID)
	if err != nil {
		return err
	}
	if p.Total == 0 {
		return nil
	}
	pct := min(int(100*p.Fraction()), 99)
	_, err = s.exec(ctx, `UPDATE ns_jobs SET progress = ? WHERE id = ? AND status = ?`, pct, jobID, StatusRunning)
	return err
}

// FinishChunk stores a chunk's transcript and marks it done, once: a chunk
// finished by another worker keeps its first transcript. segments is how
// many of its segments the stitched transcript will hold (see
// SegmentsBefore). It reports how many chunks of the job are not done yet.
func (s *Store) FinishChunk(ctx context.Context, jobID string, index int, t *transcribe.Transcript, segments int) (remaining int, err error) {
	b, err := json.Marshal(t)
	if err != nil {
		return 0, err
	}
	if _, err := s.exec(ctx, `UPDATE ns_chunks SET status = ?, progress = 100, transcript = ?, segments = ?, finished_at = ?
		WHERE job_id = ? AND idx = ? AND status = ?`, ChunkDone, string(b), segments, millis(time.Now()), jobID, index, ChunkPending); err != nil {
		return 0, fmt.Errorf("store chunk: %w", err)
	}
	if err := s.updateJobProgress(ctx, jobID); err != nil {
		return 0, err
	}
	return s.PendingChunks(ctx, jobID)
}

// SegmentsBefore returns how many segments the chunks before index hold
// in the stitched transcript, so that a chunk's segments streamed live can
// carry their final ids; ok is false while one of those chunks is not done.
func (s *Store) SegmentsBefore(ctx context.Context, jobID string, index int) (n int, ok bool, err error) {
	var done int
	var sum sql.NullInt64
	err = s.queryRow(ctx, `SELECT COUNT(*), SUM(segments) FROM ns_chunks WHERE job_id = ? AND idx < ? AND status = ?`,
		jobID, index, ChunkDone).Scan(&done, &sum)
	return int(sum.Int64), err == nil && done == index, err
}

// PendingChunks counts a job's chunks that are not done.
func (s *Store) PendingChunks(ctx context.Context, jobID string) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM ns_chunks WHERE job_id = ? AND status = ?`, jobID, ChunkPending).Scan(&n)
	return n, err
}

// ChunkTranscripts returns the transcripts of a job's chunks in order. It
// fails if a chunk is not done.
func (s *Store) ChunkTranscripts(ctx context.Context, jobID string) ([]*transcribe.Transcript, error) {
	rows, err := s.query(ctx, `SELECT idx, status, transcript FROM ns_chunks WHERE job_id = ? ORDER BY idx`, jobID)
	if err != nil {
		return nil, fmt.Errorf("read chunk transcripts: %w", err)
	}
	defer rows.Close()
	var out []*transcribe.Transcript
	for rows.Next() {
		var (
			idx    int
			status ChunkStatus
			b      sql.NullString
		)
		if err := rows.Scan(&idx, &status, &b); err != nil {
			return nil, fmt.Errorf("read chunk transcripts: %w", err)
		}
		if status != ChunkDone || !b.Valid {
			return nil, fmt.Errorf("chunk %d of job %s is not done", idx, jobID)
		}
		var t transcribe.Transcript
		if err := json.Unmarshal([]byte(b.String), &t); err != nil {
			return nil, fmt.Errorf("read transcript of chunk %d: %w", idx, err)
		}
		out = append(out, &t)
	}
	return out, rows.Err()
}

// ChunkProgress sums up a job's chunks.
type ChunkProgress struct {
	// Total and Done count the chunks.
	Total, Done int
	// Seconds is the recording's length and DoneSeconds how much of it is
	// recognised: finished chunks whole, running ones by their progress.
	Seconds, DoneSeconds float64
	// Recognitions counts the chunk recognitions begun (a crash makes
	// the chunks in flight begin again).
	Recognitions int
	// Since is when the job's first chunk began; nil before.
	Since *time.Time
}

// Fraction is the share of the recording recognised, 0 to 1.
func (p ChunkProgress) Fraction() float64 {
	if p.Seconds <= 0 {
		return 0
	}
	return min(p.DoneSeconds/p.Seconds, 1)
}

// Remaining estimates the time left at the rate measured since the first
// chunk began (wall time, so parallel workers and pauses are included); ok
// is false until some audio is recognised.
func (p ChunkProgress) Remaining(now time.Time) (d time.Duration, ok bool) {
	f := p.Fraction()
	if p.Since == nil || f <= 0 {
		return 0, false
	}
	elapsed := now.Sub(*p.Since)
	return time.Duration(float64(elapsed) * (1 - f) / f), true
}

// ChunkProgress returns the progress of a job's chunks (zero before its
// prepare step).
func (s *Store) ChunkProgress(ctx context.Context, jobID string) (ChunkProgress, error) {
	var (
		p     ChunkProgress
		since sql.NullInt64
		done  sql.NullInt64
		secs  sql.NullFloat64
		dsecs sql.NullFloat64
		recs  sql.NullInt64
	)
	err := s.queryRow(ctx, `SELECT COUNT(*),
		SUM(CASE WHEN status = ? THEN 1 ELSE 0 END),
		SUM(end_sample - start_sample),
		SUM((end_sample - start_sample) * progress),
		SUM(recognitions), MIN(started_at)
		FROM ns_chunks WHERE job_id = ?`, ChunkDone, jobID).Scan(&p.Total, &done, &secs, &dsecs, &recs, &since)
	if err != nil {
		return p, fmt.Errorf("chunk progress: %w", err)
	}
	p.Done, p.Recognitions = int(done.Int64), int(recs.Int64)
	p.Seconds = secs.Float64 / transcribe.SampleRate
	p.DoneSeconds = dsecs.Float64 / 100 / transcribe.SampleRate
	p.Since = fromMillis(since)
	return p, nil
}

// JobRiverIDs returns the queue ids of a job's chunks, for cancelling them.
func (s *Store) JobRiverIDs(ctx context.Context, jobID string) ([]int64, error) {
	return column[int64](ctx, s, `SELECT river_id FROM ns_chunks WHERE job_id = ? AND river_id IS NOT NULL AND status = ?`, jobID, ChunkPending)
}

// JobByRiverID returns the id of the job whose first queue entry is riverID.
func (s *Store) JobByRiverID(ctx context.Context, riverID int64) (string, error) {
	var id string
	err := s.queryRow(ctx, `SELECT id FROM ns_jobs WHERE river_id = ?`, riverID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return id, err
}
