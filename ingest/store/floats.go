package store

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// littleEndian: the snapshot's vectors are little-endian float32, the
// machine's own layout on amd64 and arm64, so there they are read straight
// into the []float32 that keeps them, with no decoding pass and no second
// copy.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// floatBytes returns the bytes to read n little-endian float32s into, and
// the []float32 that holds them: the same memory on a little-endian
// machine (direct is true), else one decodeFloats must fill from them.
func floatBytes(n int) (b []byte, vecs []float32, direct bool) {
	vecs = make([]float32, n)
	if littleEndian && n > 0 {
		return unsafe.Slice((*byte)(unsafe.Pointer(&vecs[0])), 4*n), vecs, true
	}
	return make([]byte, 4*n), vecs, false
}

// decodeFloats fills dst from little-endian float32s in b.
func decodeFloats(dst []float32, b []byte) {
	for i := range dst {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
}
