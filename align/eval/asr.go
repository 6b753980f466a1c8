package eval

import (
	"math/rand/v2"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// confusable letters a recogniser swaps.
var confusable = map[rune][]rune{
	'ت': {'ط', 'ث'}, 'ط': {'ت'}, 'ث': {'ت', 'س'}, 'س': {'ص', 'ث'}, 'ص': {'س'}, 'د': {'ذ', 'ض'},
	'ذ': {'ز', 'د'}, 'ز': {'ذ'}, 'ض': {'ظ', 'د'}, 'ظ': {'ض'}, 'ح': {'ه'}, 'ه': {'ح'}, 'ق': {'ك', 'أ'},
	'ك': {'ق'}, 'ع': {'أ'}, 'غ': {'خ'}, 'خ': {'غ'},
}

// orthographic variants that the matching key folds away.
var variants = [][2]string{{"أ", "ا"}, {"إ", "ا"}, {"ا", "أ"}, {"ة", "ه"}, {"ى", "ي"}, {"ي", "ى"}, {"ؤ", "و"}, {"ئ", "ي"}}

var fillers = []string{"آه", "يعني", "في", "من", "إيه", "و", "هم", "ما"}

var general = strings.Fields("المسؤول الحكومة المدينة المشروع الناس قال كان هناك مع على إلى الذي هذه بعد قبل ثم كل جميع العمل الوطني السنة المرحلة البرنامج الوضع الجهة الإدارة المصالح المواطنين الماء الأمن")

// corrupt simulates a recogniser on one spoken word: with probability wer
// it makes an error — a near-miss spelling, an orthographic variant, a
// deletion, a substitution, an insertion or a split proclitic — and it
// always jitters the times.
func corrupt(text string, start, end, wer float64, rng *rand.Rand) []transcribe.Word {
	w := transcribe.Word{Word: text, Start: start, End: end}
	if rng.Float64() >= wer {
		return []transcribe.Word{jitter(w, rng)}
	}
	switch p := rng.Float64(); {
	case p < 0.25:
		w.Word = nearMiss(text, rng)
	case p < 0.40:
		w.Word = variant(text, rng)
	case p < 0.55:
		return nil
	case p < 0.70:
		w.Word = general[rng.IntN(len(general))]
	case p < 0.80:
		ins := transcribe.Word{Word: fillers[rng.IntN(len(fillers))], Start: end + 0.02, End: end + 0.12}
		return []transcribe.Word{jitter(w, rng), jitter(ins, rng)}
	case p < 0.90:
		rs := []rune(text)
		if len(rs) > 4 && strings.ContainsRune("وبلفك", rs[0]) {
			mid := start + 0.2*(end-start)
			return []transcribe.Word{
				jitter(transcribe.Word{Word: string(rs[:1]), Start: start, End: mid}, rng),
				jitter(transcribe.Word{Word: string(rs[1:]), Start: mid, End: end}, rng),
			}
		}
		w.Word = nearMiss(text, rng)
	default:
		// Digits for a number word and back.
		if v, ok := arabic.DigitValue(arabic.Key(text)); ok {
			w.Word = arabic.Words(v, arabic.Genitive)
		} else if v, n := arabic.ParseNumber([]string{arabic.Key(text)}); n == 1 {
			w.Word = fmtInt(v)
		} else {
			w.Word = nearMiss(text, rng)
		}
	}
	return []transcribe.Word{jitter(w, rng)}
}

func fmtInt(v int) string {
	if v == 0 {
		return "0"
	}
	var b []byte
	for v > 0 {
		b = append([]byte{byte('0' + v%10)}, b...)
		v /= 10
	}
	return string(b)
}

// nearMiss changes one letter of a word: a confusable letter, or a dropped
// or doubled one.
func nearMiss(text string, rng *rand.Rand) string {
	rs := []rune(text)
	if len(rs) < 3 {
		return text + "ا"
	}
	for range 4 {
		i := 1 + rng.IntN(len(rs)-1)
		if alts, ok := confusable[rs[i]]; ok {
			rs[i] = alts[rng.IntN(len(alts))]
			return string(rs)
		}
	}
	i := 1 + rng.IntN(len(rs)-1)
	if rng.IntN(2) == 0 && len(rs) > 4 {
		return string(append(rs[:i:i], rs[i+1:]...))
	}
	return string(rs[:i]) + string(rs[i]) + string(rs[i:])
}

// variant spells a word with another hamza, ta marbuta or alef maqsura.
func variant(text string, rng *rand.Rand) string {
	for range 4 {
		v := variants[rng.IntN(len(variants))]
		if strings.Contains(text, v[0]) {
			return strings.Replace(text, v[0], v[1], 1)
		}
	}
	return nearMiss(text, rng)
}

// markov generates sentences from the words and bigrams of the article's narration and
// the unreported-speech pool: plausible speech on the same subject, made of
// the article's vocabulary, that the article does not report.
type markov struct {
	next  map[string][]string
	vocab []string
}

func newMarkov(art *align.Article, pool []string) *markov {
	m := &markov{next: map[string][]string{}}
	add := func(words []string) {
		if len(words) == 0 {
			return
		}
		m.vocab = append(m.vocab, words...)
		for i := 0; i+1 < len(words); i++ {
			m.next[words[i]] = append(m.next[words[i]], words[i+1])
		}
	}
	var cur []string
	curSent := -1
	for _, w := range art.Words {
		if !w.Prose || w.Quote >= 0 {
			continue
		}
		if w.Sentence != curSent {
			add(cur)
			cur, curSent = nil, w.Sentence
		}
		cur = append(cur, w.Text)
	}
	add(cur)
	for _, s := range pool {
		var ws []string
		for _, t := range arabic.Tokenize(s) {
			ws = append(ws, t.Text)
		}
		add(ws)
	}
	return m
}

// sentence strings n words as pairs: a random word of the vocabulary and a
// word that follows it somewhere in the sources. Runs of three words of the
// article arise only by chance, so the text shares the article's vocabulary
// and bigrams without repeating its sentences.
func (m *markov) sentence(rng *rand.Rand, n int) string {
	var out []string
	for len(out) < n {
		w := m.vocab[rng.IntN(len(m.vocab))]
		out = append(out, w)
		if nx := m.next[w]; len(nx) > 0 && len(out) < n {
			out = append(out, nx[rng.IntN(len(nx))])
		}
	}
	return strings.Join(out, " ")
}
