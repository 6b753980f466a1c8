package models

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// URLEnv names a mirror of the Hugging Face repositories to download from
// instead of https://huggingface.co (same paths: REPO/resolve/main/FILE).
const URLEnv = "NEWSSCRIBE_MODELS_URL"

// PullOptions configure Pull. The zero value downloads from Hugging Face.
type PullOptions struct {
	// Client makes the requests. Defaults to a client that gives up on
	// connecting after 15 seconds and on a stalled response after 60.
	Client *http.Client
	// BaseURL replaces "https://huggingface.co". Defaults to $NEWSSCRIBE_MODELS_URL.
	BaseURL string
	// Progress, if not nil, is called as bytes arrive with the bytes on disk
	// and the total size.
	Progress func(done, total int64)
	// Retries is how many more requests are made after the first, whatever
	// went wrong with it (a broken connection, a body that ends short, a
	// refused resume). Defaults to 5.
	Retries int
	// Backoff is the pause before the first retry; it doubles for each
	// further one, up to 30 seconds. Defaults to 1 second.
	Backoff time.Duration
}

// OfflineError says that the model host could not be reached, and what to do by hand.
type OfflineError struct {
	Model Model
	// URL is the address tried: the mirror's when $NEWSSCRIBE_MODELS_URL
	// or PullOptions.BaseURL is set, else Model.URL().
	URL  string
	Path string // where the file belongs
	Err  error
}

func (e *OfflineError) Error() string {
	url := e.URL
	if url == "" {
		url = e.Model.URL()
	}
	return fmt.Sprintf("cannot reach %s (%v): download %s yourself and place it at %s", hostOf(url), shortErr(e.Err), url, e.Path)
}

func (e *OfflineError) Unwrap() error { return e.Err }

func hostOf(u string) string {
	u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if i := strings.IndexByte(u, '/'); i >= 0 {
		return u[:i]
	}
	return u
}

// shortErr is the innermost message of a network error, for one-line output.
func shortErr(err error) string {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		return op.Err.Error()
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.Error()
	}
	return err.Error()
}

func defaultClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 15 * time.Second}).DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
	}}
}

// Pull downloads m into dir (DefaultDir if "") and returns its path. A file
// already there that passes Verify is kept. The download goes to
// FILE.part, resumes from what a previous attempt left there (HTTP Range),
// is resumed again when the connection breaks after making progress, is
// verified against m's size and checksums, and is renamed into place only
// then. A host that cannot be reached at all fails at once with an
// *OfflineError that says where to download the file by hand.
func Pull(ctx context.Context, m Model, dir string, opts PullOptions) (string, error) {
	if dir == "" {
		dir = DefaultDir()
	}
	final := Path(m, dir)
	if _, err := os.Stat(final); err == nil {
		if err := Verify(final, m); err == nil {
			return final, nil
		}
	}
	if err := atomicfile.MkdirAll(dir); err != nil {
		return "", fmt.Errorf("pull %s: %w", m.Name, err)
	}
	src := opts.source(m)
	part := final + ".part"
	f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, atomicfile.Mode)
	if err != nil {
		return "", fmt.Errorf("pull %s: %w", m.Name, err)
	}
	defer func() {
		// Leave a .part file only if it holds something to resume from.
		if fi, err := os.Stat(part); err == nil && fi.Size() == 0 {
			os.Remove(part)
		}
	}()
	defer f.Close()
	if err := src.download(ctx, m, f, final); err != nil {
		return "", err
	}
	if err := Verify(part, m); err != nil {
		f.Close()
		os.Remove(part)
		return "", fmt.Errorf("pull %s from %s: the %s received failed verification, removed it: %w", m.Name, src.url, FormatSize(m.Size), err)
	}
	// Synced, renamed into place, the directory synced.
	if err := atomicfile.Commit(f, final); err != nil {
		return "", fmt.Errorf("pull %s: %w", m.Name, err)
	}
	return final, nil
}

// source is where and how Pull downloads one model: PullOptions with their
// defaults filled in.
type source struct {
	client   *http.Client
	url      string
	retries  int
	backoff  time.Duration
	progress func(done, total int64)
}

// source fills in o's defaults for m: the default client, 5 retries, a
// 1-second first backoff, and m's URL under BaseURL (or $URLEnv) if set.
func (o PullOptions) source(m Model) source {
	src := source{client: o.Client, url: m.URL(), retries: o.Retries, backoff: o.Backoff, progress: o.Progress}
	if src.client == nil {
		src.client = defaultClient()
	}
	if src.retries == 0 {
		src.retries = 5
	}
	if src.backoff <= 0 {
		src.backoff = time.Second
	}
	base := o.BaseURL
	if base == "" {
		base = os.Getenv(URLEnv)
	}
	if base != "" {
		src.url = strings.TrimSuffix(base, "/") + "/" + m.Repo + "/resolve/main/" + m.File
	}
	return src
}

// download fills f (the .part file, possibly holding the start of the file
// from an earlier run) to m.Size bytes, resuming with Range requests and
// retrying with exponential backoff. final names the file for the
// *OfflineError of a host that cannot be reached at all.
func (src source) download(ctx context.Context, m Model, f *os.File, final string) error {
	url := src.url
	// Every pass counts against the retry budget: a server that ignores
	// Range, or serves a short file with 200, must not be asked again and
	// again without end.
	var last error
	for attempt := 0; ; attempt++ {
		have, err := f.Seek(0, io.SeekEnd)
		if err != nil {
			return fmt.Errorf("pull %s: %w", m.Name, err)
		}
		if have > m.Size {
			if err := f.Truncate(0); err != nil {
				return fmt.Errorf("pull %s: %w", m.Name, err)
			}
			have = 0
		}
		if have == m.Size {
			return nil
		}
		if attempt > src.retries {
			return fmt.Errorf("pull %s from %s: gave up after %d requests: %w", m.Name, url, attempt, last)
		}
		if attempt > 0 {
			pause := min(src.backoff<<(attempt-1), 30*time.Second)
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(pause):
			}
		}
		got, err := fetch(ctx, src.client, url, f, have, m.Size, src.progress)
		if err == nil {
			if have+got < m.Size {
				last = fmt.Errorf("the response ended after %d bytes, at %s of the %s (%d bytes) expected; is the server holding the right file?",
					got, FormatSize(have+got), FormatSize(m.Size), m.Size)
			}
			continue // loop to check the size
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		last = err
		if errors.Is(err, errRestart) {
			continue
		}
		var ne net.Error
		var oe *net.OpError
		if got == 0 && (errors.As(err, &oe) || errors.As(err, &ne)) && attempt == 0 {
			return &OfflineError{Model: m, URL: url, Path: final, Err: err}
		}
		if got == 0 && !errors.As(err, &ne) {
			// An HTTP error answer: asking again will not change it.
			return fmt.Errorf("pull %s from %s: %w", m.Name, url, err)
		}
	}
}

// fetch appends bytes from offset have to f and returns how many it wrote.
func fetch(ctx context.Context, client *http.Client, url string, f *os.File, have, total int64, progress func(done, total int64)) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		if !strings.HasPrefix(resp.Header.Get("Content-Range"), "bytes "+strconv.FormatInt(have, 10)+"-") {
			return 0, fmt.Errorf("server resumed at the wrong offset (Content-Range %q)", resp.Header.Get("Content-Range"))
		}
	case resp.StatusCode == http.StatusOK:
		// No range support: start again.
		if err := f.Truncate(0); err != nil {
			return 0, err
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return 0, err
		}
		have = 0
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable:
		if err := f.Truncate(0); err != nil {
			return 0, err
		}
		return 0, errRestart
	default:
		return 0, fmt.Errorf("HTTP %s", resp.Status)
	}
	if progress != nil {
		progress(have, total)
	}
	w := &progressWriter{w: f, done: have, total: total, fn: progress}
	n, err := io.Copy(w, io.LimitReader(resp.Body, total-have))
	return n, err
}

// errRestart means the server refused to resume and the part file was emptied.
var errRestart = errors.New("server refused to resume the download")

type progressWriter struct {
	w           io.Writer
	done, total int64
	fn          func(done, total int64)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.done += int64(n)
	if p.fn != nil {
		p.fn(p.done, p.total)
	}
	return n, err
}
