package store

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// TestConcurrentUse searches and reads from several goroutines while one
// replaces documents and saves; run with -race.
func TestConcurrentUse(t *testing.T) {
	ctx := context.Background()
	const nDocs = 20 // 1,000 chunks
	dir := t.TempDir()
	l, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fillSynth(t, l, nDocs, 1)

	const writes = 20
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := range writes {
			e := synthEntry(2+i, i%nDocs)
			if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
				errs <- err
				return
			}
			if i%5 == 0 {
				if err := l.Save(ctx); err != nil {
					errs <- err
					return
				}
			}
		}
	}()
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := synthVector(100+g, 0, 0)
			for n := 0; ; n++ {
				select {
				case <-done:
					return
				default:
				}
				where := map[string]string(nil)
				if n%2 == 1 {
					where = map[string]string{MetaPage: strconv.Itoa(n%24 + 1)}
				}
				hits, err := l.Search(ctx, q, 10, where)
				if err != nil {
					errs <- err
					return
				}
				if len(hits) > 10 || !slices.IsSortedFunc(hits, func(a, b Hit) int { return cmp.Compare(b.Score, a.Score) }) {
					t.Errorf("hits not best first or too many: %v", hits)
					return
				}
				for _, h := range hits {
					l.Chunk(h.ChunkID) // may be gone by now; must not race
				}
				chunks := l.Chunks()
				if !slices.IsSortedFunc(chunks, func(a, b *archive.Chunk) int { return strings.Compare(a.ID, b.ID) }) {
					t.Error("Chunks() not in id order")
					return
				}
				if len(l.Documents()) != nDocs {
					t.Error("a Replace was seen half done: wrong document count")
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
