package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
)

func newAlignCmd(s Streams) *cobra.Command {
	var transcriptPath, articlePath, format, out, title, date string
	cmd := &cobra.Command{
		Use:   "align --transcript T.json --article A.txt [--format json|srt|vtt|html|report|docx] [-o OUT]",
		Short: "Put times on an article from a transcript, without running recognition again",
		Long: `Align a transcript (newsscribe's JSON, as written by "newsscribe transcribe")
to the text of the article that reports the speech, and write the article
with times: JSON (words, sentences, quotations, unreported speech), SRT or
WebVTT subtitles of the spoken sentences, a self-contained HTML page, or the
quotation check as text (report) or as a Word document (docx, titled with
--title or else the article's first line, dated with --date).
Articles get edited after publication; re-aligning takes well under a second.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := export.ParseFormat(format)
			if err != nil {
				return fmt.Errorf("--format: %w", err)
			}
			t, err := readTranscript(transcriptPath)
			if err != nil {
				return err
			}
			article, err := readArticle(articlePath)
			if err != nil {
				return err
			}
			info, err := documentInfo(title, date)
			if err != nil {
				return err
			}
			if info.Title == "" {
				info.Title = firstLine(article)
			}
			return alignAndWrite(s.Out, t, article, f, out, info)
		},
	}
	cmd.Flags().StringVar(&transcriptPath, "transcript", "", "transcript JSON file (required)")
	cmd.Flags().StringVar(&articlePath, "article", "", "article text file, UTF-8 (required)")
	cmd.Flags().StringVar(&format, "format", "json", "output format: json, srt, vtt, html, report (the quotation check as text) or docx (the check as a Word document)")
	cmd.Flags().StringVar(&title, "title", "", "docx: the document's title (default: the article's first line)")
	cmd.Flags().StringVar(&date, "date", "", "docx: the article's date, YYYY-MM-DD (default: none)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file, written atomically (default: standard output)")
	_ = cmd.MarkFlagRequired("transcript")
	_ = cmd.MarkFlagRequired("article")
	return cmd
}

// alignAndWrite aligns t to the article text and writes the result in format
// f to the file out (atomically) or, when out is "" or "-", to stdout.
func alignAndWrite(stdout io.Writer, t *transcribe.Transcript, article string, f export.Format, out string, info export.DocumentInfo) error {
	// Aligning needs no models: the pipeline resolves them only to recognise.
	r, err := pipeline.New(pipeline.Config{}).Align(t, article)
	if err != nil {
		return err
	}
	if out == "" || out == "-" {
		return export.WriteAlignment(stdout, r, f, info)
	}
	return export.WriteAlignmentFile(out, r, f, info)
}

// documentInfo reads the --title and --date flags of a Word document.
func documentInfo(title, date string) (export.DocumentInfo, error) {
	info := export.DocumentInfo{Title: strings.TrimSpace(title)}
	if date != "" {
		d, err := time.Parse(time.DateOnly, date)
		if err != nil {
			return info, fmt.Errorf("--date %q: want YYYY-MM-DD, like 2026-12-02", date)
		}
		info.Date = d
	}
	return info, nil
}

// firstLine is the first non-empty line of an article: its headline.
func firstLine(article string) string {
	for _, l := range strings.Split(article, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// readTranscript reads a transcript JSON file, streaming it, with one-line
// errors that say what is wrong and where.
func readTranscript(path string) (*transcribe.Transcript, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("transcript: %w", err)
	}
	defer file.Close()
	var t transcribe.Transcript
	dec := json.NewDecoder(file)
	if err := dec.Decode(&t); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return nil, fmt.Errorf("transcript %s is empty: want newsscribe transcript JSON", path)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, fmt.Errorf("transcript %s is truncated: its JSON ends early", path)
		case errors.As(err, &syn):
			return nil, fmt.Errorf("transcript %s is not valid JSON at byte %d: %w", path, syn.Offset, err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("transcript %s is not a newsscribe transcript (field %q at byte %d): %w", path, typ.Field, typ.Offset, err)
		}
		return nil, fmt.Errorf("transcript %s: %w", path, err)
	}
	// Valid JSON that is not a transcript ({} or another tool's object):
	// a transcript always has a language and a segments array.
	if t.Language == "" || t.Segments == nil {
		return nil, fmt.Errorf("transcript %s is JSON but not a newsscribe transcript: it lacks \"language\" or \"segments\" (make one with newsscribe transcribe --format json)", path)
	}
	return &t, nil
}
