package newsroom_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/newsroom"
)

// queued is a newsroom.Queue that keeps the ids it is given (the river
// queue's own tests are in package queue; here what matters is what the
// newsroom stores before it enqueues).
type queued struct{ jobs []string }

func (q *queued) Enqueue(_ context.Context, id string) error { q.jobs = append(q.jobs, id); return nil }
func (q *queued) Cancel(context.Context, int64) error        { return nil }
func (q *queued) EnqueueClip(context.Context, string) error  { return nil }

// TestSubmitRecording: a live session's recording becomes a job through
// Submit — stored as an upload, with the server's model; the article's
// body becomes the final draft and the article points at the new job; an
// article deleted meanwhile leaves the job aligned to the draft's text; a
// callback that is no longer valid is dropped rather than losing the
// recording. Without live sessions, StartLive refuses with live_off.
func TestSubmitRecording(t *testing.T) {
	ctx := context.Background()
	_, st := newNewsroom(t)
	q := &queued{}
	n := newsroom.New(newsroom.Config{Store: st, Queue: q, Model: "small", Logger: slog.New(slog.DiscardHandler)})
	rec := func(articleID, draft, callback string, pcm []byte) live.Recording {
		return live.Recording{SessionID: "ls_1", CreatedAt: time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC), Samples: int64(len(pcm) / 2),
			Open:      func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(pcm)), nil },
			ArticleID: articleID, Draft: draft, Language: "ar", Callback: callback}
	}

	a, err := n.CreateArticle(ctx, newsroom.ArticleEdit{Title: ptr("مؤتمر"), Body: ptr("مسودة أولى")})
	if err != nil {
		t.Fatal(err)
	}
	id, err := n.SubmitRecording(ctx, rec(a.ID, "قال الوزير «نعمل».", "https://cms.example/hook", make([]byte, 32000)))
	if err != nil {
		t.Fatal(err)
	}
	j, _ := st.Job(ctx, id)
	if j.Model != "small" || j.ArticleID != a.ID || j.ArticleText != "" || j.Duration != 1 || j.Filename != "live 2026-03-01 09:30.wav" {
		t.Errorf("job %+v: want model small, the article, 1 s, a live file name", j)
	}
	if len(q.jobs) != 1 || q.jobs[0] != id {
		t.Errorf("queued %v, want [%s]", q.jobs, id)
	}
	if cbs, _ := st.Callbacks(ctx, id); len(cbs) != 0 {
		t.Errorf("callbacks %v: a server without webhooks keeps none", cbs)
	}
	got, _ := st.Article(ctx, a.ID)
	if got.Body != "قال الوزير «نعمل»." || got.JobID != id {
		t.Errorf("article %+v: want the final draft as its body, attached to %s", got, id)
	}

	if err := n.DeleteArticle(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	id, err = n.SubmitRecording(ctx, rec(a.ID, "نص المسودة", "", make([]byte, 3200)))
	if err != nil {
		t.Fatal(err)
	}
	if j, _ := st.Job(ctx, id); j.ArticleID != "" || j.ArticleText != "نص المسودة" {
		t.Errorf("article deleted meanwhile: job %+v, want the draft's text", j)
	}

	var refusal *newsroom.Error
	if _, err := n.StartLive(ctx, live.Request{Browser: true}); !errors.As(err, &refusal) || refusal.Code != errcode.LiveOff {
		t.Errorf("StartLive without live sessions: %v, want live_off", err)
	}
}
