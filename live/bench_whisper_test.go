//go:build whisper

package live_test

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// benchEngine spends what a live session's engine spends — whisper.cpp
// passes over the window (the shared stub models: real architecture and
// compute, no trained weights) and Silero VAD over the new audio — and takes
// the words and the speech/silence decisions from the tone script, since
// the stubs recognise nothing. Its passes decode almost no tokens, where a
// real model decodes ~1.5 tokens a word: the figures are a floor on
// the decoder's share (the encoder's 30-second window dominates a pass).
type benchEngine struct {
	real, script *pipeline.Pipeline
	stats        *passStats
}

// passStats counts the passes and their wall time.
type passStats struct {
	mu      sync.Mutex
	n       int
	seconds float64
}

func (e benchEngine) Recognize(ctx context.Context, samples []float32, opts transcribe.Options, p transcribe.ProgressFunc) (*transcribe.Transcript, error) {
	began := time.Now()
	if _, err := e.real.Recognize(ctx, samples, opts, nil); err != nil {
		return nil, err
	}
	e.stats.mu.Lock()
	e.stats.n++
	e.stats.seconds += time.Since(began).Seconds()
	e.stats.mu.Unlock()
	return e.script.Recognize(ctx, samples, opts, p)
}

func (e benchEngine) Speech(ctx context.Context, samples []float32) ([]whisper.Span, error) {
	if _, err := e.real.Speech(ctx, samples); err != nil {
		return nil, err
	}
	return e.script.Speech(ctx, samples)
}

func newBenchEngine(b *testing.B, model string, threads, contexts int) benchEngine {
	b.Helper()
	dir := transcribetest.Shared(b, "whisper", "for-tests-ggml-"+model+".bin", "for-tests-silero-v6.2.0-ggml.bin")
	real := pipeline.New(pipeline.Config{Model: filepath.Join(dir, "for-tests-ggml-"+model+".bin"),
		VADModel: filepath.Join(dir, "for-tests-silero-v6.2.0-ggml.bin"), VAD: pipeline.VADRequired,
		Threads: threads, Contexts: contexts})
	if err := real.Load(context.Background()); err != nil {
		b.Skipf("whisper.cpp engine: %v", err)
	}
	b.Cleanup(func() { real.Close() })
	eng := &transcribetest.Scripted{Steps: 1, Result: transcribetest.Tones(nil)}
	model2, _ := transcribetest.TinyModel(b.TempDir())
	script := pipeline.New(pipeline.Config{Model: model2, VAD: pipeline.VADOff,
		LoadEngine: func(context.Context, whisper.Config) (transcribe.Engine, io.Closer, error) { return eng, nil, nil }})
	if err := script.Load(context.Background()); err != nil {
		b.Fatal(err)
	}
	// Warm up: the first pass allocates the state's buffers and the first
	// VAD call loads Silero, which a server does once, not per session.
	warm, _ := transcribetest.ToneSpeech(4, 4, 0.5)
	if _, err := real.Recognize(context.Background(), warm, transcribe.Options{DisableVAD: true, TemperatureInc: -1, Threads: threads}, nil); err != nil {
		b.Fatal(err)
	}
	if _, err := real.Speech(context.Background(), warm); err != nil {
		b.Fatal(err)
	}
	return benchEngine{real: real, script: script, stats: &passStats{}}
}

type liveRun struct {
	lags        []float64 // seconds from a word's end being sent to it being final
	worst       []string  // the slowest words, "k@t:lag"
	early, late []float64 // the lags of the first and second half of the words
	cpu         float64   // CPU seconds of the process
	audio       float64   // seconds of audio sent, all sessions
	missing     int       // words never final
}

func cpuSeconds() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// runLive sends the speech into n browser sessions at once, in real time
// (a 100 ms frame every 100 ms), and times each word from the moment its
// last frame was sent to the moment it is final in the session's state —
// what the SSE stream then writes to the page.
func runLive(b *testing.B, eng live.Engine, n int, w live.Window) liveRun {
	b.Helper()
	m, err := live.NewManager(live.Config{Sessions: n, Dir: b.TempDir(), Window: w}, live.Deps{Engine: eng})
	if err != nil {
		b.Fatal(err)
	}
	m.Attach(&recorder{})
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		m.Close(ctx)
	}()
	// 64 words with a breath every eight (43 s), then the room goes on
	// for 3 s more, as a live microphone does.
	speech, spans := transcribetest.ToneSpeech(64, 8, 0.5)
	speech = append(speech, make([]float32, 3*transcribe.SampleRate)...)
	var (
		mu  sync.Mutex
		run liveRun
		wg  sync.WaitGroup
	)
	cpu0 := cpuSeconds()
	for range n {
		s, err := m.Start(context.Background(), live.Request{Browser: true})
		if err != nil {
			b.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			t0 := time.Now()
			done := make(chan struct{})
			go func() { // the watcher
				defer close(done)
				seen := 0
				for {
					snap := s.Snapshot(seen)
					now := time.Since(t0).Seconds()
					for _, fw := range snap.Finals {
						k := seen
						seen++
						if k >= len(spans) || fw.Word != transcribetest.ToneWord(k) {
							continue
						}
						lag := now - spans[k].End
						mu.Lock()
						run.lags = append(run.lags, lag)
						if lag > 4 {
							run.worst = append(run.worst, fmt.Sprintf("%d@%.1f:%.1f", k, spans[k].End, lag))
						}
						if k < len(spans)/2 {
							run.early = append(run.early, lag)
						} else {
							run.late = append(run.late, lag)
						}
						mu.Unlock()
					}
					if !snap.Info.Status.Active() {
						return
					}
					<-snap.Changed
				}
			}()
			const frame = transcribe.SampleRate / 10
			for i, seq := 0, uint64(0); i < len(speech); i, seq = i+frame, seq+1 {
				time.Sleep(time.Until(t0.Add(time.Duration(seq+1) * 100 * time.Millisecond)))
				if _, err := s.Frame(live.Frame{Seq: seq, Samples: speech[i:min(i+frame, len(speech))]}); err != nil {
					b.Error(err)
					return
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			info, _ := s.Stop(ctx)
			<-done
			mu.Lock()
			run.audio += info.AudioSeconds
			run.missing += len(spans) - info.FinalWords
			mu.Unlock()
		}()
	}
	wg.Wait()
	run.cpu = cpuSeconds() - cpu0
	return run
}

func report(b *testing.B, r liveRun, eng benchEngine) {
	if len(r.worst) > 0 {
		b.Logf("words final more than 4 s after they were said (word@end:lag): %v", r.worst)
	}
	eng.stats.mu.Lock()
	if eng.stats.n > 0 {
		b.ReportMetric(eng.stats.seconds/float64(eng.stats.n), "s/pass")
		b.ReportMetric(float64(eng.stats.n)/r.audio, "passes/audio-s")
	}
	eng.stats.n, eng.stats.seconds = 0, 0
	eng.stats.mu.Unlock()
	b.ReportMetric(live.Percentile(r.lags, 0.5), "lag-p50-s")
	b.ReportMetric(live.Percentile(r.lags, 0.95), "lag-p95-s")
	b.ReportMetric(live.Percentile(r.early, 0.95), "lag-p95-first-half-s")
	b.ReportMetric(live.Percentile(r.late, 0.95), "lag-p95-second-half-s")
	b.ReportMetric(r.cpu/r.audio, "cpu-s/audio-s")
	b.ReportMetric(float64(r.missing), "words-missing")
}

// BenchmarkLiveLag is one live session with whisper.cpp: the lag from a
// word spoken to its final caption, p50 and p95, and the CPU it costs, for
// the tiny and base stubs at 1 and 2 threads. Run it alone on the machine:
//
//	go test -tags whisper ./live -run '^$' -bench LiveLag -benchtime 1x
func BenchmarkLiveLag(b *testing.B) {
	for _, model := range []string{"tiny", "base"} {
		for _, threads := range []int{1, 2} {
			for _, short := range []bool{false, true} {
				name := fmt.Sprintf("%s/threads=%d", model, threads)
				if short {
					name += "/audio-ctx"
				}
				b.Run(name, func(b *testing.B) {
					eng := newBenchEngine(b, model, threads, 1)
					for range b.N {
						report(b, runLive(b, eng, 1, live.Window{Threads: threads, AudioContext: short}), eng)
					}
				})
			}
		}
	}
}

// BenchmarkLivePass is one recognition pass over a 10-second window, as a
// live session runs it: its wall time and CPU time, for the tiny and base
// stubs at 1 and 2 threads, over Whisper's whole 30 s or the window only
// (audio-ctx). A session runs at most one pass a second of speech.
func BenchmarkLivePass(b *testing.B) {
	speech, _ := transcribetest.ToneSpeech(16, 4, 0.5)
	win := speech[:10*transcribe.SampleRate]
	for _, model := range []string{"tiny", "base"} {
		for _, threads := range []int{1, 2} {
			for _, ctxFrames := range []int{0, 10*50 + 64} {
				name := fmt.Sprintf("%s/threads=%d/whole", model, threads)
				if ctxFrames > 0 {
					name = fmt.Sprintf("%s/threads=%d/audio-ctx", model, threads)
				}
				b.Run(name, func(b *testing.B) {
					eng := newBenchEngine(b, model, threads, 1)
					opts := transcribe.Options{Language: "ar", Threads: threads, DisableVAD: true, TemperatureInc: -1, AudioContext: ctxFrames}
					eng.real.Recognize(context.Background(), win, opts, nil) // warm up
					cpu0 := cpuSeconds()
					b.ResetTimer()
					for range b.N {
						if _, err := eng.real.Recognize(context.Background(), win, opts, nil); err != nil {
							b.Fatal(err)
						}
					}
					b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/pass")
				})
			}
		}
	}
}

// BenchmarkLiveSessions runs N sessions at once (one thread each) to find
// how many the machine keeps in real time: the lag of the second half of
// the speech stays near the first half's while it does, and grows once
// the passes fall behind the audio.
func BenchmarkLiveSessions(b *testing.B) {
	for _, model := range []string{"tiny", "base"} {
		for _, short := range []bool{false, true} {
			for _, n := range []int{1, 2, 3, 4} {
				if !short && n > 2 {
					continue // whole-window passes fall behind with two already
				}
				name := fmt.Sprintf("%s/sessions=%d", model, n)
				if short {
					name += "/audio-ctx"
				}
				b.Run(name, func(b *testing.B) {
					eng := newBenchEngine(b, model, 1, n)
					for range b.N {
						report(b, runLive(b, eng, n, live.Window{Threads: 1, AudioContext: short}), eng)
					}
				})
			}
		}
	}
}
