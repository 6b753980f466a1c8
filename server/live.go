package server

import (
	"context"
	"log/slog"
	"path/filepath"
	"runtime"
	"time"

	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/pipeline"
)

// newLive builds the live sessions' manager of cfg (nil when cfg.Live
// turns live mode off): recordings in DataDir/live, sessions no longer than
// MaxDuration, the server's pipeline for recognition and VAD, its aligner's
// check for quotations. The newsroom attaches itself as the job path.
func newLive(cfg Config, p *pipeline.Pipeline, log *slog.Logger) (*live.Manager, error) {
	lc := cfg.Live
	if lc.Sessions < 0 {
		return nil, nil
	}
	lc.Dir = filepath.Join(cfg.DataDir, "live")
	lc.MaxDuration = cfg.MaxDuration
	lc.Sources.FFmpegPath = cfg.FFmpegPath
	if lc.Window.Threads == 0 {
		lc.Window.Threads = threadsPerWorker(cfg)
	}
	return live.NewManager(lc, live.Deps{Engine: p, Ready: p.Ready, Check: live.AlignChecker(cfg.Pipeline.Align), Logger: log.With("component", "live")})
}

// liveStates is the whisper states live sessions need: one each.
func liveStates(cfg Config) int { return max(cfg.Live.Sessions, 0) }

// threadsPerWorker is Config.Threads, or its default: the CPUs divided by
// the workers (1–8). It is set on the pipeline explicitly because the
// engine's own default divides by its states, which live sessions add to.
func threadsPerWorker(cfg Config) int {
	if cfg.Threads > 0 {
		return cfg.Threads
	}
	return min(max(runtime.NumCPU()/max(cfg.Workers, 1), 1), 8)
}

// recoverLive hands the queue the recordings of live sessions that a
// server which stopped (or died) left in the data directory: now, and
// every live.RecoverAge after until ctx is done, those untouched for
// live.RecoverAge (with a shared data directory, another server's running
// session is not taken).
func (s *Server) recoverLive(ctx context.Context) {
	if s.live == nil {
		return
	}
	go func() {
		for {
			jobs, err := s.live.Recover(ctx, live.RecoverAge)
			if err != nil && ctx.Err() == nil {
				s.log.Error("live recordings of an earlier run not transcribed; they stay in the data directory's live/", "error", err)
			}
			if len(jobs) > 0 {
				s.log.Info("live recordings of an earlier run queued", "transcriptions", jobs)
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(live.RecoverAge):
			}
		}
	}()
}

// EndLive ends the live sessions, waiting until ctx is done for each
// one's recording to reach the queue (one that does not is kept for the
// next start); no session starts afterwards. Run calls it before the HTTP
// server shuts down, so that the sessions' event streams end; Stop calls
// it too.
func (s *Server) EndLive(ctx context.Context) error {
	if s.live == nil {
		return nil
	}
	err := s.live.Close(ctx)
	if err != nil {
		s.log.Warn("live sessions still finishing at shutdown; their recordings are kept for the next start", "error", err)
	}
	return err
}
