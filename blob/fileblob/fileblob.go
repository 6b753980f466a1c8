// Package fileblob is the blob.Store of a local directory: one file per
// key, written to a temporary file in the same directory tree, synced and
// renamed (internal/atomicfile), so a crash never leaves half a blob.
package fileblob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// Store keeps blobs as files under Dir (Dir/audio/ab/abcdef…); Dir/tmp
// holds files being written.
type Store struct {
	dir string
}

var (
	_ blob.Store = (*Store)(nil)
	_ blob.Filer = (*Store)(nil)
)

// New returns the Store rooted at dir, creating it and dir/tmp.
func New(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o755); err != nil {
		return nil, fmt.Errorf("create blob directory: %w", err)
	}
	return &Store{dir: dir}, nil
}

// Dir is the root directory.
func (s *Store) Dir() string { return s.dir }

// Path implements blob.Filer; an invalid key maps to a name that never exists.
func (s *Store) Path(key string) string {
	if blob.ValidKey(key) != nil {
		return filepath.Join(s.dir, "invalid", "invalid")
	}
	return filepath.Join(s.dir, filepath.FromSlash(key))
}

// TempFile creates a file in Dir/tmp (the same file system as the blobs,
// so PutFile can rename it).
func (s *Store) TempFile(pattern string) (*os.File, error) {
	return atomicfile.Create(filepath.Join(s.dir, "tmp"), pattern)
}

// Put implements blob.Store.
func (s *Store) Put(ctx context.Context, key string, r io.Reader) (err error) {
	if err := blob.ValidKey(key); err != nil {
		return err
	}
	f, err := s.TempFile("put-*")
	if err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	committed := false
	defer func() {
		if !committed {
			atomicfile.Discard(f)
		}
	}()
	if _, err := io.Copy(f, r); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	if err := s.commit(f, key); err != nil {
		return err
	}
	committed = true
	return nil
}

func (s *Store) commit(f *os.File, key string) error {
	dst := s.Path(key)
	if err := atomicfile.MkdirAll(filepath.Dir(dst)); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	if err := atomicfile.Commit(f, dst); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	return nil
}

// PutFile implements blob.Filer: the file at path (from TempFile) is
// synced and renamed to key.
func (s *Store) PutFile(ctx context.Context, key, path string) error {
	if err := blob.ValidKey(key); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	if err := s.commit(f, key); err != nil {
		f.Close()
		return err
	}
	return nil
}

// OpenRange implements blob.Store.
func (s *Store) OpenRange(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	f, err := os.Open(s.Path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", key, blob.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	if off == 0 && n < 0 {
		return f, nil
	}
	if n < 0 {
		n = 1<<63 - 1 - off
	}
	return struct {
		io.Reader
		io.Closer
	}{io.NewSectionReader(f, off, n), f}, nil
}

// Stat implements blob.Store.
func (s *Store) Stat(ctx context.Context, key string) (blob.Info, error) {
	fi, err := os.Stat(s.Path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return blob.Info{}, fmt.Errorf("%s: %w", key, blob.ErrNotFound)
	}
	if err != nil {
		return blob.Info{}, err
	}
	return blob.Info{Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// Delete implements blob.Store.
func (s *Store) Delete(ctx context.Context, key string) error {
	err := os.Remove(s.Path(key))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
