package align_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/export/docx"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

var docInfo = transcribe.DocumentInfo{Title: "برنامج وطني للوقاية الصحية", Date: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}

// TestReportDOCXGolden compares the check as a Word document (its unzipped
// XML parts) with testdata/golden/fixture.docx.xml; the quotation said
// with a word changed carries its difference, its speaker and its time.
func TestReportDOCXGolden(t *testing.T) {
	art := article(t)
	tr := new(speaker).Say(aside).Say(quote2).Say("وكما قلت").Say(strings.Replace(quote1, "جميع", "كل", 1)).Transcript()
	r := mustAlign(t, tr, art)
	var buf bytes.Buffer
	if err := align.WriteDocument(&buf, r, align.FormatDOCX, docInfo); err != nil {
		t.Fatal(err)
	}
	parts, err := docx.ReadParts(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	got := docx.Dump(parts)
	path := filepath.Join("testdata", "golden", "fixture.docx.xml")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("docx parts differ from %s (run go test -update after an intended change):\n%s", path, got)
	}
	doc := parts["word/document.xml"]
	for _, w := range []string{align.VerdictLabel[align.VerdictAltered], "كلمة مبدلة", "«جميع»", "«كل»", "2 ديسمبر 2026", docInfo.Title} {
		if !strings.Contains(doc, w) {
			t.Errorf("document.xml lacks %q", w)
		}
	}
}

// TestDOCXRendering renders the check and the transcript of the real
// article (or the fixture without ../shared) with LibreOffice: DOCX → PDF →
// PNG of the first page, saved under artifacts/docx for a person to look at;
// the PDF has the page number in its footer, and pandoc reads every word
// back in the order it was written.
func TestDOCXRendering(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice takes seconds a document: skipped with -short")
	}
	for _, tool := range []string{"soffice", "pdftoppm", "pdftotext", "pdfinfo", "pandoc"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (Debian: libreoffice-writer-nogui, poppler-utils, pandoc; make deps): %v", tool, err)
		}
	}
	art, title := article(t), docInfo.Title
	if b, err := os.ReadFile(filepath.Join(transcribetest.SharedDir(), "articles", "000_e1d75d70dc7bbcd1.txt")); err == nil {
		art, title = string(b), "والي الامن الدخيسي يكشف الاستراتيجية الامنية للحفاظ على الامن ومحاربة الجريمة بمراكش"
	}
	a := align.ParseArticle(art)
	runes := []rune(art)
	s := new(speaker).Say("السلام عليكم ورحمة الله تعالى وبركاته")
	for i, q := range a.Quotes {
		text := string(runes[q.CharStart:q.CharEnd])
		if i == 1 { // the second quotation said with a word changed
			f := strings.Fields(text)
			f[len(f)/2] = "بالضبط"
			text = strings.Join(f, " ")
		}
		s.Say(text).Pause(2.5)
	}
	tr := s.Transcript()
	for i := range tr.Segments {
		if i%3 == 0 {
			tr.Segments[i].Speaker = "محمد الدخيسي"
		}
	}
	r := mustAlign(t, tr, art)
	info := transcribe.DocumentInfo{Title: title, Date: time.Date(2015, 5, 16, 0, 0, 0, 0, time.UTC)}
	// The English machine translation of the same recording: left to right.
	en := &transcribe.Transcript{Language: "en", Duration: tr.Duration, MachineTranslation: true}
	for i, sg := range tr.Segments {
		en.Segments = append(en.Segments, transcribe.Segment{Start: sg.Start, End: sg.End,
			Text: fmt.Sprintf("The governor said in passage %d that security is everyone's responsibility.", i+1)})
		en.Text += en.Segments[i].Text + " "
	}

	out := filepath.Join(transcribetest.RepoRoot(), "artifacts", "docx")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
		// words are the words the document must hold, in order.
		words []string
	}{
		{"report", func(b *bytes.Buffer) error { return align.WriteDocument(b, r, align.FormatDOCX, info) }, quoteWords(r)},
		{"transcript", func(b *bytes.Buffer) error { return transcribe.WriteDocument(b, tr, transcribe.FormatDOCX, info) }, transcriptWords(tr)},
		{"translation", func(b *bytes.Buffer) error { return transcribe.WriteDocument(b, en, transcribe.FormatDOCX, info) }, keys(en.Text)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, tc.name+".docx")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			pdf := convertPDF(t, path)
			pages := pdfPages(t, pdf)
			t.Logf("%s.docx: %d bytes, %d page(s)", tc.name, buf.Len(), pages)
			png := filepath.Join(out, tc.name+"-page1")
			if b, err := exec.Command("pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", pdf, png).CombinedOutput(); err != nil {
				t.Fatalf("pdftoppm: %v: %s", err, b)
			}
			t.Logf("first page: %s.png", png)
			// The footer's PAGE field is rendered: «صفحة 1 من N» on page 1.
			text := run(t, "pdftotext", "-f", "1", "-l", "1", "-layout", pdf, "-")
			if !strings.Contains(text, "صفحة") || !regexp.MustCompile(`\b1\b`).MatchString(text) || !strings.Contains(text, strconv.Itoa(pages)) {
				t.Errorf("page 1 shows no page number «صفحة 1 من %d»:\n%s", pages, text)
			}
			if !strings.Contains(text, strings.Fields(title)[0]) {
				t.Errorf("page 1 lacks the title %q", title)
			}
			if tc.name == "translation" && (!strings.Contains(text, "machine translation") || !strings.Contains(text, "ترجمة آلية")) {
				t.Errorf("page 1 does not say machine translation:\n%s", text)
			}
			plain := run(t, "pandoc", "-f", "docx", "-t", "plain", "--wrap=none", path)
			inOrder, missing := subsequence(tc.words, keys(plain))
			t.Logf("pandoc: %d of %d words in order", inOrder, len(tc.words))
			if inOrder != len(tc.words) {
				t.Errorf("pandoc read %d of %d words in order; first lost: %q", inOrder, len(tc.words), missing)
			}
		})
	}
}

// convertPDF converts a document with LibreOffice headless, in a profile
// of its own (so parallel tests and a running LibreOffice do not collide).
func convertPDF(t *testing.T, path string) string {
	t.Helper()
	dir := filepath.Dir(path)
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	cmd := exec.Command("soffice", "-env:UserInstallation="+profile, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, path)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v: %s", err, b)
	}
	pdf := strings.TrimSuffix(path, ".docx") + ".pdf"
	if _, err := os.Stat(pdf); err != nil {
		t.Fatalf("soffice wrote no PDF: %v", err)
	}
	return pdf
}

func pdfPages(t *testing.T, pdf string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(run(t, "pdfinfo", pdf))
	if m == nil {
		t.Fatal("pdfinfo gave no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	b, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(b)
}

// keys are the matching keys of the words of s, in order.
func keys(s string) []string {
	var out []string
	for _, tok := range arabic.Tokenize(s) {
		if k := arabic.Key(tok.Text); k != "" {
			out = append(out, k)
		}
	}
	return out
}

func quoteWords(r *align.Result) []string {
	var out []string
	for _, q := range r.Quotes {
		out = append(out, keys(q.Text)...)
	}
	return out
}

func transcriptWords(tr *transcribe.Transcript) []string {
	var out []string
	for _, s := range tr.Segments {
		for _, w := range s.Words {
			out = append(out, keys(w.Word)...)
		}
	}
	return out
}

// subsequence counts how many of want appear in got in order (greedily),
// and names the first that does not.
func subsequence(want, got []string) (int, string) {
	j := 0
	for i, w := range want {
		for j < len(got) && got[j] != w {
			j++
		}
		if j == len(got) {
			return i, fmt.Sprint(want[i:min(i+5, len(want))])
		}
		j++
	}
	return len(want), ""
}
