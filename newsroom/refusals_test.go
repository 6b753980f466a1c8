package newsroom_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/store"
)

// TestBoundsRefused: the use cases refuse what is past the lower layers'
// limits (issue 24) with an error code and the field at fault, before
// anything is stored; the API maps only the code.
func TestBoundsRefused(t *testing.T) {
	ctx := context.Background()
	n, st := newNewsroom(t)
	ptr := func(s string) *string { return &s }
	tests := []struct {
		name  string
		do    func() error
		code  errcode.Code
		param string
	}{
		{"article of 20,001 words", func() error {
			_, err := n.CreateArticle(ctx, newsroom.ArticleEdit{Body: ptr(strings.Repeat("كلمة ", 20_001))})
			return err
		}, errcode.TooLarge, "body"},
		{"javascript: url", func() error {
			_, err := n.CreateArticle(ctx, newsroom.ArticleEdit{Body: ptr("نص"), URL: ptr("javascript:alert(1)")})
			return err
		}, errcode.InvalidValue, "url"},
		{"import of 60,001 words", func() error {
			_, err := n.Import(ctx, newsroom.Import{Transcript: "1\n00:00:00,000 --> 03:00:00,000\n" + strings.Repeat("a ", 60_001) + "\n"})
			return err
		}, errcode.TooLarge, "transcript"},
		{"import in klingon", func() error {
			_, err := n.Import(ctx, newsroom.Import{Transcript: srt, Language: "tlh"})
			return err
		}, errcode.InvalidValue, "language"},
		{"import with a long article text", func() error {
			_, err := n.Import(ctx, newsroom.Import{Transcript: srt, ArticleText: strings.Repeat("كلمة ", 20_001)})
			return err
		}, errcode.TooLarge, "article"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var e *newsroom.Error
			if err := tc.do(); !errors.As(err, &e) || e.Code != tc.code || e.Param != tc.param {
				t.Errorf("got %v, want %s naming %q", err, tc.code, tc.param)
			}
		})
	}
	if as, total, err := st.ListArticles(ctx, "", 10, 0); err != nil || total != 0 {
		t.Errorf("articles after refusals: %d %v %v", total, as, err)
	}
	// A correction of 501 edits.
	j, err := n.Import(ctx, newsroom.Import{Transcript: srt})
	if err != nil {
		t.Fatal(err)
	}
	var edits []newsroom.WordEdit
	for i := 0; i < 501; i++ {
		from := i % 2
		edits = append(edits, newsroom.WordEdit{Segment: 0, From: &from, To: &from, Text: fmt.Sprint(i)})
	}
	var e *newsroom.Error
	if _, _, err := n.Correct(ctx, j, newsroom.Edit{Base: 0, Words: edits}); !errors.As(err, &e) || e.Code != errcode.TooLarge {
		t.Errorf("501 edits: got %v, want too_large", err)
	}
	// Refusal leaves other errors as they are.
	other := errors.New("disk on fire")
	if got := newsroom.Refusal(other); got != other {
		t.Errorf("Refusal(%v) = %v, want it unchanged", other, got)
	}
	if got := newsroom.Refusal(fmt.Errorf("search: %w", store.ErrQueryTooLong)); !errors.As(got, &e) || e.Code != errcode.BadQuery || e.Param != "q" {
		t.Errorf("a long search: got %v, want bad_query naming q", got)
	}
}
