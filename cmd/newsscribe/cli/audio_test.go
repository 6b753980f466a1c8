package cli_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/cmd/newsscribe/cli"
)

// toneWAV is a 16-bit stereo WAV of a 440 Hz tone at -6 dBFS peak.
func toneWAV(rate int, seconds float64) []byte {
	frames := int(float64(rate) * seconds)
	var b bytes.Buffer
	le := func(v any) { binary.Write(&b, binary.LittleEndian, v) }
	b.WriteString("RIFF")
	le(uint32(36 + frames*4))
	b.WriteString("WAVEfmt ")
	le(uint32(16))
	le(uint16(1))
	le(uint16(2))
	le(uint32(rate))
	le(uint32(rate * 4))
	le(uint16(4))
	le(uint16(16))
	b.WriteString("data")
	le(uint32(frames * 4))
	for i := 0; i < frames; i++ {
		v := int16(16384 * math.Sin(2*math.Pi*440*float64(i)/float64(rate)))
		le(v)
		le(v)
	}
	return b.Bytes()
}

func run(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errw bytes.Buffer
	code = cli.Run(context.Background(), args, bytes.NewReader(stdin), &out, &errw)
	return code, out.String(), errw.String()
}

func TestAudioConvert(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.wav")
	if err := os.WriteFile(in, toneWAV(44100, 1.5), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		stdin []byte
		in    string
	}{
		{name: "file", in: in},
		{name: "stdin", in: "-", stdin: toneWAV(44100, 1.5)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".wav")
			code, stdout, stderr := run(t, tc.stdin, "audio", "convert", tc.in, out)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if stdout != "wrote "+out+"\n" || stderr != "" {
				t.Errorf("output: got stdout %q stderr %q, want the path written and no stderr", stdout, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := len(b), 44+2*24000; got != want {
				t.Errorf("size: got %d bytes, want %d (1.5 s at 16 kHz, 16-bit mono)", got, want)
			}
			if string(b[:4]) != "RIFF" || binary.LittleEndian.Uint16(b[22:]) != 1 ||
				binary.LittleEndian.Uint32(b[24:]) != 16000 || binary.LittleEndian.Uint16(b[34:]) != 16 ||
				binary.LittleEndian.Uint32(b[40:]) != 48000 {
				t.Errorf("header: got % x, want 16 kHz mono 16-bit with 48000 data bytes", b[:44])
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

func TestAudioProbe(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.wav")
	if err := os.WriteFile(in, toneWAV(48000, 2), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, nil, "audio", "probe", in)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	want := map[string]any{
		"format": "wav", "codec": "pcm_s16le", "sample_rate": 48000.0, "channels": 2.0,
		"duration": 2.0, "silent": false,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %v, want %v", k, got[k], v)
		}
	}
	// A 0.5 full-scale sine: RMS -9.03 dBFS, peak -6.02 dBFS.
	if r, _ := got["rms_dbfs"].(float64); math.Abs(r+9.03) > 0.05 {
		t.Errorf("rms_dbfs: got %v, want -9.03", got["rms_dbfs"])
	}
	if p, _ := got["peak_dbfs"].(float64); math.Abs(p+6.02) > 0.05 {
		t.Errorf("peak_dbfs: got %v, want -6.02", got["peak_dbfs"])
	}
}

func TestAudioErrors(t *testing.T) {
	dir := t.TempDir()
	png := filepath.Join(dir, "photo.png")
	os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), 0o644)
	cut := filepath.Join(dir, "cut.wav")
	os.WriteFile(cut, toneWAV(44100, 1)[:5000], 0o644)
	tests := []struct {
		name  string
		stdin []byte
		args  []string
		want  string // in the one-line message
		nout  string // an output file that must not exist afterwards
	}{
		{name: "missing input", args: []string{"audio", "probe", filepath.Join(dir, "nope.wav")}, want: "no such file"},
		{name: "image", args: []string{"audio", "probe", png}, want: "no audio: a PNG image"},
		{name: "playlist on stdin", stdin: []byte("#EXTM3U\n/etc/passwd\n"), args: []string{"audio", "convert", "-", filepath.Join(dir, "p.wav")}, want: "playlist", nout: filepath.Join(dir, "p.wav")},
		{name: "empty stdin", args: []string{"audio", "probe", "-"}, want: "empty"},
		{name: "truncated wav", args: []string{"audio", "convert", cut, filepath.Join(dir, "cut-out.wav")}, want: "corrupt or truncated", nout: filepath.Join(dir, "cut-out.wav")},
		{name: "output dir missing", args: []string{"audio", "convert", cut, filepath.Join(dir, "no", "x.wav")}, want: "create output"},
		{name: "too long", stdin: toneWAV(16000, 3), args: []string{"audio", "probe", "--max-duration", "1s", "-"}, want: "longer than the --max-duration limit of 1s"},
		{name: "wrong arguments", args: []string{"audio", "convert", "only-one"}, want: "accepts 2 arg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.stdin, tc.args...)
			if code == 0 {
				t.Fatalf("exit 0, want non-zero (stdout %q)", stdout)
			}
			if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "newsscribe: ") {
				t.Errorf("stderr: got %q, want one line starting \"newsscribe: \"", stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr: got %q, want it to contain %q", stderr, tc.want)
			}
			if tc.nout != "" {
				if _, err := os.Stat(tc.nout); err == nil {
					t.Errorf("%s was written despite the error", tc.nout)
				}
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}
