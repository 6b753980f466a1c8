package quotecheck_test

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/aligntest"
	"github.com/newsscribe/newsscribe/quotecheck"
)

// BenchmarkCheckShare measures what the quotation check adds to Align at
// 25,000 × 5,000 words: each iteration times a whole Align and then the
// check alone on the same alignment, alternately, and reports the check's
// share of Align without it (check-%). The lexicon is loaded by Prepare,
// before any timing; a collection before each timed part keeps one part's
// garbage from being collected on the other's clock. Compare runs with
// benchstat over -count 10 or more: on a shared machine one run says little.
func BenchmarkCheckShare(b *testing.B) {
	t, art := aligntest.BenchCase(b, filepath.Join("..", "align", "testdata", "eval"), 5000, 25000)
	p := quotecheck.Prepare(t, art)
	b.ReportAllocs()
	var full, check time.Duration
	for b.Loop() {
		runtime.GC()
		t0 := time.Now()
		if _, err := quotecheck.Align(t, art, align.Options{}); err != nil {
			b.Fatal(err)
		}
		full += time.Since(t0)
		runtime.GC()
		t1 := time.Now()
		p.Check()
		check += time.Since(t1)
	}
	b.ReportMetric(100*float64(check)/float64(full-check), "check-%")
}
