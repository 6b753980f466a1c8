//go:build !hunspell

package hunspell

// Available reports whether this binary has libhunspell built in.
const Available = false

// Dictionary is a hunspell dictionary; in a binary built without the
// `hunspell` build tag none can be opened.
type Dictionary struct{}

// Open returns ErrUnavailable: this binary was built without libhunspell.
func Open(aff, dic string) (*Dictionary, error) {
	if err := checkFiles(aff, dic); err != nil {
		return nil, err
	}
	return nil, ErrUnavailable
}

// Spell reports nothing: there is no dictionary.
func (d *Dictionary) Spell(word string) bool { return false }

// Stems returns nothing: there is no dictionary.
func (d *Dictionary) Stems(word string) []string { return nil }

// Close does nothing.
func (d *Dictionary) Close() error { return nil }
