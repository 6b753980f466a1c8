package audio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Encoding is one sandboxed ffmpeg run that makes a new file from a
// recording: the browser rendition (EncodeMP3), and clips, fades, loudness
// normalisation and captioned videos built on it. Run and RunFile check every
// field against the sandbox's allow-lists (see sandbox.go) before ffmpeg
// starts; a field they refuse is an error naming it, never a silent drop.
type Encoding struct {
	// Src is the recording, a local file: input 0 ([0:a]). Its container is
	// recognised from its bytes by the decoder's sniffer and forced, so a
	// file that is MP3 to our checks is MP3 to ffmpeg.
	Src string
	// Start and Duration cut the recording, in seconds from its beginning
	// (-ss/-t on input 0). Duration 0 means to the end.
	Start, Duration float64
	// Images are still images (PNG or JPEG, recognised from their bytes),
	// inputs 1, 2, … ([1:v]…), each repeated for as long as the output runs:
	// the background of an audiogram video.
	Images []string
	// Files are further local files the filter graph may name, by absolute
	// path: a subtitle file for the ass filter (filename=), a
	// fonts directory (fontsdir=), a font or text file for drawtext
	// (fontfile=, textfile=). A filter option naming any other path is
	// refused.
	Files []string
	// Filter is a -filter_complex graph over the inputs' streams. Only the
	// filters of allowedFilters may appear; ass and drawtext take
	// their options by name (filename=…), not by position.
	Filter string
	// Output are ffmpeg output options (codecs, bit rates, -map, -movflags,
	// …): only the options of outputOptions, each with its one value.
	Output []string
	// Format is the output muxer, one of allowedMuxers ("mp3", "mp4", …).
	Format string
	// Subtitles is a local ASS subtitle file read as an input stream after
	// Images (demuxer forced to "ass", "file" protocol only): soft subtitles
	// muxed as a track (-map N:s -c:s mov_text). Empty for none.
	Subtitles string
	// Progress, when set, receives how many seconds of output ffmpeg has
	// written, as it goes (ffmpeg's -progress on stdout; RunFile only, since
	// Run's stdout is the output).
	Progress func(seconds float64)
}

// EncodeMP3 writes the browser rendition of the recording at src to w: MP3,
// mono, 64 kb/s constant bit rate (LAME), without the source's metadata.
// The input is read exactly as the decoder reads it (sniffed container,
// forced demuxer, one-file protocol whitelist); input that is not audio gives
// the decoder's errors (ErrNoAudio, *UnsupportedError, *DecodeError).
func EncodeMP3(ctx context.Context, src string, w io.Writer, opts Options) error {
	return Encoding{
		Src:    src,
		Output: []string{"-map", "0:a:0", "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-map_metadata", "-1"},
		Format: "mp3",
	}.Run(ctx, w, opts)
}

// Run runs the encoding with its output on w (ffmpeg's stdout, "pipe:1").
// Muxers that must seek back into their output (MP4 with +faststart) need
// RunFile.
func (e Encoding) Run(ctx context.Context, w io.Writer, opts Options) error {
	if e.Progress != nil {
		return errors.New("audio: encode: Progress needs RunFile (stdout is the output)")
	}
	inputs, output, format, err := e.commandLine()
	if err != nil {
		return err
	}
	return runFFmpeg(ctx, opts, inputs, append(output, "pipe:1"), nil, w, format)
}

// RunFile runs the encoding with its output written by ffmpeg to path, which
// must not exist yet (ffmpeg is told never to overwrite). The caller makes it
// atomic: a temporary name in the target directory, then a rename. A failed
// run removes what ffmpeg wrote.
func (e Encoding) RunFile(ctx context.Context, path string, opts Options) error {
	inputs, output, format, err := e.commandLine()
	if err != nil {
		return err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("audio: %w", err)
	}
	if _, err := os.Lstat(abs); err == nil {
		return fmt.Errorf("audio: encode: output %s exists", filepath.Base(abs))
	}
	var stdout io.Writer
	if e.Progress != nil {
		output = append([]string{"-progress", "pipe:1"}, output...)
		stdout = &progressWriter{report: e.Progress}
	}
	err = runFFmpeg(ctx, opts, inputs, append(output, "-n", "file:"+abs), nil, stdout, format)
	if err != nil {
		os.Remove(abs)
	}
	return err
}

// commandLine checks e and returns ffmpeg's inputs and output options (up
// to, not including, the output URL), and the source format for messages.
func (e Encoding) commandLine() ([]ffInput, []string, string, error) {
	if !allowedMuxers[e.Format] {
		return nil, nil, "", fmt.Errorf("audio: encode: output format %q is not allowed", e.Format)
	}
	if e.Start < 0 || e.Duration < 0 {
		return nil, nil, "", fmt.Errorf("audio: encode: negative start or duration")
	}
	src, c, err := recording(e.Src)
	if err != nil {
		return nil, nil, "", err
	}
	if e.Start > 0 {
		src.pre = append(src.pre, "-ss", strconv.FormatFloat(e.Start, 'f', 3, 64))
	}
	if e.Duration > 0 {
		src.pre = append(src.pre, "-t", strconv.FormatFloat(e.Duration, 'f', 3, 64))
	}
	inputs := []ffInput{src}
	for _, p := range e.Images {
		in, err := imageInput(p)
		if err != nil {
			return nil, nil, "", err
		}
		inputs = append(inputs, in)
	}
	if e.Subtitles != "" {
		if !filepath.IsAbs(e.Subtitles) {
			return nil, nil, "", fmt.Errorf("audio: encode: subtitles %q: want an absolute path", e.Subtitles)
		}
		in, err := fileInput("ass", e.Subtitles)
		if err != nil {
			return nil, nil, "", err
		}
		inputs = append(inputs, in)
	}
	files := map[string]bool{}
	for _, f := range e.Files {
		if !filepath.IsAbs(f) {
			return nil, nil, "", fmt.Errorf("audio: encode: file %q: want an absolute path", f)
		}
		if _, err := os.Stat(f); err != nil {
			return nil, nil, "", fmt.Errorf("audio: encode: %w", err)
		}
		files[filepath.Clean(f)] = true
	}
	var output []string
	if e.Filter != "" {
		if err := checkFilterGraph(e.Filter, files); err != nil {
			return nil, nil, "", err
		}
		output = append(output, "-filter_complex", e.Filter)
	}
	opts, err := checkOutputOptions(e.Output)
	if err != nil {
		return nil, nil, "", err
	}
	output = append(output, opts...)
	output = append(output, "-f", e.Format)
	return inputs, output, c.format, nil
}

// imageInput is a still image as a looped input.
func imageInput(path string) (ffInput, error) {
	f, err := os.Open(path)
	if err != nil {
		return ffInput{}, fmt.Errorf("audio: %w", err)
	}
	head := make([]byte, 16)
	n, _ := io.ReadFull(f, head)
	f.Close()
	switch notAudioKind(head[:n]) {
	case "a PNG image", "a JPEG image":
	default:
		return ffInput{}, fmt.Errorf("audio: encode: image %s is not a PNG or JPEG file", filepath.Base(path))
	}
	in, err := fileInput("image2", path)
	// A literal file name (no %d sequence), repeated.
	in.pre = []string{"-pattern_type", "none", "-loop", "1"}
	return in, err
}

// allowedMuxers are the output formats an Encoding may write.
var allowedMuxers = map[string]bool{
	"mp3": true, "wav": true, "flac": true, "ogg": true, "opus": true, "adts": true, "ipod": true,
	"mp4": true, "mov": true, "webm": true, "matroska": true,
	"null": true, // measuring passes (loudnorm's first pass): writes nothing
}

// outputOptions are the output options an Encoding may pass, with the
// number of values each takes. None of them opens a file or a URL.
var outputOptions = map[string]int{
	"-vn": 0, "-an": 0, "-sn": 0, "-dn": 0, "-shortest": 0,
	"-map": 1, "-map_metadata": 1, "-metadata": 1, "-t": 1, "-r": 1, "-g": 1, "-threads": 1,
	"-c:a": 1, "-c:v": 1, "-codec:a": 1, "-codec:v": 1, "-b:a": 1, "-b:v": 1, "-q:a": 1,
	"-ac": 1, "-ar": 1, "-sample_fmt": 1, "-application": 1, "-vbr": 1, "-compression_level": 1,
	"-crf": 1, "-preset": 1, "-tune": 1, "-profile:v": 1, "-level": 1, "-pix_fmt": 1,
	"-movflags": 1, "-fflags": 1, "-flags:a": 1, "-flags:v": 1, "-frame_size": 1,
	"-c:s": 1, "-metadata:s:s:0": 1, "-metadata:s:a:0": 1,
}

// checkOutputOptions returns opts if every option is allowed and has its value.
func checkOutputOptions(opts []string) ([]string, error) {
	for i := 0; i < len(opts); i++ {
		n, ok := outputOptions[opts[i]]
		if !ok {
			return nil, fmt.Errorf("audio: encode: output option %q is not allowed", opts[i])
		}
		for ; n > 0; n-- {
			i++
			if i == len(opts) {
				return nil, fmt.Errorf("audio: encode: output option %q needs a value", opts[i-1])
			}
			v := opts[i]
			if strings.HasPrefix(v, "-") {
				if _, err := strconv.ParseFloat(v, 64); err != nil {
					return nil, fmt.Errorf("audio: encode: value %q of %s looks like an option", v, opts[i-1])
				}
			}
		}
	}
	return opts, nil
}

// allowedFilters are the filters an Encoding's graph may use: cutting,
// fading, levels, mixing, drawing waveforms, scaling and compositing, and
// burning subtitles. Filters that read or write files or sockets (movie,
// amovie, sendcmd, zmq, lut3d, metadata with file=, the stats-file filters,
// ladspa, …) are absent on purpose. So is subtitles: it opens its file with
// avformat_open_input — libavformat's protocol layer with no whitelist of
// ours and a probed demuxer, and it loads fonts attached to that file —
// while ass hands the path to libass, which reads one local file with
// fopen (and fonts only from the declared fontsdir and fontconfig).
var allowedFilters = map[string]bool{
	// audio
	"atrim": true, "asetpts": true, "afade": true, "acrossfade": true, "aformat": true, "aresample": true,
	"volume": true, "loudnorm": true, "dynaudnorm": true, "acompressor": true, "alimiter": true,
	"highpass": true, "lowpass": true, "anull": true, "apad": true, "amix": true, "amerge": true,
	"asplit": true, "pan": true, "silenceremove": true, "anullsrc": true, "concat": true,
	// audio to video
	"showwaves": true, "showwavespic": true, "showspectrum": true, "showfreqs": true,
	// video
	"trim": true, "setpts": true, "fade": true, "scale": true, "pad": true, "crop": true, "format": true,
	"fps": true, "setsar": true, "setdar": true, "overlay": true, "split": true, "null": true,
	"color": true, "drawbox": true, "hstack": true, "vstack": true, "tpad": true, "loop": true,
	"colorchannelmixer": true, "boxblur": true, "eq": true,
	// text, by declared files only (fileOptions)
	"ass": true, "drawtext": true,
}

// fileOptions are the options of the text filters that name a local file;
// their values must be among Encoding.Files. These filters take no
// positional options, since a position can be a file too.
var fileOptions = map[string]map[string]bool{
	"ass":      {"filename": true, "f": true, "fontsdir": true},
	"drawtext": {"fontfile": true, "textfile": true},
}

// skipLabels skips the white space and [labels] at the start of p.
func skipLabels(p string) (string, error) {
	p = skipSpace(p)
	for strings.HasPrefix(p, "[") {
		end := strings.IndexByte(p, ']')
		if end < 0 {
			return "", errors.New("audio: encode: filter graph: unterminated label")
		}
		p = skipSpace(p[end+1:])
	}
	return p, nil
}

// checkFilterGraph parses graph as libavfilter does (avfilter_graph_parse2:
// chains split by ';', filters by ',', [labels], then each filter's options
// by ':' and '=', both levels with av_get_token's quoting and escaping) and
// refuses filters outside allowedFilters and file options outside files.
func checkFilterGraph(graph string, files map[string]bool) error {
	p := graph
	for {
		var err error
		if p, err = skipLabels(p); err != nil { // input labels
			return err
		}
		if p == "" {
			return nil
		}
		var name, args string
		name, p = avGetToken(p, "=,;[")
		if strings.HasPrefix(p, "=") {
			args, p = avGetToken(p[1:], "[],;")
		}
		if i := strings.IndexByte(name, '@'); i >= 0 {
			name = name[:i]
		}
		if !allowedFilters[name] {
			return fmt.Errorf("audio: encode: filter %q is not allowed", name)
		}
		if err := checkFilterArgs(name, args, files); err != nil {
			return err
		}
		if p, err = skipLabels(p); err != nil { // output labels
			return err
		}
		if p == "" {
			return nil
		}
		if p[0] != ',' && p[0] != ';' {
			return fmt.Errorf("audio: encode: filter graph: unexpected %q", p[:1])
		}
		p = p[1:]
	}
}

// checkFilterArgs checks the options of one filter (process_options and
// av_opt_get_key_value in libavfilter/libavutil).
func checkFilterArgs(name, args string, files map[string]bool) error {
	named := fileOptions[name]
	if named == nil {
		return nil
	}
	for a := args; a != ""; {
		key := ""
		k := 0
		for k < len(a) && isKeyChar(a[k]) {
			k++
		}
		if k > 0 && k < len(a) && a[k] == '=' {
			key, a = a[:k], a[k+1:]
		}
		var v string
		v, a = avGetToken(a, ":")
		if key == "" {
			return fmt.Errorf("audio: encode: filter %s: give its options by name (filename=…)", name)
		}
		if named[key] && !files[filepath.Clean(v)] {
			return fmt.Errorf("audio: encode: filter %s: %s=%q is not one of the declared files", name, key, v)
		}
		if strings.HasPrefix(a, ":") {
			a = a[1:]
		}
	}
	return nil
}

func isKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '/' || c == '.'
}

func skipSpace(s string) string { return strings.TrimLeft(s, " \n\t\r") }

// avGetToken is libavutil's av_get_token: it reads up to the first byte of
// term outside quotes, unescaping \x and '…', trimming unquoted trailing
// white space, and returns the token and the rest (starting at the
// terminator).
func avGetToken(s, term string) (string, string) {
	s = skipSpace(s)
	var out []byte
	end := 0
	i := 0
	for i < len(s) && !strings.ContainsRune(term, rune(s[i])) {
		c := s[i]
		i++
		switch {
		case c == '\\' && i < len(s):
			out = append(out, s[i])
			i++
			end = len(out)
		case c == '\'':
			for i < len(s) && s[i] != '\'' {
				out = append(out, s[i])
				i++
			}
			if i < len(s) {
				i++
				end = len(out)
			}
		default:
			out = append(out, c)
		}
	}
	for len(out) > end && strings.ContainsRune(" \n\t\r", rune(out[len(out)-1])) {
		out = out[:len(out)-1]
	}
	return string(out), s[i:]
}
