package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
)

// Verifier checks a share token and returns the job id it opens (package
// share's Signer); its errors are shown to the person who followed the
// link.
type Verifier interface {
	Verify(token string, now time.Time) (string, error)
}

// ShareSource gives the share pages a job, published or not, in the shape
// of an embedded article (its article's title, or the recording's name; the
// alignment, or the transcript's segments as sentences). The api store
// implements it; a missing job is store.ErrNotFound.
type ShareSource interface {
	ShareJob(ctx context.Context, id string) (*store.EmbedArticle, error)
}

// RegisterShare mounts the pages of signed share links on r:
//
//	GET /share/:token         the embed page of the job the token names
//	GET /share/:token/audio   its recording (Range requests)
//
// A token that is forged, malformed or expired is answered 403 with the
// reason; ?t= and ?quote= start the page at a moment, as on the embed.
func RegisterShare(r gin.IRouter, src ShareSource, v Verifier) {
	h := newHandler(nil, basePath(r))
	s := &sharer{handler: h, src: src, v: v}
	for _, p := range []struct {
		path string
		f    gin.HandlerFunc
	}{{"/share/:token", s.page}, {"/share/:token/audio", s.audio}} {
		r.GET(p.path, p.f)
		r.HEAD(p.path, p.f)
	}
}

type sharer struct {
	*handler
	src ShareSource
	v   Verifier
}

// job verifies the :token parameter and loads its job, answering 403, 404
// or 500 itself.
func (s *sharer) job(c *gin.Context) (*store.EmbedArticle, bool) {
	c.Header("Cache-Control", "private, no-store")
	c.Header("Referrer-Policy", "no-referrer")
	id, err := s.v.Verify(c.Param("token"), time.Now())
	if err != nil {
		c.Data(http.StatusForbidden, "text/plain; charset=utf-8", []byte("403: "+err.Error()+"\n"))
		c.Abort()
		return nil, false
	}
	a, err := s.src.ShareJob(c.Request.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && a == nil):
		writeError(c, http.StatusNotFound, errcode.NotFound, "the recording this link shared has been deleted")
		return nil, false
	case err != nil:
		_ = c.Error(fmt.Errorf("share job %q: %w", id, err))
		writeError(c, http.StatusInternalServerError, errcode.Internal, "the recording could not be loaded; try again later")
		return nil, false
	}
	return a, true
}

func (s *sharer) page(c *gin.Context) {
	a, ok := s.job(c)
	if !ok {
		return
	}
	al := alignment(a)
	self := s.base + "/share/" + url.PathEscape(c.Param("token"))
	v := embedView{Title: a.Title, Static: s.base + "/static", Lang: "ar", Share: true}
	if a.AudioPath != "" {
		v.AudioURL, v.AudioType = self+"/audio", a.AudioType
	}
	s.render(c, a, al, v)
}

func (s *sharer) audio(c *gin.Context) {
	if a, ok := s.job(c); ok {
		s.serveAudio(c, a, "private, max-age=300")
	}
}
