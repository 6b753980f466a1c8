package transcribe

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FormatVerboseJSON is OpenAI's verbose_json transcription response, which
// Read accepts (Write does not produce it; the API's OpenAI endpoint does).
const FormatVerboseJSON Format = "verbose_json"

// ReadError is a transcript file that cannot be read: Line (1-based) is
// where, 0 when the whole file is wrong (JSON syntax errors give the line of
// their offset).
type ReadError struct {
	Format Format
	Line   int
	Err    error
}

func (e *ReadError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %v", e.Format, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Format, e.Err)
}

func (e *ReadError) Unwrap() error { return e.Err }

// maxReadBytes caps what Read accepts: a ten-hour SRT is under 2 MiB.
const maxReadBytes = 32 << 20

// DetectFormat guesses the format of a transcript file from its start:
// WEBVTT, a JSON object (verbose_json when it has OpenAI's "task" or a
// top-level "words", else this project's json), else SubRip.
func DetectFormat(b []byte) Format {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	switch {
	case bytes.HasPrefix(b, []byte("WEBVTT")):
		return FormatVTT
	case bytes.HasPrefix(b, []byte("{")):
		var probe struct {
			Task  *string          `json:"task"`
			Words *json.RawMessage `json:"words"`
		}
		if json.Unmarshal(b, &probe) == nil && (probe.Task != nil || probe.Words != nil) {
			return FormatVerboseJSON
		}
		return FormatJSON
	}
	return FormatSRT
}

// Read reads a transcript made elsewhere: SubRip, WebVTT (a <v Name> voice
// span gives the segment's speaker), OpenAI verbose_json or this project's
// JSON. An empty f detects the format. Segments without word times get
// their words timed in proportion to their length. Bidi controls that
// subtitle writers add are dropped. Errors are *ReadError naming the line.
func Read(r io.Reader, f Format) (*Transcript, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxReadBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	if len(b) > maxReadBytes {
		return nil, &ReadError{Format: f, Err: fmt.Errorf("larger than %d MiB", maxReadBytes>>20)}
	}
	if f == "" {
		f = DetectFormat(b)
	}
	if !utf8.Valid(b) {
		return nil, &ReadError{Format: f, Line: invalidUTF8Line(b), Err: errors.New("not UTF-8 text")}
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	var t *Transcript
	switch f {
	case FormatJSON, FormatVerboseJSON:
		t, err = readJSON(b, f)
	case FormatSRT, FormatVTT:
		t, err = readCues(b, f)
	default:
		return nil, fmt.Errorf("read transcript: unknown format %q: want json, verbose_json, srt or vtt", f)
	}
	if err != nil {
		return nil, err
	}
	t.finish()
	if len(t.Segments) == 0 {
		return nil, &ReadError{Format: f, Err: errors.New("no speech in the file: it has no cue or segment with text")}
	}
	return t, nil
}

func invalidUTF8Line(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[n:]
	}
	return line
}

// finish drops bidi controls, times words of segments that have none,
// numbers the segments and fills Text and Duration.
func (t *Transcript) finish() {
	for i := range t.Segments {
		s := &t.Segments[i]
		s.Text = strings.Join(strings.Fields(stripBidi(s.Text)), " ")
		words := s.Words[:0]
		for _, w := range s.Words {
			if w.Word = strings.Join(strings.Fields(stripBidi(w.Word)), ""); w.Word != "" {
				words = append(words, w)
			}
		}
		s.Words = words
		if len(s.Words) == 0 {
			s.Words = SpreadWords(*s)
		} else if s.Text == "" {
			s.Text = joinWords(s.Words)
		}
	}
	t.tidy()
	for _, s := range t.Segments {
		t.Duration = math.Max(t.Duration, s.End)
	}
}

var bidiControls = strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u202d", "", "\u202e", "",
	"\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "", "\u200e", "", "\u200f", "")

func stripBidi(s string) string { return bidiControls.Replace(s) }

// readJSON reads this project's JSON or OpenAI verbose_json, whose words are
// a top-level list that is shared out to the segments by time.
func readJSON(b []byte, f Format) (*Transcript, error) {
	var v struct {
		Transcript
		Words []Word `json:"words"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		line := 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line = lineAt(b, se.Offset)
		case errors.As(err, &te):
			line = lineAt(b, te.Offset)
		}
		return nil, &ReadError{Format: f, Line: line, Err: err}
	}
	t := v.Transcript
	if len(t.Language) > 2 {
		if code, ok := languageCodes[strings.ToLower(t.Language)]; ok {
			t.Language = code // verbose_json names the language in English
		}
	}
	if len(t.Segments) == 0 && strings.TrimSpace(t.Text) != "" {
		t.Segments = []Segment{{Text: t.Text, End: t.Duration}}
	}
	for i, s := range t.Segments {
		if err := checkSpan(s.Start, s.End); err != nil {
			return nil, &ReadError{Format: f, Line: lineOfKey(b, "segments", i), Err: fmt.Errorf("segment %d: %w", i, err)}
		}
		for k, w := range s.Words {
			if err := checkSpan(w.Start, w.End); err != nil {
				return nil, &ReadError{Format: f, Err: fmt.Errorf("segment %d word %d: %w", i, k, err)}
			}
		}
	}
	for i, w := range v.Words {
		if err := checkSpan(w.Start, w.End); err != nil {
			return nil, &ReadError{Format: f, Err: fmt.Errorf("word %d: %w", i, err)}
		}
		w.Probability = 1
		// The last segment starting before the word's middle (the first
		// segment for a word before them all).
		mid, at := (w.Start+w.End)/2, 0
		for k, s := range t.Segments {
			if s.Start <= mid {
				at = k
			}
		}
		if len(t.Segments) > 0 {
			t.Segments[at].Words = append(t.Segments[at].Words, w)
		}
	}
	if len(v.Words) > 0 {
		// Segment texts follow the words when both are given.
		for i := range t.Segments {
			ws := t.Segments[i].Words
			sort.SliceStable(ws, func(a, b int) bool { return ws[a].Start < ws[b].Start })
			if len(ws) > 0 {
				t.Segments[i].Text = joinWords(ws)
			}
		}
	}
	return &t, nil
}

var languageCodes = map[string]string{"arabic": "ar", "english": "en", "french": "fr", "spanish": "es", "german": "de", "turkish": "tr", "persian": "fa", "urdu": "ur", "hebrew": "he"}

func checkSpan(start, end float64) error {
	if math.IsNaN(start) || math.IsNaN(end) || math.IsInf(start, 0) || math.IsInf(end, 0) || start < 0 || end < start {
		return fmt.Errorf("times %v–%v: start must be ≥ 0 and end ≥ start", start, end)
	}
	return nil
}

func lineAt(b []byte, offset int64) int {
	if offset > int64(len(b)) {
		offset = int64(len(b))
	}
	return bytes.Count(b[:offset], []byte("\n")) + 1
}

// lineOfKey finds the line of the i-th object in the array named key, by
// counting `"start"` keys after it; 0 when it cannot tell.
func lineOfKey(b []byte, key string, i int) int {
	at := bytes.Index(b, []byte(`"`+key+`"`))
	if at < 0 {
		return 0
	}
	rest := b[at:]
	for n := 0; ; n++ {
		k := bytes.Index(rest, []byte(`"start"`))
		if k < 0 {
			return 0
		}
		if n == i {
			return lineAt(b, int64(len(b)-len(rest)+k))
		}
		rest = rest[k+1:]
	}
}

var (
	cueTiming = regexp.MustCompile(`^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$`)
	voiceSpan = regexp.MustCompile(`^<v(?:\.[^ >]*)?\s+([^>]*)>`)
	cueTag    = regexp.MustCompile(`</?[a-zA-Z][^>]*>|<\d[^>]*>`)
)

// readCues reads SubRip or WebVTT: blocks separated by blank lines, each a
// timing line (after an optional number or cue id) and its text lines.
func readCues(b []byte, f Format) (*Transcript, error) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), maxReadBytes)
	var lines []string
	for sc.Scan() {
		lines = append(lines, strings.TrimRight(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, &ReadError{Format: f, Line: len(lines) + 1, Err: err}
	}
	t := &Transcript{}
	i := 0
	if f == FormatVTT {
		if len(lines) == 0 || !strings.HasPrefix(lines[0], "WEBVTT") {
			return nil, &ReadError{Format: f, Line: 1, Err: errors.New(`a WebVTT file starts with "WEBVTT"`)}
		}
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" { // header lines
			i++
		}
	}
	for i < len(lines) {
		for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
			i++
		}
		if i >= len(lines) {
			break
		}
		start := i
		if f == FormatVTT && (strings.HasPrefix(lines[i], "NOTE") || lines[i] == "STYLE" || lines[i] == "REGION") {
			for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
				i++
			}
			continue
		}
		if !strings.Contains(lines[i], "-->") {
			// A cue number (SubRip) or cue identifier (WebVTT).
			if f == FormatSRT {
				if _, err := strconv.Atoi(strings.TrimSpace(lines[i])); err != nil {
					return nil, &ReadError{Format: f, Line: i + 1, Err: fmt.Errorf("want a cue number or a timing line (00:00:01,000 --> 00:00:02,500), got %q", clip(lines[i]))}
				}
			}
			i++
		}
		if i >= len(lines) || !strings.Contains(lines[i], "-->") {
			return nil, &ReadError{Format: f, Line: min(i, len(lines)-1) + 1, Err: fmt.Errorf("cue %q has no timing line (00:00:01,000 --> 00:00:02,500)", clip(lines[start]))}
		}
		m := cueTiming.FindStringSubmatch(lines[i])
		if m == nil {
			return nil, &ReadError{Format: f, Line: i + 1, Err: fmt.Errorf("bad timing line %q: want HH:MM:SS,mmm --> HH:MM:SS,mmm", clip(lines[i]))}
		}
		s0, err0 := cueTime(m[1])
		s1, err1 := cueTime(m[2])
		if err := errors.Join(err0, err1); err != nil {
			return nil, &ReadError{Format: f, Line: i + 1, Err: err}
		}
		if s1 < s0 {
			return nil, &ReadError{Format: f, Line: i + 1, Err: fmt.Errorf("cue ends (%s) before it starts (%s)", m[2], m[1])}
		}
		i++
		var text []string
		speaker := ""
		for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
			l := stripBidi(lines[i])
			if f == FormatVTT {
				if v := voiceSpan.FindStringSubmatch(l); v != nil && speaker == "" {
					speaker = vttUnescape(strings.TrimSpace(v[1]))
				}
				l = vttUnescape(cueTag.ReplaceAllString(l, ""))
			} else {
				l = cueTag.ReplaceAllString(l, "") // <i>, <b>, <font> in SubRip
			}
			text = append(text, l)
			i++
		}
		seg := Segment{Start: s0, End: s1, Text: strings.Join(text, " "), Speaker: speaker}
		// Consecutive cues of one speaker's sentence stay separate segments:
		// a cue is what the file's author timed.
		t.Segments = append(t.Segments, seg)
	}
	return t, nil
}

var vttUnescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&nbsp;", " ", "&lrm;", "", "&rlm;", "")

func vttUnescape(s string) string { return vttUnescaper.Replace(s) }

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// cueTime parses [HH:]MM:SS[.,]mmm into seconds.
func cueTime(s string) (float64, error) {
	s = strings.Replace(s, ",", ".", 1)
	parts := strings.Split(s, ":")
	var h, m int
	var sec float64
	var err error
	switch len(parts) {
	case 2:
		m, err = strconv.Atoi(parts[0])
	case 3:
		h, err = strconv.Atoi(parts[0])
		if err == nil {
			m, err = strconv.Atoi(parts[1])
		}
	}
	if err == nil {
		sec, err = strconv.ParseFloat(parts[len(parts)-1], 64)
	}
	if err != nil || m > 59 || sec >= 60 || h > 99 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return float64(h)*3600 + float64(m)*60 + sec, nil
}
