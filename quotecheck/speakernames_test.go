package quotecheck_test

import (
	"slices"
	"testing"

	"github.com/newsscribe/newsscribe/quotecheck"
)

// nameCases are mechanisms of whole names and the functions they hold
// (made-up articles): a name is never returned without its given name, a
// hyphen joins one word, and a function set off before a name is that
// person's wherever the article uses it alone.
var nameCases = []speakerCase{
	{
		name: "a patronym's phrase is the person whose given name goes before it, even one the lexicon knows",
		article: `أما مرشح الحزب الأخضر، اباه ولد الشيخ سيديا، فقد قال: «الماء أولا».
وختم ولد الشيخ سيديا مداخلته قائلا: «سنحفر الآبار».`,
		want: []string{"اباه ولد الشيخ سيديا", "اباه ولد الشيخ سيديا"},
		lex:  true,
	},
	{
		name: "a word set off by a comma before a family name in «أبو» is the given name, whatever the lexicon makes of it",
		article: `وقالت رئيسة اتحاد الطلاب العرب في المعهد، سحر أبو حمدة، لـ إذاعة الشمس: «القرار ظالم».
وتابعت أبو حمدة: «سنستأنف».`,
		want: []string{"سحر أبو حمدة", "سحر أبو حمدة"},
		lex:  true,
	},
	{
		name: "a given name that is also a function («الأمين») before a patronym is a name",
		article: `وقال المرشح محمد الامين ولد الطالب في اللقاء: «البلدية للجميع».
وأضاف ولد الطالب: «لن نرفع الضرائب».`,
		want: []string{"محمد الامين ولد الطالب", "محمد الامين ولد الطالب"},
		lex:  true,
	},
	{
		name:    "a patronym's phrase that no introduced name holds is half a name: nobody",
		article: `وقال ولد الطالب في المهرجان: «البلدية للجميع».`,
		want:    []string{""},
		lex:     true,
	},
	{
		name: "a hyphen joins one word of a name, one word starting with «و» too",
		article: `وقالت نائبة رئيس النقابة، ماريانه شميت-فولكرز، قرب المصنع: «الإنتاج سيستأنف».
وقال المحلل بارك مين-وون من بنك الشرق: «الأسهم ستتراجع».
وأضافت شميت-فولكرز: «لا تسريح للعمال».`,
		want: []string{"ماريانه شميت-فولكرز", "بارك مين-وون", "ماريانه شميت-فولكرز"},
		lex:  true,
	},
	{
		name: "a function set off before a name, its qualifiers ending in a place in «ـا», is that person's, alone elsewhere",
		article: `وقال الخبير في شؤون الطاقة بمعهد الدراسات في فيينا، رامي خليل السعدي: «الأسعار سترتفع».
ويضيف الخبير أن «الطلب قوي».`,
		want: []string{"رامي خليل السعدي", "رامي خليل السعدي"},
		lex:  true,
	},
	{
		name: "two unknown words ending a phrase set off after a function are its holder's name, after a description",
		article: `«العينات وصلت سليمة»، قالت رئيسة الفريق الأوروبي في المختبر، عالمة الأحياء الهولندية ماريكه فندرلوست.
وتضيف فندرلوست أن «النتائج بعد شهر».`,
		want: []string{"ماريكه فندرلوست", "ماريكه فندرلوست"},
		lex:  true,
	},
	{
		name: "a function after the conjunction «ف», its qualifiers ending in a place with «ب», is the name after them",
		article: `ولا يتفق الجميع مع هذا الرأي. فالباحث التونسي في جامعة الزيتونة بتونس سامي بن حميدة يرى أن الوثيقة متأخرة.
«الخط لا يعود إلى ذلك القرن»، قال الباحث التونسي.`,
		want: []string{"سامي بن حميدة"},
		lex:  true,
	},
	{
		name: "two unknown words that end the clause after a quotation are its subject's name, after a description with genitives",
		article: `«الأرقام لا تكذب، والمحيط يسخن أسرع مما ظننا»، يقول عالم المحيطات في معهد البحوث البحرية التابع لجامعة كيوتو ماساهيرو كوندوه.
ويضيف كوندوه أن «الشعاب تموت».`,
		want: []string{"ماساهيرو كوندوه", "ماساهيرو كوندوه"},
		lex:  true,
	},
	{
		name:    "a profession alone («الخبير», «الباحث المغربي») that no named person holds is nobody, not the description",
		article: `ويرى الباحث المغربي أن «الجفاف سيطول»، فيما قال الخبير: «الأمطار ستعود».`,
		want:    []string{"", ""},
		lex:     true,
	},
	{
		name: "a function in a prepositional phrase, or a name after «بحضور», holds nobody's function",
		article: `عقد وزير الزراعة الدكتور نادر سامي العلي مؤتمرا في محافظة الكرك، بحضور المدير العام للري المهندس فادي حسن العمري.
وقال العلي: «الموسم جيد».`,
		want: []string{"نادر سامي العلي"},
		lex:  true,
	},
}

// featureCases: a feature calls the person it introduced by the given
// name, and reports how she speaks.
var featureCases = []speakerCase{
	{
		name: "a given name alone is the person introduced with it; the sentence's verb of recalling has her as subject",
		article: `في ورشة صغيرة قرب الميناء، تخيط هدى الزعبي أشرعة القوارب منذ ثلاثين عاما.
حين أغلق المصنع القديم أبوابه، اشترت هدى آلة الخياطة الوحيدة فيه. تتذكر: «دفعت كل مدخراتي، ولم أندم يوما».`,
		want: []string{"هدى الزعبي"},
		lex:  true,
	},
	{
		name: "a feminine participle that ends the clause after her verb is how she speaks, not who",
		article: `وقالت هدى الزعبي: «الزبائن قلة هذا العام».
ثم تستدرك ضاحكة: «لكن البحر لا يخون».`,
		want: []string{"هدى الزعبي", "هدى الزعبي"},
		lex:  true,
	},
}

// writtenCases: a post is reported with «كتب»; «أما» sets a surname first
// as the subject of the verb after it.
var writtenCases = []speakerCase{
	{
		name: "«كتب» on a platform reports words; «أما SURNAME ف…» is that person, not the one who spoke before",
		article: `وقال الجيولوجي سامر فؤاد الحلبي إن «الصدع نشط».
بينما يرى المهندس الكندي بيتر ماكلوسكي أن الخطر محدود.
أما ماكلوسكي فكتب على حسابه: «لا داعي للذعر».`,
		want: []string{"سامر فؤاد الحلبي", "بيتر ماكلوسكي"},
		lex:  true,
	},
}

// nobodyCases: an institution is no one the model names.
var nobodyCases = []speakerCase{
	{
		name:    "a function set off before a name the model cannot read is someone named: nobody, not the function",
		article: `وفي المساء، كتب رئيس رابطة الصيادين المحليين، زكوان قطامش، على حسابه: «لن نبحر غدا».`,
		want:    []string{""},
		lex:     true,
	},
	{
		name: "an institution that starts the sentence before its speech verb is its subject: nobody, not the woman named after",
		article: `المؤسسة الوطنية للمياه قالت في بيان: «الانقطاع مؤقت».
ورأت الباحثة سلوى حسن القاسمي أن «الشبكة قديمة».`,
		want: []string{"", "سلوى حسن القاسمي"},
		lex:  true,
	},
}

// TestSpeakerNames: each mechanism of nameCases; every speaker returned
// is printed whole in the narration.
func TestSpeakerNames(t *testing.T) {
	cases := slices.Concat(nameCases, featureCases, writtenCases, nobodyCases)
	runSpeakerCases(t, cases, quotecheck.Speakers)
	for _, tc := range cases {
		checkSpeakersArePeople(t, tc.name, tc.article)
	}
}
