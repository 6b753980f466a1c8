package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/align"
	"github.com/newsscribe/newsscribe/api/web"
	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/clip"
	"github.com/newsscribe/newsscribe/transcribe"
)

// clipFlags are the flags of `newsscribe clip`.
type clipFlags struct {
	quote                    int
	from, to                 string
	format, aspect, captions string
	highlight                bool
	title, speaker           string
	transcript               string
	out, ffmpeg              string
	force                    bool
}

func newClipCmd(s Streams) *cobra.Command {
	var f clipFlags
	cmd := &cobra.Command{
		Use:   "clip INPUT.json RECORDING (--quote N | --from T --to T) [-o OUT]",
		Short: "Cut a publishable audio clip or captioned video of a quote or any span",
		Long: `Cut a clip out of RECORDING: MP3 or M4A audio, or an MP4 video (H.264/AAC)
in 16:9, 1:1 or 9:16 with Arabic captions burned in from the word times
(or as a subtitle track). INPUT.json is a transcript (newsscribe transcribe
--format json) or an aligned article (newsscribe align); --quote N takes
the span of the article's quotation N, numbered as --format report numbers
them, and its speaker. The cut snaps to word boundaries, fades 30 ms in and
out and is normalised to -16 LUFS (EBU R128, true peak -1.5 dBTP). A video
recording keeps its picture; otherwise the video is a card with the title,
the speaker and the waveform. Times are seconds (83.2) or m:ss (1:23.2).`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runClip(cmd.Context(), s, args[0], args[1], f, cmd.Flags().Changed("quote"))
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&f.quote, "quote", 0, "quotation number of the aligned article (1 is the first)")
	fl.StringVar(&f.from, "from", "", "start of the span: seconds or m:ss")
	fl.StringVar(&f.to, "to", "", "end of the span: seconds or m:ss")
	fl.StringVar(&f.format, "format", "mp4", "mp3, m4a or mp4")
	fl.StringVar(&f.aspect, "aspect", "16:9", "video shape: 16:9, 1:1 or 9:16")
	fl.StringVar(&f.captions, "captions", "", "burn, soft (a subtitle track) or none (default: burn for mp4)")
	fl.BoolVar(&f.highlight, "highlight", false, "draw the word being said in amber")
	fl.StringVar(&f.title, "title", "", "title on the card (a recording without picture)")
	fl.StringVar(&f.speaker, "speaker", "", "speaker's name on the card (default: the quotation's speaker)")
	fl.StringVar(&f.transcript, "transcript", "", "with an aligned article: caption the words spoken (this transcript) rather than the words printed")
	fl.StringVarP(&f.out, "output", "o", "", "output file, written atomically; - for standard output (default: RECORDING's name + -clip.FORMAT beside it, never replacing a file)")
	fl.BoolVar(&f.force, "force", false, "replace the default output file if it exists")
	fl.StringVar(&f.ffmpeg, "ffmpeg", "", "ffmpeg executable (default: ffmpeg from PATH)")
	return cmd
}

// clipInput is what a clip needs of a transcript (segments) or an aligned
// article (words, quotes), read in one pass.
type clipInput struct {
	Segments []transcribe.Segment `json:"segments"`
	Words    []align.TimedWord    `json:"words"`
	Quotes   []align.TimedQuote   `json:"quotes"`
}

func runClip(ctx context.Context, s Streams, inputPath, recording string, f clipFlags, quoteSet bool) error {
	format, err := clip.ParseFormat(f.format)
	if err != nil {
		return fmt.Errorf("--format: %w", err)
	}
	aspect, err := clip.ParseAspect(f.aspect)
	if err != nil {
		return fmt.Errorf("--aspect: %w", err)
	}
	captions, err := clip.ParseCaptions(f.captions, format)
	if err != nil {
		return fmt.Errorf("--captions: %w", err)
	}
	if quoteSet == (f.from != "" || f.to != "") {
		return errors.New("give --quote N, or --from and --to")
	}
	if inputPath == "-" && f.transcript == "-" {
		return errors.New("INPUT.json - and --transcript -: standard input can be only one of them")
	}
	in, err := readClipInput(inputPath, s.In)
	if err != nil {
		return err
	}
	spec := clip.Spec{Format: format, Aspect: aspect, Captions: captions, Highlight: f.highlight,
		Card: clip.CardText{Title: f.title, Speaker: f.speaker}}
	aligned := in.Words != nil || in.Quotes != nil
	result := &align.Result{Words: in.Words, Quotes: in.Quotes}
	switch {
	case aligned:
		spec.Words = clip.ArticleWords(result)
	case in.Segments != nil:
		spec.Words = clip.TranscriptWords(&transcribe.Transcript{Segments: in.Segments})
	default:
		return fmt.Errorf("%s is JSON but neither a transcript nor an aligned article: it has no \"segments\" or \"words\"", inputPath)
	}
	if f.transcript != "" {
		t, err := readTranscript(f.transcript, s.In)
		if err != nil {
			return err
		}
		spec.Words = clip.TranscriptWords(t)
	}
	if quoteSet {
		if !aligned {
			return fmt.Errorf("--quote needs an aligned article (newsscribe align); %s is a transcript: use --from and --to", inputPath)
		}
		q, err := clip.QuoteSpan(result, f.quote-1)
		if err != nil {
			return fmt.Errorf("--quote: %w", err)
		}
		spec.From, spec.To = q.Start, q.End
		if spec.Card.Speaker == "" {
			spec.Card.Speaker = q.Speaker
		}
	} else {
		if f.from == "" || f.to == "" {
			return errors.New("give both --from and --to")
		}
		if spec.From, err = clip.ParseClock(f.from); err != nil {
			return fmt.Errorf("--from: %w", err)
		}
		if spec.To, err = clip.ParseClock(f.to); err != nil {
			return fmt.Errorf("--to: %w", err)
		}
	}
	if err := spec.Validate(); err != nil {
		return err
	}
	out := target{Path: f.out, Named: f.out != ""}
	if out.Path == "" {
		out.Path = strings.TrimSuffix(recording, filepath.Ext(recording)) + "-clip" + format.Extension()
	}
	if err := out.check(f.force); err != nil {
		return err
	}
	if out.Path == "-" {
		if err := refuseTerminal(s.Out, "a "+string(format)+" clip"); err != nil {
			return err
		}
	}
	if _, err := os.Stat(recording); err != nil {
		return fmt.Errorf("recording: %w", err)
	}
	dst, label := out.Path, filepath.Base(out.Path)
	if out.Path == "-" {
		// ffmpeg writes MP4's index at the end and seeks back: the clip is
		// made in a temporary directory and then copied to standard output.
		tmp, err := os.MkdirTemp("", "newsscribe-clip-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dst, label = filepath.Join(tmp, "clip"+format.Extension()), "clip"
	}
	bar := newProgressBar(s.Err, label)
	res, err := clip.Make(ctx, recording, spec, dst, clip.Options{Audio: audio.Options{FFmpegPath: f.ffmpeg}, Fonts: web.CaptionFonts()},
		func(pct int) { bar.Set(pct, "") })
	bar.Finish()
	if err != nil {
		return err
	}
	summary := fmt.Sprintf("%s–%s (%.2f s), %d bytes", clip.Clock(res.Start), clip.Clock(res.End), res.Duration, res.Size)
	if out.Path == "-" {
		fmt.Fprintf(s.Err, "clip: %s\n", summary)
		return copyFile(s.Out, dst)
	}
	fmt.Fprintf(s.Out, "wrote %s: %s\n", out.Path, summary)
	return nil
}

// copyFile copies the file path to w.
func copyFile(w io.Writer, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// readClipInput decodes a transcript or aligned-article JSON file,
// streaming it.
func readClipInput(path string, stdin io.Reader) (*clipInput, error) {
	r := stdin
	if path != "-" {
		file, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("input: %w", err)
		}
		defer file.Close()
		r = file
	} else {
		path = "standard input"
	}
	var in clipInput
	if err := json.NewDecoder(r).Decode(&in); err != nil {
		return nil, fmt.Errorf("%s is not a transcript or aligned article JSON: %w", path, err)
	}
	return &in, nil
}
