package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/api"
)

// TestConfigValidate: the defaults are valid and each bad setting is one
// line naming the serve command's flag (the flags themselves are bound in
// cmd/newsscribe/cli, TestServeFlagsAndEnv).
func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(c *api.Config)
		wantErr string
	}{
		{"defaults", func(*api.Config) {}, ""},
		{"no listen", func(c *api.Config) { c.Listen = "" }, "--listen"},
		{"zero workers", func(c *api.Config) { c.Workers = 0 }, "--workers"},
		{"rescue before timeout", func(c *api.Config) { c.JobTimeout, c.RescueAfter = time.Hour, 30*time.Minute }, "--rescue-after"},
		{"mysql", func(c *api.Config) { c.Database = "mysql://x" }, "--database"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := api.DefaultConfig()
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

func TestPublicModelName(t *testing.T) {
	tests := []struct{ name, model, want string }{
		{"registry name", "large-v3-turbo-q5_0", "large-v3-turbo-q5_0"},
		{"absolute path", "/srv/models/ggml-small.bin", "ggml-small"},
		{"relative path", "../shared/whisper/for-tests-ggml-tiny.bin", "for-tests-ggml-tiny"},
		{"bare file", "ggml-base.bin", "ggml-base"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := api.PublicModelName(tt.model); got != tt.want {
				t.Errorf("PublicModelName(%q) = %q, want %q", tt.model, got, tt.want)
			}
		})
	}
}
