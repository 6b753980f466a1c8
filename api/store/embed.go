package store

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/audio"
)

var _ web.Source = (*Store)(nil)

// EmbedArticle implements web.Source for the public embed: the published
// article id with its aligned transcript and browser-playable recording. A
// missing or unpublished article is web.ErrNotFound. An article whose
// recording is not transcribed and aligned yet comes without Alignment and
// AudioPath.
func (s *Store) EmbedArticle(ctx context.Context, id string) (*web.EmbedArticle, error) {
	a, err := s.Article(ctx, id)
	if errors.Is(err, ErrNotFound) || (err == nil && !a.Published) {
		return nil, web.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("embed article: %w", err)
	}
	out := &web.EmbedArticle{ID: a.ID, Title: a.Title, URL: a.URL}
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
	switch al, err := s.Alignment(ctx, j.ID); {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return nil, fmt.Errorf("embed article alignment: %w", err)
	default:
		out.Alignment = al
	}
	// The MP3 rendition the worker made for browsers; the upload itself only
	// when there is none, typed by the format package audio decoded it as
	// (as the /v1 audio route does) — never by net/http's sniffing.
	// With a remote blob store the file is fetched into the local directory
	// once, then served from there.
	if p, err := s.Blobs.Fetch(ctx, PlayKey(j.AudioSHA256)); err == nil && isFile(p) {
		out.AudioPath, out.AudioType = p, "audio/mpeg"
	} else if p, err := s.Blobs.Fetch(ctx, AudioKey(j.AudioSHA256)); err == nil && isFile(p) {
		out.AudioPath, out.AudioType = p, uploadType(p)
	}
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
