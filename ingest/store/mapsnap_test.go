package store

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestMapSnapshot: a segment mapped reads as the same documents, chunks,
// aux blobs and vectors as one read whole; a segment written now ends its
// metadata on 8 bytes so its vectors are used in place; and a damaged or
// cut file is refused by the mapped path with readSnapshot's own error.
func TestMapSnapshot(t *testing.T) {
	ctx := context.Background()
	l, _ := variedStore(t, 3, 200)
	l.SetAux("lexical/test", []byte("0123456789abc"))
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	segs, _ := filepath.Glob(filepath.Join(l.Dir(), "seg-*.hqa"))
	if len(segs) == 0 {
		t.Fatal("no segment written")
	}
	path := segs[0]
	h1, m1, v1, err := readSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	h2, m2, v2, err := mapSnapshot(ctx, path, &snapSum{})
	if err != nil {
		t.Fatal(err)
	}
	if h1 != h2 || !reflect.DeepEqual(m1.Docs, m2.Docs) || !reflect.DeepEqual(m1.Chunks, m2.Chunks) ||
		!reflect.DeepEqual(m1.Aux, m2.Aux) || !reflect.DeepEqual(v1, v2) {
		t.Fatal("the mapped segment differs from the one read")
	}
	if h1.metaLen%8 != 0 {
		t.Errorf("metadata of %d bytes: the vectors after it are not aligned", h1.metaLen)
	}

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"bit flipped in the metadata", flip(b, headerLen+int(h1.metaLen)/2)},
		{"bit flipped in the vectors", flip(b, len(b)-trailerLen-3)},
		{"cut", b[:len(b)-7]},
		{"header only", b[:headerLen]},
	} {
		bad := filepath.Join(t.TempDir(), "seg-bad.hqa")
		if err := os.WriteFile(bad, tc.data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, _, _, want := readSnapshot(ctx, bad)
		_, _, _, got := mapSnapshot(ctx, bad, &snapSum{})
		if want == nil || got == nil || got.Error() != want.Error() {
			t.Errorf("%s: mapped %v, read %v", tc.name, got, want)
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x10
	return c
}
