// Package plaintext cleans the text a caller sends before it is kept: a
// transcript's words, an article, a speaker's name. Control characters
// have no place in any of them and do harm downstream — a NUL ends a
// libass caption script, PostgreSQL refuses it in text, an ESC reaches
// terminals — so every entry point passes its text through here.
package plaintext

import (
	"errors"
	"fmt"
	"strings"
)

// ErrNUL is wrapped by Clean's error for text holding U+0000. A NUL is
// never typed by a person: its text is binary or corrupt, and is refused
// rather than kept in part (issue 24: PostgreSQL refuses it, SQLite keeps
// it, so the same request answered 500 on one database and 201 on the
// other).
var ErrNUL = errors.New("a NUL character (U+0000): send plain UTF-8 text")

// NULError reports where a NUL was found.
type NULError struct {
	// Offset is the byte offset of the first NUL.
	Offset int
}

func (e *NULError) Error() string { return fmt.Sprintf("byte %d is %v", e.Offset, ErrNUL) }
func (e *NULError) Unwrap() error { return ErrNUL }

// isControl reports the characters Clean drops: C0 controls but tab,
// newline and carriage return, DEL, and C1 controls.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f)
}

// Clean returns s without control characters (C0 but tab, newline and
// carriage return; DEL; C1), or a *NULError when s holds a NUL. Invalid
// UTF-8 is left to the caller's own check. s is returned as it is, without
// copying, when it has nothing to drop.
func Clean(s string) (string, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return "", &NULError{Offset: i}
	}
	if strings.IndexFunc(s, isControl) < 0 {
		return s, nil
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s), nil
}

// Line is Clean for one-line text (a title, a name, a word): tabs,
// newlines and carriage returns are dropped too.
func Line(s string) (string, error) {
	s, err := Clean(s)
	if err != nil {
		return "", err
	}
	if strings.ContainsAny(s, "\t\n\r") {
		s = strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s, nil
}

// Strip drops every control character, NUL included, for text that is
// already stored or was made here (a caption, a file name) and must be
// shown whatever it holds.
func Strip(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return -1
		}
		return r
	}, s)
}
