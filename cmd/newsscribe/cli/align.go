package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/export"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
)

func newAlignCmd(s Streams) *cobra.Command {
	var transcriptPath, articlePath, format, out, title, date string
	cmd := &cobra.Command{
		Use:   "align --transcript T.json --article A.txt [--format json|srt|vtt|html|report|docx] [-o OUT]",
		Short: "Put times on an article from a transcript, without running recognition again",
		Long: `Align a transcript (newsscribe's JSON, as written by "newsscribe transcribe",
or SubRip, WebVTT or OpenAI verbose_json, read as the server imports them)
to the text of the article that reports the speech, and write the article
with times: JSON (words, sentences, quotations, unreported speech), SRT or
WebVTT subtitles of the spoken sentences, a self-contained HTML page, or the
quotation check as text (report) or as a Word document (docx, titled with
--title or else the article's headline, dated with --date).
Articles get edited after publication; re-aligning takes well under a second.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f, err := export.ParseFormat(format)
			if err != nil {
				return fmt.Errorf("--format: %w", err)
			}
			if transcriptPath == "-" && articlePath == "-" {
				return errors.New("--transcript - and --article -: standard input can be only one of them")
			}
			if out == "" {
				out = "-"
			}
			binary := f == export.FormatDOCX
			if binary && out == "-" {
				if err := refuseTerminal(s.Out, "--format docx"); err != nil {
					return err
				}
			}
			t, err := readTranscript(transcriptPath, s.In)
			if err != nil {
				return err
			}
			article, err := readArticle(articlePath, s.In)
			if err != nil {
				return err
			}
			info, err := documentInfo(title, date)
			if err != nil {
				return err
			}
			if info.Title == "" {
				info.Title = align.Headline(article)
			}
			// Aligning needs no models: the pipeline resolves them only to
			// recognise.
			r, err := pipeline.New(pipeline.Config{}).Align(t, article)
			if err != nil {
				return err
			}
			// -o names its file: it may be replaced.
			return target{Path: out, Named: true}.write(s.Out, false, binary, "--format "+format, func(w io.Writer) error {
				return export.WriteAlignment(w, r, f, info)
			})
		},
	}
	cmd.Flags().StringVar(&transcriptPath, "transcript", "", "transcript file: newsscribe JSON, SRT, WebVTT or OpenAI verbose_json; - for standard input (required)")
	cmd.Flags().StringVar(&articlePath, "article", "", "article text file, UTF-8; - for standard input (required)")
	cmd.Flags().StringVar(&format, "format", "json", "output format: json, srt, vtt, html, report (the quotation check as text) or docx (the check as a Word document)")
	cmd.Flags().StringVar(&title, "title", "", "docx: the document's title (default: the article's headline, its first line that is not a dateline or byline)")
	cmd.Flags().StringVar(&date, "date", "", "docx: the article's date, YYYY-MM-DD (default: none)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file, written atomically (default, or -: standard output)")
	_ = cmd.MarkFlagRequired("transcript")
	_ = cmd.MarkFlagRequired("article")
	return cmd
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

// maxTranscriptBytes caps a transcript read whole: 32 MiB (a ten-hour
// transcript's JSON is a few MiB).
const maxTranscriptBytes = 32 << 20

// readTranscript reads a transcript file ("-": stdin) with the reader the
// server's import uses (transcribe.Read): newsscribe JSON, OpenAI
// verbose_json, SubRip or WebVTT, told apart by the extension (.srt, .vtt)
// or else by the content; errors are one line that names the file and
// where it is wrong.
func readTranscript(path string, stdin io.Reader) (*transcribe.Transcript, error) {
	var r io.Reader = stdin
	name := "on standard input"
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("transcript: %w", err)
		}
		defer file.Close()
		r, name = file, path
	}
	b, err := io.ReadAll(io.LimitReader(r, maxTranscriptBytes+1))
	if err != nil {
		return nil, fmt.Errorf("transcript %s: %w", name, err)
	}
	var f transcribe.Format
	switch strings.ToLower(filepath.Ext(path)) {
	case ".srt":
		f = transcribe.FormatSRT
	case ".vtt":
		f = transcribe.FormatVTT
	case ".json":
		// newsscribe's JSON or verbose_json; never read as SubRip.
		if transcribe.DetectFormat(b) == transcribe.FormatSRT {
			f = transcribe.FormatJSON
		}
	}
	t, err := transcribe.Read(bytes.NewReader(b), f)
	if errors.Is(err, transcribe.ErrNoSpeech) {
		// newsscribe's own transcript of a recording in which nothing
		// was heard: every quotation is then not said.
		var empty transcribe.Transcript
		if json.Unmarshal(b, &empty) == nil && empty.Language != "" && empty.Segments != nil {
			return &empty, nil
		}
	}
	var (
		re  *transcribe.ReadError
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case err == nil:
	case errors.As(err, &syn) && strings.Contains(syn.Error(), "unexpected end"):
		return nil, fmt.Errorf("transcript %s is truncated: its JSON ends early", name)
	case errors.As(err, &syn) && errors.As(err, &re):
		return nil, fmt.Errorf("transcript %s is not valid JSON at line %d: %v (newsscribe reads its own JSON, SRT, WebVTT and verbose_json)", name, re.Line, syn)
	case errors.As(err, &typ) && errors.As(err, &re):
		return nil, fmt.Errorf("transcript %s is not a newsscribe transcript: its field %q is a JSON %s (line %d) (make one with newsscribe transcribe --format json)", name, strings.TrimPrefix(typ.Field, "Transcript."), typ.Value, re.Line)
	default:
		return nil, fmt.Errorf("transcript %s: %w", name, err)
	}
	if t.Language == "" {
		t.Language = "ar" // SubRip and WebVTT do not say; the server's import assumes the same
	}
	return t, nil
}
