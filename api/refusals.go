package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/newsroom"
)

// codeStatus is the HTTP status of each error code a use case refuses
// with, and a failed job is stored with; a code not here is the server's
// fault (500).
var codeStatus = map[errcode.Code]int{
	errcode.BadRequest:         http.StatusBadRequest,
	errcode.InvalidValue:       http.StatusBadRequest,
	errcode.MissingParameter:   http.StatusBadRequest,
	errcode.NoArticle:          http.StatusBadRequest,
	errcode.NoTranslation:      http.StatusBadRequest,
	errcode.NoSpeech:           http.StatusBadRequest,
	errcode.AlreadyTranslation: http.StatusBadRequest,
	errcode.NotFound:           http.StatusNotFound,
	errcode.Conflict:           http.StatusConflict,
	errcode.NotFinished:        http.StatusConflict,
	errcode.QueueFull:          http.StatusTooManyRequests,
	errcode.BadEdit:            http.StatusUnprocessableEntity,
	errcode.BadSpeaker:         http.StatusUnprocessableEntity,
	errcode.BadTranscript:      http.StatusUnprocessableEntity,
	// Uploads that are not usable audio, refused before a job exists or
	// failing the job at once.
	errcode.NotAudio:    http.StatusUnsupportedMediaType,
	errcode.Unsupported: http.StatusUnsupportedMediaType,
	errcode.Corrupt:     http.StatusUnprocessableEntity,
	errcode.TooLong:     http.StatusUnprocessableEntity,
	errcode.Empty:       http.StatusUnprocessableEntity,
	// Live sessions.
	errcode.LiveOff:           http.StatusServiceUnavailable,
	errcode.NotReady:          http.StatusServiceUnavailable,
	errcode.LiveFull:          http.StatusTooManyRequests,
	errcode.SourceNotAllowed:  http.StatusForbidden,
	errcode.SourceUnreachable: http.StatusBadGateway,
	errcode.SourceUnusable:    http.StatusUnprocessableEntity,
}

// retryAfter is the Retry-After header, in seconds, of a refusal that
// passes: a full queue or live server, an engine still loading.
var retryAfter = map[errcode.Code]string{errcode.QueueFull: "60", errcode.LiveFull: "60", errcode.NotReady: "10"}

// failedStatus is the HTTP status of an error code: a refusal's, or a
// failed job's (500 for the server's own failures, as timeout).
func failedStatus(code errcode.Code) int {
	if s, ok := codeStatus[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// fail answers err from a use case: a refusal (*newsroom.Error) with its
// code's status, naming its parameter; a stale correction with the
// current revision (conflict); anything else 500.
func (s *server) fail(c *gin.Context, err error) {
	var (
		e     *newsroom.Error
		stale *newsroom.StaleError
	)
	switch {
	case errors.As(err, &e):
		status := failedStatus(e.Code)
		if secs, ok := retryAfter[e.Code]; ok {
			c.Header("Retry-After", secs)
		}
		if e.Param != "" {
			abortParam(c, status, e.Code, e.Param, e.Msg)
			return
		}
		abort(c, status, e.Code, e.Msg)
	case errors.As(err, &stale):
		s.conflict(c, c.Param("id"), stale)
	default:
		s.internal(c, err)
	}
}
