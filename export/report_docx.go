package export

import (
	"fmt"
	"strings"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/export/docx"
)

// ReportDocument lays the quotation check of r out as a Word document: the
// article's title and date, the summary line, then each quotation with its
// verdict, speaker, the times it was said and every difference (what was
// printed, what was said, when, how sure), right to left.
func ReportDocument(r *align.Result, info DocumentInfo) *docx.Document {
	d := &docx.Document{Title: info.Title, Date: info.Date, Subtitle: "فحص الاقتباسات"}
	d.Paragraphs = append(d.Paragraphs, docx.Paragraph{Runs: []docx.Run{{Text: align.Summary(r), Bold: true}}})
	for i, q := range r.Quotes {
		c := q.Check
		d.Paragraphs = append(d.Paragraphs,
			docx.Paragraph{Style: docx.Heading, Runs: []docx.Run{
				{Text: fmt.Sprintf("%d. ", i+1)},
				{Text: c.Verdict.Label().Arabic, Color: c.Verdict.Style().Color},
			}},
			docx.P(docx.Quote, "«"+strings.Join(strings.Fields(q.Text), " ")+"»"))
		if c.Speaker != nil {
			d.Paragraphs = append(d.Paragraphs, docx.Paragraph{Style: docx.Note, Runs: []docx.Run{
				{Text: "المتحدث: ", Bold: true}, {Text: c.SpeakerLine()}}})
			if c.SpeakerSource != nil {
				d.Paragraphs = append(d.Paragraphs, docx.Paragraph{Style: docx.Note, Runs: []docx.Run{
					{Text: "كما نسبه المقال: ", Bold: true}, {Text: "«" + r.WordsIn(*c.SpeakerSource) + "»"}}})
			}
		}
		if len(c.Parts) > 0 {
			times := make([]string, len(c.Parts))
			for k, p := range c.Parts {
				times[k] = short(p.Start) + "–" + short(p.End)
			}
			d.Paragraphs = append(d.Paragraphs, docx.Paragraph{Style: docx.Note, Runs: []docx.Run{
				{Text: "قيل في: ", Bold: true}, {Text: strings.Join(times, "، ")}}})
		}
		for _, df := range c.Differences {
			d.Paragraphs = append(d.Paragraphs, docx.Paragraph{Style: docx.Note, Runs: []docx.Run{
				{Text: "• " + df.Kind.Label().Arabic + ": ", Bold: true},
				{Text: diffText(df)},
				{Text: fmt.Sprintf(" · ثقة %.2f", df.Confidence), Color: "666666"},
			}})
		}
	}
	if len(r.Unmatched) > 0 {
		d.Paragraphs = append(d.Paragraphs, docx.P(docx.Heading, "كلام لم يرد في المقال"))
		for _, u := range r.Unmatched {
			d.Paragraphs = append(d.Paragraphs, docx.Paragraph{Style: docx.Note, Runs: []docx.Run{
				{Text: short(u.Start) + "  ", Color: "666666"}, {Text: u.Text}}})
		}
	}
	return d
}
