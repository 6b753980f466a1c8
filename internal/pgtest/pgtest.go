// Package pgtest gives a test a PostgreSQL database of its own: a new
// schema on the server NEWSSCRIBE_TEST_POSTGRES names (else the local test
// server), dropped when the test ends, so that tests of several packages
// and helpers sharing one server never see each other's tables. Test
// support only.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// LocalURL is the test server .ci/postgres starts, tried when
// NEWSSCRIBE_TEST_POSTGRES is unset.
const LocalURL = "postgres://newsscribe:newsscribe@127.0.0.1:5432/newsscribe_test?sslmode=disable"

// URL returns a postgres:// URL whose search_path is a schema made for t.
// It skips t when NEWSSCRIBE_TEST_POSTGRES is unset and no local server
// answers, and fails it when the variable is set but the server does not
// answer.
func URL(t testing.TB) string {
	t.Helper()
	base := os.Getenv("NEWSSCRIBE_TEST_POSTGRES")
	fromEnv := base != ""
	if !fromEnv {
		base = LocalURL
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		if fromEnv {
			t.Fatalf("NEWSSCRIBE_TEST_POSTGRES is set but unreachable: %v", err)
		}
		t.Skip("PostgreSQL test skipped: NEWSSCRIBE_TEST_POSTGRES is unset and no server answers at 127.0.0.1:5432 (run .ci/postgres)")
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
	return u.String()
}
