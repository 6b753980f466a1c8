package quotecheck_test

import (
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
)

// heard is speech as the recogniser wrote it: the words of said, each with
// probability 0.95 and a time by its length, except those in errs, written
// as errs[word] with its probability.
func heard(said string, errs map[string]heardAs) *speaker {
	s := new(speaker).Natural(greeting).Pause(0.6)
	for _, tok := range arabic.Tokenize(said) {
		e, ok := errs[tok.Text]
		if !ok {
			s.Natural(tok.Text)
			continue
		}
		for _, w := range strings.Fields(e.text) {
			dur := 0.057 * float64(len([]rune(tok.Text))+2) * float64(len([]rune(w))) / float64(len([]rune(strings.ReplaceAll(e.text, " ", ""))))
			s.Heard(w, e.p, dur)
		}
	}
	return s
}

type heardAs struct {
	text string
	p    float64
}

// TestCheckWhisperErrors (issue 19): an honest quotation that Whisper
// misheard the way it mishears Arabic — a word that sounds alike, sure of
// it; a word in two pieces or two in one; a filler with a proclitic; a word
// said twice and written otherwise; a proclitic added where the letters
// make a number («الفإن», the key of «ألفان») — is never called altered; a number
// heard as its ten is unclear, not altered. And a real misquote beside such
// errors is still found.
func TestCheckWhisperErrors(t *testing.T) {
	const said = "نحن نعمل من خلال هذا البرنامج على تحسين الأداء في جميع المدارس قبل نهاية الفصل الحالي"
	tests := []struct {
		name    string
		printed string
		errs    map[string]heardAs
		want    []align.Verdict // verdicts accepted
	}{
		{"a long vowel dropped, sure", said, map[string]heardAs{"الحالي": {"الحلي", 0.97}}, []align.Verdict{align.VerdictVerbatim, align.VerdictMinor}},
		{"a long vowel added, sure", said, map[string]heardAs{"قبل": {"قبيل", 0.96}}, []align.Verdict{align.VerdictVerbatim, align.VerdictMinor}},
		{"ع for أ, sure", said, map[string]heardAs{"الأداء": {"العداء", 0.97}}, []align.Verdict{align.VerdictVerbatim, align.VerdictMinor}},
		{"a word in two pieces", said, map[string]heardAs{"البرنامج": {"البر نامج", 0.9}}, []align.Verdict{align.VerdictVerbatim, align.VerdictMinor}},
		{"two words in one", said, map[string]heardAs{"من": {"منخلال", 0.9}, "خلال": {"", 0}}, []align.Verdict{align.VerdictVerbatim, align.VerdictMinor}},
		{"a filler with a proclitic", said, map[string]heardAs{"نعمل": {"نعمل وطيب", 0.9}}, []align.Verdict{align.VerdictVerbatim, align.VerdictMinor}},
		{"a word said twice, written otherwise", said, map[string]heardAs{"جميع": {"جميع بجميع", 0.9}}, []align.Verdict{align.VerdictVerbatim, align.VerdictMinor}},
		{"a proclitic added", said, map[string]heardAs{"في": {"وفي", 0.95}, "المدارس": {"بالمدارس", 0.95}}, []align.Verdict{align.VerdictVerbatim}},
		{"the article added, making a number's letters", "قال إن المشروع سيكتمل، فإن التمويل متوفر منذ بداية السنة", map[string]heardAs{"فإن": {"الفإن", 0.9}}, []align.Verdict{align.VerdictVerbatim}},
		{"three heard as thirty", "سنفتح ثلاثة مراكز جديدة للتكوين المهني في المدينة قبل نهاية السنة", map[string]heardAs{"ثلاثة": {"30", 0.95}}, []align.Verdict{align.VerdictUnclear}},
		{"a changed word beside a misheard one", strings.Replace(said, "المدارس", "المستشفيات", 1), map[string]heardAs{"الحالي": {"الحلي", 0.97}}, []align.Verdict{align.VerdictAltered}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := heard(said, tt.errs)
			if strings.Contains(tt.name, "thirty") || strings.Contains(tt.name, "number's letters") {
				sp = heard(tt.printed, tt.errs)
			}
			art := "قال الوزير: «" + tt.printed + "»."
			c := mustAlign(t, sp.Transcript(), art).Quotes[0].Check
			for _, w := range tt.want {
				if c.Verdict == w {
					return
				}
			}
			t.Errorf("got %s %+v, want one of %v", c.Verdict, c.Differences, tt.want)
		})
	}
}
