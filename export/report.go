package export

import (
	"fmt"
	"github.com/newsscribe/newsscribe/align"
	"io"
	"strings"
)

// writeReport writes the plain-text check of every quotation: verdict,
// times, speaker and each difference, for the terminal.
func writeReport(w io.Writer, r *align.Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "فحص الاقتباسات — %s\n", align.Summary(r))
	for i, q := range r.Quotes {
		c := q.Check
		fmt.Fprintf(&b, "\n%d. «%s»\n", i+1, strings.Join(strings.Fields(q.Text), " "))
		fmt.Fprintf(&b, "   الحكم: %s (%s)\n", c.Verdict.Label().Arabic, c.Verdict)
		if c.Speaker != nil {
			fmt.Fprintf(&b, "   المتحدث: %s\n", c.SpeakerLine())
			if c.SpeakerSource != nil {
				fmt.Fprintf(&b, "   كما نسبه المقال: «%s»\n", r.WordsIn(*c.SpeakerSource))
			}
		}
		for _, p := range c.Parts {
			fmt.Fprintf(&b, "   قيل في %s–%s\n", short(p.Start), short(p.End))
		}
		for _, d := range c.Differences {
			fmt.Fprintf(&b, "   - %s (%s): %s · ثقة %.2f\n", d.Kind.Label().Arabic, d.Kind, diffText(d), d.Confidence)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// diffText says what was printed and what was said, and when.
func diffText(d align.Difference) string {
	at := short(d.Start)
	switch d.Kind {
	case align.DiffAdded:
		return fmt.Sprintf("المقال «%s»، لم يقل (عند %s)", d.Article, at)
	case align.DiffOmitted:
		return fmt.Sprintf("قيل «%s» في %s، غائب عن المقال", d.Spoken, at)
	}
	return fmt.Sprintf("المقال «%s»، قيل «%s» في %s", d.Article, d.Spoken, at)
}
