package store

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsscribe/newsscribe/internal/plaintext"
)

// Limits on articles (issue 24). The aligner's benchmark article, a long
// one, is 5,000 words; the public embed's data.json holds an object per
// article word (about 150 bytes), so a 20,000-word article makes a 3 MB
// answer where an 8 MB article made 118 MB.
const (
	// MaxArticleWords is the most words of an article's body (or of the
	// article text sent with a job).
	MaxArticleWords = 20_000
	// MaxArticleBytes is the longest body in bytes: 20,000 Arabic words
	// are about 250 KB.
	MaxArticleBytes = 512 << 10
	// MaxTitleRunes is the longest title, in characters.
	MaxTitleRunes = 500
	// MaxURLBytes is the longest article URL.
	MaxURLBytes = 2048
	// MaxExternalIDBytes is the longest external_id.
	MaxExternalIDBytes = 200
)

// ErrTooLarge is wrapped by a *FieldError for a value past a size limit.
var ErrTooLarge = errors.New("too large")

// FieldError is a value the store refuses to keep: Field names it as the
// API does (body, title, url, external_id, article).
type FieldError struct {
	Field string
	Err   error
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *FieldError) Unwrap() error { return e.Err }

// CheckArticle cleans a's text fields in place — control characters
// dropped (plaintext.Clean; line breaks stay in the body only) — and
// checks them: no NUL, the sizes above, and a URL that is an absolute
// http(s) URL (the public embed links to it). CreateArticle and
// UpdateArticle call it; its errors are *FieldError.
func CheckArticle(a *Article) error {
	var err error
	if a.Body, err = CheckArticleText(a.Body, "body"); err != nil {
		return err
	}
	if a.Title, err = plaintext.Line(a.Title); err != nil {
		return &FieldError{"title", err}
	}
	if n := utf8.RuneCountInString(a.Title); n > MaxTitleRunes {
		return &FieldError{"title", fmt.Errorf("%w: %d characters; the most is %d", ErrTooLarge, n, MaxTitleRunes)}
	}
	if a.ExternalID, err = plaintext.Line(a.ExternalID); err != nil {
		return &FieldError{"external_id", err}
	}
	if len(a.ExternalID) > MaxExternalIDBytes {
		return &FieldError{"external_id", fmt.Errorf("%w: %d bytes; the most is %d", ErrTooLarge, len(a.ExternalID), MaxExternalIDBytes)}
	}
	if a.URL, err = CheckURL(a.URL); err != nil {
		return &FieldError{"url", err}
	}
	return nil
}

// CheckArticleText cleans and checks an article's text (field names it in
// the error): no NUL, at most MaxArticleBytes and MaxArticleWords.
func CheckArticleText(text, field string) (string, error) {
	if len(text) > MaxArticleBytes {
		return "", &FieldError{field, fmt.Errorf("%w: %d bytes; the most is %d", ErrTooLarge, len(text), MaxArticleBytes)}
	}
	text, err := plaintext.Clean(text)
	if err != nil {
		return "", &FieldError{field, err}
	}
	if n := len(strings.FieldsFunc(text, unicode.IsSpace)); n > MaxArticleWords {
		return "", &FieldError{field, fmt.Errorf("%w: %d words; the most is %d", ErrTooLarge, n, MaxArticleWords)}
	}
	return text, nil
}

// CheckURL returns u trimmed when it is empty or an absolute http or https
// URL with a host, of at most MaxURLBytes; anything else (javascript:,
// data:, a relative path) is an error.
func CheckURL(u string) (string, error) {
	u = strings.TrimSpace(u)
	if u == "" {
		return "", nil
	}
	if len(u) > MaxURLBytes {
		return "", fmt.Errorf("%w: %d bytes; the most is %d", ErrTooLarge, len(u), MaxURLBytes)
	}
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || strings.ContainsFunc(u, unicode.IsControl) {
		return "", errors.New("want an absolute http:// or https:// URL")
	}
	return u, nil
}
