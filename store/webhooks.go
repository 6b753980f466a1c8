package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/internal/oneline"
)

// webhookSchema holds what webhooks need (issue 13): the callback URL given
// with a job or an article, and the log of every delivery attempt.
var webhookSchema = []string{
	// owner_id is a job id (tr_…) or an article id (art_…).
	`CREATE TABLE IF NOT EXISTS ns_callbacks (
		owner_id TEXT NOT NULL,
		url TEXT NOT NULL,
		created_at BIGINT NOT NULL,
		PRIMARY KEY (owner_id, url)
	)`,
	`CREATE TABLE IF NOT EXISTS ns_webhook_deliveries (
		job_id TEXT NOT NULL,
		webhook_id TEXT NOT NULL,
		event TEXT NOT NULL,
		url TEXT NOT NULL,
		attempt INTEGER NOT NULL,
		status_code INTEGER NOT NULL DEFAULT 0,
		error TEXT NOT NULL DEFAULT '',
		duration_ms BIGINT NOT NULL DEFAULT 0,
		next_attempt_at BIGINT,
		created_at BIGINT NOT NULL
	)`,
	`CREATE INDEX IF NOT EXISTS ns_webhook_deliveries_job ON ns_webhook_deliveries (job_id, created_at)`,
}

func (s *Store) migrateWebhooks(ctx context.Context) error {
	for _, q := range webhookSchema {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create webhook tables: %w", err)
		}
	}
	return nil
}

// AddCallback records a callback URL of a job or an article; several
// requests joining one job each add theirs. Adding one twice is a no-op.
func (s *Store) AddCallback(ctx context.Context, ownerID, url string) error {
	_, err := s.exec(ctx, `INSERT INTO ns_callbacks (owner_id, url, created_at) VALUES (?, ?, ?)
		ON CONFLICT (owner_id, url) DO NOTHING`, ownerID, url, millis(time.Now()))
	if err != nil {
		return fmt.Errorf("store callback: %w", err)
	}
	return nil
}

// SetCallback replaces the callback URLs of a job or an article by url
// (none when url is empty).
func (s *Store) SetCallback(ctx context.Context, ownerID, url string) error {
	if _, err := s.exec(ctx, `DELETE FROM ns_callbacks WHERE owner_id = ?`, ownerID); err != nil {
		return fmt.Errorf("store callback: %w", err)
	}
	if url == "" {
		return nil
	}
	return s.AddCallback(ctx, ownerID, url)
}

// Callbacks returns the callback URLs of a job or an article, oldest first.
func (s *Store) Callbacks(ctx context.Context, ownerID string) ([]string, error) {
	return column[string](ctx, s, `SELECT url FROM ns_callbacks WHERE owner_id = ? ORDER BY created_at, url`, ownerID)
}

// AlignmentVersion returns a job's stored alignment and when it was
// stored (Unix milliseconds), or ErrNotFound.
func (s *Store) AlignmentVersion(ctx context.Context, jobID string) (*align.Result, int64, error) {
	var (
		a  string
		at int64
	)
	err := s.queryRow(ctx, `SELECT alignment, updated_at FROM ns_alignments WHERE job_id = ?`, jobID).Scan(&a, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, 0, ErrNotFound
	}
	if err != nil {
		return nil, 0, err
	}
	r, err := readAlignment(a)
	return r, at, err
}

// Delivery is one attempt to deliver a webhook event.
type Delivery struct {
	JobID     string
	WebhookID string
	Event     string
	URL       string
	// Attempt counts from 1.
	Attempt int
	// StatusCode is the receiver's HTTP status, 0 when it gave none.
	StatusCode int
	// Error is why the attempt failed, "" when it was delivered.
	Error    string
	Duration time.Duration
	// NextAttemptAt is when the event is tried again; nil when it was
	// delivered or the retries are used up.
	NextAttemptAt *time.Time
	CreatedAt     time.Time
}

// AddDelivery appends an attempt to the delivery log.
func (s *Store) AddDelivery(ctx context.Context, d Delivery) error {
	var next sql.NullInt64
	if d.NextAttemptAt != nil {
		next = sql.NullInt64{Int64: millis(*d.NextAttemptAt), Valid: true}
	}
	_, err := s.exec(ctx, `INSERT INTO ns_webhook_deliveries (job_id, webhook_id, event, url, attempt, status_code,
		error, duration_ms, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.JobID, d.WebhookID, d.Event, d.URL, d.Attempt, d.StatusCode, oneline.Fold(d.Error), d.Duration.Milliseconds(),
		next, millis(d.CreatedAt))
	if err != nil {
		return fmt.Errorf("log webhook delivery: %w", err)
	}
	return nil
}

// Deliveries returns a job's delivery attempts, oldest first.
func (s *Store) Deliveries(ctx context.Context, jobID string) ([]Delivery, error) {
	rows, err := s.query(ctx, `SELECT job_id, webhook_id, event, url, attempt, status_code, error, duration_ms,
		next_attempt_at, created_at FROM ns_webhook_deliveries WHERE job_id = ? ORDER BY created_at, attempt`, jobID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Delivery
	for rows.Next() {
		var (
			d      Delivery
			ms, at int64
			next   sql.NullInt64
		)
		if err := rows.Scan(&d.JobID, &d.WebhookID, &d.Event, &d.URL, &d.Attempt, &d.StatusCode, &d.Error, &ms,
			&next, &at); err != nil {
			return nil, err
		}
		d.Duration = time.Duration(ms) * time.Millisecond
		d.NextAttemptAt = fromMillis(next)
		d.CreatedAt = time.UnixMilli(at).UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}
