package quotecheck

import (
	"slices"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
)

// Speaker attribution reads the reporting clause of each quotation — «قال
// محمد الدخيسي، والي امن مراكش، …: “…”», «وأضاف الوزير:», «“…”، يقول والي
// الجهة» — and resolves titles, surnames and «المتحدث ذاته» to the fullest
// form of the person introduced earlier in the article.

// reportingVerbs are the verbs and participles that introduce speech (keys,
// without a leading و or ف).
var reportingVerbs = keySet("قال قالت يقول تقول أضاف أضافت يضيف تضيف مضيفا مضيفة أكد أكدت يؤكد تؤكد مؤكدا مؤكدة " +
	"أوضح أوضحت يوضح توضح موضحا موضحة تابع تابعت يتابع تتابع أشار أشارت يشير تشير مشيرا مشيرة صرح صرحت يصرح " +
	"اعتبر اعتبرت معتبرا معتبرة قائلا قائلة أعلن أعلنت شدد شددت مشددا مشددة لفت لفتت ذكر ذكرت استطرد استطردت " +
	"ختم ختمت اختتم اختتمت أبرز أبرزت مبرزا انتقد انتقدت منتقدا كشف كشفت نبه نبهت تساءل تساءلت متسائلا رد ردت " +
	"علق علقت أجاب أجابت حسب بحسب وفق وفقا يرى ترى رأى رأت أردف أردفت يردف تردف مردفا مردفة استرسل استرسلت " +
	"نوه نوهت أفاد أفادت يفيد تفيد حذر حذرت محذرا محذرة")

// speechNouns name the speech itself, not who speaks («وختم كلمته بالقول»,
// «حسب تعبيره», «على حد قول الوزير»): keys, with their prefixed forms and,
// in pronouns, the forms with a possessive pronoun, which point back to the
// person whose speech it is.
var speechNouns, speechPronouns = speechForms("كلمة حديث تصريح تصريحات مداخلة تدخل كلام قول تعبير رد جواب خطاب عرض")

func speechForms(words string) (bare, pronoun map[string]bool) {
	bare, pronoun = map[string]bool{}, map[string]bool{}
	for _, w := range strings.Fields(words) {
		k := arabic.Key(w)
		base := k
		if r, ok := strings.CutSuffix(k, "ه"); ok {
			base = r + "ت" // ta marbuta before a pronoun: «كلمته»
		}
		for _, pre := range []string{"", "و", "ب", "ل", "ف"} {
			for _, def := range []string{"", "ال"} {
				bare[pre+def+k] = true
			}
			for _, suf := range []string{"ه", "ها", "هم", "هما"} {
				pronoun[pre+base+suf] = true
			}
		}
		bare["لل"+k] = true
	}
	return bare, pronoun
}

// stopWords end the name or title after a reporting verb.
var stopWords = keySet("إن أن بأن ان خلال في أمام على عن من إلى الى صباح مساء يوم اليوم أمس حيث ضمن عبر بعد قبل " +
	"لدى أثناء حول إنه أنه لقد قد ما لا كما بين مع منذ وهو وهي هو هي الذي التي")

// titleHeads are words that name a function (keys, without ال, masculine).
var titleHeads = keySet("وزير والي رئيس مدير عامل عمدة كاتب ناطق متحدث مسؤول مصدر سفير امين نائب مستشار عضو " +
	"قائد خبير استاذ دكتور سيد عميد محافظ منسق مندوب قاضي وكيل ممثل باحث نقيب زعيم مفوض مراقب مفتش " +
	"مهندس محامي معالي سمو شيخ نائبة لواء عقيد سفيرة")

// anaphoric title heads, with ال, point back to the last speaker («المسؤول الحكومي»).
var anaphoric = keySet("متحدث مسؤول مصدر")

// givenNames start a person's name.
var givenNames = keySet("محمد أحمد عبد علي حسن حسين يوسف إبراهيم خالد سعيد رشيد عمر عثمان مصطفى كريم نبيل جمال " +
	"هشام عزيز عادل طارق سمير فؤاد مراد إدريس عبدالله المهدي ياسين أمين أنس حمزة نور فاطمة خديجة مريم سعاد " +
	"نادية نبيلة ليلى زينب أمينة حنان سناء سلمى هند وفاء لطيفة رجاء سميرة نعيمة إلهام كوثر نزهة أبو ابن بن " +
	"عبداللطيف عبدالرحيم عبدالإله عبدالكريم عبدالعزيز عبدالرحمن عبدالسلام مولاي إسماعيل سليمان منير نجيب " +
	"صلاح كمال توفيق زكريا أيوب بشرى حياة سهام لبنى شريف حنفي محمود مصطفى طه ياسر وليد هاني سامي رامي " +
	"نواف جوزاف جوزيف ميشال جان ماري إيمانويل نبيه وليد سعد فيصل سلطان راشد حمد منصور ناصر زايد " +
	"عبدالرزاق منى رانيا دينا آمنة أميرة سلوى ريم غادة جميلة")

// sameBefore and sameAfter make a title mean «the same speaker»: «نفس
// المتحدث», «المتحدث ذاته», «المستشارة نفسها».
var (
	sameBefore = keySet("نفس ذات")
	sameAfter  = keySet("ذاته ذاتها نفسه نفسها")
)

// keySet is the set of the keys of the words.
var keySet = arabic.KeySet

// person is someone the article names: a name, a title or both.
type person struct {
	name, title []string // tokens as printed
	// appos is where in title a title in apposition after the name starts
	// («محمد الدخيسي، والي امن مراكش»); 0 with none.
	appos int
	keys  []string // of name, without «ال», filled by resolve
	head  string   // of the title, filled by titleHead
	tkeys []string // of the title, without «ال», filled by titleKeys
	heads []string // the title heads in the title, filled by hasHead
}

// titleKeys are the keys of p's title without «ال», computed once.
func (p *person) titleKeys() []string { return bareKeys(p.title, &p.tkeys) }

// bareKeys are the keys of words without «ال», kept in *cache once made.
func bareKeys(words []string, cache *[]string) []string {
	if *cache == nil {
		*cache = make([]string, 0, len(words))
		for _, w := range words {
			*cache = append(*cache, strings.TrimPrefix(arabic.Key(w), "ال"))
		}
	}
	return *cache
}

// titleHead is the head of p's title («وزير»), "" without one.
func (p *person) titleHead() string {
	if p.head == "" && len(p.title) > 0 {
		p.head = head(arabic.Key(p.title[0]))
	}
	return p.head
}

// hasHead reports whether a word of p's title names function h
// («المستشار …، رئيس مجلس النواب» is a رئيس). The heads are computed once.
func (p *person) hasHead(h string) bool {
	if p.heads == nil {
		p.heads = make([]string, 0, len(p.title))
		for _, w := range p.title {
			if hd := head(arabic.Key(w)); hd != "" {
				p.heads = append(p.heads, hd)
			}
		}
	}
	return slices.Contains(p.heads, h)
}

// nameKeys are the keys of p's name without «ال», computed once.
func (p *person) nameKeys() []string { return bareKeys(p.name, &p.keys) }

// form is the fullest way to name p: the name, else the title.
func (p *person) form() string {
	if len(p.name) > 0 {
		return strings.Join(p.name, " ")
	}
	return strings.Join(p.title, " ")
}

// head returns the title head of a key («الوزيرة» → «وزير»), or "".
func head(key string) string {
	k := strings.TrimPrefix(key, "ال")
	if titleHeads[k] {
		return k
	}
	if k2 := strings.TrimSuffix(k, "ه"); titleHeads[k2] {
		return k2
	}
	return ""
}

// speakerOf is who said a quotation: the name as the article first names
// them in full, and their role; nil each when the article gives none.
type speakerOf struct{ name, role *string }

// attribute finds the speaker of each quotation of a.
func attribute(a *align.Article, runes []rune) []speakerOf {
	out := make([]speakerOf, len(a.Quotes))
	toks := make([]arabic.Token, len(a.Words))
	for i, w := range a.Words {
		toks[i] = w.Token
	}
	var people []*person
	var last *person              // speaker of the previous quotation
	mention := func(lo, hi int) { // register the people named in toks[lo:hi]
		for i := lo; i < hi; {
			p, n := readPerson(toks, runes, i, hi, false)
			if n == 0 {
				i++
				continue
			}
			if p != nil && (len(p.name) > 0 || len(p.title) > 0) {
				people = append(people, p)
			}
			i += n
		}
	}
	done := 0 // tokens registered
	for qi, q := range a.Quotes {
		// The tokens before the quotation (since the previous one) and after it.
		before := done
		for before < len(toks) && toks[before].End <= q.CharStart-1 {
			before++
		}
		mention(done, before)
		after := before
		for after < len(toks) && toks[after].Start < q.CharEnd {
			after++
		}
		lo := max(done, before-30)
		p := clauseAfter(toks, runes, after, q.CharEnd)
		if p == nil || p == &pronoun {
			// «”، حسب تعبيره» points back: to the subject of a clause
			// before the quotation, else to the last speaker.
			if b := clauseBefore(toks, runes, lo, before); b != nil {
				p = b
			}
		}
		var who *person
		switch {
		case p == nil && (before == 0 || fullStop(runes, toks[before-1].End, q.CharStart-1)):
			// A quotation that opens its sentence with no reporting clause
			// goes on with the speaker before it.
			who = last
		case p == nil:
		case p == &samePerson || p == &pronoun:
			who = last
		default:
			who = resolve(p, people, last)
		}
		if who != nil {
			s := who.form()
			out[qi].name = &s
			if r := role(who, people); r != "" {
				out[qi].role = &r
			}
			last = who
		}
		done = after
	}
	return out
}

// role is the function the article gives p: its title, else the title of
// another mention of the same name («محمد العلوي» … «العلوي، رئيس الجماعة»);
// "" when none.
func role(p *person, people []*person) string {
	if r := p.role(); r != "" || len(p.name) == 0 {
		return r
	}
	for _, q := range people {
		if len(q.name) > 0 && subset(q.nameKeys(), p.nameKeys()) {
			if r := q.role(); r != "" {
				return r
			}
		}
	}
	return ""
}

// role is p's title as a role: the honorifics around a title before a
// name left out («معالي», «الدكتورة», «المهندس»), a title in apposition
// after the name set off by a comma («المحامي، عضو هيئة الدفاع»).
func (p *person) role() string {
	before, after := p.title, []string(nil)
	if p.appos > 0 {
		before, after = p.title[:p.appos], p.title[p.appos:]
	}
	if len(p.name) > 0 {
		for len(before) > 0 && honorifics[arabic.Key(before[0])] {
			before = before[1:]
		}
		for len(before) > 0 && honorifics[arabic.Key(before[len(before)-1])] {
			before = before[:len(before)-1]
		}
	}
	var parts []string
	for _, x := range [][]string{before, after} {
		if len(x) > 0 {
			parts = append(parts, strings.Join(x, " "))
		}
	}
	return strings.Join(parts, "، ")
}

// honorifics are titles of address, not functions (keys).
var honorifics = keySet("معالي سمو سعادة فضيلة الدكتور الدكتورة المهندس المهندسة السيد السيدة الأستاذ الأستاذة الشيخ الحاج")

// samePerson marks «المتحدث ذاته» and a verb without a subject («وتابعت:»);
// pronoun marks a speech noun with a possessive pronoun («كلمته»,
// «تعبيره»). Both mean the last speaker unless a subject is found before.
var samePerson, pronoun person

// clauseBefore reads the reporting clause in toks[lo:hi] (before a quotation):
// the last reporting verb of the quotation's sentence and what follows it.
func clauseBefore(toks []arabic.Token, runes []rune, lo, hi int) *person {
	for i := hi - 1; i >= lo; i-- {
		if i+1 < hi && fullStop(runes, toks[i].End, toks[i+1].Start) {
			break // an earlier sentence's clause is not this quotation's
		}
		if !isVerb(toks[i].Key) {
			continue
		}
		p := subject(toks, runes, i+1, hi)
		if p != &samePerson && p != &pronoun {
			return p
		}
		// No subject after the verb: one before it, in its sentence
		// («أما رئيس الجمعية، عبد الرحيم بنموسى، فقال:»).
		s := i
		for s > lo && !fullStop(runes, toks[s-1].End, toks[s].Start) {
			s--
		}
		var found *person
		for k := s; k < i; {
			q, n := readPerson(toks, runes, k, i, false)
			if q != nil {
				found = q
			}
			k += max(n, 1)
		}
		if found != nil {
			return found
		}
		return p
	}
	return nil
}

// fullStop reports a sentence end between runes [from, to).
func fullStop(runes []rune, from, to int) bool {
	for r := from; r < to && r < len(runes); r++ {
		if strings.ContainsRune(".؟?!\n«»“”", runes[r]) {
			return true
		}
	}
	return false
}

// clauseAfter reads a reporting clause right after a quotation that ends at
// rune end: «”، يقول والي الجهة», «”، على حد تعبير الوزير»; &pronoun for
// «”، حسب تعبيره».
func clauseAfter(toks []arabic.Token, runes []rune, i, end int) *person {
	if i >= len(toks) || i+1 > len(toks) {
		return nil
	}
	// Only punctuation between the closing mark and the verb.
	for r := end; r < toks[i].Start && r < len(runes); r++ {
		if c := runes[r]; c == '.' || c == '\n' || c == '؟' || c == '?' || c == '!' {
			return nil
		}
	}
	if toks[i].Key == "علي" && i+2 < len(toks) && toks[i+1].Key == "حد" &&
		(speechNouns[toks[i+2].Key] || speechPronouns[toks[i+2].Key]) {
		i++ // «على حد قوله»: read from «حد», as from a verb
	} else if !isVerb(toks[i].Key) {
		return nil
	}
	hi := i + 1
	for hi < len(toks) && hi < i+8 && !sentenceBreak(runes, toks[hi-1].End, toks[hi].Start) {
		hi++
	}
	p := subject(toks, runes, i+1, hi)
	if p == &samePerson {
		return nil // «”، وأضاف» starts the next clause
	}
	return p
}

func isVerb(k string) bool {
	if reportingVerbs[k] {
		return true
	}
	for _, p := range []string{"و", "ف", "ل", "ول", "ثم"} {
		if r, ok := strings.CutPrefix(k, p); ok && reportingVerbs[r] {
			return true
		}
	}
	return false
}

// subject reads who speaks in toks[lo:hi], after a reporting verb.
func subject(toks []arabic.Token, runes []rune, lo, hi int) *person {
	var phrase []string
	for i := lo; i < hi; i++ {
		phrase = append(phrase, toks[i].Key)
	}
	// «نفس المتحدث», «المتحدث ذاته», «المستشارة ذاتها», «ذات المصدر».
	if len(phrase) >= 2 && (sameBefore[phrase[0]] || sameAfter[phrase[1]]) {
		return &samePerson
	}
	// «كلمته بالقول», «حسب تعبيره»: the speech of someone named before.
	if len(phrase) >= 1 && speechPronouns[phrase[0]] {
		return &pronoun
	}
	// «على حد تعبير الوزير», «بالقول»: who follows the speech noun.
	for lo < hi && speechNouns[toks[lo].Key] {
		lo++
	}
	p, _ := readPerson(toks, runes, lo, hi, true)
	if p == nil {
		return &samePerson
	}
	return p
}

// readPerson reads a title and a name starting at toks[i] (before hi): «والي
// امن مراكش» «محمد الدخيسي، والي امن مراكش» «وزيرة الصحة نبيلة الرميلي»
// «الدخيسي» — the last, a bare word taken for a surname, only with bare
// (right after a reporting verb; resolve keeps it only when it is the
// surname of someone named before). It returns nil and the tokens read when
// there is none.
func readPerson(toks []arabic.Token, runes []rune, i, hi int, bare bool) (*person, int) {
	p := &person{}
	j := i
	inTitle := false
	for j < hi && j-i < maxTitle+3 {
		k := toks[j].Key
		if stopWords[k] || isVerb(k) || speechNouns[k] || speechPronouns[k] {
			break
		}
		switch {
		case givenNames[k] || givenNames[strings.TrimPrefix(k, "و")] && j == i:
			n := j
			for n < hi && n-j < maxName && (n == j || !stopWords[toks[n].Key] && head(toks[n].Key) == "" && !isVerb(toks[n].Key) && !conjunct(toks[n].Key)) {
				p.name = append(p.name, toks[n].Text)
				n++
				if n < hi && sentenceBreak(runes, toks[n-1].End, toks[n].Start) {
					break
				}
			}
			j = n
			// An apposition: «محمد الدخيسي، والي امن مراكش،».
			if j < hi && len(p.title) <= 1 && head(toks[j].Key) != "" && comma(runes, toks[j-1].End, toks[j].Start) {
				p.appos = len(p.title)
				for j < hi && len(p.title) < maxTitle && !stopWords[toks[j].Key] {
					p.title = append(p.title, toks[j].Text)
					j++
					if j < hi && sentenceBreak(runes, toks[j-1].End, toks[j].Start) {
						break
					}
				}
			}
			return p, j - i
		case head(k) != "" || inTitle && len(p.title) < maxTitle && !verbLike(k):
			inTitle = true
			p.title = append(p.title, toks[j].Text)
		case j == i && bare:
			// A bare word after the verb: a surname («وأضاف الدخيسي»).
			p.name = append(p.name, toks[j].Text)
			j++
			return p, j - i
		default:
			if len(p.title) == 0 {
				return nil, max(j-i, 1)
			}
			return p, j - i
		}
		j++
		if j < hi && sentenceBreak(runes, toks[j-1].End, toks[j].Start) {
			break
		}
	}
	if len(p.title) == 0 && len(p.name) == 0 {
		return nil, j - i
	}
	// A name in apposition after the title: «نائب العمدة، يوسف البقالي،».
	if len(p.title) > 0 && j < hi && comma(runes, toks[j-1].End, toks[j].Start) && givenNames[toks[j].Key] {
		for n := j; n < hi && n-j < 3 && !stopWords[toks[n].Key] && !isVerb(toks[n].Key); n++ {
			p.name = append(p.name, toks[n].Text)
			if n+1 < hi && sentenceBreak(runes, toks[n].End, toks[n+1].Start) {
				break
			}
		}
		j += len(p.name)
	}
	return p, j - i
}

// maxName is the most words of a name («عبدالله بن طوق المري»).
const maxName = 4

// conjunct reports a word joined by «و» that is no given name: it ends a
// name («بحضور ياسين المنصوري وممثلي السلطات»).
func conjunct(k string) bool {
	return strings.HasPrefix(k, "و") && !givenNames[k] && len([]rune(k)) > 2
}

// maxTitle is the most words of a title («والي جهة الرباط سلا القنيطرة»).
const maxTitle = 6

// verbLike reports a word that looks like a verb in the present tense
// («تعلن» «يعرض»): it ends a title.
func verbLike(k string) bool {
	return len([]rune(k)) >= 4 && (strings.HasPrefix(k, "ي") || strings.HasPrefix(k, "ت")) || isVerb(k)
}

// sentenceBreak reports punctuation between runes [from, to) that ends a
// name or title: , : . ؛ ( and quotation marks.
func sentenceBreak(runes []rune, from, to int) bool {
	for r := from; r < to && r < len(runes); r++ {
		if strings.ContainsRune("،,:.؛;()«»“”\"\n؟?!–—-", runes[r]) {
			return true
		}
	}
	return false
}

func comma(runes []rune, from, to int) bool {
	for r := from; r < to && r < len(runes); r++ {
		if runes[r] == '،' || runes[r] == ',' {
			return true
		}
	}
	return false
}

// resolve finds the person p refers to among the people named before, most
// recent first: the same surname, or the same title head; an anaphoric
// title («المسؤول الحكومي») is the last speaker. An unknown name is new;
// an unknown title is named by its title, and a bare indefinite one («مصدر»)
// names nobody.
func resolve(p *person, people []*person, last *person) *person {
	if len(p.name) > 0 {
		var best *person
		want := p.nameKeys()
		for _, q := range people {
			if len(q.name) >= len(p.name) && subset(want, q.nameKeys()) && (best == nil || len(q.name) > len(best.name)) {
				best = q
			}
		}
		if best != nil {
			return best
		}
		if !givenNames[arabic.Key(p.name[0])] {
			return nil // a bare word after the verb that names no one named before
		}
		return p
	}
	h := head(arabic.Key(p.title[0]))
	definite := strings.HasPrefix(arabic.Key(p.title[0]), "ال")
	if anaphoric[h] && definite && last != nil {
		return last
	}
	// A title with a surname («المحامي الكيلاني», «الوزير بن صالحة»): the
	// person of that name, the nearest one named before.
	if tk := p.titleKeys(); len(tk) > 1 {
		for k := len(people) - 1; k >= 0; k-- {
			q := people[k]
			if nk := q.nameKeys(); len(nk) > 1 && slices.Contains(tk[1:], nk[len(nk)-1]) {
				return q
			}
		}
	}
	// The most recent person with the same title head, preferring one whose
	// title holds every word of p's.
	var best *person
	for k := len(people) - 1; k >= 0; k-- {
		q := people[k]
		if !q.hasHead(h) || len(q.name) == 0 && len(q.title) == len(p.title) && subset(p.titleKeys(), q.titleKeys()) {
			continue // the clause's own mention is no antecedent
		}
		if subset(p.titleKeys(), q.titleKeys()) {
			best = q
			break
		}
		if best == nil {
			best = q
		}
	}
	if best != nil && len(best.name) == 0 {
		// The fullest title of that function, or a name given it since.
		for _, q := range people {
			if len(q.title) > 0 && subset(best.titleKeys(), q.titleKeys()) && (len(q.name) > 0 || len(q.title) > len(best.title)) {
				best = q
			}
		}
	}
	switch {
	case best != nil:
		return best
	case anaphoric[h]:
		return nil
	}
	return p
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
