package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/webhook"
)

// Webhooks is what the handlers need for event notifications;
// *queue.Queue is one.
type Webhooks interface {
	// CheckCallback validates a callback URL before any work is queued.
	CheckCallback(ctx context.Context, url string) error
	// Notify queues an event (queue.EventDone, …) of a job for its receivers.
	Notify(ctx context.Context, jobID, event string) error
}

// maxCallbackURL bounds a callback URL's length.
const maxCallbackURL = 2048

// parseCallback validates an optional callback_url; it answers 400 itself
// (a one-line reason: not http(s), an internal address, a host that does
// not resolve) and returns false.
func (s *server) parseCallback(c *gin.Context, raw string) (string, bool) {
	if raw == "" {
		return "", true
	}
	if s.Webhooks == nil {
		abortParam(c, http.StatusBadRequest, "invalid_value", "callback_url", "callback_url: this server does not send webhooks")
		return "", false
	}
	if len(raw) > maxCallbackURL {
		abortParam(c, http.StatusBadRequest, "invalid_value", "callback_url", "callback_url: longer than 2048 bytes")
		return "", false
	}
	if err := s.Webhooks.CheckCallback(c.Request.Context(), raw); err != nil {
		abortParam(c, http.StatusBadRequest, "invalid_value", "callback_url", err.Error())
		return "", false
	}
	return raw, true
}

// withCallback makes r record url as a callback of the job it creates,
// before the job is queued (so a quick job cannot finish unheard).
func (s *server) withCallback(r *asrRequest, url string) {
	if url == "" {
		return
	}
	prev := r.created
	r.created = func(id string) {
		if err := s.Store.AddCallback(context.Background(), id, url); err != nil {
			s.log.Error("store callback", "job", id, "error", err)
		}
		if prev != nil {
			prev(id)
		}
	}
}

// joinedCallback adds url to a job the request joined (an identical earlier
// request's); a job already finished has its final events queued for it now.
// A job with store.MaxCallbacks callbacks already is answered 409 here
// (false: the answer is given).
func (s *server) joinedCallback(c *gin.Context, j *store.Job, url string) bool {
	ctx := c.Request.Context()
	if url == "" || s.Webhooks == nil {
		return true
	}
	if err := s.Store.AddCallback(ctx, j.ID, url); errors.Is(err, store.ErrTooManyCallbacks) {
		abortParam(c, http.StatusConflict, "too_many_callbacks", "callback_url", "callback_url: the job "+j.ID+" this request joins (the same recording and options) has "+err.Error()+"; send it without callback_url and poll, or follow GET /v1/transcriptions/"+j.ID+"/events")
		return false
	} else if err != nil {
		s.log.Error("store callback", "job", j.ID, "error", err)
		return true
	}
	// Read the state after adding: a job finishing meanwhile either saw the
	// callback or is final here; Notify queues each event once.
	cur, err := s.Store.Job(ctx, j.ID)
	if err != nil {
		return true
	}
	for _, e := range queue.FinalEvents(cur) {
		if err := s.Webhooks.Notify(ctx, cur.ID, e); err != nil && !errors.Is(err, store.ErrNotFound) {
			s.log.Error("queue webhook", "job", cur.ID, "event", e, "error", err)
		}
	}
	return true
}

// notifyAligned queues article.aligned after a re-alignment.
func (s *server) notifyAligned(ctx context.Context, jobID string) {
	if s.Webhooks == nil {
		return
	}
	if err := s.Webhooks.Notify(ctx, jobID, queue.EventAligned); err != nil {
		s.log.Error("queue webhook", "job", jobID, "event", queue.EventAligned, "error", err)
	}
}

// deliveryJSON is one delivery attempt as GET …/webhooks shows it.
type deliveryJSON struct {
	WebhookID  string     `json:"webhook_id"`
	Event      string     `json:"event"`
	URL        string     `json:"url"`
	Attempt    int        `json:"attempt"`
	StatusCode int        `json:"status_code"`
	Delivered  bool       `json:"delivered"`
	Error      string     `json:"error,omitempty"`
	DurationMS int64      `json:"duration_ms"`
	NextRetry  *time.Time `json:"next_attempt_at"`
	CreatedAt  time.Time  `json:"created_at"`
}

// listWebhooks answers the job's delivery log, oldest attempt first.
func (s *server) listWebhooks(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	ds, err := s.Store.Deliveries(c.Request.Context(), j.ID)
	if err != nil {
		s.internal(c, err)
		return
	}
	data := make([]deliveryJSON, len(ds))
	for i, d := range ds {
		data[i] = deliveryJSON{
			WebhookID: d.WebhookID, Event: d.Event, URL: d.URL, Attempt: d.Attempt, StatusCode: d.StatusCode,
			Delivered: d.Error == "", Error: d.Error, DurationMS: d.Duration.Milliseconds(), NextRetry: d.NextAttemptAt,
			CreatedAt: d.CreatedAt,
		}
	}
	c.JSON(http.StatusOK, gin.H{"object": "list", "data": data})
}

// articleCallback validates the callback_url of an article's JSON, when
// given; it answers 400 itself and returns false. save stores it once the
// article is written.
func (s *server) articleCallback(c *gin.Context, in *articleInput) (save func(articleID string) error, ok bool) {
	if in.CallbackURL == nil {
		return func(string) error { return nil }, true
	}
	cb, ok := s.parseCallback(c, *in.CallbackURL)
	if !ok {
		return nil, false
	}
	return func(id string) error { return s.Store.SetCallback(c.Request.Context(), id, cb) }, true
}

// validateWebhooks checks the --webhook-* flags.
func (c Config) validateWebhooks() error {
	if c.WebhookSecret != "" {
		if _, err := webhook.ParseSecret(c.WebhookSecret); err != nil {
			return fmt.Errorf("--webhook-secret: %w", err)
		}
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("--webhook-url: want an http:// or https:// URL, got %q", c.WebhookURL)
		}
	}
	for _, d := range c.WebhookRetry {
		if d <= 0 {
			return fmt.Errorf("--webhook-retry: delays must be positive, got %s", d)
		}
	}
	return nil
}

// webhookConfig is the queue's webhook configuration from c (validated).
func (c Config) webhookConfig() queue.WebhookConfig {
	var key []byte
	if c.WebhookSecret != "" {
		key, _ = webhook.ParseSecret(c.WebhookSecret)
	}
	return queue.WebhookConfig{
		URL: c.WebhookURL, Secret: key, Retry: c.WebhookRetry,
		Policy: webhook.Policy{AllowPrivate: c.WebhookAllowPrivate},
	}
}
