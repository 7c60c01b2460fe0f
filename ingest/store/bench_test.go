package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

var benchSizes = []int{1_000, 50_000}

// benchStore saves a synthetic store of n chunks with a 1 MiB aux blob in
// a fresh folder.
func benchStore(b *testing.B, n int) (*Local, string) {
	return benchStoreAux(b, n, 1<<20)
}

// lexicalBytesPerChunk is about what the saved lexical indexes take per
// chunk at archive scale (123 MB at 53,227 chunks, docs/scaling.md).
const lexicalBytesPerChunk = 2400

// benchStoreAux is benchStore with an aux blob of auxLen bytes.
func benchStoreAux(b *testing.B, n, auxLen int) (*Local, string) {
	b.Helper()
	dir := b.TempDir()
	l, err := OpenWriter(context.Background(), dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	fillSynth(b, l, synthDocs(n), 1)
	l.SetAux("bm25", make([]byte, auxLen))
	if err := l.Save(context.Background()); err != nil {
		b.Fatal(err)
	}
	return l, dir
}

func reportSize(b *testing.B, dir string) {
	fi, err := os.Stat(filepath.Join(dir, snapshotName))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(fi.Size())/(1<<20), "MiB/snapshot")
}

func BenchmarkOpen(b *testing.B) {
	type size struct{ chunks, aux int }
	sizes := []size{{1_000, 1 << 20}, {50_000, 1 << 20}, {50_000, 50_000 * lexicalBytesPerChunk}}
	for _, sz := range sizes {
		n := sz.chunks
		name := fmt.Sprintf("chunks=%d", n)
		if sz.aux != 1<<20 {
			name += fmt.Sprintf("/aux=%dMiB", sz.aux>>20)
		}
		b.Run(name, func(b *testing.B) {
			_, dir := benchStoreAux(b, n, sz.aux)
			b.ResetTimer()
			for range b.N {
				// Start each load from a collected heap, as a fresh process
				// would, rather than paying for the previous load's garbage.
				b.StopTimer()
				runtime.GC()
				b.StartTimer()
				l, err := Open(context.Background(), dir)
				if err != nil {
					b.Fatal(err)
				}
				if l.Len() != n {
					b.Fatalf("loaded %d chunks, want %d", l.Len(), n)
				}
			}
			reportSize(b, dir)
		})
	}
}

func BenchmarkSave(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			l, dir := benchStore(b, n)
			ctx := context.Background()
			b.ResetTimer()
			for b.Loop() {
				l.mu.Lock()
				l.gen++ // a change, so Save writes
				l.mu.Unlock()
				if err := l.Save(ctx); err != nil {
					b.Fatal(err)
				}
			}
			reportSize(b, dir)
		})
	}
}

func BenchmarkSearch(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			l, _ := benchStore(b, n)
			ctx := context.Background()
			q := synthVector(99, 0, 0)
			warmUp(b, l, q)
			b.ResetTimer()
			for b.Loop() {
				hits, err := l.Search(ctx, q, 10, nil)
				if err != nil || len(hits) != 10 {
					b.Fatalf("%d hits, %v", len(hits), err)
				}
			}
		})
	}
	b.Run("chunks=50000/filter=page", func(b *testing.B) {
		l, _ := benchStore(b, 50_000)
		ctx := context.Background()
		q := synthVector(99, 0, 0)
		where := map[string]string{MetaPage: "3"}
		warmUp(b, l, q)
		b.ResetTimer()
		for b.Loop() {
			if _, err := l.Search(ctx, q, 10, where); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// warmUp searches once, so what a store builds on its first search after a
// change is not counted as the cost of every search.
func warmUp(b *testing.B, l *Local, q []float32) {
	b.Helper()
	if _, err := l.Search(context.Background(), q, 10, nil); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkSearchPath compares the two ways Search finds the nearest
// vectors on the same loaded store, and what chromem's collection costs to
// build (on the first search): the figures behind chromemMaxChunks.
func BenchmarkSearchPath(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 20_000, 50_000} {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			_, dir := benchStore(b, n)
			ctx := context.Background()
			l, err := Open(ctx, dir)
			if err != nil {
				b.Fatal(err)
			}
			q := synthVector(99, 0, 0)
			for _, p := range []struct {
				name string
				path searchPath
			}{{"chromem", pathChromem}, {"flat", pathFlat}} {
				b.Run(p.name, func(b *testing.B) {
					if _, err := l.search(ctx, q, 10, nil, p.path); err != nil {
						b.Fatal(err)
					}
					b.ResetTimer()
					for b.Loop() {
						if _, err := l.search(ctx, q, 10, nil, p.path); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
			b.Run("chromem-build", func(b *testing.B) {
				for b.Loop() {
					if _, err := l.buildCollection(); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}
