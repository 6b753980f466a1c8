package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/blob"
	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/store"
)

// clipRequest is the body of POST /v1/transcriptions/{id}/clips: a
// quotation (index in the alignment's quotes) or a span.
type clipRequest struct {
	Quote *int `json:"quote"`
	// From and To are seconds (83.2) or "m:ss" strings ("1:23.2").
	From      json.RawMessage `json:"from"`
	To        json.RawMessage `json:"to"`
	Format    string          `json:"format"`
	Aspect    string          `json:"aspect"`
	Captions  string          `json:"captions"`
	Highlight bool            `json:"highlight"`
	// Language of the captions: "ar" (default, the words said) or "en",
	// the job's English machine translation (POST …/translation first).
	Language string `json:"language"`
}

// clipJSON is a clip as the API shows it.
type clipJSON struct {
	ID              string       `json:"id"`
	Object          string       `json:"object"`
	TranscriptionID string       `json:"transcription_id"`
	Status          store.Status `json:"status"`
	Progress        int          `json:"progress"`
	Quote           *int         `json:"quote"`
	From            float64      `json:"from"`
	To              float64      `json:"to"`
	// Start, End and Duration are the span cut, snapped to words (seconds;
	// set when done).
	Start       float64    `json:"start"`
	End         float64    `json:"end"`
	Duration    float64    `json:"duration"`
	Format      string     `json:"format"`
	Aspect      string     `json:"aspect,omitempty"`
	Captions    string     `json:"captions"`
	Highlight   bool       `json:"highlight"`
	Language    string     `json:"language"`
	Bytes       int64      `json:"bytes"`
	ContentType string     `json:"content_type"`
	URL         string     `json:"url"`
	Error       *errorBody `json:"error,omitempty"`
	CreatedAt   time.Time  `json:"created_at"`
	FinishedAt  *time.Time `json:"finished_at"`
}

func toClipJSON(c *store.Clip) clipJSON {
	out := clipJSON{ID: c.ID, Object: "transcription.clip", TranscriptionID: c.JobID, Status: c.Status,
		Progress: c.Progress, Quote: c.Quote, From: c.From, To: c.To, Start: c.Start, End: c.End,
		Duration: c.Duration, Format: c.Format, Aspect: c.Aspect, Captions: c.Captions, Highlight: c.Highlight,
		Language: captionLanguage(c.CaptionLang), Bytes: c.Bytes, ContentType: clip.Format(c.Format).ContentType(),
		URL:       "/v1/transcriptions/" + c.JobID + "/clips/" + c.ID + "/file",
		CreatedAt: c.CreatedAt, FinishedAt: c.FinishedAt}
	if c.Status == store.StatusFailed {
		out.Error = &errorBody{Code: c.ErrorCode, Message: c.ErrorMessage, Type: "server_error"}
	}
	return out
}

// captionLanguage is a clip's caption language as the API names it.
func captionLanguage(lang string) string {
	if lang == "" {
		return "ar"
	}
	return lang
}

// createClip is POST /v1/transcriptions/{id}/clips: the newsroom checks
// the request against the done job and only then stores the clip and
// queues it: 202 with the clip.
func (s *server) createClip(c *gin.Context) {
	j := s.doneJob(c)
	if j == nil {
		return
	}
	var in clipRequest
	if !bindJSON(c, &in, 64<<10, "clip request") {
		return
	}
	r := newsroom.ClipRequest{Quote: in.Quote, Format: in.Format, Aspect: in.Aspect, Captions: in.Captions,
		Language: in.Language, Highlight: in.Highlight}
	for _, p := range []struct {
		name string
		raw  json.RawMessage
		to   **float64
	}{{"from", in.From, &r.From}, {"to", in.To, &r.To}} {
		if len(p.raw) == 0 {
			continue
		}
		sec, err := clockParam(p.raw)
		if err != nil {
			abortParam(c, http.StatusBadRequest, errcode.InvalidValue, p.name, p.name+": "+err.Error())
			return
		}
		*p.to = &sec
	}
	cl, err := s.Newsroom.CreateClip(c.Request.Context(), j, r)
	if err != nil {
		s.fail(c, err)
		return
	}
	c.Header("Location", "/v1/transcriptions/"+j.ID+"/clips/"+cl.ID)
	c.JSON(http.StatusAccepted, toClipJSON(cl))
}

// clockParam reads a JSON number of seconds or a "m:ss" string.
func clockParam(raw json.RawMessage) (float64, error) {
	var sec float64
	if err := json.Unmarshal(raw, &sec); err == nil {
		if sec < 0 {
			return 0, errors.New("want a time ≥ 0")
		}
		return sec, nil
	}
	var str string
	if err := json.Unmarshal(raw, &str); err != nil {
		return 0, errors.New("want seconds (83.2) or a \"m:ss\" string")
	}
	return clip.ParseClock(str)
}

func (s *server) listClips(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	clips, err := s.Store.Clips(c.Request.Context(), j.ID)
	if err != nil {
		s.internal(c, err)
		return
	}
	out := make([]clipJSON, len(clips))
	for i, cl := range clips {
		out[i] = toClipJSON(cl)
	}
	c.JSON(http.StatusOK, gin.H{"object": "list", "data": out})
}

// clip loads the :clip_id clip of the :id job, answering 404 itself.
func (s *server) clip(c *gin.Context) *store.Clip {
	j := s.job(c)
	if j == nil {
		return nil
	}
	id := c.Param("clip_id")
	cl, err := s.Store.Clip(c.Request.Context(), j.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, errcode.NotFound, "no clip with id "+strconv.Quote(id)+" on this transcription")
		return nil
	}
	if err != nil {
		s.internal(c, err)
		return nil
	}
	return cl
}

func (s *server) getClip(c *gin.Context) {
	if cl := s.clip(c); cl != nil {
		c.JSON(http.StatusOK, toClipJSON(cl))
	}
}

// getClipFile serves a done clip (Range requests supported, so players
// seek), typed by its format, as an attachment named by its id; the router
// adds nosniff.
func (s *server) getClipFile(c *gin.Context) {
	cl := s.clip(c)
	if cl == nil {
		return
	}
	if cl.Status != store.StatusDone {
		msg := "clip is " + string(cl.Status) + "; its file exists once it is done"
		if cl.Status == store.StatusFailed {
			msg = "clip failed: " + cl.ErrorMessage
		}
		abort(c, http.StatusConflict, errcode.NotDone, msg)
		return
	}
	f := clip.Format(cl.Format)
	file, mod, closeFile, err := s.Store.Blobs.Open(c.Request.Context(), store.ClipKey(cl.ID, f.Extension()))
	if errors.Is(err, blob.ErrNotFound) {
		abort(c, http.StatusNotFound, errcode.NoFile, "the clip's file is no longer stored; make the clip again")
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	defer closeFile()
	c.Header("Content-Type", f.ContentType())
	c.Header("Content-Disposition", `attachment; filename="`+cl.ID+f.Extension()+`"`)
	c.Header("Cache-Control", "private, max-age=86400")
	http.ServeContent(c.Writer, c.Request, "", mod, file)
}
