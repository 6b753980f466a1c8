//go:build whisper

package whisper_test

import (
	"context"
	"fmt"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/models"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// BenchmarkModelShapes is what recognising audio costs each Whisper
// release on this machine, with 1 and 2 threads, measured on whisper.cpp
// stubs of the release's shape and tensor type (transcribetest.StubModel:
// every weight allocated, zero; no trained words). It reports seconds of
// processing per minute of audio (s/audio-min) over one 30-second window,
// and the process's CPU seconds per minute of audio (cpu-s/audio-min),
// which other load on a shared machine disturbs far less than the wall
// time. A stub's decoder stops after a few tokens, so this is the mel
// spectrogram and the encoder at their real cost with almost no decoding;
// whisper.cpp's whisper-bench measures the decoder's cost per token of the
// same stubs (README "Models" adds the two). Compare the rows of one run,
// never across runs or machines (make bench-models). The default
// translation model is chosen from these numbers
// (models.DefaultTranslationModel).
func BenchmarkModelShapes(b *testing.B) {
	jfk := load(b).jfk
	window := make([]float32, 0, 30*transcribe.SampleRate)
	for len(window) < cap(window) {
		window = append(window, jfk[:min(len(jfk), cap(window)-len(window))]...)
	}
	dir := b.TempDir()
	for _, tc := range []struct {
		family string
		ftype  int
	}{
		// The registry's originals of the small releases, and the 5-bit
		// quantisations of the large ones (what newsscribe recommends).
		{"tiny", transcribetest.FtypeF16},
		{"base", transcribetest.FtypeF16},
		{"small", transcribetest.FtypeF16},
		{"medium", transcribetest.FtypeQ5_0},
		{"large-v3", transcribetest.FtypeQ5_0},
		{"large-v3-turbo", transcribetest.FtypeQ5_0},
	} {
		f, ok := models.LookupFamily(tc.family)
		if !ok {
			b.Fatalf("no family %s", tc.family)
		}
		name := tc.family
		if tc.ftype == transcribetest.FtypeQ5_0 {
			name += "-q5_0"
		}
		path := transcribetest.StubModel(b, dir, f.Shape, tc.ftype)
		for _, threads := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/threads=%d", name, threads), func(b *testing.B) {
				e := newEngine(b, whisper.Config{ModelPath: path, Threads: threads})
				opts := transcribe.Options{Language: "ar", DisableVAD: true, TemperatureInc: -1}
				b.ReportAllocs()
				b.ResetTimer()
				cpu := cpuSeconds(b)
				for range b.N {
					if _, err := e.Transcribe(context.Background(), window, opts, nil); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric((cpuSeconds(b)-cpu)/float64(b.N)*2, "cpu-s/audio-min")
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)*2, "s/audio-min")
			})
		}
	}
}

// cpuSeconds is the user and system CPU time of the process so far.
func cpuSeconds(b *testing.B) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}
