package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/internal/plaintext"
	"github.com/newsscribe/newsscribe/store"
)

// TestArticleChecks: an article is cleaned and checked the same way on
// both databases (issue 24: a NUL answered 500 on PostgreSQL and was kept
// on SQLite; a javascript: url reached the public data.json; an 8 MB body
// made a 118 MB one).
func TestArticleChecks(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		tests := []struct {
			name  string
			a     store.Article
			field string // "" when accepted
			large bool
		}{
			{name: "control characters dropped", a: store.Article{Title: "عنوان\x1b[1m", Body: "سطر\x07 أول\nسطر ثان", URL: " https://news.example/a "}},
			{name: "NUL in the body", a: store.Article{Body: "قال\x00"}, field: "body"},
			{name: "NUL in the title", a: store.Article{Title: "\x00", Body: "نص"}, field: "title"},
			{name: "javascript url", a: store.Article{Body: "نص", URL: "javascript:alert(1)"}, field: "url"},
			{name: "relative url", a: store.Article{Body: "نص", URL: "/a/b"}, field: "url"},
			{name: "words", a: store.Article{Body: strings.Repeat("كلمة ", store.MaxArticleWords+1)}, field: "body", large: true},
			{name: "bytes", a: store.Article{Body: strings.Repeat("ك", store.MaxArticleBytes)}, field: "body", large: true},
		}
		for i, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				a := tc.a
				a.ID = store.NewID("art_")
				err := s.CreateArticle(ctx, &a)
				if tc.field == "" {
					if err != nil {
						t.Fatal(err)
					}
					got, err := s.Article(ctx, a.ID)
					if err != nil {
						t.Fatal(err)
					}
					if got.Title != "عنوان[1m" || got.Body != "سطر أول\nسطر ثان" || got.URL != "https://news.example/a" {
						t.Errorf("stored %q %q %q", got.Title, got.Body, got.URL)
					}
					return
				}
				var fe *store.FieldError
				if !errors.As(err, &fe) || fe.Field != tc.field || errors.Is(err, store.ErrTooLarge) != tc.large {
					t.Fatalf("got %v, want a *FieldError for %s (too large: %v)", err, tc.field, tc.large)
				}
				if _, err := s.Article(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
					t.Errorf("case %d: the refused article was stored (%v)", i, err)
				}
			})
		}
		// A NUL in a job's article text is refused too, before the job exists.
		j := &store.Job{ID: "tr_nul", ASRKey: "a", DedupKey: "d", ArticleText: "نص\x00", CreatedAt: time.Now()}
		if err := s.CreateJob(ctx, j); !errors.Is(err, plaintext.ErrNUL) {
			t.Errorf("job with a NUL in its article: got %v, want ErrNUL", err)
		}
	})
}

// TestSearchQueryLimit: a search of more than MaxQueryTerms words is
// refused before the database is asked.
func TestSearchQueryLimit(t *testing.T) {
	s := openStore(t)
	q := store.ParseQuery(`"` + strings.Repeat("كلمة ", store.MaxQueryTerms+1) + `"`)
	if _, _, err := s.Search(context.Background(), store.SearchParams{Query: q}); !errors.Is(err, store.ErrQueryTooLong) {
		t.Errorf("got %v, want ErrQueryTooLong", err)
	}
	q = store.ParseQuery(`"` + strings.Repeat("كلمة ", store.MaxQueryTerms) + `"`)
	if _, _, err := s.Search(context.Background(), store.SearchParams{Query: q}); err != nil {
		t.Errorf("a phrase of %d words: %v", store.MaxQueryTerms, err)
	}
}

// TestCallbacksCapped: a job keeps at most MaxCallbacks callback URLs; a
// URL it has already is no new one.
func TestCallbacksCapped(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := 0; i < store.MaxCallbacks; i++ {
			if err := s.AddCallback(ctx, "tr_1", "https://cms.example/hook/"+string(rune('a'+i))); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.AddCallback(ctx, "tr_1", "https://cms.example/hook/a"); err != nil {
			t.Errorf("a URL the job has: %v", err)
		}
		if err := s.AddCallback(ctx, "tr_1", "https://other.example/"); !errors.Is(err, store.ErrTooManyCallbacks) {
			t.Errorf("one more: got %v, want ErrTooManyCallbacks", err)
		}
		if us, _ := s.Callbacks(ctx, "tr_1"); len(us) != store.MaxCallbacks {
			t.Errorf("got %d callbacks, want %d", len(us), store.MaxCallbacks)
		}
		if err := s.AddCallback(ctx, "tr_2", "https://other.example/"); err != nil {
			t.Errorf("another job: %v", err)
		}
	})
}

// TestIdempotencyKeepsFinalAnswersOnly: a 429 or 408 is not replayed
// (issue 24: after one "queue full" the page's retry got 429 for a day).
func TestIdempotencyKeepsFinalAnswersOnly(t *testing.T) {
	s := openStore(t)
	ctx := context.Background()
	for _, tc := range []struct {
		status int
		kept   bool
	}{{201, true}, {400, true}, {404, true}, {408, false}, {409, false}, {429, false}, {499, false}, {500, false}, {503, false}} {
		key := "POST /v1/x k " + time.Now().String()
		if first, _, err := s.ClaimIdempotencyKey(ctx, key); err != nil || !first {
			t.Fatalf("claim: %v %v", first, err)
		}
		if err := s.StoreIdempotentAnswer(ctx, key, store.IdempotentAnswer{Status: tc.status, Body: "{}"}); err != nil {
			t.Fatal(err)
		}
		first, ans, err := s.ClaimIdempotencyKey(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		if kept := !first && ans.Status == tc.status; kept != tc.kept {
			t.Errorf("status %d: replayed %v, want %v", tc.status, kept, tc.kept)
		}
	}
}

// TestClipLimits: clips queued or running are capped per job and per
// server, count toward the queue's pending work, and files past the
// storage limit are removed, oldest first.
func TestClipLimits(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		s.ClipLimits = store.ClipLimits{PerJob: 2, Queued: 3, FilesPerJob: 2, Storage: 250}
		clip := func(job string) (*store.Clip, error) {
			c := &store.Clip{JobID: job, Format: "mp3"}
			return c, s.CreateClip(ctx, c)
		}
		var made []*store.Clip
		for _, job := range []string{"tr_a", "tr_a", "tr_b"} {
			c, err := clip(job)
			if err != nil {
				t.Fatal(err)
			}
			made = append(made, c)
		}
		var le *store.ClipLimitError
		if _, err := clip("tr_a"); !errors.As(err, &le) || !le.Job {
			t.Errorf("third clip of a job: got %v, want the job's limit", err)
		}
		if _, err := clip("tr_c"); !errors.As(err, &le) || le.Job {
			t.Errorf("fourth clip of the server: got %v, want the server's limit", err)
		}
		if n, err := s.Pending(ctx); err != nil || n != 3 {
			t.Errorf("pending: got %d, %v; want the 3 clips", n, err)
		}
		// Done, they make room; their files (100 bytes each) are kept
		// within 250 bytes and 2 per job.
		dir, err := s.Blobs.ClipsDir()
		if err != nil {
			t.Fatal(err)
		}
		finish := func(c *store.Clip) {
			t.Helper()
			if err := os.WriteFile(filepath.Join(dir, c.ID+".mp3"), make([]byte, 100), 0o644); err != nil {
				t.Fatal(err)
			}
			c.Bytes = 100
			if err := s.FinishClip(ctx, c); err != nil {
				t.Fatal(err)
			}
			time.Sleep(2 * time.Millisecond) // distinct finishing times
		}
		for _, c := range made {
			finish(c)
		}
		// 300 bytes: the oldest goes.
		gone, err := s.ExpireClips(ctx, "tr_b")
		if err != nil || len(gone) != 1 || gone[0] != made[0].ID {
			t.Fatalf("expired %v, %v; want %s", gone, err, made[0].ID)
		}
		c, err := clip("tr_a")
		if err != nil {
			t.Fatalf("a clip after the others are done: %v", err)
		}
		finish(c)
		// 300 bytes again: the oldest left goes.
		gone, err = s.ExpireClips(ctx, "tr_a")
		if err != nil || len(gone) != 1 || gone[0] != made[1].ID {
			t.Fatalf("expired %v, %v; want %s", gone, err, made[1].ID)
		}
		// Files per job: a third done clip of tr_b removes its oldest.
		s.ClipLimits.Storage = 1 << 20
		for i := 0; i < 2; i++ {
			c, err := clip("tr_b")
			if err != nil {
				t.Fatal(err)
			}
			finish(c)
		}
		if gone, err := s.ExpireClips(ctx, "tr_b"); err != nil || len(gone) != 1 || gone[0] != made[2].ID {
			t.Fatalf("expired %v, %v; want %s (tr_b's oldest of 3)", gone, err, made[2].ID)
		}
		for i, c := range append(made[:2], c) {
			got, err := s.ClipByID(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			_, statErr := os.Stat(filepath.Join(dir, c.ID+".mp3"))
			if expired := i < 2; (got.Status == store.StatusExpired) != expired || os.IsNotExist(statErr) != expired {
				t.Errorf("clip %d: status %s, file missing %v; want expired %v", i, got.Status, os.IsNotExist(statErr), expired)
			}
		}
		// A clip whose job was deleted while it was made is gone.
		if err := s.FinishClip(ctx, &store.Clip{ID: "clip_gone"}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("finishing a deleted clip: got %v, want ErrNotFound", err)
		}
	})
}

// TestDeleteJobTakesItsTranslation: deleting the only transcription of a
// recording deletes its English translation job too, so the recording is
// not served through it (issue 24), and then the recording; while another
// transcription of the recording is left, both stay.
func TestDeleteJobTakesItsTranslation(t *testing.T) {
	eachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sha, _, err := s.Blobs.Put(strings.NewReader("RIFF recording"))
		if err != nil {
			t.Fatal(err)
		}
		mk := func(id, task, asr string) *store.Job {
			t.Helper()
			j := &store.Job{ID: id, AudioSHA256: sha, Model: "m", Language: "ar", Task: task, ASRKey: asr, DedupKey: "d" + id, CreatedAt: time.Now().UTC()}
			if err := s.PutTranscript(ctx, asr, speech(1)); err != nil {
				t.Fatal(err)
			}
			if err := s.CreateJob(ctx, j); err != nil {
				t.Fatal(err)
			}
			if _, err := s.StartJob(ctx, id); err != nil {
				t.Fatal(err)
			}
			if err := s.FinishJob(ctx, id, 1, 0); err != nil {
				t.Fatal(err)
			}
			return j
		}
		stored := func() bool {
			_, _, closeFile, err := s.Blobs.Open(ctx, store.AudioKey(sha))
			if err == nil {
				closeFile()
			}
			return err == nil
		}
		orig := mk("tr_orig", store.TaskTranscribe, "asr_orig")
		other := mk("tr_other", store.TaskTranscribe, "asr_other") // the same recording, another prompt
		en := mk("tr_en", store.TaskTranslate, store.TranslationKey(orig, "medium-q5_0"))
		if err := s.DeleteJob(ctx, orig.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Job(ctx, en.ID); err != nil || !stored() {
			t.Fatalf("with another transcription left: translation %v, recording stored %v; want both kept", err, stored())
		}
		if err := s.DeleteJob(ctx, other.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Job(ctx, en.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("translation of a deleted recording: got %v, want it deleted", err)
		}
		if _, err := s.Transcript(ctx, store.TranslationKey(orig, "medium-q5_0")); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("its transcript: got %v, want it deleted", err)
		}
		if stored() {
			t.Error("the recording is still stored")
		}
	})
}
