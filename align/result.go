package align

import (
	"math"
	"strings"
)

// Word statuses.
const (
	// StatusMatched: the word was recognised in the speech (Score at least
	// Options.MinSimilarity) or, at the first or last words of a passage,
	// paired with the recognised word said in its place (Score below).
	StatusMatched = "matched"
	// StatusInterpolated: the word sits between two matched neighbours of one
	// spoken passage (misrecognised or dropped by the recogniser); its time
	// is taken from the speech between them.
	StatusInterpolated = "interpolated"
	// StatusMissing: no time; the word was not found in the speech.
	StatusMissing = "missing"
)

// Passage statuses of sentences and quotations.
const (
	// StatusSpoken: at least MinSpokenCoverage of the words have a time.
	StatusSpoken = "spoken"
	// StatusPartial: some words have a time.
	StatusPartial = "partial"
	// StatusNotInAudio: no word has a time.
	StatusNotInAudio = "not_in_audio"
)

// Result is the article with time on it. Its JSON is the aligned-article
// format of the CLI and the HTTP API.
type Result struct {
	// Duration of the recording in seconds, from the transcript.
	Duration   float64         `json:"duration"`
	Paragraphs []Paragraph     `json:"paragraphs"`
	Words      []TimedWord     `json:"words"`
	Sentences  []TimedSentence `json:"sentences"`
	Quotes     []TimedQuote    `json:"quotes"`
	Unmatched  []Unmatched     `json:"unmatched"`
}

// Words is the article's words within span s, one space between them
// (the text a Check.SpeakerSource points at, for writers that do not hold
// the article itself).
func (r *Result) WordsIn(s Span) string {
	var out []string
	for _, w := range r.Words {
		if w.CharStart >= s.CharStart && w.CharEnd <= s.CharEnd {
			out = append(out, w.Text)
		}
	}
	return strings.Join(out, " ")
}

// TimedWord is one article word, in article order.
type TimedWord struct {
	Text      string `json:"text"`
	CharStart int    `json:"char_start"`
	CharEnd   int    `json:"char_end"`
	// Start and End are seconds from the beginning of the recording, or null
	// when Status is missing.
	Start  *float64 `json:"start"`
	End    *float64 `json:"end"`
	Status string   `json:"status"`
	// Score is the similarity of the article word to the recognised word
	// paired with it, 0 to 1; 0 for missing and interpolated words.
	Score    float64 `json:"score"`
	Sentence int     `json:"sentence"`
	// Quote is the index in Quotes, or null outside quotations.
	Quote *int `json:"quote"`
}

// TimedSpan is a sentence or a quotation with its time.
type TimedSpan struct {
	Text      string `json:"text"`
	CharStart int    `json:"char_start"`
	CharEnd   int    `json:"char_end"`
	// Start is the earliest and End the latest time of its words (seconds), or null.
	Start *float64 `json:"start"`
	End   *float64 `json:"end"`
	// Coverage is the fraction of its words with a time (matched or interpolated), 0 to 1.
	Coverage float64 `json:"coverage"`
	Status   string  `json:"status"`
}

// TimedQuote is a quotation with its time and its check.
type TimedQuote struct {
	TimedSpan
	// Check says whether the quotation was said as printed; the zero
	// value (verdict "", not checked) until package quotecheck fills it.
	Check Check `json:"check"`
}

// TimedSentence is a sentence of the article.
type TimedSentence struct {
	TimedSpan
	Paragraph int `json:"paragraph"`
	// Prose is false for datelines, bylines, share buttons and embeds.
	Prose bool `json:"prose"`
}

// Unmatched is a stretch of speech that the article does not report.
type Unmatched struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	Text  string  `json:"text"`
}

// result builds the Result from the matches and interpolations.
func (al *aligner) result() *Result {
	a := al.art
	r := &Result{
		Paragraphs: a.Paragraphs,
		Sentences:  make([]TimedSentence, len(a.Sentences)),
		Quotes:     make([]TimedQuote, len(a.Quotes)),
	}
	if r.Paragraphs == nil {
		r.Paragraphs = []Paragraph{}
	}
	r.Duration = al.duration
	if n := len(al.tw); n > 0 && al.tw[n-1].end > r.Duration {
		r.Duration = al.tw[n-1].end
	}
	r.Duration = round3(r.Duration)
	r.Words = al.timedWords()
	runes := []rune(a.Text)
	sent := make([]tally, len(a.Sentences))
	quote := make([]tally, len(a.Quotes))
	for i, w := range a.Words {
		if w.Sentence >= 0 && w.Sentence < len(sent) {
			sent[w.Sentence].add(r.Words[i])
		}
		if w.Quote >= 0 && w.Quote < len(quote) {
			quote[w.Quote].add(r.Words[i])
		}
	}
	for i, s := range a.Sentences {
		r.Sentences[i] = TimedSentence{TimedSpan: al.span(runes, s.Span, sent[i]), Paragraph: s.Paragraph, Prose: a.Paragraphs[s.Paragraph].Prose}
	}
	for i, q := range a.Quotes {
		r.Quotes[i] = TimedQuote{TimedSpan: al.span(runes, q, quote[i])}
	}
	r.Unmatched = al.unmatched()
	return r
}

// timedWords gives every article word its time and status.
func (al *aligner) timedWords() []TimedWord {
	a := al.art
	out := make([]TimedWord, len(a.Words))
	for i, w := range a.Words {
		tw := TimedWord{Text: w.Text, CharStart: w.Start, CharEnd: w.End, Status: StatusMissing, Sentence: w.Sentence}
		if w.Quote >= 0 {
			q := w.Quote
			tw.Quote = &q
		}
		out[i] = tw
	}
	// Matched units: share the transcript span among the unit's words.
	for j, u := range al.au {
		if al.mLo[j] < 0 {
			continue
		}
		t0, t1 := al.tu[al.mLo[j]], al.tu[al.mHi[j]-1]
		start, end := al.tw[t0.lo].start, al.tw[t1.hi-1].end
		// Units sharing one transcript span (a 1:2 move) split it.
		lo, hi := j, j+1
		for lo > 0 && al.mLo[lo-1] == al.mLo[j] && al.mHi[lo-1] == al.mHi[j] {
			lo--
		}
		for hi < len(al.au) && al.mLo[hi] == al.mLo[j] && al.mHi[hi] == al.mHi[j] {
			hi++
		}
		total, pos := 0, 0
		for k := lo; k < hi; k++ {
			for wi := al.au[k].lo; wi < al.au[k].hi; wi++ {
				l := len([]rune(a.Words[al.aw[wi]].Text))
				total += l
				if k < j {
					pos += l
				}
			}
		}
		for wi := u.lo; wi < u.hi; wi++ {
			idx := al.aw[wi]
			l := len([]rune(a.Words[idx].Text))
			s := start + (end-start)*float64(pos)/float64(total)
			pos += l
			e := start + (end-start)*float64(pos)/float64(total)
			out[idx].Start, out[idx].End = ptr(s), ptr(e)
			out[idx].Status = StatusMatched
			out[idx].Score = round3(float64(al.mSim[j]))
		}
	}
	for i := range a.Words {
		if out[i].Status == StatusMissing && !math.IsNaN(al.iStart[i]) {
			out[i].Start, out[i].End = ptr(al.iStart[i]), ptr(al.iEnd[i])
			out[i].Status = StatusInterpolated
			if !math.IsNaN(al.edgeSim[i]) {
				out[i].Status, out[i].Score = StatusMatched, round3(al.edgeSim[i])
			}
		}
	}
	return out
}

// unmatched lists the runs of transcript units used by no article word.
func (al *aligner) unmatched() []Unmatched {
	out := []Unmatched{}
	for t := 0; t < len(al.tu); {
		if al.cl.used[t] {
			t++
			continue
		}
		t1 := t
		var sb strings.Builder
		for t1 < len(al.tu) && !al.cl.used[t1] {
			for wi := al.tu[t1].lo; wi < al.tu[t1].hi; wi++ {
				if sb.Len() > 0 {
					sb.WriteByte(' ')
				}
				sb.WriteString(al.tw[wi].text)
			}
			t1++
		}
		out = append(out, Unmatched{
			Start: round3(al.tw[al.tu[t].lo].start),
			End:   round3(al.tw[al.tu[t1-1].hi-1].end),
			Text:  sb.String(),
		})
		t = t1
	}
	return out
}

// tally sums the words of a sentence or quotation.
type tally struct {
	n, timed   int
	start, end *float64
}

func (t *tally) add(w TimedWord) {
	t.n++
	if w.Start == nil {
		return
	}
	t.timed++
	if t.start == nil || *w.Start < *t.start {
		t.start = w.Start
	}
	if t.end == nil || *w.End > *t.end {
		t.end = w.End
	}
}

// span makes the TimedSpan of span from the tally of its words.
func (al *aligner) span(runes []rune, sp Span, t tally) TimedSpan {
	p := TimedSpan{Text: string(runes[sp.CharStart:sp.CharEnd]), CharStart: sp.CharStart, CharEnd: sp.CharEnd, Status: StatusNotInAudio, Start: t.start, End: t.end}
	if t.n > 0 {
		p.Coverage = round3(float64(t.timed) / float64(t.n))
	}
	switch {
	case t.timed == 0:
	case p.Coverage >= al.opts.MinSpokenCoverage:
		p.Status = StatusSpoken
	default:
		p.Status = StatusPartial
	}
	return p
}

func ptr(v float64) *float64 {
	v = round3(v)
	return &v
}

// round3 rounds to milliseconds, enough for any time and score here.
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
