package api

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/align"
)

// writeTranscript renders a transcript with package transcribe's writers
// (json, srt, vtt, txt).
func writeTranscript(w io.Writer, t *transcribe.Transcript, format string) error {
	f, err := transcribe.ParseFormat(format)
	if err != nil {
		return err
	}
	return transcribe.Write(w, t, f)
}

// writeAlignment renders a stored aligned article (align.Result JSON) with
// package align's writers (json, srt, vtt, html, report).
func writeAlignment(w io.Writer, alignment json.RawMessage, format string) error {
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
