package eval

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/transcribe"
)

// The simulated recogniser errs the way Whisper errs on Arabic news speech
// (issue 19), not by random letters. Its word error rate is the track's
// (10, 20 or 40 %), measured as word edits (substitutions, deletions,
// insertions) against what was said, a number phrase counting as one word
// however it is written; the tables print it. An error event befalls a
// spoken word at a rate steered so that each recording's measured WER
// stays at the track's rate. Its kind is drawn by these weights among the
// kinds that fit the word (a merge needs a short word before another, a
// sound-alike three letters); on a function word a deletion weighs 0.6.
// The last column is the share of the errors of each kind measured on the
// tuning articles at 20 % (TestRecogniserErrs holds the model):
//
//	kind      weight  what Whisper does                                      share
//	sound      0.40   a word that sounds alike: one confusable consonant     0.47
//	                  (ص/س, ط/ت, ض/د, ظ/ز/ذ, ث/س/ت, ق/ك/ء, ح/ه, ع/ء/أ), a
//	                  long vowel ا/و/ي dropped or added, ة/ت at the end; a
//	                  real word of the lexicon whenever one exists (86 % are:
//	                  Whisper's language model writes words), else its
//	                  spelling of the sound
//	clitic     0.18   a proclitic (و ف ب ل ال) dropped or added — a real     0.17
//	                  word where possible — or split off («و المواطنين»,
//	                  «ب المدينة», «ل اللجنة» for «للجنة»)
//	function   0.6*   a short function word (في، من، أن، ما، لا، قد، …) not   0.08
//	                  written at all (*on function words only)
//	insert     0.07   a word not said: a filler, a function word, the word    0.08
//	                  before written twice
//	boundary   0.09   two words written as one («منخلال») or one as two       0.06
//	                  («البر نامج»)
//	other      0.08   another word altogether (the language model's guess)   0.11
//	number     0.06   a number misheard (a part dropped: «تسعة وخمسين» → 50, 0.02
//	                  a unit heard as its ten: «ثلاثة» → 30)
//
// Sound-alike words lead because most of Whisper's errors on clear Arabic
// speech are words that sound like the word said, which its language
// model turns into real words; clitics and function words follow because
// Arabic writes them joined to the next word and they are said weakly;
// misplaced word boundaries and words the model guesses make up the rest.
// Besides the errors, and not counted in the WER because the matching key
// (or the number unit) stays the same: a number phrase is written in
// digits 60 % of the time (Whisper's habit) and in words otherwise,
// whichever the speaker said; 6 % of the words get another hamza seat,
// ة/ه or ى/ي; and a dialect form («هاد», «اللي», «بزاف») is written as its
// MSA form 60 % of the time.
//
// Confidences: a right word has probability 0.7–1, but one in ten 0.2–0.6
// (Whisper doubts rare words and names it gets right); a wrong word is
// confidently wrong (0.65–0.97) with its kind's share — 45 % for a real
// sound-alike word, 40 % for a clitic or a number, 30 % for an insertion,
// 25 % for a non-word or a boundary, 15 % for a guessed word (an unrelated
// word is what Whisper writes when it did not hear, mostly unsure) — and
// unsure (0.1–0.55) otherwise: about 38 % of the wrong words are
// confidently wrong.
type asrKind int

const (
	errSound asrKind = iota
	errClitic
	errFunction
	errInsert
	errBoundary
	errOther
	errNumber
	numASRKinds
)

var asrKindNames = [numASRKinds]string{"sound", "clitic", "function", "insert", "boundary", "other", "number"}

// functionWeight is the weight of a deletion when the word is a function
// word (see above).
const functionWeight = 0.6

// asrWeights are the weights of the kinds of error (see above); that of
// errFunction is functionWeight, on function words only.
var asrWeights = [numASRKinds]float64{0.40, 0.18, 0.12, 0.07, 0.09, 0.08, 0.06}

// confidentShare is the share of each kind's wrong words given a high
// probability; a sound-alike non-word takes nonWordConfident.
var confidentShare = [numASRKinds]float64{0.45, 0.40, 0, 0.30, 0.25, 0.15, 0.40}

const (
	nonWordConfident = 0.25
	lowRightShare    = 0.10 // right words the recogniser doubts
	variantShare     = 0.06 // right words written with another hamza, ة/ه or ى/ي
	digitShare       = 0.60 // number phrases written in digits
	msaShare         = 0.60 // dialect forms written as MSA
)

// confusable are the letters Whisper hears for one another.
var confusable = map[rune][]rune{
	'ص': {'س'}, 'س': {'ص', 'ث'}, 'ط': {'ت'}, 'ت': {'ط', 'ث'}, 'ض': {'د', 'ظ'}, 'د': {'ض'},
	'ظ': {'ز', 'ذ', 'ض'}, 'ز': {'ظ', 'ذ'}, 'ذ': {'ز', 'ظ', 'د'}, 'ث': {'س', 'ت'},
	'ق': {'ك', 'ء', 'أ'}, 'ك': {'ق'}, 'ح': {'ه'}, 'ه': {'ح'}, 'ع': {'ء', 'أ', 'ا'},
	'أ': {'ع'}, 'ء': {'ع'}, 'ا': {'ع'},
}

// functionWords are the short words Whisper drops (keys).
var functionWords = arabic.KeySet("في من على عن إلى الى أن إن ان ما لا لم لن قد هو هي هم ثم أو او مع كان كانت " +
	"التي الذي هذا هذه ذلك تلك كل بين حتى إذا اذا يا و ف لقد إنه أنه")

// insertWords are what Whisper writes where nothing was said.
var insertWords = []string{"و", "في", "من", "أن", "آه", "يعني", "إن", "ما"}

// general are words Whisper's language model puts for a word it did not catch.
var general = strings.Fields("المسؤول الحكومة المدينة المشروع الناس قال كان هناك مع على إلى الذي هذه بعد قبل ثم كل جميع العمل الوطني السنة المرحلة البرنامج الوضع الجهة الإدارة المصالح المواطنين الماء الأمن")

// msaOf are the MSA forms Whisper writes for dialect forms (keys → texts).
var msaOf = map[string][]string{
	"هاد": {"هذا", "هذه"}, "اللي": {"الذي", "التي", "الذين"}, "بزاف": {"كثيرا"},
	"هادي": {"هذه"}, "ديال": {"الخاص"}, "دابا": {"الآن"}, "كاين": {"هناك"},
}

// spokenWord is one word said, with its true times in seconds.
type spokenWord struct {
	text       string
	start, end float64
}

// asrStats counts what the recogniser did: spoken words (a number phrase
// one), word edits, the error events of each kind, wrong words and those
// given a high probability, right words and those given a low one.
type asrStats struct {
	words, edits         int
	kinds                [numASRKinds]int
	wrong, confident     int
	rightLow, rightTotal int
	soundReal            int // sound-alike substitutions that are words of the lexicon
}

func (s *asrStats) add(o asrStats) {
	s.words += o.words
	s.edits += o.edits
	for k := range s.kinds {
		s.kinds[k] += o.kinds[k]
	}
	s.wrong += o.wrong
	s.confident += o.confident
	s.rightLow += o.rightLow
	s.rightTotal += o.rightTotal
	s.soundReal += o.soundReal
}

// WER is the measured word error rate.
func (s asrStats) WER() float64 {
	if s.words == 0 {
		return math.NaN()
	}
	return float64(s.edits) / float64(s.words)
}

// recogniser simulates Whisper on one recording.
type recogniser struct {
	wer   float64
	rng   *rand.Rand
	lex   *lexCache
	stats asrStats
}

// lexCache answers Spell once per word (the harness asks often).
type lexCache struct {
	lex  quotecheck.Lexicon
	real map[string]bool
}

func newLexCache(lex quotecheck.Lexicon) *lexCache {
	return &lexCache{lex: lex, real: map[string]bool{}}
}

// word reports whether w is a word of the lexicon; without one, nothing is.
func (c *lexCache) word(w string) bool {
	if c == nil || c.lex == nil {
		return false
	}
	v, ok := c.real[w]
	if !ok {
		v = c.lex.Spell(w)
		c.real[w] = v
	}
	return v
}

// asrCost is the mean number of word edits of an error event, for the
// first estimate of the event rate.
const asrCost = 1.2

// recognise writes what the recogniser hears of words: every word said,
// in order, with its true times.
func (r *recogniser) recognise(words []spokenWord) []transcribe.Word {
	var out []transcribe.Word
	keys := make([]string, len(words))
	for i, w := range words {
		keys[i] = arabic.Key(w.text)
	}
	for i := 0; i < len(words); {
		// A number phrase is one word: said in words or printed in digits,
		// the recogniser writes it either way.
		if v, n := numberAt(keys[i:]); n > 0 {
			out = append(out, r.number(v, words[i:i+n])...)
			i += n
			continue
		}
		w := words[i]
		r.stats.words++
		if !r.event() {
			out = append(out, r.right(w))
			i++
			continue
		}
		k := r.kind(words, keys, i)
		r.stats.kinds[k]++
		switch k {
		case errSound:
			t, real := r.soundAlike(w.text)
			if real {
				r.stats.soundReal++
			}
			out = append(out, r.wrong(w, t, k, real, 1))
		case errClitic:
			out = append(out, r.clitic(w)...)
		case errFunction:
			r.stats.edits++
		case errInsert:
			out = append(out, r.right(w))
			ins := insertWords[r.rng.IntN(len(insertWords))]
			if r.rng.IntN(4) == 0 {
				ins = w.text // a word written twice
			}
			gap := spokenWord{text: ins, start: w.end + 0.02, end: w.end + 0.02 + 0.03*float64(len([]rune(ins)))}
			out = append(out, r.wrong(gap, ins, k, true, 1))
		case errBoundary:
			if i+1 < len(words) && mergeable(keys[i], keys[i+1]) && words[i+1].start-w.end < 0.3 {
				nx := words[i+1]
				r.stats.words++
				out = append(out, r.wrong(spokenWord{text: w.text + nx.text, start: w.start, end: nx.end}, w.text+nx.text, k, false, 2))
				i += 2
				continue
			}
			out = append(out, r.split(w)...)
		case errOther:
			t := general[r.rng.IntN(len(general))]
			for arabic.Key(t) == keys[i] {
				t = general[r.rng.IntN(len(general))]
			}
			out = append(out, r.wrong(w, t, k, true, 1))
		}
		i++
	}
	return out
}

// event draws whether the next word is misheard, steering the rate so that
// the recording's measured WER approaches the track's rate.
func (r *recogniser) event() bool {
	p := r.wer / asrCost
	if n := r.stats.words; n > 20 {
		// Behind or ahead of the rate: a little more or fewer errors.
		p *= min(1.5, max(0.5, 1+4*(r.wer-float64(r.stats.edits)/float64(n))/r.wer))
	}
	return r.rng.Float64() < p
}

// kind draws the kind of an error event on words[i] among those that fit it.
func (r *recogniser) kind(words []spokenWord, keys []string, i int) asrKind {
	fits := func(k asrKind) bool {
		rs := len([]rune(keys[i]))
		switch k {
		case errSound:
			return rs >= 3
		case errClitic:
			return rs >= 3
		case errFunction:
			return functionWords[keys[i]]
		case errBoundary:
			return rs >= 6 || i+1 < len(words) && mergeable(keys[i], keys[i+1])
		case errNumber:
			return false // numbers are phrases: see number
		}
		return true
	}
	weight := func(k asrKind) float64 {
		switch {
		case !fits(k):
			return 0
		case k == errFunction:
			return functionWeight // on a function word, the likeliest error
		}
		return asrWeights[k]
	}
	total := 0.0
	for k := range numASRKinds {
		total += weight(k)
	}
	x := r.rng.Float64() * total
	for k := range numASRKinds {
		if x < weight(k) {
			return k
		}
		x -= weight(k)
	}
	return errOther
}

// mergeable reports two words Whisper may write as one: a short function
// word before another word.
func mergeable(a, b string) bool {
	return functionWords[a] && len([]rune(a)) <= 3 && len([]rune(a)) >= 2 && len([]rune(b)) >= 3
}

// right writes a word as said (now and then spelt otherwise, a dialect
// form as MSA) with the probability of a right word.
func (r *recogniser) right(w spokenWord) transcribe.Word {
	t := w.text
	if ms, ok := msaOf[arabic.Key(t)]; ok && r.rng.Float64() < msaShare {
		t = ms[r.rng.IntN(len(ms))]
	} else if r.rng.Float64() < variantShare {
		t = variant(t, r.rng)
	}
	r.stats.rightTotal++
	p := 1 - 0.3*r.rng.Float64()*r.rng.Float64()
	if r.rng.Float64() < lowRightShare {
		p = 0.2 + 0.4*r.rng.Float64()
		r.stats.rightLow++
	}
	return jitter(transcribe.Word{Word: t, Start: w.start, End: w.end, Probability: p}, r.rng)
}

// wrong writes t for w, a wrong word of kind k (real: a word of the
// lexicon or a written word, else a non-word), counting edits word edits.
func (r *recogniser) wrong(w spokenWord, t string, k asrKind, real bool, edits int) transcribe.Word {
	r.stats.edits += edits
	r.stats.wrong++
	share := confidentShare[k]
	if k == errSound && !real {
		share = nonWordConfident
	}
	p := 0.1 + 0.45*r.rng.Float64()
	if r.rng.Float64() < share {
		p = 0.65 + 0.32*r.rng.Float64()
		r.stats.confident++
	}
	return jitter(transcribe.Word{Word: t, Start: w.start, End: w.end, Probability: p}, r.rng)
}

// number writes a number phrase said as words (or printed in digits and
// said): in digits or in words, now and then misheard.
func (r *recogniser) number(v int, said []spokenWord) []transcribe.Word {
	r.stats.words++
	w := spokenWord{text: said[0].text, start: said[0].start, end: said[len(said)-1].end}
	wrong := false
	if r.event() {
		if v, wrong = misheardNumber(v, r.rng); wrong {
			r.stats.kinds[errNumber]++
		}
	}
	var text string
	scale := len(said) == 1 && (v == 1000 || v == 1000000 || v == 1000000000)
	if scale && !wrong {
		// A scale word said alone after a number («90 مليون»): Whisper
		// writes the word after the digits, never «1000000».
		text = said[0].text
	} else if r.rng.Float64() < digitShare {
		text = strconv.Itoa(v)
	} else {
		forms := []arabic.NumberForm{arabic.Nominative, arabic.Genitive}
		text = arabic.Words(v, forms[r.rng.IntN(2)])
	}
	parts := strings.Fields(text)
	var out []transcribe.Word
	for j, p := range parts {
		x := w
		x.start = w.start + (w.end-w.start)*float64(j)/float64(len(parts))
		x.end = w.start + (w.end-w.start)*float64(j+1)/float64(len(parts))
		if wrong {
			out = append(out, r.wrong(x, p, errNumber, true, btoi(j == 0)))
		} else {
			rw := r.right(x)
			rw.Word = p
			out = append(out, rw)
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// misheardNumber is a number Whisper writes for v: a part of it dropped
// («تسعة وخمسين» → 50 or 9, «ثلاثمائة وعشرون» → 300), a unit heard as its
// ten («ثلاثة» → «ثلاثين»), a teen as its ten («ثلاثة عشر» → 30); false
// when v has no such near number.
func misheardNumber(v int, rng *rand.Rand) (int, bool) {
	switch {
	case v >= 20 && v < 100 && v%10 != 0 && rng.IntN(2) == 0:
		return v - v%10, true
	case v >= 20 && v < 100 && v%10 != 0:
		return v % 10, true
	case v > 10 && v < 20:
		return (v - 10) * 10, true
	case v >= 100 && v%100 != 0:
		return v - v%100, true
	case v >= 3 && v <= 9:
		return v * 10, true
	}
	return v, false
}

// numberAt reads a number phrase at the start of keys: words (ParseNumber)
// or digits. It returns its value and the words it takes, 0 when none.
func numberAt(keys []string) (int, int) {
	if len(keys) == 0 {
		return 0, 0
	}
	if v, ok := arabic.DigitValue(keys[0]); ok && v < 1000000000 {
		return v, 1
	}
	v, n := arabic.ParseNumber(keys)
	if n == 1 && strings.HasPrefix(keys[0], "ال") {
		return 0, 0 // «الأولى» is a word, not «1»
	}
	return v, n
}

// proclitics are the prefixes Whisper drops, adds or splits off, longest
// first (texts).
var proclitics = []string{"وال", "بال", "فال", "لل", "ال", "و", "ف", "ب", "ل"}

// stemStart is the number of runes of w's proclitics («وبال…» → 4),
// leaving at least three.
func stemStart(rs []rune) int {
	s := string(rs)
	n := 0
	for _, p := range []string{"و", "ف"} {
		if strings.HasPrefix(s, p) && len(rs)-n-1 >= 3 {
			s, n = s[len(p):], n+1
			break
		}
	}
	for _, p := range []string{"بال", "كال", "لل", "ال", "ب", "ل", "ك"} {
		if strings.HasPrefix(s, p) && len(rs)-n-len([]rune(p)) >= 3 {
			return n + len([]rune(p))
		}
	}
	return n
}

// soundAlike returns a word that sounds like w (see errSound), a real
// word when the lexicon has one, and whether it is real.
func (r *recogniser) soundAlike(w string) (string, bool) {
	cands := soundCandidates(w)
	var real []string
	for _, c := range cands {
		if r.lex.word(c) {
			real = append(real, c)
		}
	}
	switch {
	case len(real) > 0:
		return real[r.rng.IntN(len(real))], true
	case len(cands) > 0:
		return cands[r.rng.IntN(len(cands))], false
	}
	return w + "ا", false
}

// soundCandidates lists the words one sound-alike step from w, with
// another key.
func soundCandidates(w string) []string {
	rs := []rune(w)
	lo := stemStart(rs)
	key := arabic.Key(w)
	var out []string
	seen := map[string]bool{}
	add := func(c []rune) {
		s := string(c)
		if k := arabic.Key(s); k != key && !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	for i := lo; i < len(rs); i++ {
		for _, alt := range confusable[rs[i]] {
			c := []rune(w)
			c[i] = alt
			add(c)
		}
		// A long vowel dropped, inside the stem.
		if i > lo && i < len(rs)-1 && strings.ContainsRune("اوي", rs[i]) {
			add(append(append([]rune{}, rs[:i]...), rs[i+1:]...))
		}
		// A long vowel added after a consonant.
		if i > lo && i < len(rs)-1 && !strings.ContainsRune("اوية", rs[i]) && !strings.ContainsRune("اوي", rs[i+1]) {
			for _, v := range []rune("اوي") {
				add(append(append(append([]rune{}, rs[:i+1]...), v), rs[i+1:]...))
			}
		}
	}
	// ة and ت at the end.
	switch last := len(rs) - 1; {
	case rs[last] == 'ة':
		c := []rune(w)
		c[last] = 'ت'
		add(c)
	case rs[last] == 'ت' && last > lo+1:
		c := []rune(w)
		c[last] = 'ة'
		add(c)
	}
	return out
}

// clitic drops, adds or splits off a proclitic of w.
func (r *recogniser) clitic(w spokenWord) []transcribe.Word {
	rs := []rune(w.text)
	var pre string
	for _, p := range proclitics {
		if strings.HasPrefix(w.text, p) && len(rs)-len([]rune(p)) >= 3 {
			pre = p
			break
		}
	}
	rest := strings.TrimPrefix(w.text, pre)
	type option struct {
		words []string
		real  bool
	}
	var opts []option
	if pre != "" {
		// Dropped: «والمواطنين» → «المواطنين», «بالمدينة» → «المدينة».
		drop := rest
		switch pre {
		case "بال", "فال", "وال":
			drop = "ال" + rest
		case "لل":
			drop = "ال" + rest
		}
		opts = append(opts, option{[]string{drop}, r.lex.word(drop)})
		// Split off: «و المواطنين», «ب المدينة», «ل اللجنة».
		switch pre {
		case "وال", "بال", "فال":
			opts = append(opts, option{[]string{pre[:len(pre)-len("ال")], "ال" + rest}, true})
		case "لل":
			opts = append(opts, option{[]string{"ل", "ال" + rest}, true})
		case "و", "ف", "ب", "ل":
			opts = append(opts, option{[]string{pre, rest}, true})
		}
	} else {
		for _, p := range []string{"و", "ال", "ب", "ل"} {
			c := p + w.text
			opts = append(opts, option{[]string{c}, r.lex.word(c)})
		}
	}
	// A real word where there is one (the lexicon), else any.
	var pick []option
	for _, o := range opts {
		if o.real {
			pick = append(pick, o)
		}
	}
	if len(pick) == 0 {
		pick = opts
	}
	o := pick[r.rng.IntN(len(pick))]
	if len(o.words) == 1 {
		return []transcribe.Word{r.wrong(w, o.words[0], errClitic, true, 1)}
	}
	mid := w.start + 0.15*(w.end-w.start)
	return []transcribe.Word{
		r.wrong(spokenWord{start: w.start, end: mid}, o.words[0], errClitic, true, 1),
		r.wrong(spokenWord{start: mid, end: w.end}, o.words[1], errClitic, true, 1),
	}
}

// split writes a long word as two, at a point that makes two real words
// when there is one.
func (r *recogniser) split(w spokenWord) []transcribe.Word {
	rs := []rune(w.text)
	var cuts, real []int
	for c := 2; c <= len(rs)-3; c++ {
		cuts = append(cuts, c)
		if r.lex.word(string(rs[:c])) && r.lex.word(string(rs[c:])) {
			real = append(real, c)
		}
	}
	if len(cuts) == 0 {
		r.stats.edits++
		return nil // too short to split: dropped
	}
	// One draw either way, so that a build without the lexicon draws the
	// same random numbers.
	x := r.rng.Float64()
	c := cuts[int(x*float64(len(cuts)))]
	if len(real) > 0 {
		c = real[int(x*float64(len(real)))]
	}
	mid := w.start + (w.end-w.start)*float64(c)/float64(len(rs))
	return []transcribe.Word{
		r.wrong(spokenWord{start: w.start, end: mid}, string(rs[:c]), errBoundary, false, 1),
		r.wrong(spokenWord{start: mid, end: w.end}, string(rs[c:]), errBoundary, false, 1),
	}
}

// variant spells a word with another hamza, ta marbuta or alef maqsura,
// where Arabic writers vary: an alef's hamza at the start («أعطت» /
// «اعطت»), ة/ه and ى/ي at the end, ؤ/ئ.
func variant(text string, rng *rand.Rand) string {
	rs := []rune(text)
	var opts [][]rune
	alt := func(i int, r rune) {
		c := append([]rune{}, rs...)
		c[i] = r
		opts = append(opts, c)
	}
	for i, r := range rs {
		switch {
		case i == stemStart(rs) && (r == 'أ' || r == 'إ'):
			alt(i, 'ا')
		case i == len(rs)-1 && r == 'ة':
			alt(i, 'ه')
		case i == len(rs)-1 && r == 'ى':
			alt(i, 'ي')
		case i == len(rs)-1 && r == 'ي':
			alt(i, 'ى')
		case r == 'ؤ':
			alt(i, 'ئ')
		case r == 'ئ':
			alt(i, 'ؤ')
		}
	}
	if len(opts) == 0 {
		return text
	}
	return string(opts[rng.IntN(len(opts))])
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
// word that follows it somewhere in the sources, a pair never following on
// from the pair before (so that two pairs do not chain into four words of
// the article). Runs of three words of the article arise only by chance,
// so the text shares the article's vocabulary and bigrams without
// repeating its sentences.
func (m *markov) sentence(rng *rand.Rand, n int) string {
	var out []string
	for len(out) < n {
		w := m.vocab[rng.IntN(len(m.vocab))]
		for try := 0; try < 5 && len(out) > 0 && slices.Contains(m.next[out[len(out)-1]], w); try++ {
			w = m.vocab[rng.IntN(len(m.vocab))]
		}
		out = append(out, w)
		if nx := m.next[w]; len(nx) > 0 && len(out) < n {
			out = append(out, nx[rng.IntN(len(nx))])
		}
	}
	return strings.Join(out, " ")
}
