package transcribetest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// SharedEnv overrides the location of the shared test assets directory.
const SharedEnv = "NEWSSCRIBE_SHARED_DIR"

// SharedDir returns the directory of the shared test assets (whisper.cpp stub
// models, the Silero VAD model, real recordings, articles) that live in
// ../shared beside the repository, or $NEWSSCRIBE_SHARED_DIR when set. In a
// linked git worktree the main checkout's ../shared is used when the
// worktree has none beside it. The directory need not exist: see Shared.
func SharedDir() string {
	if d := os.Getenv(SharedEnv); d != "" {
		return d
	}
	root := RepoRoot()
	dir := filepath.Join(root, "..", "shared")
	if _, err := os.Stat(dir); err == nil {
		return dir
	}
	if b, err := os.ReadFile(filepath.Join(root, ".git")); err == nil {
		gitdir := strings.TrimSpace(strings.TrimPrefix(string(b), "gitdir:"))
		sep := string(filepath.Separator)
		if i := strings.Index(gitdir, sep+".git"+sep); i >= 0 {
			if alt := filepath.Join(gitdir[:i], "..", "shared"); isDir(alt) {
				return alt
			}
		}
	}
	return dir
}

// Shared returns SharedDir()/sub. It skips t, with a printed reason, when that
// directory or any of the files named in need is missing: tests that need
// these assets never download them.
func Shared(t testing.TB, sub string, need ...string) string {
	t.Helper()
	dir := filepath.Join(SharedDir(), sub)
	for _, n := range append([]string{""}, need...) {
		if _, err := os.Stat(filepath.Join(dir, n)); err != nil {
			t.Skipf("shared test asset missing (%v): put the shared folder beside the repository or set %s", err, SharedEnv)
		}
	}
	return dir
}

// RepoRoot returns the repository's root directory (where go.mod is).
func RepoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Testdata returns the path of name in the repository's top-level testdata
// directory, which holds fixtures shared by several packages.
func Testdata(name string) string {
	return filepath.Join(RepoRoot(), "testdata", name)
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
