package whisper

import (
	"strings"
	"unicode"

	"github.com/newsscribe/newsscribe/transcribe"
)

// silencePhrases are texts Whisper is known to produce for Arabic silence,
// music or noise: credits and channel boilerplate from the subtitled videos it
// was trained on. The list lives here, in one place, and is matched after
// normalisation (see normalizeArabic), so spelling variants such as «شكراً»
// and «شكرا» or «المشاهدة» and «المشاهده» are one entry.
//
// Phrases that a speaker in the news genuinely says («شكرا لكم», «السلام
// عليكم», «سبحان الله») are deliberately absent: a segment is dropped only
// when every part of its text is one of these phrases AND the model itself
// says it probably heard no speech.
var silencePhrases = []string{
	"ترجمة نانسي قنقر",
	"نانسي قنقر",
	"اشتركوا في القناة",
	"اشترك في القناة",
	"لا تنسوا الاشتراك في القناة",
	"لا تنسى الاشتراك في القناة",
	"لا تنسوا الاشتراك",
	"شكرا على المشاهدة",
	"شكرا للمشاهدة",
	"شكرا لكم على المشاهدة",
	"شكرا لحسن الاستماع",
	"شكرا على الاستماع",
	"موسيقى",
	"تصفيق",
	"المترجم",
}

// Repetition loop limits: a run of at least loopMinRepeats consecutive copies
// of one 1–loopMaxGram word n-gram that covers at least half of a segment's
// words is a decoder loop. Four copies are allowed because news speech does
// repeat («الله أكبر» four times in a call to prayer); Whisper's loops run on.
const (
	loopMaxGram    = 8
	loopMinRepeats = 5
)

// Hallucination reports whether seg should be dropped and why (the engine
// applies it to each window; pipeline.Stitch to the chunks of a long
// recording). It drops:
//   - a segment with no words and no letters (empty or punctuation only);
//   - a repetition loop (see loopMinRepeats), whatever its no_speech_prob;
//   - a segment whose NoSpeechProb exceeds noSpeechThreshold and whose whole
//     text is made of known silence phrases (silencePhrases).
//
// noSpeechThreshold ≤ 0 means transcribe.DefaultNoSpeechThreshold.
func Hallucination(seg transcribe.Segment, noSpeechThreshold float64) (reason string, drop bool) {
	if noSpeechThreshold <= 0 {
		noSpeechThreshold = transcribe.DefaultNoSpeechThreshold
	}
	norm := normalizeArabic(seg.Text)
	if norm == "" {
		return "no words", true
	}
	if isLoop(strings.Fields(norm)) {
		return "repetition loop", true
	}
	if seg.NoSpeechProb > noSpeechThreshold && onlySilencePhrases(norm) {
		return "silence phrase", true
	}
	return "", false
}

// onlySilencePhrases reports whether norm is nothing but known silence phrases.
func onlySilencePhrases(norm string) bool {
	rest := " " + norm + " "
	for _, p := range silencePhrases {
		rest = strings.ReplaceAll(rest, " "+normalizeArabic(p)+" ", "  ")
	}
	return strings.TrimSpace(rest) == ""
}

// isLoop reports whether words hold a repetition loop.
func isLoop(words []string) bool {
	n := len(words)
	for g := 1; g <= loopMaxGram && g*loopMinRepeats <= n; g++ {
		for i := 0; i+g*loopMinRepeats <= n; i++ {
			reps := 1
			for j := i + g; j+g <= n && equalWords(words[i:i+g], words[j:j+g]); j += g {
				reps++
			}
			if reps >= loopMinRepeats && 2*reps*g >= n {
				return true
			}
		}
	}
	return false
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// normalizeArabic folds the spelling variants that do not change an Arabic
// word (diacritics, tatweel, hamza forms of alef, alef maqsura, ta marbuta),
// lower-cases Latin, replaces punctuation by spaces and collapses spaces.
func normalizeArabic(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x0640: // tashkeel, dagger alef, tatweel
			continue
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			r = unicode.ToLower(r)
		default:
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
