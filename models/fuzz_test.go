package models_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/models"
)

// FuzzCheckFile checks that the header check and the layout walk never
// panic or hang on arbitrary files.
func FuzzCheckFile(f *testing.F) {
	good := whisperHeader()
	f.Add(good)
	f.Add(good[:60])
	f.Add([]byte("lmgg\x0a\x00\x00\x00silero-16k"))
	f.Add([]byte{})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(dir, "m.bin")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		models.CheckFile(p)
	})
}
