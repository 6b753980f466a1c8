package transcribetest

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/newsscribe/newsscribe/models"
)

// TinyModel writes a minimal well-formed ggml Whisper file (header, mel
// filters, vocabulary, no tensors) named model.bin into dir and returns its
// path. models.Resolve accepts it, so tests that load the scripted engine
// through package pipeline go through the same model resolution as the
// product; whisper.cpp itself could not run it (it has no weights).
func TinyModel(dir string) (string, error) {
	tiny, _ := models.LookupFamily("tiny")
	return ModelFile(dir, "model.bin", tiny.Shape)
}

// ModelFile is TinyModel for a model of shape s, written into dir as name:
// models.Identify knows its family by the shape, so a test can stand a
// turbo- or medium-shaped file in front of the scripted engine and the
// product decides what it may do from the file, as it does for a real one.
func ModelFile(dir, name string, s models.Shape) (string, error) {
	b := header(s, 1)
	b = binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(b, 1), 1)
	b = binary.LittleEndian.AppendUint32(append(b, 0, 0, 0, 0), 1)
	b = append(binary.LittleEndian.AppendUint32(b, 1), 'a')
	p := filepath.Join(dir, name)
	return p, os.WriteFile(p, b, 0o644)
}

// Tensor types of StubModel (ggml's file types, the header's ftype).
const (
	FtypeF16  = 1
	FtypeQ5_0 = 8
)

// StubModel writes a whisper.cpp stub model of shape s into dir and returns
// its path: the header with tensor type ftype, zero mel filters and the
// vocabulary of the shared tiny stub (whisper.cpp's for-tests model), and no
// tensors. whisper.cpp loads such a file as an "empty model for testing",
// allocating every weight (zero) in the file type's format, and runs it at
// the real cost of that shape: a stub of medium's shape with ftype Q5_0
// costs what medium-q5_0 costs, and transcribes nothing. It skips t when
// the shared stub is absent.
func StubModel(t testing.TB, dir string, s models.Shape, ftype int) string {
	t.Helper()
	src := filepath.Join(Shared(t, "whisper", "for-tests-ggml-tiny.bin"), "for-tests-ggml-tiny.bin")
	vocab, err := stubVocabulary(src)
	if err != nil {
		t.Fatal(err)
	}
	b := header(s, ftype)
	const nFFT = 201 // whisper.cpp's filters: n_mel × (1 + 400/2)
	b = binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(b, uint32(s.Mels)), nFFT)
	b = append(b, make([]byte, s.Mels*nFFT*4)...)
	b = append(b, vocab...)
	p := filepath.Join(dir, fmt.Sprintf("stub-%d-%d-%d-%d.bin", s.AudioState, s.AudioLayers, s.TextLayers, ftype))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// header is a ggml Whisper header of shape s with file type ftype.
func header(s models.Shape, ftype int) []byte {
	b := binary.LittleEndian.AppendUint32(nil, 0x67676d6c)
	for _, v := range []int{s.Vocab, 1500, s.AudioState, s.Heads, s.AudioLayers, 448, s.TextState, s.Heads, s.TextLayers, s.Mels, ftype} {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	return b
}

// stubVocabulary returns the vocabulary section (its count and tokens) of a
// tensorless ggml Whisper file: everything after the mel filters.
func stubVocabulary(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var hdr [56]byte // header, n_mel, n_fft
	if _, err := io.ReadFull(f, hdr[:]); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	nMel, nFFT := binary.LittleEndian.Uint32(hdr[48:]), binary.LittleEndian.Uint32(hdr[52:])
	if _, err := f.Seek(int64(nMel)*int64(nFFT)*4, io.SeekCurrent); err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}

// ReleaseModel is ModelFile for the release named family ("large-v3-turbo",
// "medium"), written into dir as ggml-FAMILY.bin; it fails t on error.
func ReleaseModel(t testing.TB, dir, family string) string {
	t.Helper()
	f, ok := models.LookupFamily(family)
	if !ok {
		t.Fatalf("no Whisper release %q", family)
	}
	p, err := ModelFile(dir, "ggml-"+family+".bin", f.Shape)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
