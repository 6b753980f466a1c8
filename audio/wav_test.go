package audio_test

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	goaudio "github.com/go-audio/audio"
	"github.com/go-audio/wav"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
)

// TestWAVAgainstGoAudio checks the pure-Go WAV path against
// github.com/go-audio/wav, the reference: files written by go-audio's
// encoder, read by its decoder, must give the same samples as ours (at
// 16 kHz nothing is resampled, so only decoding and averaging are
// compared).
func TestWAVAgainstGoAudio(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, bits := range []int{8, 16, 24, 32} {
		for _, ch := range []int{1, 2, 5, 8} {
			t.Run(fmt.Sprintf("%dbit/%dch", bits, ch), func(t *testing.T) {
				const frames = 4000
				data := make([]int, frames*ch)
				full := 1 << (bits - 1)
				for i := range data {
					if bits == 8 {
						data[i] = rng.IntN(256)
					} else {
						data[i] = rng.IntN(2*full) - full
					}
				}
				p := filepath.Join(t.TempDir(), "ref.wav")
				f, err := os.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				enc := wav.NewEncoder(f, 16000, bits, ch, 1)
				buf := &goaudio.IntBuffer{Data: data, Format: &goaudio.Format{NumChannels: ch, SampleRate: 16000}, SourceBitDepth: bits}
				if err := enc.Write(buf); err != nil {
					t.Fatal(err)
				}
				if err := enc.Close(); err != nil {
					t.Fatal(err)
				}
				f.Close()

				rf, _ := os.Open(p)
				defer rf.Close()
				ref, err := wav.NewDecoder(rf).FullPCMBuffer()
				if err != nil {
					t.Fatalf("go-audio decode: %v", err)
				}
				clip, err := audio.DecodeFile(context.Background(), p, audio.Options{})
				if err != nil {
					t.Fatalf("our decode: %v", err)
				}
				if len(clip.Samples) != frames || len(ref.Data) != frames*ch {
					t.Fatalf("frames: got %d (go-audio %d), want %d", len(clip.Samples), len(ref.Data)/ch, frames)
				}
				for i := 0; i < frames; i++ {
					var want float64
					for c := 0; c < ch; c++ {
						v := float64(ref.Data[i*ch+c])
						if bits == 8 {
							v -= 128
						}
						want += v / float64(full)
					}
					want /= float64(ch)
					if got := float64(clip.Samples[i]); math.Abs(got-want) > 1e-6 {
						t.Fatalf("frame %d: got %v, want %v", i, got, want)
					}
				}
			})
		}
	}
}

// TestWriteWAV: WriteWAV output is 16 kHz mono 16-bit PCM that decodes
// back to the same samples (within 16-bit rounding), clamped to [-1, 1].
func TestWriteWAV(t *testing.T) {
	in := []float32{0, 0.5, -0.5, 1, -1, 2, -2, float32(math.NaN()), 1.0 / 32767}
	var b bytes.Buffer
	if err := audio.WriteWAV(&b, in); err != nil {
		t.Fatal(err)
	}
	if got, want := b.Len(), 44+2*len(in); got != want {
		t.Fatalf("size: got %d, want %d", got, want)
	}
	clip, err := audio.Decode(context.Background(), &b, audio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if clip.Info.Codec != "pcm_s16le" || clip.Info.SampleRate != 16000 || clip.Info.Channels != 1 {
		t.Fatalf("info: got %+v, want pcm_s16le 16000 Hz mono", clip.Info)
	}
	want := []float64{0, 0.5, -0.5, 1, -1, 1, -1, 0, 1.0 / 32767}
	for i, w := range want {
		// WriteWAV scales by 32767, the decoder by 32768.
		if got := float64(clip.Samples[i]) * 32768 / 32767; math.Abs(got-w) > 1.0/32767 {
			t.Errorf("sample %d: got %v, want %v", i, got, w)
		}
	}
}

// TestLevel: RMS, peak and silence of known signals.
func TestLevel(t *testing.T) {
	sine := func(amp float64, n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(amp * math.Sin(2*math.Pi*440*float64(i)/16000))
		}
		return s
	}
	quietThenSpeech := append(make([]float32, 16000*60), sine(0.1, 1600)...)
	tests := []struct {
		name          string
		samples       []float32
		rms, peak     float64
		silent        bool
		checkRMSPeak  bool
		wantRMSBelow0 bool
	}{
		{name: "full-scale sine", samples: sine(1, 16000), rms: -3.01, peak: 0, checkRMSPeak: true},
		{name: "-20 dB sine", samples: sine(0.1, 16000), rms: -23.01, peak: -20, checkRMSPeak: true},
		{name: "digital silence", samples: make([]float32, 16000), rms: audio.SilenceFloorDB, peak: audio.SilenceFloorDB, silent: true, checkRMSPeak: true},
		{name: "hiss at -70 dBFS", samples: sine(math.Pow(10, -70.0/20)*math.Sqrt2, 16000), silent: true},
		{name: "a minute of silence then a word", samples: quietThenSpeech, silent: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lv := (&audio.Clip{Samples: tc.samples}).Level()
			if lv.Silent != tc.silent {
				t.Errorf("silent: got %v, want %v (%+v)", lv.Silent, tc.silent, lv)
			}
			if tc.checkRMSPeak {
				if math.Abs(lv.RMSdBFS-tc.rms) > 0.02 {
					t.Errorf("rms: got %.3f dBFS, want %.3f", lv.RMSdBFS, tc.rms)
				}
				if math.Abs(lv.PeakdBFS-tc.peak) > 0.02 {
					t.Errorf("peak: got %.3f dBFS, want %.3f", lv.PeakdBFS, tc.peak)
				}
			}
		})
	}
}

// TestRealRecordings decodes the real Arabic recordings in
// ../shared/real-audio and checks their durations.
func TestRealRecordings(t *testing.T) {
	root := filepath.Join(transcribetest.SharedDir(), "real-audio")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("skipping: %s is absent", root)
	}
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			switch filepath.Ext(p) {
			case ".wav", ".mp3", ".m4a", ".ogg", ".flac", ".opus", ".webm", ".mp4", ".amr":
				files = append(files, p)
			}
		}
		return nil
	})
	if len(files) == 0 {
		t.Skipf("skipping: no recordings under %s", root)
	}
	needFFmpeg(t)
	for _, p := range files {
		rel, _ := filepath.Rel(root, p)
		t.Run(rel, func(t *testing.T) {
			clip, err := audio.DecodeFile(context.Background(), p, audio.Options{})
			if err != nil {
				t.Fatal(err)
			}
			// The container's own duration (exact for WAV, estimated
			// by ffmpeg for MP3) against what we decoded.
			declared := clip.Info.Duration
			if got := clip.Duration(); declared <= 0 || math.Abs(got-declared) > 0.1+0.01*declared {
				t.Errorf("duration: got %.3f s, container says %.3f s", got, declared)
			}
			if clip.Level().Silent {
				t.Errorf("a speech recording decoded as silent: %+v", clip.Level())
			}
			t.Logf("%+v %.2f s %+v", clip.Info, clip.Duration(), clip.Level())
		})
	}
}
