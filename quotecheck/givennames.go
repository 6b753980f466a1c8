package quotecheck

import (
	"strings"

	"github.com/newsscribe/newsscribe/align/arabic"
)

// fakerNames and moreGivenNames widen the hand list of givenNames with two
// sources, so that a name is read where a reader sees a given name rather
// than where this package's authors happened to list one:
//
//   - fakerNames: the Arabic given names of the faker-js project's «ar» locale
//     (@faker-js/faker 10.6.0, MIT, locales/ar/person/first_name), less
//     the words that are far more often common nouns in news prose
//     («سلامة», «جمعة», «نصر», «على») and than places («عياض» of «جامعة
//     القاضي عياض»);
//     Many are also adjectives or nouns («ناجح», «مفتاح», «أركان»): they
//     go on a name and start one after a verb, a function or a form of
//     address, but start no mention where nothing announces a name
//     (mentionStarts);
//   - moreGivenNames: the first names of the people of the tuning articles
//     (align/testdata/eval/quotes/*.speakers), foreign ones included, and
//     the second parts of French compound given names («جان لوك»).
//
// moreFemaleNames are those of women. compoundNames are «عبد» with a
// name of God written as one word, as the Gulf press writes them
// («عبدالمحسن», «عبدالستار»): the closed set of the names of God that
// such names take.
var fakerNames = keySet(
	"آسر أركان أسعد أليف أمجد أمير أوس إياد إياس إيهاب ابراهيم القاسم المقداد بدران بركات برهان " +
		"بسيم بشار بليغ بندر بهيج تميم تيسير جاد جاسر جبريل جليل جوهر حاجب حارث حذيفة حسان حسني " +
		"حسون حطاب حفيظ حلمي حليم حمدي حمودة حيدرة خباب خلدون خيري داوود دريد ديسم ذاكر رائف رابح " +
		"راتب راسم راغب راكان رامز ربيع رتيب رجب رسلان رشاد رشدي رعد رفيع ركان رمضان رنيم ريان زاهر " +
		"زيدون زين سراج سرحان سرمد سريج سلمان شعبان شفيع شفيق شكيب شهاب صبحي صخر صداح صدقي صفوان " +
		"صقر صهيب طاهر طيب ظافر عاشور عاصي عامر عباس عجمي عدلان عدلي عدي عرفات عرفان عز عزام عزمي " +
		"عفيف علوي عمار عمران غانم غفار غيث فائز فاخر فارس فاضل فاكر فتاح فخري فراس فرحات فضيل فكري " +
		"فهمي فواز قدري كاظم لبيب ليث مأمون مؤنس مبروك مجاهد مجد مجيد محجوب محرز محسن محفوظ مخلص " +
		"مرتضى مرزوق مرسي مرشد مرعي مستعين مسعد مسعود مصعب مصلح مطيع معز معين مفتاح مقداد ممتاز " +
		"منتصر منصف منعم منيب مهيب ناجح ناصح ناصف ناظم نافع نديم نزيه نسيم نصحي نعيم نهاد نوري نوفل " +
		"هاشم هيكل واصف وديع وسام وسيم وصفي يافع يامن",
)

var moreGivenNames = keySet(
	"آراس اباه يزن باولو تاكيشي تشوي جوناثان جيمس خافيير ستيفان كاوه ماثيو ماركو ماركوس هانى " +
		"هلال يزيد يوآف يوهان يوهانس رأفت رحيم كميل يوسفو فلورين آدم جوزف عواد خوان جوزيه " +
		"نحمان عبده أحمدو امبارك ريتشارد عبدربه فرانك أرجون أوغوز كريستوفر بابكر روي عبدي " +
		// Levantine men's given names the lists lacked (set 85: «غياث عبد المولى»)
		"غياث " +
		// the second parts of French compound names («جان لوك», «جان كلود»)
		"لوك كلود جاك إيف لويس " +
		// English given names as the Arabic press spells them (set 71)
		"ديفيد مايكل جون بيتر " +
		// French women's given names
		"كلير ماري " +
		// Egypt's given name that is also a family name
		"حمادة " +
		// common given names of the Gulf, Iraq, Yemen and the Maghreb the
		// lists above lacked (the blind pairs showed the gap, not their
		// names)
		"حمود امحمد مبخوت بوعلام عمرو جبار حماد خلفان مشاري ثائر نايف همام قصي عقيل ضرغام سجاد شعيب أيهم رفعت " +
		// «أبو بكر» as Yemen, Libya and the Gulf often print it, one word
		"أبوبكر " +
		// the Maghreb's given names with «ل» for «ال» («لخضر», «لعربي»,
		// «لمين»)
		"لخضر لعربي لمين " +
		// the second word of Mauritania's compound given names («محمد فال»,
		// as in «اعلي ولد محمد فال»), a common word («omen») otherwise
		"فال " +
		// Kurdish given names as Iraq's Arabic press prints them («حمه» is
		// the Kurdish «محمد»)
		"حمه آزاد ريباز شيرزاد هيوا دلشاد كاروان سردار بختيار نوزاد هوشيار سيروان ريبوار دلير شوان هاوري " +
		// the first names of sets 54–57 (tuned on), foreign ones included
		"توماس ستيفن ماتياس جيتاتشو " +
		// the tuning articles' men's first names the lists still lacked
		"كوامي دراغان أخاموك جوزيبي إيلان يوسي راجيف نانغولا إسلمو يان جويل رامون غونزالو فيديريكو تشاو ليو خوسيه أوليفييه توبياس أولريش بوجمعة زوران هنريك تسفاي جواو لاسلو ماتيو مطلق هانس نينوس إيفان راجيش رافي ريمون جورجيوس ميغيل بوشعيب حابس اعلي خابيير أمادو عبدولاي لوكا إغناسيو لوران مامادو دانيال فاديم ريكاردو أوهاج غاستون محند منجي جنكيز ميلان سانجاي هيروشي مطهر",
)

// christianNames are the given names Arab Christians of the Levant, Egypt
// and Iraq carry that the lists above lack: the Arabic forms of the
// apostles', evangelists' and saints' names and the names of the Maronite
// and Coptic calendars («نقولا», «جرجس», «طانيوس», «مارون»), a closed
// set; «سليم نقولا حداد» is then read whole.
var christianNames = keySet("نقولا نيقولا جرجس جريس يوحنا بولس متى مرقص مرقس لوقا توما سمعان فيليب " +
	"إسطفان اسطفان طانيوس أنطونيوس انطون أنطون مارون ميلاد نخلة قزحيا شكرالله عبدالمسيح عبدالأحد " +
	"بطرس حنين ألبير إدوار شارل كميل سركيس كيروز ملحم وديع")

// dinNames are the first words of the «… الدين» names («فخر الدين», «شمس
// الدين»), a closed set of honorific names, that the lists above lack:
// with «الدين» after them they are a given name.
var dinNames = keySet("فخر شمس سيف محي محيي تقي شرف بهاء حسام محب زين عز ناصر سعد قطب نجم")

// commonWordNames are given names of the tuning articles' speakers that
// are far more often common words («عودة»: a return): like fakerNames,
// they go on a name but start no mention where nothing announces one.
var commonWordNames = keySet("عودة صباح مشعل " +
	// women's names that are far more often common nouns («أحلام», «بسمة»,
	// «وعد»), and men's («نمر», «خميس»)
	"أحلام أنوار بسمة تغريد تهاني جنان دنيا روضة زهور شهد عزة علا غدير فاتن نهلة هيام وداد درة خيرة غالية وعد آلاء حلا رؤى شذى مرام هديل وئام عواطف أريج رباب غزلان " +
	"نمر خميس مولود تحسين " +

	// «إلينا» (Elena) is «to us» too
	"إلينا")

// commonWordWomen are women's given names of the tuning sets that are far
// more often common words — «وردية» (rosy), «ذهبية» (golden), «حصة» (a
// share), «رسل» (messengers), «سماح» (pardon), «خضرة» (greenness),
// «نهاية» (an end), «غزالة» (a gazelle), «عيشة» (a living; the Maghreb's
// and Mauritania's Aicha) —: broad like
// commonWordNames, and women's.
var commonWordWomen = keySet("وردية ذهبية حصة رسل سماح خضرة نهاية غزالة عيشة")

var moreFemaleNames = keySet(
	"زينبا أسيل إلس إيناس دانة ريتا زهية لولوة ميثاء أماني أمانى جوليا كلاوديا ليال ندى اروي بتول براءة بلسم خلود عنود عوضية فاطمه نوف أليساندرا أنوشكا إخلاص إنغريد امل حليمه " +
		"دلال رغد رلى رهف زابينه سامية سحر سرى سنية شريفة شيلان كاترين لمى نورة هيفاء نادين نوره سالمة حسناء ريا لين شيخة نبراس رهام السالكة سمر رندة رحمة نصيرة منيرة الزهرة هيا " +
		// common women's names across the Arab countries the lists lacked
		"أسمهان بثينة جيهان روان سهير سوزان شيرين مايا ميار ميسون فايزة فتحية سعدية نجلاء رولا عبلة ديمة رشا زهراء إسراء سمية رقية صفية " +
		"حواء موزة نورا يسرى نرمين مروة فوزية فدوى ناهد مباركة شادية ثريا بهية رزان ماجدة نائلة يمنى تسنيم عفراء زبيدة حفيظة فضيلة مريان عبيرة غنوة " +
		// Kurdish women's given names
		"كلاله ناسك روناك بيريفان هيرو كويستان جوان " +
		// Tunisia's
		"منية مبروكة " +
		// Egypt's «ريهام» (set 72)
		"ريهام " +
		// a woman's name that is also «a pioneer»
		"رائدة " +
		// the women of sets 54–57 (tuned on): Egypt's, Sudan's, the Gulf's,
		// Mauritania's and Morocco's Amazigh, Somalia's and Iraq's
		"داليا هويدا شمساء عيساتا إيطو هودان " +
		// Tunisia's «سيرين» (sets 66–67, tuned on)
		"سيرين " +
		// Yemen's and the Maghreb's «نورية» (sets 70–71, tuned on)
		"نورية " +
		// Egypt's «نورهان» (sets 78–79)
		"نورهان " +
		// the tuning articles' women's first names the lists still lacked
		"ساندرا أيشه كارولين لوسيا سيلفيا إيلا ليلاني فرانسواز كورنيليا سيلين عزيزة نيفين آنيكا ليزبيت أنجالي كاترينا جيسيكا دانا ليان مارغريت كلاريسا كاثرين أبيبا كارول ميراي إيلينا جوسلين هيلينا فادومو عائشتو بدرية أنكه تيغيست ناتاليا أليكسيا حليمو ألفة شما إلين ميغان بليسينغ",
)

// maghrebNames are definite given names of the Maghreb, Libyan and Sudanese press
// («المنجي بن حميدة», «الفاتح عبد الرحمن», «المبروك علي»), which a definite word's shape
// would otherwise rule out.
var maghrebNames = keySet("المبروك السعيد السعدية الغالية الداه المنجي المنذر المكي المولدي الجيلاني العياشي الميلودي التيجاني الزبير الفاتح الحسن الحسين المختار المصطفى الهواري الزهرة الزهراء")

var compoundNames = "الرحمن الرحيم الملك القدوس السلام المؤمن المهيمن العزيز الجبار الخالق الباري المصور الغفار القهار الوهاب الرزاق الفتاح العليم القابض الباسط الرافع المعز السميع البصير الحكم العدل اللطيف الخبير الحليم العظيم الغفور الشكور العلي الكبير الحفيظ المقيت الحسيب الجليل الكريم الرقيب المجيب الواسع الحكيم الودود المجيد الباعث الشهيد الحق الوكيل القوي المتين الولي الحميد المحسن المحيي الحي القيوم الواحد الأحد الصمد القادر المقتدر الأول الآخر الظاهر الباطن المتعالي البر التواب العفو الرؤوف النور الهادي البديع الباقي الوارث الرشيد الصبور الله الإله المنعم الستار المطلب الغني المالك الناصر المعطي الرازق المولى"

// addMoreNames adds the names of this file to all (every given name) and
// fem (women's); givenNames is made with them (speakerwords.go), so that
// they start mentions as the hand list's do.
func addMoreNames(all, fem map[string]bool) {
	for _, n := range strings.Fields(compoundNames) {
		all[arabic.Key("عبد"+n)] = true
	}
	for _, set := range []map[string]bool{fakerNames, moreGivenNames, christianNames, commonWordNames, dinNames} {
		for k := range set {
			if k != keyAli {
				all[k] = true
			}
		}
	}
	for k := range maghrebNames {
		all[k] = true
	}
	for k := range moreFemaleNames {
		all[k], fem[k] = true, true
	}
	for k := range commonWordWomen {
		all[k], fem[k] = true, true
	}
}
