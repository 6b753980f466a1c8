// Package share signs and checks the links that open a job's recording and
// transcript to someone without an API key: a token naming the job and an
// expiry, with an HMAC-SHA256 of both under a server secret. A job id alone
// opens nothing outside /v1; a token cannot be made or stretched without
// the secret.
package share

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// DefaultTTL is how long a share link works: 7 days.
const DefaultTTL = 7 * 24 * time.Hour

// MinSecret is the shortest accepted secret, in bytes.
const MinSecret = 16

// KeyFile is the file in the data directory that keeps the generated
// secret, hex-encoded, when none is configured.
const KeyFile = "share.key"

// The reasons a token is refused.
var (
	// ErrExpired: the token was signed by this server but its time is up.
	ErrExpired = errors.New("this share link has expired; ask the newsroom for a new one")
	// ErrInvalid: the token is malformed or its signature is wrong.
	ErrInvalid = errors.New("this share link is not valid (mistyped or forged)")
	// ErrRevoked: the newsroom revoked the link.
	ErrRevoked = errors.New("this share link was revoked; ask the newsroom for a new one")
	// ErrOtherJob: Revoke was given a link to another job.
	ErrOtherJob = errors.New("this share link opens another recording")
)

// Signer makes and checks share tokens. It is safe for concurrent use.
type Signer struct {
	secret []byte
	ttl    time.Duration
	// revoked, when set, is consulted by Verify.
	revoked Revocations
}

// Revocations is the list of revoked links Verify consults (issue 24: a
// leaked link worked until it expired, unless the secret was rotated,
// which killed every link); *store.Store is one.
type Revocations interface {
	// ShareRevoked reports whether the link of job jobID whose token has id
	// tokenID (TokenID) and expires at expires was revoked.
	ShareRevoked(ctx context.Context, jobID, tokenID string, expires time.Time) (bool, error)
}

// RevocationList is Revocations that takes new revocations.
type RevocationList interface {
	Revocations
	// RevokeShare revokes one link until it expires.
	RevokeShare(ctx context.Context, jobID, tokenID string, expires time.Time) error
	// RevokeShares revokes every link of a job expiring no later than until.
	RevokeShares(ctx context.Context, jobID string, until time.Time) error
}

// WithRevocations returns a Signer like s whose Verify refuses the links
// r lists as revoked.
func (s *Signer) WithRevocations(r Revocations) *Signer {
	c := *s
	c.revoked = r
	return &c
}

// TokenID is what a revocation list keeps of a token: a hash, so that the
// list holds nothing that opens a recording.
func TokenID(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:16])
}

// Revoke revokes token, a link to job jobID signed by s, in list r; a
// token that is not valid is ErrInvalid, one to another job ErrOtherJob,
// an expired one needs no revocation (nil).
func (s *Signer) Revoke(ctx context.Context, r RevocationList, jobID, token string, now time.Time) error {
	id, exp, err := s.parse(token, now)
	switch {
	case errors.Is(err, ErrExpired):
		return nil
	case err != nil:
		return err
	case id != jobID:
		return ErrOtherJob
	}
	return r.RevokeShare(ctx, jobID, TokenID(token), exp)
}

// RevokeAll revokes every link to job jobID made until now.
func (s *Signer) RevokeAll(ctx context.Context, r RevocationList, jobID string, now time.Time) error {
	return r.RevokeShares(ctx, jobID, now.Add(s.ttl))
}

// New returns a Signer with the secret (at least MinSecret bytes) whose
// tokens last ttl (DefaultTTL when 0).
func New(secret []byte, ttl time.Duration) (*Signer, error) {
	if len(secret) < MinSecret {
		return nil, fmt.Errorf("share secret: want at least %d bytes, got %d", MinSecret, len(secret))
	}
	if ttl < 0 {
		return nil, fmt.Errorf("share link lifetime: must not be negative, got %s", ttl)
	}
	if ttl == 0 {
		ttl = DefaultTTL
	}
	return &Signer{secret: append([]byte(nil), secret...), ttl: ttl}, nil
}

// TTL is how long the tokens of s last.
func (s *Signer) TTL() time.Duration { return s.ttl }

// Sign returns a token for job id that expires ttl after now, and when.
// The token is "ID.EXPIRY.SIGNATURE" (EXPIRY in Unix seconds, SIGNATURE the
// base64url HMAC-SHA256 of "ID.EXPIRY") and safe in a URL path.
func (s *Signer) Sign(id string, now time.Time) (string, time.Time) {
	exp := now.Add(s.ttl).Truncate(time.Second)
	payload := id + "." + strconv.FormatInt(exp.Unix(), 10)
	return payload + "." + s.mac(payload), exp
}

// Verify returns the job id of a token signed by s that has not expired at
// now nor been revoked; otherwise ErrInvalid, ErrExpired or ErrRevoked. It
// is VerifyContext without a context.
func (s *Signer) Verify(token string, now time.Time) (string, error) {
	return s.VerifyContext(context.Background(), token, now)
}

// VerifyContext is Verify; ctx bounds the look-up in the revocation list.
// A list that cannot be read refuses the link (an error that is none of
// the three).
func (s *Signer) VerifyContext(ctx context.Context, token string, now time.Time) (string, error) {
	id, exp, err := s.parse(token, now)
	if err != nil || s.revoked == nil {
		return id, err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	revoked, err := s.revoked.ShareRevoked(ctx, id, TokenID(token), exp)
	switch {
	case err != nil:
		return "", fmt.Errorf("this share link cannot be checked now; try again later: %w", err)
	case revoked:
		return "", ErrRevoked
	}
	return id, nil
}

// parse checks a token's signature and expiry and returns its job id and
// expiry.
func (s *Signer) parse(token string, now time.Time) (string, time.Time, error) {
	i := strings.LastIndexByte(token, '.')
	if i < 0 {
		return "", time.Time{}, ErrInvalid
	}
	payload, sig := token[:i], token[i+1:]
	if !hmac.Equal([]byte(sig), []byte(s.mac(payload))) {
		return "", time.Time{}, ErrInvalid
	}
	j := strings.LastIndexByte(payload, '.')
	if j <= 0 {
		return "", time.Time{}, ErrInvalid
	}
	exp, err := strconv.ParseInt(payload[j+1:], 10, 64)
	if err != nil {
		return "", time.Time{}, ErrInvalid
	}
	if !now.Before(time.Unix(exp, 0)) {
		return "", time.Time{}, ErrExpired
	}
	return payload[:j], time.Unix(exp, 0), nil
}

func (s *Signer) mac(payload string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// RedactPath is an URL path fit for a log: the token of a share page
// (/share/TOKEN, /share/TOKEN/audio, under any prefix) replaced by "…", so
// that a log never holds a working link.
func RedactPath(p string) string {
	i := strings.Index(p, "/share/")
	if i < 0 {
		return p
	}
	rest := p[i+len("/share/"):]
	tail := ""
	if j := strings.IndexByte(rest, '/'); j >= 0 {
		tail = rest[j:]
	}
	return p[:i] + "/share/…" + tail
}

// LoadKey returns the secret kept in dir/KeyFile, creating it (32 random
// bytes, hex, written atomically, readable by the owner only) on first use,
// so links stay valid across restarts.
func LoadKey(dir string) ([]byte, error) {
	path := filepath.Join(dir, KeyFile)
	b, err := os.ReadFile(path)
	if err == nil {
		key, err := hex.DecodeString(strings.TrimSpace(string(b)))
		if err != nil || len(key) < MinSecret {
			return nil, fmt.Errorf("share key %s: want %d or more hex-encoded bytes; delete it to make a new one (old links stop working)", path, MinSecret)
		}
		return key, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("share key: %w", err)
	}
	// The data directory may not exist yet: the key is the first file of
	// a new one.
	if err := atomicfile.MkdirAll(dir); err != nil {
		return nil, fmt.Errorf("share key: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("share key: %w", err)
	}
	if err := atomicfile.Write(path, func(f *os.File) error {
		_, err := f.WriteString(hex.EncodeToString(key) + "\n")
		return err
	}); err != nil {
		return nil, fmt.Errorf("share key: %w", err)
	}
	// atomicfile gives every file its one mode; a secret is the owner's.
	if err := os.Chmod(path, 0o600); err != nil {
		return nil, fmt.Errorf("share key: %w", err)
	}
	return key, nil
}
