package api

import (
	"github.com/newsscribe/newsscribe/internal/bytesize"
	"github.com/newsscribe/newsscribe/internal/errcode"

	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"time"

	"github.com/gin-gonic/gin"
)

// crossOrigin refuses a state-changing request (POST, PUT, PATCH, DELETE)
// that a browser sent from another site — by Sec-Fetch-Site, or by an
// Origin that is neither this host nor Deps.PublicURL — unless it carries a
// valid API key (auth runs first): a form or a fetch on another site can
// make a browser send a "simple" request with the user's network position,
// never with a key it does not have. Requests without either header (curl,
// SDKs) are not from a browser and pass. It is net/http's
// CrossOriginProtection, answered in the API's error shape.
func (s *server) crossOrigin() gin.HandlerFunc {
	p := http.NewCrossOriginProtection()
	if u, err := url.Parse(s.PublicURL); err == nil && u.Host != "" {
		// Behind a proxy that rewrites Host, the page's origin is the public one.
		_ = p.AddTrustedOrigin(u.Scheme + "://" + u.Host)
	}
	return func(c *gin.Context) {
		if p.Check(c.Request) == nil {
			return
		}
		if _, ok := c.Get(keyNameContext); ok {
			return
		}
		abort(c, http.StatusForbidden, errcode.CrossOrigin,
			"cross-site request refused: a page on another site may not change data here; call the API directly or send an API key (Authorization: Bearer)")
	}
}

// requireJSON answers 415 unless the request says its body is JSON: a form
// on another site can post text/plain or urlencoded bodies without a CORS
// preflight, never application/json.
func requireJSON(c *gin.Context) bool {
	mt, _, err := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if err != nil || mt != "application/json" {
		abort(c, http.StatusUnsupportedMediaType, errcode.UnsupportedMediaType, "send the body as JSON with Content-Type: application/json")
		return false
	}
	return true
}

// SlowBodyError is the error a request body read returns when the client
// sent nothing for the idle timeout or fell below the minimum mean rate.
type SlowBodyError struct {
	// Idle is the idle timeout and Rate the minimum rate in bytes per second
	// (0: none) that were in force.
	Idle time.Duration
	Rate int64
	Err  error
}

func (e *SlowBodyError) Error() string {
	if e.Rate > 0 {
		return fmt.Sprintf("request body too slow: nothing for %s, or below %s/s", e.Idle, bytesize.Format(e.Rate))
	}
	return fmt.Sprintf("request body too slow: nothing for %s", e.Idle)
}

func (e *SlowBodyError) Unwrap() error { return e.Err }

// bodyDeadline sets the connection's read deadline while a request body
// arrives: at most idle after the last byte, and no later than idle plus the
// time the bytes so far take at rate (a client trickling a byte at a time
// falls behind that at once). A read past the deadline fails with
// *SlowBodyError, which the handlers answer with 408; the deadline is lifted
// when the body ends, so a handler may then wait as long as it needs (the
// synchronous OpenAI endpoint) while net/http watches the connection.
func (s *server) bodyDeadline() gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.Request.Body == nil || c.Request.Body == http.NoBody || c.Request.ContentLength == 0 {
			return
		}
		b := &deadlineBody{rc: http.NewResponseController(c.Writer), body: c.Request.Body,
			idle: s.BodyIdleTimeout, rate: s.MinUploadRate, start: time.Now()}
		if b.extend(0) != nil {
			return // not a real connection (a handler test's recorder)
		}
		c.Request.Body = b
	}
}

type deadlineBody struct {
	rc    *http.ResponseController
	body  io.ReadCloser
	idle  time.Duration
	rate  int64
	start time.Time
	n     int64 // bytes read so far
	done  bool  // the body ended or timed out: the deadline is no longer ours
}

// extend moves the read deadline after n more bytes have arrived.
func (b *deadlineBody) extend(n int) error {
	b.n += int64(n)
	now := time.Now()
	d := now.Add(b.idle)
	if b.rate > 0 {
		if byRate := b.start.Add(b.idle + time.Duration(float64(b.n)/float64(b.rate)*float64(time.Second))); byRate.Before(d) {
			d = byRate
		}
	}
	return b.rc.SetReadDeadline(d)
}

func (b *deadlineBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	if b.done {
		return n, err
	}
	switch {
	case err == io.EOF:
		// The whole body is in: no deadline for the rest of the request
		// (net/http clears it too as it starts watching the connection).
		b.done = true
		_ = b.rc.SetReadDeadline(time.Time{})
	case errors.Is(err, os.ErrDeadlineExceeded):
		b.done = true
		return n, &SlowBodyError{Idle: b.idle, Rate: b.rate, Err: err}
	case n > 0:
		_ = b.extend(n)
	}
	return n, err
}

func (b *deadlineBody) Close() error { return b.body.Close() }

// slowBody answers 408 when err is a *SlowBodyError and reports whether it did.
func slowBody(c *gin.Context, err error) bool {
	var slow *SlowBodyError
	if !errors.As(err, &slow) {
		return false
	}
	c.Header("Connection", "close")
	abort(c, http.StatusRequestTimeout, errcode.BodyTimeout, slow.Error()+"; send the body without pauses")
	return true
}
