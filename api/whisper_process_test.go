//go:build whisper

package api_test

import (
	"bytes"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// sharedWhisper returns ../shared/whisper/name, or skips when absent.
func sharedWhisper(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join(transcribetest.Shared(t, "whisper", name), name)
}

var (
	whisperBuildOnce sync.Once
	whisperBin       string
	whisperBuildErr  error
)

// newsscribeBinary builds the product binary with the whisper engine, once.
func newsscribeBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	whisperBuildOnce.Do(func() {
		whisperBin, whisperBuildErr = goBuild("newsscribe", "github.com/newsscribe/newsscribe/cmd/newsscribe", "-tags", "whisper")
	})
	if whisperBuildErr != nil {
		t.Fatal(whisperBuildErr)
	}
	return whisperBin
}

// TestServeWhisperKill9 runs `newsscribe serve` with the real whisper.cpp
// engine and a stub model (real compute cost, no trained weights), kills it
// with SIGKILL while it transcribes, restarts it, and checks that the job
// completes and its transcript downloads.
func TestServeWhisperKill9(t *testing.T) {
	model := sharedWhisper(t, "for-tests-ggml-tiny.bin")
	bin := newsscribeBinary(t)
	data := longSpeech(t)

	dir := t.TempDir()
	args := []string{"--data-dir", dir, "--model", model, "--vad-model", ""}
	p := startBinary(t, []string{bin, "serve"}, args...)
	p.waitReady(t)
	j := uploadAndWaitRunning(t, p, data)
	time.Sleep(500 * time.Millisecond)
	killed := time.Now()
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
	p.cmd.Wait()

	p2 := startBinary(t, []string{bin, "serve"}, args...)
	got := p2.waitJobFor(t, j.ID, 3*time.Minute)
	if got.Status != "done" {
		t.Fatalf("after restart: got %+v, want done", got)
	}
	t.Logf("whisper (tiny stub model, 66 s audio): killed mid-job, done %.1fs after the kill", time.Since(killed).Seconds())
	for _, format := range []string{"json", "srt", "vtt", "txt"} {
		if r := p2.do(t, "GET", "/v1/transcriptions/"+j.ID+"/transcript?format="+format, nil, ""); r.status != 200 {
			t.Errorf("transcript %s: got %d %s", format, r.status, r.body)
		}
	}
	if r := p2.do(t, "GET", "/metrics", nil, ""); r.status != 200 {
		t.Errorf("metrics: %d", r.status)
	}
}

// TestServeWhisperCancel cancels a job while whisper.cpp runs it: the
// worker must return (whisper's abort callback honours the context) long
// before the transcription would have finished. The bound, 45 s, is a
// fraction of what the rest of the recording takes with the small model
// (the tiny one, a fifth of its compute, needs 15–30 s for all of it), and
// leaves room for a machine shared with other work, which stretches one
// encoder pass (the abort's granularity) from 2–5 s to 10–20 s.
func TestServeWhisperCancel(t *testing.T) {
	model := sharedWhisper(t, "for-tests-ggml-small.bin")
	bin := newsscribeBinary(t)
	data := longSpeech(t)
	p := startBinary(t, []string{bin, "serve"}, "--data-dir", t.TempDir(), "--model", model, "--vad-model", "")
	p.waitReady(t)
	j := uploadAndWaitRunning(t, p, data)
	time.Sleep(time.Second)
	began := time.Now()
	if r := p.do(t, "DELETE", "/v1/transcriptions/"+j.ID, nil, ""); r.status != 200 {
		t.Fatalf("DELETE: got %d %s", r.status, r.body)
	}
	for !p.logged("job canceled") {
		if time.Since(began) > 45*time.Second {
			t.Fatal("the worker did not return within 45 s of DELETE")
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Logf("whisper (small stub model): DELETE mid-transcription, worker returned %.2fs later", time.Since(began).Seconds())
}

// uploadAndWaitRunning submits data and waits until a worker runs it.
func uploadAndWaitRunning(t *testing.T, p *proc, data []byte) jobView {
	t.Helper()
	r := p.upload(t, "/v1/transcriptions", data, map[string]string{"language": "en"})
	if r.status != 202 {
		t.Fatalf("POST: got %d %s", r.status, r.body)
	}
	var j jobView
	r.json(t, &j)
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var cur jobView
		p.do(t, "GET", "/v1/transcriptions/"+j.ID, nil, "").json(t, &cur)
		if cur.Status == "running" {
			return j
		}
		if cur.Status == "done" || time.Now().After(deadline) {
			t.Fatalf("job not caught running: %+v", cur)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// longSpeech returns 66 s of speech (jfk.wav six times) as a WAV file's
// bytes: three 30 s windows of work for whisper.
func longSpeech(t *testing.T) []byte {
	t.Helper()
	clip, err := audio.DecodeFile(t.Context(), sharedWhisper(t, "jfk.wav"), audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var long []float32
	for i := 0; i < 6; i++ {
		long = append(long, clip.Samples...)
	}
	var b bytes.Buffer
	if err := audio.WriteWAV(&b, long); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
