package cli_test

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
	"github.com/newsscribe/newsscribe/internal/publicurl"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
)

func TestServeFlagsAndEnv(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(c cli.ServeFlags) bool
		wantErr string
	}{
		{"defaults", nil, nil, func(c cli.ServeFlags) bool {
			return c.Listen == ":8080" && c.Workers == 1 && c.MaxUpload == 1<<30 && c.MaxDuration == 4*time.Hour && len(c.APIKeys) == 0 &&
				c.JobTimeout == 3*time.Hour && c.Model == models.DefaultModel && c.Pipeline().VAD == pipeline.VADAuto && c.LogLevel == "info"
		}, ""},
		{"env", nil, map[string]string{
			"NEWSSCRIBE_LISTEN": "127.0.0.1:9", "NEWSSCRIBE_MAX_UPLOAD": "500MiB", "NEWSSCRIBE_API_KEYS": "a, b",
			"NEWSSCRIBE_MAX_DURATION": "90m", "NEWSSCRIBE_WORKERS": "3", "NEWSSCRIBE_DATABASE": "postgres://u@h/db",
		}, func(c cli.ServeFlags) bool {
			return c.Listen == "127.0.0.1:9" && c.MaxUpload == 500<<20 && strings.Join(c.APIKeys, "|") == "a|b" &&
				c.MaxDuration == 90*time.Minute && c.Workers == 3 && c.Database == "postgres://u@h/db"
		}, ""},
		{"flag wins over env", []string{"--workers", "2"}, map[string]string{"NEWSSCRIBE_WORKERS": "5"}, func(c cli.ServeFlags) bool {
			return c.Workers == 2
		}, ""},
		{"bad env size", nil, map[string]string{"NEWSSCRIBE_MAX_UPLOAD": "lots"}, nil, "NEWSSCRIBE_MAX_UPLOAD"},
		{"zero workers", []string{"--workers", "0"}, nil, nil, "--workers"},
		{"rescue before timeout", []string{"--job-timeout", "1h", "--rescue-after", "30m"}, nil, nil, "--rescue-after"},
		{"mysql", []string{"--database", "mysql://x"}, nil, nil, "--database"},
		{"models and log level", []string{"--model", "/m/ggml-small.bin", "--vad-model", ""}, map[string]string{"NEWSSCRIBE_LOG_LEVEL": "debug", "NEWSSCRIBE_MODELS_DIR": "/m"}, func(c cli.ServeFlags) bool {
			p := c.Pipeline()
			return c.LogLevel == "debug" && p.Model == "/m/ggml-small.bin" && p.VAD == pipeline.VADOff && p.ModelsDir == "/m"
		}, ""},
		{"bad log level", []string{"--log-level", "loud"}, nil, nil, "--log-level"},
		{"security defaults", nil, nil, func(c cli.ServeFlags) bool {
			return c.PublicURL == "" && !c.TrustProxy && !c.PublicMetrics && c.BodyIdleTimeout == 30*time.Second && c.MinUploadRate == 1024
		}, ""},
		{"security env", nil, map[string]string{
			"NEWSSCRIBE_PUBLIC_URL": "https://news.example.com/audio/", "NEWSSCRIBE_PUBLIC_METRICS": "true", "NEWSSCRIBE_MIN_UPLOAD_RATE": "0",
		}, func(c cli.ServeFlags) bool {
			u, err := publicurl.Parse(c.PublicURL)
			return err == nil && u == "https://news.example.com/audio" && c.PublicMetrics && c.MinUploadRate == 0
		}, ""},
		{"public url without scheme", []string{"--public-url", "news.example.com"}, nil, nil, "--public-url"},
		{"public url with query", []string{"--public-url", "https://news.example.com/?a=1"}, nil, nil, "--public-url"},
		{"zero body idle timeout", []string{"--body-idle-timeout", "0s"}, nil, nil, "--body-idle-timeout"},
		{"share defaults", nil, nil, func(c cli.ServeFlags) bool { return c.ShareTTL == 7*24*time.Hour && c.ShareSecret == "" }, ""},
		{"share env", nil, map[string]string{"NEWSSCRIBE_SHARE_SECRET": "0123456789abcdefXYZ", "NEWSSCRIBE_SHARE_TTL": "48h"}, func(c cli.ServeFlags) bool {
			return c.ShareTTL == 48*time.Hour && c.ShareSecret == "0123456789abcdefXYZ"
		}, ""},
		{"short share secret", []string{"--share-secret", "abc"}, nil, nil, "--share-secret"},
		{"zero share ttl", []string{"--share-ttl", "0s"}, nil, nil, "--share-ttl"},
		{"webhooks from env", nil, map[string]string{
			"NEWSSCRIBE_WEBHOOK_URL": "https://cms.example/hook", "NEWSSCRIBE_WEBHOOK_RETRY": "1s, 1m",
			"NEWSSCRIBE_WEBHOOK_SECRET": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "NEWSSCRIBE_BLOB_STORE": "s3://b/p?region=eu-west-3",
		}, func(c cli.ServeFlags) bool {
			return c.WebhookURL == "https://cms.example/hook" && len(c.WebhookRetry) == 2 && c.WebhookRetry[1] == time.Minute &&
				c.BlobStore == "s3://b/p?region=eu-west-3"
		}, ""},
		{"bad webhook secret", []string{"--webhook-secret", "hunter2"}, nil, nil, "--webhook-secret"},
		{"bad webhook url", []string{"--webhook-url", "cms.example/hook"}, nil, nil, "--webhook-url"},
		{"bad blob store", []string{"--blob-store", "/mnt/bucket"}, nil, nil, "--blob-store"},
		{"live default", nil, nil, func(c cli.ServeFlags) bool {
			return c.Live.Sessions == 1 && c.ServerConfig(io.Discard).Live.Sessions == 1
		}, ""},
		{"live off", []string{"--live-sessions", "0"}, nil, func(c cli.ServeFlags) bool {
			return c.ServerConfig(io.Discard).Live.Sessions < 0 // a zero in server.Config is the default
		}, ""},
		{"live from env", nil, map[string]string{"NEWSSCRIBE_LIVE_SESSIONS": "3", "NEWSSCRIBE_LIVE_ALLOW": "radio.example.com, *.tv.example"}, func(c cli.ServeFlags) bool {
			return c.Live.Sessions == 3 && strings.Join(c.Live.Sources.Allow, "|") == "radio.example.com|*.tv.example"
		}, ""},
		{"bad live step", []string{"--live-step", "50ms"}, nil, nil, "--live-step"},
		{"bad live allow", []string{"--live-allow", "http://radio.example.com/x"}, nil, nil, "--live-allow"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := cli.DefaultServeFlags()
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			c.Register(fs)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			err := cli.ApplyEnv(fs, func(k string) string { return tc.env[k] })
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
