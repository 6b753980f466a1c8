package quotecheck

import (
	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Aligned is an alignment that has run, for BenchmarkCheckShare.
type Aligned struct {
	x     *align.Alignment
	timed []bool
}

// Prepare aligns t to article without checking it.
func Prepare(t *transcribe.Transcript, article string) Aligned {
	x, err := align.Run(t, article, align.Options{})
	if err != nil {
		panic(err)
	}
	DefaultLexicon() // loaded once, before any timing
	return Aligned{x, Timed(x.Result())}
}

// Check runs the quotation check alone.
func (a Aligned) Check() {
	lex, _ := DefaultLexicon()
	newChecker(a.x, lex).checkQuotes(a.timed)
}
