package lexical

import (
	"fmt"
	"testing"
	"unsafe"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// TestMultiRanksAsOneIndex: the documents split into segments in any way
// score and rank exactly as in one index over them all.
func TestMultiRanksAsOneIndex(t *testing.T) {
	var texts []string
	for i := range 40 {
		texts = append(texts, normalize.ForIndex(docs[i%len(docs)]+docs[(i*3+1)%len(docs)][:i%20*3]+fmt.Sprint(i%7)))
	}
	whole := NewBuilder()
	for i, s := range texts {
		whole.Add(fmt.Sprint(i), s)
	}
	one := Single(whole.Build())
	queries := []string{"工业园区高质量发展", "论坛在哪里举办", "数字园区", "国家高新区 3", "区"}
	for _, cuts := range [][]int{{40}, {1, 40}, {10, 11, 25, 40}, {4, 8, 12, 16, 20, 24, 28, 32, 36, 40}} {
		var parts []Part
		start := 0
		for _, end := range cuts {
			bd := NewBuilder()
			for i := start; i < end; i++ {
				bd.Add(fmt.Sprint(i), texts[i])
			}
			parts = append(parts, Part{Index: bd.Build(), Base: start})
			start = end
		}
		m, err := NewMulti(parts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, q := range queries {
			qt := QueryTerms(normalize.ForIndex(q))
			want, got := fmt.Sprint(one.Search(qt, 8, nil)), fmt.Sprint(m.Search(qt, 8, nil))
			if got != want {
				t.Errorf("%d segments, %q:\n got %s\nwant %s", len(cuts), q, got, want)
			}
			odd := func(d int) bool { return d%2 == 1 }
			if a, b := fmt.Sprint(one.Search(qt, 5, odd)), fmt.Sprint(m.Search(qt, 5, odd)); a != b {
				t.Errorf("%d segments, %q filtered: got %s want %s", len(cuts), q, b, a)
			}
			if m.IDF(qt[0].Term) != one.IDF(qt[0].Term) {
				t.Errorf("IDF differs")
			}
		}
	}
}

// TestMultiSkipsDeleted: a deleted document is never returned and the
// others keep their global numbers.
func TestMultiSkipsDeleted(t *testing.T) {
	ix := build(t)
	m, err := NewMulti(Part{Index: ix, Global: []int32{0, -1, 1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Len() != 4 {
		t.Fatalf("Len = %d, want 4", m.Len())
	}
	global := []int{0, -1, 1, 2, 3}
	q := QueryTerms(normalize.ForIndex("工业园区高质量发展指引"))
	var want []Hit
	for _, h := range ix.Search(q, 5, func(d int) bool { return d != 1 }) {
		want = append(want, Hit{Doc: global[h.Doc], Score: h.Score})
	}
	got := m.Search(q, 5, nil)
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("with document 1 deleted: got %v, want %v", got, want)
	}
	if _, err := NewMulti(Part{Index: ix, Global: []int32{0}}); err == nil {
		t.Error("mismatched Global accepted")
	}
}

// TestUnmarshalShared: an aligned encoding is used where it lies, an
// unaligned one copied, and both search as the original.
func TestUnmarshalShared(t *testing.T) {
	ix := build(t)
	data, err := ix.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]uint64, len(data)/8+2) // 8-byte aligned memory
	raw := unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(buf)*8)
	q := QueryTerms(normalize.ForIndex("高质量发展的园区"))
	want := fmt.Sprint(ix.Search(q, 5, nil))
	for _, off := range []int{0, 1} {
		b := raw[off : off+len(data)]
		copy(b, data)
		sh, err := UnmarshalShared(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(sh.Search(q, 5, nil)); got != want {
			t.Errorf("offset %d: %s, want %s", off, got, want)
		}
		start, end := uintptr(unsafe.Pointer(&b[0])), uintptr(unsafe.Pointer(&b[len(b)-1]))
		p := uintptr(unsafe.Pointer(&sh.docs[0]))
		if shared := p >= start && p <= end; shared != (off == 0) {
			t.Errorf("offset %d: postings shared = %v", off, shared)
		}
	}
}
