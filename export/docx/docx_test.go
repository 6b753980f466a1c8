package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/export/docx"
)

// TestWriteWellFormed: every part parses as XML, also with markup and
// control characters in the text; Arabic runs are right to left and Latin
// ones not; zip entries carry the fixed time, so output is reproducible.
func TestWriteWellFormed(t *testing.T) {
	d := &docx.Document{
		Title: `عنوان <b>&"x"`, Date: time.Date(2015, 5, 16, 0, 0, 0, 0, time.UTC),
		Paragraphs: []docx.Paragraph{
			{Runs: []docx.Run{{Text: "1:23  "}, {Text: "قال\x00 الوالي\x1b", Bold: true}, {Text: "</w:t><w:p>", Strike: true, Color: `"red"`}}},
			{LTR: true, Runs: []docx.Run{{Text: "English, left to right"}}},
		},
	}
	var a, b bytes.Buffer
	if err := d.Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := d.Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: modified %s, want 1980-01-01", f.Name, f.Modified)
		}
		rc, _ := f.Open()
		dec := xml.NewDecoder(rc)
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
			}
		}
		rc.Close()
	}
	parts, err := d.Parts()
	if err != nil {
		t.Fatal(err)
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{
		`<w:r><w:t xml:space="preserve">1:23  </w:t></w:r>`, // digits: no w:rtl
		`<w:rPr><w:b/><w:bCs/><w:rtl/></w:rPr><w:t xml:space="preserve">قال الوالي</w:t>`,
		`&lt;/w:t&gt;&lt;w:p&gt;`,
		`<w:p><w:r><w:t xml:space="preserve">English, left to right</w:t></w:r></w:p>`, // no w:bidi
		`16 مايو 2015`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s:\n%s", want, doc)
		}
	}
	if !strings.Contains(parts["word/styles.xml"], `w:cs="Noto Naskh Arabic"`) || !strings.Contains(parts["word/styles.xml"], `<w:szCs w:val="24"/>`) {
		t.Error("styles.xml lacks the complex-script font and size")
	}
	if !strings.Contains(parts["word/footer1.xml"], " PAGE ") {
		t.Error("footer lacks the PAGE field")
	}
}
