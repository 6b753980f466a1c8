package api

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/store"
)

// Translator names the model of Whisper's translate task and says whether
// it can be used now; *pipeline.Pipeline is one (CheckTranslation).
type Translator interface {
	CheckTranslation() (model string, err error)
}

// translationModel is the check every translation path makes before it
// reads an upload or creates a job (POST …/translation, POST
// /v1/audio/translations, English clip captions): it returns the
// translation model's name, or answers 409 itself — naming the model and
// the command that downloads it — when the model is not there or cannot
// translate. A translation is never made by another model instead.
func (s *server) translationModel(c *gin.Context) (string, bool) {
	if s.Translation == nil {
		abort(c, http.StatusConflict, "translation_unavailable", "this server has no translation model; nothing was queued")
		return "", false
	}
	model, err := s.Translation.CheckTranslation()
	if err == nil {
		return model, true
	}
	var me *pipeline.ModelError
	switch {
	case errors.Is(err, models.ErrNotDownloaded):
		// Not the error's text: it holds the server's paths.
		abort(c, http.StatusConflict, "translation_model_missing", fmt.Sprintf(
			"translations need the model %s, which this server has not downloaded: run `newsscribe models pull %s` where the server runs (or start it with --translation-model naming another model that can translate); nothing was queued", model, model))
	case errors.Is(err, models.ErrCannotTranslate):
		abort(c, http.StatusConflict, "translation_model_unusable", fmt.Sprintf(
			"the server's translation model %s cannot translate: start it with --translation-model naming one that can, such as %s; nothing was queued", model, models.DefaultTranslationModel))
	case errors.As(err, &me):
		s.log.Error("translation model unusable", "model", model, "error", err)
		abort(c, http.StatusConflict, "translation_model_unusable", fmt.Sprintf(
			"the server's translation model %s cannot be used (the server log says why): run `newsscribe models verify` where the server runs; nothing was queued", model))
	default:
		s.internal(c, err)
	}
	return "", false
}

// languageView is what a job's JSON says of the language Whisper detected
// (language "auto").
type languageView struct {
	// DetectedLanguage is the language Whisper detected, and
	// LanguageProbability its probability; absent when the language was
	// given, and until the job is done.
	DetectedLanguage    string   `json:"detected_language,omitempty"`
	LanguageProbability *float64 `json:"language_probability,omitempty"`
	// LanguageWarning says, in one line, that the detected language is not
	// the article's (Arabic): the transcript is not the Arabic words said.
	LanguageWarning string `json:"language_warning,omitempty"`
}

// detectedLanguage is job j's languageView.
func detectedLanguage(j *store.Job) languageView {
	if j.DetectedLanguage == "" {
		return languageView{}
	}
	p := j.LanguageProbability
	return languageView{DetectedLanguage: j.DetectedLanguage, LanguageProbability: &p,
		LanguageWarning: pipeline.LanguageWarning(j.DetectedLanguage, p)}
}

// translationModelName is the translation model's name (whether or not it
// can be used now): the model of the stored translations to look for.
func (s *server) translationModelName() string {
	if s.Translation == nil {
		return ""
	}
	model, _ := s.Translation.CheckTranslation()
	return model
}

// translateModelName is parseASR's model for the translate task: the
// translation model, which the request's model field may name (or an
// OpenAI name, or leave empty); it answers 400 itself for any other model,
// such as the transcription model that cannot translate.
func (s *server) translateModelName(c *gin.Context, requested string) (string, bool) {
	model := s.translationModelName()
	if requested == "" || requested == model || requested == model+".bin" {
		return model, true
	}
	for _, a := range openaiModels {
		if requested == a {
			return model, true
		}
	}
	abortParam(c, http.StatusBadRequest, "unknown_model", "model", fmt.Sprintf(
		"translations on this server are made by model %q only (models that cannot translate are never used for them); leave model empty or send whisper-1", model))
	return "", false
}

// checkTranslationModel is the serve command's check of the translation
// model at start: one that cannot translate is a configuration mistake and
// stops the server; one not downloaded (or damaged) only turns translation
// off until it is pulled, with a warning — each translation request then
// answers 409 saying what to do.
func checkTranslationModel(p *pipeline.Pipeline, log *slog.Logger) error {
	model, err := p.CheckTranslation()
	switch {
	case err == nil:
		return nil
	case errors.Is(err, models.ErrCannotTranslate):
		return fmt.Errorf("--translation-model: %w", err)
	}
	log.Warn("translation model not usable: translations are refused until it is", "translation_model", model, "error", err)
	return nil
}
