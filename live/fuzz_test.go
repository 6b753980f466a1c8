package live

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzPlaylist: any bytes parse or fail cleanly; a media playlist's
// segments are numbered in order from its media sequence, and a master's
// pick is one of its URIs.
func FuzzPlaylist(f *testing.F) {
	for _, s := range []string{
		"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2.0,\na.ts\n#EXTINF:1.5,\nb.ts\n#EXT-X-ENDLIST\n",
		"#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=64000,CODECS=\"mp4a.40.2\"\naudio.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=900000,CODECS=\"avc1.4d401f,mp4a.40.2\"\nvideo.m3u8\n",
		"#EXTM3U\n#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"a\",URI=\"ar.m3u8\"\n#EXT-X-STREAM-INF:BANDWIDTH=1\nv.m3u8\n",
		"#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXT-X-KEY:METHOD=AES-128,URI=\"k\"\n#EXTINF:6,\ns.ts\n",
		"#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MAP:URI=\"init.mp4\"\n#EXTINF:4,\n1.m4s\n",
		"\ufeff#EXTM3U\r\n#EXT-X-TARGETDURATION:1\r\n#EXT-X-PLAYLIST-TYPE:EVENT\r\n#EXTINF:1,title\r\nx.aac\r\n",
		"<html>", "", "#EXTM3U\nstray.ts\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := parsePlaylist(bytes.NewReader(b))
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n") {
				t.Fatalf("error on more than one line: %q", err)
			}
			return
		}
		for i, s := range p.segments {
			if s.seq != p.sequence+int64(i) || s.duration < 0 {
				t.Fatalf("segment %d: %+v (sequence %d)", i, s, p.sequence)
			}
		}
		if p.master() {
			pick, ok := p.pick(), false
			for _, v := range p.variants {
				ok = ok || v.uri == pick
			}
			for _, a := range p.audio {
				ok = ok || a == pick
			}
			if !ok {
				t.Fatalf("pick %q is none of the playlist's URIs", pick)
			}
		}
	})
}

// FuzzFrame: any message is a frame or a *FrameError; a frame encoded
// again reads back the same sequence number and samples (within one step
// of 16 bits: package audio reads PCM16 as v/32768 and writes v·32767).
func FuzzFrame(f *testing.F) {
	f.Add(AppendFrame(nil, 0, []float32{0, 0.5, -0.5}))
	f.Add(AppendFrame(nil, 1<<40, make([]float32, MaxFrameSamples)))
	f.Add([]byte{1, 0, 0, 0, 0, 0, 0, 0, 1, 0})
	f.Add([]byte{2})
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := ParseFrame(b, nil)
		if err != nil {
			if _, ok := err.(*FrameError); !ok {
				t.Fatalf("%T %v, want *FrameError", err, err)
			}
			return
		}
		again, err := ParseFrame(AppendFrame(nil, fr.Seq, fr.Samples), nil)
		if err != nil || again.Seq != fr.Seq || len(again.Samples) != len(fr.Samples) {
			t.Fatalf("round trip: %v, %d samples seq %d; want %d seq %d", err, len(again.Samples), again.Seq, len(fr.Samples), fr.Seq)
		}
		for i := range fr.Samples {
			if d := again.Samples[i] - fr.Samples[i]; d > 1.0/32768 || d < -1.0/32768 {
				t.Fatalf("sample %d: %v, want %v", i, again.Samples[i], fr.Samples[i])
			}
		}
	})
}
