package audio_test

import (
	"context"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/audio"
)

// TestTruncated: an MP3 cut off after 20 KB (its Xing header still counts
// 30 s of frames) decodes quietly to about 2.4 s; Truncated says so, with
// both durations. The whole file, a variable-rate file and a file that
// declares no duration (a pipe) are not called cut short.
func TestTruncated(t *testing.T) {
	needFFmpeg(t)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.mp3")
	ffmpegConvert(t, "-f", "lavfi", "-i", "sine=f=440:d=30", "-ac", "1", "-ar", "22050", "-c:a", "libmp3lame", "-b:a", "64k", whole)
	vbr := filepath.Join(dir, "vbr.mp3")
	ffmpegConvert(t, "-f", "lavfi", "-i", "anoisesrc=d=20:a=0.2,volume='lt(mod(t,4),2)':eval=frame", "-ac", "1", "-c:a", "libmp3lame", "-q:a", "4", vbr)
	b, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	cut := writeTemp(t, dir, "cut.mp3", b[:20000])

	decode := func(t *testing.T, d *audio.Decoder) {
		t.Helper()
		defer d.Close()
		if _, ok := d.Truncated(); ok {
			t.Error("Truncated before the end of the input")
		}
		buf := make([]float32, 8192)
		for {
			_, err := d.Read(buf)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		path string
		cut  bool
		pipe bool
	}{
		{"cut after 20 KB", cut, true, false},
		{"whole", whole, false, false},
		{"variable rate", vbr, false, false},
		{"cut, on a pipe", cut, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d *audio.Decoder
			var err error
			if tc.pipe {
				f, ferr := os.Open(tc.path)
				if ferr != nil {
					t.Fatal(ferr)
				}
				defer f.Close()
				d, err = audio.NewDecoder(ctx, struct{ io.Reader }{f}, audio.Options{})
			} else {
				d, err = audio.OpenFile(ctx, tc.path, audio.Options{})
			}
			if err != nil {
				t.Fatal(err)
			}
			decode(t, d)
			tr, ok := d.Truncated()
			if ok != tc.cut {
				t.Fatalf("Truncated: got %v (%+v), want %v", ok, tr, tc.cut)
			}
			if ok && (math.Abs(tr.Declared-30) > 0.2 || tr.Decoded < 2 || tr.Decoded > 3) {
				t.Errorf("got declared %.2f s, decoded %.2f s; want 30 s and about 2.4 s", tr.Declared, tr.Decoded)
			}
		})
	}
}
