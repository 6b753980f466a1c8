// Package align puts time on an article: it aligns the words of a transcript
// to the article that reports the speech, and says which sentences and
// quotations were said when, which were never said, and what was said that
// the article left out.
//
// The article is only partly spoken, in another order, and the transcript has
// recognition errors, so the aligner does not force one global alignment.
// It finds anchors — rare n-grams of normalised words found in both texts —
// chains them into passages (each a run of the speech following a run of the
// article), keeps the best non-overlapping passages, aligns words between
// and around the anchors of each passage with a small dynamic programme, and
// gives interpolated times only inside a passage. See docs/ARCHITECTURE.md.
//
// The aligner's work is an Alignment (Run); its Result holds the article
// with time on it. Package quotecheck checks the quotations on an
// Alignment, and its Align is the one way callers get an aligned article.
package align

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrNotUTF8 is returned for an article that is not valid UTF-8 text.
var ErrNotUTF8 = errors.New("the article is not UTF-8 text: convert it first (for example with iconv -f windows-1256 -t utf-8)")

// ErrNoTranscript is returned for a nil transcript.
var ErrNoTranscript = errors.New("no transcript to align")

// Options tune the aligner. The zero value selects the defaults.
type Options struct {
	// AnchorLength is the number of consecutive words an anchor matches.
	// Defaults to 3.
	AnchorLength int
	// MinSimilarity is the similarity from which two words count as the same
	// word, 0 to 1 (see arabic.Similarity). Defaults to 0.7.
	MinSimilarity float64
	// MinPassage is the least score, roughly the number of anchored words,
	// for a passage to be kept. Defaults to 5.
	MinPassage float64
	// MaxInterpolated is the longest run of unmatched article words that may
	// be given interpolated times between two matched neighbours. Defaults to 4.
	MaxInterpolated int
	// MinSpokenCoverage is the coverage from which a sentence or quotation is
	// "spoken" rather than "partial", 0 to 1. Defaults to 0.8.
	MinSpokenCoverage float64
}

func (o Options) withDefaults() Options {
	if o.AnchorLength == 0 {
		o.AnchorLength = 3
	}
	if o.MinSimilarity == 0 {
		o.MinSimilarity = 0.7
	}
	if o.MinPassage == 0 {
		o.MinPassage = 5
	}
	if o.MaxInterpolated == 0 {
		o.MaxInterpolated = 4
	}
	if o.MinSpokenCoverage == 0 {
		o.MinSpokenCoverage = 0.8
	}
	return o
}

// Validate reports options out of range.
func (o Options) Validate() error {
	o = o.withDefaults()
	switch {
	case o.AnchorLength < 1 || o.AnchorLength > 8:
		return fmt.Errorf("align: AnchorLength %d out of range 1–8", o.AnchorLength)
	case o.MinSimilarity < 0 || o.MinSimilarity > 1:
		return fmt.Errorf("align: MinSimilarity %g out of range 0–1", o.MinSimilarity)
	case o.MinPassage < 0:
		return fmt.Errorf("align: MinPassage %g is negative", o.MinPassage)
	case o.MaxInterpolated < 0:
		return fmt.Errorf("align: MaxInterpolated %d is negative", o.MaxInterpolated)
	case o.MinSpokenCoverage < 0 || o.MinSpokenCoverage > 1:
		return fmt.Errorf("align: MinSpokenCoverage %g out of range 0–1", o.MinSpokenCoverage)
	}
	return nil
}

// validUTF8 refuses an article that is not UTF-8 text.
func validUTF8(text string) error {
	if !utf8.ValidString(text) {
		return ErrNotUTF8
	}
	return nil
}
