package live

import (
	"strings"
	"unicode"

	"github.com/newsscribe/newsscribe/transcribe"
)

// Agreement is the LocalAgreement-n commit policy of Macháček, Dabre and
// Bojar, "Turning Whisper into Real-Time Transcription System" (2023), as
// ufal/whisper_streaming implements it for n = 2 (whisper_online.py,
// HypothesisBuffer.insert and flush) and WhisperLiveKit keeps it
// (whisperlivekit/local_agreement/online_asr.py): each recognition pass over
// the sliding window gives a hypothesis; a word becomes final once the last
// n hypotheses agree on it and on every word before it. Finals never change;
// what follows them in the newest hypothesis is tentative.
//
// As there, a hypothesis is first cut to the words that start after the
// last final (less 0.1 s), and its first one to five words are dropped when
// they repeat the last finals (the window still holds their audio, so the
// recogniser says them again). Words are compared by their text without
// surrounding spaces and punctuation.
//
// An Agreement is not safe for concurrent use.
type Agreement struct {
	n int
	// hyps are the last n uncommitted tails, oldest first.
	hyps [][]transcribe.Word
	// recent are the finals whose audio may still be in the window, for
	// the repeat check; lastEnd is the end of the last final.
	recent  []transcribe.Word
	lastEnd float64
}

// maxRepeat is the longest run of finals a new hypothesis may repeat at its
// start (whisper_streaming's 5).
const maxRepeat = 5

// NewAgreement returns the policy for n consecutive agreeing passes; n < 2
// is taken as 2 (one pass agrees with itself: every word would be final at
// once).
func NewAgreement(n int) *Agreement {
	return &Agreement{n: max(n, 2)}
}

// N is the number of passes that must agree.
func (a *Agreement) N() int { return a.n }

// Insert takes the words of a new pass (times in seconds from the start of
// the session, in order) and returns the words it makes final, in order;
// they carry the newest pass's times.
func (a *Agreement) Insert(hyp []transcribe.Word) []transcribe.Word {
	a.hyps = append(a.hyps, a.tail(hyp))
	if len(a.hyps) > a.n {
		a.hyps = a.hyps[len(a.hyps)-a.n:]
	}
	if len(a.hyps) < a.n {
		return nil
	}
	newest := a.hyps[len(a.hyps)-1]
	k := 0
	for ; k < len(newest); k++ {
		agreed := true
		for _, h := range a.hyps[:len(a.hyps)-1] {
			if k >= len(h) || !sameWord(h[k].Word, newest[k].Word) {
				agreed = false
				break
			}
		}
		if !agreed {
			break
		}
	}
	return a.commit(k)
}

// commit makes the first k words of the newest hypothesis final.
func (a *Agreement) commit(k int) []transcribe.Word {
	if k == 0 || len(a.hyps) == 0 {
		return nil
	}
	newest := a.hyps[len(a.hyps)-1]
	out := append([]transcribe.Word(nil), newest[:k]...)
	for i, h := range a.hyps {
		a.hyps[i] = h[min(k, len(h)):]
	}
	a.recent = append(a.recent, out...)
	if len(a.recent) > maxRepeat {
		a.recent = append([]transcribe.Word(nil), a.recent[len(a.recent)-maxRepeat:]...)
	}
	a.lastEnd = out[len(out)-1].End
	return out
}

// tail is hyp without the words the finals already hold.
func (a *Agreement) tail(hyp []transcribe.Word) []transcribe.Word {
	out := make([]transcribe.Word, 0, len(hyp))
	for _, w := range hyp {
		if w.Start > a.lastEnd-0.1 {
			out = append(out, w)
		}
	}
	if len(out) == 0 || len(a.recent) == 0 || out[0].Start-a.lastEnd >= 1 || a.lastEnd-out[0].Start >= 1 {
		return out
	}
	for i := 1; i <= min(len(a.recent), len(out), maxRepeat); i++ {
		if sameWords(a.recent[len(a.recent)-i:], out[:i]) {
			return out[i:]
		}
	}
	return out
}

// Tentative is the newest hypothesis's words that are not final yet.
func (a *Agreement) Tentative() []transcribe.Word {
	if len(a.hyps) == 0 {
		return nil
	}
	return append([]transcribe.Word(nil), a.hyps[len(a.hyps)-1]...)
}

// CommitAll makes the whole tentative tail final: the audio it was heard
// in can no longer change (the speaker paused, or the stream ended), so a
// further pass over it would say the same.
func (a *Agreement) CommitAll() []transcribe.Word {
	if len(a.hyps) == 0 {
		return nil
	}
	return a.commit(len(a.hyps[len(a.hyps)-1]))
}

// CommitBefore makes final the tentative words that end by t (seconds), and
// drops the rest: the window is being cut at t.
func (a *Agreement) CommitBefore(t float64) []transcribe.Word {
	out := a.CommitUntil(t)
	a.Drop()
	return out
}

// CommitUntil makes final the newest hypothesis's words that end by t
// (seconds), keeping the rest tentative: the speaker paused at t, and the
// audio before a pause no longer changes.
func (a *Agreement) CommitUntil(t float64) []transcribe.Word {
	if len(a.hyps) == 0 {
		return nil
	}
	newest := a.hyps[len(a.hyps)-1]
	k := 0
	for k < len(newest) && newest[k].End <= t {
		k++
	}
	return a.commit(k)
}

// Drop forgets the hypotheses (not the finals): the window was cut, so the
// next pass starts afresh.
func (a *Agreement) Drop() {
	a.hyps = nil
}

// sameWords reports whether two runs of words say the same.
func sameWords(x, y []transcribe.Word) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !sameWord(x[i].Word, y[i].Word) {
			return false
		}
	}
	return true
}

// sameWord compares two recognised words by their text without spaces and
// punctuation around it (Whisper attaches «،» or «.» to a word in one pass
// and not in the next).
func sameWord(x, y string) bool {
	trim := func(s string) string {
		return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	}
	return strings.EqualFold(trim(x), trim(y))
}
