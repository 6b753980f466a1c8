package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// deleteFinishedJob is DELETE /v1/transcriptions/{id} on a job that is done,
// failed or canceled: the job goes with its recording (unless another job
// uses the same upload), renditions, revisions, alignment and search entries.
func (s *server) deleteFinishedJob(c *gin.Context, j *store.Job) {
	err := s.Store.DeleteJob(c.Request.Context(), j.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		abort(c, http.StatusNotFound, "not_found", "no transcription job with id "+strconv.Quote(j.ID))
	case errors.Is(err, store.ErrConflict):
		abort(c, http.StatusConflict, "not_finished", "the job started again; cancel it first")
	case err != nil:
		s.internal(c, err)
	default:
		c.Status(http.StatusNoContent)
	}
}

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
		abort(c, http.StatusBadRequest, "bad_request", `send {"article_id": "art_…"} or {"article": "the article text"}, one of them`)
		return
	}
	ctx := c.Request.Context()
	if in.ArticleID != "" {
		if _, err := s.Store.Article(ctx, in.ArticleID); errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusNotFound, "not_found", "no article with id "+strconv.Quote(in.ArticleID))
			return
		} else if err != nil {
			s.internal(c, err)
			return
		}
		in.Article = ""
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
	ctx := c.Request.Context()
	old := j.ArticleID
	if err := s.Store.SetJobArticle(ctx, j, articleID, text); errors.Is(err, store.ErrConflict) {
		abort(c, http.StatusConflict, "conflict", "another job already aligns this recording to that article")
		return
	} else if err != nil {
		s.storeError(c, err)
		return
	}
	if old != "" && old != articleID {
		if err := s.Store.ClearArticleJob(ctx, old, j.ID); err != nil {
			s.internal(c, err)
			return
		}
		if err := s.Store.IndexArticle(ctx, old); err != nil {
			s.log.Error("search index not updated", "article", old, "error", err)
		}
	}
	if articleID != "" {
		if err := s.Store.SetArticleJob(ctx, articleID, j.ID); err != nil {
			s.internal(c, err)
			return
		}
	}
	if j.HasArticle() {
		t, _, err := s.Store.JobTranscript(ctx, j)
		if err == nil {
			err = s.alignJob(c, j, t)
		}
		if err != nil {
			s.internal(c, err)
			return
		}
	}
	if err := s.Store.IndexJob(ctx, j.ID); err != nil {
		s.log.Error("search index not updated", "job", j.ID, "error", err)
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
		abort(c, http.StatusBadRequest, "missing_transcript", "the form part named transcript (an SRT, WebVTT, verbose_json or JSON file) is required")
		return
	}
	var f transcribe.Format
	switch v := u.field("format"); v {
	case "":
	case "verbose_json":
		f = transcribe.FormatVerboseJSON
	default:
		var err error
		if f, err = transcribe.ParseFormat(v); err != nil || f == transcribe.FormatText {
			abort(c, http.StatusBadRequest, "bad_format", "format must be srt, vtt, verbose_json or json (or empty to detect it)")
			return
		}
	}
	t, err := transcribe.ReadContext(c.Request.Context(), strings.NewReader(raw), f)
	var (
		re *transcribe.ReadError
		le *transcribe.LimitError
	)
	switch {
	case errors.As(err, &le):
		abortParam(c, http.StatusRequestEntityTooLarge, "too_large", "transcript", "transcript: "+le.Error())
		return
	case errors.As(err, &re):
		abort(c, http.StatusUnprocessableEntity, "bad_transcript", re.Error())
		return
	case err != nil:
		s.internal(c, err)
		return
	}
	if lang := u.field("language"); lang != "" {
		if _, ok := transcribe.Languages[lang]; !ok {
			abortParam(c, http.StatusBadRequest, "invalid_value", "language", fmt.Sprintf("language %q is not one Whisper knows: send an ISO 639-1 code such as ar or en", lang))
			return
		}
		t.Language = lang
	} else if t.Language == "" {
		t.Language = "ar"
	} else if _, ok := transcribe.Languages[t.Language]; !ok {
		abortParam(c, http.StatusUnprocessableEntity, "bad_transcript", "language", fmt.Sprintf("the transcript's language %q is not a code Whisper knows: send the language field (ar, en, …) with the import", t.Language))
		return
	}
	ctx := c.Request.Context()
	articleID, articleText := u.field("article_id"), u.field("article")
	if articleID != "" {
		if _, err := s.Store.Article(ctx, articleID); errors.Is(err, store.ErrNotFound) {
			abort(c, http.StatusNotFound, "not_found", "no article with id "+strconv.Quote(articleID))
			return
		} else if err != nil {
			s.internal(c, err)
			return
		}
		articleText = ""
	}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(t); err != nil {
		s.internal(c, err)
		return
	}
	asr := store.ASRKey(u.sha, "import", t.Language, b.String())
	if err := s.Store.PutTranscript(ctx, asr, t); err != nil {
		s.internal(c, err)
		return
	}
	created := ""
	if articleID == "" && articleText != "" && u.field("title") != "" {
		a := &store.Article{ID: store.NewID("art_"), Title: u.field("title"), Body: articleText}
		if err := s.Store.CreateArticle(ctx, a); err != nil {
			s.storeError(c, err)
			return
		}
		articleID, articleText, created = a.ID, "", a.ID
	}
	filename := u.filename
	if filename == "" {
		if f == "" {
			f = transcribe.DetectFormat([]byte(raw))
		}
		filename = "import." + string(f)
	}
	j := &store.Job{ID: store.NewID("tr_"), AudioSHA256: u.sha, AudioBytes: u.size, Filename: filename, Model: "import",
		Language: t.Language, ASRKey: asr, DedupKey: store.DedupKey(asr, articleID, articleText), ArticleID: articleID,
		ArticleText: articleText, Duration: t.Duration, CreatedAt: time.Now().UTC()}
	if err := s.finishImport(c, j, t); err != nil {
		if created != "" {
			_ = s.Store.DeleteArticle(ctx, created) // nothing is left behind
		}
		if errors.Is(err, store.ErrConflict) {
			abort(c, http.StatusConflict, "conflict", "this transcript was already imported with that article")
			return
		}
		s.storeError(c, err)
		return
	}
	c.Header("Location", "/v1/transcriptions/"+j.ID)
	s.answerJob(c, j.ID, http.StatusCreated)
}

// finishImport stores the imported job as done, aligned and indexed.
func (s *server) finishImport(c *gin.Context, j *store.Job, t *transcribe.Transcript) error {
	ctx := c.Request.Context()
	if err := s.Store.CreateJob(ctx, j); err != nil {
		return err
	}
	if _, err := s.Store.StartJob(ctx, j.ID); err != nil {
		return err
	}
	if j.HasArticle() {
		if err := s.alignJob(c, j, t); err != nil {
			_ = s.Store.FailJob(ctx, j.ID, "internal", err.Error())
			return err
		}
	}
	if err := s.Store.FinishJob(ctx, j.ID, t.Duration, 0); err != nil {
		return err
	}
	if j.ArticleID != "" {
		if err := s.Store.SetArticleJob(ctx, j.ArticleID, j.ID); err != nil {
			return err
		}
	}
	if err := s.Store.IndexJob(ctx, j.ID); err != nil {
		s.log.Error("search index not updated", "job", j.ID, "error", err)
	}
	if j.ArticleID != "" {
		if err := s.Store.IndexArticle(ctx, j.ArticleID); err != nil {
			s.log.Error("search index not updated", "article", j.ArticleID, "error", err)
		}
	}
	return nil
}

// storeFormArticle stores the article of an upload form: fields title,
// article (the body) and published.
func (s *server) storeFormArticle(c *gin.Context, u *upload, body string) (*store.Article, bool) {
	a := &store.Article{ID: store.NewID("art_"), Title: u.field("title"), Body: body}
	if v := u.field("published"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			abort(c, http.StatusBadRequest, "bad_request", "published must be true or false")
			return nil, false
		}
		a.Published = b
	}
	if err := s.Store.CreateArticle(c.Request.Context(), a); err != nil {
		s.storeError(c, err)
		return nil, false
	}
	if err := s.Store.IndexArticle(c.Request.Context(), a.ID); err != nil {
		s.log.Error("search index not updated", "article", a.ID, "error", err)
	}
	return a, true
}

// articleDeleted takes a deleted article out of the search index and off the
// finished jobs aligned to it (their alignment goes; the recording and
// transcript stay, searchable under the file name).
func (s *server) articleDeleted(c *gin.Context, articleID string) {
	ctx := c.Request.Context()
	if err := s.Store.DeleteArticleIndex(ctx, articleID); err != nil {
		s.log.Error("search index not updated", "article", articleID, "error", err)
	}
	js, err := s.Store.JobsOfArticle(ctx, articleID)
	if err != nil {
		s.log.Error("jobs of a deleted article", "article", articleID, "error", err)
		return
	}
	for _, j := range js {
		if j.Status != store.StatusDone {
			continue // a running job fails to find its article and says so
		}
		if err := s.Store.SetJobArticle(ctx, j, "", ""); err != nil {
			s.log.Error("detach deleted article", "job", j.ID, "error", err)
			continue
		}
		if err := s.Store.IndexJob(ctx, j.ID); err != nil {
			s.log.Error("search index not updated", "job", j.ID, "error", err)
		}
	}
}

// storeError answers an error from storing what a caller sent: a refused
// field (store.FieldError: 413 when too large, else 400), else 500.
func (s *server) storeError(c *gin.Context, err error) {
	var fe *store.FieldError
	switch {
	case errors.As(err, &fe) && errors.Is(err, store.ErrTooLarge):
		abortParam(c, http.StatusRequestEntityTooLarge, "too_large", fe.Field, err.Error())
	case errors.As(err, &fe):
		abortParam(c, http.StatusBadRequest, "invalid_value", fe.Field, err.Error())
	default:
		s.internal(c, err)
	}
}
