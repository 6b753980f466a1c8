package webhook

import "net/http"

// StreamClient is Client for reading a long response body, such as a live
// audio stream: the same checked dialer, no proxy, redirects checked, the
// same connect and response-header timeouts, but no limit on the whole
// exchange (the caller bounds how long the body may stay idle).
func (p Policy) StreamClient() *http.Client {
	c := p.Client()
	c.Timeout = 0
	return c
}
