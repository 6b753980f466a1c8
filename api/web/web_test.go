package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/store"
)

// fakeSource serves articles from a map; an article absent from the map, or
// present but unpublished, is store.ErrNotFound, as the api store answers.
// Alignments are stored as JSON and read back when asked for, as the store
// does: a corrupt one is an error.
type fakeSource struct {
	articles   map[string]*store.EmbedArticle
	alignments map[string]string // aligned article JSON by article id
	published  map[string]bool
	fail       error // returned for id "broken"
}

var _ web.Source = (*fakeSource)(nil)

func (f *fakeSource) EmbedArticle(ctx context.Context, id string) (*store.EmbedArticle, error) {
	if id == "broken" {
		return nil, f.fail
	}
	a, ok := f.articles[id]
	if !ok || !f.published[id] {
		return nil, store.ErrNotFound
	}
	cp := *a
	if raw, ok := f.alignments[id]; ok {
		cp.Alignment = new(align.Result)
		if err := json.Unmarshal([]byte(raw), cp.Alignment); err != nil {
			return nil, fmt.Errorf("read stored alignment: %w", err)
		}
	}
	return &cp, nil
}

const audioBody = "RIFF....WAVEfmt fake audio bytes for range tests 0123456789"

func newServer(t *testing.T, prefix string) (*httptest.Server, *fakeSource) {
	t.Helper()
	gin.SetMode(gin.TestMode)
	al, err := os.ReadFile(filepath.Join("testdata", "alignment.json"))
	if err != nil {
		t.Fatal(err)
	}
	audio := filepath.Join(t.TempDir(), "a.wav")
	if err := os.WriteFile(audio, []byte(audioBody), 0o644); err != nil {
		t.Fatal(err)
	}
	src := &fakeSource{
		articles: map[string]*store.EmbedArticle{
			"a1": {ID: "a1", Title: "والي الأمن: “الأمن مسؤولية الجميع”", URL: "https://news.example/a1",
				PublishedAt: time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC), AudioPath: audio, AudioType: "audio/wav"},
			"draft":   {ID: "draft", Title: "draft", AudioPath: audio, AudioType: "audio/wav"},
			"silent":  {ID: "silent", Title: "no recording yet"},
			"badjson": {ID: "badjson", Title: "bad"},
		},
		alignments: map[string]string{"a1": string(al), "draft": string(al), "badjson": `{"words": 7}`},
		published:  map[string]bool{"a1": true, "silent": true, "badjson": true},
		fail:       errors.New("sqlite: database is locked at /secret/path/db.sqlite"),
	}
	r := gin.New()
	var ir gin.IRouter = r
	if prefix != "" {
		ir = r.Group(prefix)
	}
	web.Register(ir, src)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv, src
}

func get(t *testing.T, u string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestIndex(t *testing.T) {
	srv, _ := newServer(t, "")
	res, body := get(t, srv.URL+"/", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /: got status %d, want 200", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("Content-Type: got %q, want text/html", ct)
	}
	for _, want := range []string{`lang="ar"`, `dir="rtl"`, `/static/js/app.js`, `/static/css/fonts.css`} {
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(body, "{{") {
		t.Error("page still holds a template action")
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP: got %q, want it to confine the page to its origin", csp)
	}
	etag := res.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on the page")
	}
	res, _ = get(t, srv.URL+"/", map[string]string{"If-None-Match": etag})
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: got status %d, want 304", res.StatusCode)
	}
}

// TestIndexVocabulary: the page carries the quote check's labels as the
// server writes them (align.Labels), for its scripts to read instead of
// keeping their own copy.
func TestIndexVocabulary(t *testing.T) {
	srv, _ := newServer(t, "")
	_, body := get(t, srv.URL+"/", nil)
	const open = `<script type="application/json" id="vocabulary">`
	i := strings.Index(body, open)
	if i < 0 {
		t.Fatal("page has no vocabulary script")
	}
	rest := body[i+len(open):]
	raw := rest[:strings.Index(rest, "</script>")]
	var got align.Vocabulary
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("vocabulary %q: %v", raw, err)
	}
	if want := align.Labels(); !reflect.DeepEqual(got, want) {
		t.Errorf("got vocabulary %+v, want %+v", got, want)
	}
	if len(got.Verdicts) != 6 || got.Verdicts[3].ID != string(align.VerdictStitched) || got.Verdicts[3].Arabic != align.VerdictStitched.Label().Arabic {
		t.Errorf("got verdicts %+v, want the six verdicts in align.Verdicts' order", got.Verdicts)
	}
}

func TestStatic(t *testing.T) {
	srv, _ := newServer(t, "")
	tests := []struct {
		name, path string
		status     int
		ctype      string
	}{
		{"module", "/static/js/app.js", 200, "text/javascript"},
		{"embed module", "/static/js/embed.js", 200, "text/javascript"},
		{"stylesheet", "/static/css/app.css", 200, "text/css"},
		{"font", "/static/fonts/noto-naskh-arabic-arabic-400-normal.woff2", 200, "font/woff2"},
		{"font licence", "/static/fonts/OFL.txt", 200, "text/plain"},
		{"missing", "/static/js/nope.js", 404, ""},
		{"escape attempt", "/static/../web.go", 404, ""},
		{"encoded escape", "/static/%2e%2e/templates/index.html", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, srv.URL+tt.path, nil)
			if res.StatusCode != tt.status {
				t.Fatalf("got status %d, want %d", res.StatusCode, tt.status)
			}
			if tt.status != 200 {
				return
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.ctype) {
				t.Errorf("Content-Type: got %q, want %s", ct, tt.ctype)
			}
			if len(body) == 0 {
				t.Error("empty body")
			}
			etag := res.Header.Get("ETag")
			if etag == "" || res.Header.Get("Cache-Control") == "" {
				t.Fatalf("got ETag %q, Cache-Control %q; want both set", etag, res.Header.Get("Cache-Control"))
			}
			res, body = get(t, srv.URL+tt.path, map[string]string{"If-None-Match": etag})
			if res.StatusCode != http.StatusNotModified || body != "" {
				t.Errorf("revalidation: got status %d with %d bytes, want 304 and none", res.StatusCode, len(body))
			}
		})
	}
}

func TestFontIsWOFF2(t *testing.T) {
	srv, _ := newServer(t, "")
	_, body := get(t, srv.URL+"/static/fonts/noto-naskh-arabic-arabic-700-normal.woff2", nil)
	if !strings.HasPrefix(body, "wOF2") {
		t.Errorf("font starts %q, want the wOF2 signature", body[:min(4, len(body))])
	}
}

func TestEmbedPage(t *testing.T) {
	srv, _ := newServer(t, "")
	res, body := get(t, srv.URL+"/embed/articles/a1", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("got status %d, want 200", res.StatusCode)
	}
	if xfo := res.Header.Get("X-Frame-Options"); xfo != "" {
		t.Errorf("X-Frame-Options: got %q, want none (the page is for iframes)", xfo)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") {
		t.Errorf("CSP: got %q, want frame-ancestors *", csp)
	}
	for _, want := range []string{
		`dir="rtl"`,
		`src="/embed/articles/a1/audio"`,
		`type="audio/wav"`,
		`data-start="1.25"`,
		`الأمن مسؤولية الجميع`,
		`>0:01</time>`,
		`href="https://news.example/a1"`,
		`application/json+oembed`,
		`/static/js/embed.js`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("embed page lacks %s", want)
		}
	}
	if strings.Contains(body, "سنواصل العمل") {
		t.Error("embed page lists a quote that is not in the audio")
	}
	if strings.Contains(body, "upload-form") || strings.Contains(body, "api-key") {
		t.Error("embed page carries newsroom controls")
	}
}

func TestEmbedNotEmbeddable(t *testing.T) {
	srv, _ := newServer(t, "")
	tests := []struct {
		name, path string
		status     int
	}{
		{"unpublished page", "/embed/articles/draft", 404},
		{"unpublished data", "/embed/articles/draft/data.json", 404},
		{"unpublished audio", "/embed/articles/draft/audio", 404},
		{"unknown page", "/embed/articles/zzz", 404},
		{"no recording", "/embed/articles/silent/audio", 404},
		{"store failure", "/embed/articles/broken", 500},
		{"store failure data", "/embed/articles/broken/data.json", 500},
		{"corrupt alignment", "/embed/articles/badjson/data.json", 500},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, srv.URL+tt.path, nil)
			if res.StatusCode != tt.status {
				t.Fatalf("got status %d, want %d", res.StatusCode, tt.status)
			}
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("body %q: want {\"error\":{\"code\",\"message\"}}", body)
			}
			if strings.Contains(body, "/secret/") || strings.Contains(body, "sqlite") {
				t.Errorf("body leaks internals: %s", body)
			}
		})
	}
}

func TestEmbedSilentArticle(t *testing.T) {
	srv, _ := newServer(t, "")
	res, body := get(t, srv.URL+"/embed/articles/silent", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("got status %d, want 200", res.StatusCode)
	}
	if strings.Contains(body, "<audio") {
		t.Error("an article without a recording got a player")
	}
}

func TestEmbedData(t *testing.T) {
	srv, _ := newServer(t, "")
	res, body := get(t, srv.URL+"/embed/articles/a1/data.json", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("got status %d, want 200", res.StatusCode)
	}
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("Access-Control-Allow-Origin: got %q, want *", got)
	}
	var d struct {
		ID, Title, URL string
		PublishedAt    time.Time `json:"published_at"`
		AudioURL       string    `json:"audio_url"`
		Quotes         []struct {
			Text       string
			Start, End *float64
			Status     string
		}
		Sentences []struct{ Text string }
		Words     []struct{ Text string }
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if d.ID != "a1" || d.URL != "https://news.example/a1" || !strings.Contains(d.Title, "الأمن") {
		t.Errorf("got id %q url %q title %q", d.ID, d.URL, d.Title)
	}
	if d.AudioURL != "/embed/articles/a1/audio" {
		t.Errorf("audio_url: got %q, want /embed/articles/a1/audio", d.AudioURL)
	}
	if !d.PublishedAt.Equal(time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)) {
		t.Errorf("published_at: got %v", d.PublishedAt)
	}
	if len(d.Quotes) != 2 || len(d.Sentences) != 2 || len(d.Words) != 7 {
		t.Fatalf("got %d quotes, %d sentences, %d words; want 2, 2, 7", len(d.Quotes), len(d.Sentences), len(d.Words))
	}
	q := d.Quotes[0]
	if q.Start == nil || *q.Start != 1.25 || *q.End != 2.9 || q.Status != "spoken" {
		t.Errorf("first quote: got %+v, want spoken 1.25–2.9", q)
	}
	if d.Quotes[1].Start != nil || d.Quotes[1].Status != "not_in_audio" {
		t.Errorf("second quote: got %+v, want not_in_audio without times", d.Quotes[1])
	}
}

func TestEmbedAudioRange(t *testing.T) {
	srv, _ := newServer(t, "")
	res, body := get(t, srv.URL+"/embed/articles/a1/audio", nil)
	if res.StatusCode != http.StatusOK || body != audioBody {
		t.Fatalf("whole file: got status %d, %d bytes; want 200, %d", res.StatusCode, len(body), len(audioBody))
	}
	if ct := res.Header.Get("Content-Type"); ct != "audio/wav" {
		t.Errorf("Content-Type: got %q, want audio/wav", ct)
	}
	if ar := res.Header.Get("Accept-Ranges"); ar != "bytes" {
		t.Errorf("Accept-Ranges: got %q, want bytes", ar)
	}
	res, body = get(t, srv.URL+"/embed/articles/a1/audio", map[string]string{"Range": "bytes=4-7"})
	if res.StatusCode != http.StatusPartialContent || body != audioBody[4:8] {
		t.Fatalf("range: got status %d body %q, want 206 %q", res.StatusCode, body, audioBody[4:8])
	}
	if cr := res.Header.Get("Content-Range"); !strings.HasPrefix(cr, "bytes 4-7/") {
		t.Errorf("Content-Range: got %q", cr)
	}
}

func TestOEmbed(t *testing.T) {
	srv, _ := newServer(t, "")
	embed := srv.URL + "/embed/articles/a1"
	q := func(v url.Values) string { return srv.URL + "/oembed?" + v.Encode() }
	tests := []struct {
		name          string
		query         url.Values
		status        int
		width, height int
	}{
		{"json", url.Values{"url": {embed}, "format": {"json"}}, 200, 640, 420},
		{"default format", url.Values{"url": {embed}}, 200, 640, 420},
		{"trailing slash", url.Values{"url": {embed + "/"}}, 200, 640, 420},
		{"max size", url.Values{"url": {embed}, "maxwidth": {"300"}, "maxheight": {"1000"}}, 200, 300, 420},
		{"public host name", url.Values{"url": {"https://audio.news.example/embed/articles/a1"}}, 200, 640, 420},
		{"xml", url.Values{"url": {embed}, "format": {"xml"}}, 501, 0, 0},
		{"other format", url.Values{"url": {embed}, "format": {"yaml"}}, 501, 0, 0},
		{"no url", url.Values{"format": {"json"}}, 400, 0, 0},
		{"bad maxwidth", url.Values{"url": {embed}, "maxwidth": {"wide"}}, 400, 0, 0},
		{"unknown article", url.Values{"url": {srv.URL + "/embed/articles/zzz"}}, 404, 0, 0},
		{"unpublished article", url.Values{"url": {srv.URL + "/embed/articles/draft"}}, 404, 0, 0},
		{"not an embed url", url.Values{"url": {srv.URL + "/v1/articles/a1"}}, 404, 0, 0},
		{"nested path", url.Values{"url": {embed + "/audio"}}, 404, 0, 0},
		{"not http", url.Values{"url": {"javascript:alert(1)"}}, 404, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, q(tt.query), nil)
			if res.StatusCode != tt.status {
				t.Fatalf("got status %d, want %d (%s)", res.StatusCode, tt.status, body)
			}
			if tt.status != 200 {
				return
			}
			var o struct {
				Version, Type, Title, HTML string
				ProviderName               string `json:"provider_name"`
				ProviderURL                string `json:"provider_url"`
				Width, Height              int
			}
			if err := json.Unmarshal([]byte(body), &o); err != nil {
				t.Fatal(err)
			}
			if o.Version != "1.0" || o.Type != "rich" {
				t.Errorf("got version %q type %q, want 1.0 rich", o.Version, o.Type)
			}
			if o.Width != tt.width || o.Height != tt.height {
				t.Errorf("got %d×%d, want %d×%d", o.Width, o.Height, tt.width, tt.height)
			}
			if !strings.Contains(o.Title, "الأمن") || o.ProviderName != "newsscribe" || o.ProviderURL != srv.URL+"/" {
				t.Errorf("got title %q provider %q %q", o.Title, o.ProviderName, o.ProviderURL)
			}
			wantSrc := `<iframe src="` + srv.URL + `/embed/articles/a1"`
			if !strings.HasPrefix(o.HTML, wantSrc) || !strings.Contains(o.HTML, `width="`) {
				t.Errorf("html: got %s, want it to start with %s", o.HTML, wantSrc)
			}
		})
	}
}

func TestOEmbedEscapesTitle(t *testing.T) {
	srv, src := newServer(t, "")
	src.articles["x"] = &store.EmbedArticle{ID: "x", Title: `"><script>alert(1)</script>`}
	src.published["x"] = true
	_, body := get(t, srv.URL+"/oembed?url="+url.QueryEscape(srv.URL+"/embed/articles/x"), nil)
	var o struct{ HTML string }
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(o.HTML, "<script>alert") {
		t.Errorf("html carries the raw title: %s", o.HTML)
	}
	_, page := get(t, srv.URL+"/embed/articles/x", nil)
	if strings.Contains(page, "<script>alert") {
		t.Error("embed page carries the raw title")
	}
}

func TestRegisterUnderPrefix(t *testing.T) {
	srv, _ := newServer(t, "/news")
	res, body := get(t, srv.URL+"/news/", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `src="/news/static/js/app.js"`) || !strings.Contains(body, `data-base="/news"`) {
		t.Fatalf("GET /news/: status %d; want the page with /news asset links", res.StatusCode)
	}
	res, body = get(t, srv.URL+"/news/embed/articles/a1", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `src="/news/embed/articles/a1/audio"`) {
		t.Fatalf("embed under prefix: status %d", res.StatusCode)
	}
	res, _ = get(t, srv.URL+"/news/oembed?url="+url.QueryEscape(srv.URL+"/news/embed/articles/a1"), nil)
	if res.StatusCode != http.StatusOK {
		t.Errorf("oembed under prefix: got status %d, want 200", res.StatusCode)
	}
}

func TestHead(t *testing.T) {
	srv, _ := newServer(t, "")
	for _, p := range []string{"/", "/static/js/app.js", "/embed/articles/a1/audio"} {
		res, err := http.Head(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("HEAD %s: got status %d, want 200", p, res.StatusCode)
		}
	}
}

// TestEmbedListsOnlyWhatTheVerdictSupports: the embed lists a quote as said
// only when its check says so — verbatim, minor (spelling only) or stitched
// (marked as such) — never an altered, invented or unclear one.
func TestEmbedListsOnlyWhatTheVerdictSupports(t *testing.T) {
	srv, src := newServer(t, "")
	q := func(text, verdict string, start float64, speaker string) string {
		sp := "null"
		if speaker != "" {
			sp = `"` + speaker + `"`
		}
		return `{"text":"` + text + `","char_start":0,"char_end":4,"start":` + strconv.FormatFloat(start, 'f', -1, 64) +
			`,"end":` + strconv.FormatFloat(start+2, 'f', -1, 64) + `,"coverage":1,"status":"spoken","check":{"verdict":"` + verdict +
			`","parts":[],"differences":[],"speaker":` + sp + `}}`
	}
	al := `{"words":[],"sentences":[],"unmatched":[],"quotes":[` + strings.Join([]string{
		q("قول مطابق", "verbatim", 1, "محمد الدخيسي"),
		q("قول بخطأ إملائي", "minor", 4, ""),
		q("قول محرف", "altered", 7, ""),
		q("قول مركب", "stitched", 10, ""),
		q("قول غير واضح", "unclear", 13, ""),
	}, ",") + `]}`
	src.articles["checked"] = &store.EmbedArticle{ID: "checked", Title: "t", AudioPath: src.articles["a1"].AudioPath}
	src.alignments["checked"] = al
	src.published["checked"] = true
	_, body := get(t, srv.URL+"/embed/articles/checked", nil)
	tests := []struct {
		name, text string
		listed     bool
	}{
		{"verbatim", "قول مطابق", true},
		{"minor", "قول بخطأ إملائي", true},
		{"stitched", "قول مركب", true},
		{"altered", "قول محرف", false},
		{"unclear", "قول غير واضح", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Contains(body, tt.text); got != tt.listed {
				t.Errorf("quote %q listed: got %v, want %v", tt.text, got, tt.listed)
			}
		})
	}
	for _, want := range []string{"قيل عند", "— محمد الدخيسي", `id="more"`, "/static/css/verdicts.css"} {
		if !strings.Contains(body, want) {
			t.Errorf("embed page lacks %s", want)
		}
	}
	// Each listed quote says its verdict in align's words, in the palette's
	// class, with its mark; the stitched one says it was pieced together.
	for _, v := range []align.Verdict{align.VerdictVerbatim, align.VerdictMinor, align.VerdictStitched} {
		badge := `<span class="badge ` + v.Class() + `"><span aria-hidden="true">` + v.Style().Mark + `</span> ` + v.Label().Arabic + `</span>`
		if strings.Count(body, badge) != 1 {
			t.Errorf("got %d badges %s, want 1", strings.Count(body, badge), badge)
		}
	}
}

// TestOEmbedHeightListener: the embed code carries the listener that sizes
// the iframe to the height the embed posts, accepting it only from the
// server's origin, capped at maxheight when the consumer gave one.
func TestOEmbedHeightListener(t *testing.T) {
	srv, _ := newServer(t, "")
	for _, tt := range []struct {
		name, query, want string
	}{
		{"uncapped", "", `f.style.height=e.data.height+"px"`},
		{"capped", "&maxheight=300", `f.style.height=Math.min(e.data.height,300)+"px"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, body := get(t, srv.URL+"/oembed?url="+url.QueryEscape(srv.URL+"/embed/articles/a1")+tt.query, nil)
			var o struct{ HTML string }
			if err := json.Unmarshal([]byte(body), &o); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{tt.want, `e.origin!=="` + srv.URL + `"`, `"newsscribe:embed-height"`} {
				if !strings.Contains(o.HTML, want) {
					t.Errorf("oEmbed html lacks %s: %s", want, o.HTML)
				}
			}
		})
	}
}

// TestEmbedDataCarriesSpeakerRole: the embed's public JSON passes on the
// check's speaker and role (issue 19).
func TestEmbedDataCarriesSpeakerRole(t *testing.T) {
	srv, src := newServer(t, "")
	al := `{"words":[],"sentences":[],"unmatched":[],"quotes":[{"text":"قول","char_start":0,"char_end":3,"start":1,"end":2,"status":"spoken",` +
		`"check":{"verdict":"verbatim","parts":[],"differences":[],"speaker":"محمد الدخيسي","speaker_role":"والي امن مراكش"}}]}`
	src.articles["role"] = &store.EmbedArticle{ID: "role", Title: "t"}
	src.alignments["role"] = al
	src.published["role"] = true
	_, body := get(t, srv.URL+"/embed/articles/role/data.json", nil)
	var d struct {
		Quotes []struct {
			Check struct {
				Speaker     *string `json:"speaker"`
				SpeakerRole *string `json:"speaker_role"`
			} `json:"check"`
		} `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Quotes) != 1 || d.Quotes[0].Check.SpeakerRole == nil || *d.Quotes[0].Check.SpeakerRole != "والي امن مراكش" {
		t.Errorf("got %s, want the quote with speaker_role «والي امن مراكش»", body)
	}
}
