package store

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	chromem "github.com/philippgille/chromem-go"
)

// chromemMaxChunks is the largest store whose searches chromem-go serves;
// larger ones are scanned flat (scan.go). BenchmarkSearchPath (the same
// loaded store searched both ways, k=10, 2 cores, medians of 6):
//
//	chunks   chromem search   flat search   chromem build (first search)
//	 1,000        0.51 ms        0.12 ms          1.3 ms
//	10,000        5.6 ms         0.92 ms         16 ms
//	20,000       15 ms           1.8 ms          38 ms
//	50,000       31 ms           4.2 ms          91 ms
//
// chromem costs about 0.65 ms a search per 1,000 chunks: at 20,000 chunks
// one search takes the whole warm-retrieval budget (p50 15 ms). At 10,000
// it takes 5.6 ms and leaves the rest of the budget to BM25 and answering,
// so that is the most chromem serves.
const chromemMaxChunks = 10_000

// collectionName is the one chromem collection holding every chunk.
const collectionName = "chunks"

// chromemIndex is the chromem collection of a store's chunks, built on the
// first search that uses it: opening a store never pays for it, and a
// large store never builds it. A change to the chunks replaces the whole
// chromemIndex (under the store's write lock), so once is per version.
type chromemIndex struct {
	once sync.Once
	col  *chromem.Collection
	err  error
}

// refuseEmbedding stands in for chromem's embedding function: every vector
// comes from ingest, and chromem must never call out to embed text itself.
func refuseEmbedding(context.Context, string) ([]float32, error) {
	return nil, errors.New("the store does not embed text; pass vectors")
}

// collection returns the chromem collection, building it the first time;
// concurrent readers wait for one build. The caller holds l.mu (read or
// write).
func (l *Local) collection() (*chromem.Collection, error) {
	ci := l.chromem
	ci.once.Do(func() { ci.col, ci.err = l.buildCollection() })
	return ci.col, ci.err
}

// buildCollection adds every chunk to a new chromem collection. chromem
// keeps the vector slices (they are of unit length, so it does not copy
// them) and the metadata map it is given; each chunk gets a map of its own.
func (l *Local) buildCollection() (*chromem.Collection, error) {
	col, err := chromem.NewDB().CreateCollection(collectionName, nil, refuseEmbedding)
	if err != nil {
		return nil, fmt.Errorf("creating the vector index: %w", err)
	}
	ctx := context.Background() // used only to embed, which never happens
	for _, r := range l.sortedChunks() {
		meta := make(map[string]string, len(metaKeys))
		fillMeta(meta, r)
		err := col.AddDocument(ctx, chromem.Document{ID: r.chunk.ID, Metadata: meta, Embedding: r.vec})
		if err != nil {
			return nil, fmt.Errorf("adding chunk %q to the vector index: %w", r.chunk.ID, err)
		}
	}
	return col, nil
}

// searchChromem is Search by chromem's QueryEmbedding; the caller holds
// l.mu and has checked the arguments.
func (l *Local) searchChromem(ctx context.Context, vec []float32, k int, where map[string]string) ([]Hit, error) {
	col, err := l.collection()
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	res, err := col.QueryEmbedding(ctx, vec, min(k, col.Count()), where, nil)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	if len(res) == 0 {
		return nil, nil
	}
	hits := make([]Hit, len(res))
	for i, r := range res {
		hits[i] = Hit{ChunkID: r.ID, Score: r.Similarity}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.ChunkID, b.ChunkID))
	})
	return hits, nil
}
