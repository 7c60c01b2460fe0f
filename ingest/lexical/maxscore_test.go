package lexical

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomTexts makes n documents over a small alphabet of Han characters,
// drawn with a skewed distribution so that some characters and pairs are
// in most documents and others in few, as in the archive.
func randomTexts(r *rand.Rand, n int) []string {
	alphabet := []rune("的国发展科技创新产业园区高质量数字经济企业研究中心合作平台")
	out := make([]string, n)
	for i := range out {
		var sb strings.Builder
		for range 5 + r.IntN(60) {
			// Squaring a uniform draw favours the alphabet's start.
			f := r.Float64()
			sb.WriteRune(alphabet[int(f*f*float64(len(alphabet)))])
		}
		if r.IntN(4) == 0 {
			fmt.Fprintf(&sb, " w%d", r.IntN(20))
		}
		out[i] = sb.String()
	}
	return out
}

// TestMaxScoreIsExact: pruned scoring returns exactly the hits and scores
// of exhaustive scoring, for random collections cut into random segments,
// with deleted documents, filters and any k.
func TestMaxScoreIsExact(t *testing.T) {
	tests := []struct {
		name     string
		docs     int
		segments int
		deleted  bool
		filter   bool
	}{
		{"one segment", 300, 1, false, false},
		{"one segment filtered", 300, 1, false, true},
		{"five segments", 500, 5, false, false},
		{"twelve segments with deletions", 600, 12, true, false},
		{"segments, deletions and filter", 600, 7, true, true},
		{"many tiny segments", 80, 20, true, false},
		{"one large segment", 2000, 1, false, false},
		{"one large segment filtered", 2000, 1, true, true},
	}
	defer func(n uint32, b int) { boundMin, blockDocs = n, b }(boundMin, blockDocs)
	for ti, tc := range tests {
		// Exact bounds for every list (0), or only the loose ones; one
		// block a segment, or blocks of 64 documents.
		boundMin = []uint32{0, 1 << 30}[ti%2]
		blockDocs = []int{1 << 16, 64}[(ti/2)%2]
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(uint64(ti), 7))
			texts := randomTexts(r, tc.docs)
			cuts := map[int]bool{tc.docs: true}
			for len(cuts) < tc.segments {
				cuts[1+r.IntN(tc.docs-1)] = true
			}
			var parts []Part
			next := 0
			for start := 0; start < tc.docs; {
				end := start + 1
				for !cuts[end] {
					end++
				}
				bd := NewBuilder()
				var global []int32
				for i := start; i < end; i++ {
					bd.Add(fmt.Sprint(i), texts[i])
					if tc.deleted && r.IntN(5) == 0 {
						global = append(global, -1)
					} else {
						global = append(global, int32(next))
						next++
					}
				}
				parts = append(parts, Part{Index: bd.Build(), Global: global})
				start = end
			}
			m, err := NewMulti(parts...)
			if err != nil {
				t.Fatal(err)
			}
			var accept func(int) bool
			if tc.filter {
				accept = func(d int) bool { return d%3 != 1 }
			}
			pruned := 0
			for qi := range 60 {
				q := QueryTerms(randomTexts(r, 1)[0])
				if len(q) == 0 {
					continue
				}
				k := []int{1, 3, 10, 50, 1000}[qi%5]
				idf := make([]float64, len(q))
				skip := skipCommon(q)
				for i, qt := range q {
					idf[i] = termIDF(m.n, m.DocFreq(qt.Term), skip && qt.Term.IsUnigram())
				}
				// Exhaustive: every posting of every term, each segment
				// in one block.
				blocks := blockDocs
				blockDocs = 1 << 30
				want := m.search(q, idf, k, accept, false)
				blockDocs = blocks
				got := m.Search(q, k, accept)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Fatalf("query %d, k %d:\n got %v\nwant %v", qi, k, got, want)
				}
				if len(want) == k {
					pruned++
				}
			}
			if pruned == 0 {
				t.Fatal("no query filled its k: nothing was pruned, the test proves nothing")
			}
		})
	}
}

// TestGallop: the first position holding a document at or past d.
func TestGallop(t *testing.T) {
	docs := []uint32{2, 3, 5, 8, 13, 21, 34, 55, 89}
	tests := []struct {
		from, to, d, want uint32
	}{
		{0, 9, 0, 0}, {0, 9, 2, 0}, {0, 9, 4, 2}, {0, 9, 13, 4}, {0, 9, 14, 5},
		{0, 9, 89, 8}, {0, 9, 90, 9}, {3, 9, 5, 3}, {3, 6, 40, 6}, {5, 5, 1, 5},
	}
	for _, tc := range tests {
		if got := gallop(docs, tc.from, tc.to, tc.d); got != tc.want {
			t.Errorf("gallop(%d, %d, %d) = %d, want %d", tc.from, tc.to, tc.d, got, tc.want)
		}
	}
}

// TestKthLargest: selection agrees with sorting, duplicates included.
func TestKthLargest(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 2, 3, 10, 101, 1000} {
		for _, distinct := range []int{1, 3, 1000} {
			a := make([]float64, n)
			for i := range a {
				a[i] = float64(r.IntN(distinct))
			}
			sorted := slices.Clone(a)
			slices.SortFunc(sorted, func(x, y float64) int { return cmp.Compare(y, x) })
			for _, k := range []int{1, 2, n / 2, n} {
				if k < 1 || k > n {
					continue
				}
				if got := kthLargest(slices.Clone(a), k); got != sorted[k-1] {
					t.Errorf("n %d, %d distinct, k %d: got %v, want %v", n, distinct, k, got, sorted[k-1])
				}
			}
		}
	}
}
