package export

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Format is an output format of Write.
type Format string

// The formats Write knows.
const (
	FormatJSON Format = "json"
	FormatSRT  Format = "srt"
	FormatVTT  Format = "vtt"
	FormatHTML Format = "html"
	// FormatReport is the plain-text quotation check (verdict, times,
	// speaker, differences) for the terminal.
	FormatReport Format = "report"
	// FormatDOCX is the quotation check as a Word document (ReportDocument).
	FormatDOCX Format = "docx"
)

// Extension is the file name extension of the format, with its dot: ".json",
// ".srt", ".vtt", ".html", ".docx" or ".txt" for the report.
func (f Format) Extension() string {
	if f == FormatReport {
		return ".txt"
	}
	return "." + string(f)
}

// ErrUnknownFormat is returned by ParseFormat for a name it does not know.
var ErrUnknownFormat = errors.New("unknown format (want json, srt, vtt, html, report or docx)")

// ParseFormat reads a format name: json, srt, vtt, html, report or docx (any case).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatJSON, FormatSRT, FormatVTT, FormatHTML, FormatReport, FormatDOCX:
		return f, nil
	}
	return "", fmt.Errorf("%q: %w", s, ErrUnknownFormat)
}

// WriteAlignment writes the aligned article r in format f: the JSON of
// align.Result; SRT or WebVTT cues of the spoken and partly spoken sentences
// in time order; a self-contained HTML page of the article with its times
// and the quotation check; or the check as plain text (FormatReport) or as a
// Word document (FormatDOCX) with info's title and date.
func WriteAlignment(w io.Writer, r *align.Result, f Format, info DocumentInfo) error {
	if r == nil {
		return errors.New("export: no aligned article to write")
	}
	bw := bufio.NewWriter(w)
	var err error
	switch f {
	case FormatJSON:
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(r)
	case FormatSRT, FormatVTT:
		err = writeSentenceCues(bw, r, f)
	case FormatHTML:
		err = writeHTML(bw, r)
	case FormatReport:
		err = writeReport(bw, r)
	case FormatDOCX:
		err = ReportDocument(r, info).Write(bw)
	default:
		return fmt.Errorf("export: write %q: %w", f, ErrUnknownFormat)
	}
	if err != nil {
		return fmt.Errorf("export: write %s: %w", f, err)
	}
	return bw.Flush()
}

// minCue is the shortest time a sentence is shown, in seconds.
const minCue = 0.5

// writeSentenceCues writes the spoken and partly spoken sentences as subtitles in
// time order. The layout — at most SubtitleMaxLines lines of
// SubtitleLineLength characters a cue, cues split between words
// by the words' times, right-to-left embedding, numbering, WebVTT escaping —
// is the transcript writer's: each sentence becomes one transcript segment
// whose words are the sentence's printed words with the times the article
// words got.
func writeSentenceCues(w io.Writer, r *align.Result, f Format) error {
	t := &transcribe.Transcript{Language: "ar", Duration: r.Duration, Segments: sentenceSegments(r)}
	tf := transcribe.FormatSRT
	if f == FormatVTT {
		tf = transcribe.FormatVTT
	}
	return WriteTranscript(w, t, tf, DocumentInfo{})
}

// sentenceSegments makes a segment of each sentence with a time, in time
// order: its printed words (punctuation kept) timed by the article words
// they hold, from the first said to the last (see spreadUntimed). Times
// never go back: a word starts no earlier than the one before it ends, and
// a sentence ends no later than the next one starts, so that no two cues
// are on screen at once.
func sentenceSegments(r *align.Result) []transcribe.Segment {
	type timed struct{ start, end float64 }
	byStart := map[int]timed{} // rune offset of a timed article word → its time
	for _, w := range r.Words {
		if w.Start != nil && w.End != nil {
			byStart[w.CharStart] = timed{*w.Start, *w.End}
		}
	}
	var segs []transcribe.Segment
	for _, s := range r.Sentences {
		if s.Start == nil || s.End == nil || s.Status == align.StatusNotInAudio {
			continue
		}
		seg := transcribe.Segment{Start: *s.Start, End: max(*s.End, *s.Start+minCue)}
		known := []bool{}
		rs := []rune(s.Text)
		for i := 0; i < len(rs); {
			for i < len(rs) && unicode.IsSpace(rs[i]) {
				i++
			}
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) {
				j++
			}
			if j == i {
				break
			}
			w := transcribe.Word{Word: string(rs[i:j]), Start: math.Inf(1), End: math.Inf(-1), Probability: 1}
			for c := i; c < j; c++ {
				if tm, ok := byStart[s.CharStart+c]; ok {
					w.Start, w.End = min(w.Start, tm.start), max(w.End, tm.end)
				}
			}
			known = append(known, w.End >= w.Start)
			seg.Words = append(seg.Words, w)
			i = j
		}
		seg.Words = spreadUntimed(seg.Words, known)
		at := seg.Start
		for k := range seg.Words {
			w := &seg.Words[k]
			w.Start = min(max(w.Start, at), seg.End)
			w.End = min(max(w.End, w.Start), seg.End)
			at = w.End
		}
		if len(seg.Words) > 0 {
			texts := make([]string, len(seg.Words))
			for k, w := range seg.Words {
				texts[k] = w.Word
			}
			seg.Text = strings.Join(texts, " ")
			segs = append(segs, seg)
		}
	}
	slices.SortStableFunc(segs, func(a, b transcribe.Segment) int { return cmp.Compare(a.Start, b.Start) })
	for i := range segs {
		segs[i].ID = i
		if i+1 < len(segs) && segs[i+1].Start > segs[i].Start && segs[i].End > segs[i+1].Start {
			end := segs[i+1].Start
			segs[i].End = end
			for k := range segs[i].Words {
				w := &segs[i].Words[k]
				w.Start, w.End = min(w.Start, end), min(w.End, end)
			}
		}
	}
	return segs
}

// spreadUntimed keeps the printed words from the first to the last with a
// time (known): the narration around a quotation was not said and is no
// subtitle. Each run of untimed words between them (misheard or dropped by
// the recogniser) shares the time of the timed word before it, in
// proportion to the words' lengths, so that every word shows for a while
// and the order holds. Without any timed word it returns nil.
func spreadUntimed(ws []transcribe.Word, known []bool) []transcribe.Word {
	first, last := slices.Index(known, true), -1
	for k := range known {
		if known[k] {
			last = k
		}
	}
	if first < 0 {
		return nil
	}
	ws, known = ws[first:last+1], known[first:last+1]
	for lo := 0; lo < len(ws); {
		hi := lo + 1
		for hi < len(ws) && !known[hi] {
			hi++
		}
		h := ws[lo] // timed; ws[lo+1:hi] are not
		total := 0
		for k := lo; k < hi; k++ {
			total += utf8.RuneCountInString(ws[k].Word)
		}
		at, done := h.Start, 0
		for k := lo; k < hi; k++ {
			done += utf8.RuneCountInString(ws[k].Word)
			ws[k].Start, ws[k].End = at, h.Start+(h.End-h.Start)*float64(done)/float64(total)
			at = ws[k].End
		}
		lo = hi
	}
	return ws
}

// clock formats seconds as HH:MM:SS,mmm (sep "," for SRT, "." for WebVTT).
func clock(sec float64, sep string) string {
	ms := int64(math.Round(math.Max(sec, 0) * 1000))
	return fmt.Sprintf("%02d:%02d:%02d%s%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
}

// short formats seconds as M:SS or H:MM:SS for display.
func short(sec float64) string { return Clock(sec) }

type htmlRun struct {
	Text   string
	Status string // word status, empty for the text between words
	Title  string
}

type htmlSentence struct {
	Status string
	Time   string
	Start  string
	Runs   []htmlRun
}

type htmlParagraph struct {
	Prose     bool
	Sentences []htmlSentence
}

type htmlQuote struct {
	Text, Status, Time, Label string
	Coverage                  int
	// The check: verdict, its label, the speaker, the differences and the
	// name a screen reader says for the quotation.
	N                      int
	Verdict, Speaker, Aria string
	// Class and Mark draw the verdict in the palette (align.Verdict.Style).
	Class, Mark string
	Diffs       []htmlDiff
}

type htmlDiff struct {
	Kind, Label, Article, Spoken, Time string
	Confidence                         int
}

type htmlPage struct {
	Summary    string
	Duration   string
	Spoken     int
	Sentences  int
	Paragraphs []htmlParagraph
	Quotes     []htmlQuote
	Unmatched  []htmlQuote
	// VerdictCSS is the verdicts' palette (align.VerdictCSS).
	VerdictCSS template.CSS
}

func writeHTML(w io.Writer, r *align.Result) error {
	p := htmlPage{Duration: short(r.Duration), Sentences: len(r.Sentences), VerdictCSS: template.CSS(align.VerdictCSS())}
	p.Paragraphs = make([]htmlParagraph, len(r.Paragraphs))
	for i, para := range r.Paragraphs {
		p.Paragraphs[i].Prose = para.Prose
	}
	// Words by sentence, in order.
	bySentence := make([][]align.TimedWord, len(r.Sentences))
	for _, wd := range r.Words {
		if wd.Sentence >= 0 && wd.Sentence < len(bySentence) {
			bySentence[wd.Sentence] = append(bySentence[wd.Sentence], wd)
		}
	}
	for i, s := range r.Sentences {
		hs := htmlSentence{Status: s.Status}
		if s.Start != nil {
			hs.Time = short(*s.Start)
			hs.Start = fmt.Sprintf("%.3f", *s.Start)
		}
		if s.Status != align.StatusNotInAudio {
			p.Spoken++
		}
		runes := []rune(s.Text)
		pos := 0
		if !s.Prose {
			pos = len(runes) // furniture: plain text, nothing to mark
			hs.Runs = append(hs.Runs, htmlRun{Text: s.Text})
		}
		for _, wd := range bySentence[i] {
			if !s.Prose {
				break
			}
			a, b := wd.CharStart-s.CharStart, wd.CharEnd-s.CharStart
			if a < pos || b > len(runes) || a > b {
				continue
			}
			if a > pos {
				hs.Runs = append(hs.Runs, htmlRun{Text: string(runes[pos:a])})
			}
			title := statusWord[wd.Status]
			if wd.Start != nil {
				title = fmt.Sprintf("%s %s", short(*wd.Start), title)
			}
			hs.Runs = append(hs.Runs, htmlRun{Text: string(runes[a:b]), Status: wd.Status, Title: title})
			pos = b
		}
		if pos < len(runes) {
			hs.Runs = append(hs.Runs, htmlRun{Text: string(runes[pos:])})
		}
		if s.Paragraph >= 0 && s.Paragraph < len(p.Paragraphs) {
			p.Paragraphs[s.Paragraph].Sentences = append(p.Paragraphs[s.Paragraph].Sentences, hs)
		}
	}
	p.Summary = align.Summary(r)
	for i, q := range r.Quotes {
		p.Quotes = append(p.Quotes, quoteHTML(i, q))
	}
	for _, u := range r.Unmatched {
		p.Unmatched = append(p.Unmatched, htmlQuote{Text: u.Text, Time: short(u.Start) + "–" + short(u.End)})
	}
	return pageTemplate.Execute(w, p)
}

// quoteHTML is quotation i of the page with its check.
func quoteHTML(i int, q align.TimedQuote) htmlQuote {
	c := q.Check
	hq := htmlQuote{N: i + 1, Text: q.Text, Status: q.Status, Label: c.Verdict.Label().Arabic, Coverage: int(math.Round(q.Coverage * 100)), Verdict: string(c.Verdict),
		Class: c.Verdict.Class(), Mark: c.Verdict.Style().Mark}
	if len(c.Parts) > 0 {
		var ts []string
		for _, p := range c.Parts {
			ts = append(ts, short(p.Start)+"–"+short(p.End))
		}
		hq.Time = strings.Join(ts, " ، ")
	}
	hq.Aria = fmt.Sprintf("اقتباس %d: %s", i+1, hq.Label)
	if c.Speaker != nil {
		hq.Speaker = c.SpeakerLine()
		hq.Aria += "، " + hq.Speaker
	}
	for _, d := range c.Differences {
		hq.Diffs = append(hq.Diffs, htmlDiff{Kind: string(d.Kind), Label: d.Kind.Label().Arabic, Article: d.Article, Spoken: d.Spoken, Time: short(d.Start), Confidence: int(math.Round(d.Confidence * 100))})
	}
	return hq
}

var statusWord = map[string]string{
	align.StatusMatched:      "مطابقة",
	align.StatusInterpolated: "تقدير",
	align.StatusMissing:      "غير مسموعة",
}

var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>المقال مع توقيت التسجيل</title>
<style>
body{font-family:"Noto Naskh Arabic","Amiri","Segoe UI",Tahoma,sans-serif;line-height:1.9;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ddd}
.summary{color:#555}
p.meta{color:#888;font-size:.9rem}
.s{border-radius:.25rem;padding:0 .1rem}
.s.spoken{background:#eef7ee}.s.partial{background:#fff8e5}
time{display:inline-block;font-size:.75rem;color:#fff;background:#2a6f97;border-radius:.2rem;padding:0 .3rem;margin-inline-end:.25rem;direction:ltr;unicode-bidi:isolate;font-family:ui-monospace,monospace}
.w.missing{color:#777}.w.interpolated{text-decoration:underline dotted}
ul{padding-inline-start:1.2rem}li{margin:.4rem 0}
{{.VerdictCSS}}.q .label{color:var(--v);background:var(--v-tint);font-weight:bold}
.speaker{color:#555;font-size:.9rem}.diffs{font-size:.9rem;color:#1d1d1f}del{color:#9b1c1c}ins{color:#1a6b2a;text-decoration:none;border-bottom:1px solid currentColor}
.label{font-size:.8rem;border:1px solid currentColor;border-radius:.2rem;padding:0 .3rem;margin-inline-start:.3rem}
.legend span{margin-inline-end:1rem}
</style>
</head>
<body>
<h1>المقال مع توقيت التسجيل</h1>
<p class="check-summary"><a href="#quotes">{{.Summary}}</a></p>
<p class="summary">مدة التسجيل {{.Duration}} · جمل قيلت {{.Spoken}} من {{.Sentences}}</p>
<p class="legend"><span class="s spoken">جملة قيلت</span><span class="s partial">قيلت جزئيا</span><span class="w missing">كلمة غير مسموعة</span></p>
<h2>المقال</h2>
{{range .Paragraphs}}<p class="{{if .Prose}}prose{{else}}meta{{end}}">{{range .Sentences}}<span class="s {{.Status}}"{{if .Start}} data-start="{{.Start}}"{{end}}>{{if .Time}}<time>{{.Time}}</time>{{end}}{{range .Runs}}{{if .Status}}<span class="w {{.Status}}" title="{{.Title}}">{{.Text}}</span>{{else}}{{.Text}}{{end}}{{end}}</span> {{end}}</p>
{{end}}<h2 id="quotes">فحص الاقتباسات</h2>
{{if .Quotes}}<ol>
{{range .Quotes}}<li id="q{{.N}}" class="q {{.Verdict}}" aria-label="{{.Aria}}">{{if .Time}}<time>{{.Time}}</time>{{end}}«{{.Text}}» <span class="label {{.Class}}"><span aria-hidden="true">{{.Mark}}</span> {{.Label}}</span>{{if .Speaker}} <span class="speaker">— {{.Speaker}}</span>{{end}}{{if .Diffs}}
<ul class="diffs">{{range .Diffs}}<li class="d {{.Kind}}">{{.Label}}: {{if .Article}}<del>{{.Article}}</del>{{end}}{{if .Spoken}} <ins>{{.Spoken}}</ins>{{end}} <time>{{.Time}}</time> ثقة {{.Confidence}}%</li>{{end}}</ul>{{end}}</li>
{{end}}</ol>
{{else}}<p>لا اقتباسات في المقال.</p>
{{end}}<h2>كلام لم يرد في المقال</h2>
{{if .Unmatched}}<ul>
{{range .Unmatched}}<li><time>{{.Time}}</time>{{.Text}}</li>
{{end}}</ul>
{{else}}<p>لا شيء.</p>
{{end}}</body>
</html>
`))
