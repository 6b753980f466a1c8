package align

import "github.com/newsscribe/newsscribe/transcribe"

// Aligned is an aligner that has run, for BenchmarkCheckShare.
type Aligned struct{ al *aligner }

// Prepare aligns t to article without building the result.
func Prepare(t *transcribe.Transcript, article string) Aligned {
	al := newAligner(t, ParseArticle(article), Options{}.withDefaults())
	al.run()
	return Aligned{al}
}

// Check runs the quotation check alone.
func (a Aligned) Check() { a.al.checkQuotes() }

// ParseCues reads back the cues of SRT or WebVTT written by Write.
var ParseCues = parseCues

// CheckCues fails t unless r's subtitles keep the layout rules (see checkCues).
var CheckCues = checkCues
