package live

import (
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Checker checks the quotations of a draft article against what has been
// said so far (t holds the final words): the same alignment and quotation
// check the rest of the product runs on a finished recording.
type Checker func(t *transcribe.Transcript, draft string) ([]align.TimedQuote, error)

// AlignChecker is the product's check: quotecheck.Align, whose result
// carries each quotation's check (verdict, parts, differences, speaker).
func AlignChecker(opts align.Options) Checker {
	return func(t *transcribe.Transcript, draft string) ([]align.TimedQuote, error) {
		r, err := quotecheck.Align(t, draft, opts)
		if err != nil {
			return nil, err
		}
		return r.Quotes, nil
	}
}

// segmentGap is the pause that starts a new segment in the transcript the
// check reads: the check does not join speech across a pause.
const segmentGap = 0.8

// segmentWords caps a segment, as a decoder's segments are a sentence or two.
const segmentWords = 30

// Transcript builds the transcript of words (final words, in time order):
// one segment per stretch without a pause of segmentGap seconds, at most
// segmentWords words each.
func Transcript(words []transcribe.Word, language string) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: language, Segments: []transcribe.Segment{}}
	var seg *transcribe.Segment
	var text []string
	flush := func() {
		if seg != nil {
			seg.Text = strings.Join(text, " ")
			t.Segments = append(t.Segments, *seg)
		}
		seg, text = nil, nil
	}
	for i, w := range words {
		if seg != nil && (w.Start-words[i-1].End >= segmentGap || len(seg.Words) == segmentWords) {
			flush()
		}
		if seg == nil {
			seg = &transcribe.Segment{ID: len(t.Segments), Start: w.Start}
		}
		w.Word = strings.TrimSpace(w.Word)
		seg.Words = append(seg.Words, w)
		seg.End = w.End
		text = append(text, w.Word)
	}
	flush()
	all := make([]string, len(t.Segments))
	for i, s := range t.Segments {
		all[i] = s.Text
	}
	t.Text = strings.Join(all, " ")
	if n := len(words); n > 0 {
		t.Duration = words[n-1].End
	}
	return t
}
