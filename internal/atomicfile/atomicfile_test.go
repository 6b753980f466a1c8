package atomicfile_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsscribe/newsscribe/internal/atomicfile"
)

// entries lists dir's names, so tests can tell that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWrite(t *testing.T) {
	old := syscall.Umask(0o077) // CreateTemp's 0600 and a strict umask must not leak into the result
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "a", "b")
	path := filepath.Join(dir, "out.txt")
	if err := atomicfile.MkdirAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(path, func(w *os.File) error { _, err := io.WriteString(w, "hello"); return err }); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil || string(b) != "hello" {
		t.Fatalf("got %q, %v, want hello", b, err)
	}
	fi, _ := os.Stat(path)
	if fi.Mode().Perm() != atomicfile.Mode {
		t.Errorf("mode: got %v, want %v", fi.Mode().Perm(), atomicfile.Mode)
	}
	di, _ := os.Stat(dir)
	if di.Mode().Perm() != atomicfile.DirMode&^0o077 {
		t.Errorf("dir mode: got %v, want %v under umask 077", di.Mode().Perm(), atomicfile.DirMode&^0o077)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v, want only out.txt", got)
	}
}

func TestWriteFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.txt")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := atomicfile.Write(path, func(w *os.File) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want the writer's error", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Errorf("after a failed write: got %q, want the old content", b)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Errorf("directory holds %v, want only out.txt (temporary file removed)", got)
	}
}

func TestWriteNeedsDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "typo")
	err := atomicfile.Write(filepath.Join(dir, "out"), func(*os.File) error { return nil })
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("got %v, want ErrNotExist: a missing directory is not created", err)
	}
	if _, err := os.Stat(dir); err == nil {
		t.Error("the directory was created")
	}
}

func TestWriteErrorNamesDestination(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing-parent-is-a-file")
	os.WriteFile(path, nil, 0o644)
	err := atomicfile.Write(filepath.Join(path, "out.txt"), func(*os.File) error { return nil })
	if err == nil || !strings.Contains(err.Error(), filepath.Join(path, "out.txt")) || strings.Contains(err.Error(), ".tmp") {
		t.Errorf("got %v, want an error naming the destination and not the temporary file", err)
	}
}

func TestCommitAcrossDirectories(t *testing.T) {
	root := t.TempDir()
	os.Mkdir(filepath.Join(root, "tmp"), 0o755)
	f, err := atomicfile.Create(filepath.Join(root, "tmp"), "upload-*")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("bytes")
	dst := filepath.Join(root, "audio", "ab", "abcd")
	if err := atomicfile.MkdirAll(filepath.Dir(dst)); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Commit(f, dst); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(dst); string(b) != "bytes" {
		t.Errorf("got %q, want bytes", b)
	}
	if got := entries(t, filepath.Join(root, "tmp")); len(got) != 0 {
		t.Errorf("tmp holds %v, want nothing", got)
	}
}

func TestSyncDir(t *testing.T) {
	if err := atomicfile.SyncDir(t.TempDir()); err != nil {
		t.Errorf("SyncDir of a directory: %v", err)
	}
	if err := atomicfile.SyncDir(filepath.Join(t.TempDir(), "absent")); err == nil {
		t.Error("SyncDir of a missing directory: got nil, want an error")
	}
}

// TestReadersSeeWholeFiles replaces a file again and again while reading
// it: every read must be one complete version.
func TestReadersSeeWholeFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	versions := [][]byte{bytes.Repeat([]byte("a"), 1<<16), bytes.Repeat([]byte("b"), 1<<17)}
	atomicfile.Write(path, func(w *os.File) error { _, err := w.Write(versions[0]); return err })
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 50; i++ {
			v := versions[i%2]
			atomicfile.Write(path, func(w *os.File) error {
				for k := 0; k < len(v); k += 4096 {
					if _, err := w.Write(v[k : k+4096]); err != nil {
						return err
					}
				}
				return nil
			})
		}
	}()
	for {
		select {
		case <-done:
			return
		default:
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, versions[0]) && !bytes.Equal(b, versions[1]) {
			t.Fatalf("read %d bytes that are neither version", len(b))
		}
	}
}

// TestKilledWriter kills a process in the middle of Write (it blocks after
// writing half) and checks that the destination still holds the old file.
func TestKilledWriter(t *testing.T) {
	if dst := os.Getenv("ATOMICFILE_TEST_CHILD"); dst != "" {
		atomicfile.Write(dst, func(w *os.File) error {
			io.WriteString(w, "half")
			os.Stdout.WriteString("written\n")
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(0)
	}
	dir := t.TempDir()
	dst := filepath.Join(dir, "out")
	os.WriteFile(dst, []byte("old"), 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriter$")
	cmd.Env = append(os.Environ(), "ATOMICFILE_TEST_CHILD="+dst)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "written\n" {
		t.Fatalf("child: got %q, %v", buf, err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if b, _ := os.ReadFile(dst); string(b) != "old" {
		t.Errorf("after kill -9 mid-write: got %q, want the old file", b)
	}
	// What the killed writer left is known as a temporary file (a server
	// sweeps those at start), and the file itself is not.
	var temps []string
	for _, name := range entries(t, dir) {
		if atomicfile.IsTemp(name) {
			temps = append(temps, name)
		}
	}
	if len(temps) != 1 || atomicfile.IsTemp("out") {
		t.Errorf("IsTemp picks %v of %v, want the one temporary file", temps, entries(t, dir))
	}
}
