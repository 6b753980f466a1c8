package store_test

import (
	"context"
	"database/sql"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // database/sql driver "sqlite", as the queue uses

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
	"github.com/newsscribe/newsscribe/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	dir := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	blobs, err := store.NewBlobs(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	s := store.New(db, store.SQLite, blobs)
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestEmbedArticle walks an article through the states the embed sees:
// draft, published without a recording, published with a running job, done.
func TestEmbedArticle(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	pub := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	if err := s.CreateArticle(ctx, &store.Article{ID: "draft", Title: "مسودة", Body: "نص"}); err != nil {
		t.Fatal(err)
	}
	a := &store.Article{ID: "a1", Title: "الأمن مسؤولية الجميع", Body: "قال: “الأمن مسؤولية الجميع”.",
		URL: "https://news.example/a1", Published: true, PublishedAt: &pub}
	if err := s.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}

	for _, id := range []string{"draft", "nope"} {
		if _, err := s.EmbedArticle(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("EmbedArticle(%q): got %v, want store.ErrNotFound", id, err)
		}
	}

	got, err := s.EmbedArticle(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != a.Title || got.URL != a.URL || !got.PublishedAt.Equal(pub) || got.Alignment != nil || got.AudioPath != "" {
		t.Errorf("no recording yet: got %+v", got)
	}

	sha, _, err := s.Blobs.Put(strings.NewReader("RIFF fake upload"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateJob(ctx, &store.Job{ID: "j1", AudioSHA256: sha, ArticleID: "a1", CreatedAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArticleJob(ctx, "a1", "j1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartJob(ctx, "j1"); err != nil {
		t.Fatal(err)
	}
	got, err = s.EmbedArticle(ctx, "a1")
	if err != nil || got.Alignment != nil || got.AudioPath != "" {
		t.Errorf("running job: got %+v, %v; want the article without alignment or audio", got, err)
	}

	start, end := 1.5, 2.0
	al := &align.Result{Duration: 12.5, Words: []align.TimedWord{}, Sentences: []align.TimedSentence{}, Unmatched: []align.Unmatched{},
		Quotes: []align.TimedQuote{{TimedSpan: align.TimedSpan{Text: "نعم", Start: &start, End: &end, Status: align.StatusSpoken}}}}
	if err := s.PutAlignment(ctx, "j1", al); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishJob(ctx, "j1", 12.5, 0.2); err != nil {
		t.Fatal(err)
	}
	got, err = s.EmbedArticle(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Alignment, al) {
		t.Errorf("alignment: got %+v, want %+v", got.Alignment, al)
	}
	if got.AudioPath != s.Blobs.AudioPath(sha) || got.AudioType == "" {
		t.Errorf("without a rendition: got audio %q (%q), want the upload with a sniffed type", got.AudioPath, got.AudioType)
	}

	play := s.Blobs.PlayPath(sha)
	if err := atomicfile.MkdirAll(filepath.Dir(play)); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(play, func(w *os.File) error { _, err := io.WriteString(w, "ID3 mp3"); return err }); err != nil {
		t.Fatal(err)
	}
	got, err = s.EmbedArticle(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.AudioPath != play || got.AudioType != "audio/mpeg" {
		t.Errorf("with a rendition: got %q (%q), want %q audio/mpeg", got.AudioPath, got.AudioType, play)
	}
	if _, err := os.Stat(got.AudioPath); err != nil {
		t.Error(err)
	}
}
