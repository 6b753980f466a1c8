package align_test

import (
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/align"
)

func TestHeadline(t *testing.T) {
	long := strings.Repeat("كلمة ", 60)
	for _, tc := range []struct {
		name, article, want string
	}{
		{"dateline first", "اخبار جهة مراكش | السبت 16 مايو 2015 - 18:53\n\nوالي الامن الدخيسي يكشف الاستراتيجية الامنية للحفاظ على الامن ومحاربة الجريمة بمراكش +تسجيل صوتي\n\n  • Whatsapp\n",
			"والي الامن الدخيسي يكشف الاستراتيجية الامنية للحفاظ على الامن ومحاربة الجريمة بمراكش +تسجيل صوتي"},
		{"headline first", "\n  افتتاح المدرسة الجديدة في الرباط.\nقال الوزير: «مرحبا».\n", "افتتاح المدرسة الجديدة في الرباط."},
		{"short headline, no full stop", "الرباط | 18:53\nبرنامج وطني للوقاية\nقال الوزير: «مرحبا».\n", "برنامج وطني للوقاية"},
		{"share button skipped", "• Whatsapp\nWhatsapp\nافتتاح المدرسة\n", "افتتاح المدرسة"},
		{"nothing but furniture", "الرباط | 18:53\n", "الرباط | 18:53"},
		{"empty", " \n\n", ""},
		{"long line cut at a word", long, strings.TrimSpace(strings.Repeat("كلمة ", 32)) + " …"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := align.Headline(tc.article); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
