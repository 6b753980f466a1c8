package quotecheck_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/quotecheck"
)

// speakerCases are the constructions of issue 19's class 3, one article
// each (made up, like every name in them): who speaks is the subject of the
// quotation's reporting clause, wherever the clause stands; a role, a
// surname or a pronoun of address is the person the article named with it;
// no clause goes on with the speaker before; an object, a source or an
// unnamed person is no speaker. lex marks those that need the lexicon to
// tell a name from a common word.
var speakerCases = []speakerCase{
	{
		name: "honorifics are no part of the name",
		article: `وأعلن معالي المهندس عبيد بن خلفان الظاهري، وزير الطاقة، تشغيل المحطة الجديدة.
وقال الظاهري: «المحطة تكفي لتزويد مئة ألف منزل بالكهرباء».`,
		want:  []string{"عبيد بن خلفان الظاهري"},
		roles: []string{"وزير الطاقة"},
	},
	{
		name: "a pronoun of address is the person given that honorific",
		article: `شهد سمو الشيخ حمدان بن سيف آل ماجد افتتاح القمة، بحضور سعادة الدكتورة مريم سالم الكعبي وكيل الوزارة.
وقال سموه في كلمة الافتتاح: «الطاقة التي لا تصل إلى الجميع ليست حلا».`,
		want: []string{"حمدان بن سيف آل ماجد"},
	},
	{
		name: "a title with its complement is the one holding that function",
		article: `حضر الجلسة وزير الصحة الطيب عمراني ووزير السكن والعمران رضا بلعيد وعدد من النواب.
وردّ وزير السكن بأن «البرنامج سيكتمل قبل الصيف».
وقال وزير الصحة: «المصلحة ستفتح أبوابها قريبا».`,
		want:  []string{"رضا بلعيد", "الطيب عمراني"},
		roles: []string{"وزير السكن والعمران", "وزير الصحة"},
	},
	{
		name: "a name ends at a word joined by و",
		article: `وعقد المدرب مؤتمرا صحفيا بحضور قائد المنتخب فهد الهاجري وعدد من الإعلاميين.
وأضاف الهاجري: «سنقاتل على كل كرة».`,
		want: []string{"فهد الهاجري"},
	},
	{
		name: "a name ends at a common noun the lexicon knows",
		article: `عقد وزير الصحة العامة الدكتور نبيل ضاهر مؤتمرا صحفيا في مقر الوزارة.
وقال ضاهر: «لا داعي للهلع».`,
		want:  []string{"نبيل ضاهر"},
		roles: []string{"وزير الصحة العامة"},
		lex:   true,
	},
	{
		name: "objects of the verb are not speakers",
		article: `وردّ الدكتور شريف منصور وزير التموين على النائبين، مؤكدا أن الحكومة لا تنكر وجود تجاوزات، وقال: «أتحمل المسؤولية كاملة».
وحثّ الوزير أصحاب المخابز على الالتزام بالأوزان المقررة.
«لن نغمض أعيننا عن مخالفة واحدة».`,
		want: []string{"شريف منصور", "شريف منصور"},
	},
	{
		name: "a news agency is the source, not the speaker",
		article: `التقى وزير الخارجية عماد الحياري نظيره حيدر عبد الكريم الجبوري في عمان.
وبحسب ما نقلته وكالة الأنباء العراقية، قال الجبوري إن «المنفذ الحدودي سيعمل على مدار الساعة».
وأعلن الحياري توقيع مذكرتي تفاهم، ونقلت عنه وكالة الأنباء الأردنية قوله: «سنلتقي مجددا في بغداد».`,
		want: []string{"حيدر عبد الكريم الجبوري", "عماد الحياري"},
	},
	{
		name: "a quotation split by its reporting clause",
		article: `افتتح وزير التعليم العالي الدكتور باسل العمر المؤتمر، بحضور رئيس الجامعة الدكتور هشام الشامي.
«اللغة العربية قادرة على استيعاب العلوم»، قال الوزير، «ولدينا تجربة نعتز بها».`,
		want: []string{"باسل العمر", "باسل العمر"},
	},
	{
		name: "a quotation before its clause, two people with one title",
		article: `أكد مدرب المنتخب الكويتي، البرتغالي باولو أزيفيدو، جاهزية لاعبيه.
وقال ازيفيدو: «المباراة نهائي مبكر».
«الجمهور لاعبنا الثاني عشر»، يقول المدرب.
في المقابل، صرّح مدرب المنتخب الأردني، المغربي حسن بوطيب، للصحفيين: «جئنا من أجل النقاط الثلاث».
«أعرف الكرة الكويتية جيدا»، يضيف المدرب.
وتابع المدرب البرتغالي: «لدينا ثلاثة لاعبين عائدين من الإصابة».`,
		want:  []string{"باولو أزيفيدو", "باولو أزيفيدو", "حسن بوطيب", "حسن بوطيب", "باولو أزيفيدو"},
		roles: []string{"مدرب المنتخب الكويتي", "مدرب المنتخب الكويتي", "مدرب المنتخب الأردني", "مدرب المنتخب الأردني", "مدرب المنتخب الكويتي"},
		lex:   true,
	},
	{
		name: "a deputy is not the head of his function",
		article: `أكد معالي محافظ البنك المركزي الأستاذ عبدالرحمن بن سعد الرشيدي نمو الاقتصاد، بحضور سعادة نائب المحافظ الدكتور ماجد بن ناصر العتيبي.
من جهته، أشار العتيبي إلى أن «السيولة مريحة».
وقال المحافظ إن «التضخم تحت السيطرة».
واختتم معالي المحافظ المؤتمر بالتأكيد على أن «القطاع المصرفي متين».`,
		want: []string{"ماجد بن ناصر العتيبي", "عبدالرحمن بن سعد الرشيدي", "عبدالرحمن بن سعد الرشيدي"},
	},
	{
		name: "a verb with no subject is the subject of its sentence",
		article: `وعاد النائب عن ولاية تيزي وزو، أكلي مزيان، إلى ملف الصحة، متسائلا عن ندرة الأدوية، وقال: «المرضى يتنقلون بين الصيدليات».
وفي مستهل الجلسة، ذكّر رئيس الجلسة مراد بن شيخ النواب بأحكام النظام الداخلي، وقال: «الوقت المخصص لكل سؤال ثلاث دقائق».`,
		want: []string{"أكلي مزيان", "مراد بن شيخ"},
		lex:  true,
	},
	{
		name: "a feminine verb with no subject is the woman speaking",
		article: `التقت وزيرة الثقافة آمال المرزوقي رئيس الجامعة الدكتور كمال بن سعيد.
وقال بن سعيد: «المخبر رمم ثلاثمائة مخطوط».
وأضافت: «الوزارة ستشرع في رقمنة المخطوطات».`,
		want: []string{"كمال بن سعيد", "آمال المرزوقي"},
	},
	{
		name: "whoever presides is the judge and the chair",
		article: `عقدت الجلسة برئاسة المستشار ماهر عبد الغفار، وعضوية المستشارين حسام الدين رضوان وأيمن سليم.
وترافع المستشار وليد حسنين، المحامي العام، وقال: «المتهم كان يعلم بالشروخ».
وردّ القاضي على طلب الدفاع قائلا: «طلبك مثبت في محضر الجلسة».
واختتم رئيس الجلسة المناقشة بقوله: «ترفع الجلسة».`,
		want: []string{"وليد حسنين", "ماهر عبد الغفار", "ماهر عبد الغفار"},
	},
	{
		name: "an unnamed source is nobody, and so is what follows; one of a group is as the article describes them",
		article: `قال المدرب سامي الجابري: «المعنويات جيدة».
وقال مصدر في الجهاز الإداري: «اللاعبون طلبوا حصصا إضافية».
«الجميع جاهز».
وقالت إحدى الطالبات: «نحتاج إلى قواميس حديثة».`,
		want: []string{"سامي الجابري", "", "", "إحدى الطالبات"},
	},
	{
		name: "a counterpart holds the function of the person before him",
		article: `بحث نائب رئيس الوزراء وزير الخارجية عماد الحياري ونظيره العراقي حيدر عبد الكريم الجبوري سبل التعاون.
وأوضح الوزير العراقي أن «بلاده تدرس رفع عدد الرحلات».
وقال الحياري: «العلاقات راسخة».
«أمن الحدود مسؤوليتنا معا»، يقول الوزير.`,
		want: []string{"حيدر عبد الكريم الجبوري", "عماد الحياري", "عماد الحياري"},
	},
	{
		name: "a title with a surname is the person of that surname",
		article: `افتتح وزير التعليم العالي الدكتور باسل العمر المؤتمر، بحضور رئيس الجامعة الدكتور هشام الشامي.
وقال الوزير العمر في كلمة الافتتاح: «اللغة العربية ليست لغة الماضي».
وقال النائب بوزيان إن «الوعود نفسها قدمت قبل عام».`,
		want: []string{"باسل العمر", "بوزيان"},
		lex:  true,
	},
	{
		name: "a paragraph of quotation alone goes on with the speaker before",
		article: `وقال المحامي رامي فكري: «موكلي أرسل إنذارين».

«وكان آخر من يمكن أن يتحمل المسؤولية».

وقال المحامي عصام الدمرداش: «اللجنة عاينت العقار متأخرة».`,
		want: []string{"رامي فكري", "رامي فكري", "عصام الدمرداش"},
	},
	{
		name: "a speech noun with a pronoun points back",
		article: `وأوضح الوزير نبيل ضاهر أن «مصدر العدوى مياه الآبار»، على حد قوله.
وقالت الدكتورة أليساندرا فيتوري إن «المنظمة وضعت مختبرا متنقلا»، حسب تعبيرها.`,
		want: []string{"نبيل ضاهر", "أليساندرا فيتوري"},
		lex:  true,
	},
	{
		name: "Egyptian spelling: final ى and ئ",
		article: `وفى مستهل الجلسة، صرّح المستشار عادل الجوهرى، رئيس الجلسة، بأن المجلس "يتابع ملف السلع يوما بيوم".
وقال النائب سامح البرديسى، عضو لجنة الشئون الاقتصادية، إن الأسعار ارتفعت، وأضاف: "فمن المسئول عن ذلك؟".`,
		want:  []string{"عادل الجوهرى", "سامح البرديسى"},
		roles: []string{"رئيس الجلسة", "النائب، عضو لجنة الشئون الاقتصادية"},
	},
	{
		name: "an interview's answers are the person it is with, whoever the question quotes",
		article: `أجرى موقع الأخبار حوارا مع وزير الزراعة، الدكتور سيدي ولد الشيخ أحمد، تحدث فيه عن الموسم الزراعي.

س: كيف تقيّمون الموسم الزراعي الحالي؟

ج: «الموسم جيد في مجمله».

س: قال رئيس اتحاد المزارعين، محمد الأمين ولد بوبكر، إن «القروض تصل متأخرة». ما ردكم؟

ج: «أتفهم غضب المزارعين».`,
		want: []string{"سيدي ولد الشيخ أحمد", "محمد الأمين ولد بوبكر", "سيدي ولد الشيخ أحمد"},
	},
	{
		name: "a source reporting from someone, a form of address after a comma",
		article: `وقالت الناطقة الرسمية باسم الوزارة، المهندسة رغد كاظم الموسوي، في مؤتمر صحفي: «المنظومة تنتج اليوم ثمانية وعشرين ألف ميغاواط».
وبحسب ما نقلته وكالة الأنباء العراقية عن مدير عام نقل الطاقة في المنطقة الجنوبية، حسين جبار العيداني، فإن «خطوط النقل تعمل بأكثر من طاقتها».
من جانبه، طالب النائب عن محافظة البصرة، عدي عواد الكناني، الحكومة بمحاسبة المقصرين، وقال: «صرفنا على الكهرباء ما يكفي».
من جهته، أكد وزير الكهرباء زياد علي فاضل أن «وحدتين جديدتين ستدخلان الخدمة».`,
		want:  []string{"رغد كاظم الموسوي", "حسين جبار العيداني", "عدي عواد الكناني", "زياد علي فاضل"},
		roles: []string{"الناطقة الرسمية باسم الوزارة", "مدير عام نقل الطاقة في المنطقة الجنوبية", "النائب عن محافظة البصرة", "وزير الكهرباء"},
	},
	{
		name: "after a function, known words that end the phrase are the name; a word with a clitic never",
		article: `وقال وزير الصحة أكلي مزيان إن «المصلحة ستفتح قبل الصيف».
وردّ وزير الصحة باقتضاب: «الندرة ظرفية».
وقال الناطق باسم الوزارة، حسن الأمين، للصحفيين: «المخزون يكفي ستة أشهر».
وقال محمد للصحفيين: «سنواصل العمل».`,
		want: []string{"أكلي مزيان", "أكلي مزيان", "حسن الأمين", ""},
		lex:  true,
	},
	{
		name: "a person named only by function is that function, unless a word the model cannot read follows",
		article: `وقال الرئيس في كلمته اليوم إن «الحكومة ستواصل العمل من أجل تحسين الخدمات».
وأعلنت وزيرة الصحة، صباح اليوم، عن برنامج جديد.
وقالت الوزيرة: «البرنامج يشمل كل الجهات».`,
		want:  []string{"الرئيس", "وزيرة الصحة"},
		roles: []string{"الرئيس", "وزيرة الصحة"},
	},
	{
		name: "a word of a clause, a headline or an agency is never a speaker",
		article: `بوزيدي: الصادرات ترتفع

وقال بوضوح: «الصادرات سترتفع هذه السنة».
وقال بوزيدي في تصريح للصحافة: «لن نخلف موعدا».
وقالت وكالة الأنباء: «التوقيع جرى أمس».`,
		want: []string{"", "", ""},
	},
	{
		name: "news reporting verbs and «حسبما», «بحسب ما» before a verb open a clause",
		article: `عقد رئيس هيئة الموانئ الدكتور وليد منصور الشمري مؤتمرا صحفيا في مقر الهيئة.
واستهل الشمري حديثه بالقول: «استقبلت الموانئ ثلاثمئة سفينة هذا العام».
«الرصيف الجديد يفتح في الربيع»، حسبما أفاد الشمري.
وتعهد الشمري بأن «الرسوم لن ترتفع».
«لا تأخير في الشحنات»، بحسب ما أوضح الشمري.`,
		want: []string{"وليد منصور الشمري", "وليد منصور الشمري", "وليد منصور الشمري", "وليد منصور الشمري"},
		lex:  true,
	},
	{
		name: "a name goes on past a father's name the lexicon knows, and a plural genitive is no plural person",
		article: `وقال رئيس مجلس المحافظين القاضي سامي جبار الخزرجي إن «الموعد ثابت».
وقالت الناطقة باسم الهيئة رنا كاظم العبيدي: «التسجيل مفتوح».`,
		want:  []string{"سامي جبار الخزرجي", "رنا كاظم العبيدي"},
		roles: []string{"رئيس مجلس المحافظين القاضي", "الناطقة باسم الهيئة"},
		lex:   true,
	},
	{
		name: "a word that is also a form of address or an accusative ends a name set off by commas or a chain of بن",
		article: `وقال مدير الميناء، خالد عبد الرحيم الشيخ، إن «العمل مستمر».
وأوضح المهندس سعيد بن راشد بن حمد باسلامة، مدير الري، أن «المياه تكفي».
وقال رئيس البلدية، أحمد ولد الشيخ بونا، إن «الطريق سيفتح».`,
		want: []string{"خالد عبد الرحيم الشيخ", "سعيد بن راشد بن حمد باسلامة", "أحمد ولد الشيخ بونا"},
		lex:  true,
	},
	{
		name: "a function alone is the person the article introduced with it",
		article: `وشارك في الاجتماع نقيب المهندسين ماهر عبد الحليم أبو زيد ومدير دائرة السير بالمحافظة جميل سعيد الحوراني.
وقال نقيب المهندسين: «لن نقبل بالتأجيل».
وأكد مدير دائرة السير أن «الطرق آمنة».`,
		want: []string{"ماهر عبد الحليم أبو زيد", "جميل سعيد الحوراني"},
		lex:  true,
	},
	{
		name: "a kunya the article gives a named person is that person",
		article: `ويروي الصياد ناصر علي بن سالم قصته قائلا: «البحر لم يعد كما كان».
ويضيف أبو علي، كما يناديه رفاقه: «نخرج فجرا ونعود بلا شيء».
وتقول زينب حسن الكعبي، التي يناديها أهل الحي ‹أم يوسف›: «ننتظر منذ شهور».
وتتابع أم يوسف: «لا أحد يسأل عنا».`,
		want: []string{"ناصر علي بن سالم", "ناصر علي بن سالم", "زينب حسن الكعبي", "زينب حسن الكعبي"},
		lex:  true,
	},
	{
		name: "a function qualified by a place with «بـ», then the holder set off by commas",
		article: `من جهته، أكد مدير الزراعة بولاية سنار، عبد الباقي محمد أحمد النور، أن «الموسم جيد».
«الأمطار كانت كافية»، حسبما أفاد مدير الزراعة.`,
		want:  []string{"عبد الباقي محمد أحمد النور", "عبد الباقي محمد أحمد النور"},
		roles: []string{"مدير الزراعة بولاية سنار", "مدير الزراعة بولاية سنار"},
		lex:   true,
	},
	{
		name: "«عبّر» with its shadda is a verb, «عقب» before a noun is «after»",
		article: `في المقابل، عبّر مدرب النادي، الفرنسي لوران ماتيو، عن أسفه، وقال في تصريحات عقب المباراة: «الحكم ظلمنا».
وقال وزير المالية سالم الحربي: «الميزانية متوازنة».
وعقب الحربي على سؤال: «لا ضرائب جديدة».`,
		want: []string{"لوران ماتيو", "سالم الحربي", "سالم الحربي"},
		lex:  true,
	},
	{
		name: "an indefinite function with adjectives only is somebody unnamed, never a named person",
		article: `وقال رئيس النقابة الدكتور عادل منصور الزعبي: «الإضراب مستمر».
وقال طبيب مقيم في مستشفى الرحمة، طلب عدم نشر اسمه: "ننتظر منذ سنوات".`,
		want: []string{"عادل منصور الزعبي", ""},
		lex:  true,
	},
	{
		name: "an official left unnamed is nobody; «باسم» after a function is «in the name of», a second one a name",
		article: `وقال وزير النقل هشام الدباغ: «القطار سيعود إلى العمل».
وقال مسؤول كبير في الوزارة: «الأضرار محدودة».
وقال متحدث باسم الشركة إن «التحقيق جار».
وقال الناطق باسم الشركة باسم العلي: «لا إصابات بين الركاب».`,
		want: []string{"هشام الدباغ", "", "", "باسم العلي"},
	},
	{
		name: "a verb with no subject after a function the article names no one with is that function",
		article: `وأشاد رئيس الوزراء بجهود فرق الإنقاذ، وقال: «لم ينم أحد منهم».
وأوضح وزير الداخلية اللواء ماجد حمدان العتيبي خطة الإخلاء، مؤكدا أن «كل العائلات في أمان».`,
		want:  []string{"رئيس الوزراء", "ماجد حمدان العتيبي"},
		roles: []string{"رئيس الوزراء", "وزير الداخلية"},
	},
	{
		name: "a form of address no name follows is the family name, and alone the surname",
		article: `وصرّح أمين عام الاتحاد الدكتور منصور عبد الله الشيخ لوكالة الأنباء بأن «التحضيرات تسير وفق الخطة».
وتابع الشيخ: «سنعلن الأسماء قريبا».`,
		want: []string{"منصور عبد الله الشيخ", "منصور عبد الله الشيخ"},
		lex:  true,
	},
	{
		name: "«نقلت … عن PERSON قوله» reports the person; a verb in a relative clause reports nobody",
		article: `ونقلت الوكالة عن محافظ البنك المركزي سامي عادل الجابري قوله إن «التضخم سيتراجع».
وقال رئيس الغرفة التجارية أنور حسين الدوري، الذي ذكر الأرقام أمام الصحفيين: «لا نقص في السلع».`,
		want: []string{"سامي عادل الجابري", "أنور حسين الدوري"},
		lex:  true,
	},
	{
		name: "a description before a name is no speaker of its own; the name is",
		article: `وقال رجل الأعمال خالد حسن المري: «السوق تتعافى».
وقال شاب في العشرينات: «لا عمل لنا».`,
		want: []string{"خالد حسن المري", ""},
	},
	{
		name: "a sentence about a function nobody named holds is not the speaker before",
		article: `وقال رئيس النقابة الدكتور عادل منصور الزعبي: «الإضراب مستمر».
وكان الناطق باسم الوزارة قد صرح أمس بأن الوزارة ملتزمة بالاتفاق، داعيا النقابة إلى «الحوار قبل التصعيد».`,
		want: []string{"عادل منصور الزعبي", ""},
		lex:  true,
	},
	{
		name: "a subject's name is read whole, a compound given name with «سيد» too, and an adjective of the function before the name",
		article: `وتقول فريال بنت سعيد بن علي الحبسية إن «البرنامج ناجح».
ويروي سيد محمد ولد اعل، وهو تاجر، أن «الطريق مقطوع».
وأكد مدير شرطة الوادي الكبير العقيد نادر سالم الفيتوري أن «الدوريات جاهزة».
وقال مدير الشرطة: «لن نسمح بالفوضى».`,
		want: []string{"فريال بنت سعيد بن علي الحبسية", "سيد محمد ولد اعل", "نادر سالم الفيتوري", "نادر سالم الفيتوري"},
		lex:  true,
	},
}

// A speakerCase is an article and the speaker of each quotation.
type speakerCase struct {
	name    string
	article string
	want    []string // the speaker of each quotation, "" for none
	roles   []string // the role of each, when checked
	lex     bool
}

// TestSpeakerModel (issue 19, class 3): each construction of speakerCases,
// and each mechanism of generalCases.
func TestSpeakerModel(t *testing.T) {
	runSpeakerCases(t, slices.Concat(speakerCases, generalCases), quotecheck.Speakers)
}

// runSpeakerCases runs each case through speakers; a case that needs the
// lexicon skips without it.
func runSpeakerCases(t *testing.T, cases []speakerCase, speakers func(string) ([]string, []string)) {
	t.Helper()
	_, noLex := quotecheck.DefaultLexicon()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.lex && noLex != nil {
				t.Skipf("needs the lexicon to tell a name from a common word: %v", noLex)
			}
			got, roles := speakers(tc.article)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got speakers %q, want %q", got, tc.want)
			}
			if tc.roles != nil && !slices.Equal(roles, tc.roles) {
				t.Errorf("got roles %q, want %q", roles, tc.roles)
			}
		})
	}
}

// TestSpeakerModelWithoutLexicon: without libhunspell names are read from
// given names, particles, family names in «ـي» and commas; they are then
// fewer, never another person's.
func TestSpeakerModelWithoutLexicon(t *testing.T) {
	runSpeakerCases(t, append([]speakerCase{
		{
			name: "a father's name between a given name and a family name in «ـي» or a given name",
			article: `وقال رئيس الهيئة القاضي سامي جبار الخزرجي إن «الموعد ثابت».
وقال عضو الهيئة منير حمه يوسف: «التسجيل مفتوح».`,
			want: []string{"سامي جبار الخزرجي", "منير حمه يوسف"},
		},
		{
			name: "given names and a definite word that ends the phrase; a name set off by commas whatever its «و»",
			article: `وتساءل رئيس اللجنة النائب سالم محمد البوكوارة: «من يعوض المتضررين؟».
أما المحلل في شركة الأفق، الإيطالي ماركو ويلسون، فقال: «الأسعار سترتفع».`,
			want: []string{"سالم محمد البوكوارة", "ماركو ويلسون"},
		},
	}, generalCasesWithoutLexicon...), quotecheck.SpeakersWithoutLexicon)
}

// TestSpeakerIsAPerson: whatever the article, a speaker returned is a name
// or a function the article's prose prints outside quotations — never a
// word of a headline, a byline, a quotation — and holds no reporting verb,
// preposition or agency. Run on every case above and the evaluation sets.
func TestSpeakerIsAPerson(t *testing.T) {
	for _, tc := range slices.Concat(speakerCases, generalCases) {
		checkSpeakersArePeople(t, tc.name, tc.article)
	}
	for _, name := range evalArticles(t) {
		checkSpeakersArePeople(t, name, readFile(t, name))
	}
}

// checkSpeakersArePeople fails t when a speaker of article is not printed
// whole in its narration, or holds a word no name holds.
func checkSpeakersArePeople(t *testing.T, name, article string) {
	t.Helper()
	a := align.ParseArticle(article)
	runes := []rune(a.Text)
	// The narration: words outside quotations, as printed — prose and the
	// headings over it («سؤالان إلى الخبير مراد بلعيد») —; «|» between
	// runs of it.
	narration := []string{"|"}
	for i, w := range a.Words {
		if i > 0 && a.Words[i-1].Prose != w.Prose {
			narration = append(narration, "|")
		}
		if w.Quote >= 0 {
			narration = append(narration, "|")
			continue
		}
		if i > 0 && a.Words[i-1].End+1 == w.Start && runes[w.Start-1] == '-' && narration[len(narration)-1] != "|" {
			narration[len(narration)-1] += "-" + string(runes[w.Start:w.End]) // «كروغر-آيلرز» is one word
			continue
		}
		narration = append(narration, string(runes[w.Start:w.End]))
	}
	printed := " " + strings.Join(narration, " ") + " "
	speakers, roles := quotecheck.Speakers(article)
	for qi, s := range speakers {
		if s == "" {
			continue
		}
		if !strings.Contains(printed, " "+s+" ") && !strings.Contains(printed, " و"+s+" ") && !strings.Contains(printed, " ف"+s+" ") && !strings.Contains(printed, " ل"+s+" ") { // («وأيمن سليم», «فحياة بن يوسف», «لمحمد الهادي»: a proclitic on the name)
			t.Errorf("%s, quotation %d: speaker %q is not printed in the narration", name, qi, s)
		}
		// A person the article names only by function is that function;
		// anyone else is a name, which holds no function nor address.
		forbidden := notInClauses
		if s != roles[qi] {
			forbidden = notInNames
		}
		// A reporter's function names the outlet: «مراسل قناة …», «مندوب وكالة …».
		press := s == roles[qi] && mediaFunctions[arabic.Key(strings.Fields(s)[0])]
		fields := strings.Fields(s)
		for i, f := range fields {
			if press && outlets[arabic.Key(f)] || s == roles[qi] && i > 0 && i < len(fields)-1 && outlets[arabic.Key(f)] {
				continue // («مدير تحرير صحيفة السفير»: the outlet a function's construct goes on to)
			}
			if s == roles[qi] && i == 0 && (f == "طالب" || f == "طالبة") {
				continue // «طالب في كلية الفنون الجميلة»: a student, not «demanded»
			}
			if i > 0 && (fields[i-1] == "أبو" || fields[i-1] == "أم") {
				continue // a family name in «أبو» takes any noun («أحمد نصر أبو ليلة»)
			}
			if f == "علي" || f == "بان" || f == "إمام" || foreignParticles[f] || quotecheck.IsGivenName(arabic.Key(f)) && !notInClauses[arabic.Key(f)] {
				// the name; the preposition «على» has its key, as «بأن» has
				// the name «بان»'s, «أمام» the function «إمام»'s and «فإن»
				// the particle «فان»'s; «يزيد» the name.
				continue
			}
			if i > 0 && i == len(fields)-1 && s != roles[qi] && verbFamilies[arabic.Key(f)] {
				continue // «محمود طالب»: a verb's shape that is a family name too
			}
			if s == roles[qi] && i > 0 && i < len(fields)-1 && functionPrepositions[f] {
				continue // «ممثلة بعثة الأمم المتحدة للدعم في ليبيا»: where a function is held is part of it
			}
			if k := arabic.Key(f); quotecheck.IsStopWord(k) || notInClauses[k] || forbidden[k] {
				t.Errorf("%s, quotation %d: speaker %q holds %q, a word no name holds", name, qi, s, f)
			}
		}
	}
}

// functionPrepositions may stand inside a function reported as its own
// speaker, never in a name: where or whence it is held («… في ليبيا»,
// «طالبة من جامعة البحرين»).
var functionPrepositions = map[string]bool{"في": true, "من": true}

// mediaFunctions are the press's functions, whose genitive is an outlet
// (outlets).
var (
	mediaFunctions = arabic.KeySet("مراسل مراسلة مندوب مندوبة صحفي صحفية محرر محررة")
	outlets        = arabic.KeySet("وكالة صحيفة قناة إذاعة جريدة مجلة موقع")
)

// foreignParticles, as printed, are parts of European names («إلس فان دن
// بروك»).
var foreignParticles = map[string]bool{"فان": true, "دن": true, "دي": true, "دو": true, "ديلا": true, "فون": true}

// verbFamilies are speech verbs' shapes that are family names too («أبو
// طالب», «محمود طالب»), at the end of a name.
var verbFamilies = arabic.KeySet("طالب")

// notInClauses are words of reporting clauses and sources that no person
// is called by; notInNames adds functions and forms of address, which are
// no part of a name.
var (
	notInClauses = arabic.KeySet("قال وقال قالت أضاف وأضاف يقول يضيف أكد أوضح تابع بوضوح وكالة مصدر مصادر " +
		"صحيفة كلمته تصريح بالقول")
	notInNames = arabic.KeySet("معالي سعادة سمو فضيلة الدكتور الدكتورة المهندس اللواء الوزير الوزيرة وزير " +
		"وزيرة رئيس رئيسة المدرب مدرب النائب المحامي")
)

// evalArticles are the tuning articles of the evaluation (never the blind
// set: a test that fails on it would tune the model to it).
func evalArticles(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, set := range []string{"quotes"} {
		names, _ := filepath.Glob(filepath.Join("..", "align", "testdata", "eval", set, "*.txt"))
		for _, n := range names {
			if filepath.Base(n) != "unreported.txt" {
				out = append(out, n)
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no evaluation articles in ../align/testdata/eval")
	}
	return out
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
