package transcribetest

import (
	"encoding/binary"
	"os"
	"path/filepath"
)

// TinyModel writes a minimal well-formed ggml Whisper file (header, mel
// filters, vocabulary, no tensors) named model.bin into dir and returns its
// path. models.Resolve accepts it, so tests that load the scripted engine
// through package pipeline go through the same model resolution as the
// product; whisper.cpp itself could not run it (it has no weights).
func TinyModel(dir string) (string, error) {
	le := binary.LittleEndian
	b := le.AppendUint32(nil, 0x67676d6c)
	for _, v := range []int32{51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1} {
		b = le.AppendUint32(b, uint32(v))
	}
	b = le.AppendUint32(le.AppendUint32(b, 1), 1)
	b = le.AppendUint32(append(b, 0, 0, 0, 0), 1)
	b = append(le.AppendUint32(b, 1), 'a')
	p := filepath.Join(dir, "model.bin")
	return p, os.WriteFile(p, b, 0o644)
}
