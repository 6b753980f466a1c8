package quotecheck

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
)

// Who said a quotation (docs/ARCHITECTURE.md, "Speakers"). The model has
// four layers:
//
//   - Mentions (mention.go): noun phrases that name a person — forms of
//     address, functions with their complements, names — read with closed
//     word classes (speakerwords.go) and, for names, the lexicon: a name is
//     a given name or a particle, or words the lexicon does not know, and it
//     ends at a known common word, a verb, a preposition, a function or a
//     word joined by «و».
//   - People: the mentions with a name, merged when one name holds the other
//     («عبد الكريم الجبوري» is «حيدر عبد الكريم الجبوري»), each with every
//     function, form of address and gender the article gives them, and the
//     other names it gives them with a verb of calling or in brackets
//     after the name (aliases, kunyas).
//   - Discourse: a quotation's speaker is the subject of its reporting
//     clause — before it, after it or splitting it; a verb with no subject
//     has the subject of its sentence, else the person speaking (the
//     focus); a quotation with no clause goes on with the focus. A
//     function, surname or pronoun of address is the person it fits, the
//     focus first, then the nearest mention before, then after. An object,
//     a news agency, an unnamed person («طبيب مقيم», a function no named
//     person holds as the sentence's subject) is nobody, and the answer is
//     then null rather than a guess — but for an indefinite trade noun the
//     clause ends on («فقال بائع ياميش إن») and a member of a group the
//     verb has as subject («وسأل أحد الصحفيين»), reported as described
//     (tradesperson, oneOfPerson).
//   - Validation (introduced): a speaker reported is a name of two words or
//     more, a surname given with a function, or a function nobody named
//     holds; a first name or common noun read alone is the person of a
//     fuller name holding it, else nobody, and half a name (the phrase goes
//     on with a word the model did not read, a patronym's phrase no fuller
//     name holds) is nobody; so is a profession no named person holds
//     («الخبير»). A function set off before a name (appositions) is that
//     person's wherever it stands alone.

// speakerOf is who said a quotation: the name as the article first names
// them in full, and their role; nil each when the article gives none.
type speakerOf struct {
	name, role *string
	source     *align.Span // the narration the speaker was read from (source)
}

// entity is a person of the article.
type entity struct {
	name  []string        // the fullest name, as printed
	keys  []string        // bare keys of name
	heads map[string]bool // the functions given them
	// femHeads are the functions given them in the feminine form
	// («المرشحة»): the masculine form of one («المرشح») is another person.
	femHeads map[string]bool
	honors   map[string]bool // their forms of address
	words    map[string]bool // bare keys of every word of their functions, name and adjectives
	places   bool            // a function whose complement is a place named only as such («عمدة المدينة»)
	role     *mention        // the first mention with a function
	fem      bool            // a woman: a feminine function, address, name or verb
	masc     bool            // a man: a masculine verb
	chair    bool            // presides the sitting («برئاسة»)
	at       []int           // the tokens where the article mentions them
	unsure   bool            // every mention of the name may go on (mention.unsure): the name is not known
	aliases  [][]string      // bare keys of other names the article gives them («أبو عمر»)
	alone    bool            // introduced by a given name alone (loneName), a name whole as it is
	// function is, for a person the article names only by function, that
	// function («وزيرة الصحة»); "" for a named person.
	function string
}

// discourse is the speaker model's state over one article.
type discourse struct {
	r           *reader
	people      []*entity
	mentions    []*mention // every mention of the narration, in order
	inPrep      map[*mention]bool
	first       []int // the first token of each quotation, -1 with none
	last        []int
	answerer    *entity         // who answers an interview's «ج:»
	interviewee *mention        // whom the article's interview is with («حوارا مع …»)
	goesOn      map[string]bool // bare keys the narration writes with more of a name after them (alwaysAlone)
}

// attribute finds the speaker of each quotation of a; lex tells names from
// common words (nil: the shape of words only).
func attribute(a *align.Article, runes []rune, lex Lexicon) []speakerOf {
	d := newDiscourse(a, runes, lex)
	d.collect()
	return d.attribute(len(a.Quotes))
}

func newDiscourse(a *align.Article, runes []rune, lex Lexicon) *discourse {
	r := &reader{toks: a.Words, runes: runes, lex: lex, known: map[string]bool{}, surnames: map[string]bool{}, families: map[string]bool{}}
	r.keys = make([]string, len(a.Words))
	r.narr = make([]bool, len(a.Words))
	for i, w := range a.Words {
		r.keys[i], r.narr[i] = w.Key, w.Prose && w.Quote < 0
		if w.Key == keyAli && strings.HasSuffix(w.Text, "ي") {
			r.keys[i] = nameAli // the name «علي», not the preposition «على»
		}
		if plain(w.Text) == "أمام" {
			r.keys[i] = prepAmam // «أمام المضيف»: the preposition, not «إمام»
		}
		if rest, ok := strings.CutSuffix(w.Key, keySheikh); ok && (rest == "" || rest == "و") && i+1 < len(a.Words) && tribes[a.Words[i+1].Key] {
			r.keys[i] = rest + headSheikh // «شيخ عشيرة البو حمدان»: a function; «الشيخ» stays a form of address
		}
		for _, p := range []string{"", "و", "ف"} {
			if w.Key == p+keyAbr && strings.ContainsRune(w.Text, 'ّ') {
				r.keys[i] = p + verbAbbar // «عبّر عن استيائه»: the verb, not the preposition «عبر»
			}
		}
		if rest, ok := strings.CutPrefix(w.Key, "ف"); ok && definite(rest) && !strings.HasPrefix(w.Text, "و") {
			if h, _ := headOf(rest); h != "" {
				r.keys[i] = "و" + rest // «فالباحث المغربي …»: a function after the conjunction «ف», read as after «و»
			}
		}
	}
	for _, q := range a.Quotes {
		r.spans = append(r.spans, [2]int{q.CharStart, q.CharEnd})
	}
	r.findGaps()
	r.spokenNames()
	r.commonNouns()
	d := &discourse{r: r, inPrep: map[*mention]bool{}}
	d.first, d.last = make([]int, len(a.Quotes)), make([]int, len(a.Quotes))
	for q := range d.first {
		d.first[q], d.last[q] = -1, -1
	}
	for i, w := range a.Words {
		if q := w.Quote; q >= 0 && w.Prose {
			if d.first[q] < 0 {
				d.first[q] = i
			}
			d.last[q] = i
		}
	}
	return d
}

// runEnd is the end of the run of narration from toks[lo]: up to the
// sentence's end or the next token outside the narration.
func (d *discourse) runEnd(lo int) int {
	r := d.r
	hi := lo + 1
	for hi < len(r.toks) && r.narr[hi] && r.gapBefore(hi) != gapStop {
		hi++
	}
	return hi
}

// collect reads every mention of the narration and makes the people.
func (d *discourse) collect() {
	r := d.r
	for lo := 0; lo < len(r.toks); {
		if !r.narr[lo] {
			lo++
			continue
		}
		hi := d.runEnd(lo)
		var prev *mention
		for j := lo; j < hi; {
			ctx := ctxNone
			if j > lo && r.joined(j) && d.speechVerbAt(j-1, lo) {
				if f, _ := isSpeechVerb(r.key(j - 1)); !f.participle {
					ctx = ctxSubject // «وتقول شريفة بنت …»: the subject's name, whatever its first word
				}
			}
			if j > lo+1 && r.joined(j) && r.joined(j-1) && r.addressee(j-1) && d.speechVerbAt(j-2, lo) {
				if f, _ := isSpeechVerb(r.key(j - 2)); !f.participle {
					ctx = ctxSubject // «يقول لنا وليد»: the subject after whom he tells
				}
			}
			if k := r.key(j); ctx == ctxSubject && (definite(k) && !closedWord(k) || kinPossessed[k] || companionOf(k)) && !givenNames[k] && j+1 < hi && r.joined(j+1) &&
				givenNames[r.key(j+1)] && (j+2 < hi && r.joined(j+2) && !closedWord(r.key(j+2)) && definite(k) || d.aloneAt(j+1, hi) || d.setOffAlone(j+1, hi)) &&
				func() bool { h, _ := headOf(k); return h == "" || companionOf(k) }() {
				// «قالت الخريجة لين الأحمد»: a description before the name
				// the verb's subject is; «تقول الممرضة هبة، التي …», «يقول
				// زميلها راشد،»: one before a first name alone.
				j++
			}
			topic := false
			if ctx == ctxNone && r.afterAmma(j, lo) && d.unreadUpToComma(j, hi) {
				ctx, topic = ctxSubject, true // «أما راجيف مينون، الرئيس التنفيذي …»: a foreign name the topic is
			}
			if ctx == ctxNone && givenNames[r.key(j)] && j+2 < hi && r.joined(j+1) && r.gapBefore(j+2) == gapParen && kunyaOf(r.key(j+2)) != "" {
				ctx = ctxAddress // «تستعيد سماح عودة (أم يزن) تلك الساعات»: a kunya in brackets vouches for the name before it
			}
			if ctx == ctxNone && r.afterAmma(j, lo) && givenNames[r.key(j)] && j+1 < hi && r.joined(j+1) {
				ctx = ctxAddress // «أما حسان المصري، والد تلميذين …»: «أما» announces a name, even one a broad list holds
			}
			if ctx == ctxNone && d.label(j, hi) {
				ctx = ctxSubject // «الأنصاري: “…”»: a transcript's speaker
			}
			if ctx == ctxNone && j+2 < hi && givenNames[r.key(j)] && !r.preposition(j) && r.joined(j+1) && r.joined(j+2) && filial[r.key(j+1)] &&
				!closedWord(r.key(j+2)) && !definite(r.key(j+2)) {
				ctx = ctxSubject // «ومن بين الضيوف عمار بن حمودة»: a given name a broad list holds, «بن» and a name after it
			}
			if ctx == ctxNone && j+2 < hi && r.lex != nil && r.unknown(j) && !r.perfectVerb(j) && r.joined(j+1) && r.joined(j+2) && patronyms[r.key(j+1)] &&
				!closedWord(r.key(j)) && !definite(r.key(j)) && !articleWithClitic(r.key(j)) && (givenNames[r.key(j+2)] || r.unknown(j+2)) {
				ctx = ctxSubject // «… في الخارج إسلمو ولد محمد الأمين»: a word no lexicon knows before «ولد» is the given name
			}
			if ctx == ctxNone && (d.beforePatronym(j, lo) || d.apposedForeign(j, lo)) {
				ctx = ctxSubject // «، اباه ولد ابو بكر،»: the word before «ولد» is the given name
			}
			if ctx == ctxNone && j > lo && r.joined(j) && definite(r.key(j-1)) && nationStem(r.key(j-1)) != "" &&
				j+1 < hi && r.joined(j+1) && (r.unknown(j) || r.unknown(j+1)) && !stopWords[r.key(j)] && !prepositions[r.key(j)] && !r.prepOnWord(j) {
				ctx = ctxAddress // «لخّص الروماني فلورين ماتيسكو»: a foreign name after its nationality
			}
			if n := d.describedAhead(j, hi); ctx == ctxNone && n > 0 {
				// «الفنانة المخضرمة نجوى بن سالم»: a description, then the
				// name; its words describe the person («وقالت المخضرمة»).
				if m, k := r.readMention(j+n, hi, ctxAddress); m != nil && len(m.name) > 0 && len(m.titles) == 0 {
					for p := j; p < j+n; p++ {
						m.adjs = append(m.adjs, bare(r.key(p)))
					}
					d.inPrep[m] = false
					d.mentions = append(d.mentions, m)
					prev = m
					j += n + k
					continue
				}
			}
			if j > lo+1 && r.joined(j) && r.joined(j-1) && royalTitles[r.key(j-1)] && eponymNouns[strings.TrimLeft(r.key(j-2), "وبل")] {
				j++ // «جامعة السلطان مولاي سليمان»: the eponym's title and name are the institution's
				continue
			}
			if pk := strings.TrimPrefix(r.key(max(j-1, 0)), "و"); j > lo && r.joined(j) && (eponymNouns[strings.TrimPrefix(pk, "ب")] || eponymNouns[strings.TrimPrefix(pk, "ل")]) {
				if honorifics[r.key(j)] == "" {
					// «نجمة داود الحمراء», «جامعة محمد الخامس», «شارع الحبيب
					// بورقيبة», «لجامعة الحسن الثاني»: an eponym, not a person
					j++
					continue
				}
				if j+1 < hi && r.joined(j+1) && (r.lex == nil || r.unknown(j+1)) && !givenNames[r.key(j+1)] &&
					(d.endsAlone(j+1, hi) || strings.HasPrefix(r.key(j+2), "ب") || strings.HasPrefix(r.key(j+2), "ل")) {
					j += 2 // «ثانوية العقيد عميروش»: the eponym's rank and one name (the lexicon knows no such word)
					continue
				}
				if j+1 < hi && r.joined(j+1) && givenNames[r.key(j+1)] && (j+2 >= hi || !r.joined(j+2)) {
					j += 2 // «مستشفى الشيخ زايد،», «مسجد الشيخ زايد»: the eponym's form of address and given name
					continue
				}
			}
			if ctx == ctxNone && !mentionStarts[r.key(j)] && !d.givenPair(j, hi) && !r.forGiven(j, hi) {
				j++ // most words start no mention: one lookup tells
				continue
			}
			m, n := r.readMention(j, hi, ctx)
			if m != nil && m.prep && len(m.name) == 0 {
				m, n = nil, 1 // «اتصل بالوزير»: an object the narration names nobody in
			}
			switch {
			case ctx == ctxSubject && m != nil && d.loneName(m):
				m.alone = true // «وقالت أمينة:»
			case m != nil && len(m.honors) > 0 && len(m.titles) == 0 && len(m.name) == 1 && m.end == m.name[0]+1 && d.endsAlone(m.name[0], hi) &&
				!definite(r.key(m.name[0])):
				m.alone = true // «أما الحاجة خيرة، التي تبيع …»: a form of address announces the name, whatever the word
			case topic && (m == nil || len(m.name) == 0):
				// («أما آنا بيلين غارسيا، الناطقة …»: without the lexicon the
				// words up to the comma are the name the function describes.)
				e := j
				for e < hi && (e == j || r.joined(e)) {
					e++
				}
				m, n = &mention{at: j, end: e, name: tokens(j, e)}, e-j
			case ctx == ctxSubject && !topic && (m == nil || !d.strongName(m)):
				m, n = r.readMention(j, hi, ctxNone) // «وقال بوزيدي في …»: a subject no name word vouches for
			}
			if m != nil && ctx == ctxSubject && j > lo && d.asker(m, j-1) {
				n = m.end - j
			}
			if m == nil && (d.introducedAlone(j, lo, hi) || d.posedAlone(j, lo, hi) || ctx == ctxSubject && (d.describedAlone(j, hi) || !topic && (d.aloneAt(j, hi) || d.setOffAlone(j, hi) || givenNames[r.key(j)] && d.endsAlone(j, hi) && accusative(r.key(j+1))))) {
				m, n = &mention{at: j, end: j + 1, name: []int{j}, alone: true}, 1 // «أما رياض، وهو موزع …», «وقالت سماح، وهي من سكان القرية»
			}
			if m != nil && len(m.name) > 1 && m.name[0] == j && j > lo && r.joined(j) && (prev == nil || prev.end < j) && d.givenBefore(j) {
				// «بدأ حمدي عبد الرحيم أبو ضيف»: a given name a broad list
				// holds, which starts no mention of its own, starts this one.
				m.at, m.name = j-1, append([]int{j - 1}, m.name...)
			}
			if m != nil {
				d.inPrep[m] = j > lo && d.prepBefore(j) || m.prep
				if j-lo >= 2 && r.key(j-1) == "مع" && interviews[r.key(j-2)] && d.interviewee == nil {
					d.interviewee = m // «أجرى … حوارا مع وزير الزراعة …»
				}
				d.mentions = append(d.mentions, m)
				if len(m.name) > 1 {
					r.families[bare(r.key(m.name[len(m.name)-1]))] = true
				}
				if j > lo && presiding[r.key(j-1)] {
					d.chair(m, j-1)
				}
				if counterpart(m) && prev != nil && len(prev.titles) > 0 {
					d.counterpart(m, prev)
				}
				if len(m.name) > 0 {
					prev = m
				}
			}
			j += n
		}
		lo = hi
	}
	d.duals()
	d.extendByLater()
	d.representing()
	// People: full names first, so that a surname alone joins them.
	for _, long := range []bool{true, false} {
		for _, m := range d.mentions {
			if len(m.name) > 0 && (len(m.name) > 1) == long {
				d.person(m)
			}
		}
	}
	d.headingNames()
	d.verbsBeforeParticles()
	d.firstNames()
	d.appositions()
	d.presiding()
	for _, e := range d.people {
		for _, k := range e.keys {
			r.surnames[k] = true
		}
	}
	d.aliases()
}

// headingNames completes a person the narration names from their
// father's name on («قال ولد أحمد سالم») with the given names a heading
// prints before it («مباشر | تنصيب الرئيس المنتخب محمد المختار ولد أحمد
// سالم»), and the function it gives them there.
func (d *discourse) headingNames() {
	r := d.r
	for _, e := range d.people {
		if len(e.keys) < 2 || !patronyms[e.keys[0]] || e.function != "" {
			continue
		}
		for p := 1; p+len(e.keys) <= len(r.toks); p++ {
			if r.narr[p] || r.toks[p].Quote >= 0 || r.gapBefore(p) != gapNone || !slices.Equal(keysOf(textsOf(r.toks[p:p+len(e.keys)])), e.keys) {
				continue
			}
			g := p
			for g > 0 && p-g < 3 && r.gapBefore(g) == gapNone && !r.narr[g-1] && r.toks[g-1].Quote < 0 && (givenNames[r.key(g-1)] || nameCompounds[r.key(g-1)] || givenNames[bare(r.key(g-1))]) {
				g--
			}
			if g == p || !givenNames[r.key(g)] {
				continue
			}
			e.name = append(textsOf(r.toks[g:p]), e.name...)
			e.keys = keysOf(e.name)
			for _, k := range e.keys {
				e.words[k] = true
			}
			if g > 0 && r.gapBefore(g) == gapNone {
				if h, _ := headOf(r.key(g - 1)); h != "" {
					e.heads[h] = true
				}
			}
			break
		}
	}
}

// textsOf is the printed words of toks.
func textsOf(toks []align.ArticleWord) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// presiding gives the person a verb of presiding or managing has as
// subject the function of head of what it presides or manages: «وقد ترأس
// لجنة التحكيم الشاعر عبد القادر بن سالم» — he is «رئيس لجنة التحكيم», so
// that «يقول رئيس اللجنة» names him; «نظمت النقابة ندوة …، وأدارتها
// الإعلامية منى عبد الرازق» — she is «مديرة الندوة», the event the
// pronoun stands for.
func (d *discourse) presiding() {
	r := d.r
	for v := range r.toks {
		if !r.narr[v] {
			continue
		}
		vk := strings.TrimLeft(r.key(v), "وف")
		head := headPresident
		var body []string
		switch {
		case presideVerbs[vk]:
		case manageVerbs[vk]:
			head = headManager
		case manageVerbs[strings.TrimSuffix(vk, "ها")] || manageVerbs[strings.TrimSuffix(vk, "ه")]:
			// «وأدارتها»: the event named last before the verb, a seminar's
			// title between («ندوة بعنوان الصحافة في زمن الذكاء الاصطناعي..
			// فرص ومخاوف»).
			head = headManager
			for q := v - 1; q >= 0 && q >= v-40 && len(body) == 0; q-- {
				if b := bare(r.key(q)); r.narr[q] && hostedEvents[b] {
					body = append(body, b)
				}
			}
			if len(body) == 0 {
				continue
			}
		default:
			continue
		}
		fixed := len(body) > 0
		for q := v + 1; q < len(r.toks) && q <= v+4 && r.joined(q) && r.narr[q]; q++ {
			i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == q })
			if i >= 0 {
				m := d.mentions[i]
				if e := d.personOf(m); e != nil && len(body) > 0 && len(m.name) >= 2 && !m.plural && e.function == "" {
					e.heads[head] = true
					for _, b := range body {
						e.words[b] = true
					}
				}
				break
			}
			if k := r.key(q); closedWord(k) || prepositions[k] {
				break
			}
			if !fixed {
				body = append(body, bare(r.key(q)))
			}
		}
	}
}

// presideVerbs are the verbs of presiding («ترأس», «ترأست», «يترأس»);
// manageVerbs those of managing a session («أدار», «أدارت», «يدير»).
var (
	presideVerbs = keySet("ترأس ترأست يترأس تترأس ترأسها ترأسه")
	manageVerbs  = keySet("أدار أدارت يدير تدير")
)

// duals give two people named after a dual function in construct the
// function each holds («بحضور نائبي المحافظ رانيا … وأحمد …»: each is
// «نائب المحافظ», not «المحافظ»).
func (d *discourse) duals() {
	r := d.r
	for i, m := range d.mentions {
		if m.at == 0 || len(m.titles) == 0 || len(m.name) == 0 || !r.joined(m.at) || !r.narr[m.at-1] {
			continue
		}
		head := dualHead(r.key(m.at - 1))
		if head == "" {
			continue
		}
		t := m.titles[0]
		if len(t.words) == 0 || t.words[0] != m.at {
			continue
		}
		dual := title{words: append([]int{m.at - 1}, t.words...), heads: []string{head}, core: append([]string{head}, t.core...), qual: t.qual, dual: true}
		m.titles[0] = dual
		if i+1 < len(d.mentions) {
			if n := d.mentions[i+1]; n.at == m.end && n.conj && len(n.titles) == 0 && len(n.name) > 0 {
				n.titles = []title{dual} // «… وأحمد عبد الفتاح سليم»: the other one
			}
		}
	}
}

// singular is a dual in construct as printed without its ending
// («نائبي», «نائبَيْ» → «نائب»).
func singular(w string) string {
	mark := func(c rune) bool { return unicode.Is(unicode.Mn, c) }
	w = strings.TrimRightFunc(w, mark)
	w = strings.TrimSuffix(strings.TrimSuffix(w, "ي"), "ا")
	return strings.TrimRightFunc(w, mark)
}

// dualHead is the function a dual in construct names («نائبي»,
// «مساعدا»: «نائب», «مساعد»); "" for none.
func dualHead(key string) string {
	for _, suf := range []string{"ي", "ا"} {
		if h, ok := strings.CutSuffix(key, suf); ok && !definite(key) && titleHeads[h] {
			return h
		}
	}
	return ""
}

// asker ends m, the subject of the speech verb at toks[v], where the one
// asked starts when v asks («وسأل مراسل إذاعة ميد راديو المدرب الرجاوي:»:
// the one asking, then the one asked); it reports whether it did.
func (d *discourse) asker(m *mention, v int) bool {
	if !askVerbs[strings.TrimPrefix(strings.TrimPrefix(d.r.key(v), "و"), "ف")] || len(m.name) > 0 {
		return false
	}
	if e := d.askedAt(m); e > m.at {
		m.end = e
		return true
	}
	return false
}

// askedAt is where the one asked starts in a mention after a verb of
// asking: a definite function after the first word of the asker's
// («مراسل إذاعة ميد راديو المدرب الرجاوي»); m keeps the functions
// before it. 0 for none.
func (d *discourse) askedAt(m *mention) int {
	for ti, t := range m.titles {
		for wi, p := range t.words {
			if p == m.at {
				continue
			}
			if h, _ := headOf(d.r.key(p)); h == "" || !definite(d.r.key(p)) {
				continue
			}
			cut := t
			cut.words = t.words[:wi]
			cut.heads = t.heads[:1]
			if len(cut.core) > wi {
				cut.core = cut.core[:wi]
			}
			m.titles = append(m.titles[:ti:ti], cut)
			if wi == 0 {
				m.titles = m.titles[:ti]
			}
			return p
		}
	}
	return 0
}

// askVerbs ask someone, who follows the one asking («وسأل مراسل الإذاعة
// المدرب:»).
var askVerbs = keySet("سأل سألت")

// keyPost is «بمنصب» (to the post of).
var keyPost = arabic.Key("بمنصب")

// representing gives a person named with «ممثلا …» after the name the
// function it says («الدكتور وليد عبد الساتر ممثلا وزير الثقافة», then
// «واعتبر ممثل الوزير»): the accusative of a function is theirs; so is
// the post «بمنصب» after the name gives them.
func (d *discourse) representing() {
	r := d.r
	for _, m := range d.mentions {
		if len(m.name) == 0 || m.end >= len(r.toks) || !r.joined(m.end) || !r.narr[m.end] {
			continue
		}
		k := r.key(m.end)
		hi := d.runEnd(m.end)
		if k == keyPost && m.end+1 < hi && r.joined(m.end+1) {
			// «فوز النائب فلان بمنصب رئيس المجلس»: the post they won.
			if h, fem := headOf(r.key(m.end + 1)); h != "" {
				t, n := r.readTitle(m.end+1, hi, r.key(m.end+1), true)
				if n >= 1 {
					t.fem = fem
					m.titles = append(m.titles, t)
				}
			}
			continue
		}
		if k != "ممثلا" && k != "ممثله" { // (a key: «ممثلة» is «ممثله»)
			continue
		}
		if m.end+1 >= hi || !r.joined(m.end+1) {
			continue
		}
		t, n := r.readTitle(m.end, hi, "ممثل", true)
		if n < 2 {
			continue
		}
		t.fem = k != "ممثلا"
		m.titles = append(m.titles, t)
	}
}

// extendByLater lengthens a name the reader ended one word early when the
// article elsewhere prints its last word and that word together, not
// after a given name («محافظ خوزستان محمد رضا موسوي نجاد حالة …» then «وقال موسوي
// نجاد»): the family name is two words.
func (d *discourse) extendByLater() {
	r := d.r
	for _, m := range d.mentions {
		if len(m.name) < 2 || m.end != m.name[len(m.name)-1]+1 || m.end >= len(r.toks) || !r.joined(m.end) || !r.narr[m.end] {
			continue
		}
		last, next := bare(r.key(m.end-1)), bare(r.key(m.end))
		if k := r.key(m.end); closedWord(k) || definite(k) || accusative(k) || r.tanween(m.end) {
			continue // («وختم الحمصي المؤتمر», «ولد علي مدربا»: an object)
		}
		for p := 0; p+1 < len(r.toks); p++ {
			if p != m.end-1 && r.narr[p] && r.narr[p+1] && r.joined(p+1) && bare(r.key(p)) == last && bare(r.key(p+1)) == next &&
				(p == 0 || !r.joined(p) || !givenNames[r.key(p-1)]) {
				m.name = append(m.name, m.end)
				m.end++
				break
			}
		}
	}
}

// loneName reports a verb's subject that is a given name alone («قال
// عبدالعزيز، أحد مشجعي المنتخب:», «وقالت أمينة:»): vox pops and features
// name people by their first name only. The name must be one a reader
// takes for a name (the hand list, not a broad list's common words), and
// what follows it must end it — punctuation, or a word that is no name
// («قال أحمد إن …», «في تصريح …»); a word the model does not read may be
// the rest of the name.
func (d *discourse) loneName(m *mention) bool {
	if len(m.name) != 1 || len(m.titles)+len(m.honors) > 0 || m.name[0] != m.at || m.conj {
		return false
	}
	return d.aloneAt(m.at, m.end)
}

// aloneAt reports toks[j] as a given name a reader takes for one, with
// nothing after it that could go on with the name.
func (d *discourse) aloneAt(j, hi int) bool {
	return readerGiven(d.r.key(j)) && !d.r.headline(j) && d.endsAlone(j, hi)
}

// endsAlone reports a word nothing that could be more of a name follows:
// punctuation, or a closed word («قال أحمد إن …»).
func (d *discourse) endsAlone(j, hi int) bool {
	r := d.r
	if j+1 >= len(r.toks) || !r.joined(j+1) || j+1 >= hi {
		return true
	}
	n := r.key(j + 1)
	// «يقول تميم مبتسماً»: a circumstance, with its tanween or a word the
	// lexicon knows that ends the phrase («ديارا» of «يوسفو ديارا» is the
	// family name).
	// A known word the name goes on with is not one («زهرة بابا واعمر»).
	circumstance := accusative(n) && (r.tanween(j+1) ||
		r.lex != nil && r.isKnown(j+1) && (j+2 >= len(r.toks) || !r.joined(j+2) || closedWord(r.key(j+2)) || prepositions[r.key(j+2)]))
	return closedWord(n) || prepositions[n] || stopWords[n] || circumstance
}

// alwaysAlone reports a given name the narration never writes with a word
// after it that may be more of the name («الشابة ماريا نصر على حسابها»
// then «ماريا:»: «نصر» may be her family name, whatever the model read),
// but inside another name read whole.
func (d *discourse) alwaysAlone(k string) bool {
	if d.goesOn == nil {
		// Once per article: a father's name or a family name in someone's
		// name («هبة الله مصطفى كامل») does not count.
		r := d.r
		inside := map[int]bool{}
		for _, m := range d.mentions {
			for _, j := range m.name[min(1, len(m.name)):] {
				inside[j] = true
			}
		}
		d.goesOn = map[string]bool{}
		for lo := 0; lo < len(r.toks); {
			if !r.narr[lo] {
				lo++
				continue
			}
			hi := d.runEnd(lo)
			for j := lo; j < hi; j++ {
				if !inside[j] && !d.endsAlone(j, hi) {
					d.goesOn[bare(r.key(j))] = true
				}
			}
			lo = hi
		}
	}
	return !d.goesOn[k]
}

// givenBefore reports a given name before toks[j], where a name of two
// words or more starts with a given name, «عبد» or «أبو» («فراس أبو عرابي»).
func (d *discourse) givenBefore(j int) bool {
	r := d.r
	k, p := r.key(j), r.key(j-1)
	h, _ := headOf(p)
	if (k == keyAbd || k == keyAbu || givenNames[k]) && givenNames[p] && !mentionStarts[p] && h == "" && !closedWord(p) {
		return true
	}
	// «إنه مبخوت علي الناجي»: after «إنه» whatever word starts the name.
	return givenNames[k] && j >= 2 && r.joined(j-1) && presentatives[r.key(j-2)] && h == "" && !closedWord(p) && !definite(p)
}

// companionOf reports a companion noun with a pronoun («زميلها»,
// «صديقه», «شقيقتها»): who the person is to someone the article names,
// before their first name («يقول زميلها راشد،»).
func companionOf(k string) bool {
	for _, suf := range []string{"هما", "هم", "ها", "ه"} {
		if stem, ok := strings.CutSuffix(k, suf); ok && companions[stem] {
			return true
		}
	}
	return false
}

// companions are the stems of companion and sibling nouns before a
// pronoun («زميل», «زميلت» of «زميلتها»).
var companions = keySet("زميل زميلت صديق صديقت رفيق رفيقت جار جارت شقيق شقيقت")

// presentatives present the person named after them («إنه مبخوت …»).
var presentatives = keySet("إنه إنها انه انها")

// introducedAlone reports a given name alone that the narration
// introduces as a person without a verb before it: after «أما» («أما
// رياض، وهو موزع …، فيلخص»), or set off by a comma before a description
// of who they are («علاء، بائع خضرة», «حسنين، 23 عامًا،», «مصطفى، وهو
// مشجع») — a participle the lexicon knows, not a word of any shape.
func (d *discourse) introducedAlone(j, lo, hi int) bool {
	r := d.r
	if j+1 < hi && r.gapBefore(j+1) == gapParen && startsWithDigit(r.toks[j+1].Text) && d.setOffAlone(j, hi) {
		return true // «أما تميم (19 عاماً)، الطالب …»: a given name and an age
	}
	if !d.aloneAt(j, hi) || j+1 >= hi || r.gapBefore(j+1) != gapComma {
		return false
	}
	if r.afterAmma(j, lo) {
		return true
	}
	n := r.key(j + 1)
	// «علاء، بائع خضرة في الثلاثين»: a participle that says what they do.
	trade := !definite(n) && !accusative(n) && !givenNames[n] && personShape(n) && r.isKnown(j+1)
	return describers[n] || startsWithDigit(r.toks[j+1].Text) || trade
}

// posedAlone reports a given name alone a feature sets on its scene
// right after a verb of being or posture («كانت فاطمة تجمع صناديقها»,
// «تجلس سلمى (اسم مستعار)،», «جلس أمين، تلميذ …»): punctuation, a
// bracket or the verb it goes on with ends it.
func (d *discourse) posedAlone(j, lo, hi int) bool {
	r := d.r
	if j <= lo || !r.joined(j) || !postures[strings.TrimLeft(r.key(j-1), "وف")] || !readerGiven(r.key(j)) || r.headline(j) {
		return false
	}
	if j+1 >= hi || !r.joined(j+1) {
		return true
	}
	n := r.key(j + 1)
	verb := r.lex != nil && r.imperfect(j+1) || r.lex == nil && imperfectShaped(n)
	return verb && !givenNames[n]
}

// postures are the verbs of being and posture a feature sets someone on
// its scene with.
var postures = keySet("كان كانت يجلس تجلس جلس جلست يقف تقف وقف وقفت")

// describedAlone reports a speech verb's subject of one word, whatever
// word it is, that a description set off by a comma says is a person
// («وقالت سماح، وهي من سكان القرية»: a name no list holds): not a closed
// word, a function, an accusative or a definite word.
func (d *discourse) describedAlone(j, hi int) bool {
	r := d.r
	k := r.key(j)
	if j+2 >= hi || r.gapBefore(j+1) != gapComma || !r.joined(j+2) && !startsWithDigit(r.toks[j+1].Text) {
		return false
	}
	if h, _ := headOf(k); h != "" || closedWord(k) || accusative(k) || definite(k) || len([]rune(k)) < 3 || r.cliticWord(j) || kinPossessed[k] {
		return false
	}
	n := r.key(j + 1)
	// «وقالت شهد، الطالبة في …»: a given name even a broad list holds,
	// then a description of a person.
	described := givenNames[k] && definite(n) && !closedWord(n) && personShape(bare(n))
	return n == "وهي" || n == "وهو" || startsWithDigit(r.toks[j+1].Text) || described
}

// setOffAlone reports a given name, even one a broad list holds, that
// punctuation ends («يقول زميلها راشد، الذي …»): after a description it
// is the name, not the common word.
func (d *discourse) setOffAlone(j, hi int) bool {
	r := d.r
	return givenNames[r.key(j)] && !r.headline(j) && (j+1 >= hi || !r.joined(j+1))
}

// describers open the description set off after a name alone: «وهو
// موزع», «أحد مشجعي …», «إحدى المعلمتين».
var describers = keySet("وهو وهي هو هي أحد إحدى احد احدى")

func startsWithDigit(w string) bool {
	for _, c := range w {
		return unicode.IsDigit(c)
	}
	return false
}

// label reports the words from toks[j], opening a sentence, as a
// transcript's label: at most five words, or a name and its apposition
// set off by a comma, then a colon and a quotation («الأنصاري: “…”»,
// «وزير العمل: “…”», «كريستوفر هولمز، محلل لدى شركة وساطة: “…”») —
// whom they name speaks.
func (d *discourse) label(j, hi int) bool {
	r := d.r
	if r.gapBefore(j) != gapStop {
		return false
	}
	if k := r.key(j); (strings.HasPrefix(k, "ف") || strings.HasPrefix(k, "و")) && !givenNames[k] && !nameParticles[k] &&
		(r.isKnown(j) || strings.HasSuffix(k, "ه") || strings.HasSuffix(k, "ها")) {
		// «فقاطعه ولد اعبيد:», «وحضر محمد الشهيد، الذي قال:»: a
		// conjunction and a verb, a clause whose subject follows.
		return false
	}
	for e := j + 1; e <= j+12 && e <= len(r.toks); e++ {
		if e < len(r.toks) && r.narr[e] && (r.joined(e) || r.gapBefore(e) == gapComma && e > j+1) {
			continue
		}
		if e > j+5 && !r.gapsIn(j, e, gapComma) {
			return false // a label of more than five words is a name and its apposition
		}
		return e < len(r.toks) && r.gapBefore(e) == gapColon && !r.narr[e] || e == hi && hi < len(r.toks) && !r.narr[hi]
	}
	return false
}

// gapsIn reports a gap g between the tokens of toks[from:to].
func (r *reader) gapsIn(from, to int, g gap) bool {
	for p := from + 1; p < to; p++ {
		if r.gapBefore(p) == g {
			return true
		}
	}
	return false
}

// describedAhead is how many words from toks[j] — one or two definite
// words shaped like a description of a person (personShape), no function
// or given name — come before a given name: «الفنانة المخضرمة نجوى»; 0
// when none.
func (d *discourse) describedAhead(j, hi int) int {
	r := d.r
	for n := 0; n < 2 && j+n+1 < hi && r.joined(j+n+1); n++ {
		k := r.key(j + n)
		// A noun of a person's kind or trade («البطل», «السمسار», «الشيف»),
		// whatever its shape; after it a nisba the lexicon may not know
		// («البطل البارالمبي فيصل …»).
		kind := personKinds[bare(k)] || trades[bare(k)]
		if n == 1 && personKinds[bare(r.key(j))] && definite(k) && nisba(k) && !givenNames[k] {
			kind = true
		}
		if h, _ := headOf(k); h != "" || !definite(k) || givenNames[k] || !kind && (!personShape(bare(k)) || !r.isKnown(j+n)) || r.conjunct(j+n) || n == 0 && nationStem(k) != "" && !kind {
			return 0
		}
		if givenNames[r.key(j+n+1)] && mentionStarts[r.key(j+n+1)] {
			return n + 1
		}
	}
	return 0
}

// personKinds are nouns of what a person is that no participle's shape
// tells: a champion, a youth, a chef, a broker, a beekeeper, a broadcaster
// («الإعلامي», a nisba of no nation).
var personKinds = keySet("بطل بطله شاب شابه فتي فتاه شيف طاهي طاهيه سمسار نحال نحاله رجل امراه سيده عجوز مسن مسنه اعلامي اعلاميه")

// givenPair reports a given name that is also a common word («محسن»,
// which starts no mention alone) before a given name that does: «والد
// القتيل محسن أحمد علي مبخوت» — two given names in a row are a name.
func (d *discourse) givenPair(j, hi int) bool {
	r := d.r
	k := r.key(j)
	if rest, ok := strings.CutPrefix(k, "و"); ok && !givenNames[k] {
		k = rest // «ومشعل عبدالوهاب بورسلي»
	}
	return givenNames[k] && j+1 < hi && r.joined(j+1) && givenNames[r.key(j+1)] && mentionStarts[r.key(j+1)]
}

// verbsBeforeParticles joins a person read as «هاجم بن حميدة» — a word the
// lexicon knows and no given name, before the particle and family name of
// someone the article names with a given name («المنجي بن حميدة») — to
// that person: the word was the sentence's verb, not a name.
func (d *discourse) verbsBeforeParticles() {
	if d.r.lex == nil {
		return
	}
	for _, e := range slices.Clone(d.people) {
		if e.function != "" || len(e.keys) < 3 || !nameParticles[e.keys[1]] || givenNames[e.keys[0]] || !IsWord(d.r.lex, plain(e.name[0])) {
			continue
		}
		for _, p := range d.people {
			if p != e && p.function == "" && len(p.keys) == len(e.keys) && (givenNames[p.keys[0]] || len(p.heads)+len(p.honors) > 0) && slices.Equal(p.keys[1:], e.keys[1:]) {
				d.join(p, e)
				break
			}
		}
	}
}

// beforePatronym reports a word set off by a comma inside the run from lo
// that a patronym or a family name in «أبو» follows («، اباه ولد
// ابو بكر», «، رهف أبو صالح،»): the person's own name, whatever the
// lexicon makes of it.
func (d *discourse) beforePatronym(j, lo int) bool {
	r := d.r
	if j+2 >= len(r.toks) || !r.joined(j+1) || !r.joined(j+2) || !patronyms[r.key(j+1)] && r.key(j+1) != keyAbu || j == lo {
		return false
	}
	// Set off by a comma, or after a description a speech verb's
	// subject opens with («وقال المنمي اعلي ولد محمد المختار»).
	if r.gapBefore(j) != gapComma && !(j-2 >= lo && r.joined(j) && definite(r.key(j-1)) && d.speechVerbAt(j-2, lo) && patronyms[r.key(j+1)]) {
		return false
	}
	k := r.key(j)
	h, _ := headOf(k)
	_, verb := isSpeechVerb(k)
	return h == "" && !verb && !closedWord(k) && !accusative(k) && !definite(k) && !articleWithClitic(k) && honorifics[k] == "" && !r.perfectVerb(j)
}

// firstNames adds a mention for each given name the article uses alone
// for a person it introduced with a fuller name («تجلس سعاد المرعبي …»
// then «وجدت سعاد …»), as features do: the person of the one fuller name
// that starts with it. A given name two people start with is nobody's.
// So too a family name the lexicon does not know, standing alone where no
// mention reads it («ورفض ماتيسكو تحميل الحكم …»): the one person whose
// name ends with it.
func (d *discourse) firstNames() {
	r := d.r
	covered := make([]bool, len(r.toks))
	for _, m := range d.mentions {
		for j := m.at; j < m.end && j < len(covered); j++ {
			covered[j] = true
		}
	}
	var added []*mention
	for j := range r.toks {
		k := r.key(j)
		if covered[j] || !r.narr[j] || r.headline(j) {
			continue
		}
		// A given name, or a family name no other word joins («رفض ماتيسكو
		// تحميل …»), of the one person the article names with it.
		first := givenNames[k]
		last := !first && (j+1 >= len(r.toks) || !r.joined(j+1) || !r.unknown(j+1)) && (j == 0 || !r.joined(j) || !r.unknown(j-1)) &&
			r.unknown(j) && !closedWord(k)
		if !first && !last {
			continue
		}
		var e *entity
		for _, p := range d.people {
			if p.function == "" && len(p.keys) > 1 && (first && p.keys[0] == bare(k) || last && p.keys[len(p.keys)-1] == bare(k)) {
				if e != nil {
					e = nil
					break
				}
				e = p
			}
		}
		if e == nil || slices.Contains(e.at, j) {
			continue
		}
		m := &mention{at: j, end: j + 1, name: []int{j}, fem: e.fem}
		d.inPrep[m] = d.prepBefore(j)
		e.at = append(e.at, j)
		added = append(added, m)
	}
	if len(added) == 0 {
		return
	}
	d.mentions = append(d.mentions, added...)
	slices.SortStableFunc(d.mentions, func(a, b *mention) int { return a.at - b.at })
}

// manNamed reports a person whose given name is a man's only («خالد»):
// a woman's function set off after it is the next in a list («في حضور
// …، النائب السابق خالد الحجيري، ممثلة المفوضية …»), not theirs.
func manNamed(e *entity) bool {
	return len(e.keys) >= 2 && givenNames[e.keys[0]] && !femaleNames[e.keys[0]] && !commonWordNames[e.keys[0]]
}

// appositions gives a function with no name to the person named right
// after it in the same sentence: after its qualifiers and a comma, or a
// description («قالت رئيسة لجنة التحكيم، الممثلة المغربية نادية بلحاج»,
// «الباحث المغربي في جامعة … بمراكش يوسف بن عمر»), so that the function
// alone is that person elsewhere. A verb, a complementizer or a second
// function between them (their words end the function's phrase) links
// nothing; nor does a name of one word (a place, a surname).
func (d *discourse) appositions() {
	r := d.r
	apposed := map[*mention]*entity{} // a function set off after a name, and whose it is
	for i, m := range d.mentions {
		// «، أستاذة علم الحفريات …، ورئيسة فريق البحث»: a second function
		// joined by «و» to one set off after a name is the same person's.
		if i > 0 && len(m.name) == 0 && len(m.titles) > 0 && m.conj && !m.plural {
			if p := d.mentions[i-1]; apposed[p] != nil && r.gapBefore(m.at) == gapComma && p.end <= m.at && !(m.fem && apposed[p].masc) {
				d.learn(apposed[p], m)
				apposed[m] = apposed[p]
			}
		}
		// «أعلن المخرج يوسفو ساوادوغو، رئيس لجنة تحكيم المسابقة الرسمية
		// للدورة السادسة …»: a function right after a name and a comma
		// that the reader could not close is the person's too.
		if i > 0 && len(m.name) == 0 && len(m.titles) > 0 && !m.plural && !d.inPrep[m] &&
			(len(m.titles[0].words) >= 3 || len(m.titles[0].words) == 2 && definite(r.key(m.titles[0].words[1])) && !definite(r.key(m.at))) {
			// («، رئيسة البعثة من الجانب المصري،»: a construct the article makes definite is one function too)
			if p := d.mentions[i-1]; len(p.name) >= 2 && p.end == m.at && r.gapBefore(m.at) == gapComma && !d.inPrep[p] {
				if e := d.personOf(p); e != nil && len(e.keys) >= 2 && !(m.fem && (e.masc || manNamed(e))) {
					d.learn(e, m)
					apposed[m] = e
				}
			}
		}
	}
	for i, m := range d.mentions {
		if len(m.name) > 0 || len(m.titles) == 0 || m.plural || m.same || m.pronoun != "" || d.generic(m) || i+1 >= len(d.mentions) ||
			d.inPrep[m] || m.at > 0 && stopWords[r.key(m.at-1)] {
			continue // «في محافظة بعلبك»: a place, no person
		}
		for _, o := range d.mentions[i+1:] {
			if o.at-m.end > 14 || !d.apposable(m.end, o.at) {
				break
			}
			if k := r.key(o.at - 1); d.inPrep[o] && (len(o.titles)+len(o.honors) > 0 || prepositions[k] || presiding[k] || company[k]) {
				break // «بحضور المدير العام …»: someone else; «بمراكش يوسف …» is a place before the name
			}
			if len(o.name) > 1 && len(o.titles) > 0 && o.titles[0].heads[0] != m.titles[0].heads[0] && r.gapBefore(o.at) != gapComma {
				break // «في جامعة القاضي عياض بمراكش يوسف …» read as one name: another function's
			}
			if len(o.name) == 0 {
				if len(o.titles) > 0 && o.titles[0].heads[0] != m.titles[0].heads[0] && r.gapBefore(o.at) != gapComma {
					break // «وزير الصحة في حكومة رئيس الوزراء …»: another function
				}
				continue
			}
			e := d.personOf(o)
			if e == nil || len(e.keys) < 2 {
				continue // «جامعة القاضي عياض»: a place's name
			}
			if !(m.fem && e.masc) {
				d.learn(e, m)
			}
			break
		}
	}
}

// apposable reports whether toks[from:to] may stand between a function
// and the name it belongs to: qualifiers and commas, no verb of speech,
// complementizer, relative, adverb of time («أمس»), object in «ـا» (a
// genitive is none: «في كولونيا», «لوكالة ناسا»), colon, quotation or
// sentence end.
func (d *discourse) apposable(from, to int) bool {
	r := d.r
	aside, closed := -1, false // the first token of a short aside in brackets («(أوتشا)», «(الفاو)»)
	for j := from; j <= to && j < len(r.toks); j++ {
		if r.narr[j] && r.gapBefore(j) == gapParen && (j < to || aside >= 0 && !closed) { // («… (تواصل)، أبو بكر …»: the aside closes before the name)
			switch {
			case aside < 0 && j+1 < len(r.toks) && (r.gapBefore(j+1) == gapParen || j+2 < len(r.toks) && r.gapBefore(j+2) == gapParen):
				aside = j
				continue
			case aside >= 0 && !closed && j-aside <= 2:
				closed = true // the aside closes; no second one
				continue
			}
		}
		if !r.narr[j] || r.gapBefore(j) > gapComma && !(j == from && r.gapBefore(j) == gapParen) {
			return false
		}
		if j == to {
			break
		}
		k := r.key(j)
		if relatives[k] && j == from && r.joined(j) {
			// «قائد الزورق الذي نفذ العملية، النقيب بحري فلان»: a short
			// relative clause on the function, then its holder set off.
			c := j + 1
			for c < to && c-j <= 5 && r.joined(c) && r.narr[c] {
				if _, verb := isSpeechVerb(r.key(c)); verb {
					return false
				}
				c++
			}
			if c <= to && c-j <= 5 && r.gapBefore(c) == gapComma {
				j = c - 1
				continue
			}
		}
		if _, verb := isSpeechVerb(k); verb || complementizers[k] || relatives[k] || stopWords[k] && !prepositions[k] ||
			accusative(k) && r.isKnown(j) && (j == from || !genitiveAfter(r.key(j-1))) && !(r.gapBefore(j) == gapComma && standingFor[k]) { // «مؤتمرا», not «في كولونيا», «لوكالة ناسا»
			return false
		}
	}
	return true
}

// standingFor are the accusatives that set off whom a function's holder
// stands for («الأمين العام لوزارة العدل، ممثلا لوزير العدل، الدكتور
// …»): the holder's name may follow them.
var standingFor = keySet("ممثلا نائبا")

// genitiveAfter reports a word the next noun is the genitive of: a
// preposition, or a noun with «ال», «ب» or «ل» («لوكالة ناسا»).
func genitiveAfter(k string) bool {
	return prepositions[k] || strings.HasPrefix(k, "ال") || strings.HasPrefix(k, "ل") || strings.HasPrefix(k, "ب")
}

// apposedUnread reports a function whose phrase runs on to a comma and
// then a phrase of two to six words set off by punctuation that holds no
// mention, function word or verb, and ends in two words with no «ال»
// («…، مجد ذياب،», «…، عالمة المصريات الألمانية كاترين هوفمايستر.»): the
// name of its holder, one the model did not read.
func (d *discourse) apposedUnread(m *mention) bool {
	r := d.r
	p := m.end
	for p < len(r.toks) && p-m.end < 14 {
		if q := r.aside(p); q > p {
			p = q + 1 // «ممثل منظمة الأغذية (الفاو) في موريتانيا، …»
			continue
		}
		if !r.joined(p) {
			break
		}
		p++
	}
	if p >= len(r.toks) || !r.narr[p] || r.gapBefore(p) != gapComma {
		return false
	}
	q := p + 1
	for q < len(r.toks) && r.joined(q) {
		q++
	}
	if n := q - p; n < 2 || n > 6 || q < len(r.toks) && r.gapBefore(q) < gapComma || r.situates(p) {
		return false
	}
	for j := p; j < q; j++ {
		k := r.key(j)
		foreign := strings.HasPrefix(k, "فال") || strings.HasPrefix(k, "كال") // «، فالنتينا كوسترو،», «كالديرون»: a foreign name, whatever its shape
		if _, verb := isSpeechVerb(k); verb || closedWord(k) || articleWithClitic(k) && !foreign ||
			j >= q-2 && strings.HasPrefix(k, "ال") || j == q-1 && accusative(k) { // («، كاترينا هولمبرغ،»)
			return false
		}
		if h, _ := headOf(k); h != "" {
			return false
		}
	}
	for _, o := range d.mentions {
		if o.at >= p && o.at < q {
			return false
		}
	}
	return true
}

// company are nouns with «ب» that bring in other people («بحضور»).
var company = keySet("بحضور بمشاركة برفقة وبحضور وبمشاركة")

// complementizers start a clause («إن», «أن»): what follows is what was
// said, not who said it.
var complementizers = keySet("إن أن بأن ان لأن إنه أنه")

// apposedForeign reports two words the lexicon does not know that end a
// phrase set off by a comma after a function with no name («قالت رئيسة
// الجانب الأوروبي في البعثة، عالمة المصريات الألمانية كاترين
// هوفمايستر.»), or the run a speech verb starts at lo («يقول عالم
// الغلاف الجوي في مختبر … جوناثان ويلبرفورس.»): the name of the
// function's holder, or the verb's subject, after a description.
func (d *discourse) apposedForeign(j, lo int) bool {
	r := d.r
	if j+1 >= len(r.toks) || !r.joined(j+1) || j+2 < len(r.toks) && r.joined(j+2) || !r.unknown(j) || !r.unknown(j+1) {
		return false
	}
	if j > lo && j+2 == d.runEnd(lo) && d.speechVerbAt(lo, lo) && d.apposable(lo+1, j) {
		return true // «…»، يقول عالم الغلاف الجوي في مختبر … جوناثان ويلبرفورس.
	}
	if len(d.mentions) == 0 {
		return false
	}
	m := d.mentions[len(d.mentions)-1]
	if m.at < lo || len(m.name) > 0 || len(m.titles) == 0 || m.plural {
		return false
	}
	comma := false
	for p := m.end; p <= j; p++ {
		comma = comma || r.gapBefore(p) == gapComma
	}
	return comma && (j == lo || r.gapBefore(j) == gapComma || !r.unknown(j-1))
}

// dropConjunction is w without the conjunction («و», «ف») it starts with.
func dropConjunction(w string) string {
	_, size := utf8.DecodeRuneInString(w)
	return w[size:]
}

// dropPrep is w, which starts with «بال» or «لل», as «ال…» («بالمدير»:
// «المدير»).
func dropPrep(w string) string {
	if strings.HasPrefix(w, "لل") {
		return "ا" + strings.TrimPrefix(w, "ل")
	}
	return dropConjunction(w)
}

// keyAbu is «أبو», which starts a kunya or a family name.
var keyAbu = arabic.Key("أبو")

// callNames give a person another name: «ويناديها جيرانها ‹أم عثمان›»,
// «أبو عمر، كما يناديه جيرانه», «الملقب بـ…», «المعروف باسم …».
var callNames = keySet("يناديه يناديها ينادونه ينادونها ينادى تنادى يلقبه يلقبها يلقبونه يلقبونها يلقب تلقب " +
	"يسميه يسميها يسمونه يسمونها يكنى تكنى يكنونه يكنونها يدعونه يدعونها الملقب الملقبة المكنى المكناه " +
	"يكنيه يكنيها تكنيه تكنيها يلقبه تلقبه تلقبها تسميه تسميها تناديه تناديها يدعوه يدعوها تدعوه تدعوها يعرفه يعرفها يعرفونه يعرفونها يعرف تعرف تعرفه تعرفها " +
	"المعروف المعروفه المشهور المشهوره الشهير الشهيره")

// aliases joins a person's other name — a kunya, a nickname — that the
// article gives with a verb of calling to that person: the name after the
// verb is another name of the person of its sentence before it («تقول
// حليمة …، ويناديها جيرانها ‹أم عثمان›»); the name before «كما يناديه»
// is another name of the person spoken of before it («ويضيف أبو عمر، كما
// يناديه جيرانه»). A pronoun on the verb tells a woman from a man.
func (d *discourse) aliases() {
	r := d.r
	for v := range r.toks {
		k := r.key(v)
		if !r.narr[v] || !callNames[k] && !callNames[strings.TrimPrefix(k, "و")] {
			continue
		}
		// «يناديها», «المعروفة», «تكنى»: a woman.
		fem := strings.HasSuffix(k, "ها") || definite(k) && strings.HasSuffix(k, "ه") || strings.HasPrefix(strings.TrimPrefix(k, "و"), "ت")
		var alias *mention
		from := v
		if v >= 2 && r.key(v-1) == "كما" && r.gapBefore(v-1) == gapComma {
			for _, m := range d.mentions {
				if m.end == v-1 && len(m.name) > 0 && len(m.titles) == 0 {
					alias, from = m, m.at
				}
			}
		} else {
			for _, m := range d.mentions {
				if m.at > v && len(m.name) > 0 && len(m.titles) == 0 && !d.sentenceEnds(v, m.at) {
					alias = m
					break
				}
			}
			// («الحلفي، الملقب بشاعر الجنوب، والشاعر كاظم …»: a name past
			// a comma and «و» is the next person, not the other name.)
			if alias != nil {
				for c := v + 1; c <= alias.at; c++ {
					if r.gapBefore(c) == gapComma && r.conjunct(c) {
						alias = nil
						break
					}
				}
			}
		}
		if alias == nil {
			continue
		}
		if bk := strings.TrimPrefix(k, "و"); bk == "يعرف" || bk == "تعرف" {
			// «يُعرف بأبي خالد» is a name; «يعرف هذا الطريق جيدا عبد المنعم
			// …» is «knows», and the name after it its subject.
			by := false
			for c := v + 1; c <= alias.at && c < len(r.toks); c++ {
				by = by || strings.HasPrefix(r.key(c), "ب") && !closedWord(r.key(c))
			}
			if !by {
				continue
			}
		}
		a := d.personOf(alias)
		if a == nil {
			continue
		}
		t := d.pick(from, nil, func(e *entity) bool {
			return e != a && e.function == "" && e.fem == fem && slices.ContainsFunc(e.at, func(p int) bool { return p < from })
		})
		if t != nil {
			d.join(t, a)
		}
	}
	d.kunyas()
	d.fathersKunyas()
	d.parentsKunyas()
	d.mothersKunyas()
}

// parentsKunyas gives a person set off as «والد ريان», «والدة الشهيد ليث»
// the kunya «أبو ريان», «أم ليث» («سالم بن علي الحارثي، والد ريان،»,
// then «ويضيف أبو ريان»).
func (d *discourse) parentsKunyas() {
	r := d.r
	for _, m := range d.mentions {
		p := m.end
		if len(m.name) < 2 || p+1 >= len(r.toks) || r.gapBefore(p) != gapComma || !r.narr[p] || !r.joined(p+1) {
			continue
		}
		kin := ""
		switch bare(r.key(p)) {
		case "والد":
			kin = "ابو"
		case "والده":
			kin = "ام"
		default:
			continue
		}
		c := p + 1
		for c < len(r.toks) && c <= p+3 && r.joined(c) && definite(r.key(c)) && !givenNames[r.key(c)] {
			c++ // «، والدة الشهيد راشد …»: a description before the child's name
		}
		if c >= len(r.toks) || !r.joined(c) {
			continue
		}
		child := r.key(c)
		if !givenNames[child] {
			continue
		}
		if e := d.personOf(m); e != nil {
			alias := []string{kin, bare(child)}
			if a := slices.IndexFunc(d.people, func(o *entity) bool { return o != e && slices.Equal(kunyaKeys(o.keys), kunyaKeys(alias)) }); a >= 0 {
				d.join(e, d.people[a]) // «وقالت أم يوسف باكية» after «نادية …، والدة الطالب يوسف»: one woman
			} else {
				e.aliases = append(e.aliases, alias)
			}
		}
	}
}

// fathersKunyas joins a kunya the article never ties to anyone — «ويضيف
// أبو علي» — to the one man it names whose father's name, the second of
// his name, is the kunya's: the eldest son is named for his grandfather,
// so «حسين علي ضاهر» is «أبو علي». With two such men, nobody.
func (d *discourse) fathersKunyas() {
	for _, k := range slices.Clone(d.people) {
		if len(k.keys) != 2 || kunyaOf(k.keys[0]) != "ابو" || k.function != "" || !slices.Contains(d.people, k) {
			continue
		}
		var only *entity
		n := 0
		for _, p := range d.people {
			if p != k && p.function == "" && !p.fem && len(p.keys) >= 3 && fatherOf(p.keys) == k.keys[1] && kunyaOf(p.keys[0]) == "" {
				only, n = p, n+1
			}
		}
		if n == 1 && !slices.ContainsFunc(only.aliases, func(a []string) bool { return kunyaOf(a[0]) != "" }) {
			d.join(only, k)
			continue
		}
		// «أبو أنس» where the article names «أنس عبد الرحيم الجعبري» and
		// «عبد الرحيم الجعبري»: a son's name carries his father's given
		// and family names; the father is the one named so.
		var father *entity
		n = 0
		for _, p := range d.people {
			if p == k || p.function != "" || len(p.keys) < 3 || p.keys[0] != k.keys[1] {
				continue
			}
			for _, f := range d.people {
				if f != p && f != k && f != father && f.function == "" && !f.fem && slices.Equal(f.keys, p.keys[1:]) {
					father, n = f, n+1
				}
			}
		}
		if n == 1 && !slices.ContainsFunc(father.aliases, func(a []string) bool { return kunyaOf(a[0]) != "" }) {
			d.join(father, k)
		}
	}
}

// mothersKunyas joins a kunya «أم X» no one holds to the woman whose son
// the article names «ابنها X …» («ردت أم كريم» and «ويحكي ابنها كريم
// أحمد سليمان» of «عزة محمد عبد الفتاح»): of the women named before that
// «ابنها», the one the article mentions most.
func (d *discourse) mothersKunyas() {
	r := d.r
	for _, k := range slices.Clone(d.people) {
		if len(k.keys) != 2 || k.keys[0] != "ام" || k.function != "" || !slices.Contains(d.people, k) {
			continue
		}
		var mother *entity
		for _, m := range d.mentions {
			if len(m.name) < 2 || m.name[0] != m.at || m.at == 0 || !r.joined(m.at) || bare(r.key(m.at)) != k.keys[1] {
				continue
			}
			if w := strings.TrimLeft(r.key(m.at-1), "و"); w != "ابنها" && w != "نجلها" {
				continue
			}
			// The woman named before it whom the article mentions most —
			// a portrait's subject, not another woman it quotes in passing.
			var e *entity
			most, tie := 0, false
			for _, w := range d.people {
				if w == k || !w.fem || w.function != "" || len(w.keys) < 2 || w.keys[0] == "ام" || !slices.ContainsFunc(w.at, func(p int) bool { return p < m.at }) {
					continue
				}
				switch n := len(w.at); {
				case n > most:
					e, most, tie = w, n, false
				case n == most:
					tie = true
				}
			}
			if tie {
				e = nil
			}
			if e != nil {
				if mother != nil && mother != e {
					mother = nil
					break
				}
				mother = e
			}
		}
		if mother != nil {
			d.join(mother, k)
		}
	}
}

// fatherOf is the father's given name in a man's name of bare keys, the
// word after his own given name: «حسين علي ضاهر» → «علي»; past a compound
// («عبد القادر مصطفى الدباغ», «نور الدين …») and «بن»/«ولد» («عبد الرحمن
// بن سعد آل مفرح» → «سعد»). "" when the name has no word there.
func fatherOf(keys []string) string {
	if len(keys) < 2 {
		return ""
	}
	i := 1
	if keys[0] == keyAbd || nameCompounds["ال"+keys[1]] {
		i = 2
	}
	if i < len(keys) && patronyms[keys[i]] {
		i++
	}
	if i > 1 && i >= len(keys)-1 {
		return "" // past a compound or «بن», only the family name is left («عبد الله الظاهري»)
	}
	return keys[i]
}

// kunyas joins a kunya («أبو جاد», «أم سليم») the article gives a person
// without a verb of calling: in brackets right after the name («فادي
// سمعان عون (أبو جاد)»), or after «المعروف» with its preposition on the
// particle («منير الدالي، المعروف بأبو وسيم»), which the mention reader
// does not read as a name.
func (d *discourse) kunyas() {
	r := d.r
	for i, k := range d.mentions {
		// «بدأ أبو علاء، عبد الستار ناصر الساعدي، شيخ …»: a kunya set off
		// by a comma before a full name is that person's.
		if len(k.name) != 2 || len(k.titles) > 0 || !kunya[r.key(k.name[0])] || i+1 >= len(d.mentions) {
			continue
		}
		m := d.mentions[i+1]
		if m.at != k.end || r.gapBefore(m.at) != gapComma || len(m.name) < 2 || kunya[r.key(m.name[0])] {
			continue
		}
		if t, a := d.personOf(m), d.personOf(k); t != nil && a != nil && t != a {
			d.join(t, a)
		}
	}
	for i, m := range d.mentions {
		if len(m.name) < 2 || kunya[r.key(m.name[0])] || i+1 >= len(d.mentions) {
			continue
		}
		// «سعد بن مبارك الهاجري (أبو فيصل)», «…الهاجري، أبو فيصل، البالغ»:
		// a kunya in brackets or set off by commas after a full name.
		k := d.mentions[i+1]
		paren := r.gapBefore(k.at) == gapParen && r.gapBefore(k.end) >= gapParen
		comma := r.gapBefore(k.at) == gapComma && k.end < len(r.toks) && r.gapBefore(k.end) == gapComma && (!r.conjunct(k.end) || describers[r.key(k.end)])
		if k.at != m.end || !paren && !comma || len(k.titles) > 0 || len(k.name) != 2 || !kunya[r.key(k.name[0])] {
			continue
		}
		if t, a := d.personOf(m), d.personOf(k); t != nil && a != nil && t != a {
			d.join(t, a)
		}
	}
	for v := range r.toks {
		k := strings.TrimPrefix(r.key(v), "و")
		if !r.narr[v] || !callNames[k] && !(k == "باسم" && v+1 < len(r.toks) && kunyaOf(r.key(v+1)) != "") {
			continue
		}
		if s := max(d.sentenceStart(v), v-3); slices.ContainsFunc(r.keys[s:v], func(k string) bool { return oneOf[k] }) {
			continue // «مشادة بين إحدى الأمهات، وتعرف بأم وليد،»: someone unnamed's kunya
		}
		// The kunya: right after the verb («المكنى أبا المعالي»), or with
		// «بـ» a few words on («المعروف بين أهالي بلدته بأبي خالد», «الذي
		// يعرفه أهل القرية بأبو العبد», «المعروفة بين جاراتها في مركز
		// الإيواء بأم أحمد»); «باسم أبو ياسر» is one too.
		q, p := -1, ""
		for c := v + 1; c < len(r.toks) && c-v <= 7 && r.narr[c] && r.gapBefore(c) < gapColon; c++ {
			ck := r.key(c)
			if rest, ok := strings.CutPrefix(ck, "ب"); ok && kunyaOf(rest) != "" {
				q, p = c, kunyaOf(rest)
				break
			}
			if c <= v+3 && kunyaOf(ck) != "" {
				q, p = c, kunyaOf(ck) // «المكنى أبا المعالي», «يناديه الجميع هنا أبا ياسين»
				break
			}
		}
		if q < 0 && v >= 3 && r.key(v-1) == "كما" {
			// «وتضيف أم ناصر، كما يناديها جيرانها»: the kunya just before.
			for c := v - 2; c >= v-3; c-- {
				// («، وأبو محمد كما يناديه زملاؤه»: a second name joined by «و».)
				if kc := strings.TrimPrefix(r.key(c), "و"); kunyaOf(kc) != "" && r.joined(c+1) {
					q, p = c, kunyaOf(kc)
					break
				}
			}
		}
		var keys []string
		switch {
		case q >= 0 && r.joined(q+1):
			keys = []string{p, keysOf([]string{r.toks[q+1].Text})[0]} // as a person's keys are made («علي» is «على» there)
			if keys[1] == keyAbd && q+2 < len(r.toks) && r.joined(q+2) {
				keys = append(keys, keysOf([]string{r.toks[q+2].Text})[0]) // «بأم عبد الله»: «عبد» and the name of God
			}
		case q < 0:
			keys = d.nickname(v)
		}
		if keys == nil {
			continue
		}
		if q >= 0 && q < v {
			v = q // the person was named before the kunya
		} else if q >= 0 {
			v = q - 1 // the kunya's words are toks[q], toks[q+1]; a nickname's, from the calling word
		}
		fem := definite(k) && strings.HasSuffix(k, "ه") || strings.HasSuffix(k, "ها") || p == "ام" // «المعروفة», «يناديها», «أم ناصر»
		t := d.orBefore(q)
		if t == nil {
			t = d.pick(v, nil, func(e *entity) bool {
				return e.function == "" && len(e.name) > 1 && e.fem == fem && slices.ContainsFunc(e.at, func(p int) bool { return p < v })
			})
		}
		if t == nil {
			continue
		}
		if a := slices.IndexFunc(d.people, func(e *entity) bool { return slices.Equal(kunyaKeys(e.keys), kunyaKeys(keys)) }); a >= 0 && d.people[a] != t {
			d.join(t, d.people[a])
		} else {
			t.aliases = append(t.aliases, keys)
		}
		if len(keys) == 2 && givenNames[keys[0]] {
			// «المعروف بين طلابه بيوسف ديري», then «الدكتور ديري»: the
			// nickname's last word alone is the person too.
			if a := slices.IndexFunc(d.people, func(e *entity) bool { return e != t && e.function == "" && slices.Equal(e.keys, keys[1:]) }); a >= 0 {
				d.join(t, d.people[a])
			}
		}
	}
}

// untiedAlias reports a kunya the article gives as another name — «، أو
// أبو مصطفى كما يناديه ضباطه» — that the model could not tie to the
// person it names: without the lexicon that person's name may be one it
// cannot read, so the kunya is nobody it can name.
func (d *discourse) untiedAlias(e *entity) bool {
	r := d.r
	if r.lex != nil || len(e.keys) != 2 || kunyaOf(e.keys[0]) == "" {
		return false
	}
	return slices.ContainsFunc(e.at, func(p int) bool { return p > 0 && r.key(p-1) == "او" })
}

// orBefore is the named person a mention right before «، أو» and the
// kunya at toks[q] refers to — «استعاد القائد المنتهية مهامه، أو أبو
// مصطفى كما يناديه ضباطه»: the kunya is another name of whom the function
// names —; nil otherwise.
func (d *discourse) orBefore(q int) *entity {
	r := d.r
	if q < 2 || r.key(q-1) != "او" || r.gapBefore(q-1) != gapComma {
		return nil
	}
	for _, m := range d.mentions {
		if m.end <= q-1 && m.end >= q-3 && len(m.titles) > 0 {
			if e := d.resolve(m, m.at, nil, m.fem); e != nil && e.function == "" {
				return e
			}
		}
	}
	return nil
}

// nickname is the keys of a nickname a verb of calling at toks[v] gives
// with «بـ» («الملقب بالمايسترو», «يلقبه أهل المنطقة بشيخ الفلاحين»): the
// word after «بـ», and its genitive when it is indefinite — else a noun
// and its genitive right after the verb, ending the phrase («ويلقبونه حكيم
// البلدة.»); nil for none.
func (d *discourse) nickname(v int) []string {
	r := d.r
	// (Within the verb's clause: «الاحتقان الذي يعرفه القطاع، اكتفى
	// الإدريسي بالتذكير» is «knows», and what follows the comma another
	// clause.)
	for c := v + 1; c < len(r.toks) && c-v <= 5 && r.narr[c] && r.gapBefore(c) < gapComma; c++ {
		rest, ok := strings.CutPrefix(r.key(c), "ب")
		if !ok || len([]rune(rest)) < 3 || closedWord(rest) || strings.HasPrefix(rest, "ين") {
			continue
		}
		if rest == "اسمه" || rest == "اسمها" || rest == "اسم" {
			// «يعرفه الجمهور باسمه المستعار فانتوم»: the name after «by
			// his name» and what kind of name it is.
			n := c + 1
			for n < len(r.toks) && r.joined(n) && pseudonyms[r.key(n)] {
				n++
			}
			if n < len(r.toks) && r.joined(n) && !closedWord(r.key(n)) && !definite(r.key(n)) {
				return []string{bare(r.key(n))}
			}
			return nil
		}
		keys := []string{bare(rest)}
		if !definite(rest) && c+1 < len(r.toks) && r.joined(c+1) && definite(r.key(c+1)) {
			keys = append(keys, bare(r.key(c+1))) // «بشيخ الفلاحين»
		} else if n := r.key(c + 1); givenNames[rest] && c+1 < len(r.toks) && r.joined(c+1) && !closedWord(n) && !prepositions[n] && !strings.HasPrefix(n, "ل") && !r.preposition(c+1) {
			keys = append(keys, n) // «بيوسف ديري لطول قامته»: a given name and the word that makes it a nickname
		}
		return keys
	}
	if strings.Contains(r.key(v), "عرف") {
		return nil // «الذي يعرفه قطاع التعليم»: who knows it, the verb's subject; «يُعرف» names only with «بـ»
	}
	if c := v + 1; c+1 < len(r.toks) && r.joined(c) && r.joined(c+1) && r.narr[c] && !definite(r.key(c)) && !closedWord(r.key(c)) &&
		!strings.HasPrefix(r.key(c), "ب") && kunyaOf(r.key(c)) == "" && definite(r.key(c+1)) && (c+2 >= len(r.toks) || !r.joined(c+2)) {
		// «ويلقبونه حكيم البلدة.»: the nickname the verb takes as its
		// object, a noun and its genitive.
		return []string{bare(r.key(c)), bare(r.key(c + 1))}
	}
	return nil
}

// pseudonyms qualify a name as another than one's own («باسمه المستعار»).
var pseudonyms = keySet("المستعار الحركي الفني الرقمي المعروف الشهير")

// nicknamed is the person a nickname of two words or more the article
// gave them («بعميد المذيعين») begins the function mention m with; nil
// for none.
func (d *discourse) nicknamed(m *mention) *entity {
	var keys []string
	for _, w := range m.titles[0].words {
		keys = append(keys, bare(d.r.key(w)))
	}
	for _, e := range d.people {
		for _, a := range e.aliases {
			if len(a) >= 2 && len(a) <= len(keys) && slices.Equal(a, keys[:len(a)]) {
				return e
			}
		}
	}
	return nil
}

// aliasAt is the person whose nickname the words from toks[p] are
// («صياد الشهب», «فانتوم»); nil for none.
func (d *discourse) aliasAt(p, hi int) *entity {
	r := d.r
	for _, e := range d.people {
		for _, a := range e.aliases {
			if len(a) == 1 && (givenNames[a[0]] || closedWord(a[0])) || kunyaOf(a[0]) != "" || p+len(a) > hi {
				continue // (one word: a pseudonym, «يقول فانتوم»)
			}
			ok := true
			for i, w := range a {
				ok = ok && (i == 0 || r.joined(p+i)) && bare(r.key(p+i)) == w
			}
			if ok {
				return e
			}
		}
	}
	return nil
}

// kunya are the particles a kunya starts with.
var kunya = keySet("أبو أم")

// kunyaOf is the key of «أبو» or «أم» for a kunya's first word in any
// case («أبو», «أبي», «أبا», «أم»), "" for another word.
// kunyaKeys is keys with a kunya's particle in one case («أبو» for «أبي»,
// «أبا»), so that a kunya matches however it is declined.
func kunyaKeys(keys []string) []string {
	if len(keys) == 0 || kunyaOf(keys[0]) == "" {
		return keys
	}
	return append([]string{kunyaOf(keys[0])}, keys[1:]...)
}

func kunyaOf(k string) string {
	switch k {
	case "ابو", "ابي", "ابا", "با", "بو": // «با حماد»: the Maghreb's «father» before an elder's name; «بو فهد»: the Gulf's
		return "ابو"
	case "ام":
		return "ام"
	}
	return ""
}

// join makes a, a person of another name, one with t.
func (d *discourse) join(t, a *entity) {
	t.at = append(t.at, a.at...)
	t.aliases = append(t.aliases, a.keys)
	for w := range a.words {
		t.words[w] = true
	}
	d.people = slices.DeleteFunc(d.people, func(e *entity) bool { return e == a })
}

// sentenceEnds reports a sentence end between toks[from] and toks[to].
func (d *discourse) sentenceEnds(from, to int) bool {
	return d.r.gapsIn(from, to+1, gapStop)
}

// personOf is the person named by mention m, nil for none.
func (d *discourse) personOf(m *mention) *entity {
	keys := keysOf(d.nameOf(m))
	for _, e := range d.people {
		if slices.Equal(e.keys, keys) {
			return e
		}
	}
	return nil
}

// strongName reports a mention whose name has a function or form of
// address before it, or two words or more that start with a given name,
// have a particle second («شريفة بنت …») or are all unknown to the
// lexicon; «إدارة نادي العربي» has none.
func (d *discourse) strongName(m *mention) bool {
	if len(m.name) == 0 {
		return false
	}
	if len(m.titles)+len(m.honors) > 0 {
		return true
	}
	if len(m.name) >= 2 && !slices.ContainsFunc(m.name, func(j int) bool { return !d.r.unknown(j) }) {
		return true // «صرّح ستيفان لوران،»: words the lexicon does not know, a foreign name
	}
	if len(m.name) >= 2 && givenNames[d.r.key(m.name[1])] && (len(m.name) >= 3 || d.r.gapBefore(m.end) >= gapComma) {
		return true // «وقال آدم يحيى إسحاق، شيخ المعسكر»: a father's given name after one the list lacks
	}
	return len(m.name) >= 2 && (givenNames[d.r.key(m.name[0])] || nameParticles[d.r.key(m.name[1])] || d.r.key(m.name[0]) == keyAbd)
}

// The keys of the functions the model reasons about.
var (
	keyAli  = arabic.Key("على") // also the key of the name «علي»
	keyAbr  = arabic.Key("عبر") // the preposition, and «عبّر» without its shadda
	nameAli = keyAli + "ّ"      // the reader's key of the name: a key never holds a shadda
	// headSheikh is the reader's key of «شيخ» heading a tribe or an
	// institution («شيخ عشيرة …», «شيخ الأزهر»): a function, where «الشيخ»
	// before a name is a form of address and «شيخ» inside one a name.
	keySheikh  = arabic.Key("شيخ")
	headSheikh = keySheikh + "ّ"
	// prepAmam is the reader's key of «أمام» (in front of) written with its
	// hamza above, which arabic.Key folds into «إمام» (an imam, a function).
	prepAmam  = arabic.Key("أمام") + "ّ"
	headChair = arabic.Key("رئيس")
	headJudge = arabic.Key("قاضي")
	sitting   = arabic.Key("جلسة")
)

// chair marks m as presiding («برئاسة المستشار ماهر عبد الغفار», the
// word at toks[p]): the chair of the sitting, and of the body its clause
// starts with up to a comma — «ناقشت لجنة الزراعة، برئاسة …» makes them
// «رئيس اللجنة».
func (d *discourse) chair(m *mention, p int) {
	r := d.r
	core := []string{headChair, sitting}
	s := p
	if p > 0 && r.joined(p) && sittings[bare(r.key(p-1))] {
		s = len(r.toks) // «في جلسة ترأسها …»: the sitting before it, no clause's body
	}
	for s > 0 && s < len(r.toks) && r.narr[s-1] && r.gapBefore(s) < gapParen {
		s-- // past commas, not a dateline's «(بترا)-»
	}
	for j := s + 1; j < p && r.gapBefore(j) < gapComma; j++ {
		if k := r.key(j); !closedWord(k) && !prepositions[k] {
			if w, ok := strings.CutPrefix(k, "و"); ok && r.conjunct(j) {
				k = w
			}
			core = append(core, bare(k))
		}
	}
	m.titles = append(m.titles, title{heads: []string{headChair}, core: core})
}

// counterpart reports «نظيره العراقي …»: a function the same as the
// person's before it.
func counterpart(m *mention) bool {
	return len(m.titles) > 0 && m.titles[0].heads[0] == "نظير"
}

// counterpart gives m the functions of prev («بحث وزير الخارجية … ونظيره
// العراقي …»: both are foreign ministers).
func (d *discourse) counterpart(m, prev *mention) {
	t := m.titles[0]
	var heads, core []string
	for _, pt := range prev.titles {
		heads = append(heads, pt.heads...)
		core = append(core, pt.core...)
	}
	t.heads, t.core = heads, append(core, t.core[1:]...)
	m.titles[0] = t
}

// prepBefore reports whether the word before toks[j] is a preposition or
// a noun with «ب» or «ل» governing it («بحضور», «لوكالة»): the mention
// at j is no subject.
func (d *discourse) prepBefore(j int) bool {
	r := d.r
	if !r.joined(j) {
		return false
	}
	if d.kinBefore(j) {
		return true
	}
	k := r.key(j - 1)
	if strings.TrimLeft(k, "وف") == keyAbr && r.expressedAbout(j) {
		return false // «عبر عميد بلدية الأصابعة، فلان، عن تضامنه»: «عبّر», expressed, not «via»
	}
	if prepositions[k] || presiding[k] {
		return true
	}
	if _, ok := isSpeechVerb(k); ok {
		return false
	}
	return (strings.HasPrefix(k, "ب") || strings.HasPrefix(k, "ل")) && len([]rune(k)) > 3 && r.isKnown(j-1) && !baLamPlaces[k]
}

// expressedAbout reports «عن» within the next dozen words of toks[j], in
// its sentence: «عبر X عن …» is «X expressed …».
func (r *reader) expressedAbout(j int) bool {
	for c := j; c < len(r.toks) && c-j <= 12 && r.narr[c] && (c == j || r.gapBefore(c) <= gapComma); c++ {
		if r.key(c) == "عن" {
			return true
		}
	}
	return false
}

// baLamPlaces are countries and cities whose names open with «ب» or «ل»
// («دائرة ماء بغداد المهندس …», «سفير لبنان …»): the place, no
// preposition before what follows — what the lexicon tells, known without it.
var baLamPlaces = keySet("بغداد بيروت بنغازي بسكرة بجاية بنزرت بورتسودان بعلبك بابل باريس برلين بروكسل بكين بيشاور باكستان بلجيكا بريطانيا " +
	"لبنان ليبيا لندن لاهاي لشبونة لاغوس")

// kinBefore reports a kin noun in construct before toks[j], maybe with
// definite descriptions between, whose gender the given name there does
// not have («والدة الشهيد سيف …», «شقيقة الأسير محمد …»): the name is its
// genitive — the relative, not the one speaking. Of one gender the name
// may be in apposition («والد القتيل محسن أحمد …» is the father) and is
// left so.
func (d *discourse) kinBefore(j int) bool {
	r := d.r
	if !givenNames[r.key(j)] {
		return false
	}
	for p := j - 1; p >= 0 && p >= j-3 && r.narr[p] && r.joined(p+1); p-- {
		k := bare(r.key(p))
		if !kinNouns[k] {
			k = strings.TrimPrefix(k, "و") // «ووالدة …»
		}
		if kinNouns[k] {
			return feminineNoun(k) != femaleNames[r.key(j)]
		}
		if !definite(r.key(p)) || givenNames[r.key(p)] {
			return false
		}
	}
	return false
}

// nameOf is the name of m as printed, without a conjunction «و» before it.
// Tokens joined by a hyphen are one word («كروغر-آيلرز»).
func (d *discourse) nameOf(m *mention) []string {
	out := make([]string, 0, len(m.name))
	for i, j := range m.name {
		w := d.r.toks[j].Text
		if j == m.at && m.conj {
			w = dropConjunction(w)
		}
		if i > 0 && m.name[i-1] == j-1 && (d.r.hyphen[j] || string(d.r.runes[d.r.toks[j-1].End:d.r.toks[j].Start]) == "_") {
			// «كروغر-آيلرز», «بنت_عرعرة» (a handle): one word
			out[len(out)-1] += string(d.r.runes[d.r.toks[j-1].End:d.r.toks[j].Start]) + w
			continue
		}
		out = append(out, w)
	}
	return out
}

func keysOf(words []string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = bare(arabic.Key(w))
	}
	return out
}

// person makes m a person of the article, or a mention of one named before.
// fathersName reports keys that are the whole of a longer name but its
// first word, a given name, in a name of four words or more («محمود عبد
// السلام» in «كريم محمود عبد السلام»): the father's name the son's carries,
// another person — the press shortens a name by its family name, not by
// its given name.
func fathersName(keys, long []string) bool {
	return len(keys) >= 3 && len(long) == len(keys)+1 && givenNames[long[0]] && (givenNames[keys[0]] || keys[0] == keyAbd) && slices.Equal(long[1:], keys)
}

func (d *discourse) person(m *mention) {
	name := d.nameOf(m)
	if d.commonWords(m) {
		return // «ودار بين الوالي وإحدى المواطنات حوار قصير»: no name
	}
	keys := keysOf(name)
	var e *entity
	for _, p := range d.people {
		if fathersName(keys, p.keys) {
			continue // «محمود عبد السلام» after «كريم محمود عبد السلام»: his father
		}
		if len(keys) == len(p.keys) && keys[0] != p.keys[0] && subset(keys, p.keys) {
			continue // «جاسم سالم الرشيدي», son of «سالم جاسم الرشيدي»: the same words in another order
		}
		if len(keys) > 1 && (subset(keys, p.keys) || subset(p.keys, keys) || slices.Equal(kunyaKeys(keys), kunyaKeys(p.keys))) ||
			len(keys) == 1 && namePart(keys[0], p.keys) {
			e = p
			break
		}
	}
	if e == nil && len(name) >= 2 && arabic.Key(name[0]) == keyAal && len(m.titles)+len(m.honors) == 0 {
		return // «وفد آل فاضل»: a family or a tribe, no person of its own
	}
	if e == nil {
		e = &entity{heads: map[string]bool{}, honors: map[string]bool{}, words: map[string]bool{}, unsure: true}
		d.people = append(d.people, e)
	}
	if len(name) > len(e.name) {
		e.name, e.keys = name, keys
	}
	e.unsure = e.unsure && m.unsure
	e.alone = e.alone || m.alone
	if len(name) == 1 || !nameCompounds[arabic.Key(name[1])] {
		e.fem = e.fem || femaleNames[arabic.Key(name[0])]
	}
	d.learn(e, m)
}

// learn adds what mention m says of e.
func (d *discourse) learn(e *entity, m *mention) {
	e.at = append(e.at, m.at)
	for _, k := range keysOf(d.nameOf(m)) {
		e.words[k] = true
	}
	for _, h := range m.honors {
		e.honors[h] = true
		e.words[h] = true
	}
	for _, a := range m.adjs {
		e.words[a] = true
	}
	for _, t := range m.titles {
		if len(t.words) > 0 && strings.HasSuffix(d.r.key(t.words[0]), "ها") {
			d.antecedents(e, t.words[0])
		}
		for _, h := range t.heads {
			e.heads[h] = true
			if t.fem {
				if e.femHeads == nil {
					e.femHeads = map[string]bool{}
				}
				e.femHeads[h] = true
			}
		}
		for _, c := range t.core {
			e.words[c] = true
		}
		// («وزير الدولة» is a minister of state, no place's: «وزير
		// المياه» is another minister.)
		e.places = e.places || len(t.core) > 1 && placeNouns[t.core[1]] && !(t.core[1] == keyState && len(t.heads) > 0 && t.heads[0] == keyMinister)
		for _, c := range t.qual {
			e.words[c] = true
		}
		if slices.Contains(t.core, sitting) && len(t.words) == 0 {
			e.chair = true
		}
	}
	if len(m.name) > 0 && m.at > 0 && d.r.joined(m.at) && nationStem(bare(d.r.key(m.at-1))) != "" && definite(d.r.key(m.at-1)) {
		e.words[bare(d.r.key(m.at-1))] = true // «التعاقد مع البرتغالي روي فيغيريدو»
	}
	e.fem = e.fem || m.fem
	if e.role == nil && len(m.titles) > 0 && !counterpart(m) && len(m.titles[0].words) > 0 {
		e.role = m
	}
}

// clause is a reporting clause: its speech verb (or frame) and who it
// says speaks.
type clause struct {
	verb   int      // its verb or frame
	fem    bool     // a feminine verb
	subj   *mention // the subject; nil when implicit or nobody
	nobody bool     // a subject that is no person («مصدر», «إحدى الطالبات»)
	who    *entity  // a description that refers back to a person («وقالت المخضرمة»)
	again  bool     // a description no person holds, after a verb that goes on: whoever spoke («وأضاف المخضرم»)
}

// attribute walks the article: narration moves the focus, each quotation
// gets the speaker of its clause.
func (d *discourse) attribute(n int) []speakerOf {
	out := make([]speakerOf, n)
	var focus, asker, askedTo *entity
	var spoke []*entity // who spoke, in order
	cursor := 0
	for q := range n {
		first, last := d.first[q], d.last[q]
		if first < 0 {
			continue
		}
		bs := d.runStart(first)
		focus = d.narrate(cursor, bs, focus)
		who, known := d.quoteSpeaker(first, last, bs, focus)
		if who == nil && !known && first == 0 {
			who = d.headlineSpeaker(last) // «“…”.. الغامدي يكشف تفاصيل …»
		}
		if askedTo != nil && askedTo != asker && (who == asker || who == nil && !known) && d.bareReply(bs, first) && agrees(askedTo, d.replyFem(bs, first)) {
			// «ووجه أحد الصحفيين سؤالا إلى عميد التجارة: "…؟"»، «فأجاب:
			// "…"»: the one the question was put to answers, whoever asked.
			who = askedTo
		} else if asker != nil && (who == asker || who == nil && !known) && d.bareReply(bs, first) {
			// «سأل المقدم ضيفته: "…؟"»، «فردت: "…"»: who replies is not
			// who asked — the last one before who agrees with the verb.
			for i := len(spoke) - 1; i >= 0; i-- {
				if spoke[i] != asker && agrees(spoke[i], d.replyFem(bs, first)) {
					who = spoke[i]
					break
				}
			}
			if (who == asker || who == nil) && d.replyFem(bs, first) && !asker.fem {
				if e := d.pick(first, nil, func(e *entity) bool { return e.fem && e.function == "" }); e != nil {
					who = e // the woman the article named last
				}
			}
		}
		if who != nil && len(who.keys) == 2 && kunyaOf(who.keys[0]) != "" && who.function == "" {
			// «… سهام الرواشدة، وهي سيدة في الستين. تقول أم محمد: …»: a
			// kunya the article ties to nobody, said of whom the sentence
			// before in its paragraph introduced.
			if e := d.paragraphNewcomer(d.sentenceStart(first)); e != nil && e != who && len(e.keys) >= 2 && e.fem == (who.keys[0] == "ام") {
				who = e
			} else if len(spoke) > 0 && spoke[len(spoke)-1] != who && spoke[len(spoke)-1].fem == (who.keys[0] == "ام") && d.parentDescribed(spoke[len(spoke)-1]) && !d.setOff(who) {
				// «وقال خالد محمد آل إسحاق، والد الطفلة، إن …». «ويروي أبو
				// حمد …»: a parent's kunya no one holds, said of the parent
				// who spoke last.
				who = spoke[len(spoke)-1]
			}
		}
		asker, askedTo = nil, nil
		if d.asks(first, last) {
			if who != nil {
				asker = who
			}
			askedTo = d.askedIn(bs, first)
		}
		if who != nil {
			spoke = append(spoke, who)
		}
		if who != nil {
			e := d.introduced(who, first)
			out[q] = d.speakerOf(e)
			if out[q].name != nil {
				out[q].source = d.source(e, first, last)
			}
			focus = who
		} else if known {
			focus = nil
		}
		cursor = max(cursor, last+1)
		if a := last + 1; a < len(d.r.toks) && d.r.narr[a] && d.r.gapBefore(a) != gapStop {
			cursor = max(cursor, d.runEnd(a))
		}
	}
	return out
}

// bodyStatement reports a sentence, toks[s:at], that names no person and
// sets a statement and the body that issued it before its verb («وفي بيان
// نشرته الجامعة على صفحتها الرسمية، اعتبرت أن»).
func (d *discourse) bodyStatement(s, at int) bool {
	r := d.r
	if slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at >= s && m.at < at && len(m.name) > 0 }) {
		return false
	}
	for j := s; j+2 < at; j++ {
		k := strings.TrimPrefix(strings.TrimPrefix(r.key(j), "و"), "ف")
		if !statementNouns[k] {
			continue
		}
		for q := j + 1; q <= j+2 && q < at && r.joined(q); q++ {
			if r.institutionAt(q) {
				return true
			}
		}
	}
	return false
}

// parentDescribed reports a named person the article sets off as a parent
// («خالد محمد آل إسحاق، والد الطفلة،», «، والدة الشهيد»).
func (d *discourse) parentDescribed(e *entity) bool {
	r := d.r
	if len(e.keys) < 2 || e.function != "" {
		return false
	}
	for _, m := range d.mentions {
		if m.end < len(r.toks) && len(m.name) > 0 && d.personOf(m) == e && r.gapBefore(m.end) == gapComma && parents[bare(r.key(m.end))] {
			return true
		}
	}
	return false
}

// setOff reports a person one of whose mentions a comma follows, within
// its sentence: someone the article goes on to describe («أم أيمن، جارة
// العائلة …»).
func (d *discourse) setOff(e *entity) bool {
	r := d.r
	return slices.ContainsFunc(d.mentions, func(m *mention) bool {
		return m.end < len(r.toks) && d.personOf(m) == e && r.gapBefore(m.end) == gapComma
	})
}

// parents are the nouns of a parent («والد», «والدة»).
var parents = keySet("والد والده")

// headlineSpeaker is the person a headline that opens with a quotation
// names after it by family name («“…”.. الغامدي يكشف تفاصيل …»): the rest
// of the line after toks[last]; nil for nobody or two.
func (d *discourse) headlineSpeaker(last int) *entity {
	r := d.r
	hi := last + 1
	for hi < len(r.toks) && !r.lineBreak(hi) {
		hi++
	}
	return d.familyNamed(last+1, hi)
}

// replyVerbs answer («فردّ», «فأجابت»).
var replyVerbs = keySet("رد ردت فرد فردت ورد وردت اجاب اجابت فاجاب فاجابت واجاب واجابت")

// bareReply reports the narration toks[bs:first] before a quotation as a
// reply verb with no subject («فردت:», «فأجاب قائلا:», «فأجاب مبتسما:»).
func (d *discourse) bareReply(bs, first int) bool {
	if first-bs < 1 || first-bs > 2 {
		return false
	}
	return replyVerbs[strings.TrimRight(d.r.key(bs), "ّ")] && (first-bs == 1 || participleAt(d.r, bs+1) || d.r.manner(bs+1) || accusative(d.r.key(bs+1)))
}

// replyFem reports the reply verb of bareReply in the feminine.
func (d *discourse) replyFem(bs, first int) bool {
	k := strings.TrimRight(d.r.key(bs), "ّ")
	return strings.HasSuffix(k, "ت")
}

// askedIn is the person the narration toks[bs:first] before a question
// puts it to: the one after «سؤالا إلى/على/لـ» («ووجه أحد الصحفيين
// سؤالا إلى عميد التجارة:») or the second person after a verb of asking
// («وسألت مراسلة القناة الوزير:»); nil for none.
func (d *discourse) askedIn(bs, first int) *entity {
	r := d.r
	to, verb := -1, -1 // where the one asked starts after «سؤالا إلى»; the verb of asking
	for j := bs; j < first; j++ {
		k := strings.TrimLeft(r.key(j), "و")
		switch {
		case questionNouns[k] && j+1 < first && r.joined(j+1):
			to, verb = j+1, -1 // «سؤالا لعميد التجارة»
			if next := r.key(j + 1); next == "الي" || next == keyAli && strings.HasSuffix(r.toks[j+1].Text, "ى") {
				to = j + 2
			}
		case askVerbs[strings.TrimPrefix(k, "ف")]:
			to, verb = -1, j
		}
	}
	seen := 0
	for _, m := range d.mentions {
		if m.at < bs || m.end > first || m.plural {
			continue
		}
		switch {
		case to >= 0 && m.at == to:
			return d.resolve(m, m.at, nil, m.fem)
		case verb >= 0 && m.at > verb:
			if seen++; seen == 2 {
				return d.resolve(m, m.at, nil, m.fem)
			}
		}
	}
	if to >= 0 && to < first {
		if rest, ok := strings.CutPrefix(r.key(to), "ل"); ok {
			if h, fem := headOf(rest); h != "" {
				return d.onlyHolder(h, fem) // «سؤالا لوكيل الوزارة:», which no mention reads
			}
		}
	}
	return nil
}

// questionNouns put a question to someone («سؤالا إلى»).
var questionNouns = keySet("سؤال سؤالا سؤالاً السؤال اسئله اسئلته سؤاله سؤالها")

// asks reports a quotation toks[first:last+1] that is a question: it
// ends with a question mark.
func (d *discourse) asks(first, last int) bool {
	r := d.r
	end := r.toks[last].End
	for end < len(r.runes) && end < r.toks[last].End+3 {
		switch r.runes[end] {
		case '?', '؟':
			return true
		}
		end++
	}
	return false
}

// runStart is the first token of the narration run that ends right before
// toks[first] in the same sentence; first when none.
func (d *discourse) runStart(first int) int {
	r := d.r
	s := first
	for s > 0 && r.narr[s-1] && r.gapBefore(s) != gapStop {
		s--
	}
	return s
}

// narrate reads the sentences of narration in toks[lo:hi]: the subject of a
// speech verb becomes the focus («وحثّ الوزير المقاولين …» — the minister
// is the one speaking); a subject that is nobody ends it.
func (d *discourse) narrate(lo, hi int, focus *entity) *entity {
	r := d.r
	for s := lo; s < hi; {
		if !r.narr[s] {
			s++
			continue
		}
		e := min(d.runEnd(s), hi)
		if questionMarks[r.key(s)] && s+1 < e && r.gapBefore(s+1) == gapColon {
			s = e // «س: يقول منافسك إن …»: the interviewer's question moves no focus
			continue
		}
		for v := s; v < e; v++ {
			if !d.speechVerbAt(v, s) {
				continue
			}
			c := d.subjectAfter(v, e)
			switch {
			case c.nobody:
				focus = nil
			case c.subj != nil:
				if p := d.resolve(c.subj, v, focus, c.fem); p != nil {
					focus = p
				}
			case c.who != nil:
				focus = c.who
			default:
				// «أروى، معلمة في مدرسة القرية، … تقول لخيوط إن …»: the
				// verb's subject is its sentence's.
				if p := d.sentenceSubject(v, focus, c.fem); p != nil {
					focus = p
				}
			}
			break
		}
		s = e
	}
	return focus
}

// speechVerbAt reports a speech verb at toks[v] (in a run from lo) used as
// a verb: not a noun after a preposition or «ما» («على رد الوزير», «ما
// نقلته»).
func (d *discourse) speechVerbAt(v, lo int) bool {
	r := d.r
	k := r.key(v)
	f, ok := isSpeechVerb(k)
	if !ok {
		return false
	}
	if v > 0 && r.joined(v) && partyNouns[bare(r.key(v-1))] {
		return false // «مرشح حزب تواصل»: the party's name
	}
	if v > 1 && r.joined(v) && r.joined(v-1) && relatives[r.key(v-1)] && !f.participle && (speechNouns[bare(r.key(v-2))] || speechPronouns[r.key(v-2)]) {
		// «وقالت الوزيرة، في كلمتها التي افتتحت بها المؤتمر، إن»: a
		// relative clause on her speech, not the reporting verb.
		return false
	}
	if f.object {
		// «فأجابه المقبالي»; not «جملة قالها لها جدها», a relative clause.
		n := v + 1
		return n < len(r.toks) && r.joined(n) && r.narr[n] && !prepositions[r.key(n)] && !prepPronouns[r.key(n)] && !closedWord(r.key(n))
	}
	if k == keyTalib && v > 0 && r.gapBefore(v) == gapComma && v+1 < len(r.toks) && r.joined(v+1) && definite(r.key(v+1)) &&
		slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.end == v && len(m.name) > 0 }) {
		return false // «وقال ليث العمري، طالب الهندسة المدنية،»: a student, not «demanded»
	}
	if k == keyTalib && v > 0 && r.joined(v) && r.narr[v-1] {
		if f, verb := isSpeechVerb(r.key(v - 1)); verb && !f.participle {
			return false // «وقال طالب في كلية الفنون:»: a student the verb before has for subject, not «demanded»
		}
	}
	if timeVerbs[k] && !strings.ContainsRune(r.toks[v].Text, 'ّ') {
		// «تصريحات عقب الحصة»: «after», unless a person or the speech
		// follows («وعقب الوزير», «وعقب قائلا:»).
		n := v + 1
		if n >= len(r.toks) || !r.joined(n) {
			return true
		}
		if f, verb := isSpeechVerb(r.key(n)); verb && f.participle {
			return true
		}
		m, _ := r.readMention(n, d.runEnd(n), ctxSubject)
		if m != nil && len(m.name) > 0 && m.name[0] == n && len(m.titles)+len(m.honors) == 0 && r.withPronoun(n) && !givenNames[r.key(n)] {
			return false // «المعروف بين أنصاره»: «between» a noun and its pronoun
		}
		return m != nil && !m.plural && len(m.name)+len(m.titles)+len(m.honors) > 0 || m != nil && (m.pronoun != "" || m.dead || m.ordinal != 0)
	}
	if v > lo {
		p := d.r.key(v - 1)
		return !prepositions[p] && p != "ما"
	}
	return true
}

// keyTalib is «طالب»: a student, and the verb «demanded».
var keyTalib = arabic.Key("طالب")

// timestamp reports narration [bs, first) that is only a live page's time
// («06:20 |», «14:05 -»): figures.
func (d *discourse) timestamp(bs, first int) bool {
	figures := 0
	for j := bs; j < first; j++ {
		if clockWords[d.r.key(j)] {
			continue // «الساعة 11:05 -», «9:40 مساء -»
		}
		if strings.TrimFunc(d.r.toks[j].Text, func(c rune) bool { return unicode.IsDigit(c) || c == ':' || c == '.' }) != "" {
			return false
		}
		figures++
	}
	return figures > 0 && first-bs <= 4
}

// clockWords go with a live page's time («الساعة 9:40 مساء»).
var clockWords = keySet("الساعة الساعه صباحا مساء ص م بتوقيت")

// sayingThat is the clause of the sentence from toks[a], after a
// quotation that is a sentence of its own, when it is that quotation's:
// a speech verb opens it, and it quotes and reports nothing of its own —
// no quotation follows in it, no «أن»/«إن» — («“…”. قالت ذلك مريم منت
// اباه، وهي أم …», «يروي ذلك المواطن …», «قالها بحرقة …», «تقول لين،
// طالبة …»); nil otherwise.
func (d *discourse) sayingThat(a int) *clause {
	r := d.r
	if a >= len(r.toks) || !r.narr[a] || r.gapBefore(a) != gapStop {
		return nil
	}
	k := r.key(a)
	f, ok := isSpeechVerb(k)
	if !ok || f.participle {
		return nil
	}
	hi := d.runEnd(a)
	if hi < len(r.toks) && !r.narr[hi] && r.gapBefore(hi) != gapStop {
		return nil // «وقال الوزير: “…”»: the verb's own quotation
	}
	for p := a + 1; p < hi; p++ {
		if thatWords[r.key(p)] {
			return nil // «وقال الوزير إن …»: speech of its own
		}
	}
	p := a + 1
	for p < hi && r.joined(p) && (demonstratives[r.key(p)] || p == a+1 && strings.HasPrefix(r.key(p), "ب") && !givenNames[r.key(p)] && r.isKnown(p)) {
		p++ // «قالت ذلك», «قالها بحرقة»
	}
	if p >= hi || !r.joined(p) {
		return nil
	}
	c := d.subjectAfter(p-1, hi) // its subject, as a speech verb's at p-1
	if c.subj == nil && c.who == nil || c.subj != nil && (c.subj.plural || len(c.subj.name)+len(c.subj.titles)+len(c.subj.honors) == 0) {
		return nil
	}
	c.verb, c.fem, c.nobody = a, f.fem, false
	return c
}

// signature is the clause of the line after the quotation ending at
// toks[last], in the same paragraph: a name opening it with a comma or the
// line's end after it, or a speech verb and its subject — «قالوا» boxes
// sign each quotation so («وزير المالية الكويتي:⏎«…».⏎مشعل سالم العازمي،
// خلال لقائه رؤساء التحرير.», «⏎قالها عبد المجيد بوخالفة خلال …»).
func (d *discourse) signature(last int) *clause {
	r := d.r
	a := last + 1
	if a >= len(r.toks) || !r.narr[a] || r.toks[last].Quote < 0 {
		return nil
	}
	between := string(r.runes[r.spans[r.toks[last].Quote][1]:r.toks[a].Start])
	if strings.Count(between, "\n") != 1 || strings.Trim(between, "»”\". \n") != "" {
		return nil // not the next line of its paragraph
	}
	if c := d.sayingThat(a); c != nil {
		return c
	}
	hi := d.runEnd(a)
	m, _ := r.readMention(a, hi, ctxSubject)
	if m == nil || m.at != a || m.plural || len(m.name) < 2 || m.end < hi && r.gapBefore(m.end) != gapComma {
		return nil
	}
	return &clause{verb: a, subj: m}
}

// reported reports a speech verb at toks[v] inside the reported speech of
// another: «أن» and at most one word before it, a speech verb before that
// («مضيفة أن البنك يتوقع»).
func (d *discourse) reported(v, bs int) bool {
	r := d.r
	for t := v - 1; t >= v-2 && t > bs; t-- {
		if thatWords[r.key(t)] {
			_, verb := isSpeechVerb(r.key(t - 1))
			if verb && r.joined(t) {
				return true
			}
			break
		}
	}
	// «ويكشف ياسين، ابنه البكر …، أن العائلة لم تكن تتوقع»: a
	// complementizer between it and a speech verb before it in the same
	// sentence, however far.
	for t := v - 1; t > bs && v-t <= 8; t-- {
		if _, verb := isSpeechVerb(r.key(t)); verb {
			return false
		}
		if thatWords[r.key(t)] {
			for u := t - 1; u >= bs && t-u <= 16; u-- {
				if r.gapBefore(u+1) == gapStop {
					return false
				}
				if d.speechVerbAt(u, bs) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// thatWords introduce reported speech («قال إن …», «أكد أن …»).
var thatWords = keySet("إن أن ان بأن وأن")

// demonstratives point back to the quotation («قال ذلك», «ردد هذا»).
var demonstratives = keySet("ذلك هذا هذه تلك بذلك")

// timeVerbs are speech verbs written like a preposition («عقب», after;
// «عقّب», commented; «بين», between; «بيّن», explained).
var timeVerbs = keySet("عقب وعقب فعقب بين وبين")

// quoteSpeaker is who said the quotation of tokens [first, last] whose
// clause before starts at bs; known reports an answer — a person, or
// nobody said so — rather than no clue.
func (d *discourse) quoteSpeaker(first, last, bs int, focus *entity) (who *entity, known bool) {
	if d.anonymous(first, last) {
		return nil, true // «مصدر في الشركة، طلب عدم ذكر اسمه، قال: …»: someone the article will not name
	}
	after := d.clauseAfter(last)
	before := d.clauseBefore(bs, first)
	if before != nil && (after == nil || after.subj == nil) && d.saidTogether(before.verb+1, first) {
		return nil, true // «رفع المعتصمون لافتات تطالب بـ…، وردّدوا بصوت واحد:»: the crowd, after the verb nearest
	}
	var c *clause
	switch {
	case after != nil && (after.subj != nil || after.nobody):
		c = after
	case before != nil:
		c = before
	case after != nil:
		c = after
	}
	if c == nil && d.answer(bs, first) {
		// «ج: «…»»: the answer of an interview is the person it is with
		// («حوارا مع …»), else the one the first answer continued, whoever
		// spoke last.
		if e := d.askedOne(bs); e != nil {
			return e, true // «س: (إلى نائبة المدير العام، هودان أحمد علي) …»: the one the question turns to
		}
		if d.answerer == nil {
			d.answerer = d.answersIntro(bs)
		}
		if d.answerer == nil && d.interviewee != nil {
			d.answerer = d.resolve(d.interviewee, d.interviewee.at, nil, false)
		}
		if d.answerer == nil {
			d.answerer = d.interviewed(bs)
		}
		if d.answerer == nil {
			d.answerer = focus
		}
		return d.answerer, d.answerer != nil
	}
	if c == nil && d.question(bs, first) {
		return nil, false // «س: “…”»: the interviewer, whom the article may not name; the focus stays
	}
	if c == nil && first-bs > 1 && (questionMarks[d.r.key(bs)] || answerMarks[d.r.key(bs)]) && d.r.gapBefore(first) >= gapColon {
		// «س (مراسل جريدة الرؤية): «…؟»», «س/ مراسلة شفق نيوز: "…"», «ج
		// (رئيس الجامعة): «…»»: a question or an answer labelled with who
		// asks or gives it.
		for _, m := range d.mentions {
			if m.at > bs && m.end <= first && !m.plural && len(m.name)+len(m.titles) > 0 {
				e := d.resolve(m, m.at, nil, m.fem)
				if e == nil && len(m.name) == 0 && questionMarks[d.r.key(bs)] {
					e = d.function(m) // a reporter the article names by outlet only
				}
				if e != nil {
					return e, true
				}
			}
		}
	}
	if c == nil {
		c = d.signature(last)
	}
	if c == nil && bs < first && d.label(bs, first) {
		if m, _ := d.r.readMention(bs, first, ctxSubject); m != nil && !m.plural {
			if len(m.name) == 0 && len(m.titles) == 1 && d.r.headline(bs) {
				// «عميد علوم عين شمس: "…"»: a headline shortens the function
				// of the one person the article names with it («عميد كلية
				// العلوم»).
				if e := d.onlyHolder(m.titles[0].heads[0], m.fem); e != nil {
					return e, true
				}
			}
			c = &clause{verb: bs, subj: m} // «الأنصاري: “…”»: the label names the speaker
		} else if e := d.nameEndingWith(bs, first); e != nil {
			return e, true // «بالحاج عمر: «…»» after «منير بالحاج عمر»: the end of a name the article gave whole
		} else if bs+1 == first || !d.r.joined(bs+1) {
			// «الشاهدة: "…"» after «الشاهدة رهف عبد الكريم الحمصي»: a
			// transcript labelled by the description the article put
			// before a name.
			k := d.r.key(bs)
			if e := d.describedBefore(bs, strings.HasSuffix(k, "ه") && !strings.HasSuffix(k, "يه")); e != nil {
				return e, true
			}
		}
	}
	if c == nil && bs < first && d.timestamp(bs, first) {
		bs = first // «06:20 | "…"»: a live page's entry that is only a quotation
	}
	if c == nil && bs == first {
		c = d.sayingThat(last + 1) // «“…”. قالت ذلك مريم منت اباه، وهي أم …»
	}
	if c == nil {
		if bs < first {
			// In a sentence with no speech verb: the person it is about,
			// else nobody known («وجاء في بلاغ للجماعة: «…»») — but for
			// a text read aloud by whoever spoke last («ثم تلا رسالة من
			// غبطته جاء فيها: «…»»: the reader is the voice recorded).
			if d.chanted(first) || d.saidTogether(d.sentenceStart(first), first) {
				return nil, true // «وسط ترديد المشيعين: «…»»: a crowd
			}
			if e := d.sentencePerson(first); e != nil {
				return e, true
			}
			if d.readsAloud(d.sentenceStart(first)) {
				return focus, focus != nil
			}
			return nil, true
		}
		if e := d.paragraphNewcomer(first); e != nil {
			// «يتأمل الحاج إبراهيم أيت الحاج بئره التي جفت. «كنا …»»: the
			// person the sentence before it in its paragraph introduces.
			return e, true
		}
		return focus, focus != nil // it opens its sentence: the speaker goes on
	}
	if c.who == nil && c.subj == nil && c.verb < first && strings.HasPrefix(d.r.key(c.verb), "ف") {
		if e := d.topic(c.verb, c.fem); e != nil {
			return e, true // «أما المحامية سيلين أوزدمير، …، فقالت:»
		}
	}
	switch {
	case c.who != nil:
		return c.who, true
	case c.again:
		if agrees(focus, c.fem) {
			return focus, true
		}
		return nil, true
	case c.nobody:
		if c.verb+1 < len(d.r.toks) && d.r.joined(c.verb+1) && d.describes(c.verb+1, d.runEnd(c.verb+1)) {
			// «يتأمل الحاج إبراهيم أيت الحاج بئره. «…»، يقول الفلاح
			// الستيني بحسرة.»: a description of whom its paragraph
			// introduced.
			if e := d.paragraphNewcomer(first); agrees(e, c.fem) {
				return e, true
			}
			if s := d.sentenceStart(c.verb); c.verb < first && s > 0 {
				// The clause opens its own sentence: whom the sentence before
				// introduced — in its paragraph («يقف فتحي الشعري، صاحب محل ….
				// ويقول ابن المدينة: "…"»), or ending the paragraph before
				// («وقفت رهف عبد الكريم الحمصي، صاحبة متجر …», then «وقالت
				// الشاهدة البالغة من العمر 41 عاما:» opening the next).
				if e := d.newcomer(s); agrees(e, c.fem) && len(e.name) > 0 && givenNames[arabic.Key(e.name[0])] {
					return e, true
				}
			}
			if e := d.introducedBefore(c, first, last, bs); e != nil {
				return e, true
			}
			if c.verb > last && focus != nil && len(focus.name) > 0 && agrees(focus, c.fem) && d.onlyVoice(focus, first, d.runEnd(c.verb)) {
				// «بوزيد: «…». «أهدي هذه الجائزة لأمي»، يقول ابن الأوراس»:
				// a description set after the quotation varies the name of
				// whoever was speaking.
				return focus, true
			}
		}
		return nil, true
	case c.subj != nil:
		e := d.resolve(c.subj, c.verb, focus, c.fem)
		if e == nil {
			e = d.resolveShorter(c.subj, c.verb, focus, c.fem)
		}
		if v := strings.TrimLeft(d.r.key(c.verb), "وف"); e == nil && (goOn[v] || closing[v]) && len(c.subj.name) == 0 && len(c.subj.titles) == 1 &&
			adjectivesOnly(c.subj.titles[0], professions) && agrees(focus, c.fem) {
			// «تضيف الباحثة» after «الدكتورة سعاد بن ناصر، أستاذة علم
			// الاجتماع»: what someone is, not an office, said of whoever
			// goes on speaking.
			return focus, true
		}
		if v := strings.TrimLeft(d.r.key(c.verb), "وف"); e == nil && (goOn[v] || closing[v]) && d.unheldFunction(c.subj) {
			// «وتابع حاكم أوهايو السابق:» after the president-elect spoke: a
			// function the article gives nobody else, said of whoever goes
			// on speaking — nobody when that is unknown.
			if focus != nil && focus.function == "" && agrees(focus, c.fem) {
				return focus, true
			}
			return nil, true
		}
		if e == nil && len(c.subj.name) == 0 && len(c.subj.titles) == 1 && adjectivesOnly(c.subj.titles[0], professions) {
			e = d.introducedBefore(c, first, last, bs) // «««…»، يقول الخبير الألماني» (introducedBefore)
		}
		if e == nil {
			e = d.function(c.subj)
		}
		if e != nil {
			e.at = append(e.at, c.verb)
			if c.fem {
				e.fem = true // the verb agrees with its subject
			} else if !e.fem {
				e.masc = true
			}
		}
		return e, true
	}
	// A verb with no subject: the subject of its sentence, else the
	// person speaking.
	at := c.verb
	if c == after {
		at = first
	}
	e := d.sentenceSubject(at, focus, c.fem)
	return e, e != nil
}

// resolveShorter resolves a name mention m that no one holds by the
// longest start of it that someone does, the words left off all definite
// — the verb's object read into the name («ختم الكواري الحلقة» after «خالد
// جاسم الكواري»); nil when none does.
func (d *discourse) resolveShorter(m *mention, at int, focus *entity, fem bool) *entity {
	if len(m.titles) > 0 || len(m.name) < 2 {
		return nil
	}
	for k := len(m.name) - 1; k >= 1; k-- {
		if !definite(d.r.key(m.name[k])) || givenNames[d.r.key(m.name[k])] {
			return nil
		}
		short := *m
		short.name = m.name[:k]
		short.end = m.name[k-1] + 1
		if e := d.resolve(&short, at, focus, fem); e != nil && len(e.name) > 0 {
			return e
		}
	}
	return nil
}

// calledSo reports the words from toks[p], at most four, followed by «،
// كما يلقبه …», «، كما يناديها …»: a nickname given in passing.
func (d *discourse) calledSo(p, hi int) bool {
	r := d.r
	for q := p + 1; q < hi && q <= p+4; q++ {
		if !r.joined(q) {
			return r.gapBefore(q) == gapComma && r.key(q) == "كما" && q+1 < hi && r.joined(q+1) && callNames[r.key(q+1)]
		}
	}
	return false
}

// introducedBefore is, for a clause after a quotation that opens its
// paragraph (or between the two parts of one), the person the paragraph
// before introduced last — for one that opens a sentence within its
// paragraph, the sentence before —, named whole and agreeing with the
// clause's verb: «قدّم توماس كيلر، المستشار لدى …، قراءة …» closing a
// paragraph, then ««…»، يقول الخبير الألماني، «…»» opening the next
// describes him. nil otherwise.
func (d *discourse) introducedBefore(c *clause, first, last, bs int) *entity {
	r := d.r
	opens := first // the quotation that opens the paragraph
	switch {
	case c.verb > last && bs == first:
	case c.verb < first && c.verb > 0 && !r.narr[c.verb-1]:
		// ««…»، يقول الخبير الألماني، «…»»: the second part of a
		// quotation split by the clause.
		for opens = c.verb - 1; opens > 0 && !r.narr[opens-1] && r.toks[opens-1].Quote == r.toks[c.verb-1].Quote; opens-- {
		}
		if opens > 0 && !r.narr[opens-1] {
			return nil
		}
	default:
		return nil
	}
	if opens == 0 {
		return nil
	}
	e := d.paragraphNewcomer(opens) // («واعتبرت خديجة منت أحمد سالم، …، أن …. «…»، قالت الخبيرة الموريتانية.»)
	if r.lineBreak(opens) {
		e = d.newcomer(opens)
	}
	if agrees(e, c.fem) && len(e.name) >= 2 && e.function == "" {
		return e
	}
	return nil
}

// onlyHolder is the one named person whose functions have the head h
// and who agrees with fem; nil for none or two.
func (d *discourse) onlyHolder(h string, fem bool) *entity {
	var found *entity
	for _, e := range d.people {
		if e.function != "" || !e.heads[h] || !agrees(e, fem) {
			continue
		}
		if found != nil {
			return nil
		}
		found = e
	}
	return found
}

// topic is the person «أما» sets first in the sentence of toks[at] — the
// subject of its verb in «فـ» («أما المحامية سيلين أوزدمير، التي تمثل
// العائلة، فقالت:», «أما الطالبة دانة فقالت:») — when the verb agrees
// with them; nil for none.
func (d *discourse) topic(at int, fem bool) *entity {
	r := d.r
	s := d.sentenceStart(at)
	if k := r.key(s); k != "اما" && k != "واما" || s+1 >= at || !r.joined(s+1) {
		return nil
	}
	if k := r.key(s + 1); kinNouns[bare(k)] && feminineNoun(k) == fem && s+2 < at && r.joined(s+2) && definite(r.key(s+2)) && !givenNames[r.key(s+2)] &&
		(s+3 >= at || !r.joined(s+3)) {
		// «أما والدة الفائزة، فقالت:»: the kin of someone the article
		// describes, unnamed — another person, reported as described.
		x, made := d.byFunction(r.toks[s+1].Text + " " + r.toks[s+2].Text)
		if made {
			x.fem = fem
		}
		return x
	}
	i := slices.IndexFunc(d.mentions, func(m *mention) bool {
		// («أما الطالبة دانة فقالت»: a description before the name)
		return m.at == s+1 || m.at == s+2 && r.joined(s+2) && definite(r.key(s+1)) && personShape(bare(r.key(s+1))) && len(m.name) > 0
	})
	if i < 0 || d.mentions[i].plural {
		return nil
	}
	m := d.mentions[i]
	e := d.resolve(m, m.at, nil, fem)
	if e == nil && len(m.name) == 0 && len(m.titles) > 0 {
		e = d.function(m)
	}
	if !agrees(e, fem) {
		return nil
	}
	return e
}

// sentenceSubject is who a verb at toks[at] with no subject of its own
// refers to: the first person of its sentence before it who is the subject
// of a speech verb or no object of a preposition («وفي رده، أوضح وزير
// الصحة الطيب عمراني أن …، وقال:»; «أما المحامي رامي فكري، … فأشار»),
// else the focus. A feminine verb wants a woman, a masculine one no woman.
func (d *discourse) sentenceSubject(at int, focus *entity, fem bool) *entity {
	r := d.r
	s := d.sentenceStart(at)
	for j := at - 1; j > s; j-- {
		if !r.narr[j] && r.toks[j].Quote >= 0 {
			s = j + 1 // «حتى تعالت الهتافات: "…"، ما اضطر رئيس الجلسة …، معلنا:»: the clause after the quotation
			break
		}
	}
	fits := func(e *entity) bool { return agrees(e, fem) }
	if k := strings.TrimPrefix(r.key(s), "و"); (k == "كان" || k == "كانت") && s+1 < at && r.joined(s+1) &&
		r.institutionAt(s+1) {
		return nil // «وكانت وزارة الخارجية قد أعلنت، في بيان …، أن»: an institution's words
	}
	if d.bodyStatement(s, at) {
		return nil // «وفي بيان نشرته الجامعة على صفحتها، اعتبرت أن»: the body's words
	}
	if k := strings.TrimPrefix(r.key(s), "و"); (k == "كان" || k == "كانت") && s+1 < at && r.joined(s+1) {
		if e := d.familyNamed(s+1, s+2); e != nil && fits(e) {
			return e // «وكان الموسوي قد أعلن استقالته …، وقال فيه:»: the family name «كان» sets first
		}
	}
	if k := r.key(s); s+1 < at && r.joined(s+1) && (r.perfectVerb(s) || hasVerb(strings.TrimLeft(k, "وف")) || strings.HasPrefix(k, "و") && len([]rune(k)) >= 4 && r.isKnown(s)) &&
		!slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at == s || m.at == s+1 }) {
		if e := d.familyNamed(s+1, s+2); e != nil && fits(e) && (givenNames[e.keys[0]] || e.keys[0] == keyAbd) {
			return e // «ونشر الظاهري على حسابه صورة …، وكتب:»: the family name right after the sentence's verb
		}
	}
	if participleAt(r, at) && !slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at >= s && m.at < at && !d.inPrep[m] && !m.plural }) {
		// «…، أمهلت الرابطة السلطات أسبوعا، مؤكدة أنها»: in a sentence
		// that names nobody, the participle goes with the verb whose
		// subject is an institution.
		for v := at - 1; v > s && r.narr[v]; v-- {
			if v+1 < at && r.joined(v+1) && (r.perfectVerb(v) || hasVerb(strings.TrimLeft(r.key(v), "وف"))) &&
				r.institutionAt(v+1) {
				return nil
			}
			if slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at == v && len(m.name) > 0 && !d.inPrep[m] }) {
				break // a person nearer is the subject
			}
		}
	}
	if k := r.key(s); (k == "اما" || k == "واما") && s+1 < at && r.joined(s+1) {
		// «أما لحسن، فقد حسم أمره: «…»»: the person «أما» sets first.
		if i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == s+1 && len(m.name) > 0 && !m.plural }); i >= 0 {
			if e := d.resolve(d.mentions[i], s+1, nil, fem); e != nil && fits(e) {
				return e
			}
		}
	}
	if k := r.key(s); (k == "اما" || k == "واما") && s+1 < at && r.joined(s+1) && r.surnames[bare(r.key(s+1))] {
		// «أما موريموتو فكتب …»: the surname «أما» sets first is the subject.
		w := bare(r.key(s + 1))
		if e := d.pick(at, nil, func(e *entity) bool { return e.function == "" && slices.Contains(e.keys, w) }); fits(e) {
			return e
		}
	}
	if participleAt(r, at) {
		// (across a quotation inside the sentence: «دعت وزارة النقل في
		// بيان الناقلين إلى “…”، مؤكدة أن “…”»)
		s0 := d.sentenceStart(at)
		for v := at - 1; v >= s0 && (r.narr[v] || r.toks[v].Quote >= 0); v-- {
			if !r.narr[v] {
				continue
			}
			if f, ok := isSpeechVerb(r.key(v)); ok && !f.participle && d.speechVerbAt(v, s0) {
				if v+1 < at && r.joined(v+1) && r.institutionAt(v+1) {
					return nil // «ودعت الوزارة في بيانها المحسنين …، مؤكدة أن»: the institution the verb has
				}
				break
			}
		}
	}
	for j := at - 1; j > s && r.narr[j]; j-- {
		if oneOf[r.key(j)] && r.joined(j) && !d.prepBefore(j) && !prepositions[strings.TrimPrefix(r.key(j-1), "و")] &&
			!(j-2 > s && r.joined(j-1) && prepositions[strings.TrimPrefix(r.key(j-2), "و")]) { // (not «في قاعة أحد فنادق العاصمة»: a genitive)
			// (not «الحاج سيد أبو زيد، أحد أهالي القرية»: an apposition)
			return d.oneOfSubject(j, at) // «أجراها رئيس المركز …، قاطعه أحد شباب القرية قائلا:»: the nearest subject, unnamed
		}
		if slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at == j && !d.inPrep[m] }) {
			break
		}
	}
	mi := 0
	for j := s; j < at; j++ {
		if !r.narr[j] {
			continue
		}
		var e *entity
		if d.speechVerbAt(j, s) {
			if c := d.subjectAfter(j, d.runEnd(j)); c.subj != nil {
				e = d.resolve(c.subj, j, focus, c.fem)
				if e == nil && len(c.subj.titles) > 0 && len(c.subj.titles[0].words) > 1 {
					// «وأشاد رئيس الوزراء …، وقال:»: the function, as a
					// clause's own subject is; a bare «الطبيبة» may be the
					// focus.
					e = d.function(c.subj)
				}
			}
		}
		for mi < len(d.mentions) && d.mentions[mi].at < j {
			mi++
		}
		if e == nil && oneOf[r.key(j)] && !d.prepBefore(j) && (j == 0 || !prepositions[strings.TrimPrefix(r.key(j-1), "و")]) {
			return d.oneOfSubject(j, at) // «فيما طالب أحد المساهمين …، قائلا»: someone unnamed
		}
		if m := d.mentionAt(mi, j); e == nil && m != nil && !d.inPrep[m] {
			e = d.resolve(m, j, focus, fem)
			if e != nil && !fits(e) && len(m.name) == 0 && len(m.titles) > 0 {
				// «وعاد النائب …، مضيفا» after a woman MP spoke: the
				// nearest MP the verb agrees with.
				e = d.pick(j, focus, func(p *entity) bool { return fits(p) && d.fits(p, m) })
			}
			if e == nil && len(m.name) == 0 && len(m.titles) > 0 && len(m.titles[0].words) > 1 && !m.plural && !m.same && !anaphoric(m) {
				// «وكان الناطق باسم الحكومة قد صرح …، داعيا …»: the
				// sentence is about someone with a function the article
				// gives nobody it names, not whoever spoke before (a bare
				// «الطبيبة» may still be her); «وتدخل رئيس اللجنة قائلا:»:
				// that function, when it is its own and the participle
				// follows it.
				if f := d.function(m); f != nil && fits(f) && (m.end == at && r.joined(at) && participleAt(r, at) || d.ownSubject(m, at)) {
					return f // the participle right after it; the subject of the verb that opens the sentence
				}
				return nil
			}
		}
		if fits(e) {
			return e
		}
	}
	if e := d.newcomer(s); fits(e) && e != focus && !goOn[strings.TrimLeft(r.key(at), "وف")] {
		return e
	}
	if fits(focus) {
		return focus
	}
	if fem {
		// «وأضافت:» after a man spoke: the woman mentioned last.
		return d.pick(at, nil, func(e *entity) bool { return e.fem })
	}
	return nil
}

// sonOfPlace reports «ابن»/«ابنة» at toks[p] before a definite word that
// is no given name, no kinship noun and in no name of the article's
// people («ابن الأوراس», «ابنة الجهراء», not «ابن الخطيب» where the
// article names «محمد ابن الخطيب», nor «ابن الضحية»): someone described
// by where they come from. (A place the article names elsewhere is
// fromPlace's: the person it puts there.)
func (d *discourse) sonOfPlace(p, hi int) bool {
	r := d.r
	if k := bare(r.key(p)); k != "ابن" && k != "ابنه" && !(manWoman[r.key(p)] && p+1 < hi && ordinals[r.key(p+1)] != 0) || p+1 >= hi || !r.joined(p+1) {
		return false // («يضيف الرجل الأول في القطاع»: the one at its head)
	}
	x := r.key(p + 1)
	if manWoman[r.key(p)] {
		return true
	}
	if !definite(x) || r.placeElsewhere(p+1) || givenNames[x] || givenNames[bare(x)] || kinNouns[bare(x)] || victims[bare(x)] || honorifics[x] != "" {
		return false
	}
	if h, _ := headOf(x); h != "" {
		return false
	}
	for _, e := range d.people {
		if slices.Contains(e.keys, bare(x)) && slices.ContainsFunc(e.at, func(a int) bool { return a != p }) {
			return false // (the phrase itself, read as a name, is no other mention)
		}
	}
	return true
}

// manWoman are «الرجل», «المرأة»: «الرجل الأول في …» describes whoever
// heads it.
var manWoman = keySet("الرجل المرأة")

// victims are the people a «son of» may be the child of («ابن الضحية»,
// «ابنة الفقيد»): another person, not a description of the speaker.
var victims = keySet("ضحيه فقيد فقيده راحل راحله شهيد شهيده مرحوم مرحومه متوفي قتيل قتيله مفقود مفقوده اسير اسيره معتقل معتقله " +
	"متهم متهمه مجني سجين سجينه مصاب مصابه")

// kinSetOff reads a companion or kinsman with a pronoun as the subject
// after the speech verb at toks[v], a short prepositional phrase after
// it, then the person's name set off by a comma, maybe after a function:
// «رأى زميله في اللجنة، النائب مصطفى جواد آل طعمة، أن» — that person.
func (d *discourse) kinSetOff(v, p, hi int, fem bool) (*clause, bool) {
	r := d.r
	if !(kinPossessed[r.key(p)] || companionOf(r.key(p))) || p+2 >= hi || !r.joined(p+1) || !prepositions[r.key(p+1)] {
		return nil, false
	}
	q := p + 2
	for q < hi && q-p <= 4 && r.joined(q) {
		q++
	}
	if q >= hi || r.gapBefore(q) != gapComma {
		return nil, false
	}
	i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == q && len(m.name) >= 2 && !m.plural })
	if i < 0 {
		return nil, false
	}
	return &clause{verb: v, fem: fem, subj: d.mentions[i]}, true
}

// onlyVoice reports that, from the quotation before toks[first] to the
// clause at toks[v] after it, the narration mentions nobody but e: a
// description set after the quotation («، يقول ابن الأوراس») may then
// only vary e's name; someone else introduced in between («يبدأ عبده
// النزول …. «…»، يقول الرجل الأربعيني») may be whom it describes.
func (d *discourse) onlyVoice(e *entity, first, v int) bool {
	r := d.r
	from := first - 1
	for from >= 0 && r.toks[from].Quote < 0 {
		from--
	}
	if from < 0 {
		return false
	}
	for _, m := range d.mentions {
		if m.at > from && m.at < v && !m.plural && (len(m.name) > 0 || len(m.titles) > 0) && d.personOf(m) != e && !d.sonOfPlace(m.at, d.runEnd(m.at)) {
			return false
		}
	}
	return true
}

// oneOfPerson is the unnamed member of a group that «أحد»/«إحدى» at
// toks[p] opens, reported as the article describes them: the word, then
// the group — a definite noun, or a noun and its definite genitive — and
// its definite adjectives («أحد الصحفيين», «إحدى الصحفيات», «أحد عناصر
// الشرطة البلدية», «أحد شباب القرية»); nil for another word, a group
// that is no people («أحد فنادق العاصمة» is no subject that speaks) or a
// phrase that goes on with what the model does not read.
func (d *discourse) oneOfPerson(p, hi int) *entity {
	r := d.r
	if !oneOf[r.key(p)] || p+1 >= hi || !r.joined(p+1) {
		return nil
	}
	e := p + 1
	for e < hi && e-p <= 4 && r.joined(e) {
		k := r.key(e)
		if closedWord(k) || prepositions[k] || stopWords[k] || givenNames[k] || startsWithDigit(r.toks[e].Text) || r.conjunct(e) || participleAt(r, e) {
			break
		}
		if _, verb := isSpeechVerb(k); verb {
			break
		}
		if !definite(k) && !(e <= p+2 && e+1 < hi && r.joined(e+1) && definite(r.key(e+1))) &&
			!(e == p+1 && e+2 < hi && r.joined(e+1) && r.joined(e+2) && !closedWord(r.key(e+1)) && !givenNames[r.key(e+1)] && definite(r.key(e+2))) {
			break // (a construct «عناصر الشرطة», «طلاب جامعة الإمارات», else the phrase is over)
		}
		e++
	}
	if e == p+1 || !d.peopleWord(r.key(p+1)) {
		return nil
	}
	words := make([]string, 0, e-p)
	for _, t := range r.toks[p:e] {
		words = append(words, t.Text)
	}
	x, made := d.byFunction(strings.Join(words, " "))
	if made {
		x.fem = r.key(p) == keyIhda
	}
	return x
}

// oneOfSubject is oneOfPerson for «أحد» at toks[j] when it is the
// subject of the verb right before it and no verb stands between its
// phrase and the clause at toks[at] («قاطعه أحد شباب القرية قائلا»); nil
// — nobody — for the genitive of a noun («حفيد أحد المجاهدين»), an
// apposition («فلان، أحد الموقعين»), or a sentence that goes on with
// another verb («سألها أحد الصحفيين …، أجابت:»: the one asked answers).
func (d *discourse) oneOfSubject(j, at int) *entity {
	r := d.r
	if j == 0 || !r.joined(j) || !(r.perfectVerb(j-1) || r.imperfect(j-1) || strings.TrimLeft(r.key(j-1), "وف") != r.key(j-1) && hasVerb(strings.TrimLeft(r.key(j-1), "وف"))) {
		return nil
	}
	x := d.oneOfPerson(j, d.runEnd(j))
	if x == nil {
		return nil
	}
	if d.verbBetween(j+len(strings.Fields(x.function)), at) {
		return nil
	}
	return x
}

// verbBetween reports a finite verb of the narration in toks[from:to]
// («سألها أحد الصحفيين عن …، تدخل الفنان ضاحكا:»: the clause goes on
// with another subject).
func (d *discourse) verbBetween(from, to int) bool {
	r := d.r
	for t := from; t < to; t++ {
		if _, speech := isSpeechVerb(r.key(t)); r.narr[t] && (speech || r.perfectVerb(t) || r.imperfect(t)) && !participleAt(r, t) {
			return true
		}
	}
	return false
}

// peopleWord reports a plural of people after «أحد» («الصحفيين»,
// «المناصرين», «عناصر», «شباب», «السكان»): a sound masculine or feminine
// plural of a person's shape, or one of the broken plurals of people
// news writes there.
func (d *discourse) peopleWord(k string) bool {
	b := bare(k)
	if peopleGroups[b] {
		return true
	}
	for _, suf := range []string{"ين", "ون", "ات"} {
		if st, ok := strings.CutSuffix(b, suf); ok && len([]rune(st)) >= 3 && personShape(st) {
			return true
		}
	}
	return false
}

// peopleGroups are broken plurals of people «أحد» takes in news prose.
var peopleGroups = keySet("عناصر شباب سكان اعوان افراد رجال اهالي اهل ابناء طلاب طلبه عمال تجار ركاب جنود ضباط نواب " +
	"وجهاء شيوخ حضور زوار مرضي نزلاء اطباء اعضاء اباء مواطنين")

// ownSubject reports a function m that is the subject of the verb right
// before it, which opens its sentence, whose clause a subjectless speech
// verb joined by «و» goes on before toks[at] («وتدخّل رئيس الجلسة
// داعياً …، وقال:»): that function speaks.
func (d *discourse) ownSubject(m *mention, at int) bool {
	r := d.r
	s := d.sentenceStart(m.at)
	if m.at < 1 || m.at-1 != s && !(m.at-2 == s && stopWords[strings.TrimLeft(r.key(s), "وف")]) {
		return false
	}
	if v := m.at - 1; !(r.perfectVerb(v) || hasVerb(strings.TrimLeft(r.key(v), "وف")) || r.formVIII(v) || strings.ContainsRune(r.toks[v].Text, 'ّ')) {
		return false
	}
	for t := m.end; t <= at && t < len(r.toks); t++ {
		if _, verb := isSpeechVerb(r.key(t)); verb && strings.HasPrefix(r.key(t), "و") && t+1 < len(r.toks) && !r.joined(t+1) {
			return true
		}
	}
	return false
}

// stateOpeners open a clause of state right after a verb («وقد», «وهو»):
// what follows is no subject.
var stateOpeners = keySet("وقد وهو وهي وهم")

// oneOf are «one of» («أحد المساهمين», «إحدى الطالبات»): an unnamed member
// of a group.
var oneOf = keySet("أحد إحدى")

// keyIhda is «إحدى», «one of» in the feminine.
var keyIhda = arabic.Key("إحدى")

// goOn are the speech verbs that continue («ويضيف», «وتابعت»): their
// subject is whoever spoke, never someone the narration just introduced.
var goOn = keySet("اضاف يضيف اضافت تضيف تابع يتابع تابعت تتابع اردف يردف اردفت تردف استطرد يستطرد استطردت تستطرد " +
	"واصل يواصل واصلت تواصل استدرك يستدرك استدركت تستدرك")

// newcomer is the person the sentence before the one starting at toks[s]
// introduces — its first mention of a person, by name, outside a
// prepositional phrase, the first in the article: «التقت النهار المودع
// حسين علي شمص، …. قال: «…»» and «يقف عودة سليمان الخوالدة قرب بئره.
// يقول: «…»» — a feature introduces someone, then lets them speak. nil
// when that sentence names nobody new first.
func (d *discourse) newcomer(s int) *entity {
	if s == 0 {
		return nil
	}
	p := d.sentenceStart(s - 1)
	for _, m := range d.mentions {
		if m.at < p || m.at >= s {
			continue
		}
		if d.inPrep[m] || m.plural || len(m.name) == 0 {
			return nil
		}
		e := d.personOf(m)
		if e == nil || slices.Min(e.at) < m.at {
			return nil
		}
		if len(m.name) == 2 && definite(d.r.key(m.name[1])) && d.r.isKnown(m.name[1]) &&
			slices.ContainsFunc(d.people, func(o *entity) bool {
				return o != e && len(o.keys) > 0 && o.keys[0] == e.keys[0] && slices.Min(o.at) < m.at
			}) {
			return nil // «يبدأ عبده النزول من المنحدر» after «عبده قاسم المقبلي»: the one named before, a common word after the name
		}
		return e
	}
	return nil
}

// paragraphNewcomer is newcomer(first) when the sentence it reads is in
// the paragraph of toks[first]; nil otherwise.
func (d *discourse) paragraphNewcomer(first int) *entity {
	r := d.r
	if first == 0 || !r.narr[first-1] || r.lineBreak(first) {
		return nil
	}
	e := d.newcomer(first)
	if e == nil || len(e.name) == 0 || !givenNames[arabic.Key(e.name[0])] && e.role == nil && len(e.honors) == 0 {
		return nil // («هاجم بن خليفة الحكومة»: a verb read as a name)
	}
	return e
}

// sentenceStart is the first token of the sentence of toks[at], its
// quotations included.
func (d *discourse) sentenceStart(at int) int {
	r := d.r
	s := at
	for s > 0 && (r.narr[s-1] || r.toks[s-1].Quote >= 0) && r.gapBefore(s) != gapStop {
		s--
	}
	return s
}

// sentencePerson is the first person mentioned, no object of a
// preposition, in the sentence before toks[at]; nil for none.
// unreadUpToComma reports two or three words from toks[j] that the
// lexicon does not know, none a closed word, which a comma ends: a foreign
// name («أما راجيف مينون،») — or words one of which it does not know, set
// off before a function.
func (d *discourse) unreadUpToComma(j, hi int) bool {
	r := d.r
	n := j
	for n < hi && (n == j || r.joined(n)) && n-j < 3 && r.unknown(n) && !r.closed(n) {
		n++
	}
	if n-j >= 2 && n < hi && r.gapBefore(n) == gapComma {
		return true
	}
	// «أما آنا بيلين غارسيا، الناطقة باسم …،»: two to four words, one the
	// lexicon does not know, that a function set off by commas describes.
	n, unread := j, false
	for n < hi && (n == j || r.joined(n)) && n-j < 4 && !r.closed(n) && !definite(r.key(n)) {
		unread = unread || r.lex == nil || r.unknown(n)
		n++
	}
	if n-j < 2 || !unread || n >= hi || r.gapBefore(n) != gapComma {
		return false
	}
	h, _ := headOf(r.key(n))
	return h != "" && definite(r.key(n))
}

// anonymous reports a quotation whose sentence, before it or right
// after it, says its speaker asked not to be named («طلب عدم نشر اسمه»,
// «فضّل عدم ذكر اسمه», «رفض الكشف عن هويته»).
func (d *discourse) anonymous(first, last int) bool {
	r := d.r
	marked := func(from, to int) bool {
		for p := max(from, 0); p < to && p < len(r.toks); p++ {
			if !r.narr[p] || !anonymity[r.key(p)] {
				continue
			}
			for q := p - 1; q >= from && q >= p-3; q-- {
				if k := r.key(q); k == "عدم" || k == "الكشف" {
					return true
				}
			}
		}
		return false
	}
	start := d.sentenceStart(first)
	end := last + 1
	for end < len(r.toks) && end-last < 25 && r.narr[end] && r.gapBefore(end) != gapStop {
		end++
	}
	if !marked(start, first) && !marked(last+1, end) {
		return false
	}
	// «يقول أبو أنس، … فضّل عدم ذكر اسمه كاملًا»: a kunya or a given name
	// the article does give is who speaks.
	return !slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at >= start && m.at < end && len(m.name) > 0 })
}

// anonymity are the words a source's wish not to be named ends on.
var anonymity = keySet("اسمه اسمها هويته هويتها اسمي")

// saidTogether reports a speech verb in the plural in the sentence from
// toks[s] before the quotation at toks[first] («وردّدوا بصوت واحد:»,
// «هتفوا»): a crowd, nobody known.
func (d *discourse) saidTogether(s, first int) bool {
	r := d.r
	for p := s; p < first; p++ {
		k := r.key(p)
		if !r.narr[p] || !strings.HasSuffix(k, "وا") {
			continue
		}
		stem := strings.TrimSuffix(k, "وا")
		if _, verb := isSpeechVerb(stem); verb || chantVerbs[strings.TrimLeft(stem, "وف")] {
			return true
		}
	}
	// «وهتف عدد من المستفيدين:», «ردد بعض الحاضرين:»: a verb of saying
	// together and a number of people.
	for p := s; p+1 < first; p++ {
		if !r.narr[p] || !chantVerbs[strings.TrimLeft(strings.TrimSuffix(r.key(p), "ت"), "وف")] || !r.joined(p+1) {
			continue
		}
		if k := r.key(p + 1); someOf[k] || definite(k) && peopleInPlural(k) {
			return true
		}
	}
	return false
}

// someOf are «a number of», «some of»: a group, nobody in it.
var someOf = keySet("عدد بعض مجموعة جموع حشد")

// chantVerbs are the verbs of saying together.
var chantVerbs = keySet("ردد هتف صاح صرخ")

// chanted reports a quotation at toks[first] right after a chant and the
// people who chant it («وسط ترديد المشيعين:», «على وقع هتافات المحتجين:»).
func (d *discourse) chanted(first int) bool {
	r := d.r
	if p := first - 1; p >= 0 && r.narr[p] && chantingPlurals[strings.TrimPrefix(r.key(p), "و")] {
		return true // «رافعين الرايات ومرددين «…»»: a crowd chanting
	}
	p := first - 1
	if p < 1 || !r.narr[p] || !r.narr[p-1] || !r.joined(p) || !definite(r.key(p)) {
		return false
	}
	return peopleInPlural(r.key(p)) && chants[bare(strings.TrimPrefix(r.key(p-1), "و"))]
}

// peopleInPlural reports a crowd's noun or a masculine sound plural
// («المشيعين», «المعتصمون»): a group of people, nobody in it.
func peopleInPlural(k string) bool {
	b := bare(k)
	return crowds[b] || strings.HasSuffix(b, "ين") || strings.HasSuffix(b, "ون")
}

// chantingPlurals are the plural participles of chanting right before a
// quotation («ومرددين», «هاتفين»): a crowd's words.
var chantingPlurals = keySet("مرددين مرددون مرددات هاتفين هاتفون هاتفات صائحين")

// chants are the nouns of words a crowd says together.
var chants = keySet("ترديد هتاف هتافات صيحات شعارات تكبيرات")

// readsAloud reports a sentence from toks[s] that opens with a verb of
// reading a text aloud («ثم تلا», «وقرأت») and no subject after it: its
// subject is whoever the narration was about.
func (d *discourse) readsAloud(s int) bool {
	r := d.r
	if s < len(r.toks) && r.key(s) == "ثم" {
		s++
	}
	if s+1 >= len(r.toks) || !r.narr[s] {
		return false
	}
	k := r.key(s)
	if !readAloud[k] {
		k = strings.TrimPrefix(strings.TrimPrefix(k, "و"), "ف")
	}
	return readAloud[k] && !slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at == s+1 })
}

// readAloud are the verbs of reading a text aloud.
var readAloud = keySet("تلا تلت قرأ قرأت يتلو تتلو يقرأ تقرأ")

// sentencePerson is the person the first mention of the sentence before
// toks[at], outside a preposition, names; nil for none.
func (d *discourse) sentencePerson(at int) *entity {
	s := d.sentenceStart(at)
	for _, m := range d.mentions {
		if m.at >= s && m.at < at && !d.inPrep[m] && len(m.name)+len(m.titles)+len(m.honors) > 0 {
			if e := d.resolve(m, m.at, nil, false); e != nil {
				return e
			}
		}
	}
	return nil
}

// mentionAt is the mention of the narration starting at toks[j], looked
// for from d.mentions[mi]; nil for none.
func (d *discourse) mentionAt(mi, j int) *mention {
	if mi < len(d.mentions) && d.mentions[mi].at == j {
		return d.mentions[mi]
	}
	return nil
}

// interviewed is the person the narration before toks[bs] says spoke in an
// interview given to the outlet: the subject of the sentence that holds
// «في حديث خاص …», «في حوار خاص …», «في مقابلة خاصة …» («وقال الطيب، في
// حديث خاص للشرق الأوسط …»); nil for none or two people.
func (d *discourse) interviewed(bs int) *entity {
	r := d.r
	var found *entity
	for j := 0; j+1 < bs; j++ {
		k := strings.TrimPrefix(r.key(j), "ب")
		n := r.key(j + 1)
		// («مؤكدة في حوار مع القبس»: with an outlet, not a person, is the
		// interview given to it.)
		withOutlet := n == "مع" && j+2 < bs && r.joined(j+2) && !givenNames[r.key(j+2)] &&
			!slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at == j+2 })
		if e := d.interviewWith(j, bs); e != nil {
			// «أجرت بوابة الوسط حوارا قصيرا مع رئيس مجلس إدارة الصندوق:»
			if found != nil && found != e {
				return nil
			}
			found = e
			continue
		}
		if !r.narr[j] || !interviewNouns[k] || !r.joined(j+1) || !(n == "خاص" || n == "خاصه" || withOutlet) {
			continue
		}
		var e *entity
		s, hi := d.sentenceStart(j), d.runEnd(j)
		for v := s; v < hi; v++ {
			if d.speechVerbAt(v, s) {
				if c := d.subjectAfter(v, hi); c.subj != nil {
					e = d.resolve(c.subj, v, nil, c.fem)
				}
				break // its speech verb's subject, named after it
			}
		}
		if e == nil {
			// «في حديث خاص للشرق …، استعاد المذيع … فلان …»: with no
			// speech verb, the person the sentence names after it.
			for _, m := range d.mentions {
				if m.at > j && m.at < hi && len(m.name) >= 2 && !d.inPrep[m] {
					if p := d.personOf(m); p != nil && len(p.keys) >= 2 {
						e = p
					}
					break
				}
			}
		}
		if e == nil {
			continue
		}
		if found != nil && found != e {
			return nil
		}
		found = e
	}
	return found
}

// interviewWith is the person an interview the narration announces at
// toks[j] is with, in the accusative and maybe described: «أجرت … حوارا
// قصيرا مع رئيس مجلس إدارة الصندوق» — the person or the function named
// after «مع», before toks[bs]; nil for none.
func (d *discourse) interviewWith(j, bs int) *entity {
	r := d.r
	k := r.key(j)
	if !r.narr[j] || !accusative(k) || !interviewNouns[strings.TrimSuffix(k, "ا")] {
		return nil
	}
	q := j + 1
	if q < bs && r.joined(q) && accusative(r.key(q)) {
		q++ // «حوارا قصيرا»
	}
	if q+1 >= bs || !r.joined(q) || !r.joined(q+1) || r.key(q) != "مع" {
		return nil
	}
	i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == q+1 && !m.plural })
	if i < 0 {
		return nil
	}
	return d.resolve(d.mentions[i], q+1, nil, d.mentions[i].fem)
}

// interviewNouns name an interview («حديث خاص», «حوار مع»).
var interviewNouns = keySet("حديث حوار مقابلة لقاء")

// interviewHeading is the person a heading over an interview's questions
// names («سؤالان إلى الخبير الطاقوي مراد بلعيد», «ثلاثة أسئلة للبطل»): the
// short line of narration, with no colon, right before the first «س:» of
// the questions and answers that end at toks[bs]; ok reports such a line.
func (d *discourse) interviewHeading(bs int) (e *entity, ok bool) {
	r := d.r
	q := bs
	for q > 0 {
		s := d.sentenceStart(q - 1)
		k := r.key(s)
		if !questionMarks[k] && !answerMarks[k] || !r.narr[s] {
			break
		}
		q = s // back over «س: …» and «ج: «…»»
	}
	if q == bs || q == 0 || r.narr[q-1] || r.toks[q-1].Quote >= 0 {
		return nil, false // no heading: narration or a quotation before the questions
	}
	h := q - 1
	for h > 0 && !r.narr[h-1] && r.toks[h-1].Quote < 0 && r.gapBefore(h) != gapStop {
		h--
	}
	if q-h > 12 {
		return nil, false
	}
	// A heading is no narration the mentions were read from: its name is
	// the words from its first given name to its end, when no closed word
	// is among them («سؤالان إلى الخبير الطاقوي مراد بلعيد»), the person the
	// prose names so.
	for g := h; g < q; g++ {
		if !givenNames[r.key(g)] {
			continue
		}
		if q-g < 2 || q-g > 4 || slices.ContainsFunc(r.keys[g:q], closedWord) {
			break
		}
		m := &mention{at: g, end: q}
		for j := g; j < q; j++ {
			m.name = append(m.name, j)
		}
		// Someone the prose names too: a speaker is always printed there
		// (a heading may be a byline, «حاوره …») — unless the heading
		// puts the questions to them by their function («سؤالان إلى
		// الخبير الطاقوي مراد بلعيد», «حوار مع المدربة …»), whom it
		// introduces.
		e := d.personOf(m)
		if e == nil && d.headingPutsTo(h, g) {
			d.person(m)
			e = d.personOf(m)
		}
		return e, true
	}
	for j := h; j < q; j++ {
		hd, fem := headOf(r.key(j))
		if hd == "" {
			continue
		}
		// «حوار قصير مع رئيسة المشروع»: the one person the prose gives
		// that function, its words among theirs.
		var found *entity
		for _, p := range d.people {
			if p.function != "" || !p.heads[hd] || fem && p.masc || slices.ContainsFunc(r.keys[j+1:q], func(k string) bool { return !p.words[bare(k)] }) {
				continue
			}
			if found != nil {
				return nil, true
			}
			found = p
		}
		if found != nil {
			return found, true
		}
		break
	}
	for j := h; j < q; j++ {
		if w := prepArticle(r.key(j)); w != "" {
			// «ثلاثة أسئلة للبطل»: the one person the description is.
			var found *entity
			for _, p := range d.people {
				if p.function == "" && p.words[bare(w)] {
					if found != nil {
						return nil, true
					}
					found = p
				}
			}
			if found != nil {
				return found, true
			}
		}
	}
	return nil, false
}

// headingPutsTo reports a heading's words toks[h:g] before a name that
// put questions to its holder: «إلى» or «مع», then a function
// («سؤالان إلى الخبير الطاقوي»).
func (d *discourse) headingPutsTo(h, g int) bool {
	r := d.r
	to := -1
	for j := h; j < g; j++ {
		if k := r.key(j); k == "الي" || k == "مع" {
			to = j
		}
	}
	if to < 0 || to+1 >= g {
		return false
	}
	hd, _ := headOf(r.key(to + 1))
	return hd != "" && definite(r.key(to+1))
}

// answer reports an interview's answer marker («ج:», «الجواب:») as the
// whole narration of toks[bs:first] before a quotation.
func (d *discourse) answer(bs, first int) bool {
	return first-bs == 1 && answerMarks[d.r.key(bs)] && d.r.gapBefore(first) >= gapColon
}

// question reports an interview's question marker («س: “…”») as the whole
// narration before a quotation: the interviewer's words, which leave the
// one answering in focus.
func (d *discourse) question(bs, first int) bool {
	return first-bs == 1 && questionMarks[d.r.key(bs)] && d.r.gapBefore(first) >= gapColon
}

// askedOne is the person a question right before the answer at toks[bs]
// is put to, named in it in brackets after «إلى» («س: (إلى نائبة المدير
// العام للشؤون التجارية، هودان أحمد علي، التي حضرت اللقاء) وماذا عن …؟»):
// that answer is theirs, the interview's guest answers the others; nil
// for none.
func (d *discourse) askedOne(bs int) *entity {
	r := d.r
	q := bs - 1
	for q >= 0 && r.narr[q] && !(questionMarks[r.key(q)] && (q == 0 || r.lineBreak(q))) && bs-q < 40 {
		q--
	}
	if q < 0 || !r.narr[q] || !questionMarks[r.key(q)] || q+2 >= bs || r.key(q+1) != "الي" || r.gapBefore(q+1) < gapParen {
		return nil
	}
	for _, m := range d.mentions {
		if m.at > q && m.end <= bs && len(m.name) >= 2 && !m.plural {
			return d.resolve(m, m.at, nil, m.fem)
		}
	}
	return nil
}

// answersIntro is the first person the sentence introducing an
// interview's questions and answers names — the last sentence before toks[bs] that
// ends with a colon and is no question or answer itself: «سألنا الدكتورة
// الإدريسي عن هامش التحرك:» —; nil when it names nobody.
func (d *discourse) answersIntro(bs int) *entity {
	r := d.r
	if e, ok := d.interviewHeading(bs); ok {
		return e
	}
	for t := bs - 1; t >= 0; t-- {
		if !r.narr[t] || t+1 >= len(r.toks) || !strings.ContainsRune(string(r.runes[r.toks[t].End:r.toks[t+1].Start]), ':') {
			continue // a colon ends it, the line break after it notwithstanding
		}
		if r.toks[t+1].Quote >= 0 {
			continue // «وقالت في كلمة مقتضبة: «…»»: a quotation's clause, no interview's intro
		}
		s := d.sentenceStart(t)
		if questionMarks[r.key(s)] || answerMarks[r.key(s)] {
			continue
		}
		var e *entity
		for _, m := range d.mentions {
			if m.at >= s && m.end <= t+1 && len(m.name) > 0 && !m.plural {
				if p := d.resolve(m, m.at, nil, m.fem); p != nil && e == nil {
					e = p // the first: the sentence's subject or the one asked
				}
			}
		}
		if e == nil {
			e = d.familyNamed(s, t+1) // «أسئلة عكاظ وإجابات الغامدي:»
		}
		if e == nil {
			e = d.givenNamed(s, t+1) // «استقبلتنا سلمى بفنجان قهوة، وكان هذا الحوار:»
		}
		for _, m := range d.mentions {
			if e == nil && m.at >= s && m.end <= t+1 && len(m.titles) > 0 && !m.plural && !d.inPrep[m] {
				e = d.resolve(m, m.at, nil, m.fem) // «ردود رئيس الجامعة على أسئلة الصحفيين:»
			}
		}
		return e
	}
	return nil
}

// givenNamed is the one person whose given name is a word of the
// narration of toks[lo:hi] that no mention holds (a first name after a
// verb that reports no speech); nil for none or for two.
func (d *discourse) givenNamed(lo, hi int) *entity {
	r := d.r
	var found *entity
	for j := lo; j < hi; j++ {
		k := bare(r.key(j))
		if !r.narr[j] || !givenNames[r.key(j)] || slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at <= j && j < m.end }) {
			continue
		}
		for _, e := range d.people {
			if e.function == "" && len(e.keys) >= 2 && e.keys[0] == k && found != e {
				if found != nil {
					return nil
				}
				found = e
			}
		}
	}
	return found
}

// nameEndingWith is the one person whose name of three words or more ends
// with the two words or more of toks[lo:hi]; nil for none or two.
func (d *discourse) nameEndingWith(lo, hi int) *entity {
	if hi-lo < 2 {
		return nil
	}
	keys := keysOf(textsOf(d.r.toks[lo:hi]))
	var found *entity
	for _, p := range d.people {
		if len(p.keys) > len(keys) && slices.Equal(p.keys[len(p.keys)-len(keys):], keys) {
			if found != nil {
				return nil
			}
			found = p
		}
	}
	return found
}

// familyNamed is the one person whose family name is a word of
// toks[lo:hi] — no given name, which several may share; nil for none or
// for two.
func (d *discourse) familyNamed(lo, hi int) *entity {
	var found *entity
	for j := lo; j < hi; j++ {
		k := bare(d.r.key(j))
		if givenNames[d.r.key(j)] || len([]rune(k)) < 3 {
			continue
		}
		for _, p := range d.people {
			if len(p.keys) >= 2 && p.keys[len(p.keys)-1] == k && p != found {
				if found != nil {
					return nil
				}
				found = p
			}
		}
	}
	return found
}

// answerMarks mark an interview's answers; interviews name one («حوارا
// مع …»).
var (
	answerMarks = keySet("ج جواب الجواب")
	// questionMarks mark its questions, the interviewer's words.
	questionMarks = keySet("س سؤال السؤال")
	interviews    = keySet("حوار حوارا لقاء لقاءا حديث حديثا مقابلة")
)

// clauseBefore is the reporting clause in toks[bs:first] before a
// quotation: its last speech verb or frame («بحسب الوزير», «على حد تعبير
// الوزير»); nil with none. «بحسب ما نقلته وكالة …» is a source, read past.
func (d *discourse) clauseBefore(bs, first int) *clause {
	r := d.r
	for v := first - 1; v >= bs; v-- {
		k := r.key(v)
		switch {
		case frames[k] || frames[strings.TrimPrefix(k, "و")]:
			if c := d.frame(v, first); c != nil {
				if c.subj != nil && d.narrationFrame(c.subj, first) {
					continue // «وبحسب مراسلة الميادين، ركن السائقون …»: the frame is the narration's
				}
				return c
			}
		case k == "حد" && v > bs && r.key(v-1) == "علي":
			if c := d.frame(v, first); c != nil {
				return c
			}
		case relays[k] && v+1 < first && r.joined(v+1):
			if c := d.relay(v, first); c != nil {
				return c
			}
		case v > bs && relatives[r.key(v-1)] && d.speechVerbAt(v, bs):
			// «استمع المحافظ إلى الحاج عبد الرحيم القناوى، أحد الأهالي،
			// الذى قال إن …»: the relative's antecedent speaks.
			if m := d.antecedent(v-1, bs); m != nil {
				return &clause{verb: v, subj: m}
			}
			if a := v - 2; a >= bs && r.joined(v-1) && definite(r.key(a)) && crowds[bare(r.key(a))] {
				return &clause{verb: v, nobody: true} // «هتافات الجماهير التي رددت:»: a crowd
			}
			return &clause{verb: v}
		case d.speechVerbAt(v, bs) && !d.inRelative(v, bs):
			if d.reported(v, bs) {
				continue // «مضيفة أن البنك يتوقع استقرار الهامش “…”»: the verb of what she reports, hers the words
			}
			c := d.subjectAfter(v, first)
			if c.subj == nil && d.topicBefore(v) {
				c.nobody = true // «الهيئة العامة للبيئة قالت في بيان:»
			}
			return c
		}
	}
	return nil
}

// narrationFrame reports a frame's person m («بحسب مراسلة الميادين») set
// off by a comma and followed by a clause of its own — five words or more —
// before the quotation at toks[first]: the source of the narration, not the
// quotation's speaker; their mention is then no subject of the sentence.
func (d *discourse) narrationFrame(m *mention, first int) bool {
	r := d.r
	if m.end >= first || r.gapBefore(m.end) != gapComma || first-m.end < 5 {
		return false
	}
	for _, o := range d.mentions {
		if o.at == m.at {
			d.inPrep[o] = true
		}
	}
	return true
}

// topicBefore reports a noun phrase that starts the sentence before the
// speech verb at toks[v], with no mention of a person in it («الهيئة
// العامة للبيئة قالت …»): the verb's subject, an institution or a thing,
// no one the model can name.
func (d *discourse) topicBefore(v int) bool {
	r := d.r
	s := v
	for s > 0 && r.joined(s) {
		s--
	}
	if r.gapBefore(s) != gapStop {
		return false
	}
	if wasVerbs[r.key(s)] && s+1 < v {
		s++ // «وكانت الوزارة قد أعلنت …»
	}
	if v-1 > s && (r.key(v-1) == "قد" || r.key(v-1) == "لقد") {
		v-- // «… قد أعلنت»
	}
	if s == v || v-s > 5 || !definite(r.key(s)) && !institutions[bare(r.key(s))] { // («وكانت بلدية الكويت قد أعلنت»)
		return false
	}
	for _, m := range d.mentions {
		if m.at >= s && m.at < v {
			return false
		}
	}
	for j := s; j < v; j++ {
		if _, verb := isSpeechVerb(r.key(j)); verb || closedWord(r.key(j)) {
			return false
		}
	}
	return true
}

// tribes are the nouns «شيخ» heads as a function.
var tribes = keySet("عشيرة قبيلة عشائر قبائل مشايخ الأزهر الطريقة مشيخة العشيرة القبيلة آل قبيلتي عشيرتي") // («شيخ آل فاضل»: a tribe's)

// wasVerbs are «كان» before the subject of a pluperfect («وكانت الوزارة قد
// أعلنت»).
var wasVerbs = keySet("كان كانت وكان وكانت")

// relays report words from someone: «ونقلت الوكالة عن الوزير قوله».
var relays = keySet("نقل نقلت ونقل ونقلت ينقل تنقل")

// relay reads «نقلت (source) عن PERSON (قوله)» at toks[v]: the person after
// «عن» speaks; «نقلت عنه وكالة …» leaves them implicit (the focus); nil
// when no person follows «عن».
func (d *discourse) relay(v, hi int) *clause {
	r := d.r
	for q := v + 1; q < hi && q-v <= 12 && (q == v+1 || r.joined(q) || r.gapBefore(q) == gapParen || r.gapBefore(q) == gapComma && q-v <= 10); q++ {
		// («ونقلت وكالة أنباء الإمارات (وام) عن …»: the agency's acronym;
		// «ونقلت صحيفة ليكونوميست، في عددها الصادر اليوم، عن …»: an aside.)
		k := r.key(q)
		if prepPronouns[k] {
			return &clause{verb: v} // «ونقلت عنه وكالة …»
		}
		if k == "عن" && q+1 < hi && r.joined(q+1) {
			if m, _ := r.readMention(q+1, hi, ctxSubject); m != nil && !m.plural && len(m.name)+len(m.titles)+len(m.honors) > 0 {
				if n := d.holderPast(m, hi); n != nil {
					return &clause{verb: v, subj: n}
				}
				return &clause{verb: v, subj: m}
			}
			return nil
		}
	}
	return nil
}

// holderPast is, for a function m with no name, its holder named right
// after a place it is held at («رئيسة بعثة صندوق النقد الدولي إلى لبنان
// ماريا فرنانديز»: «إلى», «في» or «لدى» and one word): the name with m's
// functions; nil for none.
func (d *discourse) holderPast(m *mention, hi int) *mention {
	r := d.r
	p := m.end
	if len(m.name) > 0 || len(m.titles) == 0 || p+2 >= hi || !r.joined(p) || !r.joined(p+1) || !r.joined(p+2) {
		return nil
	}
	if k := r.key(p); k != "الي" && k != "في" && k != "لدي" {
		return nil
	}
	i := slices.IndexFunc(d.mentions, func(x *mention) bool { return x.at == p+2 && len(x.name) >= 2 && len(x.titles) == 0 && !x.plural })
	if i < 0 {
		// Without the lexicon a foreign name there may be unread: read it
		// as after a function («… إلى لبنان ماريا فرنانديز قولها»).
		if x, _ := r.readMention(p+2, hi, ctxAddress); x != nil && len(x.name) >= 2 && len(x.titles) == 0 && !x.plural && x.end < hi && sayingNouns[r.key(x.end)] {
			x.titles = m.titles
			return x
		}
		return nil
	}
	n := *d.mentions[i]
	n.titles = m.titles
	return &n
}

// antecedent is the mention of a person a relative pronoun at toks[p]
// refers to: the last one with a name before it in its sentence, past an
// apposition set off by commas («القناوى، أحد أهالى القرية، الذى»); nil
// when the sentence names nobody before it.
func (d *discourse) antecedent(p, lo int) *mention {
	var last *mention
	for _, m := range d.mentions {
		// (Not a relative's name in construct: «فاطمة …، والدة الشهيد سيف
		// …، التي قالت» — the mother speaks.)
		if m.at >= lo && m.end <= p && len(m.name) > 0 && !(d.inPrep[m] && d.kinBefore(m.at)) {
			last = m
		}
	}
	return last
}

// inRelative reports a speech verb at toks[v] inside a relative clause
// («الطالبة ريم، التي رفضت ذكر اسمها:»): between the last comma before it
// (from lo) and it stands «الذي», «التي» or their plurals.
func (d *discourse) inRelative(v, lo int) bool {
	r := d.r
	for p := v; p > lo; p-- {
		if r.gapBefore(p) >= gapComma {
			return false
		}
		if relatives[r.key(p-1)] {
			return true
		}
	}
	return false
}

var relatives = keySet("الذي التي الذين اللذين اللتين اللواتي اللاتي")

// frames introduce whose words these are without a verb: «حسب»,
// «بحسب», «وفق», «وفقا لـ», «نقلا عن»; or with one after «ما»: «حسبما
// أفاد», «بحسب ما أوضح», «كما قال».
var frames = keySet("حسب بحسب وفق وفقا نقلا حسبما بحسبما وفقما كما")

// frame reads the frame at toks[v]: a person after it, a pronoun of the
// speech («حسب تعبيره»: implicit), the person a source reports from
// («بحسب ما نقلته وكالة … عن …»); nil for a source alone («بحسب ما نقلته
// وكالة»).
func (d *discourse) frame(v, hi int) *clause {
	r := d.r
	p := v + 1
	for p < hi && r.joined(p) && (r.key(p) == "ل" || r.key(p) == "عن" || speechNouns[r.key(p)]) {
		p++ // «وفقا لـ», «نقلا عن», «على حد تعبير»
	}
	if p >= hi || !r.joined(p) {
		return nil
	}
	k := r.key(p)
	if speechPronouns[k] {
		return &clause{verb: v, fem: strings.HasSuffix(k, "ها")}
	}
	if strings.HasSuffix(r.key(v), "ما") && p == v+1 {
		if d.speechVerbAt(p, p) || saidWhat(k) {
			return d.subjectAfter(p, hi) // «حسبما أفاد الوزير»
		}
		if r.key(v) == "كما" {
			return nil // «كما» frames only a verb
		}
	}
	if k == "ما" && p+1 < hi && r.joined(p+1) && (d.speechVerbAt(p+1, p+1) || saidWhat(r.key(p+1))) {
		return d.subjectAfter(p+1, hi) // «بحسب ما أوضح الوزير», «وفق ما قاله الوزير»
	}
	if k == "ما" {
		// «بحسب ما نقلته وكالة الأنباء عن مدير عام نقل الطاقة، حسين …»:
		// the agency is the source, whom it quotes the speaker.
		for q := p + 1; q < hi; q++ {
			if r.key(q) == "عن" && q+1 < hi && r.joined(q+1) {
				if m, _ := r.readMention(q+1, hi, ctxSubject); m != nil && !m.plural {
					return &clause{verb: v, subj: m}
				}
			}
		}
		return nil
	}
	if m, _ := r.readMention(p, hi, ctxSubject); m != nil && !m.plural {
		return &clause{verb: v, subj: m}
	}
	return nil
}

// saidWhat reports a speech verb with the pronoun of «ما» as its object
// («بحسب ما قاله الدكتور هشام», «حسبما ذكرته الوزيرة»).
func saidWhat(k string) bool {
	for _, suf := range []string{"ه", "ها"} {
		if v, ok := strings.CutSuffix(k, suf); ok {
			if _, verb := isSpeechVerb(v); verb {
				return true
			}
		}
	}
	return false
}

// clauseAfter is the reporting clause right after a quotation whose last
// token is toks[last]: a speech verb with no «و» before it («”، يقول
// الوزير»), «على حد قوله», «حسب تعبير الوزير»; nil with none, and when
// the clause introduces the next quotation («”، وأضاف:»).
func (d *discourse) clauseAfter(last int) *clause {
	r := d.r
	a := last + 1
	if a >= len(r.toks) || !r.narr[a] || r.gapBefore(a) == gapStop && !these[r.key(a)] {
		return nil // «…». هكذا حسم الوزير …», «…». بهذه الكلمات افتتح …»: the words just quoted
	}
	hi := d.runEnd(a)
	if hi < len(r.toks) && r.toks[hi].Quote >= 0 && (r.gapBefore(hi) == gapColon || strings.ContainsRune(string(r.runes[r.toks[hi-1].End:r.toks[hi].Start]), ':') && !d.secondVerb(a, hi)) {
		return nil // («”، أجاب بيرنار: “…”»: the colon before the opening mark; not «”، قال فلان …، مضيفا: “…”»)
	}
	if hi < len(r.toks) && r.toks[hi].Quote >= 0 && hi-1 > a && thatWords[r.key(hi-1)] && r.toks[a].Quote < 0 && !d.secondVerb(a, hi) && d.asks(last, last) {
		return nil // «…؟»، أوضح المسؤول الحكومي أن «…»: the answer's clause, after a question
	}
	k := r.key(a)
	switch {
	case hasVerb(k):
		return d.subjectAfter(a, hi)
	case k == "علي" && a+1 < hi && r.key(a+1) == "حد":
		return d.frame(a+1, hi)
	case frames[k]:
		return d.frame(a, hi)
	case these[k]:
		// «“…”، بهذه الكلمات افتتح الوزير …»: the words just quoted, then
		// whoever the verb after them has as its subject.
		v0 := a + 1
		for v0 < hi && definite(r.key(v0)) && v0-a <= 2 {
			v0++ // «بهذه الكلمات المؤثرة»: the verb comes after the words
		}
		for v := v0; v < hi && v-a <= 3 && r.joined(v); v++ {
			if v+1 < hi && r.joined(v+1) {
				at := v + 1
				if definite(r.key(at)) && nationStem(r.key(at)) != "" && at+1 < hi && r.joined(at+1) {
					at++ // «لخّص الروماني فلورين ماتيسكو»
				}
				if m, _ := r.readMention(at, hi, ctxSubject); m != nil && !m.plural && len(m.titles)+len(m.honors)+len(m.name) > 0 {
					f, _ := isSpeechVerb(r.key(v))
					return &clause{verb: v, subj: m, fem: f.fem} // «هكذا تحدثت العضو المنتدب …»: a woman
				}
				if n := d.describedAhead(at, hi); v == v0 && n > 0 {
					// «بهذه الكلمات وقف النقابي الراحل العربي بن مسعود»: a
					// description, then the name.
					if m, _ := r.readMention(at+n, hi, ctxAddress); m != nil && len(m.name) > 0 && !m.plural {
						return &clause{verb: v, subj: m}
					}
				}
				if v == v0 && at == v+1 {
					// «هكذا افتتحت عالمة الأحياء البحرية في جامعة … الدكتورة
					// نوف …»: a description, then the form of address and
					// the name, as a speech verb's subject is read.
					if c := d.subjectAfter(v, hi); c.subj != nil && !c.subj.plural || c.who != nil {
						f, _ := isSpeechVerb(r.key(v))
						c.verb, c.fem = v, f.fem
						return c
					}
				}
			}
		}
	}
	return nil
}

// secondVerb reports a speech verb in toks(a, hi) after the one at toks[a]
// («قال فلان في كلمته، مضيفا:», «يقول فلان، قبل أن يضيف:»).
func (d *discourse) secondVerb(a, hi int) bool {
	for v := a + 1; v < hi; v++ {
		if _, ok := isSpeechVerb(d.r.key(v)); ok {
			return true
		}
	}
	return false
}

// these point back at the words quoted: «بهذه الكلمات», «بهذا», «هكذا».
var these = keySet("بهذه بهذا بتلك هكذا")

// hasVerb reports a speech verb with no conjunction before it.
func hasVerb(k string) bool {
	_, ok := speechVerbs[k]
	return ok
}

// subjectAfter reads the subject of the speech verb at toks[v] (in a run
// ending at hi): a mention of a person; nobody for another noun («وقال
// مصدر», «وقالت إحدى الطالبات»); implicit when a preposition, a
// complementizer, punctuation, an adverb or the speech itself follows
// («وقال:», «وأضاف أن», «وختم كلمته بالقول», «ونقلت عنه وكالة …»).
func (d *discourse) subjectAfter(v, hi int) *clause {
	r := d.r
	f, _ := isSpeechVerb(r.key(v))
	c := &clause{verb: v, fem: f.fem}
	p := v + 1
	if p >= hi || !r.joined(p) || f.participle {
		return c // «قائلا:», «مخاطبا الحاضرين»: the participle's subject is the clause's
	}
	k := r.key(p)
	if r.addressee(p) && p+1 < hi && r.joined(p+1) && !prepPronouns[r.key(p+1)] {
		// «يقول لنا وليد (23 عاما)»: whom he tells, then who tells.
		p++
		k = r.key(p)
		if (p+1 >= hi || !r.joined(p+1)) && !givenNames[k] && r.outletTail(p) {
			return c // «فتقول لشفق نيوز:»: an outlet of two words, told; the subject implicit
		}
	}
	if prepPronouns[k] && p+1 < hi && r.joined(p+1) && (replyVerbs[strings.TrimRight(r.key(v), "ّ")] ||
		slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at == p+1 && !m.plural && len(m.name)+len(m.titles) > 0 })) {
		// «ورد عليه رئيس لجنة الترشيحات:»: whom the reply answers, then
		// who replies; «أعلن فيه رئيس مجلس الإدارة الدكتور …»: where, then
		// who speaks.
		p++
		k = r.key(p)
	}
	if prepPronouns[k] || speechPronouns[k] || speechNouns[k] {
		return c // «ونقلت عنه وكالة …», «تحدث فيه عن …»
	}
	if stateOpeners[k] {
		return c // «وقالت وقد غالبتها الدموع:», «وقال وهو يغادر:»: a clause of state, the subject implicit
	}
	if v > 0 && !r.narr[v-1] && r.gapBefore(v) != gapStop && kunyaOf(k) == "" && d.calledSo(p, hi) {
		// ««…»، يقول شيخ المزارعين، كما يلقبه أهل المشروع، «…»»: after
		// the quotation, what people call whoever is speaking (a kunya is
		// the aliases' to tie).
		c.again = true
		return c
	}
	if (kinPossessed[k] || r.possessed(p) || r.withPronoun(p)) && p+1 < hi && r.joined(p+1) {
		// «وقالت ابنته الدكتورة ليلى الزغواني، …», «وقال زميله ورفيق
		// دربه المذيع المخضرم سعد …»: whose daughter or colleague, maybe
		// described, then the name.
		for q := p + 1; q < hi && q <= p+6 && r.joined(q); q++ {
			if d.kinBefore(q) {
				// «وتضيف والدة الشهيد سيف»: the parent of the one named,
				// the person the article gives that kunya («أم سيف»).
				kin := "ابو"
				if feminineNoun(r.key(p)) {
					kin = "ام"
				}
				c.who = d.pick(v, nil, func(e *entity) bool {
					return slices.ContainsFunc(e.aliases, func(a []string) bool { return slices.Equal(a, []string{kin, bare(r.key(q))}) })
				})
				c.nobody = c.who == nil
				return c
			}
			if i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == q && len(m.name) > 0 }); i >= 0 {
				c.subj = d.mentions[i]
				return c
			}
			if kq := r.key(q); closedWord(kq) || prepositions[kq] || startsWithDigit(r.toks[q].Text) {
				break
			}
		}
	}
	if c, ok := d.kinSetOff(v, p, hi, f.fem); ok {
		return c // «رأى زميله في اللجنة، النائب مصطفى جواد آل طعمة، أن»
	}
	if (r.possessed(p) || r.withPronoun(p)) && p+2 < hi && r.gapBefore(p+1) == gapComma {
		// «وقال ربانها، اليوناني ديميتريس كاراليس،»: whose captain, then
		// his name set off, maybe after his nationality.
		q := p + 1
		if definite(r.key(q)) && nationStem(r.key(q)) != "" && q+1 < hi && r.joined(q+1) {
			q++
		}
		if i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == q && len(m.name) >= 2 && len(m.titles) == 0 }); i >= 0 {
			c.subj = d.mentions[i]
			return c
		}
	}
	if kinNouns[bare(k)] && p+2 < hi && r.joined(p+1) && definite(r.key(p+1)) && !givenNames[r.key(p+1)] && r.gapBefore(p+2) == gapComma {
		// «قالت والدة الفقيد، خضرة سالم المشاقبة:»: the relative, named
		// in apposition.
		if i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == p+2 && len(m.name) > 0 }); i >= 0 {
			c.subj = d.mentions[i]
			return c
		}
	}
	if h, _ := headOf(k); (h == "" && definite(k) || companionOf(k)) && !closedWord(k) && !givenNames[k] {
		// «تقول الممرضة هبة، التي …», «يقول زميلها راشد،»: a description
		// before a first name alone (collect read it so).
		if i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == p+1 && m.alone }); i >= 0 {
			c.subj = d.mentions[i]
			return c
		}
	}
	if e := d.aliasAt(p, hi); e != nil {
		c.who = e // «يقول صياد الشهب مبتسما» after «الذي يلقبه زملاؤه بصياد الشهب»: the nickname the article gave
		return c
	}
	if e := d.tradesperson(p, hi); e != nil {
		c.who = e // «فقال بائع ياميش إن …», «سأل طالب في كلية الفنون الجميلة:»: someone unnamed, as the article describes them
		return c
	}
	if e := d.host(p, hi); e != nil {
		c.who = e // «علق مقدم الحفل ممازحاً الحضور:»: the event's host, unnamed
		return c
	}
	if d.sonOfPlace(p, hi) {
		// «يقول ابن الأوراس مبتسما», «وختمت ابنة الجهراء»: «son of» a
		// definite word no one's name holds, a description — the person
		// speaking when the verb goes on or the clause follows the
		// quotation, else nobody.
		c.again = goOn[strings.TrimLeft(r.key(v), "وف")] || closing[strings.TrimLeft(r.key(v), "وف")]
		c.nobody = !c.again
		return c
	}
	if m, _ := r.readMention(p, hi, ctxSubject); m != nil {
		if goOn[strings.TrimLeft(r.key(v), "وف")] && d.passingKunya(m, v) {
			// ««…»، تضيف أم يوسف» after the mother's words about her son:
			// a kunya no one holds, given in passing to whoever goes on.
			c.again = true
			return c
		}
		d.asker(m, v)
		switch {
		case m.pronoun != "" && m.fem != f.fem:
			// «سألت سموه:»: a pronoun of address the verb does not agree
			// with is its object; the subject is implicit.
		case m.plural:
			c.nobody = true
		case len(m.titles)+len(m.honors) == 0 && !d.strongName(m) && d.addressedName(p, hi) != nil:
			c.subj = d.addressedName(p, hi) // «أشارت أخصائية التغذية … الدكتورة رهف …»: no name, a description
		case len(m.name) == 0 && len(m.titles) > 0 && m.end < hi && d.addressedName(m.end-1, hi) != nil:
			// «يقول رئيس قسم الغدد بمستشفى الملك فيصل الدكتور سلطان …»:
			// the function goes on past what the model reads of it to
			// the form of address and the name of its holder.
			n := *d.addressedName(m.end-1, hi)
			n.titles = m.titles
			c.subj = &n
		default:
			c.subj = m
		}
		return c
	}
	if r.institutionAt(p) && !givenNames[k] && p+1 < hi && r.joined(p+1) && !slices.ContainsFunc(d.mentions, func(m *mention) bool { return m.at > p && m.at < hi && !d.inPrep[m] }) {
		c.nobody = true // «وأعلنت لجنة أطباء السودان المركزية تضامنها …، كما جاء في بيان صادر عنها:»: a body's words
		return c
	}
	if _, verb := isSpeechVerb(k); verb || stopWords[k] || prepositions[k] || accusative(k) || d.state(p, hi, f.fem) ||
		(strings.HasPrefix(k, "ب") || strings.HasPrefix(k, "ل")) && r.isKnown(p) && !placeNouns[bare(k)] { // («أوضحت بلدية وهران»: the subject, no «بـ»)
		return c
	}
	if m := d.describedName(p, hi); m != nil {
		c.subj = m // «قال رجل الأعمال سعيد حسن المري»
		return c
	}
	if definite(k) && nationStem(k) != "" && p+1 < hi && r.joined(p+1) {
		// «وقالت الإثيوبية أبيبا ديريسا، بطلة …»: a nationality, then the
		// name the narration read.
		if i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == p+1 }); i >= 0 && len(d.mentions[i].name) >= 2 && len(d.mentions[i].titles) == 0 {
			c.subj = d.mentions[i]
			return c
		}
	}
	if m := d.describedMention(p, hi); m != nil {
		c.subj = m // «قالت مساعد وزير التموين … الدكتورة منى أبو العلا»
		return c
	}
	for _, m := range d.mentions {
		if m.at == hi-2 && m.at > p && d.apposedForeign(m.at, v) {
			c.subj = m // «يقول عالم الغلاف الجوي في مختبر … جوناثان ويلبرفورس.»
			return c
		}
	}
	if e := d.describedBefore(p, f.fem); e != nil {
		c.who = e // «وقالت المخضرمة» after «الممثلة المخضرمة زهية بلقاسمي»
		return c
	}
	if oneOf[k] && p+1 < hi && r.joined(p+1) {
		// «وقال أحد وجهائها، عزيز رسول الهركي، لروداو:»: one of a group,
		// named in apposition right after it.
		q := p + 1
		for q < hi && q-p <= 4 && r.joined(q) {
			q++
		}
		if i := slices.IndexFunc(d.mentions, func(m *mention) bool { return m.at == q && len(m.name) >= 2 && len(m.titles) == 0 }); q < hi && r.gapBefore(q) == gapComma && i >= 0 {
			c.subj = d.mentions[i]
			return c
		}
	}
	if e := d.oneOfPerson(p, hi); e != nil && !d.verbBetween(p+len(strings.Fields(e.function)), hi) {
		c.who = e // «وسأل أحد الصحفيين خلال المؤتمر:»: someone unnamed, as the article describes them
		return c
	}
	if (k == "ابن" || k == "ابنه") && p+1 < hi && r.joined(p+1) && !placeNouns[bare(r.key(p+1))] && r.placeElsewhere(p+1) {
		// «ويضيف ابن كيهيدي», «ولم يكتف ابن معان»: the person named in
		// the sentence where the article puts that place («يوسفو صو، ابن
		// مدينة كيهيدي», «النائب عن معان خالد …»); nobody when none.
		c.who = d.fromPlace(p+1, v)
		c.nobody = c.who == nil
		return c
	}
	if v := strings.TrimLeft(r.key(v), "وف"); (goOn[v] || closing[v]) && d.describes(p, hi) {
		// «وأضاف المخضرم، الذي يدرب …», «ويختم ابن صامطة حديثه»: a
		// description a verb that goes on gives whoever spoke.
		c.again = true
		return c
	}
	c.nobody = true
	return c
}

// passingKunya reports a kunya alone («أم يوسف») that no person of the
// article holds as a name or an alias: with a verb that goes on
// («تضيف»), the kunya of whoever spoke last, given in passing (the son
// named, if at all, only in her words — which a misquote may change).
func (d *discourse) passingKunya(m *mention, v int) bool {
	r := d.r
	if len(m.name) != 2 || len(m.titles)+len(m.honors) > 0 || kunyaOf(r.key(m.name[0])) == "" {
		return false
	}
	kin, child := kunyaOf(r.key(m.name[0])), bare(r.key(m.name[1]))
	for _, e := range d.people {
		if slices.Equal(e.keys, []string{kin, child}) && len(e.at) > 1 || slices.ContainsFunc(e.aliases, func(a []string) bool { return slices.Equal(a, []string{kin, child}) }) {
			return false
		}
	}
	return true
}

// fromPlace is the person whose description puts them in the place
// toks[q] names: named at most twelve words before another mention of
// the place in one sentence («يوسفو صو، ابن مدينة كيهيدي», «النائب خالد
// أبو حسان، ممثل دائرة محافظة معان», «…، وهو من أبناء محافظة صامطة»), or
// a few words after it in their function («عمدة بلدية وادان، سيدي ولد
// اعلي»), the latest such before toks[v]; nil when none (a headline or a
// byline describes nobody).
func (d *discourse) fromPlace(q, v int) *entity {
	r := d.r
	k := r.key(q)
	for s := v - 1; s >= 0; s-- {
		if s == q || !r.narr[s] || r.headline(s) || r.keys[s] != k && r.keys[s] != "ب"+k {
			continue
		}
		lo, hi := d.sentenceStart(s), d.runEnd(s)
		var best *entity
		dist := 13
		for _, m := range d.mentions {
			if m.at < lo || m.at >= hi || len(m.name) < 2 || d.inPrep[m] {
				continue
			}
			n := s - m.name[len(m.name)-1] // the place after the name, in its description
			if m.name[0] > s {
				n = (m.name[0] - s) * 2 // the place in the function before the name («النائبة عن مقاطعة كيفه خديجة …»)
			}
			if e := d.personOf(m); e != nil && len(e.keys) >= 2 && e.function == "" && n > 0 && n < dist {
				best, dist = e, n
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
}

// tradesperson is the unnamed person an indefinite trade noun at toks[p]
// describes as a speech verb's subject, with its complement up to where
// the clause goes on («فقال بائع ياميش إن», «وقال تاجر مواد غذائية إن»,
// «يقول مزارع قدم من دوما») or, with a preposition, up to the colon or the
// quotation («سأل طالب في كلية الفنون الجميلة:», «قالت صاحبة مشغل في حي
// الميدان:»): the person the article leaves unnamed, reported as it
// describes them; nil for another word or a phrase the model cannot close.
func (d *discourse) tradesperson(p, hi int) *entity {
	r := d.r
	if !trades[r.key(p)] {
		return nil
	}
	e := p + 1
	for e < hi && e-p <= 3 && r.joined(e) {
		k := r.key(e)
		h, _ := headOf(k)
		if closedWord(k) || prepositions[k] || givenNames[k] || h != "" || r.perfectVerb(e) || r.imperfect(e) || startsWithDigit(r.toks[e].Text) || r.conjunct(e) {
			break
		}
		e++
	}
	if e < hi && r.joined(e) && !complementizers[r.key(e)] && !stateOpeners[r.key(e)] {
		// The phrase must end where the clause does — «إن», «أن», a clause
		// of state («وهو يستعد»), punctuation: «يقول مزارع قدم من دوما» may
		// be a farmer who came or a farmer «قدم»; the model cannot tell.
		if !d.describedToQuote(e, hi) {
			return nil
		}
		e = hi
	}
	if e > p+1 && definite(r.key(p+1)) && (r.key(p) != keySahib || !premises[bare(r.key(p+1))]) {
		// «بائع الخضرة» refers back to someone described before, maybe
		// named («علاء، بائع خضرة»); so does «صاحب النظرية», an epithet —
		// «صاحب المخبز» is the owner of a place.
		return nil
	}
	words := make([]string, 0, e-p)
	for _, t := range r.toks[p:e] {
		words = append(words, t.Text)
	}
	x, made := d.byFunction(strings.Join(words, " "))
	if made {
		x.fem = feminineNoun(r.key(p))
	}
	return x
}

// describedToQuote reports toks[e:hi] as the rest of a description that
// runs to the colon or the quotation: at most six words, joined, with
// no name, verb, «أن» or function head («من جامعة قطر المحاضر»: whom a
// question is put to).
func (d *discourse) describedToQuote(e, hi int) bool {
	r := d.r
	if hi >= len(r.toks) || hi-e > 6 || r.narr[hi] || r.gapBefore(hi) < gapColon {
		return false
	}
	for n := e; n < hi; n++ {
		k := r.key(n)
		if _, verb := isSpeechVerb(k); verb || !r.joined(n) || nameParticles[k] || honorifics[k] != "" || r.perfectVerb(n) || r.imperfect(n) || thatWords[k] || k == "بان" {
			return false
		}
		if h, _ := headOf(k); h != "" {
			return false
		}
	}
	return !givenNames[r.key(e)]
}

// host is the unnamed host of an event a speech verb's subject at toks[p]
// names («علق مقدم الحفل ممازحاً:», «سألها مقدم الحفل على المنصة:»,
// «وافتتح عريف الحفل الاحتفالية»): reported as the article calls them;
// nil for another phrase, and for a host the phrase goes on to name.
func (d *discourse) host(p, hi int) *entity {
	r := d.r
	if !hosts[r.key(p)] || p+1 >= hi || !r.joined(p+1) || !definite(r.key(p+1)) || !hostedEvents[bare(r.key(p+1))] {
		return nil
	}
	if n := p + 2; n < hi && r.joined(n) && (givenNames[r.key(n)] || honorifics[r.key(n)] != "" || d.describedAhead(n, hi) > 0) {
		return nil // «مقدم الحفل سامي …», «مقدم البرنامج الإعلامي خالد …»: named after
	}
	x, made := d.byFunction(r.toks[p].Text + " " + r.toks[p+1].Text)
	if made {
		x.fem = feminineNoun(r.key(p))
	}
	return x
}

// hosts and hostedEvents make the function of an event's host («مقدم
// الحفل», «مقدمة البرنامج», «عريف الحفل»).
var (
	hosts        = keySet("مقدم مقدمة عريف عريفة")
	hostedEvents = keySet("حفل حفلة برنامج حلقة امسية سهرة ندوة نشرة مسابقة احتفال احتفالية")
)

// trades are nouns of what an unnamed person does or is («بائع», «تاجر»,
// «مزارع», «سائق»): a speech verb's indefinite subject among them is
// someone the article describes, not names.
var trades = keySet("بائع بائعة تاجر تاجرة مزارع مزارعة صياد سائق عامل عاملة موظف موظفة صاحب صاحبة ربة مواطن مواطنة " +
	"حرفي نجار خباز جزار حلاق بقال معلم معلمة متقاعد متقاعدة زبون زبونة متسوق متسوقة مستهلك مستهلكة جندي ضابط ممرضة ممرض " +
	"طالب طالبة مسافر مسافرة زائر زائرة ساكن ساكنة لاجئ لاجئة مستثمر مستثمرة")

// premises are the places, businesses and accounts a «صاحب» owns («صاحب
// المخبز», «صاحب الحساب»): their owner is someone the article may leave
// unnamed.
var premises = keySet("محل مخبز مطعم مقهى متجر دكان شركة مزرعة مصنع فندق مكتب ورشة مشغل بقالة صيدلية مكتبة قارب مركب سيارة بيت منزل دار عمارة " +
	"حانوت كشك بسطة مشتل معصرة مخبزة حساب صفحة")

// feminineNoun reports a noun of a woman: in «ة» («بائعة», «والدة»),
// or «أم», «أخت».
func feminineNoun(k string) bool {
	b := bare(k)
	return strings.HasSuffix(b, "ه") || b == "ام" || b == "اخت"
}

// crowds are the nouns of many people speaking as one («الجماهير التي
// رددت», «المحتجون الذين هتفوا»).
var crowds = keySet("جماهير جمهور حشود حشد محتجون محتجين متظاهرون متظاهرين مشاركون مشاركين حاضرون حاضرين مضربات مضربين مضربون " +
	"معتصمون معتصمين مشيعون مشيعين مصلون مصلين طلبة طلاب مشجعون مشجعين " +
	// families and kin together («وطالبت أسر الضحايا، في بيان …»)
	"أسر عائلات أهالي ذوو ذوي")

// institutionAt reports an institution's noun at toks[p], with or without
// the article («وزارة», «الرابطة»).
func (r *reader) institutionAt(p int) bool {
	return institutions[bare(strings.TrimPrefix(r.key(p), "ال"))]
}

// institutions are the nouns of bodies that speak through statements
// («الوزارة», «وزارة النقل», «الرابطة»): a speech verb's subject that is no
// person.
var institutions = keySet("وزاره هيءه هيئه خليه شركه بلديه رابطه مؤسسه جمعيه نقابه حكومه اداره مديريه لجنه مجلس اتحاد " +
	"جامعه وكاله شرطه محكمه نيابه سفاره بعثه منظمه مفوضيه امانه ولايه محافظه رئاسه قياده شبكه")

// agrees reports a person a verb in the feminine (fem) or the masculine
// can have as its subject: no man for the one, no woman for the other.
func agrees(e *entity, fem bool) bool {
	return e != nil && (fem && !e.masc || !fem && !e.fem)
}

// participleAt reports a speech verb's participle at toks[at] («قائلا»).
func participleAt(r *reader, at int) bool {
	f, ok := isSpeechVerb(r.key(at))
	return ok && f.participle
}

// ages are the nisbas of a person's decade («السبعيني», «الثلاثينية»).
var ages = keySet("عشريني ثلاثيني أربعيني اربعيني خمسيني ستيني سبعيني ثمانيني تسعيني " +
	"عشرينيه ثلاثينيه أربعينيه اربعينيه خمسينيه ستينيه سبعينيه ثمانينيه تسعينيه")

// closing are the speech verbs that end someone's speech («وختم»).
var closing = keySet("ختم يختم ختمت تختم")

// describes reports a description of a person at toks[p], ending its
// phrase: a definite participle or nisba with adjectives after it («المسن
// السبعيني», «الأكاديمية الإماراتية»), or «ابن»/«ابنة» and a place («ابن
// صامطة»).
func (d *discourse) describes(p, hi int) bool {
	r := d.r
	k := r.key(p)
	if kin := bare(k); (kin == "ابن" || kin == "ابنه") && p+1 < hi && r.joined(p+1) {
		return !kinPossessed[r.key(p+1)] // (not «ابن شقيقه»: a kinsman of someone, another person)
	}
	if p+1 < hi && r.joined(p+1) && definite(k) && ages[bare(r.key(p+1))] && !closedWord(k) {
		return true // «المسن السبعيني», «الشاب العشريني»
	}
	if h, _ := headOf(k); p+1 < hi && r.joined(p+1) && definite(k) && h == "" && !closedWord(k) && !givenNames[k] && r.isKnown(p) &&
		definite(r.key(p+1)) && nationStem(r.key(p+1)) != "" && (p+2 >= hi || !r.joined(p+2)) && d.heldAdjective(bare(r.key(p+1))) {
		return true // «يضيف الربان الفرنسي» after «فلان، المدرب الفرنسي لفريق …»
	}
	if !definite(k) || pluralHead(k) || closedWord(k) || givenNames[k] || !personShape(bare(k)) && !nisba(strings.TrimSuffix(k, "ه")) || !r.isKnown(p) {
		return false // («الأكاديمية»: a nisba in the feminine)
	}
	h, _ := headOf(k)
	if h != "" {
		return false // a function is read as one
	}
	for q := p + 1; q < hi && r.joined(q); q++ {
		qk := r.key(q)
		if !definite(qk) || closedWord(qk) {
			break // «وختمت الأكاديمية الإماراتية بنصيحة»: the verb's complement; «المخضرم الذي …»: a relative clause
		}
		if !nisba(qk) && !personShape(bare(qk)) {
			return false // a construct («المستشار القانوني للوزارة» is read as a function)
		}
	}
	return true
}

// heldAdjective reports a nisba some named person's functions or
// descriptions hold («الفرنسي»).
func (d *discourse) heldAdjective(k string) bool {
	for _, e := range d.people {
		if e.function == "" && e.words[k] {
			return true
		}
	}
	return false
}

// personShape reports a word shaped like a description of a person: a
// participle in «م» («مخضرم», «مسؤولة»), an active participle «فاعل»
// («باحثة», «كاتب») or a nisba («الدولي») — not an institution or a thing
// a function's complement names («الهيئة», «الجامعة»).
func personShape(w string) bool {
	rs := []rune(strings.TrimSuffix(w, "ه"))
	n := len(rs)
	return n >= 4 && rs[0] == 'م' || (n == 4 || n == 5 && rs[4] == 'ي') && rs[1] == 'ا' || nisba(w) && n >= 4
}

// describedBefore is the person a definite word at toks[p] describes —
// one the article named before with that word among their functions and
// adjectives («تُوّجت الممثلة المخضرمة زهية بلقاسمي … وقالت المخضرمة») —,
// the nearest before that the verb agrees with; nil for none: an
// unnamed «الطالبة» is someone else.
func (d *discourse) describedBefore(p int, fem bool) *entity {
	k := d.r.key(p)
	if !definite(k) || pluralHead(k) || closedWord(k) || !personShape(bare(k)) {
		return nil
	}
	w := bare(k)
	var best *entity
	for _, e := range d.people {
		if e.function != "" || !e.words[w] || slices.Contains(e.keys, w) || fem && e.masc || !fem && e.fem {
			continue
		}
		if first := slices.Min(e.at); first < p && (best == nil || first > slices.Min(best.at)) {
			best = e
		}
	}
	return best
}

// describedMention is a mention with a name that starts one or two words
// after toks[p] in the same phrase, the words before it no closed word,
// accusative or word joined by «و»: a description the model has no
// function for («مساعد»), then the function and name of the verb's
// subject.
func (d *discourse) describedMention(p, hi int) *mention {
	r := d.r
	for q := p + 1; q < hi && q-p <= 2 && r.joined(q); q++ {
		k := r.key(q - 1)
		if closedWord(k) || accusative(k) || r.conjunct(q-1) || articleWithClitic(k) {
			return nil
		}
		for _, m := range d.mentions {
			if m.at == q && len(m.name) > 0 && !m.plural && d.strongName(m) {
				return m
			}
		}
	}
	return nil
}

// state reports a feminine participle («مفعلة», «فاعلة») that ends the
// phrase after a feminine verb («ثم تستدرك مبتسمة:», «تقول ضاحكة:»): how
// she speaks, not who — the masculine «مبتسما» is an accusative.
func (d *discourse) state(p, hi int, fem bool) bool {
	r := d.r
	k := r.key(p)
	rs := []rune(k)
	return fem && strings.HasSuffix(k, "ه") && (rs[0] == 'م' && len(rs) >= 5 || len(rs) == 5 && rs[1] == 'ا') &&
		(p+1 >= hi || !r.joined(p+1)) && r.isKnown(p)
}

// describedName is the name that follows a description of up to three
// words at toks[p] («رجل الأعمال», «الناشطة الحقوقية», «المواطن») in the
// same phrase, when a given name starts it or a particle is its second
// word (strongName), or of up to eight words when a form of address
// introduces it («استشارية طب العيون الدكتورة هيفاء …»); nil otherwise.
func (d *discourse) describedName(p, hi int) *mention {
	r := d.r
	if m := d.addressedName(p, hi); m != nil {
		return m
	}
	for q := p + 1; q < hi && q-p <= 3 && r.joined(q); q++ {
		k := r.key(q - 1)
		if closedWord(k) || accusative(k) || r.conjunct(q-1) || articleWithClitic(k) {
			return nil
		}
		if !givenNames[r.key(q)] && !nameParticles[r.key(q)] {
			continue
		}
		if (filial[r.key(q)] || patronyms[r.key(q)]) && q-1 > p && !definite(r.key(q-1)) && !closedWord(r.key(q-1)) {
			q-- // «وقال المنمي اعلي ولد محمد المختار»: the given name before «ولد», whatever the list lacks
		}
		if m, _ := r.readMention(q, hi, ctxAddress); m != nil && len(m.titles) == 0 && (d.strongName(m) ||
			q == p+1 && len(m.name) == 2 && kunyaOf(r.key(q)) != "" && definite(r.key(p)) && personShape(bare(r.key(p)))) {
			return m // («تقول المواطنة أم فيصل»: a description, then the kunya she goes by)
		}
		return nil
	}
	return nil
}

// addressedName is the name a form of address introduces within sixteen
// words after toks[p], in the same phrase: «أشارت معاونة وزير التعليم
// العالي لشؤون الطلاب الدكتورة لمى …», a description the model does not
// read as a function; nil for none.
func (d *discourse) addressedName(p, hi int) *mention {
	r := d.r
	for q := p + 1; q < hi && q-p <= 16 && (r.joined(q) || r.gapBefore(q) == gapComma && honorifics[r.key(q)] != ""); q++ {
		// («آمر قطاع زوارة بجهاز حرس السواحل، الرائد بحري مفتاح …،»: the
		// form of address may open an apposition.)
		if honorifics[r.key(q)] != "" {
			if m, _ := r.readMention(q, hi, ctxAddress); m != nil && len(m.name) > 0 && len(m.titles) == 0 {
				return m
			}
			return nil
		}
		if k := r.key(q); closedWord(k) && !prepositions[k] || accusative(k) || r.conjunct(q) && !d.conjunctComplement(q) {
			return nil // «… في المستشفى الدكتورة …» goes on
		}
	}
	return nil
}

// conjunctComplement reports a word joined by «و» at toks[q] that goes on a
// description («استشاري الغدد الصماء والسكري الدكتور …») or adds a
// function to it: no form of address or given name — no second name.
func (d *discourse) conjunctComplement(q int) bool {
	rest, ok := strings.CutPrefix(d.r.key(q), "و")
	if !ok || givenNames[rest] || honorifics[rest] != "" || nameParticles[rest] {
		return false
	}
	return !closedWord(rest) // a second function of the same holder too: «استشاري الغدد ورئيس قسم الغدد الدكتور …»
}

// ordinalAt is the person «الأول», «الثاني» (n 1, 2) or «الأخير» (-1) at
// toks[at] refers to: of the last sentence before it that names two
// people or more, the first or the second named; the last person named
// before it for «الأخير». nil when none or the gender disagrees.
func (d *discourse) ordinalAt(at, n int, fem bool) *entity {
	var named []*entity
	lo := -1
	for i := len(d.mentions) - 1; i >= 0; i-- {
		m := d.mentions[i]
		if m.at >= at || len(m.name) < 2 {
			continue
		}
		e := d.personOf(m)
		if e == nil || len(e.keys) < 2 || slices.Contains(named, e) {
			continue
		}
		if n == -1 {
			if agrees(e, fem) {
				return e
			}
			return nil
		}
		s := d.sentenceStart(m.at)
		if lo >= 0 && s != lo {
			if len(named) >= 2 {
				break
			}
			named = named[:0] // a sentence naming one person: look further back
		}
		lo = s
		named = append([]*entity{e}, named...)
	}
	if len(named) < 2 || n > len(named) || !agrees(named[n-1], fem) {
		return nil
	}
	return named[n-1]
}

// mourned is the person the article mourns: the first named after a word
// of mourning a few words before the name («جثمان الإعلامي الرائد عبد
// الرحمن …», «للشاعر الراحل سليم …», «رحيل الفنان …»); nil when none.
func (d *discourse) mourned() *entity {
	r := d.r
	for _, m := range d.mentions {
		if len(m.name) == 0 {
			continue
		}
		for p := m.name[0] - 1; p >= 0 && p >= m.name[0]-5 && r.narr[p] && (p+1 == m.name[0] || r.joined(p+1)); p-- {
			if e := d.personOf(m); e != nil && mourning[strings.TrimPrefix(r.key(p), "و")] {
				return d.introduced(e, m.at) // (a headline's mention is no person's)
			}
		}
	}
	return nil
}

// prepPronouns are prepositions with a pronoun: after a verb they leave its
// subject implicit.
var prepPronouns = keySet("عنه عنها فيه فيها له لها إليه إليها عليه عليها منه منها معه معها به بها")

// resolve is the person mention m refers to at toks[at]: «المتحدث ذاته» the
// focus; a pronoun of address the person given that address; a name the
// person of that name; a function the person holding it. Among several,
// the focus, else the one mentioned nearest before, else after. nil when
// nobody fits.
func (d *discourse) resolve(m *mention, at int, focus *entity, fem bool) *entity {
	if d.objectAfterTitle(m) {
		// «وختم رئيس الجامعة رسالة …»: the function is the subject, the
		// common noun after it its object.
		t := *m
		t.name = nil
		m = &t
	}
	switch {
	case m.same:
		return focus
	case m.ordinal != 0:
		return d.ordinalAt(at, m.ordinal, m.fem)
	case m.dead:
		e := d.mourned()
		if e != nil && m.fem {
			e.fem = true // «الراحلة»: a woman
		} else if e != nil && !e.fem {
			e.masc = true
		}
		return e
	case m.pronoun != "":
		if e := d.pick(at, focus, func(e *entity) bool { return e.honors[m.pronoun] }); e != nil {
			return e
		}
		return focus
	case len(m.name) > 0:
		keys := keysOf(d.nameOf(m))
		named := func(e *entity) bool {
			if len(e.keys) == 0 {
				return false // a person named only by function is no name's (subset of nothing is true)
			}
			if slices.ContainsFunc(e.aliases, func(a []string) bool { return slices.Equal(kunyaKeys(a), kunyaKeys(keys)) }) {
				return true // «أبا ياسين» given, «أبي ياسين» written
			}
			if len(keys) == 1 {
				return namePart(keys[0], e.keys)
			}
			return subset(keys, e.keys) || subset(e.keys, keys)
		}
		if len(m.titles)+len(m.honors) > 0 {
			if e := d.pick(at, focus, func(e *entity) bool { return named(e) && d.fits(e, m) }); e != nil {
				return e
			}
		}
		if e := d.pick(at, focus, func(e *entity) bool { return e.function == "" && slices.Equal(e.keys, keys) }); e != nil && len(keys) >= 3 {
			return e // («محمود عبد السلام», the father, before his son «كريم محمود عبد السلام»)
		}
		return d.pick(at, focus, named)
	case d.generic(m):
		// «ويقول خبير في المناخ …» then «ويضيف الخبير ذاته، محمد
		// السعيدي، …»: the one the article names later; else someone it
		// leaves unnamed («وقال طبيب مقيم»).
		return d.namedLater(m)
	case len(m.titles) == 1 && len(m.name) == 0 && len(m.titles[0].qual) > 0 && adjectivesOnly(m.titles[0], anaphoricHeads):
		// «قال المتحدث باسم المدينة الطبية»: whom it speaks for says
		// which one — a named spokesperson of the article for it
		// («الناطقة الإعلامية باسم وزارة الطاقة» for «المتحدثة باسم
		// الوزارة»), else someone it leaves unnamed, not whoever spoke
		// last.
		return d.pick(at, nil, func(e *entity) bool {
			return e.function == "" && agrees(e, m.fem) && (d.fits(e, m) || spokesperson(e) && d.speaksFor(e, m))
		})
	case anaphoric(m):
		if len(m.titles[0].core) > 1 {
			// «شددت المتحدثة الرسمية» after «المتحدثة الرسمية باسم
			// الوزارة الدكتورة …»: the named person of that function,
			// before whoever spoke last.
			if e := d.pick(at, nil, func(e *entity) bool { return e.function == "" && d.fits(e, m) }); e != nil {
				return e
			}
		}
		// «أضافت المسؤولة الأممية»: a woman, whoever spoke last.
		return d.pick(at, focus, func(e *entity) bool {
			if m.fem {
				return e.fem
			}
			return (len(e.heads) > 0 || len(e.honors) > 0) && !e.fem
		})
	case len(m.titles) > 0 || len(m.honors) > 0:
		// «وكيل الوزارة للصحة الوقائية» is the undersecretary for that,
		// not the one for treatment: the qualifiers too, when someone
		// holds them all.
		// «وقالت الوزيرة» after «وزيرة الثقافة فلانة … ووزير التربية
		// فلان»: a woman of that function before a man nothing marked as
		// one.
		if e := d.apposedTo(m); e != nil {
			// «قال عضو لجنة التفاوض عن قسد، آزاد حسن شيخو،» after «عضو
			// لجنة التفاوض عن الحكومة، محمد خير …»: the name set after
			// the function says who holds it here.
			return e
		}
		if e := d.printedAs(m); e != nil {
			// «وقال وزير الخارجية» after «وزير الخارجية وشؤون المغتربين
			// فلان، ووزير خارجية مملكة النرويج فلان»: the one whose
			// function opens with the words as printed.
			return e
		}
		if d.bareHead(m, headPresident) {
			// «فخامة الرئيس», «وأضاف الرئيس» after «رئيس الجمهورية فلان …
			// رئيس مجلس النواب فلان»: the head of state.
			if e := d.pick(at, focus, func(e *entity) bool { return d.fits(e, m) && (e.words[keyRepublic] || e.words[keyState]) }); e != nil {
				return e
			}
		}
		for _, woman := range []bool{m.fem, false} {
			if e := d.pick(at, focus, func(e *entity) bool { return d.fits(e, m) && d.qualified(e, m) && (!woman || e.fem) }); e != nil {
				return e
			}
			if e := d.pick(at, focus, func(e *entity) bool { return d.fits(e, m) && (!woman || e.fem) }); e != nil {
				return e
			}
		}
		return d.ofNationOnly(m)
	}
	return nil
}

var (
	keyMinister   = arabic.Key("وزير")
	headPresident = arabic.Key("رئيس")
	headManager   = arabic.Key("مدير")
	keyRepublic   = arabic.Key("جمهورية")
	keyState      = arabic.Key("دولة")
)

// printedAs is the one named person, of two or more that fit a mention
// by function alone of two words or more, whose function the article
// printed opening with the mention's words as they are («وزير الخارجية»
// in «وزير الخارجية وشؤون المغتربين»), where the others' open with them
// but for «ال» («وزير خارجية مملكة النرويج»); nil otherwise.
func (d *discourse) printedAs(m *mention) *entity {
	r := d.r
	if len(m.name) > 0 || len(m.titles) != 1 || len(m.titles[0].words) < 2 {
		return nil
	}
	words := m.titles[0].words
	// opens reports a mention of e, not m, whose function opens with m's
	// words: as printed (exact), or but for «ال».
	opens := func(e *entity, exact bool) bool {
		return slices.ContainsFunc(d.mentions, func(o *mention) bool {
			if o == m || !slices.Contains(e.at, o.at) {
				return false
			}
			for _, t := range o.titles {
				if len(t.words) >= len(words) && slices.EqualFunc(t.words[:len(words)], words, func(a, b int) bool {
					ka, kb := r.key(a), r.key(b)
					if a == o.at && o.conj {
						ka = strings.TrimPrefix(ka, "و") // «ووزير خارجية …»
					}
					if b == m.at && m.conj {
						kb = strings.TrimPrefix(kb, "و")
					}
					return ka == kb || !exact && bare(ka) == bare(kb)
				}) {
					return true
				}
			}
			return false
		})
	}
	var printed *entity
	others := 0
	for _, e := range d.people {
		if e.function != "" || len(e.keys) == 0 || !d.fits(e, m) {
			continue
		}
		switch {
		case opens(e, true):
			if printed != nil {
				return nil
			}
			printed = e
		case opens(e, false):
			others++ // «وزير خارجية مملكة النرويج»: the same words, told apart by «ال»
		}
	}
	if others == 0 {
		return nil
	}
	return printed
}

// apposedTo is the named person set off right after a mention by
// function alone, whom the mention was joined to as read (appositions:
// «عضو لجنة التفاوض عن قسد، آزاد …»); nil for none.
func (d *discourse) apposedTo(m *mention) *entity {
	r := d.r
	c := m.end
	for c < len(r.toks) && c-m.end <= 4 && r.joined(c) && r.narr[c] && !d.speechVerbAt(c, m.at) {
		c++ // «عضو لجنة التفاوض عن قسد، آزاد …»: the function's complement the mention left
	}
	if c >= len(r.toks) || c-m.end > 4 || r.gapBefore(c) != gapComma {
		return nil
	}
	for _, n := range d.mentions {
		if n.at == c && len(n.name) > 0 && !n.plural {
			if e := d.personOf(n); e != nil && slices.Contains(e.at, m.at) {
				return e
			}
		}
	}
	return nil
}

// bareHead reports a mention by one function that is head alone, no
// complement, no name («الرئيس»).
func (d *discourse) bareHead(m *mention, head string) bool {
	return len(m.name) == 0 && len(m.titles) == 1 && len(m.titles[0].core) == 1 && m.titles[0].heads[0] == head
}

// unheldFunction reports a mention by a function alone whose head no
// named person of the article holds and no mention before it gives in its
// gender.
func (d *discourse) unheldFunction(m *mention) bool {
	if len(m.name) > 0 || len(m.titles) != 1 || m.plural || m.same {
		return false
	}
	h := m.titles[0].heads[0]
	if slices.ContainsFunc(d.people, func(e *entity) bool { return e.function == "" && e.heads[h] }) {
		return false
	}
	return !slices.ContainsFunc(d.mentions, func(o *mention) bool {
		return o.at < m.at && len(o.titles) > 0 && o.titles[0].heads[0] == h && o.fem == m.fem
	})
}

// namedLater is the person a later mention by m's function names as the
// one it meant («الخبير ذاته، فلان», «الخبير، وهو فلان»); nil for none.
func (d *discourse) namedLater(m *mention) *entity {
	h := m.titles[0].heads[0]
	for _, o := range d.mentions {
		if o.at > m.at && o.back && len(o.titles) > 0 && o.titles[0].heads[0] == h {
			return d.personOf(o)
		}
	}
	return nil
}

// qualified reports whether e's words hold every qualifier of m's
// functions («للصحة الوقائية»).
func (d *discourse) qualified(e *entity, m *mention) bool {
	for _, t := range m.titles {
		for _, q := range t.qual {
			if !e.words[q] {
				return false
			}
		}
	}
	return true
}

// generic reports a mention by an indefinite function with no name — a
// bare head, or one with adjectives only («طبيب مقيم», «مهندس زراعي»): a
// person the article does not name, never someone named before. A
// genitive makes it definite («عمدة طنجة»).
func (d *discourse) generic(m *mention) bool {
	if len(m.name) > 0 || len(m.honors) > 0 || len(m.titles) != 1 || m.same {
		return false
	}
	t := m.titles[0]
	for _, j := range t.words {
		k := d.r.key(j)
		if j == m.at && m.conj {
			k = strings.TrimPrefix(k, "و")
		}
		if j == t.words[0] {
			if definite(k) {
				return false
			}
			if anaphoricHeads[t.heads[0]] {
				// «وقال مسؤول كبير», «وقال متحدث باسم الوزارة»: an official
				// left unnamed; «مسؤول الفرع», a definite genitive, is one.
				return len(t.words) < 2 || !definite(d.r.key(t.words[1])) || !slices.Contains(t.core[1:], bare(d.r.key(t.words[1])))
			}
			continue
		}
		if !slices.Contains(t.core[1:], bare(k)) {
			continue // a qualifier («في مجمع …»)
		}
		// Only an adjective — a participle in «مـ» or a nisba — leaves
		// it indefinite; a noun after the head is its genitive.
		if definite(k) || d.r.unknown(j) || !strings.HasPrefix(k, "م") && !nisba(k) {
			return false
		}
	}
	return true
}

// spokesperson reports a person one of whose functions is a
// spokesperson's (spokesmen: «المتحدث», «الناطق»).
func spokesperson(e *entity) bool {
	for h := range spokesmen {
		if e.heads[h] {
			return true
		}
	}
	return false
}

// keyBism is «باسم», «in the name of».
var keyBism = arabic.Key("باسم")

// anaphoric reports a mention by a function that names whoever speaks,
// with adjectives at most («المسؤول», «المسؤول الحكومي», «المتحدث»).
func anaphoric(m *mention) bool {
	if len(m.titles) != 1 || len(m.name) > 0 || len(m.titles[0].qual) > 0 {
		return false
	}
	return adjectivesOnly(m.titles[0], anaphoricHeads)
}

// speaksFor reports a spokesperson e whose functions hold every word of
// whom mention m speaks for («باسم الوزارة» of «الناطقة باسم وزارة
// الطاقة»; not «باسم الداخلية» of «المتحدث باسم وزارة الثقافة»).
func (d *discourse) speaksFor(e *entity, m *mention) bool {
	for _, q := range m.titles[0].qual {
		if q != keyBism && !e.words[q] && !e.words[strings.TrimPrefix(q, "و")] { // (without the lexicon «وزارة» may be read «و» and «زارة»)
			return false
		}
	}
	return true
}

// adjectivesOnly reports a function t whose head is one of heads with
// adjectives at most in its core, no genitive.
func adjectivesOnly(t title, heads map[string]bool) bool {
	if !heads[t.heads[0]] {
		return false
	}
	for _, c := range t.core[1:] {
		if !nisba(c) && !titleAdjectives["ال"+c] {
			return false
		}
	}
	return true
}

// fits reports whether person e holds the function of m: a head of each of
// its titles is one of e's functions or forms of address (the chair of a
// sitting is its «رئيس» and its «قاضي»), and every other word of its core
// is a word of e's functions, name or adjectives — a function of a place
// named only as such fits the same function of a named place («عمدة
// المدينة» is «عمدة طنجة»); a feminine function wants a woman. A form of address alone («اللواء», «الشيخ») fits whoever has it.
func (d *discourse) fits(e *entity, m *mention) bool {
	if m.fem && e.masc {
		return false
	}
	if len(m.titles) == 0 {
		for _, h := range m.honors {
			if !e.honors[h] {
				return false
			}
		}
		for _, a := range m.adjs {
			// «اللواء السعودي»: the one of that rank the article ties to
			// that nation, not another («اللواء … قائد القوات الباكستانية»).
			if st := nationStem(a); st != "" && !rankQualifiers[a] && !e.words[a] && !d.ofNation(e, st) {
				return false
			}
		}
		return len(m.honors) > 0
	}
	for _, t := range m.titles {
		if len(t.words) == 0 {
			continue // a chair, from «برئاسة»
		}
		chair := e.chair && slices.ContainsFunc(t.core[1:], func(c string) bool { return sittings[c] })
		ok := chair || e.chair && t.heads[0] == headJudge
		if !t.fem && !m.fem && len(t.heads) > 0 && e.femHeads[t.heads[0]] {
			return false // «المرشح» after «المرشحة شيلان أحمد»: a man of that function
		}
		for _, h := range t.heads {
			ok = ok || e.heads[h] || e.honors[h]
		}
		if !ok {
			return false
		}
		for i, c := range t.core[1:] {
			if newcomer[c] {
				continue // «المدرب الجديد» is the coach the article presents
			}
			if st := nationStem(c); st != "" && !e.words[c] && d.ofNation(e, st) {
				continue // «الوزير البلجيكي» is the minister «في مملكة بلجيكا»
			}
			if pl, ok := strings.CutSuffix(c, "ين"); ok && e.words[pl+"ي"] {
				continue // «رئيس اتحاد المزارعين» is «رئيس اتحاد مزارعي الجزيرة»: the plural in construct
			}
			if !e.words[c] && !placeNouns[c] && !(e.places && i == 0 && !nisba(c) && !institutions[c]) && !(chair && sittings[c]) {
				if h, _ := headOf(c); h == "" || !e.heads[h] {
					return false
				}
			}
		}
	}
	return true
}

// pick is the person ok holds for: the focus when it does, else the one
// mentioned nearest before toks[at], else nearest after; nil for none.
func (d *discourse) pick(at int, focus *entity, ok func(*entity) bool) *entity {
	if e := d.inSentence(at, focus, ok); e != nil {
		return e // «أما عميد كلية طب الأسنان باسل قصاب، فأشار …، وقال العميد:»
	}
	if focus != nil && ok(focus) {
		return focus
	}
	var best *entity
	bestD := 0
	for _, e := range d.people {
		if !ok(e) {
			continue
		}
		dist := -1
		for _, p := range e.at {
			x := at - p
			if p >= at {
				x = p - at + len(d.r.toks)
			}
			if dist < 0 || x < dist {
				dist = x
			}
		}
		if dist >= 0 && (best == nil || dist < bestD) {
			best, bestD = e, dist
		}
	}
	return best
}

// function is the person of a clause whose subject names a function that
// no named person holds («وقالت الوزيرة» in an article that names her
// only «وزيرة الصحة»): named by the fullest mention of that function, or
// its own; nil for a function that names whoever speaks («المسؤول»), and
// for a bare head («النائب») followed by a word the model did not read — a
// name it missed (readOn).
func (d *discourse) function(m *mention) *entity {
	if len(m.titles) == 0 || len(m.name) > 0 || anaphoric(m) || m.titles[0].heads[0] == "نظير" || d.generic(m) {
		return nil
	}
	if e := d.nicknamed(m); e != nil {
		return e // «يقول عميد المذيعين» after «الذي يلقبه زملاؤه بعميد المذيعين القطريين»
	}
	if w := m.titles[0].words; len(w) > 0 && (strings.HasSuffix(plain(d.r.toks[w[0]].Text), "ه") || strings.HasSuffix(plain(d.r.toks[w[0]].Text), "ها")) {
		return nil // «نائبه المنتخب»: someone's deputy, whom the article does not name
	}
	best := m
	for _, o := range d.mentions {
		if o != m && o.at < m.at && len(o.name) == 0 && len(o.titles) > 0 && o.titles[0].heads[0] == m.titles[0].heads[0] &&
			subset(m.titles[0].core, o.titles[0].core) && d.nameOn(o) {
			return nil // «برعاية قائد القوات البرية الفريق الركن …» with the name unread: someone named holds it
		}
		if d.r.headline(o.at) || o != m && (d.inPrep[o] || o.at > m.at) {
			// «مدرب منتخب لبنان عشية ودية طاجيكستان: فرصة …»: a headline's
			// words run on; «بأمر من قاضي التحقيق» is someone else, and a
			// bare «القاضي» refers back, not to a function named later.
			continue
		}
		if len(o.name) > 0 || len(o.titles) == 0 || o.titles[0].heads[0] != m.titles[0].heads[0] ||
			len(o.titles[0].words) == 0 || !subset(m.titles[0].core, o.titles[0].core) {
			continue
		}
		if d.nameOn(o) {
			return nil // «مدرب المنتخب الكرواتي ماركو …» with the name unread: someone named holds it
		}
		if len(o.titles[0].words) > len(best.titles[0].words) {
			best = o
		}
	}
	if d.apposedUnread(m) {
		return nil // «رئيس الاتحاد القطري للطلاب العرب، مجد ذياب، على …»: someone named holds it
	}
	if slices.ContainsFunc(m.titles[0].core[1:], func(c string) bool { return newcomer[c] }) && slices.ContainsFunc(d.people, func(e *entity) bool { return e.function == "" }) {
		return nil // «وأضاف رئيس الحركة الجديد»: the one the article presents as new, a person it names — which, it cannot say
	}
	if h := m.titles[0].heads[0]; slices.ContainsFunc(d.people, func(e *entity) bool {
		return e.function == "" && e.heads[h] && !(m.fem && e.masc) &&
			(!d.otherOffice(e, m.titles[0]) || slices.ContainsFunc(m.titles[0].core[1:], func(c string) bool { return e.words[c] && !nisba(c) }))
	}) {
		// («رئيس لائحة قرار زحلة» where the article names «رئيس لائحة زحلة
		// أولاً» and the rival list's head by a verb: someone of that office
		// it names, maybe another — nobody.)
		// «قال الوزير البلجيكي» where the article names a minister the model
		// could not tie to it: which holder it is the model cannot say, and
		// a function printed as a person may be someone named — nobody.
		return nil
	}
	if d.nameOn(m) || len(best.titles[0].words) < 2 && d.readOn(m) {
		return nil // «النائب بوزيان», «الرئيس التنفيذي للشركة يوهان» with the name unread: whose function is unsure
	}
	text := d.titleText(best, false)
	if i := strings.Index(text, " لدى "); i > 0 {
		text = text[:i] // «ممثل الحق العام لدى محكمة الجنح»: the function, not where it is held
	}
	e, made := d.byFunction(text)
	if made {
		d.learn(e, best)
	}
	return e
}

// byFunction is the person the article names only by the function text,
// made (made true) the first time it is asked for.
func (d *discourse) byFunction(text string) (e *entity, made bool) {
	for _, e := range d.people {
		if e.function == text {
			return e, false
		}
	}
	e = &entity{heads: map[string]bool{}, honors: map[string]bool{}, words: map[string]bool{}, function: text}
	d.people = append(d.people, e)
	return e, true
}

// otherOffice reports a function t whose complement names what e's
// functions do not: a noun, not an adjective («مدير المدرسة» is not
// «المدير الجهوي للتعليم»; «الوزير البلجيكي» may be «وزير الخارجية».
func (d *discourse) otherOffice(e *entity, t title) bool {
	for _, c := range t.core[1:] {
		if !nisba(c) && !titleAdjectives[c] && !titleAdjectives["ال"+c] && !e.words[c] {
			return true
		}
	}
	return false
}

// nameOn reports whether the phrase of mention m goes on with what may be
// a name the model did not read: a given name, a particle or a word the
// lexicon does not know; without the lexicon any word readOn reports
// («وأكد وزير الصحة ضرورة …» goes on with a common word, its object).
func (d *discourse) nameOn(m *mention) bool {
	if !d.readOn(m) {
		return false
	}
	k := d.r.key(m.end)
	return d.r.lex == nil || givenNames[k] || nameParticles[k] || d.r.unknown(m.end)
}

// readOn reports whether the phrase of mention m goes on with a word the
// model did not read: no punctuation, function word, verb, accusative or
// word with a proclitic after it.
func (d *discourse) readOn(m *mention) bool {
	r := d.r
	p := m.end
	if p >= len(r.toks) || !r.joined(p) {
		return false
	}
	k := r.key(p)
	if r.lex == nil && !closedWord(k) && !definite(k) && !strings.ContainsAny(string([]rune(k)[:1]), "بو") && p+1 < len(r.toks) && r.joined(p+1) &&
		!closedWord(r.key(p+1)) && !definite(r.key(p+1)) && (p+2 >= len(r.toks) || !r.joined(p+2) || closedWord(r.key(p+2))) {
		// Without the lexicon, two indefinite words after a function
		// («رئيسة ناميبيا نانغولا هاميوتا،»): maybe its holder's name,
		// whatever their shape.
		return true
	}
	return !closedWord(k) && !accusative(k) && !articleWithClitic(k) && !strings.HasPrefix(k, "ب") && !strings.HasPrefix(k, "ل") &&
		!(strings.HasPrefix(k, "و") && r.conjunct(p))
}

// titleText is the text of m's functions: those before the name, or
// those in apposition after it.
func (d *discourse) titleText(m *mention, appos bool) string {
	var parts []string
	for _, t := range m.titles {
		if t.appos != appos || len(t.words) == 0 {
			continue
		}
		for _, j := range t.words {
			w := d.r.toks[j].Text
			if j == m.at && m.conj {
				w = dropConjunction(w)
			}
			if j == m.at && m.prep {
				w = dropPrep(w)
			}
			if t.dual && j == t.words[0] {
				w = singular(w) // «نائبي المحافظ» for one of them: «نائب المحافظ»
			}
			parts = append(parts, w)
		}
	}
	return strings.Join(parts, " ")
}

// introduced is e as a speaker may be reported: a function no named person
// holds, or a name the article introduces as a person's — two words or
// more, none a function or a common noun with a proclitic («بالبيئة»). A
// name of one word is the person of a fuller name holding it, nearest to
// toks[at] («يوهان» is «يوهان كلاسن»), else nobody: a first name, a
// surname or a common noun («شركة») the model read alone is no one it
// can name.
func (d *discourse) introduced(e *entity, at int) *entity {
	if e != nil && e.function != "" && d.description(e) {
		return nil // «قال الخبير» with no expert named: someone the article leaves unnamed
	}
	if e == nil || e.function != "" {
		return e
	}
	for i, w := range e.name {
		k := arabic.Key(w)
		if _, verb := isSpeechVerb(k); verb && !(givenNames[k] && i+1 < len(e.name) && filial[arabic.Key(e.name[i+1])]) &&
			!(i == 0 && len(e.name) > 1 && verbNames[k]) && !(i > 0 && i == len(e.name)-1 && givenNames[arabic.Key(e.name[0])] && d.r.families[bare(k)]) {
			// (A verb's shape that ends a name read whole, after a given
			// name, is its family name: «محمود طالب، أبو خليل …».)
			return nil // «المحامي يزيد بن عودة»: a verb or a name, the model cannot tell unless it knows the name
		}
		// «بالبيئة», «ورئيسة»; «فال» is the name, not «ف» and «ال»; nor
		// is «فالنتينا», a word the lexicon does not know.
		if rest, ok := strings.CutPrefix(k, "و"); articleWithClitic(k) && len([]rune(k)) > 4 && !belNames[k] && !d.r.foreignClitic(w) || ok && titleHeads[bare(rest)] {
			return nil
		}
	}
	if d.halfName(e) || d.untiedAlias(e) || d.runsOn(e) {
		return nil
	}
	if patronyms[e.keys[0]] {
		// «ولد سيدي عبد الله» is the father's name: the person whose own
		// name goes before it, else nobody.
		return d.pick(at, nil, func(p *entity) bool {
			return p != e && p.function == "" && !patronyms[p.keys[0]] && contiguous(e.keys, p.keys)
		})
	}
	if len(e.keys) > 1 || d.surname(e) {
		return e
	}
	full := d.pick(at, nil, func(p *entity) bool {
		return p != e && p.function == "" && len(p.keys) > 1 && namePart(e.keys[0], p.keys)
	})
	if full == nil && e.alone && d.alwaysAlone(e.keys[0]) {
		return e // «قال عبدالعزيز، أحد مشجعي المنتخب»: all the name the article gives
	}
	return full
}

// objectAfterTitle reports a mention whose name, one or two words after a
// function, the lexicon knows as common words that name nobody of the
// article: no given name or particle, no word of a fuller name, no word
// the article sets alone as a speaker («رئيس الجامعة رسالة»).
func (d *discourse) objectAfterTitle(m *mention) bool {
	if len(m.name) == 0 || len(m.name) > 2 || len(m.titles) == 0 || d.r.lex == nil {
		return false
	}
	for _, j := range m.name {
		k := d.r.key(j)
		if givenNames[k] || nameParticles[k] || d.r.spoken[bare(k)] || !IsWord(d.r.lex, plain(d.r.toks[j].Text)) {
			return false
		}
		if slices.ContainsFunc(d.people, func(e *entity) bool { return len(e.keys) > len(m.name) && slices.Contains(e.keys, bare(k)) }) {
			return false
		}
	}
	return true // «ودار بين الوالي وإحدى المواطنات حوار قصير»
}

// antecedents gives e the definite nouns of the sentence before the
// function at toks[at] that holds a pronoun («قدمت الاتحادية … ندوة نشطها
// رئيسها رشيد بن عمارة»): the noun the pronoun stands for is among them,
// so that «رئيس الاتحادية» is that person.
func (d *discourse) antecedents(e *entity, at int) {
	r := d.r
	for s := at - 1; s >= 0 && r.gapBefore(s+1) != gapStop; s-- {
		if k := r.key(s); r.narr[s] && definite(k) {
			e.words[bare(k)] = true
		}
	}
}

// nationStem is the stem of a nisba of nationality or origin («بلجيكي» →
// «بلجيك», «برتغالي» → «برتغال»), "" for a word of no such shape.
func nationStem(c string) string {
	if !nisba(c) || titleAdjectives["ال"+c] {
		return ""
	}
	st := strings.TrimSuffix(strings.TrimSuffix(bare(c), "ه"), "ي")
	if len([]rune(st)) < 3 {
		return ""
	}
	return st
}

// ofNation reports whether the article ties e to the nation of stem st:
// a word of their name, functions or adjectives that starts with it
// («بلجيكا», «البرتغالي»).
func (d *discourse) ofNation(e *entity, st string) bool {
	for w := range e.words {
		if strings.HasPrefix(bare(w), st) {
			return true
		}
	}
	return false
}

// ofNationOnly is, for a function whose adjective is a nationality
// («المدرب البرتغالي»), the one named person the article ties to that
// nation («التعاقد مع البرتغالي روي فيغيريدو مديرا فنيا»); nil when none
// or more than one.
func (d *discourse) ofNationOnly(m *mention) *entity {
	if len(m.titles) != 1 || len(m.name) > 0 {
		return nil
	}
	var only *entity
	for _, c := range slices.Concat(m.titles[0].core[1:], m.adjs) {
		st := nationStem(c)
		if st == "" {
			continue
		}
		for _, e := range d.people {
			if e.function != "" || m.fem && e.masc || !m.fem && e.fem || !d.ofNation(e, st) {
				continue
			}
			if only != nil && only != e {
				return nil
			}
			only = e
		}
	}
	if only == nil {
		only = d.otherNation(m)
	}
	return only
}

// otherNation is, for «الوزير الأردني» when the article ties no one to
// that nation, the one person of that function it has not called by
// another nation's adjective («ثمّن الوزير البرتغالي» — the host, at a
// joint press conference of two ministers); nil when none or several.
func (d *discourse) otherNation(m *mention) *entity {
	t := m.titles[0]
	adj := nationAdjective(t)
	if adj == "" {
		return nil
	}
	head := t.heads[0]
	calledBy := map[string]bool{} // the nation adjectives the article puts right after the head
	for _, o := range d.mentions {
		if len(o.titles) == 1 && o.titles[0].heads[0] == head {
			if a := nationAdjective(o.titles[0]); a != "" && a != adj {
				calledBy[a] = true
			}
		}
	}
	var only *entity
	for _, e := range d.people {
		if e.function != "" || !e.heads[head] || m.fem && e.masc || !m.fem && e.fem {
			continue
		}
		other := false
		for w := range calledBy {
			other = other || e.words[w]
		}
		if other {
			continue
		}
		if only != nil {
			return nil
		}
		only = e
	}
	if only == nil || len(calledBy) == 0 {
		return nil
	}
	return only
}

// nationAdjective is the nisba of a function that is its head and one
// adjective agreeing with it («الوزير البرتغالي», «الوزيرة البرتغالية»;
// not the genitive of «وزير الخارجية»); "" for none.
func nationAdjective(t title) string {
	if len(t.core) != 2 || nationStem(t.core[1]) == "" {
		return ""
	}
	a := t.core[1]
	if strings.HasSuffix(a, "يه") != t.fem {
		return ""
	}
	return a
}

// inSentence is the person ok accepts whom the sentence of toks[at]
// mentions last before it, when that is not the focus: a function or a
// surname refers to the fitting person its own sentence names before the
// one who spoke last. nil when the sentence names nobody ok accepts.
func (d *discourse) inSentence(at int, focus *entity, ok func(*entity) bool) *entity {
	s := d.sentenceStart(at)
	var best *entity
	bestAt := -1
	for _, e := range d.people {
		if e == focus || e.function != "" || !ok(e) {
			continue
		}
		for _, p := range e.at {
			if p >= s && p < at && p > bestAt {
				best, bestAt = e, p
			}
		}
	}
	return best
}

// newcomer are the adjectives of a function's new holder («المدرب
// الجديد», «المديرة الجديدة»): the one the article introduces with it.
var newcomer = keySet("جديد جديده")

// commonWords reports a name of words the lexicon knows all as common
// words, with no given name, particle, family name in «ـي» nor word the
// article sets alone as a speaker among them («حوار قصير»): no person's
// name. Without the lexicon it is never sure.
func (d *discourse) commonWords(m *mention) bool {
	if d.r.lex == nil || len(m.name) == 0 || m.alone && len(m.honors) > 0 {
		return false // («الحاجة خيرة»: the form of address makes it a name)
	}
	for _, j := range m.name {
		k := d.r.key(j)
		if givenNames[k] || nameParticles[k] || nameCompounds[k] || nisba(k) || d.r.spoken[bare(k)] || d.r.unknown(j) || d.r.hyphen[j] {
			return false
		}
	}
	return true
}

// description reports a person named only by a profession with nothing
// to make it one office — no genitive, at most adjectives («الخبير»,
// «الباحث المغربي»): whom it describes the article does not say.
func (d *discourse) description(e *entity) bool {
	if e.role == nil || len(e.role.titles) != 1 {
		return false
	}
	// «فأجاب المتهم», «يضيف المدرب البرتغالي»: a function with no
	// complement, adjectives at most, names a role, not whom the article
	// means by it — which may be someone it names; in an article that
	// names nobody («وقال الرئيس») it is all the article gives.
	if adjectivesOnly(e.role.titles[0], professions) {
		return true
	}
	if t := e.role.titles[0]; len(t.words) > 1 && !t.fem && !definite(d.r.key(t.words[1])) && strings.HasSuffix(d.r.key(t.words[1]), "يه") {
		return false // «رئيس بلدية الجية»: a feminine noun after a masculine head is its genitive, no adjective
	}
	return adjectivesOnly(e.role.titles[0], titleHeads) && len(e.role.titles[0].qual) == 0 &&
		slices.ContainsFunc(d.people, func(p *entity) bool { return p.function == "" })
}

// professions are function heads that describe what someone does rather
// than name an office one person holds («خبير», «باحث», «محلل»).
var professions = keySet("خبير باحث محلل طبيب صحفي مراسل لاعب مهاجم مدافع حارس مستعرب")

// halfName reports a name ending in a given name that a mention goes on
// after with a word the model did not read («عدنان خليل الرقاد», «فراس
// يوسف البطاينة» read without the lexicon): the family name is missing.
func (d *discourse) halfName(e *entity) bool {
	if len(e.name) < 2 || !givenNames[arabic.Key(e.name[len(e.name)-1])] ||
		slices.ContainsFunc(e.name, func(w string) bool { return nameParticles[arabic.Key(w)] }) {
		return false // «حمدان بن سيف آل ماجد» is whole
	}
	return slices.ContainsFunc(d.mentions, func(m *mention) bool {
		return len(m.name) > 0 && m.end == m.name[len(m.name)-1]+1 && slices.Equal(keysOf(d.nameOf(m)), e.keys) &&
			d.readOn(m) && definite(d.r.key(m.end))
	})
}

// runsOn reports a person whose name, in a mention, goes on with one or
// two words the model did not read before a comma sets the phrase off
// («عبد الرشيد فارح جامع،», «سعيد عبدي ورسمه،»: Somali names of common
// words): the rest of the name is missing — nobody, not half of it.
func (d *discourse) runsOn(e *entity) bool {
	r := d.r
	if r.lex == nil {
		return false // (without the lexicon unsureName says it)
	}
	for _, m := range d.mentions {
		if len(m.name) == 0 || m.end != m.name[len(m.name)-1]+1 || !slices.Equal(keysOf(d.nameOf(m)), e.keys) {
			continue
		}
		p := m.end
		if p >= len(r.toks) || !r.joined(p) || !r.narr[p] {
			continue
		}
		n := 0
		for q := p; q < len(r.toks) && r.narr[q] && (q == p || r.joined(q)) && n <= 2; q++ {
			k := r.key(q)
			h, _ := headOf(k)
			lone := q == p && len(m.name) >= 3 && q+1 < len(r.toks) && r.gapBefore(q+1) == gapComma && !strings.HasSuffix(k, "ته") && !strings.HasSuffix(k, "تها")
			// («نور الهدى عادل قبها،»: one word a comma ends after three
			// names may be the family name; «حكمي رحلته،» is an object)
			if closedWord(k) || prepositions[k] || h != "" || honorifics[k] != "" || definite(k) || accusative(k) && !lone ||
				strings.HasPrefix(k, "ب") || strings.HasPrefix(k, "ل") || r.imperfect(q) || r.possessed(q) || r.ownNoun(q) && !lone || startsWithDigit(r.toks[q].Text) {
				n = 3 // a word of the sentence: the name ended («فيصل علي حكمي رحلته،»: a noun and its pronoun)
				break
			}
			n++
		}
		if n >= 1 && n <= 2 && p+n < len(r.toks) && r.gapBefore(p+n) == gapComma {
			return true
		}
	}
	return false
}

// surname reports a person of one name word the article introduces with a
// function or a form of address («النائب بوزيان»): a word that is no given
// name, nor, to the lexicon, a common word, and that no mention goes on
// after with a word the model did not read («يوهان كلاسن»: the rest of
// the name).
func (d *discourse) surname(e *entity) bool {
	if len(e.heads)+len(e.honors) == 0 || givenNames[e.keys[0]] || len(e.name) != 1 || ethnics[arabic.Key(e.name[0])] {
		return false
	}
	for _, m := range d.mentions {
		if len(m.name) == 1 && m.end == m.name[0]+1 && bare(d.r.key(m.name[0])) == e.keys[0] && d.readOn(m) {
			return false
		}
	}
	if d.r.lex == nil {
		return len([]rune(e.keys[0])) >= 3 // («السفير لي»: two letters may be a preposition and a pronoun)
	}
	return !IsWord(d.r.lex, plain(e.name[0]))
}

// ethnics are nisbas of peoples, not families («يقول الشيخ التارقي»: the
// Tuareg sheikh, someone the article describes), where no fuller name
// holds them.
var ethnics = keySet("التارقي الترقي الطارقي الأمازيغي القبائلي الصحراوي الحساني التركماني الآشوري")

// speakerOf is e as the check reports it (nobody for nil): the name, or the function for
// a person named only by it; the role as the article gives it — the
// functions before the name, then those set off after it («المحامي، عضو
// هيئة الدفاع»), forms of address left out.
func (d *discourse) speakerOf(e *entity) speakerOf {
	var out speakerOf
	if e == nil || e.unsure && e.function == "" {
		return out // better no name than half of one
	}
	name := e.function
	if name == "" {
		name = strings.Join(e.name, " ")
	}
	out.name = &name
	if e.function != "" {
		out.role = &name
		return out
	}
	if e.role != nil {
		var parts []string
		for _, appos := range []bool{false, true} {
			if s := d.titleText(e.role, appos); s != "" {
				parts = append(parts, s)
			}
		}
		if r := strings.Join(parts, "، "); r != "" {
			out.role = &r
		}
	}
	return out
}

// source is the narration where the article names e for the quotation of
// tokens [first, last]: the sentence of its nearest mention in the
// quotation's own sentence (the reporting clause), else of its last one
// before the quotation, else of its first one after; at most 24 words
// around the mention, never a quotation's words.
func (d *discourse) source(e *entity, first, last int) *align.Span {
	r := d.r
	lo, hi := d.sentenceStart(first), last
	for hi+1 < len(r.toks) && (r.narr[hi+1] || r.toks[hi+1].Quote >= 0) && r.gapBefore(hi+1) != gapStop {
		hi++
	}
	in, before, after := -1, -1, -1
	for _, a := range e.at {
		switch {
		case a < 0 || a >= len(r.toks) || !r.narr[a]:
		case a >= lo && a <= hi:
			if in < 0 || abs(a-first) < abs(in-first) {
				in = a
			}
		case a < first:
			before = max(before, a)
		case after < 0 || a < after:
			after = a
		}
	}
	p := in
	if p < 0 {
		p = before
	}
	if p < 0 {
		p = after
	}
	if p < 0 {
		return nil
	}
	s, t := p, p+1
	for s > 0 && p-s < 12 && r.narr[s-1] && r.gapBefore(s) != gapStop {
		s--
	}
	for t < len(r.toks) && t-p < 12 && r.narr[t] && r.gapBefore(t) != gapStop {
		t++
	}
	return &align.Span{CharStart: r.toks[s].Start, CharEnd: r.toks[t-1].End}
}

// readerGiven reports a given name a reader takes for one wherever it
// stands: the hand list's, not a broad list's that is also a common word
// or a family name («علوي», «مفتاح»).
func readerGiven(k string) bool {
	return givenNames[k] && !broadOnly(k)
}

// namePart reports whether a name of one word, k, names the person named
// keys: any word of it, but a given name only as their own given name or
// as their family name — «جاسم» is not «عبد الرحمن جاسم المؤيد», whose
// father is Jasim.
func namePart(k string, keys []string) bool {
	i := slices.Index(keys, k)
	return i >= 0 && (!readerGiven(k) || i == 0 || i == len(keys)-1)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// contiguous reports whether sub is a run of keys («ولد سيدي» in «محمد
// ولد سيدي»).
func contiguous(sub, keys []string) bool {
	for i := 0; i+len(sub) <= len(keys); i++ {
		if slices.Equal(keys[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// subset reports whether every key of sub is in keys.
func subset(sub, keys []string) bool {
	for _, s := range sub {
		if !slices.Contains(keys, s) {
			return false
		}
	}
	return true
}

// keySet is the set of the keys of the words.
var keySet = arabic.KeySet
