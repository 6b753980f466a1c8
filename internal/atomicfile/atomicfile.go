// Package atomicfile writes files so that a crash never leaves half of one:
// the bytes go to a temporary file in the destination's directory, which is
// synced, closed, given Mode and renamed over the destination; then the
// directory itself is synced, so the new name survives a power cut too (as
// litestream's internal.FsyncDir). A reader sees the old file or the whole
// new one, never a part.
//
// Every file newsscribe writes for keeps goes through here: CLI outputs,
// aligned articles, uploads and their renditions, downloaded models.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

const (
	// Mode is the permission of every file written here (before umask,
	// which does not apply to the Chmod): readable by all, as os.Create's
	// files are, written by the owner.
	Mode fs.FileMode = 0o644
	// DirMode is the permission of the directories MkdirAll creates.
	DirMode fs.FileMode = 0o755
)

// Write creates or replaces path with what write writes to f, atomically
// (f is the temporary file, so a writer that seeks, such as a WAV header's,
// can). The directory must exist: no caller here wants a mistyped output
// directory created for it. When write fails, path is untouched and the
// temporary file removed; errors name path, not the temporary file.
func Write(path string, write func(f *os.File) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*"+tempSuffix)
	if err != nil {
		return fmt.Errorf("create output %s: %w", path, pathless(err))
	}
	defer func() {
		if err != nil {
			Discard(f)
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := Commit(f, path); err != nil {
		return fmt.Errorf("write %s: %w", path, pathless(err))
	}
	return nil
}

// tempSuffix ends the names of Write's temporary files.
const tempSuffix = ".tmp"

// IsTemp reports whether name (a base name) is one of Write's temporary
// files, which a process killed while writing leaves behind.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.HasSuffix(name, tempSuffix)
}

// Create opens a new temporary file in dir whose name follows
// os.CreateTemp's pattern. Write to it, then Commit it to its final name in
// the same file system, or Discard it.
func Create(dir, pattern string) (*os.File, error) {
	return os.CreateTemp(dir, pattern)
}

// Commit makes the open file f the file path: f is synced, closed, given
// Mode and renamed to path, and path's directory is synced; MkdirAll
// (DirMode) creates path's directory first when the caller's layout needs
// it (content-addressed shards). f must be on path's file system. On error f
// is closed and left where it is for the caller to Discard or keep (a
// resumable download keeps it).
func Commit(f *os.File, path string) error {
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), Mode); err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	return SyncDir(dir)
}

// Discard closes f and removes it: a temporary file that will not be
// committed. Never call it after a successful Commit: another writer may
// have been given the same temporary name since.
func Discard(f *os.File) {
	f.Close()
	os.Remove(f.Name())
}

// MkdirAll creates dir and its parents with DirMode, syncing each parent
// it adds an entry to, so that a committed file's directory survives a
// crash as well as its name.
func MkdirAll(dir string) error {
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return nil
	}
	if err := MkdirAll(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, DirMode); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return SyncDir(filepath.Dir(dir))
}

// SyncDir flushes dir's entries (a rename or create in it) to stable storage.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}

// pathless drops the *fs.PathError around err, whose path is the temporary
// file nobody asked for.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
