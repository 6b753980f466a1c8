package api

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// openaiTranscription is POST /v1/audio/transcriptions, OpenAI's
// synchronous API: the upload becomes an ordinary durable job (same queue,
// same dedup, same worker limit) and the request waits for it. If the client
// goes away first, a job created for it is canceled.
func (s *server) openaiTranscription(c *gin.Context) {
	u := s.readUpload(c)
	if u == nil {
		return
	}
	format := u.field("response_format")
	if format == "" {
		format = "json"
	}
	switch format {
	case "json", "text", "srt", "vtt", "verbose_json":
	default:
		abort(c, http.StatusBadRequest, "bad_format", "response_format must be one of json, text, srt, vtt, verbose_json")
		return
	}
	words, segments := false, false
	for _, g := range append(u.fields["timestamp_granularities[]"], u.fields["timestamp_granularities"]...) {
		switch strings.TrimSpace(g) {
		case "word":
			words = true
		case "segment":
			segments = true
		default:
			abort(c, http.StatusBadRequest, "bad_request", "timestamp_granularities[] must be word or segment")
			return
		}
	}
	if !words && !segments {
		segments = true // OpenAI's default
	}
	j, created, err := s.submit(c, u, "", "")
	if err == errQueueFull {
		s.queueFull(c)
		return
	}
	if err == errUnknownModel {
		s.unknownModel(c)
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	ctx := c.Request.Context()
	j, err = s.wait(ctx, j.ID)
	if err != nil {
		if created && ctx.Err() != nil {
			bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			if ok, _ := s.Store.CancelJob(bg, j.ID); ok {
				_ = s.Queue.Cancel(bg, j.RiverID)
			}
			cancel()
		}
		s.internal(c, err)
		return
	}
	switch j.Status {
	case store.StatusFailed:
		status := http.StatusInternalServerError
		switch j.ErrorCode {
		case "not_audio", "unsupported":
			status = http.StatusUnsupportedMediaType
		case "corrupt", "too_long", "empty":
			status = http.StatusUnprocessableEntity
		}
		abort(c, status, j.ErrorCode, j.ErrorMessage)
		return
	case store.StatusCanceled:
		abort(c, http.StatusConflict, "canceled", "the transcription was canceled")
		return
	}
	t, err := s.Store.Transcript(ctx, j.ASRKey)
	if err != nil {
		s.internal(c, err)
		return
	}
	switch format {
	case "json":
		c.JSON(http.StatusOK, gin.H{"text": t.Text})
	case "text":
		c.Data(http.StatusOK, contentTypes["txt"], []byte(t.Text+"\n"))
	case "srt", "vtt":
		var buf bytes.Buffer
		if err := s.WriteTranscript(&buf, t, format); err != nil {
			s.internal(c, err)
			return
		}
		c.Data(http.StatusOK, contentTypes[format], buf.Bytes())
	case "verbose_json":
		c.JSON(http.StatusOK, verboseJSON(t, words, segments))
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

type openaiVerbose struct {
	Task     string          `json:"task"`
	Language string          `json:"language"`
	Duration float64         `json:"duration"`
	Text     string          `json:"text"`
	Segments []openaiSegment `json:"segments,omitempty"`
	Words    []openaiWord    `json:"words,omitempty"`
}

// languageNames maps ISO 639-1 codes to the English names OpenAI reports.
var languageNames = map[string]string{
	"ar": "arabic", "en": "english", "fr": "french", "es": "spanish", "de": "german", "fa": "persian",
	"tr": "turkish", "ur": "urdu", "he": "hebrew", "ru": "russian", "zh": "chinese", "it": "italian",
}

func verboseJSON(t *transcribe.Transcript, words, segments bool) openaiVerbose {
	lang := t.Language
	if n, ok := languageNames[lang]; ok {
		lang = n
	}
	out := openaiVerbose{Task: "transcribe", Language: lang, Duration: t.Duration, Text: t.Text}
	if segments {
		out.Segments = make([]openaiSegment, 0, len(t.Segments))
		for _, sg := range t.Segments {
			out.Segments = append(out.Segments, openaiSegment{
				ID: sg.ID, Seek: int(sg.Start * 100), Start: sg.Start, End: sg.End, Text: sg.Text, Tokens: []int{},
				AvgLogprob: sg.AvgLogprob, NoSpeechProb: sg.NoSpeechProb,
			})
		}
	}
	if words {
		out.Words = []openaiWord{}
		for _, sg := range t.Segments {
			for _, w := range sg.Words {
				out.Words = append(out.Words, openaiWord{Word: w.Word, Start: w.Start, End: w.End})
			}
		}
	}
	return out
}
