package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"

	"github.com/newsscribe/newsscribe/internal/pgtest"
	"github.com/newsscribe/newsscribe/store"
)

// eachDB runs f against a store on SQLite and, when a server answers, on
// PostgreSQL in a schema of its own (dropped afterwards), so that what
// depends on the database is held the same on both.
func eachDB(t *testing.T, f func(t *testing.T, s *store.Store)) {
	t.Run("sqlite", func(t *testing.T) { f(t, openStore(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres(t)) })
}

// openPostgres opens a store on a fresh schema of the test server
// (pgtest); it skips when no server answers.
func openPostgres(t *testing.T) *store.Store {
	t.Helper()
	db, err := sql.Open("pgx", pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	blobs, err := store.NewBlobs(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	s := store.New(db, store.Postgres, blobs)
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
