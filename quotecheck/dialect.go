package quotecheck

import (
	"strings"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// Whisper writes much dialect speech in Modern Standard Arabic: a speaker
// says «اللي» and the transcript has «الذي», «التي» or «الذين»; says «دابا»
// or «هلق» and it has «الآن». A journalist who prints the dialect word
// printed what was said, so a printed dialect word against its MSA
// equivalent heard is the same word, never a change (issue 19: a false
// accusation is worse than a missed typo).
//
// dialectForms maps the keys of dialect words to the keys of the MSA words
// that render them: the relative pronoun, demonstratives, the genitive
// particles, the commonest adverbs, negations, interrogatives and verbs of
// wanting of the five dialect groups (Egyptian, Levantine, Gulf, Iraqi,
// Maghrebi), as dialect grammars give them — a closed class, written by
// hand; content words are left to the spelling comparison.
var dialectForms = func() map[string]map[string]bool {
	groups := [][2]string{
		// dialect forms | MSA forms
		{"اللي إللي الّي اللى لي", "الذي التي الذين اللذين اللتين اللواتي اللاتي اللائي ما من"},
		{"هاد هادا هاذا هيدا هذا دا ده", "هذا هذه"},
		{"هادي هاذي هاي هذي دي هيدي", "هذه"},
		{"هدول هادو هاذول هذول دول دولا", "هؤلاء"},
		{"هداك هذاك داك ديك هديك", "ذلك تلك"},
		{"ديال ديالي ديالنا تاع تاعي بتاع بتاعي حق حقي", "الخاص الخاصة لي لنا ل"},
		{"دابا هلق هلأ هسه هسا دلوقتي دلوقت توا الحين", "الآن"},
		{"كاين كاينة كاينين فيه فيها اكو أكو", "هناك يوجد توجد"},
		{"ماكاينش مافيش مفيش مافي ماكو", "لا يوجد ليس هناك"},
		{"بزاف برشا واجد وايد كتير كثير هواية ياسر", "كثيرا كثير كثيرة الكثير"},
		{"مش موش ماشي مو مب مهوش مانيش", "ليس لست لا"},
		{"كيفاش كيف إزاي ازاي شلون شلونك كيفك", "كيف"},
		{"شو إيش ايش واش شنو شنهو إيه ايه ويش", "ماذا ما هل"},
		{"ليش ليه علاش لويش ليشن", "لماذا"},
		{"وين فين فاين وين وينه", "أين"},
		{"إمتى امتى إيمتى إيمتا وقتاش متى", "متى"},
		{"بدي بدنا عايز عاوز عايزة أبي أبغى نبغي بغيت حاب نحب", "أريد نريد أرغب"},
		{"منيح مليح زين باهي مزيان كويس كويسة تمام", "جيد جيدة حسن"},
		{"برك بس فقط برّك", "فقط"},
		{"كمان برضه برضو زادة زادا حتى", "أيضا كذلك"},
		{"هيك هكا هكذا كده كدا", "هكذا كذلك"},
		{"ليوم اليوما النهارده النهاردة", "اليوم"},
		{"بكرا بكرة بكره غدوة", "غدا"},
		{"لسه لسا لسى باقي مازال", "لا يزال ما زال مازال بعد"},
		{"عشان علشان مشان لاجل باش", "لأن لكي كي أجل"},
	}
	m := map[string]map[string]bool{}
	for _, g := range groups {
		msa := map[string]bool{}
		for _, w := range strings.Fields(g[1]) {
			msa[arabic.Key(w)] = true
		}
		for _, w := range strings.Fields(g[0]) {
			k := arabic.Key(w)
			if m[k] == nil {
				m[k] = map[string]bool{}
			}
			for x := range msa {
				m[k][x] = true
			}
		}
	}
	return m
}()

// dialectSame reports a printed word (key a) in a dialect whose MSA form
// the recogniser wrote (key t), with or without a clitic «و», «ف» or «ب»
// the two share: «واللي» heard as «والذي».
func dialectSame(a, t string) bool {
	if a == t {
		return false
	}
	if dialectForms[a][t] {
		return true
	}
	for _, p := range []string{"و", "ف", "ب"} {
		ra, oka := strings.CutPrefix(a, p)
		rt, okt := strings.CutPrefix(t, p)
		if oka && okt && dialectForms[ra][rt] {
			return true
		}
	}
	return false
}
