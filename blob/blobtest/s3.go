package blobtest

import (
	"context"
	"os"
	"testing"

	"github.com/newsscribe/newsscribe/blob/s3blob"
)

// S3 opens the bucket named by NEWSSCRIBE_TEST_S3 (s3://bucket/prefix?
// endpoint=…; `eval "$(.ci/seaweedfs)"` starts SeaweedFS on loopback and
// sets it with the AWS_* credentials) under prefix, or skips the test with
// the reason. A set variable with an unreachable bucket fails the test.
func S3(t testing.TB, prefix string) *s3blob.Store {
	t.Helper()
	raw := os.Getenv("NEWSSCRIBE_TEST_S3")
	if raw == "" {
		t.Skip("NEWSSCRIBE_TEST_S3 not set (eval \"$(.ci/seaweedfs)\"): S3 blob store not tested")
	}
	cfg, err := s3blob.ParseURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Prefix += prefix + "/"
	s, err := s3blob.New(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(context.Background()); err != nil {
		t.Fatalf("NEWSSCRIBE_TEST_S3 is set but the bucket is unreachable: %v", err)
	}
	return s
}
