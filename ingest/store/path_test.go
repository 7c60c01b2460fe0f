package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// The chromem path and the flat scan return the same hits on the same store
// for every filter key, k and query.
func TestSearchPathsAgree(t *testing.T) {
	ctx := context.Background()
	nDocs := 400 // ≈ 3,500 chunks
	if raceEnabled {
		nDocs = 150
	}
	l, ref := variedStore(t, 11, nDocs)
	r := rand.New(rand.NewPCG(11, 1))
	type query struct {
		name string
		vec  []float32
	}
	var queries []query
	for i := range 6 {
		q := randomUnit(r, variedDim)
		if i%3 == 2 {
			for j := range q {
				q[j] *= 0.25 // not unit length: both paths scale it
			}
		}
		queries = append(queries, query{fmt.Sprintf("query %d", i), q})
	}
	// A chunk's own vector as query: its top hit scores 1.
	queries = append(queries, query{"a chunk's own vector", ref[len(ref)/2].vec})

	tests := []struct {
		k     int
		where map[string]string
	}{}
	for _, k := range []int{1, 7, 50, len(ref), len(ref) + 1} {
		for _, where := range variedFilters(ref) {
			tests = append(tests, struct {
				k     int
				where map[string]string
			}{k, where})
		}
	}
	for _, q := range queries {
		scores := exactScores(ref, q.vec)
		for _, tt := range tests {
			chromemHits, err := l.search(ctx, q.vec, tt.k, tt.where, pathChromem)
			if err != nil {
				t.Fatal(err)
			}
			flatHits, err := l.search(ctx, q.vec, tt.k, tt.where, pathFlat)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameHits(flatHits, chromemHits, scores); err != nil {
				t.Errorf("%s, k %d, where %v: flat against chromem: %v", q.name, tt.k, tt.where, err)
			}
		}
	}
}

func TestChromemIsBuiltByFirstSearchOnly(t *testing.T) {
	ctx := context.Background()
	l, dir := newTestStore(t)
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	built := func(l *Local) bool {
		l.mu.RLock()
		defer l.mu.RUnlock()
		return l.chromem.col != nil
	}
	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if built(r) {
		t.Fatal("Open built the chromem collection")
	}
	// Many first searches at once share one build.
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if hits, err := r.Search(ctx, []float32{0, 0, 0, 1}, 1, nil); err != nil || len(hits) != 1 || hits[0].ChunkID != "bbbb000000000000-0.0" {
				t.Errorf("Search = %v, %v", hits, err)
			}
		})
	}
	wg.Wait()
	if !built(r) {
		t.Fatal("a search of a small store did not use chromem")
	}
	col := r.chromem.col
	if _, err := r.Search(ctx, []float32{0, 0, 0, 1}, 1, nil); err != nil || r.chromem.col != col {
		t.Fatalf("a second search built the collection again (err %v)", err)
	}

	// A change drops the collection; the next search sees the change.
	if err := r.Remove(ctx, "/arch/2025/41-02.txt"); err != nil {
		t.Fatal(err)
	}
	if built(r) {
		t.Error("the collection survived a change")
	}
	hits, err := r.Search(ctx, []float32{0, 0, 0, 1}, 4, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hits {
		if h.ChunkID == "bbbb000000000000-0.0" {
			t.Errorf("removed chunk found: %v", hits)
		}
	}

	// Above chromemMax chunks, Search scans and never builds chromem.
	big, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	big.chromemMax = 3
	hits, err = big.Search(ctx, []float32{0, 0, 0, 1}, 1, map[string]string{MetaIssue: "41"})
	if err != nil || len(hits) != 1 || hits[0].ChunkID != "bbbb000000000000-0.0" {
		t.Errorf("flat Search = %v, %v", hits, err)
	}
	if built(big) {
		t.Error("a store above chromemMax built the chromem collection")
	}
}
