//go:build !unix

package store

// lockDir is a no-op where flock(2) does not exist; run one server per data
// directory there.
func lockDir(string) (func(), error) { return func() {}, nil }
