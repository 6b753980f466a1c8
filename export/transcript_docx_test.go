package export_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/export/docx"
	"github.com/newsscribe/newsscribe/transcribe"
)

// TestWriteDOCXGolden writes testdata/BASE.json as a Word document and
// compares its unzipped parts with testdata/golden/BASE.docx.xml.
func TestWriteDOCXGolden(t *testing.T) {
	info := export.DocumentInfo{Title: "والي الأمن يكشف الاستراتيجية الأمنية", Date: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)}
	for _, base := range []string{"news", "news_speakers"} {
		t.Run(base, func(t *testing.T) {
			tr := loadTranscript(t, base+".json")
			var buf bytes.Buffer
			if err := export.WriteTranscript(&buf, tr, transcribe.FormatDOCX, info); err != nil {
				t.Fatal(err)
			}
			parts, err := docx.ReadParts(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			got := docx.Dump(parts)
			golden := filepath.Join("testdata", "golden", base+".docx.xml")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("docx parts differ from %s:\ngot:\n%s\nwant:\n%s", golden, got, want)
			}
			var again bytes.Buffer
			if err := export.WriteTranscript(&again, tr, transcribe.FormatDOCX, info); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("two writes of the same transcript differ: the output must be deterministic")
			}
		})
	}
}

// TestTranscriptDocumentParagraphs: a paragraph starts at a new speaker and
// after a pause of two seconds, each with its time and its speaker; an
// English transcript is left to right and says it is a machine translation.
func TestTranscriptDocumentParagraphs(t *testing.T) {
	tr := &transcribe.Transcript{Language: "ar", Duration: 20, Segments: []transcribe.Segment{
		{Start: 0, End: 2, Text: "السلام عليكم", Speaker: "محمد الدخيسي"},
		{Start: 2.1, End: 4, Text: "ورحمة الله", Speaker: "محمد الدخيسي"},
		{Start: 7, End: 9, Text: "بعد صمت"},
		{Start: 9.2, End: 12, Text: "سؤال", Speaker: "صحفي"},
	}}
	d := export.TranscriptDocument(tr, export.DocumentInfo{})
	var got []string
	for _, p := range d.Paragraphs {
		var b strings.Builder
		for _, r := range p.Runs {
			b.WriteString(r.Text)
		}
		if p.LTR {
			t.Errorf("paragraph %q is left to right, want right to left", b.String())
		}
		got = append(got, b.String())
	}
	want := []string{"0:00  محمد الدخيسي: السلام عليكم ورحمة الله", "0:07  بعد صمت", "0:09  صحفي: سؤال"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got paragraphs %q, want %q", got, want)
	}

	en := &transcribe.Transcript{Language: "en", MachineTranslation: true, Segments: []transcribe.Segment{{Start: 0, End: 2, Text: "Peace be upon you"}}}
	d = export.TranscriptDocument(en, export.DocumentInfo{})
	if !d.Paragraphs[0].LTR {
		t.Error("English paragraph is right to left, want left to right")
	}
	if !strings.Contains(d.Subtitle, "ترجمة آلية") || !strings.Contains(d.Subtitle, "machine translation") {
		t.Errorf("got subtitle %q, want the machine translation label", d.Subtitle)
	}
}

// TestMachineTranslationLabel: every writer says an English translation
// is a machine translation — a NOTE and a first cue in WebVTT, a first cue
// in SubRip (or a first line when the speech starts at once), a first line
// in text, a JSON field.
func TestMachineTranslationLabel(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start float64
	}{{"room before the speech", 3}, {"speech at once", 0.2}} {
		tr := &transcribe.Transcript{Language: "en", Duration: 10, MachineTranslation: true, Segments: []transcribe.Segment{
			{Start: tc.start, End: tc.start + 2, Text: "The police chief presented the security strategy."},
		}}
		for _, f := range []transcribe.Format{transcribe.FormatSRT, transcribe.FormatVTT, transcribe.FormatText, transcribe.FormatJSON} {
			t.Run(tc.name+"/"+string(f), func(t *testing.T) {
				var buf bytes.Buffer
				if err := export.WriteTranscript(&buf, tr, f, export.DocumentInfo{}); err != nil {
					t.Fatal(err)
				}
				got := buf.String()
				want := []string{"[" + export.MachineTranslationLabel + "]", "The police chief"}
				switch f {
				case transcribe.FormatJSON:
					want = []string{`"machine_translation": true`}
				case transcribe.FormatVTT:
					want = append(want, "NOTE "+export.MachineTranslationLabel)
				}
				for _, w := range want {
					if !strings.Contains(got, w) {
						t.Errorf("%s lacks %q:\n%s", f, w, got)
					}
				}
				if f == transcribe.FormatSRT && tc.start > 1 && !strings.HasPrefix(got, "1\n00:00:00,000 --> 00:00:02,000\n[") {
					t.Errorf("SRT: want the label as cue 1 before the speech:\n%s", got)
				}
			})
		}
	}
	// A transcript is not labelled.
	var buf bytes.Buffer
	tr := &transcribe.Transcript{Language: "ar", Segments: []transcribe.Segment{{Start: 0, End: 1, Text: "نص"}}}
	if err := export.WriteTranscript(&buf, tr, transcribe.FormatVTT, export.DocumentInfo{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "ترجمة آلية") {
		t.Errorf("a transcript is labelled machine translation:\n%s", buf.String())
	}
}
