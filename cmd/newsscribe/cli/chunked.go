package cli

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/pipeline"
	"github.com/newsscribe/newsscribe/transcribe"
)

// chunkedRun recognises each input the way the server's jobs do (package
// pipeline's RecognizeResumable): decoded once into a PCM copy in a cache
// directory, cut into chunks at pauses, each chunk's transcript kept as
// soon as it is recognised, so that memory stays flat in the recording's
// length and an interrupted run of the same file resumes where it stopped.
type chunkedRun struct {
	p     *pipeline.Pipeline
	opts  transcribe.Options
	chunk time.Duration
	root  string // the cache: one directory per recording and options
	// settings identifies what determines the result besides the audio
	// (models, language, prompt, decoding options, chunk length).
	settings string
}

// cacheDirEnv overrides the user cache directory's newsscribe/transcribe.
const cacheDirEnv = "NEWSSCRIBE_CACHE_DIR"

// staleCache is how long an abandoned run's directory is kept.
const staleCache = 14 * 24 * time.Hour

func newChunkedRun(p *pipeline.Pipeline, f transcribeFlags, opts transcribe.Options) (*chunkedRun, error) {
	root := f.cacheDir
	if root == "" {
		root = os.Getenv(cacheDirEnv)
	}
	if root == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return nil, fmt.Errorf("--cache-dir: no user cache directory (%w): give --cache-dir", err)
		}
		root = filepath.Join(dir, "newsscribe", "transcribe")
	}
	res, err := p.Resolve()
	if err != nil {
		return nil, modelFlagError(err)
	}
	chunk := f.chunkLength
	if chunk <= 0 {
		chunk = pipeline.DefaultChunkLength
	}
	h := sha256.New()
	for _, v := range []string{fileIdentity(res.Engine.ModelPath), fileIdentity(res.Engine.VADModelPath),
		opts.Language, opts.Prompt, strconv.Itoa(opts.BeamSize), strconv.FormatFloat(float64(opts.TemperatureInc), 'g', -1, 32),
		strconv.FormatBool(opts.DisableVAD), chunk.String()} {
		fmt.Fprintf(h, "%d:%s;", len(v), v)
	}
	pruneCache(root, staleCache)
	return &chunkedRun{p: p, opts: opts, chunk: chunk, root: root, settings: hex.EncodeToString(h.Sum(nil))}, nil
}

// fileIdentity names a model file by path and size ("" for none).
func fileIdentity(path string) string {
	if path == "" {
		return ""
	}
	if fi, err := os.Stat(path); err == nil {
		return path + "#" + strconv.FormatInt(fi.Size(), 10)
	}
	return path
}

// cacheFor returns the directory of input in's run and whether it is kept
// for a later run: a file's is named by the SHA-256 of its bytes and the
// settings, so the same recording with the same options finds it again;
// standard input's is a fresh directory (it cannot be read twice).
func (r *chunkedRun) cacheFor(in string) (dir string, keep bool, err error) {
	if err := os.MkdirAll(r.root, 0o755); err != nil {
		return "", false, fmt.Errorf("cache directory: %w", err)
	}
	if in == "-" {
		dir, err := os.MkdirTemp(r.root, "stdin-")
		if err != nil {
			return "", false, fmt.Errorf("cache directory: %w", err)
		}
		return dir, false, nil
	}
	f, err := os.Open(in)
	if err != nil {
		return "", false, err
	}
	defer f.Close()
	h := sha256.New()
	io.WriteString(h, r.settings)
	if _, err := io.Copy(h, f); err != nil {
		return "", false, fmt.Errorf("read %s: %w", in, err)
	}
	return filepath.Join(r.root, hex.EncodeToString(h.Sum(nil))[:32]), true, nil
}

// transcribeOne recognises input in (a file, or "-" for s.In) and hands its
// transcript to emit. The cache directory is removed once emit succeeds, or
// when the input cannot be decoded; otherwise it is kept and the command
// says how to resume.
func (r *chunkedRun) transcribeOne(ctx context.Context, s Streams, in string, emit func(*transcribe.Transcript) error) error {
	name := filepath.Base(in)
	if in == "-" {
		name = "standard input"
	}
	dir, keep, err := r.cacheFor(in)
	if err != nil {
		return err
	}
	bar := newProgressBar(s.Err, name)
	defer bar.Finish()
	var (
		dec    *audio.Decoder
		last   pipeline.ResumeProgress
		warned bool
	)
	open := func() (pipeline.SampleReader, error) {
		var err error
		if in == "-" {
			dec, err = audio.NewDecoder(ctx, s.In, r.p.AudioOptions())
		} else {
			dec, err = audio.OpenFile(ctx, in, r.p.AudioOptions())
		}
		if err != nil {
			return nil, err
		}
		return dec, nil
	}
	progress := func(p pipeline.ResumeProgress) {
		last = p
		switch {
		case p.Decoding:
			bar.Set(0, "decoding "+clock(p.Done))
			return
		case dec != nil && !warned:
			// Decoding is over: say now, not after the recognition, if
			// the file was cut short.
			warned = true
			if _, cut := dec.Truncated(); cut {
				bar.Finish()
				warnTruncated(s.Err, in, dec)
				bar = newProgressBar(s.Err, name)
			}
		}
		detail := fmt.Sprintf("chunk %d of %d", min(p.Chunk+1, p.Chunks), p.Chunks)
		if p.Resumed > 0 {
			detail += fmt.Sprintf(", %d resumed", p.Resumed)
		}
		bar.Set(p.Percent(), detail)
	}
	t, err := r.p.RecognizeResumable(ctx, dir, open, pipeline.ResumeOptions{ChunkLength: r.chunk, Options: r.opts, Progress: progress})
	if err != nil {
		bar.Finish()
		if keep && last.Chunks > 0 {
			fmt.Fprintf(s.Err, "newsscribe: %s: stopped at chunk %d of %d; run the same command again to resume (kept in %s)\n",
				name, last.Chunk+1, last.Chunks, dir)
		} else {
			os.RemoveAll(dir)
		}
		return err
	}
	bar.Set(100, "done")
	bar.Finish()
	if w := pipeline.LanguageWarning(t.Language, t.LanguageProbability); w != "" {
		fmt.Fprintf(s.Err, "newsscribe: %s: %s\n", name, w)
	}
	if err := emit(t); err != nil {
		if !keep {
			os.RemoveAll(dir)
		} else {
			fmt.Fprintf(s.Err, "newsscribe: %s: the transcript is kept in %s; run the command again to write it without recognising again\n", name, dir)
		}
		return err
	}
	return os.RemoveAll(dir)
}

// pruneCache removes run directories under root untouched for longer than
// age: runs that were never resumed.
func pruneCache(root string, age time.Duration) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() && time.Since(info.ModTime()) > age {
			os.RemoveAll(filepath.Join(root, e.Name()))
		}
	}
}
