// Package livetest is test support for live sessions: an HLS server on
// loopback that publishes the segments ffmpeg made of a recording as a live
// server does, and a WebSocket client of the browser's frame protocol that
// resends what was not acknowledged.
package livetest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
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

// HLSServer encodes samples (16 kHz mono) with ffmpeg as AAC in 1-second
// MPEG-TS segments and serves them under /live/: /live/out.m3u8 lists each
// segment once its audio has "happened", and #EXT-X-ENDLIST after the
// last. It skips t when ffmpeg is absent.
func HLSServer(t testing.TB, samples []float32, o HLS) *httptest.Server {
	t.Helper()
	ff, err := exec.LookPath("ffmpeg")
	if err != nil {
		t.Skip("ffmpeg not found (make deps installs it)")
	}
	if o.Speed <= 0 {
		o.Speed = 1
	}
	dir := t.TempDir()
	var wav bytes.Buffer
	if err := audio.WriteWAV(&wav, samples); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "in.wav"), wav.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// A test may run ffmpeg itself to make fixtures; the product's own
	// ffmpeg runs only through package audio's sandbox.
	cmd := exec.Command(ff, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", "in.wav",
		"-c:a", "aac", "-b:a", "64k", "-f", "hls", "-hls_time", "1", "-hls_list_size", "0",
		"-hls_segment_filename", "seg%03d.ts", "out.m3u8")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out.m3u8"))
	if err != nil {
		t.Fatal(err)
	}
	type seg struct {
		inf, uri string
		end      float64
	}
	var (
		header []string
		segs   []seg
		at     float64
	)
	lines := strings.Split(string(b), "\n")
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		switch {
		case strings.HasPrefix(l, "#EXTINF:") && i+1 < len(lines):
			var d float64
			fmt.Sscanf(strings.TrimPrefix(l, "#EXTINF:"), "%f", &d)
			at += d
			segs = append(segs, seg{inf: l, uri: strings.TrimSpace(lines[i+1]), end: at})
			i++
		case l == "#EXT-X-ENDLIST", l == "", strings.HasPrefix(l, "#EXT-X-PLAYLIST-TYPE"):
		default:
			header = append(header, l)
		}
	}
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
