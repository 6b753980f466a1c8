package live

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe"
)

// The browser's audio arrives over a WebSocket as binary messages, one a
// frame:
//
//	byte 0     FrameAudio (1)
//	bytes 1–8  the frame's sequence number, unsigned big-endian, from 0
//	the rest   16 kHz mono PCM16 little-endian samples, 1 to MaxFrameSamples
//
// The server answers with text messages (Control): "hello" when the socket
// opens, with the sequence number it expects next (every frame below it is
// stored), and "ack" with the same after each frame it stores. A client
// keeps every frame until it is acknowledged; after a dropped connection it
// opens a new socket, reads hello, and sends again from the frame named
// there, so no audio sent is lost and none is stored twice.
const (
	// FrameAudio marks an audio frame.
	FrameAudio byte = 1
	// FrameHeader is the size of a frame's header in bytes.
	FrameHeader = 9
	// MaxFrameSamples is the most samples in one frame: one second.
	MaxFrameSamples = transcribe.SampleRate
)

// Frame is one audio frame of the browser's stream.
type Frame struct {
	Seq     uint64
	Samples []float32
}

// FrameError is a binary message that is not a well-formed frame.
type FrameError struct {
	Reason string
}

func (e *FrameError) Error() string { return "audio frame: " + e.Reason }

// ErrFrameGap is returned for a frame whose sequence number is past the one
// expected: frames between were never sent.
var ErrFrameGap = errors.New("audio frame: frames are missing before it; send again from the one the last hello or ack named")

// ParseFrame decodes a binary message into a Frame; its samples are
// decoded into dst when it has room, else into a new slice.
func ParseFrame(b []byte, dst []float32) (Frame, error) {
	switch {
	case len(b) < FrameHeader:
		return Frame{}, &FrameError{Reason: fmt.Sprintf("%d bytes, shorter than the %d-byte header", len(b), FrameHeader)}
	case b[0] != FrameAudio:
		return Frame{}, &FrameError{Reason: fmt.Sprintf("kind %d, want %d (audio)", b[0], FrameAudio)}
	case (len(b)-FrameHeader)%2 != 0:
		return Frame{}, &FrameError{Reason: "odd number of sample bytes: want 16-bit samples"}
	case len(b) == FrameHeader:
		return Frame{}, &FrameError{Reason: "no samples"}
	case (len(b)-FrameHeader)/2 > MaxFrameSamples:
		return Frame{}, &FrameError{Reason: fmt.Sprintf("%d samples, more than %d (one second)", (len(b)-FrameHeader)/2, MaxFrameSamples)}
	}
	n := (len(b) - FrameHeader) / 2
	if cap(dst) < n {
		dst = make([]float32, n)
	}
	dst = dst[:n]
	audio.DecodePCM16(dst, b[FrameHeader:])
	return Frame{Seq: binary.BigEndian.Uint64(b[1:FrameHeader]), Samples: dst}, nil
}

// AppendFrame appends the binary message of frame seq holding samples
// (1 to MaxFrameSamples of them) to dst.
func AppendFrame(dst []byte, seq uint64, samples []float32) []byte {
	dst = append(dst, FrameAudio)
	dst = binary.BigEndian.AppendUint64(dst, seq)
	n := len(dst)
	dst = append(dst, make([]byte, 2*len(samples))...)
	audio.EncodePCM16(dst[n:], samples)
	return dst
}

// Control is a text message from the server on the audio WebSocket.
type Control struct {
	// Type is "hello" (the socket opened), "ack" (a frame was stored),
	// "end" (the session ended; no more audio is taken) or "error".
	Type string `json:"type"`
	// Next is the sequence number of the frame the server expects next:
	// every frame before it is stored.
	Next uint64 `json:"next"`
	// Message says why, for "end" and "error".
	Message string `json:"message,omitempty"`
}
