package quotecheck

import (
	"strings"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// The closed word classes the speaker model reads a reporting clause with.
// Open classes — names above all — are told by the lexicon (see names.go):
// these lists hold only what a lexicon cannot say (that «قال» introduces
// speech, that «وزير» names a function, that «معالي» is a form of address).
// Every list is of keys (arabic.Key), so spelling variants of hamza, ى/ي and
// ة/ه match.

// speechVerbs are the verbs that introduce speech or a speech act, by key:
// perfect, imperfect and active participle of each, masculine; the
// feminine forms are derived (verbForms). A verb with «و», «ف» or «ل»
// before it is the same verb (isSpeechVerb).
var speechVerbs = withObjects(withRecall(withAbbar(verbForms([][3]string{
	{"قال", "يقول", "قائلا"}, {"أضاف", "يضيف", "مضيفا"}, {"أكد", "يؤكد", "مؤكدا"},
	{"أوضح", "يوضح", "موضحا"}, {"تابع", "يتابع", "متابعا"}, {"أشار", "يشير", "مشيرا"},
	{"صرح", "يصرح", "مصرحا"}, {"اعتبر", "يعتبر", "معتبرا"}, {"أعلن", "يعلن", "معلنا"},
	{"شدد", "يشدد", "مشددا"}, {"لفت", "يلفت", "لافتا"}, {"ذكر", "يذكر", "مذكرا"},
	{"استطرد", "يستطرد", "مستطردا"}, {"ختم", "يختم", "خاتما"}, {"اختتم", "يختتم", "مختتما"},
	{"أبرز", "يبرز", "مبرزا"}, {"انتقد", "ينتقد", "منتقدا"}, {"كشف", "يكشف", "كاشفا"},
	{"نبه", "ينبه", "منبها"}, {"تساءل", "يتساءل", "متسائلا"}, {"رد", "يرد", "رادا"},
	{"علق", "يعلق", "معلقا"}, {"أجاب", "يجيب", "مجيبا"}, {"رأى", "يرى", ""},
	{"أردف", "يردف", "مردفا"}, {"استرسل", "يسترسل", "مسترسلا"}, {"نوه", "ينوه", "منوها"},
	{"أفاد", "يفيد", "مفيدا"}, {"حذر", "يحذر", "محذرا"}, {"بين", "يبين", "مبينا"},
	{"عقب", "يعقب", "معقبا"}, {"طالب", "يطالب", "مطالبا"}, {"دعا", "يدعو", "داعيا"},
	{"حث", "يحث", "حاثا"}, {"ناشد", "يناشد", "مناشدا"}, {"نفى", "ينفي", "نافيا"},
	{"أقر", "يقر", "مقرا"}, {"اعترف", "يعترف", "معترفا"}, {"سأل", "يسأل", "سائلا"},
	{"خاطب", "يخاطب", "مخاطبا"}, {"أعرب", "يعرب", "معربا"}, {"وصف", "يصف", "واصفا"},
	{"استدرك", "يستدرك", "مستدركا"}, {"زاد", "يزيد", ""}, {"أمر", "يأمر", ""}, // (no participle: «آمرة» is keyed as «أمره», «his matter» — «حسم أمره:»)
	{"رحب", "يرحب", "مرحبا"}, {"ترافع", "يترافع", "مترافعا"}, {"استعرض", "يستعرض", "مستعرضا"},
	{"أجمل", "يجمل", "مجملا"}, {"اقترح", "يقترح", "مقترحا"}, {"تحدث", "يتحدث", ""},
	{"أوصى", "يوصي", "موصيا"}, {"جدد", "يجدد", "مجددا"}, {"لخص", "يلخص", "ملخصا"},
	{"استهل", "يستهل", "مستهلا"}, {"افتتح", "يفتتح", "مفتتحا"}, {"روى", "يروي", "راويا"},
	{"شرح", "يشرح", "شارحا"}, {"واصل", "يواصل", "مواصلا"}, {"أشاد", "يشيد", "مشيدا"},
	{"تعهد", "يتعهد", "متعهدا"}, {"توقع", "يتوقع", "متوقعا"}, {"حكى", "يحكي", "حاكيا"},
	{"أفصح", "يفصح", "مفصحا"}, {"اشتكى", "يشتكي", "مشتكيا"}, {"ألمح", "يلمح", "ملمحا"},
	{"رجح", "يرجح", "مرجحا"}, {"استنكر", "يستنكر", "مستنكرا"}, {"استغرب", "يستغرب", "مستغربا"},
	{"ردد", "يردد", "مرددا"},
	// «يعد» is also «يُعدّ» (is deemed) and «واعدا» an adjective
	// («مستقبلا واعدا»): «وعد» has its perfect only.
	{"كتب", "يكتب", ""},
	{"وعد", "", ""},
}))))

// withObjects adds the perfects that carry the pronoun of the one spoken
// to or of the words themselves — «فأجابه المقبالي», «وسألها فؤاد»,
// «قالها يوسف بلعيد» — to the speech verbs m: their subject still
// follows them.
func withObjects(m map[string]verbForm) map[string]verbForm {
	for _, v := range []string{"قال", "أجاب", "سأل", "خاطب"} {
		for _, suf := range []string{"ه", "ها"} {
			m[arabic.Key(v+suf)] = verbForm{object: true}
			m[arabic.Key(v+"ت"+suf)] = verbForm{fem: true, object: true}
		}
	}
	return m
}

// withRecall adds «يتذكر» (recalls) to the speech verbs m, in its
// imperfect and participle: its perfect «تذكر» is «ذكر»'s feminine.
func withRecall(m map[string]verbForm) map[string]verbForm {
	m[arabic.Key("يتذكر")] = verbForm{}
	m[arabic.Key("تتذكر")] = verbForm{fem: true}
	m[arabic.Key("متذكرا")] = verbForm{participle: true}
	m[arabic.Key("متذكرة")] = verbForm{fem: true, participle: true}
	return m
}

// verbAbbar is the reader's key of «عبّر» (expressed) written with its
// shadda: without it the word is the preposition «عبر» (newDiscourse).
var verbAbbar = arabic.Key("عبر") + "ّ"

// withAbbar adds «عبّر» to the speech verbs m: its perfect as written with
// the shadda, and the forms no preposition shares («عبرت», «يعبر»).
func withAbbar(m map[string]verbForm) map[string]verbForm {
	m[verbAbbar] = verbForm{}
	m[arabic.Key("عبرت")] = verbForm{fem: true}
	m[arabic.Key("يعبر")] = verbForm{}
	m[arabic.Key("تعبر")] = verbForm{fem: true}
	return m
}

// verbForm is what a speech verb's form says of its subject.
type verbForm struct {
	fem        bool // «قالت», «تقول», «قائلة»
	participle bool // «قائلا», «مخاطبا»: its subject is its clause's
	object     bool // «أجابه», «قالها»: a speech verb only with its subject right after it
}

// verbForms derives the feminine forms: the perfect with «ت» (a final
// weak letter replaced: «دعا» → «دعت»), the imperfect with «ت» for «ي»,
// the participle with «ة» for the accusative «ا».
func verbForms(triples [][3]string) map[string]verbForm {
	m := map[string]verbForm{}
	for _, t := range triples {
		perf, impf, part := arabic.Key(t[0]), arabic.Key(t[1]), arabic.Key(t[2])
		m[perf] = verbForm{}
		if impf != "" {
			m[impf] = verbForm{}
		}
		stem := perf
		if s, ok := strings.CutSuffix(perf, "ا"); ok {
			stem = s
		} else if s, ok := strings.CutSuffix(perf, "ي"); ok {
			stem = s
		}
		m[stem+"ت"] = verbForm{fem: true}
		if r, ok := strings.CutPrefix(impf, "ي"); ok && r != "" {
			m["ت"+r] = verbForm{fem: true}
		}
		if part != "" {
			m[part] = verbForm{participle: true}
			m[strings.TrimSuffix(part, "ا")+"ه"] = verbForm{fem: true, participle: true}
		}
	}
	return m
}

// isSpeechVerb reports whether key is a speech verb, with «و», «ف», «ل»
// or «ول» before it («وقالت», «فأشار», «ليؤكد»), and its form.
func isSpeechVerb(key string) (verbForm, bool) {
	f, ok := speechVerbForms[key]
	return f, ok
}

// speechVerbForms are speechVerbs with and without the conjunctions and
// «ل» a verb takes, so that a word is looked up once.
var speechVerbForms = func() map[string]verbForm {
	m := map[string]verbForm{}
	for k, f := range speechVerbs {
		for _, p := range []string{"", "و", "ف", "ل", "ول", "فل"} {
			if strings.Contains(p, "ل") && f.participle {
				continue // «لمتابعة»: «for following up», a noun, not «ليتابع»
			}
			if _, taken := m[p+k]; !taken || p == "" {
				m[p+k] = f
			}
		}
	}
	return m
}()

// titleHeads are the nouns that name a function, masculine and without
// «ال»; «وزيرة», «الوزير», «الوزيرة» have the head «وزير» (headOf).
var titleHeads = withKeys(headSheikh)("قائممقام قائمقام وزير رئيس مدير نائب مستشار محافظ قاضي محامي مدرب ناطق متحدث والي عامل عمدة كاتب " +
	"مسؤول سفير أمين عضو قائد خبير أستاذ عميد منسق مندوب وكيل ممثل باحث نقيب زعيم مفوض مراقب مفتش " +
	"مدع مدعي قنصل سكرتير مقرر مستعرب طبيب لاعب مهاجم مدافع حارس صحفي مراسل محلل مفتي إمام أسقف " +
	"مطران بطريرك رئيسة ملك أمير وكيلة نظير مرشح محاضر مشرف مؤسس متهم ناشط مخرج منتج مدرس معلم مسعف مساعد راعي مبعوث حاكم آمر ولي استشاري سيناتور شريك ناظر ميسر مذيع " +
	"مختار") // («مختار»: a village's or a quarter's headman, and a given name — headAsName)

// anaphoricHeads name whoever speaks («المسؤول», «المتحدث»): with no
// complement of their own they refer back to the person speaking, whatever
// their function.
var anaphoricHeads = keySet("مسؤول متحدث")

// honorifics are forms of address, not functions, and no part of a name
// («معالي», «الدكتور», «اللواء»): canonical keys, masculine, without «ال».
// A few are also functions («المستشار» of a judge, «الأستاذ في جامعة»):
// before a name they are honorifics (readMention).
var honorifics = func() map[string]string {
	m := map[string]string{}
	// («مولانا»: Sudan's address for judges and legal officials, and for
	// scholars.)
	for _, w := range strings.Fields("معالي سعادة فضيلة سمو سماحة دولة نيافة غبطة جلالة فخامة سيادة صاحب الفاضل الفاضلة مولانا") {
		m[arabic.Key(w)] = arabic.Key(w)
	}
	for _, w := range strings.Fields("دكتور مهندس أستاذ لواء عقيد عميد فريق مقدم رائد ملازم مستشار شيخ سيد حاج أب جنرال مشير نقيب بروفسور بروفيسور " +
		"أمير سفير قس مطران بطريرك مونسنيور أرشمندريت كاردينال قمص أنبا شماس ريس كابتن شيف") { // («الكابتن»: a pilot, a ship's master, a coach; «الشيف»: a chef)
		k := arabic.Key(w)
		m["ال"+k] = k
		m["ال"+k+"ه"] = k
	}
	m[arabic.Key("د.")] = arabic.Key("دكتور")
	m[arabic.Key("ذ.")] = arabic.Key("أستاذ")  // Morocco's «ذ. فلان», a lawyer or a teacher
	m[arabic.Key("السمو")] = arabic.Key("سمو") // «صاحب السمو الملكي الأمير …», then «سموه»
	for _, w := range strings.Fields("عمي خالي عمتي خالتي") {
		m[arabic.Key(w)] = arabic.Key(w) // «يقول عمي الطاهر»: an elder addressed as an uncle, an aunt
	}
	return m
}()

// pronounHonorifics are the honorifics with a pronoun of the person
// addressed («وقال معاليه», «وأضاف سموه»): they refer to the person the
// article gave that honorific.
var pronounHonorifics = func() map[string]string {
	m := map[string]string{}
	for _, w := range strings.Fields("معالي سمو فضيلة سعادة سماحة جلالة فخامة سيادة دولة نيافة غبطة") {
		k := arabic.Key(w)
		base := strings.TrimSuffix(k, "ه")
		if base != k {
			base += "ت" // «فضيلة» → «فضيلته»
		}
		m[base+"ه"] = k
		m[base+"ها"] = k
	}
	return m
}()

// sourceNouns name where a report comes from, never a person who speaks:
// «بحسب ما نقلته وكالة الأنباء», «وقال مصدر».
var sourceNouns = keySet("وكالة صحيفة قناة موقع مصدر مصادر بيان تقرير إذاعة تلفزيون جريدة مجلة بلاغ")

// statementNouns are the sourceNouns a body issues in its own name
// (bodyStatement: «وفي بيان نشرته الجامعة»).
var statementNouns = keySet("بيان بلاغ")

// speechNouns name the speech itself («وختم كلمته بالقول», «على حد
// تعبير الوزير»); with a possessive pronoun they point back to the person
// whose speech it is (speechPronouns).
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

// stopWords are the function words that end a name or a title:
// prepositions, complementizers, pronouns, relatives, negations, and the
// words of time a clause puts after its subject («قال الوزير اليوم»).
var stopWords = withKeys(prepAmam)("إن أن بأن ان لأن خلال في فى أمام على علي عن من إلى الى حتى لدى أثناء حول ضمن عبر بعد قبل " +
	"عند ضد دون بدون مع منذ بين حيث إنه أنه لقد قد ما لا لم لن كما وهو وهي هو هي هم الذي التي الذين اللذين " +
	"اليوم أمس غدا صباح مساء ظهر ليلة يوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت أيضا كذلك " +
	"ثم بل لكن إذ إذا كل بعض عدد نحو هذا هذه ذلك تلك هؤلاء أولئك هنا هناك فقد فإن فإنه فإنها فهو فهي فقط ردا آنذاك حينها حينذاك وقتها إضافة " +
	// the months, as the Levant and Iraq, Egypt and the Gulf, and the
	// Maghreb write them, and the nouns of a time that opens on one
	// («عادت رنا مطلع شباط الماضي»; not «تشرين», a dam, a university and a
	// newspaper too)
	"كانون شباط آذار نيسان أيار حزيران تموز أيلول يناير فبراير مارس أبريل إبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر " +
	"جانفي فيفري أفريل جوان جويلية أوت مطلع منتصف أواخر أوائل")

// placePrefixes start the names of Levantine and Iraqi towns and villages
// whose second word may be a given name («كفر قاسم», «دير حنا», «بيت
// لحم», «عين إبراهيم», «تل عفر»): after one, the word is the place's.
var placePrefixes = keySet("كفر دير بيت عين تل")

// broadOnly reports a given name only a broad list holds, which is also a
// common word or a family name («علوي», «مفتاح»): it goes on a name and
// starts one where something announces it, nowhere else.
func broadOnly(k string) bool {
	return (fakerNames[k] || commonWordNames[k] || commonWordWomen[k] || dinNames[k]) && !moreGivenNames[k] && !handNames[k]
}

// motionVerbs are the perfects a live page puts right after a function
// («وزير الداخلية عاد إلى الشاشة», «الوزيرة عادت إلى المنصة», «مشادة …
// جرت على النحو التالي»): verbs, never a name — what the lexicon tells,
// known without it.
var motionVerbs = keySet("عاد عادت جرت جرى خرج خرجت وصل وصلت غادر غادرت دخل دخلت ظهر ظهرت أطل أطلت")

// eponymNouns name institutions and places after a person («جامعة محمد
// الخامس», «مسجد عمر بن الخطاب», «نجمة داود»): a name right after one is
// the eponym's, no one who speaks. A closed set of the nouns news writes so.
var eponymNouns = keySet("جامعة مدرسة ثانوية إعدادية مستشفى مسجد جامع شارع ساحة مطار ميناء ملعب استاد قاعة منتدى " +
	"مركز مؤسسة نجمة حي كلية معهد جائزة مسرح سوق دار قصر بوابة مدينة مخيم قرية ضاحية جسر نفق مجمع منصة " +
	// «مار»: a saint of the Eastern churches, whose name a church, a street or a stair bears («درج مار نقولا»)
	"مار")

// agentNames are given names that are also agent nouns heading a
// construct («رائدة الأعمال», «قائد الفريق», «حارس المرمى», «حامل
// اللقب»): before a definite genitive and a name they are its function.
var agentNames = keySet("رائد رائدة قائد قائدة حارس حارسة حامل حاملة")

// kinPossessed are the kinship nouns with a pronoun («أبيه», «زوجته»): the
// genitive of the noun before them («وصية أبيه»), never a name's part.
var kinPossessed = keySet("أبيه أمه أخيه أخته ابنه ابنته زوجته زوجها جده جدته والده والدته أبيها أمها أخيها " +
	"زميله زميلها زميلته زميلتها شقيقه شقيقها شقيقته شقيقتها")

// prepositions, before a noun, make it no subject («بحضور وزير الصحة»
// is not who speaks); nouns with «ب» or «ل» before them are read alike.
var prepositions = withKeys(prepAmam)("في فى على علي عن من إلى الى مع لدى أمام حول عند ضد بين دون بدون منذ عبر خلال بعد قبل")

// sameBefore and sameAfter make a title mean «the same speaker»: «نفس
// المتحدث», «المتحدث ذاته», «المستشارة نفسها».
var (
	sameBefore = keySet("نفس ذات")
	sameAfter  = keySet("ذاته ذاتها نفسه نفسها")
)

// presiding words give the person after them the chair of the sitting
// («برئاسة المستشار …», «ترأسها نائب رئيس المجلس …»).
var presiding = keySet("برئاسة ترأس ترأسها ترأسه يترأس تترأس وترأس وترأسها ترأسته")

// sittings are what a chair presides; «رئيس الجلسة», «رئيس المحكمة» and
// «القاضي» are whoever presided (fitsTitle).
var sittings = keySet("جلسة محكمة هيئة دائرة اجتماع")

// councils are the assemblies a function is held in, after «بـ» and
// before the assembly's name («رئيس لجنة الشؤون المالية بمجلس النواب»,
// «عضو لجنة … بمجلس الشورى»): part of the function, not its end.
var councils = keySet("مجلس برلمان")

// placeNouns name a place without naming it («عمدة المدينة», «والي
// الجهة»): in a title they fit any named place («عمدة طنجة»).
var placeNouns = keySet("مدينة جهة إقليم ولاية محافظة بلاد دولة مملكة جمهورية منطقة بلدية جماعة عاصمة " +
	// the towns and districts of the Levant, Sudan, Iraq, Yemen and Mauritania
	"بلدة محلية ناحية قضاء مديرية مقاطعة")

// compass are the points of the compass, which set a place's position
// off after it («، جنوب ولاية تبسة،»), never a name.
var compass = keySet("شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي")

// titleAdjectives qualify a function and stay in its title («المدير
// العام», «عضو المجلس الأعلى»); nisba adjectives («الوطنية») do too.
var titleAdjectives = keySet("العام العامة الأعلى الأول الأولى الثاني الثانية السابق السابقة الأسبق المساعد " +
	"المساعدة المنتدب المنتدبة المكلف المكلفة الجديد الجديدة المؤقت المؤقتة الدائم الدائمة المناوب " +
	"المشارك المشاركة الزائر الزائرة المتفرغ المتفرغة الفخري الفخرية الحالي الحالية المنتهية الأوسط الأدنى الأقصى " +
	"المؤسس " + // («المدير المؤسس»: the founding director)
	"المتحدة") // («ممثلة بعثة الأمم المتحدة»: the adjective of a state's or an organisation's name)

// nameParticles join the parts of a name and always take the word after
// them: «بن», «أبو», «آل», «عبد», «آيت».
var nameParticles = keySet("بن ابن بنت ولد منت ولت أبو أبي أبا أم آل آيت أيت عبد")

// patronyms join a person's own name to their father's («بن», «ولد»,
// «بنت», «منت»): a name never starts with one, a given name goes before.
var patronyms = keySet("بن ابن بنت ولد منت ولت")

// belNames are the Maghreb's family names «بل» + a name, written with the
// article («محمود عبد السلام بالحاج», Belhaj; «بالقاسم», Belkacem), which
// a word's shape would read as «ب» and «ال» on a noun: a closed set, in
// both spellings («بلحاج», «زينب بلحاج قاسم»).
var belNames = keySet("بالحاج بالقاسم بالعيد بالخير بالطيب بالحسن بالعربي بالشيخ بالهادي بالناصر بالأمين بالحبيب " +
	"بلحاج بلقاسم بلعيد بلخير بلطيب بلحسن بلعربي بلشيخ بلهادي بلناصر بلأمين بلحبيب بلعباس")

// namePrefixes start a compound given name before a given name («سيد
// أحمد», «سيدي محمد»); elsewhere they are common words («سيد الموقف»).
var namePrefixes = keySet("سيد سيدي")

// nameCompounds end a compound name («نور الدين», «عبد الله», «عوض الكريم»,
// Sudan's «حسب الرسول», Iraq's «عبد النبي», the Maghreb's and Sudan's
// «أبو بكر الصديق», «محمد الصديق»).
var nameCompounds = keySet("الدين الله الإسلام الرحمن الرحيم الكريم العينين الرسول النبي الصديق")

// handNames are the given names of the hand list below, which start a
// mention even when a broader list (fakerNames) has them too («إبراهيم»).
var handNames = map[string]bool{}

// givenNames start a person's name: common Arabic given names, with the
// foreign ones Arabic news spells often; most are also common words
// («سعيد», «أمين», «منصور»), which is why a list, not the lexicon, tells
// them. femaleNames are those of women (a feminine verb's subject).
var givenNames, femaleNames = func() (all, fem map[string]bool) {
	male := "محمد أحمد محمود مصطفى علي عمر عثمان حسن حسين يوسف إبراهيم إسماعيل إسحاق يعقوب موسى عيسى سليمان داود " +
		"خالد سعيد سعد سعود رشيد كريم نبيل جمال هشام عزيز عادل طارق سمير فؤاد مراد إدريس عبدالله المهدي مهدي " +
		"ياسين أمين أنس حمزة منير نجيب صلاح كمال توفيق زكريا أيوب شريف حنفي طه ياسر وليد هاني سامي رامي " +
		"نواف فيصل سلطان راشد حمد منصور ناصر زايد حمدان ماجد سالم جاسم فهد بدر عبيد خليفة مبارك ثامر تركي " +
		"عصام أيمن حسام سامح ممدوح شادي تامر باسل باسم بسام غسان وائل زياد رياض نزار نضال عماد حيدر ضياء " +
		"قاسم هادي مازن مهند معتز مؤمن لؤي أنور عاطف عاصم أشرف أسامة حازم حاتم حافظ حامد حميد جميل جلال " +
		"رضا رضوان رفيق رؤوف سليم شوقي صابر صالح صادق صفوت طلال عاطف عدنان عارف علاء فادي فاروق " +
		"فريد فتحي قيس كامل لطفي ماهر مجدي مختار مدحت مروان معاذ منذر نادر ناجي نبهان نعمان هيثم وجدي " +
		"ياسر يحيى يونس إلياس الياس أكرم أنيس بشير بلال ثابت جعفر جابر جواد حبيب حكيم خليل خير رائد " +
		"رمزي سامر سفيان سهيل شاكر شكري صبري عبدو عثمان عزالدين غازي فرج فوزي كمال لحسن مولاي " +
		"عبدالرحمن عبدالعزيز عبدالرحيم عبداللطيف عبدالإله عبدالكريم عبدالسلام عبدالرزاق عبدالقادر عبدالمجيد " +
		"عبدالحميد عبدالحكيم عبدالوهاب عبدالغني عبدالفتاح عبدالمالك عبدالناصر عبدالحق " +
		"الطيب الأمين الهادي الحبيب العربي الصادق الطاهر المختار المنصف البشير الحسين الحسن الشاذلي " +
		"جوزاف جوزيف ميشال ميشيل جان جورج بيار بيير إيمانويل نبيه طوني أنطوان إيلي شربل نجيب " +
		"بطرس ميخائيل حنا جبران إميل فرانسوا دونالد جو أنطونيو كارلوس ماريو أندريه فلاديمير"
	female := "فاطمة خديجة مريم سعاد نادية نبيلة ليلى زينب أمينة حنان سناء سلمى هند وفاء لطيفة رجاء سميرة " +
		"نعيمة إلهام كوثر نزهة بشرى حياة سهام لبنى منى رانيا دينا آمنة أميرة سلوى ريم غادة جميلة آمال أمل " +
		"نسيمة سميرة كريمة حليمة رشيدة سعيدة فريدة نجاة نجوى هدى هالة عبير رحاب سارة سوسن ياسمين لمياء " +
		"دعاء إيمان أسماء شيماء مها نهى نوال نور نوال عائشة جميلة حورية زهرة فتيحة مليكة ربيعة خولة " +
		"رغدة ريما رنا لينا ديما جمانة سهى ميساء منال نسرين هبة عفاف ابتسام إنصاف صفاء ماري ماريا"
	all, fem = keySet(male), keySet(female)
	for k := range all {
		handNames[k] = true
	}
	for k := range fem {
		handNames[k] = true
	}
	addMoreNames(all, fem)
	delete(all, keyAli)
	all[nameAli] = true // the name «علي», not the preposition (newDiscourse)
	for k := range fem {
		all[k] = true
	}
	return all, fem
}()

// withKeys is keySet with the reader's own keys added (prepAmam,
// headSheikh: keys arabic.Key never makes, as they hold a shadda).
func withKeys(own ...string) func(string) map[string]bool {
	return func(words string) map[string]bool {
		m := keySet(words)
		for _, k := range own {
			m[k] = true
		}
		return m
	}
}

// mentionStarts are the keys a mention can start with, in every form a
// reader meets them: functions (with «ال», «ة», a plural, «و»), forms of
// address and their pronouns, «نفس», «نظيره», given names and particles.
var mentionStarts = func() map[string]bool {
	m := map[string]bool{}
	add := func(k string) { m[k], m["و"+k] = true, true }
	for h := range titleHeads {
		for _, def := range []string{"", "ال", "بال", "لل"} {
			for _, suf := range []string{"", "ه", "ها", "ان", "ين", "ون", "تان", "تين", "ات", "هان", "هين"} {
				add(def + h + suf)
			}
		}
	}
	for k := range deceased {
		add(k)
	}
	for k := range ordinals {
		add(k)
	}
	for _, w := range []string{"نظيره", "نظيرها", "نظيرته", "نظيرتها"} {
		add(arabic.Key(w))
	}
	for _, set := range []map[string]bool{givenNames, nameParticles, sameBefore, namePrefixes} {
		for k := range set {
			if !broadOnly(k) {
				add(k) // a broad list's name that is also a common word starts nothing (fakerNames)
			}
		}
	}
	for k := range honorifics {
		add(k)
	}
	for k := range pronounHonorifics {
		add(k)
	}
	m[keyWad] = true  // «ود الفكي», a family name that Sudan's «son of» starts (nameStart)
	m[keyBani] = true // «بني هاني», as the article prints it after a given name (nameStart)
	return m
}()

// verbNames are foreign given names spelt like a speech verb that start a
// name of two words or more as nothing else does («روي فيغيريدو»: Rui, not
// «روى»), after a function or right after the speech verb whose subject
// they are («قال روي ماريو كوستا»); «يزيد» stays unsure («يزيد» also
// increases). «تامر» is Egypt's Tamer, the key of «تأمر» (she orders).
var verbNames = keySet("روي تامر")

// deceased are the words that stand for the person an obituary or a
// funeral mourns («الراحل», «الفقيد», «المرحوم»); mourning are those that
// introduce them by name («جثمان», «رحيل», «وفاة», «تأبين», «أربعينية»,
// «نعي»). kana are the words after which such a word is a subject
// («وكان الراحل قد قال»).
var (
	deceased = keySet("الراحل الراحلة الفقيد الفقيدة المرحوم المرحومة")
	mourning = keySet("جثمان رحيل وفاة تأبين أربعينية نعي الراحل الراحلة الفقيد الفقيدة المرحوم المرحومة")
	kana     = keySet("كان وكان أن إن لأن قد وقد")
)

// kinNouns, in construct before a name («والدة الشهيد سيف», «نجل
// الفقيد»), make the name the relative's, not the subject's («عم», «خال»
// are not among them: «عم الهادي» addresses an old man).
var kinNouns = keySet("والد والده ام اب ابن ابنه نجل نجله شقيق شقيقه اخ اخت زوج زوجه ارمله حفيد حفيده جد جده")

// ordinals refer to one of the people just named by their order («قال
// الأول», «ردت الثانية», «وأضاف الأخير»): 1, 2, or -1 for the last.
var ordinals = func() map[string]int {
	m := map[string]int{}
	for w, o := range map[string]int{"الأول": 1, "الأولى": 1, "الثاني": 2, "الثانية": 2, "الأخير": -1, "الأخيرة": -1} {
		m[arabic.Key(w)] = o
	}
	return m
}()
