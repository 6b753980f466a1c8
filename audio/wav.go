package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// The WAV path.
//
// The issue asks for github.com/go-audio/wav. We checked what it does (v1.1.0)
// and use it only as the independent reference our decoder is compared with
// in the tests (wav_test.go), because on the decoding path it cannot meet the
// requirements:
//   - it needs an io.ReadSeeker and seeks backwards when a chunk (bext, JUNK,
//     LIST) precedes "fmt ", so it cannot stream an upload;
//   - it has no IEEE float 64-bit, no RF64, and ignores the
//     WAVE_FORMAT_EXTENSIBLE sub-format (it would read float data as ints);
//   - PCMBuffer decodes one sample per closure call through a bytes.Reader
//     and allocates a fresh byte buffer per call: measured 0.77 s for ten
//     minutes of 44.1 kHz stereo 16-bit, as long as ffmpeg's whole
//     decode+resample+encode run, so the "no slower than ffmpeg" target
//     would be out of reach before resampling a single sample;
//   - it formats wrapped errors with %v, losing them for errors.Is.
// So the chunk walk and the sample conversion are ours: a streaming RIFF/RF64
// walker and block converters that downmix while they convert.

const (
	wavTagPCM        = 0x0001
	wavTagFloat      = 0x0003
	wavTagExtensible = 0xfffe

	// wavMaxChannels bounds the channel count we downmix.
	wavMaxChannels = 32
	// Rates outside this range are refused as unsupported, in Hz.
	minSourceRate = 4000
	maxSourceRate = 192000
)

// goWAVTag reports whether the pure-Go path decodes a WAV format tag.
func goWAVTag(tag uint16) bool { return tag == wavTagPCM || tag == wavTagFloat }

// wavFormatTag finds the codec tag of a WAV file in its leading bytes
// (resolving WAVE_FORMAT_EXTENSIBLE to its sub-format). ok is false when
// the "fmt " chunk is not within b.
func wavFormatTag(b []byte) (tag uint16, ok bool) {
	off := 12
	for off+8 <= len(b) {
		id := string(b[off : off+4])
		size := int64(binary.LittleEndian.Uint32(b[off+4:]))
		data := off + 8
		if id == "fmt " {
			if data+2 > len(b) {
				return 0, false
			}
			tag = binary.LittleEndian.Uint16(b[data:])
			if tag == wavTagExtensible {
				if size < 40 || data+26 > len(b) {
					return tag, true
				}
				tag = binary.LittleEndian.Uint16(b[data+24:])
			}
			return tag, true
		}
		next := int64(data) + size + size&1
		if next > int64(len(b)) {
			return 0, false
		}
		off = int(next)
	}
	return 0, false
}

// wavReader streams a PCM or float WAV (RIFF or RF64) and delivers mono
// float32 at the source rate, the channels averaged.
type wavReader struct {
	r   io.Reader
	off int64 // bytes consumed from r

	codec    string
	rate     int
	channels int
	block    int   // bytes per frame
	frames   int64 // declared frame count, -1 if unknown (streamed WAV)

	remaining int64 // data bytes left to read, -1 if unknown (until EOF)
	raw       []byte
	rawOff    int
	rawEnd    int
	convert   func(dst []float32, src []byte)
	err       error
}

// newWAVReader reads the headers up to the start of the sample data.
func newWAVReader(r io.Reader) (*wavReader, error) {
	w := &wavReader{r: r, frames: -1, remaining: -1}
	var hdr [12]byte
	if err := w.readFull(hdr[:]); err != nil {
		return nil, err
	}
	rf64 := string(hdr[:4]) == "RF64" || string(hdr[:4]) == "BW64"
	if (string(hdr[:4]) != "RIFF" && !rf64) || string(hdr[8:12]) != "WAVE" {
		return nil, &DecodeError{Offset: 0, Err: errors.New("not a RIFF/WAVE header")}
	}
	riffSize := binary.LittleEndian.Uint32(hdr[4:])
	var (
		ds64Data int64 = -1
		gotFmt   bool
		tag      uint16
		bits     int
	)
	for {
		var ch [8]byte
		chunkAt := w.off
		if err := w.readFull(ch[:]); err != nil {
			if !gotFmt {
				return nil, err
			}
			return nil, &DecodeError{Offset: chunkAt, Err: errors.New("no \"data\" chunk")}
		}
		id := string(ch[:4])
		size := int64(binary.LittleEndian.Uint32(ch[4:]))
		switch id {
		case "ds64":
			if size < 24 || size > 1<<16 {
				return nil, &DecodeError{Offset: chunkAt, Err: fmt.Errorf("ds64 chunk of %d bytes", size)}
			}
			buf := make([]byte, size+size&1)
			if err := w.readFull(buf); err != nil {
				return nil, err
			}
			ds64Data = int64(binary.LittleEndian.Uint64(buf[8:]))
			if ds64Data < 0 {
				return nil, &DecodeError{Offset: chunkAt, Err: errors.New("ds64 data size out of range")}
			}
			continue
		case "fmt ":
			if size < 16 || size > 1<<16 {
				return nil, &DecodeError{Offset: chunkAt, Err: fmt.Errorf("fmt chunk of %d bytes", size)}
			}
			buf := make([]byte, size+size&1)
			if err := w.readFull(buf); err != nil {
				return nil, err
			}
			tag = binary.LittleEndian.Uint16(buf[0:])
			w.channels = int(binary.LittleEndian.Uint16(buf[2:]))
			w.rate = int(binary.LittleEndian.Uint32(buf[4:]))
			w.block = int(binary.LittleEndian.Uint16(buf[12:]))
			bits = int(binary.LittleEndian.Uint16(buf[14:]))
			if tag == wavTagExtensible {
				if size < 40 {
					return nil, &DecodeError{Offset: chunkAt, Err: errors.New("WAVE_FORMAT_EXTENSIBLE fmt chunk shorter than 40 bytes")}
				}
				tag = binary.LittleEndian.Uint16(buf[24:])
			}
			gotFmt = true
			continue
		case "data":
			if !gotFmt {
				return nil, &DecodeError{Offset: chunkAt, Err: errors.New("\"data\" chunk before \"fmt \" chunk")}
			}
			switch {
			case rf64 && size == 0xffffffff && ds64Data >= 0:
				w.remaining = ds64Data
			case size == 0xffffffff, size == 0 && (riffSize == 0 || riffSize == 0xffffffff):
				// Written by a streaming encoder (ffmpeg to a pipe
				// among them): the data runs to the end of input.
				w.remaining = -1
			default:
				w.remaining = size
			}
			if err := w.setFormat(tag, bits, chunkAt); err != nil {
				return nil, err
			}
			if w.remaining >= 0 {
				w.frames = w.remaining / int64(w.block)
			}
			return w, nil
		}
		// Any other chunk (LIST, bext, JUNK, fact, cue …) is skipped
		// without being kept.
		skip := size + size&1
		n, err := io.CopyN(io.Discard, w.r, skip)
		w.off += n
		if err != nil {
			return nil, w.wrapRead(err)
		}
	}
}

// setFormat validates the "fmt " facts and picks the converter.
func (w *wavReader) setFormat(tag uint16, bits int, at int64) error {
	if !goWAVTag(tag) {
		return &UnsupportedError{What: fmt.Sprintf("WAV codec 0x%04x", tag)}
	}
	if w.channels < 1 || w.channels > wavMaxChannels {
		return &UnsupportedError{What: fmt.Sprintf("WAV with %d channels", w.channels)}
	}
	if w.rate < minSourceRate || w.rate > maxSourceRate {
		return &UnsupportedError{What: fmt.Sprintf("sample rate %d Hz (supported: %d–%d Hz)", w.rate, minSourceRate, maxSourceRate)}
	}
	ch := w.channels
	var conv func([]float32, []byte, int)
	switch {
	case tag == wavTagPCM && bits == 8:
		w.codec, conv = "pcm_u8", convU8
	case tag == wavTagPCM && bits == 16:
		w.codec, conv = "pcm_s16le", convS16
	case tag == wavTagPCM && bits == 24:
		w.codec, conv = "pcm_s24le", convS24
	case tag == wavTagPCM && bits == 32:
		w.codec, conv = "pcm_s32le", convS32
	case tag == wavTagFloat && bits == 32:
		w.codec, conv = "pcm_f32le", convF32
	case tag == wavTagFloat && bits == 64:
		w.codec, conv = "pcm_f64le", convF64
	default:
		return &UnsupportedError{What: fmt.Sprintf("WAV with %d-bit samples (format 0x%04x)", bits, tag)}
	}
	if want := ch * bits / 8; w.block != want {
		return &DecodeError{Offset: at, Err: fmt.Errorf("block align %d, want %d for %d channels of %d bits", w.block, want, ch, bits)}
	}
	w.convert = func(dst []float32, src []byte) { conv(dst, src, ch) }
	frames := max(1, (64<<10)/w.block)
	w.raw = make([]byte, frames*w.block)
	return nil
}

// Read fills dst with mono samples at the source rate. It returns io.EOF at
// the end of the data and a *DecodeError when the data is cut short.
func (w *wavReader) Read(dst []float32) (int, error) {
	if len(dst) == 0 {
		return 0, nil
	}
	for {
		if nf := (w.rawEnd - w.rawOff) / w.block; nf > 0 {
			nf = min(nf, len(dst))
			end := w.rawOff + nf*w.block
			w.convert(dst[:nf], w.raw[w.rawOff:end])
			w.rawOff = end
			return nf, nil
		}
		if w.err != nil {
			return 0, w.err
		}
		// Move the partial frame (if any) to the front and refill.
		w.rawEnd = copy(w.raw, w.raw[w.rawOff:w.rawEnd])
		w.rawOff = 0
		want := int64(len(w.raw) - w.rawEnd)
		if w.remaining >= 0 {
			want = min(want, w.remaining)
			if want == 0 {
				w.err = io.EOF
				continue
			}
		}
		n, err := w.r.Read(w.raw[w.rawEnd : w.rawEnd+int(want)])
		w.rawEnd += n
		w.off += int64(n)
		if w.remaining >= 0 {
			w.remaining -= int64(n)
		}
		switch {
		case err == io.EOF && w.remaining > 0:
			w.err = &DecodeError{Offset: w.off, Err: fmt.Errorf("data ends %d bytes early: %w", w.remaining, io.ErrUnexpectedEOF)}
		case err == io.EOF:
			// A streamed WAV may end inside a frame; drop the
			// partial frame.
			w.err = io.EOF
		case err != nil:
			w.err = fmt.Errorf("audio: read WAV data: %w", err)
		}
	}
}

// readFull reads len(b) header bytes, turning a short read into a
// *DecodeError at the offset where the input ended.
func (w *wavReader) readFull(b []byte) error {
	n, err := io.ReadFull(w.r, b)
	w.off += int64(n)
	if err != nil {
		return w.wrapRead(err)
	}
	return nil
}

func (w *wavReader) wrapRead(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return &DecodeError{Offset: w.off, Err: fmt.Errorf("WAV header cut short: %w", io.ErrUnexpectedEOF)}
	}
	return fmt.Errorf("audio: read WAV header: %w", err)
}

// The converters decode len(dst) whole frames from src and average their
// channels. They are written per sample type, with mono and stereo
// special-cased, so the loops stay free of calls and allocations.

func convU8(dst []float32, src []byte, ch int) {
	const s = 1.0 / 128
	if ch == 1 {
		src = src[:len(dst)]
		for i := range dst {
			dst[i] = (float32(src[i]) - 128) * s
		}
		return
	}
	g := float32(s) / float32(ch)
	for i := range dst {
		f := src[i*ch : i*ch+ch]
		var sum int
		for _, v := range f {
			sum += int(v) - 128
		}
		dst[i] = float32(sum) * g
	}
}

func convS16(dst []float32, src []byte, ch int) {
	const s = 1.0 / 32768
	switch ch {
	case 1:
		src = src[:2*len(dst)]
		for i := range dst {
			dst[i] = float32(int16(binary.LittleEndian.Uint16(src[2*i:]))) * s
		}
	case 2:
		src = src[:4*len(dst)]
		for i := range dst {
			f := src[4*i : 4*i+4]
			l := int32(int16(uint16(f[0]) | uint16(f[1])<<8))
			r := int32(int16(uint16(f[2]) | uint16(f[3])<<8))
			dst[i] = float32(l+r) * (s / 2)
		}
	default:
		g := float32(s) / float32(ch)
		for i := range dst {
			f := src[2*ch*i : 2*ch*(i+1)]
			var sum int32
			for c := 0; c < ch; c++ {
				sum += int32(int16(binary.LittleEndian.Uint16(f[2*c:])))
			}
			dst[i] = float32(sum) * g
		}
	}
}

func convS24(dst []float32, src []byte, ch int) {
	g := float32(1.0/8388608) / float32(ch)
	for i := range dst {
		f := src[3*ch*i : 3*ch*(i+1)]
		var sum int64
		for c := 0; c < ch; c++ {
			v := int32(uint32(f[3*c])<<8|uint32(f[3*c+1])<<16|uint32(f[3*c+2])<<24) >> 8
			sum += int64(v)
		}
		dst[i] = float32(sum) * g
	}
}

func convS32(dst []float32, src []byte, ch int) {
	g := 1.0 / 2147483648 / float64(ch)
	for i := range dst {
		f := src[4*ch*i : 4*ch*(i+1)]
		var sum int64
		for c := 0; c < ch; c++ {
			sum += int64(int32(binary.LittleEndian.Uint32(f[4*c:])))
		}
		dst[i] = float32(float64(sum) * g)
	}
}

// clampUnit maps a float sample into [-1, 1]; NaN becomes 0 so one bad
// sample cannot poison the resampler's filter.
func clampUnit(v float64) float64 {
	switch {
	case v >= -1 && v <= 1:
		return v
	case v > 1:
		return 1
	case v < -1:
		return -1
	}
	return 0 // NaN
}

func convF32(dst []float32, src []byte, ch int) {
	if ch == 1 { // what ffmpeg delivers: the hot case
		src = src[:4*len(dst)]
		for i := range dst {
			v := math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
			if !(v >= -1 && v <= 1) {
				v = float32(clampUnit(float64(v)))
			}
			dst[i] = v
		}
		return
	}
	g := 1 / float64(ch)
	for i := range dst {
		f := src[4*ch*i : 4*ch*(i+1)]
		var sum float64
		for c := 0; c < ch; c++ {
			sum += clampUnit(float64(math.Float32frombits(binary.LittleEndian.Uint32(f[4*c:]))))
		}
		dst[i] = float32(sum * g)
	}
}

func convF64(dst []float32, src []byte, ch int) {
	g := 1 / float64(ch)
	for i := range dst {
		f := src[8*ch*i : 8*ch*(i+1)]
		var sum float64
		for c := 0; c < ch; c++ {
			sum += clampUnit(math.Float64frombits(binary.LittleEndian.Uint64(f[8*c:])))
		}
		dst[i] = float32(sum * g)
	}
}
