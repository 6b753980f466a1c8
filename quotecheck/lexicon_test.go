package quotecheck_test

import (
	"errors"
	"testing"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/quotecheck"
	"github.com/newsscribe/newsscribe/quotecheck/hunspell"
)

// needLexicon skips t without the Arabic lexicon.
func needLexicon(t *testing.T) {
	t.Helper()
	if _, err := quotecheck.DefaultLexicon(); err != nil {
		if errors.Is(err, hunspell.ErrUnavailable) {
			t.Skip("built without the hunspell tag: make test sets it when pkg-config finds libhunspell")
		}
		t.Skipf("no lexicon: %v", err)
	}
}

// TestCheckLookAlikeWords (issue 19, class 1): a printed word that is
// another real word one to three letters from the word said is a changed
// word, not a spelling slip; a printed non-word is a spelling slip; two
// spellings of one word are the same word.
func TestCheckLookAlikeWords(t *testing.T) {
	needLexicon(t)
	tests := []struct {
		name, printed, said string
		want                align.Verdict
		kind                align.DiffKind // of the one difference expected, "" for none
	}{
		{"three became two", "ستكون الشراكة ثلاثية بين الوزارة والجهة والجامعة", "ستكون الشراكة ثنائية بين الوزارة والجهة والجامعة", align.VerdictAltered, align.DiffChanged},
		{"expected for available", "الموارد المتوقعة لا تكفي لتغطية حاجيات الساكنة هذه السنة", "الموارد المتوفرة لا تكفي لتغطية حاجيات الساكنة هذه السنة", align.VerdictAltered, align.DiffChanged},
		{"grandfathers for generations", "نحن مدينون لأجدادنا بهذا الإنجاز الكبير الذي نفخر به", "نحن مدينون لأجيالنا بهذا الإنجاز الكبير الذي نفخر به", align.VerdictAltered, align.DiffChanged},
		{"a word printed for an ordinal said", "الإنذاران موجودان في ملف القضية منذ اليوم الأذن ولم يلتفت إليهما أحد", "الإنذاران موجودان في ملف القضية منذ اليوم الأول ولم يلتفت إليهما أحد", align.VerdictAltered, align.DiffChanged},
		{"excuses for twenty", "سعر رغيف الخبز المدعم سيبقى عذرين قرشا ولا نية لتعديله", "سعر رغيف الخبز المدعم سيبقى عشرين قرشا ولا نية لتعديله", align.VerdictAltered, align.DiffChanged},
		{"a misspelt number is no other word", "سعر رغيف الخبز المدعم سيبقى عشرون قرشا ولا نية لتعديله", "سعر رغيف الخبز المدعم سيبقى 20 قرشا ولا نية لتعديله", align.VerdictVerbatim, ""},
		{"a typo is no other word", "سنواصل التطوةر في كل القطاعات خلال السنوات المقبلة", "سنواصل التطور في كل القطاعات خلال السنوات المقبلة", align.VerdictMinor, align.DiffSpelling},
		{"hamza seat of Cairo", "نتحمل المسئولية كاملة أمام المواطنين في هذا الملف", "نتحمل المسؤولية كاملة أمام المواطنين في هذا الملف", align.VerdictVerbatim, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			art := "قال الوزير: «" + tt.printed + "»."
			r := mustAlign(t, new(speaker).Say(greeting).Say(tt.said).Transcript(), art)
			c := r.Quotes[0].Check
			if c.Verdict != tt.want {
				t.Fatalf("got %s %+v, want %s", c.Verdict, c.Differences, tt.want)
			}
			if tt.kind == "" {
				if len(c.Differences) > 0 {
					t.Errorf("got differences %+v, want none", c.Differences)
				}
				return
			}
			if len(c.Differences) != 1 || c.Differences[0].Kind != tt.kind {
				t.Errorf("got differences %+v, want one %s", c.Differences, tt.kind)
			}
		})
	}
}

// TestCheckWithoutLexicon: without a lexicon the check still runs; it
// cannot tell a look-alike real word from a typo, and says so — unclear,
// never «مطابق» — while a word heard otherwise by ear stays minor.
func TestCheckWithoutLexicon(t *testing.T) {
	tr := new(speaker).Say(greeting).Say("ستكون الشراكة ثنائية بين الوزارة والجهة والجامعة").Transcript()
	x, err := align.Run(tr, "قال الوزير: «ستكون الشراكة ثلاثية بين الوزارة والجهة والجامعة».", align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := quotecheck.CheckWith(x, nil).Quotes[0].Check
	if c.Verdict != align.VerdictUnclear {
		t.Errorf("got %s %+v, want unclear (no lexicon to tell the words apart)", c.Verdict, c.Differences)
	}
	tr = new(speaker).Say(greeting).Say("نحن نعمل على تحسين الأداء قبل نهاية الفصل الحلي").Transcript()
	x, err = align.Run(tr, "قال الوزير: «نحن نعمل على تحسين الأداء قبل نهاية الفصل الحالي».", align.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := quotecheck.CheckWith(x, nil).Quotes[0].Check; c.Verdict != align.VerdictMinor && c.Verdict != align.VerdictVerbatim {
		t.Errorf("«الحالي» heard «الحلي»: got %s %+v, want minor or verbatim", c.Verdict, c.Differences)
	}
}

// TestIsWord: another spelling of a real word that its key does not tell
// apart is a word; a misspelling that only the question particle would
// make one is not.
func TestIsWord(t *testing.T) {
	needLexicon(t)
	lex, _ := quotecheck.DefaultLexicon()
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"المقبلة", true}, {"المقبله", true}, {"اضافيا", true}, {"الاجراءات", true},
		{"التطوةر", false}, {"امناقصة", false},
	} {
		if got := quotecheck.IsWord(lex, tt.w); got != tt.want {
			t.Errorf("IsWord(%s) = %v, want %v", tt.w, got, tt.want)
		}
	}
	if quotecheck.IsWord(nil, "المقبلة") {
		t.Error("IsWord without a lexicon = true, want false")
	}
}
