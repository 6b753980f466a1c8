package api

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/publicurl"
)

// Signer signs share links (package share's Signer).
type Signer interface {
	Sign(id string, now time.Time) (token string, expires time.Time)
}

// shareJSON answers POST /v1/transcriptions/{id}/share.
type shareJSON struct {
	Object string `json:"object"`
	// URL opens the job's recording and transcript without an API key until
	// ExpiresAt; add ?t=SECONDS or ?quote=N to start at a moment.
	URL       string    `json:"url"`
	Token     string    `json:"token"`
	ExpiresAt time.Time `json:"expires_at"`
}

// createShare signs a link to job :id, published or not, for people
// without an API key (the page at /share/TOKEN).
func (s *server) createShare(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	if s.Share == nil {
		abort(c, http.StatusServiceUnavailable, errcode.SharingOff, "this server signs no share links (it runs without the web page)")
		return
	}
	tok, exp := s.Share.Sign(j.ID, time.Now())
	c.JSON(http.StatusCreated, shareJSON{Object: "share", URL: publicurl.Root(c.Request, s.PublicURL, s.TrustProxy) + "/share/" + url.PathEscape(tok), Token: tok, ExpiresAt: exp.UTC()})
}
