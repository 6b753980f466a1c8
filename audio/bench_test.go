package audio_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

// benchFile writes ten minutes of 44.1 kHz stereo 16-bit WAV into dir.
func benchWAV(b *testing.B, dir string) string {
	b.Helper()
	p := filepath.Join(dir, "10min.wav")
	f, err := os.Create(p)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(f, newRepeatWAV(44100, 2, 600)); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return p
}

func benchDecode(b *testing.B, p string) {
	b.Helper()
	st, _ := os.Stat(p)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		clip, err := audio.DecodeFile(context.Background(), p, audio.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(clip.Samples) < 600*16000-16000 {
			b.Fatalf("got %d samples", len(clip.Samples))
		}
	}
	b.ReportMetric(600*float64(b.N)/b.Elapsed().Seconds(), "x-realtime")
}

// BenchmarkDecodeWAV: decode and resample ten minutes of 44.1 kHz stereo
// 16-bit WAV to a 16 kHz Clip (the pure-Go path).
func BenchmarkDecodeWAV(b *testing.B) {
	benchDecode(b, benchWAV(b, b.TempDir()))
}

// BenchmarkDecodeMP3: the same ten minutes as a 128 kb/s MP3 (the ffmpeg
// path: ffmpeg decodes, our resampler resamples).
func BenchmarkDecodeMP3(b *testing.B) {
	needFFmpeg(b)
	dir := b.TempDir()
	wav := benchWAV(b, dir)
	mp3 := filepath.Join(dir, "10min.mp3")
	ffmpegConvert(b, "-i", wav, "-c:a", "libmp3lame", "-b:a", "128k", mp3)
	benchDecode(b, mp3)
}

// BenchmarkDecoderRead: streaming through a Decoder into one reused buffer
// allocates nothing per read.
func BenchmarkDecoderRead(b *testing.B) {
	p := benchWAV(b, b.TempDir())
	buf := make([]float32, 32<<10)
	b.ReportAllocs()
	for b.Loop() {
		d, err := audio.OpenFile(context.Background(), p, audio.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, err := d.Read(buf)
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		d.Close()
	}
}
