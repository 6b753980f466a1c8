package align

import (
	"fmt"
	"io"
	"strings"
)

// VerdictLabel is the Arabic name of each verdict, as the newsroom reads it.
var VerdictLabel = map[string]string{
	VerdictVerbatim: "مطابق",
	VerdictMinor:    "مطابق مع فرق إملائي",
	VerdictAltered:  "محرف",
	VerdictStitched: "ملفق من مقاطع متباعدة",
	VerdictNotSaid:  "غير موجود في التسجيل",
	VerdictUnclear:  "غير واضح، يستحسن الاستماع",
	// An alignment stored before the check existed: re-align to check it.
	"": "لم يفحص، أعد المحاذاة",
}

// summaryLabel is the short plural-free form used in the summary line.
var summaryLabel = map[string]string{
	VerdictVerbatim: "مطابقة",
	VerdictMinor:    "بفرق إملائي",
	VerdictAltered:  "محرف",
	VerdictStitched: "ملفق",
	VerdictNotSaid:  "غير موجود",
	VerdictUnclear:  "غير واضح",
	"":              "لم يفحص",
}

// DiffLabel is the Arabic name of each kind of difference.
var DiffLabel = map[string]string{
	DiffSpelling: "إملاء",
	DiffChanged:  "كلمة مبدلة",
	DiffAdded:    "مضاف لم يقل",
	DiffOmitted:  "محذوف دون علامة حذف",
}

var verdictOrder = []string{VerdictVerbatim, VerdictMinor, VerdictAltered, VerdictStitched, VerdictNotSaid, VerdictUnclear, ""}

// Summary is the one line a journalist reads first: «5 اقتباسات: 3 مطابقة،
// 1 محرف، 1 غير موجود».
func Summary(r *Result) string {
	count := map[string]int{}
	for _, q := range r.Quotes {
		count[q.Check.Verdict]++
	}
	var parts []string
	for _, v := range verdictOrder {
		if n := count[v]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, summaryLabel[v]))
		}
	}
	s := fmt.Sprintf("%d اقتباسات", len(r.Quotes))
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, "، ")
	}
	return s
}

// writeReport writes the plain-text check of every quotation: verdict,
// times, speaker and each difference, for the terminal.
func writeReport(w io.Writer, r *Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "فحص الاقتباسات — %s\n", Summary(r))
	for i, q := range r.Quotes {
		c := q.Check
		fmt.Fprintf(&b, "\n%d. «%s»\n", i+1, strings.Join(strings.Fields(q.Text), " "))
		fmt.Fprintf(&b, "   الحكم: %s (%s)\n", VerdictLabel[c.Verdict], c.Verdict)
		if c.Speaker != nil {
			fmt.Fprintf(&b, "   المتحدث: %s\n", c.SpeakerLine())
		}
		for _, p := range c.Parts {
			fmt.Fprintf(&b, "   قيل في %s–%s\n", short(p.Start), short(p.End))
		}
		for _, d := range c.Differences {
			fmt.Fprintf(&b, "   - %s (%s): %s · ثقة %.2f\n", DiffLabel[d.Kind], d.Kind, diffText(d), d.Confidence)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// diffText says what was printed and what was said, and when.
func diffText(d Difference) string {
	at := short(d.Start)
	switch d.Kind {
	case DiffAdded:
		return fmt.Sprintf("المقال «%s»، لم يقل (عند %s)", d.Article, at)
	case DiffOmitted:
		return fmt.Sprintf("قيل «%s» في %s، غائب عن المقال", d.Spoken, at)
	}
	return fmt.Sprintf("المقال «%s»، قيل «%s» في %s", d.Article, d.Spoken, at)
}
