// Package publicurl says where readers reach the server: the absolute URLs
// that the embed, oEmbed and share links write, and that CMSes and caches
// keep. One owner, so that no handler trusts a forged Host on its own.
package publicurl

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Origin is the scheme and host readers reach the server by: public's
// (a --public-url, checked by Parse) when it has a host;
// without one, the request's Host, and X-Forwarded-Proto and
// X-Forwarded-Host only when trustProxy is set (any client can send them).
func Origin(r *http.Request, public string, trustProxy bool) string {
	if u, err := url.Parse(public); err == nil && u.Host != "" {
		return u.Scheme + "://" + u.Host
	}
	scheme, host := "http", r.Host
	if r.TLS != nil {
		scheme = "https"
	}
	if trustProxy {
		if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
			scheme = p
		}
		if fh, _, _ := strings.Cut(r.Header.Get("X-Forwarded-Host"), ","); strings.TrimSpace(fh) != "" {
			host = strings.TrimSpace(fh)
		}
	}
	return scheme + "://" + host
}

// Root is the absolute URL of the server's root without a trailing slash:
// Origin and public's path prefix.
func Root(r *http.Request, public string, trustProxy bool) string {
	return Origin(r, public, trustProxy) + Path(public)
}

// Path is public's path prefix without its trailing slash ("" for none).
func Path(public string) string {
	if u, err := url.Parse(public); err == nil && u.Host != "" {
		return strings.TrimSuffix(u.EscapedPath(), "/")
	}
	return ""
}

// Parse checks a public URL (--public-url): an absolute http or https URL with
// a host and at most a path prefix (no user, query or fragment). It returns
// the URL without a trailing slash, ready to prefix paths with.
func Parse(s string) (string, error) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", errors.New("want an absolute URL such as https://news.example.com")
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("want an http:// or https:// URL, got %q", s)
	case u.Host == "":
		return "", fmt.Errorf("want a host in %q, e.g. https://news.example.com", s)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "":
		return "", fmt.Errorf("want only scheme, host and path in %q", s)
	}
	return strings.TrimSuffix(u.Scheme+"://"+u.Host+u.EscapedPath(), "/"), nil
}
