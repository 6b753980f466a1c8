// Package s3blob is the blob.Store of an S3-compatible bucket (AWS S3,
// MinIO, SeaweedFS, Ceph RGW, R2…) through the AWS SDK for Go v2. Put
// streams through the SDK's transfer manager: multipart uploads of
// PartSize parts, so memory is bounded by PartSize × Concurrency whatever
// the blob's size. Credentials come from the standard AWS sources
// (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, the
// shared config files, an instance role).
package s3blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/s3/transfermanager"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/newsscribe/newsscribe/blob"
)

// Config locates a bucket.
type Config struct {
	// Bucket is required.
	Bucket string
	// Prefix is prepended to every key ("newsscribe/" → newsscribe/audio/…).
	Prefix string
	// Endpoint is an S3-compatible server's URL (http://127.0.0.1:8333);
	// empty for AWS S3. With an endpoint, path-style addressing is used.
	Endpoint string
	// Region defaults to AWS_REGION, else us-east-1.
	Region string
	// PartSize is the multipart part size in bytes. Defaults to 8 MiB
	// (S3's minimum is 5 MiB).
	PartSize int64
	// Concurrency is how many parts are uploaded at once. Defaults to 2.
	Concurrency int
}

// ParseURL reads s3://bucket/prefix?endpoint=…&region=… into a Config.
func ParseURL(raw string) (Config, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "s3" || u.Host == "" {
		return Config{}, fmt.Errorf("blob store %q: want s3://bucket/prefix?endpoint=…&region=…", raw)
	}
	c := Config{Bucket: u.Host, Prefix: strings.Trim(u.Path, "/")}
	if c.Prefix != "" {
		c.Prefix += "/"
	}
	q := u.Query()
	c.Endpoint, c.Region = q.Get("endpoint"), q.Get("region")
	if c.Endpoint != "" {
		if e, err := url.Parse(c.Endpoint); err != nil || (e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
			return Config{}, fmt.Errorf("blob store: endpoint %q: want http(s)://host:port", c.Endpoint)
		}
	}
	for k := range q {
		if k != "endpoint" && k != "region" {
			return Config{}, fmt.Errorf("blob store: unknown parameter %q (want endpoint, region)", k)
		}
	}
	return c, nil
}

// Store is a bucket (and prefix) as a blob.Store.
type Store struct {
	cfg    Config
	client *s3.Client
	tm     *transfermanager.Client
}

var _ blob.Store = (*Store)(nil)

// New connects to the bucket; it does not check that it exists (Check does).
func New(ctx context.Context, c Config) (*Store, error) {
	if c.Bucket == "" {
		return nil, errors.New("blob store: bucket is required")
	}
	if c.PartSize <= 0 {
		c.PartSize = 8 << 20
	}
	if c.Concurrency <= 0 {
		c.Concurrency = 2
	}
	opts := []func(*config.LoadOptions) error{}
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	acfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("blob store: AWS configuration: %w", err)
	}
	if acfg.Region == "" {
		acfg.Region = "us-east-1"
	}
	// Checksums only where S3 requires them: S3-compatible servers differ
	// in the newer flexible checksums they accept.
	acfg.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
	acfg.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	client := s3.NewFromConfig(acfg, func(o *s3.Options) {
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
			o.UsePathStyle = true
		}
	})
	tm := transfermanager.New(client, func(o *transfermanager.Options) {
		o.PartSizeBytes = c.PartSize
		o.MultipartUploadThreshold = c.PartSize
		o.Concurrency = c.Concurrency
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
	})
	return &Store{cfg: c, client: client, tm: tm}, nil
}

func (s *Store) key(k string) (*string, error) {
	if err := blob.ValidKey(k); err != nil {
		return nil, err
	}
	return aws.String(s.cfg.Prefix + k), nil
}

// Check verifies the bucket is reachable with the credentials.
func (s *Store) Check(ctx context.Context) error {
	if _, err := s.client.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(s.cfg.Bucket)}); err != nil {
		return fmt.Errorf("blob store: bucket %s: %w", s.cfg.Bucket, err)
	}
	return nil
}

// Put implements blob.Store: a multipart upload streamed from r.
func (s *Store) Put(ctx context.Context, key string, r io.Reader) error {
	k, err := s.key(key)
	if err != nil {
		return err
	}
	if _, err := s.tm.UploadObject(ctx, &transfermanager.UploadObjectInput{Bucket: aws.String(s.cfg.Bucket), Key: k, Body: r}); err != nil {
		return fmt.Errorf("store %s: %w", key, err)
	}
	return nil
}

// OpenRange implements blob.Store with a ranged GetObject.
func (s *Store) OpenRange(ctx context.Context, key string, off, n int64) (io.ReadCloser, error) {
	k, err := s.key(key)
	if err != nil {
		return nil, err
	}
	in := &s3.GetObjectInput{Bucket: aws.String(s.cfg.Bucket), Key: k}
	switch {
	case n == 0:
		return io.NopCloser(strings.NewReader("")), nil
	case n > 0:
		in.Range = aws.String("bytes=" + strconv.FormatInt(off, 10) + "-" + strconv.FormatInt(off+n-1, 10))
	case off > 0:
		in.Range = aws.String("bytes=" + strconv.FormatInt(off, 10) + "-")
	}
	out, err := s.client.GetObject(ctx, in)
	if err != nil {
		return nil, s.wrap(key, err)
	}
	return out.Body, nil
}

// Stat implements blob.Store.
func (s *Store) Stat(ctx context.Context, key string) (blob.Info, error) {
	k, err := s.key(key)
	if err != nil {
		return blob.Info{}, err
	}
	out, err := s.client.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(s.cfg.Bucket), Key: k})
	if err != nil {
		return blob.Info{}, s.wrap(key, err)
	}
	return blob.Info{Size: aws.ToInt64(out.ContentLength), ModTime: aws.ToTime(out.LastModified)}, nil
}

// Delete implements blob.Store.
func (s *Store) Delete(ctx context.Context, key string) error {
	k, err := s.key(key)
	if err != nil {
		return err
	}
	if _, err := s.client.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(s.cfg.Bucket), Key: k}); err != nil {
		if errors.Is(s.wrap(key, err), blob.ErrNotFound) {
			return nil
		}
		return fmt.Errorf("delete %s: %w", key, err)
	}
	return nil
}

// wrap maps S3's not-found answers onto blob.ErrNotFound.
func (s *Store) wrap(key string, err error) error {
	var nsk *types.NoSuchKey
	var nf *types.NotFound
	var api smithy.APIError
	if errors.As(err, &nsk) || errors.As(err, &nf) ||
		(errors.As(err, &api) && (api.ErrorCode() == "NotFound" || api.ErrorCode() == "NoSuchKey")) {
		return fmt.Errorf("%s: %w", key, blob.ErrNotFound)
	}
	return fmt.Errorf("%s: %w", key, err)
}
