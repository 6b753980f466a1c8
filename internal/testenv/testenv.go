// Package testenv finds the shared test assets that live beside the
// repository (../shared relative to the repository root) and skips tests, with
// a printed reason, where they are absent.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedEnv overrides the location of the shared assets directory, for
// checkouts (such as git worktrees) that do not sit beside it.
const SharedEnv = "NEWSSCRIBE_SHARED_DIR"

// Shared returns the absolute path of ../shared/sub relative to the
// repository root (the nearest parent directory with a go.mod), or of
// $NEWSSCRIBE_SHARED_DIR/sub when that is set. It skips t if the directory
// or any of the files named in need is missing.
func Shared(t testing.TB, sub string, need ...string) string {
	t.Helper()
	base := os.Getenv(SharedEnv)
	if base == "" {
		root, err := repoRoot()
		if err != nil {
			t.Skipf("shared test assets: cannot find the repository root: %v", err)
		}
		base = filepath.Join(filepath.Dir(root), "shared")
	}
	dir := filepath.Join(base, sub)
	for _, n := range append([]string{""}, need...) {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Skipf("shared test asset missing (%v); put the shared folder beside the repository or set %s", err, SharedEnv)
		}
	}
	return dir
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
