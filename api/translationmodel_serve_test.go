package api_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/api"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// TestServeRefusesATranslationModelThatCannotTranslate: naming turbo as
// the translation model is a configuration mistake that stops the server
// at start, naming the flag.
func TestServeRefusesATranslationModelThatCannotTranslate(t *testing.T) {
	cfg := api.DefaultConfig()
	cfg.Listen, cfg.DataDir = "127.0.0.1:0", t.TempDir()
	tiny, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err = api.Serve(ctx, cfg, api.Components{Pipeline: pipeline.Config{
		Model: tiny, TranslationModel: shapedModel(t, "large-v3-turbo"), VAD: pipeline.VADOff,
		LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) {
			return &transcribetest.Scripted{}, nil, nil
		},
	}})
	if !errors.Is(err, models.ErrCannotTranslate) || !strings.Contains(err.Error(), "--translation-model") {
		t.Errorf("got %v, want an error naming --translation-model that cannot translate", err)
	}
}
