// Package store keeps the API's state: jobs, articles, transcripts and
// alignments in SQL tables (SQLite by default, PostgreSQL for several
// machines), and uploaded audio as content-addressed files on disk.
//
// The tables live in the same database as river's queue, so one file (or one
// Postgres database) holds everything a restart needs. SQL is written once
// with `?` placeholders and rebound to `$n` for PostgreSQL; the DDL differs
// only in the BLOB/BYTEA-free column types both accept.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// Dialect names the SQL flavour of a database.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// ErrNotFound is returned when a job, article or transcript does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a unique field (an article's external_id) is taken.
var ErrConflict = errors.New("already exists")

// Store is the API's SQL state plus its blob directory. It is safe for
// concurrent use.
type Store struct {
	db      *sql.DB
	dialect Dialect
	// Blobs holds uploaded audio and its playable renditions.
	Blobs *Blobs
	// ClipLimits bounds the clips made and kept (clips.go); its zero value
	// selects the defaults.
	ClipLimits ClipLimits
	// pool is the PostgreSQL pool db runs on (Open); closers free what Open
	// opened, in reverse order.
	pool    *pgxpool.Pool
	closers []func()
}

// New wraps an open database (Open opens one). Call Migrate before use.
func New(db *sql.DB, dialect Dialect, blobs *Blobs) *Store {
	return &Store{db: db, dialect: dialect, Blobs: blobs}
}

// DB returns the underlying database.
func (s *Store) DB() *sql.DB { return s.db }

// Dialect returns the SQL flavour.
func (s *Store) Dialect() Dialect { return s.dialect }

// schema is portable between SQLite and PostgreSQL: times are Unix
// milliseconds (BIGINT), booleans are 0/1 integers, JSON is TEXT.
var schema = []string{
	`CREATE TABLE IF NOT EXISTS ns_jobs (
		id TEXT PRIMARY KEY,
		river_id BIGINT,
		status TEXT NOT NULL,
		progress INTEGER NOT NULL DEFAULT 0,
		audio_sha256 TEXT NOT NULL,
		audio_bytes BIGINT NOT NULL DEFAULT 0,
		filename TEXT NOT NULL DEFAULT '',
		model TEXT NOT NULL DEFAULT '',
		language TEXT NOT NULL DEFAULT '',
		prompt TEXT NOT NULL DEFAULT '',
		asr_key TEXT NOT NULL,
		dedup_key TEXT NOT NULL,
		article_id TEXT,
		article_text TEXT,
		duration DOUBLE PRECISION NOT NULL DEFAULT 0,
		rtf DOUBLE PRECISION NOT NULL DEFAULT 0,
		error_code TEXT NOT NULL DEFAULT '',
		error_message TEXT NOT NULL DEFAULT '',
		attempts INTEGER NOT NULL DEFAULT 0,
		runs INTEGER NOT NULL DEFAULT 0,
		created_at BIGINT NOT NULL,
		started_at BIGINT,
		finished_at BIGINT,
		task TEXT NOT NULL DEFAULT 'transcribe',
		temperature DOUBLE PRECISION NOT NULL DEFAULT 0,
		detected_language TEXT NOT NULL DEFAULT '',
		language_probability DOUBLE PRECISION NOT NULL DEFAULT 0
	)`,
	`CREATE INDEX IF NOT EXISTS ns_jobs_dedup ON ns_jobs (dedup_key)`,
	// At most one live (queued, running or done) job per request: two
	// identical uploads racing each other end up sharing one job.
	`CREATE UNIQUE INDEX IF NOT EXISTS ns_jobs_dedup_live ON ns_jobs (dedup_key)
		WHERE status IN ('queued', 'running', 'done')`,
	`CREATE INDEX IF NOT EXISTS ns_jobs_status ON ns_jobs (status)`,
	`CREATE INDEX IF NOT EXISTS ns_jobs_created ON ns_jobs (created_at)`,
	`CREATE TABLE IF NOT EXISTS ns_transcripts (
		asr_key TEXT PRIMARY KEY,
		transcript TEXT NOT NULL,
		created_at BIGINT NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS ns_alignments (
		job_id TEXT PRIMARY KEY,
		alignment TEXT NOT NULL,
		updated_at BIGINT NOT NULL
	)`,
	`CREATE TABLE IF NOT EXISTS ns_articles (
		id TEXT PRIMARY KEY,
		external_id TEXT UNIQUE,
		title TEXT NOT NULL DEFAULT '',
		body TEXT NOT NULL DEFAULT '',
		url TEXT NOT NULL DEFAULT '',
		published_at BIGINT,
		published INTEGER NOT NULL DEFAULT 0,
		job_id TEXT,
		created_at BIGINT NOT NULL,
		updated_at BIGINT NOT NULL
	)`,
	// Corrections of a job's transcript (revisions.go); revision 0 is the
	// recognised transcript in ns_transcripts and is never stored here.
	`CREATE TABLE IF NOT EXISTS ns_revisions (
		job_id TEXT NOT NULL,
		revision INTEGER NOT NULL,
		transcript TEXT NOT NULL,
		author TEXT NOT NULL DEFAULT '',
		note TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		PRIMARY KEY (job_id, revision)
	)`,
	// The chunks of a job's recording (chunks.go): samples of the stored
	// PCM copy, the chunk's transcript once recognised (absolute times).
	`CREATE TABLE IF NOT EXISTS ns_chunks (
		job_id TEXT NOT NULL,
		idx INTEGER NOT NULL,
		start_sample BIGINT NOT NULL,
		end_sample BIGINT NOT NULL,
		river_id BIGINT,
		status TEXT NOT NULL,
		progress INTEGER NOT NULL DEFAULT 0,
		recognitions INTEGER NOT NULL DEFAULT 0,
		segments INTEGER NOT NULL DEFAULT 0,
		transcript TEXT,
		started_at BIGINT,
		finished_at BIGINT,
		PRIMARY KEY (job_id, idx)
	)`,
	// Answers to requests sent with an Idempotency-Key (idempotency.go).
	`CREATE TABLE IF NOT EXISTS ns_idempotency (
		idem_key TEXT PRIMARY KEY,
		status INTEGER NOT NULL DEFAULT 0,
		body TEXT NOT NULL DEFAULT '',
		location TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL
	)`,
	// Publishable clips of a job's recording (clips.go); files in Blobs.
	`CREATE TABLE IF NOT EXISTS ns_clips (
		id TEXT PRIMARY KEY,
		job_id TEXT NOT NULL,
		status TEXT NOT NULL,
		progress INTEGER NOT NULL DEFAULT 0,
		quote INTEGER,
		from_s DOUBLE PRECISION NOT NULL DEFAULT 0,
		to_s DOUBLE PRECISION NOT NULL DEFAULT 0,
		start_s DOUBLE PRECISION NOT NULL DEFAULT 0,
		end_s DOUBLE PRECISION NOT NULL DEFAULT 0,
		duration DOUBLE PRECISION NOT NULL DEFAULT 0,
		format TEXT NOT NULL,
		aspect TEXT NOT NULL DEFAULT '',
		captions TEXT NOT NULL DEFAULT '',
		highlight INTEGER NOT NULL DEFAULT 0,
		caption_lang TEXT NOT NULL DEFAULT '',
		bytes BIGINT NOT NULL DEFAULT 0,
		error_code TEXT NOT NULL DEFAULT '',
		error_message TEXT NOT NULL DEFAULT '',
		created_at BIGINT NOT NULL,
		finished_at BIGINT
	)`,
	`CREATE INDEX IF NOT EXISTS ns_clips_job ON ns_clips (job_id, created_at)`,
}

// addedColumns are columns added to a table after its first release; a
// database made before gets them on Migrate. Each is "table column type".
var addedColumns = [][3]string{
	{"ns_jobs", "task", "TEXT NOT NULL DEFAULT 'transcribe'"},
	{"ns_jobs", "temperature", "DOUBLE PRECISION NOT NULL DEFAULT 0"},
	{"ns_jobs", "detected_language", "TEXT NOT NULL DEFAULT ''"},
	{"ns_jobs", "language_probability", "DOUBLE PRECISION NOT NULL DEFAULT 0"},
	// A correction stored as the change from the revision before
	// (revisions.go); NULL for a revision stored whole in transcript.
	{"ns_revisions", "delta", "TEXT"},
}

// Migrate creates the API's tables if they do not exist and adds the
// columns of addedColumns that an older database lacks.
func (s *Store) Migrate(ctx context.Context) error {
	for _, q := range schema {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create tables: %w", err)
		}
	}
	if err := s.migrateSearch(ctx); err != nil {
		return fmt.Errorf("create search index: %w", err)
	}
	if err := s.migrateWebhooks(ctx); err != nil {
		return err
	}
	for _, q := range shareSchema {
		if _, err := s.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("create share tables: %w", err)
		}
	}
	for _, c := range addedColumns {
		q := "ALTER TABLE " + c[0] + " ADD COLUMN " + c[1] + " " + c[2]
		if s.dialect == Postgres {
			q = "ALTER TABLE " + c[0] + " ADD COLUMN IF NOT EXISTS " + c[1] + " " + c[2]
		}
		// SQLite has no IF NOT EXISTS here: a column already there is fine.
		if _, err := s.db.ExecContext(ctx, q); err != nil && !strings.Contains(err.Error(), "duplicate column") {
			return fmt.Errorf("add column %s.%s: %w", c[0], c[1], err)
		}
	}
	if err := s.rekeySearch(ctx); err != nil {
		return fmt.Errorf("search index with the current search terms: %w", err)
	}
	return nil
}

// q rebinds `?` placeholders to `$1…` for PostgreSQL.
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (s *Store) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return s.db.ExecContext(ctx, s.q(query), args...)
}

func (s *Store) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return s.db.QueryRowContext(ctx, s.q(query), args...)
}

func (s *Store) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return s.db.QueryContext(ctx, s.q(query), args...)
}

// column runs a query of one column and returns its values in order.
func column[T any](ctx context.Context, s *Store, query string, args ...any) ([]T, error) {
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms sql.NullInt64) *time.Time {
	if !ms.Valid {
		return nil
	}
	t := time.UnixMilli(ms.Int64).UTC()
	return &t
}

func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	m := strings.ToLower(err.Error())
	return strings.Contains(m, "unique") || strings.Contains(m, "duplicate key")
}
