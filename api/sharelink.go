package api

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/publicurl"
	"github.com/newsscribe/newsscribe/share"
)

// Signer signs and revokes share links (package share's Signer).
type Signer interface {
	Sign(id string, now time.Time) (token string, expires time.Time)
	Revoke(ctx context.Context, r share.RevocationList, jobID, token string, now time.Time) error
	RevokeAll(ctx context.Context, r share.RevocationList, jobID string, now time.Time) error
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
	if !s.sharing(c) {
		return
	}
	tok, exp := s.Share.Sign(j.ID, time.Now())
	c.JSON(http.StatusCreated, shareJSON{Object: "share", URL: publicurl.Root(c.Request, s.PublicURL, s.TrustProxy) + "/share/" + url.PathEscape(tok), Token: tok, ExpiresAt: exp.UTC()})
}

// revokeShare is DELETE /v1/transcriptions/{id}/share: {"token": "…"} (or
// the link as "url") revokes that link; {"all": true} every link of the
// job made so far. 204 when done. The revocations are kept in the store,
// which the signer's Verify consults (server wires it).
func (s *server) revokeShare(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	if !s.sharing(c) {
		return
	}
	var in struct {
		Token string `json:"token"`
		URL   string `json:"url"`
		All   bool   `json:"all"`
	}
	if !bindJSON(c, &in, 8<<10, "revocation") {
		return
	}
	token := in.Token
	if token == "" && in.URL != "" {
		if u, err := url.Parse(in.URL); err == nil {
			_, token, _ = strings.Cut(u.Path, "/share/")
			token, _, _ = strings.Cut(token, "/")
		}
	}
	if (token == "") == !in.All {
		abort(c, http.StatusBadRequest, errcode.BadRequest, `send {"token": "…"} (or the link as {"url": "…"}) to revoke one link, or {"all": true} to revoke every link made so far`)
		return
	}
	var err error
	if in.All {
		err = s.Share.RevokeAll(c.Request.Context(), s.Store, j.ID, time.Now())
	} else {
		err = s.Share.Revoke(c.Request.Context(), s.Store, j.ID, token, time.Now())
	}
	switch {
	case errors.Is(err, share.ErrInvalid), errors.Is(err, share.ErrOtherJob):
		abortParam(c, http.StatusBadRequest, errcode.InvalidValue, "token", "token: "+err.Error())
	case err != nil:
		s.internal(c, err)
	default:
		c.Status(http.StatusNoContent)
	}
}

// sharing reports whether the server signs share links; it answers 503
// itself when it does not.
func (s *server) sharing(c *gin.Context) bool {
	if s.Share == nil {
		abort(c, http.StatusServiceUnavailable, errcode.SharingOff, "this server signs no share links (it runs without the web page)")
		return false
	}
	return true
}
