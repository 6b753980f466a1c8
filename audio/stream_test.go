package audio_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
)

// TestStreamDecoderStartsEarly feeds a 32 kb/s MP3 stream through a pipe
// and holds it after its first 6 KiB (1.5 s of audio), as a live stream that
// has sent only that much: the stream decoder must deliver samples of it
// now, where NewDecoder waits for 64 KiB (16 s of this stream) before it
// even starts ffmpeg.
func TestStreamDecoderStartsEarly(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	src := writeTemp(t, dir, "tone.wav", wavBytes(wavSpec{bits: 16, channels: 1, rate: 16000, frames: 16000 * 30, gen: tone(440, 16000, 0.3)}))
	mp3 := filepath.Join(dir, "tone.mp3")
	ffmpegConvert(t, "-i", src, "-c:a", "libmp3lame", "-b:a", "32k", mp3)
	b, err := os.ReadFile(mp3)
	if err != nil {
		t.Fatal(err)
	}
	const first = 6 << 10
	for _, tc := range []struct {
		name  string
		open  func(context.Context, io.Reader, audio.Options) (*audio.Decoder, error)
		early bool
		wait  time.Duration
	}{
		{"stream decoder", audio.NewStreamDecoder, true, 8 * time.Second},
		{"upload decoder (control)", audio.NewDecoder, false, 3 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			go func() { pw.Write(b[:first]) }() // then the stream holds
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			got := make(chan int, 1)
			go func() {
				dec, err := tc.open(ctx, pr, audio.Options{})
				if err != nil {
					got <- -1
					return
				}
				defer dec.Close()
				buf := make([]float32, 1600)
				n, _ := dec.Read(buf)
				got <- n
			}()
			select {
			case n := <-got:
				if !tc.early {
					t.Fatalf("decoded %d samples from 6 KiB: the control should wait for 64 KiB", n)
				}
				if n <= 0 {
					t.Fatalf("no samples from the first 6 KiB (%d)", n)
				}
			case <-time.After(tc.wait):
				if tc.early {
					t.Fatalf("no samples %s after the first 6 KiB of the stream arrived", tc.wait)
				}
			}
			cancel()
			pw.CloseWithError(io.ErrClosedPipe)
		})
	}
}
