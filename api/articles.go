package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
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

// recordingJSON is one recording an article is attached to.
type recordingJSON struct {
	ID        string       `json:"id"`
	Filename  string       `json:"filename,omitempty"`
	Status    store.Status `json:"status"`
	CreatedAt time.Time    `json:"created_at"`
}

// articleInput is the body of POST and PUT: the fields of
// newsroom.ArticleEdit, with their JSON names.
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

// bindArticle decodes an article's JSON; it answers 400, 413 or 415 itself.
func (s *server) bindArticle(c *gin.Context) (newsroom.ArticleEdit, bool) {
	var in articleInput
	if !bindJSON(c, &in, maxArticleJSON, "article") {
		return newsroom.ArticleEdit{}, false
	}
	return newsroom.ArticleEdit(in), true
}

// createArticle is POST /v1/articles.
func (s *server) createArticle(c *gin.Context) {
	e, ok := s.bindArticle(c)
	if !ok {
		return
	}
	a, err := s.Newsroom.CreateArticle(c.Request.Context(), e)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/v1/articles/"+a.ID)
	c.JSON(http.StatusCreated, toArticleJSON(a))
}

// article loads the article named by the :id parameter, answering 404 itself.
func (s *server) article(c *gin.Context) *store.Article {
	a, err := s.Newsroom.Article(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return nil
	}
	return a
}

func (s *server) getArticle(c *gin.Context) {
	if a := s.article(c); a != nil {
		out := toArticleJSON(a)
		jobs, err := s.Newsroom.Recordings(c.Request.Context(), a.ID)
		if err != nil {
			s.internal(c, err)
			return
		}
		out.Recordings = make([]recordingJSON, len(jobs))
		for i, j := range jobs {
			out.Recordings[i] = recordingJSON{ID: j.ID, Filename: j.Filename, Status: j.Status, CreatedAt: j.CreatedAt}
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

// updateArticle is PUT /v1/articles/{id}: it changes the given fields. A
// new body is re-aligned to the attached transcript at once, without
// running speech recognition again.
func (s *server) updateArticle(c *gin.Context) {
	a := s.article(c)
	if a == nil {
		return
	}
	e, ok := s.bindArticle(c)
	if !ok {
		return
	}
	if err := s.Newsroom.UpdateArticle(c.Request.Context(), a, e); err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toArticleJSON(a))
}

// deleteArticle is DELETE /v1/articles/{id}.
func (s *server) deleteArticle(c *gin.Context) {
	if err := s.Newsroom.DeleteArticle(c.Request.Context(), c.Param("id")); err != nil {
		s.fail(c, err)
		return
	}
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
	sub, ok := s.submission(c, u, store.TaskTranscribe)
	if !ok {
		return
	}
	sub.ArticleID = a.ID
	j, created, err := s.Newsroom.Submit(c.Request.Context(), sub)
	s.answerSubmit(c, j, created, err)
}

// articleJob returns the job attached to the article, answering 404 itself.
func (s *server) articleJob(c *gin.Context) *store.Job {
	a := s.article(c)
	if a == nil {
		return nil
	}
	if a.JobID == "" {
		abort(c, http.StatusNotFound, errcode.NoRecording, "no recording has been uploaded for this article")
		return nil
	}
	j, err := s.Store.Job(c.Request.Context(), a.JobID)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, errcode.NoRecording, "no recording has been uploaded for this article")
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
