// Command benchaudio times `newsscribe audio convert` against
// `ffmpeg -i IN -ar 16000 -ac 1 OUT.wav` on the same ten-minute recordings
// (44.1 kHz stereo 16-bit WAV, and the same as MP3), side by side, and
// prints the ratios. `make bench-audio` runs it.
//
// Each command runs -n times, alternating; the best (shortest) and the
// median wall-clock times are compared. On a busy shared machine both
// move from run to run; the best is the least disturbed.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"
)

func main() {
	bin := flag.String("bin", "bin/newsscribe", "newsscribe binary")
	dir := flag.String("dir", "", "directory for the test files (default: a temporary one)")
	n := flag.Int("n", 5, "repetitions per command")
	flag.Parse()
	if err := run(*bin, *dir, *n); err != nil {
		fmt.Fprintln(os.Stderr, "benchaudio:", err)
		os.Exit(1)
	}
}

func run(bin, dir string, n int) error {
	if dir == "" {
		d, err := os.MkdirTemp("", "bench-audio-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	wav := filepath.Join(dir, "10min-44k1-stereo.wav")
	mp3 := filepath.Join(dir, "10min-44k1-stereo.mp3")
	if _, err := os.Stat(wav); err != nil {
		// A tone in the left channel and noise in the right: ten
		// minutes, 44.1 kHz, stereo, 16-bit.
		if err := sh("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
			"-f", "lavfi", "-i", "sine=f=440:r=44100:d=600",
			"-f", "lavfi", "-i", "anoisesrc=r=44100:d=600:a=0.1",
			"-filter_complex", "[0][1]amerge=inputs=2", "-c:a", "pcm_s16le", wav); err != nil {
			return err
		}
	}
	if _, err := os.Stat(mp3); err != nil {
		if err := sh("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", wav, "-c:a", "libmp3lame", "-b:a", "128k", mp3); err != nil {
			return err
		}
	}
	out := filepath.Join(dir, "out.wav")
	fmt.Printf("%-6s %12s %12s %7s %12s %12s %7s  (wall clock, %d runs each, alternating)\n",
		"input", "newsscribe", "ffmpeg", "ratio", "median ours", "median ff", "ratio", n)
	for _, in := range []struct{ name, path, target string }{{"wav", wav, "<= 1.0"}, {"mp3", mp3, "<= 1.2"}} {
		var ours, theirs []time.Duration
		for i := 0; i < n; i++ {
			d, err := timed(bin, "audio", "convert", in.path, out)
			if err != nil {
				return err
			}
			ours = append(ours, d)
			d, err = timed("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", in.path, "-ar", "16000", "-ac", "1", out)
			if err != nil {
				return err
			}
			theirs = append(theirs, d)
		}
		a, b := slices.Min(ours), slices.Min(theirs)
		ma, mb := median(ours), median(theirs)
		fmt.Printf("%-6s %12s %12s %7.2f %12s %12s %7.2f  target %s\n", in.name,
			a.Round(time.Millisecond), b.Round(time.Millisecond), a.Seconds()/b.Seconds(),
			ma.Round(time.Millisecond), mb.Round(time.Millisecond), ma.Seconds()/mb.Seconds(), in.target)
	}
	return nil
}

func timed(name string, args ...string) (time.Duration, error) {
	start := time.Now()
	err := sh(name, args...)
	return time.Since(start), err
}

func sh(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
