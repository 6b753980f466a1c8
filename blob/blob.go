// Package blob is the API's storage of immutable objects — uploads and
// their renditions — under content-addressed keys ("audio/ab/abcdef…"). The
// root holds the small Store interface; the backends are subpackages:
// fileblob (a local directory, the default) and s3blob (S3-compatible
// object storage, so that N servers share one bucket instead of one file
// system).
package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// ErrNotFound is returned (wrapped) for a key that holds no blob.
var ErrNotFound = errors.New("blob not found")

// Info describes a stored blob.
type Info struct {
	// Size is in bytes.
	Size    int64
	ModTime time.Time
}

// Store holds blobs by key. Keys are relative slash-separated paths of
// [a-z0-9._-] segments (ValidKey). Implementations are safe for concurrent
// use; a blob is never seen half-written.
type Store interface {
	// Put stores r's bytes under key, streaming them (never whole in
	// memory), replacing a blob already there. An error from r is returned
	// wrapped and nothing is stored.
	Put(ctx context.Context, key string, r io.Reader) error
	// OpenRange reads n bytes of the blob from offset off (n < 0: to the
	// end). Close the reader.
	OpenRange(ctx context.Context, key string, off, n int64) (io.ReadCloser, error)
	// Stat returns the blob's size and time, or ErrNotFound.
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes the blob; a missing one is not an error.
	Delete(ctx context.Context, key string) error
}

// Filer is implemented by stores whose blobs are local files, so that
// ffmpeg reads them in place and an upload already on the same file system
// is moved in instead of copied.
type Filer interface {
	// Path is the file of key (which may not exist).
	Path(key string) string
	// PutFile moves the file at path (on the store's file system) to key.
	PutFile(ctx context.Context, key, path string) error
}

// Open reads the whole blob.
func Open(ctx context.Context, s Store, key string) (io.ReadCloser, error) {
	return s.OpenRange(ctx, key, 0, -1)
}

// ValidKey reports an error for a key that is not a relative path of
// lower-case [a-z0-9._-] segments (no "..", no empty segment).
func ValidKey(key string) error {
	if key == "" || len(key) > 512 {
		return fmt.Errorf("blob key %q: empty or too long", key)
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return fmt.Errorf("blob key %q: bad segment", key)
		}
		for _, c := range seg {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
				return fmt.Errorf("blob key %q: character %q", key, c)
			}
		}
	}
	return nil
}

// ReaderAt reads a blob of known size by ranges: each ReadAt is one
// OpenRange, so a player's seek into a long recording on S3 fetches only
// what it plays. Wrap it in io.NewSectionReader for an io.ReadSeeker.
type ReaderAt struct {
	ctx   context.Context
	store Store
	key   string
	size  int64
}

// NewReaderAt returns a ReaderAt of key, whose size is from Stat.
func NewReaderAt(ctx context.Context, s Store, key string, size int64) *ReaderAt {
	return &ReaderAt{ctx: ctx, store: s, key: key, size: size}
}

// ReadAt implements io.ReaderAt.
func (r *ReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= r.size {
		return 0, io.EOF
	}
	n := int64(len(p))
	if off+n > r.size {
		n = r.size - off
	}
	rc, err := r.store.OpenRange(r.ctx, r.key, off, n)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	got, err := io.ReadFull(rc, p[:n])
	if err == nil && got < len(p) {
		err = io.EOF
	}
	return got, err
}
