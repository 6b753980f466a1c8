package audio

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/newsscribe/newsscribe/internal/oneline"
)

// ffmpegArgs is the command line that decodes input (pipe:0 or
// file:/abs/path) with demuxer, under the sandbox's rules (sandbox.go).
//
// ffmpeg decodes and downmixes (-ac 1: for stereo the average of the two
// channels, for surround ffmpeg's standard mono matrix, which keeps dialogue
// in the centre channel audible) and writes mono 32-bit float WAV at the
// source rate to stdout; our WAV reader and resampler take it from
// there, so every format gets the same resampler and the same quality bar.
//
// pre are demuxer options of this package's own (a live stream's short
// probe).
func ffmpegArgs(demuxer, input string, local bool, pre ...string) []string {
	_ = local // the protocol follows from input: "file:" or "pipe:0"
	return commandLine([]ffInput{{demuxer: demuxer, url: input, pre: pre}}, []string{
		"-map", "0:a:0", "-vn", "-sn", "-dn",
		"-ac", "1", "-c:a", "pcm_f32le",
		"-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
		// Fill 32 KiB before each write instead of one write per packet.
		"-flush_packets", "0",
		"-f", "wav", "pipe:1",
	})
}

// ffmpegStderrCap bounds how much of ffmpeg's stderr is kept, in bytes.
const ffmpegStderrCap = 64 << 10

// ffmpegProc is a running ffmpeg and the WAV stream it writes.
type ffmpegProc struct {
	cmd     *exec.Cmd
	stdout  io.ReadCloser
	wav     *wavReader
	stderr  *stderrBuf
	fed     *countingReader // set when the input is copied to ffmpeg's stdin
	file    *os.File        // set when a file is ffmpeg's stdin
	tmpPath string          // spooled upload, removed on close
	format  string
	kbps    int // overall bit rate ffmpeg reported, 0 if none

	waitOnce sync.Once
	waitErr  error
}

// ffmpegInput is what ffmpeg reads: a local file by path (opened by ffmpeg,
// "file" protocol), a local file as its stdin, or a stream copied to its
// stdin (both "pipe").
type ffmpegInput struct {
	r     io.Reader // the stream, from its first byte
	path  string
	file  *os.File     // rewound; becomes ffmpeg's stdin
	probe *probeResult // ffprobe's facts when the input is a local file
	pre   []string     // demuxer options (a live stream's short probe)
}

// probeResult is what probeFile found.
type probeResult struct {
	info Info
	kbps int
}

// startFFmpeg starts ffmpeg on in and reads the WAV header of its output.
func startFFmpeg(ctx context.Context, in ffmpegInput, c container, opts Options) (_ *ffmpegProc, info Info, err error) {
	exe, err := lookFFmpeg(opts)
	if err != nil {
		return nil, Info{}, err
	}
	p := &ffmpegProc{format: c.format}
	defer func() {
		if err != nil {
			p.close()
		}
	}()
	path := in.path
	if c.needsFile && path == "" {
		if path, err = spool(ctx, in.r); err != nil {
			return nil, Info{}, err
		}
		p.tmpPath = path
	}
	var args []string
	if path != "" {
		abs, aerr := filepath.Abs(path)
		if aerr != nil {
			return nil, Info{}, fmt.Errorf("audio: %w", aerr)
		}
		args = ffmpegArgs(c.demuxer, "file:"+abs, true)
	} else {
		args = ffmpegArgs(c.demuxer, "pipe:0", false, in.pre...)
	}
	p.cmd, p.stderr = sandboxCmd(ctx, exe, args)
	switch {
	case path != "":
	case in.file != nil:
		p.cmd.Stdin = in.file // passed as the child's fd 0
		p.file = in.file
	default:
		p.fed = &countingReader{r: in.r}
		p.cmd.Stdin = p.fed
	}
	if p.stdout, err = p.cmd.StdoutPipe(); err != nil {
		return nil, Info{}, fmt.Errorf("audio: start ffmpeg: %w", err)
	}
	if err = p.cmd.Start(); err != nil {
		return nil, Info{}, fmt.Errorf("audio: start ffmpeg: %w", err)
	}
	p.wav, err = newWAVReader(p.stdout)
	if err != nil {
		// ffmpeg wrote no audio: the reason is on stderr.
		if werr := p.wait(ctx); werr != nil {
			return nil, Info{}, werr
		}
		return nil, Info{}, fmt.Errorf("audio: ffmpeg output: %w", err)
	}
	// ffmpeg prints the input description before it writes any output;
	// wait (briefly) until our stderr copy has seen it.
	select {
	case <-p.stderr.mapped:
	case <-time.After(2 * time.Second):
	case <-ctx.Done():
		return nil, Info{}, ctx.Err()
	}
	info = parseFFmpegInfo(p.stderr.head())
	if in.probe != nil {
		// The local file's own fields, from ffprobe's JSON.
		pi := in.probe
		info.Duration, p.kbps = pi.info.Duration, pi.kbps
		if pi.info.Codec != "" {
			info.Codec = pi.info.Codec
		}
		if pi.info.SampleRate > 0 {
			info.SampleRate, info.Channels = pi.info.SampleRate, pi.info.Channels
		}
	}
	info.Format = c.format
	if info.SampleRate == 0 {
		info.SampleRate = p.wav.rate
	}
	return p, info, nil
}

// wait reaps ffmpeg once and turns a failure into one of the package's
// errors.
func (p *ffmpegProc) wait(ctx context.Context) error {
	p.waitOnce.Do(func() {
		err := p.cmd.Wait()
		switch {
		case ctx.Err() != nil:
			p.waitErr = ctx.Err()
		case err != nil:
			var ee *exec.ExitError
			if errors.As(err, &ee) || errors.Is(err, exec.ErrWaitDelay) {
				p.waitErr = p.classify()
			} else {
				p.waitErr = fmt.Errorf("audio: ffmpeg: %w", err)
			}
		}
	})
	return p.waitErr
}

// close kills ffmpeg if it still runs, reaps it, and removes the spooled
// upload.
func (p *ffmpegProc) close() {
	if p.cmd != nil && p.cmd.Process != nil {
		p.waitOnce.Do(func() {
			_ = p.cmd.Process.Kill()
			_ = p.cmd.Wait()
			p.waitErr = errors.New("audio: ffmpeg stopped")
		})
	}
	if p.tmpPath != "" {
		_ = os.Remove(p.tmpPath)
		p.tmpPath = ""
	}
}

// classify maps ffmpeg's stderr onto the package's errors.
func (p *ffmpegProc) classify() error {
	off := int64(-1)
	switch {
	case p.fed != nil:
		off = p.fed.n.Load()
	case p.file != nil:
		// The child shared our file offset: it shows how far it read.
		if pos, err := p.file.Seek(0, io.SeekCurrent); err == nil {
			off = pos
		}
	}
	return classifyFFmpeg(p.stderr.String(), p.format, off)
}

// classifyFFmpeg maps ffmpeg's stderr text onto the package's errors; format
// names the input, off is how far ffmpeg had read (-1: unknown).
func classifyFFmpeg(text, format string, off int64) error {
	low := strings.ToLower(text)
	reason := ffmpegReason(text)
	switch {
	case strings.Contains(low, "not on whitelist"):
		return &UnsupportedError{What: "the input refers to other files or URLs"}
	case strings.Contains(low, "matches no streams"), strings.Contains(low, "does not contain any stream"):
		return &noAudioError{"no audio stream in the " + format + " file"}
	case strings.Contains(low, "decoder (codec") && strings.Contains(low, "not found"),
		strings.Contains(low, "unsupported codec"), strings.Contains(low, "unknown codec"),
		strings.Contains(low, "no decoder for"):
		return &UnsupportedError{What: "codec: " + reason}
	}
	return &DecodeError{Offset: off, Err: errors.New("ffmpeg: " + reason)}
}

var ffmpegCtxPrefix = regexp.MustCompile(`^\[[^\]]*@ 0x[0-9a-f]+\]\s*`)

// ffmpegReason picks the line of ffmpeg's stderr that says what went wrong.
func ffmpegReason(text string) string {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	best := ""
	for _, l := range lines {
		l = strings.TrimSpace(ffmpegCtxPrefix.ReplaceAllString(strings.TrimSpace(l), ""))
		if l == "" || strings.HasPrefix(l, "Stream #") || strings.HasPrefix(l, "Input #") ||
			strings.HasPrefix(l, "Output #") || strings.HasPrefix(l, "Metadata:") || strings.HasPrefix(l, "Duration:") {
			continue
		}
		low := strings.ToLower(l)
		if strings.Contains(low, "error") || strings.Contains(low, "invalid") || strings.Contains(low, "not found") ||
			strings.Contains(low, "could not") || strings.Contains(low, "unsupported") || strings.Contains(low, "failed") {
			best = l // the last such line is usually the conclusion
		}
		if best == "" {
			best = l
		}
	}
	if best == "" {
		best = "ffmpeg failed without a message"
	}
	if len(best) > 200 {
		best = best[:200] + "…"
	}
	return oneline.Fold(best)
}

// reAudio and reRate read the first audio stream's line of ffmpeg's input
// description; the line must start with exactly two spaces, as ffmpeg
// prints it — metadata values are indented further, also on their
// continuation lines, so a tag cannot pose as a stream. Durations and bit
// rates are never read from this text (probe.go has them from ffprobe's JSON).
var (
	reAudio = regexp.MustCompile(`(?m)^  Stream #0:\d+[^\n]*?: Audio: ([A-Za-z0-9_]+)[^\n]*`)
	reRate  = regexp.MustCompile(`, (\d+) Hz, ([^,\n]+)`)
	reChans = regexp.MustCompile(`^(\d+) channels`)
)

// channelLayouts maps ffmpeg's layout names to channel counts.
var channelLayouts = map[string]int{
	"mono": 1, "stereo": 2, "downmix": 2, "2.1": 3, "3.0": 3, "3.0(back)": 3,
	"4.0": 4, "quad": 4, "quad(side)": 4, "3.1": 4, "5.0": 5, "5.0(side)": 5,
	"4.1": 5, "5.1": 6, "5.1(side)": 6, "6.0": 6, "6.0(front)": 6, "hexagonal": 6,
	"6.1": 7, "6.1(back)": 7, "6.1(front)": 7, "7.0": 7, "7.0(front)": 7,
	"7.1": 8, "7.1(wide)": 8, "7.1(wide-side)": 8, "octagonal": 8,
}

// parseFFmpegInfo reads codec, rate and channels of the first audio stream
// from ffmpeg's description of its input.
func parseFFmpegInfo(stderr string) (info Info) {
	if i := strings.Index(stderr, "Output #0"); i >= 0 {
		stderr = stderr[:i]
	}
	if m := reAudio.FindStringSubmatch(stderr); m != nil {
		info.Codec = m[1]
		if r := reRate.FindStringSubmatch(m[0]); r != nil {
			info.SampleRate, _ = strconv.Atoi(r[1])
			layout := strings.TrimSpace(r[2])
			if n, ok := channelLayouts[layout]; ok {
				info.Channels = n
			} else if c := reChans.FindStringSubmatch(layout); c != nil {
				info.Channels, _ = strconv.Atoi(c[1])
			}
		}
	}
	return info
}

// spool copies an upload to a temporary file for formats ffmpeg must seek
// in. The caller removes the file.
func spool(ctx context.Context, in io.Reader) (string, error) {
	f, err := os.CreateTemp("", "newsscribe-audio-*")
	if err != nil {
		return "", fmt.Errorf("audio: spool upload: %w", err)
	}
	buf := make([]byte, 256<<10)
	for {
		if err = ctx.Err(); err != nil {
			break
		}
		n, rerr := in.Read(buf)
		if n > 0 {
			if _, err = f.Write(buf[:n]); err != nil {
				err = fmt.Errorf("audio: spool upload: %w", err)
				break
			}
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			err = fmt.Errorf("audio: read upload: %w", rerr)
			break
		}
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("audio: spool upload: %w", cerr)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// countingReader counts the bytes handed to ffmpeg, so a failure can say
// how far into the input it happened.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// stderrBuf keeps the first cap/2 and the last cap/2 bytes of ffmpeg's
// stderr, and signals once the input description ("Stream mapping:") has
// gone by.
type stderrBuf struct {
	mu      sync.Mutex
	headCap int
	h       []byte
	tail    []byte // ring of the latest bytes
	tailCap int
	dropped bool
	seen    bool
	mapped  chan struct{}
}

func newStderrBuf(limit int) *stderrBuf {
	return &stderrBuf{headCap: limit / 2, tailCap: limit / 2, mapped: make(chan struct{})}
}

func (s *stderrBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := len(p)
	if room := s.headCap - len(s.h); room > 0 {
		k := min(room, len(p))
		s.h = append(s.h, p[:k]...)
		p = p[k:]
	}
	if len(p) > 0 {
		s.tail = append(s.tail, p...)
		if len(s.tail) > s.tailCap {
			s.dropped = true
			s.tail = append(s.tail[:0], s.tail[len(s.tail)-s.tailCap:]...)
		}
	}
	if !s.seen && (bytes.Contains(s.h, []byte("Stream mapping:")) || bytes.Contains(s.h, []byte("Output #0"))) {
		s.seen = true
		close(s.mapped)
	}
	return n, nil
}

func (s *stderrBuf) head() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return string(s.h)
}

// String returns what was kept: the head, and the tail when there was more.
func (s *stderrBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tail) == 0 {
		return string(s.h)
	}
	sep := "\n"
	if s.dropped {
		sep = "\n…\n"
	}
	return string(s.h) + sep + string(s.tail)
}
