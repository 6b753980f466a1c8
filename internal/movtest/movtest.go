// Package movtest rewrites QuickTime/MP4 files for the tests of the
// ffmpeg sandbox (audio/sandbox.go): it turns a self-contained file into
// one whose samples live in another file, the "external data reference"
// attack of issue 9. It only edits bytes; it never runs ffmpeg.
package movtest

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Alias is where a track's samples are to be read from: a Macintosh alias
// record ('alis' data reference) as QuickTime writes it.
//
// ffmpeg's mov demuxer reads only 'alis' references: the location of a
// 'url ' entry (ISO 14496-12) is skipped, so a 'url ' entry with flags 0
// reads nothing external. With FromLevels and ToLevels both 0, ffmpeg opens
// Path as it is (only with use_absolute_path=1); otherwise it opens the
// last ToLevels components of Path relative to the referring file's
// directory, FromLevels-1 levels up ("../"), which it allows by default
// once enable_drefs=1.
type Alias struct {
	Path                 string // '/'-separated
	FromLevels, ToLevels int
}

// ExternalData returns mov with the data reference box ('dref') of every
// track replaced by one entry, ref, and every enclosing box's size fixed
// (dref, dinf, minf, mdia, trak, moov). Boxes before moov keep their
// offsets, so when moov is at the end (ffmpeg without faststart) the chunk
// offsets of the index are unchanged and point into the file ref names.
func ExternalData(mov []byte, ref Alias) ([]byte, error) {
	n := 0
	out, err := rewrite(mov, []string{"moov", "trak", "mdia", "minf", "dinf", "dref"}, func([]byte) []byte {
		n++
		return drefPayload(ref)
	})
	if err == nil && n == 0 {
		err = errors.New("movtest: no moov/trak/mdia/minf/dinf/dref box")
	}
	return out, err
}

// rewrite copies the boxes of b, replacing the payload of each box at path
// (a chain of box types from b's top level) with what f returns, and
// fixing the sizes of the boxes that enclose it.
func rewrite(b []byte, path []string, f func(payload []byte) []byte) ([]byte, error) {
	var out []byte
	for len(b) > 0 {
		if len(b) < 8 {
			return nil, fmt.Errorf("movtest: %d trailing bytes", len(b))
		}
		size := int(binary.BigEndian.Uint32(b))
		typ := string(b[4:8])
		if size < 8 || size > len(b) {
			// 64-bit (1) and to-end (0) sizes do not occur on the path
			// in files ffmpeg writes this small.
			return nil, fmt.Errorf("movtest: box %q: size %d of %d bytes left", typ, size, len(b))
		}
		box, payload := b[:size], b[8:size]
		b = b[size:]
		if typ != path[0] {
			out = append(out, box...)
			continue
		}
		var err error
		if len(path) == 1 {
			payload = f(payload)
		} else if payload, err = rewrite(payload, path[1:], f); err != nil {
			return nil, err
		}
		out = binary.BigEndian.AppendUint32(out, uint32(8+len(payload)))
		out = append(out, typ...)
		out = append(out, payload...)
	}
	return out, nil
}

// drefPayload is a 'dref' full box's payload: version 0, one entry, an
// 'alis' alias record with ref's levels and its absolute-path field
// (type 2), laid out as ffmpeg's mov_read_dref reads it.
func drefPayload(ref Alias) []byte {
	rec := make([]byte, 150)                                      // after size, type, version+flags
	rec[10] = 0                                                   // volume name length (27 bytes follow)
	rec[10+1+27+12] = 0                                           // file name length (63 bytes follow)
	off := 10 + 1 + 27 + 12 + 1 + 63 + 16                         // the two level counts
	binary.BigEndian.PutUint16(rec[off:], uint16(ref.FromLevels)) // nlvl_from
	binary.BigEndian.PutUint16(rec[off+2:], uint16(ref.ToLevels)) // nlvl_to
	path := []byte(ref.Path)
	if len(path)%2 == 1 {
		path = append(path, 0) // records are padded to even lengths
	}
	rec = binary.BigEndian.AppendUint16(rec, 2) // absolute path
	rec = binary.BigEndian.AppendUint16(rec, uint16(len(ref.Path)))
	rec = append(rec, path...)
	rec = append(rec, 0xff, 0xff, 0, 0) // end of records

	entry := binary.BigEndian.AppendUint32(nil, uint32(12+len(rec)))
	entry = append(entry, "alis"...)
	entry = append(entry, 0, 0, 0, 0) // version 0, flags 0: not self-contained
	entry = append(entry, rec...)

	p := []byte{0, 0, 0, 0}                 // version, flags
	p = binary.BigEndian.AppendUint32(p, 1) // entry count
	return append(p, entry...)
}
