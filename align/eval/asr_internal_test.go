package eval

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/quotecheck"
)

// tuningWords are the words of the tuning articles, as a speaker says them.
func tuningWords(t *testing.T) []spokenWord {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join("..", "testdata", "eval", "quotes", "*.txt"))
	if len(names) == 0 {
		t.Fatal("no tuning articles")
	}
	var out []spokenWord
	tm := 0.0
	for _, n := range names {
		if len(out) >= maxTuningWords {
			break
		}
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words(string(b)) {
			out = append(out, spokenWord{text: w, start: tm, end: tm + 0.4})
			tm += 0.45
		}
	}
	return out
}

// maxTuningWords bounds the words the recogniser tests read: the edit
// distance that measures the WER is quadratic, and 40,000 words (about the
// first hundred articles) give the rates to a tenth of a point.
const maxTuningWords = 40000

// unitKeys are the keys of words with each number phrase (words or digits)
// as one unit, as the recogniser's WER counts them.
func unitKeys(ws []string) []string {
	keys := make([]string, 0, len(ws))
	for _, w := range ws {
		if k := arabic.Key(w); k != "" {
			keys = append(keys, k)
		}
	}
	var out []string
	for i := 0; i < len(keys); {
		if v, n := numberAt(keys[i:]); n > 0 {
			out = append(out, arabic.NumberKey(v))
			i += n
			continue
		}
		out = append(out, keys[i])
		i++
	}
	return out
}

// editDistance is the Levenshtein distance of two word lists.
func editDistance(a, b []string) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			c := prev
			if a[i-1] != b[j-1] {
				c++
			}
			row[j] = min(c, row[j]+1, row[j-1]+1)
			prev = cur
		}
	}
	return row[len(b)]
}

// TestRecogniserWER: the simulated recogniser's word error rate, counted
// as word edits between what was said and what it wrote (a number phrase
// one word), is the track's rate, and its own count agrees.
func TestRecogniserWER(t *testing.T) {
	said := tuningWords(t)
	lex, _ := quotecheck.DefaultLexicon()
	lc := newLexCache(lex)
	for _, wer := range []float64{0.10, 0.20, 0.40} {
		rec := &recogniser{wer: wer, rng: rand.New(rand.NewPCG(1, uint64(wer*100))), lex: lc}
		out := rec.recognise(said)
		var s, h []string
		for _, w := range said {
			s = append(s, w.text)
		}
		for _, w := range out {
			h = append(h, w.Word)
		}
		ref := unitKeys(s)
		got := float64(editDistance(ref, unitKeys(h))) / float64(len(ref))
		// At 40 % errors are dense and the edit distance finds shorter
		// paths than the edits made: a point more of slack.
		tol := 0.02 + 0.01*float64(btoi(wer > 0.3))
		if math.Abs(got-wer) > tol {
			t.Errorf("WER %.0f%%: got %.1f%% measured by edit distance, want within %.0f points", wer*100, got*100, tol*100)
		}
		if c := rec.stats.WER(); math.Abs(c-got) > tol {
			t.Errorf("WER %.0f%%: the recogniser counted %.1f%%, the edit distance is %.1f%%", wer*100, c*100, got*100)
		}
	}
}

// TestRecogniserErrs: at 20 % WER every kind of error of the model occurs,
// about a third of the wrong words are written with confidence, a tenth
// of the right ones with doubt, and, with the lexicon, most sound-alike
// substitutions are real words.
func TestRecogniserErrs(t *testing.T) {
	said := tuningWords(t)
	lex, _ := quotecheck.DefaultLexicon()
	lc := newLexCache(lex)
	rec := &recogniser{wer: 0.20, rng: rand.New(rand.NewPCG(3, 4)), lex: lc}
	rec.recognise(said)
	st := rec.stats
	for k, n := range st.kinds {
		if n == 0 {
			t.Errorf("no error of kind %s", asrKindNames[k])
		}
	}
	if c := float64(st.confident) / float64(st.wrong); c < 0.25 || c > 0.45 {
		t.Errorf("got %.0f%% of wrong words written with confidence, want about a third", 100*c)
	}
	if l := float64(st.rightLow) / float64(st.rightTotal); l < 0.07 || l > 0.13 {
		t.Errorf("got %.0f%% of right words doubted, want about a tenth", 100*l)
	}
	if lex == nil {
		t.Log("no lexicon: sound-alike substitutions are not checked for real words")
		return
	}
	if n := st.kinds[errSound]; float64(st.soundReal) < 0.6*float64(n) {
		t.Errorf("got %d of %d sound-alike substitutions real words, want most (Whisper writes words)", st.soundReal, n)
	}
}

// TestSoundCandidates: the words that sound like a word.
func TestSoundCandidates(t *testing.T) {
	for _, tt := range []struct{ w, want string }{
		{"الأمن", "الأمان"}, {"السيف", "الصيف"}, {"الحالي", "الحلي"}, {"حكومة", "حكومت"}, {"قبل", "كبل"},
	} {
		found := false
		for _, c := range soundCandidates(tt.w) {
			found = found || c == tt.want
		}
		if !found {
			t.Errorf("soundCandidates(%s) = %q, want %s among them", tt.w, soundCandidates(tt.w), tt.want)
		}
	}
}
