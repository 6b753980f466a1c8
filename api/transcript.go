package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/bytesize"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// revisionJSON is one revision of a job's transcript.
type revisionJSON struct {
	Object   string `json:"object"`
	Revision int    `json:"revision"`
	// Author is the API key's name; empty for the recognised transcript.
	Author    string    `json:"author"`
	Note      string    `json:"note,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	// Current is true for the job's newest revision.
	Current bool `json:"current"`
	// Transcript is omitted in lists.
	Transcript *transcribe.Transcript `json:"transcript,omitempty"`
	// AlignmentUpdated says the article was re-aligned to this revision.
	AlignmentUpdated bool `json:"alignment_updated,omitempty"`
}

func toRevisionJSON(r *store.Revision, current int) revisionJSON {
	return revisionJSON{Object: "transcript.revision", Revision: r.Number, Author: r.Author, Note: r.Note,
		CreatedAt: r.CreatedAt, Current: r.Number == current, Transcript: r.Transcript}
}

// transcriptPatch is the body of PATCH /v1/transcriptions/{id}/transcript.
// Every index and time addresses the base revision.
type transcriptPatch struct {
	// BaseRevision is the revision the edit was made on; If-Match: "N" may
	// give it instead. One of them is required.
	BaseRevision *int `json:"base_revision"`
	Edits        []struct {
		Segment int `json:"segment"`
		// From and To are word indexes in the segment, To exclusive; both
		// omitted replace the whole segment.
		From *int   `json:"from"`
		To   *int   `json:"to"`
		Text string `json:"text"`
	} `json:"edits"`
	Speakers []struct {
		Start   float64 `json:"start"`
		End     float64 `json:"end"`
		Speaker string  `json:"speaker"`
	} `json:"speakers"`
	RenameSpeakers []struct {
		From string `json:"from"`
		To   string `json:"to"`
	} `json:"rename_speakers"`
	// Author names the person when the server runs without API keys; with
	// keys the key's name is the author and this field is ignored.
	Author string `json:"author"`
	Note   string `json:"note"`
}

const maxPatchJSON = 4 << 20

// doneJob loads the :id job and answers 409 itself unless it is done.
func (s *server) doneJob(c *gin.Context) *store.Job {
	j := s.job(c)
	if j == nil {
		return nil
	}
	if j.Status != store.StatusDone {
		notDone(c, j)
		return nil
	}
	return j
}

// setRevisionHeaders names the revision a transcript answer holds: ETag
// "N" (what If-Match sends back) and X-Transcript-Revision: N.
func setRevisionHeaders(c *gin.Context, rev int) {
	c.Header("ETag", strconv.Quote(strconv.Itoa(rev)))
	c.Header("X-Transcript-Revision", strconv.Itoa(rev))
}

// baseRevision reads the revision an edit is based on from the body or
// If-Match; it answers 400 or 428 itself.
func baseRevision(c *gin.Context, body *int) (int, bool) {
	if body != nil {
		return *body, true
	}
	if im := strings.TrimSpace(c.GetHeader("If-Match")); im != "" {
		n, err := strconv.Atoi(strings.Trim(strings.TrimPrefix(im, "W/"), `"`))
		if err != nil || n < 0 {
			abort(c, http.StatusBadRequest, errcode.BadRequest, `If-Match must be the transcript's ETag, a revision number in quotes ("3")`)
			return 0, false
		}
		return n, true
	}
	abort(c, http.StatusPreconditionRequired, errcode.BaseRevisionRequired,
		`send the revision the edit is based on: base_revision in the body or If-Match: "N" (the ETag of the transcript)`)
	return 0, false
}

// author is who saves a revision: the API key's name, else the body's author.
func author(c *gin.Context, fromBody string) string {
	if v, ok := c.Get(keyNameContext); ok {
		return v.(string)
	}
	a := oneline.Fold(fromBody)
	if utf8.RuneCountInString(a) > newsroom.MaxSpeakerName {
		a = string([]rune(a)[:newsroom.MaxSpeakerName])
	}
	return a
}

// patchTranscript is PATCH /v1/transcriptions/{id}/transcript: a
// correction of the current revision (newsroom.Correct).
func (s *server) patchTranscript(c *gin.Context) {
	j := s.doneJob(c)
	if j == nil {
		return
	}
	var in transcriptPatch
	if !bindJSON(c, &in, maxPatchJSON, "edit") {
		return
	}
	base, ok := baseRevision(c, in.BaseRevision)
	if !ok {
		return
	}
	if len(in.Edits) == 0 && len(in.Speakers) == 0 && len(in.RenameSpeakers) == 0 {
		abort(c, http.StatusBadRequest, errcode.BadRequest, "the edit changes nothing: send edits, speakers or rename_speakers")
		return
	}
	e := newsroom.Edit{Base: base, Author: author(c, in.Author), Note: in.Note}
	for i, w := range in.Edits {
		if (w.From == nil) != (w.To == nil) {
			abort(c, http.StatusBadRequest, errcode.BadEdit, fmt.Sprintf("edit %d: send both from and to (word indexes, to exclusive), or neither to replace the segment", i))
			return
		}
		e.Words = append(e.Words, newsroom.WordEdit{Segment: w.Segment, From: w.From, To: w.To, Text: w.Text})
	}
	for _, sp := range in.Speakers {
		e.Speakers = append(e.Speakers, transcribe.SpeakerSpan{Start: sp.Start, End: sp.End, Speaker: sp.Speaker})
	}
	for _, rn := range in.RenameSpeakers {
		e.Renames = append(e.Renames, newsroom.Rename{From: rn.From, To: rn.To})
	}
	rev, timing, err := s.Newsroom.Correct(c.Request.Context(), j, e)
	s.answerRevision(c, j, rev, timing, err)
}

// answerRevision answers a saved revision, with the Server-Timing of each
// step in milliseconds, or the refusal (409 with the current revision when
// somebody saved first).
func (s *server) answerRevision(c *gin.Context, j *store.Job, rev *store.Revision, t newsroom.Timing, err error) {
	if err != nil {
		s.fail(c, err)
		return
	}
	out := toRevisionJSON(rev, rev.Number)
	out.AlignmentUpdated = j.HasArticle()
	total := t.Edit + t.Save + t.Align + t.Index
	c.Header("Server-Timing", fmt.Sprintf("edit;dur=%.1f, save;dur=%.1f, align;dur=%.1f, index;dur=%.1f, total;dur=%.1f",
		ms(t.Edit), ms(t.Save), ms(t.Align), ms(t.Index), ms(total)))
	setRevisionHeaders(c, rev.Number)
	c.JSON(http.StatusOK, out)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// conflict answers 409 with the current revision of job id, so that the
// client can show what changed and re-apply its edit.
func (s *server) conflict(c *gin.Context, id string, stale *newsroom.StaleError) {
	ctx := c.Request.Context()
	j, err := s.Store.Job(ctx, id)
	if err != nil {
		s.internal(c, err)
		return
	}
	r, err := s.Store.TranscriptRevision(ctx, j, stale.Current)
	if err != nil {
		s.internal(c, err)
		return
	}
	setRevisionHeaders(c, stale.Current)
	c.AbortWithStatusJSON(http.StatusConflict, gin.H{
		"error":   errorBody{Code: errcode.Conflict, Message: stale.Error()},
		"current": toRevisionJSON(r, stale.Current),
	})
}

func (s *server) listRevisions(c *gin.Context) {
	j := s.doneJob(c)
	if j == nil {
		return
	}
	revs, err := s.Store.Revisions(c.Request.Context(), j.ID)
	if err != nil {
		s.internal(c, err)
		return
	}
	cur := 0
	if len(revs) > 0 {
		cur = revs[0].Number
	}
	orig, err := s.Store.TranscriptRevision(c.Request.Context(), j, 0)
	if err != nil {
		s.internal(c, err)
		return
	}
	orig.Transcript = nil
	data := make([]revisionJSON, 0, len(revs)+1)
	for i := range revs {
		data = append(data, toRevisionJSON(&revs[i], cur))
	}
	data = append(data, toRevisionJSON(orig, cur))
	setRevisionHeaders(c, cur)
	c.JSON(http.StatusOK, gin.H{"object": "list", "data": data, "current": cur})
}

func (s *server) revisionParam(c *gin.Context, j *store.Job, v string) *store.Revision {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		abort(c, http.StatusBadRequest, errcode.BadRequest, "revision must be a non-negative integer")
		return nil
	}
	r, err := s.Store.TranscriptRevision(c.Request.Context(), j, n)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, errcode.NotFound, fmt.Sprintf("the transcript has no revision %d", n))
		return nil
	}
	if err != nil {
		s.internal(c, err)
		return nil
	}
	return r
}

func (s *server) getRevision(c *gin.Context) {
	j := s.doneJob(c)
	if j == nil {
		return
	}
	r := s.revisionParam(c, j, c.Param("rev"))
	if r == nil {
		return
	}
	cur, err := s.Store.CurrentRevision(c.Request.Context(), j.ID)
	if err != nil {
		s.internal(c, err)
		return
	}
	c.JSON(http.StatusOK, toRevisionJSON(r, cur))
}

// revertTranscript stores an earlier revision again as the newest one; the
// history keeps everything in between.
func (s *server) revertTranscript(c *gin.Context) {
	j := s.doneJob(c)
	if j == nil {
		return
	}
	var in struct {
		Revision     *int   `json:"revision"`
		BaseRevision *int   `json:"base_revision"`
		Author       string `json:"author"`
	}
	if !bindJSON(c, &in, 1<<16, "revert") {
		return
	}
	if in.Revision == nil {
		abort(c, http.StatusBadRequest, errcode.BadRequest, `send {"revision": N, "base_revision": M}: the revision to restore and the current one`)
		return
	}
	base, ok := baseRevision(c, in.BaseRevision)
	if !ok {
		return
	}
	r := s.revisionParam(c, j, strconv.Itoa(*in.Revision))
	if r == nil {
		return
	}
	rev, timing, err := s.Newsroom.Revert(c.Request.Context(), j, base, r, author(c, in.Author))
	s.answerRevision(c, j, rev, timing, err)
}

// currentTranscript is what GET …/transcript serves: ?revision=N, else the
// current revision with the speakers its article seeds. A nil transcript
// means the answer was given (400, 404).
func (s *server) currentTranscript(c *gin.Context, j *store.Job) (*transcribe.Transcript, int, error) {
	if v := c.Query("revision"); v != "" {
		r := s.revisionParam(c, j, v)
		if r == nil {
			return nil, 0, nil
		}
		return r.Transcript, r.Number, nil
	}
	return s.Store.SpokenTranscript(c.Request.Context(), j)
}

// bindJSON decodes a JSON body of at most limit bytes with no unknown
// fields into v; it answers 400, 408, 413 or 415 (not JSON) itself, naming
// what the body is.
func bindJSON(c *gin.Context, v any, limit int64, what string) bool {
	if !requireJSON(c) {
		return false
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			abort(c, http.StatusRequestEntityTooLarge, errcode.TooLarge, fmt.Sprintf("the %s is larger than %s", what, bytesize.Format(limit)))
			return false
		}
		if slowBody(c, err) {
			return false
		}
		abort(c, http.StatusBadRequest, errcode.BadRequest, "invalid "+what+" JSON: "+err.Error())
		return false
	}
	return true
}
