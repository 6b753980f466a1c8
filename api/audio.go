package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"github.com/newsscribe/newsscribe/api/jobs"
	"github.com/newsscribe/newsscribe/audio"
)

// AudioDecoder validates and decodes stored uploads with package audio. It
// implements Prober and jobs.Decoder, and turns the decoder's errors into
// *jobs.InputError with the HTTP status the API answers with.
type AudioDecoder struct {
	// Options are passed to package audio (MaxDuration, FFmpegPath).
	Options audio.Options
}

var (
	_ Prober       = AudioDecoder{}
	_ jobs.Decoder = AudioDecoder{}
)

// Probe opens the upload and reads its declared duration. When the container
// does not declare one and a maximum duration is set, it decodes through the
// file (streamed, a small reused buffer) so that a too-long upload is refused
// now and not after queueing. It always decodes the first second so that
// garbage after a valid header is caught.
func (d AudioDecoder) Probe(ctx context.Context, path string) (float64, error) {
	dec, err := audio.OpenFile(ctx, path, d.Options)
	if err != nil {
		return 0, d.classify(err, path)
	}
	defer dec.Close()
	info := dec.Info()
	if d.Options.MaxDuration > 0 && info.Duration > d.Options.MaxDuration.Seconds() {
		return info.Duration, d.classify(audio.ErrTooLong, path)
	}
	buf := make([]float32, audio.SampleRate)
	var n int64
	for {
		k, err := dec.Read(buf)
		n += int64(k)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, d.classify(err, path)
		}
		if n >= audio.SampleRate && (info.Duration > 0 || d.Options.MaxDuration == 0) {
			return info.Duration, nil
		}
	}
	if n == 0 {
		return 0, d.classify(audio.ErrEmpty, path)
	}
	return float64(n) / audio.SampleRate, nil
}

// Decode implements jobs.Decoder.
func (d AudioDecoder) Decode(ctx context.Context, path string) ([]float32, error) {
	clip, err := audio.DecodeFile(ctx, path, d.Options)
	if err != nil {
		return nil, d.classify(err, path)
	}
	return clip.Samples, nil
}

// classify maps package audio's errors to the API's answers. Problems of the
// server (ffmpeg missing, I/O) are passed on as they are: they are 500s and
// transient for the queue. Messages never carry the stored file's path.
func (d AudioDecoder) classify(err error, path string) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	status, code := 0, ""
	var de *audio.DecodeError
	var ue *audio.UnsupportedError
	switch {
	case errors.Is(err, audio.ErrFFmpegMissing):
		return err
	case errors.Is(err, audio.ErrNoAudio):
		status, code = http.StatusUnsupportedMediaType, "not_audio"
	case errors.As(err, &ue):
		status, code = http.StatusUnsupportedMediaType, "unsupported"
	case errors.Is(err, audio.ErrTooLong):
		status, code = http.StatusUnprocessableEntity, "too_long"
	case errors.Is(err, audio.ErrEmpty):
		status, code = http.StatusUnprocessableEntity, "empty"
	case errors.As(err, &de):
		status, code = http.StatusUnprocessableEntity, "corrupt"
	default:
		return err
	}
	msg := err.Error()
	msg = strings.ReplaceAll(msg, path, "the upload")
	msg = strings.ReplaceAll(msg, filepath.Base(path), "the upload")
	msg = strings.TrimPrefix(msg, "audio: ")
	if code == "too_long" {
		msg += fmt.Sprintf(" of %s", d.Options.MaxDuration)
	}
	return &jobs.InputError{Status: status, Code: code, Err: fmt.Errorf("%s", msg)}
}
