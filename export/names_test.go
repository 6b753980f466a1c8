package export_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/export"
)

// TestFileName: a download is named after its title and what it holds,
// without the characters file systems refuse, cut to a readable length,
// the id standing in for a missing title; each kind has its own name, so
// the two Word files and the English captions never share one.
func TestFileName(t *testing.T) {
	for _, tc := range []struct {
		name, title string
		kind        export.Kind
		format      string
		want        string
	}{
		{"quote check", "والي الأمن يكشف", export.KindQuoteCheck, "docx", "والي الأمن يكشف — فحص الاقتباسات.docx"},
		{"transcript", "والي الأمن يكشف", export.KindTranscript, "docx", "والي الأمن يكشف — التفريغ.docx"},
		{"refused characters", "a/b\\c:d*e?\"f<g>h|i\tj\nk", export.KindCaptions, "srt", "a b c d e f g h i j k — تسميات توضيحية.srt"},
		{"no title", "  ", export.KindText, "txt", "tr_1 — النص.txt"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := export.FileName(tc.title, tc.kind, "tr_1", tc.format); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	long := export.FileName(strings.Repeat("كلمة ", 40), export.KindQuoteCheck, "tr_1", "docx")
	title, _, _ := strings.Cut(long, " — ")
	if n := utf8.RuneCountInString(title); n > 80 || !strings.HasSuffix(title, "…") {
		t.Errorf("a long title is kept as %d characters %q, want at most 80 ending in …", n, title)
	}
	seen := map[string]export.Kind{}
	for _, k := range []export.Kind{export.KindCaptions, export.KindText, export.KindTranscript, export.KindQuoteCheck, export.KindEnglishCaptions, export.KindTranslation} {
		for _, name := range []string{export.FileName("t", k, "tr_1", "x"), export.ASCIIFileName(k, "tr_1", "x")} {
			if o, dup := seen[name]; dup {
				t.Errorf("kinds %d and %d share the name %q", o, k, name)
			}
			seen[name] = k
		}
	}
	if got := export.ASCIIFileName(export.KindEnglishCaptions, "tr_1", "srt"); got != "newsscribe-tr_1-captions-en-machine-translation.srt" {
		t.Errorf("ASCII name %q", got)
	}
}

// TestDownloadKinds: the Word transcript, its text and the captions, in
// Arabic and in English machine translation, and the quote check are each
// named for what they are.
func TestDownloadKinds(t *testing.T) {
	for _, tc := range []struct {
		format string
		mt     bool
		want   export.Kind
	}{
		{"srt", false, export.KindCaptions}, {"vtt", false, export.KindCaptions}, {"txt", false, export.KindText},
		{"docx", false, export.KindTranscript}, {"srt", true, export.KindEnglishCaptions}, {"txt", true, export.KindTranslation},
		{"docx", true, export.KindTranslation},
	} {
		if got := export.TranscriptKind(tc.format, tc.mt); got != tc.want {
			t.Errorf("TranscriptKind(%s, %v) = %d, want %d", tc.format, tc.mt, got, tc.want)
		}
	}
	if export.AlignmentKind("docx") != export.KindQuoteCheck || export.AlignmentKind("srt") != export.KindCaptions {
		t.Error("AlignmentKind: the Word file is the quote check, subtitles are captions")
	}
}
