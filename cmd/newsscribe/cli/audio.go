package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// newAudioCmd is `newsscribe audio`: probe a recording, or convert it to
// the 16 kHz mono 16-bit PCM WAV whisper.cpp's tools take.
func newAudioCmd(s Streams) *cobra.Command {
	var opts audio.Options
	cmd := &cobra.Command{
		Use:   "audio",
		Short: "Inspect recordings and convert them to 16 kHz mono WAV",
	}
	cmd.PersistentFlags().DurationVar(&opts.MaxDuration, "max-duration", 0, "refuse recordings longer than this (0: no limit)")
	cmd.PersistentFlags().StringVar(&opts.FFmpegPath, "ffmpeg", "", "ffmpeg executable (default: ffmpeg from PATH)")
	cmd.AddCommand(
		&cobra.Command{
			Use:   "convert IN OUT.wav",
			Short: "Decode IN (any supported format) to 16 kHz mono 16-bit PCM WAV; - is standard input for IN, standard output for OUT",
			Args:  cobra.ExactArgs(2),
			RunE: func(cmd *cobra.Command, args []string) error {
				return audioConvert(cmd.Context(), s, args[0], args[1], opts)
			},
		},
		&cobra.Command{
			Use:   "probe IN",
			Short: "Print format, codec, sample rate, channels, duration and level of IN as JSON",
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				return audioProbe(cmd.Context(), s, args[0], opts)
			},
		},
	)
	return cmd
}

// openAudio opens a decoder on a file, or on standard input for "-".
func openAudio(ctx context.Context, s Streams, in string, opts audio.Options) (*audio.Decoder, error) {
	if in == "-" {
		return audio.NewDecoder(ctx, s.In, opts)
	}
	return audio.OpenFile(ctx, in, opts)
}

// audioConvert streams IN to OUT, or to standard output for "-" (a WAV
// whose sizes say "to the end", as ffmpeg writes to a pipe; refused on a
// terminal). A file is written through a temporary file in OUT's
// directory, renamed into place only once complete, so OUT is never left
// half-written.
func audioConvert(ctx context.Context, s Streams, in, out string, opts audio.Options) error {
	if out == "-" {
		if err := refuseTerminal(s.Out, "a WAV recording"); err != nil {
			return err
		}
	}
	d, err := openAudio(ctx, s, in, opts)
	if err != nil {
		return err
	}
	defer d.Close()
	convert := func(w *audio.WAVWriter) error {
		// Conversion is fast; its bar is shown on a terminal only, so that
		// scripts see nothing on stderr but errors.
		var bar *progressBar
		if isTerminal(s.Err) {
			bar = newProgressBar(s.Err, "converting")
			defer bar.Finish()
		}
		total := d.Info().Duration
		buf := make([]float32, 32<<10)
		var done int64
		for {
			n, rerr := d.Read(buf)
			if n > 0 {
				if err := w.Write(buf[:n]); err != nil {
					return err
				}
				done += int64(n)
				if bar != nil {
					sec := float64(done) / audio.SampleRate
					if total > 0 {
						bar.Set(int(100*sec/total), clock(sec)+" of "+clock(total))
					} else {
						bar.Set(0, clock(sec))
					}
				}
			}
			if errors.Is(rerr, io.EOF) {
				break
			}
			if rerr != nil {
				return rerr
			}
		}
		if done == 0 {
			return audio.ErrEmpty
		}
		if bar != nil {
			bar.Set(100, clock(float64(done)/audio.SampleRate))
			bar.Finish()
		}
		warnTruncated(s.Err, in, d)
		return w.Close()
	}
	if out == "-" {
		w, err := audio.NewWAVStream(s.Out)
		if err != nil {
			return err
		}
		return convert(w)
	}
	err = atomicfile.Write(out, func(f *os.File) error {
		w, err := audio.NewWAVWriter(f)
		if err != nil {
			return err
		}
		return convert(w)
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(s.Out, "wrote %s\n", out)
	return err
}

// withLimit names the --max-duration limit in an ErrTooLong from in.
func withLimit(err error, in string, opts audio.Options) error {
	if errors.Is(err, audio.ErrTooLong) && opts.MaxDuration > 0 {
		return fmt.Errorf("%s is longer than the --max-duration limit of %s: %w", in, opts.MaxDuration, err)
	}
	return err
}

// probeResult is what `audio probe` prints.
type probeResult struct {
	Format     string  `json:"format"`
	Codec      string  `json:"codec"`
	SampleRate int     `json:"sample_rate"`
	Channels   int     `json:"channels"`
	Duration   float64 `json:"duration"`
	RMSdBFS    float64 `json:"rms_dbfs"`
	PeakdBFS   float64 `json:"peak_dbfs"`
	Silent     bool    `json:"silent"`
	// Truncated is true when the recording decoded to well under the
	// DeclaredDuration its container states (a file cut off).
	Truncated        bool    `json:"truncated,omitempty"`
	DeclaredDuration float64 `json:"declared_duration,omitempty"`
}

// warnTruncated warns on w when decoder d, at its end, found the recording
// cut short of the duration its container declares (see audio.Truncated).
func warnTruncated(w io.Writer, in string, d *audio.Decoder) {
	if in == "-" {
		in = "standard input"
	}
	if tr, cut := d.Truncated(); cut {
		fmt.Fprintf(w, "newsscribe: warning: %s: decoded %s of the %s its header declares: the file looks cut short (an incomplete download or copy?)\n",
			in, clock(tr.Decoded), clock(tr.Declared))
	}
}

// audioProbe decodes IN completely (streaming, nothing kept) to measure
// its true duration and level.
func audioProbe(ctx context.Context, s Streams, in string, opts audio.Options) (err error) {
	defer func() { err = withLimit(err, in, opts) }()
	d, err := openAudio(ctx, s, in, opts)
	if err != nil {
		return err
	}
	defer d.Close()
	var m audio.Meter
	buf := make([]float32, 32<<10)
	var n int64
	for {
		k, err := d.Read(buf)
		m.Write(buf[:k])
		n += int64(k)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
	}
	if n == 0 {
		return audio.ErrEmpty
	}
	warnTruncated(s.Err, in, d)
	info, lv := d.Info(), m.Level()
	res := probeResult{
		Format: info.Format, Codec: info.Codec, SampleRate: info.SampleRate, Channels: info.Channels,
		Duration: round3(float64(n) / audio.SampleRate),
		RMSdBFS:  round3(lv.RMSdBFS), PeakdBFS: round3(lv.PeakdBFS), Silent: lv.Silent,
	}
	if tr, cut := d.Truncated(); cut {
		res.Truncated, res.DeclaredDuration = true, round3(tr.Declared)
	}
	enc := json.NewEncoder(s.Out)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

func round3(x float64) float64 {
	return float64(int64(x*1000+copysign(0.5, x))) / 1000
}

func copysign(a, b float64) float64 {
	if b < 0 {
		return -a
	}
	return a
}

func clock(sec float64) string {
	s := int(sec)
	return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
}
