package api_test

import (
	"bytes"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/export/docx"
)

// TestDOCXDownloads: the transcript and the quotation check download as
// Word documents (attachment, the WordprocessingML media type), titled with
// the article's first line, right to left, holding the recognised words
// and the check's verdict.
func TestDOCXDownloads(t *testing.T) {
	t.Parallel()
	ts := newServer(t, serverOpts{})
	r := ts.upload(t, "/v1/transcriptions", wav(1, 440), map[string]string{"language": "ar", "article": article})
	if r.status != http.StatusAccepted {
		t.Fatalf("POST: got %d %s", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	ts.waitJob(t, j.ID)
	title := strings.Fields(article)[0]
	for _, tc := range []struct {
		path, kind, ascii string
		want              []string
	}{
		{"/transcript?format=docx", "التفريغ", "transcript", []string{"الحكومة ستواصل العمل", "تفريغ التسجيل"}},
		{"/alignment?format=docx", "فحص الاقتباسات", "quote-check", []string{"فحص الاقتباسات", align.VerdictVerbatim.Label().Arabic}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			r := ts.do(t, "GET", "/v1/transcriptions/"+j.ID+tc.path, nil, "")
			if r.status != 200 || r.header.Get("Content-Type") != docx.ContentType {
				t.Fatalf("got %d %s, want 200 %s", r.status, r.header.Get("Content-Type"), docx.ContentType)
			}
			// The two Word files are named after the article and what they
			// hold (issue 21), in UTF-8, with an ASCII name for old clients.
			cd := r.header.Get("Content-Disposition")
			disp, params, err := mime.ParseMediaType(cd)
			if err != nil || disp != "attachment" {
				t.Fatalf("Content-Disposition %q: %v", cd, err)
			}
			if name := params["filename"]; !strings.HasPrefix(name, "وقال الرئيس في كلمته") || !strings.HasSuffix(name, " — "+tc.kind+".docx") {
				t.Errorf("file name %q, want the article's title then «— %s.docx»", name, tc.kind)
			}
			if want := `filename="newsscribe-` + j.ID + "-" + tc.ascii + `.docx"`; !strings.Contains(cd, want) {
				t.Errorf("Content-Disposition %q lacks the ASCII fallback %s", cd, want)
			}
			parts, err := docx.ReadParts(bytes.NewReader(r.body), int64(len(r.body)))
			if err != nil {
				t.Fatal(err)
			}
			doc := parts["word/document.xml"]
			for _, w := range append(tc.want, title, "<w:bidi/>", "<w:rtl/>") {
				if !strings.Contains(doc, w) {
					t.Errorf("document.xml lacks %q", w)
				}
			}
		})
	}
}
