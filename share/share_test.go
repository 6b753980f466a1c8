package share_test

import (
	"bytes"
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
