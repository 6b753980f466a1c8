package webhook_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/webhook"
)

// TestSignSpecExample checks Sign against the example of the Standard
// Webhooks specification's reference implementations.
func TestSignSpecExample(t *testing.T) {
	key, err := webhook.ParseSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	if err != nil {
		t.Fatal(err)
	}
	got := webhook.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", time.Unix(1614265330, 0), []byte(`{"test": 2432232314}`))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
}

func TestParseSecret(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not base64", "whsec_***", "base64"},
		{"short", "whsec_c2hvcnQ=", "at least 16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := webhook.ParseSecret(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ParseSecret(%q) = %v, want an error saying %q", tc.in, err, tc.want)
			}
		})
	}
}

// TestClientRefusesInternalAfterResolution: the name localhost passes no
// literal-IP check, but the dialer sees the resolved 127.0.0.1 and refuses.
func TestClientRefusesInternalAfterResolution(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	defer srv.Close()
	u, _ := url.Parse(srv.URL)
	target := "http://localhost:" + u.Port() + "/"
	_, err := webhook.Send(context.Background(), webhook.Policy{}.Client(), target, nil, "msg_1", time.Now(), []byte(`{}`))
	if !errors.Is(err, webhook.ErrForbiddenAddress) {
		t.Fatalf("Send to %s: %v, want ErrForbiddenAddress", target, err)
	}
	if hits != 0 {
		t.Errorf("receiver reached %d times", hits)
	}
	// Allowed explicitly, the same receiver is reached.
	res, err := webhook.Send(context.Background(), webhook.Policy{AllowPrivate: true}.Client(), target, nil, "msg_1", time.Now(), []byte(`{}`))
	if err != nil || !res.OK() || hits != 1 {
		t.Errorf("with AllowPrivate: %+v %v, hits %d", res, err, hits)
	}
}

// TestClientRefusesRedirectInside: a public receiver redirecting to the
// metadata address is not followed.
func TestClientRefusesRedirectInside(t *testing.T) {
	c := webhook.Policy{}.Client()
	req := httptest.NewRequest("POST", "http://169.254.169.254/latest/meta-data/", nil)
	via := []*http.Request{httptest.NewRequest("POST", "http://93.184.215.14/hook", nil)}
	if err := c.CheckRedirect(req, via); !errors.Is(err, webhook.ErrForbiddenAddress) {
		t.Errorf("redirect to metadata: %v, want ErrForbiddenAddress", err)
	}
	req = httptest.NewRequest("POST", "http://93.184.215.14/other", nil)
	if err := c.CheckRedirect(req, via); err != nil {
		t.Errorf("redirect to a public address: %v", err)
	}
}
