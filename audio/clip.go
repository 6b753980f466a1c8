package audio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Clip is a whole recording decoded to 16 kHz mono.
type Clip struct {
	// Samples are 16 kHz mono float32 in [-1, 1].
	Samples []float32
	// Info describes the source; Duration is filled in from the decoded
	// samples when the container did not declare it.
	Info Info
}

// Duration is the clip's length in seconds at 16 kHz.
func (c *Clip) Duration() float64 { return float64(len(c.Samples)) / SampleRate }

// Level holds loudness facts about a clip, in dB relative to full scale.
type Level struct {
	// RMSdBFS is the RMS level of the whole clip, 20·log10(rms), where a
	// full-scale square wave is 0 dBFS (a full-scale sine is -3 dBFS).
	// Digital silence is reported as SilenceFloorDB.
	RMSdBFS float64 `json:"rms_dbfs"`
	// PeakdBFS is the largest absolute sample, in dBFS.
	PeakdBFS float64 `json:"peak_dbfs"`
	// Silent is true when no 50 ms window of the clip reaches
	// SilentBelowDB RMS: nothing in it could be speech.
	Silent bool `json:"silent"`
}

const (
	// SilenceFloorDB is the level reported for digital silence, in dBFS
	// (finite so that it can be written as JSON).
	SilenceFloorDB = -120.0
	// SilentBelowDB is the loudest-window RMS under which a clip counts as
	// silent, in dBFS. Speech, even a distant phone recording, has
	// 50 ms windows well above -45 dBFS; a quiet room with no one speaking
	// and the hiss of 16-bit recording gear stay below -60 dBFS.
	SilentBelowDB = -60.0
	levelWindow   = SampleRate / 20 // 50 ms
)

// Level measures the clip's RMS and peak levels and whether it is silent.
func (c *Clip) Level() Level {
	var m Meter
	m.Write(c.Samples)
	return m.Level()
}

// Meter measures Level over a stream of 16 kHz samples without keeping
// them. The zero value is ready to use.
type Meter struct {
	n       int64
	sum     float64 // sum of squares
	peak    float64
	win     float64 // sum of squares in the current 50 ms window
	winN    int
	loudest float64 // mean square of the loudest full window
}

// Write adds samples to the measurement.
func (m *Meter) Write(samples []float32) {
	for _, v := range samples {
		f := float64(v)
		sq := f * f
		m.win += sq
		if a := math.Abs(f); a > m.peak {
			m.peak = a
		}
		m.winN++
		if m.winN == levelWindow {
			m.sum += m.win
			m.loudest = max(m.loudest, m.win/levelWindow)
			m.win, m.winN = 0, 0
		}
	}
	m.n += int64(len(samples))
}

// Level reports the measurement so far.
func (m *Meter) Level() Level {
	lv := Level{RMSdBFS: SilenceFloorDB, PeakdBFS: SilenceFloorDB, Silent: true}
	if m.n == 0 {
		return lv
	}
	loudest := m.loudest
	if m.winN > 0 && m.n < levelWindow {
		loudest = m.win / float64(m.winN) // a clip shorter than one window
	}
	lv.RMSdBFS = toDB(math.Sqrt((m.sum + m.win) / float64(m.n)))
	lv.PeakdBFS = toDB(m.peak)
	lv.Silent = toDB(math.Sqrt(loudest)) < SilentBelowDB
	return lv
}

func toDB(x float64) float64 {
	if x <= 0 {
		return SilenceFloorDB
	}
	return max(SilenceFloorDB, 20*math.Log10(x))
}

// WriteWAV writes samples as a 16 kHz mono 16-bit PCM WAV file, what
// whisper.cpp's own tools take. Samples are clamped to [-1, 1] and rounded.
func WriteWAV(w io.Writer, samples []float32) error {
	if int64(len(samples))*2 > maxWAVData {
		return errWAVTooLong
	}
	h := wavHeader(int64(len(samples)))
	if _, err := w.Write(h[:]); err != nil {
		return fmt.Errorf("audio: write WAV: %w", err)
	}
	var buf [8192]byte
	for len(samples) > 0 {
		chunk := samples[:min(len(samples), len(buf)/2)]
		samples = samples[len(chunk):]
		putPCM16(buf[:], chunk)
		if _, err := w.Write(buf[:2*len(chunk)]); err != nil {
			return fmt.Errorf("audio: write WAV: %w", err)
		}
	}
	return nil
}

// maxWAVData is the most sample bytes a RIFF WAV can hold.
const maxWAVData = math.MaxUint32 - 36

var errWAVTooLong = errors.New("audio: write WAV: too long for a WAV file (over 37 hours at 16 kHz)")

// wavHeader is the 44-byte header of a 16 kHz mono 16-bit PCM WAV with n
// samples.
func wavHeader(n int64) [44]byte {
	dataLen := n * 2
	var h [44]byte
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], uint32(36+dataLen))
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], wavTagPCM)
	binary.LittleEndian.PutUint16(h[22:], 1)
	binary.LittleEndian.PutUint32(h[24:], SampleRate)
	binary.LittleEndian.PutUint32(h[28:], SampleRate*2)
	binary.LittleEndian.PutUint16(h[32:], 2)
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], uint32(dataLen))
	return h
}

func putPCM16(dst []byte, samples []float32) {
	for i, v := range samples {
		binary.LittleEndian.PutUint16(dst[2*i:], uint16(pcm16(v)))
	}
}

// WAVWriter streams 16 kHz mono 16-bit PCM WAV to a seekable file without
// holding the samples; Close writes the final sizes into the header.
type WAVWriter struct {
	w      io.Writer
	seeker io.Seeker // nil for a stream (NewWAVStream)
	n      int64     // samples written
	buf    []byte
	err    error
}

// NewWAVWriter writes a provisional header to w (positioned at its start)
// and returns a writer for the samples.
func NewWAVWriter(w io.WriteSeeker) (*WAVWriter, error) {
	h := wavHeader(0)
	if _, err := w.Write(h[:]); err != nil {
		return nil, fmt.Errorf("audio: write WAV: %w", err)
	}
	return &WAVWriter{w: w, seeker: w, buf: make([]byte, 32<<10)}, nil
}

// NewWAVStream is NewWAVWriter for a pipe, which cannot seek back to the
// header: its RIFF and data sizes are 0xFFFFFFFF, "to the end of the
// input", as ffmpeg writes a WAV to a pipe (and as this package, ffmpeg
// and whisper.cpp's tools read one).
func NewWAVStream(w io.Writer) (*WAVWriter, error) {
	h := wavHeader(0)
	binary.LittleEndian.PutUint32(h[4:], 0xffffffff)
	binary.LittleEndian.PutUint32(h[40:], 0xffffffff)
	if _, err := w.Write(h[:]); err != nil {
		return nil, fmt.Errorf("audio: write WAV: %w", err)
	}
	return &WAVWriter{w: w, buf: make([]byte, 32<<10)}, nil
}

// Write appends samples, clamped to [-1, 1] and rounded to 16 bits.
func (ww *WAVWriter) Write(samples []float32) error {
	if ww.err != nil {
		return ww.err
	}
	if (ww.n+int64(len(samples)))*2 > maxWAVData {
		ww.err = errWAVTooLong
		return ww.err
	}
	for len(samples) > 0 {
		chunk := samples[:min(len(samples), len(ww.buf)/2)]
		samples = samples[len(chunk):]
		putPCM16(ww.buf, chunk)
		if _, err := ww.w.Write(ww.buf[:2*len(chunk)]); err != nil {
			ww.err = fmt.Errorf("audio: write WAV: %w", err)
			return ww.err
		}
		ww.n += int64(len(chunk))
	}
	return nil
}

// Close writes the sizes into the header (a stream's keep saying "to the
// end of the input"). It does not close the underlying file.
func (ww *WAVWriter) Close() error {
	if ww.err != nil {
		return ww.err
	}
	if ww.seeker == nil {
		ww.err = errors.New("audio: WAVWriter is closed")
		return nil
	}
	h := wavHeader(ww.n)
	if _, err := ww.seeker.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("audio: write WAV header: %w", err)
	}
	if _, err := ww.w.Write(h[:]); err != nil {
		return fmt.Errorf("audio: write WAV header: %w", err)
	}
	_, err := ww.seeker.Seek(0, io.SeekEnd)
	if err != nil {
		return fmt.Errorf("audio: write WAV header: %w", err)
	}
	ww.err = errors.New("audio: WAVWriter is closed")
	return nil
}

func pcm16(v float32) int16 {
	f := float64(v) * 32767
	switch {
	case f >= 32767:
		return 32767
	case f <= -32768:
		return -32768
	case f != f:
		return 0
	}
	return int16(math.Round(f))
}
