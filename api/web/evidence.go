package web

import (
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
	Verdict align.VerdictTerm
	Speaker string
	// SpeakerSource is the article's words the speaker was read from
	// (align.Check.SpeakerSource), "" with none.
	SpeakerSource string
	// Pieces are the printed words, the differing ones marked.
	Pieces []piece
	// Timed: the quotation was heard; Start and End are seconds.
	Timed      bool
	Start, End float64
	Diffs      []cardDiff
	// Parts are the stretches a stitched quotation was said in.
	Parts []align.Part
	// Focus marks the quotation the link opened on (?quote=N).
	Focus bool
}

type piece struct {
	Text string
	Diff bool
}

// cardDiff is one difference: what the article printed, what was said and
// when (Start and End, seconds, of the spoken words; Timed when the
// quotation was heard).
type cardDiff struct {
	Kind                       align.DiffKind
	KindLabel, Article, Spoken string
	Timed                      bool
	Start, End                 float64
}

// cardOf is quotation q, the article's n-th (from 1), as a card.
func cardOf(n int, q align.TimedQuote) card {
	c := card{N: n, Timed: timed(q.TimedSpan), Verdict: q.Check.Verdict.Term()}
	if c.Timed {
		c.Start, c.End = *q.Start, *q.End
	}
	c.Speaker = q.Check.SpeakerLine()
	if len(q.Check.Parts) > 1 {
		c.Parts = q.Check.Parts
	}
	for _, d := range q.Check.Differences {
		c.Diffs = append(c.Diffs, cardDiff{Kind: d.Kind, KindLabel: d.Kind.Label().Arabic, Article: d.Article, Spoken: d.Spoken,
			Timed: c.Timed, Start: d.Start, End: d.End})
	}
	c.Pieces = pieces(q, q.Check.Differences)
	return c
}

// pieces splits the printed text of q into runs, marking the words of
// diffs (rune offsets into the article). A difference whose offsets do not
// fall on its printed words inside q is not marked (it is still listed).
func pieces(q align.TimedQuote, diffs []align.Difference) []piece {
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

// newShareView fills v with al's quotations; quote is the link's ?quote=.
func newShareView(v embedView, al *align.Result, quote string) shareView {
	sv := shareView{embedView: v}
	n, _ := strconv.Atoi(quote)
	for i, q := range al.Quotes {
		c := cardOf(i+1, q)
		if src := q.Check.SpeakerSource; src != nil && c.Speaker != "" {
			c.SpeakerSource = al.WordsIn(*src)
		}
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
		if timed(s.TimedSpan) {
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
