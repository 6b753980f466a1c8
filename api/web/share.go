package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/share"
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
// A token that is forged, malformed or expired is answered 403 with a page
// that says why in Arabic (and in English beneath); ?quote=N opens the page
// on the article's N-th quotation with its verdict and evidence, ?t= starts
// the recording at a moment. Unlike the public embed, which lists only
// quotations said as printed, the share page shows every quotation with
// its verdict: it is for the newsroom and whoever it sends the link to.
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
// or 500 itself with a page in Arabic (the reason in English beneath).
func (s *sharer) job(c *gin.Context) (*store.EmbedArticle, bool) {
	c.Header("Cache-Control", "private, no-store")
	c.Header("Referrer-Policy", "no-referrer")
	id, err := s.v.Verify(c.Param("token"), time.Now())
	if err != nil {
		ar := "هذا الرابط غير صالح: ربما نُسخ ناقصًا أو غُيّر فيه حرف. اطلب من غرفة الأخبار رابطًا جديدًا."
		if errors.Is(err, share.ErrExpired) {
			ar = "انتهت صلاحية هذا الرابط. اطلب من غرفة الأخبار رابطًا جديدًا."
		}
		s.fail(c, http.StatusForbidden, ar, err.Error())
		return nil, false
	}
	a, err := s.src.ShareJob(c.Request.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && a == nil):
		s.fail(c, http.StatusNotFound, "حُذف التسجيل الذي يشاركه هذا الرابط.", "the recording this link shared has been deleted")
		return nil, false
	case err != nil:
		_ = c.Error(fmt.Errorf("share job %q: %w", id, err))
		s.fail(c, http.StatusInternalServerError, "تعذّر تحميل التسجيل الآن. أعد المحاولة بعد قليل.", "the recording could not be loaded; try again later")
		return nil, false
	}
	return a, true
}

// errorView is the page of a share link that cannot be opened.
type errorView struct {
	Static, Title, Arabic, English string
}

// fail answers status with a page that says, in Arabic first, why the link
// does not open and what to do.
func (s *sharer) fail(c *gin.Context, status int, ar, en string) {
	var buf bytes.Buffer
	v := errorView{Static: s.base + "/static", Title: "تعذّر فتح الرابط", Arabic: ar, English: en}
	if err := s.tmpl.ExecuteTemplate(&buf, "error.html", v); err != nil {
		_ = c.Error(fmt.Errorf("share error page: %w", err))
		c.AbortWithStatus(status)
		return
	}
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", embedCSP)
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
	c.Abort()
}

// page is the share page: every quotation of the job's article with its
// verdict and evidence, opened on the one ?quote=N names (or at ?t=); a
// recording without an article lists its sentences.
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
	sv := newShareView(v, al, c.Query("quote"))
	if len(al.Quotes) == 0 {
		for _, st := range al.Sentences {
			if timed(st.TimedSpan) {
				sv.Items = append(sv.Items, embedItem{Text: st.Text, Start: *st.Start, End: *st.End, Partial: st.Status == align.StatusPartial})
			}
		}
	}
	if sv.StartAt == nil {
		if at, ok := moment(c.Query("t"), "", nil); ok {
			sv.StartAt = &at
		}
	}
	s.write(c, a, "share.html", sv, true)
}

func (s *sharer) audio(c *gin.Context) {
	if a, ok := s.job(c); ok {
		s.serveAudio(c, a, "private, max-age=300")
	}
}
