package cli_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
)

// openPTY returns the two ends of a new pseudo-terminal: what a person's
// terminal is to a command.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("skipping: no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { m.Close() })
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("skipping: unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("skipping: ptsname: %v", err)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("skipping: open the terminal: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return m, s
}

// runTo runs the command line with standard output on out.
func runTo(out *os.File, stdin []byte, args ...string) (code int, stderr string) {
	var errw bytes.Buffer
	code = cli.Run(context.Background(), args, bytes.NewReader(stdin), out, &errw)
	return code, errw.String()
}

// TestBinaryRefusesTerminal: a Word document or a WAV recording bound for
// standard output is refused when that is a terminal, with one line saying
// to give -o; /dev/null (a character device, but no terminal) takes it.
func TestBinaryRefusesTerminal(t *testing.T) {
	dir, tp, ap := writeAlignInputs(t)
	wav := filepath.Join(dir, "in.wav")
	os.WriteFile(wav, toneWAV(16000, 1), 0o644)
	_, tty := openPTY(t)
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"align docx", []string{"align", "--transcript", tp, "--article", ap, "--format", "docx"}},
		{"align docx -o -", []string{"align", "--transcript", tp, "--article", ap, "--format", "docx", "-o", "-"}},
		{"audio convert -", []string{"audio", "convert", wav, "-"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stderr := runTo(tty, nil, tc.args...)
			if code == 0 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "standard output is a terminal: give -o FILE") {
				t.Errorf("to a terminal: exit %d, stderr %q; want a one-line refusal", code, stderr)
			}
			if code, stderr := runTo(devNull, nil, tc.args...); code != 0 {
				t.Errorf("to /dev/null: exit %d, stderr %q; want it written", code, stderr)
			}
		})
	}
	// transcribe refuses before any work: from standard input (whose output
	// is standard output) or with -o -.
	eng := scripted()
	var errw bytes.Buffer
	cmd := cli.TranscribeCmdWithEngine(cli.Streams{In: bytes.NewReader(toneWAV(16000, 1)), Out: tty, Err: &errw}, eng, true, nil)
	cmd.SetArgs([]string{"--model", tinyModel(t, dir), "--format", "docx", "-"})
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	if err := cmd.ExecuteContext(context.Background()); err == nil || !strings.Contains(err.Error(), "standard output is a terminal") || eng.Calls() != 0 {
		t.Errorf("transcribe --format docx - to a terminal: %v after %d recognitions; want a refusal before any", err, eng.Calls())
	}
	// Text formats still go to a terminal.
	if code, stderr := runTo(tty, nil, "align", "--transcript", tp, "--article", ap, "--format", "report"); code != 0 {
		t.Errorf("report to a terminal: exit %d (%s)", code, stderr)
	}
}

// TestAudioConvertToStdout: "-" as OUT is standard output, as "-" as IN is
// standard input (no file named "-" appears): a streamed WAV that this
// package and ffmpeg read back whole.
func TestAudioConvertToStdout(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	in := filepath.Join(dir, "in.wav")
	os.WriteFile(in, toneWAV(44100, 1.5), 0o644)
	code, stdout, stderr := run(t, nil, "audio", "convert", in, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "-")); err == nil {
		t.Error(`a file named "-" was written`)
	}
	b := []byte(stdout)
	if len(b) != 44+2*24000 || string(b[:4]) != "RIFF" || binary.LittleEndian.Uint32(b[40:]) != 0xffffffff {
		t.Fatalf("got %d bytes (header % x), want a streamed 16 kHz WAV of 1.5 s", len(b), b[:min(len(b), 44)])
	}
	clip, err := audio.Decode(context.Background(), bytes.NewReader(b), audio.Options{})
	if err != nil || len(clip.Samples) != 24000 {
		t.Fatalf("read back: %v", err)
	}
	if _, err := exec.LookPath("ffmpeg"); err == nil {
		cmd := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-i", "pipe:0", "-f", "s16le", "pipe:1")
		cmd.Stdin = bytes.NewReader(b)
		pcm, err := cmd.Output()
		if err != nil || len(pcm) != 2*24000 {
			t.Errorf("ffmpeg reads %d bytes of samples (%v), want %d", len(pcm), err, 2*24000)
		}
	}
	// Standard input to standard output.
	code, stdout, _ = run(t, toneWAV(16000, 1), "audio", "convert", "-", "-")
	if code != 0 || len(stdout) != 44+2*16000 {
		t.Errorf("- to -: exit %d, %d bytes", code, len(stdout))
	}
}

// TestTruncatedMP3Warns: an MP3 cut off after 20 KB (its header still
// declares 30 s) converts and probes what is there, with a warning that it
// was cut short; probe's JSON says so too.
func TestTruncatedMP3Warns(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg not installed (make deps)")
	}
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.mp3")
	if out, err := exec.Command("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "sine=f=440:d=30",
		"-ac", "1", "-ar", "22050", "-b:a", "64k", whole).CombinedOutput(); err != nil {
		t.Fatalf("%v %s", err, out)
	}
	b, _ := os.ReadFile(whole)
	cut := filepath.Join(dir, "cut.mp3")
	os.WriteFile(cut, b[:20000], 0o644)

	code, stdout, stderr := run(t, nil, "audio", "probe", cut)
	if code != 0 {
		t.Fatalf("probe: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "warning: "+cut+": decoded 0:00:02 of the 0:00:30 its header declares: the file looks cut short") {
		t.Errorf("probe: stderr %q, want the warning", stderr)
	}
	var got struct {
		DeclaredDuration float64 `json:"declared_duration"`
		Truncated        bool    `json:"truncated"`
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || !got.Truncated || got.DeclaredDuration < 29 {
		t.Errorf("probe: got %s (%v), want truncated and the declared duration", stdout, err)
	}
	code, _, stderr = run(t, nil, "audio", "convert", cut, filepath.Join(dir, "cut.wav"))
	if code != 0 || !strings.Contains(stderr, "cut short") {
		t.Errorf("convert: exit %d, stderr %q, want the warning", code, stderr)
	}
	if _, _, stderr := run(t, nil, "audio", "probe", whole); stderr != "" {
		t.Errorf("whole file: stderr %q, want none", stderr)
	}
}
