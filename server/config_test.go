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
