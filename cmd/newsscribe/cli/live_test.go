package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
	"github.com/newsscribe/newsscribe/live/livetest"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestLiveCommand follows an HLS stream served on loopback and prints the
// final captions as they come, one line per step with the time of its
// first word; --record keeps the audio; a loopback stream needs
// --allow-private; an existing --record file is never overwritten.
func TestLiveCommand(t *testing.T) {
	words := strings.Fields("قال الوزير إن الحكومة ستعمل على تحسين الخدمات")
	samples, _ := transcribetest.ToneSpeech(len(words), 4, 0.5)
	length := float64(len(samples)) / audio.SampleRate
	srv := livetest.HLSServer(t, samples, livetest.HLS{Type: "EVENT", Speed: 4})
	dir := t.TempDir()
	model := tinyModel(t, dir)
	rec := filepath.Join(dir, "speech.wav")
	run := func(args ...string) (string, string, error) {
		var out, errw bytes.Buffer
		cmd := cli.LiveCmdWithEngine(cli.Streams{Out: &out, Err: &errw}, &transcribetest.Scripted{Steps: 1, Result: transcribetest.Tones(words)})
		cmd.SetArgs(append([]string{"--model", model, "--models-dir", dir, "--no-vad"}, args...))
		cmd.SetOut(&out)
		cmd.SetErr(&errw)
		err := cmd.ExecuteContext(context.Background())
		return out.String(), errw.String(), err
	}
	url := srv.URL + "/live/out.m3u8"
	if _, _, err := run(url); err == nil || !strings.Contains(err.Error(), "--allow-private") {
		t.Fatalf("a loopback stream without --allow-private: %v, want a refusal naming the flag", err)
	}
	out, _, err := run("--allow-private", "--record", rec, url)
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		stamp, text, ok := strings.Cut(line, "] ")
		if !ok || !strings.HasPrefix(stamp, "[00:") {
			t.Fatalf("line %q: want [mm:ss.s] words", line)
		}
		said = append(said, strings.Fields(text)...)
	}
	if got, want := strings.Join(said, " "), strings.Join(words, " "); got != want {
		t.Errorf("captions %q, want %q", got, want)
	}
	f, err := os.Open(rec)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	clip, err := audio.Decode(context.Background(), f, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := clip.Duration(); d < length-0.2 || d > length+0.3 {
		t.Errorf("recorded %.2f s, want %.2f", d, length)
	}
	before, _ := os.ReadFile(rec)
	if _, _, err := run("--allow-private", "--record", rec, url); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("--record over an existing file: %v, want a refusal", err)
	}
	if after, _ := os.ReadFile(rec); !bytes.Equal(before, after) {
		t.Error("the existing recording was changed")
	}
}
