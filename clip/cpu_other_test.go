//go:build !unix

package clip_test

// childCPU is not measured here; the benchmark reports 0 CPU seconds.
func childCPU() float64 { return 0 }
