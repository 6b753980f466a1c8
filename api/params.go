package api

import (
	"fmt"
	"math"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/api/openai"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/transcribe"
)

// modelName resolves a requested model to the server's, or reports false.
// Accepted: empty, the server's name as /v1/models shows it (also with
// ".bin", the file name of a model given by path), and OpenAI's names.
func (s *server) modelName(m string) (string, bool) {
	if m == "" || m == s.DefaultModel || m == s.DefaultModel+".bin" {
		return s.DefaultModel, true
	}
	for _, a := range openai.Aliases {
		if m == a {
			return s.DefaultModel, true
		}
	}
	return "", false
}

// submission is the submission of upload u for task: its recognition
// fields — model, language, prompt, temperature — validated before any job
// exists, and its callback_url. It answers 400 itself (OpenAI's error
// shape, naming the parameter) and returns false.
func (s *server) submission(c *gin.Context, u *upload, task string) (newsroom.Submission, bool) {
	r, ok := s.parseASR(c, u, task)
	if !ok {
		return newsroom.Submission{}, false
	}
	return newsroom.Submission{
		Upload:      newsroom.Upload{SHA256: u.sha, Size: u.size, Filename: u.filename, Duration: u.duration},
		Recognition: r, CallbackURL: u.field("callback_url"),
	}, true
}

// parseASR validates the recognition fields of u — model, language, prompt,
// temperature — for task, before any job exists. It answers 400 itself
// (OpenAI's error shape, naming the parameter) and returns false.
func (s *server) parseASR(c *gin.Context, u *upload, task string) (newsroom.Recognition, bool) {
	r := newsroom.Recognition{Task: task}
	bad := func(param, msg string) (newsroom.Recognition, bool) {
		abortParam(c, http.StatusBadRequest, errcode.InvalidValue, param, msg)
		return newsroom.Recognition{}, false
	}
	for name, vs := range u.fields {
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return bad(name, fmt.Sprintf("form field %q is not valid UTF-8 text: send it UTF-8 encoded", name))
			}
		}
	}
	model, ok := s.modelName(u.field("model"))
	if !ok {
		abortParam(c, http.StatusBadRequest, errcode.UnknownModel, "model", fmt.Sprintf(
			"this server transcribes with model %q only (GET /v1/models lists it and its aliases %s); leave model empty or send one of those",
			s.DefaultModel, strings.Join(openai.Aliases, ", ")))
		return newsroom.Recognition{}, false
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
		abortParam(c, http.StatusBadRequest, errcode.InvalidValue, name, fmt.Sprintf("%s must be true or false, not %q", name, s))
		return false, false
	}
	return v, true
}

// PublicModelName is the name clients see for the model configured as model:
// a registry name as it is, a file path by its base name without ".bin", so
// that responses never reveal the server's directories.
func PublicModelName(model string) string {
	if !strings.ContainsRune(model, filepath.Separator) && !strings.HasSuffix(model, ".bin") {
		return model
	}
	return strings.TrimSuffix(filepath.Base(model), ".bin")
}
