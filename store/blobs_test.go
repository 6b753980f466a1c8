package store_test

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/newsscribe/newsscribe/store"
)

func TestBlobsPut(t *testing.T) {
	dir := t.TempDir()
	b, err := store.NewBlobs(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := strings.Repeat("speech ", 10000)
	sum := sha256.Sum256([]byte(data))
	want := hex.EncodeToString(sum[:])
	for i := 0; i < 2; i++ { // the second Put of the same bytes keeps the first file
		sha, n, err := b.Put(iotest.HalfReader(strings.NewReader(data)))
		if err != nil {
			t.Fatal(err)
		}
		if sha != want || n != int64(len(data)) {
			t.Fatalf("got %s %d, want %s %d", sha, n, want, len(data))
		}
		got, err := os.ReadFile(b.AudioPath(sha))
		if err != nil || string(got) != data {
			t.Fatalf("stored file: %v", err)
		}
	}
	assertNoTemp(t, dir)
}

func TestBlobsPutReaderError(t *testing.T) {
	dir := t.TempDir()
	b, _ := store.NewBlobs(dir)
	boom := errors.New("connection reset")
	_, _, err := b.Put(io.MultiReader(strings.NewReader("partial"), iotest.ErrReader(boom)))
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the reader's error wrapped", err)
	}
	assertNoTemp(t, dir)
	entries, _ := os.ReadDir(filepath.Join(dir, "audio"))
	if len(entries) != 0 {
		t.Errorf("a failed upload left %d entries in audio/", len(entries))
	}
}

func TestBlobsPathsRefuseNonHashes(t *testing.T) {
	b, _ := store.NewBlobs(t.TempDir())
	for _, bad := range []string{"../../etc/passwd", "", strings.Repeat("A", 64), strings.Repeat("a", 63) + "/"} {
		for _, p := range []string{b.AudioPath(bad), b.PlayPath(bad)} {
			if strings.Contains(p, "..") || strings.Contains(p, "passwd") || !strings.HasSuffix(p, "invalid") {
				t.Errorf("path for %q: got %s, want the invalid placeholder", bad, p)
			}
		}
	}
}

func TestKeysSeparateFields(t *testing.T) {
	// Length-prefixed fields: moving text between fields changes the key.
	if store.ASRKey("a", "bc", "ar", "") == store.ASRKey("ab", "c", "ar", "") {
		t.Error("ASRKey collides across field boundaries")
	}
	k := store.ASRKey("sha", "m", "ar", "")
	if store.DedupKey(k, "", "article") == store.DedupKey(k, "article", "") {
		t.Error("DedupKey confuses article id and article text")
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Join(dir, "tmp"))
	if len(entries) != 0 {
		t.Errorf("%d temporary files left behind", len(entries))
	}
}
