package api

import (
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/webhook"
)

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
