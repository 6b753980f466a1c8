package store_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/blob/fileblob"
	"github.com/newsscribe/newsscribe/store"
)

// TestRemoteBlobsShared: two servers, each with its own scratch directory,
// share one store (here the local backend in a third directory; the S3
// backend runs the same in api's TestS3BlobStore): what one uploads the
// other fetches, serves by ranges and deletes.
func TestRemoteBlobsShared(t *testing.T) {
	ctx := context.Background()
	shared, err := fileblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a, _ := store.NewRemoteBlobs(t.TempDir(), shared)
	b, _ := store.NewRemoteBlobs(t.TempDir(), shared)
	data := strings.Repeat("0123456789", 1000)
	sha, _, err := a.PutContext(ctx, strings.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	key := store.AudioKey(sha)
	if _, err := shared.Stat(ctx, key); err != nil {
		t.Fatalf("shared store after Put: %v", err)
	}
	if _, err := os.Stat(b.AudioPath(sha)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("server b has a local copy before fetching: %v", err)
	}

	// b serves it by ranges without a local copy.
	r, _, closeFn, err := b.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Seek(9990, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	tail, _ := io.ReadAll(r)
	closeFn()
	if string(tail) != "0123456789" {
		t.Errorf("ranged read from 9990: %q", tail)
	}

	// b fetches it for ffmpeg.
	p, err := b.Fetch(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(p); string(got) != data {
		t.Errorf("fetched copy differs (%d bytes)", len(got))
	}

	// A rendition made on b is published for a.
	os.MkdirAll(filepath.Dir(b.PlayPath(sha)), 0o755)
	if err := os.WriteFile(b.PlayPath(sha), []byte("mp3"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := b.Publish(ctx, store.PlayKey(sha)); err != nil {
		t.Fatal(err)
	}
	if ok, err := a.Has(ctx, store.PlayKey(sha)); !ok || err != nil {
		t.Errorf("a.Has(rendition) = %v, %v; want true", ok, err)
	}

	if err := a.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := shared.Stat(ctx, key); !errors.Is(err, blob.ErrNotFound) {
		t.Errorf("shared store after Delete: %v, want ErrNotFound", err)
	}
	if _, err := a.Fetch(ctx, key); !errors.Is(err, blob.ErrNotFound) {
		t.Errorf("a.Fetch after Delete: %v, want ErrNotFound", err)
	}
}

// TestRemoteBlobsPutReaderError: a broken upload reaches neither the
// scratch directory nor the shared store.
func TestRemoteBlobsPutReaderError(t *testing.T) {
	sharedDir := t.TempDir()
	shared, _ := fileblob.New(sharedDir)
	scratch := t.TempDir()
	a, _ := store.NewRemoteBlobs(scratch, shared)
	boom := errors.New("connection reset")
	if _, _, err := a.PutContext(context.Background(), io.MultiReader(strings.NewReader("partial"), iotest.ErrReader(boom))); !errors.Is(err, boom) {
		t.Fatalf("got %v, want the reader's error wrapped", err)
	}
	assertNoTemp(t, scratch)
	for _, d := range []string{scratch, sharedDir} {
		if entries, _ := os.ReadDir(d + "/audio"); len(entries) != 0 {
			t.Errorf("%s/audio has %d entries after a failed upload", d, len(entries))
		}
	}
}
