package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// translationRequest is the translate task over job j's recording: the
// same audio, model, language and temperature, without the prompt (an
// Arabic prompt pulls Whisper's output back towards Arabic). Its ASR key
// is where the English transcript is kept, beside the Arabic one.
func translationRequest(j *store.Job) asrRequest {
	return asrRequest{Model: j.Model, Language: j.Language, Task: store.TaskTranslate, Temperature: j.Temperature}
}

// createTranslation answers POST /v1/transcriptions/{id}/translation: it
// queues Whisper's translate task over the job's recording as a job of its
// own (or joins the one already made) and answers it, 202 while it runs,
// 200 when the translation exists.
func (s *server) createTranslation(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	if j.Task == store.TaskTranslate {
		abort(c, http.StatusBadRequest, "already_translation", "this job is a translation already; its transcript is the English text")
		return
	}
	if !j.HasRecording() {
		abort(c, http.StatusConflict, "no_recording", "this transcription was imported without its recording: there is no speech to translate")
		return
	}
	u := &upload{sha: j.AudioSHA256, size: j.AudioBytes, filename: j.Filename, duration: j.Duration, hasFile: true}
	tj, isNew, err := s.submit(c, u, translationRequest(j), "", "")
	s.answerSubmit(c, tj, isNew, err)
}

// translation returns the English machine translation of job j, marked
// as such, or answers itself: 404 when none was asked for, 409 while it runs.
func (s *server) translation(c *gin.Context, j *store.Job) *transcribe.Transcript {
	key := store.TranslationKey(j)
	t, err := s.Store.Transcript(c.Request.Context(), key)
	if errors.Is(err, store.ErrNotFound) {
		tj, jerr := s.Store.JobByDedupKey(c.Request.Context(), store.DedupKey(key, "", ""))
		switch {
		case jerr == nil:
			notDone(c, tj)
		case errors.Is(jerr, store.ErrNotFound):
			abort(c, http.StatusNotFound, "no_translation",
				"this recording has no English translation yet: POST /v1/transcriptions/"+j.ID+"/translation to make one")
		default:
			s.internal(c, jerr)
		}
		return nil
	}
	if err != nil {
		s.internal(c, err)
		return nil
	}
	t.MachineTranslation = true
	return t
}

// translateTask is the task field of a job's JSON: "translate", or "" for
// a transcription.
func translateTask(task string) string {
	if task == store.TaskTranslate {
		return task
	}
	return ""
}
