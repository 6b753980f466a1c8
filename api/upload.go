package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/textproto"
	"path/filepath"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/newsscribe/newsscribe/internal/bytesize"
	"github.com/newsscribe/newsscribe/internal/errcode"
	"github.com/newsscribe/newsscribe/internal/oneline"
)

// Limits of a multipart form besides its file (issue 9: sixty 4 MiB fields
// per request once cost 1.5 GB of memory across four requests).
const (
	// maxFormFields caps the total of a form's text fields: an article body
	// is a few KiB (the seed article is 4 KiB), parameters are words.
	maxFormFields = 256 << 10
	// maxDocField caps the one document-sized field a route names (an
	// imported transcript), which does not count toward maxFormFields.
	maxDocField = 4 << 20
	// maxFormParts caps the number of parts, file included.
	maxFormParts = 64
	// maxFilenameBytes is where a client's file name is cut, on a character
	// boundary.
	maxFilenameBytes = 255
)

// upload is a parsed multipart request whose file is already stored.
type upload struct {
	fields   map[string][]string
	sha      string
	size     int64
	filename string
	hasFile  bool
	duration float64
}

func (u *upload) field(name string) string {
	if v := u.fields[name]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

// readUpload streams a multipart request: the part named "file" goes to the
// blob store while being hashed (never into memory), other parts are small
// text fields. The body is capped by MaxUpload while streaming: past it the
// answer is 413 without reading the rest. It answers the error itself and
// returns nil on failure.
func (s *server) readUpload(c *gin.Context) *upload { return s.readForm(c, true, "") }

// readForm is readUpload; without fileRequired a form with no file part is
// accepted too (an imported transcript without its recording). The text
// field named doc, when not empty, may hold up to maxDocField bytes apart
// from the maxFormFields that all the other text fields share.
func (s *server) readForm(c *gin.Context, fileRequired bool, doc string) *upload {
	ct := c.GetHeader("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "multipart/form-data" {
		abort(c, http.StatusBadRequest, errcode.BadRequest, "send the recording as multipart/form-data with a part named file")
		return nil
	}
	if c.Request.ContentLength > s.MaxUpload {
		c.Header("Connection", "close")
		abort(c, http.StatusRequestEntityTooLarge, errcode.TooLarge, fmt.Sprintf("upload is larger than the %s limit", bytesize.Format(s.MaxUpload)))
		return nil
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, s.MaxUpload)
	mr, err := c.Request.MultipartReader()
	if err != nil {
		abort(c, http.StatusBadRequest, errcode.BadRequest, "malformed multipart body")
		return nil
	}
	u := &upload{fields: map[string][]string{}}
	fieldBytes, parts := 0, 0
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.uploadError(c, err)
			return nil
		}
		if parts++; parts > maxFormParts {
			c.Header("Connection", "close")
			abort(c, http.StatusRequestEntityTooLarge, errcode.TooManyParts, fmt.Sprintf("the form has more than %d parts", maxFormParts))
			return nil
		}
		name := p.FormName()
		switch {
		case name == "file" && !u.hasFile:
			// Display only; never used as a path.
			if u.filename, err = displayName(p.FileName()); err != nil {
				abortParam(c, http.StatusBadRequest, errcode.BadFilename, "file", err.Error())
				return nil
			}
			sha, n, err := s.Store.Blobs.PutContext(c.Request.Context(), p)
			if err != nil {
				s.uploadError(c, err)
				return nil
			}
			if s.Metrics != nil {
				s.Metrics.uploadBytes.Add(float64(n))
			}
			u.sha, u.size, u.hasFile = sha, n, true
		case name != "":
			isDoc := name == doc && u.fields[doc] == nil
			limit, what := maxFormFields-fieldBytes, fmt.Sprintf("the form's text fields are larger than %s together", bytesize.Format(maxFormFields))
			if isDoc {
				limit, what = maxDocField, fmt.Sprintf("form field %q is larger than %s", name, bytesize.Format(maxDocField))
			}
			b, err := io.ReadAll(io.LimitReader(p, int64(limit)+1))
			if err != nil {
				s.uploadError(c, err)
				return nil
			}
			if len(b) > limit {
				c.Header("Connection", "close")
				abort(c, http.StatusRequestEntityTooLarge, errcode.TooLarge, what)
				return nil
			}
			if !isDoc {
				fieldBytes += len(b)
			}
			u.fields[name] = append(u.fields[name], string(b))
		}
		p.Close()
	}
	// Read the body to its end (what follows the closing boundary, and a
	// chunked body's last chunk): only then does net/http watch the
	// connection and cancel the request's context when the client goes
	// away, which cancels the synchronous OpenAI job it waits for.
	if _, err := io.Copy(io.Discard, c.Request.Body); err != nil {
		s.uploadError(c, err)
		return nil
	}
	if !u.hasFile && fileRequired {
		abort(c, http.StatusBadRequest, errcode.MissingFile, "the form part named file (the recording) is required")
		return nil
	}
	if !u.hasFile {
		return u
	}
	if u.size == 0 {
		abort(c, http.StatusUnprocessableEntity, errcode.Empty, "the uploaded file is empty")
		return nil
	}
	d, err := s.Newsroom.CheckUpload(c.Request.Context(), u.sha)
	if err != nil {
		s.fail(c, err)
		return nil
	}
	u.duration = d
	return u
}

// displayName is a client's file name as it is shown and stored: its last
// path element on one line, valid UTF-8, cut to maxFilenameBytes on a
// character boundary. A name with control characters (NUL, ESC, …) is an
// error: no client sends one by accident, and it would reach terminals,
// logs and the database.
func displayName(raw string) (string, error) {
	for _, r := range raw {
		if unicode.IsControl(r) {
			return "", fmt.Errorf("the file name has a control character (%U); rename the file", r)
		}
	}
	name := oneline.Fold(filepath.Base(strings.ReplaceAll(strings.ToValidUTF8(raw, "\uFFFD"), `\`, "/")))
	if name == "." || name == "/" {
		name = ""
	}
	for len(name) > maxFilenameBytes {
		_, size := utf8.DecodeLastRuneInString(name[:maxFilenameBytes+1])
		name = name[:maxFilenameBytes+1-size]
	}
	return name, nil
}

// uploadError answers an error from reading a multipart body: the client's
// (too large 413, too slow 408, malformed 400), the disk's (full 507), or
// the server's (500).
func (s *server) uploadError(c *gin.Context, err error) {
	var mbe *http.MaxBytesError
	var perr textproto.ProtocolError
	switch {
	case errors.As(err, &mbe):
		c.Header("Connection", "close")
		abort(c, http.StatusRequestEntityTooLarge, errcode.TooLarge, fmt.Sprintf("upload is larger than the %s limit", bytesize.Format(s.MaxUpload)))
	case slowBody(c, err):
	case errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT):
		s.log.Error("upload refused: storage full", "error", err)
		abort(c, http.StatusInsufficientStorage, errcode.StorageFull, "the server's storage is full; nothing was stored — retry later or tell its operator")
	case errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &perr), strings.Contains(err.Error(), "multipart"):
		abort(c, http.StatusBadRequest, errcode.BadRequest, "malformed or truncated multipart body: "+partError(err))
	default:
		s.internal(c, err)
	}
}

// partError is what is wrong with a multipart body, without internal paths.
func partError(err error) string {
	var perr textproto.ProtocolError
	if errors.As(err, &perr) {
		return string(perr)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return "it ends before its closing boundary"
	}
	return "check its part headers and boundaries"
}
