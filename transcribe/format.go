package transcribe

import (
	"fmt"
	"strings"
)

// Format is a file format of a transcript: the ones Read reads (json,
// verbose_json, srt, vtt) and the ones package export writes (json, srt,
// vtt, txt, docx).
type Format string

// The transcript formats.
const (
	FormatJSON Format = "json" // the project's transcript format (Transcript as JSON)
	FormatSRT  Format = "srt"  // SubRip subtitles
	FormatVTT  Format = "vtt"  // WebVTT subtitles, for a <track> in a <video>
	FormatText Format = "txt"  // plain text, one segment per line
	FormatDOCX Format = "docx" // a Word document (package export)
)

// ParseFormat parses a format name: json, srt, vtt (or webvtt), txt (or
// text), docx.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "json":
		return FormatJSON, nil
	case "srt":
		return FormatSRT, nil
	case "vtt", "webvtt":
		return FormatVTT, nil
	case "txt", "text":
		return FormatText, nil
	case "docx":
		return FormatDOCX, nil
	}
	return "", fmt.Errorf("unknown transcript format %q: want json, srt, vtt, txt or docx", s)
}

// Extension is the file name extension for f, with its dot (".srt").
func (f Format) Extension() string { return "." + string(f) }
