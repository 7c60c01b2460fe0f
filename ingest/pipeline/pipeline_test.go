package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

func ingestInto(t testing.TB, dir string, paths ...string) *Report {
	t.Helper()
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenWriter(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rep, err := Run(context.Background(), paths, Options{Store: st, Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// The saved lexical index belongs to the store it was saved with, and a
// second run over unchanged files changes nothing.
func TestRunSavesLexicalIndex(t *testing.T) {
	dir := t.TempDir()
	rep := ingestInto(t, dir, "../../testdata/archive")
	if rep.Files != 5 || rep.Documents != 5 || rep.Failed() {
		t.Fatalf("report %+v, want 5 files and 5 documents, nothing rejected", rep)
	}
	r, err := store.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	lx, ok := lexical.Load(r)
	if !ok || lx.Body.Len() != r.Len() || lx.Title.Len() != r.Len() {
		t.Fatalf("saved lexical index missing or not of this store (ok %v)", ok)
	}
	again := ingestInto(t, dir, "../../testdata/archive")
	if again.Unchanged != 5 || again.Documents != 0 {
		t.Errorf("second run %+v, want 5 unchanged files and nothing added", again)
	}
}

// A copy of a file under another name adds nothing: its content is stored.
func TestRunSkipsCopies(t *testing.T) {
	dir, src := t.TempDir(), t.TempDir()
	b, err := os.ReadFile("../../testdata/archive/003_2704b407d91d0219.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a.txt", "b.txt"} {
		if err := os.WriteFile(filepath.Join(src, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rep := ingestInto(t, dir, src)
	if rep.Documents != 1 {
		t.Errorf("%d documents from two copies of one page, want 1", rep.Documents)
	}
}

// BenchmarkIngest ingests a synthetic archive (24-page issues made from the
// sample pages) with the local embedder into a fresh store, save included.
// MB/s is archive text per second; the target is ≥ 2 MB/s on 2 cores.
func BenchmarkIngest(b *testing.B) {
	ctx := context.Background()
	src, err := synth.LoadSource(ctx, "../../testdata/archive")
	if err != nil {
		b.Fatal(err)
	}
	arch, err := synth.New(src, synth.Options{Issues: 10, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	in := b.TempDir()
	stats, err := arch.WriteFiles(ctx, in)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(stats.Bytes)
	b.ResetTimer()
	for b.Loop() {
		ingestInto(b, b.TempDir(), in)
	}
}
