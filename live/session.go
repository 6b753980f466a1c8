package live

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Status is where a live session is.
type Status string

// Statuses of a session.
const (
	// StatusWaiting: a browser session without an audio connection (not yet
	// opened, or dropped and not yet back).
	StatusWaiting Status = "waiting"
	// StatusLive: audio is arriving.
	StatusLive Status = "live"
	// StatusStopping: no more audio; the last pass runs and the recording
	// is handed to the queue.
	StatusStopping Status = "stopping"
	// StatusEnded: the recording became a transcription job (JobID).
	StatusEnded Status = "ended"
	// StatusFailed: the session ended without a job (no audio arrived, or
	// the queue refused it; a kept recording goes to the queue at the next
	// start).
	StatusFailed Status = "failed"
)

// Active reports whether the session still takes audio or is finishing.
func (s Status) Active() bool { return s == StatusWaiting || s == StatusLive || s == StatusStopping }

// Info is a session as the API shows it.
type Info struct {
	ID        string     `json:"id"`
	Object    string     `json:"object"`
	Status    Status     `json:"status"`
	Source    string     `json:"source"`
	ArticleID string     `json:"article_id,omitempty"`
	Language  string     `json:"language"`
	CreatedAt time.Time  `json:"created_at"`
	EndedAt   *time.Time `json:"ended_at"`
	// AudioSeconds is how much audio has arrived; HeardSeconds how far the
	// recognition has looked.
	AudioSeconds float64 `json:"audio_seconds"`
	HeardSeconds float64 `json:"heard_seconds"`
	FinalWords   int     `json:"final_words"`
	// LagP50 and LagP95 are the seconds between a final word's audio
	// arriving at the server and the word becoming final (null before the
	// first word).
	LagP50 *float64 `json:"lag_p50"`
	LagP95 *float64 `json:"lag_p95"`
	// DraftVersion counts the draft's edits.
	DraftVersion int `json:"draft_version"`
	// Error says why the session ended early or failed.
	Error string `json:"error,omitempty"`
	// JobID is the transcription job the session became.
	JobID string `json:"transcription_id,omitempty"`
}

// Snapshot is what a watcher is sent: the state, the finals it has not
// seen, the tentative tail, the quotations' verdicts.
type Snapshot struct {
	Info Info
	// Finals are the final words from the index asked for; FinalsFrom is
	// that index, FinalsTotal the number of finals.
	Finals      []transcribe.Word
	FinalsFrom  int
	FinalsTotal int
	Tentative   []transcribe.Word
	// Captions counts the changes of the captions (finals or tentative).
	Captions int64
	// Quotes are the draft's quotations checked against the finals so far;
	// QuotesVersion counts their updates. Draft is the draft they are of.
	Quotes        []align.TimedQuote
	QuotesVersion int64
	Draft         string
	// Changed is closed at the next change.
	Changed <-chan struct{}
}

// Session is one live transcription: a source, its recording on disk, the
// rolling recognition, the watchers.
type Session struct {
	id       string
	m        *Manager
	browser  bool
	source   string
	created  time.Time
	language string
	prompt   string
	article  string // article id
	callback string
	token    string
	rec      *recording
	recog    *Recognizer

	ctx    context.Context
	cancel context.CancelCauseFunc
	wake   chan struct{} // audio arrived
	quoteQ chan struct{} // finals or the draft changed
	done   chan struct{} // closed once the session has ended

	// in serialises the audio's writers (frames, the stream).
	in      sync.Mutex
	nextSeq uint64
	attach  *attachment

	mu        sync.Mutex
	status    Status
	finals    []transcribe.Word
	tentative []transcribe.Word
	heard     float64
	captions  int64
	draft     string
	draftV    int
	quotes    []align.TimedQuote
	quotesV   int64
	errMsg    string
	jobID     string
	ended     time.Time
	arrivals  []arrival
	lags      []float64
	changed   chan struct{}
	grace     *time.Timer // browser: stops a session left without audio
}

// arrival is when a session's sample index arrived, for the lag figures.
type arrival struct {
	at   int64
	when time.Time
}

// attachment is one audio connection of a browser session.
type attachment struct {
	replaced chan struct{}
}

// ID is the session's id ("ls_…").
func (s *Session) ID() string { return s.id }

// Token is the secret the browser's audio connection presents.
func (s *Session) Token() string { return s.token }

// Browser reports whether the audio comes from a browser.
func (s *Session) Browser() bool { return s.browser }

// Done is closed when the session has ended (with or without a job).
func (s *Session) Done() <-chan struct{} { return s.done }

// Info returns the session's state.
func (s *Session) Info() Info {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.infoLocked()
}

func (s *Session) infoLocked() Info {
	in := Info{ID: s.id, Object: "live_session", Status: s.status, Source: s.source, ArticleID: s.article,
		Language: s.language, CreatedAt: s.created, AudioSeconds: seconds(s.rec.Samples()),
		HeardSeconds: s.heard, FinalWords: len(s.finals), DraftVersion: s.draftV, Error: s.errMsg, JobID: s.jobID}
	if !s.ended.IsZero() {
		e := s.ended
		in.EndedAt = &e
	}
	if len(s.lags) > 0 {
		p50, p95 := Percentile(s.lags, 0.5), Percentile(s.lags, 0.95)
		in.LagP50, in.LagP95 = &p50, &p95
	}
	return in
}

// Percentile is the q-quantile (0–1) of xs by the nearest rank; xs is not
// changed.
func Percentile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(q*float64(len(s))+0.999999) - 1
	return s[min(max(i, 0), len(s)-1)]
}

// Snapshot returns the state with the finals from index from on.
func (s *Session) Snapshot(from int) Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	from = min(max(from, 0), len(s.finals))
	return Snapshot{
		Info:   s.infoLocked(),
		Finals: append([]transcribe.Word(nil), s.finals[from:]...), FinalsFrom: from, FinalsTotal: len(s.finals),
		Tentative: append([]transcribe.Word(nil), s.tentative...), Captions: s.captions,
		Quotes: s.quotes, QuotesVersion: s.quotesV, Draft: s.draft, Changed: s.changed,
	}
}

// changedLocked wakes the watchers; s.mu is held.
func (s *Session) changedLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// Write appends samples (16 kHz mono) from the stream to the recording
// and the recognition.
func (s *Session) Write(samples []float32) error {
	s.in.Lock()
	defer s.in.Unlock()
	return s.writeLocked(samples)
}

// ErrEnded is returned for audio sent to a session that takes no more.
var ErrEnded = errors.New("live session: ended; it takes no more audio")

func (s *Session) writeLocked(samples []float32) error {
	if s.ctx.Err() != nil {
		return ErrEnded
	}
	if err := s.rec.Append(samples); err != nil {
		s.stop(err)
		return err
	}
	s.recog.Push(samples)
	n := s.rec.Samples()
	s.mu.Lock()
	s.arrivals = append(s.arrivals, arrival{at: n, when: time.Now()})
	if s.status == StatusWaiting {
		s.status = StatusLive
		s.changedLocked()
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
	if max := s.m.cfg.MaxDuration; max > 0 && seconds(n) >= max.Seconds() {
		s.stop(fmt.Errorf("the session reached the longest recording this server takes (%s)", max))
	}
	return nil
}

// Frame stores one frame of the browser's stream and returns the sequence
// number expected next. A frame already stored (sent again after a
// reconnection) is skipped; one past the next expected is ErrFrameGap.
func (s *Session) Frame(f Frame) (uint64, error) {
	s.in.Lock()
	defer s.in.Unlock()
	switch {
	case f.Seq < s.nextSeq:
		return s.nextSeq, nil
	case f.Seq > s.nextSeq:
		return s.nextSeq, ErrFrameGap
	}
	if err := s.writeLocked(f.Samples); err != nil {
		return s.nextSeq, err
	}
	s.nextSeq++
	return s.nextSeq, nil
}

// Attach begins an audio connection of a browser session. It returns the
// frame expected next and a channel closed when a newer connection
// replaces this one (or the session ends); detach ends it.
func (s *Session) Attach() (next uint64, replaced <-chan struct{}, detach func(), err error) {
	if !s.browser {
		return 0, nil, nil, errors.New("live session: its audio comes from a stream, not a browser")
	}
	s.in.Lock()
	defer s.in.Unlock()
	if s.ctx.Err() != nil {
		return 0, nil, nil, ErrEnded
	}
	if s.attach != nil {
		close(s.attach.replaced)
	}
	a := &attachment{replaced: make(chan struct{})}
	s.attach = a
	s.mu.Lock()
	if s.grace != nil {
		s.grace.Stop()
	}
	s.mu.Unlock()
	detach = func() {
		s.in.Lock()
		defer s.in.Unlock()
		if s.attach != a {
			return
		}
		s.attach = nil
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.status == StatusLive {
			s.status = StatusWaiting
			s.changedLocked()
		}
		s.waitLocked()
	}
	return s.nextSeq, a.replaced, detach, nil
}

// waitLocked starts the grace period of a browser session without audio:
// when it passes with no connection, the session stops. s.mu is held.
func (s *Session) waitLocked() {
	if s.ctx.Err() != nil {
		return
	}
	d := s.m.cfg.Reconnect
	s.grace = time.AfterFunc(d, func() {
		s.in.Lock()
		attached := s.attach != nil
		s.in.Unlock()
		if !attached {
			s.stop(fmt.Errorf("no audio connection for %s: the browser did not come back", d))
		}
	})
}

// SetDraft replaces the draft article; base, when not negative, must be
// the current version (else ErrDraftConflict). It returns the new version.
func (s *Session) SetDraft(text string, base int) (int, error) {
	s.mu.Lock()
	if base >= 0 && base != s.draftV {
		v := s.draftV
		s.mu.Unlock()
		return v, ErrDraftConflict
	}
	if !s.status.Active() || s.status == StatusStopping {
		s.mu.Unlock()
		return s.draftV, ErrEnded
	}
	s.draft = text
	s.draftV++
	v := s.draftV
	m := s.metaLocked()
	s.changedLocked()
	s.mu.Unlock()
	s.recog.SetArticle(text)
	if err := s.rec.writeMeta(m); err != nil {
		s.m.log.Warn("live: draft not saved with the recording", "session", s.id, "error", err)
	}
	s.kickQuotes()
	return v, nil
}

// ErrDraftConflict is a draft edit made on an older version.
var ErrDraftConflict = errors.New("live session: the draft was changed meanwhile")

func (s *Session) metaLocked() meta {
	return meta{ID: s.id, ArticleID: s.article, Draft: s.draft, Language: s.language, Prompt: s.prompt,
		Callback: s.callback, Source: s.source, CreatedAt: s.created.UnixMilli()}
}

// Draft is the current draft.
func (s *Session) Draft() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.draft
}

// Audio returns the recorded samples from from to to (seconds).
func (s *Session) Audio(from, to float64) ([]byte, error) {
	const rate = transcribe.SampleRate
	samples, err := s.rec.ReadRange(int64(from*rate), int64(to*rate))
	if err != nil {
		return nil, err
	}
	return wavBytes(samples), nil
}

// Stop ends the session (no more audio) and waits until it has become a
// job or ctx is done; it returns the session's state then.
func (s *Session) Stop(ctx context.Context) (Info, error) {
	s.stop(nil)
	select {
	case <-s.done:
		return s.Info(), nil
	case <-ctx.Done():
		return s.Info(), ctx.Err()
	}
}

// errStopped is the cause of a session stopped on request.
var errStopped = errors.New("stopped")

// stop ends the intake; why (nil: stopped on request) is kept as the
// session's error.
func (s *Session) stop(why error) {
	if why == nil {
		why = errStopped
	}
	s.mu.Lock()
	if s.ctx.Err() == nil {
		if why != errStopped && s.errMsg == "" {
			s.errMsg = why.Error()
		}
		if s.status.Active() {
			s.status = StatusStopping
			s.changedLocked()
		}
		if s.grace != nil {
			s.grace.Stop()
		}
	}
	s.mu.Unlock()
	s.cancel(why)
}

// kickQuotes asks for a new quotation check.
func (s *Session) kickQuotes() {
	select {
	case s.quoteQ <- struct{}{}:
	default:
	}
}

// run is the recognition loop: a step whenever enough audio has arrived,
// then, once the intake has stopped, the last pass and the hand-over.
func (s *Session) run() {
	for {
		select {
		case <-s.ctx.Done():
			s.finish()
			return
		case <-s.wake:
		}
		for s.recog.Due() && s.ctx.Err() == nil {
			up, err := s.recog.Step(s.ctx)
			if err != nil {
				if s.ctx.Err() == nil {
					s.m.log.Warn("live: recognition pass failed", "session", s.id, "error", err)
				}
				break
			}
			s.publish(up)
		}
	}
}

// passTimeout bounds the last pass of a stopped session.
const passTimeout = 2 * time.Minute

// finish runs the last pass, the last check, and hands the recording over.
func (s *Session) finish() {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(s.ctx), passTimeout)
	defer cancel()
	if up, err := s.recog.Flush(ctx); err != nil {
		s.m.log.Warn("live: last pass failed", "session", s.id, "error", err)
	} else {
		s.publish(up)
	}
	s.checkQuotes()
	s.m.handOver(s)
}

// publish applies a step's update and wakes the watchers.
func (s *Session) publish(up Update) {
	if !up.Changed() && len(up.Tentative) == 0 {
		s.mu.Lock()
		s.heard = max(s.heard, up.Heard)
		s.mu.Unlock()
		return
	}
	now := time.Now()
	s.mu.Lock()
	for _, w := range up.Final {
		end := int64(w.End * transcribe.SampleRate)
		i := sort.Search(len(s.arrivals), func(i int) bool { return s.arrivals[i].at >= end })
		if i < len(s.arrivals) {
			s.lags = append(s.lags, now.Sub(s.arrivals[i].when).Seconds())
		}
	}
	// Arrivals before the window are no longer needed.
	if n := len(s.finals) + len(up.Final); n > 0 {
		var last float64
		if len(up.Final) > 0 {
			last = up.Final[len(up.Final)-1].End
		} else {
			last = s.finals[n-1].End
		}
		cut := sort.Search(len(s.arrivals), func(i int) bool { return s.arrivals[i].at >= int64(last*transcribe.SampleRate) })
		if cut > 1024 {
			s.arrivals = append(s.arrivals[:0:0], s.arrivals[cut:]...)
		}
	}
	s.finals = append(s.finals, up.Final...)
	s.tentative = up.Tentative
	s.heard = max(s.heard, up.Heard)
	s.captions++
	s.changedLocked()
	s.mu.Unlock()
	if len(up.Final) > 0 {
		s.kickQuotes()
	}
}

// quoteEvery is the least time between two quotation checks of a session.
const quoteEvery = time.Second

// checkLoop re-checks the draft's quotations when the finals or the draft
// change, at most once every quoteEvery.
func (s *Session) checkLoop() {
	for {
		select {
		case <-s.ctx.Done():
			return
		case <-s.quoteQ:
		}
		s.checkQuotes()
		select {
		case <-s.ctx.Done():
			return
		case <-time.After(quoteEvery):
		}
	}
}

// checkQuotes runs the check on the finals so far.
func (s *Session) checkQuotes() {
	if s.m.deps.Check == nil {
		return
	}
	s.mu.Lock()
	draft, finals, lang := s.draft, s.finals, s.language
	s.mu.Unlock()
	if draft == "" {
		return
	}
	qs, err := s.m.deps.Check(Transcript(finals, lang), draft)
	if err != nil {
		s.m.log.Warn("live: quotation check failed", "session", s.id, "error", err)
		return
	}
	s.mu.Lock()
	if s.draft == draft {
		s.quotes = qs
		s.quotesV++
		s.changedLocked()
	}
	s.mu.Unlock()
}
