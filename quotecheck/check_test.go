package quotecheck_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/export"
)

// checkArticle has three speakers, reporting clauses before and after the
// quotations, a title, a surname and «المتحدث ذاته».
const checkArticle = `الرباط | الأحد 10 نونبر 2024 - 10:00

قال محمد العلوي، رئيس جماعة المدينة، خلال الدورة العادية للمجلس: «إن الميزانية الجديدة تعطي الأولوية للأحياء الهامشية وتخصص اعتمادات مهمة للإنارة العمومية والطرق».
وأضاف العلوي: «نحن نعمل على إصلاح شبكة الماء الصالح للشرب في جميع الأحياء قبل نهاية السنة المقبلة».
«المجلس لن يقبل بأي تأخير في إنجاز المشاريع المبرمجة لفائدة الساكنة»، يقول رئيس الجماعة.
وأوضح المتحدث ذاته: «الحافلات الجديدة ستصل إلى أغلب المناطق … وسنفتح خطوطا إضافية نحو الجامعة والمستشفى الجهوي».
من جهتها، قالت فاطمة الزهراء بنعلي، مستشارة المعارضة: «لم نتوصل بأي وثيقة تخص دفتر التحملات الخاص بالنقل الحضري منذ أشهر».
وقال مصدر من الجماعة: «الاجتماع المقبل سيخصص لمناقشة ملف النظافة والتطهير السائل».`

var checkQuotes = []string{
	"إن الميزانية الجديدة تعطي الأولوية للأحياء الهامشية وتخصص اعتمادات مهمة للإنارة العمومية والطرق",
	"نحن نعمل على إصلاح شبكة الماء الصالح للشرب في جميع الأحياء قبل نهاية السنة المقبلة",
	"المجلس لن يقبل بأي تأخير في إنجاز المشاريع المبرمجة لفائدة الساكنة",
	"الحافلات الجديدة ستصل إلى أغلب المناطق",
	"وسنفتح خطوطا إضافية نحو الجامعة والمستشفى الجهوي",
	"لم نتوصل بأي وثيقة تخص دفتر التحملات الخاص بالنقل الحضري منذ أشهر",
}

func TestCheckVerdicts(t *testing.T) {
	q := checkQuotes
	tests := []struct {
		name  string
		s     *speaker
		quote int
		want  align.Verdict
		kind  align.DiffKind // a difference of this kind is expected
		frag  string         // … at these article characters
	}{
		{"verbatim", new(speaker).Say(greeting).Say(q[0]), 0, align.VerdictVerbatim, "", ""},
		{"fillers left out", new(speaker).Say("نحن يعني نعمل على إصلاح شبكة الماء آه الصالح للشرب في جميع الأحياء قبل نهاية السنة المقبلة"), 1, align.VerdictVerbatim, "", ""},
		{"a word changed", new(speaker).Say("المجلس لن يقبل بأي تأخير في إنجاز الأوراش المبرمجة لفائدة الساكنة"), 2, align.VerdictAltered, align.DiffChanged, "المشاريع"},
		{"words added", new(speaker).Say("نحن نعمل على إصلاح شبكة الماء في جميع الأحياء قبل نهاية السنة المقبلة"), 1, align.VerdictAltered, align.DiffAdded, "الصالح للشرب"},
		{"words omitted", new(speaker).Say("إن الميزانية الجديدة تعطي الأولوية كما قلت لكم منذ البداية للأحياء الهامشية وتخصص اعتمادات مهمة للإنارة العمومية والطرق"), 0, align.VerdictAltered, align.DiffOmitted, ""},
		{"ellipsis cut", new(speaker).Say(q[3] + " وهذا ما التزمنا به أمام المواطنين في الحملة الانتخابية الماضية بكل وضوح").Say(q[4]), 3, align.VerdictVerbatim, "", ""},
		{"stitched", new(speaker).Say("نحن نعمل على إصلاح شبكة الماء الصالح للشرب").Say(greeting).Say("وهذا مشروع كبير تتابعه الوزارة عن قرب منذ سنوات طويلة").Say("في جميع الأحياء قبل نهاية السنة المقبلة"), 1, align.VerdictStitched, "", ""},
		{"not said", new(speaker).Say(greeting).Say(q[0]), 5, align.VerdictNotSaid, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustAlign(t, tt.s.Transcript(), checkArticle)
			c := r.Quotes[tt.quote].Check
			if c.Verdict != tt.want {
				t.Fatalf("got %s %+v, want %s", c.Verdict, c.Differences, tt.want)
			}
			if tt.kind == "" {
				return
			}
			for _, d := range c.Differences {
				if d.Kind == tt.kind && d.Confidence >= align.MinAlteredConfidence && (tt.frag == "" || strings.Contains(tt.frag, d.Article) && d.Article != "") {
					return
				}
			}
			t.Errorf("got differences %+v, want a sure %s difference at %q", c.Differences, tt.kind, tt.frag)
		})
	}
}

func TestCheckSpeakers(t *testing.T) {
	r := mustAlign(t, new(speaker).Say(checkQuotes[0]).Transcript(), checkArticle)
	want := []string{"محمد العلوي", "محمد العلوي", "محمد العلوي", "محمد العلوي", "فاطمة الزهراء بنعلي", ""}
	roles := []string{"رئيس جماعة المدينة", "رئيس جماعة المدينة", "رئيس جماعة المدينة", "رئيس جماعة المدينة", "مستشارة المعارضة", ""}
	for i, w := range want {
		got, role := "", ""
		if s := r.Quotes[i].Check.Speaker; s != nil {
			got = *s
		}
		if s := r.Quotes[i].Check.SpeakerRole; s != nil {
			role = *s
		}
		if got != w || role != roles[i] {
			t.Errorf("quotation %d: got speaker %q, role %q; want %q, %q", i, got, role, w, roles[i])
		}
	}
}

// TestCheckBadInput: odd quotations all get a verdict, never a panic.
func TestCheckBadInput(t *testing.T) {
	var many strings.Builder
	for i := range 500 {
		fmt.Fprintf(&many, "وقال المتحدث %d: «%s».\n", i, checkQuotes[i%len(checkQuotes)])
	}
	whole := "«" + strings.ReplaceAll(checkArticle, "«", "") + "»"
	tests := []struct{ name, article string }{
		{"one word", "قال الوزير: «نعم». ثم غادر."},
		{"nested marks", "قال: «قال لي “لا أوافق على «هذا» القرار” ثم سكت»."},
		{"unbalanced marks", "قال: «" + checkQuotes[0] + "\nوأضاف: ”" + checkQuotes[1] + "“ » «"},
		{"whole article", whole},
		{"500 quotations", many.String()},
		{"only an ellipsis", "قال: «… ... (...) […]»."},
	}
	tr := new(speaker).Say(greeting).Say(checkQuotes[0]).Say(checkQuotes[1]).Transcript()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustAlign(t, tr, tt.article)
			for i, q := range r.Quotes {
				if v := q.Check.Verdict; v == "" || !slices.Contains(align.Verdicts, v) {
					t.Fatalf("quotation %d: got verdict %q", i, q.Check.Verdict)
				}
				if q.Check.Parts == nil || q.Check.Differences == nil {
					t.Fatalf("quotation %d: got nil parts or differences (want [] in JSON)", i)
				}
			}
		})
	}
}

func TestCheckWholeArticleQuote(t *testing.T) {
	whole := "«" + strings.ReplaceAll(strings.ReplaceAll(checkArticle, "«", ""), "»", "") + "»"
	r := mustAlign(t, new(speaker).Say(checkQuotes[0]).Transcript(), whole)
	if len(r.Quotes) == 0 {
		t.Fatal("got no quotation")
	}
	// Most of it was never said: stitched or altered or not_said, never verbatim.
	if v := r.Quotes[0].Check.Verdict; v == align.VerdictVerbatim || v == align.VerdictMinor {
		t.Errorf("got %s for a whole article quoted of which one sentence was said", v)
	}
}

// TestReportOldAlignment: an alignment stored before the check existed
// (no check in its JSON) still renders, saying it was not checked.
func TestReportOldAlignment(t *testing.T) {
	r := &align.Result{Quotes: []align.TimedQuote{{TimedSpan: align.TimedSpan{Text: "نعم", Status: align.StatusSpoken}}}}
	var b strings.Builder
	if err := export.WriteAlignment(&b, r, export.FormatReport, export.DocumentInfo{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "1 لم يفحص") || !strings.Contains(b.String(), "أعد المحاذاة") {
		t.Errorf("got %q, want the quotation marked as not checked", b.String())
	}
}

// TestCheckSpeakerClauses reads the speakers of the harness's article with
// the reporting clauses newsrooms use — «وأردف», «وتابع المتحدث ذاته»,
// «وختم كلمته بالقول», «على حد تعبيره», «حسب تعبيره», «على حد قوله»,
// clauses after the quotation, titles («الوزير», «والي الجهة») and an
// unnamed source — against the speakers written beside it.
func TestCheckSpeakerClauses(t *testing.T) {
	dir := filepath.Join("..", "align", "testdata", "eval", "quotes")
	art, err := os.ReadFile(filepath.Join(dir, "education.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sp, err := os.ReadFile(filepath.Join(dir, "education.speakers"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSpace(string(sp)), "\n")
	r := mustAlign(t, new(speaker).Say(greeting).Transcript(), string(art))
	if len(r.Quotes) != len(want) {
		t.Fatalf("got %d quotations, want %d", len(r.Quotes), len(want))
	}
	for i, q := range r.Quotes {
		got := "-"
		if s := q.Check.Speaker; s != nil {
			got = *s
		}
		if got != want[i] {
			t.Errorf("quotation %d «%.30s…»: got speaker %q, want %q", i, q.Text, got, want[i])
		}
	}
}

// TestCheckSpeakerNotAWord: words after a reporting verb that name nobody
// («كلمته», «حديثه», «قائلا», «تعبيره», «بوضوح») never become a speaker —
// a possessive pronoun points back to the last speaker — and a clause of an
// earlier sentence is not read for a quotation that has none. A bare word
// is a surname only of someone named before (the article names a new
// speaker with a given name or a title).
func TestCheckSpeakerNotAWord(t *testing.T) {
	const intro = "قال محمد العلوي، رئيس جماعة المدينة: «إن الميزانية الجديدة تعطي الأولوية للأحياء الهامشية».\n"
	tests := []struct {
		name, article string
		want          []string // "-" for nobody
	}{
		{"ended his speech", intro + "وختم كلمته بالقول: «سنواصل العمل مع الجميع».", []string{"محمد العلوي", "محمد العلوي"}},
		{"went on with his talk", intro + "وتابع حديثه قائلا: «سنواصل العمل مع الجميع».", []string{"محمد العلوي", "محمد العلوي"}},
		{"added", intro + "وأردف: «سنواصل العمل مع الجميع».", []string{"محمد العلوي", "محمد العلوي"}},
		{"in his words after", intro + "«سنواصل العمل مع الجميع»، حسب تعبيره.", []string{"محمد العلوي", "محمد العلوي"}},
		{"in the words of the title", intro + "«سنواصل العمل مع الجميع»، على حد تعبير رئيس الجماعة.", []string{"محمد العلوي", "محمد العلوي"}},
		{"an earlier sentence", intro + "«سنواصل العمل»، يضيف العلوي. وجاء في بلاغ للجماعة: «الاجتماع المقبل سيخصص لملف النظافة».", []string{"محمد العلوي", "محمد العلوي", "-"}},
		{"nobody named", "وأضاف بأن: «الاجتماع المقبل سيخصص لملف النظافة».", []string{"-"}},
		{"a word after the verb", "وأكد قائلا: «الاجتماع المقبل سيخصص لملف النظافة».", []string{"-"}},
		{"an adverb after the verb", "وأكد بوضوح: «الاجتماع المقبل سيخصص لملف النظافة».", []string{"-"}},
		{"a surname never introduced", "وأكد بنموسى: «الاجتماع المقبل سيخصص لملف النظافة».", []string{"-"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustAlign(t, new(speaker).Say(greeting).Transcript(), tt.article)
			if len(r.Quotes) != len(tt.want) {
				t.Fatalf("got %d quotations, want %d", len(r.Quotes), len(tt.want))
			}
			for i, q := range r.Quotes {
				got := "-"
				if s := q.Check.Speaker; s != nil {
					got = *s
				}
				if got != tt.want[i] {
					t.Errorf("quotation %d: got speaker %q, want %q", i, got, tt.want[i])
				}
			}
		})
	}
}

// TestCheckReportAndPage: an altered quotation reads as such in the plain
// text report and in the HTML page — verdict, speaker, the printed word
// struck and the spoken one inserted — and a screen reader hears the verdict.
func TestCheckReportAndPage(t *testing.T) {
	s := new(speaker).Say("المجلس لن يقبل بأي تأخير في إنجاز الأوراش المبرمجة لفائدة الساكنة")
	r := mustAlign(t, s.Transcript(), checkArticle)
	if v := r.Quotes[2].Check.Verdict; v != align.VerdictAltered {
		t.Fatalf("got %s, want altered", v)
	}
	var report, page strings.Builder
	if err := export.WriteAlignment(&report, r, export.FormatReport, export.DocumentInfo{}); err != nil {
		t.Fatal(err)
	}
	if err := export.WriteAlignment(&page, r, export.FormatHTML, export.DocumentInfo{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"الحكم: " + align.VerdictAltered.Label().Arabic + " (altered)", "المتحدث: محمد العلوي", "المشاريع", "الأوراش"} {
		if !strings.Contains(report.String(), want) {
			t.Errorf("report: got %q, want %q in it", report.String(), want)
		}
	}
	for _, want := range []string{`class="q altered"`, "<del>المشاريع</del>", "<ins>الأوراش</ins>", "— محمد العلوي", `aria-label="`} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("page: got no %q", want)
		}
	}
	if i := strings.Index(page.String(), `class="q altered" aria-label="`); i < 0 || !strings.Contains(page.String()[i:i+300], align.VerdictAltered.Label().Arabic) {
		t.Errorf("page: the altered quotation's screen-reader name does not say %s", align.VerdictAltered.Label().Arabic)
	}
}

// TestCheckRecognitionErrors: recognition errors that look like a
// journalist's edit are not called altered — a word said twice around a
// filler, a printed word paired with an unsure like word said next to it,
// the first word after an ellipsis paired inside the cut, the last words
// dropped before a pause, a confident wrong word whose time fits the
// printed one — and an edit where the speech is clear still is, also when
// the recogniser is less sure but the word's time fits what it heard.
func TestCheckRecognitionErrors(t *testing.T) {
	q := checkQuotes
	tests := []struct {
		name    string
		s       *speaker
		quote   int
		altered bool
	}{
		{"repeated around a filler", new(speaker).Natural("إن الميزانية الجديدة يعني الجديدة تعطي الأولوية للأحياء الهامشية وتخصص اعتمادات مهمة للإنارة العمومية والطرق"), 0, false},
		{"paired with an unsure like word", new(speaker).Natural("نحن نعمل على إصلاح شبكة الماء الصالح").Heard("في", 0.3, 0.4).Heard("فيا", 0.7, 0.25).Natural("جميع الأحياء قبل نهاية السنة المقبلة"), 1, false},
		{"first word after the cut paired inside it", new(speaker).Natural(q[3]+" وسنفتح المجال للحوار مع كل المواطنين في الأحياء").Heard("وسنفتخ", 0.4, 0.5).Natural("خطوطا إضافية نحو الجامعة والمستشفى الجهوي"), 3, false},
		{"last words dropped before a pause", new(speaker).Natural("المجلس لن يقبل بأي تأخير في إنجاز المشاريع المبرمجة").Heard("الناس", 0.25, 0.3).Pause(1.5).Natural(greeting), 2, false},
		{"a sure wrong word timed as the printed one", new(speaker).Natural("المجلس لن يقبل بأي تأخير في إنجاز").Heard("ثم", 0.85, 0.057*10).Natural("المبرمجة لفائدة الساكنة"), 2, false},
		{"a sure other word timed as itself", new(speaker).Natural("المجلس لن يقبل بأي تأخير في إنجاز الأوراش المبرمجة لفائدة الساكنة"), 2, true},
		{"a less sure other word timed as itself", new(speaker).Natural("المجلس لن يقبل").Heard("بالمستويات", 0.7, 0.057*12).Natural("تأخير في إنجاز المشاريع المبرمجة لفائدة الساكنة"), 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustAlign(t, tt.s.Transcript(), checkArticle)
			c := r.Quotes[tt.quote].Check
			if got := c.Verdict == align.VerdictAltered; got != tt.altered {
				t.Errorf("got %s %+v, want altered %v", c.Verdict, c.Differences, tt.altered)
			}
		})
	}
}

// TestCheckMisspeltNumber: a number word misspelt in the article («ثلاذين»
// for «ثلاثين», «الألوى» for «الأولى») is a spelling difference, not another
// word: the matching key makes a number of the word said, which no
// misspelling of it matches. A real word printed for a number is another
// word (TestCheckLookAlikeWords).
func TestCheckMisspeltNumber(t *testing.T) {
	for _, tt := range []struct{ printed, said string }{
		{"سنبني ثلاذين مدرسة جديدة في المناطق القروية قبل نهاية السنة المقبلة", "سنبني ثلاثين مدرسة جديدة في المناطق القروية قبل نهاية السنة المقبلة"},
		{"المرحلة الألوى من البرنامج تشمل المناطق القروية قبل نهاية السنة", "المرحلة الأولى من البرنامج تشمل المناطق القروية قبل نهاية السنة"},
	} {
		t.Run(tt.said, func(t *testing.T) {
			r := mustAlign(t, new(speaker).Say(greeting).Say(tt.said).Transcript(), "قال الوزير: «"+tt.printed+"».")
			c := r.Quotes[0].Check
			if c.Verdict != align.VerdictMinor || len(c.Differences) != 1 || c.Differences[0].Kind != align.DiffSpelling {
				t.Errorf("got %s %+v, want minor with one spelling difference", c.Verdict, c.Differences)
			}
		})
	}
}

// TestCheckChangedBesideMisheard: a word changed next to a word the
// recogniser misheard, unsure, is still a sure change: each word of a run
// is weighed alone, and the misheard one does not dilute the other.
func TestCheckChangedBesideMisheard(t *testing.T) {
	// Printed «المشاريع», said «الأوراش»; «إنجاز» before it misheard.
	s := new(speaker).Natural("المجلس لن يقبل بأي تأخير في").Heard("الناس", 0.2, 0.057*7).Heard("الأوراش", 0.95, 0.057*9).Natural("المبرمجة لفائدة الساكنة")
	r := mustAlign(t, s.Transcript(), checkArticle)
	c := r.Quotes[2].Check
	if c.Verdict != align.VerdictAltered {
		t.Fatalf("got %s %+v, want altered", c.Verdict, c.Differences)
	}
}
