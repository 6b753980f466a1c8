package pipeline

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/newsscribe/newsscribe/internal/atomicfile"
	"github.com/newsscribe/newsscribe/transcribe"
)

// Files of a resumable run's directory (see RecognizeResumable).
const (
	cachePCM  = "audio.pcm"       // the recording as PCM16, written while it is decoded
	cachePlan = "plan.json"       // the chunks, written once audio.pcm is complete
	chunkFile = "chunk-%05d.json" // one chunk's transcript, times in the whole recording
)

// ResumeOptions configure RecognizeResumable. The zero value is usable.
type ResumeOptions struct {
	// ChunkLength is the target length of a chunk. Defaults to
	// DefaultChunkLength.
	ChunkLength time.Duration
	// Options are the recognition's options, the same for every chunk.
	Options transcribe.Options
	// Progress, when not nil, is called as the run advances.
	Progress func(ResumeProgress)
}

// ResumeProgress is how far a resumable run is.
type ResumeProgress struct {
	// Decoding is true while the recording is decoded and cut; Done is
	// then the seconds decoded so far and Total 0.
	Decoding bool
	// Chunk is the chunk being recognised (0-based) of Chunks.
	Chunk, Chunks int
	// Resumed is how many chunks an earlier run had finished.
	Resumed int
	// Done and Total are seconds of the recording: recognised (or found
	// recognised) so far, and its length.
	Done, Total float64
}

// Percent is Done of Total, 0–100 (0 while Total is unknown).
func (p ResumeProgress) Percent() int {
	if p.Total <= 0 {
		return 0
	}
	return min(int(100*p.Done/p.Total), 100)
}

// RecognizeResumable recognises a recording as the queue's jobs do, on
// local disk: it is decoded once (open is called only when dir holds no
// complete copy) into dir/audio.pcm while Prepare finds its speech and cuts
// it into chunks at pauses (dir/plan.json); each chunk is then read back
// from the copy, recognised with RecognizeAt and its transcript stored at
// once (dir/chunk-NNNNN.json); the chunks are joined by Stitch. Every file
// is written atomically, so a run stopped at any point (ctx cancelled, the
// process killed) and started again with the same dir decodes nothing more
// and recognises only the chunks that have no transcript yet. Memory does
// not grow with the recording's length: one decoding window and one chunk's
// samples at a time.
//
// dir must be private to one recording and one set of recognition options
// (the caller keys it by both); it is created if need be and left in place:
// the caller removes it once the result is safe. Errors from open's reader
// are returned as they are (package audio's typed errors).
func (p *Pipeline) RecognizeResumable(ctx context.Context, dir string, open func() (SampleReader, error), o ResumeOptions) (*transcribe.Transcript, error) {
	report := func(r ResumeProgress) {
		if o.Progress != nil {
			o.Progress(r)
		}
	}
	if !p.Ready() {
		return nil, ErrNotLoaded
	}
	plan, err := readPlan(dir)
	if errors.Is(err, fs.ErrNotExist) {
		plan, err = p.prepareDir(ctx, dir, open, o.ChunkLength, report)
	}
	if err != nil {
		return nil, err
	}
	parts := make([]*transcribe.Transcript, len(plan.Chunks))
	resumed := 0
	for i := range plan.Chunks {
		if parts[i], err = readChunkTranscript(dir, i); err == nil {
			resumed++
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	total := plan.Duration()
	var done float64
	for i, c := range plan.Chunks {
		if parts[i] != nil {
			done += c.Seconds()
		}
	}
	for i, c := range plan.Chunks {
		if parts[i] != nil {
			continue
		}
		at := ResumeProgress{Chunk: i, Chunks: len(plan.Chunks), Resumed: resumed, Done: done, Total: total}
		report(at)
		samples, err := readPCMChunk(dir, c)
		if err != nil {
			return nil, err
		}
		t, err := p.RecognizeAt(ctx, samples, c.Offset(), o.Options, func(pct int) {
			r := at
			r.Done += c.Seconds() * float64(pct) / 100
			report(r)
		})
		if err != nil {
			return nil, err
		}
		if err := writeJSON(filepath.Join(dir, fmt.Sprintf(chunkFile, i)), t); err != nil {
			return nil, err
		}
		parts[i] = t
		done += c.Seconds()
	}
	report(ResumeProgress{Chunk: len(plan.Chunks), Chunks: len(plan.Chunks), Resumed: resumed, Done: total, Total: total})
	return Stitch(plan, parts, transcribe.DefaultNoSpeechThreshold)
}

// Seconds is the chunk's length in seconds.
func (c Chunk) Seconds() float64 { return float64(c.End-c.Start) / transcribe.SampleRate }

// prepareDir decodes the recording into dir's PCM copy and plan.
func (p *Pipeline) prepareDir(ctx context.Context, dir string, open func() (SampleReader, error), length time.Duration, report func(ResumeProgress)) (Plan, error) {
	if err := atomicfile.MkdirAll(dir); err != nil {
		return Plan{}, fmt.Errorf("cache: %w", err)
	}
	src, err := open()
	if err != nil {
		return Plan{}, err
	}
	if c, ok := src.(io.Closer); ok {
		defer c.Close()
	}
	f, err := atomicfile.Create(dir, "."+cachePCM+".*.tmp")
	if err != nil {
		return Plan{}, fmt.Errorf("cache: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	counted := &countingSamples{r: src, report: report}
	plan, err := p.Prepare(ctx, counted, bw, length)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = atomicfile.Commit(f, filepath.Join(dir, cachePCM))
	}
	if err != nil {
		atomicfile.Discard(f)
		return Plan{}, err
	}
	if err := writeJSON(filepath.Join(dir, cachePlan), plan); err != nil {
		return Plan{}, err
	}
	return plan, nil
}

// countingSamples reports the seconds read from r.
type countingSamples struct {
	r      SampleReader
	n      int64
	report func(ResumeProgress)
}

func (c *countingSamples) Read(p []float32) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	c.report(ResumeProgress{Decoding: true, Done: float64(c.n) / transcribe.SampleRate})
	return k, err
}

// readPlan reads dir's plan; fs.ErrNotExist when the recording was never
// completely decoded there.
func readPlan(dir string) (Plan, error) {
	var plan Plan
	if err := readJSON(filepath.Join(dir, cachePlan), &plan); err != nil {
		return Plan{}, err
	}
	st, err := os.Stat(filepath.Join(dir, cachePCM))
	if err != nil {
		return Plan{}, err
	}
	if n := len(plan.Chunks); n == 0 || plan.Chunks[n-1].End != plan.Samples || st.Size() != 2*plan.Samples {
		return Plan{}, fmt.Errorf("cache %s does not hold a whole recording: remove it", dir)
	}
	return plan, nil
}

// readChunkTranscript reads chunk i's stored transcript.
func readChunkTranscript(dir string, i int) (*transcribe.Transcript, error) {
	var t transcribe.Transcript
	if err := readJSON(filepath.Join(dir, fmt.Sprintf(chunkFile, i)), &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// readPCMChunk reads chunk c's samples from dir's PCM copy.
func readPCMChunk(dir string, c Chunk) ([]float32, error) {
	f, err := os.Open(filepath.Join(dir, cachePCM))
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	defer f.Close()
	return ReadChunk(io.NewSectionReader(f, 2*c.Start, 2*(c.End-c.Start)), c)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("cache %s: %w (remove the file to start that step again)", path, err)
	}
	return nil
}

func writeJSON(path string, v any) error {
	return atomicfile.Write(path, func(f *os.File) error {
		return json.NewEncoder(f).Encode(v)
	})
}
