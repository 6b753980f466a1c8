package audio

import (
	"bytes"
	"encoding/binary"
	"unicode/utf8"
)

// container is what the sniffer found: the Info.Format name and, for
// everything but PCM/float WAV, the ffmpeg demuxer that must read it.
type container struct {
	format  string // Info.Format
	demuxer string // ffmpeg -f value; "" for the pure-Go WAV path
	// needsFile is set for formats whose index may sit at the end of the
	// file (MP4/MOV/3GP: the "moov" atom), which ffmpeg cannot read from
	// a pipe; such uploads are spooled to a temporary file first.
	needsFile bool
}

// sniffLen is how many leading bytes the sniffer looks at.
const sniffLen = 64 << 10

// sniff recognises the container from the leading bytes of the input
// (never from a name or a Content-Type). b holds up to sniffLen bytes;
// it is the whole input if shorter. It returns ErrEmpty, an error wrapping
// ErrNoAudio for things that are not audio, or *UnsupportedError for
// playlists and unknown data. Playlists are refused here so that ffmpeg
// never sees one.
func sniff(b []byte) (container, error) {
	if len(b) == 0 {
		return container{}, ErrEmpty
	}
	if pl := playlistKind(b); pl != "" {
		return container{}, &UnsupportedError{What: pl + " (a playlist, not a recording; upload the audio file itself)"}
	}
	has := func(off int, magic string) bool {
		return len(b) >= off+len(magic) && string(b[off:off+len(magic)]) == magic
	}
	switch {
	case (has(0, "RIFF") || has(0, "RF64") || has(0, "BW64")) && has(8, "WAVE"):
		if tag, ok := wavFormatTag(b); ok && !goWAVTag(tag) {
			// A WAV wrapper around another codec (µ-law, A-law, ADPCM,
			// MP3, GSM): ffmpeg decodes it.
			return container{format: "wav", demuxer: "wav"}, nil
		}
		return container{format: "wav"}, nil
	case has(0, "RIFF") && has(8, "AVI "):
		return container{format: "avi", demuxer: "avi"}, nil
	case has(0, "RIFF") && has(8, "WEBP"):
		return container{}, &noAudioError{"a WebP image"}
	case has(0, "FORM") && (has(8, "AIFF") || has(8, "AIFC")):
		return container{format: "aiff", demuxer: "aiff"}, nil
	case has(0, "caff"):
		return container{format: "caf", demuxer: "caf"}, nil
	case has(0, "fLaC"):
		return container{format: "flac", demuxer: "flac"}, nil
	case has(0, "OggS"):
		return container{format: "ogg", demuxer: "ogg"}, nil
	case has(0, "#!AMR"):
		return container{format: "amr", demuxer: "amr"}, nil
	case has(0, "\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c"):
		return container{format: "asf", demuxer: "asf"}, nil
	case has(0, "\x1a\x45\xdf\xa3"):
		head := b[:min(len(b), 64)]
		if bytes.Contains(head, []byte("webm")) {
			return container{format: "webm", demuxer: "matroska"}, nil
		}
		return container{format: "matroska", demuxer: "matroska"}, nil
	case has(4, "ftyp"):
		brand := ""
		if len(b) >= 12 {
			brand = string(b[8:12])
		}
		switch brand {
		case "heic", "heix", "mif1", "msf1", "avif", "avis":
			return container{}, &noAudioError{"a HEIF/AVIF image"}
		case "qt  ":
			return container{format: "mov", demuxer: "mov", needsFile: true}, nil
		}
		if has(8, "3g") {
			return container{format: "3gp", demuxer: "mov", needsFile: true}, nil
		}
		return container{format: "mp4", demuxer: "mov", needsFile: true}, nil
	case has(4, "moov") || has(4, "mdat") || has(4, "wide") || has(4, "free") && len(b) >= 8 && binary.BigEndian.Uint32(b) >= 8:
		return container{format: "mov", demuxer: "mov", needsFile: true}, nil
	case has(0, "ID3"):
		return sniffAfterID3(b), nil
	case len(b) >= 189 && b[0] == 0x47 && b[188] == 0x47 && (len(b) < 377 || b[376] == 0x47):
		return container{format: "mpegts", demuxer: "mpegts"}, nil
	case adtsFrames(b, 0):
		return container{format: "aac", demuxer: "aac"}, nil
	case mpegFrames(b, 0):
		return container{format: "mp3", demuxer: "mp3"}, nil
	}
	if what := notAudioKind(b); what != "" {
		return container{}, &noAudioError{what}
	}
	// MPEG audio after some leading junk (zero padding, a broken tag):
	// three frames in a row within the first 4 KiB — unless the junk is
	// text or markup. A web page, DASH manifest or playlist with frames
	// hidden in it is a polyglot: MP3 to a frame scan, HTML to a browser
	// sniffing it, DASH to ffmpeg probing it.
	for off := 1; off < min(len(b), 4096); off++ {
		if b[off] != 0xff {
			continue
		}
		c := container{}
		if n := mpegFrameLen(b[off:]); n > 0 && off+n < len(b) && mpegFrames(b, off+n) {
			c = container{format: "mp3", demuxer: "mp3"}
		} else if n := adtsFrameLen(b[off:]); n > 0 && off+n < len(b) && adtsFrames(b, off+n) {
			c = container{format: "aac", demuxer: "aac"}
		} else {
			continue
		}
		if what := markup(b[:off]); what != "" {
			return container{}, &noAudioError{what + " before the first audio frame (markup is not a recording)"}
		}
		return c, nil
	}
	return container{}, &UnsupportedError{What: "unrecognised file format (not a known audio or video container)"}
}

// sniffAfterID3 looks behind an ID3v2 tag: usually MP3, sometimes ADTS AAC
// or FLAC. A tag larger than the sniff window (cover art) is assumed to
// precede MP3, by far the most common case.
func sniffAfterID3(b []byte) container {
	mp3 := container{format: "mp3", demuxer: "mp3"}
	if len(b) < 10 {
		return mp3
	}
	size := int(b[6]&0x7f)<<21 | int(b[7]&0x7f)<<14 | int(b[8]&0x7f)<<7 | int(b[9]&0x7f)
	off := 10 + size
	if b[5]&0x10 != 0 {
		off += 10 // footer
	}
	if off >= len(b) {
		return mp3
	}
	if bytes.HasPrefix(b[off:], []byte("fLaC")) {
		return container{format: "flac", demuxer: "flac"}
	}
	// Skip padding zeros some taggers leave after the tag.
	for off < len(b) && off < 10+size+4096 && b[off] == 0 {
		off++
	}
	if adtsFrames(b, off) {
		return container{format: "aac", demuxer: "aac"}
	}
	return mp3
}

// mpegFrames reports whether an MPEG audio frame header starts at off and
// the next one follows where its length says (or the data ends first).
func mpegFrames(b []byte, off int) bool {
	n := mpegFrameLen(b[off:])
	if n <= 0 {
		return false
	}
	next := off + n
	if next+4 > len(b) {
		return len(b) < sniffLen // a very short file with one frame
	}
	return mpegFrameLen(b[next:]) > 0
}

var (
	mpegBitrates = [2][3][16]int{
		{ // MPEG-1: layer I, II, III
			{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0},
			{0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0},
			{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0},
		},
		{ // MPEG-2 and 2.5
			{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0},
			{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
			{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
		},
	}
	mpegRates = [4][3]int{
		{11025, 12000, 8000},  // MPEG-2.5
		{0, 0, 0},             // reserved
		{22050, 24000, 16000}, // MPEG-2
		{44100, 48000, 32000}, // MPEG-1
	}
)

// mpegFrameLen returns the length in bytes of the MPEG audio frame whose
// header starts b, or 0 if b does not start with a valid header.
func mpegFrameLen(b []byte) int {
	if len(b) < 4 || b[0] != 0xff || b[1]&0xe0 != 0xe0 {
		return 0
	}
	version := int(b[1]>>3) & 3
	layerBits := int(b[1]>>1) & 3
	brIdx := int(b[2] >> 4)
	srIdx := int(b[2]>>2) & 3
	pad := int(b[2]>>1) & 1
	if version == 1 || layerBits == 0 || brIdx == 0 || brIdx == 15 || srIdx == 3 {
		return 0
	}
	layer := 4 - layerBits // 1, 2, 3
	v := 0
	if version != 3 {
		v = 1
	}
	br := mpegBitrates[v][layer-1][brIdx] * 1000
	sr := mpegRates[version][srIdx]
	switch {
	case layer == 1:
		return (12*br/sr + pad) * 4
	case layer == 3 && v == 1:
		return 72*br/sr + pad
	default:
		return 144*br/sr + pad
	}
}

// adtsFrames reports whether an ADTS (raw AAC) frame header starts at off
// and the next one follows where its length says (or the data ends first).
func adtsFrames(b []byte, off int) bool {
	n := adtsFrameLen(b[min(off, len(b)):])
	if n <= 0 {
		return false
	}
	next := off + n
	if next+7 > len(b) {
		return len(b) < sniffLen
	}
	return adtsFrameLen(b[next:]) > 0
}

func adtsFrameLen(b []byte) int {
	if len(b) < 7 || b[0] != 0xff || b[1]&0xf6 != 0xf0 {
		return 0
	}
	if (b[2]>>2)&0xf > 12 {
		return 0
	}
	n := int(b[3]&3)<<11 | int(b[4])<<3 | int(b[5]>>5)
	if n < 7 {
		return 0
	}
	return n
}

// playlistKind names the playlist format b starts with, or "".
func playlistKind(b []byte) string {
	t := bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	t = bytes.TrimLeft(t, " \t\r\n")
	lower := bytes.ToLower(t[:min(len(t), 64)])
	switch {
	case bytes.HasPrefix(t, []byte("#EXTM3U")):
		return "HLS/M3U playlist"
	case bytes.HasPrefix(lower, []byte("ffconcat")):
		return "ffconcat playlist"
	case bytes.HasPrefix(lower, []byte("[playlist]")):
		return "PLS playlist"
	case bytes.HasPrefix(lower, []byte("<asx")):
		return "ASX playlist"
	case bytes.HasPrefix(lower, []byte("<?xml")) && (bytes.Contains(bytes.ToLower(t[:min(len(t), 512)]), []byte("<smil")) ||
		bytes.Contains(bytes.ToLower(t[:min(len(t), 512)]), []byte("<playlist"))):
		return "XML playlist"
	}
	return ""
}

// notAudioKind names well-known non-audio content, or "".
func notAudioKind(b []byte) string {
	has := func(magic string) bool { return bytes.HasPrefix(b, []byte(magic)) }
	switch {
	case has("\x89PNG\r\n\x1a\n"):
		return "a PNG image"
	case has("\xff\xd8\xff"):
		return "a JPEG image"
	case has("GIF87a"), has("GIF89a"):
		return "a GIF image"
	case has("II*\x00"), has("MM\x00*"):
		return "a TIFF image"
	case has("BM") && len(b) >= 14 && binary.LittleEndian.Uint32(b[2:]) > 14:
		return "a BMP image"
	case has("%PDF"):
		return "a PDF document"
	case has("PK\x03\x04"), has("PK\x05\x06"):
		return "a ZIP archive or office document"
	case has("\x1f\x8b"):
		return "a gzip archive"
	case has("7z\xbc\xaf\x27\x1c"):
		return "a 7-Zip archive"
	case has("Rar!"):
		return "a RAR archive"
	case has("\x7fELF"), has("MZ"):
		return "a program"
	case has("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
		return "an old-style office document"
	}
	if isText(b) {
		lower := bytes.ToLower(b[:min(len(b), 1024)])
		if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html")) {
			return "an HTML page"
		}
		return "a text file"
	}
	return ""
}

// isText reports whether b looks like UTF-8 (or ASCII) text: valid UTF-8,
// almost no control characters.
func isText(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if len(b) == 0 {
		return false
	}
	// The window may cut a multi-byte rune; tolerate a few trailing bytes.
	end := len(b)
	for i := 0; i < 3 && end > 0 && !utf8.Valid(b[:end]); i++ {
		end--
	}
	if !utf8.Valid(b[:end]) {
		return false
	}
	ctl := 0
	for _, c := range b[:end] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*100 <= end
}

// junkMarkers are signs of markup or a playlist in the bytes before the
// first audio frame, compared in lower case.
var junkMarkers = []string{
	"<?xml", "<!doctype", "<!--", "<html", "<head", "<body", "<script", "<svg", "<iframe", "<meta", "<object",
	"<embed", "<style", "<img", "<mpd", "<period", "<baseurl", "<smil", "<asx", "<playlist", "<?php",
	"#extm3u", "#ext-x-", "#extinf", "ffconcat", "javascript:", "<a href",
}

// markup names the text or markup junk (the bytes before the first frame)
// holds, or "": junk that starts with '<' or '#' (after white space and a
// byte-order mark), or contains one of junkMarkers.
func markup(junk []byte) string {
	t := bytes.TrimLeft(bytes.TrimPrefix(junk, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) > 0 && (t[0] == '<' || t[0] == '#') {
		return "text or markup"
	}
	lower := bytes.ToLower(junk)
	for _, m := range junkMarkers {
		if bytes.Contains(lower, []byte(m)) {
			return "markup (" + m + ")"
		}
	}
	return ""
}
