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
