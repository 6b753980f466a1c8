package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/blob/fileblob"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// Blobs stores uploaded audio by the SHA-256 of its bytes: key
// audio/ab/abcdef… for the original upload and play/ab/abcdef….mp3 for the
// browser-playable rendition. Client file names are never used as keys.
//
// Every blob goes through a blob.Store: by default the local directory Dir
// itself (fileblob), or a shared bucket (s3blob) given to NewRemoteBlobs,
// with Dir as this server's scratch directory: uploads are written there
// first (hashed, probed), and blobs ffmpeg must read are fetched into it
// (Fetch). Several servers sharing one queue share the bucket; each has its
// own Dir.
type Blobs struct {
	// Dir is the local directory: the blobs (local store) or the scratch
	// cache (remote store).
	Dir string
	// local is the store rooted at Dir; remote is nil for the local store.
	local  *fileblob.Store
	remote blob.Store
}

// NewBlobs returns the local Blobs rooted at dir, creating its directories.
func NewBlobs(dir string) (*Blobs, error) {
	local, err := fileblob.New(dir)
	if err != nil {
		return nil, err
	}
	return &Blobs{Dir: dir, local: local}, nil
}

// NewRemoteBlobs returns Blobs kept in remote, with scratch as the local
// directory for uploads in progress and fetched copies.
func NewRemoteBlobs(scratch string, remote blob.Store) (*Blobs, error) {
	b, err := NewBlobs(scratch)
	if err != nil {
		return nil, err
	}
	b.remote = remote
	return b, nil
}

// Store is where blobs are kept (the local directory or the bucket).
func (b *Blobs) Store() blob.Store {
	if b.remote != nil {
		return b.remote
	}
	return b.local
}

// validSHA reports whether s is a lower-case hex SHA-256, so that it is safe
// to use in a key.
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

// AudioKey is the key of the original upload with the given SHA-256 ("" —
// an invalid key — for anything but a hash).
func AudioKey(sha string) string {
	if !validSHA(sha) {
		return ""
	}
	return "audio/" + sha[:2] + "/" + sha
}

// PlayKey is the key of the browser-playable MP3 rendition.
func PlayKey(sha string) string {
	if !validSHA(sha) {
		return ""
	}
	return "play/" + sha[:2] + "/" + sha + ".mp3"
}

// AudioPath is the local path of the original upload (see Fetch).
func (b *Blobs) AudioPath(sha string) string { return b.local.Path(AudioKey(sha)) }

// PlayPath is the local path of the browser-playable MP3 rendition.
func (b *Blobs) PlayPath(sha string) string { return b.local.Path(PlayKey(sha)) }

// PCMKey is the key of the recording's PCM copy: 16 kHz mono signed 16-bit
// little-endian samples, no header (pcm/ab/abcdef….s16), written once after
// decoding so that any server reads any chunk's range of it.
func PCMKey(sha string) string {
	if !validSHA(sha) {
		return ""
	}
	return "pcm/" + sha[:2] + "/" + sha + ".s16"
}

// PCMPath is the local path of the PCM copy (see PCMKey).
func (b *Blobs) PCMPath(sha string) string { return b.local.Path(PCMKey(sha)) }

// HasPCM reports whether the PCM copy of the upload sha is stored.
func (b *Blobs) HasPCM(ctx context.Context, sha string) (bool, error) {
	return b.Has(ctx, PCMKey(sha))
}

// StatPCM returns the size in bytes of the PCM copy of sha.
func (b *Blobs) StatPCM(ctx context.Context, sha string) (int64, error) {
	info, err := b.Store().Stat(ctx, PCMKey(sha))
	if err != nil {
		return 0, fmt.Errorf("pcm: %w", err)
	}
	return info.Size, nil
}

// PutPCM stores the PCM copy of the upload sha, written by write: to the
// local directory atomically (a crash leaves either no copy or the whole
// one), then to the remote store when there is one.
func (b *Blobs) PutPCM(ctx context.Context, sha string, write func(w io.Writer) error) error {
	key := PCMKey(sha)
	f, err := b.TempFile("pcm-*")
	if err != nil {
		return fmt.Errorf("store pcm: %w", err)
	}
	if err := write(f); err != nil {
		atomicfile.Discard(f)
		return err
	}
	dst := b.local.Path(key)
	if err := atomicfile.MkdirAll(filepath.Dir(dst)); err != nil {
		atomicfile.Discard(f)
		return fmt.Errorf("store pcm: %w", err)
	}
	if err := atomicfile.Commit(f, dst); err != nil {
		return fmt.Errorf("store pcm: %w", err)
	}
	return b.Publish(ctx, key)
}

// ReadPCM opens length bytes of the PCM copy of sha from offset: a chunk's
// samples, never the whole recording — from the local copy when this
// server has one, else a range read of the remote blob.
func (b *Blobs) ReadPCM(ctx context.Context, sha string, offset, length int64) (io.ReadCloser, error) {
	key := PCMKey(sha)
	if f, err := os.Open(b.local.Path(key)); err == nil {
		return struct {
			io.Reader
			io.Closer
		}{io.NewSectionReader(f, offset, length), f}, nil
	}
	r, err := b.Store().OpenRange(ctx, key, offset, length)
	if err != nil {
		return nil, fmt.Errorf("read pcm: %w", err)
	}
	return r, nil
}

// TempFile creates a temporary file in the local directory (same file system
// as the local blobs, so that Rename is atomic); atomicfile.Commit moves it
// into place.
func (b *Blobs) TempFile(pattern string) (*os.File, error) {
	return b.local.TempFile(pattern)
}

// Put is PutContext without a deadline.
func (b *Blobs) Put(r io.Reader) (sha string, n int64, err error) {
	return b.PutContext(context.Background(), r)
}

// PutContext streams r to the local directory while hashing it, stores it
// under its SHA-256 and, with a remote store, uploads it there (streamed
// from the file; the local copy stays as this server's cache). It returns
// the hash and the number of bytes. An error from r (such as
// http.MaxBytesError) is returned wrapped and nothing is stored.
func (b *Blobs) PutContext(ctx context.Context, r io.Reader) (sha string, n int64, err error) {
	committed := false
	f, err := b.TempFile("upload-*")
	if err != nil {
		return "", 0, fmt.Errorf("store upload: %w", err)
	}
	defer func() {
		if !committed {
			atomicfile.Discard(f)
		}
	}()
	h := sha256.New()
	n, err = io.Copy(io.MultiWriter(f, h), r)
	if err != nil {
		return "", n, fmt.Errorf("read upload: %w", err)
	}
	sha = hex.EncodeToString(h.Sum(nil))
	key := AudioKey(sha)
	if _, statErr := os.Stat(b.local.Path(key)); statErr == nil {
		// Same bytes already here: keep the existing file.
	} else {
		if err = b.local.PutFile(ctx, key, f.Name()); err != nil {
			return "", n, fmt.Errorf("store upload: %w", err)
		}
		committed = true
	}
	if err := b.Publish(ctx, key); err != nil {
		return "", n, err
	}
	return sha, n, nil
}

// SweepTemp removes the temporary files a killed process left behind —
// uploads and probes in tmp/, renditions being written in play/ — last
// modified more than olderThan ago; 0 removes them all, which is right only
// when no other process writes under Dir. A live upload or rendition
// touches its file with every write, so an age well past the request body
// idle timeout never removes one. It returns how many files it removed.
func (b *Blobs) SweepTemp(olderThan time.Duration) (int, error) {
	cutoff := time.Now().Add(-olderThan)
	var removed int
	var errs []error
	sweep := func(dir string, ours func(name string) bool) {
		ents, err := os.ReadDir(dir)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
		for _, e := range ents {
			if !e.Type().IsRegular() || !ours(e.Name()) {
				continue
			}
			fi, err := e.Info()
			if err != nil || (olderThan > 0 && fi.ModTime().After(cutoff)) {
				continue
			}
			if err := os.Remove(filepath.Join(dir, e.Name())); err == nil {
				removed++
			} else if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	sweep(filepath.Join(b.Dir, "tmp"), func(string) bool { return true })
	shards, _ := filepath.Glob(filepath.Join(b.Dir, "play", "??"))
	for _, d := range shards {
		sweep(d, atomicfile.IsTemp)
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("sweep temporary files: %w", err)
	}
	return removed, nil
}

// Publish copies the local file of key to the remote store unless it is
// there already; a no-op for the local store, where the file is the blob.
func (b *Blobs) Publish(ctx context.Context, key string) error {
	if b.remote == nil {
		return nil
	}
	if _, err := b.remote.Stat(ctx, key); err == nil {
		return nil
	}
	f, err := os.Open(b.local.Path(key))
	if err != nil {
		return fmt.Errorf("publish %s: %w", key, err)
	}
	defer f.Close()
	if err := b.remote.Put(ctx, key, f); err != nil {
		return fmt.Errorf("publish %s: %w", key, err)
	}
	return nil
}

// Fetch returns a local file of key, downloading it from the remote store
// into the local directory when this server has no copy (ffmpeg and the
// decoder read files). The error wraps blob.ErrNotFound when the blob is
// stored nowhere.
func (b *Blobs) Fetch(ctx context.Context, key string) (string, error) {
	p := b.local.Path(key)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if b.remote == nil {
		return "", fmt.Errorf("%s: %w", key, blob.ErrNotFound)
	}
	rc, err := blob.Open(ctx, b.remote, key)
	if err != nil {
		return "", err
	}
	defer rc.Close()
	if err := b.local.Put(ctx, key, rc); err != nil {
		return "", fmt.Errorf("fetch %s: %w", key, err)
	}
	return p, nil
}

// Has reports whether key is stored (in the remote store when there is one).
func (b *Blobs) Has(ctx context.Context, key string) (bool, error) {
	_, err := b.Store().Stat(ctx, key)
	if errors.Is(err, blob.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Open returns key for reading with seeks (http.ServeContent): the local
// copy when there is one, else ranged reads of the remote blob, so a player
// seeking in a long recording fetches only what it plays. The error wraps
// blob.ErrNotFound when it is stored nowhere.
func (b *Blobs) Open(ctx context.Context, key string) (io.ReadSeeker, time.Time, func() error, error) {
	if f, err := os.Open(b.local.Path(key)); err == nil {
		fi, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, time.Time{}, nil, err
		}
		return f, fi.ModTime(), f.Close, nil
	}
	if b.remote == nil {
		return nil, time.Time{}, nil, fmt.Errorf("%s: %w", key, blob.ErrNotFound)
	}
	info, err := b.remote.Stat(ctx, key)
	if err != nil {
		return nil, time.Time{}, nil, err
	}
	r := io.NewSectionReader(blob.NewReaderAt(ctx, b.remote, key, info.Size), 0, info.Size)
	return r, info.ModTime, func() error { return nil }, nil
}

// Delete removes the blob of key from the store and the local directory.
func (b *Blobs) Delete(ctx context.Context, key string) error {
	if b.remote != nil {
		if err := b.remote.Delete(ctx, key); err != nil {
			return err
		}
	}
	return b.local.Delete(ctx, key)
}

// Writable checks that a file can be created in the local directory and,
// with a remote store, that the store answers.
func (b *Blobs) Writable() error {
	f, err := b.TempFile("probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	_, werr := f.Write([]byte("ok"))
	cerr := f.Close()
	os.Remove(name)
	if err := errors.Join(werr, cerr); err != nil {
		return err
	}
	if b.remote != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if _, err := b.remote.Stat(ctx, "probe/readyz"); err != nil && !errors.Is(err, blob.ErrNotFound) {
			return fmt.Errorf("blob store: %w", err)
		}
	}
	return nil
}
