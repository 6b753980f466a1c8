package api

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// attachArticle is PUT /v1/transcriptions/{id}/article: attach or replace
// the article of a finished job ({"article_id": "art_…"} or {"article":
// "text"}) and re-align it from the current transcript, without ASR.
func (s *server) attachArticle(c *gin.Context) {
	j := s.doneJob(c)
	if j == nil {
		return
	}
	var in struct {
		ArticleID string `json:"article_id"`
		Article   string `json:"article"`
	}
	if !bindJSON(c, &in, maxArticleJSON, "article") {
		return
	}
	if (in.ArticleID == "") == (strings.TrimSpace(in.Article) == "") {
		abort(c, http.StatusBadRequest, errcode.BadRequest, `send {"article_id": "art_…"} or {"article": "the article text"}, one of them`)
		return
	}
	s.setJobArticle(c, j, in.ArticleID, in.Article)
}

// detachArticle is DELETE /v1/transcriptions/{id}/article.
func (s *server) detachArticle(c *gin.Context) {
	if j := s.doneJob(c); j != nil {
		s.setJobArticle(c, j, "", "")
	}
}

func (s *server) setJobArticle(c *gin.Context, j *store.Job, articleID, text string) {
	if err := s.Newsroom.AttachArticle(c.Request.Context(), j, articleID, text); err != nil {
		s.fail(c, err)
		return
	}
	s.answerJob(c, j.ID, http.StatusOK)
}

// answerJob answers with the job as stored now.
func (s *server) answerJob(c *gin.Context, id string, status int) {
	j, err := s.Store.Job(c.Request.Context(), id)
	if err != nil {
		s.internal(c, err)
		return
	}
	out := toJobJSON(j)
	if j.ArticleID != "" {
		if a, err := s.Store.Article(c.Request.Context(), j.ArticleID); err == nil {
			out.Title = a.Title
		}
	}
	c.JSON(status, out)
}

// importTranscript is POST /v1/imports: a transcript made elsewhere (form
// part "transcript": SubRip, WebVTT, OpenAI verbose_json or this project's
// JSON; "format" names it, else it is detected), optionally with its
// recording ("file") and an article ("article_id", or "article" with an
// optional "title" to store it). The job is done at once: aligned, checked,
// searchable and editable like a recognised one.
func (s *server) importTranscript(c *gin.Context) {
	u := s.readForm(c, false, "transcript")
	if u == nil {
		return
	}
	raw := u.field("transcript")
	if strings.TrimSpace(raw) == "" {
		abort(c, http.StatusBadRequest, errcode.MissingTranscript, "the form part named transcript (an SRT, WebVTT, verbose_json or JSON file) is required")
		return
	}
	im := newsroom.Import{Transcript: raw, Language: u.field("language"),
		Upload:    newsroom.Upload{SHA256: u.sha, Size: u.size, Filename: u.filename},
		ArticleID: u.field("article_id"), ArticleText: u.field("article"), Title: u.field("title")}
	switch v := u.field("format"); v {
	case "":
	case "verbose_json":
		im.Format = transcribe.FormatVerboseJSON
	default:
		var err error
		if im.Format, err = transcribe.ParseFormat(v); err != nil || im.Format == transcribe.FormatText {
			abort(c, http.StatusBadRequest, errcode.BadFormat, "format must be srt, vtt, verbose_json or json (or empty to detect it)")
			return
		}
	}
	j, err := s.Newsroom.Import(c.Request.Context(), im)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/v1/transcriptions/"+j.ID)
	s.answerJob(c, j.ID, http.StatusCreated)
}
