package store

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"

	"github.com/newsscribe/newsscribe/api/web"
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
	// when there is none (its type sniffed, as the /v1 audio route does).
	if p := s.Blobs.PlayPath(j.AudioSHA256); isFile(p) {
		out.AudioPath, out.AudioType = p, "audio/mpeg"
	} else if p := s.Blobs.AudioPath(j.AudioSHA256); isFile(p) {
		out.AudioPath, out.AudioType = p, sniffType(p)
	}
	return out, nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func sniffType(p string) string {
	f, err := os.Open(p)
	if err != nil {
		return ""
	}
	defer f.Close()
	var head [512]byte
	n, _ := f.ReadAt(head[:], 0)
	return http.DetectContentType(head[:n])
}
