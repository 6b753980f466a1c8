package api

// Small additions for the newsroom page's evidence (issue 21): the verdict
// counts of the job list, the recordings an article is attached to, and
// downloads named after the article. Each is one function the handlers
// call, so that they move with the handlers into the application layer.

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/store"
)

// quoteVerdicts counts the verdicts of the quotations of alignment raw
// (align.Result JSON): {"verbatim": 2, "altered": 1}. It is nil for an
// alignment without quotations; a quotation stored before the check is
// counted under "".
func quoteVerdicts(raw json.RawMessage) map[string]int {
	var al struct {
		Quotes []struct {
			Check *struct {
				Verdict string `json:"verdict"`
			} `json:"check"`
		} `json:"quotes"`
	}
	if json.Unmarshal(raw, &al) != nil || len(al.Quotes) == 0 {
		return nil
	}
	out := map[string]int{}
	for _, q := range al.Quotes {
		v := ""
		if q.Check != nil {
			v = q.Check.Verdict
		}
		out[v]++
	}
	return out
}

// withQuoteVerdicts sets the verdict counts of the finished jobs of data
// that have an article. A job whose alignment cannot be read is left
// without (the list still answers).
func (s *server) withQuoteVerdicts(ctx context.Context, data []jobJSON) {
	for i := range data {
		if data[i].Status != store.StatusDone || !data[i].HasArticle {
			continue
		}
		raw, err := s.Store.Alignment(ctx, data[i].ID)
		if err != nil {
			s.log.Warn("job list: alignment not read", "job", data[i].ID, "error", err)
			continue
		}
		data[i].QuoteVerdicts = quoteVerdicts(raw)
	}
}

// recordingJSON is one recording an article is attached to.
type recordingJSON struct {
	ID        string    `json:"id"`
	Filename  string    `json:"filename,omitempty"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

// articleRecordings lists the recordings (transcription jobs, not their
// machine translations) article id is attached to, oldest first.
func (s *server) articleRecordings(ctx context.Context, id string) ([]recordingJSON, error) {
	jobs, err := s.Store.JobsOfArticle(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("recordings of article %s: %w", id, err)
	}
	out := []recordingJSON{}
	for _, j := range jobs {
		if j.Task == store.TaskTranslate {
			continue
		}
		out = append(out, recordingJSON{ID: j.ID, Filename: j.Filename, Status: j.Status, CreatedAt: j.CreatedAt})
	}
	slices.SortFunc(out, func(a, b recordingJSON) int { return a.CreatedAt.Compare(b.CreatedAt) })
	return out, nil
}

// Kinds of download, named in the file name after the title.
const (
	kindQuoteCheck  = "فحص الاقتباسات"
	kindTranscript  = "التفريغ"
	kindCaptions    = "تسميات توضيحية"
	kindEnglish     = "تسميات إنجليزية (ترجمة آلية)"
	kindTranslation = "ترجمة إنجليزية آلية"
	kindText        = "النص"
)

// kindASCII names each kind in the ASCII fallback file name.
var kindASCII = map[string]string{
	kindQuoteCheck: "quote-check", kindTranscript: "transcript", kindCaptions: "captions",
	kindEnglish: "captions-en-machine-translation", kindTranslation: "en-machine-translation", kindText: "text",
}

// maxTitleRunes caps the title part of a download's name.
const maxTitleRunes = 80

// attachmentName is the file name of a download: the title of what it
// holds and its kind, «والي الأمن يكشف… — فحص الاقتباسات.docx», with
// characters no file system takes removed; without a title, the id.
func attachmentName(title, kind, id, format string) string {
	var b strings.Builder
	for _, r := range title {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(t) > maxTitleRunes {
		t = strings.TrimSpace(string([]rune(t)[:maxTitleRunes-1])) + "…"
	}
	if t == "" {
		t = id
	}
	return t + " — " + kind + "." + format
}

// attachment marks the answer as a download (srt, vtt, txt, docx; JSON and
// the HTML document are shown where they are opened) named by
// attachmentName: filename* in UTF-8 (RFC 6266, RFC 5987) and an ASCII
// filename for clients that read only that.
func attachment(c *gin.Context, title, kind, id, format string) {
	switch format {
	case "srt", "vtt", "txt", "docx":
	default:
		return
	}
	ascii := "newsscribe-" + id + "-" + kindASCII[kind] + "." + format
	c.Header("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`,
		ascii, extValue(attachmentName(title, kind, id, format))))
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
