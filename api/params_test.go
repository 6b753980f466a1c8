package api_test

import (
	"testing"

	"github.com/newsscribe/newsscribe/api"
)

func TestPublicModelName(t *testing.T) {
	t.Parallel()
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
