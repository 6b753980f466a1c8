package audio

import "encoding/binary"

// PCM16 is the raw form of a stored recording that chunks are read from:
// 16 kHz mono signed 16-bit little-endian samples without a header, two
// bytes a sample (a quarter of the size of float32 at 16 kHz: 115 MB an
// hour).

// EncodePCM16 writes samples, clamped to [-1, 1] and rounded to 16 bits, into
// dst, which must hold 2·len(samples) bytes.
func EncodePCM16(dst []byte, samples []float32) { putPCM16(dst, samples) }

// DecodePCM16 converts the whole samples in src (len(src)/2 of them) into
// dst, which must hold them, and returns how many it wrote. A sample v is
// v/32768, as the WAV reader converts 16-bit PCM.
func DecodePCM16(dst []float32, src []byte) int {
	n := len(src) / 2
	for i := range n {
		dst[i] = float32(int16(binary.LittleEndian.Uint16(src[2*i:]))) / 32768
	}
	return n
}

// WAVHeader is the 44-byte header of a 16 kHz mono 16-bit PCM WAV file
// holding n samples: followed by the PCM16 bytes of those samples, it makes
// the file (a live session's recording is kept as PCM16 and handed over so).
func WAVHeader(n int64) [44]byte { return wavHeader(n) }
