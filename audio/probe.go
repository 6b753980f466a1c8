package audio

import (
	"bytes"
	"context"
	"encoding/json"
	"strconv"
)

// probed is what ffprobe's JSON says of a file: the container's and the
// first audio stream's own fields (-show_entries in probeLine).
type probed struct {
	Streams []struct {
		CodecName  string `json:"codec_name"`
		SampleRate string `json:"sample_rate"`
		Channels   int    `json:"channels"`
		Duration   string `json:"duration"`
	} `json:"streams"`
	Format struct {
		Duration string `json:"duration"`
		BitRate  string `json:"bit_rate"`
	} `json:"format"`
}

// probeFile reads the duration (seconds), codec, rate and channels of the
// local file in, and its overall bit rate in kb/s, from ffprobe's JSON run
// in the sandbox — never from ffmpeg's human-readable banner, where a
// metadata tag can say "Duration: 03:59:00.00". ok is false when ffprobe is
// missing or fails; the caller then knows no duration.
func probeFile(ctx context.Context, opts Options, in ffInput) (info Info, kbps int, ok bool) {
	exe, err := lookFFprobe(opts)
	if err != nil {
		return Info{}, 0, false
	}
	cmd, _ := sandboxCmd(ctx, exe, probeLine(in))
	var out bytes.Buffer
	cmd.Stdout = &limitedBuffer{buf: &out, left: 64 << 10}
	if err := cmd.Run(); err != nil {
		return Info{}, 0, false
	}
	var p probed
	if err := json.Unmarshal(out.Bytes(), &p); err != nil {
		return Info{}, 0, false
	}
	seconds := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v > 0) || v > 1e7 {
			return 0
		}
		return v
	}
	info.Duration = seconds(p.Format.Duration)
	if len(p.Streams) > 0 {
		s := p.Streams[0]
		info.Codec, info.Channels = s.CodecName, s.Channels
		info.SampleRate, _ = strconv.Atoi(s.SampleRate)
		if d := seconds(s.Duration); d > 0 {
			info.Duration = d // the audio stream's own, when a video runs longer
		}
	}
	if br, err := strconv.Atoi(p.Format.BitRate); err == nil && br > 0 {
		kbps = br / 1000
	}
	return info, kbps, true
}

// limitedBuffer keeps at most left bytes and drops the rest.
type limitedBuffer struct {
	buf  *bytes.Buffer
	left int
}

func (l *limitedBuffer) Write(p []byte) (int, error) {
	n := len(p)
	if len(p) > l.left {
		p = p[:l.left]
	}
	l.buf.Write(p)
	l.left -= len(p)
	return n, nil
}
