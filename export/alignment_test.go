package export_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/aligntest"
	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

// The fixture (testdata/article.txt) and what its speaker says.
const (
	quote1 = aligntest.Quote1
	quote2 = aligntest.Quote2
	aside  = aligntest.Aside
)

func article(t testing.TB) string { return aligntest.Article(t) }

// mustAlign aligns tr to art with the aligner's defaults.
func mustAlign(t testing.TB, tr *transcribe.Transcript, art string) *align.Result {
	t.Helper()
	r, err := quotecheck.Align(tr, art, align.Options{})
	if err != nil {
		t.Fatalf("Align: %v", err)
	}
	return r
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"json", "SRT", " vtt", "html", "Report"} {
		if _, err := export.ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	if _, err := export.ParseFormat("txt"); !errors.Is(err, export.ErrUnknownFormat) {
		t.Errorf("ParseFormat(txt): got %v, want ErrUnknownFormat", err)
	}
}

// TestGolden checks every writer against testdata/golden; run with -update
// to rewrite the files after an intended change.
func TestGolden(t *testing.T) {
	art := article(t)
	tr := new(aligntest.Speaker).Say(aside).Say(quote2).Say("وكما قلت").Say(quote1).Transcript()
	r := mustAlign(t, tr, art)
	for _, f := range []export.Format{export.FormatJSON, export.FormatSRT, export.FormatVTT, export.FormatHTML, export.FormatReport} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.WriteAlignment(&buf, r, f, export.DocumentInfo{}); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "golden", "fixture."+string(f))
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("%s output differs from %s (run go test -update after an intended change):\n%s", f, path, buf.String())
			}
		})
	}
	// The JSON reads back to the same result.
	var buf bytes.Buffer
	if err := export.WriteAlignment(&buf, r, export.FormatJSON, export.DocumentInfo{}); err != nil {
		t.Fatal(err)
	}
	var back align.Result
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Words) != len(r.Words) || len(back.Quotes) != len(r.Quotes) {
		t.Errorf("JSON round trip: got %d words %d quotes, want %d and %d", len(back.Words), len(back.Quotes), len(r.Words), len(r.Quotes))
	}
}

func TestCuesAreRightToLeft(t *testing.T) {
	r := mustAlign(t, new(aligntest.Speaker).Say(quote2).Transcript(), article(t))
	for _, f := range []export.Format{export.FormatSRT, export.FormatVTT} {
		var buf bytes.Buffer
		if err := export.WriteAlignment(&buf, r, f, export.DocumentInfo{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "\u202B“نحن") || !strings.Contains(buf.String(), "\u202C\n") {
			t.Errorf("%s: got %q, want cue lines wrapped in RLE … PDF", f, buf.String())
		}
	}
}

// TestCuesFitTheScreen: long article sentences (the issue saw 520
// characters on one line) are split into cues of at most two lines of 42
// characters, by the words' times, in time order with no two cues on screen
// at once; the cues hold every word said, and no narration around a
// quotation that was not said.
func TestCuesFitTheScreen(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "long-quotes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	art := string(b)
	a := align.ParseArticle(art)
	runes := []rune(art)
	s := new(aligntest.Speaker)
	for i := len(a.Quotes) - 1; i >= 0; i-- { // in another order than printed
		s.Say(string(runes[a.Quotes[i].CharStart:a.Quotes[i].CharEnd])).Pause(2)
	}
	r := mustAlign(t, s.Transcript(), art)
	longest := 0
	for _, s := range r.Sentences {
		if s.Status != align.StatusNotInAudio {
			longest = max(longest, utf8.RuneCountInString(s.Text))
		}
	}
	if longest <= 2*export.SubtitleLineLength {
		t.Fatalf("the longest sentence said has %d characters: the test needs one longer than a cue", longest)
	}
	checkCues(t, r) // numbers, time order, 2 × 42
	for _, f := range []export.Format{export.FormatSRT, export.FormatVTT} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := export.WriteAlignment(&buf, r, f, export.DocumentInfo{}); err != nil {
				t.Fatal(err)
			}
			cues, err := parseCues(buf.String())
			if err != nil {
				t.Fatal(err)
			}
			var said []string
			for _, c := range cues {
				for _, l := range c.Lines {
					said = append(said, strings.Fields(l)...)
				}
			}
			if len(cues) < 2*len(a.Quotes) {
				t.Errorf("got %d cues for %d long quotations, want them split", len(cues), len(a.Quotes))
			}
			// Every word said is shown, and only the sentences' words.
			printed := map[string]bool{}
			for _, s := range r.Sentences {
				for _, f := range strings.Fields(s.Text) {
					printed[f] = true
				}
			}
			shown := map[string]bool{}
			for _, f := range said {
				shown[f] = true
				if !printed[f] {
					t.Errorf("got %q in a cue, want only the words of the article's sentences", f)
				}
			}
			for _, w := range r.Words {
				if w.Start == nil {
					continue
				}
				if !slices.ContainsFunc(said, func(f string) bool { return strings.Contains(f, w.Text) }) {
					t.Errorf("word %q said at %.2f s is in no cue", w.Text, *w.Start)
				}
			}
		})
	}
}

func TestHTMLEscapes(t *testing.T) {
	art := "قال المدير: “<script>alert(1)</script> هذا نص & رمز”."
	r := mustAlign(t, new(aligntest.Speaker).Say("script alert 1 script هذا نص رمز").Transcript(), art)
	var buf bytes.Buffer
	if err := export.WriteAlignment(&buf, r, export.FormatHTML, export.DocumentInfo{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "<script>") {
		t.Errorf("got an unescaped <script> in the page")
	}
	if !strings.Contains(buf.String(), `dir="rtl"`) || !strings.Contains(buf.String(), `lang="ar"`) {
		t.Errorf("got a page without dir=rtl lang=ar")
	}
}
