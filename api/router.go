// Package api is newsscribe's HTTP service: durable transcription jobs, an
// OpenAI-compatible synchronous endpoint, articles with aligned transcripts,
// health, readiness and Prometheus metrics. NewRouter builds the gin engine
// from its dependencies so that every handler is tested with httptest; Serve
// (server.go) runs it with graceful shutdown.
package api

import (
	"cmp"
	"context"
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/oneline"
	"github.com/newsscribe/newsscribe/newsroom"
	"github.com/newsscribe/newsscribe/store"
)

// Defaults of Deps, each stated once here.
const (
	// DefaultMaxUpload is the largest accepted request body: 1 GiB.
	DefaultMaxUpload int64 = 1 << 30
	// DefaultBodyIdleTimeout ends a request whose body sends nothing for
	// this long.
	DefaultBodyIdleTimeout = 30 * time.Second
	// DefaultMinUploadRate is the slowest mean rate of a request body, in
	// bytes per second.
	DefaultMinUploadRate = 1 << 10
)

// Deps are the router's dependencies. The zero value of every field but
// Newsroom is its default.
type Deps struct {
	// Newsroom runs the use cases; its store is what the handlers read.
	// Required.
	Newsroom *newsroom.Newsroom
	// EngineReady reports whether the speech model is loaded (for /readyz).
	EngineReady func() bool
	// Segments delivers decoded segments to streaming requests (the same hub
	// is the worker's SegmentSink); nil streams each transcript when done.
	Segments *newsroom.SegmentHub
	// Metrics is registered on /metrics; nil disables the endpoint.
	Metrics *Metrics
	// APIKeys, when not empty, are the accepted bearer tokens for /v1; an
	// entry "NAME:KEY" names its key (see auth).
	APIKeys []string
	// MaxUpload is the largest accepted request body in bytes. Defaults to
	// DefaultMaxUpload.
	MaxUpload int64
	// DefaultModel names the model jobs use when the request names none.
	DefaultModel string
	// Logger defaults to slog.Default().
	Logger *slog.Logger
	// Share signs the links of POST /v1/transcriptions/{id}/share; nil
	// answers that endpoint 503.
	Share Signer
	// Mount, when set, is called with the router to add more routes (the web
	// page); they are public.
	Mount func(r *gin.Engine)
	// PublicURL is the server's public URL (publicurl.Parse): its origin is trusted as
	// the newsroom page's by the cross-site check, and it is the root of
	// the share links the API returns.
	PublicURL string
	// TrustProxy, without PublicURL, builds those links from a reverse
	// proxy's X-Forwarded-Proto and X-Forwarded-Host. Defaults to false.
	TrustProxy bool
	// PublicMetrics serves /metrics and /v1/openapi.json without a key when
	// APIKeys are set. Defaults to false.
	PublicMetrics bool
	// BodyIdleTimeout and MinUploadRate bound how slowly a request body may
	// arrive: nothing for BodyIdleTimeout, or below MinUploadRate bytes per
	// second after it, is 408. Default to DefaultBodyIdleTimeout and
	// DefaultMinUploadRate; a negative MinUploadRate turns the rate off.
	BodyIdleTimeout time.Duration
	MinUploadRate   int64
}

type server struct {
	Deps
	// Store is the newsroom's store, which the handlers read.
	Store   *store.Store
	log     *slog.Logger
	started time.Time // the "created" time of GET /v1/models
}

// NewRouter returns the service's gin engine.
func NewRouter(d Deps) *gin.Engine {
	d.MaxUpload = cmp.Or(d.MaxUpload, DefaultMaxUpload)
	d.Logger = cmp.Or(d.Logger, slog.Default())
	d.BodyIdleTimeout = cmp.Or(d.BodyIdleTimeout, DefaultBodyIdleTimeout)
	d.MinUploadRate = cmp.Or(d.MinUploadRate, DefaultMinUploadRate)
	if d.EngineReady == nil {
		d.EngineReady = func() bool { return false }
	}
	s := &server{Deps: d, Store: d.Newsroom.Store(), log: d.Logger, started: time.Now()}
	r := gin.New()
	// No proxy is trusted for client addresses unless configured in front.
	_ = r.SetTrustedProxies(nil)
	r.Use(s.recoverer(), s.accessLog(), secureHeaders(), s.bodyDeadline())
	r.HandleMethodNotAllowed = true
	r.NoRoute(func(c *gin.Context) { abort(c, http.StatusNotFound, errcode.NotFound, "no such endpoint") })
	r.NoMethod(func(c *gin.Context) {
		abort(c, http.StatusMethodNotAllowed, errcode.MethodNotAllowed, "method not allowed on this endpoint")
	})

	r.GET("/healthz", s.healthz)
	r.GET("/readyz", s.readyz)
	// /metrics and the OpenAPI document need a key like /v1 unless
	// PublicMetrics says otherwise (issue 9).
	meta := r.Group("/")
	if !d.PublicMetrics {
		meta.Use(s.auth())
	}
	if d.Metrics != nil {
		meta.GET("/metrics", gin.WrapH(d.Metrics.Handler()))
	}
	meta.GET("/v1/openapi.json", s.openapi)

	v1 := r.Group("/v1", s.auth(), s.crossOrigin())
	v1.POST("/transcriptions", s.idempotency(), s.createTranscription)
	v1.GET("/transcriptions", s.listTranscriptions)
	v1.GET("/transcriptions/:id", s.getTranscription)
	v1.DELETE("/transcriptions/:id", s.cancelTranscription)
	v1.GET("/transcriptions/:id/transcript", s.getTranscript)
	v1.POST("/transcriptions/:id/translation", s.createTranslation)
	v1.POST("/transcriptions/:id/share", s.createShare)
	v1.GET("/transcriptions/:id/alignment", s.getAlignment)
	v1.GET("/transcriptions/:id/audio", s.getJobAudio)
	v1.GET("/transcriptions/:id/webhooks", s.listWebhooks)
	v1.GET("/transcriptions/:id/events", s.jobEvents)
	v1.POST("/audio/transcriptions", s.openaiAudio(store.TaskTranscribe))
	v1.POST("/audio/translations", s.openaiAudio(store.TaskTranslate))
	v1.GET("/models", s.listModels)
	v1.GET("/models/:id", s.getModel)

	v1.POST("/articles", s.idempotency(), s.createArticle)
	v1.GET("/articles", s.listArticles)
	v1.GET("/articles/:id", s.getArticle)
	v1.PUT("/articles/:id", s.updateArticle)
	v1.DELETE("/articles/:id", s.deleteArticle)
	v1.POST("/articles/:id/audio", s.idempotency(), s.uploadArticleAudio)
	v1.GET("/articles/:id/audio", s.getArticleAudio)
	v1.GET("/articles/:id/transcript", s.getArticleTranscript)

	// The workspace (issue 14): transcript revisions, search, library, import.
	v1.PATCH("/transcriptions/:id/transcript", s.patchTranscript)
	v1.GET("/transcriptions/:id/transcript/revisions", s.listRevisions)
	v1.GET("/transcriptions/:id/transcript/revisions/:rev", s.getRevision)
	v1.POST("/transcriptions/:id/transcript/revert", s.revertTranscript)
	v1.PUT("/transcriptions/:id/article", s.attachArticle)
	v1.DELETE("/transcriptions/:id/article", s.detachArticle)
	v1.GET("/search", s.search)
	v1.POST("/imports", s.idempotency(), s.importTranscript)

	// Clips (issue 15): audio clips and captioned videos of a done job.
	v1.POST("/transcriptions/:id/clips", s.idempotency(), s.createClip)
	v1.GET("/transcriptions/:id/clips", s.listClips)
	v1.GET("/transcriptions/:id/clips/:clip_id", s.getClip)
	v1.GET("/transcriptions/:id/clips/:clip_id/file", s.getClipFile)

	// Live sessions (issue 23): a speech transcribed while it is given.
	s.liveRoutes(r, v1)

	// Public routes outside /v1 and its keys: the serve command mounts the
	// newsroom page and the embed (web.Register with the store as its
	// Source) through Mount, which keeps this router — and the OpenAPI
	// document checked against it — the API's own.
	if d.Mount != nil {
		d.Mount(r)
	}
	return r
}

// apiError is the body of every error answer, in OpenAI's shape so that
// OpenAI SDKs surface it: {"error": {"message", "type", "param", "code"}}.
type apiError struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Message string `json:"message"`
	// Type is OpenAI's error class: invalid_request_error for a 4xx the
	// client can fix, authentication_error, rate_limit_error, server_error.
	Type string `json:"type"`
	// Param names the request parameter at fault; null when none is.
	Param *string      `json:"param"`
	Code  errcode.Code `json:"code"`
}

// errorType is OpenAI's error type for an HTTP status.
func errorType(status int) string {
	switch {
	case status == http.StatusUnauthorized:
		return "authentication_error"
	case status == http.StatusTooManyRequests:
		return "rate_limit_error"
	case status >= 500:
		return "server_error"
	}
	return "invalid_request_error"
}

// abort answers with the JSON error envelope. message must be one line and
// must not contain internal paths.
func abort(c *gin.Context, status int, code errcode.Code, message string) {
	c.AbortWithStatusJSON(status, apiError{errorBody{Code: code, Type: errorType(status), Message: oneline.Fold(message)}})
}

// abortParam is abort for an error caused by one request parameter.
func abortParam(c *gin.Context, status int, code errcode.Code, param, message string) {
	c.AbortWithStatusJSON(status, apiError{errorBody{Code: code, Type: errorType(status), Param: &param, Message: oneline.Fold(message)}})
}

// internal logs err and answers 500 without its details.
func (s *server) internal(c *gin.Context, err error) {
	if errors.Is(err, context.Canceled) {
		abort(c, 499, errcode.Canceled, "request canceled")
		return
	}
	s.log.Error("internal error", "method", c.Request.Method, "path", c.FullPath(), "error", err)
	abort(c, http.StatusInternalServerError, errcode.Internal, "internal error; the server log has details")
}

func (s *server) recoverer() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("panic in handler", "path", c.FullPath(), "panic", v)
				abort(c, http.StatusInternalServerError, errcode.Internal, "internal error; the server log has details")
			}
		}()
		c.Next()
	}
}

func (s *server) accessLog() gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Next()
		s.log.Debug("request", "method", c.Request.Method, "path", c.Request.URL.Path, "status", c.Writer.Status())
	}
}

// auth accepts `Authorization: Bearer KEY` (what OpenAI SDKs send) when keys
// are configured. An entry "NAME:KEY" names its key (the author of the
// transcript corrections made with it); a bare KEY is named key1, key2… by
// its place in the list.
func (s *server) auth() gin.HandlerFunc {
	type apiKey struct {
		name   string
		secret []byte
	}
	keys := make([]apiKey, 0, len(s.APIKeys))
	for i, k := range s.APIKeys {
		name, secret, ok := strings.Cut(k, ":")
		if !ok {
			name, secret = "key"+strconv.Itoa(i+1), k
		}
		if secret != "" {
			keys = append(keys, apiKey{strings.TrimSpace(name), []byte(secret)})
		}
	}
	return func(c *gin.Context) {
		if len(keys) == 0 {
			return
		}
		h := c.GetHeader("Authorization")
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			c.Header("WWW-Authenticate", `Bearer realm="newsscribe"`)
			abort(c, http.StatusUnauthorized, errcode.Unauthorized, "missing API key: send Authorization: Bearer <key>")
			return
		}
		for _, k := range keys {
			if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(tok)), k.secret) == 1 {
				c.Set(keyNameContext, k.name)
				return
			}
		}
		c.Header("WWW-Authenticate", `Bearer realm="newsscribe", error="invalid_token"`)
		abort(c, http.StatusUnauthorized, errcode.Unauthorized, "invalid API key")
	}
}

// keyNameContext is the gin context key of the name of the request's API key.
const keyNameContext = "newsscribe.api_key_name"

func (s *server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
}

func (s *server) readyz(c *gin.Context) {
	checks := gin.H{}
	ready := true
	if s.EngineReady() {
		checks["model"] = "loaded"
	} else {
		checks["model"] = "not loaded"
		ready = false
	}
	if err := s.Store.Blobs.Writable(); err != nil {
		s.log.Warn("readyz: storage not writable", "error", err)
		checks["storage"] = "not writable"
		ready = false
	} else {
		checks["storage"] = "writable"
	}
	if err := s.Store.Ping(c.Request.Context()); err != nil {
		s.log.Warn("readyz: database", "error", err)
		checks["database"] = "unreachable"
		ready = false
	} else {
		checks["database"] = "ok"
	}
	status := http.StatusOK
	checks["status"] = "ready"
	if !ready {
		status = http.StatusServiceUnavailable
		checks["status"] = "not ready"
	}
	c.JSON(status, checks)
}
