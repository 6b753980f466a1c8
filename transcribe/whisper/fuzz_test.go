package whisper

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/transcribe"
)

// FuzzAssembleWords feeds arbitrary token bytes (split at sep) to the word
// assembly and checks its promises: valid UTF-8, no empty or space-holding
// words, times in order, probabilities in [0, 1].
func FuzzAssembleWords(f *testing.F) {
	f.Add([]byte(" قال| ال|رئ|\xd9|\x8aس|[_TT_5]"), byte('|'))
	f.Add([]byte(" «| نعم| .|،"), byte('|'))
	f.Add([]byte("\xff\xfe| \xd9"), byte('|'))
	f.Fuzz(func(t *testing.T, data []byte, sep byte) {
		var toks []token
		for i, part := range bytes.Split(data, []byte{sep}) {
			toks = append(toks, token{Text: string(part), Start: float64(i), End: float64(i) + 0.5, P: float64(len(part)%10) / 10})
		}
		words := assembleWords(toks)
		for _, w := range words {
			if !utf8.ValidString(w.Word) || w.Word == "" || strings.ContainsAny(w.Word, " \t\n") {
				t.Errorf("bad word %q", w.Word)
			}
			if w.End < w.Start || w.Probability < 0 || w.Probability > 1 {
				t.Errorf("bad word %+v", w)
			}
		}
		seg := assembleSegment(rawSegment{Start: 0, End: float64(len(toks)), Text: string(data), Tokens: toks})
		if !utf8.ValidString(seg.Text) {
			t.Errorf("invalid UTF-8 segment text %q", seg.Text)
		}
		var buf bytes.Buffer
		for _, f := range []transcribe.Format{transcribe.FormatSRT, transcribe.FormatVTT, transcribe.FormatJSON, transcribe.FormatText} {
			if err := export.WriteTranscript(&buf, &transcribe.Transcript{Segments: []transcribe.Segment{seg}}, f, export.DocumentInfo{}); err != nil {
				t.Errorf("write %s: %v", f, err)
			}
		}
		Hallucination(seg, 0)
	})
}
