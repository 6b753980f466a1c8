package audio

import "io"

// Hooks for the external tests.
var (
	FFmpegArgs      = ffmpegArgs
	CheckFilterArgs = func(graph string, files ...string) error {
		m := map[string]bool{}
		for _, f := range files {
			m[f] = true
		}
		return checkFilterGraph(graph, m)
	}
	CheckOutputOptions = checkOutputOptions
	Dot                = dot
	DotGeneric         = dotGeneric
	ParseLoudnorm      = parseLoudnorm
	NewProgressWriter  = func(report func(float64)) io.Writer { return &progressWriter{report: report} }
	Sniff              = func(b []byte) (format, demuxer string, err error) {
		c, err := sniff(b)
		return c.format, c.demuxer, err
	}
)
