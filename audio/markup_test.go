package audio_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

// mp3Frames is n MPEG-1 layer III frames (128 kb/s, 44.1 kHz).
func mp3Frames(n int) []byte {
	var b []byte
	for i := 0; i < n; i++ {
		f := make([]byte, 417)
		copy(f, []byte{0xff, 0xfb, 0x90, 0x00})
		b = append(b, f...)
	}
	return b
}

// TestSniffRefusesMarkup is the stored-XSS polyglot of issue 9: text or
// markup before the first MPEG frame makes a file a web page or manifest to
// a browser or to ffmpeg's probing, so it is not MP3 (or AAC) to us either.
// Zero padding or binary junk before the frames still is.
func TestSniffRefusesMarkup(t *testing.T) {
	frames := string(mp3Frames(4))
	adts := strings.Repeat("\xff\xf1\x50\x80\x01\x1f\xfc\x00", 3)
	refused := []struct{ name, junk, audio string }{
		{"dash comment", "<!-- <MPD dash:profile --><script>alert(document.domain)</script>\n", frames},
		{"html", "<html><body><script>fetch('/v1/articles')</script>", frames},
		{"angle first", "<x>", frames},
		{"hash first", "#EXTINF:1,\n", frames},
		{"bom and space", "\xef\xbb\xbf \n<svg onload=alert(1)>", frames},
		{"script after zeros", "\x00\x00\x00\x00<script>alert(1)</script>", frames},
		{"mpd after binary", "\x01\x02\x03\x04<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\">", frames},
		{"hls after binary", "\x01\x02#EXT-X-TARGETDURATION:2\n", frames},
		{"xml before adts", "<?xml version=\"1.0\"?>", adts},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			f, _, err := audio.Sniff([]byte(tc.junk + tc.audio))
			if !errors.Is(err, audio.ErrNoAudio) {
				t.Fatalf("got %q, %v; want ErrNoAudio", f, err)
			}
		})
	}
	for name, in := range map[string]string{
		"zero padding": "\x00\x00\x00\x00\x00" + frames,
		"binary junk":  "\x01\x7f\x3c\x10\x00" + frames, // a '<' byte inside is not markup
	} {
		if f, _, err := audio.Sniff([]byte(in)); err != nil || f != "mp3" {
			t.Errorf("%s: got %q, %v; want mp3", name, f, err)
		}
	}
}

// startsWithMarkup reports whether b's first byte after white space and a
// byte-order mark is '<' or '#'.
func startsWithMarkup(b []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) > 0 && (t[0] == '<' || t[0] == '#')
}
