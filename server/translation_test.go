package server_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/server"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// TestNewRefusesATranslationModelThatCannotTranslate: naming turbo as the
// translation model is a configuration mistake that stops the server at
// start, naming the flag; a translation model not downloaded does not
// (translations are refused until it is pulled).
func TestNewRefusesATranslationModelThatCannotTranslate(t *testing.T) {
	dir := t.TempDir()
	tiny := transcribetest.ReleaseModel(t, dir, "tiny")
	cfg := func(translation string) server.Config {
		return server.Config{DataDir: t.TempDir(), Pipeline: pipeline.Config{
			Model: tiny, TranslationModel: translation, ModelsDir: t.TempDir(), VAD: pipeline.VADOff,
			LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) {
				return &transcribetest.Scripted{}, nil, nil
			},
		}}
	}
	_, err := server.New(context.Background(), cfg(transcribetest.ReleaseModel(t, dir, "large-v3-turbo")))
	if !errors.Is(err, models.ErrCannotTranslate) || !strings.Contains(err.Error(), "--translation-model") {
		t.Errorf("turbo: got %v, want an error naming --translation-model that cannot translate", err)
	}
	s, err := server.New(context.Background(), cfg(models.DefaultTranslationModel))
	if err != nil {
		t.Fatalf("translation model not downloaded: got %v, want a server that refuses translations", err)
	}
	s.Close()
}
