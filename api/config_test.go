package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsscribe/newsscribe/api"
)

func TestConfigFlagsAndEnv(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(c api.Config) bool
		wantErr string
	}{
		{"defaults", nil, nil, func(c api.Config) bool {
			return c.Listen == ":8080" && c.Workers == 1 && c.MaxUpload == 1<<30 && c.MaxDuration == 4*time.Hour && len(c.APIKeys) == 0
		}, ""},
		{"env", nil, map[string]string{
			"NEWSSCRIBE_LISTEN": "127.0.0.1:9", "NEWSSCRIBE_MAX_UPLOAD": "500MiB", "NEWSSCRIBE_API_KEYS": "a, b",
			"NEWSSCRIBE_MAX_DURATION": "90m", "NEWSSCRIBE_WORKERS": "3", "NEWSSCRIBE_DATABASE": "postgres://u@h/db",
		}, func(c api.Config) bool {
			return c.Listen == "127.0.0.1:9" && c.MaxUpload == 500<<20 && strings.Join(c.APIKeys, "|") == "a|b" &&
				c.MaxDuration == 90*time.Minute && c.Workers == 3 && c.Database == "postgres://u@h/db"
		}, ""},
		{"flag wins over env", []string{"--workers", "2"}, map[string]string{"NEWSSCRIBE_WORKERS": "5"}, func(c api.Config) bool {
			return c.Workers == 2
		}, ""},
		{"bad env size", nil, map[string]string{"NEWSSCRIBE_MAX_UPLOAD": "lots"}, nil, "NEWSSCRIBE_MAX_UPLOAD"},
		{"zero workers", []string{"--workers", "0"}, nil, nil, "--workers"},
		{"rescue before timeout", []string{"--job-timeout", "1h", "--rescue-after", "30m"}, nil, nil, "--rescue-after"},
		{"mysql", []string{"--database", "mysql://x"}, nil, nil, "--database"},
		{"webhooks from env", nil, map[string]string{
			"NEWSSCRIBE_WEBHOOK_URL": "https://cms.example/hook", "NEWSSCRIBE_WEBHOOK_RETRY": "1s, 1m",
			"NEWSSCRIBE_WEBHOOK_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "NEWSSCRIBE_BLOB_STORE": "s3://b/p?region=eu-west-3",
		}, func(c api.Config) bool {
			return c.WebhookURL == "https://cms.example/hook" && len(c.WebhookRetry) == 2 && c.WebhookRetry[1] == time.Minute &&
				c.BlobStore == "s3://b/p?region=eu-west-3"
		}, ""},
		{"bad webhook secret", []string{"--webhook-secret", "hunter2"}, nil, nil, "--webhook-secret"},
		{"bad webhook url", []string{"--webhook-url", "cms.example/hook"}, nil, nil, "--webhook-url"},
		{"bad blob store", []string{"--blob-store", "/mnt/bucket"}, nil, nil, "--blob-store"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := api.DefaultConfig()
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			c.Flags(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			err := api.ApplyEnv(fs, func(k string) string { return tc.env[k] })
			if err == nil {
				err = c.Validate()
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("got error %v, want one line naming %s", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(c) {
				t.Errorf("got %+v", c)
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
