package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/server"
)

// TestConfigValidate: the defaults are valid and each bad setting is one
// line naming the serve command's flag (the flags themselves are bound in
// cmd/newsscribe/cli, TestServeFlagsAndEnv).
func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(c *server.Config)
		wantErr string
	}{
		{"defaults", func(*server.Config) {}, ""},
		{"no listen", func(c *server.Config) { c.Listen = "" }, "--listen"},
		{"zero workers", func(c *server.Config) { c.Workers = 0 }, "--workers"},
		{"rescue before timeout", func(c *server.Config) { c.JobTimeout, c.RescueAfter = time.Hour, 30*time.Minute }, "--rescue-after"},
		{"mysql", func(c *server.Config) { c.Database = "mysql://x" }, "--database"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := server.DefaultConfig()
			tc.edit(&c)
			err := c.Validate()
			if tc.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got error %v, want one line naming %s", err, tc.wantErr)
			}
		})
	}
}

// TestConfigRefusesEmptyAPIKey: an --api-keys entry with an empty key
// stops the server at start, naming the entry, never a secret (issue 24,
// item 2: it was dropped silently and /v1 served open).
func TestConfigRefusesEmptyAPIKey(t *testing.T) {
	for _, keys := range [][]string{{"maryam:"}, {"", ""}, {"omar:k3y-2", "name:"}} {
		c := server.DefaultConfig()
		c.APIKeys = keys
		err := c.Validate()
		if err == nil || !strings.Contains(err.Error(), "--api-keys: entry") || strings.Contains(err.Error(), "k3y-2") {
			t.Errorf("Validate(%q) = %v, want an error naming the entry and no secret", keys, err)
		}
	}
}

// TestPublicURLWarning: serving the public pages without --public-url is
// warned about at start-up (issue 24, "also").
func TestPublicURLWarning(t *testing.T) {
	c := server.DefaultConfig()
	if w := c.Warnings(true); len(w) != 1 || !strings.Contains(w[0], "--public-url") {
		t.Errorf("public pages without --public-url: warnings %q", w)
	}
	if w := c.Warnings(false); len(w) != 0 {
		t.Errorf("no public pages: warnings %q", w)
	}
	c.PublicURL = "https://news.example.com"
	if w := c.Warnings(true); len(w) != 0 {
		t.Errorf("with --public-url: warnings %q", w)
	}
}
