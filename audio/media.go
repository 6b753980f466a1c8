package audio

import (
	"fmt"
	"io"
	"os"
)

// SniffFile recognises the container of the local file at path from its
// leading bytes, exactly as NewDecoder and the encoders do, and returns its
// Info.Format name ("mp3", "wav", …). It returns the sniffer's errors
// (ErrEmpty, ErrNoAudio, *UnsupportedError) for anything else.
func SniffFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("audio: %w", err)
	}
	defer f.Close()
	head := make([]byte, sniffLen)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		return "", fmt.Errorf("audio: read input: %w", err)
	}
	c, err := sniff(head[:n])
	return c.format, err
}

// contentTypes are the media types of the formats the sniffer names.
var contentTypes = map[string]string{
	"wav": "audio/wav", "mp3": "audio/mpeg", "aac": "audio/aac", "mp4": "audio/mp4", "3gp": "audio/3gpp",
	"mov": "video/quicktime", "matroska": "audio/x-matroska", "webm": "audio/webm", "ogg": "audio/ogg",
	"flac": "audio/flac", "amr": "audio/amr", "asf": "audio/x-ms-wma", "aiff": "audio/aiff",
	"caf": "audio/x-caf", "mpegts": "video/mp2t", "avi": "video/x-msvideo",
}

// ContentType is the media type to serve a recording of format (an
// Info.Format name) with: always an audio or video type, and
// "application/octet-stream" for a name it does not know — never a type a
// browser would render as a document.
func ContentType(format string) string {
	if t, ok := contentTypes[format]; ok {
		return t
	}
	return "application/octet-stream"
}
