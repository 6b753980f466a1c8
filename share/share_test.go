package share_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/share"
)

func TestSignVerify(t *testing.T) {
	s, err := share.New([]byte("0123456789abcdef0123"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if s.TTL() != share.DefaultTTL {
		t.Errorf("got TTL %s, want %s", s.TTL(), share.DefaultTTL)
	}
	now := time.Unix(1_800_000_000, 0)
	tok, exp := s.Sign("tr_abc", now)
	if !exp.Equal(now.Add(7 * 24 * time.Hour)) {
		t.Errorf("got expiry %s, want 7 days on", exp)
	}
	other, _ := share.New([]byte("another secret of enough bytes"), 0)
	id, sig, _ := strings.Cut(tok, ".")
	tests := []struct {
		name    string
		s       *share.Signer
		token   string
		at      time.Time
		want    string
		wantErr error
	}{
		{"valid", s, tok, now, "tr_abc", nil},
		{"a second before expiry", s, tok, exp.Add(-time.Second), "tr_abc", nil},
		{"expired", s, tok, exp, "", share.ErrExpired},
		{"other secret", other, tok, now, "", share.ErrInvalid},
		{"other job, same signature", s, "tr_abd." + sig, now, "", share.ErrInvalid},
		{"expiry stretched", s, strings.Replace(tok, ".18", ".28", 1), now, "", share.ErrInvalid},
		{"bare id", s, id, now, "", share.ErrInvalid},
		{"empty", s, "", now, "", share.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.s.Verify(tt.token, tt.at)
			if got != tt.want || !errors.Is(err, tt.wantErr) {
				t.Errorf("Verify(%q) = %q, %v; want %q, %v", tt.token, got, err, tt.want, tt.wantErr)
			}
		})
	}
	if _, err := share.New([]byte("short"), 0); err == nil {
		t.Error("a 5-byte secret was accepted")
	}
}

// TestLoadKey: the generated secret is kept (owner-only) and read back, so
// links survive a restart.
func TestLoadKey(t *testing.T) {
	// A new data directory: the key is made before anything else creates it.
	dir := filepath.Join(t.TempDir(), "new", "data")
	k1, err := share.LoadKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := share.LoadKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(k1, k2) || len(k1) != 32 {
		t.Errorf("got keys %x and %x, want the same 32 bytes", k1, k2)
	}
	fi, err := os.Stat(filepath.Join(dir, share.KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v, mode %v; want 0600", err, fi.Mode())
	}
	if err := os.WriteFile(filepath.Join(dir, share.KeyFile), []byte("zz\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := share.LoadKey(dir); err == nil {
		t.Error("a corrupt key file was accepted")
	}
}

// list is an in-memory RevocationList.
type list struct {
	one map[string]time.Time // by job and token id
	all map[string]time.Time // by job
}

func (l *list) ShareRevoked(_ context.Context, job, id string, exp time.Time) (bool, error) {
	if _, ok := l.one[job+" "+id]; ok {
		return true, nil
	}
	until, ok := l.all[job]
	return ok && !exp.After(until), nil
}

func (l *list) RevokeShare(_ context.Context, job, id string, exp time.Time) error {
	l.one[job+" "+id] = exp
	return nil
}

func (l *list) RevokeShares(_ context.Context, job string, until time.Time) error {
	l.all[job] = until
	return nil
}

// TestRevoke: one link is revoked and the job's other links still work;
// revoking all of them spares the links made afterwards; a link to another
// job or a forged one is refused (issue 24: a leaked link worked for its
// whole week unless the secret was rotated, which killed every link).
func TestRevoke(t *testing.T) {
	s, err := share.New([]byte("0123456789abcdef0123"), 0)
	if err != nil {
		t.Fatal(err)
	}
	l := &list{one: map[string]time.Time{}, all: map[string]time.Time{}}
	s = s.WithRevocations(l)
	ctx := context.Background()
	now := time.Unix(1_800_000_000, 0)
	leaked, _ := s.Sign("tr_a", now)
	kept, _ := s.Sign("tr_a", now.Add(time.Second))
	if err := s.Revoke(ctx, l, "tr_a", leaked, now); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Verify(leaked, now); !errors.Is(err, share.ErrRevoked) {
		t.Errorf("revoked link: got %v, want ErrRevoked", err)
	}
	if id, err := s.Verify(kept, now); err != nil || id != "tr_a" {
		t.Errorf("the job's other link: got %q, %v", id, err)
	}
	other, _ := s.Sign("tr_b", now)
	if err := s.Revoke(ctx, l, "tr_a", other, now); !errors.Is(err, share.ErrOtherJob) {
		t.Errorf("a link to another job: got %v, want ErrOtherJob", err)
	}
	if err := s.Revoke(ctx, l, "tr_a", kept+"x", now); !errors.Is(err, share.ErrInvalid) {
		t.Errorf("a forged link: got %v, want ErrInvalid", err)
	}
	if err := s.RevokeAll(ctx, l, "tr_a", now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	later, _ := s.Sign("tr_a", now.Add(time.Hour))
	if _, err := s.Verify(kept, now.Add(2*time.Minute)); !errors.Is(err, share.ErrRevoked) {
		t.Errorf("a link made before revoking all: got %v, want ErrRevoked", err)
	}
	if _, err := s.Verify(later, now.Add(2*time.Hour)); err != nil {
		t.Errorf("a link made after: %v", err)
	}
	if _, err := s.Verify(other, now); err != nil {
		t.Errorf("another job's link: %v", err)
	}
}
