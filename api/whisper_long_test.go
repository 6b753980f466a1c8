//go:build whisper

package api_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe"
)

// chunkStarts counts the chunk recognitions a process logged.
func chunkStarts(p *proc) int { return len(p.started()) }

// tenMinutesOfJFK writes 10 minutes of jfk.wav said over and over with 2 s
// pauses to a WAV file and returns its path.
func tenMinutesOfJFK(t *testing.T) string {
	t.Helper()
	clip, err := audio.DecodeFile(t.Context(), sharedWhisper(t, "jfk.wav"), audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rec []float32
	for len(rec) < 600*transcribe.SampleRate {
		rec = append(rec, clip.Samples...)
		rec = append(rec, make([]float32, 2*transcribe.SampleRate)...)
	}
	path := filepath.Join(t.TempDir(), "ten-minutes.wav")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := audio.WriteWAV(f, rec[:600*transcribe.SampleRate]); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestMeasureWhisperTwoServers (NEWSSCRIBE_MEASURE=1): the product binary
// with whisper.cpp (tiny stub model, Silero VAD), one 10-minute recording,
// --threads 1 --workers 1: one server alone, then two servers on one
// PostgreSQL queue sharing one S3 bucket with a data directory each (with
// NEWSSCRIBE_TEST_S3), else sharing a data directory. Reports the wall-time
// ratio; issue 13 asks ≤ 0.6.
func TestMeasureWhisperTwoServers(t *testing.T) {
	if os.Getenv("NEWSSCRIBE_MEASURE") == "" {
		t.Skip("measurement: set NEWSSCRIBE_MEASURE=1")
	}
	model := sharedWhisper(t, "for-tests-ggml-tiny.bin")
	vad := sharedWhisper(t, "for-tests-silero-v6.2.0-ggml.bin")
	bin := newsscribeBinary(t)
	wavPath := tenMinutesOfJFK(t)
	// With NEWSSCRIBE_TEST_S3 (.ci/seaweedfs) the servers share a bucket
	// and each has a data directory of its own, as in a deployment.
	bucket := os.Getenv("NEWSSCRIBE_TEST_S3")
	run := func(n int) (time.Duration, []int) {
		store := ""
		if bucket != "" {
			u, err := url.Parse(bucket)
			if err != nil {
				t.Fatal(err)
			}
			u.Path = fmt.Sprintf("/measure-%d-%d", n, time.Now().UnixNano())
			store = u.String()
		}
		wall, per, _ := shareRecording(t, n, wavPath, func(shared, dsn string) *proc {
			args := []string{"--data-dir", shared, "--database", dsn, "--model", model,
				"--vad-model", vad, "--chunk-length", "60s", "--workers", "1", "--threads", "1"}
			if store != "" {
				args = append(args, "--blob-store", store)
				args[1] = t.TempDir()
			}
			return startBinary(t, []string{bin, "serve"}, args...)
		})
		return wall, per
	}
	one, _ := run(1)
	two, per := run(2)
	where := "a shared data directory"
	if bucket != "" {
		where = "one S3 bucket, separate data directories"
	}
	t.Logf("whisper tiny stub + Silero, 10 min, --threads 1, %s: one server %.1f s, two servers %.1f s: %.2f×; chunks per server %v (load %s)",
		where, one.Seconds(), two.Seconds(), two.Seconds()/one.Seconds(), per, loadavg())
}

func loadavg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	return string(b[:min(len(b), 14)])
}

// TestMeasureWhisperKill9Chunked (NEWSSCRIBE_MEASURE=1): the product binary
// with whisper.cpp (tiny stub model) and the real Silero VAD, a 10-minute
// recording (jfk.wav with pauses) cut into 1-minute chunks on 2 workers ×
// 1 thread, killed with SIGKILL at ~60 %: after a restart the job is done
// and the chunk recognitions are at most chunks + chunks in flight.
func TestMeasureWhisperKill9Chunked(t *testing.T) {
	if os.Getenv("NEWSSCRIBE_MEASURE") == "" {
		t.Skip("measurement: set NEWSSCRIBE_MEASURE=1")
	}
	model := sharedWhisper(t, "for-tests-ggml-tiny.bin")
	vad := sharedWhisper(t, "for-tests-silero-v6.2.0-ggml.bin")
	bin := newsscribeBinary(t)
	wavPath := tenMinutesOfJFK(t)
	dir := t.TempDir()
	args := []string{"--data-dir", dir, "--model", model, "--vad-model", vad, "--chunk-length", "60s", "--workers", "2", "--threads", "1"}
	p := startBinary(t, []string{bin, "serve"}, args...)
	p.waitReady(t)
	began := time.Now()
	j := uploadFile(t, p, wavPath)
	killAt(t, p, j.ID, 60, 20*time.Minute)
	killedAt := time.Since(began)
	total, done := chunkCounts(t, dir, j.ID)
	begun := chunkStarts(p)
	inFlight := begun - done
	p2 := startBinary(t, []string{bin, "serve"}, args...)
	if got := p2.waitJobFor(t, j.ID, 30*time.Minute); got.Status != "done" {
		t.Fatalf("after restart: %+v", got)
	}
	after := chunkStarts(p2)
	t.Logf("whisper tiny stub + Silero, 10 min, %d chunks: killed after %.0f s with %d done, %d in flight; %d recognitions in all (%d after the restart); done %.0f s after the start",
		total, killedAt.Seconds(), done, inFlight, begun+after, after, time.Since(began).Seconds())
	if begun+after > total+inFlight {
		t.Errorf("%d recognitions, want ≤ %d chunks + %d in flight", begun+after, total, inFlight)
	}
	if after != total-done {
		t.Errorf("%d recognitions after the restart, want %d", after, total-done)
	}
}
