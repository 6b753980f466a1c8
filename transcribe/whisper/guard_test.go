package whisper

import (
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/transcribe"
)

func TestHallucination(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		noSpeech float64
		want     bool
	}{
		{"nancy qanqar credit in silence", "ترجمة نانسي قنقر", 0.8, true},
		{"credit with diacritics and punctuation", "  ترجمة: نانسي قنقر.", 0.7, true},
		{"subscribe and thanks together", "اشتركوا في القناة. شكراً على المشاهدة!", 0.9, true},
		{"thanks for watching variant spelling", "شكراً للمشاهدة", 0.9, true},
		{"credit while speech is likely is kept", "ترجمة نانسي قنقر", 0.2, false},
		{"real speech with a silence phrase inside is kept", "وقال الوزير شكرا على المشاهدة والاهتمام", 0.9, false},
		{"genuine thanks is never a silence phrase", "شكرا لكم", 0.95, false},
		{"punctuation only", " ... ، ؟ ", 0.1, true},
		{"empty", "", 0, true},
		{"single word loop", strings.Repeat("و ", 12), 0.1, true},
		{"phrase loop", strings.Repeat("في هذا اليوم ", 6), 0.1, true},
		{"four takbirs are speech", strings.Repeat("الله أكبر ", 4) + "أشهد أن لا إله إلا الله", 0.1, false},
		{"ordinary sentence", "أعلنت الحكومة اليوم عن خطة جديدة للتعليم", 0.9, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reason, got := Hallucination(transcribe.Segment{Text: tt.text, NoSpeechProb: tt.noSpeech}, 0)
			if got != tt.want {
				t.Errorf("Hallucination(%q, %v) = %v (%s), want %v", tt.text, tt.noSpeech, got, reason, tt.want)
			}
		})
	}
}

func TestHallucinationThreshold(t *testing.T) {
	seg := transcribe.Segment{Text: "اشتركوا في القناة", NoSpeechProb: 0.5}
	if _, drop := Hallucination(seg, 0.4); !drop {
		t.Errorf("threshold 0.4, no_speech 0.5: got kept, want dropped")
	}
	if _, drop := Hallucination(seg, 0); drop {
		t.Errorf("default threshold %v, no_speech 0.5: got dropped, want kept", transcribe.DefaultNoSpeechThreshold)
	}
}
