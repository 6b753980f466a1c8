package audio

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/newsscribe/newsscribe/internal/oneline"
)

var (
	// ErrEmpty is returned for input without a single byte or sample.
	ErrEmpty = errors.New("audio: the input is empty")
	// ErrNoAudio is returned for input that is not audio (an image, a
	// PDF, a text or HTML file, an archive) or a container without an
	// audio stream (a silent video).
	ErrNoAudio = errors.New("audio: the input contains no audio")
	// ErrTooLong is returned as soon as the decoded audio passes
	// Options.MaxDuration.
	ErrTooLong = errors.New("audio: the recording is longer than the allowed maximum")
	// ErrFFmpegMissing is returned when a format needs ffmpeg and it is
	// not installed.
	ErrFFmpegMissing = errors.New("audio: ffmpeg is not installed (install the Debian/Ubuntu package \"ffmpeg\": apt-get install ffmpeg)")
)

// DecodeError reports truncated or corrupt input.
type DecodeError struct {
	// Offset is the byte offset in the input where the problem was found;
	// for formats decoded by ffmpeg it is the number of bytes ffmpeg had
	// read when it failed (-1 if unknown).
	Offset int64
	// Err is the underlying problem.
	Err error
}

func (e *DecodeError) Error() string {
	msg := "unknown problem"
	if e.Err != nil {
		msg = oneline.Fold(e.Err.Error())
	}
	if e.Offset < 0 {
		return "audio: corrupt or truncated data: " + msg
	}
	return fmt.Sprintf("audio: corrupt or truncated data at byte %d: %s", e.Offset, msg)
}

func (e *DecodeError) Unwrap() error { return e.Err }

// UnsupportedError reports valid input that this package does not decode:
// an unknown container, a codec ffmpeg lacks, a playlist.
type UnsupportedError struct {
	// What names the unsupported thing ("WAV with 12-bit samples").
	What string
}

func (e *UnsupportedError) Error() string {
	return "audio: unsupported: " + oneline.Fold(e.What)
}

// noAudioError wraps ErrNoAudio with what the input was found to be.
type noAudioError struct{ what string }

func (e *noAudioError) Error() string {
	return "audio: the input contains no audio: " + e.what
}

func (e *noAudioError) Unwrap() error { return ErrNoAudio }

// ffmpegPathError is ErrFFmpegMissing for an ffmpeg given by path (the
// --ffmpeg flag) that does not exist or cannot be run: it names the path
// rather than claiming ffmpeg is not installed.
type ffmpegPathError struct {
	path string
	err  error
}

func (e *ffmpegPathError) Error() string {
	why := "cannot be run"
	if errors.Is(e.err, fs.ErrNotExist) {
		why = "does not exist"
	}
	return fmt.Sprintf("audio: ffmpeg %s %s: give --ffmpeg the path of an ffmpeg executable, or leave it out to use ffmpeg from PATH (apt-get install ffmpeg)", e.path, why)
}

func (e *ffmpegPathError) Is(target error) bool { return target == ErrFFmpegMissing }
func (e *ffmpegPathError) Unwrap() error        { return e.err }
