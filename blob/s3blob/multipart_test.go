package s3blob

import (
	"context"
	"io"
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestPutIsMultipart: a 20 MiB upload from a non-seekable reader reaches
// the server as a multipart upload of 8 MiB parts (its ETag ends in "-3"),
// so no blob is ever held whole in memory.
func TestPutIsMultipart(t *testing.T) {
	raw := os.Getenv("NEWSSCRIBE_TEST_S3")
	if raw == "" {
		t.Skip("NEWSSCRIBE_TEST_S3 not set (eval \"$(.ci/seaweedfs)\"): S3 multipart not tested")
	}
	cfg, err := ParseURL(raw)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	s, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	key := "audio/mp/multipart-test"
	src := struct{ io.Reader }{io.LimitReader(rand.New(rand.NewSource(1)), 20<<20)} // hides any Seek
	if err := s.Put(ctx, key, src); err != nil {
		t.Fatal(err)
	}
	defer s.Delete(ctx, key)
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(cfg.Bucket), Key: aws.String(cfg.Prefix + key)})
	if err != nil {
		t.Fatal(err)
	}
	if etag := strings.Trim(aws.ToString(out.ETag), `"`); !strings.HasSuffix(etag, "-3") {
		t.Errorf("ETag %s: want a multipart upload of 3 parts (…-3)", etag)
	}
}
