package align_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/aligntest"
)

// BenchmarkAlign aligns speech to articles of three sizes; the largest is
// three hours of speech (25,000 words) against a 5,000-word article.
func BenchmarkAlign(b *testing.B) {
	for _, sz := range []struct{ article, speech int }{{1250, 6250}, {2500, 12500}, {5000, 25000}} {
		t, art := aligntest.BenchCase(b, filepath.Join("testdata", "eval"), sz.article, sz.speech)
		b.Run(fmt.Sprintf("article=%d/speech=%d", sz.article, sz.speech), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := align.Run(t, art, align.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBenchCaseAligns(t *testing.T) {
	tr, art := aligntest.BenchCase(t, filepath.Join("testdata", "eval"), 1250, 6250)
	r := mustAlign(t, tr, art)
	spoken := 0
	for _, q := range r.Quotes {
		if q.Status == align.StatusSpoken {
			spoken++
		}
	}
	if spoken < len(r.Quotes)*9/10 {
		t.Errorf("got %d of %d quotations spoken, want at least 90%%", spoken, len(r.Quotes))
	}
}
