package newsroom_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestTranslateChecksTheTranslationModel: Translate asks CheckTranslation
// before anything else — the translation model not downloaded, or one
// that cannot translate, is refused with its code, naming the model and
// what to do, and creates no job; a model that translates goes on to
// queue the job (here: no queue) with the translation model, not the job's.
func TestTranslateChecksTheTranslationModel(t *testing.T) {
	ctx := context.Background()
	_, st := newNewsroom(t)
	j, err := newsroom.New(newsroom.Config{Store: st, Logger: slog.New(slog.DiscardHandler)}).
		Import(ctx, newsroom.Import{Upload: newsroom.Upload{SHA256: strings.Repeat("ab", 32), Size: 1}, Transcript: srt}) // with its recording: one without is refused first (no_recording)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	turbo := transcribetest.ReleaseModel(t, dir, "large-v3-turbo")
	with := func(translation string) *newsroom.Newsroom {
		p := pipeline.New(pipeline.Config{Model: turbo, TranslationModel: translation, ModelsDir: t.TempDir()})
		return newsroom.New(newsroom.Config{Store: st, Translation: p, Logger: slog.New(slog.DiscardHandler)})
	}
	for _, tt := range []struct {
		name, translation string
		code              errcode.Code
		says              string
	}{
		{"not downloaded", "", errcode.TranslationModelMissing, "newsscribe models pull " + models.DefaultTranslationModel},
		{"cannot translate", turbo, errcode.TranslationModelUnusable, "cannot translate"},
	} {
		n := with(tt.translation)
		var refusal *newsroom.Error
		if _, _, err := n.Translate(ctx, j); !errors.As(err, &refusal) || refusal.Code != tt.code || !strings.Contains(refusal.Msg, tt.says) ||
			strings.Contains(refusal.Msg, dir) {
			t.Errorf("%s: Translate got %v, want %s saying %q (and no server path)", tt.name, err, tt.code, tt.says)
		}
		if _, err := n.CreateClip(ctx, j, newsroom.ClipRequest{From: ptrf(0), To: ptrf(3), Format: "mp4", Captions: "soft", Language: "en"}); !errors.As(err, &refusal) || refusal.Code != tt.code {
			t.Errorf("%s: English captions got %v, want %s", tt.name, err, tt.code)
		}
	}
	n := with(transcribetest.ReleaseModel(t, dir, "medium"))
	if _, _, err := n.Translate(ctx, j); !errors.Is(err, newsroom.ErrNoQueue) {
		t.Errorf("a translation model that translates: got %v, want ErrNoQueue (the job would be queued)", err)
	}
	if got := n.TranslationKey(j); got != store.TranslationKey(j, "ggml-medium") || got == store.TranslationKey(j, j.Model) {
		t.Errorf("translation key %s is not the translation model's", got)
	}
	if _, total, err := st.ListJobs(ctx, "", 10, 0); err != nil || total != 1 {
		t.Errorf("jobs: got %d, %v; want only the imported one", total, err)
	}
}

func ptrf(f float64) *float64 { return &f }
