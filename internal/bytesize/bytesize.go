// Package bytesize reads and writes sizes in bytes as people type and read
// them: 500MiB, 1 GiB, 1048576. It is the one owner of that chore for the
// serve command's flags and the API's "too large" messages.
package bytesize

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrSyntax is returned by Parse for text that is not a size.
var ErrSyntax = errors.New("want a size such as 500MiB or 1GiB")

// units are the suffixes Parse accepts, longest first so that "MiB" is not
// read as "B". K, M and G alone are binary, as in most tools' flags.
var units = []struct {
	suffix string
	mult   int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"G", 1 << 30}, {"M", 1 << 20}, {"K", 1 << 10}, {"B", 1}}

// Parse reads a non-negative size: a whole number of bytes, optionally
// followed (with or without a space) by B, KB, MB, GB (powers of 1000) or
// KiB, MiB, GiB, K, M, G (powers of 1024). Anything else is ErrSyntax.
func Parse(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, ErrSyntax
	}
	return n * mult, nil
}

// Format writes n for a person: whole GiB exactly, else MiB or KiB rounded,
// else bytes ("1 GiB", "500 MiB", "12 bytes").
func Format(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
