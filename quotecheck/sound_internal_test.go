package quotecheck

import "testing"

// TestSoundAlike: the pairs a recogniser writes for one another by ear
// sound alike; words that only look alike, or differ by a hamza that is a
// consonant, do not.
func TestSoundAlike(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"الحالي", "الحلي", true},  // a long vowel dropped
		{"قبل", "قبيل", true},      // a long vowel added
		{"الصيف", "السيف", true},   // ص/س
		{"الأداء", "العداء", true}, // أ/ع
		{"قليلة", "أليلة", true},   // ق/أ
		{"وقت", "وقث", true},       // ت/ث
		{"إذا", "إدا", true},       // ذ/د
		{"حكومة", "حكومت", true},   // ة/ت at the end
		{"المدارس", "المستشفيات", false},
		{"ثلاثية", "ثنائية", false}, // ل/ن: looks alike, does not sound alike
		{"الأمن", "اليمن", false},   // the hamza is a consonant
		{"المتوقعة", "المتوفرة", false},
		{"الشركات", "الشرسات", false},
	}
	for _, tt := range tests {
		if got := soundAlike(tt.a, tt.b); got != tt.want {
			t.Errorf("soundAlike(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestNearNumbers: numbers a recogniser hears for one another.
func TestNearNumbers(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"#3", "#30", true}, {"#13", "#30", true}, {"#59", "#50", true}, {"#59", "#9", true},
		{"#320", "#300", true}, {"#3", "#4", false}, {"#2", "#3", false}, {"#30", "#30", false}, {"#3", "ثلاثة", false},
	}
	for _, tt := range tests {
		if got := nearNumbers(tt.a, tt.b); got != tt.want {
			t.Errorf("nearNumbers(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
