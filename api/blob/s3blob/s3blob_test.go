package s3blob_test

import (
	"context"
	"os"
	"testing"

	"github.com/newsscribe/newsscribe/api/blob/blobtest"
	"github.com/newsscribe/newsscribe/api/blob/s3blob"
)

// TestConformance runs the blob conformance test against the S3 server
// named by NEWSSCRIBE_TEST_S3 (s3://bucket/prefix?endpoint=…; .ci/seaweedfs
// starts SeaweedFS on loopback and prints one), with the AWS_* credentials
// of the environment. A 20 MiB blob makes three 8 MiB multipart parts.
func TestConformance(t *testing.T) {
	raw := os.Getenv("NEWSSCRIBE_TEST_S3")
	if raw == "" {
		t.Skip("NEWSSCRIBE_TEST_S3 not set (export NEWSSCRIBE_TEST_S3=$(.ci/seaweedfs)): S3 backend not tested")
	}
	cfg, err := s3blob.ParseURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Prefix += t.Name() + "/"
	s, err := s3blob.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(context.Background()); err != nil {
		t.Fatalf("NEWSSCRIBE_TEST_S3 is set but the bucket is unreachable: %v", err)
	}
	blobtest.Run(t, s, blobtest.Options{})
}

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
