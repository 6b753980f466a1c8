package audio_test

import (
	"bytes"
	"encoding/binary"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// wavSpec describes a WAV file the tests synthesise.
type wavSpec struct {
	tag        uint16 // 1 PCM, 3 float
	bits       int
	channels   int
	rate       int
	frames     int
	extensible bool
	rf64       bool
	streamed   bool // sizes 0xffffffff, as a streaming writer leaves them
	junk       bool // a LIST chunk before "fmt "
	// gen returns the sample of channel c at frame i in [-1, 1]; nil
	// means silence.
	gen func(i, c int) float64
}

// tone returns a generator of a sine of freq Hz and amplitude amp, the same
// on every channel.
func tone(freq float64, rate int, amp float64) func(i, c int) float64 {
	return func(i, _ int) float64 { return amp * math.Sin(2*math.Pi*freq*float64(i)/float64(rate)) }
}

// wavReader streams the WAV file spec describes without holding it.
type wavStream struct {
	spec   wavSpec
	header []byte
	frame  int
	buf    []byte
	pend   []byte
}

func newWAVStream(s wavSpec) *wavStream {
	if s.tag == 0 {
		s.tag = 1
	}
	block := s.channels * s.bits / 8
	dataLen := uint64(s.frames) * uint64(block)
	var h bytes.Buffer
	le := func(v any) { binary.Write(&h, binary.LittleEndian, v) }
	riffSize := uint32(0)
	if dataLen+200 < math.MaxUint32 {
		riffSize = uint32(dataLen) + 100
	}
	if s.rf64 {
		h.WriteString("RF64")
		le(uint32(0xffffffff))
		h.WriteString("WAVE")
		h.WriteString("ds64")
		le(uint32(28))
		le(uint64(dataLen + 100))
		le(dataLen)
		le(uint64(s.frames))
		le(uint32(0))
	} else {
		h.WriteString("RIFF")
		if s.streamed {
			riffSize = 0xffffffff
		}
		le(riffSize)
		h.WriteString("WAVE")
	}
	if s.junk {
		h.WriteString("LIST")
		le(uint32(5))
		h.WriteString("INFOx\x00") // odd size + pad byte
	}
	h.WriteString("fmt ")
	if s.extensible {
		le(uint32(40))
		le(uint16(0xfffe))
	} else {
		le(uint32(16))
		le(s.tag)
	}
	le(uint16(s.channels))
	le(uint32(s.rate))
	le(uint32(s.rate * block))
	le(uint16(block))
	le(uint16(s.bits))
	if s.extensible {
		le(uint16(22))
		le(uint16(s.bits))
		le(uint32(0))
		le(s.tag)
		h.Write([]byte{0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71})
	}
	h.WriteString("data")
	switch {
	case s.rf64 || s.streamed:
		le(uint32(0xffffffff))
	default:
		le(uint32(dataLen))
	}
	return &wavStream{spec: s, header: h.Bytes(), buf: make([]byte, block)}
}

func (w *wavStream) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(w.header) > 0 {
			k := copy(p[n:], w.header)
			w.header = w.header[k:]
			n += k
			continue
		}
		if len(w.pend) > 0 {
			k := copy(p[n:], w.pend)
			w.pend = w.pend[k:]
			n += k
			continue
		}
		if w.frame >= w.spec.frames {
			if n == 0 {
				return 0, io.EOF
			}
			return n, nil
		}
		w.encodeFrame(w.frame)
		w.frame++
		w.pend = w.buf
	}
	return n, nil
}

func (w *wavStream) encodeFrame(i int) {
	s := w.spec
	b := w.buf
	bps := s.bits / 8
	for c := 0; c < s.channels; c++ {
		v := 0.0
		if s.gen != nil {
			v = s.gen(i, c)
		}
		o := b[c*bps:]
		switch {
		case s.tag == 3 && s.bits == 32:
			binary.LittleEndian.PutUint32(o, math.Float32bits(float32(v)))
		case s.tag == 3 && s.bits == 64:
			binary.LittleEndian.PutUint64(o, math.Float64bits(v))
		case s.bits == 8:
			o[0] = byte(clampInt(math.Round(v*127)+128, 0, 255))
		case s.bits == 16:
			binary.LittleEndian.PutUint16(o, uint16(int16(clampInt(math.Round(v*32767), -32768, 32767))))
		case s.bits == 24:
			x := int32(clampInt(math.Round(v*8388607), -8388608, 8388607))
			o[0], o[1], o[2] = byte(x), byte(x>>8), byte(x>>16)
		case s.bits == 32:
			binary.LittleEndian.PutUint32(o, uint32(int32(clampInt(math.Round(v*2147483647), math.MinInt32, math.MaxInt32))))
		}
	}
}

func clampInt(v, lo, hi float64) int64 { return int64(math.Max(lo, math.Min(hi, v))) }

// wavBytes returns the whole WAV file spec describes.
func wavBytes(s wavSpec) []byte {
	b, err := io.ReadAll(newWAVStream(s))
	if err != nil {
		panic(err)
	}
	return b
}

// needFFmpeg skips the test when ffmpeg is not installed.
func needFFmpeg(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("skipping: ffmpeg is not installed (make deps installs it)")
	}
}

// ffmpegConvert runs ffmpeg (trusted, on test fixtures) with args and
// fails the test on error.
func ffmpegConvert(t testing.TB, args ...string) {
	t.Helper()
	cmd := exec.Command("ffmpeg", append([]string{"-nostdin", "-hide_banner", "-loglevel", "error", "-y"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
	}
}

// writeTemp writes b to a file in dir.
func writeTemp(t testing.TB, dir, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// fitTone returns the amplitude of the freq Hz component of x (16 kHz)
// by least squares on sin and cos.
func fitTone(x []float32, freq float64) float64 {
	var ss, cc, sc, xs, xc float64
	for i, v := range x {
		ph := 2 * math.Pi * freq * float64(i) / 16000
		s, c := math.Sin(ph), math.Cos(ph)
		ss += s * s
		cc += c * c
		sc += s * c
		xs += float64(v) * s
		xc += float64(v) * c
	}
	det := ss*cc - sc*sc
	a := (xs*cc - xc*sc) / det
	b := (xc*ss - xs*sc) / det
	return math.Hypot(a, b)
}

func rms(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return math.Sqrt(s / float64(len(x)))
}
