package quotecheck_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/aligntest"
	"github.com/newsscribe/newsscribe/quotecheck"
)

// BenchmarkCheckShare measures what the quotation check adds to Align at
// 25,000 × 5,000 words: each iteration times a whole Align and then the
// check alone on the same alignment, alternately, and reports the check's
// share of Align without it (check-%).
func BenchmarkCheckShare(b *testing.B) {
	t, art := aligntest.BenchCase(b, filepath.Join("..", "align", "testdata", "eval"), 5000, 25000)
	p := quotecheck.Prepare(t, art)
	b.ReportAllocs()
	var full, check time.Duration
	for b.Loop() {
		t0 := time.Now()
		if _, err := quotecheck.Align(t, art, align.Options{}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		p.Check()
		full, check = full+t1.Sub(t0), check+time.Since(t1)
	}
	b.ReportMetric(100*float64(check)/float64(full-check), "check-%")
}
