package prompt_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/align/prompt"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

func realArticle(t *testing.T) string {
	t.Helper()
	dir := transcribetest.Shared(t, "articles")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skip("no article in ../shared/articles")
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestRealArticle: the prompt of the real article names the speaker and the
// city and holds no quotation: no word of it is found only inside
// quotations, and no three consecutive words of a quotation are in it.
func TestRealArticle(t *testing.T) {
	text := realArticle(t)
	got := prompt.Build(text, "")
	t.Logf("prompt (%d bytes): %s", len(got), got)
	for _, want := range []string{"الدخيسي", "مراكش"} {
		if !strings.Contains(got, want) {
			t.Errorf("prompt %q lacks %q", got, want)
		}
	}
	a := align.ParseArticle(text)
	outside := map[string]bool{}
	for _, w := range a.Words {
		if w.Quote < 0 {
			outside[w.Key] = true
			outside[arabic.Stem(w.Key)] = true
		}
	}
	for _, w := range arabic.Tokenize(got) {
		if !outside[w.Key] && !outside[arabic.Stem(w.Key)] {
			t.Errorf("prompt word %q occurs only inside quotations", w.Text)
		}
	}
	keys := func(s string) string {
		var ks []string
		for _, w := range arabic.Tokenize(s) {
			ks = append(ks, w.Key)
		}
		return " " + strings.Join(ks, " ") + " "
	}
	pk := keys(got)
	runes := []rune(text)
	for qi, q := range a.Quotes {
		qw := strings.Fields(keys(string(runes[q.CharStart:q.CharEnd])))
		for i := 0; i+3 <= len(qw); i++ {
			if tri := " " + strings.Join(qw[i:i+3], " ") + " "; strings.Contains(pk, tri) {
				t.Errorf("prompt holds %q of quotation %d", tri, qi)
			}
		}
	}
	if len(a.Quotes) == 0 {
		t.Fatal("the article's quotations were not found; the test proves nothing")
	}
}

func TestBuild(t *testing.T) {
	article := "قال محمد الدخيسي، والي امن مراكش، إن «المدينة آمنة تماما». وزار الدخيسي مراكش أمس."
	long := strings.Repeat("ك", transcribe.MaxPromptBytes/2-1) // 2 bytes a letter
	for _, tt := range []struct {
		name, article, user string
		want                []string
		wantNot             []string
		wantSuffix          string
	}{
		{name: "article only", article: article, want: []string{"محمد الدخيسي", "مراكش"}, wantNot: []string{"آمنة", "المدينة"}},
		{name: "user prompt last", article: article, user: "بلاغ أمني", want: []string{"الدخيسي"}, wantSuffix: " بلاغ أمني"},
		{name: "no article", user: "بلاغ", wantSuffix: "بلاغ"},
		{name: "user prompt at the cap keeps it whole", article: article, user: long, wantSuffix: long},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := prompt.Build(tt.article, tt.user)
			if len(got) > transcribe.MaxPromptBytes {
				t.Fatalf("prompt is %d bytes, over %d", len(got), transcribe.MaxPromptBytes)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("got %q, want it to contain %q", got, w)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(got, w) {
					t.Errorf("got %q, holds quotation word %q", got, w)
				}
			}
			if !strings.HasSuffix(got, tt.wantSuffix) {
				t.Errorf("got %q, want it to end with %q", got, tt.wantSuffix)
			}
		})
	}
}
