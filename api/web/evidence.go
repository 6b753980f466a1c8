package web

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/newsscribe/newsscribe/align"
)

// The evidence of a quotation as a private share link shows it: its
// verdict, the printed words with the differing ones marked, each
// difference as two labelled words (printed, said) with the moment it was
// said, and the stretches it was said in.

// card is one quotation on the share page.
type card struct {
	// N is the quotation's number in the article, from 1.
	N       int
	Verdict verdictWords
	Speaker string
	// Pieces are the printed words, the differing ones marked.
	Pieces []piece
	// Timed: the quotation was heard; Start and End are seconds.
	Timed      bool
	Start, End float64
	Diffs      []cardDiff
	// Parts are the stretches a stitched quotation was said in.
	Parts []timeSpan
	// Focus marks the quotation the link opened on (?quote=N).
	Focus bool
}

type piece struct {
	Text string
	Diff bool
}

type timeSpan struct{ Start, End float64 }

// cardDiff is one difference: what the article printed, what was said and
// when (Start and End, seconds, of the spoken words).
type cardDiff struct {
	Kind, KindLabel, Article, Spoken string
	Timed                            bool
	Start, End                       float64
}

// difference and part are the parts of align's check JSON a card reads.
type difference struct {
	Kind      string   `json:"kind"`
	CharStart int      `json:"char_start"`
	CharEnd   int      `json:"char_end"`
	Article   string   `json:"article"`
	Spoken    string   `json:"spoken"`
	Start     *float64 `json:"start"`
	End       *float64 `json:"end"`
}

type part struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// cardOf is quotation q, the article's n-th (from 1), as a card.
func cardOf(n int, q span) card {
	c := card{N: n, Timed: q.timed(), Verdict: wordsOf("")}
	if c.Timed {
		c.Start, c.End = *q.Start, *q.End
	}
	var diffs []difference
	if q.Check != nil {
		c.Verdict = wordsOf(q.Check.Verdict)
		if q.Check.Speaker != nil {
			c.Speaker = *q.Check.Speaker
		}
		for _, raw := range q.Check.Differences {
			var d difference
			if json.Unmarshal(raw, &d) == nil {
				diffs = append(diffs, d)
			}
		}
		if len(q.Check.Parts) > 1 {
			for _, raw := range q.Check.Parts {
				var p part
				if json.Unmarshal(raw, &p) == nil {
					c.Parts = append(c.Parts, timeSpan(p))
				}
			}
		}
	}
	for _, d := range diffs {
		cd := cardDiff{Kind: d.Kind, KindLabel: wordsOfDiff(d.Kind), Article: d.Article, Spoken: d.Spoken}
		if d.Start != nil && d.End != nil {
			cd.Timed, cd.Start, cd.End = true, *d.Start, *d.End
		}
		c.Diffs = append(c.Diffs, cd)
	}
	c.Pieces = pieces(q, diffs)
	return c
}

// pieces splits the printed text of q into runs, marking the words of
// diffs (rune offsets into the article). A difference whose offsets do not
// fall on its printed words inside q is not marked (it is still listed).
func pieces(q span, diffs []difference) []piece {
	text := []rune(q.Text)
	var out []piece
	pos := 0
	for _, d := range diffs {
		a, b := d.CharStart-q.CharStart, d.CharEnd-q.CharStart
		if a < pos || b <= a || b > len(text) || string(text[a:b]) != d.Article {
			continue
		}
		if a > pos {
			out = append(out, piece{Text: string(text[pos:a])})
		}
		out = append(out, piece{Text: string(text[a:b]), Diff: true})
		pos = b
	}
	if pos < len(text) {
		out = append(out, piece{Text: string(text[pos:])})
	}
	return out
}

func wordsOfDiff(kind string) string {
	if l := align.DiffLabel[kind]; l != "" {
		return l
	}
	return kind
}

// shareView is the share page: the quotation the link opened on first,
// then every other quotation with its verdict — or, for a recording without
// an article, its sentences.
type shareView struct {
	embedView
	Focus *card
	Cards []card
	// Spans are the times of the recording's sentences, as JSON
	// [[start, end], …]: the page plays a difference in its sentence.
	Spans string
}

// shareView fills v with al's quotations; quote is the link's ?quote=.
func newShareView(v embedView, al alignment, quote string) shareView {
	sv := shareView{embedView: v}
	n, _ := strconv.Atoi(quote)
	for i, q := range al.Quotes {
		c := cardOf(i+1, q)
		if c.N == n {
			c.Focus = true
			sv.Focus = &c
			if c.Timed {
				at := c.Start
				sv.StartAt = &at
			}
			continue
		}
		sv.Cards = append(sv.Cards, c)
	}
	var spans []string
	for _, s := range al.Sentences {
		if s.timed() {
			spans = append(spans, "["+num(*s.Start)+","+num(*s.End)+"]")
		}
	}
	for _, u := range al.Unmatched {
		spans = append(spans, "["+num(u.Start)+","+num(u.End)+"]")
	}
	sv.Spans = "[" + strings.Join(spans, ",") + "]"
	return sv
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
