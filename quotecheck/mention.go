package quotecheck

import (
	"slices"
	"strings"
	"unicode"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
)

// A mention is a noun phrase of the narration that may name a person: forms
// of address, functions and a name, in the orders Arabic news writes them —
// «معالي المهندس عبيد بن خلفان الظاهري وزير الطاقة», «وزير الصحة العامة
// الدكتور نبيل ضاهر», «مدرب المنتخب، البرتغالي باولو أزيفيدو،», «النائب
// بوزيان» — or a pronoun of address («معاليه»), or «المتحدث ذاته».
type mention struct {
	at, end int      // its tokens [at, end)
	honors  []string // forms of address, canonical («معالي», «دكتور»)
	titles  []title  // its functions, in order
	name    []int    // the tokens of its name
	conj    bool     // its first token carries the conjunction «و» («ووزير السكن»)
	prep    bool     // its first token carries «بـ» or «لـ» before «ال» («بالمدير الجهوي»): an object
	adjs    []string // bare keys of nisba adjectives in apposition («البرتغالي»)
	pronoun string   // «معاليه»: the honorific the pronoun stands for
	dead    bool     // «الراحل», «الفقيد» as a subject: the person the article mourns
	ordinal int      // «الأول» 1, «الثاني» 2, «الأخير» -1 as a subject: of the people just named
	same    bool     // «المتحدث ذاته», «نفس المتحدث»: the person speaking
	plural  bool     // «الوزيران», «المستشارين»: more than one person
	unsure  bool     // a name that may go on with words the model cannot read (unsureName)
	fem     bool     // a feminine function or form of address
	alone   bool     // a given name alone that introduces a person (loneName, introducedAlone)
	back    bool     // names the one a function meant before («الخبير ذاته، فلان», «الخبير، وهو فلان»)
}

// A title is one function: a head noun («وزير») with its complement — the
// genitive of a construct («وزير الصحة»), adjectives («العامة»), nouns
// joined by «و» («والتعليم العالي») — its core, and prepositional
// qualifiers («للسياسة النقدية», «في لبنان», «باسم المحكمة»).
type title struct {
	words []int    // all its tokens
	heads []string // the function heads in it («نائب», and «رئيس» in «نائب رئيس الوزراء»)
	core  []string // bare keys of the head and its complement
	qual  []string // bare keys of its prepositional qualifiers
	appos bool     // set off after the name («محمد الدخيسي، والي امن مراكش»)
	fem   bool     // «وزيرة»
	dual  bool     // its first word is a dual in construct («نائبي المحافظ»), one of two holders
}

// gap is the strongest punctuation between two tokens.
type gap int

const (
	gapNone  gap = iota
	gapComma     // ، , ؛ ;
	gapParen     // ( ) – — - /: an aside
	gapColon     // :
	gapQuote     // a quotation mark
	gapStop      // . ؟ ? ! or a line break: the sentence ends
)

// reader reads mentions and clauses from an article's tokens. A token is
// narration when it is prose outside quotations; phrases never cross
// anything else.
type reader struct {
	toks  []align.ArticleWord
	keys  []string // each token's key; the name «علي» has its own (nameAli)
	runes []rune
	narr  []bool   // prose outside quotations
	spans [][2]int // each quotation's rune span
	gaps  []gap    // the punctuation before each token (findGaps)
	// hyphen marks a token joined to the one before by a hyphen alone
	// («كروغر-آيلرز»): one word of a name, no gap (findGaps).
	hyphen []bool
	// printed and afterGiven are gathered once, when first asked
	// (addressee, wadName): the keys the article prints, and how often
	// each particle and its word follow a given name.
	printed    map[string]bool
	afterGiven map[[2]string]int
	// nameEnds are the keys the article prints right after a given name
	// (endsAName), gathered once when first asked.
	nameEnds map[string]bool
	lex      Lexicon
	known    map[string]bool // the lexicon's answer per word
	// surnames are the bare keys of the name words of the people the
	// article names, so that «النائب بوزيان», «وقال العمر» read a name.
	surnames map[string]bool
	// families are the bare keys of the last words of the names of two
	// words or more read so far, so that «ألقى المطران صليبا» after
	// «المطران جورجيوس نقولا صليبا» reads a name, whatever the lexicon
	// makes of the word (an accusative «صليبا», a cross).
	families map[string]bool
	// spoken are the bare keys of the words the article sets alone as the
	// subject of a speech verb («وقالت الخطيب إن», «أكد ولد علي»): a
	// person's family name, whatever the lexicon makes of it (spokenNames).
	spoken map[string]bool
	// undefined are the keys of the words the article prints without
	// «ال» (commonNouns): a definite word whose stem is among them is a
	// common noun the article also uses as one («مشروع موازنة» beside
	// «الموازنة»), not a family name — family names keep their article.
	undefined map[string]bool
	// defined are the bare keys of the words the article prints with «ال»
	// (commonNouns): a bare known word among them is a common noun
	// («حلقة» beside «الحلقة»), not a family name.
	defined map[string]bool
	// marksTanween reports an article that writes the accusative's
	// tanween («ممثلاً», «قائداً») on three words or more: there a word in
	// «ا» without it («صليبا») is no accusative by its print.
	marksTanween bool
	// headmenSeen reports «مختار» in the dual or plural somewhere in the
	// article (headmen).
	headmenSeen bool
}

// commonNouns fills r.undefined and r.defined, and r.marksTanween.
func (r *reader) commonNouns() {
	r.undefined, r.defined = map[string]bool{}, map[string]bool{}
	marked := 0
	for p := range r.toks {
		if r.tanween(p) {
			marked++
		}
	}
	r.marksTanween = marked >= 3
	for _, k := range r.keys {
		r.headmenSeen = r.headmenSeen || headmenForms[bare(strings.TrimPrefix(k, "و"))]
		for _, p := range []string{"بال", "لل", "وال", "فال", "كال", "ال"} {
			if rest, ok := strings.CutPrefix(k, p); ok && len([]rune(rest)) >= 2 {
				r.defined[rest] = true
				break
			}
		}
		if !strings.HasPrefix(k, "ال") && len([]rune(k)) >= 3 {
			r.undefined[k] = true
		}
	}
}

// commonNoun reports a definite word at toks[p] that the lexicon knows
// and the article also prints without its article: the object or
// complement after a name («ويمنح حمزة بن الطيب الفوز لأصحاب الأرض» where
// it writes «فوز» elsewhere), not its family name. A nisba («الزعبي») is
// a family name whatever else the article prints; its feminine shape is
// not («الميزانية» beside «ميزانية»).
func (r *reader) commonNoun(p int) bool {
	k := r.key(p)
	return definite(k) && !strings.HasSuffix(k, "ي") && r.isKnown(p) && !r.spoken[bare(k)] && !givenNames[bare(k)] && r.undefined[bare(k)]
}

// tanween reports a word printed with the tanween of the accusative
// («ساخراً»): an adverb or an object, never part of a name.
func (r *reader) tanween(p int) bool {
	return strings.ContainsRune(r.toks[p].Text, '\u064B')
}

// spokenNames fills r.spoken: the word right after a speech verb (not a
// participle), or after «أما», when it is no function, form of address,
// closed word, given name or common noun with a proclitic — with a name
// particle, the word after it («بن عمارة», «أبو صعب»). The article
// itself so tells where a name it printed whole ends (nameEndAhead).
func (r *reader) spokenNames() {
	r.spoken = map[string]bool{}
	for v := 0; v+1 < len(r.toks); v++ {
		k := r.key(v)
		if honorifics[k] != "" && !placeNouns[k] && r.narr[v] && r.joined(v+1) && (v == 0 || !r.joined(v) || !givenNames[r.key(v-1)] && !nameParticles[r.key(v-1)] && !r.unknown(v-1)) {
			// «ألقى المطران صليبا عظة»: a word alone after a form of
			// address is a family name too («دولة», also a state, is
			// seldom one: «كلمة دولة الكويت»).
			if w := r.key(v + 1); !closedWord(w) && !givenNames[w] && honorifics[w] == "" && !articleWithClitic(w) && len([]rune(w)) >= 3 &&
				!strings.HasPrefix(w, "ل") && !strings.HasPrefix(w, "ب") && (!strings.HasSuffix(w, "ه") || r.endsAName(w)) && !pronounSuffixed(w) &&
				func() bool { h, _ := headOf(w); return h == "" }() && !(v+2 < len(r.toks) && r.joined(v+2) && (givenNames[r.key(v+2)] || nameParticles[r.key(v+2)])) {
				r.spoken[bare(w)] = true
			}
		}
		f, verb := isSpeechVerb(k)
		if !(verb && !f.participle || k == "اما" || k == "واما") || !r.narr[v] || !r.joined(v+1) {
			continue
		}
		n := v + 1
		if strings.TrimPrefix(k, "و") == "عقب" && definite(r.key(n)) {
			continue // «وعقب الصلاة،»: «after», not «commented»
		}
		if nameParticles[r.key(n)] && n+1 < len(r.toks) && r.joined(n+1) {
			n++ // «وأوضح أبي نادر»: the word after the particle, a given name or not
		}
		w := r.key(n)
		if h, _ := headOf(w); h != "" || closedWord(w) || givenNames[w] && n == v+1 || articleWithClitic(w) || len([]rune(w)) < 3 {
			continue
		}
		if n+1 < len(r.toks) && r.joined(n+1) && !closedWord(r.key(n+1)) && !prepositions[r.key(n+1)] && !(accusative(r.key(n+1)) && personShape(strings.TrimSuffix(r.key(n+1), "ا")) && (r.lex != nil && r.isKnown(n+1) || r.lex == nil && definite(w))) {
			continue // «وقال الخطيب الجمعة»: not a word alone («واستطرد البدر ضاحكا» is: a state after it)
		}
		r.spoken[bare(w)] = true
	}
	r.labels()
}

// endsAName reports a word in «ة» the article also prints right after a
// given name («الكاردينال إلياس بطرس نعمة» beside «البطريرك نعمة»): after
// a form of address, a family name («نعمة», «طعمة») rather than the
// common noun.
// The words are gathered once per article, when first asked.
func (r *reader) endsAName(w string) bool {
	if r.nameEnds == nil {
		r.nameEnds = map[string]bool{}
		for j := 1; j < len(r.toks); j++ {
			if r.joined(j) && givenNames[r.key(j-1)] && r.narr[j] {
				r.nameEnds[r.key(j)] = true
			}
		}
	}
	return r.nameEnds[w]
}

// labels adds to r.spoken the speaker labels of a transcribed exchange: a
// paragraph opened by one to three words and a colon before a quotation
// («أبي خليل: «البراد تعطّل…»») names its speaker as the article calls
// them — the last word, when it is no function, closed word or lone given
// name.
func (r *reader) labels() {
	for v := 1; v < len(r.toks); v++ {
		if !r.narr[v] || !r.lineBreak(v) {
			continue
		}
		e := v + 1
		for e < len(r.toks) && e-v < 3 && r.joined(e) {
			e++
		}
		if e >= len(r.toks) || r.toks[e].Quote < 0 || r.narr[e] || !strings.ContainsRune(string(r.runes[r.toks[e-1].End:r.toks[e].Start]), ':') {
			continue
		}
		verb := false
		for p := v; p < e; p++ {
			_, sv := isSpeechVerb(r.key(p))
			verb = verb || sv || r.perfectVerb(p) || r.imperfect(p)
		}
		w := r.key(e - 1)
		if h, _ := headOf(w); verb || h != "" || closedWord(w) || givenNames[w] && e == v+1 || len([]rune(w)) < 3 ||
			accusative(w) || r.manner(e-1) || r.tanween(e-1) || r.cliticWord(e-1) {
			continue // «ويقول خلفان ضاحكا:»: a clause, no label
		}
		r.spoken[bare(w)] = true
	}
}

// nameEndAhead is how many words from toks[n] (one to three, joined, none
// a closed word, function, form of address or word joined by «و») go on
// the name started at toks[j] to a family name the article itself vouches
// for: one it sets alone as a speaker (spoken) — «لينا سمير الخطيب
// التقرير» where it later writes «وقالت الخطيب» — or the whole name
// printed again and ended there by punctuation or a preposition («برئاسة
// النائب سليم نقولا طعمة،», «وقال النائب سليم نقولا طعمة بعد»); 0 when
// neither.
func (r *reader) nameEndAhead(j, n, hi int) int {
	for p := n; p < hi && p-n < 3 && r.joined(p); p++ {
		k := r.key(p)
		if h, _ := headOf(k); h != "" || closedWord(k) || r.conjunct(p) || articleWithClitic(k) || prepositions[k] {
			return 0
		}
		if r.spoken[bare(k)] || r.printedAgain(j, p+1) || p == n && r.pairedElsewhere(j, p) || p == n && givenNames[r.key(n-1)] && r.families[bare(k)] && !definite(k) {
			return p - n + 1
		}
	}
	return 0
}

// pairedElsewhere reports the word toks[p] printed elsewhere right after
// the given name toks[j] and there ending the phrase («سليم عيسى نصور
// بمناسبة» where the article also writes «لم يكن سليم نصور شاعرا»): the
// family name, whatever the lexicon makes of it («نصور», «we portray»).
func (r *reader) pairedElsewhere(j, p int) bool {
	if !givenNames[r.key(j)] || p <= j+1 {
		return false
	}
	for s := 0; s+1 < len(r.toks); s++ {
		if s != j && r.keys[s] == r.keys[j] && r.keys[s+1] == r.keys[p] && r.joined(s+1) {
			return true
		}
	}
	return false
}

// printedAgain reports whether the narration prints the words of
// toks[j:e] (two or more) again elsewhere, and somewhere ends them with
// punctuation or a preposition, so that they are a name's whole.
func (r *reader) printedAgain(j, e int) bool {
	if e-j < 2 {
		return false
	}
	again, ended := false, false
	for s := 0; s+e-j <= len(r.toks); s++ {
		match := true
		for i := j; i < e && match; i++ {
			match = r.narr[s+i-j] && r.keys[s+i-j] == r.keys[i] && (i == j || r.joined(s+i-j))
		}
		if !match {
			continue
		}
		if s != j {
			again = true
		}
		end := s + e - j
		ended = ended || end >= len(r.toks) || !r.joined(end) || prepositions[r.key(end)]
	}
	return again && ended
}

func (r *reader) key(j int) string { return r.keys[j] }

// gapBefore is the punctuation between toks[j-1] and toks[j] (gaps).
func (r *reader) gapBefore(j int) gap {
	if j <= 0 || j >= len(r.toks) {
		return gapStop
	}
	return r.gaps[j]
}

// findGaps fills r.gaps: the punctuation between each token and the one
// before; only what lies outside a quotation counts («الأزمة.»، يقول» has a
// comma, not a stop).
func (r *reader) findGaps() {
	r.gaps = make([]gap, len(r.toks))
	r.hyphen = make([]bool, len(r.toks))
	for j := range r.toks {
		if j == 0 {
			r.gaps[j] = gapStop
			continue
		}
		from, to := r.toks[j-1].End, r.toks[j].Start
		if q := r.toks[j-1].Quote; q >= 0 && r.toks[j].Quote != q {
			from = max(from, r.spans[q][1]) // after the closing mark
		}
		if q := r.toks[j].Quote; q >= 0 && r.toks[j-1].Quote != q {
			to = min(to, r.spans[q][0]) // before the opening mark
		}
		g := gapNone
		if r.toks[j].Quote != r.toks[j-1].Quote {
			g = gapQuote
		}
		for _, c := range r.runes[from:max(from, to)] {
			switch c {
			case '.', '؟', '?', '!', '\n', '…':
				g = gapStop
			case ':':
				g = max(g, gapColon)
			case '«', '»', '“', '”', '"':
				g = max(g, gapQuote)
			case '(', ')', '[', ']', '–', '—', '-', '/', '|':
				g = max(g, gapParen)
			case '،', ',', '؛', ';':
				g = max(g, gapComma)
			}
		}
		if g == gapStop && r.toks[j].Quote >= 0 && r.toks[j-1].Quote != r.toks[j].Quote && colonLine(r.runes[from:max(from, to)]) {
			// «وزير المالية الكويتي:⏎«…»», «وقال الوزير:⏎“…”»: a colon
			// ending its line before a quotation is the colon of a clause
			// or a label, as on one line.
			g = gapQuote
		}
		if g == gapParen && r.hyphenated(from, to) {
			g, r.hyphen[j] = gapNone, true
		}
		if g == gapStop && to-from == 1 && r.runes[from] == '.' && r.toks[j].Quote == r.toks[j-1].Quote && (r.latinWord(j) || r.domain(j)) {
			g = gapNone // «للعربية.نت», «hespress.com»: a site's name, no sentence's end
		}
		if g == gapStop && strings.TrimSpace(string(r.runes[from:max(from, to)])) == "." && honorifics[r.key(j-1)] != "" && len([]rune(r.key(j-1))) == 1 {
			g = gapNone // «د. فلان», «ذ. فلان»: a form of address abbreviated, no sentence's end
		}
		r.gaps[j] = g
	}
}

// domains are the endings of sites' names after a bare dot («العربية.نت»).
var domains = keySet("نت كوم اورج اون")

// domain reports toks[j] as the ending of a site's name after a dot.
func (r *reader) domain(j int) bool { return domains[r.key(j)] }

// colonLine reports the text between two tokens as a colon with only
// spaces, line breaks and an opening mark about it.
func colonLine(rs []rune) bool {
	colon := false
	for _, c := range rs {
		switch {
		case c == ':':
			colon = true
		case unicode.IsSpace(c) || c == '«' || c == '“' || c == '"':
		default:
			return false
		}
	}
	return colon
}

// prepOff is key without a proclitic «بـ» or «لـ» («بمستشفي» → «مستشفي»).
func prepOff(key string) string {
	for _, p := range []string{"ب", "ل"} {
		if rest, ok := strings.CutPrefix(key, p); ok && len([]rune(rest)) >= 3 {
			return rest
		}
	}
	return key
}

// inQuestion reports the sentence of toks[j] as a question: it ends with
// «؟» or «?».
func (r *reader) inQuestion(j int) bool {
	t := j + 1
	for t < len(r.toks) && r.gapBefore(t) != gapStop {
		t++
	}
	end := len(r.runes)
	if t < len(r.toks) {
		end = r.toks[t].Start
	}
	for _, c := range r.runes[r.toks[t-1].End:end] {
		if c == '؟' || c == '?' {
			return true
		}
	}
	return false
}

// latinWord reports toks[j] as a word in Latin letters («hespress.com»).
func (r *reader) latinWord(j int) bool {
	for _, c := range r.toks[j].Text {
		if c < 'A' || c > 'z' {
			return false
		}
	}
	return true
}

// hyphenated reports a bare hyphen at runes[from:to] between two letters
// («جاي-وون»): the two tokens are one word.
func (r *reader) hyphenated(from, to int) bool {
	return to == from+1 && (r.runes[from] == '-' || r.runes[from] == '‐') &&
		from > 0 && to < len(r.runes) && unicode.IsLetter(r.runes[from-1]) && (unicode.IsLetter(r.runes[to]) || unicode.IsDigit(r.runes[to])) // «مرصاد-1»: a model's number
}

// headline reports whether toks[j] stands on a line with no sentence end
// («.», «؟», «!»): a headline, a dateline or a byline, whose words run on
// with no punctuation to end a phrase.
func (r *reader) headline(j int) bool {
	lo, hi := r.toks[j].Start, r.toks[j].End
	for lo > 0 && r.runes[lo-1] != '\n' {
		lo--
	}
	for hi < len(r.runes) && r.runes[hi] != '\n' {
		hi++
	}
	// («… يبكي جمهور افتتاح القاهرة السينمائي.. ووزير الثقافة يعلن …»:
	// two dots are the headline's ellipsis, no sentence's end.)
	line := r.runes[lo:hi]
	for i, c := range line {
		dots := c == '.' && (i > 0 && line[i-1] == '.' || i+1 < len(line) && line[i+1] == '.')
		if c == '.' && !dots || c == '؟' || c == '?' || c == '!' {
			return false
		}
	}
	return true
}

// aside is the token after a short aside in brackets opening at toks[p]
// («(الفاو)», «(أوتشا)»: one or two words), p when none opens there.
func (r *reader) aside(p int) int {
	if p <= 0 || p >= len(r.toks) || !r.narr[p] || r.gapBefore(p) != gapParen {
		return p
	}
	for q := p + 1; q < len(r.toks) && q-p <= 2; q++ {
		if r.gapBefore(q) == gapParen && r.narr[q] {
			return q
		}
		if !r.joined(q) {
			break
		}
	}
	return p
}

// afterAmma reports toks[j] right after «أما» in its run from toks[lo].
func (r *reader) afterAmma(j, lo int) bool {
	return j > lo && r.joined(j) && (r.key(j-1) == "اما" || r.key(j-1) == "واما")
}

// imperfectShaped reports a word of four letters or more in «يـ» or «تـ»
// that is no given name: an imperfect verb by its shape alone, what the
// model reads without the lexicon.
func imperfectShaped(k string) bool {
	return len([]rune(k)) >= 4 && (strings.HasPrefix(k, "ي") || strings.HasPrefix(k, "ت")) && !givenNames[k]
}

// lineBreak reports a line break between toks[j-1] and toks[j]: a new
// line or paragraph.
func (r *reader) lineBreak(j int) bool {
	return strings.ContainsRune(string(r.runes[r.toks[j-1].End:r.toks[j].Start]), '\n')
}

// joined reports whether toks[j] goes on the phrase of toks[j-1]: both
// narration, nothing but space between.
func (r *reader) joined(j int) bool {
	return j > 0 && j < len(r.toks) && r.narr[j] && r.narr[j-1] && r.gapBefore(j) == gapNone
}

// isKnown reports whether the lexicon knows toks[j] as a word (in any
// spelling of its hamza and ending: IsWord). Without a lexicon every word
// is taken for a common one: names are then read from given names,
// particles, family names in «ـي» and commas only — fewer, never more.
func (r *reader) isKnown(j int) bool { return r.knownText(r.toks[j].Text) }

// knownText reports a word the lexicon knows (true without one).
func (r *reader) knownText(text string) bool {
	if r.lex == nil {
		return true
	}
	w := plain(text)
	v, ok := r.known[w]
	if !ok {
		v = IsWord(r.lex, w)
		r.known[w] = v
	}
	return v
}

// unknown reports a word of letters the lexicon does not know: a proper
// name («ضاهر», «بوطيب», «أزيفيدو»). Words whose shape makes them common
// — a function word, an accusative, a clitic before «ال», a single letter —
// are not looked up.
func (r *reader) unknown(j int) bool {
	if k := r.key(j); closedWord(k) || r.accusativeAt(j) || r.cliticArticle(j) || len([]rune(k)) < 2 {
		return false // with the lexicon a word in «ـا» it does not know is a name («موبا»)
	}
	for _, c := range r.toks[j].Text {
		if !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) && c != 'ـ' {
			return false
		}
	}
	return !r.isKnown(j)
}

// prepOnWord reports toks[j] as «لـ» or «بـ» on a noun of a place or a
// body («لولاية», «لمدينة», «بمديرية»), which the lexicon may lack whole:
// no name, though «بوزيد» and «بلعيد» are.
func (r *reader) prepOnWord(j int) bool {
	k := r.key(j)
	rest := prepOff(k)
	return rest != k && (placeNouns[rest] || institutions[rest])
}

// plain is w without tashkeel and tatweel, as the lexicon spells it.
func plain(w string) string {
	return strings.Map(func(c rune) rune {
		if c == 'ـ' || unicode.Is(unicode.Mn, c) {
			return -1
		}
		return c
	}, w)
}

// bare is key without the article «ال».
func bare(key string) string {
	if r, ok := strings.CutPrefix(key, "ال"); ok && len([]rune(r)) >= 2 {
		return r
	}
	return key
}

func definite(key string) bool { return strings.HasPrefix(key, "ال") && len([]rune(key)) > 3 }

// definiteAt reports a word that opens with the article as printed: the
// key folds «أ» and «إ» into «ا», but the article is never written with a
// hamza, so «ألفة», «ألبير» and «إلهام» are not definite however their
// keys look.
func (r *reader) definiteAt(j int) bool {
	if !definite(r.key(j)) {
		return false
	}
	w := plain(r.toks[j].Text)
	return !strings.HasPrefix(w, "أل") && !strings.HasPrefix(w, "إل")
}

// headOf is the function a key names, masculine and without «ال»
// («الوزيرة» → «وزير»), and whether the form is feminine; "" for none.
func headOf(key string) (head string, fem bool) {
	k := bare(key)
	if r, ok := strings.CutPrefix(k, "نظير"); ok && len([]rune(r)) <= 3 {
		return "نظير", strings.HasPrefix(r, "ت") // «نظيره», «نظيرتها»
	}
	if k == keyMukhtar && strings.HasPrefix(key, "ال") {
		return "", false // «محمد المختار ولد اباه»: a name's word; the headman is «مختار القرية»
	}
	if k == keyWali && strings.HasPrefix(key, "ال") {
		return "", false // «ولي العهد» is a function, «الولي» a saint or a guardian
	}
	if titleHeads[k] {
		return k, false
	}
	if k2, ok := strings.CutSuffix(k, "ه"); ok && titleHeads[k2] && k2 != keyFounder {
		return k2, true // (not «المؤسسة», an institution far more often than a founder)
	}
	if k2, ok := strings.CutSuffix(k, "ها"); ok && titleHeads[k2] && !strings.HasPrefix(key, "ال") {
		return k2, false // «رئيسها»: its head, whose complement is the pronoun's noun (learn)
	}
	return "", false
}

// pluralHead reports a dual or plural of a function («الوزيران»,
// «المستشارين», «النائبان»).
func pluralHead(key string) bool {
	k := bare(key)
	for _, s := range []string{"ان", "ين", "ون", "تان", "تين", "ات"} {
		if r, ok := strings.CutSuffix(k, s); ok && (titleHeads[r] || titleHeads[strings.TrimSuffix(r, "ه")]) {
			return true
		}
	}
	return false
}

// nisba reports a key shaped like a relative adjective or family name in
// «ـي», «ـية» («العراقي», «الوطنية», «الرشيدي»).
func nisba(key string) bool {
	k := bare(key)
	return len([]rune(k)) >= 3 && (strings.HasSuffix(k, "ي") || strings.HasSuffix(k, "يه"))
}

// accusative reports an indefinite accusative in «ـا» («مؤتمرا»,
// «صحفيا», «مجددا»): an object or an adverb, never part of a name. A
// definite word is no indefinite accusative («البنا», «العليا», «بالمنيا»).
func accusative(key string) bool {
	return len([]rune(key)) >= 4 && strings.HasSuffix(key, "ا") && !givenNames[key] && !placesInA[bare(key)] && !definite(key) && !articleWithClitic(key)
}

// placesInA are countries, regions and cities whose names end in «ا» like
// an indefinite accusative («في مملكة بلجيكا», «مدرب رومانيا»): the names
// of the states of the world and the capitals Arabic news writes so, a
// closed class.
var placesInA = keySet("أمريكا أميركا كندا فرنسا ألمانيا إسبانيا إيطاليا بريطانيا روسيا بلجيكا هولندا سويسرا النمسا " +
	"رومانيا بولندا أوكرانيا تركيا سوريا ليبيا موريتانيا إفريقيا أفريقيا آسيا أوروبا أستراليا كوريا ماليزيا " +
	"إندونيسيا إثيوبيا كينيا نيجيريا غانا أوغندا تنزانيا زامبيا ناميبيا إريتريا أرمينيا جورجيا منغوليا " +
	"كمبوديا كولومبيا فنزويلا بوليفيا نيكاراغوا ألبانيا كرواتيا صربيا سلوفاكيا سلوفينيا بلغاريا ليتوانيا " +
	"لاتفيا إستونيا كوسوفا مقدونيا روما فيينا أثينا صوفيا جاكرتا أنقرة كسلا أوسلو " +
	// the Arab countries' cities in «ا» (set 78: «رئيس لائحة قرار صيدا»)
	"صيدا حيفا يافا عكا أريحا طنطا قنا بنها سبها")

// closedWord reports a word of a closed class that never goes on a name
// or a title: a speech verb, a function word, a source, the speech, a form
// of address.
func closedWord(k string) bool {
	if _, ok := isSpeechVerb(k); ok {
		return true
	}
	return stopWords[k] || sourceNouns[k] || speechNouns[k] || speechPronouns[k] || sameAfter[k] ||
		presiding[k] || pronounHonorifics[k] != "" || honorifics[k] != "" || prepPronouns[k] || kinPossessed[k]
}

// conjunct reports a word joined by «و» that is another word, not a name
// going on («وعدد», «وممثلي», «ووزير», «وأيمن»): it ends a name or title.
func (r *reader) conjunct(j int) bool {
	k := r.key(j)
	rest, ok := strings.CutPrefix(k, "و")
	if !ok || len([]rune(rest)) < 2 || givenNames[k] || nameParticles[k] || r.hyphen[j] {
		return false // «وليد», «ولد», «جاي-وون»
	}
	if h, _ := headOf(k); h != "" {
		return false // «وزير», «وكيل»
	}
	if conjunctOf(rest) {
		return true
	}
	if r.lex == nil {
		return true
	}
	text := []rune(plain(r.toks[j].Text))
	return len(text) > 2 && IsWord(r.lex, string(text[1:]))
}

// conjunctOf reports a word after «و» that starts a phrase of its own: a
// function, a given name, a form of address, a function word.
func conjunctOf(rest string) bool {
	h, _ := headOf(rest)
	return h != "" || givenNames[rest] || honorifics[rest] != "" || stopWords[rest] || nameParticles[rest]
}

// context is what comes before a possible name.
type context int

const (
	ctxNone    context = iota // anywhere in the narration
	ctxAddress                // after a form of address or a function: a name is expected
	ctxAppos                  // set off by commas after a function («النائب …، أكلي مزيان،»)
	ctxSubject                // right after a speech verb
	ctxHonor                  // right after a form of address: whatever word follows starts the name
)

// nameStart reports whether a name starts at toks[j]: a given name or a
// particle («عبد», «أبو», «بن»); after a form of address, a function or a
// speech verb also a word the lexicon does not know, the surname of someone
// named, or a known word followed by a name word («آمال المرزوقي»);
// elsewhere only a given name or a particle.
func (r *reader) nameStart(j, hi int, key string, ctx context) bool {
	if crowds[bare(key)] && (!givenNames[key] || j+1 < hi && r.joined(j+1) && definite(r.key(j+1)) && !nisba(r.key(j+1))) {
		return false // «وطالبت أسر الضحايا»: many, no person («أسر» is a given name too)
	}
	if kinOf[strings.TrimLeft(key, "و")] {
		return false // «ويحكي ابنها كريم أحمد سليمان»: her son, then his name
	}
	if key == "ام" && r.gapBefore(j) == gapComma && r.inQuestion(j) {
		return false // «من يعيد الخرطوم؟ الحكومة بمؤتمراتها، أم آمنة بكانونها؟»: «or», no kunya
	}
	if key == keyKhalifa && j+1 < hi && r.joined(j+1) && sufiOrders[bare(r.key(j+1))] {
		return false // «خليفة الطريقة الشيخ عوض الكريم»: the head of a Sufi order, not the given name «خليفة»
	}
	if r.verbName(j, hi, key, ctx) || r.sittName(j, hi) {
		return true // («ست النفر عبد الله الأمين», «أمة الرحمن سالم …»)
	}
	if ctx >= ctxAddress && (stopWords[key] || closedWord(key)) && (givenNames[key] || plain(r.toks[j].Text) == "بان") && j+1 < hi && r.joined(j+1) &&
		(givenNames[r.key(j+1)] || nameParticles[r.key(j+1)]) {
		// «اللواء صباح عبد الأمير»: a given name that is also a word of
		// time; «العقيد تامر رفعت …»: one spelt like a verb («تأمر»);
		// «الدكتورة بان كاظم»: Iraq's «بان» (a willow), whose key is
		// «بأن»'s — printed without the hamza, a name.
		return true
	}
	if r.addressee(j) {
		return false // «يقول لنا وليد»: whom he tells
	}
	if definite(key) && strings.HasSuffix(key, "ي") && !givenNames[key] && r.feminineElsewhere(key) {
		// «قال اللواء السعودي» where the article writes «السعودية»: a
		// nationality, the adjective of the rank, no family name.
		return false
	}
	if rs := []rune(key); len(rs) == 4 && !givenNames[key] && j+1 < hi && r.joined(j+1) && givenNames[r.key(j+1)] &&
		(rs[0] == 'ت' && femaleNames[r.key(j+1)] || rs[0] == 'ي' && !femaleNames[r.key(j+1)]) {
		return false // «تعرض نورة بنت سعد …»: a verb whose subject's name follows, agreeing with it
	}
	if w := plain(r.toks[j].Text); givenNames[key] && !femaleNames[key] && j+1 < hi && r.joined(j+1) && femaleNames[r.key(j+1)] &&
		strings.HasSuffix(w, "ت") && len([]rune(w)) >= 4 && (r.lex == nil || IsWord(r.lex, strings.TrimSuffix(w, "ت"))) {
		// «رفعت عيشة ولت محمد يدها»: a man's name spelt like a verb
		// in «ـت» before a woman's — a name goes on with the father's —
		// is the verb, her name its subject.
		return false
	}
	if rest, ok := strings.CutPrefix(key, "و"); ok && r.lex == nil && ctx == ctxAppos && !givenNames[key] && len([]rune(rest)) >= 3 &&
		(strings.HasPrefix(rest, "ي") || strings.HasPrefix(rest, "ت")) {
		return false // without the lexicon, «، ويسمع فيه …» after a function: «and» and a verb, not its holder
	}
	if givenNames[key] && !r.surnames[bare(key)] && j+1 < hi && r.joined(j+1) && r.possessed(j+1) {
		return false // «رفيق دربه الشاعر …», «أمين سرّه»: a noun and its genitive, no given name
	}
	if rest, ok := strings.CutPrefix(key, "ب"); ok && (institutions[bare(rest)] || courts[bare(rest)] || placeNouns[bare(rest)] || eponymNouns[bare(rest)]) {
		return false // «بمحكمة سيدي امحمد»: «at» a court, a place
	}
	if (strings.HasPrefix(key, "ب") || strings.HasPrefix(key, "ل")) && !givenNames[key] && j+1 < hi && r.joined(j+1) &&
		definite(r.key(j+1)) && strings.HasSuffix(r.key(j+1), "يه") && nisba(r.key(j+1)) && (j+2 >= hi || !r.joined(j+2)) {
		return false // «بنواكشوط الشمالية»: «in» a city and its part, a feminine nisba no name takes
	}
	if eponymNouns[bare(key)] && j+1 < hi && r.joined(j+1) && definite(r.key(j+1)) && !givenNames[key] {
		return false // «بكلية طب قصر العيني»: a palace, a house, a school the place is named for, no person
	}
	if w := plain(r.toks[j].Text); strings.HasSuffix(w, "ات") && len([]rune(w)) >= 6 && !definite(key) && !givenNames[key] && (r.lex == nil || r.isKnown(j)) && j+1 < hi && r.joined(j+1) {
		return false // «زار برفقة نظيره اليمني مستودعات برنامج الأغذية»: a plural in construct, the verb's object
	}
	if ctx >= ctxAddress && r.circumstantial(j, hi) {
		return false // «ترد الحاجة ضاحكة وهي …»: the form of address alone, then how she said it
	}
	if key == "ذات" || key == "ذو" {
		return false // «المهندسة ذات الأربعة والعشرين عاما»: «having», no name
	}
	if key == "اسم" || r.formVIII(j) {
		return false // «أُعلن اسم ياسين الدريدي»: «the name of»; «الفريق اعتمد على …»: a verb
	}
	if r.closed(j) || pluralHead(key) || r.cliticArticle(j) || pronounSuffixed(key) || motionVerbs[key] || tribes[key] && key != keyAal ||
		len([]rune(key)) < 2 || strings.HasPrefix(key, "بب") {
		// «بالبيئة بالبلدية»: common nouns with a proclitic; «خطبته»,
		// «لتهدئتها»; «ب.» an initial; «ببراءة موكله», «بـ» on a word in «ب».
		return false
	}
	if h, _ := headOf(key); h != "" && !r.headAsName(j, hi, key) {
		return false
	}
	if rest, ok := strings.CutPrefix(key, "و"); ok {
		if h, _ := headOf(rest); h != "" {
			return false // «ورئيسة قسم …»: a second function
		}
	}
	next := j+1 < hi && r.joined(j+1)
	if r.saintPlace(j) || j > 0 && r.joined(j) && r.saintPlace(j-1) || r.latin(j) {
		return false
	}
	if (strings.HasPrefix(key, "ب") || strings.HasPrefix(key, "ل")) && len([]rune(key)) >= 4 && !givenNames[key] && !nameParticles[key] &&
		!belNames[key] && !rankQualifiers[key] && next && (givenNames[r.key(j+1)] && mentionStarts[r.key(j+1)] ||
		j+2 < hi && r.joined(j+2) && !givenNames[r.key(j+1)] && givenNames[r.key(j+2)] && mentionStarts[r.key(j+2)] &&
			(r.lex != nil && r.isKnown(j) || j+3 < hi && r.joined(j+3) && nameParticles[r.key(j+3)])) {
		// «رئيسة جمعية المرأة العمانية بصور عائشة بنت سالم», «… بنادي
		// عجمان سالم بن حميد»: a place, then the name (placeBefore)
		return false
	}
	if definite(key) && nisba(key) && !givenNames[key] && next && givenNames[r.key(j+1)] {
		return false // «المهاجم الإيفواري يوسفو كوناتي»: a nationality, then the name
	}
	if definite(key) && strings.HasSuffix(key, "يه") && !givenNames[key] && !r.families[bare(key)] && !r.spoken[bare(key)] {
		// «لألعاب القوى البارالمبية»: a feminine nisba, an adjective —
		// unless the article prints it as a woman's family name
		// («منى بنت سعيد الهنائية», then «وقالت الهنائية»).
		return false
	}
	switch {
	case key == "علي" && strings.HasSuffix(r.toks[j].Text, "ى"):
		return false // the preposition «على»
	case next && j+2 < hi && r.joined(j+2) && r.key(j+1) == keyAllah && givenNames[r.key(j+2)] && !givenNames[key] && !definite(key) && !accusative(key) &&
		len([]rune(key)) >= 3 && !r.cliticWord(j) && !pronounSuffixed(key):
		// «ويقول عطا الله سالم الزوايدة»: a compound given name of a
		// word and the name of God, then the father's name.
		return true
	case namePrefixes[key] && next && (givenNames[r.key(j+1)] || patronyms[r.key(j+1)] && j+2 < hi && r.joined(j+2)):
		return true // «سيد أحمد ولد …», «سيدي محمد», «سيدي ولد اعبيد»
	case (key == "ابن" || key == "ابنه") && next && (placeNouns[bare(r.key(j+1))] || eponymNouns[bare(r.key(j+1))] || r.placeElsewhere(j+1)):
		// «ابن حي الملاح», «ابنة المدينة», «ابن كيهيدي» where the article
		// writes «مدينة كيهيدي»: a description, not a name.
		return false
	case (key == keyWad || nameParticles[key] || key == keyBani) && next && r.wadName(j):
		return true // «وصعد ود الفكي» after «عثمان ود الفكي»: the family name with Sudan's «son of»
	case key == keyAbd && next && definite(r.key(j+1)) && !stopWords[r.key(j+1)] && !r.cliticWord(j+1):
		return true // «عبد الأمير», «عبد الحسين»: «عبد» takes a name of God or an epithet, whatever else it is
	case nameParticles[key]:
		// «أبو عمر», «ولد الشيخ», not «أم لستة أطفال», «أم لأربعة أبناء»
		return next && r.familyWord(j+1) && !accusative(r.key(j+1)) && !r.cliticWord(j+1) && !counted(r.key(j+1))
	case key == "باسم" && next && (kunyaOf(r.key(j+1)) != "" || filial[r.key(j+1)] || femaleNames[r.key(j+1)] || nursery[r.key(j+1)] || j > 0 && selves[r.key(j-1)]) ||
		key == "اما" || key == "واما":
		// («عرّفت نفسها باسم خديجة»: a woman's name after it, no man's
		// father's; «أما إبراهيم»: the particle.)
		return false // «يعرفونه باسم أبو ياسر», «حساب باسم بنت_عرعرة»: «by the name», the name its own mention
	case key == "باسم" && next && (ctx == ctxNone || ctx == ctxSubject) && (definite(r.key(j+1)) ||
		r.isKnown(j+1) && !givenNames[r.key(j+1)] && !commonWordNames[r.key(j+1)] && !fakerNames[r.key(j+1)] && !nameParticles[r.key(j+1)] &&
			r.key(j+1) != keyAbd && j+2 < hi && r.joined(j+2) && definite(r.key(j+2)) && !nisba(r.key(j+2)) &&
			(r.lex != nil || strings.HasSuffix(r.key(j+1), "ه"))):
		// «تحدث باسم المجموعة الأولى», «وردّ باسم عشيرة البشابشة»: «in
		// the name of» a body, not the name «باسم» (after a function,
		// «الناطق باسم الشركة باسم العلي», a name).
		return false
	case definite(key) && bare(key) == keyArabi && j > 0 && r.joined(j) && definite(r.key(j-1)) && (!next || prepositions[r.key(j+1)] || closedWord(r.key(j+1))):
		// «مديرة المحتوى العربي في المنصة ريم …»: the adjective of the
		// noun before it, not «العربي» the given name, when no name goes on.
		return false
	case bare(key) == keyArabi && next && arabNations[bare(r.key(j+1))]:
		// «الهلال الأحمر العربي السوري», «الجيش العربي السوري»: «Arab»
		// and a state's adjective, not «العربي» the given name.
		return false
	case agentNames[key] && next && definite(r.key(j+1)) && !nameCompounds[r.key(j+1)] && !givenNames[r.key(j+1)] && !nisba(r.key(j+1)) &&
		j+2 < hi && r.joined(j+2) && (givenNames[r.key(j+2)] || r.key(j+2) == keyAbd || r.key(j+2) == keyAbu):
		// «رائدة الأعمال نوف …», «قائد الفريق سالم …», «حارس المرمى
		// علي …»: a given name that is also an agent noun, heading a
		// construct, before the name — the function, not the name.
		return false
	case givenNames[key] && next && (r.key(j+1) == "درب" || r.key(j+1) == keySeals):
		// «رفيق درب الراحل»: a companion on the road, not «رفيق»;
		// «وزير العدل حافظ الأختام»: Algeria's title, not «حافظ».
		return false
	case givenNames[key]:
		// «ويملك محمود نعسان، الذي …»: a given name and the family name
		// a comma ends, whatever the lexicon makes of it.
		setOff := j+2 < len(r.toks) && r.gapBefore(j+2) >= gapComma && r.gapBefore(j+2) != gapQuote
		inner := next && (r.key(j+1) == keySayyid || r.key(j+1) == keyHajj) && j+2 < hi && r.joined(j+2) && r.familyWord(j+2) // «محمد السيد عبد العال»
		return next && (r.nameWord(j+1, 1, true) || r.bridge(j+1, hi) || setOff && (r.familyName(j+1, hi) == 1 || r.headFamily(j+1)) || inner) || ctx != ctxNone
	case ctx == ctxNone:
		return false
	case ctx == ctxHonor && !r.definiteAt(j) && !r.cliticWord(j) && next && nameParticles[r.key(j+1)] && !r.conjunct(j+1):
		return true // «المهندسة رولا أبو حمدة»: after a form of address, a word a particle follows, whatever its shape
	case ctx == ctxHonor && definite(key) && strings.HasSuffix(key, "ي") &&
		(r.lex != nil && r.unknown(j) || givenNames[strings.TrimSuffix(bare(key), "ي")]):
		// «سألنا الدكتورة الإدريسي»: a nisba of a given name or one the
		// lexicon does not know is a family name, not an adjective
		// («المستشار القانوني»).
		return true
	case ctx == ctxHonor && r.lex == nil && strings.HasSuffix(plain(r.toks[j].Text), "ة") && !r.surnames[bare(key)] && !r.families[bare(key)] && !r.endsAName(key) &&
		(!next || !givenNames[r.key(j+1)] && !nameParticles[r.key(j+1)]):
		// Without the lexicon, «ألقى البطريرك عظة بعنوان …», «ألقى المطران
		// كلمة»: a word in «ة» alone after a form of address, which the
		// article never prints after a given name, is a common noun — a
		// family name in «ة» («البطريرك نعمة») ends a name elsewhere.
		return false
	case r.surnames[bare(key)] || ctx >= ctxAddress && r.families[bare(key)] || ctx == ctxHonor && !strings.HasPrefix(plain(r.toks[j].Text), "ال") && !r.cliticWord(j) && !r.accusativeAt(j) ||
		(!accusative(key) || r.lex != nil && (next && r.unknown(j+1) || ctx >= ctxAddress)) && !r.cliticArticle(j) && r.unknown(j):
		// («كاترينا هولمبرغ»: two words the lexicon does not know, a
		// foreign name, whatever the shape of the first.)
		return true // after «الدكتورة» even «أليساندرا», whose key looks definite
	case ctx >= ctxAddress && ctx != ctxAppos && !r.definiteAt(j) && next && r.lex != nil && r.unknown(j+1) && !r.cliticWord(j) &&
		!closedWord(r.key(j+1)) && !startsWithDigit(r.toks[j+1].Text) && len([]rune(key)) >= 3:
		// «رئيسة المفوضية الأوروبية آنيكا فيسترهولم»: after a function,
		// a word that may look accusative and a word the lexicon does not
		// know — a foreign name.
		return true
	case ctx >= ctxAddress && next && r.spoken[bare(r.key(j+1))] && !definite(key) && !closedWord(key) && !definite(r.key(j+1)) && len([]rune(key)) >= 3:
		// «… في حالات الطوارئ كلاريسا مونتويا» where the article says
		// «تضيف مونتويا»: the word before the surname it vouches for,
		// whatever its shape, is the given name.
		return true
	case accusative(key) && !(ctx == ctxAppos && r.foreignInA(j, hi)) || r.definiteAt(j):
		return false
	case r.imperfect(j):
		// «يقف عبده قاسم المقبلي قرب …», «ويستعيد فؤاد …»: the verb before
		// the name; «عرّفت نفسها باسم خديجة»: «by the name», a woman's
		// name after it (a man's father's name would be a man's); «أما
		// إبراهيم»: the particle.
		return false
	case next && kunyas[r.key(j+1)] && r.isKnown(j) && ctx != ctxAddress && ctx != ctxHonor:
		return false // «بدا أبو عماد متعبا»: a kunya stands alone; the known word before it is the sentence's
	case next && !r.preposition(j+1) && (r.unknown(j+1) || nisba(r.key(j+1)) || givenNames[r.key(j+1)] ||
		nameParticles[r.key(j+1)] && !r.conjunct(j+1) || r.bridge(j+1, hi)):
		return true // «فراس عبد الرضا», «سرى كاظم الربيعي»
	case ctx == ctxAppos:
		// «، أكلي مزيان،»: what a comma sets off after a function is its holder.
		// Up to three words, or six with a given name among them
		// («، عوض الكريم محمد أحمد الطيب،»).
		// A definite common word before the given name («، عالمة المصريات
		// الألمانية كاترين …») is a description, not a name's start.
		n, given, described := j, false, false
		if r.imperfect(j) {
			return false // «، تقف خديجة آدم عيسى،»: the verb, then its subject
		}
		if r.situates(j) {
			return false // «… ببئر العاتر، جنوب ولاية تبسة،»: where the place lies
		}
		for n < hi && n-j < 6 && (n == j || r.joined(n)) && !closedWord(r.key(n)) && (!accusative(r.key(n)) || r.foreignInA(n, hi)) {
			if h, _ := headOf(r.key(n)); h != "" && !(given && givenNames[r.key(n)] && n+1 < len(r.toks) && r.gapBefore(n+1) == gapComma) || r.cliticArticle(n) {
				break // (a function's head that is a given name ends the name a comma closes: «، كاوه محمد أمين،»)
			}
			if r.lex == nil && n > j && (pronounSuffixed(r.key(n)) || strings.HasSuffix(plain(r.toks[n].Text), "ه") && !givenNames[r.key(j)]) && !givenNames[r.key(n)] {
				return false // «، مدرب الوداد، خيبة أمله،»: a noun and its pronoun, the verb's object
			}
			if givenNames[r.key(n)] {
				given = true
			} else if !given && r.definiteAt(n) && !nameCompounds[r.key(n)] && r.isKnown(n) {
				described = true
			}
			n++
		}
		return n > j && (n-j <= 3 || given && !described) && (n >= hi || r.gapBefore(n) == gapComma || r.gapBefore(n) == gapColon)
	}
	return false
}

// headFamily reports a function's bare head or a speech verb's shape
// right after a given name that a comma sets off («وقف محمود طالب، أبو
// خليل …»): a family name («طالب», «نائب», «قاضي» are ones), as a
// function after a name comes definite or with its complement, and a verb
// after its subject with its own («طالب بـ…»).
func (r *reader) headFamily(p int) bool {
	k := r.key(p)
	h, _ := headOf(k)
	_, verb := isSpeechVerb(k)
	if h != bare(k) && !verb || givenNames[k] || strings.HasPrefix(k, "و") || definite(k) || accusative(k) || p+1 >= len(r.toks) || r.gapBefore(p+1) != gapComma {
		return false
	}
	return !strings.ContainsFunc(r.toks[p].Text, func(c rune) bool { return !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) })
}

// placeElsewhere reports the word toks[p] printed elsewhere as a place:
// after a place noun («مدينة كيهيدي») or with «في», «من», «إلى» before it,
// or «بـ» on it («بسرت»); in a quotation, after «في» («تعلمنا في حلب»).
func (r *reader) placeElsewhere(p int) bool {
	k := r.key(p)
	for s := range r.toks {
		if s == p {
			continue
		}
		if !r.narr[s] {
			if s+1 < len(r.toks) && s+1 != p && r.keys[s+1] == k && r.gapBefore(s+1) == gapNone && r.keys[s] == "في" {
				return true // «تعلمنا في حلب»: a quotation too says where
			}
			continue
		}
		if r.keys[s] == "ب"+k {
			return true
		}
		if s+1 < len(r.toks) && s+1 != p && r.keys[s+1] == k && r.joined(s+1) {
			if b := bare(r.keys[s]); placeNouns[b] || settlements[b] || b == "في" || b == "من" || b == "الي" {
				return true
			}
		}
	}
	return false
}

// feminineElsewhere reports a nisba whose feminine the article prints as
// a word of its own («السعودية» beside «السعودي»): a place's or a
// nation's adjective.
func (r *reader) feminineElsewhere(key string) bool {
	return r.isPrinted(key + "ه")
}

// definiteCities are the Arab capitals and great cities named with «ال»
// («سفير رومانيا بالقاهرة», «مدير المكتب بالرياض»): after «بـ» in a
// function, where it is held.
var definiteCities = keySet("القاهرة الرباط الجزائر الخرطوم الرياض الدوحة الكويت المنامة القدس الإسكندرية الموصل البصرة الزرقاء العقبة الطائف الأحساء الدمام")

// nisbaPrinted reports a definite word whose nisba the article prints
// («الجزائر» beside «الجزائرية», «الرباط» beside «الرباطي»): a place's
// name («ممثلة منظمة اليونيسف بالجزائر»), not a common noun.
func (r *reader) nisbaPrinted(k string) bool {
	if !definite(k) || len([]rune(k)) < 5 || strings.HasSuffix(k, "ي") || strings.HasSuffix(k, "ه") {
		return false
	}
	return r.isPrinted(k+"ي") || r.isPrinted(k+"يه")
}

// isPrinted reports a key the article prints as a word of its own,
// gathered once per article (nameStart asks for every word).
func (r *reader) isPrinted(k string) bool {
	if r.printed == nil {
		r.printed = map[string]bool{}
		for _, k := range r.keys {
			r.printed[k] = true
		}
	}
	return r.printed[k]
}

// forGiven reports «لـ» on a given name of the hand list that a given
// name or a particle follows («بالنسبة لمحمد الهادي بن عمر»): «for» and a
// name, not a word of its own.
func (r *reader) forGiven(j, hi int) bool {
	k := r.key(j)
	rest, ok := strings.CutPrefix(k, "ل")
	return ok && !givenNames[k] && handNames[rest] && len([]rune(rest)) >= 3 && j+1 < hi && r.joined(j+1) &&
		(givenNames[r.key(j+1)] || nameParticles[r.key(j+1)])
}

// saintPlace reports «سيدي» after a preposition or with «ب» or «ل»: the
// start of a Maghreb place named for a saint («بسيدي بوزيد», «في سيدي
// قاسم», «لسيدي بلعباس»), not of a name.
func (r *reader) saintPlace(j int) bool {
	switch k := r.key(j); {
	case k == "بسيدي" || k == "لسيدي":
		return true
	case k == "سيدي":
		// «في سيدي قاسم», «بمحكمة سيدي امحمد»: a place, or an institution
		// named for it
		if j == 0 || !r.joined(j) {
			return false
		}
		prev := r.key(j - 1)
		if prepositions[prev] {
			return true
		}
		for _, w := range []string{prev, strings.TrimPrefix(prev, "ب"), strings.TrimPrefix(prev, "ل")} {
			if b := bare(w); !definite(w) && (placeNouns[b] || institutions[b] || eponymNouns[b] || courts[b]) { // (not «بالمدرسة سيدي ولد اعبيد»: the school, then a name)
				return true
			}
		}
		return false
	}
	return false
}

// courts are the nouns of courts, which a place names («محكمة سيدي امحمد»).
var courts = keySet("محكمه مجلس قطب")

// titleTail is how many words from toks[p] go on a function set off after
// a name up to the punctuation that closes it, words the title reader
// leaves — an adjective («أستاذة التغذية العلاجية المشاركة بجامعة الملك
// سعود،»), a place or institution after «في» or a proclitic «ب» or «ل»:
// up to eight words, none a closed word other than «في», a word joined
// by «و» or a function; 0 when the phrase does not end so.
func (r *reader) titleTail(p, hi int) int {
	q := p
	for q < hi && q-p < 8 && r.joined(q) {
		k := r.key(q)
		if h, _ := headOf(k); h != "" || r.conjunct(q) || closedWord(k) && k != "في" || accusative(k) || r.tanween(q) {
			return 0
		}
		q++
	}
	if q == p || q < hi && r.joined(q) {
		return 0
	}
	if k := r.key(p); !definite(k) && k != "في" && !strings.HasPrefix(k, "ب") && !strings.HasPrefix(k, "ل") {
		return 0
	}
	return q - p
}

// headAsName reports a given name spelt like a function («أمين») at
// toks[j] with nothing, a closed word, a word the lexicon does not know or
// a name particle after it: «يقول أمين، الذي …», «ابنها أمين بلقاسمي» —
// a function takes a complement it knows («أمين عام», «أمين المال»).
func (r *reader) headAsName(j, hi int, key string) bool {
	if !givenNames[key] || definite(key) {
		return false
	}
	if key == keyMukhtar {
		// «مختار قرية كفرزيتا», «مختار حي الخالدية», «مختار كفرزيتا» where
		// the article writes «قرية كفرزيتا»: the headman; before anything
		// else the given name far more often («العقيد مختار عبده …»).
		if j+1 < hi && r.joined(j+1) {
			n := bare(r.key(j + 1))
			if definite(r.key(j+1)) && !strings.HasSuffix(r.key(j+1), "ي") && !givenNames[r.key(j+1)] && r.headmen() {
				return false // «مختار المليحة الغربية» where the article writes «المختارين»: a village's headman
			}
			return !(placeNouns[n] || placePrefixes[n] || eponymNouns[n] || r.placeElsewhere(j+1))
		}
		return true
	}
	if r.lex == nil && j+1 < hi && r.joined(j+1) {
		// Without the lexicon, a bare word that ends the phrase after it
		// («محمد أمين بوشعيب،»), or nisbas up to its end («أمينة الوزاني
		// الطاهري،»): the family name, not a genitive.
		e := j + 1
		for e < hi && e-j <= 3 && r.joined(e) {
			nk := r.key(e)
			h, _ := headOf(nk)
			bareName := e == j+1 && !definite(nk) && !accusative(nk)
			if h != "" || closedWord(nk) || r.conjunct(e) || !bareName && !(definite(nk) && nisba(nk) && strings.HasSuffix(nk, "ي")) {
				break
			}
			e++
		}
		if e > j+1 && (e >= len(r.toks) || !r.joined(e)) {
			return true
		}
	}
	if nk := r.keyOr(j+1, hi); j+1 < hi && r.joined(j+1) && definite(nk) && nisba(nk) && strings.HasSuffix(nk, "ي") && !arabNations[nk] && (j+2 >= len(r.toks) || !r.joined(j+2)) {
		return true // «أما محمد أمين الأنصاري، مدير …»: a nisba the phrase ends with is the family name
	}
	return j+1 >= hi || !r.joined(j+1) || closedWord(r.key(j+1)) || r.unknown(j+1) || nameParticles[r.key(j+1)] && !r.conjunct(j+1)
}

// verbName reports a word spelt like a speech verb («يزيد») after a form
// of address or a function, which «بن» or «بنت» follows: «المحامي يزيد بن
// عودة» — a verb is followed by no «بن» — so that the phrase is read as a
// name, never as the function alone (whose holder is someone else); the
// speaker model reports nobody for it (introduced).
func (r *reader) verbName(j, hi int, key string, ctx context) bool {
	if ctx != ctxAddress && ctx != ctxHonor && !(ctx == ctxSubject && verbNames[key]) || j+1 >= hi || !r.joined(j+1) ||
		!filial[r.key(j+1)] && !(givenNames[key] && (r.unknown(j+1) || r.lex == nil && !closedWord(r.key(j+1)) && !definite(r.key(j+1)))) {
		return false // («المدرب روي باشيكو»: a given name spelt like «روى», a name the lexicon does not know after it)
	}
	_, verb := isSpeechVerb(key)
	return verb && !strings.HasPrefix(key, "و")
}

// keyArabi is «العربي»: a given name of the Maghreb, and «Arab».
var keyArabi = bare(arabic.Key("العربي"))

// arabNations are the adjectives of the Arab League's states, definite
// («السوري»): after «العربي» they make it an adjective.
var arabNations = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("السوري اللبناني الأردني الفلسطيني العراقي المصري السوداني الليبي التونسي الجزائري المغربي " +
		"الموريتاني السعودي اليمني العماني الإماراتي القطري البحريني الكويتي الصومالي الجيبوتي القمري") {
		m[bare(arabic.Key(w))] = true
	}
	return m
}()

// settlements are the nouns of villages and quarters before their name
// («قرية كفرزيتا», «حي الخالدية», «مخيم جباليا»): the word after them is a
// place.
var settlements = keySet("قرية بلدة حي مخيم ضاحية دوار")

// honorAhead reports a form of address within six words joined after
// toks[n], a name after it: whoever holds the function is named there.
func (r *reader) honorAhead(n, hi int) bool {
	for p := n + 1; p < hi && p-n <= 6 && r.joined(p); p++ {
		if honorifics[r.key(p)] != "" && p+1 < hi && r.joined(p+1) && !closedWord(r.key(p+1)) {
			return true
		}
	}
	return false
}

// events are where a speech is given («في المؤتمر», «في الحفل»), never a
// function's body.
var events = keySet("مؤتمر ندوه لقاء حفل جلسه اجتماع زياره مقابله افتتاح ختام ملتقي منتدي حوار مناسبه احتفال موقع مهرجان معرض")

// sittName reports women's compound given names that start with a
// common word: Sudan's «ست» («lady») and a definite word — «ست النفر»,
// «ست البنات» —, and Yemen's «أمة» («handmaid») and a name of God —
// «أمة الرحمن», «أمة الله», as «عبد» a man's —, where a given name or
// «عبد» follows them: the start of a name, not «six» or «a nation».
func (r *reader) sittName(j, hi int) bool {
	k := r.key(j)
	return (k == keySitt && !givenNames[r.keyOr(j+1, hi)] || k == keyAma && godNames[r.keyOr(j+1, hi)]) && j+2 < hi && r.joined(j+1) && r.joined(j+2) &&
		definite(r.key(j+1)) && (givenNames[r.key(j+2)] || r.key(j+2) == keyAbd)
}

var keySitt, keyAma = arabic.Key("ست"), arabic.Key("أمة")

// headmen reports an article that writes «مختار» as a common noun, in
// the dual or plural («مختاران», «المختارين», «مخاتير»).
func (r *reader) headmen() bool {
	return r.headmenSeen // (filled once by commonNouns; «المختار» alone is also a given name: «محمد المختار ولد اباه»)
}

// headmenForms are «مختار»'s dual and plurals.
var headmenForms = keySet("مختاران مختارين مختاري مختارو مخاتير")

// keyMukhtar is «مختار»: a given name, and the headman of a village.
var keyMukhtar = arabic.Key("مختار")

// keyEmir and keyLiwa make Tunisia's rank «أمير اللواء» (أمير لواء).
var keyEmir, keyLiwa = arabic.Key("أمير"), arabic.Key("لواء")

// keyTheAbd is «العبد», which with a name of God (godNames) makes a
// family name; godNames are the names of God «عبد» takes (compoundNames).
var (
	keyTheAbd = arabic.Key("العبد")
	godNames  = keySet(compoundNames)
)

// keySeals is «الأختام», of «حافظ الأختام» (the keeper of the seals).
var keySeals = arabic.Key("الأختام")

// keyHajj is «الحاج», a form of address before a name and, between a given
// name and a family name, part of the family name.
var keyHajj = arabic.Key("الحاج")

// keyTeam is «الفريق»: the team, and a general's rank.
var keyTeam = arabic.Key("الفريق")

// keyFather is «الأب», a priest's form of address and a father.
var keyFather = arabic.Key("الأب")

// keySahib is «صاحب», a form of address before «السمو», «الجلالة», «المعالي».
var keySahib = arabic.Key("صاحب")

// sahibOf are the dignities «صاحب» addresses («صاحب السمو الملكي»).
var sahibOf = keySet("السمو الجلالة الفخامة المعالي السعادة الفضيلة السماحة الدولة العظمة")

// keyHabib is «الحبيب», a given name in the Maghreb and a form of address
// in Hadramawt.
var keyHabib, keyAmm = arabic.Key("الحبيب"), arabic.Key("عم")

// honorAt is the form of address toks[j] (key k) is, "" for none, where
// the word after it decides: «الأب» before a definite adjective is a
// father («قال الأب المكلوم»), no priest; «صاحب» addresses «السمو» and
// the like or comes before a definite noun and a name («صاحب المحل
// فلان»), and owns what is indefinite («صاحب صيدلية بحي شبرا»); «الحبيب»
// before a given name is Hadramawt's address for a sayyid, alone a name
// («الحبيب بورقيبة»).
func (r *reader) honorAt(j, hi int, k string, named bool) string {
	hon := honorifics[k]
	next := j+1 < hi && r.joined(j+1)
	nk := ""
	if next {
		nk = r.key(j + 1)
	}
	if hon != "" && definite(r.key(j)) && r.families[bare(r.key(j))] && !named && next && !givenNames[nk] && !nameParticles[nk] && honorifics[nk] == "" {
		return "" // «عرضت الحاج منحنى الإصابات» after «الدكتورة ريما جورج الحاج»: her family name, no pilgrim
	}
	switch k {
	case keyFather:
		if next && definite(nk) && !givenNames[nk] && !maghrebNames[nk] {
			return ""
		}
	case keySahib:
		if !next || !sahibOf[nk] && !definite(nk) {
			return ""
		}
	case keyHabib:
		if !named && next && givenNames[nk] && nk != keyHabib {
			return bare(keyHabib)
		}
	case keyAmm:
		if !named && next && givenNames[nk] {
			return keyAmm // «يقول عم الهادي الزواري»: an elder addressed as «uncle» (not «عم الفقيد», a relative)
		}
	case keyEmir:
		if next && (nk == keyLiwa || nk == "ال"+keyLiwa) {
			return keyEmir // «أمير اللواء فلان»: Tunisia's rank of brigadier, a form of address
		}
	case keyState:
		if !named && next && !givenNames[nk] && (j+2 >= hi || !r.joined(j+2)) {
			return "" // «دولة قطر،»: one word after it, the state, not a person addressed
		}
	}
	return hon
}

// keySayyid is «السيد», a form of address before a name and, between a
// given name and a family name, a father's name, as Egypt writes many
// («عادل السيد النجار»).
var keySayyid = arabic.Key("السيد")

// keyLada is the key of «لدى» (at, accredited to).
var keyLada = arabic.Key("لدى")

// ladaHolder is where a given name starts within four words after «لدى»
// at toks[p] — two or more definite words of the place before it
// («لدى الكرسي الرسولي ندى حداد») —; p when none does.
func (r *reader) ladaHolder(p, hi int) int {
	for e := p + 1; e < hi && e-p <= 4 && r.joined(e); e++ {
		k := r.key(e)
		if givenNames[k] && !definite(k) {
			if e-p >= 3 && r.nameStart(e, hi, k, ctxAddress) {
				return e
			}
			return p
		}
		if !definite(k) || closedWord(k) {
			return p
		}
	}
	return p
}

// heldAt is the end of the place a function is held at after «لدى» at
// toks[p], at most e: a proper noun alone («لدى موريتانيا لي جيان هوا»), a
// function or a body and its genitive («لدى رئيس الحكومة»), or definite words («لدى
// الأمم المتحدة»); what follows is the function's or its holder's.
func (r *reader) heldAt(p, e int) int {
	n := p + 1
	switch k := r.key(n); {
	case definite(k):
		for n < e && definite(r.key(n)) && n-p <= 2 {
			n++
		}
		return n
	case !headShaped(k):
		return n + 1
	}
	return min(n+2, e)
}

// headShaped reports a word headOf reads as a function or placeNouns as a
// place: a noun that awaits its genitive.
func headShaped(k string) bool {
	h, _ := headOf(k)
	return h != "" || placeNouns[bare(k)] || institutions[bare(k)]
}

// situates reports a phrase at toks[j] that says where a place lies: a
// point of the compass or a word before a place noun («جنوب ولاية
// تبسة», «شرقي البلاد»), never a name.
func (r *reader) situates(j int) bool {
	return compass[r.key(j)] || j+1 < len(r.toks) && r.joined(j+1) && placeNouns[bare(r.key(j+1))]
}

// withPronoun reports a word printed with a pronoun suffix «ـه», «ـها»,
// «ـهم», «ـهما» (the key folds «ة» into «ه»; the print does not).
func (r *reader) withPronoun(p int) bool {
	w := plain(r.toks[p].Text)
	return len([]rune(w)) >= 4 && !givenNames[r.key(p)] && (strings.HasSuffix(w, "ه") || strings.HasSuffix(w, "ها") || strings.HasSuffix(w, "هم") || strings.HasSuffix(w, "هما"))
}

// accusativeFunction reports a function's head in the accusative
// («رئيسا», «مديرا»): what someone is made or named, never a name's word.
func accusativeFunction(k string) bool {
	rest, ok := strings.CutSuffix(k, "ا")
	h, _ := headOf(rest)
	return ok && h != "" && !givenNames[k]
}

// perfectVerb reports a word the lexicon knows that is a perfect in «ـت»
// — its stem without «ت» a word too («توجهت»: she turned; «بقيت») — not
// a given name; a foreign name («برانت», «شميت») is no word of it.
func (r *reader) perfectVerb(j int) bool {
	k := r.key(j)
	if r.lex == nil || givenNames[k] || nameParticles[k] || patronyms[k] {
		return false
	}
	w := plain(r.toks[j].Text)
	stem, ok := strings.CutSuffix(w, "ت")
	return ok && len([]rune(stem)) >= 3 && IsWord(r.lex, w) && IsWord(r.lex, stem)
}

// formVIII reports a word printed as a perfect of the eighth form — five
// letters, a bare «ا», «ت» third («اعتمد», «اجتمع», «انتقد») — a verb,
// never a name (the names of that pattern carry a hamza: «إعتدال» is six
// letters anyway).
func (r *reader) formVIII(j int) bool {
	w := []rune(plain(r.toks[j].Text))
	return len(w) == 5 && w[0] == 'ا' && w[2] == 'ت' && !givenNames[r.key(j)]
}

// closed reports a closed word at toks[j] — but «آنا» (Ana), whose key is
// the pronoun «أنا»'s, which is never printed with a madda.
func (r *reader) closed(j int) bool {
	return closedWord(r.key(j)) && !strings.HasPrefix(plain(r.toks[j].Text), "آ")
}

// preposition reports «على» printed with «ى», whose key is «علي» (Ali).
func (r *reader) preposition(j int) bool {
	return r.key(j) == keyAli && strings.HasSuffix(plain(r.toks[j].Text), "ى")
}

// counted reports «لـ» and a number of ten or less («لأربعة», «لستة»):
// «أم لأربعة أبناء» is a mother of four, no kunya.
func counted(k string) bool {
	rest, ok := strings.CutPrefix(k, "ل")
	return ok && smallNumbers[rest]
}

// smallNumbers are the cardinals two to ten.
var smallNumbers = keySet("اثنين اثنتين ثلاثة ثلاث أربعة أربع خمسة خمس ستة ست سبعة سبع ثمانية ثماني تسعة تسع عشرة عشر")

// toUs reports «لـ» on a noun with «نا», our («لفريقنا», «لموقعنا»): to
// the outlet's own people, whom a speaker told, never a function's
// complement; the noun is a word of the lexicon when there is one.
func (r *reader) toUs(n int) bool {
	w := plain(r.toks[n].Text)
	stem, ok := strings.CutSuffix(strings.TrimPrefix(w, "ل"), "نا")
	if !ok || !strings.HasPrefix(w, "ل") || len([]rune(stem)) < 3 {
		return false
	}
	return r.lex == nil || IsWord(r.lex, stem)
}

// kunyaPlaces are the second words of places named with «أبو».
var kunyaPlaces = keySet("ظبي ظبى غريب قير تيج قرقاص كبير حمص الخصيب")

// keyGovernor is «محافظ», whose feminine «محافظة» is a governorate.
var keyGovernor = arabic.Key("محافظ")

// keyFounder is «مؤسس», whose feminine «مؤسسة» is an institution.
var keyFounder = arabic.Key("مؤسس")

// keyBani is «بني», which starts Levantine family names («بني هاني»).
var keyBani = arabic.Key("بني")

// keyWad is «ود», Sudan's «son of» between a name's parts.
var keyWad = arabic.Key("ود")

// wadName reports a particle at toks[j] — «ود», «أبو» — and the word
// after it that the article also prints after a given name («عثمان ود
// الفكي», «وليد أبو شقرا»): a family name, not the verb «ودّ» or a word
// that looks accusative.
func (r *reader) wadName(j int) bool {
	if r.afterGiven == nil {
		// Counted once per article: nameStart asks for every particle.
		r.afterGiven = map[[2]string]int{}
		for p := 1; p+1 < len(r.toks); p++ {
			if r.particleAfterGiven(p) {
				r.afterGiven[[2]string{r.key(p), r.key(p + 1)}]++
			}
		}
	}
	n := r.afterGiven[[2]string{r.key(j), r.key(j + 1)}]
	if r.particleAfterGiven(j) {
		n-- // printed elsewhere, not here
	}
	return n > 0
}

// particleAfterGiven reports toks[p] and the word after it joined after a
// given name, or after «عبد» and its word («عبد الرؤوف بني هاني»).
func (r *reader) particleAfterGiven(p int) bool {
	return p >= 1 && p+1 < len(r.toks) && r.joined(p) && r.joined(p+1) &&
		(givenNames[r.key(p-1)] || p >= 2 && r.joined(p-1) && r.key(p-2) == keyAbd)
}

// apposedAfter is the end of the words from toks[p] when they run, joined,
// at most three, to a comma after which a name or a form of address stands
// — the person's name set off after the phrase, so that these words are
// not it —; p otherwise.
func (r *reader) apposedAfter(p, hi int) int {
	for e := p + 1; e <= p+3; e++ {
		if e >= len(r.toks) || !r.narr[e] {
			return p
		}
		if r.joined(e) {
			if closedWord(r.key(e)) {
				return p
			}
			continue
		}
		if r.nameSetOff(e) {
			return e
		}
		return p
	}
	return p
}

// nameSetOff reports a comma before toks[e] and a name or a form of
// address starting there: a person's name set off after a phrase.
func (r *reader) nameSetOff(e int) bool {
	if e >= len(r.toks) || r.gapBefore(e) != gapComma || !r.narr[e] {
		return false
	}
	k := r.key(e)
	return givenNames[k] || honorifics[k] != "" || r.nameStart(e, len(r.toks), k, ctxAppos)
}

// spokenFor is the end of the body a spokesman's «باسم» at toks[p] names
// when punctuation ends it within six words and no given name comes before
// it («باسم مليشيا عشيرة رير آدم،»); p when a name may follow inside the
// phrase («الناطقة باسم الهيئة رنا كاظم العبيدي»).
func (r *reader) spokenFor(p, hi int) int {
	given := false
	for e := p + 1; e <= p+6; e++ {
		if e >= hi || !r.joined(e) {
			if e >= len(r.toks) || r.gapBefore(e) == gapNone {
				return p
			}
			// «باسم مليشيا عشيرة رير حسن، علي طاهر …»: a given name
			// inside the body when the name is set off after it.
			if given && !r.nameSetOff(e) {
				return p
			}
			return e
		}
		k := r.key(e)
		if closedWord(k) || honorifics[k] != "" {
			return p
		}
		if e > p+2 && r.lex != nil && r.unknown(e) && e+1 < hi && r.joined(e+1) && r.unknown(e+1) &&
			(e+2 >= hi || !r.joined(e+2) || closedWord(r.key(e+2))) {
			return e // «المتحدثة باسم حملة كاراواي ميغان أوكونور:»: two unknown words that end the phrase, the spokeswoman's name
		}
		given = given || givenNames[k] && !definite(k)
	}
	return p
}

// spokesmen are the heads «باسم» always follows as «in the name of».
var spokesmen = keySet("متحدث ناطق")

// keyAal is «آل», which starts a family name.
var keyAal = arabic.Key("آل")

// keyAbd is «عبد», which starts a compound name.
var keyAbd = arabic.Key("عبد")
var keyWali = arabic.Key("ولي")

// royalTitles go before a king's or a prince's name inside the name of an
// institution («جامعة الملك عبد العزيز»).
var royalTitles = keySet("الملك الأمير الشيخ السلطان الإمام")

// quantifiers are definite words of quantity and reference that follow a
// name as the sentence's object or adverb, never as its family name.
var quantifiers = keySet("الكثير القليل الجميع البعض الكل الآخر الأخرى الآخرين الأكثر الأقل")

// foreignParticles join the parts of a European name («ماريا ديلا كروز»,
// «إلس فان دن بروك», «شارل دو غول»): inside a name they take the word
// after them.
var foreignParticles = keySet("ديلا دل فان فون دن دير دو دوس")

// foreignParticle reports a foreignParticles word at toks[p] printed as
// such: «فان», not «فإن», whose key it shares.
func (r *reader) foreignParticle(p int) bool {
	return foreignParticles[r.key(p)] && !strings.ContainsAny(r.toks[p].Text, "أإ")
}

// rankQualifiers follow a military rank: its arm or its staff.
var rankQualifiers = keySet("بحري جوي طيار ركن بحرى الأول أول ثان ثاني الثاني " +
	// the arm or specialty after a rank: «اللواء الركن مهندس …», «الملازم
	// أول ممرضة …», «العقيد طبيب …»
	"مهندس ممرض ممرضة طبيب طبيبة صيدلي مظلي أركان")

// rankQualifier reports k, with or without the article, among
// rankQualifiers («الركن», «بحري»).
func rankQualifier(k string) bool { return rankQualifiers[k] || rankQualifiers[bare(k)] }

// keyWar is «حرب» of «أركان حرب» (of the general staff) after a rank.
var keyWar = arabic.Key("حرب")

// selves are «نفسه», «نفسها»: «عرّف عن نفسه باسم مجد» — «by the name».
var selves = keySet("نفسه نفسها نفسي")

// keyKhalifa is «خليفة», a given name and the title of a Sufi order's
// head; sufiOrders are what such a head leads («الطريقة», «السجادة»).
var (
	keyKhalifa = arabic.Key("خليفة")
	sufiOrders = keySet("طريقة سجادة مسيد زاوية")
)

// sayingNouns are «his/her saying» after a name a source relays («نقلت
// الوكالة عن فلان قوله»).
var sayingNouns = keySet("قوله قولها")

// kunyas are the particles of a kunya («أبو عماد», «أم كلثوم»).
var kunyas = keySet("أبو أبي أبا أم")

// filial are the particles of descent («بن», «بنت»).
var filial = keySet("بن بنت")

// nameWord reports whether toks[n] goes on a name of have words so far: a
// given name, a particle, an unknown word, a family name in «ـي», and
// after a lone given name (given) any definite word («باسل العمر»).
func (r *reader) nameWord(n, have int, given bool) bool {
	k := r.key(n)
	if givenNames[k] && have >= 1 && n+1 < len(r.toks) && r.joined(n+1) && (patronyms[r.key(n+1)] || definite(k) && (r.unknown(n+1) || nisba(r.key(n+1)))) {
		// «محمد الأمين ولد سيدي», «محمد الأمين شرفي»: a function's word,
		// but a patronym or a family name after it makes it a name.
		return true
	}
	if givenNames[k] && definite(k) && have >= 2 && (n+1 >= len(r.toks) || !r.joined(n+1) || sayingNouns[r.key(n+1)]) {
		// «الدكتور عثمان أبو بكر الأمين قوله», «… الأمين،»: a function's
		// word that is also a given name, ending a name with nothing of a
		// function after it, is the family name.
		return true
	}
	if h, fem := headOf(k); h != "" && !fem && definite(k) && have >= 1 && n-have >= 0 && femaleNames[r.key(n-have)] && !strings.HasSuffix(k, "ه") {
		// «أما النائبة السابقة غادة المعلم، فاعتبرت»: a function in the
		// masculine after a woman's given name is no function of hers
		// («المعلمة» would be) — her family name.
		return true
	}
	if accusativeFunction(k) {
		return false // «ينتخب أيوب بن عيسى رئيسا»: the function he is made, in the accusative
	}
	if r.perfectVerb(n) || have >= 2 && (r.lex != nil && r.imperfect(n) || r.lex == nil && r.headline(n) && imperfectShaped(k)) {
		// «الحاج شحادة بقيت متحفظة», «رؤوف عبد الصبور يبكي جمهور
		// الافتتاح»: the verb after the name.
		return false
	}
	// A function's head is no name word — but a given name that is also
	// one, between a given name and a word the lexicon does not know
	// («محمد أمين أوزتورك»); nor is a preposition and the article
	// («يوفانوفيتش بالتراضي», «… للنقل»: no nisba).
	// («كاوه محمد أمين،»: at the end of a name a comma closes, too.)
	if h, _ := headOf(k); h != "" && !(given && have >= 1 && r.headAsName(n, len(r.toks), k) && n+1 < len(r.toks) && (r.joined(n+1) || r.gapBefore(n+1) == gapComma)) ||
		closedWord(k) || pronounSuffixed(k) || r.cliticArticle(n) && !belNames[k] {
		return false
	}
	if r.latin(n) {
		return false
	}
	if n+1 < len(r.toks) && r.joined(n+1) && nameCompounds[r.key(n+1)] && !definite(k) && !accusative(k) && !r.conjunct(n) {
		return true // «محمد شهيد الإسلام», «حسن نصر الله»: a compound name's first word, whatever else it means
	}
	switch {
	case givenNames[k] || nameParticles[k] || nameCompounds[k] || belNames[k] || r.foreignParticle(n) && n+1 < len(r.toks) && r.joined(n+1):
		return true
	case strings.HasPrefix(k, "و") && r.conjunct(n):
		return false
	case r.tanween(n) || quantifiers[k] || eponymNouns[k] || r.manner(n) || strings.ContainsAny(r.toks[n].Text, "0123456789٠١٢٣٤٥٦٧٨٩"):
		return false // «محمود الكثير»: a quantifier; «ليث لرصيف22»
	case r.commonNoun(n):
		return false
	case nisba(k) && !accusative(k) && !strings.HasSuffix(plain(r.toks[n].Text), "ى") && (definite(k) || !strings.HasSuffix(k, "يه")) ||
		definite(k) && given && have == 1 && !titleAdjectives[k] && !r.otherFamily(n) && !stopWords[bare(k)]: // (not «وتستعيد سلمى الليلة التي …»: a time)
		// (a final «ى» is no nisba: «القحطاني بمستوى المشاريع»; nor a bare
		// feminine noun in «ـية»: «فؤاد وصية أبيه»)
		return true
	case r.accusativeAt(n) && r.lex != nil && !r.isKnown(n) && n+1 < len(r.toks) && r.joined(n+1) && r.unknown(n+1) && !closedWord(r.key(n+1)):
		return true // «ماريا غارسيا لوبيث»: a word like an accusative the lexicon does not know, before another it does not know — a foreign name
	case r.accusativeAt(n) && r.lex != nil && !r.isKnown(n) && have >= 2 && (n+1 >= len(r.toks) || !r.joined(n+1) || prepositions[r.key(n+1)]):
		return true // «ماريا إيلينا غارسيا في رسالة»: one the lexicon does not know that ends a name of two words
	case r.accusativeAt(n) || r.cliticArticle(n):
		return false
	}
	return r.unknown(n)
}

// possessed reports a noun with the attached pronoun «ـه» the lexicon
// reads as such — «غضبه», «دربه», whose stem is the word without it —
// that the phrase goes on after: the sentence's object («لم يخف مدرب
// النادي عبد الكريم بلقاسم غضبه الشديد»), never a family name.
func (r *reader) possessed(p int) bool {
	k := r.key(p)
	if !strings.HasSuffix(k, "ه") || len([]rune(k)) < 4 || givenNames[k] || p+1 >= len(r.toks) || !r.joined(p+1) {
		return false // set off by punctuation it may be a name in «ـه» («بابه،»)
	}
	if r.lex == nil {
		return !definite(k) && definite(r.key(p+1)) && !strings.HasSuffix(k, "يه") // «رفيق دربه الصحفي …»: a noun and its pronoun, then a description
	}
	return r.ownNoun(p)
}

// audiences are whom a speaker talks to («قال … للصحفيين»): no qualifier of
// a function.
var audiences = keySet("للصحفيين للصحافيين للصحافة للاعلاميين للإعلاميين للحضور للحاضرين للمشاركين للمواطنين")

// ownNoun reports a noun with the attached pronoun «ـه»/«ـها» the lexicon
// reads as such («رحيله», «حياتها»), wherever the phrase goes after it.
func (r *reader) ownNoun(p int) bool {
	w := plain(r.toks[p].Text)
	if givenNames[r.key(p)] || len([]rune(w)) < 4 {
		return false
	}
	for _, suf := range []string{"ها", "ه"} {
		if stem, ok := strings.CutSuffix(w, suf); ok {
			stems := Stems(r.lex, w)
			if slices.Contains(stems, stem) {
				return true
			}
			if t, ok := strings.CutSuffix(stem, "ت"); ok && slices.Contains(stems, t+"ة") {
				return true // «رحلته»: «رحلة», its «ة» written «ت» before the pronoun
			}
		}
	}
	return false
}

// accusativeAt reports an indefinite accusative at toks[p]: a word in
// «ـا» the lexicon, when there is one, knows with or without the «ا»
// («مؤتمرا», «رسوما») — «أوبلا», «موبا» it does not are family names.
func (r *reader) accusativeAt(p int) bool {
	if !accusative(r.key(p)) || r.marksTanween && !r.tanween(p) {
		return false
	}
	if r.lex == nil || r.isKnown(p) {
		return true
	}
	w := plain(r.toks[p].Text)
	return IsWord(r.lex, strings.TrimSuffix(w, "ا")) // «رسوما»: «رسوم» with the accusative's «ا»
}

// foreignInA reports a word in «ـا» that is a foreign name, not an
// indefinite accusative: the lexicon knows it neither as it is nor without
// its «ا» («ساندرا»), or a word it does not know follows it in the name
// («هيلينا كارفالو», which it reads «هيل» with suffixes). Without the
// lexicon the shape cannot tell.
func (r *reader) foreignInA(p, hi int) bool {
	return r.lex != nil && (!r.accusativeAt(p) || p+1 < hi && r.joined(p+1) && r.unknown(p+1))
}

// latin reports a word in Latin letters («منظمة الصحة العالمية WHO»): an
// acronym or a brand, never part of a name Arabic prints in Arabic.
func (r *reader) latin(p int) bool {
	return strings.IndexFunc(r.toks[p].Text, func(c rune) bool { return c < 0x80 && unicode.IsLetter(c) }) >= 0
}

// otherFamily reports a definite word at toks[n] after a given name that
// the article prints elsewhere with another definite family name: «وختم
// رامي الحلقة بسؤال» where «رامي الأحمد» presents — the object, not a
// second family name.
func (r *reader) otherFamily(n int) bool {
	g, k := r.key(n-1), r.key(n)
	for p := 0; p+1 < len(r.toks); p++ {
		if p != n-1 && r.key(p) == g && r.joined(p+1) && definite(r.key(p+1)) && r.key(p+1) != k && !closedWord(r.key(p+1)) &&
			!(p > 0 && r.joined(p) && r.inName(p-1)) {
			return true // (not «عبد الرحمن جاسم المؤيد»: there «جاسم» is a father's name)
		}
	}
	return false
}

// inName reports a word that a name goes on after: a given name, «عبد»
// and the name of God after it, a particle.
func (r *reader) inName(p int) bool {
	k := r.key(p)
	return givenNames[k] || nameCompounds[k] || nameParticles[k] || k == keyAbd
}

// pronounSuffixed reports a word that carries an attached pronoun after a
// feminine ending («خطبته», «كلمتها»), or a proclitic «ل», «ب», «ف» and an
// object pronoun («لتهدئتها», «بقوله»): a noun or verb of the sentence,
// never a name — what the lexicon would say, told by the shape alone.
func pronounSuffixed(k string) bool {
	if givenNames[k] {
		return false
	}
	n := len([]rune(k))
	for _, suf := range []string{"ته", "تها", "تهم", "تهما", "تنا", "تكم"} {
		if n >= len([]rune(suf))+3 && strings.HasSuffix(k, suf) {
			return true
		}
	}
	if n >= 5 && strings.ContainsRune("لبف", []rune(k)[0]) {
		for _, suf := range []string{"ها", "هم", "هما"} {
			if strings.HasSuffix(k, suf) {
				return true
			}
		}
	}
	return false
}

// prepArticle is k, a word with «بـ» or «لـ» before «ال» («بالمدير»,
// «للوزير»), as the word with «ال» alone; "" for another word.
func prepArticle(k string) string {
	if rest, ok := strings.CutPrefix(k, "بال"); ok {
		return "ال" + rest
	}
	if rest, ok := strings.CutPrefix(k, "لل"); ok {
		return "ال" + rest
	}
	return ""
}

// articleWithClitic reports a word with a proclitic before «ال» («بالمشاركين»,
// «للصحافة», «والمدينة»): a common noun, never a name.
func articleWithClitic(k string) bool {
	for _, p := range []string{"بال", "لل", "وال", "فال", "كال"} {
		if rest, ok := strings.CutPrefix(k, p); ok && len([]rune(rest)) >= 2 {
			return true // «فالح», «بالي»: one letter after is no noun
		}
	}
	return false
}

// cliticArticle reports toks[p] as a preposition or conjunction and the
// article on a noun («بالمدينة», «فالقرار»). With the lexicon, a word in
// «فال» or «كال» it does not know is a foreign name that begins so
// («فالنتينا», «كالفين»): «ف» and «ك» seldom go on a place's name as «بـ»
// does («بالمنيا»).
func (r *reader) cliticArticle(p int) bool {
	return articleWithClitic(r.key(p)) && !r.foreignClitic(r.toks[p].Text)
}

func (r *reader) foreignClitic(text string) bool {
	k := arabic.Key(text)
	return r.lex != nil && (strings.HasPrefix(k, "فال") || strings.HasPrefix(k, "كال")) && !r.knownText(text)
}

// unsureName reports a name ending in a given name (or «عبد …») that the
// phrase goes on after, with words the model cannot read (no lexicon:
// «نسيمة بوعلام تجربة», «سيد أحمد بوشنتوف»): whose name it is the model
// cannot say.
func (r *reader) unsureName(name []int, hi int) bool {
	if len(name) == 0 {
		return false
	}
	last := name[len(name)-1]
	if !givenNames[r.key(last)] && !(len(name) >= 2 && r.key(name[len(name)-2]) == keyAbd) ||
		len(name) >= 2 && r.key(name[len(name)-2]) == keyAal {
		return false // it ends in a family name («… آل ماجد»)
	}
	n := last + 1
	if n >= hi || !r.joined(n) {
		return false
	}
	k := r.key(n)
	h, _ := headOf(k)
	// (An accusative shape that punctuation closes may be a foreign family
	// name: «جان بيير موبا،»; so may one not in «مـ»: «نديم عبد الرحمن شاتيلا
	// خرج» — a participle in «مـ», «مؤكدا», is an adverb.)
	return r.lex == nil && !closedWord(k) && !r.conjunct(n) && h == "" && honorifics[k] == "" &&
		(!accusative(k) || !strings.HasPrefix(k, "م") || n+1 >= hi || !r.joined(n+1)) && !definite(k) && !r.manner(n)
}

// readName reads the name starting at toks[j] (nameStart): the run of name
// words, a particle taking the word after it («بن شيخ», «آل ماجد»), a
// compound («نور الدين»); a lone given name takes up to two known words as
// its family name when the phrase ends after them («محمد زيتونة،», «جان
// نويل بارو إلى»); set off by commas (closed), the whole. It ends at a
// word joined by «و», a verb, a preposition, a function, a form of address
// and a known common word. It returns the tokens read.
func (r *reader) readName(j, hi int, closed bool) int {
	return r.placeBefore(j, r.readWholeName(j, hi, closed))
}

// placeBefore is n, the words of a name read from toks[j], cut before a
// word with the proclitic «ب» or «ل» that a given name follows («عياض
// بمراكش يوسف بن عمر» read after «جامعة القاضي»): the words before the
// given name were a place or a complement, and the name starts there —
// read then as its own mention. It returns the words to keep.
func (r *reader) placeBefore(j, n int) int {
	for i := j + 1; i+1 < j+n; i++ {
		k := r.key(i)
		if (strings.HasPrefix(k, "ب") || strings.HasPrefix(k, "ل")) && len([]rune(k)) >= 5 && !nameParticles[k] && !givenNames[k] && !belNames[k] &&
			givenNames[r.key(i+1)] {
			return i - j
		}
	}
	return n
}

// circumstantial reports a feminine participle the lexicon knows, ending
// the phrase after a woman's given name: a state («مبتسمة», «ضاحكة»,
// «متحسرة») — the accusative the masculine shows («مبتسماً») the feminine
// does not.
func (r *reader) circumstantial(n, hi int) bool {
	k := r.key(n)
	state := n+1 < len(r.toks) && r.joined(n+1) && (r.key(n+1) == "وهي" || r.key(n+1) == "وهو") // «ضاحكة وهي تضرب كفا بكف»
	if !strings.HasSuffix(plain(r.toks[n].Text), "ة") || definite(k) || givenNames[k] || !r.endsAt(n+1, hi) && !state {
		return false
	}
	if r.lex == nil {
		// Without the lexicon, the shape of a participle in «مـ» or of
		// «فاعلة» («ضاحكة») whose phrase a colon or a comma ends.
		rs := []rune(k)
		shape := strings.HasPrefix(k, "م") && len(rs) >= 5 || len(rs) == 5 && rs[1] == 'ا'
		// («تقول سلمى ضاحكة وهي ترافقنا»: or a clause of state after it.)
		return shape && n+1 < len(r.toks) && (r.gapBefore(n+1) >= gapComma || r.joined(n+1) && (r.key(n+1) == "وهي" || r.key(n+1) == "وهو"))
	}
	return r.isKnown(n) && personShape(k)
}

// outletTail reports toks[p] as the second word of an outlet the
// article prints elsewhere after the word before it without «لـ» («بغداد
// - شفق نيوز» then «فتقول لشفق نيوز:»).
func (r *reader) outletTail(p int) bool {
	if p < 1 {
		return false
	}
	first, ok := strings.CutPrefix(r.key(p-1), "ل")
	if !ok {
		return false
	}
	for i := 0; i+1 < len(r.toks); i++ {
		if i != p-1 && r.key(i) == first && r.key(i+1) == r.key(p) {
			return true
		}
	}
	return false
}

// addressees are whom a speaker tells («قال لنا», «يقول لي»).
var addressees = keySet("لنا لي له لها لهم لكم")

// addressee reports a word with «لـ» at toks[p] that names whom someone
// speaks to, not a name's part: «لنا», «لمراسلنا», «لموقعنا», or an
// outlet the article prints without it elsewhere («لموزاييك» beside
// «موزاييك أف أم»).
func (r *reader) addressee(p int) bool {
	k := r.key(p)
	if addressees[k] {
		if k == "لي" {
			if p == 0 {
				return false
			}
			_, verb := isSpeechVerb(r.key(p - 1))
			// «قال لي»; «الرئيس التنفيذي لي جاي-وون» is a Korean name, and
			// so is «قال لي جيان مينغ، كبير المهندسين» — two words no lexicon
			// knows that a comma sets off after «لي».
			if verb && r.lex != nil && p+2 < len(r.toks) && r.joined(p+1) && r.joined(p+2) && r.unknown(p+1) && r.unknown(p+2) &&
				(p+3 >= len(r.toks) || !r.joined(p+3)) {
				return false
			}
			return verb
		}
		return true
	}
	rest, ok := strings.CutPrefix(k, "ل")
	if !ok || strings.HasPrefix(rest, "ل") || len([]rune(rest)) < 3 || givenNames[k] {
		return false
	}
	if strings.HasSuffix(rest, "نا") && len([]rune(rest)) >= 4 {
		return true // «لمراسلنا», «لصحيفتنا»
	}
	return r.isPrinted(rest)
}

// familyDone reports toks[j:n] of a name that end with a family name in
// «آل» or «أبو» and its word, after a given name («خالد بن سعد آل
// زاهر», «رنا أبو حمدان», «آل عبد الغني»): nothing but a nisba follows
// such a name.
func (r *reader) familyDone(j, n int) bool {
	p := n - 2
	if p-1 > j && r.key(p) == keyAbd && (r.key(p-1) == keyAal || r.key(p-1) == keyAbu) {
		p-- // «آل عبد الغني»
	}
	if p <= j || !givenNames[r.key(j)] && r.key(j) != keyAbd {
		return false
	}
	return r.key(p) == keyAal || r.key(p) == keyAbu && !givenKunyas[r.key(p+1)]
}

// kinOf are kin words with a possessive pronoun («ابنها», «زوجته»): who
// someone is to another, never the start of a name.
var kinOf = keySet("ابنها ابنه ابنتها ابنته نجلها نجله كريمتها كريمته زوجها زوجته شقيقها شقيقه شقيقتها شقيقته اخوها اخوه اختها اخته والدها والده والدتها والدته")

// givenKunyas make a given name with «أبو» («عصام أبو بكر الشريف»: a
// father's name, the family name after it).
var givenKunyas = keySet("بكر القاسم")

// readWholeName is readName before placeBefore.
func (r *reader) readWholeName(j, hi int, closed bool) int {
	if k := r.key(j); r.families[bare(k)] && !givenNames[k] && !nameParticles[k] && j+1 < hi && r.joined(j+1) {
		if nk := r.key(j + 1); !givenNames[nk] && !nameParticles[nk] && !r.families[bare(nk)] && !definite(nk) && r.lex != nil && r.isKnown(j+1) {
			return 1 // «ونقل المونسنيور بيلّيني تحيات …» after «ماركو بيلّيني»: the family name alone, its object after it
		}
	}
	n := j + 1
	k0 := r.key(j)
	if rest, ok := strings.CutPrefix(k0, "و"); ok && rest == keyAbd && j+1 < hi && r.joined(j+1) && definite(r.key(j+1)) {
		k0 = rest // «… وعبد الوهاب جاسم البدر»: «and» a second name in «عبد»
	}
	if r.forGiven(j, hi) {
		k0 = k0[len("ل"):] // «لمحمد الهادي بن عمر»
	}
	particle := nameParticles[k0]
	sitt := r.sittName(j, hi)
	given := givenNames[k0] || particle || sitt
	onlyGiven := givenNames[k0] && !particle || sitt
	chain := particle // a particle took its word: «بن سالم», «ولد الشيخ»
	for n < hi && n-j < 8 && r.joined(n) {
		k := r.key(n)
		last := n+1 >= hi || !r.joined(n+1) // punctuation or the end after it
		if r.lex == nil && !last && pronounSuffixed(r.key(n+1)) && (n+2 >= hi || !r.joined(n+2)) {
			// Without the lexicon, «تختصر سميرة عبد الله باعباد حكايتها،»:
			// a noun with its pronoun ends the phrase, the verb's object.
			last = true
		}
		if r.addressee(n) {
			return n - j // «ويروي الصياد عبد الستار بن عمر لموزاييك:»: whom he told
		}
		if st := strings.TrimSuffix(strings.TrimSuffix(bare(k), "ين"), "ون"); n-j >= 2 && definite(k) && len([]rune(st)) >= 3 && st != bare(k) &&
			!givenNames[k] && !nameCompounds[k] && (r.lex != nil && r.isKnown(n) || r.lex == nil && n-2 >= j && r.key(n-2) == keyAal) && !nisba(st) {
			return n - j // «هنّأ … عبدالإله بن سعد آل ظافر الخريجين»: a definite plural, the verb's object (without the lexicon, after «آل» and its word, which end a name)
		}
		if n-j >= 2 && dualHead(k) != "" && !givenNames[k] && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)) {
			return n - j // «خاطب … المستشار ناصر يوسف الرومي مندوبي المرشحين»: a plural in construct, the verb's object
		}
		if r.familyDone(j, n) && !givenNames[k] && !nameParticles[k] && !nameCompounds[k] && !nisba(k) && !r.families[bare(k)] &&
			(r.lex != nil && r.isKnown(n) && !r.unknown(n) || r.lex == nil && definite(k) && strings.HasSuffix(plain(r.toks[n].Text), "ة") ||
				r.lex == nil && !definite(k) && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)) && !nisba(r.key(n+1))) {
			// «افتتح … المهندس خالد بن سعد آل زاهر الجلسة», «اعتلت … رنا
			// أبو حمدان المنصة»: «آل» or «أبو» and its word end a family
			// name; a common word after them is the verb's object.
			return n - j
		}
		if n == j+2 && kunyaOf(k0) == "ام" && r.key(j+1) != keyAbd && definite(k) && strings.HasSuffix(k, "ي") && !givenNames[k] && !r.families[bare(k)] &&
			r.lex != nil && r.isKnown(n) && !r.unknown(n) {
			return 2 // «رأس مال أم جاسم الحقيقي»: a masculine adjective the lexicon knows, the noun's before her, no family name of hers
		}
		if n == j+2 && kunyas[k0] && r.key(j+1) != keyAbd && j > 0 && r.joined(j) && definite(k) && !nisba(k) && !givenNames[k] &&
			(r.lex != nil && r.isKnown(n) || r.lex == nil && strings.HasSuffix(plain(r.toks[n].Text), "ة")) &&
			(r.imperfect(j-1) || func() bool { f, v := isSpeechVerb(r.key(j - 1)); return v && !f.participle }()) {
			return 2 // «ويروي أبو حمد اللحظة التي …»: a kunya, the verb's subject, then its object (without the lexicon, a noun in «ة»)
		}
		if k == keySayyid && n-j >= 2 && !particle && (n+1 >= hi || !r.joined(n+1) || sayingNouns[r.key(n+1)]) {
			// «الدكتورة رهف محمود السيد، الطبيبة …»: a given name and a
			// father's, then «السيد» the phrase ends with — the family
			// name, not Mr. before a name.
			return n + 1 - j
		}
		if n+1 < hi && r.joined(n+1) && selves[strings.TrimPrefix(r.key(n+1), "ب")] && strings.HasPrefix(r.key(n+1), "ب") {
			return n - j // «سلوى بن عمر النأي بنفسها»: a verbal noun and its reflexive, the sentence's
		}
		if (k == "ابن" || k == "ابنه") && n+1 < hi && r.joined(n+1) && (placeNouns[bare(r.key(n+1))] || eponymNouns[bare(r.key(n+1))]) {
			return n - j // «أيوب ابن حي باب الوادي»: a description, no father's name
		}
		if chain && !particle && n-j >= 3 && last && strings.HasPrefix(k, "ل") && !strings.HasPrefix(k, "لل") && !givenNames[k] &&
			n+1 < len(r.toks) && r.gapBefore(n+1) >= gapColon {
			return n - j // «… بن عمر لموزاييك:»: after «بن» and its word, an outlet told, right before the quotation
		}
		if (n == j+1 && femaleNames[r.key(j)] || n-j >= 2 && !particle) && r.circumstantial(n, hi) {
			return n - j // «وتضيف مريم مبتسمة:», «ردت آل مشيط ضاحكة»: how she said it, not her family name
		}
		if !givenNames[k] && !definite(k) && n+1 < hi && r.joined(n+1) && !speechPronouns[r.key(n+1)] &&
			(r.lex != nil && r.isKnown(n) && !nisba(k) && r.ownNoun(n+1) || // (not «فيصل علي حكمي رحلته»: a family name in «ـي»)
				r.lex == nil && strings.HasSuffix(plain(r.toks[n].Text), "ة") && len([]rune(r.key(n+1))) >= 4 &&
					(strings.HasSuffix(r.key(n+1), "ه") || strings.HasSuffix(r.key(n+1), "ها"))) {
			return n - j // «ويروي الطاهر قصة رحيله:»: the object, a noun and one with a pronoun
		}
		if r.lex == nil && n-j >= 3 && strings.HasPrefix(k, "ب") && !strings.HasPrefix(k, "با") && !strings.HasPrefix(k, "بو") && !strings.HasPrefix(k, "بن") &&
			!belNames[k] && !givenNames[k] && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)) && strings.HasSuffix(r.key(n+1), "ه") {
			// Without the lexicon, «أشادت … دلال فيصل الرومي بسير العملية
			// الانتخابية»: after a name of three words, «ب» and a noun a
			// feminine genitive follows is the verb's complement.
			return n - j
		}
		if k == "باسم" && n+1 < hi && r.joined(n+1) && kunyaOf(r.key(n+1)) != "" {
			return n - j // «عبده باسم أبو ياسر»: «by the name», a kunya follows
		}
		if k == keyTheAbd && n+1 < hi && r.joined(n+1) && godNames[r.key(n+1)] {
			// «دانة خالد العبد الجليل», «العبد الله»: the Gulf's family
			// names of «العبد» and a name of God, one family name.
			n += 2
			onlyGiven, chain = false, true
			continue
		}
		if n == j+1 && onlyGiven && r.headFamily(n) {
			return 2 // «وقف محمود طالب، …»: a function's bare head set off after a given name is the family name
		}
		if n == j+1 && r.spoken[bare(k)] && !definite(k) && !closedWord(k) && !givenNames[k] && !nameParticles[k] && k != keyAbd &&
			(last || closedWord(r.key(n+1)) || prepositions[r.key(n+1)]) {
			return 2 // «كلاريسا مونتويا» where the article writes «تضيف مونتويا»: the family name it vouches for, whatever its shape
		}
		if n-j >= 2 && r.spoken[bare(r.key(n-1))] && !nameParticles[r.key(n-1)] && definite(k) && !strings.HasSuffix(plain(r.toks[n].Text), "ي") && !givenNames[k] && r.isKnown(n) {
			return n - j // «دعا أبي نادر القوى السياسية» where the article writes «وأوضح أبي نادر»: the family name ended it
		}
		if chain && !particle && !nameParticles[k] && n-2 > j && definite(r.key(n-1)) && r.key(n-2) != keyAbd && !givenNames[r.key(n-1)] &&
			!definite(k) && !r.unknown(n) && !closedWord(k) && n+1 < hi && r.joined(n+1) && func() bool { h, _ := headOf(r.key(n + 1)); return h != "" }() {
			// «الأستاذ خالد بن عبد العزيز الفهيد تهاني أمير المنطقة»: after
			// a chain's family name, a known word a function follows is the
			// object, whatever name it also is.
			return n - j
		}
		if chain && !particle && !nameParticles[k] && n-1 > j && definite(r.key(n-1)) && !givenNames[k] && !r.unknown(n) &&
			!(definite(k) && nisba(k) && nisba(r.key(n-1)) && !r.feminineElsewhere(k)) && // («عبد الصمد العلمي الإدريسي»: two family names in «ـي»)
			(nisba(r.key(n-1)) && r.key(n-2) != keyAbd && !givenNames[r.key(n-1)] || n-2 >= j && filial[r.key(n-2)] && honorifics[r.key(n-1)] == "" && !givenNames[r.key(n-1)]) {
			// («كريم عبد الغني الشهال»: «الغني» is God's name after «عبد», not a family name in «ـي».)
			// «عبدالله بن خميس العبري أواني فخارية», «خديجة بن الطالب تتوج»:
			// the family name ended it.
			return n - j
		}
		if (given || r.unknown(j)) && !particle && !nameParticles[k] && !r.nameWord(n, n-j, given) {
			if f := r.nameEndAhead(j, n, hi); f > 0 {
				n += f // the article names them by that family name alone
				onlyGiven, chain = false, true
				continue
			}
		}
		if (k == keyHajj || k == keySayyid) && (onlyGiven || n-j >= 2) && n+1 < hi && r.joined(n+1) && r.familyWord(n+1) && !accusative(r.key(n+1)) &&
			(n+2 >= hi || !r.joined(n+2) || closedWord(r.key(n+2)) || r.cliticWord(n+2) || nameParticles[r.key(n+1)]) {
			if nameParticles[r.key(n+1)] {
				n++ // «محمد السيد عبد العال»: the particle takes its word next
				particle, chain, onlyGiven = true, true, false
				n++
				continue
			}
			n += 2 // «وليد الحاج شاهين», «عادل السيد النجار»: inside the name
			onlyGiven = false
			continue
		}
		switch {
		case particle:
			particle = k == keyAbd // «بن عبد العزيز»: «عبد» takes the name of God after it too
		case r.foreignParticle(n) && n+1 < hi && r.joined(n+1) && (r.familyWord(n+1) || r.foreignParticle(n+1)):
			// «ماريا ديلا كروز», «إلس فان دن بروك»
			particle, chain, onlyGiven = true, true, false
		case k == keyWad && n+1 < hi && r.joined(n+1) && r.familyWord(n+1):
			// «الفاتح عبد الرحمن ود النور»: Sudan's «son of» inside a
			// name (never its start: «محلية ود الحليو» is a place).
			particle, chain, onlyGiven = true, true, false
		case r.hyphen[n]:
			onlyGiven = false // «جاي-وون», «كروغر-آيلرز»: the rest of the word
		case nameParticles[k] && !r.conjunct(n):
			particle, chain, onlyGiven = true, true, false // «ناصر بن سالم» has its family name
		case nameCompounds[k]:
		case r.nameWord(n, n-j, given):
			onlyGiven = onlyGiven && givenNames[k]
		case onlyGiven && n-j >= 2 && k == "الشيخ" && n+1 < hi && r.joined(n+1) && givenNames[r.key(n+1)] && n+2 < len(r.toks) && r.gapBefore(n+2) == gapComma:
			// «محمد سعيد الشيخ علي،»: given names, then a family name of
			// «الشيخ» and a given name that a comma sets off (the Levant's
			// «الشيخ علي», «الشيخ خليل»), not a sheikh after a name.
			n++
		case honorifics[k] != "" && definite(k) && (chain || n-j >= 2 || givenNames[r.key(j)] && (last || r.endsAt(n+1, hi))) && !r.nameAfter(n+1, hi):
			// A form of address no name follows ends the name as its
			// family name: «يوسف عبد الله الشيخ لوكالة …».
		case last && (closed || chain || onlyGiven && n-j >= 2 || r.lex != nil && r.unknown(n-1) && !r.isKnown(n) ||
			n-j >= 2 && n+1 < len(r.toks) && (r.gapBefore(n+1) == gapColon || r.gapBefore(n+1) == gapQuote) && !definite(k) && !r.accusativeAt(n) && !r.circumstantial(n, hi)) && r.familyWord(n) && !(kunyas[r.key(j)] && accusative(k)):
			// The family name that ends a name set off by commas or a
			// chain of «بن», «ولد»: «ميساء عبد الرحمن الشيخ،», «محمد ولد
			// الشيخ سيديا،», «سالم بن عوض باعبّاد،», «جان لوك موروا،» — a
			// word a form of address or an accusative elsewhere.
		case onlyGiven && n-j >= 2 && definite(k) && !titleAdjectives[k] && r.familyWord(n) && n+2 < len(r.toks) && r.joined(n+1) && n+1 < hi &&
			definite(r.key(n+1)) && !titleAdjectives[r.key(n+1)] && r.familyWord(n+1) && r.gapBefore(n+2) == gapComma:
			// «جابر ناصر الفهد الصباح،»: given names, then a grandfather's
			// and a family name that a comma sets off, whatever words
			// they also are.
			n++
		case (onlyGiven || givenNames[r.key(n-1)] || n-2 >= j && r.key(n-2) == "عبد") && n-j >= 2 && definite(k) && !titleAdjectives[k] && !closedWord(k) &&
			!r.commonNoun(n) && (r.endsAt(n+1, hi) || r.cliticWord(n+1) || r.constructObject(n+1, hi)):
			// Given names — or a father's given name —, then a definite
			// word that ends the phrase or that a complement follows: the
			// family name («عيسى محمد البوعينين:», «عدنان خليل الرقاد
			// بخطة», «لمى سمير العطار إلى»); the name has it («لمى جاسم
			// العريض تفاصيل المخطط»: the object follows).
			onlyGiven = false
		case r.bridge(n, hi):
			// A father's name the lexicon knows, between the given name
			// and a family name it does not: «حسن جبار المياحي».
			onlyGiven = false
		case (last && n-j >= 2 || r.endsAt(n+1, hi) && givenNames[r.key(n-1)]) && r.familyNisba(n):
			// («الدكتور حسن وهبي هذه المبادرة»: after a given name, where a
			// closed word follows.)
			// «عبد القادر حسن وارسمي:»: a family name in «ـي» that starts
			// with «و», where the phrase ends — nothing is joined after it.
		case accusative(k) && !closedWord(k) && r.lex == nil && last && n-j >= 2 && strings.HasSuffix(k, "يا") &&
			n+1 < len(r.toks) && r.gapBefore(n+1) == gapComma:
			// Without the lexicon, «ماريا لورنتي غارسيا،»: a foreign
			// family name in «ـيا» that a comma ends, not an adverb.
		case accusative(k) && !closedWord(k) && !pronounSuffixed(k) && !strings.HasSuffix(k, "ها") && r.lex != nil && last && n-j >= 2 && r.unknown(n-1) && !r.tanween(n) &&
			n+1 < len(r.toks) && r.gapBefore(n+1) == gapComma:
			// «المتعامل النيجري يوسفو مامادو غاربا،»: after a word the
			// lexicon does not know, a foreign family name in «ـا» that a
			// comma ends, not an adverb.
		case closedWord(k) || r.conjunct(n) || accusative(k):
			return n - j
		case closed:
		case onlyGiven || n == j+1 && r.unknown(j):
			// A lone given name, or a name word the lexicon does not know,
			// takes its family name when the phrase ends after it: «محمد
			// زيتونة،», «جان نويل بارو إلى», «يوهان كلاسن لوكالة».
			f := r.familyName(n, hi)
			if f == 0 {
				return n - j
			}
			onlyGiven = false
			n += f
			continue
		default:
			return n - j
		}
		n++
	}
	return n - j
}

// constructObject reports a known bare word at toks[p], no given name,
// that a definite word follows: a construct, the object after a name
// («افتتح كمال سعيد الفارس جلسة المجلس»).
func (r *reader) constructObject(p, hi int) bool {
	if p+1 < hi && r.joined(p+1) && r.bareWord(p, hi) && commonWordNames[r.key(p)] && func() bool { h, _ := headOf(r.key(p + 1)); return h != "" && !definite(r.key(p+1)) }() {
		return true // «… عبد العزيز الفهيد تهاني أمير المنطقة»: a given name that is far more often a common noun, of a function: the object
	}
	return p+1 < hi && r.joined(p+1) && r.bareWord(p, hi) && r.isKnown(p) && !givenNames[r.key(p)] && !nameParticles[r.key(p)] &&
		definite(r.key(p+1)) && !nisba(r.key(p+1))
}

// familyNisba reports a word in «و…ي» at toks[n] that «و» does not join:
// no given name («وعلي»), function or common noun with «ال» after «و».
func (r *reader) familyNisba(n int) bool {
	k := r.key(n)
	rest, ok := strings.CutPrefix(k, "و")
	if !ok || !nisba(k) || articleWithClitic(k) || givenNames[rest] || givenNames[k] {
		return false
	}
	h, _ := headOf(rest)
	return h == "" && !closedWord(rest)
}

// nameAfter reports a name starting at toks[p] in the phrase, as a form
// of address before it would introduce it.
func (r *reader) nameAfter(p, hi int) bool {
	return p < hi && r.joined(p) && r.nameStart(p, hi, r.key(p), ctxHonor)
}

// familyWord reports whether toks[p] may end a name as its family name:
// a word of letters that is no function word, verb, function, word joined
// by «و» or common noun with a proclitic; a form of address («الشيخ»)
// may.
func (r *reader) familyWord(p int) bool {
	k := r.key(p)
	if h, _ := headOf(k); h != "" || articleWithClitic(k) || len([]rune(k)) < 2 || r.tanween(p) || pronounSuffixed(k) || r.possessed(p) {
		return false
	}
	if accusativeFunction(k) {
		return false // «ينتخب أيوب بن عيسى رئيسا»: a function in the accusative
	}
	if rest, ok := strings.CutPrefix(k, "و"); ok && (conjunctOf(rest) || r.lex != nil && r.conjunct(p)) {
		return false // «وعلي»; without the lexicon «ويتفيلد» may be a name
	}
	if _, verb := isSpeechVerb(k); verb || stopWords[k] || sourceNouns[k] || speechNouns[k] || speechPronouns[k] || presiding[k] || sameAfter[k] {
		return false // (nor «زينب عباس نفسها،»: «herself»)
	}
	for _, c := range r.toks[p].Text {
		if !unicode.IsLetter(c) && !unicode.Is(unicode.Mn, c) {
			return false
		}
	}
	return true
}

// bridge reports a known bare word at toks[n] (one or two) followed by a
// word the lexicon does not know, a given name, a definite family name in
// «ـي» or the surname of someone named: the father's and grandfather's
// names of a name whose family name follows («سرى كاظم الربيعي», «حسن
// جبار المياحي», «نوري حمه رشيد»).
func (r *reader) bridge(n, hi int) bool {
	plainAt := func(p int) bool { // (not «ريما عوّاد تتقبّل التعازي»: a verb)
		if !r.bareWord(p, hi) {
			return false
		}
		k := r.key(p)
		return !strings.HasPrefix(k, "ل") && !r.imperfect(p) &&
			!(r.lex == nil && (strings.HasPrefix(k, "تت") || strings.HasPrefix(k, "يت")) && len([]rune(k)) >= 5)
	}
	family := func(p int) bool {
		if p >= hi || !r.joined(p) {
			return false
		}
		k := r.key(p)
		// A definite nisba cannot qualify the bare noun before it: it is a
		// family name («كاظم الربيعي»).
		return !accusative(k) && (nameParticles[k] && !r.conjunct(p) || givenNames[k] && !fakerNames[k] && !commonWordNames[k] || r.surnames[bare(k)] ||
			definite(k) && nisba(k) && !r.commonNoun(p) || r.unknown(p))
	}
	if !plainAt(n) {
		return false // without the lexicon unknown is never true: given names, particles and «ـي» still tell
	}
	return family(n+1) || plainAt(n+1) && family(n+2)
}

// bareWord reports a word at toks[p] that goes on the phrase and may be a
// part of a name: no function, definite word, accusative, closed word or
// word with a proclitic.
func (r *reader) bareWord(p, hi int) bool {
	if p >= hi || !r.joined(p) {
		return false
	}
	k := r.key(p)
	h, _ := headOf(k)
	return h == "" && len([]rune(k)) >= 2 && !eponymNouns[k] && !r.manner(p) && !definite(k) && !r.accusativeAt(p) && !closedWord(k) && !r.cliticWord(p) && !r.tanween(p) && !pronounSuffixed(k) && !r.possessed(p) &&
		!strings.ContainsAny(r.toks[p].Text, "0123456789٠١٢٣٤٥٦٧٨٩") // «ليث لرصيف22»
}

// endsAt reports whether a phrase ends before toks[p]: punctuation, a
// function word, a verb, a word joined by «و», a function, or the end.
func (r *reader) endsAt(p, hi int) bool {
	if p >= hi || !r.joined(p) {
		return true
	}
	k := r.key(p)
	h, _ := headOf(k)
	return closedWord(k) || r.conjunct(p) || h != ""
}

// familyName is how many known words from toks[n] end the phrase — one,
// or two when neither is definite —, 0 when the phrase goes on. A word the
// article also prints with «ال» is a common noun when the phrase goes on
// after it («قدم شريف فؤاد حلقة أمس» beside «الحلقة»); punctuation
// after it sets off a name («فاطمة حسن صغير،» beside «الصيد الصغير»).
func (r *reader) familyName(n, hi int) int {
	plainWord := func(p int) bool {
		return r.bareWord(p, hi) && !givenNames[r.key(p)] && !(r.isKnown(p) && r.defined[r.key(p)] && p+1 < hi && r.joined(p+1)) && !r.imperfect(p)
	}
	switch {
	case !plainWord(n) || n+1 < hi && r.joined(n+1) && kinPossessed[r.key(n+1)]:
		return 0 // («ويستعيد فؤاد وصية أبيه:»: a construct, the sentence's object)
	case (r.lex == nil || r.isKnown(n) && r.isKnown(n+1)) && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)) && !nisba(r.key(n+1)) &&
		(n+2 >= hi || !r.joined(n+2)) && n+2 < len(r.toks) && r.gapBefore(n+2) >= gapColon:
		return 0 // «وروت آمنة تفاصيل الرحلة:»: a noun and its genitive, the verb's object
	case r.endsAt(n+1, hi) || accusative(r.key(n+1)) || r.cliticWord(n+1):
		return 1 // «نبيل ضاهر مؤتمرا»: the object starts; «كلاسن لوكالة»: a complement
	case r.commonNoun(n+1) && !(r.lex == nil && prepPhrase(r.key(n))):
		// «عرض … سليم حداد الموازنة على»: a definite object the article
		// prints bare too (without the lexicon not after a word in «بـ»
		// or «لـ», «رحب … حمادة بخلاصات البعثة»: a preposition's noun).
		return 1
	case (plainWord(n+1) && !r.unknown(n+1) || nameCompounds[r.key(n+1)]) && (r.endsAt(n+2, hi) || r.cliticWord(n+2)):
		// «محمد زيتونة بوعزة إلى»; a compound, «إخلاص عوض الكريم إن».
		return 2
	}
	return 0
}

// prepPhrase reports a word in «بـ» or «لـ» that no family name of that
// shape is («بوعزة», «بلقاسم», «بن», «لحلو» are): a preposition's noun
// by its shape alone.
func prepPhrase(k string) bool {
	if belNames[k] || givenNames[k] || nameParticles[k] || len([]rune(k)) < 5 {
		return false
	}
	for _, p := range []string{"بو", "بن", "بل", "لح"} {
		if strings.HasPrefix(k, p) {
			return false
		}
	}
	return strings.HasPrefix(k, "ب") || strings.HasPrefix(k, "ل")
}

// imperfect reports a verb in the imperfect the lexicon reads as such — a
// word in «ت», «ي» or «ن» one of whose stems lacks that letter: «يقف عبده
// قاسم المقبلي», «ويستعيد فؤاد» — the sentence's verb, not a name.
func (r *reader) imperfect(p int) bool {
	if r.lex == nil {
		return r.imperfectShape(p)
	}
	w := plain(r.toks[p].Text)
	if rest, ok := strings.CutPrefix(w, "و"); ok && len([]rune(rest)) >= 3 && !givenNames[r.key(p)] {
		w = rest // «ويستعيد فؤاد»
	}
	rs := []rune(w)
	if len(rs) < 3 || !strings.ContainsRune("تين", rs[0]) || givenNames[r.key(p)] {
		return false
	}
	// A noun is its own stem («تقرير», «نصار»); a verb's stems are its
	// root and perfect («تقف»: «وقف», «قف»), never itself.
	// The perfects of the forms in «تـ» start with «ت» too: «تتقبّل» is
	// «تقبّل» with the prefix.
	stems := Stems(r.lex, w)
	return !slices.Contains(stems, w) && slices.ContainsFunc(stems, func(st string) bool {
		return []rune(st)[0] != rs[0] || len(rs) >= 4 && st == string(rs[1:])
	})
}

// imperfectShape is imperfect without the lexicon: a word in «ي», «ت»
// (or «و», «ف» and one of them), no given name, before a given name — the
// verb, then its subject («يقف عبده قاسم»); a family name does not come
// before a given name.
func (r *reader) imperfectShape(p int) bool {
	k := r.key(p)
	if givenNames[k] || p+1 >= len(r.toks) || !r.joined(p+1) || !givenNames[r.key(p+1)] {
		return false
	}
	if rest, ok := strings.CutPrefix(k, "و"); ok {
		k = rest
	} else if rest, ok := strings.CutPrefix(k, "ف"); ok {
		k = rest
	}
	return len([]rune(k)) >= 3 && (strings.HasPrefix(k, "ي") || strings.HasPrefix(k, "ت"))
}

// manner reports a word that looks like «بـ» and a noun of manner
// («بنبرة», «بابتسامة», «بحماس»): after a name, how it was said, never
// part of the name. Without the lexicon, the shape: «ب» and four letters
// or more ending in «ة», or «با» and a noun in «ة» — not «بو» («بوعجيلة»,
// «بوعلامة»: the Maghreb's family names).
func (r *reader) manner(p int) bool {
	k := plain(r.toks[p].Text)
	rs := []rune(k)
	if r.lex != nil || len(rs) < 4 || rs[0] != 'ب' || rs[1] == 'و' || givenNames[r.key(p)] || nameParticles[r.key(p)] {
		return false
	}
	// «بحسرة», «بمرارة»; «بصوت خافت:» — a noun and its adjective that a
	// colon or a comma ends.
	return len(rs) >= 5 && (rs[len(rs)-1] == 'ة' || rs[len(rs)-1] == 'ه') ||
		p+2 < len(r.toks) && r.joined(p+1) && r.gapBefore(p+2) >= gapComma && !definite(r.key(p+1))
}

// cliticWord reports a word with a proclitic before another word
// («للصحفيين», «باقتضاب», «وعدد»): no name. The lexicon's stems tell; without
// it only «ال» after a proclitic and «و» before a word of a closed class do.
func (r *reader) cliticWord(p int) bool {
	k := r.key(p)
	if articleWithClitic(k) || strings.HasPrefix(k, "و") && r.conjunct(p) {
		return true
	}
	w := plain(r.toks[p].Text)
	rs := []rune(w)
	if r.lex == nil || len(rs) < 4 || !strings.ContainsRune("بلكف", rs[0]) {
		return false
	}
	// A proclitic when no stem keeps the letter: «باقتضاب» is «اقتضاب»,
	// «فاضل» and «بدر» are themselves.
	stems := Stems(r.lex, w)
	return len(stems) > 0 && !slices.ContainsFunc(stems, func(st string) bool { return []rune(st)[0] == rs[0] })
}

// verbOpens reports «و» and a speech verb opening a sentence before a
// given name, its subject («وروى محمود عبد الحميد السيد، والد الطفل،»):
// «and he told», not «and» and the woman's name «روى».
func (r *reader) verbOpens(i int, key string) bool {
	f, verb := isSpeechVerb(key)
	return verb && !f.participle && (i == 0 || r.gapBefore(i) == gapStop || r.lineBreak(i)) &&
		i+1 < len(r.toks) && r.joined(i+1) && givenNames[r.key(i+1)]
}

// readMention reads the mention starting at toks[i] (before hi), nil when
// none starts there; n is the tokens read (at least one).
func (r *reader) readMention(i, hi int, ctx context) (m *mention, n int) {
	m = &mention{at: i}
	key := r.key(i)
	if r.adjective(i) {
		return nil, 1 // «مؤتمر صحفي»
	}
	if i > 0 && r.joined(i) && r.key(i-1) == keyAbd {
		return nil, 1 // «عبد الولي»: after «عبد», a name of God, never a function
	}
	if w := plain(r.toks[i].Text); w == "وإلى" || w == "والى" || w == "فإلى" {
		return nil, 1 // «وإلى جانبه، قدمت …»: «and to», whose key is the governor's «والي»
	}
	if w := strings.TrimLeft(plain(r.toks[i].Text), "وف"); w == "أمام" || w == "أمر" {
		// «وأمام مجلس الأمن، قدمت …»: «before», printed with the hamza
		// above (the imam's «إمام» has it below); «من أمر الرواتب»: «the
		// matter», not the commander «آمر».
		return nil, 1
	}
	if rest, ok := strings.CutPrefix(key, "و"); ok && i+1 < hi {
		h, _ := headOf(key)
		h2, _ := headOf(rest)
		if h == "" && honorifics[key] == "" && !givenNames[key] && len([]rune(rest)) >= 2 && !r.verbOpens(i, key) &&
			(h2 != "" || honorifics[rest] != "" || givenNames[rest] || nameParticles[rest] || rest == keyAbd && r.joined(i+1) && definite(r.key(i+1))) {
			m.conj, key = true, rest // «ووزير السكن», «وسعادة», «وأيمن سليم», «وعبد الوهاب …»
		}
	}
	if rest, ok := strings.CutPrefix(key, "ف"); ok && !m.conj && i+1 < hi && !givenNames[key] && givenNames[rest] && len([]rune(rest)) >= 3 && r.joined(i+1) {
		m.conj, key = true, rest // «، فحياة بن يوسف،»: «so» and the given name
	}
	if r.forGiven(i, hi) {
		// «بالنسبة لمحمد الهادي بن عمر»: «for» and a name, printed
		// without it as a conjunction's is (the clause after it is the
		// person's: «…، الذي يقول»).
		m.conj, key = true, r.key(i)[len("ل"):]
	}
	if rest := prepArticle(key); rest != "" && i+1 < hi && r.joined(i+1) {
		if h, fem := headOf(rest); h != "" && !fem {
			// «جمع الآباء بالمدير الجهوي للتعليم محمد …»; a feminine
			// form is as often a place («بالمدرسة», the school).
			m.prep, key = true, rest
		}
	}
	keyAt := func(j int) string {
		if j == i {
			return key
		}
		return r.key(j)
	}
	if h := pronounHonorifics[key]; h != "" {
		m.pronoun, m.end, m.fem = h, i+1, strings.HasSuffix(key, "ها")
		return m, 1
	}
	if o := ordinals[key]; o != 0 && i > 0 && r.joined(i) && (kana[r.key(i-1)] || func() bool { f, v := isSpeechVerb(r.key(i - 1)); return v && !f.participle }()) &&
		(i+1 >= hi || !r.joined(i+1) || closedWord(r.key(i+1)) || prepositions[r.key(i+1)]) {
		// «إذ قال الأول:», «فرد الثاني:», «وقال الأخير إن …»: one of the
		// people just named, by their order.
		m.ordinal, m.end, m.fem = o, i+1, strings.HasSuffix(key, "ه") || strings.HasSuffix(key, "ي") && key != "الثاني"
		return m, 1
	}
	if deceased[key] && (i == 0 || !r.joined(i) || kana[r.key(i-1)] || func() bool { f, v := isSpeechVerb(r.key(i - 1)); return v && !f.participle }()) &&
		(i+1 >= hi || !r.joined(i+1) || !givenNames[r.key(i+1)] && !nameParticles[r.key(i+1)] && honorifics[r.key(i+1)] == "") {
		// «وكان الراحل قد قال …», «يقول الفقيد»: the one the article
		// mourns (not «أسرة الراحل», a genitive; nor «الراحل سليم …», an
		// adjective before the name).
		m.dead, m.end, m.fem = true, i+1, strings.HasSuffix(key, "ه")
		return m, 1
	}
	if h, fem := headOf(r.keyOr(i+1, hi)); sameBefore[key] && h != "" && r.joined(i+1) {
		m.same, m.end, m.fem = true, i+2, fem // «نفس المتحدث», «ذات المصدر»
		return m, 2
	}
	j := i
	named := false
	afterAside := -1
	for j < hi && j-i < 24 {
		g := gapNone
		if j > i {
			if !r.narr[j] {
				break
			}
			g = r.gapBefore(j)
		}
		if j == afterAside {
			g = gapNone
		}
		k := keyAt(j)
		if a := r.aside(j); g == gapParen && !named && len(m.titles) > 0 && a > j && a < hi && a < len(r.toks) && r.gapBefore(a) == gapParen &&
			r.nameStart(a, hi, r.key(a), ctxAddress) && givenNames[r.key(a)] {
			// «النائبة عن حزب التجمع … (تواصل) منى منت أحمد سالم»: an
			// aside in brackets, then the holder's name.
			n := r.readName(a, hi, false)
			m.name, named = tokens(a, a+n), true
			j = a + n
			continue
		}
		if g == gapComma && !named && len(m.titles) > 0 && (k == "وهو" || k == "وهي") && j+1 < hi && r.joined(j+1) &&
			(givenNames[r.key(j+1)] || r.unknown(j+1)) && r.nameStart(j+1, hi, r.key(j+1), ctxAddress) {
			// «ويضيف الخبير، وهو صادق جبار الساعدي، المتنبئ …»: the one
			// meant before, named now.
			n := r.readName(j+1, hi, true)
			m.name, named, m.back = tokens(j+1, j+1+n), true, true
			j += 1 + n
			continue
		}
		if a := r.aside(j); g == gapParen && !named && len(m.titles) > 0 && a > j && a < hi && r.lex != nil {
			// «ممثلة منظمة الأمم المتحدة للطفولة (يونيسف) لمنطقة الخليج»:
			// the organisation's acronym in brackets, no holder's name;
			// the function goes on after it («(الفاو) في موريتانيا»).
			j, afterAside = a, a
			continue
		}
		if g == gapComma || g == gapParen {
			// Only an apposition goes on past a comma: a function after
			// the name, the name after a function.
			if named {
				// A function set off by a comma after the name is closed by
				// punctuation or the end: «سميرة قادري، وزير السكن عن …» is
				// an object.
				kt, second := k, false
				if rest, ok := strings.CutPrefix(k, "و"); ok && len(m.titles) > 0 && m.titles[len(m.titles)-1].appos {
					if h2, _ := headOf(rest); h2 != "" {
						kt, second = rest, true // «، أستاذة علم الحفريات …، ورئيسة فريق البحث الذي …»: a second function set off
					}
				}
				if h, hf := headOf(kt); h != "" && (second || !r.conjunct(j)) {
					t, n := r.readTitle(j, hi, kt, true)
					if m.fem && !hf && definite(k) && j+n < len(r.toks) && r.gapBefore(j+n) >= gapColon {
						// «سألت مراسلة الوكالة، آنا مارتينز، الوزير
						// البرتغالي:»: a man's function after a woman's name,
						// right before what she asks, is whom she asks.
						break
					}
					ts := []title{t}
					for j+n < hi && r.joined(j+n) {
						// «، نائب رئيس الوزراء وزير الخارجية في مملكة
						// بلجيكا،», «، مفتي الجمهورية ورئيس الأمانة
						// العامة …،»: a second function of the same person.
						k2 := r.key(j + n)
						if rest, ok := strings.CutPrefix(k2, "و"); ok && r.conjunct(j+n) {
							k2 = rest
						}
						if h2, _ := headOf(k2); h2 == "" {
							break
						}
						t2, n2 := r.readTitle(j+n, hi, k2, true)
						ts, n = append(ts, t2), n+n2
					}
					n += r.titleTail(j+n, hi)
					if !(second && j+n < hi && relatives[r.key(j+n)]) && (!r.endsAt(j+n, hi) || j+n < hi && r.joined(j+n)) {
						break
					}
					m.titles = append(m.titles, ts...)
					j += n
					continue
				}
				break
			}
			if len(m.titles) == 0 || k == "او" || relatives[k] {
				// («القائد المنتهية مهامه، أو أبو مصطفى»: another name, not
				// the function's holder set off; «وزير النقل، الذي وصل …»: a
				// relative clause.)
				break
			}
			a := j
			var honors []string
			for a < hi && (a == j || r.joined(a)) {
				ak := r.key(a)
				if h := honorifics[ak]; h != "" {
					honors = append(honors, h) // «، المهندسة رغد كاظم الموسوي،»
				} else if a == j && r.definiteAt(a) && !givenNames[ak] && !nisba(ak) && a+1 < hi && r.joined(a+1) &&
					(givenNames[r.key(a+1)] || r.nameStart(a+1, hi, r.key(a+1), ctxHonor)) {
					// «، الأوغاس محمد أبو بكر علي،»: a traditional title or a
					// description before the given name.
				} else if h, _ := headOf(ak); a == j && h != "" && r.definiteAt(a) && honorifics[ak] == "" && a+2 < hi && r.joined(a+1) && r.joined(a+2) &&
					r.definiteAt(a+1) && !givenNames[r.key(a+1)] && r.isKnown(a+1) && r.key(a+2) != "باسم" && r.nameStart(a+2, hi, r.key(a+2), ctxHonor) {
					// (not «، الناطق الرسمي باسم الحكومة،»: «on behalf of»)
					// «، الطبيب البيطري سيدي محمد ولد الطالب اعمر،», «،
					// الطبيب الجراح محمد …»: a profession and its
					// adjective before the name, as a form of address.
					a++
				} else if len(honors) > 0 && rankQualifier(ak) {
					// «، الرائد بحري سالم …،»: the arm of the rank.
				} else if !r.definiteAt(a) || !nisba(ak) || !r.isKnown(a) || givenNames[ak] {
					break // «، البرتغالي باولو أزيفيدو،»; «، المهدي بن حميدة،» is the name
				}
				a++
			}
			actx := ctxAppos
			if len(honors) > 0 {
				actx = ctxHonor
			}
			if a < hi && (a == j || r.joined(a)) && r.nameStart(a, hi, r.key(a), actx) {
				for p := j; p < a; p++ {
					if h, fem := headOf(r.key(p)); h != "" && p == j && a == j+1 && honorifics[r.key(p)] == "" {
						// «رئيسة الجلسة، القاضية فريدة بلعيدي»: a second
						// function of one word before the name, which a
						// transcript's «القاضية:» then gives her.
						m.titles = append(m.titles, title{words: []int{p}, heads: []string{h}, core: []string{h}, appos: true, fem: fem})
						m.fem = m.fem || fem
					} else if honorifics[r.key(p)] == "" {
						m.adjs = append(m.adjs, bare(r.key(p)))
					}
				}
				m.honors = append(m.honors, honors...)
				n := r.readName(a, hi, true)
				m.name, named = tokens(a, a+n), true
				j = a + n
				continue
			}
			break
		}
		if g != gapNone {
			break
		}
		h, fem := headOf(k)
		if eponymNouns[k] && j+1 < hi && r.joined(j+1) && givenNames[r.key(j+1)] {
			h = "" // «مدرسة فاطمة الزهراء»: a school named for someone, not a woman teacher
		}
		if h == keyGovernor && fem && !definite(k) && j+1 < hi && r.joined(j+1) && !definite(r.key(j+1)) && !givenNames[r.key(j+1)] {
			h = "" // «أعلنت محافظة دمشق»: the governorate («محافظة الغابات» is a woman's function)
		}
		if h != "" && !named && len(m.titles) == 0 && r.headAsName(j, hi, k) {
			h = ""
		}
		if rest, ok := strings.CutPrefix(k, "و"); ok && h == "" && !named && len(m.titles) > 0 && j > i {
			// «عضو لجنة الفتوى ورئيسة قسم شؤون المرأة», «رئيس مجلس
			// إدارة المصلحة ومديرها العام»: a second function of the
			// same person.
			h, fem = headOf(rest)
			if fem && strings.HasSuffix(plain(r.toks[j].Text), "ه") {
				fem = false // «ممثل البرنامج ومديره القطري»: «its director», the pronoun's «ـه», not «مديرة»
			}
			if h != "" && slices.Contains(m.titles[len(m.titles)-1].heads, h) {
				h = "" // «رئيس مجلس الوزراء ورئيس مجلس القضاء»: the same function again, another person
			}
			if h != "" {
				k = rest
			}
		}
		hon := r.honorAt(j, hi, k, named)
		if hon != "" && h != "" {
			// «المستشار», «الأستاذ», «السفير»: a form of address before a
			// name or another title, a function otherwise.
			if nk := r.keyOr(j+1, hi); j+1 < hi && r.joined(j+1) &&
				(honorifics[nk] != "" || r.nameStart(j+1, hi, nk, ctxAddress)) {
				h = ""
			} else {
				hon = ""
			}
		}
		if named && h != "" && definite(k) && !r.conjunct(j) && len(m.titles) == 0 {
			// «مريم بنت خلفان البلوشية المديرة العامة للغرفة،»: a definite
			// function right after the name that punctuation closes is in
			// apposition (one a name follows is someone else's: «… الوزير
			// أحمد»).
			if t, n := r.readTitle(j, hi, k, true); j+n < len(r.toks) && (!r.joined(j+n) || j+n >= hi) {
				t.fem = fem
				m.titles = append(m.titles, t)
				j += n
				continue
			}
		}
		switch {
		case named && (h == "" || definite(k) || r.conjunct(j)):
			// After the name only a function in apposition («عبيد بن خلفان
			// الظاهري وزير الطاقة»).
		case hon != "" && h == "" && definite(k) && r.surnames[bare(k)] && !r.nameAfter(j+1, hi):
			// «وتابع الشيخ:» after «يوسف عبد الله الشيخ»: the surname, as
			// no name follows the form of address.
			m.name, named = []int{j}, true
			j++
			continue
		case hon != "":
			m.honors = append(m.honors, hon)
			m.fem = m.fem || strings.HasSuffix(k, "ه") && !strings.HasSuffix(hon, "ه") // «الدكتورة», not «سعادة»
			j++
			continue
		case h != "" && !named && len(m.titles) > 0 && givenNames[k] && !definite(k) && j+1 < hi && r.joined(j+1) &&
			(nameParticles[r.key(j+1)] || givenNames[r.key(j+1)]):
			// «رئيس مجلس قروي المغيّر أمين عبد الرحيم أبو عليا»: after a
			// function, a given name spelt like one, a particle or given
			// name after it, is the name.
			n := r.readName(j, hi, false)
			m.name, named = tokens(j, j+n), true
			j += n
			continue
		case h != "" && !named && len(m.titles)+len(m.honors) == 0 && definite(k) && r.surnames[bare(k)] && (j+1 >= hi || !r.joined(j+1) || closedWord(r.key(j+1))):
			// «وأوضح الأمين أن …» after «المهندس مصطفى عبد الحفيظ
			// الأمين»: the family name of someone named, not «الأمين»
			// the secretary.
			m.name, named = []int{j}, true
			j++
			continue
		case h != "" && named && m.fem && !fem && definite(k):
			// «سألت مراسلة الوكالة، آنا مارتينز، الوزير البرتغالي:»: a
			// man's function after a woman's name is her object.
		case h != "" && named && len(m.name) >= 2 && r.joined(j) && r.holderFollows(j, hi, k):
			// «وسأل النائب خالد أبو حسان وزير المياه والري المهندس باسل
			// المعايطة:»: a function right after a full name, then a form
			// of address and a name, is the object's — whom he asks.
		case h != "":
			t, n := r.readTitle(j, hi, k, named)
			t.fem = fem
			m.fem = m.fem || fem
			m.titles = append(m.titles, t)
			j += n
			if j < hi && r.joined(j) && sameAfter[r.key(j)] {
				m.same = true // «المتحدث ذاته», «المستشارة نفسها»
				j++
				if j < hi && r.gapBefore(j) == gapComma && r.apposedName(j, hi) {
					// «ويضيف الخبير ذاته، محمد السعيدي، أستاذ …»: the one
					// meant before, named now.
					n := r.readName(j, hi, true)
					m.name, named, m.same, m.back = tokens(j, j+n), true, false, true
					j += n
				}
				break
			}
			continue
		case !named && j > i && honorifics[keyAt(j-1)] != "" && definite(k) && r.lex != nil && r.isKnown(j) &&
			!r.nameStart(j, hi, k, ctxHonor) && (r.nameAfter(j+1, hi) || honorifics[r.keyOr(j+1, hi)] != ""):
			// «اللواء المتقاعد عبد القادر …», «صاحب السمو الملكي الأمير …»:
			// an adjective of the form of address, then the name or another; only the lexicon tells it from a
			// name that looks definite («الدكتورة أليساندرا فيتوري»).
			m.adjs = append(m.adjs, bare(k))
			j++
			continue
		case !named && len(m.titles) > 0 && definite(k) && !givenNames[k] && (personShape(bare(k)) && r.isKnown(j) || nisba(k)) && j+1 < hi && r.joined(j+1) &&
			(givenNames[r.key(j+1)] || !definite(r.key(j+1)) && r.nameStart(j+1, hi, r.key(j+1), ctxAddress)):
			// «الممثلة المخضرمة زهية بلقاسمي»: an adjective of the
			// function, then the name.
			m.adjs = append(m.adjs, bare(k))
			j++
			continue
		case !named && j > i && (honorifics[keyAt(j-1)] != "" || j-1 > i && honorifics[keyAt(j-2)] != "" && rankQualifier(keyAt(j-1))) &&
			(rankQualifier(k) || k == keyWar && keyAt(j-1) == arabic.Key("أركان")):
			// («الملازم أول ممرضة …», «اللواء الركن مهندس …»: two of them.)
			// «الرائد بحري مفتاح …», «اللواء الركن …»: the arm or staff of a
			// rank, not the name.
			m.adjs = append(m.adjs, k)
			j++
			continue
		case !named && len(m.honors) > 0 && len(m.titles) == 0 && definite(k) && strings.HasSuffix(k, "ي") && r.feminineElsewhere(k):
			// «اللواء السعودي»: the nation of the one of that rank
			m.adjs = append(m.adjs, bare(k))
			j++
			continue
		case pluralHead(k):
			m.plural = true
			j++
		case !named && len(m.titles) > 0 && j-2 >= i && eponymKin[r.key(j-1)] && eponymNouns[bare(r.key(j-2))] && r.nameStart(j, hi, k, ctxAddress):
			// «رئيس جامعة الإخوة منتوري قسنطينة 1»: the family an
			// institution is named after, no holder of the function.
			n := r.readName(j, hi, false)
			r.endFunction(m, j, j+n)
			j += n
			t := &m.titles[len(m.titles)-1]
			for j < hi && r.joined(j) && startsWithDigit(r.toks[j].Text) {
				t.words = append(t.words, j)
				j++
			}
			continue
		case !named && r.nameStart(j, hi, k, r.context(m, ctx, j > i && (honorifics[keyAt(j-1)] != "" ||
			len(m.honors) > 0 && len(m.titles) == 0 && (rankQualifier(keyAt(j-1)) || keyAt(j-1) == keyWar)))):
			// (After a rank and its arm, as after the rank: «العقيد أركان حرب تامر …».)
			n := r.readName(j, hi, false)
			if e := j + n; len(m.titles) > 0 && n >= 2 && e+1 < hi && r.joined(e) && r.gapBefore(e+1) == gapComma && !definite(r.key(e)) &&
				r.familyWord(e) && !r.accusativeAt(e) && !closedWord(r.key(e)) && !r.conjunct(e) {
				n++ // «عضو المجلس البلدي محمد ديب شعيب،»: after a function, the word a comma ends is the family name, whatever else it means
			}
			if len(m.titles) > 0 && (!givenNames[k] && !nameParticles[k] || n == 1 || r.cliticWord(j)) && r.apposedName(j+n, hi) {
				// «والي جهة الرباط سلا القنيطرة، مراد الوزاني»: the
				// name set off after the comma is the person's; the words
				// before it end the function.
				r.endFunction(m, j, j+n)
				j += n
				continue
			}
			m.name, named = tokens(j, j+n), true
			m.unsure = r.unsureName(m.name, hi)
			j += n
			continue
		case !named && len(m.titles) > 0 && (strings.HasPrefix(k, "ب") || strings.HasPrefix(k, "ل")) && len([]rune(k)) >= 4 && !closedWord(k) &&
			!givenNames[k] && !nameParticles[k] && !belNames[k] && j+1 < hi && r.joined(j+1) && givenNames[r.key(j+1)] && mentionStarts[r.key(j+1)] &&
			r.nameStart(j+1, hi, r.key(j+1), ctxAddress):
			// «المدير الجهوي للصحة بالقصرين الهادي بن صالح …», «رئيسة
			// الجمعية بصور عائشة بنت سالم»: the place of the function,
			// then its holder's name.
			t := &m.titles[len(m.titles)-1]
			t.words = append(t.words, j)
			t.qual = append(t.qual, bare(k[2:]))
			j++
			continue
		case !named && len(m.titles) > 0 && r.lex != nil && !r.unknown(j) && !r.cliticWord(j) && r.familyName(j, hi) > 0:
			// «وزير الصحة أكلي مزيان إن»: after a function, known words
			// that end the phrase are a name (an object goes on: «وزير
			// الصحة ضرورة الالتزام»); only the lexicon can say they are
			// no clitic and preposition.
			f := r.familyName(j, hi)
			if r.apposedName(j+f, hi) {
				// «… مستودع الحافلات بباب سعدون، محمد علي الزواري،»: the
				// name set off after the comma is the holder's; these
				// words end the function.
				r.endFunction(m, j, j+f)
				j += f
				continue
			}
			m.name, named = tokens(j, j+f), true
			j += f
			continue
		case !named && len(m.titles) > 0 && r.placeBeforeName(j, hi) > j:
			// «والي جهة الرباط سلا القنيطرة، مراد الوزاني»: words up to a
			// comma after which the person is named end the function.
			e := r.placeBeforeName(j, hi)
			r.endFunction(m, j, e)
			j = e
			continue
		case !named && len(m.titles) > 0 && r.surnames[bare(k)] && k != keyAli:
			// (not the preposition «على», whose key the name «علي» has in
			// surnames: «شدّد قائد القوات البرية على أن …»)
			// «الوزير العمر»: a title and the surname of someone named.
			m.name, named = []int{j}, true
			j++
			continue
		}
		break
	}
	m.end = j
	if len(m.honors) == 0 && len(m.titles) == 0 && len(m.name) == 0 && !m.plural && !m.same {
		return nil, max(j-i, 1)
	}
	return m, j - i
}

// adjectiveHeads are functions that are also adjectives of things
// («مؤتمر صحفي», «المؤتمر الصحفي»).
var adjectiveHeads = keySet("صحفي صحفيه")

// adjective reports a function at toks[i] that qualifies the noun before
// it: an adjectiveHead as definite as a common noun right before it.
func (r *reader) adjective(i int) bool {
	k := r.key(i)
	if !adjectiveHeads[bare(k)] || !r.joined(i) {
		return false
	}
	p := r.key(i - 1)
	if _, verb := isSpeechVerb(p); verb || definite(p) != definite(k) || stopWords[p] || honorifics[p] != "" {
		return false
	}
	h, _ := headOf(p)
	return h == "" && !givenNames[p] && (speechNouns[p] || sourceNouns[p] || r.isKnown(i-1) && !r.unknown(i-1))
}

// apposedName reports a comma before toks[j] and a name after it, past
// forms of address («، المهندس كريم بوعزة،»), that starts with a given
// name or a particle or has a particle second («، ثريا بن عمار.»).
func (r *reader) apposedName(j, hi int) bool {
	if j >= hi || !r.narr[j] || r.gapBefore(j) != gapComma {
		return false
	}
	for j+1 < hi && r.joined(j+1) && honorifics[r.key(j)] != "" {
		j++
	}
	k := r.key(j)
	second := j+1 < hi && r.joined(j+1) && nameParticles[r.key(j+1)] && !r.conjunct(j+1)
	return (givenNames[k] || nameParticles[k] || second) && r.nameStart(j, hi, k, ctxAppos)
}

// endFunction adds toks[from:to] to m's last function as its qualifiers:
// words of a place or a body that end it before its holder's name.
func (r *reader) endFunction(m *mention, from, to int) {
	t := &m.titles[len(m.titles)-1]
	for p := from; p < to; p++ {
		t.words = append(t.words, p)
		t.qual = append(t.qual, bare(r.key(p)))
	}
}

// placeBeforeName is where up to six open-class words from toks[j] end
// at a comma followed by a name (apposedName); j when they do not. Definite
// nouns joined by «و» are one body's («بوزارة الاقتصاد والتجارة بحكومة
// الوحدة الوطنية، خالد …»).
func (r *reader) placeBeforeName(j, hi int) int {
	e := j
	for ; e < hi && e-j <= 6 && (e == j || r.joined(e)); e++ {
		k := r.key(e)
		possessive := strings.HasSuffix(k, "ها") // «المكلفة بتسيير شؤونها،»: no accusative
		if h, _ := headOf(k); closedWord(k) || h != "" || givenNames[k] || accusative(k) && !possessive {
			return j
		}
	}
	if e == j || e-j > 6 || !r.apposedName(e, hi) {
		return j
	}
	for p := j; p < e; p++ {
		if r.conjunct(p) && !(p > j && strings.HasPrefix(r.key(p), "وال") && definite(r.key(p-1))) {
			return j
		}
	}
	return e
}

// keyOr is the key of toks[j], "" past hi.
func (r *reader) keyOr(j, hi int) string {
	if j >= hi || j >= len(r.toks) {
		return ""
	}
	return r.key(j)
}

// context is where a name would start in m: after its forms of address or
// functions a name is expected, right after a form of address whatever
// word follows (afterHonor).
func (r *reader) context(m *mention, ctx context, afterHonor bool) context {
	if afterHonor {
		return ctxHonor
	}
	if len(m.honors) > 0 || len(m.titles) > 0 || m.conj {
		return max(ctx, ctxAddress)
	}
	return ctx
}

func tokens(lo, hi int) []int {
	out := make([]int, 0, hi-lo)
	for j := lo; j < hi; j++ {
		out = append(out, j)
	}
	return out
}

// readTitle reads the function whose head is toks[j] (headOf): an
// indefinite head takes its genitive («وزير الصحة», «نائب رئيس الوزراء»
// — a «نائب», not a «رئيس» —
// «رئيس جمعية دعم مرضى السرطان»), a definite one none; then adjectives
// («العامة», nisba «العراقي»), nouns joined by «و» («والتعليم العالي»),
// and qualifiers: «لـ» phrases after a complement («المدير العام للدفاع
// المدني»), «باسم», «عن» after «نائب» or «ممثل», and «في», «مع» when a
// name or a comma follows (or in apposition: «الأستاذ في جامعة لايبزيغ»).
// A definite word the lexicon does not know is a name, not an adjective.
func (r *reader) readTitle(j, hi int, k0 string, appos bool) (title, int) {
	h, fem := headOf(k0)
	t := title{words: []int{j}, heads: []string{h}, core: []string{h}, appos: appos, fem: fem}
	open := !definite(k0) // the last word is an indefinite noun that awaits its genitive
	proper := -1          // the last genitive, maybe a proper noun («تيزي» «وزو»)
	n := j + 1
	add := func(core bool) {
		t.words = append(t.words, n)
		b := bare(r.key(n))
		if w, ok := strings.CutPrefix(r.key(n), "و"); ok && r.conjunct(n) && !outletNouns[r.key(n)] {
			b = bare(w) // «والسيادة» is «سيادة» joined («وكالة» is itself)
		}
		if core {
			t.core = append(t.core, b)
		} else {
			t.qual = append(t.qual, b)
		}
		n++
	}
	inQual := false
	// The cases go from the cheapest test to the dearest: the lexicon is
	// asked only when the shape of a word cannot tell.
	for n < hi && r.joined(n) && len(t.words) < 14 {
		k := r.key(n)
		hk, hkFem := headOf(k)
		switch {
		case open && placeNouns[bare(r.key(n-1))] && !definite(k) && n+2 < hi && r.gapBefore(n+1) == gapComma && r.joined(n+2) && (r.apposedName(n+1, hi) || namePrefixes[r.key(n+1)] && givenNames[r.key(n+2)]):
			// «عمدة بلدية عرفات، سيدي محمد ولد اباه»: the place's name,
			// whatever name it also is, when the holder's follows the comma.
			add(true)
			open, proper = false, -1
		case n-2 >= j && royalTitles[r.key(n-1)] && eponymNouns[bare(r.key(n-2))] && (givenNames[k] || k == keyAbd ||
			!definite(k) && !closedWord(k) && honorifics[k] == "" && hk == "" && !accusative(k)):
			// («جامعة السلطان قابوس»: a ruler's name the lists lack)
			// «رئيس جامعة الملك خالد الأستاذ الدكتور …»: the eponym's
			// title and name are the institution's, as after «بـ».
			add(false)
			if k == keyAbd && n < hi && r.joined(n) {
				add(false) // «جامعة الملك عبد العزيز»
			}
			open, proper = false, -1
		case k == keyAal && len(t.words) == 1 && h == headSheikh && n+1 < hi && r.joined(n+1):
			add(true) // «شيخ آل فاضل»: the tribe is the function's
			add(true)
			open, proper = false, -1
		case (honorifics[k] != "" && !(open && !r.nameAfter(n+1, hi))) || pronounHonorifics[k] != "" || sameAfter[k] || pluralHead(k) && !open:
			// (A form of address no name follows is the genitive a
			// construct awaits: «رئيسة الفريق» is the team's head, «مندوب
			// صحيفة اللواء» the newspaper's; «… الفريق الركن فلان», a rank.)
			return t, n - j // a plural the construct awaits is its genitive: «رئيس مجلس المفوضين»
		case k == "باسم" && !inQual && spokesmen[h] && r.spokenFor(n, hi) > n:
			// «المتحدث باسم مليشيا عشيرة رير آدم، حسن …»: whom a
			// spokesman speaks for, up to the comma.
			for end := r.spokenFor(n, hi); n < end; {
				add(false)
			}
			inQual, open, proper = true, false, -1
		case k == "باسم" && !inQual && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)):
			// «متحدث باسم الوزارة»: «in the name of», not the name «باسم».
			end, _ := r.qualifier(n, hi, h, appos)
			for n < end {
				add(false)
			}
			inQual, open, proper = true, false, -1
		case open && n-1 > j && k == keyLada && r.isKnown(n-1) && r.ladaHolder(n, hi) > n:
			// «سفيرة لبنان لدى الكرسي الرسولي ندى حداد»: where the
			// function is held, then its holder's given name.
			for end := r.ladaHolder(n, hi); n < end; {
				add(false)
			}
			inQual, open, proper = true, false, -1
		case open && (n-1 == j || r.isKnown(n-1)):
			// The genitive a construct awaits (a proper noun awaits none):
			// any noun, a place with «و» («ولاية وهران») too.
			party := partyNouns[bare(r.key(n-1))] && !prepositions[k] && !strings.HasPrefix(k, "و")
			// «رئيس أركان الفرقة», «الرئيس التنفيذي لمجموعة سراج للخدمات
			// اللوجستية»: a broad list's name, a definite word or a
			// qualifier after it, is the construct's genitive.
			commonGenitive := (fakerNames[k] || commonWordNames[k]) && !handNames[k] && !moreGivenNames[k] && n+1 < hi && r.joined(n+1) &&
				(definite(r.key(n+1)) || strings.HasPrefix(r.key(n+1), "لل") ||
					// «رئيس أركان جيش البر»: a construct chain goes on to a definite noun
					!givenNames[r.key(n+1)] && !nameParticles[r.key(n+1)] && r.key(n+1) != keyAbd && r.isKnown(n+1) && n+2 < hi && r.joined(n+2) && definite(r.key(n+2)) && !givenNames[r.key(n+2)])
			placeName := (placePrefixes[bare(r.key(n-1))] || n-1 > j && (eponymNouns[bare(r.key(n-1))] || eponymNouns[prepOff(r.key(n-1))])) && !closedWord(k) // «عضو بلدية كفر قاسم», «ناظرة مدرسة فاطمة الزهراء», «طبيبة بمستشفى شارل نيكول»: a place named with a given name
			outlet := n-1 == j && (mediaHeads[h] && sourceNouns[bare(k)] || outletNouns[k] ||                                                                  // «مراسلة وكالة الأنباء», «مديرة وكالة الحوض»: the body the function is of
				k == keySite && n+1 < hi && r.joined(n+1) && !closedWord(r.key(n+1)) && !givenNames[r.key(n+1)]) || // «مديرة موقع الجرف الأصفر»: the site she runs, no outlet
				outletNouns[k] && n+1 < hi && r.joined(n+1) // «مدير تحرير صحيفة السفير»: the outlet a construct chain goes on to
			model := givenNames[k] && n+1 < hi && r.hyphen[n+1] && startsWithDigit(r.toks[n+1].Text) // «مديرة مشروع نور-2»: a model's name and number
			if !party && !placeName && !outlet && !model && (closedWord(k) && k != keyTeam && !(honorifics[k] != "" && !r.nameAfter(n+1, hi)) || givenNames[k] && !definite(k) && !commonGenitive || strings.HasPrefix(k, "و") && conjunctOf(k[2:]) ||
				accusative(k) && !(r.lex != nil && r.unknown(n)) && !placeNouns[bare(strings.TrimPrefix(r.key(n-1), "و"))] &&
					!(n+1 < hi && r.joined(n+1) && givenNames[r.key(n+1)] && !givenNames[k] && !strings.HasSuffix(k, "تها") && !r.possessed(n))) {
				// («خارجية إيطاليا», «مركز ومدينة جرجا»: a place's name, whatever its shape;
				// «مدير فرع سبها حامد موسى …»: a word like an accusative that
				// the holder's given name follows is the construct's genitive)
				return t, n - j
			}
			if placeName && givenNames[k] && r.honorAhead(n, hi) {
				// «مدير عام مركز محمد بن راشد للفضاء سعادة المهندس عبيد
				// …»: the centre's eponym, up to the form of address that
				// names its director.
				for n < hi && r.joined(n) && honorifics[r.key(n)] == "" {
					add(false)
				}
				return t, n - j
			}
			if givenNames[k] && n+1 < hi && r.joined(n+1) && patronyms[r.key(n+1)] {
				return t, n - j // «حاكم مقاطعة كيفه الحسن ولد الداه»: a name, its «ولد» after it
			}
			if kunyaOf(k) == "ابو" && n-1 > j && n+2 < hi && r.joined(n+1) && r.joined(n+2) && !kunyaPlaces[r.key(n+1)] && !closedWord(r.key(n+2)) && !definite(r.key(n+1)) {
				// «وزير خارجية نيجيريا أبو بكر دانجوما»: a kunya and two
				// words after a construct is its holder's name (not «أبو
				// ظبي», «أبو غريب»: places).
				return t, n - j
			}
			if k == keyAbd && n+1 < hi && r.joined(n+1) && !royalTitles[r.key(n-1)] {
				return t, n - j // «مدرب جمعية وهران عبد القادر بلحاج»: a person's name starts, not «جامعة الملك عبد العزيز»
			}
			if r.lex == nil && n-2 > j && strings.HasPrefix(k, "ب") && !nameParticles[k] && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)) {
				// Without the lexicon «حاكم مقاطعة كنكوصة بحكمة الأعيان»
				// would read as one construct: a fourth word in «ب»
				// before a definite one is taken for a prepositional
				// phrase.
				return t, n - j
			}
			proper = n
			// «ولاية إبراء»: a proper noun closes the construct; so does
			// «سابق» («وزير سوداني سابق شارك …»: a verb follows).
			open = !definite(k) && !r.unknown(n) && k != "سابق" && k != "سابقه" && !placesInA[bare(k)] // («سفيرة إسبانيا في لبنان …»: a state's name is a proper noun)
			add(!inQual)
			if !definite(k) && n+1 < hi && r.joined(n) && r.joined(n+1) && r.unknown(n) && r.unknown(n+1) && !givenNames[r.key(n)] &&
				(n+2 >= hi || !r.joined(n+2) || closedWord(r.key(n+2))) && r.lex != nil {
				// «رئيسة ناميبيا نانغولا هاميوتا،»: a country the lexicon
				// knows, then two words it does not that end the phrase —
				// its holder's name.
				return t, n - j
			}
		case hk != "" && definite(k) && definite(k0) && len(t.words) == 1 && fem == hkFem:
			// (not «النائبة الوزير»: a woman's function, then a man's, her object)
			t.heads = append(t.heads, hk) // «الرئيس المدير العام»
			proper = -1
			add(true)
		case hk != "" && definite(k) && len(t.words) >= 2 && fem == hkFem && definite(r.key(n-1)) && !inQual && r.nameAfter(n+1, hi):
			// «رئيس المحكمة القاضي عبد الله …»: a second function of one
			// word right before the name, which a transcript's «القاضي:»
			// then gives him.
			t.heads = append(t.heads, hk)
			proper = -1
			add(true)
		case k == "المكلف" || k == "المكلفه":
			proper = -1
			add(true)
			if n < hi && r.joined(n) && strings.HasPrefix(r.key(n), "ب") {
				add(false) // «المكلف بالبيئة»
			}
		case definite(k) && !givenNames[k] && (titleAdjectives[k] || nisba(k) && r.isKnown(n) || elative(k) && r.isKnown(n)):
			proper = -1
			add(!inQual)
		case definite(k) && hk == "" && !givenNames[k] && !closedWord(k) && r.isKnown(n) && n+1 < hi && r.joined(n+1) &&
			(honorifics[r.key(n+1)] != "" || givenNames[r.key(n+1)] || func() bool { h, _ := headOf(r.key(n + 1)); return h != "" }() ||
				ownHead(r.key(n+1)) || inQual && strings.HasPrefix(r.key(n-1), "لل") && (strings.HasPrefix(r.key(n+1), "ل") || prepositions[r.key(n+1)])):
			proper = -1
			// «مدير أمن الجبل الأخضر العميد …»: an adjective the name
			// follows; «والي جهة العيون الساقية الحمراء عامل …»: or a
			// second function of the same person.
			add(!inQual)
		case strings.HasPrefix(k, "وال") && len(t.words) >= 2 && func() bool { h2, _ := headOf(k[2:]); return h2 != "" && !slices.Contains(t.heads, h2) }():
			// «الشريك المؤسس والرئيس التنفيذي لأجير»: a second function
			// of the same holder, read as its own (readMention).
			return t, n - j
		case strings.HasPrefix(k, "وال") && !givenNames[k[2:]] && r.conjunct(n):
			proper = -1
			add(!inQual) // «والتعليم»
		case strings.HasPrefix(k, "و") && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)) && !definite(k[2:]) &&
			!givenNames[k[2:]] && func() bool { h, _ := headOf(k[2:]); return h == "" }() && r.conjunct(n):
			open, proper = true, -1
			add(!inQual) // «وشؤون المغتربين»
		case strings.HasPrefix(k, "ل") && len(t.words) >= 2 && len([]rune(k)) >= 4 && !closedWord(k) && !givenNames[k] && (!audiences[k] || inQual && strings.HasPrefix(r.key(n-1), "ال") && n+1 < hi && r.joined(n+1) && definite(r.key(n+1))) && // «لمياء», «لطفي» are names; «لي» a surname
			// («للنقابة الوطنية للصحفيين التونسيين»: a body's name; «في الدفاع المدني للصحافيين في الموقع»: whom he told)
			!r.toUs(n) && // «وقال رئيس بلدية الجية لفريقنا:»: whom he told
			k[len("ل"):] != keyGate && // «قال مدير المحطة لبوابة الوسط:»: the site told («المدير العام لوكالة …», «لقناة …» may be his office's)
			!(r.lex != nil && r.unknown(n) && n+1 < hi && r.joined(n+1) && r.unknown(n+1) && !strings.HasPrefix(k, "لل")) && // nor «ليزبيت سوندرغارد»
			!(r.lex == nil && !strings.HasPrefix(k, "لل") && !placeNouns[k[2:]] && !institutions[k[2:]] && !eponymNouns[k[2:]] &&
				n+1 < hi && r.joined(n+1) && !definite(r.key(n+1)) && !closedWord(r.key(n+1)) &&
				(n+2 >= hi || !r.joined(n+2) || closedWord(r.key(n+2)))): // (without the lexicon, a «لـ» word and an indefinite one that end the phrase may be a name)
			inQual, proper = true, n
			// («للجنة الانتخابات»: «لـ» and «لجنة» in construct, not «لل».)
			open = !strings.HasPrefix(k, "لل") || institutions[k[len("ل"):]]
			add(false) // «للسياسة النقدية», «لشؤون الطاقة», «لسوناطراك»
			if eponymNouns[k[len("ل"):]] && n+2 < hi && r.joined(n) && r.joined(n+1) && r.joined(n+2) && givenNames[r.key(n)] && givenNames[r.key(n+1)] && patronyms[r.key(n+2)] {
				// «الرئيس التنفيذي لمنصة سراج تركي بن عبدالله»: the
				// platform's name, then its holder's name with its «بن».
				add(false)
				open = false
			}
		case strings.HasPrefix(k, "ب") && (len(t.words) >= 2 || eponymNouns[k[2:]] && n+1 < hi && r.joined(n+1) && givenNames[r.key(n+1)]) && !closedWord(k) && !givenNames[k] &&
			(placeNouns[bare(k[2:])] || eponymNouns[k[2:]] || councils[k[2:]] && n+1 < hi && r.joined(n+1) && definite(r.key(n+1)) || !articleWithClitic(k) && r.unknown(n) ||
				r.nisbaPrinted(k[2:]) || definiteCities[k[2:]] ||
				// Without the lexicon, «المدير الجهوي للتهذيب الوطني بلعصابة أن»:
				// a word in «بـ» that ends the phrase before «أن» is where the
				// function is held.
				r.lex == nil && !articleWithClitic(k) && len(t.words) >= 3 && n+1 < hi && r.joined(n+1) && complementizers[r.key(n+1)]):
			inQual, proper, open = true, -1, false
			// «مفوض العون الإنساني بولاية كسلا», «مدير الزراعة بسيئون»; an
			// indefinite place noun is followed by the place's name.
			noun := k[2:]                                  // without «ب»
			place := placeNouns[noun] || eponymNouns[noun] // «بجامعة وادي النيل»
			add(false)
			if nk := r.keyOr(n, hi); eponymNouns[noun] && royalTitles[nk] && n+1 < hi && r.joined(n+1) {
				// «بجامعة الملك سعود», «بجامعة الملك عبد العزيز»,
				// «بجامعة السلطان قابوس»: the eponym's title and name are
				// the institution's, its first word whatever it is.
				add(false)
				if k := r.keyOr(n, hi); n < hi && r.joined(n) && !closedWord(k) && !r.conjunct(n) && !givenNames[k] && !nameCompounds[k] && k != keyAbd && !nameParticles[k] {
					add(false)
				}
				for n < hi && r.joined(n) && (givenNames[r.key(n)] || nameCompounds[r.key(n)] || r.key(n) == keyAbd || nameParticles[r.key(n)]) {
					add(false)
				}
			} else if eponymNouns[noun] && givenNames[nk] && r.joined(n) {
				// «الأستاذ بجامعة شعيب الدكالي بالجديدة»: the name the
				// institution bears, up to a family name that ends it.
				add(false)
				for n < hi && r.joined(n) && (givenNames[r.key(n)] || nameCompounds[r.key(n)] || r.key(n) == keyAbd || nameParticles[r.key(n)] ||
					definite(r.key(n)) && nisba(r.key(n)) && (n+1 >= hi || !r.joined(n+1) || strings.HasPrefix(r.key(n+1), "ب"))) {
					add(false)
				}
			} else if place && r.joined(n) && !closedWord(nk) && !r.conjunct(n) && !r.cliticWord(n) {
				add(false) // the place's name, whatever its shape («كسلا»)
			}
		case prepositions[k] || k == "باسم" && !inQual: // a second «باسم» is the name («… باسم الحكومة باسم العلي»)
			end, ok := r.qualifier(n, hi, h, appos)
			if !ok {
				return t, n - j
			}
			for n < end {
				add(false)
			}
			inQual, open, proper = true, false, -1
		case proper == n-1 && !givenNames[k] && r.unknown(n) && r.unknown(proper):
			if (proper == j+1 || !r.unknown(proper-1)) && n+1 < hi && r.joined(n+1) && r.unknown(n+1) && (n+2 >= hi || !r.joined(n+2) || closedWord(r.key(n+2))) {
				// «رئيسة وزراء فانواتو إيلا ماتاو،»: three words the lexicon
				// does not know after the construct are a place of one
				// word and its holder's name of two.
				return t, n - j
			}
			proper = n
			add(!inQual) // «تيزي وزو»
		default:
			return t, n - j
		}
	}
	if inQual && n < hi && n+1 < len(r.toks) && r.narr[n] && r.gapBefore(n) == gapParen && r.gapBefore(n+1) == gapComma &&
		strings.TrimSpace(string(r.runes[r.toks[n-1].End:r.toks[n].Start])) == "-" && !givenNames[r.key(n)] && !closedWord(r.key(n)) {
		add(false) // «النائب عن دائرة صيدا - جزين، سامر الأنصاري»: a district of two places
	}
	return t, n - j
}

// elative reports a definite word of the pattern «الأفعل» — a colour or a
// comparative («الأحمر», «الأعلى»): an adjective («الهلال الأحمر»).
func elative(k string) bool {
	rs := []rune(bare(k))
	return definite(k) && len(rs) == 4 && rs[0] == 'ا'
}

// ownHead reports «و» and a function head with the pronoun of the
// institution named before it («ومديرها العام»: and its director-general),
// a second function of the person the first names.
func ownHead(k string) bool {
	rest, ok := strings.CutPrefix(k, "و")
	h, _ := headOf(rest)
	return ok && h != "" && (strings.HasSuffix(rest, "ها") || strings.HasSuffix(rest, "ه"))
}

// eponymKin stand between an institution and the people it is named after
// («جامعة الإخوة منتوري», «مستشفى الشهيد …»).
var eponymKin = keySet("الاخوه الاخوين الشهيد الشهيده الشهيدين")

// outletNouns are the bodies among sourceNouns, which a function may be of
// («مديرة وكالة الحوض المائي», «رئيس تحرير صحيفة …»).
var keySite, keyAllah = arabic.Key("موقع"), arabic.Key("الله")

var outletNouns = keySet("وكالة صحيفة قناة إذاعة تلفزيون جريدة مجلة")

// holderFollows reports the function at toks[j] followed, once read, by
// a form of address and a name: its own holder, another person.
func (r *reader) holderFollows(j, hi int, k string) bool {
	_, n := r.readTitle(j, hi, k, false)
	e := j + n
	return e+1 < hi && r.joined(e) && honorifics[r.key(e)] != "" && r.joined(e+1) && r.nameAfter(e+1, hi)
}

// nursery are the words children call grown-ups by, which a television
// presenter's nickname takes («عرفتها أجيال من الأطفال باسم ماما سعاد»).
var nursery = keySet("ماما بابا عمو خالتو تيتا جدو")

// keyGate is «بوابة», a news site's name («بوابة الوسط», «بوابة الأهرام»)
// after «لـ», whom a speaker tells.
var keyGate = arabic.Key("بوابة")

// mediaHeads are the functions of the press, whose genitive is an outlet
// («مراسل قناة العربية», «مندوبة صحيفة الأيام»).
var mediaHeads = keySet("مراسل صحفي مندوب محرر")

// partyNouns take a party's or a movement's own name as their genitive,
// whatever word it is («مرشحة حزب تواصل», «حركة النهضة»).
var partyNouns = keySet("حزب حركة تيار جبهة ائتلاف قائمة")

// representatives are the functions «عن» qualifies («النائب عن ولاية
// الجلفة»).
var representatives = keySet("نائب ممثل مندوب وكيل محامي") // («وكيل الدفاع عن المتهم الأول»: whom the lawyer pleads for)

// qualifier reads a prepositional qualifier of a function starting at the
// preposition toks[p] and reports where it ends and whether it belongs to
// the title: «باسم المحكمة» always, «عن ولاية الجلفة» after «نائب» or
// «ممثل», any other («في لبنان», «مع البرلمان») in apposition or when a
// name, a form of address or a comma follows it — «وقال الوزير في كلمة
// الافتتاح» is the place of the speech, not the function.
func (r *reader) qualifier(p, hi int, head string, appos bool) (int, bool) {
	k := r.key(p)
	e := p + 1
	open := true // the preposition, then an indefinite noun, await a noun
	for e < hi && e-p <= 4 && r.joined(e) {
		ek := r.key(e)
		conj := strings.HasPrefix(ek, "و") && conjunctOf(ek[2:]) || !open && r.conjunct(e) && !(strings.HasPrefix(ek, "وال") && definite(r.key(e-1)))
		// («في البناء والأخشاب»: definite nouns joined by «و» are one place's)
		if givenNames[ek] && !closedWord(ek) {
			if end := r.apposedAfter(e, hi); end > e {
				e = end // «المسعف الكبير في نجمة داود الحمراء، يوسي بن شطريت»: a name set off after the place's
				break
			}
		}
		if e == p+2 && !definite(r.key(p+1)) && r.bareTwo(e, hi) {
			break // without the lexicon, «في بيروت جوفانا ريتشي أن»: one place word, then the name
		}
		if closedWord(ek) || givenNames[ek] || conj || accusative(ek) || audiences[ek] ||
			namePrefixes[ek] && e+1 < hi && r.joined(e+1) && givenNames[r.key(e+1)] { // «… توجنين سيد أحمد ولد …»
			break // a function may be its object: «عن محافظة البصرة»
		}
		if e > p+1 && definite(r.key(e-1)) && !definite(ek) && !strings.HasPrefix(ek, "ب") && !strings.HasPrefix(ek, "ل") && !strings.HasPrefix(ek, "وال") {
			// A definite noun ends the construct; a bare noun after it
			// starts another phrase, a name («باسم المفوضية سرى …»),
			// where one with «بـ», «لـ» goes on («في محطة البحوث بسيئون»).
			break
		}
		open = !definite(ek) && r.isKnown(e)
		e++
	}
	if e == p+1 {
		return p, false
	}
	switch {
	case k == "باسم", k == "عن" && representatives[head]:
		return e, true
	case k == keyLada && !r.withPronoun(p+1):
		// «الوزير المنتدب لدى رئيس الحكومة», «سفيرة لبنان لدى الكرسي
		// الرسولي»: where a function is held («لدى وصوله», a verbal noun
		// with its pronoun, is when).
		return r.heldAt(p, e), true
	case k != "في" && k != "مع":
		return p, false
	case appos:
		return e, true
	}
	if e >= hi {
		return p, false
	}
	if g := r.gapBefore(e); g == gapComma {
		return e, true
	}
	ek := r.key(e)
	if rest, ok := strings.CutPrefix(ek, "و"); ok && r.joined(e) && k != "مع" {
		if h, _ := headOf(rest); h != "" {
			return e, true // «رئيس النقابة للعاملين في البناء وعضو المكتب التنفيذي، فلان،»: a second function of the same holder follows
		}
	}
	if r.joined(e) && (ek == "في" || ek == "فى") {
		// «مسؤول التعاون في السفارة الفرنسية في بيروت جان لوك بيرنار»:
		// a second place, then the name.
		if e2, ok := r.qualifier(e, hi, head, appos); ok {
			return e2, true
		}
	}
	// After the place, a form of address, a given name, or two words the
	// lexicon does not know («في حالات الطوارئ كلاريسا مونتويا») — or of
	// which the article sets the second alone as a speaker («تضيف
	// مونتويا»): its holder.
	foreign := e+1 < hi && r.joined(e+1) && !closedWord(ek) && !definite(ek) &&
		(r.lex != nil && (r.unknown(e) || accusative(ek) && r.foreignInA(e, hi)) && r.unknown(e+1) || r.spoken[bare(r.key(e+1))] && !definite(r.key(e+1)))
	// Whom the holder then speaks to («رئيس فرقة الإنقاذ في الدفاع المدني
	// للصحافيين»): the place was a body's, definite words with no pronoun,
	// not the speech's («في كلمته للصحافيين»).
	body := audiences[ek] && r.joined(e) && e-p >= 2 && !slices.ContainsFunc(r.keys[p+1:e], func(k string) bool {
		return !definite(k) || speechNouns[bare(k)] || events[bare(k)] || pronounSuffixed(k)
	})
	return e, r.joined(e) && (honorifics[ek] != "" || givenNames[ek] || foreign || body || r.bareTwo(e, hi))
}

// bareTwo reports, without the lexicon, two bare words at toks[e] that end
// the clause after a function's place («في بيروت جوفانا ريتشي أن»): the
// holder's name, as a reporting clause has nothing else there.
func (r *reader) bareTwo(e, hi int) bool {
	if r.lex != nil || e+1 >= hi || !r.joined(e) || !r.joined(e+1) || e+2 < hi && r.joined(e+2) && !complementizers[r.key(e+2)] {
		return false
	}
	for _, p := range []int{e, e + 1} {
		k := r.key(p)
		if definite(k) || closedWord(k) || p == e+1 && accusative(k) || r.tanween(p) || r.cliticWord(p) || pronounSuffixed(k) || prepositions[k] {
			return false // (a first word in «ـا» may be a name: «جوفانا»)
		}
	}
	return true
}
