package audio

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
)

// sourceReader delivers mono samples at the source rate.
type sourceReader interface {
	Read(p []float32) (int, error)
}

var (
	_ sourceReader = (*wavReader)(nil)
	_ sourceReader = (*Decoder)(nil)
)

// Decoder streams a recording as 16 kHz mono float32. It holds only a few
// hundred kilobytes whatever the input's length. A Decoder is not safe for
// concurrent use.
type Decoder struct {
	ctx    context.Context
	info   Info
	src    sourceReader
	rs     *resampler
	ff     *ffmpegProc // nil on the pure-Go WAV path
	max    int64       // output sample limit, 0: none
	out    int64
	srcEOF bool
	err    error
	closer io.Closer // the file OpenFile opened
	size   int64     // input size in bytes if the reader knows it, else -1
}

// NewDecoder recognises the format of r from its leading bytes and prepares
// to decode it. It reads only the headers; r is consumed as Read is called.
// ctx bounds the whole decode: cancelling it stops ffmpeg.
func NewDecoder(ctx context.Context, r io.Reader, opts Options) (*Decoder, error) {
	return newDecoder(ctx, r, "", nil, opts, false)
}

// NewStreamDecoder is NewDecoder for a live stream, where every second
// waited is lag: the format is recognised from its first streamSniffLen
// bytes rather than sniffLen (64 KiB are 8 s of a 64 kb/s stream), and
// ffmpeg starts decoding after a short look at the stream (streamProbe)
// rather than its default 5 s.
func NewStreamDecoder(ctx context.Context, r io.Reader, opts Options) (*Decoder, error) {
	return newDecoder(ctx, r, "", nil, opts, true)
}

// streamSniffLen is how much of a live stream is sniffed: two frames of
// MP3 or AAC at any bit rate, or twenty MPEG-TS packets.
const streamSniffLen = 4 << 10

// streamProbe are ffmpeg's input options for a live stream: analyse 32 KiB
// and half a second of it before decoding.
var streamProbe = []string{"-probesize", "32768", "-analyzeduration", "500000"}

// OpenFile is NewDecoder for a local file. Close closes the file.
func OpenFile(ctx context.Context, path string, opts Options) (*Decoder, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("audio: %w", err)
	}
	d, err := newDecoder(ctx, f, path, f, opts, false)
	if err != nil {
		f.Close()
		return nil, err
	}
	d.closer = f
	return d, nil
}

// newDecoder decodes r; path and file are set when r is a local file,
// stream when it is a live stream (NewStreamDecoder).
func newDecoder(ctx context.Context, r io.Reader, path string, file *os.File, opts Options, stream bool) (*Decoder, error) {
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	n := sniffLen
	if stream {
		n = streamSniffLen
	}
	br := bufio.NewReaderSize(r, n)
	head, err := br.Peek(n)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("audio: read input: %w", err)
	}
	c, err := sniff(head)
	if err != nil {
		return nil, err
	}
	d := &Decoder{ctx: ctx, max: opts.maxSamples(), size: sizeOf(r)}
	if c.demuxer == "" {
		w, err := newWAVReader(br)
		if err != nil {
			return nil, err
		}
		d.src = w
		d.info = Info{Format: c.format, Codec: w.codec, SampleRate: w.rate, Channels: w.channels}
		if w.frames >= 0 {
			d.info.Duration = float64(w.frames) / float64(w.rate)
			if w.frames == 0 {
				return nil, ErrEmpty
			}
		}
	} else {
		in := ffmpegInput{r: br}
		if stream {
			in.pre = streamProbe
		}
		switch {
		case c.needsFile && path != "":
			in.path = path // ffmpeg must seek: it opens the file itself
		case file != nil && isRegular(file):
			// ffmpeg's stdin is the file itself, rewound: no copying
			// through this process.
			if _, err := file.Seek(0, io.SeekStart); err == nil {
				in.file = file
			}
		}
		if path != "" {
			// Duration and bit rate from the container's own fields
			// (ffprobe's JSON), never from ffmpeg's banner text.
			if fin, err := fileInput(c.demuxer, path); err == nil {
				if pi, kbps, ok := probeFile(ctx, opts, fin); ok {
					in.probe = &probeResult{info: pi, kbps: kbps}
				}
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		p, info, err := startFFmpeg(ctx, in, c, opts)
		if err != nil {
			return nil, err
		}
		d.ff, d.src, d.info = p, p.wav, info
	}
	// A header that declares more than the limit fails now, before any
	// decoding.
	if opts.MaxDuration > 0 && c.demuxer == "" && d.info.Duration > opts.MaxDuration.Seconds() {
		d.Close()
		return nil, ErrTooLong
	}
	rate := d.info.SampleRate
	if d.ff != nil {
		rate = d.ff.wav.rate // what ffmpeg actually delivers
	}
	if d.rs, err = newResampler(rate); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// sizeOf returns the size of r in bytes when it can tell (a regular file,
// a bytes/strings/section reader), else -1.
func sizeOf(r io.Reader) int64 {
	switch v := r.(type) {
	case *os.File:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			return st.Size()
		}
	case interface{ Size() int64 }:
		return v.Size()
	}
	return -1
}

func isRegular(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode().IsRegular()
}

// Info describes the source. Duration is what the container declares
// (exact for WAV, from ffprobe's JSON for other local files) or 0.
func (d *Decoder) Info() Info { return d.info }

// Read fills p with 16 kHz mono samples in [-1, 1] and returns how many.
// At the end of the input it returns 0, io.EOF; it returns ErrTooLong as
// soon as the output passes Options.MaxDuration, a *DecodeError for
// truncated or corrupt data, and ctx.Err() once the context is done.
func (d *Decoder) Read(p []float32) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if d.err != nil {
			return 0, d.err
		}
		if n := d.rs.produce(p); n > 0 {
			for i, v := range p[:n] {
				if v > 1 {
					p[i] = 1
				} else if v < -1 {
					p[i] = -1
				}
			}
			d.out += int64(n)
			if d.max > 0 && d.out > d.max {
				d.fail(ErrTooLong)
				return 0, ErrTooLong
			}
			return n, nil
		}
		if d.srcEOF {
			d.err = io.EOF
			continue
		}
		if err := d.ctx.Err(); err != nil {
			d.fail(err)
			continue
		}
		m, err := d.src.Read(d.rs.space())
		d.rs.commit(m)
		switch {
		case err == io.EOF:
			d.srcEOF = true
			d.rs.flush()
			if d.ff != nil {
				if werr := d.ff.wait(d.ctx); werr != nil {
					d.fail(werr)
				}
			}
		case err != nil:
			if d.ff != nil {
				// A broken pipe or short stream: ffmpeg knows why.
				if werr := d.ff.wait(d.ctx); werr != nil {
					err = werr
				}
			}
			d.fail(err)
		}
	}
}

// fail records a terminal error and stops ffmpeg.
func (d *Decoder) fail(err error) {
	d.err = err
	if d.ff != nil {
		d.ff.close()
	}
}

// Close stops ffmpeg if it still runs, removes temporary files and closes
// the file OpenFile opened. It is safe to call more than once.
func (d *Decoder) Close() error {
	if d.ff != nil {
		d.ff.close()
	}
	if d.err == nil {
		d.err = errors.New("audio: decoder closed")
	}
	if d.closer != nil {
		err := d.closer.Close()
		d.closer = nil
		if err != nil {
			return fmt.Errorf("audio: close: %w", err)
		}
	}
	return nil
}

// Decode reads all of r into a Clip. Memory stays within the 16 kHz output
// plus a few megabytes when the container declares its length (WAV always
// does); otherwise the output slice grows by a quarter at a time.
func Decode(ctx context.Context, r io.Reader, opts Options) (*Clip, error) {
	d, err := NewDecoder(ctx, r, opts)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.clip()
}

// DecodeFile is Decode for a local file.
func DecodeFile(ctx context.Context, path string, opts Options) (*Clip, error) {
	d, err := OpenFile(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	defer d.Close()
	return d.clip()
}

// maxPrealloc bounds the output Decode allocates up front on the strength
// of what a header declares (which an upload can lie about): 3 hours at
// 16 kHz, 691 MB. Longer recordings grow the slice as they decode.
const maxPrealloc = 3 * 3600 * SampleRate

// maxSamplesPerByte is how many 16 kHz samples one byte of compressed input
// is assumed to hold at most when preallocating: 4 kb/s.
const maxSamplesPerByte = SampleRate / (4000 / 8)

func (d *Decoder) clip() (*Clip, error) {
	est := int64(d.info.Duration*SampleRate) + SampleRate/10
	if d.info.Duration == 0 && d.ff != nil && d.ff.kbps > 0 && d.size > 0 {
		// A stream ffmpeg cannot time (MP3 on a pipe): estimate from
		// its size and bit rate, plus 2 %; growing covers the rest.
		est = int64(float64(d.size)*8/float64(d.ff.kbps*1000)*1.02*SampleRate) + SampleRate
	}
	if d.ff == nil && d.src.(*wavReader).frames >= 0 {
		// Exact: ceil(frames·L/M), but no more frames than the input
		// can hold when its size is known.
		w := d.src.(*wavReader)
		frames := w.frames
		if d.size >= 0 {
			frames = min(frames, d.size/int64(w.block))
		}
		est = (frames*int64(d.rs.up)+int64(d.rs.down)-1)/int64(d.rs.down) + 1
	}
	limit := int64(maxPrealloc)
	if d.max > 0 {
		limit = d.max + 1
	}
	if d.ff != nil && d.size >= 0 {
		// A container can declare any duration: never reserve more than
		// its bytes can hold at the lowest bit rate we decode (4 kb/s,
		// below AMR-NB's 4.75); a longer stream grows the slice.
		limit = min(limit, d.size*maxSamplesPerByte+SampleRate)
	}
	est = max(min(est, limit), 1<<16)
	samples := make([]float32, 0, est)
	for {
		if len(samples) == cap(samples) {
			grown := make([]float32, len(samples), cap(samples)+cap(samples)/4+1<<20)
			copy(grown, samples)
			samples = grown
		}
		n, err := d.Read(samples[len(samples):cap(samples)])
		samples = samples[:len(samples)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(samples) == 0 {
		return nil, ErrEmpty
	}
	info := d.info
	if info.Duration == 0 {
		info.Duration = float64(len(samples)) / SampleRate
	}
	return &Clip{Samples: samples, Info: info}, nil
}
