package api

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/store"
)

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

// translateModelName is parseASR's model for the translate task: the
// translation model, which the request's model field may name (or an
// OpenAI name, or leave empty); it answers 400 itself for any other model,
// such as the transcription model that cannot translate.
func (s *server) translateModelName(c *gin.Context, requested string) (string, bool) {
	model := s.Newsroom.TranslationModel()
	if selects(requested, model) {
		return model, true
	}
	abortParam(c, http.StatusBadRequest, errcode.UnknownModel, "model", fmt.Sprintf(
		"translations on this server are made by model %q only (models that cannot translate are never used for them); leave model empty or send whisper-1", model))
	return "", false
}
