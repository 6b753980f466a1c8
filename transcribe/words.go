package transcribe

import (
	"strings"
	"unicode/utf8"
)

// SpreadWords times the words of a segment's text in proportion to their
// length, for a segment without word times (an imported SubRip cue).
func SpreadWords(s Segment) []Word {
	fields := strings.Fields(s.Text)
	total := 0
	for _, f := range fields {
		total += runeLen(f)
	}
	words := make([]Word, len(fields))
	at, done := s.Start, 0
	for i, f := range fields {
		done += runeLen(f)
		end := s.Start + (s.End-s.Start)*float64(done)/float64(total)
		words[i] = Word{Word: f, Start: at, End: end, Probability: 1}
		at = end
	}
	return words
}

// runeLen is the number of characters of s, counted in runes.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
