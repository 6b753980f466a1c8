//go:build !amd64

package audio

// dot is the resampler's inner loop: the filter row h against the source
// window x. len(h) is a multiple of 8.
func dot(h, x []float32) float32 { return dotGeneric(h, x) }
