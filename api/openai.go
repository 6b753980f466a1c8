package api

import (
	"bytes"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api/openai"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// openaiAudio is POST /v1/audio/transcriptions (task transcribe) and
// /v1/audio/translations (task translate: English text), OpenAI's
// synchronous API: the upload becomes an ordinary durable job (same queue,
// same dedup, same worker limit) and the request waits for it, or with
// stream=true (transcriptions only) receives the text as server-sent events
// while the decoder goes. Every parameter is checked before a job exists. If
// the client goes away first, a job created for it is canceled.
func (s *server) openaiAudio(task string) gin.HandlerFunc {
	return func(c *gin.Context) {
		u := s.readUpload(c)
		if u == nil {
			return
		}
		f, err := openai.ParseForm(u.field, func(name string) []string { return u.fields[name] }, task == store.TaskTranslate)
		var fe *openai.FieldError
		if errors.As(err, &fe) {
			abortParam(c, http.StatusBadRequest, fe.Code, fe.Param, fe.Msg)
			return
		}
		r, ok := s.parseASR(c, u, task)
		if !ok {
			return
		}
		sub := newsroom.Submission{Recognition: r,
			Upload: newsroom.Upload{SHA256: u.sha, Size: u.size, Filename: u.filename, Duration: u.duration}}
		var (
			live  <-chan transcribe.Segment
			unsub = func() {}
		)
		if f.Stream && s.Segments != nil {
			sub.Created = func(id string) { live, unsub = s.Segments.Subscribe(id) }
		}
		j, created, err := s.Newsroom.Submit(c.Request.Context(), sub)
		defer unsub()
		if err != nil {
			s.fail(c, err)
			return
		}
		if f.Stream {
			s.streamJob(c, j, created, live)
			return
		}
		ctx := c.Request.Context()
		j, err = s.Newsroom.Wait(ctx, j.ID)
		if err != nil {
			s.Newsroom.CancelAbandoned(ctx, j, created)
			s.internal(c, err)
			return
		}
		if jobFailed(c, j) {
			return
		}
		t, err := s.Store.Transcript(ctx, j.ASRKey)
		if err != nil {
			s.internal(c, err)
			return
		}
		s.writeOpenAI(c, t, f, task)
	}
}

// jobFailed answers for a job that ended without a transcript and reports
// whether it did.
func jobFailed(c *gin.Context, j *store.Job) bool {
	switch j.Status {
	case store.StatusFailed:
		abort(c, failedStatus(j.ErrorCode), j.ErrorCode, j.ErrorMessage)
		return true
	case store.StatusCanceled:
		abort(c, http.StatusConflict, errcode.Canceled, "the transcription was canceled")
		return true
	}
	return false
}

// writeOpenAI renders t in OpenAI's response format f.
func (s *server) writeOpenAI(c *gin.Context, t *transcribe.Transcript, f openai.Form, task string) {
	switch f.Format {
	case "json":
		c.JSON(http.StatusOK, gin.H{"text": t.Text})
	case "text":
		c.Data(http.StatusOK, contentTypes["txt"], []byte(t.Text+"\n"))
	case "srt", "vtt":
		var buf bytes.Buffer
		if err := writeTranscript(&buf, t, f.Format); err != nil {
			s.internal(c, err)
			return
		}
		c.Data(http.StatusOK, contentTypes[f.Format], []byte(openai.StripBidi(buf.String())))
	case "verbose_json":
		c.JSON(http.StatusOK, openai.VerboseJSON(t, f.Words, f.Segments, task == store.TaskTranslate))
	}
}
