package audio

import "math"

// Truncation is a recording that decoded to well under the duration its
// container declares: a file cut off during a download or a copy (an MP3
// whose Xing header counts 30 s of frames but whose bytes stop after 2 s).
// Decoders stop quietly at the end of such data, so this is the only sign.
type Truncation struct {
	// Declared is the container's duration and Decoded the audio actually
	// decoded, in seconds.
	Declared, Decoded float64
}

// truncatedShare and truncatedMin are how far short of the declared
// duration the decoded audio must fall to count as cut short: more than 5 %
// and more than a second (encoder delay and padding, or a bit-rate estimate
// of a variable-rate stream, are well inside that).
const (
	truncatedShare = 0.05
	truncatedMin   = 1.0
)

// Truncated reports, once Read has returned io.EOF, whether the recording
// ended well before the duration its container declares (Info.Duration).
// It is false before the end, and for a source that declares no duration
// (a stream on a pipe that is not WAV; a cut WAV is a *DecodeError).
func (d *Decoder) Truncated() (Truncation, bool) {
	declared := d.info.Duration
	if !d.srcEOF || declared <= 0 {
		return Truncation{}, false
	}
	decoded := float64(d.out) / SampleRate
	short := declared - decoded
	if short <= math.Max(truncatedMin, truncatedShare*declared) {
		return Truncation{}, false
	}
	return Truncation{Declared: declared, Decoded: decoded}, true
}
