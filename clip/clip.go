// Package clip makes publishable clips of a recording: an audio clip (MP3,
// M4A) or a video (MP4, H.264/AAC) of any span, cut on word boundaries,
// faded, loudness-normalised (EBU R128), with Arabic captions burned in from
// the word times (libass: FriBidi and HarfBuzz shaping, right to left) or
// muxed as soft subtitles. Every ffmpeg run goes through package audio's
// sandbox (audio.Encoding, audio.MeasureLoudness, audio.ProbeMedia).
package clip

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Format is the clip's file type.
type Format string

// Formats.
const (
	MP3 Format = "mp3" // MPEG audio layer III, 128 kb/s (LAME)
	M4A Format = "m4a" // AAC-LC in MP4 (ipod muxer), 128 kb/s
	MP4 Format = "mp4" // H.264 (yuv420p, High profile) + AAC, +faststart
)

// Aspect is a video clip's shape.
type Aspect string

// Aspects and the frame sizes they are rendered at (sized for two shared
// CPU cores: 720 p class, not 1080 p).
const (
	Landscape Aspect = "16:9" // 1280×720
	Square    Aspect = "1:1"  // 1080×1080
	Vertical  Aspect = "9:16" // 720×1280
)

// Captions says how a video shows the words.
type Captions string

// Caption modes.
const (
	Burn Captions = "burn" // drawn into the picture (libass)
	Soft Captions = "soft" // a subtitle track (mov_text) the player can switch
	None Captions = "none"
)

// MaxDuration is the longest clip, in seconds: clips are for publishing a
// moment, not for re-encoding whole recordings.
const MaxDuration = 600.0

// ContentType is the MIME type of a clip file of format f.
func (f Format) ContentType() string {
	switch f {
	case MP3:
		return "audio/mpeg"
	case M4A:
		return "audio/mp4"
	case MP4:
		return "video/mp4"
	}
	return "application/octet-stream"
}

// Extension is the file name extension of format f, with its dot.
func (f Format) Extension() string { return "." + string(f) }

// Video reports whether f carries a picture.
func (f Format) Video() bool { return f == MP4 }

// size is the frame size of aspect a, in pixels.
func (a Aspect) size() (w, h int) {
	switch a {
	case Square:
		return 1080, 1080
	case Vertical:
		return 720, 1280
	}
	return 1280, 720
}

// ParseFormat checks a format name; "" is MP4.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case "":
		return MP4, nil
	case MP3, M4A, MP4:
		return f, nil
	}
	return "", fmt.Errorf("unknown clip format %q: want mp3, m4a or mp4", s)
}

// ParseAspect checks an aspect; "" is 16:9.
func ParseAspect(s string) (Aspect, error) {
	switch a := Aspect(s); a {
	case "":
		return Landscape, nil
	case Landscape, Square, Vertical:
		return a, nil
	}
	return "", fmt.Errorf("unknown aspect %q: want 16:9, 1:1 or 9:16", s)
}

// ParseCaptions checks a caption mode; "" is burn for a video and none for
// audio.
func ParseCaptions(s string, f Format) (Captions, error) {
	switch c := Captions(s); c {
	case "":
		if f.Video() {
			return Burn, nil
		}
		return None, nil
	case None:
		return c, nil
	case Burn, Soft:
		if !f.Video() {
			return "", fmt.Errorf("captions %q need format mp4; an %s clip has no picture or subtitle track", s, f)
		}
		return c, nil
	}
	return "", fmt.Errorf("unknown captions %q: want burn, soft or none", s)
}

// Word is one spoken word with its time, in seconds from the beginning of
// the recording.
type Word struct {
	Text       string
	Start, End float64
	// Break is true when a new segment (a new caption) starts at this word.
	Break bool
}

// TranscriptWords are the words of t in time order, segment starts marked.
// Any transcript will do: the Arabic one, or an English translation with
// word or segment times (a segment without words gives its text as one
// timed run, spread over the segment).
func TranscriptWords(t *transcribe.Transcript) []Word {
	var out []Word
	for _, s := range t.Segments {
		if len(s.Words) == 0 {
			fields := strings.Fields(s.Text)
			step := (s.End - s.Start) / float64(max(len(fields), 1))
			for i, f := range fields {
				st := s.Start + float64(i)*step
				out = append(out, Word{Text: f, Start: st, End: st + step, Break: i == 0})
			}
			continue
		}
		for i, w := range s.Words {
			if txt := strings.TrimSpace(w.Word); txt != "" {
				out = append(out, Word{Text: txt, Start: w.Start, End: w.End, Break: i == 0})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Word) int {
		return cmpFloat(a.Start, b.Start)
	})
	return out
}

// ArticleWords are the timed words of an aligned article (matched or
// interpolated; missing words have no time), sentence starts marked: the
// words as printed, for captions when no transcript is at hand.
func ArticleWords(r *align.Result) []Word {
	var out []Word
	sentence := -1
	for _, w := range r.Words {
		if w.Start == nil || w.End == nil {
			continue
		}
		out = append(out, Word{Text: w.Text, Start: *w.Start, End: *w.End, Break: w.Sentence != sentence})
		sentence = w.Sentence
	}
	return out
}

// ErrNoWords: the span holds no spoken word, so there is nothing to cut on.
var ErrNoWords = errors.New("no spoken word in that span")

// Quote is what a clip of a checked quotation needs from the alignment.
type Quote struct {
	Start, End float64
	// Speaker is whom the article attributes the quotation to; "" for nobody.
	Speaker string
	// Verdict is the quotation's check verdict.
	Verdict align.Verdict
}

// QuoteSpan is quotation i (0-based, the index in r.Quotes) of the aligned
// article: its time and speaker. A quotation that was not found in the
// recording has no time and gives an error saying so.
func QuoteSpan(r *align.Result, i int) (Quote, error) {
	if i < 0 || i >= len(r.Quotes) {
		return Quote{}, fmt.Errorf("no quotation %d: the article has %d", i+1, len(r.Quotes))
	}
	q := r.Quotes[i]
	if q.Start == nil || q.End == nil {
		return Quote{}, fmt.Errorf("quotation %d was not found in the recording (%s), so it has no time to cut", i+1, q.Check.Verdict)
	}
	out := Quote{Start: *q.Start, End: *q.End, Verdict: q.Check.Verdict}
	if q.Check.Speaker != nil {
		out.Speaker = *q.Check.Speaker
	}
	return out, nil
}

// Snap cuts [from, to] on word boundaries: the span runs from the start of
// the first word that ends after from to the end of the last word that
// starts before to, and words are those words. A span with no word in it
// is ErrNoWords.
func Snap(words []Word, from, to float64) (start, end float64, in []Word, err error) {
	in = within(words, from, to)
	if len(in) == 0 {
		return 0, 0, nil, fmt.Errorf("%w between %s and %s", ErrNoWords, Clock(from), Clock(to))
	}
	start, end = in[0].Start, in[0].End
	for _, w := range in {
		start, end = math.Min(start, w.Start), math.Max(end, w.End)
	}
	return start, end, in, nil
}

// within returns the words said at least partly between from and to.
func within(words []Word, from, to float64) []Word {
	var in []Word
	for _, w := range words {
		if w.End > from && w.Start < to {
			in = append(in, w)
		}
	}
	return in
}

// ParseClock reads a time as seconds ("83.2") or [h:]m:ss[.f] ("1:23.2",
// "1:02:03").
func ParseClock(s string) (float64, error) {
	parts := strings.Split(strings.TrimSpace(s), ":")
	if len(parts) > 3 {
		return 0, fmt.Errorf("%q: want seconds (83.2) or m:ss (1:23.2)", s)
	}
	total := 0.0
	for i, p := range parts {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || !(v >= 0) || math.IsInf(v, 0) || (i > 0 && v >= 60) {
			return 0, fmt.Errorf("%q: want seconds (83.2) or m:ss (1:23.2)", s)
		}
		total = total*60 + v
	}
	return total, CheckTime(total)
}

// CheckTime refuses a time that is not a number of seconds a recording
// can reach: NaN, infinite, negative, or past transcribe.MaxSeconds
// (issue 24: "NaN" and 1e308 were accepted and failed later).
func CheckTime(sec float64) error {
	if !(sec >= 0) || sec > transcribe.MaxSeconds {
		return fmt.Errorf("%v: want a time from 0 to %d hours, in seconds (83.2) or m:ss (1:23.2)", sec, transcribe.MaxSeconds/3600)
	}
	return nil
}

// Clock is sec as m:ss.t.
func Clock(sec float64) string {
	sec = math.Max(sec, 0)
	m := int(sec / 60)
	return fmt.Sprintf("%d:%04.1f", m, sec-float64(m*60))
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
