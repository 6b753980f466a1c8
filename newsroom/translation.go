package newsroom

import (
	"errors"
	"fmt"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/store"
)

// Translator names the model of Whisper's translate task and says whether
// it can be used now; *pipeline.Pipeline is one (CheckTranslation: a
// *pipeline.ModelError when the model is not downloaded, cannot translate
// or is damaged).
type Translator interface {
	CheckTranslation() (model string, err error)
}

// CheckTranslation is the check every translation makes before an upload
// is read or a job exists (Translate, Submit of the translate task,
// English clip captions, the OpenAI translations endpoint): it returns the
// translation model's name, or a refusal naming the model and what to do —
// errcode.TranslationModelMissing with the command that downloads it,
// TranslationModelUnusable for a model that cannot translate or is
// damaged, TranslationUnavailable for a newsroom without a translator. A
// translation is never made by another model instead.
func (n *Newsroom) CheckTranslation() (string, error) {
	if n.cfg.Translation == nil {
		return "", refuse(errcode.TranslationUnavailable, "", "this server has no translation model; nothing was queued")
	}
	model, err := n.cfg.Translation.CheckTranslation()
	if err == nil {
		return model, nil
	}
	var me *pipeline.ModelError
	switch {
	case errors.Is(err, models.ErrNotDownloaded):
		// Not the error's text: it holds the server's paths.
		return "", refuse(errcode.TranslationModelMissing, "", fmt.Sprintf(
			"translations need the model %s, which this server has not downloaded: run `newsscribe models pull %s` where the server runs (or start it with --translation-model naming another model that can translate); nothing was queued", model, model))
	case errors.Is(err, models.ErrCannotTranslate):
		return "", refuse(errcode.TranslationModelUnusable, "", fmt.Sprintf(
			"the server's translation model %s cannot translate: start it with --translation-model naming one that can, such as %s; nothing was queued", model, models.DefaultTranslationModel))
	case errors.As(err, &me):
		n.log.Error("translation model unusable", "model", model, "error", err)
		return "", refuse(errcode.TranslationModelUnusable, "", fmt.Sprintf(
			"the server's translation model %s cannot be used (the server log says why): run `newsscribe models verify` where the server runs; nothing was queued", model))
	}
	return "", err
}

// TranslationModel is the translation model's name, whether or not it can
// be used now ("" without a translator): the model of every translate job
// and of the stored translations.
func (n *Newsroom) TranslationModel() string {
	if n.cfg.Translation == nil {
		return ""
	}
	model, _ := n.cfg.Translation.CheckTranslation()
	return model
}

// TranslationKey is the ASR key under which job j's English machine
// translation by the translation model is kept (store.TranslationKey).
func (n *Newsroom) TranslationKey(j *store.Job) string {
	return store.TranslationKey(j, n.TranslationModel())
}
