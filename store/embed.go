package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/audio"
)

// EmbedArticle is what the public embed (package web) shows of a published
// article.
type EmbedArticle struct {
	ID, Title, URL string
	// PublishedAt is when the newsroom published the article; zero if unknown.
	PublishedAt time.Time
	// Alignment is the aligned article; nil before the recording is aligned.
	Alignment *align.Result
	// AudioPath is a browser-playable rendition of the recording on local disk
	// and AudioType its media type (e.g. "audio/mpeg"); AudioPath is empty when
	// the article has no recording.
	AudioPath, AudioType string
}

// EmbedArticle returns, for the public embed, the published article id with
// its aligned transcript and browser-playable recording. A missing or
// unpublished article is ErrNotFound. An article whose
// recording is not transcribed and aligned yet comes without Alignment and
// AudioPath.
func (s *Store) EmbedArticle(ctx context.Context, id string) (*EmbedArticle, error) {
	a, err := s.Article(ctx, id)
	if errors.Is(err, ErrNotFound) || (err == nil && !a.Published) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("embed article: %w", err)
	}
	out := &EmbedArticle{ID: a.ID, Title: a.Title, URL: a.URL}
	if a.PublishedAt != nil {
		out.PublishedAt = *a.PublishedAt
	}
	if a.JobID == "" {
		return out, nil
	}
	j, err := s.Job(ctx, a.JobID)
	if errors.Is(err, ErrNotFound) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("embed article job: %w", err)
	}
	if j.Status != StatusDone {
		return out, nil
	}
	if out.Alignment, err = s.storedAlignment(ctx, j.ID); err != nil {
		return nil, fmt.Errorf("embed article: %w", err)
	}
	out.AudioPath, out.AudioType = s.playable(ctx, j)
	return out, nil
}

// storedAlignment is job id's alignment, nil (no error) when it has none.
func (s *Store) storedAlignment(ctx context.Context, id string) (*align.Result, error) {
	al, err := s.Alignment(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("alignment: %w", err)
	}
	return al, nil
}

// playable is the MP3 rendition the worker made of j's recording for
// browsers; the upload itself only when there is none, typed by the format
// package audio decoded it as (as the /v1 audio route does) — never by
// net/http's sniffing. Both are "" when neither is stored.
func (s *Store) playable(ctx context.Context, j *Job) (path, ctype string) {
	// With a remote blob store the file is fetched into the local directory
	// once, then served from there.
	if p, err := s.Blobs.Fetch(ctx, PlayKey(j.AudioSHA256)); err == nil && isFile(p) {
		return p, "audio/mpeg"
	} else if p, err := s.Blobs.Fetch(ctx, AudioKey(j.AudioSHA256)); err == nil && isFile(p) {
		return p, uploadType(p)
	}
	return "", ""
}

// ShareJob is what web.ShareSource asks for signed share links: job id,
// published or not, titled by its article (or its recording's name), with
// its alignment — or, without an article, its transcript's segments as the
// sentences the page lists. A missing job is ErrNotFound.
func (s *Store) ShareJob(ctx context.Context, id string) (*EmbedArticle, error) {
	j, err := s.Job(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("share job: %w", err)
	}
	out := &EmbedArticle{ID: j.ID, Title: j.Filename}
	if j.ArticleID != "" {
		if a, err := s.Article(ctx, j.ArticleID); err == nil {
			out.Title, out.URL = a.Title, a.URL
		}
	}
	if j.Status != StatusDone {
		return out, nil
	}
	if j.HasArticle() {
		if out.Alignment, err = s.storedAlignment(ctx, j.ID); err != nil {
			return nil, fmt.Errorf("share job: %w", err)
		}
	} else {
		t, _, err := s.SpokenTranscript(ctx, j)
		if err != nil {
			return nil, fmt.Errorf("share job transcript: %w", err)
		}
		out.Alignment = &align.Result{Sentences: []align.TimedSentence{}}
		for _, sg := range t.Segments {
			start, end := sg.Start, sg.End
			out.Alignment.Sentences = append(out.Alignment.Sentences, align.TimedSentence{TimedSpan: align.TimedSpan{
				Text: sg.Text, Start: &start, End: &end, Coverage: 1, Status: align.StatusSpoken}, Prose: true})
		}
	}
	out.AudioPath, out.AudioType = s.playable(ctx, j)
	return out, nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// uploadType is the media type of the stored upload at p.
func uploadType(p string) string {
	format, err := audio.SniffFile(p)
	if err != nil {
		return audio.ContentType("")
	}
	return audio.ContentType(format)
}
