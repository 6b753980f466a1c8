package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"

	"github.com/newsscribe/newsscribe/store"
)

// eachDB runs f against a store on SQLite and, when a server answers, on
// PostgreSQL in a schema of its own (dropped afterwards), so that what
// depends on the database is held the same on both.
func eachDB(t *testing.T, f func(t *testing.T, s *store.Store)) {
	t.Run("sqlite", func(t *testing.T) { f(t, openStore(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, openPostgres(t)) })
}

// openPostgres opens a store on NEWSSCRIBE_TEST_POSTGRES (or the local
// test server) in a fresh schema; it skips when no server answers.
func openPostgres(t *testing.T) *store.Store {
	t.Helper()
	base := os.Getenv("NEWSSCRIBE_TEST_POSTGRES")
	fromEnv := base != ""
	if !fromEnv {
		base = "postgres://newsscribe:newsscribe@127.0.0.1:5432/newsscribe_test?sslmode=disable"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		if fromEnv {
			t.Fatalf("NEWSSCRIBE_TEST_POSTGRES is set but unreachable: %v", err)
		}
		t.Skip("PostgreSQL test skipped: NEWSSCRIBE_TEST_POSTGRES is unset and no server answers at 127.0.0.1:5432")
	}
	defer conn.Close(context.Background())
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if c, err := pgx.Connect(ctx, base); err == nil {
			c.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
			c.Close(ctx)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	db, err := sql.Open("pgx", u.String())
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
