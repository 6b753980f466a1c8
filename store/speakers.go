package store

import (
	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe"
)

// SeedSpeakers returns t with the speakers the article attributes its
// quotations to (the quote check's check.speaker in an aligned article,
// align.Result JSON) set on the words said in each quotation's stretches
// (check.parts, else the quotation's start–end). Segments that already have
// a speaker — set by a person — keep it. t is returned unchanged when the
// alignment names nobody.
func SeedSpeakers(t *transcribe.Transcript, r *align.Result) *transcribe.Transcript {
	if r == nil {
		return t
	}
	var spans []transcribe.SpeakerSpan
	for _, q := range r.Quotes {
		if q.Check.Speaker == nil || *q.Check.Speaker == "" {
			continue
		}
		name := *q.Check.Speaker
		if len(q.Check.Parts) > 0 {
			for _, p := range q.Check.Parts {
				spans = append(spans, transcribe.SpeakerSpan{Start: p.Start, End: p.End, Speaker: name})
			}
		} else if q.Start != nil && q.End != nil {
			spans = append(spans, transcribe.SpeakerSpan{Start: *q.Start, End: *q.End, Speaker: name})
		}
	}
	if len(spans) == 0 {
		return t
	}
	// Seed only where nobody named a speaker: keep people's names by
	// re-applying them over the seeded copy.
	seeded := transcribe.SetSpeakers(t, spans)
	var kept []transcribe.SpeakerSpan
	for _, s := range t.Segments {
		if s.Speaker != "" {
			kept = append(kept, transcribe.SpeakerSpan{Start: s.Start, End: s.End, Speaker: s.Speaker})
		}
	}
	if len(kept) == 0 {
		return seeded
	}
	return transcribe.SetSpeakers(seeded, kept)
}
