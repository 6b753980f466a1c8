//go:build !race

package eval_test

// raceDetector is true in a build with the race detector (go test -race).
const raceDetector = false
