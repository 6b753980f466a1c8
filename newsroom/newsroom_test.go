package newsroom_test

import (
	"context"
	"errors"
	"log/slog"
	"testing"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/store"
)

// newNewsroom is a newsroom over a SQLite store in a temporary directory,
// without a queue, an engine or webhooks.
func newNewsroom(t *testing.T) (*newsroom.Newsroom, *store.Store) {
	t.Helper()
	dir := t.TempDir()
	blobs, err := store.NewBlobs(dir)
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	st, err := store.Open(context.Background(), store.Config{DataDir: dir, Logger: quiet}, blobs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return newsroom.New(newsroom.Config{Store: st, Logger: quiet}), st
}

const srt = "1\n00:00:00,000 --> 00:00:03,000\nنحن نعمل على إصلاح شبكة الماء\n\n2\n00:00:03,500 --> 00:00:06,000\nفي جميع الأحياء\n"

// TestImportCorrectRealign runs the workspace's use cases without a queue:
// an imported transcript is a done job aligned to its article; a correction
// saves a revision and re-aligns; a correction on a stale revision and a
// duplicate import are refused with their codes; starting work is refused.
func TestImportCorrectRealign(t *testing.T) {
	ctx := context.Background()
	n, st := newNewsroom(t)
	a, err := n.CreateArticle(ctx, newsroom.ArticleEdit{Title: ptr("خبر"), Body: ptr("قال الوزير: «نحن نعمل على إصلاح شبكة الماء في جميع الأحياء».")})
	if err != nil {
		t.Fatal(err)
	}
	j, err := n.Import(ctx, newsroom.Import{Transcript: srt, ArticleID: a.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Job(ctx, j.ID); got.Status != store.StatusDone || got.Filename != "import.srt" {
		t.Fatalf("imported job: got %+v, want done import.srt", got)
	}
	al, err := st.Alignment(ctx, j.ID)
	if err != nil || len(al.Quotes) != 1 || al.Quotes[0].Start == nil {
		t.Fatalf("alignment: got %+v, %v; want the quotation timed", al, err)
	}
	if v := al.Quotes[0].Check.Verdict; v != "verbatim" {
		t.Fatalf("imported as said: got verdict %s, want verbatim", v)
	}
	rev, _, err := n.Correct(ctx, j, newsroom.Edit{Base: 0, Words: []newsroom.WordEdit{{Segment: 1, Text: "في كل الأحياء"}}, Author: "test"})
	if err != nil || rev.Number != 1 {
		t.Fatalf("correct: got %+v, %v; want revision 1", rev, err)
	}
	al, _ = st.Alignment(ctx, j.ID)
	if al.Quotes[0].Check.Verdict == "verbatim" || len(al.Quotes[0].Check.Differences) == 0 {
		t.Errorf("after the correction the quotation is still verbatim: not re-aligned (%+v)", al.Quotes[0].Check)
	}
	var stale *newsroom.StaleError
	if _, _, err := n.Correct(ctx, j, newsroom.Edit{Base: 0, Words: []newsroom.WordEdit{{Segment: 0, Text: "x"}}}); !errors.As(err, &stale) || stale.Current != 1 {
		t.Errorf("stale correction: got %v, want a StaleError at revision 1", err)
	}
	var refusal *newsroom.Error
	if _, err := n.Import(ctx, newsroom.Import{Transcript: srt, ArticleID: a.ID}); !errors.As(err, &refusal) || refusal.Code != errcode.Conflict {
		t.Errorf("duplicate import: got %v, want a conflict", err)
	}
	if _, err := n.Import(ctx, newsroom.Import{Transcript: "not a transcript"}); !errors.As(err, &refusal) || refusal.Code != errcode.BadTranscript {
		t.Errorf("bad import: got %v, want bad_transcript", err)
	}
	if _, _, err := n.Translate(ctx, j); !errors.Is(err, newsroom.ErrNoQueue) {
		t.Errorf("translate without a queue: got %v, want ErrNoQueue", err)
	}
}

func ptr(s string) *string { return &s }
