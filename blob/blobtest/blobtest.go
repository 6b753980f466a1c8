// Package blobtest is the conformance test every blob.Store backend runs:
// the same behaviour, checked the same way, for the local directory and a
// real S3 server.
package blobtest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"math/rand"
	"testing"

	"github.com/newsscribe/newsscribe/blob"
)

// Options tune Run for a backend.
type Options struct {
	// LargeBytes is the size of the streamed blob (several multipart parts
	// for S3). Defaults to 20 MiB.
	LargeBytes int64
}

// failingReader yields n bytes, then an error.
type failingReader struct{ n int }

var errBroken = errors.New("client went away")

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, errBroken
	}
	if len(p) > r.n {
		p = p[:r.n]
	}
	for i := range p {
		p[i] = 'x'
	}
	r.n -= len(p)
	return len(p), nil
}

// Run checks s: Put/Stat/Open, ranges, replace, delete, not found, a
// reader's error, a large streamed blob and ReaderAt.
func Run(t *testing.T, s blob.Store, o Options) {
	if o.LargeBytes <= 0 {
		o.LargeBytes = 20 << 20
	}
	ctx := context.Background()
	data := []byte("0123456789abcdefghijklmnopqrstuvwxyz")
	key := "audio/ab/abc123"

	t.Run("PutStatOpen", func(t *testing.T) {
		if err := s.Put(ctx, key, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		info, err := s.Stat(ctx, key)
		if err != nil || info.Size != int64(len(data)) {
			t.Fatalf("Stat = %+v, %v; want size %d", info, err, len(data))
		}
		if got := read(t, s, key, 0, -1); !bytes.Equal(got, data) {
			t.Errorf("Open = %q, want %q", got, data)
		}
	})
	t.Run("Ranges", func(t *testing.T) {
		for _, tc := range []struct {
			name   string
			off, n int64
			want   string
		}{
			{"head", 0, 4, "0123"},
			{"middle", 10, 6, "abcdef"},
			{"tail", 30, -1, "uvwxyz"},
			{"empty", 5, 0, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := read(t, s, key, tc.off, tc.n); string(got) != tc.want {
					t.Errorf("OpenRange(%d, %d) = %q, want %q", tc.off, tc.n, got, tc.want)
				}
			})
		}
	})
	t.Run("ReaderAt", func(t *testing.T) {
		sr := io.NewSectionReader(blob.NewReaderAt(ctx, s, key, int64(len(data))), 0, int64(len(data)))
		if _, err := sr.Seek(20, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(sr)
		if err != nil || string(got) != string(data[20:]) {
			t.Errorf("read from 20 = %q, %v; want %q", got, err, data[20:])
		}
	})
	t.Run("Replace", func(t *testing.T) {
		k := "play/ab/replace.mp3"
		for _, v := range []string{"first", "second"} {
			if err := s.Put(ctx, k, bytes.NewReader([]byte(v))); err != nil {
				t.Fatal(err)
			}
		}
		if got := read(t, s, k, 0, -1); string(got) != "second" {
			t.Errorf("after replace: %q, want second", got)
		}
	})
	t.Run("NotFound", func(t *testing.T) {
		if _, err := s.Stat(ctx, "audio/zz/missing"); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("Stat missing: %v, want ErrNotFound", err)
		}
		if _, err := blob.Open(ctx, s, "audio/zz/missing"); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("Open missing: %v, want ErrNotFound", err)
		}
		if err := s.Delete(ctx, "audio/zz/missing"); err != nil {
			t.Errorf("Delete missing: %v, want nil", err)
		}
	})
	t.Run("Delete", func(t *testing.T) {
		k := "audio/de/delete-me"
		if err := s.Put(ctx, k, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		if err := s.Delete(ctx, k); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Stat(ctx, k); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("Stat after Delete: %v, want ErrNotFound", err)
		}
	})
	t.Run("ReaderError", func(t *testing.T) {
		k := "audio/br/broken"
		err := s.Put(ctx, k, &failingReader{n: 3 << 20})
		if !errors.Is(err, errBroken) {
			t.Errorf("Put of a failing reader: %v, want it wrapped", err)
		}
		if _, err := s.Stat(ctx, k); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("after a failed Put: %v, want ErrNotFound (nothing stored)", err)
		}
	})
	t.Run("LargeStreamed", func(t *testing.T) {
		k := "audio/la/large"
		src := func() io.Reader { return io.LimitReader(rand.New(rand.NewSource(7)), o.LargeBytes) }
		want := sha256.New()
		io.Copy(want, src())
		if err := s.Put(ctx, k, src()); err != nil {
			t.Fatal(err)
		}
		rc, err := blob.Open(ctx, s, k)
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		got := sha256.New()
		n, err := io.Copy(got, rc)
		if err != nil || n != o.LargeBytes || !bytes.Equal(got.Sum(nil), want.Sum(nil)) {
			t.Errorf("large blob: %d bytes, %v; want %d bytes with the same SHA-256", n, err, o.LargeBytes)
		}
		tail := read(t, s, k, o.LargeBytes-5, -1)
		if len(tail) != 5 {
			t.Errorf("last 5 bytes: got %d", len(tail))
		}
		s.Delete(ctx, k)
	})
}

func read(t *testing.T, s blob.Store, key string, off, n int64) []byte {
	t.Helper()
	rc, err := s.OpenRange(context.Background(), key, off, n)
	if err != nil {
		t.Fatalf("OpenRange(%s, %d, %d): %v", key, off, n, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
