package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api/openai"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// streamJob answers stream=true with OpenAI's server-sent events: a
// "transcript.text.delta" for each segment as the worker decodes it (live
// holds them when this process runs the job), then "transcript.text.done"
// with the whole text. Segments that did not arrive live — the job ran in
// another process, joined an earlier job, or was already done — are sent as
// deltas from the final transcript before "done", so that the deltas always
// add up to the text. A job that fails sends an event with OpenAI's error
// object, which the SDKs raise. A client that goes away cancels a job it
// created, as in the synchronous answer.
func (s *server) streamJob(c *gin.Context, j *store.Job, created bool, live <-chan transcribe.Segment) {
	ctx := c.Request.Context()
	startEvents(c)
	next, sent := 0, 0 // next segment id expected; deltas sent
	delta := func(text string) {
		if text == "" {
			return
		}
		if sent > 0 {
			text = " " + text
		}
		sent++
		writeEvent(c, openai.StreamEvent{Type: openai.EventDelta, Delta: text})
	}
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			s.Newsroom.CancelAbandoned(ctx, j, created)
			return
		case sg := <-live:
			// Only the next segment is sent live: a job retried after a
			// transient failure decodes again from its first segment, and
			// chunks of a long recording recognised in parallel arrive out
			// of order; what is skipped comes from the final transcript.
			if sg.ID == next {
				next++
				delta(sg.Text)
			}
			continue
		case <-tick.C:
		}
		cur, err := s.Store.Job(ctx, j.ID)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("stream: read job", "job", j.ID, "error", err)
				writeError(c, http.StatusInternalServerError, errcode.Internal, "internal error; the server log has details")
			}
			s.Newsroom.CancelAbandoned(ctx, j, created)
			return
		}
		switch cur.Status {
		case store.StatusFailed:
			writeError(c, failedStatus(cur.ErrorCode), cur.ErrorCode, cur.ErrorMessage)
			return
		case store.StatusCanceled:
			writeError(c, http.StatusConflict, errcode.Canceled, "the transcription was canceled")
			return
		case store.StatusDone:
		default:
			continue
		}
		t, err := s.Store.Transcript(ctx, cur.ASRKey)
		if err != nil {
			s.log.Error("stream: read transcript", "job", j.ID, "error", err)
			writeError(c, http.StatusInternalServerError, errcode.Internal, "internal error; the server log has details")
			return
		}
		for len(live) > 0 { // segments decoded before "done" was seen
			if sg := <-live; sg.ID == next {
				next++
				delta(sg.Text)
			}
		}
		for i, sg := range t.Segments {
			if i >= next {
				delta(sg.Text)
			}
		}
		writeEvent(c, openai.StreamEvent{Type: openai.EventDone, Text: t.Text})
		return
	}
}

// writeEvent sends v as an unnamed event (OpenAI's streams name the type
// inside the data).
func writeEvent(c *gin.Context, v any) { _ = sendEvent(c, "", v) }

// startEvents answers 200 with a Server-Sent Events stream that proxies
// neither cache nor buffer.
func startEvents(c *gin.Context) {
	c.Header("Content-Type", "text/event-stream; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	c.Header("X-Accel-Buffering", "no")
	c.Status(http.StatusOK)
	c.Writer.Flush()
}

// sendEvent writes one event, named when event is not empty, with v as its
// JSON data, and flushes it; an error means the client is gone.
func sendEvent(c *gin.Context, event string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if event != "" {
		buf.WriteString("event: " + event + "\n")
	}
	buf.WriteString("data: ")
	buf.Write(b)
	buf.WriteString("\n\n")
	if _, err := c.Writer.Write(buf.Bytes()); err != nil {
		return err
	}
	c.Writer.Flush()
	return nil
}

// writeError sends an error event: the SDKs' stream iterators raise a data
// object with an "error" member as an API error.
func writeError(c *gin.Context, status int, code errcode.Code, message string) {
	writeEvent(c, apiError{errorBody{Code: code, Type: errorType(status), Message: oneline.Fold(message)}})
}

// listModels is GET /v1/models: the one model this server runs, under its
// own name and OpenAI's audio model names, which all select it.
func (s *server) listModels(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"object": "list", "data": openai.Models(s.DefaultModel, s.started)})
}

// getModel is GET /v1/models/{id}.
func (s *server) getModel(c *gin.Context) {
	id := c.Param("id")
	for _, m := range openai.Models(s.DefaultModel, s.started) {
		if m.ID == id {
			c.JSON(http.StatusOK, m)
			return
		}
	}
	abortParam(c, http.StatusNotFound, errcode.ModelNotFound, "model", "no model "+strconv.Quote(id)+" on this server: GET /v1/models lists the ones it has")
}
