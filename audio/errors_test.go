package audio_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
)

// TestErrors: every way an input can be wrong gives the right typed error
// with a one-line message.
func TestErrors(t *testing.T) {
	good := wavBytes(wavSpec{bits: 16, channels: 1, rate: 16000, frames: 1600, gen: tone(440, 16000, 0.5)})
	twelve := wavBytes(wavSpec{bits: 16, channels: 1, rate: 16000, frames: 10})
	twelve[34] = 12 // bits per sample
	badRate := wavBytes(wavSpec{bits: 16, channels: 1, rate: 1000, frames: 10})
	badBlock := wavBytes(wavSpec{bits: 16, channels: 2, rate: 16000, frames: 10})
	badBlock[32] = 3
	tooLongWAV := wavBytes(wavSpec{bits: 16, channels: 1, rate: 8000, frames: 8000 * 3, gen: tone(440, 8000, 0.5)})
	tests := []struct {
		name    string
		in      []byte
		opts    audio.Options
		is      error  // errors.Is target
		as      string // "decode" or "unsupported"
		offset  int64  // for DecodeError, -2 = do not check
		ffmpeg  bool
		message string // a substring of the message
	}{
		{name: "empty", in: nil, is: audio.ErrEmpty},
		{name: "wav without samples", in: wavBytes(wavSpec{bits: 16, channels: 1, rate: 16000}), is: audio.ErrEmpty},
		{name: "wav header cut", in: good[:30], as: "decode", offset: 30},
		{name: "wav data cut", in: good[:1000], as: "decode", offset: 1000, message: "at byte 1000"},
		{name: "wav data before fmt", in: append([]byte("RIFF\x24\x00\x00\x00WAVEdata\x00\x00\x00\x00"), good[12:]...), as: "decode", offset: 12},
		{name: "wav 12-bit", in: twelve, as: "unsupported", message: "12-bit"},
		{name: "wav 1 kHz", in: badRate, as: "unsupported", message: "1000 Hz"},
		{name: "wav bad block align", in: badBlock, as: "decode", offset: -2, message: "block align"},
		{name: "wav too long", in: tooLongWAV, opts: audio.Options{MaxDuration: 2 * time.Second}, is: audio.ErrTooLong},
		{name: "png", in: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), is: audio.ErrNoAudio, message: "PNG"},
		{name: "jpeg", in: []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), is: audio.ErrNoAudio, message: "JPEG"},
		{name: "gif", in: []byte("GIF89a\x01\x00\x01\x00"), is: audio.ErrNoAudio, message: "GIF"},
		{name: "pdf", in: []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), is: audio.ErrNoAudio, message: "PDF"},
		{name: "zip", in: []byte("PK\x03\x04\x14\x00\x00\x00"), is: audio.ErrNoAudio, message: "ZIP"},
		{name: "text", in: []byte("خطاب الرئيس في المؤتمر الصحفي\nهذا نص وليس تسجيلا.\n"), is: audio.ErrNoAudio, message: "text"},
		{name: "html", in: []byte("<!DOCTYPE html><html><body>article</body></html>"), is: audio.ErrNoAudio, message: "HTML"},
		{name: "hls playlist", in: []byte("#EXTM3U\n#EXTINF:10,\n/etc/passwd\n"), as: "unsupported", message: "playlist"},
		{name: "ffconcat playlist", in: []byte("ffconcat version 1.0\nfile '/etc/passwd'\n"), as: "unsupported", message: "playlist"},
		{name: "unknown binary", in: []byte{0x00, 0x01, 0x02, 0x03, 0xfe, 0x80, 0x90, 0x00, 0x11}, as: "unsupported", message: "unrecognised"},
		{name: "ffmpeg missing", in: mp3Header(), opts: audio.Options{FFmpegPath: "/nonexistent/ffmpeg"}, is: audio.ErrFFmpegMissing, message: "/nonexistent/ffmpeg does not exist"},
		{name: "corrupt mp4", in: append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), bytes.Repeat([]byte{0x55}, 4000)...), as: "decode", offset: -2, ffmpeg: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.ffmpeg {
				needFFmpeg(t)
			}
			_, err := audio.Decode(context.Background(), bytes.NewReader(tc.in), tc.opts)
			if err == nil {
				t.Fatal("got no error")
			}
			msg := err.Error()
			if strings.Contains(msg, "\n") {
				t.Errorf("message has more than one line: %q", msg)
			}
			if !strings.HasPrefix(msg, "audio: ") {
				t.Errorf("message %q does not start with \"audio: \"", msg)
			}
			if tc.message != "" && !strings.Contains(msg, tc.message) {
				t.Errorf("message %q does not contain %q", msg, tc.message)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("got %v, want errors.Is %v", err, tc.is)
			}
			switch tc.as {
			case "decode":
				var de *audio.DecodeError
				if !errors.As(err, &de) {
					t.Fatalf("got %T %v, want *audio.DecodeError", err, err)
				}
				if tc.offset != -2 && de.Offset != tc.offset {
					t.Errorf("offset: got %d, want %d", de.Offset, tc.offset)
				}
			case "unsupported":
				var ue *audio.UnsupportedError
				if !errors.As(err, &ue) {
					t.Fatalf("got %T %v, want *audio.UnsupportedError", err, err)
				}
			}
		})
	}
}

// mp3Header is the start of an MPEG-1 layer III stream: two frame headers
// 417 bytes apart (128 kb/s, 44.1 kHz).
func mp3Header() []byte {
	b := make([]byte, 1000)
	copy(b, []byte{0xff, 0xfb, 0x90, 0x00})
	copy(b[417:], []byte{0xff, 0xfb, 0x90, 0x00})
	return b
}

// TestFFmpegErrors: what ffmpeg finds wrong maps onto the typed errors.
func TestFFmpegErrors(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	ctx := context.Background()
	src := writeTemp(t, dir, "tone.wav", wavBytes(wavSpec{bits: 16, channels: 1, rate: 16000, frames: 16000 * 3, gen: tone(440, 16000, 0.5)}))

	t.Run("video without audio", func(t *testing.T) {
		p := filepath.Join(dir, "silent.mp4")
		ffmpegConvert(t, "-f", "lavfi", "-i", "color=c=blue:s=64x64:d=1", "-c:v", "mpeg4", p)
		_, err := audio.DecodeFile(ctx, p, audio.Options{})
		if !errors.Is(err, audio.ErrNoAudio) {
			t.Fatalf("got %v, want ErrNoAudio", err)
		}
		// The same through a pipe (spooled).
		f, _ := os.Open(p)
		defer f.Close()
		if _, err := audio.Decode(ctx, f, audio.Options{}); !errors.Is(err, audio.ErrNoAudio) {
			t.Fatalf("from a reader: got %v, want ErrNoAudio", err)
		}
	})
	t.Run("too long mp3 stops early", func(t *testing.T) {
		p := filepath.Join(dir, "long.mp3")
		ffmpegConvert(t, "-i", src, "-c:a", "libmp3lame", p)
		_, err := audio.DecodeFile(ctx, p, audio.Options{MaxDuration: time.Second})
		if !errors.Is(err, audio.ErrTooLong) {
			t.Fatalf("got %v, want ErrTooLong", err)
		}
	})
	t.Run("truncated m4a", func(t *testing.T) {
		// An MP4 upload is spooled to a temporary file: it must be
		// gone after the failure.
		spoolDir := t.TempDir()
		t.Setenv("TMPDIR", spoolDir)
		defer func() {
			if left, _ := os.ReadDir(spoolDir); len(left) > 0 {
				t.Errorf("spooled upload left behind: %s", left[0].Name())
			}
		}()
		p := filepath.Join(dir, "cut.m4a")
		ffmpegConvert(t, "-i", src, "-c:a", "aac", p) // moov at the end
		b, _ := os.ReadFile(p)
		_, err := audio.Decode(ctx, bytes.NewReader(b[:len(b)/2]), audio.Options{})
		var de *audio.DecodeError
		if !errors.As(err, &de) {
			t.Fatalf("got %T %v, want *audio.DecodeError", err, err)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("message has more than one line: %q", err)
		}
	})
	t.Run("close mid-stream stops ffmpeg", func(t *testing.T) {
		p := filepath.Join(dir, "close.flac")
		ffmpegConvert(t, "-i", src, p)
		d, err := audio.OpenFile(ctx, p, audio.Options{})
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]float32, 100)
		if _, err := d.Read(buf); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if err := d.Close(); err != nil {
			t.Fatal(err)
		}
		// ffmpeg is blocked writing to a full pipe: without the kill,
		// Close would wait for it forever.
		if el := time.Since(start); el > 2*time.Second {
			t.Errorf("Close took %v, want it to kill ffmpeg at once", el)
		}
		if _, err := d.Read(buf); err == nil {
			t.Error("Read after Close: got no error")
		}
	})
	t.Run("cancelled context kills ffmpeg", func(t *testing.T) {
		p := filepath.Join(dir, "tone.flac")
		ffmpegConvert(t, "-i", src, p)
		cctx, cancel := context.WithCancel(ctx)
		d, err := audio.OpenFile(cctx, p, audio.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		cancel()
		buf := make([]float32, 1<<20)
		for {
			_, err = d.Read(buf)
			if err != nil {
				break
			}
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
	})
}

// TestPlaylistRefused: an uploaded HLS or ffconcat playlist that points at
// a local file is refused before ffmpeg starts — and, were the sniffer
// bypassed, ffmpeg run with our flags still could not read that file,
// while the same ffmpeg without the whitelist would (the control, which
// shows the test can fail).
func TestPlaylistRefused(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret.ts")
	ffmpegConvert(t, "-f", "lavfi", "-i", "sine=f=440:d=2", "-c:a", "mp2", "-f", "mpegts", secret)
	playlists := []struct {
		name, demuxer, body string
	}{
		{"hls", "hls", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nfile://" + secret + "\n#EXT-X-ENDLIST\n"},
		{"ffconcat", "concat", "ffconcat version 1.0\nfile 'file:" + secret + "'\n"},
	}
	for _, pl := range playlists {
		t.Run(pl.name, func(t *testing.T) {
			// 1. The sniffer refuses it; a bogus ffmpeg path proves
			// ffmpeg was never looked for.
			_, err := audio.Decode(context.Background(), strings.NewReader(pl.body), audio.Options{FFmpegPath: "/nonexistent/ffmpeg"})
			var ue *audio.UnsupportedError
			if !errors.As(err, &ue) {
				t.Fatalf("got %v, want *audio.UnsupportedError", err)
			}
			if p := filepath.Join(dir, "up."+pl.name); true {
				writeTemp(t, dir, "up."+pl.name, []byte(pl.body))
				if _, err := audio.DecodeFile(context.Background(), p, audio.Options{}); !errors.As(err, &ue) {
					t.Fatalf("DecodeFile: got %v, want *audio.UnsupportedError", err)
				}
			}

			// 2. Bypass the sniffer: force the playlist demuxer with
			// our flags. No audio may come out.
			run := func(args []string) (int, string) {
				cmd := exec.Command("ffmpeg", args...)
				cmd.Stdin = strings.NewReader(pl.body)
				var out, stderr bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &stderr
				_ = cmd.Run()
				return out.Len(), stderr.String()
			}
			n, stderr := run(audio.FFmpegArgs(pl.demuxer, "pipe:0", false))
			if n > 100 {
				t.Fatalf("ffmpeg with our flags wrote %d bytes of audio from the playlist", n)
			}
			t.Logf("refused by ffmpeg: %s", lastLine(stderr))

			// 3. Control: the same command with "file" allowed (and
			// the concat demuxer's own safety off) does read it.
			args := audio.FFmpegArgs(pl.demuxer, "pipe:0", false)
			for i, a := range args {
				if a == "-protocol_whitelist" {
					args[i+1] = "pipe,file"
				}
				if a == "-i" && pl.demuxer == "concat" {
					args = append(args[:i:i], append([]string{"-safe", "0"}, args[i:]...)...)
					break
				}
			}
			if n, stderr := run(args); n < 1000 {
				t.Fatalf("control run read only %d bytes; the test cannot tell refusal from failure: %s", n, lastLine(stderr))
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestSniff: containers are recognised from their bytes alone.
func TestSniff(t *testing.T) {
	frame := func(n int) []byte { // n MPEG-1 layer III frames, 128 kb/s 44.1 kHz
		var b []byte
		for i := 0; i < n; i++ {
			f := make([]byte, 417)
			copy(f, []byte{0xff, 0xfb, 0x90, 0x00})
			b = append(b, f...)
		}
		return b
	}
	tests := []struct {
		name, in, format, demuxer string
	}{
		{"wav", string(wavBytes(wavSpec{bits: 16, channels: 1, rate: 8000, frames: 4})), "wav", ""},
		{"mp3", string(frame(3)), "mp3", "mp3"},
		{"mp3 after padding", "\x00\x00\x00\x00\x00" + string(frame(4)), "mp3", "mp3"},
		{"mp3 after ID3", "ID3\x03\x00\x00\x00\x00\x00\x05tag..\x00" + string(frame(2)), "mp3", "mp3"},
		{"flac after ID3", "ID3\x03\x00\x00\x00\x00\x00\x00fLaC\x00\x00\x00\x22", "flac", "flac"},
		{"adts", "\xff\xf1\x50\x80\x01\x1f\xfc" + strings.Repeat("\x00", 1) + "\xff\xf1\x50\x80\x01\x1f\xfc", "aac", "aac"},
		{"m4a", "\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00", "mp4", "mov"},
		{"3gp", "\x00\x00\x00\x14ftyp3gp4\x00\x00\x00\x00", "3gp", "mov"},
		{"mov", "\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00", "mov", "mov"},
		{"webm", "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "webm", "matroska"},
		{"mkv", "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska", "matroska", "matroska"},
		{"ogg", "OggS\x00\x02\x00\x00", "ogg", "ogg"},
		{"amr-nb", "#!AMR\n\x3c", "amr", "amr"},
		{"amr-wb", "#!AMR-WB\n\x3c", "amr", "amr"},
		{"asf", "\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c", "asf", "asf"},
		{"aiff", "FORM\x00\x00\x00\x00AIFF", "aiff", "aiff"},
		{"wav mu-law", "RIFF\x00\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x07\x00\x01\x00", "wav", "wav"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			format, demuxer, err := audio.Sniff([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if format != tc.format || demuxer != tc.demuxer {
				t.Errorf("got %q/%q, want %q/%q", format, demuxer, tc.format, tc.demuxer)
			}
		})
	}
}
