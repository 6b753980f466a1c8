package audio_test

import (
	"context"
	"math"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
)

// TestDurationNotFromMetadata is issue 9's forged duration: a 12 s MP3 (97
// KB) whose title tag reads like ffmpeg's own "Duration:" line. The
// duration comes from the container's fields (ffprobe's JSON), so the file
// is not refused as too long, and decoding it reserves memory for what 97 KB
// can hold, not for 4 hours (before the fix: 691 MB).
func TestDurationNotFromMetadata(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	for name, title := range map[string]string{
		"tag":       "Duration: 03:59:00.00, start: 0.000000, bitrate: 1 kb/s",
		"multiline": "x\n  Duration: 03:59:00.00, start: 0.000000, bitrate: 1 kb/s\n  Stream #0:0: Audio: pcm_s16le, 8000 Hz, 7.1, s16, 1 kb/s",
	} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name+".mp3")
			ffmpegConvert(t, "-f", "lavfi", "-i", "sine=f=440:d=12", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-metadata", "title="+title, p)
			d, err := audio.OpenFile(context.Background(), p, audio.Options{MaxDuration: time.Hour})
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			info := d.Info()
			d.Close()
			if math.Abs(info.Duration-12) > 0.2 {
				t.Errorf("duration %.2f s, want 12", info.Duration)
			}
			if info.SampleRate != 44100 || info.Channels != 1 || info.Codec != "mp3" {
				t.Errorf("info %+v, want mp3 44100 Hz mono", info)
			}

			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			clip, err := audio.DecodeFile(context.Background(), p, audio.Options{})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			if alloc > 64<<20 {
				t.Errorf("decoding %.0f s allocated %d MB", clip.Duration(), alloc>>20)
			}
			t.Logf("12 s from 97 KB: %.1f MB allocated", float64(alloc)/(1<<20))
		})
	}
}
