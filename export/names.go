package export

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is what a downloaded file holds, as its name says it: a newsroom
// keeps both Word files of a recording, and the English captions beside
// the Arabic ones, and tells them apart by name.
type Kind int

// Kinds of download.
const (
	// KindCaptions: subtitles (SRT, WebVTT) of the words said.
	KindCaptions Kind = iota
	// KindText: the transcript as plain text.
	KindText
	// KindTranscript: the transcript as a Word document.
	KindTranscript
	// KindQuoteCheck: the quote check as a Word document.
	KindQuoteCheck
	// KindEnglishCaptions: subtitles of the English machine translation.
	KindEnglishCaptions
	// KindTranslation: the English machine translation as text or Word.
	KindTranslation
)

// kindNames are each kind's Arabic name (after the title) and its name in
// the ASCII fallback; «ترجمة» is kept for translation, never for subtitles.
var kindNames = map[Kind]struct{ Arabic, ASCII string }{
	KindCaptions:        {"تسميات توضيحية", "captions"},
	KindText:            {"النص", "text"},
	KindTranscript:      {"التفريغ", "transcript"},
	KindQuoteCheck:      {"فحص الاقتباسات", "quote-check"},
	KindEnglishCaptions: {"تسميات إنجليزية (ترجمة آلية)", "captions-en-machine-translation"},
	KindTranslation:     {"ترجمة إنجليزية آلية", "en-machine-translation"},
}

// TranscriptKind is the kind of a transcript written in format (srt, vtt,
// txt, docx); machineTranslation marks the English translation.
func TranscriptKind(format string, machineTranslation bool) Kind {
	switch {
	case machineTranslation && (format == "docx" || format == "txt"):
		return KindTranslation
	case machineTranslation:
		return KindEnglishCaptions
	case format == "docx":
		return KindTranscript
	case format == "txt":
		return KindText
	}
	return KindCaptions
}

// AlignmentKind is the kind of an aligned article written in format: the
// Word document is the quote check, the subtitles are captions.
func AlignmentKind(format string) Kind {
	if format == "docx" {
		return KindQuoteCheck
	}
	return KindCaptions
}

// maxTitleRunes caps the title part of a file name.
const maxTitleRunes = 80

// FileName is the name of a downloaded file: the title of what it holds and
// its kind, «والي الأمن يكشف… — فحص الاقتباسات.docx», without the
// characters no file system takes and cut to 80 characters; without a
// title, the id stands in.
func FileName(title string, k Kind, id, format string) string {
	var b strings.Builder
	for _, r := range title {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r), unicode.IsControl(r):
			b.WriteRune(' ')
		default:
			b.WriteRune(r)
		}
	}
	t := strings.Join(strings.Fields(b.String()), " ")
	if utf8.RuneCountInString(t) > maxTitleRunes {
		t = strings.TrimSpace(string([]rune(t)[:maxTitleRunes-1])) + "…"
	}
	if t == "" {
		t = id
	}
	return t + " — " + kindNames[k].Arabic + "." + format
}

// ASCIIFileName is the name for clients that read only ASCII names:
// newsscribe-<id>-<kind>.<format>.
func ASCIIFileName(k Kind, id, format string) string {
	return "newsscribe-" + id + "-" + kindNames[k].ASCII + "." + format
}
