package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

// benchArchive is a synthetic archive ingested into a store once per test
// binary run, shared by the benchmarks of its size.
type benchArchive struct {
	dir       string // the store folder
	st        *store.Local
	eng       *retrieve.Engine
	questions []synth.Question
	chunks    int
}

var (
	benchMu   sync.Mutex
	benchDir  string
	benchArch = map[int]*benchArchive{}
)

// archiveOf generates and ingests (in this process) an archive of about n
// chunks the first time it is asked for.
func archiveOf(b *testing.B, n int) *benchArchive {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if ba, ok := benchArch[n]; ok {
		return ba
	}
	ctx := context.Background()
	if benchDir == "" {
		d, err := os.MkdirTemp("", "heraldqa-bench-test-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = d
	}
	src := sampleSource(b)
	perIssue, err := chunksPerIssue(Config{Source: src, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	a, err := synth.New(src, synth.Options{Issues: max(1, (n+perIssue/2)/perIssue), Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(benchDir, fmt.Sprint(n))
	if _, err := a.WriteFiles(ctx, filepath.Join(dir, "archive")); err != nil {
		b.Fatal(err)
	}
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		b.Fatal(err)
	}
	w, err := store.OpenWriter(ctx, filepath.Join(dir, "store"))
	if err != nil {
		b.Fatal(err)
	}
	_, err = pipeline.Run(ctx, []string{filepath.Join(dir, "archive")}, pipeline.Options{Store: w, Embedder: emb})
	w.Close()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, filepath.Join(dir, "store"))
	if err != nil {
		b.Fatal(err)
	}
	eng, err := retrieve.NewEngine(ctx, st, emb)
	if err != nil {
		b.Fatal(err)
	}
	ba := &benchArchive{dir: filepath.Join(dir, "store"), st: st, eng: eng, questions: a.Questions(300, 2), chunks: st.Len()}
	benchArch[n] = ba
	return ba
}

func cleanupBenchArchives() {
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
}

// BenchmarkSearch is the warm retrieval path: Engine.Search of a parsed
// question, k=10, cycling through questions made from the archive.
func BenchmarkSearch(b *testing.B) {
	if testing.Short() {
		b.Skip("generates and ingests archives of up to 50,000 chunks")
	}
	for _, n := range []int{1_000, 50_000} {
		b.Run(fmt.Sprintf("chunks=%d", n), func(b *testing.B) {
			ba := archiveOf(b, n)
			ctx := context.Background()
			queries := make([]*retrieve.Query, len(ba.questions))
			for i, q := range ba.questions {
				queries[i] = retrieve.ParseQuery(q.Text)
			}
			i := 0
			for b.Loop() {
				q := queries[i%len(queries)]
				if _, err := ba.eng.Search(ctx, q.Subject, retrieve.FilterOf(q), 10); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(ba.chunks), "chunks")
		})
	}
}

// BenchmarkLoad is what a cold `ask` pays before searching: opening the
// store and preparing the engine, from a collected heap.
func BenchmarkLoad(b *testing.B) {
	if testing.Short() {
		b.Skip("generates and ingests an archive of 50,000 chunks")
	}
	ctx := context.Background()
	ba := archiveOf(b, 50_000)
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		b.StartTimer()
		st, err := store.Open(ctx, ba.dir)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := retrieve.NewEngine(ctx, st, emb); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(ba.chunks), "chunks")
}
