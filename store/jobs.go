package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Status is the state of a job or a clip, as the API reports it.
type Status string

// Job and clip states: queued, then running, then one of the final three
// (a clip is never canceled).
const (
	StatusQueued   Status = "queued"
	StatusRunning  Status = "running"
	StatusDone     Status = "done"
	StatusFailed   Status = "failed"
	StatusCanceled Status = "canceled"
)

// Statuses are the states in their order.
var Statuses = []Status{StatusQueued, StatusRunning, StatusDone, StatusFailed, StatusCanceled}

// Final reports whether a job in state s is over (done, failed or canceled).
func (s Status) Final() bool { return s == StatusDone || s == StatusFailed || s == StatusCanceled }

// Job is one transcription request.
type Job struct {
	ID          string
	RiverID     int64
	Status      Status
	Progress    int
	AudioSHA256 string
	AudioBytes  int64
	// Filename is the client's name for the upload, for display only.
	Filename string
	Model    string
	Language string
	Prompt   string
	// Task is TaskTranscribe (the default, also when empty) or TaskTranslate
	// (Whisper's translate task: English text).
	Task string
	// Temperature is the initial sampling temperature, 0 to 1; Whisper falls
	// back to higher ones in steps of 0.2 when a window decodes badly.
	Temperature float64
	// ASRKey identifies the recognition (audio, model, options): jobs with the
	// same key share one transcript.
	ASRKey string
	// DedupKey identifies the whole request (ASRKey plus the article): an
	// identical request joins the existing job.
	DedupKey    string
	ArticleID   string
	ArticleText string
	// Duration is the audio's length in seconds (0 until decoded).
	Duration float64
	// RTF is the real-time factor: processing seconds per audio second.
	RTF          float64
	ErrorCode    errcode.Code
	ErrorMessage string
	// Runs counts how many times a worker started the job.
	Runs       int
	CreatedAt  time.Time
	StartedAt  *time.Time
	FinishedAt *time.Time
}

// HasArticle reports whether the job aligns its transcript to an article.
func (j *Job) HasArticle() bool { return j.ArticleID != "" || j.ArticleText != "" }

// NewID returns a random identifier with the given prefix ("tr_", "art_").
func NewID(prefix string) string {
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return prefix + hex.EncodeToString(b[:])
}

// The tasks of Job.Task.
const (
	TaskTranscribe = "transcribe"
	TaskTranslate  = "translate"
)

// ASRKey hashes what determines a recognition's result with the default
// task (transcribe) and temperature (0).
func ASRKey(audioSHA, model, language, prompt string) string {
	return ASRKeyWith(audioSHA, model, language, prompt, TaskTranscribe, 0)
}

// ASRKeyWith hashes what determines a recognition's result. With the
// default task and temperature it equals ASRKey, so keys stored before these
// options existed still match.
func ASRKeyWith(audioSHA, model, language, prompt, task string, temperature float64) string {
	h := sha256.New()
	parts := []string{audioSHA, model, language, prompt}
	if (task != "" && task != TaskTranscribe) || temperature != 0 {
		parts = append(parts, task, strconv.FormatFloat(temperature, 'g', -1, 64))
	}
	for _, s := range parts {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TranslationKey is the ASR key of the English machine translation of job
// j's recording: Whisper's translate task over the same audio, model,
// language and temperature, without the prompt (an Arabic prompt pulls the
// output back towards Arabic). The translation is kept there, beside the
// transcript.
func TranslationKey(j *Job) string {
	return ASRKeyWith(j.AudioSHA256, j.Model, j.Language, "", TaskTranslate, j.Temperature)
}

// DedupKey hashes what determines a job's whole result.
func DedupKey(asrKey, articleID, articleText string) string {
	h := sha256.New()
	for _, s := range []string{asrKey, articleID, articleText} {
		fmt.Fprintf(h, "%d:%s;", len(s), s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

const jobCols = `id, river_id, status, progress, audio_sha256, audio_bytes, filename, model, language, prompt,
	asr_key, dedup_key, article_id, article_text, duration, rtf, error_code, error_message, runs,
	created_at, started_at, finished_at, task, temperature`

type scanner interface{ Scan(dest ...any) error }

func scanJob(r scanner) (*Job, error) {
	var (
		j                  Job
		riverID            sql.NullInt64
		articleID, artText sql.NullString
		created            int64
		started, finished  sql.NullInt64
	)
	err := r.Scan(&j.ID, &riverID, &j.Status, &j.Progress, &j.AudioSHA256, &j.AudioBytes, &j.Filename, &j.Model,
		&j.Language, &j.Prompt, &j.ASRKey, &j.DedupKey, &articleID, &artText, &j.Duration, &j.RTF,
		&j.ErrorCode, &j.ErrorMessage, &j.Runs, &created, &started, &finished, &j.Task, &j.Temperature)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	j.RiverID = riverID.Int64
	j.ArticleID = articleID.String
	j.ArticleText = artText.String
	j.CreatedAt = time.UnixMilli(created).UTC()
	j.StartedAt = fromMillis(started)
	j.FinishedAt = fromMillis(finished)
	return &j, nil
}

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }

// CreateJob inserts j (ID, keys and CreatedAt must be set) in state queued.
// It returns ErrConflict when a live job with the same DedupKey exists (an
// identical request won a race); JobByDedupKey then finds it.
func (s *Store) CreateJob(ctx context.Context, j *Job) error {
	j.Status = StatusQueued
	if j.Task == "" {
		j.Task = TaskTranscribe
	}
	_, err := s.exec(ctx, `INSERT INTO ns_jobs (id, status, progress, audio_sha256, audio_bytes, filename, model, language,
		prompt, asr_key, dedup_key, article_id, article_text, created_at, task, temperature)
		VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		j.ID, j.Status, j.AudioSHA256, j.AudioBytes, j.Filename, j.Model, j.Language, j.Prompt, j.ASRKey, j.DedupKey,
		nullString(j.ArticleID), nullString(j.ArticleText), millis(j.CreatedAt), j.Task, j.Temperature)
	if isUniqueViolation(err) {
		return ErrConflict
	}
	if err != nil {
		return fmt.Errorf("insert job: %w", err)
	}
	return nil
}

// SetRiverID records the queue's id for a job.
func (s *Store) SetRiverID(ctx context.Context, id string, riverID int64) error {
	_, err := s.exec(ctx, `UPDATE ns_jobs SET river_id = ? WHERE id = ?`, riverID, id)
	return err
}

// Job returns the job with the given id, or ErrNotFound.
func (s *Store) Job(ctx context.Context, id string) (*Job, error) {
	return scanJob(s.queryRow(ctx, `SELECT `+jobCols+` FROM ns_jobs WHERE id = ?`, id))
}

// JobByDedupKey returns the newest job with the key that is queued, running
// or done (a failed or canceled job is not joined), or ErrNotFound.
func (s *Store) JobByDedupKey(ctx context.Context, key string) (*Job, error) {
	return scanJob(s.queryRow(ctx, `SELECT `+jobCols+` FROM ns_jobs WHERE dedup_key = ? AND status IN (?, ?, ?)
		ORDER BY created_at DESC LIMIT 1`, key, StatusQueued, StatusRunning, StatusDone))
}

// ListJobs returns jobs newest first; status filters when not empty.
func (s *Store) ListJobs(ctx context.Context, status string, limit, offset int) ([]*Job, int, error) {
	where, args := "", []any{}
	if status != "" {
		where, args = " WHERE status = ?", append(args, status)
	}
	var total int
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM ns_jobs`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count jobs: %w", err)
	}
	rows, err := s.query(ctx, `SELECT `+jobCols+` FROM ns_jobs`+where+` ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list jobs: %w", err)
	}
	defer rows.Close()
	jobs := []*Job{}
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list jobs: %w", err)
		}
		jobs = append(jobs, j)
	}
	return jobs, total, rows.Err()
}

// CountByStatus returns the number of jobs in each state.
func (s *Store) CountByStatus(ctx context.Context) (map[Status]int, error) {
	rows, err := s.query(ctx, `SELECT status, COUNT(*) FROM ns_jobs GROUP BY status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[Status]int{StatusQueued: 0, StatusRunning: 0, StatusDone: 0, StatusFailed: 0, StatusCanceled: 0}
	for rows.Next() {
		var st Status
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		m[st] = n
	}
	return m, rows.Err()
}

// Pending counts jobs that are queued or running.
func (s *Store) Pending(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM ns_jobs WHERE status IN (?, ?)`, StatusQueued, StatusRunning).Scan(&n)
	return n, err
}

// StartJob marks a job running unless it was canceled; it reports whether
// the job should run.
func (s *Store) StartJob(ctx context.Context, id string) (bool, error) {
	res, err := s.exec(ctx, `UPDATE ns_jobs SET status = ?, started_at = ?, runs = runs + 1, error_code = '', error_message = ''
		WHERE id = ? AND status IN (?, ?)`, StatusRunning, millis(time.Now()), id, StatusQueued, StatusRunning)
	if err != nil {
		return false, fmt.Errorf("start job: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetProgress records progress (0–100) of a running job.
func (s *Store) SetProgress(ctx context.Context, id string, percent int) error {
	_, err := s.exec(ctx, `UPDATE ns_jobs SET progress = ? WHERE id = ? AND status = ?`, percent, id, StatusRunning)
	return err
}

// SetDuration records the audio's duration in seconds.
func (s *Store) SetDuration(ctx context.Context, id string, seconds float64) error {
	_, err := s.exec(ctx, `UPDATE ns_jobs SET duration = ? WHERE id = ?`, seconds, id)
	return err
}

// FinishJob marks a running job done. A queued one too: the prepare step
// of a chunked job may be waiting to be retried while its chunks and the
// stitch step finish; a canceled or failed job stays so.
func (s *Store) FinishJob(ctx context.Context, id string, duration, rtf float64) error {
	_, err := s.exec(ctx, `UPDATE ns_jobs SET status = ?, progress = 100, duration = ?, rtf = ?, finished_at = ?,
		error_code = '', error_message = '' WHERE id = ? AND status IN (?, ?)`,
		StatusDone, duration, rtf, millis(time.Now()), id, StatusRunning, StatusQueued)
	return err
}

// FailJob marks a job failed with a one-line message.
func (s *Store) FailJob(ctx context.Context, id string, code errcode.Code, message string) error {
	_, err := s.exec(ctx, `UPDATE ns_jobs SET status = ?, error_code = ?, error_message = ?, finished_at = ?
		WHERE id = ? AND status IN (?, ?)`, StatusFailed, code, oneline.Fold(message), millis(time.Now()), id, StatusQueued, StatusRunning)
	return err
}

// RequeueJob puts a running job back in the queued state (a transient
// failure that will be retried, or a shutdown), keeping the last error.
func (s *Store) RequeueJob(ctx context.Context, id, message string) error {
	_, err := s.exec(ctx, `UPDATE ns_jobs SET status = ?, error_message = ? WHERE id = ? AND status = ?`,
		StatusQueued, oneline.Fold(message), id, StatusRunning)
	return err
}

// CancelJob marks a queued or running job canceled; it reports whether it did.
func (s *Store) CancelJob(ctx context.Context, id string) (bool, error) {
	res, err := s.exec(ctx, `UPDATE ns_jobs SET status = ?, finished_at = ? WHERE id = ? AND status IN (?, ?)`,
		StatusCanceled, millis(time.Now()), id, StatusQueued, StatusRunning)
	if err != nil {
		return false, fmt.Errorf("cancel job: %w", err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// UnqueuedJobs returns queued jobs that never reached the queue (a crash
// between the two inserts), so that they can be enqueued again.
func (s *Store) UnqueuedJobs(ctx context.Context) ([]*Job, error) {
	rows, err := s.query(ctx, `SELECT `+jobCols+` FROM ns_jobs WHERE status = ? AND river_id IS NULL`, StatusQueued)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var jobs []*Job
	for rows.Next() {
		j, err := scanJob(rows)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, j)
	}
	return jobs, rows.Err()
}

// PutTranscript stores the transcript of a recognition (idempotent).
func (s *Store) PutTranscript(ctx context.Context, asrKey string, t *transcribe.Transcript) error {
	b, err := json.Marshal(t)
	if err != nil {
		return err
	}
	_, err = s.exec(ctx, `INSERT INTO ns_transcripts (asr_key, transcript, created_at) VALUES (?, ?, ?)
		ON CONFLICT (asr_key) DO NOTHING`, asrKey, string(b), millis(time.Now()))
	if err != nil {
		return fmt.Errorf("store transcript: %w", err)
	}
	return nil
}

// Transcript returns the transcript of a recognition, or ErrNotFound.
func (s *Store) Transcript(ctx context.Context, asrKey string) (*transcribe.Transcript, error) {
	var b string
	err := s.queryRow(ctx, `SELECT transcript FROM ns_transcripts WHERE asr_key = ?`, asrKey).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var t transcribe.Transcript
	if err := json.Unmarshal([]byte(b), &t); err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	return &t, nil
}

// PutAlignment stores (or replaces) a job's aligned article JSON.
func (s *Store) PutAlignment(ctx context.Context, jobID string, r *align.Result) error {
	alignment, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("store alignment: %w", err)
	}
	_, err = s.exec(ctx, `INSERT INTO ns_alignments (job_id, alignment, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (job_id) DO UPDATE SET alignment = excluded.alignment, updated_at = excluded.updated_at`,
		jobID, string(alignment), millis(time.Now()))
	if err != nil {
		return fmt.Errorf("store alignment: %w", err)
	}
	return nil
}

// Alignment returns a job's aligned article, or ErrNotFound.
func (s *Store) Alignment(ctx context.Context, jobID string) (*align.Result, error) {
	r, _, err := s.AlignmentVersion(ctx, jobID)
	return r, err
}

// readAlignment decodes a stored aligned article (align.Result's JSON, the
// one declaration of its shape).
func readAlignment(b string) (*align.Result, error) {
	var r align.Result
	if err := json.Unmarshal([]byte(b), &r); err != nil {
		return nil, fmt.Errorf("read stored alignment: %w", err)
	}
	return &r, nil
}

// ArticleText is the text job j aligns to: its article's current body when
// it belongs to one (edits made while it runs are seen), else the text it
// was submitted with; "" without an article.
func (s *Store) ArticleText(ctx context.Context, j *Job) (string, error) {
	if j.ArticleID == "" {
		return j.ArticleText, nil
	}
	a, err := s.Article(ctx, j.ArticleID)
	if err != nil {
		return "", fmt.Errorf("article %s: %w", j.ArticleID, err)
	}
	return a.Body, nil
}
