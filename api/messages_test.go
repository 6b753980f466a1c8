package api_test

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/export/docx"
	"github.com/newsscribe/newsscribe/transcribe"
)

// TestUploadUnderTheWrongField (issue 25 #5): a recording sent as
// -F audio=@talk.wav is answered with the field it should have been, both
// when it is larger than the text fields' limit (352 KB: before, "the
// form's text fields are larger than 256 KiB together") and when it is
// small.
func TestUploadUnderTheWrongField(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	for _, tc := range []struct {
		name    string
		seconds float64
	}{
		{"352 KB", 11},
		{"small", 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			mw := multipart.NewWriter(&b)
			mw.WriteField("language", "ar")
			fw, _ := mw.CreateFormFile("audio", "talk.wav")
			fw.Write(wav(tc.seconds, 440))
			mw.Close()
			r := ts.do(t, "POST", "/v1/transcriptions", &b, mw.FormDataContentType())
			var e struct {
				Error struct{ Code, Type, Message, Param string }
			}
			r.json(t, &e)
			if r.status != http.StatusBadRequest || e.Error.Code != "wrong_field" || e.Error.Param != "audio" || e.Error.Type != "invalid_request_error" ||
				!strings.Contains(e.Error.Message, `the recording goes in the form part named "file"`) || !strings.Contains(e.Error.Message, "-F file=@talk.wav") {
				t.Errorf("got %d %s, want 400 wrong_field naming the part file", r.status, r.body)
			}
		})
	}
}

// TestErrorShapeOn409 (issue 25 #5): the 409 of an edit made on a stale
// revision carries the documented error shape, "type" included.
func TestErrorShapeOn409(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	id := ts.doneJob(t, map[string]string{"article": article})
	edit := `{"base_revision":0,"edits":[{"segment":0,"from":0,"to":1,"text":"وقال"}]}`
	if r := ts.patch(t, id, edit); r.status != 200 {
		t.Fatalf("first edit: %d %s", r.status, r.body)
	}
	r := ts.patch(t, id, edit)
	var e struct {
		Error struct{ Code, Type, Message string }
	}
	r.json(t, &e)
	if r.status != http.StatusConflict || e.Error.Code != "conflict" || e.Error.Type != "invalid_request_error" || e.Error.Message == "" {
		t.Errorf("stale edit: got %d %s, want 409 with code, type and message", r.status, r.body)
	}
}

// TestTranslationSaysEnglish (issue 25 #10): Whisper's translate task
// reports the spoken language (ar) as the transcript's language; the
// English translation's JSON says "language": "en".
func TestTranslationSaysEnglish(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		tr, err := arabicResult(s, o)
		if err == nil && o.Translate {
			tr.Text, tr.Segments[0].Text, tr.Segments[0].Words = english, english, nil // language stays "ar", as whisper.cpp reports it
		}
		return tr, err
	}})
	var j, tj jobView
	ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar"}).json(t, &j)
	ts.waitJob(t, j.ID)
	ts.do(t, "POST", "/v1/transcriptions/"+j.ID+"/translation", nil, "").json(t, &tj)
	ts.waitJob(t, tj.ID)
	r := ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript?lang=en&format=json", nil, "")
	var got transcribe.Transcript
	r.json(t, &got)
	if got.Language != "en" || !got.MachineTranslation {
		t.Errorf("English translation JSON: language %q, machine_translation %v; want en, true", got.Language, got.MachineTranslation)
	}
	r = ts.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript?format=json", nil, "")
	r.json(t, &got)
	if got.Language != "ar" {
		t.Errorf("the Arabic transcript's language: got %q, want ar", got.Language)
	}
}

// TestDOCXDownloadNames (issue 25 #8): the transcript and the quotation
// check download under different names (curl -OJ of both used to fail on
// the second, "File exists"), and the documents' default title is the
// article's headline, not its dateline.
func TestDOCXDownloadNames(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	dated := "اخبار جهة مراكش | السبت 16 مايو 2015 - 18:53\n\nالرئيس يتحدث عن الخدمات\n\n" + article
	id := ts.doneJob(t, map[string]string{"article": dated})
	// The plain filename parameter is what curl -OJ saves; mime.ParseMediaType
	// would prefer the UTF-8 filename* (the headline) a browser saves.
	plain := regexp.MustCompile(`filename="([^"]*)"`)
	var ascii []string
	for _, path := range []string{"/transcript?format=docx", "/alignment?format=docx"} {
		r := ts.do(t, "GET", "/v1/transcriptions/"+id+path, nil, "")
		cd := r.header.Get("Content-Disposition")
		m := plain.FindStringSubmatch(cd)
		if r.status != 200 || m == nil || slices.Contains(ascii, m[1]) {
			t.Errorf("%s: got %d, Content-Disposition %q (names so far %v)", path, r.status, cd, ascii)
			continue
		}
		ascii = append(ascii, m[1])
		parts, err := docx.ReadParts(bytes.NewReader(r.body), int64(len(r.body)))
		if err != nil {
			t.Fatal(err)
		}
		if doc := parts["word/document.xml"]; !strings.Contains(doc, "الرئيس يتحدث عن الخدمات") || strings.Contains(doc, "18:53") {
			t.Errorf("%s: the title is not the headline", path)
		}
	}
	for _, want := range []string{"newsscribe-" + id + "-transcript.docx", "newsscribe-" + id + "-quote-check.docx"} {
		if !slices.Contains(ascii, want) {
			t.Errorf("got names %v, want %s among them (what curl -OJ saves)", ascii, want)
		}
	}
}

// TestQuotationsNumberedFromOne (issue 25 #6): the clip request names a
// quotation by its number, 1 for the first, as the report, the CLI's
// --quote and the embed's ?quote= do; the errors say the number that was
// sent (before: quote 2 was "quotation 3").
func TestQuotationsNumberedFromOne(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	id := ts.doneJob(t, map[string]string{"article": article}) // one quotation
	base := "/v1/transcriptions/" + id + "/clips"
	for _, tc := range []struct {
		body, want string
	}{
		{`{"quote":2,"format":"mp3"}`, "no quotation 2: the article has 1"},
		{`{"quote":0,"format":"mp3"}`, "1 for the first"},
	} {
		r := ts.do(t, "POST", base, strings.NewReader(tc.body), "application/json")
		if r.status != http.StatusBadRequest || !strings.Contains(string(r.body), tc.want) {
			t.Errorf("%s: got %d %s, want 400 saying %q", tc.body, r.status, r.body, tc.want)
		}
	}
	r := ts.do(t, "POST", base, strings.NewReader(`{"quote":1,"format":"mp3"}`), "application/json")
	var c clipView
	r.json(t, &c)
	if r.status != http.StatusAccepted || c.Quote == nil || *c.Quote != 1 {
		t.Fatalf("quote 1: got %d %s, want 202 and the clip of quotation 1", r.status, r.body)
	}
	c = ts.waitClip(t, id, c.ID)
	if c.Status != "done" || c.Quote == nil || *c.Quote != 1 {
		t.Errorf("clip of quotation 1: %+v", c)
	}
}

// TestEveryErrorBodyHasAType (issue 25 #5): every error answer the package
// writes is built with its "type" — the documented shape — so no other
// 409 (or any status) answers "type":"" again. It reads the package's
// source: each errorBody{…} literal must set Type.
func TestEveryErrorBodyHasAType(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, p := range pkgs {
		for _, f := range p.Files {
			ast.Inspect(f, func(node ast.Node) bool {
				lit, ok := node.(*ast.CompositeLit)
				if !ok {
					return true
				}
				if id, isIdent := lit.Type.(*ast.Ident); !isIdent || id.Name != "errorBody" {
					return true
				}
				n++
				for _, e := range lit.Elts {
					if kv, ok := e.(*ast.KeyValueExpr); ok && kv.Key.(*ast.Ident).Name == "Type" {
						return true
					}
				}
				t.Errorf("%s: an errorBody without its Type", fset.Position(lit.Pos()))
				return true
			})
		}
	}
	if n < 5 {
		t.Fatalf("found %d errorBody literals, want the package's (≥ 5)", n)
	}
}
