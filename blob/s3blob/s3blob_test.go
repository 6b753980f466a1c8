package s3blob_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/blob/blobtest"
	"github.com/newsscribe/newsscribe/blob/s3blob"
)

// TestConformance runs the blob conformance test against a real S3
// server (blobtest.S3: skipped without NEWSSCRIBE_TEST_S3). A 20 MiB blob
// makes three 8 MiB multipart parts.
func TestConformance(t *testing.T) {
	blobtest.Run(t, blobtest.S3(t, prefix()), blobtest.Options{})
}

// prefix is a fresh prefix per run, so runs never see each other's blobs.
func prefix() string { return "s3blob-" + strconv.FormatInt(time.Now().UnixNano(), 36) }

func TestParseURL(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     s3blob.Config
		bad      bool
	}{
		{"full", "s3://news/prod/blobs?endpoint=http://127.0.0.1:8333&region=eu-west-3",
			s3blob.Config{Bucket: "news", Prefix: "prod/blobs/", Endpoint: "http://127.0.0.1:8333", Region: "eu-west-3"}, false},
		{"bucket only", "s3://news", s3blob.Config{Bucket: "news"}, false},
		{"scheme", "gs://news", s3blob.Config{}, true},
		{"no bucket", "s3:///x", s3blob.Config{}, true},
		{"bad endpoint", "s3://news?endpoint=127.0.0.1", s3blob.Config{}, true},
		{"unknown param", "s3://news?acl=public", s3blob.Config{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := s3blob.ParseURL(tc.in)
			if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
				t.Errorf("ParseURL(%q) = %+v, %v; want %+v (error %v)", tc.in, got, err, tc.want, tc.bad)
			}
		})
	}
}
