// Package oneline folds text onto one line, for the one-line error messages
// the command prints and the API answers (an error from ffmpeg, SQL or a
// parser may hold newlines and runs of spaces).
package oneline

import "strings"

// Fold returns s with every run of white space (newlines included) replaced
// by one space, and none at either end.
func Fold(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
