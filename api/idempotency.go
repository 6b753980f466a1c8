package api

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/store"
)

// idempotencyWait is how long a repeated request waits for the first one
// (an upload may take a while) before answering 409.
const idempotencyWait = 2 * time.Minute

// idempotency makes a POST with an `Idempotency-Key` header happen once:
// the first request is served and its answer stored (for 24 hours); a
// repeat with the same key, method, path and API key gets the same answer
// (with `Idempotent-Replayed: true`) without doing anything, waiting for the
// first when it is still running. A first request that fails with a server
// error releases the key. Without the header nothing changes.
func (s *server) idempotency() gin.HandlerFunc {
	return func(c *gin.Context) {
		raw := strings.TrimSpace(c.GetHeader("Idempotency-Key"))
		if raw == "" {
			return
		}
		if len(raw) > 200 {
			abort(c, http.StatusBadRequest, errcode.BadRequest, "Idempotency-Key is at most 200 characters")
			return
		}
		who, _ := c.Get(keyNameContext)
		key := c.Request.Method + " " + c.Request.URL.Path + " " + toString(who) + " " + raw
		ctx := c.Request.Context()
		_ = s.Store.ExpireIdempotencyKeys(ctx, 24*time.Hour)
		deadline := time.Now().Add(idempotencyWait)
		for {
			first, ans, err := s.Store.ClaimIdempotencyKey(ctx, key)
			if err != nil {
				s.internal(c, err)
				return
			}
			if first {
				break
			}
			if ans.Status != 0 {
				if ans.Location != "" {
					c.Header("Location", ans.Location)
				}
				c.Header("Idempotent-Replayed", "true")
				c.Data(ans.Status, "application/json; charset=utf-8", []byte(ans.Body))
				c.Abort()
				return
			}
			if time.Now().After(deadline) {
				abort(c, http.StatusConflict, errcode.InProgress, "a request with this Idempotency-Key is still being served; retry later")
				return
			}
			select {
			case <-ctx.Done():
				abort(c, 499, errcode.Canceled, "request canceled")
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
		rec := &recordingWriter{ResponseWriter: c.Writer}
		c.Writer = rec
		c.Next()
		bg := context.WithoutCancel(ctx)
		status := rec.Status()
		if status >= 500 || status == 499 {
			_ = s.Store.ReleaseIdempotencyKey(bg, key)
			return
		}
		if err := s.Store.StoreIdempotentAnswer(bg, key, store.IdempotentAnswer{Status: status, Body: rec.buf.String(),
			Location: rec.Header().Get("Location")}); err != nil {
			s.log.Error("idempotent answer not stored", "error", err)
		}
	}
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}

// recordingWriter keeps a copy of the body written through it.
type recordingWriter struct {
	gin.ResponseWriter
	buf bytes.Buffer
}

func (w *recordingWriter) Write(b []byte) (int, error) {
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

func (w *recordingWriter) WriteString(s string) (int, error) {
	w.buf.WriteString(s)
	return w.ResponseWriter.WriteString(s)
}
