package audio

import "golang.org/x/sys/cpu"

// hasFMA selects the AVX2/FMA inner loop; it is fixed at start-up from the
// CPU's features and never changed.
var hasFMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// dotFMA is dot with 256-bit fused multiply-adds (dot_amd64.s). len(x)
// must be at least len(h), and len(h) a multiple of 8.
//
//go:noescape
func dotFMA(h, x []float32) float32

// dot is the resampler's inner loop: the filter row h against the source
// window x. len(h) is a multiple of 8.
//
// Four-fifths of the decode time of a WAV is spent here; the assembly
// version makes the pure-Go WAV path about three times faster than ffmpeg
// instead of twice as slow.
func dot(h, x []float32) float32 {
	if hasFMA {
		x = x[:len(h)]
		return dotFMA(h, x)
	}
	return dotGeneric(h, x)
}
