package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"
	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/transcribe"
)

// The live endpoints (issue 23): a session transcribes a stream or the
// browser's microphone while the speech is given (package live), and
// becomes an ordinary job when it ends.
//
//	POST /v1/live                    start: {"source_url"} or {"source":"browser"}
//	GET  /v1/live                    the sessions of this server
//	GET  /v1/live/{id}               one session's state
//	GET  /v1/live/{id}/events        SSE: state, captions, draft, quotes, ended
//	GET  /v1/live/{id}/audio         WebSocket: the browser's audio frames
//	GET  /v1/live/{id}/recording     WAV of a stretch (?from=&to=, seconds)
//	PUT  /v1/live/{id}/draft         the draft article
//	POST /v1/live/{id}/stop          stop; answers the transcription job
//
// Sessions live in the server that started them (audio, recognition and
// watchers meet there); behind a load balancer, route /v1/live/{id}… to it.

// liveRoutes mounts the live endpoints: the JSON ones on v1 (keys and the
// cross-site check as every /v1 route), the WebSocket on r with its own
// check (a browser cannot send an Authorization header on a WebSocket).
func (s *server) liveRoutes(r *gin.Engine, v1 *gin.RouterGroup) {
	v1.POST("/live", s.createLive)
	v1.GET("/live", s.listLive)
	v1.GET("/live/:id", s.getLive)
	v1.GET("/live/:id/events", s.liveEvents)
	v1.GET("/live/:id/recording", s.liveRecording)
	v1.PUT("/live/:id/draft", s.putLiveDraft)
	v1.POST("/live/:id/stop", s.stopLive)
	keyAuth := s.auth()
	r.GET("/v1/live/:id/audio", func(c *gin.Context) { s.liveAudio(c, keyAuth) })
}

// liveJSON is a session as the API answers it.
type liveJSON struct {
	live.Info
	// AudioToken authorises the session's audio WebSocket (the answer to
	// POST only: watchers do not get it).
	AudioToken string    `json:"audio_token,omitempty"`
	Links      liveLinks `json:"links"`
}

type liveLinks struct {
	Self   string `json:"self"`
	Events string `json:"events"`
	Audio  string `json:"audio,omitempty"`
	Stop   string `json:"stop"`
	// Transcription is the job the session became.
	Transcription string `json:"transcription,omitempty"`
}

func toLiveJSON(ss *live.Session, info live.Info) liveJSON {
	base := "/v1/live/" + info.ID
	out := liveJSON{Info: info, Links: liveLinks{Self: base, Events: base + "/events", Stop: base + "/stop"}}
	if ss.Browser() {
		out.Links.Audio = base + "/audio"
	}
	if info.JobID != "" {
		out.Links.Transcription = "/v1/transcriptions/" + info.JobID
	}
	return out
}

// liveSession loads the session named by :id, answering 503 (live mode
// off) or 404 itself.
func (s *server) liveSession(c *gin.Context) *live.Session {
	m := s.Newsroom.Live()
	if !m.Enabled() {
		abort(c, failedStatus(errcode.LiveOff), errcode.LiveOff, "live sessions are turned off on this server (--live-sessions 0)")
		return nil
	}
	id := c.Param("id")
	ss, ok := m.Get(id)
	if !ok {
		abort(c, http.StatusNotFound, errcode.NotFound, fmt.Sprintf("no live session with id %q on this server (sessions are kept %s after they end)", id, m.Config().Linger))
		return nil
	}
	return ss
}

// liveRequest is the body of POST /v1/live.
type liveRequest struct {
	// SourceURL is an HLS playlist or an Icecast/HTTP audio stream on a
	// host of --live-allow.
	SourceURL string `json:"source_url"`
	// Source is "browser" for audio sent over the WebSocket ("url" is
	// implied by source_url).
	Source    string `json:"source"`
	ArticleID string `json:"article_id"`
	// Article is the draft's text (with article_id: replaces its body in
	// the session and, at the end, in the article).
	Article     string `json:"article"`
	Language    string `json:"language"`
	Prompt      string `json:"prompt"`
	CallbackURL string `json:"callback_url"`
}

// maxLiveRequest caps POST /v1/live and PUT …/draft: an article is a few KiB.
const maxLiveRequest = 256 << 10

func (s *server) createLive(c *gin.Context) {
	var in liveRequest
	if !bindJSON(c, &in, maxLiveRequest, "live session") {
		return
	}
	req, ok := parseLive(c, in)
	if !ok {
		return
	}
	ss, err := s.Newsroom.StartLive(c.Request.Context(), req)
	if err != nil {
		s.fail(c, err)
		return
	}
	out := toLiveJSON(ss, ss.Info())
	if ss.Browser() {
		out.AudioToken = ss.Token()
	}
	c.Header("Location", out.Links.Self)
	c.JSON(http.StatusCreated, out)
}

// parseLive checks a start request's fields before any session exists,
// answering 400 itself.
func parseLive(c *gin.Context, in liveRequest) (live.Request, bool) {
	bad := func(param, msg string) (live.Request, bool) {
		abortParam(c, http.StatusBadRequest, errcode.InvalidValue, param, msg)
		return live.Request{}, false
	}
	for name, v := range map[string]string{"source_url": in.SourceURL, "article": in.Article, "prompt": in.Prompt} {
		if !utf8.ValidString(v) {
			return bad(name, name+" is not valid UTF-8 text")
		}
	}
	req := live.Request{SourceURL: strings.TrimSpace(in.SourceURL), Draft: in.Article, Prompt: strings.TrimSpace(in.Prompt),
		ArticleID: in.ArticleID, Callback: in.CallbackURL}
	switch {
	case in.Source == "browser" && req.SourceURL == "":
		req.Browser = true
	case in.Source == "browser":
		return bad("source", `give either "source": "browser" (the page's microphone) or a source_url, not both`)
	case in.Source != "" && in.Source != "url":
		return bad("source", fmt.Sprintf(`source must be "browser" or "url", got %q`, in.Source))
	case req.SourceURL == "":
		return bad("source_url", `give a source_url (an HLS playlist or an Icecast/HTTP audio stream) or "source": "browser"`)
	case len(req.SourceURL) > 2048:
		return bad("source_url", "source_url is longer than 2048 bytes")
	}
	req.Language = strings.ToLower(strings.TrimSpace(in.Language))
	switch _, known := transcribe.Languages[req.Language]; {
	case req.Language == "":
		req.Language = "ar"
	case req.Language == "auto":
		return bad("language", "live recognition needs the language said (e.g. ar): detecting it on every pass would change the captions")
	case !known:
		return bad("language", fmt.Sprintf("unknown language %q: want an ISO 639-1 code Whisper knows, e.g. ar", req.Language))
	}
	if len(req.Prompt) > transcribe.MaxPromptBytes {
		return bad("prompt", fmt.Sprintf("prompt is longer than %d bytes (Whisper reads at most %d tokens of it)", transcribe.MaxPromptBytes, transcribe.MaxPromptTokens))
	}
	return req, true
}

func (s *server) listLive(c *gin.Context) {
	data := []liveJSON{}
	if m := s.Newsroom.Live(); m.Enabled() {
		for _, ss := range m.List() {
			data = append(data, toLiveJSON(ss, ss.Info()))
		}
	}
	c.JSON(http.StatusOK, gin.H{"object": "list", "data": data})
}

func (s *server) getLive(c *gin.Context) {
	if ss := s.liveSession(c); ss != nil {
		c.JSON(http.StatusOK, toLiveJSON(ss, ss.Info()))
	}
}

// liveCaptions is the data of a "captions" event: the final words from
// index from on (times in seconds from the session's start), and the whole
// tentative tail, which may change.
type liveCaptions struct {
	From      int               `json:"from"`
	Final     []transcribe.Word `json:"final"`
	Tentative []transcribe.Word `json:"tentative"`
}

// liveEvents streams a session as Server-Sent Events: "state" (the
// session) when it changes, "captions" (liveCaptions; its id is the number
// of finals sent, so a client that reconnects with Last-Event-ID, or
// ?from=N, gets only the finals after those), "draft" ({version, text}),
// "quotes" ({draft_version, quotes}: the draft's quotations with their
// check), then "ended" (the session, with the transcription it became)
// and the end of the stream.
func (s *server) liveEvents(c *gin.Context) {
	ss := s.liveSession(c)
	if ss == nil {
		return
	}
	from := 0
	for _, v := range []string{c.GetHeader("Last-Event-ID"), c.Query("from")} {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			from = n
		}
	}
	ctx := c.Request.Context()
	startEvents(c)
	var (
		captions, quotes int64 = -1, -1
		draftV                 = -1
		status           live.Status
		keep             = time.NewTicker(eventsKeepAlive)
	)
	defer keep.Stop()
	for {
		snap := ss.Snapshot(from)
		in := snap.Info
		if in.Status != status {
			status = in.Status
			if sendEvent(c, "state", toLiveJSON(ss, in)) != nil {
				return
			}
		}
		if snap.Captions != captions || snap.FinalsTotal != from {
			captions = snap.Captions
			if sendEventID(c, "captions", strconv.Itoa(snap.FinalsTotal), liveCaptions{From: snap.FinalsFrom, Final: snap.Finals, Tentative: snap.Tentative}) != nil {
				return
			}
			from = snap.FinalsTotal
		}
		if in.DraftVersion != draftV {
			draftV = in.DraftVersion
			if sendEvent(c, "draft", gin.H{"version": draftV, "text": snap.Draft}) != nil {
				return
			}
		}
		if snap.QuotesVersion != quotes {
			quotes = snap.QuotesVersion
			if sendEvent(c, "quotes", gin.H{"draft_version": draftV, "quotes": snap.Quotes}) != nil {
				return
			}
		}
		if !in.Status.Active() {
			sendEvent(c, "ended", toLiveJSON(ss, in))
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-snap.Changed:
		case <-keep.C:
			if _, err := fmt.Fprint(c.Writer, ": keep-alive\n\n"); err != nil {
				return
			}
			c.Writer.Flush()
		}
	}
}

// sendEventID is sendEvent with an id line (the client's Last-Event-ID).
func sendEventID(c *gin.Context, event, id string, v any) error {
	if _, err := fmt.Fprintf(c.Writer, "id: %s\n", id); err != nil {
		return err
	}
	return sendEvent(c, event, v)
}

// maxRecordingSpan is the longest stretch GET …/recording serves (a caption
// is seconds long).
const maxRecordingSpan = 60.0

// liveRecording serves a stretch of the session's recording as WAV: what
// the page plays when a caption is clicked, while the session runs.
func (s *server) liveRecording(c *gin.Context) {
	ss := s.liveSession(c)
	if ss == nil {
		return
	}
	from, err1 := strconv.ParseFloat(c.Query("from"), 64)
	to, err2 := strconv.ParseFloat(c.Query("to"), 64)
	if err1 != nil || err2 != nil || from < 0 || to <= from || to-from > maxRecordingSpan {
		abort(c, http.StatusBadRequest, errcode.BadRequest, fmt.Sprintf("from and to are seconds from the session's start, from < to, at most %.0f s apart", maxRecordingSpan))
		return
	}
	b, err := ss.Audio(from, to)
	if err != nil {
		abort(c, http.StatusConflict, errcode.NotLive, "the session has ended and its recording went to its transcription job: "+err.Error())
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(http.StatusOK, "audio/wav", b)
}

func (s *server) putLiveDraft(c *gin.Context) {
	ss := s.liveSession(c)
	if ss == nil {
		return
	}
	var in struct {
		Text        string `json:"text"`
		BaseVersion *int   `json:"base_version"`
	}
	if !bindJSON(c, &in, maxLiveRequest, "draft") {
		return
	}
	if !utf8.ValidString(in.Text) {
		abortParam(c, http.StatusBadRequest, errcode.InvalidValue, "text", "text is not valid UTF-8")
		return
	}
	base := -1
	if in.BaseVersion != nil {
		base = *in.BaseVersion
	}
	v, err := ss.SetDraft(in.Text, base)
	switch {
	case errors.Is(err, live.ErrDraftConflict):
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{"error": errorBody{Code: errcode.Conflict, Type: errorType(http.StatusConflict),
			Message: fmt.Sprintf("the draft was changed meanwhile (now version %d); reload it and edit again", v)}, "version": v})
		return
	case errors.Is(err, live.ErrEnded):
		abort(c, http.StatusConflict, errcode.NotLive, "the session has ended; edit the article instead")
		return
	case err != nil:
		s.internal(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"version": v})
}

// stopWait bounds how long POST …/stop waits for the last pass and the
// hand-over to the queue.
const stopWait = 2 * time.Minute

// stopLive stops a session and answers the transcription job it became
// (202, the job as GET /v1/transcriptions/{id} shows it).
func (s *server) stopLive(c *gin.Context) {
	ss := s.liveSession(c)
	if ss == nil {
		return
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), stopWait)
	defer cancel()
	info, err := ss.Stop(ctx)
	if err != nil {
		abort(c, http.StatusGatewayTimeout, errcode.Timeout, "the session is still finishing; follow it at "+toLiveJSON(ss, info).Links.Self)
		return
	}
	if info.JobID == "" {
		abort(c, http.StatusConflict, errcode.LiveFailed, "the session ended without a transcription: "+info.Error)
		return
	}
	j, err := s.Store.Job(c.Request.Context(), info.JobID)
	if err != nil {
		s.internal(c, err)
		return
	}
	c.Header("Location", "/v1/transcriptions/"+j.ID)
	c.JSON(http.StatusAccepted, toJobJSON(j))
}

// liveAudio is the browser's audio WebSocket (package live's frame
// protocol: binary frames in, hello/ack text messages out). It needs the
// session's audio_token (?token=) or an API key, and, from a browser, an
// Origin of this server (or --public-url): a page on another site cannot
// open it with the user's network position.
func (s *server) liveAudio(c *gin.Context, keyAuth gin.HandlerFunc) {
	ss := s.liveSession(c)
	if ss == nil {
		return
	}
	if !ss.Browser() {
		abort(c, http.StatusConflict, errcode.NotBrowser, "this session reads a stream; it takes no audio from a browser")
		return
	}
	if !ss.CheckToken(c.Query("token")) {
		if len(s.APIKeys) == 0 || c.GetHeader("Authorization") == "" {
			abort(c, http.StatusUnauthorized, errcode.Unauthorized, "the audio connection needs the session's audio_token (?token=…, from POST /v1/live) or an API key")
			return
		}
		if keyAuth(c); c.IsAborted() {
			return
		}
	}
	opts := &websocket.AcceptOptions{}
	if u, err := url.Parse(s.PublicURL); err == nil && u.Host != "" {
		opts.OriginPatterns = []string{u.Host}
	}
	conn, err := websocket.Accept(c.Writer, c.Request, opts)
	if err != nil {
		return // Accept answered (403 for a foreign Origin, 426 without Upgrade)
	}
	defer conn.CloseNow()
	conn.SetReadLimit(live.FrameHeader + 2*live.MaxFrameSamples + 64)
	ctx := c.Request.Context()
	send := func(m live.Control) error {
		b, _ := json.Marshal(m)
		wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		return conn.Write(wctx, websocket.MessageText, b)
	}
	next, replaced, detach, err := ss.Attach()
	if err != nil {
		_ = send(live.Control{Type: "end", Message: err.Error()})
		conn.Close(websocket.StatusNormalClosure, "session ended")
		return
	}
	defer detach()
	if send(live.Control{Type: "hello", Next: next}) != nil {
		return
	}
	go func() {
		select {
		case <-replaced:
			conn.Close(websocket.StatusGoingAway, "replaced by a newer connection")
		case <-ss.Done():
			_ = send(live.Control{Type: "end", Message: "the session has ended"})
			conn.Close(websocket.StatusNormalClosure, "session ended")
		case <-ctx.Done():
		}
	}()
	buf := make([]float32, live.MaxFrameSamples)
	for {
		typ, b, err := conn.Read(ctx)
		if err != nil {
			return
		}
		if typ != websocket.MessageBinary {
			conn.Close(websocket.StatusUnsupportedData, "send audio frames as binary messages")
			return
		}
		f, err := live.ParseFrame(b, buf)
		if err != nil {
			_ = send(live.Control{Type: "error", Message: err.Error()})
			conn.Close(websocket.StatusInvalidFramePayloadData, "bad frame")
			return
		}
		n, err := ss.Frame(f)
		switch {
		case errors.Is(err, live.ErrFrameGap):
			_ = send(live.Control{Type: "error", Next: n, Message: err.Error()})
			conn.Close(websocket.StatusPolicyViolation, "frames missing")
			return
		case err != nil:
			_ = send(live.Control{Type: "end", Next: n, Message: err.Error()})
			conn.Close(websocket.StatusNormalClosure, "session ended")
			return
		}
		if send(live.Control{Type: "ack", Next: n}) != nil {
			return
		}
	}
}
