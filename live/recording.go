package live

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/newsscribe/newsscribe/audio"
	"github.com/newsscribe/newsscribe/internal/atomicfile"
	"github.com/newsscribe/newsscribe/transcribe"
)

// recording is a session's audio on disk, written as it arrives: 16 kHz
// mono PCM16 without a header in DIR/ID.pcm, beside DIR/ID.json (the
// session's request and draft, see meta). Nothing of it is held in memory,
// so a session may last as long as the server's MaxDuration; a server that
// dies leaves both files, and the next start hands them to the queue
// (Manager.Recover).
type recording struct {
	path string // the .pcm file

	mu  sync.Mutex
	f   *os.File
	n   int64 // samples written
	buf []byte
}

// meta is what a recording's .json file keeps: enough to make the job.
type meta struct {
	ID        string `json:"id"`
	ArticleID string `json:"article_id,omitempty"`
	Draft     string `json:"draft,omitempty"`
	Language  string `json:"language,omitempty"`
	Prompt    string `json:"prompt,omitempty"`
	Callback  string `json:"callback_url,omitempty"`
	Source    string `json:"source"`
	CreatedAt int64  `json:"created_at"` // Unix milliseconds
}

// createRecording makes dir/id.pcm (which must not exist) and writes m as
// dir/id.json.
func createRecording(dir string, m meta) (*recording, error) {
	if err := atomicfile.MkdirAll(dir); err != nil {
		return nil, fmt.Errorf("live recording: %w", err)
	}
	p := filepath.Join(dir, m.ID+".pcm")
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("live recording: %w", err)
	}
	r := &recording{path: p, f: f}
	if err := r.writeMeta(m); err != nil {
		f.Close()
		os.Remove(p)
		return nil, err
	}
	return r, nil
}

// writeMeta replaces the recording's .json atomically.
func (r *recording) writeMeta(m meta) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	err = atomicfile.Write(metaPath(r.path), func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("live recording: %w", err)
	}
	return nil
}

func metaPath(pcm string) string { return pcm[:len(pcm)-len(".pcm")] + ".json" }

// Append writes samples at the end of the recording.
func (r *recording) Append(samples []float32) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return errors.New("live recording: closed")
	}
	if cap(r.buf) < 2*len(samples) {
		r.buf = make([]byte, 2*len(samples))
	}
	b := r.buf[:2*len(samples)]
	audio.EncodePCM16(b, samples)
	if _, err := r.f.WriteAt(b, 2*r.n); err != nil {
		return fmt.Errorf("live recording: %w", err)
	}
	r.n += int64(len(samples))
	return nil
}

// Samples is how many samples are recorded.
func (r *recording) Samples() int64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

// ReadRange returns the recorded samples [from, to), clipped to what is
// recorded.
func (r *recording) ReadRange(from, to int64) ([]float32, error) {
	r.mu.Lock()
	f, n := r.f, r.n
	r.mu.Unlock()
	if f == nil {
		return nil, errors.New("live recording: closed")
	}
	from, to = max(from, 0), min(to, n)
	if to <= from {
		return nil, nil
	}
	b := make([]byte, 2*(to-from))
	if _, err := f.ReadAt(b, 2*from); err != nil {
		return nil, fmt.Errorf("live recording: %w", err)
	}
	out := make([]float32, to-from)
	audio.DecodePCM16(out, b)
	return out, nil
}

// Close syncs and closes the file; the recording stays on disk until
// Remove.
func (r *recording) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Sync()
	if cerr := r.f.Close(); err == nil {
		err = cerr
	}
	r.f = nil
	if err != nil {
		return fmt.Errorf("live recording: %w", err)
	}
	return nil
}

// Remove deletes the recording's files (after the queue has its copy).
func (r *recording) Remove() error {
	_ = r.Close()
	return removeRecording(r.path)
}

func removeRecording(pcm string) error {
	err := errors.Join(os.Remove(pcm), os.Remove(metaPath(pcm)))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("live recording: %w", err)
	}
	return nil
}

// openWAV returns the recording at pcm as a WAV stream (the header, then the
// PCM16 bytes read from the file) and its length in samples.
func openWAV(pcm string) (io.ReadCloser, int64, error) {
	f, err := os.Open(pcm)
	if err != nil {
		return nil, 0, fmt.Errorf("live recording: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("live recording: %w", err)
	}
	n := st.Size() / 2
	h := audio.WAVHeader(n)
	return struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(h[:]), io.LimitReader(f, 2*n)), f}, n, nil
}

// wavBytes writes samples as a WAV file (a caption's audio, seconds long).
func wavBytes(samples []float32) []byte {
	var b bytes.Buffer
	_ = audio.WriteWAV(&b, samples)
	return b.Bytes()
}

// seconds is n samples in seconds.
func seconds(n int64) float64 { return float64(n) / transcribe.SampleRate }
