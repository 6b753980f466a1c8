package quotecheck_test

import (
	"testing"
)

// TestCheckSpeakerRoles (issue 19, class 3): speakers named by role or
// surname resolve to the person the article introduced; a quotation with
// no reporting clause goes on with the speaker before it; a name ends
// where the name ends; two people with one title are told apart.
func TestCheckSpeakerRoles(t *testing.T) {
	art := `تونس | الأربعاء 12 نوفمبر 2025

وحضر الجلسة وزير الإسكان المهندس شريف الشربيني وعدد من النواب.
وقال المحامي عبد الرزاق الكيلاني، عضو هيئة الدفاع: «موكلي لم يوقع على أي صفقة خارج القانون».
«التهم الموجهة إلى موكلي لا تستند إلى أي دليل مادي».
في المقابل، أكد المحامي منير بن صالحة، نائب الشركة، أن «الخسائر تتجاوز عشرين مليون دينار».
وردّ المحامي الكيلاني على زميله قائلا: «الأرقام المقدمة مبالغ فيها».
وأوضح الشربيني: «سنوفر وحدات بديلة في المدن الجديدة».`
	want := []string{"عبد الرزاق الكيلاني", "عبد الرزاق الكيلاني", "منير بن صالحة", "عبد الرزاق الكيلاني", "شريف الشربيني"}
	// The role as the article gives it, honorifics («المهندس») left out.
	roles := []string{"المحامي، عضو هيئة الدفاع", "المحامي، عضو هيئة الدفاع", "المحامي، نائب الشركة", "المحامي، عضو هيئة الدفاع", "وزير الإسكان"}
	r := mustAlign(t, new(speaker).Say(greeting).Transcript(), art)
	if len(r.Quotes) != len(want) {
		t.Fatalf("got %d quotations, want %d", len(r.Quotes), len(want))
	}
	for i, q := range r.Quotes {
		got := "<nil>"
		if q.Check.Speaker != nil {
			got = *q.Check.Speaker
		}
		if got != want[i] {
			t.Errorf("quotation %d: got speaker %q, want %q", i, got, want[i])
		}
		if r := q.Check.SpeakerRole; r == nil || *r != roles[i] {
			t.Errorf("quotation %d: got role %v, want %q", i, r, roles[i])
		}
	}
}
