// Package web serves newsscribe's browser faces: the newsroom page at `/`
// (plain JavaScript modules that talk to the /v1 JSON API), its static
// assets, and the public embed of a published article for a CMS — an iframe
// page, its JSON, its audio and an oEmbed description.
//
// Every asset is embedded in the binary with //go:embed; nothing is fetched
// from the network at run time and there is no build step.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/publicurl"
	"github.com/newsscribe/newsscribe/store"
)

//go:embed static templates
var assets embed.FS

// Source gives the embed routes the published articles; *store.Store is
// one. The type it returns is storage's, so that storage knows nothing of
// the page (dependencies point down: web imports store, never the reverse).
type Source interface {
	// EmbedArticle returns the published article id, or an error wrapping
	// store.ErrNotFound when it is missing or unpublished (answered 404).
	EmbedArticle(ctx context.Context, id string) (*store.EmbedArticle, error)
}

var (
	_ Source      = (*store.Store)(nil)
	_ ShareSource = (*store.Store)(nil)
)

// Embed frame defaults for oEmbed, in CSS pixels.
const (
	defaultEmbedWidth  = 640
	defaultEmbedHeight = 420
)

// Register mounts the newsroom page and the embed routes on r:
//
//	GET /                               the newsroom page
//	GET /live                           the live page (package live, api/live.go)
//	GET /static/*filepath               embedded assets (ETag, revalidated)
//	GET /embed/articles/:id             iframe page of a published article
//	GET /embed/articles/:id/data.json   its public JSON
//	GET /embed/articles/:id/audio       its recording (Range requests)
//	GET /oembed?url=…&format=json       oEmbed 1.0 "rich" description
//
// HEAD is answered wherever GET is. Register panics only if the embedded
// assets are malformed, which is a build defect. It is Mount with zero
// Options.
func Register(r gin.IRouter, src Source) { Mount(r, src, Options{}) }

// Options configure the absolute URLs the embed writes (the oEmbed iframe
// src and provider_url, the embed page's oEmbed link), which CMSes and
// caches keep.
type Options struct {
	// PublicURL is the address the server's root is reached by, an absolute
	// http(s) URL without a trailing slash (api.ParsePublicURL checks one),
	// e.g. https://news.example.com. Empty takes the scheme and host from
	// each request, which the client chooses (a forged Host header).
	PublicURL string
	// TrustProxy, without PublicURL, takes the scheme and host from a
	// reverse proxy's X-Forwarded-Proto and X-Forwarded-Host. Defaults to
	// false: they are ignored, since any client can send them.
	TrustProxy bool
}

// Mount is Register with options.
func Mount(r gin.IRouter, src Source, opts Options) {
	h := newHandler(src, basePath(r))
	h.opts = opts
	h.publicPath = publicurl.Path(opts.PublicURL)
	get := func(p string, f gin.HandlerFunc) {
		r.GET(p, f)
		r.HEAD(p, f)
	}
	get("/", h.index)
	get("/live", h.live)
	get("/static/*filepath", h.static)
	get("/embed/articles/:id", h.embedPage)
	get("/embed/articles/:id/data.json", h.embedData)
	get("/embed/articles/:id/audio", h.embedAudio)
	get("/oembed", h.oembed)
}

// basePath is the prefix r mounts under, "" for the root.
func basePath(r gin.IRouter) string {
	if b, ok := r.(interface{ BasePath() string }); ok {
		return strings.TrimSuffix(b.BasePath(), "/")
	}
	return ""
}

// asset is one embedded file with its validator.
type asset struct {
	body  []byte
	etag  string
	ctype string
}

type handler struct {
	src  Source
	base string
	opts Options
	// publicPath is PublicURL's path ("" for none).
	publicPath string
	files      map[string]asset // by path under static/, e.g. "js/app.js"
	page       asset
	livePage   asset              // the live page (live.html), drawn once like page
	tmpl       *template.Template // index.html and embed.html
}

// indexView is what the newsroom page template is filled with.
type indexView struct {
	// Base is the prefix the router is mounted under, "" for the root.
	Base string
	// Vocabulary is the quote check's verdicts (labels, colours, marks) and
	// kinds of difference (align.Labels), written into the page as JSON
	// (<script type="application/json" id="vocabulary">) so that the page
	// shows the words the report and the documents use and keeps no copy.
	Vocabulary align.Vocabulary
}

func newHandler(src Source, base string) *handler {
	h := &handler{src: src, base: base, files: map[string]asset{}}
	err := fs.WalkDir(assets, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assets.ReadFile(p)
		if err != nil {
			return err
		}
		h.files[strings.TrimPrefix(p, "static/")] = newAsset(p, b)
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("web: embedded assets: %v", err))
	}
	// The verdicts' palette, written from align's, never copied.
	h.files["css/verdicts.css"] = newAsset("verdicts.css", []byte("/* The verdicts' palette (align.Verdict's Style). */\n"+align.VerdictCSS()))
	// Both pages are html/template files parsed together; the newsroom page
	// depends only on the mount prefix, so it is drawn once, here, and served
	// with an ETag like any other asset.
	h.tmpl = template.Must(template.New("").Funcs(template.FuncMap{
		"clock": clock,
		"add":   func(a, b int) int { return a + b },
	}).ParseFS(assets, "templates/*.html"))
	var page bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&page, "index.html", indexView{Base: base, Vocabulary: align.Labels()}); err != nil {
		panic(fmt.Sprintf("web: newsroom page template: %v", err))
	}
	h.page = newAsset("index.html", page.Bytes())
	var lp bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&lp, "live.html", indexView{Base: base, Vocabulary: align.Labels()}); err != nil {
		panic(fmt.Sprintf("web: live page template: %v", err))
	}
	h.livePage = newAsset("live.html", lp.Bytes())
	return h
}

func newAsset(name string, b []byte) asset {
	sum := sha256.Sum256(b)
	ct := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) { // not every system's mime table knows these
	case ".js", ".mjs":
		ct = "text/javascript; charset=utf-8"
	case ".css":
		ct = "text/css; charset=utf-8"
	case ".woff2":
		ct = "font/woff2"
	case ".html":
		ct = "text/html; charset=utf-8"
	case ".txt", ".md":
		ct = "text/plain; charset=utf-8"
	}
	if ct == "" {
		ct = "application/octet-stream"
	}
	return asset{body: b, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, ctype: ct}
}

// serveAsset answers with a, honouring If-None-Match. Assets keep their names
// across releases, so browsers revalidate every use (a cheap 304) rather than
// keep a stale copy after an upgrade.
func serveAsset(c *gin.Context, a asset) {
	w := c.Writer
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("ETag", a.etag)
	w.Header().Set("Cache-Control", "public, no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	http.ServeContent(w, c.Request, "", time.Time{}, bytes.NewReader(a.body))
}

// newsroomCSP confines the newsroom page to its own origin; it may not be framed.
const newsroomCSP = "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; " +
	"img-src 'self' data:; media-src 'self' blob:; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

// embedCSP lets any site frame the embed, and nothing else in.
const embedCSP = "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; " +
	"img-src 'self' data:; media-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'none'; form-action 'none'; frame-ancestors *"

func (h *handler) index(c *gin.Context) {
	c.Header("Content-Security-Policy", newsroomCSP)
	c.Header("X-Frame-Options", "SAMEORIGIN")
	c.Header("Referrer-Policy", "same-origin")
	serveAsset(c, h.page)
}

// live is the live page (issue 23): a speech transcribed while it is given,
// under the newsroom page's policy (it also opens a WebSocket to its own
// origin and an audio worklet of its own scripts).
func (h *handler) live(c *gin.Context) {
	c.Header("Content-Security-Policy", newsroomCSP)
	c.Header("X-Frame-Options", "SAMEORIGIN")
	c.Header("Referrer-Policy", "same-origin")
	c.Header("Permissions-Policy", "microphone=(self), display-capture=(self)")
	serveAsset(c, h.livePage)
}

func (h *handler) static(c *gin.Context) {
	p := strings.TrimPrefix(path.Clean("/"+c.Param("filepath")), "/")
	a, ok := h.files[p]
	if !ok {
		writeError(c, http.StatusNotFound, errcode.NotFound, "no such file")
		return
	}
	serveAsset(c, a)
}

// apiError is the JSON error shape shared with the /v1 API.
type apiError struct {
	Error struct {
		Code    errcode.Code `json:"code"`
		Message string       `json:"message"`
	} `json:"error"`
}

func writeError(c *gin.Context, status int, code errcode.Code, msg string) {
	var e apiError
	e.Error.Code, e.Error.Message = code, msg
	c.AbortWithStatusJSON(status, e)
}

// article looks up the published article named by the :id parameter and
// answers 404 or 500 itself when it cannot.
func (h *handler) article(c *gin.Context, id string) (*store.EmbedArticle, bool) {
	a, err := h.src.EmbedArticle(c.Request.Context(), id)
	switch {
	case errors.Is(err, store.ErrNotFound) || (err == nil && a == nil):
		writeError(c, http.StatusNotFound, errcode.NotFound, "no published article with this id")
		return nil, false
	case err != nil:
		_ = c.Error(fmt.Errorf("embed article %q: %w", id, err))
		writeError(c, http.StatusInternalServerError, errcode.Internal, "the article could not be loaded; try again later")
		return nil, false
	}
	return a, true
}

// heard reports whether the embed may list quote q as said: only a quote
// whose words were all said (align.Verdict.Said: verbatim, minor, or
// stitched, which its verdict's label says) is listed. A quote without a
// check (an alignment stored before the check) is listed by its status, as
// before.
func heard(q align.TimedQuote) bool {
	if !timed(q.TimedSpan) {
		return false
	}
	return q.Check.Verdict == align.VerdictUnchecked || q.Check.Verdict.Said()
}

// holdsUnheard reports whether sentence s holds a quotation (or part of
// one) the embed may not list as said (see heard): listing the sentence
// would print that quotation as heard.
func holdsUnheard(al *align.Result, s align.TimedSentence) bool {
	for _, q := range al.Quotes {
		if q.CharStart < s.CharEnd && s.CharStart < q.CharEnd && !heard(q) {
			return true
		}
	}
	return false
}

// timed reports whether s was heard in the recording.
func timed(s align.TimedSpan) bool {
	return s.Start != nil && s.End != nil && s.Status != align.StatusNotInAudio
}

// embedData is the public JSON of an embedded article.
type embedData struct {
	ID          string     `json:"id"`
	Title       string     `json:"title"`
	URL         string     `json:"url,omitempty"`
	PublishedAt *time.Time `json:"published_at,omitempty"`
	AudioURL    string     `json:"audio_url,omitempty"`
	// The aligned article's passages and words, as the API writes them.
	Quotes    []align.TimedQuote    `json:"quotes"`
	Sentences []align.TimedSentence `json:"sentences"`
	Words     []align.TimedWord     `json:"words"`
}

// alignment is a's aligned article; an empty one before it is aligned.
func alignment(a *store.EmbedArticle) *align.Result {
	if a.Alignment == nil {
		return &align.Result{}
	}
	return a.Alignment
}

func (h *handler) data(a *store.EmbedArticle, al *align.Result) embedData {
	d := embedData{ID: a.ID, Title: a.Title, URL: a.URL,
		Quotes: nonNil(al.Quotes), Sentences: nonNil(al.Sentences), Words: nonNil(al.Words)}
	if !a.PublishedAt.IsZero() {
		t := a.PublishedAt.UTC()
		d.PublishedAt = &t
	}
	if a.AudioPath != "" {
		d.AudioURL = h.embedURL(a.ID) + "/audio"
	}
	return d
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (h *handler) embedURL(id string) string {
	return h.base + "/embed/articles/" + url.PathEscape(id)
}

func (h *handler) embedData(c *gin.Context) {
	a, ok := h.article(c, c.Param("id"))
	if !ok {
		return
	}
	al := alignment(a)
	c.Header("Access-Control-Allow-Origin", "*")
	c.Header("Cache-Control", "public, max-age=60")
	c.JSON(http.StatusOK, h.data(a, al))
}

func (h *handler) embedAudio(c *gin.Context) {
	if a, ok := h.article(c, c.Param("id")); ok {
		c.Header("Access-Control-Allow-Origin", "*")
		h.serveAudio(c, a, "public, max-age=300")
	}
}

// serveAudio serves a's recording with Range requests, cached as cache says.
func (h *handler) serveAudio(c *gin.Context, a *store.EmbedArticle, cache string) {
	if a.AudioPath == "" {
		writeError(c, http.StatusNotFound, errcode.NoAudio, "this article has no recording")
		return
	}
	f, err := os.Open(a.AudioPath)
	if err != nil {
		_ = c.Error(fmt.Errorf("embed audio %q: %w", a.ID, err))
		writeError(c, http.StatusNotFound, errcode.NoAudio, "this article's recording is not available")
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		writeError(c, http.StatusNotFound, errcode.NoAudio, "this article's recording is not available")
		return
	}
	// The type the Source decoded the recording as; never left to sniffing
	// (net/http's or the browser's), which could call an upload a web page.
	ctype := a.AudioType
	if !strings.HasPrefix(ctype, "audio/") && !strings.HasPrefix(ctype, "video/") {
		ctype = "application/octet-stream"
	}
	c.Header("Content-Type", ctype)
	c.Header("X-Content-Type-Options", "nosniff")
	c.Header("Content-Security-Policy", "default-src 'none'; media-src 'self'; sandbox")
	c.Header("Cache-Control", cache)
	http.ServeContent(c.Writer, c.Request, "", st.ModTime(), f)
}

// embedItem is one clickable line of the embed page.
type embedItem struct {
	Text       string
	Start, End float64
	Partial    bool
	// Speaker is whom the article attributes the quote to; "" when nobody.
	Speaker string
	// Quote is the quotation's number in the article, from 1; 0 for a sentence.
	Quote int
	// Verdict names and draws the quotation's verdict (zero for a sentence,
	// and for a quotation stored before the check).
	Verdict align.VerdictTerm
	// Shared marks the quotation a shared link (?quote=N) opened on.
	Shared bool
}

type embedView struct {
	Title, URL, AudioURL, AudioType, OEmbedURL, DataURL, Static string
	Lang                                                        string
	Items                                                       []embedItem
	Quotes                                                      bool // Items are quotes, not sentences
	// StartAt is where the recording starts (seconds), from the link's
	// ?t= or ?quote=; nil for the beginning.
	StartAt *float64
	// Share marks the page of a signed share link (an unpublished job).
	Share bool
	// Unlisted: the link asked for a quotation the public page does not
	// list (?quote=N of one not said as printed).
	Unlisted bool
}

func (h *handler) embedPage(c *gin.Context) {
	a, ok := h.article(c, c.Param("id"))
	if !ok {
		return
	}
	al := alignment(a)
	v := embedView{Title: a.Title, URL: a.URL, Static: h.base + "/static",
		DataURL: h.embedURL(a.ID) + "/data.json", Lang: "ar"}
	if a.AudioPath != "" {
		v.AudioURL, v.AudioType = h.embedURL(a.ID)+"/audio", a.AudioType
	}
	v.OEmbedURL = h.base + "/oembed?format=json&url=" + url.QueryEscape(h.root(c.Request)+h.embedURL(a.ID))
	h.render(c, a, al, v)
}

// render fills v's items from the alignment, starts it at the moment the
// query asks for (see moment), and writes the embed page.
func (h *handler) render(c *gin.Context, a *store.EmbedArticle, al *align.Result, v embedView) {
	// The quotes are what readers come for; only those the check says were
	// said are listed (never an altered or invented one), and an article
	// without any shows its spoken sentences instead.
	for i, q := range al.Quotes {
		if !heard(q) {
			continue
		}
		unchecked := q.Check.Verdict == align.VerdictUnchecked
		it := embedItem{Text: q.Text, Start: *q.Start, End: *q.End, Partial: unchecked && q.Status == align.StatusPartial, Quote: i + 1}
		if !unchecked {
			it.Verdict = q.Check.Verdict.Term()
		}
		it.Speaker = q.Check.SpeakerLine()
		v.Items = append(v.Items, it)
	}
	v.Quotes = len(v.Items) > 0
	if !v.Quotes {
		for _, s := range al.Sentences {
			if timed(s.TimedSpan) && !holdsUnheard(al, s) {
				v.Items = append(v.Items, embedItem{Text: s.Text, Start: *s.Start, End: *s.End, Partial: s.Status == align.StatusPartial})
			}
		}
	}
	if at, ok := moment(c.Query("t"), c.Query("quote"), v.Items); ok {
		v.StartAt = &at
	}
	if n, err := strconv.Atoi(c.Query("quote")); err == nil && n > 0 {
		v.Unlisted = n <= len(al.Quotes)
		for i := range v.Items {
			if v.Items[i].Quote == n {
				v.Items[i].Shared, v.Unlisted = true, false
			}
		}
	}
	h.write(c, a, "embed.html", v, v.Share)
}

// write draws the page tmpl of article (or shared job) a with v, with the
// headers of a page any site may frame; private pages (share links) are
// neither cached by others nor indexed.
func (h *handler) write(c *gin.Context, a *store.EmbedArticle, tmpl string, v any, private bool) {
	var buf bytes.Buffer
	if err := h.tmpl.ExecuteTemplate(&buf, tmpl, v); err != nil {
		_ = c.Error(fmt.Errorf("page %s of %q: %w", tmpl, a.ID, err))
		writeError(c, http.StatusInternalServerError, errcode.Internal, "the embed could not be drawn")
		return
	}
	hd := c.Writer.Header()
	hd.Del("X-Frame-Options")
	hd.Set("Content-Security-Policy", embedCSP)
	hd.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	hd.Set("Cache-Control", "public, max-age=60")
	hd.Set("X-Content-Type-Options", "nosniff")
	if private {
		// A shared job is not public: not cached by others, not indexed.
		hd.Set("Cache-Control", "private, no-store")
		hd.Set("X-Robots-Tag", "noindex")
		hd.Set("Referrer-Policy", "no-referrer")
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}

// maxMoment is the latest start a link may ask for, in seconds (a day).
const maxMoment = 24 * 3600

// momentPattern is what ?t= accepts: seconds, up to three decimals.
var momentPattern = regexp.MustCompile(`^[0-9]{1,6}(\.[0-9]{1,3})?$`)

// moment is where a shared link starts the recording, in seconds: ?quote=N
// (the article's Nth quotation, from 1, when the page lists it) wins over
// ?t=SECONDS (0 to a day). Anything else is ignored — never an error and
// never echoed: the page only ever prints the number parsed here.
func moment(t, quote string, items []embedItem) (float64, bool) {
	if n, err := strconv.Atoi(quote); err == nil && n > 0 {
		for _, it := range items {
			if it.Quote == n {
				return it.Start, true
			}
		}
	}
	if !momentPattern.MatchString(t) {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v > maxMoment {
		return 0, false
	}
	return v, true
}

// clock formats seconds as m:ss, or h:mm:ss past the hour.
func clock(sec float64) string {
	if sec < 0 {
		sec = 0
	}
	t := int(sec)
	h, m, s := t/3600, t/60%60, t%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// origin and root are the handler's Options' Origin and Root.
func (h *handler) origin(r *http.Request) string {
	return publicurl.Origin(r, h.opts.PublicURL, h.opts.TrustProxy)
}
func (h *handler) root(r *http.Request) string {
	return publicurl.Root(r, h.opts.PublicURL, h.opts.TrustProxy)
}
