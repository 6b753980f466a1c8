package export

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/export/docx"
	"github.com/newsscribe/newsscribe/transcribe"
)

// DocumentInfo is the title block of a transcript or report exported as a
// Word document.
type DocumentInfo struct {
	// Title is the article's title, or the recording's name; may be empty.
	Title string
	// Date is the article's publication date, or when the recording was
	// transcribed; the zero time shows none.
	Date time.Time
}

// Paragraphs of a transcript document: a new one starts when the speaker
// changes, after a pause of ParagraphPause seconds or more, or once a
// paragraph holds ParagraphWords words.
const (
	ParagraphPause = 2.0
	ParagraphWords = 120
)

// MachineTranslationLabel marks every English text made by Whisper's
// translate task, in Arabic and in English.
const MachineTranslationLabel = "ترجمة آلية — machine translation"

// TranscriptDocument lays t out as a Word document: the title and date,
// then the transcript in paragraphs (see ParagraphPause), each starting with
// its time (M:SS) and its speaker in bold. Arabic paragraphs are right to
// left; an English transcript (Language "en", Whisper's translate task) is
// left to right; a machine translation says so under the title.
func TranscriptDocument(t *transcribe.Transcript, info DocumentInfo) *docx.Document {
	english := t.MachineTranslation || t.Language == "en"
	d := &docx.Document{Title: info.Title, Date: info.Date, Subtitle: "تفريغ التسجيل"}
	if t.MachineTranslation {
		// Arabic first: the subtitle is a right-to-left paragraph.
		d.Subtitle = "ترجمة آلية إلى الإنجليزية — English, machine translation"
	}
	if t.Duration > 0 {
		d.Subtitle += " · " + Clock(t.Duration)
	}
	var (
		cur   *docx.Paragraph
		words int
		last  transcribe.Segment
	)
	for _, s := range t.Segments {
		text := strings.Join(strings.Fields(s.Text), " ")
		if text == "" {
			text = segmentWords(s)
		}
		if text == "" {
			continue
		}
		n := len(strings.Fields(text))
		if cur == nil || s.Speaker != last.Speaker || s.Start-last.End >= ParagraphPause || words+n > ParagraphWords {
			d.Paragraphs = append(d.Paragraphs, docx.Paragraph{LTR: english})
			cur = &d.Paragraphs[len(d.Paragraphs)-1]
			cur.Runs = append(cur.Runs, docx.Run{Text: Clock(s.Start) + "  ", Color: "666666"})
			if s.Speaker != "" {
				cur.Runs = append(cur.Runs, docx.Run{Text: s.Speaker + ": ", Bold: true})
			}
			words = 0
		} else {
			text = " " + text
		}
		cur.Runs = append(cur.Runs, docx.Run{Text: text})
		words += n
		last = s
	}
	if len(d.Paragraphs) == 0 {
		d.Paragraphs = append(d.Paragraphs, docx.P(docx.Note, "لا كلام في التسجيل"))
	}
	return d
}

// Clock formats seconds as M:SS, or H:MM:SS from an hour on.
func Clock(sec float64) string {
	s := int64(math.Floor(math.Max(sec, 0)))
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// segmentWords is the text of a segment read from its words.
func segmentWords(s transcribe.Segment) string {
	ws := make([]string, 0, len(s.Words))
	for _, w := range s.Words {
		if w := strings.TrimSpace(w.Word); w != "" {
			ws = append(ws, w)
		}
	}
	return strings.Join(ws, " ")
}
