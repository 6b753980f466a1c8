package live_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/newsscribe/newsscribe/live"
	"github.com/newsscribe/newsscribe/transcribe"
)

// hyp builds a hypothesis from "word@start" fields, each word 0.4 s long.
func hyp(s string) []transcribe.Word {
	var out []transcribe.Word
	for _, f := range strings.Fields(s) {
		w, at, _ := strings.Cut(f, "@")
		t, err := strconv.ParseFloat(at, 64)
		if err != nil {
			panic(err)
		}
		out = append(out, transcribe.Word{Word: w, Start: t, End: t + 0.4, Probability: 0.9})
	}
	return out
}

func text(ws []transcribe.Word) string {
	var b []string
	for _, w := range ws {
		b = append(b, w.Word)
	}
	return strings.Join(b, " ")
}

func TestAgreement(t *testing.T) {
	tests := []struct {
		name   string
		n      int
		passes []string
		// final after each pass ("" none), tentative after the last.
		final     []string
		tentative string
	}{
		{
			name:      "two passes agree on a prefix",
			n:         2,
			passes:    []string{"a@0 b@0.5", "a@0 b@0.5 c@1"},
			final:     []string{"", "a b"},
			tentative: "c",
		},
		{
			name:      "a changed word stops the prefix",
			n:         2,
			passes:    []string{"a@0 x@0.5 c@1", "a@0 b@0.5 c@1"},
			final:     []string{"", "a"},
			tentative: "b c",
		},
		{
			name:      "n=3 waits for a third pass",
			n:         3,
			passes:    []string{"a@0", "a@0 b@0.5", "a@0 b@0.5 c@1"},
			final:     []string{"", "", "a"},
			tentative: "b c",
		},
		{
			name:   "finals are not said again",
			n:      2,
			passes: []string{"a@0 b@0.5", "a@0 b@0.5", "a@0 b@0.5 c@1", "a@0 b@0.5 c@1 d@1.5"},
			final:  []string{"", "a b", "", "c"},
			// d is tentative; a and b (already final) are dropped from the
			// third and fourth passes by time.
			tentative: "d",
		},
		{
			name: "a repeat of the last finals at a new time is dropped",
			n:    2,
			// The window was cut: the pass says b again, 0.35 s later.
			passes:    []string{"a@0 b@0.5", "a@0 b@0.5", "b@0.85 c@1", "b@0.85 c@1"},
			final:     []string{"", "a b", "", "c"},
			tentative: "",
		},
		{
			name:      "punctuation does not make a word differ",
			n:         2,
			passes:    []string{"قال@0 الوزير،@0.5", "قال@0 الوزير@0.5 إن@1"},
			final:     []string{"", "قال الوزير"},
			tentative: "إن",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := live.NewAgreement(tc.n)
			for i, p := range tc.passes {
				got := text(a.Insert(hyp(p)))
				if got != tc.final[i] {
					t.Errorf("pass %d: final %q, want %q", i+1, got, tc.final[i])
				}
			}
			if got := text(a.Tentative()); got != tc.tentative {
				t.Errorf("tentative %q, want %q", got, tc.tentative)
			}
		})
	}
}

func TestAgreementCommit(t *testing.T) {
	a := live.NewAgreement(2)
	a.Insert(hyp("a@0 b@0.5 c@1"))
	if got := text(a.CommitBefore(1)); got != "a b" {
		t.Errorf("CommitBefore(1): %q, want %q", got, "a b")
	}
	if got := text(a.Tentative()); got != "" {
		t.Errorf("tentative after a cut: %q, want none", got)
	}
	a.Insert(hyp("c@1 d@1.5"))
	if got := text(a.CommitAll()); got != "c d" {
		t.Errorf("CommitAll: %q, want %q", got, "c d")
	}
	if got := a.CommitAll(); got != nil {
		t.Errorf("CommitAll twice: %q, want nothing", text(got))
	}
	if a.N() != 2 || live.NewAgreement(1).N() != 2 {
		t.Errorf("N: want at least 2")
	}
}
