package live

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsscribe/newsscribe/transcribe"
)

// Config configures live sessions on one server. The zero value of every
// field is its default (NewManager applies them).
type Config struct {
	// Sessions is the most live sessions this server runs at once; more get
	// ErrFull. Each needs the speech engine for a pass every Window.Step
	// (and one whisper state). Defaults to DefaultSessions; a negative
	// number turns live mode off.
	Sessions int
	// Dir keeps the recordings of running sessions (the server: the data
	// directory's live/). Required by NewManager unless live mode is off.
	Dir string
	// Sources are the streams a session may read.
	Sources Sources
	// Window tunes the rolling recognition.
	Window Window
	// MaxDuration ends a session whose recording reaches it (0 or
	// negative: no limit).
	MaxDuration time.Duration
	// Reconnect is how long a browser session waits for an audio connection
	// (the first, or one that dropped) before it stops. Defaults to
	// DefaultReconnect.
	Reconnect time.Duration
	// Linger is how long an ended session stays visible (its state and job
	// id) to watchers. Defaults to DefaultLinger.
	Linger time.Duration
}

// Defaults of Config.
const (
	// DefaultSessions is Config.Sessions' default.
	DefaultSessions = 1
	// DefaultReconnect is Config.Reconnect's default.
	DefaultReconnect = 2 * time.Minute
	// DefaultLinger is Config.Linger's default.
	DefaultLinger = 15 * time.Minute
)

// withDefaults is c with every zero field set to its default.
func (c Config) withDefaults() Config {
	c.Sessions = cmp.Or(c.Sessions, DefaultSessions)
	c.Reconnect = cmp.Or(c.Reconnect, DefaultReconnect)
	c.Linger = cmp.Or(c.Linger, DefaultLinger)
	return c
}

// Validate reports the first setting that cannot work, naming the serve
// command's flag.
func (c Config) Validate() error {
	if err := c.Window.Validate(); err != nil {
		return fmt.Errorf("--live-%w", err)
	}
	return c.Sources.Validate()
}

// Jobs turns a finished session's recording into a transcription job (the
// API's submit path: blob store, job row, queue, webhooks).
type Jobs interface {
	SubmitRecording(ctx context.Context, r Recording) (jobID string, err error)
}

// Recording is a finished session's audio and what its job needs.
type Recording struct {
	// SessionID is the session's id, CreatedAt when it began.
	SessionID string
	CreatedAt time.Time
	// Open returns the recording as a 16 kHz mono PCM16 WAV stream.
	Open func() (io.ReadCloser, error)
	// Samples is its length at 16 kHz.
	Samples int64
	// ArticleID names the article the session was tied to; Draft is the
	// draft as it stood at the end (the article's body when ArticleID is
	// set, else the text the job aligns to).
	ArticleID string
	Draft     string
	Language  string
	Prompt    string
	Callback  string
}

// Deps are what a Manager works with.
type Deps struct {
	// Engine recognises; required.
	Engine Engine
	// Ready reports whether the engine is loaded; nil: always.
	Ready func() bool
	// Check checks the draft's quotations; nil checks nothing.
	Check Checker
	// Logger defaults to discarding.
	Logger *slog.Logger
}

// Errors of Start.
var (
	// ErrFull: Config.Sessions sessions are running.
	ErrFull = errors.New("live: this server runs its maximum of live sessions; retry when one ends")
	// ErrDisabled: live mode is off (Config.Sessions is negative).
	ErrDisabled = errors.New("live: live sessions are turned off on this server (--live-sessions 0)")
	// ErrNotReady: the engine is still loading, or no job path is attached.
	ErrNotReady = errors.New("live: the speech engine is not loaded yet; retry in a moment")
)

// Manager runs the live sessions of one server.
type Manager struct {
	cfg  Config
	deps Deps
	log  *slog.Logger

	mu       sync.Mutex
	jobs     Jobs
	sessions map[string]*Session
	starting int
	closed   bool
	wg       sync.WaitGroup
}

// NewManager returns a manager of cfg with its defaults applied; Attach
// gives it the job path before the first session.
func NewManager(cfg Config, deps Deps) (*Manager, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if deps.Engine == nil {
		return nil, errors.New("live: an engine is required")
	}
	if cfg.Sessions > 0 && cfg.Dir == "" {
		return nil, errors.New("live: a directory for the recordings is required")
	}
	if deps.Logger == nil {
		deps.Logger = slog.New(slog.DiscardHandler)
	}
	return &Manager{cfg: cfg, deps: deps, log: deps.Logger, sessions: map[string]*Session{}}, nil
}

// Attach sets the path by which recordings become jobs; until then no
// session starts (ErrNotReady).
func (m *Manager) Attach(j Jobs) {
	m.mu.Lock()
	m.jobs = j
	m.mu.Unlock()
}

// Enabled reports whether live mode is on.
func (m *Manager) Enabled() bool { return m != nil && m.cfg.Sessions > 0 }

// Request starts a session.
type Request struct {
	// SourceURL is the stream to read; empty with Browser for audio sent
	// over the WebSocket.
	SourceURL string
	Browser   bool
	// ArticleID ties the session to an article (Draft is then its body);
	// Draft is the draft whose quotations are checked.
	ArticleID string
	Draft     string
	// Language is a Whisper language code (default "ar"); Prompt the
	// user's names and rare words; Callback a webhook URL for the job.
	Language string
	Prompt   string
	Callback string
}

// Start opens a session: for a stream, the URL is checked and first
// fetched now (its errors are Sources.Open's); a browser session waits for
// its audio connection. Errors besides the source's: ErrDisabled,
// ErrNotReady, ErrFull.
func (m *Manager) Start(ctx context.Context, req Request) (*Session, error) {
	if !m.Enabled() {
		return nil, ErrDisabled
	}
	if m.deps.Ready != nil && !m.deps.Ready() {
		return nil, ErrNotReady
	}
	m.mu.Lock()
	if m.jobs == nil || m.closed {
		m.mu.Unlock()
		return nil, ErrNotReady
	}
	if m.activeLocked()+m.starting >= m.cfg.Sessions {
		m.mu.Unlock()
		return nil, ErrFull
	}
	m.starting++
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		m.starting--
		m.mu.Unlock()
	}()

	var st *Stream
	source := "browser"
	if !req.Browser {
		var err error
		if st, err = m.cfg.Sources.Open(ctx, req.SourceURL, m.log); err != nil {
			return nil, err
		}
		source = st.u.Redacted()
	}
	if req.Language == "" {
		req.Language = "ar"
	}
	s := &Session{
		id: newID("ls_"), m: m, browser: req.Browser, source: source, created: time.Now().UTC(),
		language: req.Language, prompt: req.Prompt, article: req.ArticleID, callback: req.Callback,
		token: newID(""), draft: req.Draft, status: StatusWaiting,
		wake: make(chan struct{}, 1), quoteQ: make(chan struct{}, 1), done: make(chan struct{}),
		changed: make(chan struct{}),
	}
	if !req.Browser {
		s.status = StatusLive
	}
	rec, err := createRecording(m.cfg.Dir, s.metaLocked())
	if err != nil {
		if st != nil {
			st.Close()
		}
		return nil, err
	}
	s.rec = rec
	s.recog = NewRecognizer(m.deps.Engine, m.cfg.Window, transcribe.Options{Language: req.Language, Prompt: req.Prompt})
	s.recog.SetArticle(req.Draft)
	s.ctx, s.cancel = context.WithCancelCause(context.Background())

	m.mu.Lock()
	m.sessions[s.id] = s
	m.wg.Add(1)
	m.mu.Unlock()
	go s.run()
	go s.checkLoop()
	if st != nil {
		go func() {
			err := st.Run(s.ctx, s.Write)
			if err == nil {
				err = errors.New("the stream ended")
			}
			if s.ctx.Err() == nil {
				s.stop(err)
			}
		}()
	} else {
		s.mu.Lock()
		s.waitLocked()
		s.mu.Unlock()
	}
	if req.Draft != "" {
		s.kickQuotes()
	}
	m.log.Info("live session started", "session", s.id, "source", source)
	return s, nil
}

func (m *Manager) activeLocked() int {
	n := 0
	for _, s := range m.sessions {
		s.mu.Lock()
		if s.status.Active() {
			n++
		}
		s.mu.Unlock()
	}
	return n
}

// Get returns the session id (running, or ended less than Config.Linger ago).
func (m *Manager) Get(id string) (*Session, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.sessions[id]
	return s, ok
}

// CheckToken reports whether token is session s's audio token.
func (s *Session) CheckToken(token string) bool {
	return token != "" && subtle.ConstantTimeCompare([]byte(token), []byte(s.token)) == 1
}

// List returns the sessions, newest first.
func (m *Manager) List() []*Session {
	m.mu.Lock()
	out := make([]*Session, 0, len(m.sessions))
	for _, s := range m.sessions {
		out = append(out, s)
	}
	m.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].created.After(out[j].created) })
	return out
}

// handOver turns a stopped session's recording into a job: the
// recording's files are removed once the queue holds the job; when the
// queue refuses it they stay, and Recover hands them over at the next
// start.
func (m *Manager) handOver(s *Session) {
	defer m.wg.Done()
	defer close(s.done)
	_ = s.rec.Close()
	s.mu.Lock()
	r := Recording{SessionID: s.id, CreatedAt: s.created, Samples: s.rec.Samples(), ArticleID: s.article,
		Draft: s.draft, Language: s.language, Prompt: s.prompt, Callback: s.callback}
	s.mu.Unlock()
	path := s.rec.path
	r.Open = func() (io.ReadCloser, error) { rc, _, err := openWAV(path); return rc, err }

	var jobID string
	var err error
	if r.Samples == 0 {
		err = errors.New("no audio arrived")
		_ = s.rec.Remove()
	} else {
		jobID, err = m.submit(r)
		if err == nil {
			if rerr := s.rec.Remove(); rerr != nil {
				m.log.Warn("live: recording not removed", "session", s.id, "error", rerr)
			}
		}
	}
	s.mu.Lock()
	s.ended = time.Now().UTC()
	if err != nil {
		s.status = StatusFailed
		if r.Samples > 0 {
			s.errMsg = joinMsg(s.errMsg, "the recording is kept and will be transcribed at the server's next start: "+err.Error())
		} else {
			s.errMsg = joinMsg(s.errMsg, err.Error())
		}
	} else {
		s.status = StatusEnded
		s.jobID = jobID
	}
	s.changedLocked()
	info := s.infoLocked()
	s.mu.Unlock()
	m.log.Info("live session ended", "session", s.id, "status", info.Status, "transcription", jobID,
		"audio_seconds", info.AudioSeconds, "final_words", info.FinalWords, "error", info.Error)
	time.AfterFunc(m.cfg.Linger, func() {
		m.mu.Lock()
		delete(m.sessions, s.id)
		m.mu.Unlock()
	})
}

func joinMsg(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// submitTimeout bounds one hand-over to the queue.
const submitTimeout = 2 * time.Minute

func (m *Manager) submit(r Recording) (string, error) {
	m.mu.Lock()
	j := m.jobs
	m.mu.Unlock()
	if j == nil {
		return "", ErrNotReady
	}
	ctx, cancel := context.WithTimeout(context.Background(), submitTimeout)
	defer cancel()
	return j.SubmitRecording(ctx, r)
}

// Close stops every session and waits (until ctx is done) for their
// recordings to be handed over; no session starts afterwards.
func (m *Manager) Close(ctx context.Context) error {
	m.mu.Lock()
	m.closed = true
	ss := make([]*Session, 0, len(m.sessions))
	for _, s := range m.sessions {
		ss = append(ss, s)
	}
	m.mu.Unlock()
	for _, s := range ss {
		s.stop(errors.New("the server is shutting down"))
	}
	done := make(chan struct{})
	go func() { m.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Recover hands to the queue the recordings that sessions of an earlier
// run left in Config.Dir (the server stopped before their hand-over), those
// whose files have not changed for olderThan: servers that share a data
// directory (PostgreSQL) must not take each other's running sessions, and a
// running session writes its recording ten times a second (a browser that
// lost its connection stops it for at most Config.Reconnect). It returns
// the jobs made.
func (m *Manager) Recover(ctx context.Context, olderThan time.Duration) ([]string, error) {
	if m.cfg.Dir == "" {
		return nil, nil
	}
	metas, err := filepath.Glob(filepath.Join(m.cfg.Dir, "ls_*.json"))
	if err != nil {
		return nil, err
	}
	var jobs []string
	var errs []error
	for _, mp := range metas {
		id := strings.TrimSuffix(filepath.Base(mp), ".json")
		if _, running := m.Get(id); running || !untouched(mp, olderThan) {
			continue
		}
		jobID, err := m.recoverOne(mp)
		if err != nil {
			errs = append(errs, fmt.Errorf("live recording %s: %w", id, err))
			continue
		}
		if jobID != "" {
			jobs = append(jobs, jobID)
			m.log.Info("live recording of an earlier run transcribed", "session", id, "transcription", jobID)
		}
	}
	return jobs, errors.Join(errs...)
}

// untouched reports whether a recording's files (its .json and .pcm) have
// not changed for d.
func untouched(metaFile string, d time.Duration) bool {
	for _, p := range []string{metaFile, strings.TrimSuffix(metaFile, ".json") + ".pcm"} {
		if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) < d {
			return false
		}
	}
	return true
}

// RecoverAge is how long a recording left in Config.Dir must be untouched
// before a server hands it to the queue (Recover).
const RecoverAge = 10 * time.Minute

func (m *Manager) recoverOne(metaFile string) (string, error) {
	b, err := os.ReadFile(metaFile)
	if err != nil {
		return "", err
	}
	var md meta
	if err := json.Unmarshal(b, &md); err != nil {
		return "", fmt.Errorf("unreadable: %w", err)
	}
	pcm := strings.TrimSuffix(metaFile, ".json") + ".pcm"
	rc, n, err := openWAV(pcm)
	if errors.Is(err, os.ErrNotExist) {
		return "", removeRecording(pcm)
	}
	if err != nil {
		return "", err
	}
	rc.Close()
	if n == 0 {
		return "", removeRecording(pcm)
	}
	jobID, err := m.submit(Recording{SessionID: md.ID, CreatedAt: time.UnixMilli(md.CreatedAt).UTC(),
		Open:    func() (io.ReadCloser, error) { rc, _, err := openWAV(pcm); return rc, err },
		Samples: n, ArticleID: md.ArticleID, Draft: md.Draft, Language: md.Language, Prompt: md.Prompt, Callback: md.Callback})
	if err != nil {
		return "", err
	}
	return jobID, removeRecording(pcm)
}

// newID is prefix and 24 random hex digits.
func newID(prefix string) string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// Config is the manager's configuration, its defaults applied.
func (m *Manager) Config() Config { return m.cfg }
