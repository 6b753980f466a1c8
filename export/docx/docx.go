// Package docx writes small WordprocessingML (.docx) documents laid out for
// Arabic: right-to-left paragraphs (w:bidi), right-to-left runs (w:rtl), the
// Noto Naskh Arabic font for complex scripts (w:rFonts w:cs, w:szCs), a title
// and date block and a footer with the page number (a PAGE field).
//
// No maintained Go library writes right-to-left paragraphs and complex-script
// fonts (fumiama/go-docx, mmonterroca/docxgo and gingfrederik/docx have
// neither w:bidi nor w:rtl), so this is a small writer of its own: five XML
// parts in a zip, written with encoding/xml escaping. The output is
// deterministic — the same Document gives the same bytes (fixed zip times,
// fixed part order) — so it is tested against golden files.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Font is the font of every run, Latin and complex script alike: Noto Naskh
// Arabic has Latin letters and digits, and is what the newsroom page uses.
const Font = "Noto Naskh Arabic"

// ContentType is the media type of a .docx file.
const ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// Style names a paragraph style of the document's styles part.
type Style string

// The paragraph styles. Body is the default.
const (
	Body     Style = ""
	Title    Style = "Title"
	Subtitle Style = "Subtitle"
	Heading  Style = "Heading1"
	Quote    Style = "Quote"
	Note     Style = "Note"
)

// Document is a .docx to write. Paragraphs follow the title and date block.
type Document struct {
	// Title is the first paragraph and the document's core title; may be empty.
	Title string
	// Date is shown under the title when it is not zero, as «2 ديسمبر 2026».
	Date time.Time
	// Subtitle is shown under the date (what the document is); may be empty.
	Subtitle string
	// Language is the BCP 47 tag of the Arabic text (w:lang w:bidi). Defaults to "ar-SA".
	Language   string
	Paragraphs []Paragraph
}

// Paragraph is one paragraph of runs.
type Paragraph struct {
	Style Style
	// LTR lays the paragraph out left to right (English text); by default
	// every paragraph is right to left.
	LTR  bool
	Runs []Run
}

// Run is text with one formatting. A run holding Arabic letters is marked
// right to left (w:rtl); one of digits and Latin letters is not, so Word
// keeps a time code such as 1:23 in its order.
type Run struct {
	Text   string
	Bold   bool
	Italic bool
	Strike bool
	// Color is an RGB hex colour ("B00020"); empty for the default.
	Color string
}

// P is a shorthand for a body paragraph of plain runs.
func P(style Style, texts ...string) Paragraph {
	p := Paragraph{Style: style}
	for _, t := range texts {
		p.Runs = append(p.Runs, Run{Text: t})
	}
	return p
}

// modified is the time stamped on every zip entry, so that the same
// document gives the same bytes (zip's DOS times start in 1980).
var modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes d as a .docx package to w.
func (d *Document) Write(w io.Writer) error {
	lang := d.Language
	if lang == "" {
		lang = "ar-SA"
	}
	parts := []struct {
		name string
		body string
	}{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"docProps/core.xml", d.core()},
		{"word/_rels/document.xml.rels", documentRels},
		{"word/document.xml", d.document()},
		{"word/styles.xml", fmt.Sprintf(styles, Font, Font, Font, Font, lang)},
		{"word/footer1.xml", footer},
	}
	zw := zip.NewWriter(w)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("docx: %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	return nil
}

// Parts returns the XML parts of d by name, as Write puts them in the zip
// (for golden files and inspection).
func (d *Document) Parts() (map[string]string, error) {
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		return nil, err
	}
	return ReadParts(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
}

// ReadParts unzips a .docx into its parts by name.
func ReadParts(r io.ReaderAt, size int64) (map[string]string, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("docx: %s: %w", f.Name, err)
		}
		out[f.Name] = string(b)
	}
	return out, nil
}

// Dump lists parts as text, sorted by name, each under a «== name ==»
// line and with a line break after each paragraph: the golden-file form of
// a document.
func Dump(parts map[string]string) string {
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		b.WriteString("== " + n + " ==\n" + parts[n])
		if !strings.HasSuffix(parts[n], "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// months are the month names of Modern Standard Arabic as the Arab press
// prints them.
var months = [...]string{"يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"}

// ArabicDate formats t as «2 ديسمبر 2026».
func ArabicDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), months[t.Month()-1], t.Year())
}

func (d *Document) document() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>` + "\n")
	if d.Title != "" {
		writeParagraph(&b, P(Title, d.Title))
	}
	if !d.Date.IsZero() {
		writeParagraph(&b, P(Subtitle, ArabicDate(d.Date)))
	}
	if d.Subtitle != "" {
		writeParagraph(&b, P(Subtitle, d.Subtitle))
	}
	for _, p := range d.Paragraphs {
		writeParagraph(&b, p)
	}
	// A4, 2.5 cm margins; the footer carries the page number.
	b.WriteString(`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="709" w:footer="709" w:gutter="0"/>` +
		`<w:bidi/></w:sectPr>` + "\n")
	b.WriteString(`</w:body></w:document>` + "\n")
	return b.String()
}

func writeParagraph(b *strings.Builder, p Paragraph) {
	b.WriteString("<w:p>")
	if p.Style != Body || !p.LTR {
		b.WriteString("<w:pPr>")
		if p.Style != Body {
			b.WriteString(`<w:pStyle w:val="` + string(p.Style) + `"/>`)
		}
		if !p.LTR {
			b.WriteString("<w:bidi/>")
		}
		b.WriteString("</w:pPr>")
	}
	for _, r := range p.Runs {
		if r.Text == "" {
			continue
		}
		b.WriteString("<w:r>")
		var pr strings.Builder
		if r.Bold {
			pr.WriteString("<w:b/><w:bCs/>")
		}
		if r.Italic {
			pr.WriteString("<w:i/><w:iCs/>")
		}
		if r.Strike {
			pr.WriteString("<w:strike/>")
		}
		if r.Color != "" {
			pr.WriteString(`<w:color w:val="` + escape(r.Color) + `"/>`)
		}
		if hasArabic(r.Text) {
			pr.WriteString("<w:rtl/>")
		}
		if pr.Len() > 0 {
			b.WriteString("<w:rPr>" + pr.String() + "</w:rPr>")
		}
		b.WriteString(`<w:t xml:space="preserve">` + escape(r.Text) + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>\n")
}

// hasArabic reports whether s holds a letter of a right-to-left script.
func hasArabic(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana) {
			return true
		}
	}
	return false
}

// escape makes s safe as XML character data and attribute values, dropping
// the control characters XML 1.0 forbids.
func escape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return ' '
		}
		if r < 0x20 || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)))
	return b.String()
}

func (d *Document) core() string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString("<dc:title>" + escape(d.Title) + "</dc:title>")
	b.WriteString("<dc:language>" + escape(d.lang()) + "</dc:language>")
	if !d.Date.IsZero() {
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + d.Date.UTC().Format(time.RFC3339) + `</dcterms:created>`)
	}
	b.WriteString("</cp:coreProperties>\n")
	return b.String()
}

func (d *Document) lang() string {
	if d.Language == "" {
		return "ar-SA"
	}
	return d.Language
}

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

const contentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	"</Types>\n"

const rootRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	"</Relationships>\n"

const documentRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	"</Relationships>\n"

// footer is «صفحة N من M», centred, with PAGE and NUMPAGES fields.
const footer = xml.Header + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `">` +
	`<w:p><w:pPr><w:pStyle w:val="Footer"/><w:bidi/><w:jc w:val="center"/></w:pPr>` +
	`<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">صفحة </w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve"> من </w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	"</w:p></w:ftr>\n"

// styles: the document defaults (font for every script, 12 pt, Arabic as
// the complex-script language) and the paragraph styles of Style. Sizes
// are in half points, given for Latin (w:sz) and complex script (w:szCs).
const styles = xml.Header + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` +
	`<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="%s" w:cs="%s"/>` +
	`<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB" w:bidi="%s"/>` +
	`</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>` +
	`<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:ind w:left="567" w:right="567"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/>` +
	`<w:pPr><w:ind w:left="567" w:right="567"/><w:spacing w:after="60"/></w:pPr><w:rPr><w:color w:val="444444"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>` +
	`<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>` +
	"</w:styles>\n"
