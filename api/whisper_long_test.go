//go:build whisper

package api_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe"
)

// chunkStarts counts the chunk recognitions a process logged.
func chunkStarts(p *proc) int { return len(p.started()) }

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
	clip, err := audio.DecodeFile(t.Context(), sharedWhisper(t, "jfk.wav"), audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var rec []float32
	for len(rec) < 600*transcribe.SampleRate {
		rec = append(rec, clip.Samples...)
		rec = append(rec, make([]float32, 2*transcribe.SampleRate)...)
	}
	rec = rec[:600*transcribe.SampleRate]
	wavPath := filepath.Join(t.TempDir(), "ten-minutes.wav")
	f, err := os.Create(wavPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := audio.WriteWAV(f, rec); err != nil {
		t.Fatal(err)
	}
	f.Close()
	dir := t.TempDir()
	args := []string{"--data-dir", dir, "--model", model, "--vad-model", vad, "--chunk-length", "60s", "--workers", "2", "--threads", "1"}
	p := startBinary(t, []string{bin, "serve"}, args...)
	p.waitReady(t)
	began := time.Now()
	j := uploadFile(t, p, wavPath)
	for deadline := time.Now().Add(20 * time.Minute); ; {
		var cur chunkedJob
		p.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cur)
		if cur.Status == "done" {
			t.Fatal("job finished before the kill")
		}
		if cur.Progress >= 60 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("job at %d%% after 20 min", cur.Progress)
		}
		time.Sleep(100 * time.Millisecond)
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
	p.cmd.Wait()
	killedAt := time.Since(began)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "newsscribe.db"))
	if err != nil {
		t.Fatal(err)
	}
	var total, done int
	if err := db.QueryRow(`SELECT COUNT(*), SUM(CASE WHEN status = 'done' THEN 1 ELSE 0 END) FROM ns_chunks WHERE job_id = ?`, j.ID).Scan(&total, &done); err != nil {
		t.Fatal(err)
	}
	db.Close()
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
