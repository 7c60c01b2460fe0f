package bench

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/retrieve"
)

// BenchmarkVectorSearch compares the store's vector search (chromem-go:
// every document sent through a channel to filter, then one dot product
// and one locked heap insertion per document) with a flat scan of the
// same vectors kept in one contiguous slice, with per-scan top-k and no
// locks: the change proposed for ingest/store (see docs/scaling.md). Both
// find the same nearest chunks; the setup checks the first ten's
// similarities (ids of equal similarity may come in another order, and a
// dot product summed in another order differs in the last bits).
func BenchmarkVectorSearch(b *testing.B) {
	if testing.Short() {
		b.Skip("generates and ingests an archive of 50,000 chunks")
	}
	ctx := context.Background()
	ba := archiveOf(b, 50_000)
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		b.Fatal(err)
	}
	chunks := ba.st.Chunks()
	dim := emb.Dim()
	flat := make([]float32, 0, len(chunks)*dim)
	for _, c := range chunks {
		v, ok := ba.st.Vector(c.ID)
		if !ok {
			b.Fatalf("no vector for %s", c.ID)
		}
		flat = append(flat, v...)
	}
	var queries [][]float32
	for _, q := range ba.questions[:50] {
		v, err := emb.Embed(ctx, []string{retrieve.ParseQuery(q.Text).Subject})
		if err != nil {
			b.Fatal(err)
		}
		queries = append(queries, v[0])
	}
	// Same answers: the first ten similarities of both, for every query.
	for _, q := range queries {
		hits, err := ba.st.Search(ctx, q, 100, nil)
		if err != nil {
			b.Fatal(err)
		}
		top := flatTopK(flat, dim, q, 100)
		striped := stripedTopK(flat, dim, q, 100, 2)
		for i := range 10 {
			if striped[i].sim != top[i].sim {
				b.Fatalf("rank %d: striped scan %.6f, flat %.6f", i, striped[i].sim, top[i].sim)
			}
			if d := top[i].sim - hits[i].Score; d > 1e-5 || d < -1e-5 {
				b.Fatalf("rank %d: flat scan %s %.6f, store %s %.6f", i, chunks[top[i].doc].ID, top[i].sim, hits[i].ChunkID, hits[i].Score)
			}
		}
	}
	b.Run(fmt.Sprintf("store/chunks=%d", len(chunks)), func(b *testing.B) {
		i := 0
		for b.Loop() {
			if _, err := ba.st.Search(ctx, queries[i%len(queries)], 100, nil); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run(fmt.Sprintf("flat/chunks=%d", len(chunks)), func(b *testing.B) {
		i := 0
		for b.Loop() {
			flatTopK(flat, dim, queries[i%len(queries)], 100)
			i++
		}
	})
	b.Run(fmt.Sprintf("flat-striped/chunks=%d", len(chunks)), func(b *testing.B) {
		i := 0
		for b.Loop() {
			stripedTopK(flat, dim, queries[i%len(queries)], 100, runtime.GOMAXPROCS(0))
			i++
		}
	})
}

// stripedTopK is flatTopK on stripes of rows scanned in parallel, each
// with its own heap, merged at the end.
func stripedTopK(flat []float32, dim int, q []float32, k, stripes int) []simHit {
	rows := len(flat) / dim
	per := (rows + stripes - 1) / stripes
	parts := make([][]simHit, stripes)
	var wg sync.WaitGroup
	for s := range stripes {
		lo, hi := min(s*per, rows), min((s+1)*per, rows)
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := flatTopK(flat[lo*dim:hi*dim], dim, q, k)
			for i := range part {
				part[i].doc += lo
			}
			parts[s] = part
		}()
	}
	wg.Wait()
	var all []simHit
	for _, p := range parts {
		all = append(all, p...)
	}
	slices.SortFunc(all, func(a, b simHit) int { return cmp.Compare(b.sim, a.sim) })
	return all[:min(k, len(all))]
}

type simHit struct {
	doc int
	sim float32
}

// simHeap is a min-heap: the weakest of the best k at the root.
type simHeap []simHit

func (h simHeap) Len() int           { return len(h) }
func (h simHeap) Less(i, j int) bool { return h[i].sim < h[j].sim }
func (h simHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *simHeap) Push(x any)        { *h = append(*h, x.(simHit)) }
func (h *simHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// flatTopK scans row-major vectors and keeps the k most similar, best
// first (ties by position, as the store orders ties by chunk id and rows
// are in chunk-id order).
func flatTopK(flat []float32, dim int, q []float32, k int) []simHit {
	h := make(simHeap, 0, k+1)
	for row := 0; row*dim < len(flat); row++ {
		s := dot(flat[row*dim:(row+1)*dim], q)
		if len(h) < k {
			heap.Push(&h, simHit{row, s})
		} else if s > h[0].sim {
			h[0] = simHit{row, s}
			heap.Fix(&h, 0)
		}
	}
	out := make([]simHit, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&h).(simHit)
	}
	return out
}

// dot is a dot product with four accumulators, so the additions do not
// wait on each other.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}
