package align

// This fuzz target is an internal test, against the house rule of external
// test packages, because one invariant — times are monotone within each
// passage — is about passages, which the Result does not expose.

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align/arabic"
	"github.com/newsscribe/newsscribe/transcribe"
)

// fuzzTranscript makes a transcript of speech: one word per token, with
// durations taken from the bytes of timing (monotone times).
func fuzzTranscript(speech string, timing []byte) *transcribe.Transcript {
	t := &transcribe.Transcript{Language: "ar"}
	var ws []transcribe.Word
	now := 0.0
	for i, tok := range strings.Fields(speech) {
		d := 0.3
		if len(timing) > 0 {
			d = float64(timing[i%len(timing)]) / 100
		}
		ws = append(ws, transcribe.Word{Word: tok, Start: now, End: now + d})
		now += d + 0.05
	}
	for i := 0; i < len(ws); i += 7 {
		seg := ws[i:min(i+7, len(ws))]
		t.Segments = append(t.Segments, transcribe.Segment{ID: len(t.Segments), Start: seg[0].Start, End: seg[len(seg)-1].End, Words: seg})
	}
	if len(ws) == 0 && speech != "" {
		t.Segments = append(t.Segments, transcribe.Segment{Start: 0, End: 2, Text: speech})
	}
	return t
}

func FuzzAlign(f *testing.F) {
	art, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(art), "وتابعت نحن نعول على انخراط الأسر والأطر الصحية فالوقاية خير من العلاج", []byte{30, 40})
	f.Add(string(art), "إن هذا البرنامج يشمل التاسعة والخمسين مركزا صحيا في المرحلة الأولى و سيمتد", []byte{0, 255, 3})
	f.Add("قال: «نعم نعم نعم». نعم نعم؟ “نعم", "نعم نعم نعم نعم نعم نعم نعم نعم نعم", []byte{1})
	f.Add("١٢٣ ٤٥ ألفين وخمسة عشر\n\n\n“", "2015 123 45 ألفين", []byte{})
	f.Add("", "", []byte{})
	f.Add("قال محمد العلوي: «نحن نعمل … على إصلاح (...) شبكة [...] الماء» وأضاف العلوي: «الماء نعم»، يقول نفس المتحدث", "نحن نعمل يعني على إصلاح آه شبكة الماء الماء نعم", []byte{20, 90})
	f.Add("«« »» «نعم» “لا «ربما» أبدا” \"", "نعم لا ربما أبدا", []byte{5})
	f.Fuzz(func(t *testing.T, article, speech string, timing []byte) {
		if !utf8.ValidString(article) {
			if _, err := Run(fuzzTranscript(speech, timing), article, Options{}); err != ErrNotUTF8 {
				t.Fatalf("invalid UTF-8 article: got %v, want ErrNotUTF8", err)
			}
			return
		}
		a := ParseArticle(article)
		al := newAligner(fuzzTranscript(speech, timing), a, Options{}.withDefaults())
		al.run()
		r := al.result()
		// Words: every article word once, offsets valid and in order.
		if len(r.Words) != len(a.Words) {
			t.Fatalf("got %d words, want %d", len(r.Words), len(a.Words))
		}
		runes := []rune(article)
		prev := 0
		for i, w := range r.Words {
			if w.CharStart < prev || w.CharEnd <= w.CharStart || w.CharEnd > len(runes) || string(runes[w.CharStart:w.CharEnd]) != w.Text {
				t.Fatalf("word %d: bad offsets [%d,%d) text %q", i, w.CharStart, w.CharEnd, w.Text)
			}
			prev = w.CharEnd
			if (w.Start == nil) != (w.Status == StatusMissing) || (w.Start != nil && *w.End < *w.Start) {
				t.Fatalf("word %d: status %s with times %v %v", i, w.Status, w.Start, w.End)
			}
		}
		// Interpolated words sit between two matched words of their
		// sentence or quotation, at most MaxInterpolated words apart (a
		// run paired by similarity may leave some of its words missing).
		opts := Options{}.withDefaults()
		minSim := opts.MinSimilarity
		for i, w := range r.Words {
			if w.Status != StatusInterpolated {
				continue
			}
			p, n := i-1, i+1
			for p >= 0 && r.Words[p].Status != StatusMatched && i-p <= opts.MaxInterpolated {
				p--
			}
			for n < len(r.Words) && r.Words[n].Status != StatusMatched && n-i <= opts.MaxInterpolated {
				n++
			}
			if p < 0 || n >= len(r.Words) {
				t.Fatalf("interpolated word %d has no matched neighbour on one side", i)
			}
			for _, nb := range []TimedWord{r.Words[p], r.Words[n]} {
				if nb.Status != StatusMatched || nb.Score < minSim {
					t.Fatalf("interpolated word %d next to a %s word with score %.2f", i, nb.Status, nb.Score)
				}
				sameQuote := nb.Quote != nil && w.Quote != nil && *nb.Quote == *w.Quote
				if nb.Sentence != w.Sentence && !sameQuote {
					t.Fatalf("interpolated word %d's neighbour is in another sentence and quotation", i)
				}
			}
		}
		// Passages: valid offsets and coverage.
		check := func(kind string, ps []TimedSpan) {
			for i, p := range ps {
				if p.CharStart < 0 || p.CharEnd > len(runes) || p.CharStart >= p.CharEnd || string(runes[p.CharStart:p.CharEnd]) != p.Text || p.Coverage < 0 || p.Coverage > 1 {
					t.Fatalf("%s %d: bad passage %+v", kind, i, p)
				}
			}
		}
		ss := make([]TimedSpan, len(r.Sentences))
		for i, s := range r.Sentences {
			ss[i] = s.TimedSpan
		}
		check("sentence", ss)
		qs := make([]TimedSpan, len(r.Quotes))
		for i, q := range r.Quotes {
			qs[i] = q.TimedSpan
		}
		check("quote", qs)
		checkCues(t, r)
		// Times are monotone within a passage; every transcript unit is
		// used by at most one article passage.
		last := map[int32]int32{}
		for j := range al.au {
			if al.mLo[j] < 0 {
				continue
			}
			if l, ok := last[al.cl.article.owner[j]]; ok && al.mLo[j] < l {
				t.Fatalf("passage %d goes back in time at article unit %d", al.cl.article.owner[j], j)
			}
			last[al.cl.article.owner[j]] = al.mLo[j]
		}
		owner := map[int32]int32{}
		for j := range al.au {
			for tt := al.mLo[j]; tt >= 0 && tt < al.mHi[j]; tt++ {
				if o, ok := owner[tt]; ok && o != al.cl.article.owner[j] {
					t.Fatalf("transcript unit %d used by passages %d and %d", tt, o, al.cl.article.owner[j])
				}
				owner[tt] = al.cl.article.owner[j]
			}
		}
		// Unmatched speech and matched speech partition the transcript.
		n := 0
		for _, u := range r.Unmatched {
			n += len(arabic.Tokenize(u.Text))
		}
		if n > len(al.tw) {
			t.Fatalf("got %d unmatched words of %d", n, len(al.tw))
		}
	})
}

// checkCues verifies the subtitles of r: cues numbered from 1, in time
// order, never on screen together, at most two lines of at most 42
// characters (a word longer than a line has one of its own).
func checkCues(t testing.TB, r *Result) {
	t.Helper()
	for _, f := range []Format{FormatSRT, FormatVTT} {
		var b strings.Builder
		if err := Write(&b, r, f); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cues, err := parseCues(b.String())
		if err != nil {
			t.Fatalf("%s: %v in %q", f, err, b.String())
		}
		prevEnd := 0.0
		for i, c := range cues {
			if c.N != i+1 || c.Start < prevEnd || c.End <= c.Start {
				t.Fatalf("%s cue %d: got number %d, %.3f --> %.3f after a cue ending at %.3f", f, i+1, c.N, c.Start, c.End, prevEnd)
			}
			prevEnd = c.End
			if len(c.Lines) > transcribe.SubtitleMaxLines {
				t.Fatalf("%s cue %d: got %d lines", f, i+1, len(c.Lines))
			}
			for _, l := range c.Lines {
				if n := utf8.RuneCountInString(l); n > transcribe.SubtitleLineLength && strings.Contains(l, " ") {
					t.Fatalf("%s cue %d: got a line of %d characters %q", f, i+1, n, l)
				}
			}
		}
	}
}

// testCue is one cue read back from SRT or WebVTT, its lines without the
// right-to-left embedding.
type testCue struct {
	N          int
	Start, End float64 // seconds
	Lines      []string
}

// parseCues reads the cues of SRT or WebVTT written by Write.
func parseCues(out string) ([]testCue, error) {
	out = strings.TrimPrefix(out, "WEBVTT\n\n")
	var cues []testCue
	for _, blk := range strings.Split(strings.TrimSpace(out), "\n\n") {
		if blk == "" {
			continue
		}
		lines := strings.Split(blk, "\n")
		if len(lines) < 3 {
			return nil, fmt.Errorf("cue %q: want a number, a time line and text", blk)
		}
		c := testCue{}
		if _, err := fmt.Sscanf(lines[0], "%d", &c.N); err != nil {
			return nil, fmt.Errorf("cue number %q: %w", lines[0], err)
		}
		from, to, ok := strings.Cut(lines[1], " --> ")
		if !ok {
			return nil, fmt.Errorf("time line %q", lines[1])
		}
		for _, x := range []struct {
			s   string
			sec *float64
		}{{from, &c.Start}, {to, &c.End}} {
			var h, m, sc, ms int
			if _, err := fmt.Sscanf(strings.NewReplacer(",", ":", ".", ":").Replace(x.s), "%d:%d:%d:%d", &h, &m, &sc, &ms); err != nil {
				return nil, fmt.Errorf("time %q: %w", x.s, err)
			}
			*x.sec = float64(h*3600+m*60+sc) + float64(ms)/1000
		}
		for _, l := range lines[2:] {
			c.Lines = append(c.Lines, strings.Trim(l, "\u202B\u202C"))
		}
		cues = append(cues, c)
	}
	return cues, nil
}
