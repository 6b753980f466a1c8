package api

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/export"
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
	return export.WriteTranscript(w, t, f, export.DocumentInfo{})
}

// writeAlignment renders an aligned article with package export's writers
// (json, srt, vtt, html, report, docx titled and dated by info).
func writeAlignment(w io.Writer, r *align.Result, format string, info export.DocumentInfo) error {
	f, err := export.ParseFormat(format)
	if err != nil {
		return err
	}
	return export.WriteAlignment(w, r, f, info)
}

// documentInfo is the title block of a job's Word documents: its
// article's title and publication date, else the headline of the article
// text it was submitted with (align.Headline; or the recording's name) and
// the day it was submitted.
func (s *server) documentInfo(c *gin.Context, j *store.Job) export.DocumentInfo {
	info := export.DocumentInfo{Title: j.Filename, Date: j.CreatedAt}
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

// attachment marks the answer as a download (srt, vtt, txt, docx; JSON and
// the HTML document are shown where they are opened) named after its title
// and kind (export.FileName): filename* in UTF-8 (RFC 6266, RFC 5987) and
// an ASCII filename for clients that read only that.
func attachment(c *gin.Context, title string, kind export.Kind, id, format string) {
	switch format {
	case "srt", "vtt", "txt", "docx":
	default:
		return
	}
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		export.ASCIIFileName(kind, id, format), extValue(export.FileName(title, kind, id, format))))
}

// extValue percent-encodes s as an RFC 5987 value: every byte but the
// attr-chars (letters, digits and !#$&+-.^_`|~).
func extValue(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (unicode.IsLetter(rune(c)) || unicode.IsDigit(rune(c)) || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
