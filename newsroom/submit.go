package newsroom

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/queue"
	"github.com/newsscribe/newsscribe/store"
)

// Upload is a recording the caller has stored in the blob store (the API
// streams it there) and probed.
type Upload struct {
	// SHA256 names the stored upload; Size is its length in bytes.
	SHA256 string
	Size   int64
	// Filename is the client's name for it, for display only.
	Filename string
	// Duration is in seconds; 0 when the container declares none.
	Duration float64
}

// Recognition are a job's recognition parameters, validated by the caller.
type Recognition struct {
	// Model is the server's model name (aliases resolved).
	Model string
	// Language is a code of transcribe.Languages or "auto".
	Language string
	Prompt   string
	// Task is store.TaskTranscribe or store.TaskTranslate.
	Task string
	// Temperature is in [0, 1].
	Temperature float64
}

// Submission is a recording to transcribe, and the article to align it to.
type Submission struct {
	Upload
	Recognition
	// ArticleID names a stored article to align to; ArticleText is a text
	// to align to instead, stored as an article of its own (published or
	// not) when Title is given. The article's body is read when aligning,
	// so edits made meanwhile are seen.
	ArticleID   string
	ArticleText string
	Title       string
	Published   bool
	// CallbackURL receives the job's events; "" for none.
	CallbackURL string
	// Created, when set, is called with the id of a new job before it is
	// queued (a streaming answer subscribes to its segments there).
	Created func(jobID string)
}

// Submit creates the job of a submission and queues it, or joins the job
// of an identical earlier one (same recording, parameters and article),
// which gets the callback too. It returns the job and whether it is new.
// Refusals: an invalid callback URL, an unknown article, a full queue.
func (n *Newsroom) Submit(ctx context.Context, s Submission) (*store.Job, bool, error) {
	if err := n.CheckCallback(ctx, s.CallbackURL); err != nil {
		return nil, false, err
	}
	articleID, text := s.ArticleID, s.ArticleText
	if articleID != "" {
		if _, err := n.Article(ctx, articleID); err != nil {
			return nil, false, err
		}
		text = "" // the article's body is read when aligning, so edits are seen
	}
	// An article sent with a title is stored as an article once the upload
	// is accepted, so that a failed upload leaves no article behind.
	created := ""
	if articleID == "" && text != "" && s.Title != "" {
		a := &store.Article{ID: store.NewID("art_"), Title: s.Title, Body: text, Published: s.Published}
		if err := n.store.CreateArticle(ctx, a); err != nil {
			return nil, false, err
		}
		n.reindex(ctx, "", a.ID)
		articleID, text, created = a.ID, "", a.ID
	}
	j, isNew, err := n.submit(ctx, s, articleID, text)
	if err != nil {
		if created != "" {
			_ = n.store.DeleteArticle(ctx, created)
		}
		return nil, false, err
	}
	if !isNew {
		n.joinedCallback(ctx, j, s.CallbackURL)
	}
	if articleID != "" {
		if err := n.store.SetArticleJob(ctx, articleID, j.ID); err != nil {
			n.log.Error("attach job to article", "error", err)
		}
	}
	return j, isNew, nil
}

// submit creates (or joins) the job of s aligned to articleID or text.
func (n *Newsroom) submit(ctx context.Context, s Submission, articleID, text string) (*store.Job, bool, error) {
	r, u := s.Recognition, s.Upload
	asr := store.ASRKeyWith(u.SHA256, r.Model, r.Language, r.Prompt, r.Task, r.Temperature)
	dedup := store.DedupKey(asr, articleID, text)
	if j, err := n.store.JobByDedupKey(ctx, dedup); err == nil {
		return j, false, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, false, err
	}
	if n.cfg.Queue == nil {
		return nil, false, ErrNoQueue
	}
	pending, err := n.store.Pending(ctx)
	if err != nil {
		return nil, false, err
	}
	if pending >= n.cfg.MaxQueue {
		return nil, false, refuse(errcode.QueueFull, "", fmt.Sprintf("the queue holds its maximum of %d jobs; retry later", n.cfg.MaxQueue))
	}
	j := &store.Job{
		ID: store.NewID("tr_"), AudioSHA256: u.SHA256, AudioBytes: u.Size, Filename: u.Filename,
		Model: r.Model, Language: r.Language, Prompt: r.Prompt, Task: r.Task, Temperature: r.Temperature, ASRKey: asr, DedupKey: dedup,
		ArticleID: articleID, ArticleText: text, Duration: u.Duration, CreatedAt: time.Now().UTC(),
	}
	if err := n.store.CreateJob(ctx, j); errors.Is(err, store.ErrConflict) {
		// An identical request created its job between our lookup and insert.
		if j, err := n.store.JobByDedupKey(ctx, dedup); err == nil {
			return j, false, nil
		}
		return nil, false, err
	} else if err != nil {
		return nil, false, err
	}
	if u.Duration > 0 {
		_ = n.store.SetDuration(ctx, j.ID, u.Duration)
	}
	// The callback is recorded before the job is queued, so that a quick
	// job cannot finish unheard.
	if s.CallbackURL != "" {
		if err := n.store.AddCallback(context.Background(), j.ID, s.CallbackURL); err != nil {
			n.log.Error("store callback", "job", j.ID, "error", err)
		}
	}
	if s.Created != nil {
		s.Created(j.ID)
	}
	if err := n.cfg.Queue.Enqueue(ctx, j.ID); err != nil {
		// The row stays queued without a queue id; Queue.Start re-enqueues it.
		return nil, false, err
	}
	if n.cfg.Observer != nil {
		n.cfg.Observer.Accepted()
	}
	return j, true, nil
}

// maxCallbackURL bounds a callback URL's length.
const maxCallbackURL = 2048

// CheckCallback validates an optional callback URL before any work is
// queued: a refusal (errcode.InvalidValue, param callback_url) says why —
// not http(s), an internal address, a host that does not resolve, or a
// server that sends no webhooks.
func (n *Newsroom) CheckCallback(ctx context.Context, url string) error {
	switch {
	case url == "":
		return nil
	case n.cfg.Events == nil:
		return refuse(errcode.InvalidValue, "callback_url", "callback_url: this server does not send webhooks")
	case len(url) > maxCallbackURL:
		return refuse(errcode.InvalidValue, "callback_url", "callback_url: longer than 2048 bytes")
	}
	if err := n.cfg.Events.CheckCallback(ctx, url); err != nil {
		return refuse(errcode.InvalidValue, "callback_url", err.Error())
	}
	return nil
}

// joinedCallback adds url to a job the request joined (an identical earlier
// request's); a job already finished has its final events queued for it now.
func (n *Newsroom) joinedCallback(ctx context.Context, j *store.Job, url string) {
	if url == "" || n.cfg.Events == nil {
		return
	}
	if err := n.store.AddCallback(ctx, j.ID, url); err != nil {
		n.log.Error("store callback", "job", j.ID, "error", err)
		return
	}
	// Read the state after adding: a job finishing meanwhile either saw the
	// callback or is final here; Notify queues each event once.
	cur, err := n.store.Job(ctx, j.ID)
	if err != nil {
		return
	}
	if err := n.Finished(ctx, cur); err != nil {
		n.log.Error("queue webhook", "job", cur.ID, "error", err)
	}
}

// Translate queues Whisper's translate task over job j's recording as a
// job of its own, or joins the one already made: the same audio, model,
// language and temperature, without the prompt (an Arabic prompt pulls
// Whisper's output back towards Arabic). Its transcript is kept under
// store.TranslationKey(j), beside the Arabic one.
func (n *Newsroom) Translate(ctx context.Context, j *store.Job) (*store.Job, bool, error) {
	if j.Task == store.TaskTranslate {
		return nil, false, refuse(errcode.AlreadyTranslation, "", "this job is a translation already; its transcript is the English text")
	}
	return n.submit(ctx, Submission{
		Upload:      Upload{SHA256: j.AudioSHA256, Size: j.AudioBytes, Filename: j.Filename, Duration: j.Duration},
		Recognition: Recognition{Model: j.Model, Language: j.Language, Task: store.TaskTranslate, Temperature: j.Temperature},
	}, "", "")
}

// Cancel cancels job j if it is queued or running: it ends canceled, its
// queue work is stopped. It reports false, doing nothing, for a job that
// has ended.
func (n *Newsroom) Cancel(ctx context.Context, j *store.Job) (bool, error) {
	ok, err := n.store.CancelJob(ctx, j.ID)
	if err != nil || !ok {
		return false, err
	}
	if n.cfg.Queue != nil {
		if err := n.cfg.Queue.Cancel(ctx, j.RiverID); err != nil {
			return true, err
		}
	}
	if n.cfg.Observer != nil {
		n.cfg.Observer.Finished(store.StatusCanceled)
	}
	return true, nil
}

// Delete deletes job j, which has ended, with its recording (unless another
// job uses the same upload), renditions, revisions, alignment and search
// entries. Refusals: not found, or started again (not finished).
func (n *Newsroom) Delete(ctx context.Context, j *store.Job) error {
	err := n.store.DeleteJob(ctx, j.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return notFound("transcription job", j.ID)
	case errors.Is(err, store.ErrConflict):
		return refuse(errcode.NotFinished, "", "the job started again; cancel it first")
	}
	return err
}

// CancelAbandoned cancels job j, if created says the caller made it, once
// the caller has gone away (ctx is done): a synchronous answer nobody waits
// for any more.
func (n *Newsroom) CancelAbandoned(ctx context.Context, j *store.Job, created bool) {
	if !created || ctx.Err() == nil {
		return
	}
	bg, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	_, _ = n.Cancel(bg, j)
}

// CheckUpload probes the stored upload sha before a job exists for it and
// returns its duration in seconds: a too-long, empty or unreadable upload
// is refused now (its code: errcode.NotAudio, Unsupported, Corrupt, TooLong
// or Empty) and deleted, since no job will ever reference it.
func (n *Newsroom) CheckUpload(ctx context.Context, sha string) (float64, error) {
	if n.cfg.Prober == nil {
		return 0, nil
	}
	d, err := n.cfg.Prober.Probe(ctx, n.store.Blobs.AudioPath(sha))
	if err == nil {
		return d, nil
	}
	var in *queue.InputError
	if !errors.As(err, &in) {
		return 0, fmt.Errorf("probe upload: %w", err)
	}
	if err := n.store.Blobs.Delete(ctx, store.AudioKey(sha)); err != nil {
		n.log.Warn("bad upload not deleted", "error", err)
	}
	return 0, refuse(in.Code, "", in.Error())
}
