package clip

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/internal/plaintext"
)

// CaptionFont is the font family captions are set in: Noto Naskh Arabic,
// the face the newsroom page ships (its files are handed to libass as the
// fonts directory, see Options.Fonts). Text without Arabic letters (an
// English translation) is set in LatinFont, the page's Latin face, whose
// word spaces are a Latin text's.
const (
	CaptionFont = "Noto Naskh Arabic"
	LatinFont   = "Noto Serif"
)

// fontFor is the family for text: CaptionFont when it has an Arabic
// letter, else LatinFont.
func fontFor(texts ...string) string {
	for _, t := range texts {
		for _, r := range t {
			if unicode.Is(unicode.Arabic, r) {
				return CaptionFont
			}
		}
	}
	return LatinFont
}

// Cue is one caption: at most two lines, shown from Start to End (seconds
// from the clip's start), with its words' own times for the current-word
// highlight.
type Cue struct {
	Start, End float64
	Lines      [][]Word
}

// Cue layout limits.
const (
	// maxRunSeconds ends a run of speech without pauses at the next word
	// after this long, so that its lines are balanced over a few captions,
	// not a whole paragraph.
	maxRunSeconds = 12.0
	// pauseBreak is a silence (seconds) that starts a new caption.
	pauseBreak = 0.8
	// holdGap is the silence (seconds) a caption stays up into, so that
	// captions do not flicker between words.
	holdGap = 0.5
)

// lineChars is the longest caption line of aspect a, in characters, for
// the caption font size of a (captionSize): about 42 in a landscape frame,
// as for subtitles, fewer in the narrower ones.
func (a Aspect) lineChars() int {
	switch a {
	case Square:
		return 34
	case Vertical:
		return 28
	}
	return 42
}

// captionSize is the caption font size of aspect a in pixels.
func (a Aspect) captionSize() int {
	switch a {
	case Square:
		return 64
	case Vertical:
		return 60
	}
	return 52
}

// Cues groups words (clip-relative times, in order) into captions of at
// most two lines of at most lineChars characters, broken between words: a
// segment start or a pause over pauseBreak starts a new run of speech, a
// run is broken into as few lines as fit, of balanced lengths (no orphan
// word on a line of its own), and each two lines make a caption. A word
// longer than a line gets a line of its own.
func Cues(words []Word, lineChars int) []Cue {
	var cues []Cue
	for len(words) > 0 {
		n := 1
		for n < len(words) && !words[n].Break && words[n].Start-words[n-1].End <= pauseBreak &&
			words[n].End-words[0].Start <= maxRunSeconds {
			n++
		}
		lines := balance(words[:n], lineChars)
		for i := 0; i < len(lines); i += 2 {
			c := Cue{Lines: lines[i:min(i+2, len(lines))]}
			last := c.Lines[len(c.Lines)-1]
			c.Start, c.End = c.Lines[0][0].Start, last[len(last)-1].End
			cues = append(cues, c)
		}
		words = words[n:]
	}
	for i := range cues {
		if i+1 < len(cues) && cues[i+1].Start-cues[i].End < holdGap {
			cues[i].End = cues[i+1].Start
		}
	}
	return cues
}

// balance breaks words into the fewest lines of at most limit characters
// that greedy filling gives, then evens them out: the narrowest width that
// still fits in that many lines.
func balance(words []Word, limit int) [][]Word {
	lines := fill(words, limit)
	if len(lines) < 2 {
		return lines
	}
	for w := 1; w < limit; w++ {
		if l := fill(words, w); len(l) == len(lines) {
			return l
		}
	}
	return lines
}

// fill breaks words greedily into lines of at most width characters.
func fill(words []Word, width int) [][]Word {
	var lines [][]Word
	var line []Word
	n := 0
	for _, w := range words {
		k := utf8.RuneCountInString(w.Text)
		if len(line) > 0 && n+1+k > width {
			lines, line, n = append(lines, line), nil, 0
		}
		if len(line) > 0 {
			n++
		}
		line = append(line, w)
		n += k
	}
	if len(line) > 0 {
		lines = append(lines, line)
	}
	return lines
}

// CardText is what a card (a clip of a recording without a picture) shows
// above its waveform.
type CardText struct {
	Title, Speaker string
	// Verdict is the quotation's verdict as the newsroom names it
	// (align.Verdict's Label), drawn under the speaker as a badge in the
	// verdict's colours, VerdictColor on VerdictTint (RGB hex, from
	// align.Verdict's Style); "" for a clip that is not of a quotation.
	Verdict, VerdictColor, VerdictTint string
}

// assColour is an RGB hex colour ("B0231B") as ASS writes it, &H00BBGGRR;
// def when hex is not six hex digits.
func assColour(hex, def string) string {
	if len(hex) != 6 || strings.Trim(strings.ToUpper(hex), "0123456789ABCDEF") != "" {
		return def
	}
	h := strings.ToUpper(hex)
	return "&H00" + h[4:6] + h[2:4] + h[0:2]
}

// assColours, &HAABBGGRR.
const (
	assWhite     = "&H00FFFFFF"
	assBox       = "&H60101010" // the caption's box, 62 % opaque
	assHighlight = "&H0000D7FF" // amber: the word being said
	assSubdued   = "&H00E0C8A0"
)

// WriteASS writes the clip's captions as an Advanced SubStation Alpha
// script for libass, sized for aspect a: each cue at the bottom centre in
// CaptionFont on a dark box, lines broken as Cues broke them (\N, no
// automatic wrapping), base direction detected from the text (Encoding -1:
// Arabic is laid out right to left, its full stop on the left). With
// highlight, the word being said is drawn in amber, one event per word.
// A non-empty card adds the title and the speaker's name at the top for the
// whole clip (duration seconds).
func WriteASS(w io.Writer, cues []Cue, a Aspect, highlight bool, card CardText, duration float64) error {
	width, height := a.size()
	size := a.captionSize()
	var b strings.Builder
	fmt.Fprintf(&b, "[Script Info]\nScriptType: v4.00+\nPlayResX: %d\nPlayResY: %d\nWrapStyle: 2\nScaledBorderAndShadow: yes\n\n", width, height)
	b.WriteString("[V4+ Styles]\nFormat: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding\n")
	margin := height / 10
	var said []string
	for _, c := range cues {
		for _, l := range c.Lines {
			for _, w := range l {
				said = append(said, w.Text)
			}
		}
	}
	font := fontFor(said...)
	if len(said) == 0 {
		font = fontFor(card.Title, card.Speaker)
	}
	fmt.Fprintf(&b, "Style: Caption,%s,%d,%s,%s,%s,%s,-1,0,0,0,100,100,0,0,3,%d,0,2,%d,%d,%d,-1\n",
		font, size, assWhite, assWhite, assBox, assBox, size/6, width/20, width/20, margin)
	fmt.Fprintf(&b, "Style: Title,%s,%d,%s,%s,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,1,0,0,8,%d,%d,%d,-1\n",
		fontFor(card.Title), size*5/4, assWhite, assWhite, width/16, width/16, height/12)
	fmt.Fprintf(&b, "Style: Speaker,%s,%d,%s,%s,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,8,%d,%d,%d,-1\n",
		fontFor(card.Speaker), size, assSubdued, assSubdued, width/16, width/16, height/12+size*4)
	// The verdict: its colour on its tint, an opaque box as on the page.
	ink, tint := assColour(card.VerdictColor, assWhite), assColour(card.VerdictTint, assBox)
	fmt.Fprintf(&b, "Style: Verdict,%s,%d,%s,%s,%s,%s,-1,0,0,0,100,100,0,0,3,%d,0,8,%d,%d,%d,-1\n",
		fontFor(card.Verdict), size*4/5, ink, ink, tint, tint, size/6, width/16, width/16, height/12+size*6)
	b.WriteString("\n[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n")
	event := func(style string, start, end float64, text string) {
		fmt.Fprintf(&b, "Dialogue: 0,%s,%s,%s,,0,0,0,,%s\n", assTime(start), assTime(end), style, text)
	}
	if card.Title != "" {
		// WrapStyle 2 leaves wrapping to us: break the title like a caption.
		event("Title", 0, duration, joinLines(titleLines(card.Title, a.lineChars()*4/5)))
	}
	if card.Speaker != "" {
		event("Speaker", 0, duration, assEscape(card.Speaker))
	}
	if card.Verdict != "" {
		event("Verdict", 0, duration, assEscape(card.Verdict))
	}
	for _, c := range cues {
		if !highlight {
			event("Caption", c.Start, c.End, cueText(c, -1))
			continue
		}
		words := 0
		for _, l := range c.Lines {
			words += len(l)
		}
		k := 0
		for _, l := range c.Lines {
			for j, wd := range l {
				start, end := wd.Start, c.End
				if k == 0 {
					start = c.Start
				}
				if j+1 < len(l) {
					end = l[j+1].Start
				} else if k+1 < words {
					end = nextLineStart(c, k+1)
				}
				if end > start {
					event("Caption", start, end, cueText(c, k))
				}
				k++
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// nextLineStart is the start of the k-th word of c, counting across lines.
func nextLineStart(c Cue, k int) float64 {
	for _, l := range c.Lines {
		if k < len(l) {
			return l[k].Start
		}
		k -= len(l)
	}
	return c.End
}

// cueText is the cue's lines joined by \N, word hl (counting across lines;
// -1 for none) in the highlight colour.
func cueText(c Cue, hl int) string {
	var lines []string
	k := 0
	for _, l := range c.Lines {
		words := make([]string, len(l))
		for j, wd := range l {
			words[j] = assEscape(wd.Text)
			if k == hl {
				words[j] = "{\\c" + assHighlight + "&}" + words[j] + "{\\c" + assWhite + "&}"
			}
			k++
		}
		lines = append(lines, strings.Join(words, " "))
	}
	return strings.Join(lines, "\\N")
}

// titleLines breaks a title into lines of about n characters, three at most
// (the last one ends in an ellipsis when the title is longer).
func titleLines(title string, n int) []string {
	var lines []string
	cur := ""
	for _, f := range strings.Fields(title) {
		if cur != "" && utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(f) > n {
			lines = append(lines, cur)
			cur = ""
			if len(lines) == 3 {
				lines[2] += " …"
				return lines
			}
		}
		if cur != "" {
			cur += " "
		}
		cur += f
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

func joinLines(lines []string) string {
	for i, l := range lines {
		lines[i] = assEscape(l)
	}
	return strings.Join(lines, "\\N")
}

// assEscape makes text literal in an ASS event: override blocks ({…}) and
// backslash escapes (\N, \h) cannot be written in it, so braces become
// parentheses and a backslash its look-alike (U+29F5); line breaks become
// spaces; other control characters go (a NUL ends libass's reading of the
// script, and with it the captions: issue 24).
func assEscape(s string) string { return assReplacer.Replace(plaintext.Strip(s)) }

var assReplacer = strings.NewReplacer("{", "(", "}", ")", "\\", "⧵", "\n", " ", "\r", " ")

// assTime is sec as H:MM:SS.CC (centiseconds).
func assTime(sec float64) string {
	cs := int64(sec*100 + 0.5)
	if cs < 0 {
		cs = 0
	}
	return fmt.Sprintf("%d:%02d:%02d.%02d", cs/360000, cs/6000%60, cs/100%60, cs%100)
}
