package cli_test

import (
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestClipCommand cuts quotation 1 of an aligned article out of a
// recording as MP3, and a span of the transcript as a 9:16 video; the
// files last the snapped spans and no temporary file is left.
func TestClipCommand(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
	dir, tp, ap := writeAlignInputs(t)
	aligned := filepath.Join(dir, "aligned.json")
	if code, _, stderr := run(t, nil, "align", "--transcript", tp, "--article", ap, "-o", aligned); code != 0 {
		t.Fatalf("align: exit %d: %s", code, stderr)
	}
	rec := filepath.Join(dir, "talk.wav")
	b, err := os.ReadFile(transcribetest.Testdata("arabic-espeak.wav"))
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	if err := os.WriteFile(rec, b, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		out  string
		want float64 // seconds
	}{
		// The quotation's words run 0–4.35 s (writeAlignInputs).
		{"quote mp3", []string{"clip", aligned, rec, "--quote", "1", "--format", "mp3"}, filepath.Join(dir, "talk-clip.mp3"), 4.35},
		// 0:01.0–2.1 snaps to the words at 0.8–1.15 … 2.0–2.35.
		{"span mp4", []string{"clip", tp, rec, "--from", "0:01", "--to", "2.1", "--aspect", "9:16", "--highlight", "-o", filepath.Join(dir, "v.mp4")}, filepath.Join(dir, "v.mp4"), 1.55},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := run(t, nil, tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if !strings.HasPrefix(stdout, "wrote "+tt.out+": ") {
				t.Errorf("stdout %q, want it to name %s", stdout, tt.out)
			}
			m, err := audio.ProbeMedia(context.Background(), tt.out, audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(m.Duration-tt.want) > 0.1 {
				t.Errorf("clip lasts %.3f s, want %.2f ± 0.1", m.Duration, tt.want)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary %s left in the output directory", e.Name())
		}
	}

	// The default output exists now: it is not replaced without --force.
	def := filepath.Join(dir, "talk-clip.mp3")
	before, _ := os.Stat(def)
	again := []string{"clip", aligned, rec, "--quote", "1", "--format", "mp3"}
	code, _, stderr := run(t, nil, again...)
	if code == 0 || !strings.Contains(stderr, def+" exists") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("second clip to the default output: exit %d, stderr %q; want a one-line refusal", code, stderr)
	}
	if after, _ := os.Stat(def); !after.ModTime().Equal(before.ModTime()) {
		t.Error("the default output was replaced")
	}
	if code, stdout, stderr := run(t, nil, append(again, "--force")...); code != 0 || !strings.HasPrefix(stdout, "wrote "+def) {
		t.Errorf("--force: exit %d, stdout %q (%s)", code, stdout, stderr)
	}
	// -o - is standard output.
	code, stdout, stderr := run(t, nil, append(again, "-o", "-")...)
	if code != 0 || len(stdout) < 1000 || !(strings.HasPrefix(stdout, "ID3") || stdout[0] == 0xff) || !strings.HasPrefix(stderr, "clip: ") {
		t.Errorf("-o -: exit %d, %d bytes on stdout, stderr %q; want the MP3 on stdout", code, len(stdout), stderr)
	}
}

// TestClipCommandErrors: bad flags fail at once with a one-line reason.
func TestClipCommandErrors(t *testing.T) {
	dir, tp, ap := writeAlignInputs(t)
	aligned := filepath.Join(dir, "aligned.json")
	if code, _, stderr := run(t, nil, "align", "--transcript", tp, "--article", ap, "-o", aligned); code != 0 {
		t.Fatalf("align: exit %d: %s", code, stderr)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no span", []string{tp, "r.wav"}, "give --quote N, or --from and --to"},
		{"both", []string{aligned, "r.wav", "--quote", "1", "--from", "1"}, "give --quote N, or --from and --to"},
		{"only from", []string{tp, "r.wav", "--from", "1"}, "give both --from and --to"},
		{"bad time", []string{tp, "r.wav", "--from", "1:75", "--to", "2"}, "--from: \"1:75\": want seconds (83.2) or m:ss (1:23.2)"},
		{"reversed", []string{tp, "r.wav", "--from", "3", "--to", "2"}, "want 0 ≤ from < to"},
		{"format", []string{tp, "r.wav", "--from", "1", "--to", "2", "--format", "wav"}, "want mp3, m4a or mp4"},
		{"aspect", []string{tp, "r.wav", "--from", "1", "--to", "2", "--aspect", "4:3"}, "want 16:9, 1:1 or 9:16"},
		{"captions on audio", []string{tp, "r.wav", "--from", "1", "--to", "2", "--format", "mp3", "--captions", "burn"}, "need format mp4"},
		{"quote of a transcript", []string{tp, "r.wav", "--quote", "1"}, "--quote needs an aligned article"},
		{"no such quote", []string{aligned, "r.wav", "--quote", "3"}, "no quotation 3: the article has 1"},
		{"no recording", []string{tp, filepath.Join(dir, "none.wav"), "--from", "1", "--to", "2"}, "recording:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, nil, append([]string{"clip"}, tt.args...)...)
			if code == 0 || !strings.Contains(stderr, tt.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("exit %d, stderr %q; want a failure saying %q in one line", code, stderr, tt.want)
			}
		})
	}
}
