package pipeline_test

import (
	"bytes"
	"context"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
	"github.com/newsscribe/newsscribe/transcribe/transcribetest"
	"github.com/newsscribe/newsscribe/transcribe/whisper"
)

// sliceReader streams samples in reads of at most 7,000, as a decoder does.
type sliceReader struct{ s []float32 }

func (r *sliceReader) Read(p []float32) (int, error) {
	if len(r.s) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 7000)], r.s)
	r.s = r.s[n:]
	return n, nil
}

func codedPipeline(t testing.TB, eng *transcribetest.Scripted) *pipeline.Pipeline {
	t.Helper()
	model, err := transcribetest.TinyModel(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var got whisper.Config
	p := pipeline.New(pipeline.Config{Model: model, VAD: pipeline.VADOff, LoadEngine: scripted(eng, &got)})
	if err := p.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	return p
}

// codedLayout places n words: mostly phrases with pauses of 0.3–2 s between
// them, and now and then a long stretch of talk whose words are 0.2–0.29 s
// apart (one speech span for the VAD, which may be longer than a chunk).
func codedLayout(rng *rand.Rand, n int) (words []whisper.Span, length float64) {
	t := rng.Float64() * 2
	for len(words) < n {
		gapLo, gapHi := 0.3, 2.0
		run := 1 + rng.IntN(8)
		if rng.IntN(10) == 0 {
			gapLo, gapHi, run = 0.2, 0.29, 40+rng.IntN(200)
		}
		for k := 0; k < run && len(words) < n; k++ {
			d := 0.15 + rng.Float64()*0.6
			words = append(words, whisper.Span{Start: t, End: t + d})
			t += d + 0.2 + rng.Float64()*0.09
		}
		t += gapLo + rng.Float64()*(gapHi-gapLo)
	}
	return words, t + rng.Float64()*3
}

// TestChunkEdgesCoded: across 100 random recordings and chunk lengths, the
// real prepare → chunk → stitch path (PCM16 copy, pauses, ranges read back,
// RecognizeAt, Stitch) gives every coded word exactly once, in order, at its
// true time, with monotonic times — no word lost or doubled at chunk edges.
func TestChunkEdgesCoded(t *testing.T) {
	eng := &transcribetest.Scripted{Result: transcribetest.Coded, Steps: 1}
	p := codedPipeline(t, eng)
	rng := rand.New(rand.NewPCG(13, 1))
	runs := 100
	if testing.Short() {
		runs = 20
	}
	// The recordings are drawn in order from one seed, then recognised in
	// parallel: each is independent, and together they are CPU work.
	type recording struct {
		n        int
		words    []whisper.Span
		length   float64
		chunkLen time.Duration
	}
	recs := make([]recording, runs)
	for run := range recs {
		r := &recs[run]
		r.n = 50 + rng.IntN(400)
		r.words, r.length = codedLayout(rng, r.n)
		r.chunkLen = time.Duration(5+rng.IntN(90)) * time.Second
	}
	var edges atomic.Int64
	t.Run("recordings", func(t *testing.T) {
		for run, r := range recs {
			t.Run(strconv.Itoa(run), func(t *testing.T) {
				t.Parallel()
				checkCodedRun(t, p, run, r.n, r.words, r.length, r.chunkLen, &edges)
			})
		}
	})
	t.Logf("%d recordings, %d chunk edges, no word lost or doubled", runs, edges.Load())
}

// checkCodedRun cuts one coded recording into chunks of at most chunkLen,
// recognises and stitches them, and checks that the n words come back in
// order at their true times; it adds the recording's chunk edges to edges.
func checkCodedRun(t *testing.T, p *pipeline.Pipeline, run, n int, words []whisper.Span, length float64, chunkLen time.Duration, edges *atomic.Int64) {
	ctx := context.Background()
	{
		samples := transcribetest.CodedAudio(length, words)
		var pcm bytes.Buffer
		plan, err := p.Prepare(ctx, &sliceReader{samples}, &pcm, chunkLen)
		if err != nil {
			t.Fatal(err)
		}
		edges.Add(int64(len(plan.Chunks) - 1))
		parts := make([]*transcribe.Transcript, len(plan.Chunks))
		for i, c := range plan.Chunks {
			if got := time.Duration(float64(c.End-c.Start) / transcribe.SampleRate * float64(time.Second)); got > chunkLen {
				t.Fatalf("run %d: chunk %d is %s, longer than %s", run, i, got, chunkLen)
			}
			s, err := pipeline.ReadChunk(bytes.NewReader(pcm.Bytes()[2*c.Start:]), c)
			if err != nil {
				t.Fatal(err)
			}
			if parts[i], err = p.RecognizeAt(ctx, s, c.Offset(), transcribe.Options{}, nil); err != nil {
				t.Fatal(err)
			}
		}
		tr, err := pipeline.Stitch(plan, parts, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []transcribe.Word
		last := 0.0
		for _, s := range tr.Segments {
			if s.Start < last {
				t.Fatalf("run %d: segment %d starts at %.3f before %.3f", run, s.ID, s.Start, last)
			}
			for _, w := range s.Words {
				if w.Start < last || w.End < w.Start {
					t.Fatalf("run %d: word %q at %.3f–%.3f after %.3f: times not monotonic", run, w.Word, w.Start, w.End, last)
				}
				last = w.End
				got = append(got, w)
			}
		}
		if len(got) != n {
			for k := 1; k < len(got); k++ {
				if got[k].Word == got[k-1].Word {
					t.Logf("doubled %s at %.4f-%.4f / %.4f-%.4f", got[k].Word, got[k-1].Start, got[k-1].End, got[k].Start, got[k].End)
				}
			}
			for _, c := range plan.Chunks {
				t.Logf("chunk %.4f-%.4f", c.Offset(), float64(c.End)/16000)
			}
			t.Fatalf("run %d (%d chunks of ≤ %s): got %d words, want %d", run, len(plan.Chunks), chunkLen, len(got), n)
		}
		for k, w := range got {
			if w.Word != transcribetest.CodedWord(k) {
				t.Fatalf("run %d: word %d is %q, want %q (lost or doubled at an edge)", run, k, w.Word, transcribetest.CodedWord(k))
			}
			if math.Abs(w.Start-words[k].Start) > 1e-3 || math.Abs(w.End-words[k].End) > 1e-3 {
				t.Fatalf("run %d: %s at %.4f–%.4f, want %.4f–%.4f", run, w.Word, w.Start, w.End, words[k].Start, words[k].End)
			}
		}
		if math.Abs(tr.Duration-length) > 1e-3 {
			t.Fatalf("run %d: duration %.3f, want %.3f", run, tr.Duration, length)
		}
	}
}

func TestPlanChunks(t *testing.T) {
	const sr = transcribe.SampleRate
	min3 := 3 * time.Minute
	for _, tt := range []struct {
		name  string
		total int64
		spans []whisper.Span
		want  []pipeline.Chunk
	}{
		{name: "short recording, one chunk", total: 60 * sr, spans: []whisper.Span{{Start: 1, End: 50}}, want: []pipeline.Chunk{{Start: 0, End: 60 * sr}}},
		{name: "cut in the middle of the pause", total: 300 * sr,
			spans: []whisper.Span{{Start: 0, End: 170}, {Start: 172, End: 290}},
			want:  []pipeline.Chunk{{Start: 0, End: 171 * sr}, {Start: 171 * sr, End: 300 * sr}}},
		{name: "overlapping spans are one", total: 300 * sr,
			spans: []whisper.Span{{Start: 0, End: 100}, {Start: 99, End: 170}, {Start: 176, End: 290}},
			want:  []pipeline.Chunk{{Start: 0, End: 173 * sr}, {Start: 173 * sr, End: 300 * sr}}},
		{name: "silence is cut too", total: 400 * sr, spans: nil,
			want: []pipeline.Chunk{{Start: 0, End: 180 * sr}, {Start: 180 * sr, End: 360 * sr}, {Start: 360 * sr, End: 400 * sr}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := pipeline.PlanChunks(tt.total, tt.spans, nil, min3)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("chunk %d: got %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

// TestRecognizeAtShiftsStreamedSegments: segments delivered while a chunk
// is decoded carry times from the start of the recording, as the stored
// ones do, and the stored ones are shifted once.
func TestRecognizeAtShiftsStreamedSegments(t *testing.T) {
	eng := &transcribetest.Scripted{Result: transcribetest.Coded}
	p := codedPipeline(t, eng)
	s := transcribetest.CodedAudio(2, []whisper.Span{{Start: 0.5, End: 1}})
	var live []transcribe.Segment
	tr, err := p.RecognizeAt(context.Background(), s, 100, transcribe.Options{OnSegment: func(sg transcribe.Segment) { live = append(live, sg) }}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(live) != 1 || live[0].Start != 100.5 || live[0].Words[0].Start != 100.5 {
		t.Fatalf("streamed %+v, want one segment at 100.5", live)
	}
	if w := tr.Segments[0].Words[0]; w.Start != 100.5 || w.End != 101 {
		t.Fatalf("stored word at %.2f–%.2f, want 100.5–101", w.Start, w.End)
	}
}
