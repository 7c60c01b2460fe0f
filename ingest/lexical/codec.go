package lexical

import (
	"encoding/binary"
	"errors"
	"fmt"
	"unsafe"
)

// The saved form is the index's arrays as they are in memory, little-endian,
// so loading is a few bulk copies and nothing is rebuilt.
const (
	magic   = "HQLX"
	version = 1
)

// MarshalBinary encodes the index.
func (ix *Index) MarshalBinary() ([]byte, error) {
	size := 4 + 4 + 8 + 4*4 + len(ix.terms)*8 + len(ix.offsets)*4 + len(ix.docs)*4 + len(ix.tfs)*2 + len(ix.lens)*4
	out := make([]byte, 0, size)
	out = append(out, magic...)
	out = binary.LittleEndian.AppendUint32(out, version)
	out = binary.LittleEndian.AppendUint64(out, ix.IDKey)
	for _, n := range []int{len(ix.terms), len(ix.offsets), len(ix.docs), len(ix.lens)} {
		out = binary.LittleEndian.AppendUint32(out, uint32(n))
	}
	for _, t := range ix.terms {
		out = binary.LittleEndian.AppendUint64(out, uint64(t))
	}
	for _, v := range ix.offsets {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	for _, v := range ix.docs {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	for _, v := range ix.tfs {
		out = binary.LittleEndian.AppendUint16(out, v)
	}
	for _, v := range ix.lens {
		out = binary.LittleEndian.AppendUint32(out, v)
	}
	return out, nil
}

var errShort = errors.New("lexical index data is truncated")

// Unmarshal decodes an index written by MarshalBinary into memory of its
// own.
func Unmarshal(data []byte) (*Index, error) { return unmarshal(data, false) }

// UnmarshalShared decodes an index written by MarshalBinary using data's
// memory where it can (data 8-byte aligned, a little-endian machine)
// instead of copying it: data must not be modified afterwards. The store
// aligns the lexical indexes it saves in a segment, so loading one costs
// its checks, not a copy of its postings.
func UnmarshalShared(data []byte) (*Index, error) { return unmarshal(data, true) }

func unmarshal(data []byte, shared bool) (*Index, error) {
	if len(data) < 32 || string(data[:4]) != magic {
		return nil, errors.New("not a lexical index")
	}
	if v := binary.LittleEndian.Uint32(data[4:]); v != version {
		return nil, fmt.Errorf("lexical index version %d, want %d", v, version)
	}
	ix := &Index{IDKey: binary.LittleEndian.Uint64(data[8:])}
	nTerms := int(binary.LittleEndian.Uint32(data[16:]))
	nOff := int(binary.LittleEndian.Uint32(data[20:]))
	nPost := int(binary.LittleEndian.Uint32(data[24:]))
	nDocs := int(binary.LittleEndian.Uint32(data[28:]))
	need := 32 + nTerms*8 + nOff*4 + nPost*4 + nPost*2 + nDocs*4
	if len(data) != need || nOff != nTerms+1 {
		return nil, errShort
	}
	p := data[32:]
	if ix.terms = alias[Term](p, nTerms, 8, shared); ix.terms == nil {
		ix.terms = make([]Term, nTerms)
		if !bulk(ix.terms, p, 8) {
			for i := range ix.terms {
				ix.terms[i] = Term(binary.LittleEndian.Uint64(p[i*8:]))
			}
		}
	}
	p = p[nTerms*8:]
	if ix.offsets = alias[uint32](p, nOff, 4, shared); ix.offsets == nil {
		ix.offsets = u32s(p, nOff)
	}
	p = p[nOff*4:]
	if ix.docs = alias[uint32](p, nPost, 4, shared); ix.docs == nil {
		ix.docs = u32s(p, nPost)
	}
	p = p[nPost*4:]
	if ix.tfs = alias[uint16](p, nPost, 2, shared); ix.tfs == nil {
		ix.tfs = make([]uint16, nPost)
		if !bulk(ix.tfs, p, 2) {
			for i := range ix.tfs {
				ix.tfs[i] = binary.LittleEndian.Uint16(p[i*2:])
			}
		}
	}
	p = p[nPost*2:]
	if ix.lens = alias[uint32](p, nDocs, 4, shared); ix.lens == nil {
		ix.lens = u32s(p, nDocs)
	}
	// Guard every later slice operation against a damaged blob.
	for i := 1; i < len(ix.offsets); i++ {
		if ix.offsets[i] < ix.offsets[i-1] {
			return nil, errors.New("lexical index offsets are damaged")
		}
	}
	if nOff > 0 && int(ix.offsets[nOff-1]) != nPost {
		return nil, errors.New("lexical index offsets are damaged")
	}
	for _, d := range ix.docs {
		if int(d) >= nDocs {
			return nil, errors.New("lexical index postings are damaged")
		}
	}
	ix.init()
	return ix, nil
}

// alias returns p's first n values of size bytes as a slice over p's
// memory, or nil when shared is off, the machine is big-endian or p is not
// aligned for them (the caller then copies).
func alias[T uint16 | uint32 | Term](p []byte, n, size int, shared bool) []T {
	if !shared || !littleEndian || n == 0 || uintptr(unsafe.Pointer(&p[0]))%uintptr(size) != 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(&p[0])), n)[:n:n]
}

func u32s(p []byte, n int) []uint32 {
	out := make([]uint32, n)
	if !bulk(out, p, 4) {
		for i := range out {
			out[i] = binary.LittleEndian.Uint32(p[i*4:])
		}
	}
	return out
}

// littleEndian: the saved form is the machine's own, so decoding is one
// memory copy per array (a 50k-chunk index loads in milliseconds, not
// the ~100 ms of decoding value by value).
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// bulk copies len(dst) little-endian values of size bytes from p into dst
// with one copy, when the machine is little-endian.
func bulk[T uint16 | uint32 | uint64 | Term](dst []T, p []byte, size int) bool {
	if !littleEndian || len(dst) == 0 {
		return littleEndian
	}
	copy(unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), len(dst)*size), p[:len(dst)*size])
	return true
}
