package web

import (
	"encoding/json"
	"fmt"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
)

// oEmbed is an oEmbed 1.0 response of type "rich" (https://oembed.com/, §2.3.4).
type oEmbed struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title,omitempty"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	CacheAge     int    `json:"cache_age"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

// oembed answers GET /oembed?url=U[&format=json][&maxwidth=W][&maxheight=H]
// where U is the address of an embed page (…/embed/articles/{id}). As the
// spec asks: 404 when U names nothing embeddable, 501 for a format other than
// JSON, and a frame no larger than maxwidth × maxheight.
func (h *handler) oembed(c *gin.Context) {
	switch f := c.Query("format"); f {
	case "", "json":
	default:
		writeError(c, http.StatusNotImplemented, errcode.UnsupportedFormat,
			fmt.Sprintf("oEmbed format %q is not supported; use format=json", f))
		return
	}
	raw := c.Query("url")
	if raw == "" {
		writeError(c, http.StatusBadRequest, errcode.MissingURL, "the url parameter is required")
		return
	}
	id, ok := h.embedID(raw)
	if !ok {
		writeError(c, http.StatusNotFound, errcode.NotFound, "the url is not an embeddable article of this server")
		return
	}
	a, ok := h.article(c, id)
	if !ok {
		return
	}
	w, ok1 := fitDimension(c.Query("maxwidth"), defaultEmbedWidth)
	ht, ok2 := fitDimension(c.Query("maxheight"), defaultEmbedHeight)
	if !ok1 || !ok2 {
		writeError(c, http.StatusBadRequest, errcode.BadDimension, "maxwidth and maxheight must be positive whole numbers of pixels")
		return
	}
	org, root := h.origin(c.Request), h.root(c.Request)
	src := root + h.embedURL(a.ID) + momentQuery(raw)
	title := a.Title
	if title == "" {
		title = "newsscribe"
	}
	limit := 0 // the listener's cap on the frame's height; 0 for none
	if c.Query("maxheight") != "" {
		limit = ht
	}
	frame := fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" title="%s" loading="lazy" style="border:0;max-width:100%%" allow="autoplay"></iframe>`,
		template.HTMLEscapeString(src), w, ht, template.HTMLEscapeString(title)) + heightListener(org, limit)
	c.Header("Access-Control-Allow-Origin", "*")
	c.Header("Cache-Control", "public, max-age=300")
	c.JSON(http.StatusOK, oEmbed{
		Version: "1.0", Type: "rich", Title: a.Title,
		ProviderName: "newsscribe", ProviderURL: root + h.base + "/",
		CacheAge: 3600, HTML: frame, Width: w, Height: ht,
	})
}

// embedID extracts the article id from the address of an embed page on this
// server's path layout; the host is not checked, since a CMS may know the
// server by a public name the server itself does not.
func (h *handler) embedID(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", false
	}
	p := strings.TrimSuffix(u.Path, "/")
	if h.publicPath != "" {
		// The public address of the page, behind a proxy's path prefix.
		p = strings.TrimPrefix(p, h.publicPath)
	}
	prefix := h.base + "/embed/articles/"
	if !strings.HasPrefix(p, prefix) {
		return "", false
	}
	id := p[len(prefix):]
	if id == "" || strings.Contains(id, "/") {
		return "", false
	}
	return id, true
}

// momentQuery carries a shared moment of an embed address (?t=SECONDS or
// ?quote=N, as moment reads them) over to the frame's address, rebuilt
// from the parsed values; anything else in the query is dropped.
func momentQuery(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	q, out := u.Query(), url.Values{}
	if t := q.Get("t"); momentPattern.MatchString(t) {
		if v, err := strconv.ParseFloat(t, 64); err == nil && v <= maxMoment {
			out.Set("t", strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	if n, err := strconv.Atoi(q.Get("quote")); err == nil && n > 0 {
		out.Set("quote", strconv.Itoa(n))
	}
	if len(out) == 0 {
		return ""
	}
	return "?" + out.Encode()
}

// fitDimension is def, shrunk to max when the consumer asked for less (the
// spec forbids exceeding it; the embed page reflows down to phone widths); ok
// is false when max is not a positive integer.
func fitDimension(max string, def int) (int, bool) {
	if max == "" {
		return def, true
	}
	n, err := strconv.Atoi(max)
	if err != nil || n <= 0 {
		return 0, false
	}
	return min(n, def), true
}

// heightMessage is the type of the message the embed page posts to its
// parent with its height in CSS pixels (static/js/embed.js).
const heightMessage = "newsscribe:embed-height"

// heightListener is the few lines of script the embed code carries so that
// the host page sizes the iframe to its content: it accepts the height
// message from frames of origin only, applies it to the frame that sent it,
// and caps it at limit pixels when limit > 0.
func heightListener(origin string, limit int) string {
	org, _ := json.Marshal(origin) // a JSON string is a JavaScript string
	capped := "e.data.height"
	if limit > 0 {
		capped = fmt.Sprintf("Math.min(e.data.height,%d)", limit)
	}
	return fmt.Sprintf(`<script>addEventListener("message",function(e){if(e.origin!==%s||!e.data||e.data.type!==%q)return;`+
		`document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)f.style.height=%s+"px"})});</script>`,
		org, heightMessage, capped)
}
