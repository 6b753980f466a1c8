package quotecheck_test

import (
	"testing"

	"github.com/newsscribe/newsscribe/align"
)

// dialectArticle quotes a speaker in her dialect, as sites print it.
const dialectArticle = `الجزائر – قالت نعيمة بن سالم، أم لتلميذة: «بنتي خرجت من القسم تبكي، واللي صار في الامتحان ما يتسماش غش، هادي فضيحة بزاف».`

// TestDialectWrittenAsMSA: Whisper writes «اللي», «هادي», «بزاف» as
// «الذي», «هذه», «كثيرا»; the printed dialect is what was said — verbatim,
// not altered. A word the speaker did not say is still a change.
func TestDialectWrittenAsMSA(t *testing.T) {
	for _, tc := range []struct {
		name, said string
		want       align.Verdict
	}{
		{"MSA forms of the dialect words", "بنتي خرجت من القسم تبكي والذي صار في الامتحان ما يتسماش غش هذه فضيحة كثيرا", align.VerdictVerbatim},
		{"another word", "بنتي خرجت من القسم تبكي والذي صار في الامتحان ما يتسماش غش هذه مهزلة كثيرا", align.VerdictAltered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := mustAlign(t, new(speaker).Say(greeting).Say(tc.said).Transcript(), dialectArticle)
			if c := r.Quotes[0].Check; c.Verdict != tc.want {
				t.Fatalf("got %s %+v, want %s", c.Verdict, c.Differences, tc.want)
			}
		})
	}
}
