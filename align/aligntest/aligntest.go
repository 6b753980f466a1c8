// Package aligntest builds transcripts for tests of what reads aligned
// articles (the renderers of package export, the server): a Speaker says
// text word by word at a steady pace, as the scripted engine would hear it.
package aligntest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Speaker builds a transcript word by word: Say gives each word 0.35 s,
// 0.05 s apart, and 0.6 s between passages. The zero value starts at 0 s.
type Speaker struct {
	words []transcribe.Word
	t     float64
}

// Say adds text's words (arabic.Tokenize) at 0.4 s a word, then a 0.6 s pause.
func (s *Speaker) Say(text string) *Speaker {
	for _, tok := range arabic.Tokenize(text) {
		s.words = append(s.words, transcribe.Word{Word: tok.Text, Start: s.t, End: s.t + 0.35, Probability: 0.9})
		s.t += 0.4
	}
	s.t += 0.6
	return s
}

// Natural says text at a steady pace, each word taking time by its length
// (57 ms a letter and two), the recogniser sure of it.
func (s *Speaker) Natural(text string) *Speaker {
	for _, tok := range arabic.Tokenize(text) {
		s.Heard(tok.Text, 0.95, 0.057*float64(utf8.RuneCountInString(tok.Text)+2))
	}
	return s
}

// Heard adds one recognised word with probability p lasting dur seconds.
func (s *Speaker) Heard(word string, p, dur float64) *Speaker {
	s.words = append(s.words, transcribe.Word{Word: word, Start: s.t, End: s.t + dur, Probability: p})
	s.t += dur + 0.06
	return s
}

// Pause adds d seconds of silence.
func (s *Speaker) Pause(d float64) *Speaker { s.t += d; return s }

// Transcript is what was said, in segments of ten words.
func (s *Speaker) Transcript() *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar", Duration: s.t}
	for i := 0; i < len(s.words); i += 10 {
		ws := s.words[i:min(i+10, len(s.words))]
		t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: ws[0].Start, End: ws[len(ws)-1].End, Words: ws})
	}
	return t
}

// Fuzzed makes a transcript of speech for a fuzz target: one word per
// field, with durations taken from the bytes of timing (hundredths of a
// second; monotone times), in segments of seven words. Speech without words
// is one segment of its text.
func Fuzzed(speech string, timing []byte) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar"}
	var ws []transcribe.Word
	now := 0.0
	for i, tok := range strings.Fields(speech) {
		d := 0.3
		if len(timing) > 0 {
			d = float64(timing[i%len(timing)]) / 100
		}
		ws = append(ws, transcribe.Word{Word: tok, Start: now, End: now + d})
		now += d + 0.05
	}
	for i := 0; i < len(ws); i += 7 {
		seg := ws[i:min(i+7, len(ws))]
		t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: seg[0].Start, End: seg[len(seg)-1].End, Words: seg})
	}
	if len(ws) == 0 && speech != "" {
		t.Segments = append(t.Segments, transcribe.Segment{Start: 0, End: 2, Text: speech})
	}
	return t
}

// Seed is one input of the aligner's fuzz targets: an article, the speech
// and its timing (see Fuzzed).
type Seed struct {
	Article, Speech string
	Timing          []byte
}

// Article reads the fixture article, testdata/article.txt of the package
// under test.
func Article(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// AddSeeds adds Seeds around the fixture article to f.
func AddSeeds(f *testing.F) {
	for _, s := range Seeds(Article(f)) {
		f.Add(s.Article, s.Speech, s.Timing)
	}
}

// Seeds are the fuzz targets' seed corpus around article (the fixture's
// text): quotations said, numbers, an empty article, ellipses, stray marks.
func Seeds(article string) []Seed {
	return []Seed{
		{article, "وتابعت نحن نعول على انخراط الأسر والأطر الصحية فالوقاية خير من العلاج", []byte{30, 40}},
		{article, "إن هذا البرنامج يشمل التاسعة والخمسين مركزا صحيا في المرحلة الأولى و سيمتد", []byte{0, 255, 3}},
		{"قال: «نعم نعم نعم». نعم نعم؟ “نعم", "نعم نعم نعم نعم نعم نعم نعم نعم نعم", []byte{1}},
		{"١٢٣ ٤٥ ألفين وخمسة عشر\n\n\n“", "2015 123 45 ألفين", []byte{}},
		{"", "", []byte{}},
		{"قال محمد العلوي: «نحن نعمل … على إصلاح (...) شبكة [...] الماء» وأضاف العلوي: «الماء نعم»، يقول نفس المتحدث", "نحن نعمل يعني على إصلاح آه شبكة الماء الماء نعم", []byte{20, 90}},
		{"«« »» «نعم» “لا «ربما» أبدا” \"", "نعم لا ربما أبدا", []byte{5}},
	}
}

// The fixture article of the aligner's and the renderers' tests
// (testdata/article.txt beside them): its two quotations, and a greeting
// said before them that the article does not report.
const (
	Quote1 = "إن هذا البرنامج يشمل 59 مركزا صحيا في المرحلة الأولى، وسيمتد ليشمل جميع الجهات قبل نهاية سنة 2025"
	Quote2 = "نحن نعول على انخراط الأسر والأطر الصحية، فالوقاية خير من العلاج"
	Aside  = "السلام عليكم ورحمة الله وبركاته شكرا لكم على الحضور"
)
