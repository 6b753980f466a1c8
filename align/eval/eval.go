// Package eval measures the aligner on synthetic recordings of Arabic
// articles written for the project (align/testdata/eval) and, when
// present, the shared real article: it picks the passages a speaker says,
// reorders some, inserts unreported speech, gives every spoken word a true
// time, simulates recognition at a given word error rate with timing
// jitter, aligns, and scores recall, false alarms and timing error against
// the truth. A difflib-style baseline with the same normalisation is scored
// on the same cases. Everything is seeded and deterministic.
package eval

import (
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/quotecheck"
)

// Config selects the texts and the size of the evaluation.
type Config struct {
	// Dir holds the project's evaluation articles (*.txt) and unreported.txt;
	// and, when present, blind/*.txt, the blind set, aligned on the edited
	// quotes and long speech tracks.
	Dir string
	// SharedDir, when it exists, holds real articles (*.txt) added to the
	// quotation tracks. Optional.
	SharedDir string
	// Seeds is the number of cases per article and setting. Defaults to 6.
	Seeds int
	// Verbose, when set, receives one line per case and aligner.
	Verbose io.Writer
	// Explain, when set with Verbose, names a case ("standard/short-quotes/
	// wer=0.2/seed=3", as Verbose prints them) whose words are listed with
	// their true and aligned times and what went wrong.
	Explain string
}

// Row is one line of the table.
type Row struct {
	Track   string
	WER     float64
	Aligner string
	Cases   int
	// Spoken and Unspoken count article prose words said and never said.
	Spoken, Unspoken int
	// Recall is the fraction of spoken words given a start within 0.3 s of a true start.
	Recall float64
	// FalseAlarm is the fraction of unspoken words given a time.
	FalseAlarm float64
	// MedianErr and P95Err are start errors of matched words, in seconds.
	MedianErr, P95Err float64
	// Elapsed is the time spent aligning.
	Elapsed time.Duration
	// MeasuredWER is the simulated recogniser's word error rate over the cases.
	MeasuredWER float64
}

// Tolerance is the start error within which a word counts as recalled, in seconds.
const Tolerance = 0.3

type text struct{ name, body string }

// Run builds the cases of every track and scores both aligners.
func Run(cfg Config) ([]Row, error) {
	if cfg.Seeds == 0 {
		cfg.Seeds = 6
	}
	load := func(dir, name string) (text, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return text{}, fmt.Errorf("eval: %w", err)
		}
		return text{strings.TrimSuffix(name, ".txt"), string(b)}, nil
	}
	get := map[string]text{}
	for _, n := range []string{"long-quotes.txt", "short-quotes.txt", "narration.txt", "full-speech.txt"} {
		t, err := load(cfg.Dir, n)
		if err != nil {
			return nil, err
		}
		get[t.name] = t
	}
	pool, err := load(cfg.Dir, "unreported.txt")
	if err != nil {
		return nil, err
	}
	var unreported []string
	for _, l := range strings.Split(pool.body, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			unreported = append(unreported, l)
		}
	}
	var shared []text
	if cfg.SharedDir != "" {
		names, _ := filepath.Glob(filepath.Join(cfg.SharedDir, "*.txt"))
		slices.Sort(names)
		for _, n := range names {
			if t, err := load(cfg.SharedDir, filepath.Base(n)); err == nil {
				t.name = "shared/" + t.name
				shared = append(shared, t)
			}
		}
	}
	type item struct {
		t   text
		cfg genConfig
	}
	lex, _ := quotecheck.DefaultLexicon()
	words := newLexCache(lex)
	quoteTexts := append([]text{get["long-quotes"], get["short-quotes"], get["narration"]}, shared...)
	var rows []Row
	track := func(name string, wer float64, items []item) {
		var cases []*Case
		for _, it := range items {
			for s := range cfg.Seeds {
				h := fnv.New64a()
				fmt.Fprintf(h, "%s/%s/%g/%d", name, it.t.name, wer, s)
				rng := rand.New(rand.NewPCG(uint64(s)+1, h.Sum64()))
				it.cfg.wer = wer
				c := build(it.t.name, it.t.body, unreported, it.cfg, rng, words)
				c.Name = fmt.Sprintf("%s/%s/wer=%g/seed=%d", name, it.t.name, wer, s)
				cases = append(cases, c)
			}
		}
		if cfg.Verbose != nil && cfg.Explain != "" {
			for _, c := range cases {
				if c.Name == cfg.Explain {
					explain(cfg.Verbose, c)
				}
			}
		}
		rows = append(rows, score(name, wer, "newsscribe", cases, alignNewsscribe, cfg.Verbose))
		rows = append(rows, score(name, wer, "difflib baseline", cases, alignBaseline, cfg.Verbose))
	}
	for _, wer := range []float64{0.10, 0.20, 0.40} {
		var items []item
		for _, t := range quoteTexts {
			items = append(items, item{t, genConfig{shape: Quotes}})
		}
		items = append(items, item{get["full-speech"], genConfig{shape: Speech}})
		track("standard", wer, items)
	}
	var edited []item
	for _, t := range append([]text{get["long-quotes"], get["short-quotes"]}, shared...) {
		edited = append(edited, item{t, genConfig{shape: Quotes, edited: true}})
	}
	track("edited quotes", 0.20, edited)
	track("long speech", 0.20, []item{
		{get["narration"], genConfig{shape: LongSpeech}},
		{get["short-quotes"], genConfig{shape: LongSpeech}},
	})
	// The blind set (Dir/blind, written by others and never tuned on): the
	// same two tracks on its articles, when present.
	names, _ := filepath.Glob(filepath.Join(cfg.Dir, "blind", "*.txt"))
	slices.Sort(names)
	var blindEdited, blindLong []item
	for _, n := range names {
		if filepath.Base(n) == "unreported.txt" {
			continue
		}
		t, err := load(filepath.Dir(n), filepath.Base(n))
		if err != nil {
			return nil, err
		}
		t.name = "blind/" + t.name
		blindEdited = append(blindEdited, item{t, genConfig{shape: Quotes, edited: true}})
		blindLong = append(blindLong, item{t, genConfig{shape: LongSpeech}})
	}
	if len(names) > 0 {
		track("edited quotes (blind)", 0.20, blindEdited)
		track("long speech (blind)", 0.20, blindLong)
	}
	return rows, nil
}

// starts returns each article word's start time, NaN when it has none, and
// whether it was matched (rather than interpolated).
type aligner func(c *Case) (starts []float64, matched []bool)

func alignNewsscribe(c *Case) ([]float64, []bool) {
	r, err := quotecheck.Align(c.Transcript, c.Article, align.Options{})
	if err != nil {
		panic(err) // the cases are valid by construction
	}
	starts, matched := make([]float64, len(r.Words)), make([]bool, len(r.Words))
	for i, w := range r.Words {
		starts[i] = math.NaN()
		if w.Start != nil {
			starts[i] = *w.Start
		}
		matched[i] = w.Status == align.StatusMatched
	}
	return starts, matched
}

func score(track string, wer float64, name string, cases []*Case, run aligner, verbose io.Writer) Row {
	row := Row{Track: track, WER: wer, Aligner: name, Cases: len(cases)}
	var errs []float64
	recalled, fa := 0, 0
	var asr asrStats
	for _, c := range cases {
		asr.add(c.asr)
		sp0, rec0, un0, fa0 := row.Spoken, recalled, row.Unspoken, fa
		art := align.ParseArticle(c.Article)
		t0 := time.Now()
		starts, matched := run(c)
		row.Elapsed += time.Since(t0)
		for i, w := range art.Words {
			if !w.Prose {
				continue
			}
			truth := c.Truth[i]
			if len(truth) == 0 {
				row.Unspoken++
				if !math.IsNaN(starts[i]) {
					fa++
				}
				continue
			}
			row.Spoken++
			if math.IsNaN(starts[i]) {
				continue
			}
			e := math.Inf(1)
			for _, tt := range truth {
				e = math.Min(e, math.Abs(starts[i]-tt))
			}
			if e <= Tolerance {
				recalled++
			}
			if matched[i] {
				errs = append(errs, e)
			}
		}
		if verbose != nil {
			fmt.Fprintf(verbose, "%-16s %-50s recall %d/%d false alarms %d/%d\n", name, c.Name, recalled-rec0, row.Spoken-sp0, fa-fa0, row.Unspoken-un0)
		}
	}
	if row.Spoken > 0 {
		row.Recall = float64(recalled) / float64(row.Spoken)
	}
	if row.Unspoken > 0 {
		row.FalseAlarm = float64(fa) / float64(row.Unspoken)
	}
	row.MeasuredWER = asr.WER()
	slices.Sort(errs)
	if n := len(errs); n > 0 {
		row.MedianErr = errs[n/2]
		row.P95Err = errs[min(n-1, n*95/100)]
	}
	return row
}

// WriteTable prints rows as a Markdown table.
func WriteTable(w io.Writer, rows []Row) error {
	var b strings.Builder
	b.WriteString("| track | WER (measured) | aligner | cases | spoken words | unspoken words | recall | false alarms | median err (ms) | p95 err (ms) | align time |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.0f%% (%.1f%%) | %s | %d | %d | %d | %.3f | %.2f%% | %.0f | %.0f | %s |\n",
			r.Track, r.WER*100, r.MeasuredWER*100, r.Aligner, r.Cases, r.Spoken, r.Unspoken, r.Recall, r.FalseAlarm*100,
			r.MedianErr*1000, r.P95Err*1000, r.Elapsed.Round(time.Millisecond))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// explain lists a case's transcript and its article words with the true and
// aligned start times, marking misses, false alarms and late or early words.
func explain(w io.Writer, c *Case) {
	fmt.Fprintf(w, "case %s\ntranscript:", c.Name)
	for _, s := range c.Transcript.Segments {
		for _, wd := range s.Words {
			fmt.Fprintf(w, " %.2f:%s", wd.Start, wd.Word)
		}
	}
	fmt.Fprintln(w)
	r, err := quotecheck.Align(c.Transcript, c.Article, align.Options{})
	if err != nil {
		fmt.Fprintln(w, "align:", err)
		return
	}
	art := align.ParseArticle(c.Article)
	for i, wd := range r.Words {
		if !art.Words[i].Prose {
			continue
		}
		got := math.NaN()
		if wd.Start != nil {
			got = *wd.Start
		}
		mark := ""
		truth := c.Truth[i]
		switch {
		case len(truth) > 0 && math.IsNaN(got):
			mark = "MISS"
		case len(truth) == 0 && !math.IsNaN(got):
			mark = "FALSE"
		case len(truth) > 0:
			e := math.Inf(1)
			for _, t := range truth {
				e = math.Min(e, math.Abs(t-got))
			}
			if e > Tolerance {
				mark = fmt.Sprintf("OFF %.2fs", e)
			}
		}
		fmt.Fprintf(w, "%-20s truth %-18s got %7.2f %-12s %s\n", wd.Text, fmt.Sprint(roundAll(truth)), got, wd.Status, mark)
	}
}

func roundAll(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = math.Round(x*100) / 100
	}
	return out
}
