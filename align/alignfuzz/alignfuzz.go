// Package alignfuzz is the fuzz targets' shared input for the aligner and
// what reads its results (the quotation check, the subtitle writers):
// transcripts made from fuzzed bytes and the seed corpus around the fixture
// article. It imports nothing of align, so align's own internal fuzz test
// can use it.
package alignfuzz

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
)

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

// AddSeeds adds Seeds around the fixture article to f.
func AddSeeds(f *testing.F) {
	for _, s := range Seeds(article(f)) {
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

// article reads the fixture article, testdata/article.txt of the package
// under test.
func article(f *testing.F) string {
	b, err := os.ReadFile(filepath.Join("testdata", "article.txt"))
	if err != nil {
		f.Fatal(err)
	}
	return string(b)
}
