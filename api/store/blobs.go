package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// Blobs stores uploaded audio by the SHA-256 of its bytes under Dir:
// audio/ab/abcdef… for the original upload and play/ab/abcdef….mp3 for the
// browser-playable rendition. Client file names are never used as paths.
// Several machines sharing one queue must share Dir (a network file system
// or a bucket mounted as one).
type Blobs struct {
	// Dir is the root directory; it is created if missing.
	Dir string
}

// NewBlobs returns a Blobs rooted at dir, creating its directories.
func NewBlobs(dir string) (*Blobs, error) {
	for _, d := range []string{"audio", "play", "pcm", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return nil, fmt.Errorf("create blob directory: %w", err)
		}
	}
	return &Blobs{Dir: dir}, nil
}

// validSHA reports whether s is a lower-case hex SHA-256, so that it is safe
// to use as a file name.
func validSHA(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// AudioPath is the path of the original upload with the given SHA-256.
func (b *Blobs) AudioPath(sha string) string {
	if !validSHA(sha) {
		return filepath.Join(b.Dir, "audio", "invalid")
	}
	return filepath.Join(b.Dir, "audio", sha[:2], sha)
}

// PlayPath is the path of the browser-playable MP3 rendition.
func (b *Blobs) PlayPath(sha string) string {
	if !validSHA(sha) {
		return filepath.Join(b.Dir, "play", "invalid")
	}
	return filepath.Join(b.Dir, "play", sha[:2], sha+".mp3")
}

// PCMPath is the path of the recording's PCM copy: 16 kHz mono signed
// 16-bit little-endian samples, no header (pcm/ab/abcdef….s16).
func (b *Blobs) PCMPath(sha string) string {
	if !validSHA(sha) {
		return filepath.Join(b.Dir, "pcm", "invalid")
	}
	return filepath.Join(b.Dir, "pcm", sha[:2], sha+".s16")
}

// HasPCM reports whether the PCM copy of the upload sha is stored.
func (b *Blobs) HasPCM(sha string) bool {
	_, err := os.Stat(b.PCMPath(sha))
	return err == nil
}

// StatPCM returns the size in bytes of the PCM copy of sha.
func (b *Blobs) StatPCM(sha string) (int64, error) {
	fi, err := os.Stat(b.PCMPath(sha))
	if err != nil {
		return 0, fmt.Errorf("pcm: %w", err)
	}
	return fi.Size(), nil
}

// PutPCM stores the PCM copy of the upload sha, written by write, atomically:
// a crash leaves either no copy or the whole one.
func (b *Blobs) PutPCM(sha string, write func(w io.Writer) error) error {
	dst := b.PCMPath(sha)
	if err := atomicfile.MkdirAll(filepath.Dir(dst)); err != nil {
		return fmt.Errorf("store pcm: %w", err)
	}
	f, err := b.TempFile("pcm-*")
	if err != nil {
		return fmt.Errorf("store pcm: %w", err)
	}
	if err := write(f); err != nil {
		atomicfile.Discard(f)
		return err
	}
	if err := atomicfile.Commit(f, dst); err != nil {
		return fmt.Errorf("store pcm: %w", err)
	}
	return nil
}

// ReadPCM opens length bytes of the PCM copy of sha from offset (a range
// read: a chunk's samples, not the whole recording).
func (b *Blobs) ReadPCM(sha string, offset, length int64) (io.ReadCloser, error) {
	f, err := os.Open(b.PCMPath(sha))
	if err != nil {
		return nil, fmt.Errorf("read pcm: %w", err)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.NewSectionReader(f, offset, length), f}, nil
}

// TempFile creates a temporary file in the blob directory (same file system
// as the final place, so that Rename is atomic); atomicfile.Commit moves it
// into place.
func (b *Blobs) TempFile(pattern string) (*os.File, error) {
	return atomicfile.Create(filepath.Join(b.Dir, "tmp"), pattern)
}

// Put streams r to disk while hashing it and stores it under its SHA-256.
// It returns the hash and the number of bytes. An error from r (such as
// http.MaxBytesError) is returned wrapped and nothing is stored.
func (b *Blobs) Put(r io.Reader) (sha string, n int64, err error) {
	committed := false
	f, err := b.TempFile("upload-*")
	if err != nil {
		return "", 0, fmt.Errorf("store upload: %w", err)
	}
	defer func() {
		if err != nil || !committed {
			atomicfile.Discard(f)
		}
	}()
	h := sha256.New()
	n, err = io.Copy(io.MultiWriter(f, h), r)
	if err != nil {
		return "", n, fmt.Errorf("read upload: %w", err)
	}
	sha = hex.EncodeToString(h.Sum(nil))
	dst := b.AudioPath(sha)
	if _, statErr := os.Stat(dst); statErr == nil {
		// Same bytes already stored: keep the existing file.
		return sha, n, nil
	}
	if err = atomicfile.MkdirAll(filepath.Dir(dst)); err != nil {
		return "", n, fmt.Errorf("store upload: %w", err)
	}
	if err = atomicfile.Commit(f, dst); err != nil {
		return "", n, fmt.Errorf("store upload: %w", err)
	}
	committed = true
	return sha, n, nil
}

// Writable checks that a file can be created in the blob directory.
func (b *Blobs) Writable() error {
	f, err := b.TempFile("probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	_, werr := f.Write([]byte("ok"))
	cerr := f.Close()
	os.Remove(name)
	return errors.Join(werr, cerr)
}
