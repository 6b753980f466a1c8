package api

import (
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
)

// searchHitJSON is one result of GET /v1/search.
type searchHitJSON struct {
	// Kind is transcript (a segment of a recording), article (a paragraph)
	// or title (an article's title).
	Kind            string `json:"kind"`
	TranscriptionID string `json:"transcription_id,omitempty"`
	ArticleID       string `json:"article_id,omitempty"`
	// Segment is the transcript segment or the article's line.
	Segment int       `json:"segment"`
	Title   string    `json:"title"`
	Date    time.Time `json:"date"`
	Speaker string    `json:"speaker,omitempty"`
	// Snippet is plain text; Highlights are [start, end) rune offsets of the
	// matched words in it. SnippetHTML is the same, escaped, with <mark>.
	Snippet     string   `json:"snippet"`
	Highlights  [][2]int `json:"highlights"`
	SnippetHTML string   `json:"snippet_html"`
	// Time is when the first matched word is said, in seconds; null when
	// the passage was not said (or is a title).
	Time *float64 `json:"time"`
	// Link opens the recording at that moment in the newsroom page.
	Link string `json:"link,omitempty"`
}

// search is GET /v1/search?q=&limit=&cursor=&from=&to=&speaker=&published=&kind=.
func (s *server) search(c *gin.Context) {
	q := store.ParseQuery(c.Query("q"))
	if q.Empty() {
		abort(c, http.StatusBadRequest, errcode.BadQuery, `q must hold at least one word; put a phrase in double quotes ("…" or «…»)`)
		return
	}
	p := store.SearchParams{Query: q, Limit: 20, Speaker: strings.TrimSpace(c.Query("speaker")), Kind: c.Query("kind")}
	if v := c.Query("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			abort(c, http.StatusBadRequest, errcode.BadRequest, "limit must be an integer from 1 to 100")
			return
		}
		p.Limit = n
	}
	if v := c.Query("cursor"); v != "" {
		n, err := strconv.ParseInt(v, 36, 64)
		if err != nil || n <= 0 {
			abort(c, http.StatusBadRequest, errcode.BadCursor, "cursor must be the next_cursor of a previous answer")
			return
		}
		p.Cursor = n
	}
	for _, d := range []struct {
		name string
		to   *time.Time
		end  bool
	}{{"from", &p.From, false}, {"to", &p.To, true}} {
		v := c.Query(d.name)
		if v == "" {
			continue
		}
		t, err := parseDate(v, d.end)
		if err != nil {
			abort(c, http.StatusBadRequest, errcode.BadDate, d.name+" must be a date (2026-03-01) or an RFC 3339 time")
			return
		}
		*d.to = t
	}
	if v := c.Query("published"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			abort(c, http.StatusBadRequest, errcode.BadRequest, "published must be true or false")
			return
		}
		p.Published = &b
	}
	switch p.Kind {
	case "", store.DocTranscript, store.DocArticle, store.DocTitle:
	default:
		abort(c, http.StatusBadRequest, errcode.BadRequest, "kind must be transcript, article or title")
		return
	}
	hits, next, err := s.Store.Search(c.Request.Context(), p)
	if err != nil {
		s.internal(c, err)
		return
	}
	data := make([]searchHitJSON, len(hits))
	for i, h := range hits {
		out := searchHitJSON{Kind: h.Kind, TranscriptionID: h.JobID, ArticleID: h.ArticleID, Segment: h.Segment, Title: h.Title,
			Date: h.Date, Speaker: h.Speaker, Snippet: h.Snippet, Highlights: h.Highlights, Time: h.Time}
		if out.Highlights == nil {
			out.Highlights = [][2]int{}
		}
		out.SnippetHTML = markHTML(h.Snippet, h.Highlights)
		if h.JobID != "" {
			out.Link = "#job/" + h.JobID
			if h.Time != nil {
				out.Link += "?t=" + strconv.FormatFloat(*h.Time, 'f', 1, 64)
			}
		}
		data[i] = out
	}
	body := gin.H{"object": "list", "data": data, "next_cursor": nil}
	if next > 0 {
		body["next_cursor"] = strconv.FormatInt(next, 36)
	}
	c.JSON(http.StatusOK, body)
}

// parseDate reads 2026-03-01 (the start of that UTC day, or the start of the
// next one for an upper bound) or an RFC 3339 time.
func parseDate(v string, end bool) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	return time.Parse(time.RFC3339, v)
}

// markHTML escapes text and wraps the highlighted rune ranges in <mark>.
func markHTML(text string, marks [][2]int) string {
	rs := []rune(text)
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m[0] < at || m[1] > len(rs) || m[0] >= m[1] {
			continue
		}
		b.WriteString(html.EscapeString(string(rs[at:m[0]])))
		b.WriteString("<mark>" + html.EscapeString(string(rs[m[0]:m[1]])) + "</mark>")
		at = m[1]
	}
	b.WriteString(html.EscapeString(string(rs[at:])))
	return b.String()
}
