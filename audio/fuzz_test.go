package audio_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

// wavSeeds are small valid WAVs of every kind the pure-Go path reads.
func wavSeeds() [][]byte {
	var seeds [][]byte
	for _, s := range []wavSpec{
		{tag: 1, bits: 8, channels: 1, rate: 8000, frames: 16},
		{tag: 1, bits: 16, channels: 2, rate: 44100, frames: 16, junk: true},
		{tag: 1, bits: 24, channels: 3, rate: 48000, frames: 8, extensible: true},
		{tag: 1, bits: 32, channels: 1, rate: 16000, frames: 8, rf64: true},
		{tag: 3, bits: 32, channels: 2, rate: 22050, frames: 8, streamed: true},
		{tag: 3, bits: 64, channels: 8, rate: 192000, frames: 4},
	} {
		s.gen = tone(1000, s.rate, 0.5)
		seeds = append(seeds, wavBytes(s))
	}
	return seeds
}

// FuzzWAV feeds arbitrary bytes to the decoder with ffmpeg unavailable, so
// the sniffer and the pure-Go WAV path take everything: no input may
// panic, and whatever decodes stays within [-1, 1].
func FuzzWAV(f *testing.F) {
	for _, s := range wavSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		opts := audio.Options{FFmpegPath: "/nonexistent/ffmpeg"}
		d, err := audio.NewDecoder(context.Background(), bytes.NewReader(b), opts)
		if err != nil {
			checkOneLine(t, err)
			return
		}
		defer d.Close()
		buf := make([]float32, 1000)
		total := 0
		for {
			n, err := d.Read(buf)
			for _, v := range buf[:n] {
				if !(v >= -1 && v <= 1) {
					t.Fatalf("sample %v outside [-1, 1]", v)
				}
			}
			total += n
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				checkOneLine(t, err)
				break
			}
			// Output is bounded by the input: at most 16000/4000
			// output samples per input byte, plus the filter tail.
			if total > 4*len(b)+64 {
				t.Fatalf("%d samples from %d bytes", total, len(b))
			}
		}
	})
}

// FuzzSniff: the sniffer never panics and either names a format or gives
// one of the package's errors.
func FuzzSniff(f *testing.F) {
	for _, s := range wavSeeds() {
		f.Add(s[:min(len(s), 64)])
	}
	for _, s := range []string{
		"ID3\x03\x00\x00\x00\x00\x00\x0a\xff\xfb\x90\x00", "\xff\xf1\x50\x80\x02\x1f\xfc", "OggS\x00\x02",
		"fLaC\x00\x00\x00\x22", "\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm", "\x00\x00\x00\x20ftypM4A ",
		"#!AMR\n", "#EXTM3U\n", "ffconcat version 1.0\n", "\x89PNG\r\n\x1a\n", "%PDF-1.4", "<html></html>",
		"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c", "FORM\x00\x00\x00\x00AIFF",
	} {
		f.Add([]byte(s))
	}
	// Polyglots: markup, then MPEG audio frames.
	f.Add(append([]byte("<!-- <MPD dash:profile --><script>alert(1)</script>\n"), mp3Frames(3)...))
	f.Add(append([]byte("#EXTM3U\n"), mp3Frames(3)...))
	f.Add(append([]byte("\x00\x00<html>"), mp3Frames(3)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		format, _, err := audio.Sniff(b)
		if err != nil {
			checkOneLine(t, err)
			var ue *audio.UnsupportedError
			if !errors.Is(err, audio.ErrEmpty) && !errors.Is(err, audio.ErrNoAudio) && !errors.As(err, &ue) {
				t.Fatalf("unexpected error type %T: %v", err, err)
			}
			return
		}
		if format == "" {
			t.Fatal("no error and no format")
		}
		// Nothing that starts like markup or a playlist is audio (AMR's
		// "#!AMR" magic aside).
		if startsWithMarkup(b) && !bytes.HasPrefix(b, []byte("#!AMR")) {
			t.Fatalf("markup sniffed as %q", format)
		}
	})
}

func checkOneLine(t *testing.T, err error) {
	t.Helper()
	if bytes.ContainsAny([]byte(err.Error()), "\n\r") {
		t.Fatalf("error message is not one line: %q", err)
	}
}
