package store

import (
	"math"
	"slices"
	"testing"
)

func TestFloatsFromLittleEndianBytes(t *testing.T) {
	// Little-endian IEEE 754 single precision, written out by hand.
	tests := []struct {
		name  string
		bytes []byte
		want  []float32
	}{
		{"none", nil, []float32{}},
		{"one", []byte{0x00, 0x00, 0x80, 0x3f}, []float32{1}},
		{"minus two and a half, a half", []byte{0x00, 0x00, 0x20, 0xc0, 0x00, 0x00, 0x00, 0x3f}, []float32{-2.5, 0.5}},
		{"smallest subnormal", []byte{0x01, 0x00, 0x00, 0x00}, []float32{math.SmallestNonzeroFloat32}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The portable path.
			got := make([]float32, len(tt.want))
			decodeFloats(got, tt.bytes)
			if !slices.Equal(got, tt.want) {
				t.Errorf("decodeFloats = %v, want %v", got, tt.want)
			}
			// The path the machine takes: reading into the bytes floatBytes
			// gives, then decoding if they are not the floats' own.
			b, vecs, direct := floatBytes(len(tt.want))
			copy(b, tt.bytes)
			if !direct {
				decodeFloats(vecs, b)
			}
			if !slices.Equal(vecs, tt.want) {
				t.Errorf("floatBytes (direct %v) = %v, want %v", direct, vecs, tt.want)
			}
		})
	}
}
