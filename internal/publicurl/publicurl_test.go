package publicurl_test

import (
	"net/http/httptest"
	"testing"

	"github.com/newsscribe/newsscribe/internal/publicurl"
)

func TestRoot(t *testing.T) {
	tests := []struct {
		name, public string
		trust        bool
		header       map[string]string
		want         string
	}{
		{"request host", "", false, nil, "http://forged.example"},
		{"forwarded ignored", "", false, map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "evil.example"}, "http://forged.example"},
		{"forwarded trusted", "", true, map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Host": "proxy.example, other"}, "https://proxy.example"},
		{"public wins", "https://news.example.com/audio", true, map[string]string{"X-Forwarded-Host": "evil.example"}, "https://news.example.com/audio"},
		{"public without path", "https://news.example.com", false, nil, "https://news.example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/x", nil)
			r.Host = "forged.example"
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			if got := publicurl.Root(r, tt.public, tt.trust); got != tt.want {
				t.Errorf("Root = %q, want %q", got, tt.want)
			}
		})
	}
}
