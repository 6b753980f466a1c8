package api

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// writeTranscript renders a transcript with package transcribe's writers
// (json, srt, vtt, txt).
func writeTranscript(w io.Writer, t *transcribe.Transcript, format string) error {
	f, err := transcribe.ParseFormat(format)
	if err != nil {
		return err
	}
	return transcribe.Write(w, t, f)
}

// writeAlignment renders a stored aligned article (align.Result JSON) with
// package align's writers (json, srt, vtt, html, report).
func writeAlignment(w io.Writer, alignment json.RawMessage, format string) error {
	f, err := align.ParseFormat(format)
	if err != nil {
		return err
	}
	var r align.Result
	if err := json.Unmarshal(alignment, &r); err != nil {
		return fmt.Errorf("read stored alignment: %w", err)
	}
	return align.Write(w, &r, f)
}

// writeAlignmentDOCX writes a stored aligned article's quotation check as
// a Word document titled and dated by info.
func writeAlignmentDOCX(w io.Writer, alignment json.RawMessage, info transcribe.DocumentInfo) error {
	var r align.Result
	if err := json.Unmarshal(alignment, &r); err != nil {
		return fmt.Errorf("read stored alignment: %w", err)
	}
	return align.WriteDocument(w, &r, align.FormatDOCX, info)
}

// documentInfo is the title block of a job's Word documents: its
// article's title and publication date, else the headline of the article
// text it was submitted with (align.Headline; or the recording's name) and
// the day it was submitted.
func (s *server) documentInfo(c *gin.Context, j *store.Job) transcribe.DocumentInfo {
	info := transcribe.DocumentInfo{Title: j.Filename, Date: j.CreatedAt}
	if j.ArticleID != "" {
		if a, err := s.Store.Article(c.Request.Context(), j.ArticleID); err == nil {
			info.Title, info.Date = a.Title, a.CreatedAt
			if a.PublishedAt != nil {
				info.Date = *a.PublishedAt
			}
			return info
		}
	}
	if h := align.Headline(j.ArticleText); h != "" {
		info.Title = h
	}
	return info
}
