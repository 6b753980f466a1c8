package audio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// This file is the one place in the project where an ffmpeg or ffprobe
// command line is built and the process started (ffmpeg.go decodes,
// encode.go encodes, probe.go reads durations; all go through here). ffmpeg
// runs on untrusted uploads, and it will happily follow URLs an input names
// (HLS and DASH manifests, concat lists, MP4 data references, filter
// sources such as movie=). The rules, which no caller can switch off:
//
//   - no shell: exec with an argument vector, -nostdin, -hide_banner;
//   - every input has its demuxer forced with -f (for a recording: what our
//     sniffer found in the bytes), so ffmpeg's own probing can never pick
//     the dash, hls, concat, image2 or any other demuxer that reads further
//     URLs — one file is the same format to our checks and to ffmpeg;
//   - every input has its own -protocol_whitelist of exactly one protocol:
//     "pipe" when it is stdin, "file" when ffmpeg opens the one path we give
//     (file:/absolute/path), so nothing an input says can open another URL
//     or the network; MP4's external data references are off (-enable_drefs 0);
//   - filters and output options are checked against allow-lists
//     (encode.go): no filter that opens files or sockets, except the ass
//     filter's subtitle file and fonts directory by a path the caller
//     declared (libass reads those itself, never through a protocol); a
//     soft-subtitle track is one more input under the same rules;
//   - stderr is kept up to ffmpegStderrCap bytes and reduced to one line;
//   - the process is killed when the context is cancelled (and reaped within
//     WaitDelay), or when a streaming decoder is closed early.

// ffInput is one input of a sandboxed ffmpeg: a demuxer and where to read.
type ffInput struct {
	demuxer string   // -f value; never empty
	url     string   // "pipe:0" or "file:/abs/path"
	pre     []string // more demuxer options, set only by this package (e.g. -loop 1)
}

// pipeInput is stdin read with demuxer.
func pipeInput(demuxer string) ffInput { return ffInput{demuxer: demuxer, url: "pipe:0"} }

// fileInput is the local file path read with demuxer; path must exist.
func fileInput(demuxer, path string) (ffInput, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ffInput{}, fmt.Errorf("audio: %w", err)
	}
	return ffInput{demuxer: demuxer, url: "file:" + abs}, nil
}

// args is the input's part of the command line.
func (in ffInput) args() []string {
	proto := "pipe"
	if in.url != "pipe:0" {
		proto = "file"
	}
	a := []string{"-protocol_whitelist", proto, "-f", in.demuxer}
	if in.demuxer == "mov" {
		a = append(a, "-enable_drefs", "0")
	}
	a = append(a, in.pre...)
	return append(a, "-i", in.url)
}

// commandLine is the whole ffmpeg argument vector: the fixed global flags,
// the inputs, then output (maps, filters, codecs, the output itself).
func commandLine(inputs []ffInput, output []string) []string {
	args := []string{"-nostdin", "-hide_banner", "-nostats"}
	for _, in := range inputs {
		args = append(args, in.args()...)
	}
	return append(args, output...)
}

// probeLine is the ffprobe argument vector for one input: JSON of the
// container's and the first audio stream's own fields.
func probeLine(in ffInput) []string {
	args := []string{"-v", "error", "-hide_banner"}
	args = append(args, in.args()...)
	return append(args, "-select_streams", "a:0",
		"-show_entries", "format=duration,bit_rate:stream=codec_name,sample_rate,channels,duration",
		"-of", "json")
}

// sandboxCmd prepares exe with args; the caller sets stdin and stdout.
// stderr goes to a capped buffer.
func sandboxCmd(ctx context.Context, exe string, args []string) (*exec.Cmd, *stderrBuf) {
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.WaitDelay = 2 * time.Second
	errBuf := newStderrBuf(ffmpegStderrCap)
	cmd.Stderr = errBuf
	return cmd, errBuf
}

// lookFFmpeg finds the ffmpeg executable of opts.
func lookFFmpeg(opts Options) (string, error) {
	exe, err := exec.LookPath(opts.ffmpeg())
	if err != nil {
		if strings.ContainsRune(opts.ffmpeg(), filepath.Separator) {
			return "", &ffmpegPathError{path: opts.ffmpeg(), err: err}
		}
		return "", ErrFFmpegMissing
	}
	return exe, nil
}

// lookFFprobe finds ffprobe beside opts' ffmpeg (the Debian package ships
// both), else in PATH.
func lookFFprobe(opts Options) (string, error) {
	if exe, err := lookFFmpeg(opts); err == nil {
		if p, err := exec.LookPath(filepath.Join(filepath.Dir(exe), "ffprobe")); err == nil {
			return p, nil
		}
	}
	p, err := exec.LookPath("ffprobe")
	if err != nil {
		return "", ErrFFmpegMissing
	}
	return p, nil
}

// runFFmpeg runs one sandboxed ffmpeg to completion: stdin (may be nil)
// feeds a "pipe:0" input, stdout (may be nil) receives "pipe:1". A failure
// is one of the package's errors, classified from stderr (format names the
// input for messages).
func runFFmpeg(ctx context.Context, opts Options, inputs []ffInput, output []string, stdin io.Reader, stdout io.Writer, format string) error {
	_, err := runFFmpegStderr(ctx, opts, inputs, output, stdin, stdout, format)
	return err
}

// runFFmpegStderr is runFFmpeg that also returns what ffmpeg wrote on
// stderr (its head and tail, ffmpegStderrCap bytes at most), for the runs
// whose result is printed there (loudnorm's measures).
func runFFmpegStderr(ctx context.Context, opts Options, inputs []ffInput, output []string, stdin io.Reader, stdout io.Writer, format string) (string, error) {
	exe, err := lookFFmpeg(opts)
	if err != nil {
		return "", err
	}
	cmd, errBuf := sandboxCmd(ctx, exe, commandLine(inputs, output))
	cmd.Stdin, cmd.Stdout = stdin, stdout
	err = cmd.Run()
	switch {
	case ctx.Err() != nil:
		return "", ctx.Err()
	case err == nil:
		return errBuf.String(), nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) || errors.Is(err, exec.ErrWaitDelay) {
		return "", classifyFFmpeg(errBuf.String(), format, -1)
	}
	return "", fmt.Errorf("audio: ffmpeg: %w", err)
}

// recording opens the local file at path as an ffmpeg input: its container
// sniffed from its leading bytes as the decoder does, the demuxer forced,
// the file opened by ffmpeg under the "file" protocol.
func recording(path string) (ffInput, container, error) {
	f, err := os.Open(path)
	if err != nil {
		return ffInput{}, container{}, fmt.Errorf("audio: %w", err)
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return ffInput{}, container{}, fmt.Errorf("audio: read input: %w", err)
	}
	c, err := sniff(head[:n])
	if err != nil {
		return ffInput{}, container{}, err
	}
	demuxer := c.demuxer
	if demuxer == "" {
		demuxer = "wav" // the pure-Go WAV path's formats, for ffmpeg
	}
	in, err := fileInput(demuxer, path)
	return in, c, err
}
