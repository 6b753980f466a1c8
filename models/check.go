package models

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ErrCorrupt is matched (errors.Is) by every *CorruptError.
var ErrCorrupt = errors.New("corrupt model file")

// CorruptError reports a model file that is truncated, damaged or not a
// model at all. Its message says how to get a good copy.
type CorruptError struct {
	Path   string
	Reason string // what is wrong, e.g. "size 1000 bytes, want 77691713"
	Model  string // registry name, if the file is a registry model
}

func (e *CorruptError) Error() string {
	fix := "replace it with a good copy"
	if e.Model != "" {
		fix = fmt.Sprintf("delete it and run `newsscribe models pull %s`", e.Model)
	}
	return fmt.Sprintf("model file %s is corrupt (%s): %s", e.Path, e.Reason, fix)
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// ggmlMagic is the first four bytes of a ggml model file, little-endian "ggml".
const ggmlMagic = 0x67676d6c

// CheckFile cheaply checks that path is a usable model file before anything
// loads it: it exists and is a regular file; it starts with the ggml magic; its header is a Silero VAD header or a Whisper header with
// plausible dimensions; and, for a Whisper model, the file holds every part
// its structure announces (mel filters, vocabulary, each tensor's bytes; see
// walkWhisper). It reads the headers only, not the tensor data: Verify reads
// everything. A file is never judged by its name: a copy of a registry model
// under its file name, given by path, is checked as any ggml file is.
func CheckFile(path string) error { return checkFile(path, nil) }

// checkRegistryFile is CheckFile for the registry model m in the models
// directory: its size must also be the published size, and the fix offered
// is pulling it again.
func checkRegistryFile(path string, m Model) error { return checkFile(path, &m) }

func checkFile(path string, m *Model) error {
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("model file: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("model file %s is not a regular file", path)
	}
	var name string
	if m != nil {
		name = m.Name
		if fi.Size() != m.Size {
			return &CorruptError{Path: path, Model: m.Name, Reason: fmt.Sprintf("size %d bytes, want %d", fi.Size(), m.Size)}
		}
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("model file: %w", err)
	}
	defer f.Close()
	var hdr [48]byte
	n, err := io.ReadFull(f, hdr[:])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		if errors.Is(err, io.EOF) {
			return &CorruptError{Path: path, Model: name, Reason: "empty file"}
		}
		return fmt.Errorf("read model header: %w", err)
	}
	reason, isVAD := checkHeader(hdr[:n])
	if reason == "" && !isVAD {
		if reason, err = walkWhisper(f); err != nil {
			return fmt.Errorf("read model file: %w", err)
		}
	}
	if reason != "" {
		return &CorruptError{Path: path, Model: name, Reason: reason}
	}
	return nil
}

// checkHeader returns what is wrong with a model file's first bytes, or "",
// and whether it is a Silero VAD model.
func checkHeader(b []byte) (reason string, vad bool) {
	if len(b) < 8 || binary.LittleEndian.Uint32(b) != ggmlMagic {
		return "not a ggml model: bad magic", false
	}
	// Silero VAD: magic, int32 length, "silero…"
	if l := int(binary.LittleEndian.Uint32(b[4:])); l > 0 && l < 32 && len(b) >= 8+6 && strings.HasPrefix(string(b[8:]), "silero") {
		return "", true
	}
	if len(b) < 48 {
		return "truncated header", false
	}
	h := make([]int32, 11)
	for i := range h {
		h[i] = int32(binary.LittleEndian.Uint32(b[4+4*i:]))
	}
	nVocab, nAudioCtx, nAudioState, nAudioHead, nAudioLayer := h[0], h[1], h[2], h[3], h[4]
	nTextCtx, nTextState, nTextHead, nTextLayer, nMels := h[5], h[6], h[7], h[8], h[9]
	ok := nVocab >= 50000 && nVocab <= 60000 &&
		nAudioCtx == 1500 && nTextCtx == 448 &&
		nAudioState > 0 && nAudioState <= 4096 && nTextState > 0 && nTextState <= 4096 &&
		nAudioHead > 0 && nAudioHead <= 64 && nTextHead > 0 && nTextHead <= 64 &&
		nAudioLayer > 0 && nAudioLayer <= 64 && nTextLayer > 0 && nTextLayer <= 64 &&
		(nMels == 80 || nMels == 128)
	if !ok {
		return "not a Whisper model: implausible header", false
	}
	return "", false
}

// Verify checks the file at path against m's published size and checksums
// (SHA-256, and SHA-1 where whisper.cpp publishes one). It reads the whole file.
func Verify(path string, m Model) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("verify %s: %w", m.Name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("verify %s: %w", m.Name, err)
	}
	if fi.Size() != m.Size {
		return &CorruptError{Path: path, Model: m.Name, Reason: fmt.Sprintf("size %d bytes, want %d", fi.Size(), m.Size)}
	}
	h256, h1 := sha256.New(), sha1.New()
	if _, err := io.Copy(io.MultiWriter(h256, h1), f); err != nil {
		return fmt.Errorf("verify %s: %w", m.Name, err)
	}
	if got := hex.EncodeToString(h256.Sum(nil)); got != m.SHA256 {
		return &CorruptError{Path: path, Model: m.Name, Reason: fmt.Sprintf("SHA-256 %s, want %s", got, m.SHA256)}
	}
	if m.SHA1 != "" {
		if got := hex.EncodeToString(h1.Sum(nil)); got != m.SHA1 {
			return &CorruptError{Path: path, Model: m.Name, Reason: fmt.Sprintf("SHA-1 %s, want %s", got, m.SHA1)}
		}
	}
	return nil
}
