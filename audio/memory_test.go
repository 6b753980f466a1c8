package audio_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
)

// repeatWAV streams a 16-bit WAV of the given length by repeating one
// second of a precomputed two-tone signal, so hours of audio cost nothing
// to generate and nothing to hold.
type repeatWAV struct {
	header []byte
	second []byte
	left   int64 // data bytes still to send
	off    int
}

func newRepeatWAV(rate, channels int, seconds int) *repeatWAV {
	block := 2 * channels
	second := make([]byte, rate*block)
	for i := 0; i < rate; i++ {
		for c := 0; c < channels; c++ {
			v := 0.3*math.Sin(2*math.Pi*440*float64(i)/float64(rate)) + 0.1*math.Sin(2*math.Pi*float64(1000+500*c)*float64(i)/float64(rate))
			binary.LittleEndian.PutUint16(second[(i*channels+c)*2:], uint16(int16(v*32767)))
		}
	}
	dataLen := int64(seconds) * int64(rate) * int64(block)
	h := make([]byte, 44)
	copy(h, "RIFF")
	binary.LittleEndian.PutUint32(h[4:], uint32(min(dataLen+36, math.MaxUint32)))
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1)
	binary.LittleEndian.PutUint16(h[22:], uint16(channels))
	binary.LittleEndian.PutUint32(h[24:], uint32(rate))
	binary.LittleEndian.PutUint32(h[28:], uint32(rate*block))
	binary.LittleEndian.PutUint16(h[32:], uint16(block))
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], uint32(dataLen))
	return &repeatWAV{header: h, second: second, left: dataLen}
}

func (r *repeatWAV) Read(p []byte) (int, error) {
	if len(r.header) > 0 {
		n := copy(p, r.header)
		r.header = r.header[n:]
		return n, nil
	}
	if r.left == 0 {
		return 0, io.EOF
	}
	p = p[:min(int64(len(p)), r.left)]
	n := 0
	for n < len(p) {
		k := copy(p[n:], r.second[r.off:])
		n += k
		r.off = (r.off + k) % len(r.second)
	}
	r.left -= int64(n)
	return n, nil
}

// TestMemoryLongRecording decodes a 2-hour 48 kHz stereo recording (1.3 GB
// of WAV, streamed) into a Clip and samples the heap while it runs: the
// peak may exceed the 16 kHz output by a few megabytes only. Under the race
// detector (5–10× slower) it decodes 20 minutes; -short skips it.
func TestMemoryLongRecording(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: -short (decodes hours of audio)")
	}
	seconds := 2 * 3600
	if raceEnabled {
		seconds = 20 * 60
	}
	const slackMB = 8
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)

	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	})
	start := time.Now()
	clip, err := audio.Decode(context.Background(), newRepeatWAV(48000, 2, seconds), audio.Options{})
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(clip.Samples), seconds*16000; got != want {
		t.Fatalf("samples: got %d, want %d", got, want)
	}
	output := uint64(len(clip.Samples)) * 4
	over := int64(peak.Load()) - int64(base.HeapInuse) - int64(output)
	t.Logf("%d s of 48 kHz stereo decoded in %v: output %.1f MB, peak heap above baseline %.1f MB (output + %.2f MB)",
		seconds, time.Since(start).Round(time.Millisecond), float64(output)/1e6,
		float64(peak.Load()-base.HeapInuse)/1e6, float64(over)/1e6)
	if over > slackMB<<20 {
		t.Errorf("peak heap: output + %.1f MB, want at most output + %d MB", float64(over)/(1<<20), slackMB)
	}
	runtime.KeepAlive(clip)
}

// TestLyingHeader: a 100-byte WAV whose header claims 4 GB of samples
// neither crashes nor makes Decode reserve memory for them: with a sized
// reader the size bounds the allocation, without one MaxDuration or a
// 3-hour cap does.
func TestLyingHeader(t *testing.T) {
	b := wavBytes(wavSpec{bits: 8, channels: 1, rate: 4000, frames: 50, gen: tone(440, 4000, 0.5)})
	binary.LittleEndian.PutUint32(b[40:], 0xfffffff0) // data size
	tests := []struct {
		name     string
		r        func() io.Reader
		opts     audio.Options
		maxAlloc uint64
	}{
		{name: "sized reader", r: func() io.Reader { return bytes.NewReader(b) }, maxAlloc: 4 << 20},
		{name: "stream with MaxDuration", r: func() io.Reader { return io.MultiReader(bytes.NewReader(b)) }, opts: audio.Options{MaxDuration: time.Minute}, maxAlloc: 8 << 20},
		{name: "stream", r: func() io.Reader { return io.MultiReader(bytes.NewReader(b)) }, maxAlloc: 700 << 20},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := audio.Decode(context.Background(), tc.r(), tc.opts)
			runtime.ReadMemStats(&after)
			var de *audio.DecodeError
			if !errors.As(err, &de) && !errors.Is(err, audio.ErrTooLong) {
				t.Fatalf("got %v, want a *DecodeError (data cut short) or ErrTooLong", err)
			}
			if got := after.TotalAlloc - before.TotalAlloc; got > tc.maxAlloc {
				t.Errorf("allocated %d MB, want at most %d MB", got>>20, tc.maxAlloc>>20)
			}
		})
	}
}
