package api

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/align"
)

// WriteTranscript renders a transcript with package transcribe's writers
// (json, srt, vtt, txt). It is the default TranscriptWriter.
func WriteTranscript(w io.Writer, t *transcribe.Transcript, format string) error {
	f, err := transcribe.ParseFormat(format)
	if err != nil {
		return err
	}
	return transcribe.Write(w, t, f)
}

// WriteAlignment renders a stored aligned article (align.Result JSON) with
// package align's writers (json, srt, vtt, html, report). It is the default
// AlignmentWriter.
func WriteAlignment(w io.Writer, alignment json.RawMessage, format string) error {
	f, err := align.ParseFormat(format)
	if err != nil {
		return err
	}
	var r align.Result
	if err := json.Unmarshal(alignment, &r); err != nil {
		return fmt.Errorf("read stored alignment: %w", err)
	}
	return align.Write(w, &r, f)
}
