package cli_test

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
	"github.com/newsscribe/newsscribe/export/docx"
)

// TestAlignDOCX: align --format docx writes the check as a Word document
// (atomically, to -o), titled with the article's first line or --title and
// dated with --date; a bad --date is a one-line error.
func TestAlignDOCX(t *testing.T) {
	dir, tp, ap := writeAlignInputs(t)
	for _, tc := range []struct {
		name  string
		args  []string
		title string
	}{
		{"first line", nil, "قالت الوزيرة"},
		{"--title", []string{"--title", "برنامج الوقاية"}, "برنامج الوقاية"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".docx")
			var stdout, stderr bytes.Buffer
			args := append([]string{"align", "--transcript", tp, "--article", ap, "--format", "docx", "--date", "2015-05-16", "-o", out}, tc.args...)
			if code := cli.Run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("got exit code %d (%s), want 0", code, stderr.String())
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			parts, err := docx.ReadParts(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			doc := parts["word/document.xml"]
			for _, w := range []string{tc.title, "16 مايو 2015", "فحص الاقتباسات", "مطابق"} {
				if !strings.Contains(doc, w) {
					t.Errorf("document lacks %q", w)
				}
			}
		})
	}
	// The default title is the headline, not the site's dateline above it.
	dated := filepath.Join(dir, "dated.txt")
	os.WriteFile(dated, []byte("اخبار جهة مراكش | السبت 16 مايو 2015 - 18:53\n\nبرنامج وطني للوقاية من الأمراض\n\n"+alignArticle), 0o644)
	out := filepath.Join(dir, "dated.docx")
	if code := cli.Run(context.Background(), []string{"align", "--transcript", tp, "--article", dated, "--format", "docx", "-o", out}, nil, io.Discard, io.Discard); code != 0 {
		t.Fatal("dated article: exit", code)
	}
	b, _ := os.ReadFile(out)
	parts, err := docx.ReadParts(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if doc := parts["word/document.xml"]; !strings.Contains(doc, "برنامج وطني للوقاية من الأمراض") || strings.Contains(doc, "18:53") {
		t.Errorf("title: want the headline «برنامج وطني للوقاية من الأمراض», not the dateline")
	}

	var stdout, stderr bytes.Buffer
	code := cli.Run(context.Background(), []string{"align", "--transcript", tp, "--article", ap, "--format", "docx", "--date", "16/5/2015"}, nil, &stdout, &stderr)
	if code == 0 || !strings.Contains(stderr.String(), "--date") || strings.Count(strings.TrimSpace(stderr.String()), "\n") > 0 {
		t.Errorf("bad --date: got exit %d %q, want a one-line error naming --date", code, stderr.String())
	}
}
