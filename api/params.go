package api

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// asrRequest are an upload's recognition parameters after validation.
type asrRequest struct {
	// Model is the server's model name (aliases resolved).
	Model string
	// Language is a code of transcribe.Languages or "auto". Defaults to "ar".
	Language string
	Prompt   string
	// Task is store.TaskTranscribe or store.TaskTranslate.
	Task string
	// Temperature is in [0, 1].
	Temperature float64
	// created, when set, is called with the id of a new job before it is
	// queued (the streaming answer subscribes to its segments there).
	created func(jobID string)
}

// openaiModels are OpenAI's audio model names; they select this server's
// model, so that OpenAI SDK clients work unchanged. GET /v1/models lists
// them after the server's own model.
var openaiModels = []string{"whisper-1", "gpt-4o-transcribe", "gpt-4o-mini-transcribe"}

// modelName resolves a requested model to the server's, or reports false.
// Accepted: empty, the server's name as /v1/models shows it (also with
// ".bin", the file name of a model given by path), and OpenAI's names.
func (s *server) modelName(m string) (string, bool) {
	if m == "" || m == s.DefaultModel || m == s.DefaultModel+".bin" {
		return s.DefaultModel, true
	}
	for _, a := range openaiModels {
		if m == a {
			return s.DefaultModel, true
		}
	}
	return "", false
}

// parseASR validates the recognition fields of u — model, language, prompt,
// temperature — for task, before any job exists. It answers 400 itself
// (OpenAI's error shape, naming the parameter) and returns false.
func (s *server) parseASR(c *gin.Context, u *upload, task string) (asrRequest, bool) {
	r := asrRequest{Task: task}
	bad := func(param, msg string) (asrRequest, bool) {
		abortParam(c, http.StatusBadRequest, "invalid_value", param, msg)
		return asrRequest{}, false
	}
	for name, vs := range u.fields {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return bad(name, fmt.Sprintf("form field %q is not valid UTF-8 text: send it UTF-8 encoded", name))
			}
		}
	}
	model, ok := s.modelName(u.field("model"))
	if task == store.TaskTranslate {
		if model, ok = s.translateModelName(c, u.field("model")); !ok {
			return asrRequest{}, false
		}
	}
	if !ok {
		abortParam(c, http.StatusBadRequest, "unknown_model", "model", fmt.Sprintf(
			"this server transcribes with model %q only (GET /v1/models lists it and its aliases %s); leave model empty or send one of those",
			s.DefaultModel, strings.Join(openaiModels, ", ")))
		return asrRequest{}, false
	}
	r.Model = model
	r.Language = strings.ToLower(u.field("language"))
	switch _, known := transcribe.Languages[r.Language]; {
	case r.Language == "":
		r.Language = "ar"
	case r.Language == "auto" || known:
	default:
		return bad("language", fmt.Sprintf("language %q is not one Whisper knows: send an ISO 639-1 code such as ar or en, or auto to detect it", u.field("language")))
	}
	r.Prompt = u.field("prompt")
	if n := len(r.Prompt); n > transcribe.MaxPromptBytes {
		return bad("prompt", fmt.Sprintf("prompt is %d bytes; Whisper reads at most %d tokens of prompt (about 1 KB of text), so the limit is %d bytes: send the names and rare words that matter, or the last sentence",
			n, transcribe.MaxPromptTokens, transcribe.MaxPromptBytes))
	}
	if v := u.field("temperature"); v != "" {
		t, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(t) || t < 0 || t > 1 {
			return bad("temperature", fmt.Sprintf("temperature %q must be a number from 0 to 1 (0, the default, starts greedy and falls back to higher temperatures when a window decodes badly)", v))
		}
		r.Temperature = t
	}
	return r, true
}

// boolField parses an optional true/false form field; it answers 400 itself.
func boolField(c *gin.Context, u *upload, name string) (v, ok bool) {
	s := u.field(name)
	if s == "" {
		return false, true
	}
	v, err := strconv.ParseBool(s)
	if err != nil {
		abortParam(c, http.StatusBadRequest, "invalid_value", name, fmt.Sprintf("%s must be true or false, not %q", name, s))
		return false, false
	}
	return v, true
}
