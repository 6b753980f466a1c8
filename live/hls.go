package live

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
)

// playlist is what newsscribe reads of an HLS playlist (RFC 8216): a
// master playlist's variants and audio renditions, or a media playlist's
// segments.
type playlist struct {
	// Master playlists: the variant streams and the audio renditions.
	variants []variant
	audio    []string // EXT-X-MEDIA TYPE=AUDIO URIs
	// Media playlists.
	target   float64 // EXT-X-TARGETDURATION, seconds
	sequence int64   // EXT-X-MEDIA-SEQUENCE of the first segment
	segments []segment
	ended    bool // EXT-X-ENDLIST
	// complete is true for EVENT and VOD playlists, which keep every
	// segment from the start: they are read from their first segment.
	complete bool
	// initMap is EXT-X-MAP's URI (fragmented MP4), encrypted is an
	// EXT-X-KEY other than NONE: both unsupported.
	initMap   string
	encrypted bool
}

type variant struct {
	uri       string
	bandwidth int64
	audioOnly bool // CODECS lists only an audio codec
}

type segment struct {
	uri      string
	seq      int64
	duration float64
}

// maxPlaylist is the largest playlist read (a sliding live playlist is a
// few KiB; a day of 2 s segments in an EVENT playlist about 4 MiB).
const maxPlaylist = 8 << 20

// errNotPlaylist is returned for a body that does not start with #EXTM3U.
var errNotPlaylist = errors.New("not an HLS playlist (no #EXTM3U)")

// parsePlaylist reads an HLS playlist of at most maxPlaylist bytes. URIs
// are returned as written (relative ones are resolved by the caller).
func parsePlaylist(r io.Reader) (*playlist, error) {
	sc := bufio.NewScanner(io.LimitReader(r, maxPlaylist+1))
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	p := &playlist{}
	first := true
	var (
		pendingDur float64
		pendingVar *variant
		n          int64 // bytes seen
		inf        bool
	)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		n += int64(len(sc.Bytes())) + 1
		if n > maxPlaylist {
			return nil, fmt.Errorf("playlist larger than %d MiB", maxPlaylist>>20)
		}
		if first {
			if !strings.HasPrefix(strings.TrimPrefix(line, "\ufeff"), "#EXTM3U") {
				return nil, errNotPlaylist
			}
			first = false
			continue
		}
		switch {
		case line == "":
		case strings.HasPrefix(line, "#EXT-X-TARGETDURATION:"):
			v, err := strconv.ParseFloat(strings.TrimPrefix(line, "#EXT-X-TARGETDURATION:"), 64)
			if err != nil || v <= 0 || v > 3600 {
				return nil, fmt.Errorf("playlist: bad #EXT-X-TARGETDURATION %q", line)
			}
			p.target = v
		case strings.HasPrefix(line, "#EXT-X-MEDIA-SEQUENCE:"):
			v, err := strconv.ParseInt(strings.TrimPrefix(line, "#EXT-X-MEDIA-SEQUENCE:"), 10, 64)
			if err != nil || v < 0 {
				return nil, fmt.Errorf("playlist: bad #EXT-X-MEDIA-SEQUENCE %q", line)
			}
			p.sequence = v
		case strings.HasPrefix(line, "#EXTINF:"):
			d, _, _ := strings.Cut(strings.TrimPrefix(line, "#EXTINF:"), ",")
			v, err := strconv.ParseFloat(strings.TrimSpace(d), 64)
			if err != nil || v < 0 || v > 3600 {
				return nil, fmt.Errorf("playlist: bad #EXTINF %q", line)
			}
			pendingDur, inf = v, true
		case line == "#EXT-X-ENDLIST":
			p.ended = true
		case strings.HasPrefix(line, "#EXT-X-PLAYLIST-TYPE:"):
			t := strings.TrimPrefix(line, "#EXT-X-PLAYLIST-TYPE:")
			p.complete = t == "EVENT" || t == "VOD"
		case strings.HasPrefix(line, "#EXT-X-MAP:"):
			p.initMap = attr(line, "URI")
			if p.initMap == "" {
				p.initMap = "?"
			}
		case strings.HasPrefix(line, "#EXT-X-KEY:"):
			if m := attr(line, "METHOD"); m != "" && m != "NONE" {
				p.encrypted = true
			}
		case strings.HasPrefix(line, "#EXT-X-STREAM-INF:"):
			v := variant{}
			v.bandwidth, _ = strconv.ParseInt(attr(line, "BANDWIDTH"), 10, 64)
			if c := attr(line, "CODECS"); c != "" {
				v.audioOnly = true
				for _, codec := range strings.Split(c, ",") {
					if !isAudioCodec(strings.TrimSpace(codec)) {
						v.audioOnly = false
					}
				}
			}
			pendingVar = &v
		case strings.HasPrefix(line, "#EXT-X-MEDIA:"):
			if attr(line, "TYPE") == "AUDIO" {
				if u := attr(line, "URI"); u != "" {
					p.audio = append(p.audio, u)
				}
			}
		case strings.HasPrefix(line, "#"):
			// Another tag or a comment.
		default:
			switch {
			case pendingVar != nil:
				pendingVar.uri = line
				p.variants = append(p.variants, *pendingVar)
				pendingVar = nil
			case inf:
				p.segments = append(p.segments, segment{uri: line, seq: p.sequence + int64(len(p.segments)), duration: pendingDur})
				inf = false
			default:
				return nil, fmt.Errorf("playlist: URI %q without #EXTINF or #EXT-X-STREAM-INF", clip(line, 80))
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("playlist: %w", err)
	}
	if first {
		return nil, errNotPlaylist
	}
	if len(p.variants) == 0 && len(p.audio) == 0 && p.target == 0 {
		return nil, errors.New("playlist: a media playlist without #EXT-X-TARGETDURATION")
	}
	return p, nil
}

// master reports whether p lists variants (or audio renditions) rather
// than segments.
func (p *playlist) master() bool { return len(p.variants) > 0 || len(p.audio) > 0 }

// pick returns the media playlist to follow from a master: an audio
// rendition if there is one, else the audio-only variant, else the
// variant of least bandwidth (its sound track is the same speech).
func (p *playlist) pick() string {
	if len(p.audio) > 0 {
		return p.audio[0]
	}
	best := -1
	for i, v := range p.variants {
		switch {
		case best < 0,
			v.audioOnly && !p.variants[best].audioOnly,
			v.audioOnly == p.variants[best].audioOnly && v.bandwidth < p.variants[best].bandwidth:
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return p.variants[best].uri
}

// isAudioCodec reports whether an RFC 6381 codec name is an audio codec.
func isAudioCodec(c string) bool {
	for _, p := range []string{"mp4a", "opus", "ac-3", "ec-3", "mp3", "flac"} {
		if strings.HasPrefix(c, p) {
			return true
		}
	}
	return false
}

// attr returns the value of attribute name in a tag's attribute list
// (NAME=VALUE or NAME="VALUE", comma separated), "" when absent.
func attr(line, name string) string {
	_, list, ok := strings.Cut(line, ":")
	if !ok {
		return ""
	}
	for list != "" {
		var k, v string
		k, list, _ = strings.Cut(list, "=")
		if strings.HasPrefix(list, `"`) {
			end := strings.IndexByte(list[1:], '"')
			if end < 0 {
				return ""
			}
			v, list = list[1:1+end], list[2+end:]
			list = strings.TrimPrefix(list, ",")
		} else {
			v, list, _ = strings.Cut(list, ",")
		}
		if strings.TrimSpace(k) == name {
			return v
		}
	}
	return ""
}

// resolve returns ref relative to base.
func resolve(base *url.URL, ref string) (*url.URL, error) {
	u, err := url.Parse(ref)
	if err != nil {
		return nil, fmt.Errorf("playlist: bad URI %q", clip(ref, 80))
	}
	return base.ResolveReference(u), nil
}

// clip cuts s to n bytes for a message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
