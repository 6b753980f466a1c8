package api_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestShareLink: an unpublished job opens to someone without an API key
// only through a signed link; the bare id, a forged or an expired token get
// 403 with the reason, and the link's ?t= starts the page there.
func TestShareLink(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{web: true, keys: []string{"k1"}})
	auth := []string{"Authorization", "Bearer k1"}
	r := ts.upload(t, "/v1/transcriptions", wav(2, 440), map[string]string{"language": "ar"}, auth...)
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID, auth...)

	if r := ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/share", nil, ""); r.status != http.StatusUnauthorized {
		t.Errorf("share without a key: got %d, want 401", r.status)
	}
	r = ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/share", nil, "", auth...)
	var sh struct {
		URL       string    `json:"url"`
		Token     string    `json:"token"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	r.json(t, &sh)
	if r.status != http.StatusCreated || !strings.HasPrefix(sh.URL, ts.URL+"/share/") {
		t.Fatalf("share: got %d %s", r.status, r.body)
	}
	if d := time.Until(sh.ExpiresAt); d < 7*24*time.Hour-time.Minute || d > 7*24*time.Hour {
		t.Errorf("link expires in %s, want 7 days", d)
	}
	path := strings.TrimPrefix(sh.URL, ts.URL)

	page := ts.do(t, "GET", path+"?t=1.5", nil, "")
	if page.status != 200 || !strings.Contains(string(page.body), "الحكومة ستواصل") || !strings.Contains(string(page.body), `data-start-at="1.5"`) {
		t.Fatalf("shared page: got %d %.400s", page.status, page.body)
	}
	if b := string(page.body); strings.Contains(b, "json+oembed") || !strings.Contains(b, `<meta name="robots" content="noindex">`) {
		t.Error("shared page offers oEmbed or lacks noindex: it is not public")
	}
	if cc := page.header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("shared page Cache-Control %q, want private, no-store", cc)
	}
	if a := ts.do(t, "GET", path+"/audio", nil, "", "Range", "bytes=0-9"); a.status != http.StatusPartialContent || len(a.body) != 10 {
		t.Errorf("shared audio: got %d, %d bytes; want 206, 10", a.status, len(a.body))
	}

	forged := sh.Token[:len(sh.Token)-2] + "xx"
	for name, p := range map[string]string{
		"bare job id":         "/share/" + j.ID,
		"forged signature":    "/share/" + forged,
		"forged audio":        "/share/" + forged + "/audio",
		"other job, same sig": "/share/tr_000000000000000000000000" + sh.Token[len(j.ID):],
	} {
		r := ts.do(t, "GET", p, nil, "")
		if r.status != http.StatusForbidden || !strings.Contains(string(r.body), "not valid") || strings.Contains(string(r.body), "الحكومة") {
			t.Errorf("%s: got %d %q, want 403 saying the link is not valid", name, r.status, r.body)
		}
	}
	// A published-only embed route does not open the job either.
	if r := ts.do(t, "GET", "/embed/articles/"+j.ID, nil, ""); r.status != http.StatusNotFound {
		t.Errorf("embed by job id: got %d, want 404", r.status)
	}
}

// TestShareLinkExpired: a link past its lifetime is refused with 403 and
// says it has expired.
func TestShareLinkExpired(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{web: true, shareTTL: time.Nanosecond})
	r := ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar"})
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID)
	r = ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/share", nil, "")
	var sh struct{ URL string }
	r.json(t, &sh)
	r = ts.do(t, "GET", strings.TrimPrefix(sh.URL, ts.URL), nil, "")
	if r.status != http.StatusForbidden || !strings.Contains(string(r.body), "expired") {
		t.Errorf("expired link: got %d %q, want 403 saying it has expired", r.status, r.body)
	}
}
