package newsroom

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
)

// ArticleEdit are the fields of an article to set; a nil field is left as
// it is.
type ArticleEdit struct {
	ExternalID  *string
	Title       *string
	Body        *string
	URL         *string
	PublishedAt *time.Time
	Published   *bool
	// CallbackURL receives the events of every recording of the article;
	// "" removes it.
	CallbackURL *string
}

func (e ArticleEdit) apply(a *store.Article) {
	if e.ExternalID != nil {
		a.ExternalID = strings.TrimSpace(*e.ExternalID)
	}
	if e.Title != nil {
		a.Title = *e.Title
	}
	if e.Body != nil {
		a.Body = *e.Body
	}
	if e.URL != nil {
		a.URL = *e.URL
	}
	if e.PublishedAt != nil {
		t := e.PublishedAt.UTC()
		a.PublishedAt = &t
	}
	if e.Published != nil {
		a.Published = *e.Published
	}
}

// CreateArticle stores a new article with e's fields and indexes it.
// Refusals: no body, an invalid callback URL, an external_id taken.
func (n *Newsroom) CreateArticle(ctx context.Context, e ArticleEdit) (*store.Article, error) {
	a := &store.Article{ID: store.NewID("art_")}
	e.apply(a)
	if strings.TrimSpace(a.Body) == "" {
		return nil, refuse(errcode.BadRequest, "", "body (the article text) is required")
	}
	if err := n.saveArticle(ctx, a, e.CallbackURL, n.store.CreateArticle); err != nil {
		return nil, err
	}
	n.reindex(ctx, "", a.ID)
	return a, nil
}

// UpdateArticle sets e's fields on article a. A new body is re-aligned to
// the attached transcript at once, without running speech recognition
// again; the article and its recording's transcript are re-indexed (title,
// published and body are in both). Refusals: an empty body, an invalid
// callback URL, an external_id taken.
func (n *Newsroom) UpdateArticle(ctx context.Context, a *store.Article, e ArticleEdit) error {
	oldBody := a.Body
	e.apply(a)
	if strings.TrimSpace(a.Body) == "" {
		return refuse(errcode.BadRequest, "", "body (the article text) must not be empty")
	}
	if err := n.saveArticle(ctx, a, e.CallbackURL, n.store.UpdateArticle); err != nil {
		return err
	}
	if a.Body != oldBody && a.JobID != "" {
		if err := n.realignArticle(ctx, a); err != nil {
			return err
		}
	}
	n.reindex(ctx, a.JobID, a.ID)
	return nil
}

// saveArticle validates the callback, writes a with write and then stores
// the callback.
func (n *Newsroom) saveArticle(ctx context.Context, a *store.Article, callback *string, write func(context.Context, *store.Article) error) error {
	if callback != nil {
		if err := n.CheckCallback(ctx, *callback); err != nil {
			return err
		}
	}
	err := write(ctx, a)
	if err == nil && callback != nil {
		err = n.store.SetCallback(ctx, a.ID, *callback)
	}
	if errors.Is(err, store.ErrConflict) {
		return refuse(errcode.Conflict, "", fmt.Sprintf("an article with external_id %q exists", a.ExternalID))
	}
	return err
}

// realignArticle aligns the article's new body to its job's stored
// (corrected) transcript; a job still running aligns with the body it
// reads at the end.
func (n *Newsroom) realignArticle(ctx context.Context, a *store.Article) error {
	j, err := n.store.Job(ctx, a.JobID)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil || j.Status != store.StatusDone {
		return err
	}
	t, _, err := n.store.JobTranscript(ctx, j)
	if err != nil {
		return err
	}
	return n.Realign(ctx, j, t)
}

// DeleteArticle deletes article id: it leaves the search index and the
// finished jobs aligned to it (their alignment goes; the recording and
// transcript stay, searchable under the file name). Refusal: not found.
func (n *Newsroom) DeleteArticle(ctx context.Context, id string) error {
	err := n.store.DeleteArticle(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return notFound("article", id)
	}
	if err != nil {
		return err
	}
	if err := n.store.DeleteArticleIndex(ctx, id); err != nil {
		n.log.Error("search index not updated", "article", id, "error", err)
	}
	js, err := n.store.JobsOfArticle(ctx, id)
	if err != nil {
		n.log.Error("jobs of a deleted article", "article", id, "error", err)
		return nil
	}
	for _, j := range js {
		if j.Status != store.StatusDone {
			continue // a running job fails to find its article and says so
		}
		if err := n.store.SetJobArticle(ctx, j, "", ""); err != nil {
			n.log.Error("detach deleted article", "job", j.ID, "error", err)
			continue
		}
		n.reindex(ctx, j.ID)
	}
	return nil
}

// AttachArticle attaches article articleID, or the text, to finished job j
// in place of its article (both empty detach it) and aligns it from the
// current transcript, without ASR. Refusals: an unknown article, or one
// another job already aligns this recording to.
func (n *Newsroom) AttachArticle(ctx context.Context, j *store.Job, articleID, text string) error {
	if articleID != "" {
		if _, err := n.Article(ctx, articleID); err != nil {
			return err
		}
		text = ""
	}
	old := j.ArticleID
	if err := n.store.SetJobArticle(ctx, j, articleID, text); errors.Is(err, store.ErrConflict) {
		return refuse(errcode.Conflict, "", "another job already aligns this recording to that article")
	} else if err != nil {
		return err
	}
	if old != "" && old != articleID {
		if err := n.store.ClearArticleJob(ctx, old, j.ID); err != nil {
			return err
		}
		n.reindex(ctx, "", old)
	}
	if articleID != "" {
		if err := n.store.SetArticleJob(ctx, articleID, j.ID); err != nil {
			return err
		}
	}
	if j.HasArticle() {
		t, _, err := n.store.JobTranscript(ctx, j)
		if err == nil {
			err = n.Realign(ctx, j, t)
		}
		if err != nil {
			return err
		}
	}
	n.reindex(ctx, j.ID)
	return nil
}
