// Package livetest is test support for live sessions: an HLS server on
// loopback that publishes a recording in AAC segments (encoded through package audio) as a live
// server does, and a WebSocket client of the browser's frame protocol that
// resends what was not acknowledged.
package livetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/audio"
)

// HLS configures HLSServer.
type HLS struct {
	// Type is the playlist's EXT-X-PLAYLIST-TYPE ("EVENT", "VOD") or ""
	// for a sliding live playlist.
	Type string
	// Speed publishes segments this many times faster than real time
	// (default 1).
	Speed float64
	// StopAfter > 0 stops adding segments after that many (a stalled
	// stream).
	StopAfter int
}

// HLSServer encodes samples (16 kHz mono) as AAC through package audio's
// sandbox and serves them as a live server does, in packed-audio HLS
// segments of 16 ADTS frames (1.024 s) under /live/: /live/out.m3u8 lists
// each segment once its audio has "happened", and #EXT-X-ENDLIST after the
// last. It skips t when ffmpeg is absent.
func HLSServer(t testing.TB, samples []float32, o HLS) *httptest.Server {
	t.Helper()
	if o.Speed <= 0 {
		o.Speed = 1
	}
	dir := t.TempDir()
	var wav bytes.Buffer
	if err := audio.WriteWAV(&wav, samples); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "in.wav")
	if err := os.WriteFile(in, wav.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// One continuous encoding, cut at frame boundaries: the segments
	// joined are the stream, with no encoder delay at each cut.
	var aac bytes.Buffer
	err := audio.Encoding{Src: in, Output: []string{"-c:a", "aac", "-b:a", "64k"}, Format: "adts"}.Run(context.Background(), &aac, audio.Options{})
	if errors.Is(err, audio.ErrFFmpegMissing) {
		t.Skip("ffmpeg not found (make deps installs it)")
	}
	if err != nil {
		t.Fatalf("encode AAC: %v", err)
	}
	frames, rate, err := adtsFrames(aac.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	type seg struct {
		inf, uri string
		end      float64
	}
	const perSegment = 16
	var (
		segs []seg
		at   float64
	)
	for i := 0; i < len(frames); i += perSegment {
		part := frames[i:min(i+perSegment, len(frames))]
		uri := fmt.Sprintf("seg%03d.aac", len(segs))
		if err := os.WriteFile(filepath.Join(dir, uri), bytes.Join(part, nil), 0o644); err != nil {
			t.Fatal(err)
		}
		d := float64(len(part)*1024) / float64(rate)
		at += d
		segs = append(segs, seg{inf: fmt.Sprintf("#EXTINF:%.3f,", d), uri: uri, end: at})
	}
	header := []string{"#EXTM3U", "#EXT-X-VERSION:3", "#EXT-X-TARGETDURATION:2", "#EXT-X-MEDIA-SEQUENCE:0"}
	start := time.Now()
	mux := http.NewServeMux()
	mux.HandleFunc("/live/out.m3u8", func(w http.ResponseWriter, r *http.Request) {
		now := time.Since(start).Seconds() * o.Speed
		var b strings.Builder
		for _, h := range header {
			b.WriteString(h + "\n")
		}
		if o.Type != "" {
			b.WriteString("#EXT-X-PLAYLIST-TYPE:" + o.Type + "\n")
		}
		n := 0
		for _, s := range segs {
			if s.end > now+1 || (o.StopAfter > 0 && n == o.StopAfter) {
				break
			}
			b.WriteString(s.inf + "\n" + s.uri + "\n")
			n++
		}
		if n == len(segs) {
			b.WriteString("#EXT-X-ENDLIST\n")
		}
		w.Header().Set("Content-Type", "application/vnd.apple.mpegurl")
		io.WriteString(w, b.String())
	})
	mux.Handle("/live/", http.StripPrefix("/live/", http.FileServer(http.Dir(dir))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// adtsSampleRates are the sampling frequencies of an ADTS header's index.
var adtsSampleRates = [...]int{96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350}

// adtsFrames splits an ADTS stream into its frames (1,024 samples each) and
// returns their sampling rate.
func adtsFrames(b []byte) ([][]byte, int, error) {
	var frames [][]byte
	rate := 0
	for len(b) > 0 {
		if len(b) < 7 || b[0] != 0xFF || b[1]&0xF0 != 0xF0 {
			return nil, 0, fmt.Errorf("livetest: no ADTS frame header at %d bytes from the end", len(b))
		}
		n := int(b[3]&0x03)<<11 | int(b[4])<<3 | int(b[5])>>5
		idx := int(b[2]>>2) & 0x0F
		if n < 7 || n > len(b) || idx >= len(adtsSampleRates) {
			return nil, 0, fmt.Errorf("livetest: bad ADTS frame (length %d, rate index %d)", n, idx)
		}
		rate = adtsSampleRates[idx]
		frames, b = append(frames, b[:n]), b[n:]
	}
	if len(frames) == 0 {
		return nil, 0, errors.New("livetest: the encoder wrote no AAC")
	}
	return frames, rate, nil
}
