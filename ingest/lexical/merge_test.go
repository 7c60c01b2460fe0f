package lexical

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// TestMergeIsRebuild: merging segments' saved indexes gives, byte for
// byte, the index built over the merged segment's chunks, however the
// chunks are spread over the parts and whichever are deleted.
func TestMergeIsRebuild(t *testing.T) {
	cases := []struct {
		name    string
		chunks  int
		parts   int
		spread  string  // "ranges": each part a run of ids; "mixed": at random
		deleted float64 // share of chunks deleted
	}{
		{"one part, nothing deleted", 300, 1, "ranges", 0},
		{"one part, deletions", 300, 1, "ranges", 0.3},
		{"ranges", 2000, 5, "ranges", 0},
		{"ranges with deletions", 2000, 5, "ranges", 0.2},
		{"mixed", 2000, 4, "mixed", 0},
		{"mixed with deletions", 2000, 7, "mixed", 0.5},
		{"many small parts", 500, 40, "mixed", 0.1},
		{"everything deleted", 200, 3, "mixed", 1},
	}
	for ci, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(ci), 7))
			texts := randomTexts(r, tc.chunks)
			heads := randomTexts(r, tc.chunks/3+1)
			arts := map[string]*archive.Article{}
			chunks := make([]*archive.Chunk, tc.chunks)
			for i := range chunks {
				aid := fmt.Sprintf("a%05d", i/3)
				if arts[aid] == nil {
					arts[aid] = &archive.Article{ID: aid, Headline: heads[i/3]}
				}
				chunks[i] = &archive.Chunk{ID: fmt.Sprintf("c%06d", i), ArticleID: aid, Norm: texts[i]}
			}
			article := func(id string) *archive.Article { return arts[id] }
			byPart := make([][]*archive.Chunk, tc.parts)
			for i, c := range chunks {
				p := i * tc.parts / tc.chunks
				if tc.spread == "mixed" {
					p = r.IntN(tc.parts)
				}
				byPart[p] = append(byPart[p], c)
			}
			dead := map[string]bool{}
			var live []*archive.Chunk
			var ids []string
			for _, c := range chunks {
				if r.Float64() < tc.deleted {
					dead[c.ID] = true
					continue
				}
				live = append(live, c)
				ids = append(ids, c.ID)
			}
			pos := map[string]int32{}
			for i, id := range ids {
				pos[id] = int32(i)
			}
			parts := make([]store.MergePart, tc.parts)
			for p, cs := range byPart {
				aux, err := SegmentIndex(cs, article)
				if err != nil {
					t.Fatal(err)
				}
				mp := store.MergePart{Aux: aux}
				for _, c := range cs {
					mp.IDs = append(mp.IDs, c.ID)
					n := int32(-1)
					if !dead[c.ID] {
						n = pos[c.ID]
					}
					mp.New = append(mp.New, n)
				}
				parts[p] = mp
			}
			got, err := SegmentMerge(parts, ids)
			if err != nil || got == nil {
				t.Fatalf("SegmentMerge: %v, %v", got, err)
			}
			want, err := SegmentIndex(live, article)
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range []string{AuxBody, AuxTitle} {
				var buf bytes.Buffer
				if err := got[name].Write(&buf); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if int64(buf.Len()) != got[name].Size {
					t.Errorf("%s: wrote %d bytes, announced %d", name, buf.Len(), got[name].Size)
				}
				if !bytes.Equal(buf.Bytes(), want[name]) {
					t.Errorf("%s: merged index (%d bytes) differs from the one built over the merged chunks (%d bytes)", name, buf.Len(), len(want[name]))
				}
			}
		})
	}
}

// TestMergeDeclines: parts whose indexes are missing or were built over
// other chunks are not merged (the store rebuilds), never misread.
func TestMergeDeclines(t *testing.T) {
	chunks := []*archive.Chunk{{ID: "a", Norm: "科技创新"}, {ID: "b", Norm: "产业园区"}}
	aux, err := SegmentIndex(chunks, func(string) *archive.Article { return nil })
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		part store.MergePart
	}{
		{"no indexes", store.MergePart{IDs: []string{"a", "b"}, New: []int32{0, 1}}},
		{"other ids", store.MergePart{Aux: aux, IDs: []string{"a", "c"}, New: []int32{0, 1}}},
		{"other count", store.MergePart{Aux: aux, IDs: []string{"a"}, New: []int32{0}}},
		{"damaged", store.MergePart{Aux: map[string][]byte{AuxBody: aux[AuxBody][:40], AuxTitle: aux[AuxTitle]}, IDs: []string{"a", "b"}, New: []int32{0, 1}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SegmentMerge([]store.MergePart{tc.part}, []string{"a", "b"})
			if got != nil || err != nil {
				t.Errorf("got %v, %v; want nil, nil", got, err)
			}
		})
	}
}
