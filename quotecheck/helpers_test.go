package quotecheck_test

import (
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/aligntest"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

type speaker = aligntest.Speaker

const greeting = "السلام عليكم ورحمة الله تعالى وبركاته"

// mustAlign aligns and checks, and fails t unless the result keeps the
// aligned article's invariants.
func mustAlign(t *testing.T, tr *transcribe.Transcript, art string) *align.Result {
	t.Helper()
	return aligntest.MustAlign(t, quotecheck.Align, tr, art)
}
