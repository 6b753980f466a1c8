package audio

// Hooks for the external tests.
var (
	FFmpegArgs = ffmpegArgs
	Dot        = dot
	DotGeneric = dotGeneric
	Sniff      = func(b []byte) (format, demuxer string, err error) {
		c, err := sniff(b)
		return c.format, c.demuxer, err
	}
)
