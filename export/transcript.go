package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/transcribe"
)

// Subtitle layout limits, counted in characters (runes), not bytes: Arabic
// letters are two bytes in UTF-8. 42 characters a line and two lines a cue
// are the common broadcast guideline (BBC, Netflix's Arabic style guide).
const (
	SubtitleLineLength = 42
	SubtitleMaxLines   = 2
)

// WriteTranscript writes t to w in format f (json, srt, vtt, txt, docx);
// info is the title and date a Word document shows (the zero value: none).
func WriteTranscript(w io.Writer, t *transcribe.Transcript, f transcribe.Format, info DocumentInfo) error {
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case transcribe.FormatJSON:
		err = writeJSON(bw, t)
	case transcribe.FormatSRT:
		err = writeCues(bw, t, false)
	case transcribe.FormatVTT:
		err = writeCues(bw, t, true)
	case transcribe.FormatText:
		err = writeText(bw, t)
	case transcribe.FormatDOCX:
		err = TranscriptDocument(t, info).Write(bw)
	default:
		return fmt.Errorf("write transcript: unknown format %q", string(f))
	}
	if err != nil {
		return fmt.Errorf("write %s transcript: %w", f, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s transcript: %w", f, err)
	}
	return nil
}

func writeJSON(w io.Writer, t *transcribe.Transcript) error {
	c := *t
	c.Segments = make([]transcribe.Segment, len(t.Segments))
	for i, s := range t.Segments {
		if s.Words == nil {
			s.Words = []transcribe.Word{}
		}
		c.Segments[i] = s
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(&c)
}

func writeText(w io.Writer, t *transcribe.Transcript) error {
	if t.MachineTranslation {
		if _, err := io.WriteString(w, "["+MachineTranslationLabel+"]\n"); err != nil {
			return err
		}
	}
	for _, s := range t.Segments {
		if s.Text == "" {
			continue
		}
		line := s.Text
		if s.Speaker != "" {
			line = s.Speaker + ": " + line
		}
		if _, err := io.WriteString(w, line+"\n"); err != nil {
			return err
		}
	}
	return nil
}

// cue is one subtitle: up to SubtitleMaxLines lines shown from Start to End.
type cue struct {
	start, end float64
	lines      []string
}

func writeCues(w io.Writer, t *transcribe.Transcript, vtt bool) error {
	if vtt {
		if _, err := io.WriteString(w, "WEBVTT\n\n"); err != nil {
			return err
		}
		if t.MachineTranslation {
			if _, err := io.WriteString(w, "NOTE "+MachineTranslationLabel+": English made by Whisper's translate task, not checked by a person\n\n"); err != nil {
				return err
			}
		}
	}
	n := 0
	// labelled: a machine translation's label is shown as a cue of its
	// own before the speech when there is room, else on the first cue.
	labelled := !t.MachineTranslation
	for _, s := range t.Segments {
		cs := segmentCues(s)
		if !labelled && len(cs) > 0 {
			labelled = true
			label := "[" + MachineTranslationLabel + "]"
			if cs[0].start >= minLabelCue {
				cs = append([]cue{{start: 0, end: min(cs[0].start, maxLabelCue), lines: []string{label}}}, cs...)
			} else {
				cs[0].lines = append([]string{label}, cs[0].lines...)
			}
		}
		for _, c := range cs {
			n++
			text := make([]string, len(c.lines))
			for i, l := range c.lines {
				if vtt {
					l = vttEscaper.Replace(l)
				}
				text[i] = bidiLine(l)
			}
			if s.Speaker != "" {
				// The speaker goes on the cue's first line: WebVTT's voice
				// span, SubRip's customary «Name: » prefix (inside the
				// line's right-to-left embedding, so the colon stays with it).
				if vtt {
					text[0] = "<v " + vttEscaper.Replace(s.Speaker) + ">" + text[0]
				} else {
					text[0] = bidiLine(s.Speaker + ": " + c.lines[0])
				}
			}
			var err error
			if vtt {
				_, err = fmt.Fprintf(w, "%d\n%s --> %s\n%s\n\n", n, timestamp(c.start, '.'), timestamp(c.end, '.'), strings.Join(text, "\n"))
			} else {
				_, err = fmt.Fprintf(w, "%d\n%s --> %s\n%s\n\n", n, timestamp(c.start, ','), timestamp(c.end, ','), strings.Join(text, "\n"))
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// A machine translation's label cue lasts up to maxLabelCue seconds and
// needs minLabelCue seconds before the first speech.
const (
	minLabelCue = 0.5
	maxLabelCue = 2.0
)

var vttEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// timestamp formats seconds as HH:MM:SS,mmm (SRT) or HH:MM:SS.mmm (WebVTT).
func timestamp(sec float64, sep byte) string {
	ms := int64(math.Round(math.Max(sec, 0) * 1000))
	return fmt.Sprintf("%02d:%02d:%02d%c%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
}

// segmentCues splits a segment into cues of at most SubtitleMaxLines lines of
// at most SubtitleLineLength characters, breaking only between words. A word
// longer than a line gets a line of its own. Cue times come from the words'
// times; a segment without words has its text's words timed in proportion to
// their length.
func segmentCues(s transcribe.Segment) []cue {
	words := s.Words
	if len(words) == 0 {
		words = transcribe.SpreadWords(s)
	}
	if len(words) == 0 {
		return nil
	}
	var cues []cue
	var cur cue
	line := ""
	flushLine := func() {
		if line != "" {
			cur.lines = append(cur.lines, line)
			line = ""
		}
	}
	for i, w := range words {
		if line != "" && runeLen(line)+1+runeLen(w.Word) > SubtitleLineLength {
			flushLine()
			if len(cur.lines) == SubtitleMaxLines {
				cur.end = words[i-1].End
				cues = append(cues, cur)
				cur = cue{}
			}
		}
		if len(cur.lines) == 0 && line == "" {
			cur.start = w.Start
		}
		if line == "" {
			line = w.Word
		} else {
			line += " " + w.Word
		}
	}
	flushLine()
	cur.end = words[len(words)-1].End
	cues = append(cues, cur)
	// The first cue starts with the segment and the last ends with it, and
	// every cue lasts at least a millisecond.
	cues[0].start = math.Min(cues[0].start, s.Start)
	if last := &cues[len(cues)-1]; s.End > last.end {
		last.end = s.End
	}
	for i := range cues {
		if cues[i].end <= cues[i].start {
			cues[i].end = cues[i].start + 0.001
		}
	}
	return cues
}

// Bidirectional controls.
const (
	rle = '\u202B' // RIGHT-TO-LEFT EMBEDDING
	pdf = '\u202C' // POP DIRECTIONAL FORMATTING
)

// bidiLine wraps a right-to-left subtitle line in RLE … PDF.
//
// Renderers disagree on a line's base direction: browsers rendering a WebVTT
// <track> run the Unicode bidi algorithm with the direction of the first
// strong character, while VLC and mpv (libass) lay out subtitle text in a
// left-to-right paragraph. In a left-to-right paragraph the full stop that
// ends an Arabic sentence, which is a neutral character, resolves to the
// paragraph's direction and is drawn on the right, at the sentence's start,
// and a line that begins with a Latin name or a digit is laid out left to
// right in browsers too. An explicit right-to-left embedding makes the whole
// line a right-to-left run whatever the paragraph's direction, so neutrals at
// its ends stay with the Arabic text in all three. A single RLM at the start
// does not fix the trailing punctuation in a left-to-right paragraph, and the
// newer isolates (RLI … PDI) are still not understood by every fribidi-based
// player, so the older embedding is the portable choice. A line is treated as
// right-to-left when it has more right-to-left letters than left-to-right ones.
func bidiLine(l string) string {
	var rtl, ltr int
	for _, r := range l {
		switch {
		case unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana):
			if unicode.IsLetter(r) {
				rtl++
			}
		case unicode.IsLetter(r):
			ltr++
		}
	}
	if rtl == 0 || rtl < ltr {
		return l
	}
	return string(rle) + l + string(pdf)
}

// runeLen is the number of characters of s, counted in runes.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
