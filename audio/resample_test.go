package audio_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/newsscribe/newsscribe/audio"
)

// decodePath turns a synthetic signal into 16 kHz through one of the
// decoding paths: the pure-Go WAV reader (32-bit float or 16-bit PCM) or
// ffmpeg (the same signal as 24-bit FLAC, lossless, so what is measured is
// the path's resampling).
type decodePath struct {
	name   string
	ffmpeg bool
	tag    uint16
	bits   int
}

var decodePaths = []decodePath{
	{name: "wav-f32", tag: 3, bits: 32},
	{name: "wav-s16", tag: 1, bits: 16},
	{name: "ffmpeg-flac", ffmpeg: true, tag: 1, bits: 24},
}

func (p decodePath) decode(t *testing.T, rate int, seconds float64, gen func(i, c int) float64) []float32 {
	t.Helper()
	spec := wavSpec{tag: p.tag, bits: p.bits, channels: 1, rate: rate, frames: int(seconds * float64(rate)), gen: gen}
	ctx := context.Background()
	if !p.ffmpeg {
		clip, err := audio.Decode(ctx, newWAVStream(spec), audio.Options{})
		if err != nil {
			t.Fatalf("Decode: %v", err)
		}
		return clip.Samples
	}
	needFFmpeg(t)
	dir := t.TempDir()
	in := writeTemp(t, dir, "in.wav", wavBytes(spec))
	out := filepath.Join(dir, "out.flac")
	ffmpegConvert(t, "-i", in, "-c:a", "flac", "-sample_fmt", "s32", out)
	clip, err := audio.DecodeFile(ctx, out, audio.Options{})
	if err != nil {
		t.Fatalf("DecodeFile: %v", err)
	}
	if clip.Info.Format != "flac" {
		t.Fatalf("format: got %q, want flac", clip.Info.Format)
	}
	return clip.Samples
}

// middle drops the first and last 100 ms, where the signal switches on and
// off.
func middle(x []float32) []float32 { return x[1600 : len(x)-1600] }

// TestPassband: tones from 100 Hz to 7 kHz come out within 0.1 dB, from
// every source rate and on every path.
func TestPassband(t *testing.T) {
	freqs := []float64{100, 1000, 2500, 4000, 5500, 6500, 7000}
	rates := []int{22050, 32000, 44100, 48000, 96000, 192000, 44101}
	for _, p := range decodePaths {
		for _, rate := range rates {
			if p.ffmpeg && rate != 44100 && rate != 48000 && rate != 96000 {
				continue // the ffmpeg path shares the resampler; keep it short
			}
			t.Run(fmt.Sprintf("%s/%d", p.name, rate), func(t *testing.T) {
				const amp = 0.1
				gen := func(i, _ int) float64 {
					s := 0.0
					for _, f := range freqs {
						s += amp * math.Sin(2*math.Pi*f*float64(i)/float64(rate)+f)
					}
					return s
				}
				out := middle(p.decode(t, rate, 1, gen))
				for _, f := range freqs {
					got := 20 * math.Log10(fitTone(out, f)/amp)
					if math.Abs(got) > 0.1 {
						t.Errorf("%g Hz: got %+.3f dB, want within ±0.1 dB", f, got)
					}
				}
			})
		}
	}
}

// TestNarrowbandPassband: 8 and 11.025 kHz sources (telephone recordings)
// keep their band up to 3.4 and 4.5 kHz within 0.1 dB.
func TestNarrowbandPassband(t *testing.T) {
	for _, tc := range []struct {
		rate  int
		freqs []float64
	}{
		{8000, []float64{300, 1000, 2000, 3000, 3400}},
		{11025, []float64{300, 1000, 3000, 4500}},
		{12000, []float64{300, 1000, 3000, 5000}},
	} {
		t.Run(fmt.Sprint(tc.rate), func(t *testing.T) {
			const amp = 0.1
			gen := func(i, _ int) float64 {
				s := 0.0
				for _, f := range tc.freqs {
					s += amp * math.Sin(2*math.Pi*f*float64(i)/float64(tc.rate))
				}
				return s
			}
			out := middle(decodePaths[0].decode(t, tc.rate, 1, gen))
			for _, f := range tc.freqs {
				if got := 20 * math.Log10(fitTone(out, f)/amp); math.Abs(got) > 0.1 {
					t.Errorf("%g Hz: got %+.3f dB, want within ±0.1 dB", f, got)
				}
			}
		})
	}
}

// TestAliasRejection: a tone above 8.5 kHz at 44.1 or 48 kHz comes out at
// least 80 dB down (anything at all in the output counts).
func TestAliasRejection(t *testing.T) {
	for _, p := range decodePaths {
		for _, rate := range []int{44100, 48000} {
			for _, f := range []float64{8500, 9000, 11000, 15000, 20000, 23000} {
				if f >= float64(rate)/2 {
					continue
				}
				t.Run(fmt.Sprintf("%s/%d/%g", p.name, rate, f), func(t *testing.T) {
					const amp = 0.5
					out := middle(p.decode(t, rate, 1, tone(f, rate, amp)))
					got := 20 * math.Log10(rms(out)/(amp/math.Sqrt2))
					if got > -80 {
						t.Errorf("output level: got %.1f dB, want <= -80 dB", got)
					}
				})
			}
		}
	}
}

// TestSNR: a 1 kHz tone at 44.1 kHz comes out with SNR >= 70 dB against
// the ideal 16 kHz sine (the resampler adds no delay).
func TestSNR(t *testing.T) {
	for _, p := range decodePaths {
		t.Run(p.name, func(t *testing.T) {
			const amp, f = 0.5, 1000.0
			out := p.decode(t, 44100, 1, tone(f, 44100, amp))
			if got, want := len(out), 16000; got != want {
				t.Fatalf("samples: got %d, want %d", got, want)
			}
			var sig, noise float64
			for k := 1600; k < len(out)-1600; k++ {
				ideal := amp * math.Sin(2*math.Pi*f*float64(k)/16000)
				sig += ideal * ideal
				d := float64(out[k]) - ideal
				noise += d * d
			}
			if snr := 10 * math.Log10(sig/noise); snr < 70 {
				t.Errorf("SNR: got %.1f dB, want >= 70 dB", snr)
			} else {
				t.Logf("SNR %.1f dB", snr)
			}
		})
	}
}

// TestOutputLength: the output has ceil(n·16000/rate) samples for n source
// frames, whatever the rate.
func TestOutputLength(t *testing.T) {
	for _, rate := range []int{8000, 11025, 16000, 22050, 44100, 48000, 44101, 192000} {
		for _, n := range []int{1, 2, 3, 1000, 12345} {
			spec := wavSpec{bits: 16, channels: 1, rate: rate, frames: n, gen: tone(440, rate, 0.5)}
			clip, err := audio.Decode(context.Background(), newWAVStream(spec), audio.Options{})
			if err != nil {
				t.Fatalf("%d Hz, %d frames: %v", rate, n, err)
			}
			want := (int64(n)*16000 + int64(rate) - 1) / int64(rate)
			if got := int64(len(clip.Samples)); got != want {
				t.Errorf("%d Hz, %d frames: got %d samples, want %d", rate, n, got, want)
			}
		}
	}
}

// TestChunking: the decoder's state carries across reads: reading a byte
// at a time, or in odd-sized chunks, gives the same samples as Decode.
func TestChunking(t *testing.T) {
	spec := wavSpec{bits: 16, channels: 2, rate: 44100, frames: 44100 / 2, gen: func(i, c int) float64 {
		return 0.3*math.Sin(float64(i)*0.05*float64(c+1)) + 0.1*math.Sin(float64(i)*0.3)
	}}
	want, err := audio.Decode(context.Background(), newWAVStream(spec), audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, chunk := range []int{1, 7, 333, 4096} {
		t.Run(fmt.Sprint(chunk), func(t *testing.T) {
			d, err := audio.NewDecoder(context.Background(), iotest.OneByteReader(newWAVStream(spec)), audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			var got []float32
			buf := make([]float32, chunk)
			for {
				n, err := d.Read(buf)
				got = append(got, buf[:n]...)
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if len(got) != len(want.Samples) {
				t.Fatalf("samples: got %d, want %d", len(got), len(want.Samples))
			}
			for i := range got {
				if got[i] != want.Samples[i] {
					t.Fatalf("sample %d: got %v, want %v", i, got[i], want.Samples[i])
				}
			}
		})
	}
}

// TestDotKernels: the assembly inner loop agrees with the portable one.
func TestDotKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{8, 16, 24, 32, 40, 160, 168, 1000} {
		h := make([]float32, n)
		x := make([]float32, n+5)
		for i := range h {
			h[i] = float32(rng.NormFloat64())
		}
		for i := range x {
			x[i] = float32(rng.NormFloat64())
		}
		got, want := audio.Dot(h, x), audio.DotGeneric(h, x)
		if math.Abs(float64(got-want)) > 1e-4*math.Sqrt(float64(n)) {
			t.Errorf("n=%d: got %v, want %v", n, got, want)
		}
	}
}

var _ = bytes.NewReader
