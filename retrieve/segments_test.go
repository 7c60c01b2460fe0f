package retrieve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

// TestSegmentsRankAsOneStore: an archive ingested in one go (one segment)
// and the same archive ingested an issue at a time (ten segments) give the
// same results with the same scores, because BM25's statistics are summed
// over the segments and the vectors are scanned exactly.
func TestSegmentsRankAsOneStore(t *testing.T) {
	ctx := context.Background()
	src, err := synth.LoadSource(ctx, filepath.Join("..", "testdata", "archive"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := synth.New(src, synth.Options{Issues: 10, Pages: 3, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	arch := filepath.Join(tmp, "archive")
	if _, err := a.WriteFiles(ctx, arch); err != nil {
		t.Fatal(err)
	}
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ingestInto := func(dir string, paths ...string) {
		w, err := store.OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		rep, err := pipeline.Run(ctx, paths, pipeline.Options{Store: w, Embedder: emb})
		if err != nil || rep.Failed() {
			t.Fatalf("ingest: %v %+v", err, rep)
		}
	}
	oneDir, tenDir := filepath.Join(tmp, "one"), filepath.Join(tmp, "ten")
	ingestInto(oneDir, arch)
	issues, _ := os.ReadDir(arch)
	for _, is := range issues {
		ingestInto(tenDir, filepath.Join(arch, is.Name()))
	}

	engines := make([]*Engine, 2)
	for i, dir := range []string{oneDir, tenDir} {
		st, err := store.Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := len(st.Segments()); (i == 0) != (got == 1) || got == 0 {
			t.Fatalf("%s has %d segments", dir, got)
		}
		if _, ok := lexical.Load(st); !ok {
			t.Fatalf("%s: the segments' lexical indexes were not used", dir)
		}
		if engines[i], err = NewEngine(ctx, st, emb); err != nil {
			t.Fatal(err)
		}
	}
	questions := a.Questions(40, 3)
	compared := 0
	for _, q := range questions {
		text := ParseQuery(q.Text).Subject
		var got [2]string
		for i, e := range engines {
			res, err := e.Search(ctx, text, Filter{}, 10)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range res {
				got[i] += fmt.Sprintf("%s %.12g\n", r.Chunk.ID, r.Score)
			}
		}
		if got[0] == "" {
			continue
		}
		compared++
		if got[0] != got[1] {
			t.Errorf("%q ranks differently:\none segment:\n%s\nten segments:\n%s", q.Text, got[0], got[1])
		}
	}
	if compared < len(questions)/2 {
		t.Fatalf("only %d of %d questions found anything", compared, len(questions))
	}
}
