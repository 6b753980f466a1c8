// Package webhook signs and sends the API's event notifications as the
// Standard Webhooks specification (standardwebhooks.com) says, so that
// receivers verify them with its published libraries: headers webhook-id,
// webhook-timestamp and webhook-signature "v1,<base64 HMAC-SHA256 of
// id.timestamp.body>" under a secret given as "whsec_<base64>".
//
// The sending client is guarded against reaching inside the network
// (guard.go): every connection's resolved address is checked, on the first
// request and on every redirect, so a callback URL whose name resolves to a
// private address — or that redirects to one — is refused.
package webhook

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SecretPrefix starts a secret in the Standard Webhooks form.
const SecretPrefix = "whsec_"

// MinSecretBytes is the shortest secret key accepted (the specification
// asks for 24 to 64 random bytes).
const MinSecretBytes = 16

// ParseSecret decodes a signing secret: "whsec_" followed by base64 (what
// the reference libraries take), or the base64 alone.
func ParseSecret(s string) ([]byte, error) {
	b64 := strings.TrimPrefix(strings.TrimSpace(s), SecretPrefix)
	key, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, errors.New("webhook secret: want whsec_ followed by base64 (e.g. whsec_$(head -c 32 /dev/urandom | base64))")
	}
	if len(key) < MinSecretBytes {
		return nil, fmt.Errorf("webhook secret: %d bytes after base64 decoding; want at least %d", len(key), MinSecretBytes)
	}
	return key, nil
}

// Sign returns the webhook-signature header value for a message: "v1,"
// and the base64 HMAC-SHA256 of "id.timestamp.body" under key.
func Sign(key []byte, id string, ts time.Time, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(strconv.FormatInt(ts.Unix(), 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// MaxResponseBytes is how much of a receiver's answer is read (and
// discarded) so the connection can be reused; the rest is not read.
const MaxResponseBytes = 64 << 10

// Result is the outcome of one delivery attempt.
type Result struct {
	// Status is the receiver's HTTP status, 0 when none was received.
	Status int
	// Duration is how long the attempt took.
	Duration time.Duration
}

// OK reports whether the receiver accepted the message (a 2xx status).
func (r Result) OK() bool { return r.Status >= 200 && r.Status < 300 }

// Send POSTs body (JSON) to url with the Standard Webhooks headers, signed
// at now with key (no signature header when key is nil). It returns the
// receiver's status; err is set when no answer came (refused address,
// timeout, connection error) or the answer was not a 2xx.
func Send(ctx context.Context, client *http.Client, url string, key []byte, id string, now time.Time, body []byte) (Result, error) {
	began := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Result{}, fmt.Errorf("webhook request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "newsscribe-webhook")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", strconv.FormatInt(now.Unix(), 10))
	if key != nil {
		req.Header.Set("webhook-signature", Sign(key, id, now, body))
	}
	resp, err := client.Do(req)
	if err != nil {
		return Result{Duration: time.Since(began)}, fmt.Errorf("webhook post: %w", err)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, MaxResponseBytes))
	resp.Body.Close()
	res := Result{Status: resp.StatusCode, Duration: time.Since(began)}
	if !res.OK() {
		return res, fmt.Errorf("webhook post: receiver answered %s", resp.Status)
	}
	return res, nil
}
