//go:build whisper

package api_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
)

// sharedWhisper returns ../shared/whisper/name from the repository root (in
// a linked git worktree, beside the main checkout), or skips when absent.
func sharedWhisper(t *testing.T, name string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..")
	p := filepath.Join(root, "..", "shared", "whisper", name)
	if b, err := os.ReadFile(filepath.Join(root, ".git")); err == nil {
		gitdir := strings.TrimSpace(strings.TrimPrefix(string(b), "gitdir:"))
		if i := strings.Index(gitdir, "/.git/"); i >= 0 {
			if alt := filepath.Join(gitdir[:i], "..", "shared", "whisper", name); fileExists(alt) && !fileExists(p) {
				p = alt
			}
		}
	}
	if _, err := os.Stat(p); err != nil {
		t.Skipf("whisper test asset %s absent (../shared/whisper): %v", name, err)
	}
	return p
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// newsscribeBinary builds the product binary with the whisper engine.
func newsscribeBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("process test skipped in -short mode")
	}
	bin := filepath.Join(t.TempDir(), "newsscribe")
	out, err := exec.Command("go", "build", "-tags", "whisper", "-o", bin, "github.com/newsscribe/newsscribe/cmd/newsscribe").CombinedOutput()
	if err != nil {
		t.Fatalf("go build -tags whisper: %v\n%s", err, out)
	}
	return bin
}

// TestServeWhisperKill9 runs `newsscribe serve` with the real whisper.cpp
// engine and a stub model (real compute cost, no trained weights), kills it
// with SIGKILL while it transcribes, restarts it, and checks that the job
// completes and its transcript downloads.
func TestServeWhisperKill9(t *testing.T) {
	model := sharedWhisper(t, "for-tests-ggml-tiny.bin")
	jfk := sharedWhisper(t, "jfk.wav")
	bin := newsscribeBinary(t)
	clip, err := audio.DecodeFile(t.Context(), jfk, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 66 s of speech: three 30 s windows.
	var long []float32
	for i := 0; i < 6; i++ {
		long = append(long, clip.Samples...)
	}
	in := filepath.Join(t.TempDir(), "speech.wav")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := audio.WriteWAV(f, long); err != nil {
		t.Fatal(err)
	}
	f.Close()
	data, _ := os.ReadFile(in)

	dir := t.TempDir()
	args := []string{"--data-dir", dir, "--model", model, "--vad-model", ""}
	p := startBinary(t, []string{bin, "serve"}, args...)
	p.waitReady(t)
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
			break
		}
		if cur.Status == "done" || time.Now().After(deadline) {
			t.Fatalf("job not caught running: %+v", cur)
		}
		time.Sleep(20 * time.Millisecond)
	}
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
