package audio_test

import (
	"bytes"
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

func TestParseLoudnorm(t *testing.T) {
	stderr := "Stream mapping: …\n[Parsed_loudnorm_2 @ 0x55] \n{\n\t\"input_i\" : \"-23.51\",\n\t\"input_tp\" : \"-4.02\",\n\t\"input_lra\" : \"3.30\",\n\t\"input_thresh\" : \"-33.97\",\n\t\"output_i\" : \"-16.2\",\n\t\"normalization_type\" : \"dynamic\",\n\t\"target_offset\" : \"0.21\"\n}\n"
	l, err := audio.ParseLoudnorm(stderr)
	if err != nil {
		t.Fatal(err)
	}
	if l.I != -23.51 || l.TP != -4.02 || l.LRA != 3.3 || l.Thresh != -33.97 || l.Offset != 0.21 || !l.Finite() {
		t.Errorf("got %+v", l)
	}
	if got := l.SecondPass("I=-16:TP=-1.5:LRA=11"); got != "I=-16:TP=-1.5:LRA=11:measured_I=-23.51:measured_TP=-4.02:measured_LRA=3.30:measured_thresh=-33.97:offset=0.21:linear=true" {
		t.Errorf("second pass %q", got)
	}
	silent, err := audio.ParseLoudnorm(strings.Replace(stderr, `"-23.51"`, `"-inf"`, 1))
	if err != nil || silent.Finite() {
		t.Errorf("silence: %+v, %v; want a measure that is not finite", silent, err)
	}
	if _, err := audio.ParseLoudnorm("no measures here"); err == nil {
		t.Error("stderr without measures parsed")
	}
}

func TestProgressWriter(t *testing.T) {
	var got []float64
	w := audio.NewProgressWriter(func(s float64) { got = append(got, s) })
	for _, chunk := range []string{"frame=1\nout_time_us=15", "00000\nprogress=continue\nout_time_us=N/A\n", "out_time_us=2500000\n"} {
		w.Write([]byte(chunk))
	}
	if len(got) != 2 || math.Abs(got[0]-1.5) > 1e-9 || got[1] != 2.5 {
		t.Errorf("got %v, want [1.5 2.5] (a line split across writes, N/A skipped)", got)
	}
}

// TestPublishRefusals: the publishing runs keep the sandbox's rules — a
// manifest is not probed, a relative subtitle path is refused, Progress
// needs a file output — before ffmpeg or ffprobe starts.
func TestPublishRefusals(t *testing.T) {
	dir := t.TempDir()
	m3u := writeTemp(t, dir, "list.mp3", []byte("#EXTM3U\n#EXTINF:3,\nfile:///etc/passwd\n"))
	src := writeTemp(t, dir, "in.wav", wavBytes(wavSpec{tag: 1, bits: 16, channels: 1, rate: 16000, frames: 1600, gen: tone(440, 16000, 0.5)}))
	nowhere := audio.Options{FFmpegPath: "/nonexistent/ffmpeg"}
	if _, err := audio.ProbeMedia(context.Background(), m3u, nowhere); err == nil || errors.Is(err, audio.ErrFFmpegMissing) {
		t.Errorf("ProbeMedia of a playlist: %v, want refused before ffprobe", err)
	}
	if err := audio.ExtractFrame(context.Background(), m3u, 0, filepath.Join(dir, "f.png"), nowhere); err == nil || errors.Is(err, audio.ErrFFmpegMissing) {
		t.Errorf("ExtractFrame of a playlist: %v, want refused before ffmpeg", err)
	}
	if err := (audio.Encoding{Src: src, Subtitles: "c.ass", Format: "mp4"}).RunFile(context.Background(), filepath.Join(dir, "o.mp4"), nowhere); err == nil || errors.Is(err, audio.ErrFFmpegMissing) {
		t.Errorf("relative subtitle path: %v, want refused", err)
	}
	if err := (audio.Encoding{Src: src, Format: "mp3", Progress: func(float64) {}}).Run(context.Background(), &bytes.Buffer{}, nowhere); err == nil || errors.Is(err, audio.ErrFFmpegMissing) {
		t.Errorf("Progress with Run: %v, want refused", err)
	}
}

// TestMeasureLoudnessAndFrame measures a tone's loudness and reads a frame
// of a video, both through the sandbox.
func TestMeasureLoudnessAndFrame(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	src := writeTemp(t, dir, "in.wav", wavBytes(wavSpec{tag: 1, bits: 16, channels: 1, rate: 16000, frames: 16000 * 3, gen: tone(440, 16000, 0.5)}))
	l, err := audio.MeasureLoudness(context.Background(), audio.Encoding{Src: src, Start: 0.5, Duration: 2}, "I=-16:TP=-1.5:LRA=11", audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A 440 Hz sine at half scale: about -9 LUFS.
	if !l.Finite() || l.I < -12 || l.I > -6 {
		t.Errorf("loudness %+v, want about -9 LUFS", l)
	}
	video := filepath.Join(dir, "v.mp4")
	ffmpegConvert(t, "-f", "lavfi", "-i", "color=c=red:s=64x48:d=2", "-c:v", "libx264", "-pix_fmt", "yuv420p", video)
	m, err := audio.ProbeMedia(context.Background(), video, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := m.Picture(); !ok || p.Width != 64 || p.Height != 48 {
		t.Errorf("picture %+v %v, want 64x48", p, ok)
	}
	frame := filepath.Join(dir, "f.png")
	if err := audio.ExtractFrame(context.Background(), video, 1, frame, audio.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := audio.ExtractFrame(context.Background(), video, 1, frame, audio.Options{}); err == nil {
		t.Error("ExtractFrame overwrote an existing file")
	}
}
