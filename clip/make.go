package clip

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// Loudness target of every clip (EBU R128 as streaming services and the
// AES recommend for spoken word on the web): -16 LUFS integrated, true peak
// at most -1.5 dBTP, loudness range 11 LU. Two passes: loudnorm measures
// the clip, then applies one linear gain (dynamic only when a linear gain
// cannot reach the target without passing the peak limit).
const (
	TargetLUFS  = -16.0
	TargetPeak  = -1.5
	TargetRange = 11.0
)

// FadeSeconds is the fade in and out at the clip's ends, so that a cut
// between words never clicks.
const FadeSeconds = 0.03

// Spec is one clip to make.
type Spec struct {
	// From and To are the span asked for, in seconds from the beginning of
	// the recording; Make snaps them to the words' boundaries (Snap).
	From, To float64
	Format   Format
	Aspect   Aspect // videos only; "" is 16:9
	Captions Captions
	// Highlight draws the word being said in another colour (burned
	// captions only).
	Highlight bool
	// Words are the recording's words with their times: what the cut snaps
	// to and what the captions say.
	Words []Word
	// CaptionWords, when not nil, are what the captions say instead of
	// Words (an English machine translation with its segment times); the
	// cut still snaps to Words, the words said.
	CaptionWords []Word
	// Card is the title and speaker of the card drawn when the recording
	// has no picture.
	Card CardText
}

// Options configure Make.
type Options struct {
	// Audio configures the sandboxed ffmpeg (its path).
	Audio audio.Options
	// Fonts holds the caption font files (TTF, OTF or WOFF2, at its root),
	// copied to a temporary fonts directory for libass. Needed for burned
	// captions and cards; the api/web package's CaptionFonts is the Noto
	// Naskh Arabic the binary ships.
	Fonts fs.FS
	// TempDir is where the caption script and fonts are written; "" is
	// os.TempDir().
	TempDir string
	// Preset is libx264's speed preset; "" is "veryfast".
	Preset string
}

// Result describes a made clip.
type Result struct {
	// Start and End are the snapped span, seconds from the beginning of the
	// recording; Duration is End-Start.
	Start, End, Duration float64
	// Video is true when the picture is the recording's own (not a card).
	Video bool
	// Size is the file's size in bytes.
	Size int64
}

// Validate checks the spec's fields (not its words).
func (s Spec) Validate() error {
	if _, err := ParseFormat(string(s.Format)); err != nil {
		return err
	}
	if _, err := ParseAspect(string(s.Aspect)); err != nil {
		return err
	}
	if _, err := ParseCaptions(string(s.Captions), s.Format); err != nil {
		return err
	}
	switch {
	case CheckTime(s.From) != nil || CheckTime(s.To) != nil:
		return errors.Join(CheckTime(s.From), CheckTime(s.To))
	case s.From < 0 || s.To <= s.From:
		return fmt.Errorf("span %s–%s: want 0 ≤ from < to", Clock(s.From), Clock(s.To))
	case s.To-s.From > MaxDuration:
		return fmt.Errorf("span of %.0f s is longer than a clip may be (%.0f s)", s.To-s.From, MaxDuration)
	}
	return nil
}

// Make cuts spec's span out of the recording at src and writes the clip to
// dst, atomically (ffmpeg writes into a temporary directory beside dst; the
// finished file is synced and renamed). progress, if not nil, gets 0–100.
func Make(ctx context.Context, src string, spec Spec, dst string, opts Options, progress func(int)) (Result, error) {
	if err := spec.Validate(); err != nil {
		return Result{}, err
	}
	spec.Format, _ = ParseFormat(string(spec.Format))
	spec.Aspect, _ = ParseAspect(string(spec.Aspect))
	spec.Captions, _ = ParseCaptions(string(spec.Captions), spec.Format)
	if progress == nil {
		progress = func(int) {}
	}
	start, end, words, err := Snap(spec.Words, spec.From, spec.To)
	if err != nil {
		return Result{}, err
	}
	if spec.CaptionWords != nil {
		words = within(spec.CaptionWords, start, end)
	}
	dur := end - start
	res := Result{Start: start, End: end, Duration: dur}
	progress(0)

	enc := audio.Encoding{Src: src, Start: start, Duration: dur}
	fades := fmt.Sprintf("afade=t=in:d=%.3f,afade=t=out:st=%.3f:d=%.3f", FadeSeconds, max(dur-FadeSeconds, 0), FadeSeconds)
	target := fmt.Sprintf("I=%g:TP=%g:LRA=%g", TargetLUFS, TargetPeak, TargetRange)
	enc.Filter = fades
	l, err := audio.MeasureLoudness(ctx, enc, target, opts.Audio)
	if err != nil {
		return Result{}, err
	}
	norm := "loudnorm=" + target // silence cannot be measured: one dynamic pass
	if l.Finite() {
		norm = "loudnorm=" + l.SecondPass(target)
	}
	progress(10)
	// loudnorm works at 192 kHz: back to 48 kHz, and to a channel layout
	// the encoders accept (a WAV without a channel mask has none).
	achain := "[0:a:0]" + fades + "," + norm + ",aresample=48000,aformat=channel_layouts=mono|stereo"

	work, err := os.MkdirTemp(opts.TempDir, "newsscribe-clip-")
	if err != nil {
		return Result{}, fmt.Errorf("clip: %w", err)
	}
	defer os.RemoveAll(work)

	switch spec.Format {
	case MP3:
		enc.Filter = achain + "[a]"
		enc.Output = []string{"-map", "[a]", "-c:a", "libmp3lame", "-b:a", "128k", "-map_metadata", "-1"}
		enc.Format = "mp3"
	case M4A:
		enc.Filter = achain + "[a]"
		enc.Output = []string{"-map", "[a]", "-c:a", "aac", "-b:a", "128k", "-map_metadata", "-1", "-movflags", "+faststart"}
		enc.Format = "ipod"
	case MP4:
		m, err := audio.ProbeMedia(ctx, src, opts.Audio)
		if err != nil {
			return Result{}, err
		}
		_, hasPic := m.Picture()
		res.Video = hasPic
		if err := videoEncoding(&enc, spec, words, start, dur, achain, hasPic, work, opts); err != nil {
			return Result{}, err
		}
	}
	enc.Progress = func(sec float64) {
		if dur > 0 {
			progress(10 + min(int(89*sec/dur), 89))
		}
	}

	dir := filepath.Dir(dst)
	tmpDir, err := os.MkdirTemp(dir, "."+filepath.Base(dst)+".*.tmp")
	if err != nil {
		return Result{}, fmt.Errorf("create output %s: %w", dst, err)
	}
	defer os.RemoveAll(tmpDir)
	tmp := filepath.Join(tmpDir, "clip"+spec.Format.Extension())
	if err := enc.RunFile(ctx, tmp, opts.Audio); err != nil {
		return Result{}, err
	}
	f, err := os.Open(tmp)
	if err != nil {
		return Result{}, fmt.Errorf("clip: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return Result{}, fmt.Errorf("clip: %w", err)
	}
	res.Size = fi.Size()
	if err := atomicfile.Commit(f, dst); err != nil {
		f.Close()
		return Result{}, fmt.Errorf("write %s: %w", dst, err)
	}
	progress(100)
	return res, nil
}

// videoEncoding fills enc with the video clip's graph: the recording's own
// picture scaled and centre-cropped to fill the frame (hasPic), or a card
// (a dark background, the title and speaker, the waveform of the clip);
// captions burned by libass from a script written into work, or muxed as a
// mov_text track. achain is the normalised audio chain (no output label):
// [a] in the graph, and for a card also [aw], the waveform's copy.
func videoEncoding(enc *audio.Encoding, spec Spec, words []Word, start, dur float64, achain string, hasPic bool, work string, opts Options) error {
	w, h := spec.Aspect.size()
	rel := make([]Word, len(words))
	for i, wd := range words {
		rel[i] = Word{Text: wd.Text, Start: max(wd.Start-start, 0), End: min(wd.End-start, dur), Break: wd.Break}
	}
	cues := Cues(rel, spec.Aspect.lineChars())
	card := CardText{}
	if !hasPic {
		card = spec.Card
	}
	burn := spec.Captions == Burn
	needLibass := burn || card != (CardText{})

	var graph string
	if hasPic {
		graph = fmt.Sprintf("[0:v:0]scale=%d:%d:force_original_aspect_ratio=increase,crop=%d:%d,setsar=1,format=yuv420p[p];", w, h, w, h)
	} else {
		wh := h / 4
		graph = fmt.Sprintf("color=c=0x0e1726:s=%dx%d:r=25[bg];[aw]showwaves=s=%dx%d:mode=cline:colors=0x4fc3f7:r=25,format=yuva420p[wv];"+
			"[bg][wv]overlay=x=0:y=%d:shortest=1,format=yuv420p[p];", w, h, w, wh, (h-wh)/2+h/10)
	}
	if hasPic {
		graph += achain + "[a]"
	} else {
		graph += achain + ",asplit[a][aw]"
	}
	out := "[p]"
	if needLibass {
		if opts.Fonts == nil {
			return errors.New("clip: no caption fonts (Options.Fonts)")
		}
		fonts := filepath.Join(work, "fonts")
		if err := copyFonts(opts.Fonts, fonts); err != nil {
			return err
		}
		script := filepath.Join(work, "captions.ass")
		var show []Cue
		if burn {
			show = cues
		}
		if err := writeScript(script, show, spec, card, dur); err != nil {
			return err
		}
		enc.Files = []string{script, fonts}
		graph += ";[p]ass=filename='" + script + "':fontsdir='" + fonts + "'[v]"
		out = "[v]"
	}
	enc.Filter = graph
	enc.Output = []string{"-map", out, "-map", "[a]",
		"-c:v", "libx264", "-preset", opts.preset(), "-crf", "23", "-profile:v", "high", "-pix_fmt", "yuv420p",
		"-c:a", "aac", "-b:a", "128k", "-t", strconv.FormatFloat(dur, 'f', 3, 64),
		"-map_metadata", "-1", "-movflags", "+faststart"}
	if spec.Captions == Soft {
		script := filepath.Join(work, "soft.ass")
		if err := writeScript(script, cues, Spec{Aspect: spec.Aspect}, CardText{}, dur); err != nil {
			return err
		}
		enc.Subtitles = script
		enc.Output = append(enc.Output, "-map", "1:s:0", "-c:s", "mov_text", "-metadata:s:s:0", "language=ara")
	}
	enc.Format = "mp4"
	return nil
}

func (o Options) preset() string {
	if o.Preset == "" {
		return "veryfast"
	}
	return o.Preset
}

// writeScript writes the ASS script of cues (and card) to path.
func writeScript(path string, cues []Cue, spec Spec, card CardText, dur float64) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("clip: %w", err)
	}
	if err := WriteASS(f, cues, spec.Aspect, spec.Highlight, card, dur); err != nil {
		f.Close()
		return fmt.Errorf("clip: captions: %w", err)
	}
	return f.Close()
}

// copyFonts copies the font files at the root of fsys into dir.
func copyFonts(fsys fs.FS, dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil {
		return fmt.Errorf("clip: %w", err)
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return fmt.Errorf("clip: fonts: %w", err)
	}
	n := 0
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".ttf", ".otf", ".woff2", ".woff":
		default:
			continue
		}
		b, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			return fmt.Errorf("clip: fonts: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o600); err != nil {
			return fmt.Errorf("clip: fonts: %w", err)
		}
		n++
	}
	if n == 0 {
		return errors.New("clip: fonts: no font file")
	}
	return nil
}
