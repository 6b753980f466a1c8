package export_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/transcribe"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func loadTranscript(t *testing.T, name string) *transcribe.Transcript {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var tr transcribe.Transcript
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &tr
}

func TestWriteGolden(t *testing.T) {
	for _, base := range []string{"news", "news_speakers"} {
		testWriteGolden(t, base)
	}
}

// testWriteGolden writes testdata/BASE.json in every format and compares it
// with testdata/golden/BASE.*; news_speakers has speakers on its segments
// (WebVTT voice spans, SubRip and text prefixes, JSON "speaker").
func testWriteGolden(t *testing.T, base string) {
	tr := loadTranscript(t, base+".json")
	for _, name := range []string{"json", "srt", "vtt", "txt"} {
		t.Run(base+"/"+name, func(t *testing.T) {
			f, err := transcribe.ParseFormat(name)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := export.WriteTranscript(&buf, tr, f, export.DocumentInfo{}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", base+f.Extension())
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("%s differs from %s:\ngot:\n%s\nwant:\n%s", name, golden, got, want)
			}
		})
	}
}

func TestWriteJSONRoundTrip(t *testing.T) {
	tr := loadTranscript(t, "news.json")
	var buf bytes.Buffer
	if err := export.WriteTranscript(&buf, tr, transcribe.FormatJSON, export.DocumentInfo{}); err != nil {
		t.Fatal(err)
	}
	var back transcribe.Transcript
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Text != tr.Text || len(back.Segments) != len(tr.Segments) {
		t.Errorf("round trip: got %d segments %q, want %d %q", len(back.Segments), back.Text, len(tr.Segments), tr.Text)
	}
	if !strings.Contains(buf.String(), `"words": []`) {
		t.Errorf("a segment without words must have \"words\": [], got:\n%s", buf.String())
	}
}

// TestSubtitleLayout checks the layout rules on every cue: at most two lines
// of at most 42 characters (bidi controls not counted), no word split, and
// right-to-left lines wrapped in RLE … PDF.
func TestSubtitleLayout(t *testing.T) {
	tr := loadTranscript(t, "news.json")
	var words []string
	for _, s := range tr.Segments {
		words = append(words, strings.Fields(s.Text)...)
	}
	for _, f := range []transcribe.Format{transcribe.FormatSRT, transcribe.FormatVTT} {
		var buf bytes.Buffer
		if err := export.WriteTranscript(&buf, tr, f, export.DocumentInfo{}); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, block := range strings.Split(strings.TrimSpace(buf.String()), "\n\n") {
			lines := strings.Split(block, "\n")
			if lines[0] == "WEBVTT" {
				continue
			}
			text := lines[2:]
			if len(text) == 0 || len(text) > export.SubtitleMaxLines {
				t.Errorf("%s cue %q: got %d lines, want 1..%d", f, lines[0], len(text), export.SubtitleMaxLines)
			}
			for _, l := range text {
				plain := strings.Trim(l, "\u202B\u202C")
				if n := utf8.RuneCountInString(plain); n > export.SubtitleLineLength {
					t.Errorf("%s line %q: got %d characters, want ≤ %d", f, plain, n, export.SubtitleLineLength)
				}
				if !strings.HasPrefix(l, "\u202B") || !strings.HasSuffix(l, "\u202C") {
					t.Errorf("%s line %q: want it wrapped in RLE … PDF", f, plain)
				}
				if f == transcribe.FormatVTT {
					plain = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(plain)
				}
				got = append(got, strings.Fields(plain)...)
			}
		}
		if strings.Join(got, " ") != strings.Join(words, " ") {
			t.Errorf("%s: words changed by layout:\ngot  %q\nwant %q", f, got, words)
		}
	}
}

// TestReadOwnOutput: transcribe.Read reads back what WriteTranscript
// writes, speakers included.
func TestReadOwnOutput(t *testing.T) {
	tr := loadTranscript(t, "news_speakers.json")
	for _, f := range []transcribe.Format{transcribe.FormatJSON, transcribe.FormatSRT, transcribe.FormatVTT} {
		var buf bytes.Buffer
		if err := export.WriteTranscript(&buf, tr, f, export.DocumentInfo{}); err != nil {
			t.Fatal(err)
		}
		back, err := transcribe.Read(&buf, f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if back.Segments[0].Start != tr.Segments[0].Start || !strings.Contains(back.Text, "افتتاح المرحلة الأولى") {
			t.Errorf("%s: got %q from %v", f, back.Text, back.Segments[0].Start)
		}
		if f != transcribe.FormatSRT && back.Segments[0].Speaker != "وزير النقل" {
			t.Errorf("%s: speaker %q", f, back.Segments[0].Speaker)
		}
	}
}
