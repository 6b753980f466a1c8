package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/share"
	"github.com/newsscribe/newsscribe/store"
)

// checkedAlignment is an article of three quotations: the first said as
// printed, the second with one word changed («الاستباقي» printed,
// «الميداني» said at 9.1–9.6 s), the third not said.
const checkedAlignment = `{"words":[],"unmatched":[{"start":0,"end":1.4,"text":"السلام عليكم"}],
"sentences":[{"text":"s1","char_start":0,"char_end":30,"start":1.5,"end":5.5,"status":"spoken"},
 {"text":"s2","char_start":31,"char_end":80,"start":6,"end":10.5,"status":"spoken"}],
"quotes":[
 {"text":"إن الأمن مسؤولية الجميع","char_start":2,"char_end":25,"start":1.5,"end":5.5,"coverage":1,"status":"spoken",
  "check":{"verdict":"verbatim","parts":[{"start":1.5,"end":5.5,"char_start":2,"char_end":25}],"differences":[],"speaker":"الوالي"}},
 {"text":"ثم العمل الاستباقي في شقه الوقائي","char_start":40,"char_end":73,"start":7,"end":10.5,"coverage":1,"status":"spoken",
  "check":{"verdict":"altered","parts":[{"start":7,"end":10.5,"char_start":40,"char_end":73}],
   "differences":[{"kind":"changed","char_start":49,"char_end":58,"article":"الاستباقي","spoken":"الميداني","start":9.1,"end":9.6,"confidence":0.7}],"speaker":"الوالي"}},
 {"text":"سنواصل العمل","char_start":90,"char_end":102,"start":null,"end":null,"coverage":0,"status":"not_in_audio",
  "check":{"verdict":"not_said","parts":[],"differences":[],"speaker":null}}]}`

// checked is checkedAlignment as the store reads it back.
func checked(t *testing.T) *align.Result {
	t.Helper()
	var r align.Result
	if err := json.Unmarshal([]byte(checkedAlignment), &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

type fakeShares struct {
	jobs map[string]*store.EmbedArticle
}

func (f fakeShares) ShareJob(_ context.Context, id string) (*store.EmbedArticle, error) {
	if a, ok := f.jobs[id]; ok {
		return a, nil
	}
	return nil, store.ErrNotFound
}

// verifier accepts "ok-<job>" and says why it refuses anything else.
type verifier struct{}

func (verifier) Verify(token string, _ time.Time) (string, error) {
	switch {
	case strings.HasPrefix(token, "ok-"):
		return strings.TrimPrefix(token, "ok-"), nil
	case token == "old":
		return "", share.ErrExpired
	}
	return "", share.ErrInvalid
}

func newShareServer(t *testing.T) *httptest.Server {
	t.Helper()
	gin.SetMode(gin.TestMode)
	r := gin.New()
	web.RegisterShare(r, fakeShares{jobs: map[string]*store.EmbedArticle{
		"tr_1": {ID: "tr_1", Title: "والي الأمن", Alignment: checked(t)},
	}}, verifier{})
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

// TestShareOpensOnTheQuote: a shared moment of an altered quotation opens on
// it — its number, its verdict in align's words and palette, the printed
// and the said word each labelled, the moment to play, and the recording
// starting where the quotation was said — and the private page shows the
// quotations the public embed leaves out.
func TestShareOpensOnTheQuote(t *testing.T) {
	srv := newShareServer(t)
	res, body := get(t, srv.URL+"/share/ok-tr_1?quote=2", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("got %d: %.300s", res.StatusCode, body)
	}
	focus := body[strings.Index(body, `<section class="focus"`):]
	focus = focus[:strings.Index(focus, "</section>")]
	altered := align.VerdictAltered.Style()
	for _, want := range []string{
		`id="q2"`, "الاقتباس 2",
		`<span class="badge v-altered"><span aria-hidden="true">` + altered.Mark + `</span> ` + align.VerdictAltered.Label().Arabic + `</span>`,
		`<mark class="printed">الاستباقي</mark>`,
		`<span class="lab">في المقال</span> «<span class="printed">الاستباقي</span>»`,
		`<span class="lab">قيل</span> «<span class="said-word">الميداني</span>»`,
		align.DiffChanged.Label().Arabic,
		`data-word-start="9.1" data-word-end="9.6"`,
	} {
		if !strings.Contains(focus, want) {
			t.Errorf("the focused card lacks %s", want)
		}
	}
	for _, want := range []string{`data-start-at="7"`, `data-spans="[[1.5,5.5],[6,10.5],[0,1.4]]"`,
		"<title>الاقتباس 2: " + align.VerdictAltered.Label().Arabic} {
		if !strings.Contains(body, want) {
			t.Errorf("share page lacks %s", want)
		}
	}
	// The other quotations, the one not said included, follow with theirs.
	for _, want := range []string{`id="q1"`, `id="q3"`, align.VerdictNotSaid.Label().Arabic, "لم يُعثر على هذا الاقتباس"} {
		if !strings.Contains(body, want) {
			t.Errorf("share page lacks %s", want)
		}
	}
	if strings.Count(body, `id="q2"`) != 1 {
		t.Error("the focused quotation is listed twice")
	}
}

// TestShareErrorsInArabic: a link that cannot be opened gets a page that
// says why in Arabic first (the reason in English beneath), with its
// status.
func TestShareErrorsInArabic(t *testing.T) {
	srv := newShareServer(t)
	for _, tt := range []struct {
		name, path string
		status     int
		ar, en     string
	}{
		{"forged", "/share/forged", http.StatusForbidden, "هذا الرابط غير صالح", "not valid"},
		{"expired", "/share/old", http.StatusForbidden, "انتهت صلاحية هذا الرابط", "expired"},
		{"forged audio", "/share/forged/audio", http.StatusForbidden, "هذا الرابط غير صالح", "not valid"},
		{"deleted", "/share/ok-tr_gone", http.StatusNotFound, "حُذف التسجيل", "deleted"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, srv.URL+tt.path, nil)
			if res.StatusCode != tt.status {
				t.Errorf("got status %d, want %d", res.StatusCode, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q, want an HTML page", ct)
			}
			ar, en := strings.Index(body, tt.ar), strings.Index(body, tt.en)
			if !strings.Contains(body, `<html lang="ar" dir="rtl">`) || ar < 0 || en < 0 || en < ar {
				t.Errorf("want an Arabic page saying %q, then %q in English: %.600s", tt.ar, tt.en, body)
			}
		})
	}
}

// TestEmbedOpensOnSharedQuote: the public embed opened with ?quote=N marks
// and starts at that quotation when it lists it; one it does not list (not
// said as printed) is not shown, and a note says so.
func TestEmbedOpensOnSharedQuote(t *testing.T) {
	srv, src := newServer(t, "")
	src.articles["checked"] = &store.EmbedArticle{ID: "checked", Title: "t", AudioPath: src.articles["a1"].AudioPath}
	src.alignments["checked"] = checkedAlignment
	src.published["checked"] = true
	_, body := get(t, srv.URL+"/embed/articles/checked?quote=1", nil)
	if !strings.Contains(body, `class="seek v-verbatim shared" data-start="1.5" data-end="5.5" data-quote="1" aria-current="true"`) ||
		!strings.Contains(body, `data-start-at="1.5"`) || strings.Contains(body, "embed-note") {
		t.Errorf("?quote=1 does not open on the quotation: %.1500s", body)
	}
	_, body = get(t, srv.URL+"/embed/articles/checked?quote=2", nil)
	if strings.Contains(body, "الاستباقي") || strings.Contains(body, "data-start-at") || !strings.Contains(body, `class="embed-note"`) {
		t.Errorf("?quote=2 (altered) shows the quotation or starts at it, or says nothing: %.1500s", body)
	}
}

// TestPageHasNoVerdictWords: the newsroom page reads the verdicts' labels,
// colours and marks from the one vocabulary the server writes into it
// (align.Labels, checked by TestIndexVocabulary) and from verdicts.css; its
// scripts and stylesheets keep no copy of a label, a colour or a mark.
func TestPageHasNoVerdictWords(t *testing.T) {
	srv, _ := newServer(t, "")
	var labels, colours []string
	for _, v := range align.Verdicts {
		l, st := v.Label(), v.Style()
		labels = append(labels, l.Arabic, l.One, l.Many)
		colours = append(colours, st.Color, st.Tint)
	}
	for _, k := range align.DiffKinds {
		labels = append(labels, k.Label().Arabic)
	}
	for name, src := range readStatic(t, "js") {
		if strings.Contains(src, "VERDICTS") {
			t.Errorf("%s keeps its own table of verdicts", name)
		}
		for _, l := range labels {
			if strings.Contains(src, l) {
				t.Errorf("%s keeps its own copy of the label %q", name, l)
			}
		}
	}
	for name, src := range readStatic(t, "css") {
		for _, c := range colours {
			if strings.Contains(strings.ToUpper(src), c) {
				t.Errorf("%s keeps its own copy of the colour #%s", name, c)
			}
		}
	}
	_, css := get(t, srv.URL+"/static/css/verdicts.css", nil)
	if !strings.Contains(css, align.VerdictCSS()) {
		t.Errorf("verdicts.css is not align's palette: %s", css)
	}
}

// readStatic returns the files of static/dir by name.
func readStatic(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(filepath.Join("static", dir))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("static", dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}
