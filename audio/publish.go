package audio

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/newsscribe/newsscribe/internal/oneline"
)

// This file holds the sandboxed ffmpeg and ffprobe runs that publishing
// clips needs beyond Encoding: loudnorm's measuring pass, a file's streams
// (has the upload a picture? what did a clip come out as?), and a still
// frame read back from a made clip.

// Loudness is what loudnorm's measuring pass says of a stretch of audio
// (EBU R128): integrated loudness I in LUFS, true peak TP in dBTP,
// loudness range LRA in LU, the gating threshold in LUFS and the offset
// loudnorm proposes. Its fields feed the second pass (measured_I=… etc.).
type Loudness struct {
	I, TP, LRA, Thresh, Offset float64
}

// Finite reports whether every measure is a number: silence measures -inf,
// and a second pass cannot be told that.
func (l Loudness) Finite() bool {
	for _, v := range []float64{l.I, l.TP, l.LRA, l.Thresh, l.Offset} {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return false
		}
	}
	return true
}

// MeasureLoudness runs loudnorm's first pass over the stretch of src that
// e.Start and e.Duration cut (e.Src, e.Start, e.Duration are used; Filter
// is prepended to loudnorm when not empty, e.g. fades) and returns its
// measures. target is the loudnorm option string of the second pass
// ("I=-16:TP=-1.5:LRA=11"); the first pass must be given the same.
func MeasureLoudness(ctx context.Context, e Encoding, target string, opts Options) (Loudness, error) {
	chain := "loudnorm=" + target + ":print_format=json"
	if e.Filter != "" {
		chain = e.Filter + "," + chain
	}
	m := Encoding{Src: e.Src, Start: e.Start, Duration: e.Duration,
		Filter: "[0:a:0]" + chain + "[a]",
		Output: []string{"-map", "[a]"}, Format: "null"}
	inputs, output, format, err := m.commandLine()
	if err != nil {
		return Loudness{}, err
	}
	stderr, err := runFFmpegStderr(ctx, opts, inputs, append(output, "pipe:1"), nil, nil, format)
	if err != nil {
		return Loudness{}, fmt.Errorf("loudness: %w", err)
	}
	return parseLoudnorm(stderr)
}

// parseLoudnorm finds the JSON object loudnorm prints at the end of its
// first pass in ffmpeg's stderr.
func parseLoudnorm(stderr string) (Loudness, error) {
	i := strings.LastIndex(stderr, "\"input_i\"")
	if i < 0 {
		return Loudness{}, errors.New("audio: loudness: loudnorm printed no measures")
	}
	start := strings.LastIndexByte(stderr[:i], '{')
	end := strings.IndexByte(stderr[i:], '}')
	if start < 0 || end < 0 {
		return Loudness{}, errors.New("audio: loudness: loudnorm's measures are cut off")
	}
	var raw map[string]string
	if err := json.Unmarshal([]byte(stderr[start:i+end+1]), &raw); err != nil {
		return Loudness{}, fmt.Errorf("audio: loudness: %w", err)
	}
	num := func(k string) float64 {
		v, err := strconv.ParseFloat(strings.TrimSpace(raw[k]), 64)
		if err != nil {
			return math.Inf(-1)
		}
		return v
	}
	return Loudness{I: num("input_i"), TP: num("input_tp"), LRA: num("input_lra"),
		Thresh: num("input_thresh"), Offset: num("target_offset")}, nil
}

// SecondPass is the loudnorm option string of the normalising pass: target
// plus l's measures, linear (one gain for the whole clip, no pumping) when
// loudnorm can reach the target that way.
func (l Loudness) SecondPass(target string) string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	return fmt.Sprintf("%s:measured_I=%s:measured_TP=%s:measured_LRA=%s:measured_thresh=%s:offset=%s:linear=true",
		target, f(l.I), f(l.TP), f(l.LRA), f(l.Thresh), f(l.Offset))
}

// Media is what ffprobe says of a file's container and streams.
type Media struct {
	// Duration is the container's, in seconds (0 when unknown).
	Duration float64
	Streams  []Stream
}

// Stream is one stream of a file.
type Stream struct {
	// Type is "audio", "video", "subtitle", …; Codec ffmpeg's codec name.
	Type, Codec string
	// Width and Height are a video stream's frame size in pixels.
	Width, Height int
	// Picture is false for a video stream that is cover art (an attached
	// picture) rather than a moving picture.
	Picture bool
	// Duration is the stream's own, in seconds (0 when unknown).
	Duration float64
}

// ProbeMedia reads the container and streams of the local file at path
// with ffprobe in the sandbox, the file read as the decoder reads it
// (sniffed container, forced demuxer, file protocol only).
func ProbeMedia(ctx context.Context, path string, opts Options) (Media, error) {
	in, _, err := recording(path)
	if err != nil {
		return Media{}, err
	}
	exe, err := lookFFprobe(opts)
	if err != nil {
		return Media{}, err
	}
	args := []string{"-v", "error", "-hide_banner"}
	args = append(args, in.args()...)
	args = append(args, "-show_entries",
		"format=duration:stream=codec_type,codec_name,width,height,duration:stream_disposition=attached_pic", "-of", "json")
	cmd, errBuf := sandboxCmd(ctx, exe, args)
	var out bytes.Buffer
	cmd.Stdout = &limitedBuffer{buf: &out, left: 256 << 10}
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return Media{}, ctx.Err()
		}
		return Media{}, fmt.Errorf("audio: probe: %s", oneline.Fold(errBuf.String()))
	}
	var v struct {
		Streams []struct {
			CodecType   string `json:"codec_type"`
			CodecName   string `json:"codec_name"`
			Width       int    `json:"width"`
			Height      int    `json:"height"`
			Duration    string `json:"duration"`
			Disposition struct {
				AttachedPic int `json:"attached_pic"`
			} `json:"disposition"`
		} `json:"streams"`
		Format struct {
			Duration string `json:"duration"`
		} `json:"format"`
	}
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		return Media{}, fmt.Errorf("audio: probe: %w", err)
	}
	sec := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || !(f > 0) {
			return 0
		}
		return f
	}
	m := Media{Duration: sec(v.Format.Duration)}
	for _, s := range v.Streams {
		m.Streams = append(m.Streams, Stream{Type: s.CodecType, Codec: s.CodecName, Width: s.Width, Height: s.Height,
			Picture:  s.CodecType == "video" && s.Disposition.AttachedPic == 0 && s.Width > 0 && s.Height > 0,
			Duration: sec(s.Duration)})
	}
	return m, nil
}

// Picture is the first moving-picture video stream, if any (ok).
func (m Media) Picture() (s Stream, ok bool) {
	for _, s := range m.Streams {
		if s.Picture {
			return s, true
		}
	}
	return Stream{}, false
}

// ExtractFrame writes the frame of the video at src shown at second at
// (from the video's start) to dst as PNG; dst must not exist. The video is
// read as any recording is (sniffed container, forced demuxer, file
// protocol only); the output is one literal file (-update 1), never an
// image2 %d pattern.
func ExtractFrame(ctx context.Context, src string, at float64, dst string, opts Options) error {
	in, c, err := recording(src)
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(dst)
	if err != nil {
		return fmt.Errorf("audio: %w", err)
	}
	in.pre = append(in.pre, "-ss", strconv.FormatFloat(at, 'f', 3, 64))
	output := []string{"-map", "0:v:0", "-frames:v", "1", "-c:v", "png", "-update", "1", "-f", "image2", "-n", "file:" + abs}
	return runFFmpeg(ctx, opts, []ffInput{in}, output, nil, nil, c.format)
}

// progressWriter reads ffmpeg's -progress key=value lines and reports
// out_time_us (microseconds of output written) in seconds.
type progressWriter struct {
	report func(seconds float64)
	line   []byte
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			if len(p.line) < 256 {
				p.line = append(p.line, b...)
			}
			break
		}
		p.line = append(p.line, b[:i]...)
		b = b[i+1:]
		if v, ok := bytes.CutPrefix(p.line, []byte("out_time_us=")); ok {
			if us, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64); err == nil && us >= 0 {
				p.report(float64(us) / 1e6)
			}
		}
		p.line = p.line[:0]
	}
	return n, nil
}
