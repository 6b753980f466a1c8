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
	var sum, peak, loudest float64
	s := c.Samples
	for len(s) > 0 {
		w := s[:min(levelWindow, len(s))]
		s = s[len(w):]
		var ws float64
		for _, v := range w {
			f := float64(v)
			ws += f * f
			if a := math.Abs(f); a > peak {
				peak = a
			}
		}
		sum += ws
		if len(w) == levelWindow || loudest == 0 {
			loudest = max(loudest, ws/float64(len(w)))
		}
	}
	lv := Level{RMSdBFS: SilenceFloorDB, PeakdBFS: SilenceFloorDB, Silent: true}
	if n := len(c.Samples); n > 0 {
		lv.RMSdBFS = toDB(math.Sqrt(sum / float64(n)))
		lv.PeakdBFS = toDB(peak)
		lv.Silent = toDB(math.Sqrt(loudest)) < SilentBelowDB
	}
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
	dataLen := int64(len(samples)) * 2
	if dataLen > math.MaxUint32-36 {
		return errors.New("audio: write WAV: too long for a WAV file (over 37 hours at 16 kHz)")
	}
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
	if _, err := w.Write(h[:]); err != nil {
		return fmt.Errorf("audio: write WAV: %w", err)
	}
	var buf [8192]byte
	for len(samples) > 0 {
		chunk := samples[:min(len(samples), len(buf)/2)]
		samples = samples[len(chunk):]
		for i, v := range chunk {
			binary.LittleEndian.PutUint16(buf[2*i:], uint16(pcm16(v)))
		}
		if _, err := w.Write(buf[:2*len(chunk)]); err != nil {
			return fmt.Errorf("audio: write WAV: %w", err)
		}
	}
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
