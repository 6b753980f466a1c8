package whisper

import (
	"math"
	"strings"
	"unicode"

	"github.com/newsscribe/newsscribe/transcribe"
)

// token is one decoded BPE token as whisper.cpp reports it. The assembly in
// this file (pure Go, no build tag) turns tokens into words and segments so
// that it is tested without libwhisper.
type token struct {
	// Text is the token's raw bytes. Whisper's byte-level BPE may split one
	// UTF-8 encoded rune across tokens, so Text need not be valid UTF-8 on
	// its own; it is joined with its neighbours before it is decoded.
	Text string
	// Start and End are in seconds from the beginning of the original file.
	Start, End float64
	// P is the token's probability in [0, 1].
	P float64
	// Special marks control and timestamp tokens ([_BEG_], [_TT_150], …).
	// Tokens whose Text has the form "[_…]" are treated as special too.
	Special bool
}

// rawSegment is one segment as an engine reports it, before assembly.
type rawSegment struct {
	// Start and End are in seconds from the beginning of the original file.
	Start, End float64
	// Text is the engine's text for the segment (raw bytes; invalid UTF-8 is dropped).
	Text string
	// NoSpeechProb is the probability that the window holds no speech.
	NoSpeechProb float64
	Tokens       []token
}

// isSpecial reports whether tok is a control or timestamp token that carries
// no text.
func (tok token) isSpecial() bool {
	return tok.Special || (strings.HasPrefix(tok.Text, "[_") && strings.HasSuffix(tok.Text, "]"))
}

// assembleWords groups tokens into whitespace-delimited words.
//
// A token whose text begins with a space starts a new word (and so does any
// text after a space inside a token); any other token continues the current one (whisper splits Arabic words into several
// sub-word tokens). Special tokens are dropped. Bytes are joined before they
// are decoded, so a rune whose UTF-8 bytes straddle two tokens comes out
// whole; bytes that never complete a rune are dropped rather than shown as
// U+FFFD. Words made only of punctuation are attached to the word before them
// (or, at the start, to the word after), so that «،» or «.» never becomes a
// word of its own.
//
// A word starts at its first token's Start and ends at its last token's End.
// Its Probability is the geometric mean of its tokens' probabilities, that is
// exp of their mean log probability: unlike the minimum it does not let one
// uncertain sub-word token of a long Arabic word dominate, and unlike the
// arithmetic mean it is the per-token normalisation of the word's joint
// probability, the same measure as a segment's avg_logprob.
func assembleWords(tokens []token) []transcribe.Word {
	type acc struct {
		text       []byte
		start, end float64
		logp       float64
		n          int
	}
	var words []acc
	startNew := true
	for _, tok := range tokens {
		if tok.isSpecial() || tok.Text == "" {
			continue
		}
		lp := math.Log(math.Max(math.Min(tok.P, 1), 1e-10))
		// ASCII whitespace never occurs inside a multi-byte UTF-8 sequence,
		// so the raw bytes can be split on it before decoding.
		for i, piece := range strings.FieldsFunc(" "+tok.Text+" ", isASCIISpace) {
			if i > 0 || hasSpaceAt(tok.Text, 0) {
				startNew = true
			}
			if startNew || len(words) == 0 {
				words = append(words, acc{start: tok.Start, end: tok.End})
				startNew = false
			}
			w := &words[len(words)-1]
			w.text = append(w.text, piece...)
			w.end = math.Max(w.end, tok.End)
			w.logp += lp
			w.n++
		}
		if hasSpaceAt(tok.Text, len(tok.Text)-1) {
			startNew = true
		}
	}
	out := make([]transcribe.Word, 0, len(words))
	pendingPrefix := ""
	for _, w := range words {
		text := strings.TrimSpace(strings.ToValidUTF8(string(w.text), ""))
		if text == "" {
			continue
		}
		word := transcribe.Word{
			Word:        text,
			Start:       w.start,
			End:         math.Max(w.end, w.start),
			Probability: math.Exp(w.logp / float64(w.n)),
		}
		if isPunct(text) {
			if len(out) > 0 {
				last := &out[len(out)-1]
				last.Word += text
				last.End = math.Max(last.End, word.End)
			} else {
				pendingPrefix += text
			}
			continue
		}
		word.Word = pendingPrefix + word.Word
		pendingPrefix = ""
		out = append(out, word)
	}
	// Punctuation with no word to attach to (a punctuation-only segment) is dropped.
	return out
}

func isASCIISpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

func hasSpaceAt(s string, i int) bool {
	return i >= 0 && i < len(s) && isASCIISpace(rune(s[i]))
}

// isPunct reports whether s holds no letter, digit or symbol that is read aloud.
func isPunct(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsNumber(r) {
			return false
		}
	}
	return true
}

// assembleSegment turns one engine segment into a transcribe.Segment with words.
// AvgLogprob is the mean log probability of the text tokens (0 when there
// are none). Word times are clamped into the segment's span.
func assembleSegment(raw rawSegment) transcribe.Segment {
	seg := transcribe.Segment{
		Start:        raw.Start,
		End:          math.Max(raw.End, raw.Start),
		Text:         strings.TrimSpace(strings.ToValidUTF8(raw.Text, "")),
		NoSpeechProb: raw.NoSpeechProb,
		Words:        assembleWords(raw.Tokens),
	}
	var sum float64
	var n int
	for _, tok := range raw.Tokens {
		if tok.isSpecial() || tok.Text == "" {
			continue
		}
		sum += math.Log(math.Max(tok.P, 1e-10))
		n++
	}
	if n > 0 {
		seg.AvgLogprob = sum / float64(n)
	}
	for i := range seg.Words {
		w := &seg.Words[i]
		w.Start = clamp(w.Start, seg.Start, seg.End)
		w.End = clamp(w.End, w.Start, seg.End)
	}
	if seg.Text == "" && len(seg.Words) > 0 {
		parts := make([]string, len(seg.Words))
		for i, w := range seg.Words {
			parts[i] = w.Word
		}
		seg.Text = strings.Join(parts, " ")
	}
	return seg
}

func clamp(v, lo, hi float64) float64 {
	return math.Min(math.Max(v, lo), hi)
}

// assemble builds a transcribe.Transcript from an engine's raw segments: each segment is
// assembled (assembleSegment), hallucinations are dropped (see hallucination;
// noSpeechThreshold ≤ 0 means DefaultNoSpeechThreshold), segments are numbered
// from 0 and Text is their texts joined by spaces. duration is in seconds.
func assemble(raws []rawSegment, language string, duration, noSpeechThreshold float64) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: language, Duration: duration, Segments: []transcribe.Segment{}}
	texts := make([]string, 0, len(raws))
	for _, raw := range raws {
		seg := assembleSegment(raw)
		if _, drop := Hallucination(seg, noSpeechThreshold); drop {
			continue
		}
		seg.ID = len(t.Segments)
		if seg.Words == nil {
			seg.Words = []transcribe.Word{}
		}
		t.Segments = append(t.Segments, seg)
		texts = append(texts, seg.Text)
	}
	t.Text = strings.Join(texts, " ")
	return t
}
