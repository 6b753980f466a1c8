package clip_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/transcribe"
)

// TestTimesRefused: times that are not a moment of a recording are
// refused when parsed and when a spec is checked (issue 24: "NaN" was
// accepted and 1e308 overflowed).
func TestTimesRefused(t *testing.T) {
	for _, s := range []string{"NaN", "nan", "-1", "Inf", "1e308", "99999999:00"} {
		if v, err := clip.ParseClock(s); err == nil {
			t.Errorf("ParseClock(%q) = %v, want an error", s, v)
		}
	}
	for _, span := range [][2]float64{{math.NaN(), 5}, {0, math.NaN()}, {1e308, 1e308 + 10}, {0, math.Inf(1)}} {
		spec := clip.Spec{From: span[0], To: span[1], Format: clip.MP3}
		if err := spec.Validate(); err == nil {
			t.Errorf("Validate(%v–%v) = nil, want an error", span[0], span[1])
		}
	}
	if v, err := clip.ParseClock("1:23.5"); err != nil || v != 83.5 {
		t.Errorf("ParseClock(1:23.5) = %v, %v", v, err)
	}
}

// TestWriteASSDropsControls: a NUL or an escape in a word never reaches
// the ASS script, where a NUL ends libass's reading of it and the clip
// loses its captions (issue 24).
func TestWriteASSDropsControls(t *testing.T) {
	tr := &transcribe.Transcript{Segments: []transcribe.Segment{{Start: 0, End: 2, Text: "قال الرئيس", Words: []transcribe.Word{
		{Word: "قا\x00ل", Start: 0, End: 1}, {Word: "الرئيس\x1b", Start: 1, End: 2}}}}}
	var b bytes.Buffer
	if err := clip.WriteASS(&b, clip.Cues(clip.TranscriptWords(tr), 24), clip.Vertical, false, clip.CardText{Speaker: "وزير\x00"}, 2); err != nil {
		t.Fatal(err)
	}
	if s := b.String(); strings.ContainsAny(s, "\x00\x1b") || !strings.Contains(s, "قال الرئيس") {
		t.Errorf("script:\n%q", s)
	}
}
