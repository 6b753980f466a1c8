package api

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

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
		f, ok := parseOpenAIForm(c, u, task)
		if !ok {
			return
		}
		r, ok := s.parseASR(c, u, task)
		if !ok {
			return
		}
		if f.stream {
			release, ok := s.streamSlot(c)
			if !ok {
				return
			}
			defer release()
		}
		var (
			live  <-chan transcribe.Segment
			unsub = func() {}
		)
		if f.stream && s.Segments != nil {
			r.created = func(id string) { live, unsub = s.Segments.Subscribe(id) }
		}
		j, created, err := s.submit(c, u, r, "", "")
		defer unsub()
		if s.submitFailed(c, err) {
			return
		}
		if f.stream {
			s.streamJob(c, j, created, live)
			return
		}
		ctx := c.Request.Context()
		j, err = s.wait(ctx, j.ID)
		if err != nil {
			s.cancelAbandoned(ctx, j, created)
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

// openaiForm are the response fields of an OpenAI audio request.
type openaiForm struct {
	format          string
	words, segments bool
	stream          bool
}

// parseOpenAIForm validates response_format, timestamp_granularities[] and
// stream; it answers 400 itself.
func parseOpenAIForm(c *gin.Context, u *upload, task string) (openaiForm, bool) {
	f := openaiForm{format: u.field("response_format")}
	if f.format == "" {
		f.format = "json"
	}
	switch f.format {
	case "json", "text", "srt", "vtt", "verbose_json":
	default:
		abortParam(c, http.StatusBadRequest, "bad_format", "response_format", fmt.Sprintf("response_format %q is not supported: send one of json, text, srt, vtt, verbose_json", f.format))
		return f, false
	}
	for _, g := range append(u.fields["timestamp_granularities[]"], u.fields["timestamp_granularities"]...) {
		switch strings.TrimSpace(g) {
		case "word":
			f.words = true
		case "segment":
			f.segments = true
		default:
			abortParam(c, http.StatusBadRequest, "invalid_value", "timestamp_granularities[]", fmt.Sprintf("timestamp_granularities[] %q is not supported: send word, segment or both", g))
			return f, false
		}
	}
	if !f.words && !f.segments {
		f.segments = true // OpenAI's default
	}
	var ok bool
	if f.stream, ok = boolField(c, u, "stream"); !ok {
		return f, false
	}
	if f.stream && task == store.TaskTranslate {
		abortParam(c, http.StatusBadRequest, "invalid_value", "stream", "stream=true is supported by /v1/audio/transcriptions only, as in OpenAI's API; leave it out for translations")
		return f, false
	}
	if f.stream && f.format != "json" && f.format != "text" {
		abortParam(c, http.StatusBadRequest, "invalid_value", "stream", fmt.Sprintf("stream=true sends transcript.text events and needs response_format json or text, not %s", f.format))
		return f, false
	}
	return f, true
}

// jobFailed answers for a job that ended without a transcript and reports
// whether it did.
func jobFailed(c *gin.Context, j *store.Job) bool {
	switch j.Status {
	case store.StatusFailed:
		abort(c, failedStatus(j.ErrorCode), j.ErrorCode, j.ErrorMessage)
		return true
	case store.StatusCanceled:
		abort(c, http.StatusConflict, "canceled", "the transcription was canceled")
		return true
	}
	return false
}

// failedStatus is the HTTP status of a failed job's error code.
func failedStatus(code string) int {
	switch code {
	case "not_audio", "unsupported":
		return http.StatusUnsupportedMediaType
	case "corrupt", "too_long", "empty":
		return http.StatusUnprocessableEntity
	case "bad_request":
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

// cancelAbandoned cancels job j, if this request created it, once the
// client has gone away (ctx is done).
func (s *server) cancelAbandoned(ctx context.Context, j *store.Job, created bool) {
	if !created || ctx.Err() == nil {
		return
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if ok, _ := s.Store.CancelJob(bg, j.ID); ok {
		_ = s.Queue.Cancel(bg, j.RiverID)
		if s.Metrics != nil {
			s.Metrics.Finished(store.StatusCanceled)
		}
	}
}

// bidiMarks are the right-to-left embedding marks transcribe's subtitle
// writers put around Arabic lines for players (see transcribe.bidiLine).
// OpenAI's responses carry none, and clients compare or post-process the
// text, so the OpenAI endpoints strip them; the project's own downloads
// (/v1/transcriptions/{id}/transcript) keep them.
var bidiMarks = strings.NewReplacer("\u202b", "", "\u202c", "")

// writeOpenAI renders t in OpenAI's response format f.
func (s *server) writeOpenAI(c *gin.Context, t *transcribe.Transcript, f openaiForm, task string) {
	switch f.format {
	case "json":
		c.JSON(http.StatusOK, gin.H{"text": t.Text})
	case "text":
		c.Data(http.StatusOK, contentTypes["txt"], []byte(t.Text+"\n"))
	case "srt", "vtt":
		var buf bytes.Buffer
		if err := writeTranscript(&buf, t, f.format); err != nil {
			s.internal(c, err)
			return
		}
		c.Data(http.StatusOK, contentTypes[f.format], []byte(bidiMarks.Replace(buf.String())))
	case "verbose_json":
		c.JSON(http.StatusOK, verboseJSON(t, f.words, f.segments, task))
	}
}

// wait polls the job until it reaches a final state or ctx is done.
func (s *server) wait(ctx context.Context, id string) (*store.Job, error) {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		j, err := s.Store.Job(ctx, id)
		if err != nil {
			return &store.Job{ID: id}, err
		}
		switch j.Status {
		case store.StatusDone, store.StatusFailed, store.StatusCanceled:
			return j, nil
		}
		select {
		case <-ctx.Done():
			return j, ctx.Err()
		case <-tick.C:
		}
	}
}

// openaiSegment is a segment in OpenAI's verbose_json.
type openaiSegment struct {
	ID               int     `json:"id"`
	Seek             int     `json:"seek"`
	Start            float64 `json:"start"`
	End              float64 `json:"end"`
	Text             string  `json:"text"`
	Tokens           []int   `json:"tokens"`
	Temperature      float64 `json:"temperature"`
	AvgLogprob       float64 `json:"avg_logprob"`
	CompressionRatio float64 `json:"compression_ratio"`
	NoSpeechProb     float64 `json:"no_speech_prob"`
}

type openaiWord struct {
	Word  string  `json:"word"`
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// openaiVerbose is OpenAI's verbose_json. Segments and Words are present,
// as arrays (possibly empty, for silence), exactly when asked for with
// timestamp_granularities[]; pointers tell "not asked" from "none".
type openaiVerbose struct {
	Task     string           `json:"task"`
	Language string           `json:"language"`
	Duration float64          `json:"duration"`
	Text     string           `json:"text"`
	Segments *[]openaiSegment `json:"segments,omitempty"`
	Words    *[]openaiWord    `json:"words,omitempty"`
}

func verboseJSON(t *transcribe.Transcript, words, segments bool, task string) openaiVerbose {
	lang := t.Language
	if n, ok := transcribe.Languages[lang]; ok {
		lang = n
	}
	if task == store.TaskTranslate {
		lang = "english" // OpenAI reports the output's language for translations
	}
	out := openaiVerbose{Task: task, Language: lang, Duration: t.Duration, Text: t.Text}
	if segments {
		segs := make([]openaiSegment, 0, len(t.Segments))
		for _, sg := range t.Segments {
			segs = append(segs, openaiSegment{
				ID: sg.ID, Seek: int(sg.Start * 100), Start: sg.Start, End: sg.End, Text: sg.Text, Tokens: []int{},
				AvgLogprob: sg.AvgLogprob, NoSpeechProb: sg.NoSpeechProb,
			})
		}
		out.Segments = &segs
	}
	if words {
		ws := []openaiWord{}
		for _, sg := range t.Segments {
			for _, w := range sg.Words {
				ws = append(ws, openaiWord{Word: w.Word, Start: w.Start, End: w.End})
			}
		}
		out.Words = &ws
	}
	return out
}
