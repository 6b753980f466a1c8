package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// childArgsEnv carries the command line of TestTranscribeChildProcess.
const childArgsEnv = "NEWSSCRIBE_TRANSCRIBE_CHILD"

// TestTranscribeChildProcess is the transcribe command with the scripted
// engine in a process of its own, for TestMeasureTranscribeRSS; it is
// skipped unless that test starts it.
func TestTranscribeChildProcess(t *testing.T) {
	raw := os.Getenv(childArgsEnv)
	if raw == "" {
		t.Skip("run by TestMeasureTranscribeRSS")
	}
	var args []string
	if err := json.Unmarshal([]byte(raw), &args); err != nil {
		t.Fatal(err)
	}
	// One segment per recognition; nothing of the samples is kept.
	eng := &transcribetest.Scripted{Steps: 2, Result: func(s []float32, o transcribe.Options) (*transcribe.Transcript, error) {
		d := float64(len(s)) / transcribe.SampleRate
		seg := transcribe.Segment{End: d, Text: "نص", Words: []transcribe.Word{{Word: "نص", End: d, Probability: 1}}}
		return &transcribe.Transcript{Language: "ar", Duration: d, Segments: []transcribe.Segment{seg}}, nil
	}}
	if err, _, stderr := executeCtx(context.Background(), t, eng, args...); err != nil {
		t.Fatalf("%v (%s)", err, stderr)
	}
}

// TestMeasureTranscribeRSS (NEWSSCRIBE_MEASURE=1, minutes): the peak
// resident memory of the transcribe command's process (ffmpeg, a process of
// its own, not counted) on a 10-minute and a 60-minute MP3 of tone and
// pauses, with the scripted engine. The chunked pipeline keeps one decoding
// window and one chunk in memory, so the two should be alike; decoding the
// whole recording at once needed 4 bytes per sample (230 MB an hour).
func TestMeasureTranscribeRSS(t *testing.T) {
	if os.Getenv("NEWSSCRIBE_MEASURE") == "" {
		t.Skip("measurement: set NEWSSCRIBE_MEASURE=1")
	}
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
	dir := t.TempDir()
	model := tinyModel(t, dir)
	rss := map[int]int64{}
	for _, minutes := range []int{10, 60} {
		mp3 := filepath.Join(dir, fmt.Sprintf("talk-%d.mp3", minutes))
		// 5 s of tone, 2 s of silence: pauses to cut at.
		gen := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
			fmt.Sprintf("aevalsrc=exprs='0.3*sin(2*PI*300*t)*lt(mod(t\\,7)\\,5)':s=16000:d=%d", minutes*60),
			"-ac", "1", "-b:a", "32k", mp3)
		if out, err := gen.CombinedOutput(); err != nil {
			t.Fatalf("make %s: %v %s", mp3, err, out)
		}
		args, _ := json.Marshal([]string{"--model", model, "--models-dir", dir, "--cache-dir", filepath.Join(dir, "cache"), mp3})
		cmd := exec.Command(os.Args[0], "-test.run=^TestTranscribeChildProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), childArgsEnv+"="+string(args))
		began := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%d min: %v\n%s", minutes, err, out)
		}
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		rss[minutes] = ru.Maxrss // KiB on Linux
		var tr transcribe.Transcript
		b, err := os.ReadFile(strings.TrimSuffix(mp3, ".mp3") + ".json")
		if err != nil || json.Unmarshal(b, &tr) != nil {
			t.Fatalf("%d min: no transcript (%v)", minutes, err)
		}
		t.Logf("%d-minute MP3: peak RSS %.1f MiB, %d chunks, %.1f s of audio, %.1f s wall",
			minutes, float64(ru.Maxrss)/1024, len(tr.Segments), tr.Duration, time.Since(began).Seconds())
	}
	ratio := float64(rss[60]) / float64(rss[10])
	t.Logf("60-minute / 10-minute peak RSS: %.2f×", ratio)
	if ratio > 1.5 {
		t.Errorf("peak RSS grows with the recording: %.2f× for 6× the length", ratio)
	}
}
