package arabic_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align/arabic"
)

func TestKey(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"hamza above", "الأمن", "الامن"},
		{"hamza below", "إستراتيجية", "استراتيجيه"},
		{"madda", "آليات", "اليات"},
		{"wasla", "ٱلله", "الله"},
		{"tashkeel", "مُحَمَّدٌ", "محمد"},
		{"quranic marks", "ذَٰلِكَ ۖ", "ذلك"},
		{"ligature with spaces", "ﷺ", "صلياللهعليهوسلم"},
		{"tatweel", "الـــأمن", "الامن"},
		{"alef maqsura", "على", "علي"},
		{"ta marbuta", "مدينة", "مدينه"},
		{"waw hamza", "مؤسسة", "مءسسه"},
		{"ya hamza", "رئيس", "رءيس"},
		{"hamza on the line", "سماء", "سماء"},
		{"hamza alone", "ء", ""},
		{"hamza seats: waw", "مسؤولية", "مسءوليه"},
		{"hamza seats: ya", "مسئولية", "مسءوليه"},
		{"hamza on the line for ya", "مسءولية", "مسءوليه"},
		{"ya and hamza at the end", "شيء", "شء"},
		{"ya hamza at the end", "شئ", "شء"},
		{"ya hamza before a suffix", "مجيئه", "مجءه"},
		{"ya and hamza before a suffix", "مجيءه", "مجءه"},
		{"hamza after alef", "يتساءلون", "يتساءلون"},
		{"ya hamza after alef", "يتسائلون", "يتساءلون"},
		{"persian letters", "کی", "كي"},
		{"arabic-indic digits", "٢٠١٥", "2015"},
		{"eastern digits", "۱۶", "16"},
		{"latin", "WhatsApp", "whatsapp"},
		{"presentation forms", "ﻻ", "لا"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := arabic.Key(tt.in); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSameKey: spellings of one word a newsroom meets share one key.
func TestSameKey(t *testing.T) {
	for _, pair := range [][2]string{
		{"مسؤولية", "مسئولية"}, {"المسؤولين", "المسئولين"}, {"شيء", "شئ"}, {"بريء", "برئ"},
		{"يتساءلون", "يتسائلون"}, {"مساءلة", "مسائلة"}, {"مجيئه", "مجيءه"}, {"رؤساء", "رءساء"},
		{"إسرائيل", "اسرائيل"}, {"أوكرانيا", "اوكرانيا"}, {"الأولى", "الاولي"},
	} {
		if a, b := arabic.Key(pair[0]), arabic.Key(pair[1]); a != b {
			t.Errorf("Key(%q) = %q, Key(%q) = %q, want the same", pair[0], a, pair[1], b)
		}
	}
}

func TestTokenize(t *testing.T) {
	text := "قال «الأمن»، وأضاف: “هذا 59٪!” (٢٠١٥) ء"
	got := arabic.Tokenize(text)
	want := []struct {
		text, key  string
		start, end int
	}{
		{"قال", "قال", 0, 3},
		{"الأمن", "الامن", 5, 10},
		{"وأضاف", "واضاف", 13, 18},
		{"هذا", "هذا", 21, 24},
		{"59", "59", 25, 27},
		{"٢٠١٥", "2015", 32, 36},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d tokens %+v, want %d", len(got), got, len(want))
	}
	runes := []rune(text)
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || g.Key != w.key || g.Start != w.start || g.End != w.end {
			t.Errorf("token %d = %+v, want %+v", i, g, w)
		}
		if s := string(runes[g.Start:g.End]); s != g.Text {
			t.Errorf("token %d: text at offsets %q, want %q", i, s, g.Text)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in    string
		value int
		n     int
	}{
		{"التاسعة والخمسين لتأسيس", 59, 2},
		{"ألفين وخمسة عشر", 2015, 3},
		{"ألفان وخمسة عشر", 2015, 3},
		{"الحادية عشرة", 11, 2},
		{"ثلاثة آلاف وخمسمائة", 3500, 3},
		{"مائة وخمسة وعشرون", 125, 3},
		{"ثلاث مائة", 300, 2},
		{"ألف وتسعمائة وتسعة وتسعين", 1999, 4},
		{"خمسون ألفا", 50000, 2},
		{"تسعمائة وتسعة وتسعون ألفا وتسعمائة وتسعة وتسعون", 999999, 7},
		{"ستة عشر ماي", 16, 2},
		{"الأول", 1, 1},
		{"خمسة وزراء", 5, 1},
		{"قال خمسة", 0, 0},
		{"عشرون عشرون", 20, 1},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var keys []string
			for _, tok := range arabic.Tokenize(tt.in) {
				keys = append(keys, tok.Key)
			}
			v, n := arabic.ParseNumber(keys)
			if v != tt.value || n != tt.n {
				t.Errorf("ParseNumber(%q) = %d, %d; want %d, %d", tt.in, v, n, tt.value, tt.n)
			}
		})
	}
}

func TestWordsRoundTrip(t *testing.T) {
	// Every 101st value (coprime to 10) covers all unit, tens and hundreds digits in each
	// position without spending half a minute.
	step := 101
	if testing.Short() {
		step = 997
	}
	for _, form := range []arabic.NumberForm{arabic.Nominative, arabic.Genitive, arabic.Ordinal} {
		for v := 0; v <= 999999; v += step {
			w := arabic.Words(v, form)
			var keys []string
			for _, tok := range arabic.Tokenize(w) {
				keys = append(keys, tok.Key)
			}
			got, n := arabic.ParseNumber(keys)
			if got != v || n != len(keys) {
				t.Fatalf("ParseNumber(Words(%d, %d) = %q) = %d using %d of %d words", v, form, w, got, n, len(keys))
			}
		}
	}
}

func TestStemAndSimilarity(t *testing.T) {
	tests := []struct {
		a, b    string
		min, mx float64
	}{
		{"الأمن", "الامن", 1, 1},
		{"بالأمن", "الأمن", 0.9, 0.9},
		{"وللأمن", "أمن", 0.9, 0.9},
		{"للجنة", "اللجنة", 0.9, 0.9}, // ل + اللجنة is written «للجنة»
		{"وللجنة", "لجنة", 0.9, 0.9},
		{"التطوةر", "التطور", 0.7, 0.85},
		{"في", "من", 0, 0.1},
		{"قال", "مراكش", 0, 0.3},
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			a, b := arabic.NewWord(arabic.Key(tt.a)), arabic.NewWord(arabic.Key(tt.b))
			got := arabic.Similarity(&a, &b)
			if got < tt.min || got > tt.mx {
				t.Errorf("Similarity(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.a, tt.b, got, tt.min, tt.mx)
			}
			if back := arabic.Similarity(&b, &a); back != got {
				t.Errorf("Similarity is not symmetric: %.3f vs %.3f", got, back)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"قال محمد الدخيسي، والي امن مراكش: “إن ولاية أمن مراكش…”",
		"مُحَمَّدٌ ٢٠١٥ ۱۶ ﻻ ء ـــ",
		"\xff\xfe broken \xc3 utf8",
		"[youtube]https://www.youtube.com/watch?v=8KEPqHQyV8M[/youtube]",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := arabic.Tokenize(s)
		n := utf8.RuneCountInString(s)
		runes := []rune(s)
		prev := 0
		for i, tok := range toks {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > n {
				t.Fatalf("token %d has offsets [%d,%d) after %d in %d runes", i, tok.Start, tok.End, prev, n)
			}
			prev = tok.End
			if string(runes[tok.Start:tok.End]) != tok.Text {
				t.Fatalf("token %d text %q does not match its offsets", i, tok.Text)
			}
			if tok.Key == "" {
				t.Fatalf("token %d has an empty key", i)
			}
			if k2 := arabic.Key(tok.Key); k2 != tok.Key {
				t.Fatalf("Key is not idempotent: %q → %q", tok.Key, k2)
			}
			if strings.ContainsAny(tok.Key, " ،؛؟«»“”.,") {
				t.Fatalf("key %q holds a separator", tok.Key)
			}
			if re := arabic.Tokenize(tok.Text); len(re) != 1 {
				t.Fatalf("token text %q re-tokenises into %d tokens", tok.Text, len(re))
			}
		}
		var keys []string
		for _, tok := range toks {
			keys = append(keys, tok.Key)
		}
		for i := range keys {
			if v, used := arabic.ParseNumber(keys[i:]); used < 0 || used > len(keys)-i || v < 0 {
				t.Fatalf("ParseNumber = %d, %d at %d of %d", v, used, i, len(keys))
			}
		}
	})
}
