package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
	"github.com/newsscribe/newsscribe/transcribe"
)

// createTranslation answers POST /v1/transcriptions/{id}/translation: it
// queues Whisper's translate task over the job's recording as a job of its
// own (or joins the one already made) and answers it, 202 while it runs,
// 200 when the translation exists.
func (s *server) createTranslation(c *gin.Context) {
	j := s.job(c)
	if j == nil {
		return
	}
	tj, isNew, err := s.Newsroom.Translate(c.Request.Context(), j)
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
			abort(c, http.StatusNotFound, errcode.NoTranslation,
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
