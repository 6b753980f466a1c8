package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // database/sql driver "sqlite", pure Go
)

// Config says where a Store keeps its tables. The zero value of Database
// is the embedded SQLite file.
type Config struct {
	// Database is empty for the embedded SQLite file DataDir/newsscribe.db,
	// or a postgres:// URL for a database several servers share.
	Database string
	// DataDir holds the SQLite file and its lock. Required for SQLite.
	DataDir string
	// Logger receives what Open does to the blobs left by a previous run.
	// Defaults to slog.Default().
	Logger *slog.Logger
}

// Validate reports the first invalid setting.
func (c Config) Validate() error {
	if c.Database != "" && !IsPostgres(c.Database) {
		return fmt.Errorf("database %q: want empty (SQLite in the data directory) or a postgres:// URL", Redact(c.Database))
	}
	if c.Database == "" && c.DataDir == "" {
		return errors.New("data directory is required for the SQLite database")
	}
	return nil
}

// IsPostgres reports whether dsn is a PostgreSQL URL.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Redact hides the credentials of a database URL for messages.
func Redact(dsn string) string {
	if i := strings.Index(dsn, "@"); i >= 0 {
		if j := strings.Index(dsn, "://"); j >= 0 && j < i {
			return dsn[:j+3] + "…" + dsn[i:]
		}
	}
	return dsn
}

// StaleTempAge is how long a temporary upload or rendition file must have
// been left untouched before a server sharing the data directory (with
// PostgreSQL) removes it at start; a live one is written to far more often.
const StaleTempAge = time.Hour

// Open opens (and migrates) the database of cfg with blobs as its files:
// SQLite in the data directory, which this process then holds alone (a
// second server on it is refused), or PostgreSQL. It removes the temporary
// files a killed process left in blobs: all of them when this process holds
// the data directory, only stale ones when servers share it. The job queue
// (package queue) runs on the same database; Close releases it.
func Open(ctx context.Context, cfg Config, blobs *Blobs) (*Store, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	var (
		s   *Store
		err error
	)
	if IsPostgres(cfg.Database) {
		s, err = openPostgres(ctx, cfg.Database, blobs)
	} else {
		s, err = openSQLite(ctx, cfg.DataDir, blobs)
	}
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	age := StaleTempAge
	if s.Exclusive() {
		age = 0
	}
	if n, err := blobs.SweepTemp(age); err != nil {
		log.Warn("sweep temporary files", "error", err)
	} else if n > 0 {
		log.Info("removed temporary files left by a previous run", "files", n)
	}
	return s, nil
}

func openSQLite(ctx context.Context, dir string, blobs *Blobs) (s *Store, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	// One process owns a SQLite database: that is what lets the queue hand
	// jobs a killed predecessor left running straight back at start.
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			unlock()
		}
	}()
	path := filepath.Join(dir, "newsscribe.db")
	// WAL for concurrent readers; synchronous FULL so a committed 202 survives
	// a power cut, not only a crash.
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=busy_timeout(10000)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	// SQLite allows one writer; river's driver documents one connection as
	// the way to avoid SQLITE_BUSY between its own goroutines.
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", filepath.Base(path), err)
	}
	s = New(db, SQLite, blobs)
	s.closers = []func(){unlock, func() { db.Close() }}
	return s, nil
}

func openPostgres(ctx context.Context, url string, blobs *Blobs) (*Store, error) {
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s: %w", Redact(url), err)
	}
	db := stdlib.OpenDBFromPool(pool)
	s := New(db, Postgres, blobs)
	s.pool = pool
	s.closers = []func(){pool.Close, func() { db.Close() }}
	return s, nil
}

// Pool is the PostgreSQL connection pool the store's database runs on (for
// the queue's driver); nil with SQLite.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Exclusive reports whether this process holds the database alone: SQLite
// in a locked data directory.
func (s *Store) Exclusive() bool { return s.dialect == SQLite && len(s.closers) > 0 }

// Close closes the database and releases the data directory. A Store made
// with New leaves its database to the caller.
func (s *Store) Close() {
	for i := len(s.closers) - 1; i >= 0; i-- {
		s.closers[i]()
	}
	s.closers = nil
}
