package transcribe_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
)

func TestReadFormats(t *testing.T) {
	tests := []struct {
		name, in   string
		format     transcribe.Format
		text       string
		segments   int
		speaker    string
		firstStart float64
	}{
		{"srt", "1\r\n00:00:01,500 --> 00:00:03,000\r\n<i>قال</i> الرئيس\r\n\r\n2\r\n00:00:04,000 --> 00:00:05,000\r\nاليوم\r\n",
			transcribe.FormatSRT, "قال الرئيس اليوم", 2, "", 1.5},
		{"vtt with voice", "WEBVTT\n\nNOTE a comment\n\nc1\n00:01.000 --> 00:02.500 align:start\n<v وزير النقل>‫السلام &amp; عليكم‬\n",
			transcribe.FormatVTT, "السلام & عليكم", 1, "وزير النقل", 1},
		{"verbose_json", `{"task":"transcribe","language":"arabic","duration":3,"text":"قال الرئيس",
			"segments":[{"id":0,"start":0.5,"end":2,"text":"قال الرئيس"}],
			"words":[{"word":"الرئيس","start":1.1,"end":2},{"word":"قال","start":0.5,"end":1.1}]}`,
			transcribe.FormatVerboseJSON, "قال الرئيس", 1, "", 0.5},
		{"project json", `{"language":"ar","duration":2,"text":"x","segments":[{"id":0,"start":0,"end":2,"text":"قال","speaker":"أ","words":[{"word":"قال","start":0,"end":2,"probability":0.9}]}]}`,
			transcribe.FormatJSON, "قال", 1, "أ", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := transcribe.DetectFormat([]byte(tc.in)); got != tc.format {
				t.Errorf("detect: got %s, want %s", got, tc.format)
			}
			tr, err := transcribe.Read(strings.NewReader(tc.in), "")
			if err != nil {
				t.Fatal(err)
			}
			if tr.Text != tc.text || len(tr.Segments) != tc.segments || tr.Segments[0].Speaker != tc.speaker || tr.Segments[0].Start != tc.firstStart {
				t.Errorf("got %q, %d segments, speaker %q, start %v; want %q, %d, %q, %v",
					tr.Text, len(tr.Segments), tr.Segments[0].Speaker, tr.Segments[0].Start, tc.text, tc.segments, tc.speaker, tc.firstStart)
			}
			for _, s := range tr.Segments {
				if len(s.Words) == 0 {
					t.Errorf("segment %d has no words", s.ID)
				}
			}
			if tr.Language != "ar" && tc.format != transcribe.FormatSRT && tc.format != transcribe.FormatVTT {
				t.Errorf("language %q, want ar", tr.Language)
			}
		})
	}
}

func TestReadErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
	}{
		{"bad arrow", "1\n00:00:01,000 => 00:00:02,000\nنص\n", 2},
		{"not a number", "1\n00:00:01,000 --> 00:00:02,000\nنص\n\nسطر\n00:00:03,000 --> 00:00:04,000\nنص\n", 5},
		{"minutes 61", "1\n00:61:01,000 --> 00:62:02,000\nنص\n", 2},
		{"end before start", "WEBVTT\n\n00:05.000 --> 00:02.000\nنص\n", 3},
		{"json", "{\n\"segments\": [\n{\"start\": \"x\"}]}", 3},
		{"negative time", "{\"segments\": [\n{\"start\": 1, \"end\": 2, \"text\": \"a\"},\n{\"start\": -1, \"end\": 2, \"text\": \"b\"}]}", 3},
		{"not utf-8", "1\n00:00:01,000 --> 00:00:02,000\n\xff\xfe\n", 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := transcribe.Read(strings.NewReader(tc.in), "")
			var re *transcribe.ReadError
			if !errors.As(err, &re) || re.Line != tc.line {
				t.Errorf("got %v, want a *ReadError at line %d", err, tc.line)
			}
		})
	}
	if _, err := transcribe.Read(strings.NewReader("WEBVTT\n\n"), ""); err == nil || !strings.Contains(err.Error(), "no speech") {
		t.Errorf("empty file: got %v", err)
	}
}

// FuzzRead: any input is either read into a well-formed transcript or
// refused with an error; never a panic.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"1\n00:00:01,000 --> 00:00:02,000\nقال\n",
		"WEBVTT\n\n00:01.000 --> 00:02.000\n<v أ>نص\n",
		`{"task":"transcribe","segments":[{"start":0,"end":1,"text":"a"}],"words":[{"word":"a","start":0,"end":1}]}`,
		`{"segments":[{"start":0,"end":1,"text":"a","words":[{"word":"a","start":0,"end":1}]}]}`,
		"WEBVTT\n\nNOTE\n\n00:00:01.000 --> 00:00:01.000\n\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		tr, err := transcribe.Read(strings.NewReader(in), "")
		if err != nil {
			return
		}
		if len(tr.Segments) == 0 {
			t.Fatal("no error and no segments")
		}
		for i, s := range tr.Segments {
			if s.ID != i || s.End < s.Start || s.Text == "" {
				t.Fatalf("segment %d: %+v", i, s)
			}
			for _, w := range s.Words {
				if w.End < w.Start || w.Word == "" {
					t.Fatalf("segment %d word %+v", i, w)
				}
			}
		}
	})
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in      string
		want    transcribe.Format
		wantErr bool
	}{
		{"json", transcribe.FormatJSON, false},
		{"SRT", transcribe.FormatSRT, false},
		{"webvtt", transcribe.FormatVTT, false},
		{"text", transcribe.FormatText, false},
		{"DOCX", transcribe.FormatDOCX, false},
		{"doc", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := transcribe.ParseFormat(tt.in)
			if got != tt.want || (err != nil) != tt.wantErr {
				t.Errorf("ParseFormat(%q) = %q, %v; want %q, error %v", tt.in, got, err, tt.want, tt.wantErr)
			}
		})
	}
}
