// Package hunspell is the quotation check's Arabic lexicon: the Ayaspell
// dictionary (Debian's hunspell-ar) read by libhunspell, which tells a real
// Arabic word — with its proclitics and suffixes, by the dictionary's
// affix rules — from a non-word, and gives a word's stems.
//
// It is cgo, compiled only with the build tag `hunspell` (the Makefile sets
// it when `pkg-config hunspell` finds libhunspell). Without it Open returns
// ErrUnavailable, and the check says what it lacks (see quotecheck).
package hunspell

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// ErrUnavailable is returned by Open in a binary built without the
// `hunspell` build tag.
var ErrUnavailable = errors.New("hunspell: this binary was built without libhunspell (build tag hunspell): install libhunspell-dev and hunspell-ar and build with make")

// DefaultDir is where Debian installs the dictionaries.
const DefaultDir = "/usr/share/hunspell"

// Default returns the Arabic dictionary of DefaultDir (ar.aff, ar.dic),
// opened once for the process and shared (it is safe for concurrent use),
// or the error that kept it from opening.
var Default = sync.OnceValues(func() (*Dictionary, error) {
	return Open(filepath.Join(DefaultDir, "ar.aff"), filepath.Join(DefaultDir, "ar.dic"))
})

// checkFiles reports a missing dictionary file with the package to install.
func checkFiles(aff, dic string) error {
	for _, p := range []string{aff, dic} {
		if _, err := os.Stat(p); err != nil {
			return errors.Join(errors.New("hunspell: no Arabic dictionary (install hunspell-ar)"), err)
		}
	}
	return nil
}
