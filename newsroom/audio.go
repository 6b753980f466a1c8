package newsroom

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/queue"
)

// AudioDecoder validates and decodes stored uploads through the pipeline.
// It implements Prober and queue.Decoder, and turns package audio's errors
// into *queue.InputError with the job's error code (the API answers an
// upload refused so with its own HTTP status).
type AudioDecoder struct {
	// Pipeline decodes, with its audio.Options (MaxDuration, FFmpegPath).
	Pipeline *pipeline.Pipeline
}

var (
	_ Prober        = AudioDecoder{}
	_ queue.Decoder = AudioDecoder{}
)

// Probe implements Prober with pipeline.Probe: a too-long, empty or
// unreadable upload is refused now and not after queueing.
func (d AudioDecoder) Probe(ctx context.Context, path string) (float64, error) {
	seconds, err := d.Pipeline.Probe(ctx, path)
	if err != nil {
		return seconds, d.classify(err, path)
	}
	return seconds, nil
}

// Open implements queue.Decoder: a stream of the upload whose errors, when
// opening and while reading, are classified as Probe's.
func (d AudioDecoder) Open(ctx context.Context, path string) (queue.Stream, error) {
	dec, err := audio.OpenFile(ctx, path, d.Pipeline.AudioOptions())
	if err != nil {
		return nil, d.classify(err, path)
	}
	return &classified{Decoder: dec, d: d, path: path}, nil
}

// classified is a decoder whose read errors are classified.
type classified struct {
	*audio.Decoder
	d    AudioDecoder
	path string
}

func (c *classified) Read(p []float32) (int, error) {
	n, err := c.Decoder.Read(p)
	if err != nil && err != io.EOF {
		err = c.d.classify(err, c.path)
	}
	return n, err
}

// classify maps package audio's errors to the error codes of bad input. Problems of the
// server (ffmpeg missing, I/O) are passed on as they are: they are 500s and
// transient for the queue. Messages never carry the stored file's path.
func (d AudioDecoder) classify(err error, path string) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var code errcode.Code
	var de *audio.DecodeError
	var ue *audio.UnsupportedError
	switch {
	case errors.Is(err, audio.ErrFFmpegMissing):
		return err
	case errors.Is(err, audio.ErrNoAudio):
		code = errcode.NotAudio
	case errors.As(err, &ue):
		code = errcode.Unsupported
	case errors.Is(err, audio.ErrTooLong):
		code = errcode.TooLong
	case errors.Is(err, audio.ErrEmpty):
		code = errcode.Empty
	case errors.As(err, &de):
		code = errcode.Corrupt
	default:
		return err
	}
	msg := err.Error()
	msg = strings.ReplaceAll(msg, path, "the upload")
	msg = strings.ReplaceAll(msg, filepath.Base(path), "the upload")
	msg = strings.TrimPrefix(msg, "audio: ")
	if code == errcode.TooLong {
		msg += fmt.Sprintf(" of %s", d.Pipeline.MaxDuration())
	}
	return &queue.InputError{Code: code, Err: fmt.Errorf("%s", msg)}
}
