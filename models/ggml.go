package models

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// ggmlTypeSize gives, for the ggml tensor types Whisper model files use, the
// number of elements per block and the bytes per block (ggml/src/ggml-common.h).
var ggmlTypeSize = map[int32][2]int64{
	0:  {1, 4},     // F32
	1:  {1, 2},     // F16
	2:  {32, 18},   // Q4_0
	3:  {32, 20},   // Q4_1
	6:  {32, 22},   // Q5_0
	7:  {32, 24},   // Q5_1
	8:  {32, 34},   // Q8_0
	10: {256, 84},  // Q2_K
	11: {256, 110}, // Q3_K
	12: {256, 144}, // Q4_K
	13: {256, 176}, // Q5_K
	14: {256, 210}, // Q6_K
	30: {1, 2},     // BF16
}

// walkWhisper follows the layout of a ggml Whisper file as whisper.cpp's
// loader reads it (header, mel filters, vocabulary, then tensors: dims, name
// and data) without reading the tensor data, and reports where the file is
// short. whisper.cpp itself does not notice a file that ends inside the
// vocabulary, and loads it with a broken vocabulary; this catches that and
// any tensor cut short. A file that ends right after the vocabulary is
// whisper.cpp's tensorless test model and is accepted.
func walkWhisper(f *os.File) (reason string, err error) {
	fi, err := f.Stat()
	if err != nil {
		return "", err
	}
	size := fi.Size()
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	r := &seekReader{f: f, br: bufio.NewReaderSize(f, 1<<16)}
	i32 := func() (int32, error) {
		var b [4]byte
		if err := r.read(b[:]); err != nil {
			return 0, err
		}
		return int32(binary.LittleEndian.Uint32(b[:])), nil
	}
	skip := func(n int64) error {
		if n < 0 || r.pos+n > size {
			return io.ErrUnexpectedEOF
		}
		return r.skip(n)
	}
	short := func(where string, err error) (string, error) {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Sprintf("truncated in the %s after %d bytes", where, size), nil
		}
		return "", err
	}
	if err := skip(4 + 11*4); err != nil {
		return short("header", err)
	}
	nMel, err := i32()
	if err != nil {
		return short("mel filters", err)
	}
	nFFT, err := i32()
	if err != nil {
		return short("mel filters", err)
	}
	if err := skip(int64(nMel) * int64(nFFT) * 4); err != nil {
		return short("mel filters", err)
	}
	nVocab, err := i32()
	if err != nil {
		return short("vocabulary", err)
	}
	for range nVocab {
		l, err := i32()
		if err != nil {
			return short("vocabulary", err)
		}
		if err := skip(int64(uint32(l))); err != nil {
			return short("vocabulary", err)
		}
	}
	for n := 0; ; n++ {
		if r.pos == size {
			return "", nil
		}
		var hdr [3]int32
		for i := range hdr {
			if hdr[i], err = i32(); err != nil {
				return short(fmt.Sprintf("tensor %d", n), err)
			}
		}
		nDims, nameLen, typ := hdr[0], hdr[1], hdr[2]
		if nDims < 1 || nDims > 4 || nameLen < 1 || nameLen > 256 {
			return fmt.Sprintf("tensor %d has a broken header", n), nil
		}
		elems := int64(1)
		for range nDims {
			d, err := i32()
			if err != nil {
				return short(fmt.Sprintf("tensor %d", n), err)
			}
			elems *= int64(d)
		}
		ts, ok := ggmlTypeSize[typ]
		if !ok {
			return fmt.Sprintf("tensor %d has unknown type %d", n, typ), nil
		}
		if err := skip(int64(nameLen) + elems/ts[0]*ts[1]); err != nil {
			return short(fmt.Sprintf("tensor %d", n), err)
		}
	}
}

// seekReader reads small fields through a buffer and skips large blocks
// (tensor data) with a seek, so checking a 3 GB model reads kilobytes.
type seekReader struct {
	f   *os.File
	br  *bufio.Reader
	pos int64
}

func (r *seekReader) read(p []byte) error {
	n, err := io.ReadFull(r.br, p)
	r.pos += int64(n)
	return err
}

func (r *seekReader) skip(n int64) error {
	if n <= int64(r.br.Buffered()) {
		_, err := r.br.Discard(int(n))
		r.pos += n
		return err
	}
	if _, err := r.f.Seek(r.pos+n, io.SeekStart); err != nil {
		return err
	}
	r.pos += n
	r.br.Reset(r.f)
	return nil
}
