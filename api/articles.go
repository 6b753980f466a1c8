package api

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/store"
)

// articleJSON is an article as the API shows and accepts it.
type articleJSON struct {
	ID          string     `json:"id"`
	Object      string     `json:"object"`
	ExternalID  string     `json:"external_id,omitempty"`
	Title       string     `json:"title"`
	Body        string     `json:"body"`
	URL         string     `json:"url,omitempty"`
	PublishedAt *time.Time `json:"published_at"`
	Published   bool       `json:"published"`
	// TranscriptionID is the latest job attached to the article.
	TranscriptionID string `json:"transcription_id,omitempty"`
	// Recordings are the jobs the article is attached to, oldest first
	// (GET of one article only).
	Recordings []recordingJSON `json:"recordings,omitempty"`
	CreatedAt  time.Time       `json:"created_at"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// articleInput is the body of POST and PUT.
type articleInput struct {
	ExternalID  *string    `json:"external_id"`
	Title       *string    `json:"title"`
	Body        *string    `json:"body"`
	URL         *string    `json:"url"`
	PublishedAt *time.Time `json:"published_at"`
	Published   *bool      `json:"published"`
	// CallbackURL receives the events of every recording of the article
	// (webhooks.go); "" removes it.
	CallbackURL *string `json:"callback_url"`
}

func toArticleJSON(a *store.Article) articleJSON {
	return articleJSON{ID: a.ID, Object: "article", ExternalID: a.ExternalID, Title: a.Title, Body: a.Body, URL: a.URL,
		PublishedAt: a.PublishedAt, Published: a.Published, TranscriptionID: a.JobID, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

const maxArticleJSON = 8 << 20

func (s *server) bindArticle(c *gin.Context) (*articleInput, bool) {
	var in articleInput
	if !bindJSON(c, &in, maxArticleJSON, "article") {
		return nil, false
	}
	return &in, true
}

func (in *articleInput) apply(a *store.Article) {
	if in.ExternalID != nil {
		a.ExternalID = strings.TrimSpace(*in.ExternalID)
	}
	if in.Title != nil {
		a.Title = *in.Title
	}
	if in.Body != nil {
		a.Body = *in.Body
	}
	if in.URL != nil {
		a.URL = *in.URL
	}
	if in.PublishedAt != nil {
		t := in.PublishedAt.UTC()
		a.PublishedAt = &t
	}
	if in.Published != nil {
		a.Published = *in.Published
	}
}

func (s *server) createArticle(c *gin.Context) {
	in, ok := s.bindArticle(c)
	if !ok {
		return
	}
	a := &store.Article{ID: store.NewID("art_")}
	in.apply(a)
	if strings.TrimSpace(a.Body) == "" {
		abort(c, http.StatusBadRequest, "bad_request", "body (the article text) is required")
		return
	}
	saveCallback, ok := s.articleCallback(c, in)
	if !ok {
		return
	}
	err := s.Store.CreateArticle(c.Request.Context(), a)
	if err == nil {
		err = saveCallback(a.ID)
	}
	if errors.Is(err, store.ErrConflict) {
		abort(c, http.StatusConflict, "conflict", "an article with external_id "+strconv.Quote(a.ExternalID)+" exists")
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	if err := s.Store.IndexArticle(c.Request.Context(), a.ID); err != nil {
		s.log.Error("search index not updated", "article", a.ID, "error", err)
	}
	c.Header("Location", "/v1/articles/"+a.ID)
	c.JSON(http.StatusCreated, toArticleJSON(a))
}

func (s *server) article(c *gin.Context) *store.Article {
	id := c.Param("id")
	a, err := s.Store.Article(c.Request.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, "not_found", "no article with id "+strconv.Quote(id))
		return nil
	}
	if err != nil {
		s.internal(c, err)
		return nil
	}
	return a
}

func (s *server) getArticle(c *gin.Context) {
	if a := s.article(c); a != nil {
		out := toArticleJSON(a)
		var err error
		if out.Recordings, err = s.articleRecordings(c.Request.Context(), a.ID); err != nil {
			s.internal(c, err)
			return
		}
		c.JSON(http.StatusOK, out)
	}
}

func (s *server) listArticles(c *gin.Context) {
	limit, offset, ok := paging(c)
	if !ok {
		return
	}
	as, total, err := s.Store.ListArticles(c.Request.Context(), c.Query("external_id"), limit, offset)
	if err != nil {
		s.internal(c, err)
		return
	}
	data := make([]articleJSON, len(as))
	for i, a := range as {
		data[i] = toArticleJSON(a)
	}
	c.JSON(http.StatusOK, gin.H{"object": "list", "data": data, "total": total, "limit": limit, "offset": offset})
}

// updateArticle changes the given fields. A new body is re-aligned to the
// attached transcript at once, without running speech recognition again.
func (s *server) updateArticle(c *gin.Context) {
	a := s.article(c)
	if a == nil {
		return
	}
	in, ok := s.bindArticle(c)
	if !ok {
		return
	}
	oldBody := a.Body
	in.apply(a)
	if strings.TrimSpace(a.Body) == "" {
		abort(c, http.StatusBadRequest, "bad_request", "body (the article text) must not be empty")
		return
	}
	saveCallback, ok := s.articleCallback(c, in)
	if !ok {
		return
	}
	ctx := c.Request.Context()
	err := s.Store.UpdateArticle(ctx, a)
	if err == nil {
		err = saveCallback(a.ID)
	}
	if errors.Is(err, store.ErrConflict) {
		abort(c, http.StatusConflict, "conflict", "an article with external_id "+strconv.Quote(a.ExternalID)+" exists")
		return
	} else if err != nil {
		s.internal(c, err)
		return
	}
	if a.Body != oldBody && a.JobID != "" {
		if err := s.realign(c, a); err != nil {
			s.internal(c, err)
			return
		}
	}
	// Title, published and body are in the search index of the article and
	// of its recording's transcript.
	if err := s.Store.IndexArticle(ctx, a.ID); err != nil {
		s.log.Error("search index not updated", "article", a.ID, "error", err)
	}
	if a.JobID != "" {
		if err := s.Store.IndexJob(ctx, a.JobID); err != nil {
			s.log.Error("search index not updated", "job", a.JobID, "error", err)
		}
	}
	c.JSON(http.StatusOK, toArticleJSON(a))
}

// realign aligns the article's new body to its job's stored transcript.
func (s *server) realign(c *gin.Context, a *store.Article) error {
	ctx := c.Request.Context()
	j, err := s.Store.Job(ctx, a.JobID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || j.Status != store.StatusDone {
		return err // a job still running aligns with the body it reads at the end
	}
	t, _, err := s.Store.JobTranscript(ctx, j) // the corrected transcript
	if err != nil {
		return err
	}
	if err := s.alignJob(c, j, t); err != nil {
		return err
	}
	return s.Store.IndexJob(ctx, j.ID)
}

func (s *server) deleteArticle(c *gin.Context) {
	err := s.Store.DeleteArticle(c.Request.Context(), c.Param("id"))
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, "not_found", "no article with id "+strconv.Quote(c.Param("id")))
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	s.articleDeleted(c, c.Param("id"))
	c.Status(http.StatusNoContent)
}

// uploadArticleAudio accepts a recording for the article: a job whose
// transcript is aligned to the article's body.
func (s *server) uploadArticleAudio(c *gin.Context) {
	a := s.article(c)
	if a == nil {
		return
	}
	u := s.readUpload(c)
	if u == nil {
		return
	}
	r, ok := s.parseASR(c, u, store.TaskTranscribe)
	if !ok {
		return
	}
	cb, ok := s.parseCallback(c, u.field("callback_url"))
	if !ok {
		return
	}
	s.withCallback(&r, cb)
	j, created, err := s.submit(c, u, r, a.ID, "")
	if err == nil && !created {
		s.joinedCallback(c.Request.Context(), j, cb)
	}
	s.answerSubmit(c, j, created, err)
	if err == nil {
		if err := s.Store.SetArticleJob(c.Request.Context(), a.ID, j.ID); err != nil {
			s.log.Error("attach job to article", "error", err)
		}
	}
}

// articleJob returns the job attached to the article, answering 404 itself.
func (s *server) articleJob(c *gin.Context) *store.Job {
	a := s.article(c)
	if a == nil {
		return nil
	}
	if a.JobID == "" {
		abort(c, http.StatusNotFound, "no_recording", "no recording has been uploaded for this article")
		return nil
	}
	j, err := s.Store.Job(c.Request.Context(), a.JobID)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, "no_recording", "no recording has been uploaded for this article")
		return nil
	}
	if err != nil {
		s.internal(c, err)
		return nil
	}
	return j
}

func (s *server) getArticleTranscript(c *gin.Context) {
	if j := s.articleJob(c); j != nil {
		s.writeAlignment(c, j)
	}
}

func (s *server) getArticleAudio(c *gin.Context) {
	if j := s.articleJob(c); j != nil {
		s.serveAudio(c, j)
	}
}
