package api

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
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
