package transcribe

import (
	"errors"
	"fmt"
	"unicode"
)

// Limits on what a transcript may hold and on one request's edits of it
// (issue 24): nothing a caller sends may cost more than a real recording
// does. They are chosen from real speech. Arabic news speech runs at 120 to
// 160 words a minute, so a 3-hour address is about 25,000 words and the
// longest recording the server accepts by default (4 hours, --max-duration)
// at a fast 250 words a minute is 60,000. Whisper's segments are at most 30
// seconds (under 130 words); a subtitle cue is two lines (about 15 words).
const (
	// MaxWords is the most words a transcript may hold: 4 hours at 250
	// words a minute. An import with more is refused, and an edit may not
	// take a transcript past it.
	MaxWords = 60_000
	// MaxSegmentWords is the most words of one segment. Read cuts a longer
	// segment (a text-only JSON file, a cue of a whole speech) into
	// segments of at most this many words; an edit may not make a segment
	// longer.
	MaxSegmentWords = 1_000
	// MaxSeconds is the latest time, in seconds, a segment or word may
	// have: 100 hours, far beyond any recording, and far below the times
	// (1e308) whose arithmetic overflows to infinity.
	MaxSeconds = 100 * 3600
	// MaxEdits is the most word edits one call of Edit applies: a person
	// correcting a transcript saves a few at a time; a find-and-replace
	// over a long transcript a few hundred.
	MaxEdits = 500
	// MaxSpeakerSpans is the most spans one call of SetSpeakers sets.
	MaxSpeakerSpans = 200
	// MaxRenames is the most renames one call of RenameSpeakers applies.
	MaxRenames = 50
	// MaxSpeakerRunes is the longest speaker name, in characters.
	MaxSpeakerRunes = 100
)

// ErrLimit is wrapped by every *LimitError.
var ErrLimit = errors.New("over a limit")

// LimitError is a transcript, or an edit of one, past one of the limits
// above: What is counted (words, words in segment 3, edits), Got how many
// it has and Max how many are allowed.
type LimitError struct {
	What     string
	Got, Max int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%d %s; the most is %d", e.Got, e.What, e.Max)
}

func (e *LimitError) Unwrap() error { return ErrLimit }

// WordCount is the number of words of t: each segment's Words, or the
// words of its text when it has none.
func WordCount(t *Transcript) int {
	n := 0
	for i := range t.Segments {
		n += wordsIn(&t.Segments[i])
	}
	return n
}

// wordsIn is the number of words of s: its Words, or the words of its
// text when it has none (counted without splitting the text).
func wordsIn(s *Segment) int {
	if len(s.Words) > 0 {
		return len(s.Words)
	}
	return countFields(s.Text)
}

// countFields is len(strings.Fields(s)) without building the slice.
func countFields(s string) int {
	n, in := 0, false
	for _, r := range s {
		space := unicode.IsSpace(r)
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}
