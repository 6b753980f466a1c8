package live

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/webhook"
)

// Sources configures where a live stream may be read from. The zero value
// allows no stream (the browser's microphone still works).
type Sources struct {
	// Allow are the hosts streams may come from: "radio.example.com" (that
	// host, any port), "radio.example.com:8000" (that port only) or
	// "*.example.com" (its subdomains). A URL elsewhere is refused before
	// any connection. Empty: no stream is allowed.
	Allow []string
	// AllowPrivate lets streams come from loopback, private and link-local
	// addresses (a stream on the newsroom's own network). Defaults to
	// false: every connection's address is checked as webhooks' are.
	AllowPrivate bool
	// FFmpegPath is the ffmpeg that decodes the stream (package audio's
	// sandbox: it reads the bytes from a pipe and never opens the network).
	FFmpegPath string
	// Stall is how long a stream may send nothing before it counts as
	// stalled and is reconnected. Defaults to 20 s (HLS: at least three
	// target durations).
	Stall time.Duration
	// Reconnects is how many times a stalled or dropped stream is opened
	// again, with 1, 2, 4… seconds between, before the session ends.
	// Defaults to 3.
	Reconnects int
}

func (s Sources) stall() time.Duration {
	if s.Stall > 0 {
		return s.Stall
	}
	return 20 * time.Second
}

func (s Sources) reconnects() int {
	if s.Reconnects > 0 {
		return s.Reconnects
	}
	return 3
}

// Validate reports an allow-list entry that is not a host.
func (s Sources) Validate() error {
	for _, h := range s.Allow {
		h = strings.TrimPrefix(strings.TrimSpace(h), "*.")
		if h == "" || strings.ContainsAny(h, "/@?#* ") {
			return fmt.Errorf("--live-allow: %q is not a host name (write radio.example.com, radio.example.com:8000 or *.example.com)", h)
		}
	}
	if s.Stall < 0 || s.Reconnects < 0 {
		return errors.New("live sources: negative stall or reconnect count")
	}
	return nil
}

// URLError is a source URL that is not one: not http(s), no host, or a
// user name in it.
type URLError string

func (e URLError) Error() string { return string(e) }

// NotAllowedError is a source URL the operator has not allowed.
type NotAllowedError struct {
	Host string
	// Why is "allow" for a host outside Sources.Allow, else the address
	// guard's reason (a private address).
	Why string
}

func (e *NotAllowedError) Error() string {
	if e.Why == "allow" {
		return fmt.Sprintf("source_url: host %s is not in this server's list of allowed live sources (--live-allow); ask its operator to add it", e.Host)
	}
	return "source_url: " + e.Why
}

// SourceError is a stream that could not be used: Unreachable when it could
// not be fetched (connection, HTTP status), else it sent something that is
// not a stream of audio newsscribe reads.
type SourceError struct {
	Unreachable bool
	Reason      string
	Err         error
}

func (e *SourceError) Error() string {
	if e.Err != nil {
		return "source: " + e.Reason + ": " + e.Err.Error()
	}
	return "source: " + e.Reason
}

func (e *SourceError) Unwrap() error { return e.Err }

// ErrStalled is the error of a stream that sent nothing for Sources.Stall,
// and again after every reconnection.
var ErrStalled = errors.New("source: the stream stopped sending audio")

// CheckURL parses a source URL and checks it against the allow-list, with
// no network access: http or https, no user name, a host that Allow names;
// a literal address must be public unless AllowPrivate (names are checked
// when connecting, after DNS, by webhook's guarded dialer).
func (s Sources) CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	switch {
	case err != nil:
		return nil, URLError(fmt.Sprintf("source_url: not a URL: %q", clip(raw, 200)))
	case u.Scheme != "http" && u.Scheme != "https":
		return nil, URLError(fmt.Sprintf("source_url: want an http:// or https:// URL (HLS .m3u8 or an Icecast/HTTP audio stream), got %q", clip(u.Redacted(), 200)))
	case u.Hostname() == "":
		return nil, URLError(fmt.Sprintf("source_url: %q has no host", clip(u.Redacted(), 200)))
	case u.User != nil:
		return nil, URLError("source_url: user names and passwords in the URL are not allowed")
	}
	if !s.allowed(u) {
		return nil, &NotAllowedError{Host: u.Host, Why: "allow"}
	}
	if !s.AllowPrivate {
		host := u.Hostname()
		if a, err := netip.ParseAddr(host); err == nil {
			if err := webhook.CheckAddr(a); err != nil {
				return nil, &NotAllowedError{Host: u.Host, Why: err.Error()}
			}
		}
		if h := strings.ToLower(strings.TrimSuffix(host, ".")); h == "localhost" || strings.HasSuffix(h, ".localhost") {
			return nil, &NotAllowedError{Host: u.Host, Why: host + " is loopback"}
		}
	}
	return u, nil
}

// allowed reports whether u's host is on the allow-list.
func (s Sources) allowed(u *url.URL) bool {
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	port := u.Port()
	for _, e := range s.Allow {
		e = strings.ToLower(strings.TrimSpace(e))
		eh, ep := e, ""
		if h, p, err := net.SplitHostPort(e); err == nil {
			eh, ep = h, p
		}
		if ep != "" && ep != port {
			continue
		}
		if sub, ok := strings.CutPrefix(eh, "*."); ok {
			if strings.HasSuffix(host, "."+sub) {
				return true
			}
			continue
		}
		if strings.TrimSuffix(eh, ".") == host {
			return true
		}
	}
	return false
}

// client is the guarded HTTP client of streams: webhook's checked dialer
// (no private addresses unless allowed), and every redirect checked against
// the allow-list too.
func (s Sources) client() *http.Client {
	c := webhook.Policy{AllowPrivate: s.AllowPrivate, Timeout: 10 * time.Second}.StreamClient()
	guard := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if _, err := s.CheckURL(req.URL.String()); err != nil {
			return err
		}
		return guard(req, via)
	}
	return c
}

// Stream is a checked, opened source URL (Sources.Open).
type Stream struct {
	src    Sources
	u      *url.URL
	client *http.Client
	log    *slog.Logger

	// Set by Open: the media playlist of an HLS stream (hls), or the first
	// answer of a continuous stream (resp, its body not yet consumed).
	hls    *url.URL
	resp   *http.Response
	cancel context.CancelFunc // ends resp's request
	// next is the media sequence number of the next HLS segment to fetch
	// (-1 before the first playlist), kept across reconnections so that a
	// segment is never fed twice.
	next int64
}

// sniffBytes is how much of a continuous stream is looked at before the
// session starts: enough to refuse a web page or a text.
const sniffBytes = 512

// openTimeout bounds the first connection (while the client waits for the
// answer to POST /v1/live).
const openTimeout = 15 * time.Second

// Open checks raw (CheckURL) and makes the first connection: an HLS
// playlist must parse and name segments newsscribe reads (MPEG-TS or
// packed audio; not encrypted, not fragmented MP4), a continuous stream
// must answer 200 and start with something that is not text. Errors are
// *NotAllowedError, *SourceError or a plain one-line error for a bad URL.
func (s Sources) Open(ctx context.Context, raw string, log *slog.Logger) (*Stream, error) {
	u, err := s.CheckURL(raw)
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	st := &Stream{src: s, u: u, client: s.client(), log: log, next: -1}
	// The first answer's body outlives Open (Run reads a continuous stream
	// from it), so its context is the stream's own: cancelled by Close or
	// when Run ends, and here if ctx is done or the answer and its first
	// bytes take longer than openTimeout.
	octx, cancel := context.WithCancel(context.Background())
	st.cancel = cancel
	var timedOut atomic.Bool
	timer := time.AfterFunc(openTimeout, func() { timedOut.Store(true); cancel() })
	unwatch := context.AfterFunc(ctx, cancel)
	opened := false
	defer func() {
		timer.Stop()
		unwatch()
		if !opened {
			cancel()
		}
	}()
	resp, err := st.get(octx, u)
	if err != nil && timedOut.Load() {
		return nil, &SourceError{Unreachable: true, Reason: fmt.Sprintf("%s sent no answer within %s", u.Host, openTimeout)}
	}
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(resp.Body, sniffBytes)
	head, _ := br.Peek(sniffBytes)
	if len(head) == 0 {
		resp.Body.Close()
		return nil, &SourceError{Reason: "the stream sent nothing"}
	}
	if bytes.HasPrefix(bytes.TrimPrefix(head, []byte("\ufeff")), []byte("#EXTM3U")) || isPlaylistType(resp.Header.Get("Content-Type")) {
		defer resp.Body.Close()
		p, err := parsePlaylist(br)
		if err != nil {
			return nil, &SourceError{Reason: "bad HLS playlist", Err: err}
		}
		media := resp.Request.URL
		if p.master() {
			ref := p.pick()
			if ref == "" {
				return nil, &SourceError{Reason: "the HLS master playlist lists no stream"}
			}
			if media, err = resolve(resp.Request.URL, ref); err != nil {
				return nil, &SourceError{Reason: "bad HLS playlist", Err: err}
			}
			if p, err = st.playlist(octx, media); err != nil {
				return nil, err
			}
		}
		if err := supported(p); err != nil {
			return nil, err
		}
		st.hls = media
		return st, nil // Run fetches the rest with its own context
	}
	if looksLikeText(head) {
		resp.Body.Close()
		return nil, &SourceError{Reason: fmt.Sprintf("the URL answers with text (%s), not audio: give the address of the stream itself", contentType(resp))}
	}
	// Hand over the bytes peeked as well: the body is read through br.
	st.resp = resp
	st.resp.Body = readCloser{br, resp.Body}
	opened = true
	return st, nil
}

type readCloser struct {
	io.Reader
	io.Closer
}

func contentType(resp *http.Response) string {
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		return ct
	}
	return "no Content-Type"
}

// isPlaylistType reports an HLS playlist media type.
func isPlaylistType(ct string) bool {
	ct = strings.ToLower(ct)
	return strings.Contains(ct, "mpegurl")
}

// looksLikeText reports bytes that start like a document rather than audio:
// markup, JSON, or text without a NUL or control byte.
func looksLikeText(b []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	if len(t) > 0 && (t[0] == '<' || t[0] == '{' || t[0] == '[' || t[0] == '#') {
		return true
	}
	for _, c := range b {
		if c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f {
			return false
		}
	}
	return !bytes.HasPrefix(b, []byte("ID3")) && !bytes.HasPrefix(b, []byte("OggS")) && !bytes.HasPrefix(b, []byte("fLaC"))
}

// supported refuses playlists newsscribe cannot read.
func supported(p *playlist) error {
	switch {
	case p.master():
		return &SourceError{Reason: "the HLS master playlist names another master playlist"}
	case p.encrypted:
		return &SourceError{Reason: "the HLS stream is encrypted (EXT-X-KEY); newsscribe reads only clear streams"}
	case p.initMap != "":
		return &SourceError{Reason: "the HLS stream has fragmented-MP4 segments (EXT-X-MAP); newsscribe reads MPEG-TS or packed-audio (AAC, MP3) segments"}
	case len(p.segments) == 0 && p.ended:
		return &SourceError{Reason: "the HLS playlist has ended and lists no segment"}
	}
	return nil
}

// get fetches u; a status other than 200 is a *SourceError (unreachable).
// The body is the caller's to watch (newIdleReader).
func (st *Stream) get(ctx context.Context, u *url.URL) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &SourceError{Unreachable: true, Reason: "bad URL", Err: err}
	}
	req.Header.Set("User-Agent", "newsscribe-live")
	req.Header.Set("Icy-MetaData", "0") // Icecast: audio only, no inline titles
	resp, err := st.client.Do(req)
	if err != nil {
		var na *NotAllowedError
		if errors.As(err, &na) {
			return nil, na
		}
		if errors.Is(err, webhook.ErrForbiddenAddress) {
			return nil, &NotAllowedError{Host: u.Host, Why: forbiddenReason(err)}
		}
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, ctx.Err()
		}
		return nil, &SourceError{Unreachable: true, Reason: "cannot reach " + u.Host, Err: stripURL(err)}
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, &SourceError{Unreachable: true, Reason: fmt.Sprintf("%s answered %s", u.Host, resp.Status)}
	}
	return resp, nil
}

// forbiddenReason is the guard's reason without net/http's wrapping.
func forbiddenReason(err error) string {
	s := err.Error()
	if i := strings.Index(s, webhook.ErrForbiddenAddress.Error()); i >= 0 {
		return s[i:]
	}
	return webhook.ErrForbiddenAddress.Error()
}

// stripURL drops the *url.Error wrapping (it repeats the URL).
func stripURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// playlist fetches and parses the playlist at u.
func (st *Stream) playlist(ctx context.Context, u *url.URL) (*playlist, error) {
	ctx, cancel := context.WithTimeout(ctx, st.src.stall())
	defer cancel()
	resp, err := st.get(ctx, u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	p, err := parsePlaylist(resp.Body)
	if err != nil {
		return nil, &SourceError{Reason: "bad HLS playlist", Err: err}
	}
	return p, nil
}

// Close releases the first answer of a stream that will not Run.
func (st *Stream) Close() {
	if st.resp != nil {
		st.resp.Body.Close()
		st.resp = nil
	}
	if st.cancel != nil {
		st.cancel()
	}
}

// Run decodes the stream and hands its samples to write until the stream
// ends (nil), ctx is done (nil), write fails, or the stream fails for good:
// after a stall or a dropped connection it is opened again up to
// Sources.Reconnects times (the audio sent meanwhile is lost: it is live).
func (st *Stream) Run(ctx context.Context, write func([]float32) error) error {
	defer st.Close()
	defer context.AfterFunc(ctx, st.Close)()
	var err error
	for attempt := 0; ; attempt++ {
		var progressed bool
		if st.hls != nil {
			progressed, err = st.runHLS(ctx, write)
		} else {
			progressed, err = st.runContinuous(ctx, write)
		}
		if err == nil || ctx.Err() != nil {
			return nil
		}
		var werr *writeError
		if errors.As(err, &werr) {
			return werr.err
		}
		var se *SourceError
		if errors.As(err, &se) && !se.Unreachable {
			return err // garbage: another connection would send the same
		}
		if progressed {
			attempt = 0
		}
		if attempt >= st.src.reconnects() {
			return err
		}
		wait := time.Second << attempt
		st.log.Warn("live source: reconnecting", "error", err, "in", wait.String())
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
	}
}

// writeError carries the session's own failure through the decode loop.
type writeError struct{ err error }

func (e *writeError) Error() string { return e.err.Error() }

// decode runs package audio's decoder (ffmpeg in its sandbox, reading r
// from a pipe) and writes its samples until r ends. progressed reports
// whether any audio came out.
func (st *Stream) decode(ctx context.Context, r io.Reader, write func([]float32) error) (progressed bool, err error) {
	dec, err := audio.NewStreamDecoder(ctx, r, audio.Options{FFmpegPath: st.src.FFmpegPath})
	if err != nil {
		return false, err
	}
	defer dec.Close()
	buf := make([]float32, 1600) // 100 ms
	for {
		n, err := dec.Read(buf)
		if n > 0 {
			progressed = true
			if werr := write(buf[:n]); werr != nil {
				return true, &writeError{werr}
			}
		}
		if errors.Is(err, io.EOF) {
			return progressed, nil
		}
		if err != nil {
			return progressed, err
		}
	}
}

// runContinuous decodes an Icecast or plain HTTP audio stream from the
// answer open (or the reconnection) got.
func (st *Stream) runContinuous(ctx context.Context, write func([]float32) error) (bool, error) {
	// The answer Open (or a reconnection) got, and what ends its request.
	resp, cancelBody := st.resp, st.cancel
	st.resp = nil
	if resp == nil {
		rctx, c := context.WithCancel(ctx)
		r, err := st.get(rctx, st.u)
		if err != nil {
			c()
			return false, err
		}
		resp, cancelBody = r, c
	}
	defer cancelBody()
	body := newIdleReader(resp.Body, st.src.stall(), cancelBody)
	defer resp.Body.Close()
	progressed, err := st.decode(ctx, body, write)
	switch {
	case body.stalled.Load():
		return progressed, ErrStalled
	case err == nil && body.err != nil && !errors.Is(body.err, io.EOF):
		// ffmpeg saw the end of its input, but the connection broke.
		return progressed, &SourceError{Unreachable: true, Reason: "the connection dropped", Err: body.err}
	case err != nil && isDecodeError(err):
		return progressed, &SourceError{Reason: "the stream is not audio newsscribe reads", Err: err}
	}
	return progressed, err
}

// isDecodeError reports the decoder's verdicts on the bytes themselves.
func isDecodeError(err error) bool {
	var de *audio.DecodeError
	var ue *audio.UnsupportedError
	return errors.Is(err, audio.ErrNoAudio) || errors.Is(err, audio.ErrEmpty) || errors.As(err, &de) || errors.As(err, &ue)
}

// idleReader fails reads once the body has sent nothing for d: it cancels
// the request's context, which ends the blocked read.
type idleReader struct {
	r       io.Reader
	d       time.Duration
	timer   *time.Timer
	stalled atomic.Bool
	err     error // the body's own error, once it ended
}

func newIdleReader(r io.Reader, d time.Duration, cancel context.CancelFunc) *idleReader {
	ir := &idleReader{r: r, d: d}
	ir.timer = time.AfterFunc(d, func() {
		ir.stalled.Store(true)
		cancel()
	})
	return ir
}

func (ir *idleReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 {
		ir.timer.Reset(ir.d)
	}
	if err != nil {
		ir.timer.Stop()
		ir.err = err
		if ir.stalled.Load() {
			return n, ErrStalled
		}
	}
	return n, err
}

// runHLS follows the media playlist: it fetches each new segment in order
// and pipes the bytes into the decoder (MPEG-TS or packed audio segments
// join into one stream), polling the playlist every half target duration
// when it has nothing new. A live playlist is joined at its last segment;
// an EVENT or VOD playlist (or one that has ended) is read from its first.
// It ends at #EXT-X-ENDLIST.
func (st *Stream) runHLS(ctx context.Context, write func([]float32) error) (bool, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pr, pw := io.Pipe()
	var (
		wg       sync.WaitGroup
		fetchErr error
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		fetchErr = st.fetchSegments(ctx, pw)
		pw.CloseWithError(fetchErr)
	}()
	progressed, err := st.decode(ctx, pr, write)
	cancel()
	pr.CloseWithError(errors.New("decoder stopped"))
	wg.Wait()
	var werr *writeError
	switch {
	case errors.As(err, &werr):
		return progressed, err
	case fetchErr != nil && !errors.Is(fetchErr, context.Canceled):
		return progressed, fetchErr
	case err != nil && isDecodeError(err):
		return progressed, &SourceError{Reason: "the HLS segments are not audio newsscribe reads", Err: err}
	}
	return progressed, err
}

// fetchSegments writes the segments of the media playlist to w in order
// until the playlist ends (nil) or no new segment appears for the stall
// time (ErrStalled).
func (st *Stream) fetchSegments(ctx context.Context, w io.Writer) error {
	lastNew := time.Now()
	for {
		p, err := st.playlist(ctx, st.hls)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			var se *SourceError
			if errors.As(err, &se) && !se.Unreachable {
				return err
			}
			st.log.Warn("live source: playlist", "error", err)
		} else {
			if err := supported(p); err != nil {
				return err
			}
			if st.next < 0 {
				st.next = p.sequence
				if !p.complete && !p.ended && len(p.segments) > 0 {
					st.next = p.segments[len(p.segments)-1].seq
				}
			}
			for _, sg := range p.segments {
				if sg.seq < st.next {
					continue
				}
				if err := st.segment(ctx, sg, w); err != nil {
					return err
				}
				st.next = sg.seq + 1
				lastNew = time.Now()
			}
			if p.ended {
				return nil
			}
		}
		stall := st.src.stall()
		if p != nil {
			stall = max(stall, time.Duration(3*p.target*float64(time.Second)))
		}
		if time.Since(lastNew) > stall {
			return ErrStalled
		}
		poll := time.Second
		if p != nil && p.target > 0 {
			poll = time.Duration(p.target * float64(time.Second) / 2)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(poll):
		}
	}
}

// segment copies one segment to w, trying three times; a segment that
// cannot be fetched is skipped (its audio is lost, the stream goes on).
func (st *Stream) segment(ctx context.Context, sg segment, w io.Writer) error {
	u, err := resolve(st.hls, sg.uri)
	if err != nil {
		return &SourceError{Reason: "bad HLS playlist", Err: err}
	}
	for try := 0; try < 3; try++ {
		resp, err := st.get(ctx, u)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			var na *NotAllowedError
			if errors.As(err, &na) {
				return err
			}
			st.log.Warn("live source: segment", "seq", sg.seq, "error", err)
			continue
		}
		_, cancel := context.WithCancel(ctx)
		body := newIdleReader(resp.Body, st.src.stall(), cancel)
		_, err = io.Copy(sink{w}, body)
		resp.Body.Close()
		cancel()
		var se *sinkError
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.As(err, &se):
			return se.err // the decoder stopped reading
		}
		st.log.Warn("live source: segment", "seq", sg.seq, "error", err)
	}
	st.log.Warn("live source: segment skipped", "seq", sg.seq)
	return nil
}

// sink tags the errors of writing to the decoder's pipe, to tell them from
// those of reading a segment.
type sink struct{ w io.Writer }

type sinkError struct{ err error }

func (e *sinkError) Error() string { return e.err.Error() }

func (s sink) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	if err != nil {
		err = &sinkError{err}
	}
	return n, err
}
