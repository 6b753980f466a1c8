package cli_test

import (
	"os"
	"testing"
)

// TestMain keeps transcribe's run cache out of the user's cache directory:
// tests that do not name --cache-dir use a temporary one.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "newsscribe-cli-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("NEWSSCRIBE_CACHE_DIR", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
