package eval

import (
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

// kindWeights is how often the harness makes each kind of quotation.
var kindWeights = []struct {
	kind string
	w    float64
}{
	{KindVerbatim, 0.20}, {KindMisspelt, 0.10}, {KindEllipsis, 0.10}, {KindChanged, 0.06}, {KindLookAlike, 0.08},
	{KindAdded, 0.12}, {KindOmitted, 0.12}, {KindStitched, 0.11}, {KindFabricated, 0.11},
}

// Words a journalist puts in a speaker's mouth.
var (
	replacements = strings.Fields("الأوراش البرامج المخططات الخدمات المبادرات كبيرة ضعيفة عاجلة جديدة سريعة نرفض نقبل ندعم " +
		"الحكومة الوزارة الجماعة الدولة الشركات المستثمرين الشباب النساء دائما أبدا غدا مستحيل ممتازة خطيرة")
	insertions = []string{"بشكل عاجل", "دون أي تردد", "في أقرب الآجال", "وبكل صرامة", "على الإطلاق", "بكل تأكيد",
		"وهذا أمر محسوم", "مهما كلف الثمن", "رغم كل الانتقادات", "بشكل نهائي وحاسم"}
	ellipses      = []string{" … ", " ... ", " (...) ", " […] "}
	speechFillers = []string{"يعني", "آه", "إذن", "طيب", "أممم"}
	letters       = []rune("بتثجحخدذرزسشصضطظعغفقكلمنوي")
)

const greetingText = "السلام عليكم ورحمة الله تعالى وبركاته"

// run is a run of words said together; quote ≥ 0 for a quotation's.
type run struct {
	words []string
	quote int
}

// buildQuoteCase prints the article's quotations, each as a kind drawn at
// random, and makes the speech of what the speaker really said: a
// greeting, the quotations in a partly shuffled order with fillers,
// unreported speech between them, recognised at the given WER.
func buildQuoteCase(text string, speakers []string, fix map[string]string, unreported []string, wer float64, rng *rand.Rand, lex quotecheck.Lexicon, lc *lexCache) *quoteCase {
	art := align.ParseArticle(text)
	runes := []rune(text)
	c := &quoteCase{}
	var out strings.Builder
	pos, shift := 0, 0 // runes of text copied; runes the printed text gained
	var blocks []run
	var later []run // second halves of stitched quotations
	for qi, q := range art.Quotes {
		said := string(runes[q.CharStart:q.CharEnd])
		for k, v := range fix {
			said = strings.ReplaceAll(said, k, v)
		}
		kind := pickKind(rng)
		printed, tr, spoken := printQuote(string(runes[q.CharStart:q.CharEnd]), said, kind, rng, lex)
		tr.editStart += q.CharStart + shift
		tr.editEnd += q.CharStart + shift
		if qi < len(speakers) && speakers[qi] != "-" {
			tr.speaker = strings.TrimSpace(speakers[qi])
		}
		c.truth = append(c.truth, tr)
		out.WriteString(string(runes[pos:q.CharStart]))
		out.WriteString(printed)
		pos = q.CharEnd
		shift += len([]rune(printed)) - (q.CharEnd - q.CharStart)
		switch {
		case tr.kind == KindFabricated:
		case len(spoken) == 2:
			blocks = append(blocks, run{spoken[0], qi})
			later = append(later, run{spoken[1], qi})
		default:
			blocks = append(blocks, run{spoken[0], qi})
		}
	}
	out.WriteString(string(runes[pos:]))
	c.article = out.String()
	// Another order now and then.
	for i := range blocks {
		if rng.Float64() < 0.3 {
			j := rng.IntN(len(blocks))
			blocks[i], blocks[j] = blocks[j], blocks[i]
		}
	}
	sentence := func() run { return run{words: words(unreported[rng.IntN(len(unreported))]), quote: -1} }
	speech := []run{{words: words(greetingText), quote: -1}}
	for _, b := range blocks {
		speech = append(speech, b)
		if rng.Float64() < 0.5 {
			speech = append(speech, sentence())
		}
	}
	// The second half of a stitched quotation, said apart.
	for _, b := range later {
		speech = append(speech, sentence(), sentence(), b)
	}
	c.transcript, c.asr = recognise(speech, wer, rng, lc)
	return c
}

func pickKind(rng *rand.Rand) string {
	x := rng.Float64()
	for _, k := range kindWeights {
		if x < k.w {
			return k.kind
		}
		x -= k.w
	}
	return KindVerbatim
}

func words(s string) []string {
	var out []string
	for _, t := range arabic.Tokenize(s) {
		out = append(out, t.Text)
	}
	return out
}

// printQuote makes the printed text of a quotation of kind kind from the
// text as printed originally and as said, and what the speaker said: one
// block of words, or two for a stitched quotation. Edit offsets in the
// truth are runes into the printed text. A kind that the quotation is too
// short for falls back to verbatim.
func printQuote(orig, said, kind string, rng *rand.Rand, lex quotecheck.Lexicon) (string, quoteTruth, [][]string) {
	toks := arabic.Tokenize(orig)
	n := len(toks)
	rs := []rune(orig)
	sw := words(said)
	tr := quoteTruth{kind: kind}
	span := func(a, b int) string { return string(rs[a:b]) }
	spoken := [][]string{speak(sw, rng)}
	switch kind {
	case KindMisspelt:
		for range 10 {
			i := rng.IntN(n)
			if w, ok := misspell(toks[i].Text, rng); ok && !quotecheck.IsWord(lex, w) {
				return span(0, toks[i].Start) + w + span(toks[i].End, len(rs)), tr, spoken
			}
		}
	case KindEllipsis:
		if n >= 10 {
			k := 3 + rng.IntN(min(6, n-9))
			i := 3 + rng.IntN(n-k-5)
			return span(0, toks[i-1].End) + ellipses[rng.IntN(len(ellipses))] + span(toks[i+k].Start, len(rs)), tr, spoken
		}
	case KindChanged:
		for range 20 {
			i := rng.IntN(n)
			r := replacements[rng.IntN(len(replacements))]
			a, b := arabic.NewWord(toks[i].Key), arabic.NewWord(arabic.Key(r))
			if len([]rune(toks[i].Key)) >= 3 && arabic.Similarity(&a, &b) < 0.5 {
				tr.editStart, tr.editEnd = toks[i].Start, toks[i].Start+len([]rune(r))
				return span(0, toks[i].Start) + r + span(toks[i].End, len(rs)), tr, spoken
			}
		}
	case KindLookAlike:
		if lex == nil {
			break // no lexicon to draw from: falls back to verbatim
		}
		for range 20 {
			i := rng.IntN(n)
			if w, ok := lookAlike(toks[i].Text, rng, lex); ok {
				tr.editStart, tr.editEnd = toks[i].Start, toks[i].Start+len([]rune(w))
				return span(0, toks[i].Start) + w + span(toks[i].End, len(rs)), tr, spoken
			}
		}
	case KindAdded:
		if n >= 4 {
			i := 1 + rng.IntN(n-2)
			ins := insertions[rng.IntN(len(insertions))]
			tr.editStart = toks[i-1].End + 1
			tr.editEnd = tr.editStart + len([]rune(ins))
			return span(0, toks[i-1].End) + " " + ins + " " + span(toks[i].Start, len(rs)), tr, spoken
		}
	case KindOmitted:
		if n >= 8 {
			k := 2 + rng.IntN(min(4, n-6))
			i := 1 + rng.IntN(n-k-2)
			tr.editStart, tr.editEnd = toks[i-1].End, toks[i-1].End
			return span(0, toks[i-1].End) + " " + span(toks[i+k].Start, len(rs)), tr, spoken
		}
	case KindStitched:
		if n >= 10 && len(sw) == n {
			cut := 4 + rng.IntN(n-7)
			return orig, tr, [][]string{speak(sw[:cut], rng), speak(sw[cut:], rng)}
		}
	case KindFabricated:
		return orig, tr, nil
	}
	tr.kind = KindVerbatim
	return orig, tr, spoken
}

// speak is how the speaker says the words: now and then a filler or a
// word said twice.
func speak(ws []string, rng *rand.Rand) []string {
	out := slices.Clone(ws)
	if len(out) > 3 && rng.Float64() < 0.3 {
		i := 1 + rng.IntN(len(out)-2)
		out = append(out[:i], append([]string{speechFillers[rng.IntN(len(speechFillers))]}, out[i:]...)...)
	}
	if len(out) > 3 && rng.Float64() < 0.1 {
		i := rng.IntN(len(out))
		out = append(out[:i+1], out[i:]...)
	}
	return out
}

// misspell changes one letter of a word of five letters or more so that it
// is another spelling of it (a similarity of 0.6 to 0.9), not a variant
// that the matching key folds away.
func misspell(w string, rng *rand.Rand) (string, bool) {
	rs := []rune(w)
	if len(rs) < 5 {
		return "", false
	}
	for range 8 {
		i := 1 + rng.IntN(len(rs)-1)
		out := string(rs)
		r2 := []rune(out)
		r2[i] = letters[rng.IntN(len(letters))]
		a, b := arabic.NewWord(arabic.Key(w)), arabic.NewWord(arabic.Key(string(r2)))
		if s := arabic.Similarity(&a, &b); s >= 0.6 && s < 0.9 {
			return string(r2), true
		}
	}
	return "", false
}

// lookAlike draws from the lexicon a real word of w's pattern: its
// proclitics, «ال» and suffix kept, one to three letters of its stem
// changed, sharing no stem with w, alike enough (similarity 0.6–0.9)
// that letter similarity alone calls it a spelling of w.
func lookAlike(w string, rng *rand.Rand, lex quotecheck.Lexicon) (string, bool) {
	rs := []rune(w)
	if len(rs) < 4 || !quotecheck.IsWord(lex, w) {
		return "", false
	}
	stems := map[string]bool{}
	for _, s := range quotecheck.Stems(lex, w) {
		stems[arabic.Key(s)] = true
	}
	// The stem's letters: after a proclitic and «ال», before a suffix.
	lo, hi := 0, len(rs)
	for _, p := range []string{"و", "ف", "ب", "ل", "ال"} {
		if strings.HasPrefix(string(rs[lo:]), p) && hi-lo-len([]rune(p)) >= 3 {
			lo += len([]rune(p))
		}
	}
	for _, suf := range []string{"ية", "ات", "ون", "ين", "ة", "نا", "ها"} {
		if strings.HasSuffix(string(rs[lo:hi]), suf) && hi-lo-len([]rune(suf)) >= 3 {
			hi -= len([]rune(suf))
			break
		}
	}
	for range 200 {
		out := slices.Clone(rs)
		for range 1 + rng.IntN(3) {
			out[lo+rng.IntN(hi-lo)] = letters[rng.IntN(len(letters))]
		}
		cand := string(out)
		a, b := arabic.NewWord(arabic.Key(w)), arabic.NewWord(arabic.Key(cand))
		if s := arabic.Similarity(&a, &b); s < 0.6 || s >= 0.9 || !quotecheck.IsWord(lex, cand) {
			continue
		}
		shared := false
		for _, s := range quotecheck.Stems(lex, cand) {
			shared = shared || stems[arabic.Key(s)]
		}
		if !shared {
			return cand, true
		}
	}
	return "", false
}

// recognise times the blocks and simulates the recogniser (asr.go) at the
// given WER.
func recognise(speech []run, wer float64, rng *rand.Rand, lex *lexCache) (*transcribe.Transcript, asrStats) {
	var said []spokenWord
	tm := 0.3 + rng.Float64()
	for _, b := range speech {
		for _, w := range b.words {
			dur := (0.12 + 0.055*float64(len([]rune(w)))) * (0.8 + 0.4*rng.Float64())
			said = append(said, spokenWord{text: w, start: tm, end: tm + dur})
			tm += dur + 0.04 + 0.08*rng.Float64()
		}
		tm += 0.3 + 0.4*rng.Float64()
	}
	rec := &recogniser{wer: wer, rng: rng, lex: lex}
	return segment(rec.recognise(said)), rec.stats
}
