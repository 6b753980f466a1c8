package api

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/export/docx"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// jobJSON is a job as the API shows it.
type jobJSON struct {
	ID       string       `json:"id"`
	Object   string       `json:"object"`
	Status   store.Status `json:"status"`
	Progress int          `json:"progress"`
	// AudioDuration is in seconds; 0 until known.
	AudioDuration float64 `json:"audio_duration"`
	RTF           float64 `json:"rtf,omitempty"`
	Model         string  `json:"model"`
	Language      string  `json:"language"`
	// Task is "translate" for an English machine translation (Whisper's
	// translate task: POST …/translation, /v1/audio/translations); omitted
	// for a transcription.
	Task        string `json:"task,omitempty"`
	Filename    string `json:"filename,omitempty"`
	AudioSHA256 string `json:"audio_sha256"`
	AudioBytes  int64  `json:"audio_bytes"`
	ArticleID   string `json:"article_id,omitempty"`
	// Title is the attached article's title (in lists and library answers).
	Title      string     `json:"title,omitempty"`
	HasArticle bool       `json:"has_article"`
	CreatedAt  time.Time  `json:"created_at"`
	StartedAt  *time.Time `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at"`
	Error      *errorBody `json:"error,omitempty"`
	// Chunks counts the parts of the recording recognised so far; absent
	// before the recording is cut (and for a transcript reused as it is).
	Chunks *chunksJSON `json:"chunks,omitempty"`
	// ETASeconds estimates the time left of a running job from the rate
	// measured since its first chunk began; absent until there is one.
	ETASeconds *float64 `json:"eta_seconds,omitempty"`
	// QuoteVerdicts counts the verdicts of the article's quotations (in
	// lists, for finished jobs with an article).
	QuoteVerdicts map[align.Verdict]int `json:"quote_verdicts,omitempty"`
	Links         jobLinks              `json:"links"`
	// The language Whisper detected, with language auto (translationmodel.go).
	languageView
}

type jobLinks struct {
	Self       string `json:"self"`
	Transcript string `json:"transcript"`
	Alignment  string `json:"alignment,omitempty"`
	Audio      string `json:"audio"`
	// Clips lists the job's clips (POST there makes one).
	Clips string `json:"clips"`
}

func toJobJSON(j *store.Job) jobJSON {
	out := jobJSON{
		ID: j.ID, Object: "transcription", Status: j.Status, Progress: j.Progress, AudioDuration: j.Duration,
		RTF: j.RTF, Model: j.Model, Language: j.Language, Filename: j.Filename, AudioSHA256: j.AudioSHA256,
		Task:       translateTask(j.Task),
		AudioBytes: j.AudioBytes, ArticleID: j.ArticleID, HasArticle: j.HasArticle(), CreatedAt: j.CreatedAt,
		StartedAt: j.StartedAt, FinishedAt: j.FinishedAt,
		Links: jobLinks{
			Self:       "/v1/transcriptions/" + j.ID,
			Transcript: "/v1/transcriptions/" + j.ID + "/transcript",
			Audio:      "/v1/transcriptions/" + j.ID + "/audio",
		},
	}
	if j.HasArticle() {
		out.Links.Alignment = "/v1/transcriptions/" + j.ID + "/alignment"
	}
	out.Links.Clips = "/v1/transcriptions/" + j.ID + "/clips"
	if j.Status == store.StatusFailed {
		out.Error = &errorBody{Code: j.ErrorCode, Type: jobErrorType(j.ErrorCode), Message: j.ErrorMessage}
	}
	if j.Status == store.StatusDone {
		out.Progress = 100
	}
	out.languageView = detectedLanguage(j)
	return out
}

// createTranscription is POST /v1/transcriptions: a recording, its
// recognition parameters and optionally its article (article_id, or
// article with a title to store it, published) and a callback_url.
func (s *server) createTranscription(c *gin.Context) {
	u := s.readUpload(c)
	if u == nil {
		return
	}
	sub, ok := s.submission(c, u, store.TaskTranscribe)
	if !ok {
		return
	}
	sub.ArticleID, sub.ArticleText, sub.Title = u.field("article_id"), u.field("article"), u.field("title")
	if v := u.field("published"); v != "" && sub.ArticleID == "" && sub.ArticleText != "" && sub.Title != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			abort(c, http.StatusBadRequest, errcode.BadRequest, "published must be true or false")
			return
		}
		sub.Published = b
	}
	j, isNew, err := s.Newsroom.Submit(c.Request.Context(), sub)
	s.answerSubmit(c, j, isNew, err)
}

// answerSubmit answers a submission: 202 with a new or running job, 200
// with a done one it joined, or the refusal.
func (s *server) answerSubmit(c *gin.Context, j *store.Job, created bool, err error) {
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/v1/transcriptions/"+j.ID)
	status := http.StatusAccepted
	if !created && j.Status == store.StatusDone {
		status = http.StatusOK
	}
	c.JSON(status, toJobJSON(j))
}

// job loads the job named by the :id parameter, answering 404 itself.
func (s *server) job(c *gin.Context) *store.Job {
	j, err := s.Newsroom.Job(c.Request.Context(), c.Param("id"))
	if err != nil {
		s.fail(c, err)
		return nil
	}
	return j
}

func (s *server) getTranscription(c *gin.Context) {
	if j := s.job(c); j != nil {
		out := toJobJSON(j)
		if err := s.withProgress(c.Request.Context(), j, &out); err != nil {
			s.internal(c, err)
			return
		}
		c.JSON(http.StatusOK, out)
	}
}

// paging reads limit (1–100, default 20) and offset; it answers 400 itself.
func paging(c *gin.Context) (limit, offset int, ok bool) {
	limit, offset = 20, 0
	var err error
	if v := c.Query("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > 100 {
			abort(c, http.StatusBadRequest, errcode.BadRequest, "limit must be an integer from 1 to 100")
			return 0, 0, false
		}
	}
	if v := c.Query("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			abort(c, http.StatusBadRequest, errcode.BadRequest, "offset must be a non-negative integer")
			return 0, 0, false
		}
	}
	return limit, offset, true
}

func (s *server) listTranscriptions(c *gin.Context) {
	limit, offset, ok := paging(c)
	if !ok {
		return
	}
	status := store.Status(c.Query("status"))
	switch status {
	case "", store.StatusQueued, store.StatusRunning, store.StatusDone, store.StatusFailed, store.StatusCanceled:
	default:
		abort(c, http.StatusBadRequest, errcode.BadRequest, "status must be one of queued, running, done, failed, canceled")
		return
	}
	// The library: article titles, q over file names and titles, and a
	// cursor (next_cursor) for pages past the first.
	page, err := s.Store.Library(c.Request.Context(), store.LibraryParams{Status: status, Query: c.Query("q"),
		Limit: limit, Offset: offset, Cursor: c.Query("cursor")})
	if errors.Is(err, store.ErrBadCursor) {
		abort(c, http.StatusBadRequest, errcode.BadCursor, "cursor must be the next_cursor of a previous answer")
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	data := make([]jobJSON, len(page.Entries))
	for i, e := range page.Entries {
		data[i] = toJobJSON(e.Job)
		data[i].Title = e.ArticleTitle
		// Each recording's own verdicts; a list still answers without them.
		if data[i].QuoteVerdicts, err = s.Newsroom.VerdictCounts(c.Request.Context(), e.Job); err != nil {
			s.log.Warn("job list: verdicts not counted", "job", e.ID, "error", err)
		}
	}
	body := gin.H{"object": "list", "data": data, "total": page.Total, "limit": limit, "offset": offset, "next_cursor": nil}
	if page.Next != "" {
		body["next_cursor"] = page.Next
	}
	c.JSON(http.StatusOK, body)
}

// cancelTranscription is POST /v1/transcriptions/{id}/cancel: a queued or
// running job is stopped and stays, canceled (200 with it); a retry
// answers the same. Cancel and DELETE are distinct, so no retry of either
// destroys more than was asked.
func (s *server) cancelTranscription(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	j, err := s.Newsroom.Cancel(c.Request.Context(), j)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toJobJSON(j))
}

// deleteTranscription is DELETE /v1/transcriptions/{id}: the job is
// removed (stopped first when queued or running) with its recording,
// renditions, revisions, alignment and search entries (204). A retried
// DELETE finds nothing: 404.
func (s *server) deleteTranscription(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	if err := s.Newsroom.Delete(c.Request.Context(), j); err != nil {
		s.fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

// jobErrorType is the OpenAI error type of a failed job's error code: the
// upload's fault, or the server's.
func jobErrorType(code errcode.Code) string {
	switch code {
	case errcode.Internal, "timeout":
		return "server_error"
	}
	return "invalid_request_error"
}

// notDone answers 409 for a job without a result yet (or ever).
func notDone(c *gin.Context, j *store.Job) {
	msg := "job is " + string(j.Status) + "; the result exists once it is done"
	switch j.Status {
	case store.StatusFailed:
		msg = "job failed: " + j.ErrorMessage
	case store.StatusCanceled:
		msg = "job was canceled before it finished, so it has no result; submit the recording again"
	}
	abort(c, http.StatusConflict, errcode.NotDone, msg)
}

var contentTypes = map[string]string{
	"json": "application/json; charset=utf-8",
	"srt":  "application/x-subrip; charset=utf-8",
	"vtt":  "text/vtt; charset=utf-8",
	"txt":  "text/plain; charset=utf-8",
	"text": "text/plain; charset=utf-8",
	"html": "text/html; charset=utf-8",
	// report: the quotation check as plain text (alignments only).
	"report": "text/plain; charset=utf-8",
	// docx: the transcript, or the quotation check, as a Word document.
	"docx": docx.ContentType,
}

func (s *server) getTranscript(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	format := c.DefaultQuery("format", "json")
	if _, ok := contentTypes[format]; !ok || format == "html" || format == "text" || format == "report" {
		abort(c, http.StatusBadRequest, errcode.BadFormat, "format must be one of json, srt, vtt, txt, docx")
		return
	}
	var (
		t   *transcribe.Transcript
		err error
	)
	switch lang := c.Query("lang"); lang {
	case "en":
		// The English machine translation (its own job, see translation).
		if t = s.translation(c, j); t == nil {
			return
		}
	case "", "original":
		if j.Status != store.StatusDone {
			notDone(c, j)
			return
		}
		// The current (corrected) revision with its speakers, or the one asked for.
		var rev int
		if t, rev, err = s.currentTranscript(c, j); err != nil {
			s.internal(c, err)
			return
		}
		if t == nil {
			return
		}
		setRevisionHeaders(c, rev)
	default:
		abort(c, http.StatusBadRequest, errcode.BadLang, "lang must be en (the English machine translation) or omitted (the transcript as spoken)")
		return
	}
	var buf bytes.Buffer
	if format == "docx" {
		err = export.WriteTranscript(&buf, t, transcribe.FormatDOCX, s.documentInfo(c, j))
	} else {
		err = writeTranscript(&buf, t, format)
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	attachment(c, s.documentInfo(c, j).Title, export.TranscriptKind(format, t.MachineTranslation), j.ID, format)
	c.Data(http.StatusOK, contentTypes[format], buf.Bytes())
}

func (s *server) getAlignment(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	if !j.HasArticle() {
		abort(c, http.StatusNotFound, errcode.NoArticle, "this job was submitted without an article; there is no alignment")
		return
	}
	s.writeAlignment(c, j)
}

func (s *server) writeAlignment(c *gin.Context, j *store.Job) {
	format := c.DefaultQuery("format", "json")
	if _, ok := contentTypes[format]; !ok || format == "txt" || format == "text" {
		abort(c, http.StatusBadRequest, errcode.BadFormat, "format must be one of json, srt, vtt, html, report, docx")
		return
	}
	if j.Status != store.StatusDone {
		notDone(c, j)
		return
	}
	a, err := s.Store.Alignment(c.Request.Context(), j.ID)
	if err != nil {
		s.internal(c, err)
		return
	}
	var buf bytes.Buffer
	if err := writeAlignment(&buf, a, format, s.documentInfo(c, j)); err != nil {
		s.internal(c, err)
		return
	}
	if format == "html" {
		c.Header("Content-Security-Policy", documentCSP)
	}
	attachment(c, s.documentInfo(c, j).Title, export.AlignmentKind(format), j.ID, format)
	c.Data(http.StatusOK, contentTypes[format], buf.Bytes())
}

func (s *server) getJobAudio(c *gin.Context) {
	if j := s.job(c); j != nil {
		s.serveAudio(c, j)
	}
}

// serveAudio serves the browser-playable MP3 made at job time (Range
// requests supported), or the original upload while it does not exist yet.
// The Content-Type is the one of the format package audio decoded the file
// as (never sniffed by net/http, which would call a polyglot upload
// text/html); the router adds nosniff and a script-free CSP.
func (s *server) serveAudio(c *gin.Context, j *store.Job) {
	ctx, blobs := c.Request.Context(), s.Store.Blobs
	f, modTime, closeFile, err := blobs.Open(ctx, store.PlayKey(j.AudioSHA256))
	format := "mp3"
	if errors.Is(err, blob.ErrNotFound) {
		// The upload itself, typed by sniffing a local copy.
		var path string
		if path, err = blobs.Fetch(ctx, store.AudioKey(j.AudioSHA256)); err == nil {
			if format, err = audio.SniffFile(path); err != nil {
				format = ""
			}
			f, modTime, closeFile, err = blobs.Open(ctx, store.AudioKey(j.AudioSHA256))
		}
	}
	if errors.Is(err, blob.ErrNotFound) {
		abort(c, http.StatusNotFound, errcode.NoAudio, "the recording of this job is no longer stored")
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	defer closeFile()
	disposition := "inline"
	if format == "" {
		disposition = "attachment" // not audio we know: never shown inline
	}
	c.Header("Content-Type", audio.ContentType(format))
	c.Header("Cache-Control", "private, max-age=86400")
	c.Header("Content-Disposition", fmt.Sprintf(`%s; filename="%s%s"`, disposition, j.ID, audioExt(format)))
	http.ServeContent(c.Writer, c.Request, "", modTime, f)
}

// audioExt is the file name extension for a recording of format.
func audioExt(format string) string {
	switch format {
	case "":
		return ".bin"
	case "matroska":
		return ".mka"
	case "mpegts":
		return ".ts"
	case "aac":
		return ".aac"
	}
	return "." + format
}
