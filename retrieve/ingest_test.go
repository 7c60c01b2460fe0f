package retrieve

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// ingested ingests the archive folder arch into a store of the test's own,
// with the local embedder, and opens it for reading.
func ingested(t *testing.T, arch string) (*store.Local, embed.Embedder) {
	t.Helper()
	ctx := context.Background()
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "store")
	w, err := store.OpenAppender(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := pipeline.Run(ctx, []string{arch}, pipeline.Options{Store: w, Embedder: emb})
	w.Close()
	if err != nil || rep.Failed() {
		t.Fatalf("ingest: %v %+v", err, rep)
	}
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	return st, emb
}
