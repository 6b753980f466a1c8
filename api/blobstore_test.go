package api_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"testing"

	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/blob/blobtest"
	"github.com/newsscribe/newsscribe/blob/fileblob"
	"github.com/newsscribe/newsscribe/store"
)

// TestS3BlobStore runs a job with its blobs in a real S3 server: the upload
// is in the bucket; a server whose scratch directory lacks it (another
// machine) fetches it to transcribe; the rendition is published; the audio
// endpoint serves Range requests from the bucket; DELETE removes both.
func TestS3BlobStore(t *testing.T) {
	t.Parallel()
	testSharedBlobs(t, blobtest.S3(t, store.NewID("api-")))
}

// TestSharedBlobStore is TestS3BlobStore with the local-directory backend
// as the shared store (a directory apart from the server's scratch).
func TestSharedBlobStore(t *testing.T) {
	t.Parallel()
	st, err := fileblob.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	testSharedBlobs(t, st)
}

func testSharedBlobs(t *testing.T, s3 blob.Store) {
	ts := newServer(t, serverOpts{blobs: s3, noStart: true})
	ctx := context.Background()
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"article": article})
	if r.status != http.StatusAccepted {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	var j struct {
		ID  string `json:"id"`
		SHA string `json:"audio_sha256"`
	}
	r.json(t, &j)
	if info, err := s3.Stat(ctx, store.AudioKey(j.SHA)); err != nil || info.Size != int64(len(wav(2, 440))) {
		t.Fatalf("upload in the bucket: %+v, %v", info, err)
	}
	// As if another server took the job: no local copy.
	if err := os.Remove(ts.store.Blobs.AudioPath(j.SHA)); err != nil {
		t.Fatal(err)
	}
	if err := ts.queue.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if got := ts.waitJob(t, j.ID); got.Status != "done" {
		t.Fatalf("job: %s %+v", got.Status, got.Error)
	}
	if _, err := s3.Stat(ctx, store.PlayKey(j.SHA)); err != nil {
		t.Fatalf("rendition in the bucket: %v", err)
	}
	// Serve from the bucket alone: no local copies left.
	os.Remove(ts.store.Blobs.AudioPath(j.SHA))
	os.Remove(ts.store.Blobs.PlayPath(j.SHA))
	r = ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/audio", nil, "", "Range", "bytes=0-99")
	if r.status != http.StatusPartialContent || len(r.body) != 100 || r.header.Get("Content-Type") != "audio/mpeg" {
		t.Fatalf("ranged audio: %d, %d bytes, %s; want 206 with 100 bytes of audio/mpeg", r.status, len(r.body), r.header.Get("Content-Type"))
	}
	if _, err := os.Stat(ts.store.Blobs.PlayPath(j.SHA)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("serving a range downloaded the whole rendition: %v", err)
	}
	if r := ts.do(t, "DELETE", "/v1/transcriptions/"+j.ID, nil, ""); r.status/100 != 2 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	for _, k := range []string{store.AudioKey(j.SHA), store.PlayKey(j.SHA)} {
		if _, err := s3.Stat(ctx, k); !errors.Is(err, blob.ErrNotFound) {
			t.Errorf("%s after DELETE: %v, want ErrNotFound", k, err)
		}
	}
}
