package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// DefaultChunkLength is the target length of a chunk of a long recording.
const DefaultChunkLength = 3 * time.Minute

// Chunk is one range of a recording, recognised as its own unit of work.
// Start and End are in samples at transcribe.SampleRate, End exclusive.
type Chunk struct {
	Start, End int64
}

// Offset is the chunk's start in seconds from the beginning of the recording.
func (c Chunk) Offset() float64 { return float64(c.Start) / transcribe.SampleRate }

// Plan is how a recording is cut: Chunks cover [0, Samples) in order,
// without gaps or overlaps.
type Plan struct {
	Samples int64
	Chunks  []Chunk
}

// Duration is the recording's length in seconds.
func (p Plan) Duration() float64 { return float64(p.Samples) / transcribe.SampleRate }

// SampleReader is a stream of 16 kHz mono samples (an *audio.Decoder).
type SampleReader interface {
	Read(p []float32) (int, error)
}

// speechWindow is how much of a recording the VAD sees at once while it is
// streamed: 60 s of float32 (3.8 MB) whatever the recording's length.
const speechWindow = 60 * transcribe.SampleRate

// envelopeStep is the resolution of the loudness envelope kept for choosing
// cuts inside over-long speech (100 ms: 36,000 values for an hour).
const envelopeStep = transcribe.SampleRate / 10

// Prepare streams a whole recording from src once: it writes it to w as
// PCM16 (see audio.EncodePCM16; w may be io.Discard when the copy exists)
// and finds its speech with the engine's VAD (Silero), window by window, so
// that no stage holds the whole recording. It returns the chunks, cut at
// pauses with a target length of chunkLength (DefaultChunkLength when ≤ 0);
// see PlanChunks. Errors from src (the decoder's) are returned as they are.
func (p *Pipeline) Prepare(ctx context.Context, src SampleReader, w io.Writer, chunkLength time.Duration) (Plan, error) {
	if chunkLength <= 0 {
		chunkLength = DefaultChunkLength
	}
	buf := make([]float32, speechWindow)
	raw := make([]byte, 2*speechWindow)
	var (
		n     int64
		spans []whisper.Span
		env   []float32
	)
	for {
		k, err := readFull(src, buf)
		if k > 0 {
			win := buf[:k]
			audio.EncodePCM16(raw, win)
			if _, werr := w.Write(raw[:2*k]); werr != nil {
				return Plan{}, fmt.Errorf("store pcm: %w", werr)
			}
			// The VAD and the envelope see the samples as chunks will read
			// them back: rounded to 16 bits.
			audio.DecodePCM16(win, raw[:2*k])
			found, serr := p.speech(ctx, win)
			if serr != nil {
				return Plan{}, fmt.Errorf("vad: %w", serr)
			}
			spans = joinSpans(spans, found, float64(n)/transcribe.SampleRate)
			env = appendEnvelope(env, win)
			n += int64(k)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Plan{}, err
		}
		if err := ctx.Err(); err != nil {
			return Plan{}, err
		}
	}
	if n == 0 {
		return Plan{}, audio.ErrEmpty
	}
	return Plan{Samples: n, Chunks: PlanChunks(n, spans, env, chunkLength)}, nil
}

// readFull fills buf from r unless r ends first; it returns io.EOF with the
// last (possibly partial) window.
func readFull(r SampleReader, buf []float32) (int, error) {
	n := 0
	for n < len(buf) {
		k, err := r.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
		if k == 0 {
			return n, io.ErrNoProgress
		}
	}
	return n, nil
}

// speecher is the VAD of an engine that has one (transcribe/whisper).
type speecher interface {
	VAD() bool
	Speech(ctx context.Context, samples []float32) ([]whisper.Span, error)
}

// speech returns the speech spans of samples (seconds from their start):
// the engine's VAD when it has one and VAD is wanted, else stretches louder
// than silenceRMS (an engine without a VAD model still gets cuts in pauses).
func (p *Pipeline) speech(ctx context.Context, samples []float32) ([]whisper.Span, error) {
	p.mu.Lock()
	e := p.engine
	p.mu.Unlock()
	if e == nil {
		return nil, ErrNotLoaded
	}
	if s, ok := e.(speecher); ok && s.VAD() && p.cfg.VAD != VADOff {
		return s.Speech(ctx, samples)
	}
	return loudSpans(samples), nil
}

// silenceRMS is the level below which a 100 ms step counts as a pause when
// no VAD model is loaded: −50 dBFS.
const silenceRMS = 0.00316

// loudSpans returns the runs of 100 ms steps louder than silenceRMS, joined
// across pauses shorter than 0.3 s.
func loudSpans(samples []float32) []whisper.Span {
	var (
		out   []whisper.Span
		start = -1.0
		last  float64
	)
	for i := 0; i < len(samples); i += envelopeStep {
		j := min(i+envelopeStep, len(samples))
		t0, t1 := float64(i)/transcribe.SampleRate, float64(j)/transcribe.SampleRate
		if rms(samples[i:j]) < silenceRMS {
			continue
		}
		switch {
		case start < 0:
			start = t0
		case t0-last >= 0.3:
			out = append(out, whisper.Span{Start: start, End: last})
			start = t0
		}
		last = t1
	}
	if start >= 0 {
		out = append(out, whisper.Span{Start: start, End: last})
	}
	return out
}

func rms(s []float32) float32 {
	var sum float64
	for _, v := range s {
		sum += float64(v) * float64(v)
	}
	return float32(math.Sqrt(sum / float64(max(len(s), 1))))
}

func appendEnvelope(env []float32, samples []float32) []float32 {
	for i := 0; i < len(samples); i += envelopeStep {
		env = append(env, rms(samples[i:min(i+envelopeStep, len(samples))]))
	}
	return env
}

// joinSpans appends the spans found in a window that starts at offset
// seconds; a span running into the window's end and one starting at the
// next window's start are one span (the window's edge is not a pause).
func joinSpans(spans, found []whisper.Span, offset float64) []whisper.Span {
	const edge = 0.1 // seconds
	for _, s := range found {
		s.Start += offset
		s.End += offset
		if k := len(spans); k > 0 && spans[k-1].End >= offset-edge && s.Start <= offset+edge {
			spans[k-1].End = max(spans[k-1].End, s.End)
			continue
		}
		spans = append(spans, s)
	}
	return spans
}

// PlanChunks cuts a recording of total samples into chunks of at most
// length. A cut falls in the middle of a pause between speech spans; a span
// is split only when it is itself longer than length (or a pause longer
// than length holds no span), and then at the quietest 100 ms step of env
// (the loudness envelope, one value per 100 ms; may be nil) in the second
// half of the chunk. A recording no longer than length is one chunk.
func PlanChunks(total int64, spans []whisper.Span, env []float32, length time.Duration) []Chunk {
	if length <= 0 {
		length = DefaultChunkLength
	}
	spans = append([]whisper.Span(nil), spans...)
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	spans = mergeOverlaps(spans)
	max := int64(length.Seconds() * transcribe.SampleRate)
	sample := func(t float64) int64 { return min(int64(math.Round(t*transcribe.SampleRate)), total) }
	var out []Chunk
	start := int64(0)
	lastEnd := int64(-1) // end of the last span in the current chunk
	cut := func(at int64) {
		out = append(out, Chunk{Start: start, End: at})
		start, lastEnd = at, -1
	}
	for i := 0; i < len(spans); {
		s0, s1 := max64(sample(spans[i].Start), start), sample(spans[i].End)
		switch {
		case s1 <= s0:
			i++
		case s1-start <= max:
			lastEnd = s1
			i++
		case lastEnd > start:
			cut(min((lastEnd+s0)/2, start+max))
		default:
			cut(quietest(env, start+max/2, start+max))
		}
	}
	for total-start > max {
		cut(quietest(env, max64(start+max/2, lastEnd), start+max))
	}
	if total > start || len(out) == 0 {
		out = append(out, Chunk{Start: start, End: total})
	}
	return out
}

// mergeOverlaps joins sorted spans that overlap or touch (VAD padding).
func mergeOverlaps(spans []whisper.Span) []whisper.Span {
	out := spans[:0]
	for _, s := range spans {
		if k := len(out); k > 0 && s.Start <= out[k-1].End {
			out[k-1].End = math.Max(out[k-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// quietest returns the sample, in [from, to], at the middle of the quietest
// 100 ms step of env there; to when env does not reach.
func quietest(env []float32, from, to int64) int64 {
	if from >= to {
		return to
	}
	best, at := float32(math.Inf(1)), to
	for k := from / envelopeStep; k*envelopeStep < to && k < int64(len(env)); k++ {
		if env[k] < best {
			best, at = env[k], k*envelopeStep+envelopeStep/2
		}
	}
	return min(max64(at, from), to)
}

// ReadChunk reads a chunk's samples from r, positioned at its first sample
// of PCM16 (see Prepare), into a new slice.
func ReadChunk(r io.Reader, c Chunk) ([]float32, error) {
	out := make([]float32, c.End-c.Start)
	raw := make([]byte, 64<<10)
	n := 0
	for n < len(out) {
		want := min(len(raw), 2*(len(out)-n))
		k, err := io.ReadFull(r, raw[:want])
		n += audio.DecodePCM16(out[n:], raw[:k-k%2])
		if err != nil {
			if n == len(out) {
				break
			}
			return nil, fmt.Errorf("read chunk samples %d–%d: %w", c.Start, c.End, err)
		}
	}
	return out, nil
}

// NewPCMReader returns a SampleReader of PCM16 bytes (a stored copy).
func NewPCMReader(r io.Reader) SampleReader { return &pcmReader{r: r, raw: make([]byte, 64<<10)} }

type pcmReader struct {
	r   io.Reader
	raw []byte
}

func (p *pcmReader) Read(dst []float32) (int, error) {
	want := min(len(p.raw), 2*len(dst))
	if want == 0 {
		return 0, nil
	}
	k, err := io.ReadFull(p.r, p.raw[:want])
	n := audio.DecodePCM16(dst, p.raw[:k-k%2])
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = io.EOF
	}
	if n > 0 && errors.Is(err, io.EOF) {
		err = nil
	}
	return n, err
}

// Kept counts the segments of a chunk's transcript that Stitch keeps with
// noSpeech (those the hallucination guards do not drop).
func Kept(t *transcribe.Transcript, noSpeech float64) int {
	n := 0
	for _, s := range t.Segments {
		if _, drop := whisper.Hallucination(s, noSpeech); !drop {
			n++
		}
	}
	return n
}

// Stitch joins the transcripts of a recording's chunks, in chunk order, into
// the recording's transcript of duration seconds: segments renumbered, times
// kept within their chunk and monotonic across chunks (a word is never before
// the word it follows), the hallucination guards (whisper.Hallucination)
// applied to every segment with noSpeech (0: the default threshold).
func Stitch(plan Plan, parts []*transcribe.Transcript, noSpeech float64) (*transcribe.Transcript, error) {
	if len(parts) != len(plan.Chunks) {
		return nil, fmt.Errorf("stitch: %d transcripts for %d chunks", len(parts), len(plan.Chunks))
	}
	t := &transcribe.Transcript{Duration: plan.Duration(), Segments: []transcribe.Segment{}}
	t.Language, t.LanguageProbability = stitchLanguage(plan, parts)
	var (
		texts []string
		last  float64
	)
	for i, part := range parts {
		t.MachineTranslation = t.MachineTranslation || part.MachineTranslation
		lo := plan.Chunks[i].Offset()
		hi := float64(plan.Chunks[i].End) / transcribe.SampleRate
		clamp := func(v float64) float64 { return math.Min(math.Max(v, math.Max(lo, last)), hi) }
		for _, s := range part.Segments {
			if _, drop := whisper.Hallucination(s, noSpeech); drop {
				continue
			}
			s.Start = clamp(s.Start)
			words := make([]transcribe.Word, len(s.Words))
			for k, w := range s.Words {
				w.Start = clamp(w.Start)
				w.End = math.Max(clamp(w.End), w.Start)
				last = w.End
				words[k] = w
			}
			s.Words = words
			s.End = math.Max(clamp(s.End), s.Start)
			last = s.End
			s.ID = len(t.Segments)
			t.Segments = append(t.Segments, s)
			texts = append(texts, strings.TrimSpace(s.Text))
		}
	}
	t.Text = strings.Join(texts, " ")
	return t, nil
}

// stitchLanguage is the language of a recording whose chunks were
// recognised apart: the language the most audio was recognised in. When
// the chunks detected their language (LanguageProbability > 0), its
// probability is the duration-weighted mean over all chunks of each one's
// probability of it, a chunk that detected another language counting 0:
// a chunk of English in Arabic speech lowers it by its share.
func stitchLanguage(plan Plan, parts []*transcribe.Transcript) (string, float64) {
	seconds := map[string]float64{}
	var best string
	for i, part := range parts {
		c := plan.Chunks[i]
		seconds[part.Language] += float64(c.End-c.Start) / transcribe.SampleRate
		if best == "" || seconds[part.Language] > seconds[best] {
			best = part.Language
		}
	}
	var p, total float64
	for i, part := range parts {
		d := float64(plan.Chunks[i].End-plan.Chunks[i].Start) / transcribe.SampleRate
		total += d
		if part.Language == best {
			p += d * part.LanguageProbability
		}
	}
	if total == 0 {
		return best, 0
	}
	return best, p / total
}
