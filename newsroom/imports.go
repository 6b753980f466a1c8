package newsroom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Import is a transcript made elsewhere, optionally with its recording and
// an article.
type Import struct {
	// Upload is the recording, when there is one (SHA256 "" without).
	Upload
	// Transcript is the file: SubRip, WebVTT, OpenAI verbose_json or this
	// project's JSON, in Format ("" detects it).
	Transcript string
	Format     transcribe.Format
	// Language overrides the transcript's; it defaults to "ar".
	Language string
	// ArticleID, ArticleText and Title are Submission's.
	ArticleID, ArticleText, Title string
}

// Import stores an imported transcript as a job that is done at once:
// aligned, checked, searchable and editable like a recognised one.
// Refusals: a transcript that does not parse (errcode.BadTranscript), an
// unknown article, the same transcript imported with that article before.
func (n *Newsroom) Import(ctx context.Context, im Import) (*store.Job, error) {
	t, err := transcribe.Read(strings.NewReader(im.Transcript), im.Format)
	var re *transcribe.ReadError
	if errors.As(err, &re) {
		return nil, refuse(errcode.BadTranscript, "", re.Error())
	} else if err != nil {
		return nil, err
	}
	if im.Language != "" {
		t.Language = im.Language
	} else if t.Language == "" {
		t.Language = "ar"
	}
	articleID, articleText := im.ArticleID, im.ArticleText
	if articleID != "" {
		if _, err := n.Article(ctx, articleID); err != nil {
			return nil, err
		}
		articleText = ""
	}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(t); err != nil {
		return nil, err
	}
	asr := store.ASRKey(im.SHA256, "import", t.Language, b.String())
	if err := n.store.PutTranscript(ctx, asr, t); err != nil {
		return nil, err
	}
	created := ""
	if articleID == "" && articleText != "" && im.Title != "" {
		a := &store.Article{ID: store.NewID("art_"), Title: im.Title, Body: articleText}
		if err := n.store.CreateArticle(ctx, a); err != nil {
			return nil, err
		}
		articleID, articleText, created = a.ID, "", a.ID
	}
	filename := im.Filename
	if filename == "" {
		f := im.Format
		if f == "" {
			f = transcribe.DetectFormat([]byte(im.Transcript))
		}
		filename = "import." + string(f)
	}
	j := &store.Job{ID: store.NewID("tr_"), AudioSHA256: im.SHA256, AudioBytes: im.Size, Filename: filename, Model: "import",
		Language: t.Language, ASRKey: asr, DedupKey: store.DedupKey(asr, articleID, articleText), ArticleID: articleID,
		ArticleText: articleText, Duration: t.Duration, CreatedAt: time.Now().UTC()}
	if err := n.finishImport(ctx, j, t); err != nil {
		if created != "" {
			_ = n.store.DeleteArticle(ctx, created) // nothing is left behind
		}
		if errors.Is(err, store.ErrConflict) {
			return nil, refuse(errcode.Conflict, "", "this transcript was already imported with that article")
		}
		return nil, err
	}
	return j, nil
}

// finishImport stores the imported job as done, aligned and indexed.
func (n *Newsroom) finishImport(ctx context.Context, j *store.Job, t *transcribe.Transcript) error {
	if err := n.store.CreateJob(ctx, j); err != nil {
		return err
	}
	if _, err := n.store.StartJob(ctx, j.ID); err != nil {
		return err
	}
	if j.HasArticle() {
		if err := n.Realign(ctx, j, t); err != nil {
			_ = n.store.FailJob(ctx, j.ID, errcode.Internal, err.Error())
			return err
		}
	}
	if err := n.store.FinishJob(ctx, j.ID, t.Duration, 0); err != nil {
		return err
	}
	if j.ArticleID != "" {
		if err := n.store.SetArticleJob(ctx, j.ArticleID, j.ID); err != nil {
			return err
		}
	}
	n.reindex(ctx, j.ID, j.ArticleID)
	return nil
}
