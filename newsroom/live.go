package newsroom

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Live is the manager of the server's live sessions (nil when live mode is
// off), for the handlers that find, watch and feed a running session.
func (n *Newsroom) Live() *live.Manager { return n.cfg.Live }

// StartLive starts a live session of req: its article, when named, must
// exist (its body is the draft unless req gives one) and its callback URL
// be valid, before the stream is opened. Refusals: errcode.LiveOff,
// NotReady, LiveFull, the source's (SourceNotAllowed, SourceUnreachable,
// SourceUnusable, InvalidValue for a URL that is not one), an unknown
// article, an invalid callback URL.
func (n *Newsroom) StartLive(ctx context.Context, req live.Request) (*live.Session, error) {
	if !n.cfg.Live.Enabled() {
		return nil, refuse(errcode.LiveOff, "", "live sessions are turned off on this server (--live-sessions 0)")
	}
	if req.ArticleID != "" {
		a, err := n.Article(ctx, req.ArticleID)
		if err != nil {
			return nil, err
		}
		if req.Draft == "" {
			req.Draft = a.Body
		}
	}
	if err := n.CheckCallback(ctx, req.Callback); err != nil {
		return nil, err
	}
	ss, err := n.cfg.Live.Start(ctx, req)
	if err != nil {
		return nil, liveRefusal(err)
	}
	return ss, nil
}

// liveRefusal is the refusal of a session that did not start, or err
// itself when it is the server's fault.
func liveRefusal(err error) error {
	var (
		na  *live.NotAllowedError
		se  *live.SourceError
		bad live.URLError
	)
	switch {
	case errors.Is(err, live.ErrFull):
		return refuse(errcode.LiveFull, "", err.Error())
	case errors.Is(err, live.ErrNotReady):
		return refuse(errcode.NotReady, "", err.Error())
	case errors.Is(err, live.ErrDisabled):
		return refuse(errcode.LiveOff, "", err.Error())
	case errors.As(err, &na):
		return refuse(errcode.SourceNotAllowed, "source_url", err.Error())
	case errors.As(err, &se) && se.Unreachable:
		return refuse(errcode.SourceUnreachable, "source_url", err.Error())
	case errors.As(err, &se):
		return refuse(errcode.SourceUnusable, "source_url", err.Error())
	case errors.As(err, &bad):
		return refuse(errcode.InvalidValue, "source_url", err.Error())
	}
	return err
}

// SubmitRecording is the live sessions' way into the queue (live.Jobs): the
// recording is stored as an upload and submitted as one (Submit), with the
// article — its body replaced by the final draft, which re-aligns its
// earlier recording as every edit does — or, without one, the draft's text,
// so that the full chunked transcription, the alignment, the events and the
// webhooks follow as for an upload. An article deleted meanwhile leaves the
// job aligned to the draft as it stood; a callback URL that is no longer
// valid is dropped (logged), so that the recording is not lost for it.
func (n *Newsroom) SubmitRecording(ctx context.Context, r live.Recording) (string, error) {
	rc, err := r.Open()
	if err != nil {
		return "", err
	}
	sha, size, err := n.store.Blobs.PutContext(ctx, rc)
	rc.Close()
	if err != nil {
		return "", fmt.Errorf("store live recording: %w", err)
	}
	articleID, text := r.ArticleID, r.Draft
	if articleID != "" {
		a, err := n.store.Article(ctx, articleID)
		switch {
		case errors.Is(err, store.ErrNotFound):
			articleID = ""
		case err != nil:
			return "", err
		default:
			text = ""
			if strings.TrimSpace(r.Draft) != "" && a.Body != r.Draft {
				if err := n.UpdateArticle(ctx, a, ArticleEdit{Body: &r.Draft}); err != nil {
					return "", fmt.Errorf("save the final draft: %w", err)
				}
			}
		}
	}
	callback := r.Callback
	if err := n.CheckCallback(ctx, callback); err != nil {
		n.log.Warn("live recording's callback dropped", "session", r.SessionID, "error", err)
		callback = ""
	}
	j, _, err := n.Submit(ctx, Submission{
		Upload: Upload{SHA256: sha, Size: size, Duration: float64(r.Samples) / transcribe.SampleRate,
			Filename: "live " + r.CreatedAt.UTC().Format("2006-01-02 15:04") + ".wav"},
		Recognition: Recognition{Model: n.cfg.Model, Language: r.Language, Prompt: r.Prompt, Task: store.TaskTranscribe},
		ArticleID:   articleID, ArticleText: text, CallbackURL: callback,
	})
	if err != nil {
		return "", err
	}
	return j.ID, nil
}
