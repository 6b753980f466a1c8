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
	"github.com/newsscribe/newsscribe/internal/oneline"
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

const (
	// maxPatchJSON bounds a correction's body: transcribe.MaxEdits edits
	// of a sentence each are well under it.
	maxPatchJSON   = 1 << 20
	maxSpeakerName = transcribe.MaxSpeakerRunes
)

// withTranscript reports whether the client asked for the whole transcript
// in a correction's answer (?include=transcript): by default the answer is
// the revision without it (issue 24: a 4 MB correction answered 129 MB).
func withTranscript(c *gin.Context) bool { return c.Query("include") == "transcript" }

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
			abort(c, http.StatusBadRequest, "bad_request", `If-Match must be the transcript's ETag, a revision number in quotes ("3")`)
			return 0, false
		}
		return n, true
	}
	abort(c, http.StatusPreconditionRequired, "base_revision_required",
		`send the revision the edit is based on: base_revision in the body or If-Match: "N" (the ETag of the transcript)`)
	return 0, false
}

// author is who saves a revision: the API key's name, else the body's author.
func author(c *gin.Context, fromBody string) string {
	if v, ok := c.Get(keyNameContext); ok {
		return v.(string)
	}
	a := oneline.Fold(fromBody)
	if utf8.RuneCountInString(a) > maxSpeakerName {
		a = string([]rune(a)[:maxSpeakerName])
	}
	return a
}

func (s *server) patchTranscript(c *gin.Context) {
	began := time.Now()
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
		abort(c, http.StatusBadRequest, "bad_request", "the edit changes nothing: send edits, speakers or rename_speakers")
		return
	}
	ctx := c.Request.Context()
	cur, curRev, err := s.Store.JobTranscript(ctx, j)
	if err != nil {
		s.internal(c, err)
		return
	}
	if base != curRev {
		s.conflict(c, j, curRev)
		return
	}
	// Seeded speakers become part of the first correction.
	t := cur
	if j.HasArticle() {
		if al, err := s.Store.Alignment(ctx, j.ID); err == nil {
			t = store.SeedSpeakers(t, al)
		}
	}
	corr := transcribe.Correction{Edits: make([]transcribe.WordEdit, len(in.Edits))}
	for i, e := range in.Edits {
		we := transcribe.WordEdit{Segment: e.Segment, Text: e.Text}
		switch {
		case e.From == nil && e.To == nil:
			if e.Segment >= 0 && e.Segment < len(t.Segments) {
				we.To = segmentWordCount(t.Segments[e.Segment])
			}
		case e.From == nil || e.To == nil:
			abort(c, http.StatusBadRequest, "bad_edit", fmt.Sprintf("edit %d: send both from and to (word indexes, to exclusive), or neither to replace the segment", i))
			return
		default:
			we.From, we.To = *e.From, *e.To
		}
		corr.Edits[i] = we
	}
	for _, sp := range in.Speakers {
		corr.Speakers = append(corr.Speakers, transcribe.SpeakerSpan{Start: sp.Start, End: sp.End, Speaker: sp.Speaker})
	}
	for _, rn := range in.RenameSpeakers {
		corr.Renames = append(corr.Renames, transcribe.Rename{From: rn.From, To: rn.To})
	}
	t, err = transcribe.Correct(t, corr)
	var (
		ee *transcribe.EditError
		se *transcribe.SpeakerError
		le *transcribe.LimitError
	)
	switch {
	case errors.As(err, &le):
		abort(c, http.StatusRequestEntityTooLarge, "too_large", "the edit is too large: "+le.Error())
		return
	case errors.As(err, &ee):
		abort(c, http.StatusUnprocessableEntity, "bad_edit", ee.Error())
		return
	case errors.As(err, &se):
		abort(c, http.StatusUnprocessableEntity, "bad_speaker", se.Error())
		return
	case err != nil:
		s.internal(c, err)
		return
	}
	edited := time.Since(began)
	s.saveRevision(c, j, base, t, author(c, in.Author), in.Note, began, edited)
}

func segmentWordCount(s transcribe.Segment) int {
	if len(s.Words) > 0 {
		return len(s.Words)
	}
	return len(strings.Fields(s.Text))
}

// saveRevision stores t as the next revision, re-aligns the article and
// re-indexes the job; it answers 409 when somebody saved first. The answer's
// Server-Timing header gives the server time of each step in milliseconds.
func (s *server) saveRevision(c *gin.Context, j *store.Job, base int, t *transcribe.Transcript, who, note string, began time.Time, edited time.Duration) {
	ctx := c.Request.Context()
	rev, err := s.Store.AddRevision(ctx, j.ID, base, t, who, note)
	if errors.Is(err, store.ErrStale) {
		cur, err := s.Store.CurrentRevision(ctx, j.ID)
		if err != nil {
			s.internal(c, err)
			return
		}
		s.conflict(c, j, cur)
		return
	}
	if err != nil {
		s.internal(c, err)
		return
	}
	saved := time.Since(began)
	out := toRevisionJSON(rev, rev.Number)
	if !withTranscript(c) {
		out.Transcript = nil
	}
	if j.HasArticle() {
		if err := s.alignJob(c, j, t); err != nil {
			s.internal(c, err)
			return
		}
		out.AlignmentUpdated = true
	}
	aligned := time.Since(began)
	spoken := t
	if j.HasArticle() {
		if al, err := s.Store.Alignment(ctx, j.ID); err == nil {
			spoken = store.SeedSpeakers(t, al)
		}
	}
	if err := s.Store.IndexTranscript(ctx, j, spoken); err != nil {
		s.log.Error("search index not updated", "job", j.ID, "error", err)
	}
	total := time.Since(began)
	c.Header("Server-Timing", fmt.Sprintf("edit;dur=%.1f, save;dur=%.1f, align;dur=%.1f, index;dur=%.1f, total;dur=%.1f",
		ms(edited), ms(saved-edited), ms(aligned-saved), ms(total-aligned), ms(total)))
	setRevisionHeaders(c, rev.Number)
	c.JSON(http.StatusOK, out)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// alignJob re-aligns the job's article to t without speech recognition.
func (s *server) alignJob(c *gin.Context, j *store.Job, t *transcribe.Transcript) error {
	ctx := c.Request.Context()
	text := j.ArticleText
	if j.ArticleID != "" {
		a, err := s.Store.Article(ctx, j.ArticleID)
		if err != nil {
			return fmt.Errorf("article %s: %w", j.ArticleID, err)
		}
		text = a.Body
	}
	res, err := s.Aligner.Align(t, text)
	if err != nil {
		return fmt.Errorf("align: %w", err)
	}
	b, err := json.Marshal(res)
	if err != nil {
		return err
	}
	if err := s.Store.PutAlignment(ctx, j.ID, b); err != nil {
		return err
	}
	s.notifyAligned(ctx, j.ID)
	if j.ArticleID != "" {
		return s.Store.IndexArticle(ctx, j.ArticleID)
	}
	return nil
}

// conflict answers 409 with the current revision, so that the client can
// show what changed and re-apply its edit.
func (s *server) conflict(c *gin.Context, j *store.Job, cur int) {
	r, err := s.Store.TranscriptRevision(c.Request.Context(), j, cur)
	if err != nil {
		s.internal(c, err)
		return
	}
	setRevisionHeaders(c, cur)
	current := toRevisionJSON(r, cur)
	if !withTranscript(c) {
		current.Transcript = nil
	}
	c.AbortWithStatusJSON(http.StatusConflict, gin.H{
		"error": errorBody{Code: "conflict", Message: fmt.Sprintf("the transcript was changed (it is at revision %d); "+
			"re-apply the edit to the current revision and send its number as base_revision", cur)},
		"current": current,
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
		abort(c, http.StatusBadRequest, "bad_request", "revision must be a non-negative integer")
		return nil
	}
	r, err := s.Store.TranscriptRevision(c.Request.Context(), j, n)
	if errors.Is(err, store.ErrNotFound) {
		abort(c, http.StatusNotFound, "not_found", fmt.Sprintf("the transcript has no revision %d", n))
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
	began := time.Now()
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
		abort(c, http.StatusBadRequest, "bad_request", `send {"revision": N, "base_revision": M}: the revision to restore and the current one`)
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
	s.saveRevision(c, j, base, r.Transcript, author(c, in.Author), fmt.Sprintf("revert to revision %d", r.Number), began, time.Since(began))
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
			abort(c, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("the %s is larger than %s", what, bytesize.Format(limit)))
			return false
		}
		if slowBody(c, err) {
			return false
		}
		abort(c, http.StatusBadRequest, "bad_request", "invalid "+what+" JSON: "+err.Error())
		return false
	}
	return true
}
