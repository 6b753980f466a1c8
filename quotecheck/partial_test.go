package quotecheck_test

import (
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
)

// TestCheckHalfSaid (issue 19, class 4): a long quotation of which the
// speaker said the first sixteen words is partial in the alignment and
// altered in the check — its said words a part, the rest added — never
// «not said» with no parts; the verdict and the alignment's status agree.
func TestCheckHalfSaid(t *testing.T) {
	said := "إن الحكومة عازمة على مواصلة الإصلاحات الكبرى في قطاع التعليم والصحة والتشغيل رغم كل الصعوبات المالية"
	rest := "التي تعرفها بلادنا منذ سنوات بسبب الأزمة الاقتصادية العالمية وارتفاع أسعار الطاقة والمواد الأولية في الأسواق الدولية " +
		"ولذلك قررنا أن نرفع ميزانية الاستثمار العمومي وأن نواصل دعم القدرة الشرائية للأسر المتوسطة والفقيرة وأن نفتح ورشا كبيرا " +
		"لإصلاح الإدارة ورقمنة خدماتها حتى يحصل المواطن على حقوقه دون عناء ودون انتظار طويل أمام الشبابيك في المدن والقرى " +
		"وهذا التزام قطعناه أمام البرلمان وأمام المواطنين ولن نتراجع عنه مهما كانت الظروف والتحديات التي تنتظرنا في السنوات الثلاث المقبلة من هذه الولاية الحكومية"
	art := "قال رئيس الحكومة: «" + said + " " + rest + "»."
	if n := len(strings.Fields(said + " " + rest)); n < 95 {
		t.Fatalf("the quotation has %d words, want about 96", n)
	}
	r := mustAlign(t, new(speaker).Say(greeting).Say(said).Transcript(), art)
	q := r.Quotes[0]
	if q.Status != align.StatusPartial {
		t.Fatalf("got alignment status %s, want partial", q.Status)
	}
	c := q.Check
	if c.Verdict != align.VerdictAltered {
		t.Errorf("got %s, want altered", c.Verdict)
	}
	if len(c.Parts) != 1 || c.Parts[0].CharStart != q.CharStart {
		t.Errorf("got parts %+v, want the said words as one part from the quotation's start", c.Parts)
	}
	added := false
	for _, d := range c.Differences {
		added = added || d.Kind == align.DiffAdded && d.Confidence >= align.MinAlteredConfidence
	}
	if !added {
		t.Errorf("got differences %+v, want the words never said as added", c.Differences)
	}
}

// TestCheckAddedBesideUnsureWords (issue 19, class 2): three printed words
// said nowhere are added, even when the recogniser was unsure of the words
// around their place — low confidence there is no evidence that it
// dropped three words.
func TestCheckAddedBesideUnsureWords(t *testing.T) {
	art := "قال الوزير: «إن الحكومة ستعمل دون أي تردد على إصلاح شبكة الطرق في جميع أحياء المدينة»."
	s := new(speaker).Say(greeting)
	for _, w := range strings.Fields("إن الحكومة") {
		s.Heard(w, 0.95, 0.4)
	}
	s.Heard("ستعمل", 0.3, 0.45).Pause(0.5).Heard("على", 0.3, 0.2)
	for _, w := range strings.Fields("إصلاح شبكة الطرق في جميع أحياء المدينة") {
		s.Heard(w, 0.95, 0.4)
	}
	r := mustAlign(t, s.Transcript(), art)
	c := r.Quotes[0].Check
	if c.Verdict != align.VerdictAltered {
		t.Fatalf("got %s %+v, want altered", c.Verdict, c.Differences)
	}
	if len(c.Differences) != 1 || c.Differences[0].Kind != align.DiffAdded || c.Differences[0].Article != "دون أي تردد" {
		t.Errorf("got differences %+v, want «دون أي تردد» added", c.Differences)
	}
}
