// Package retrievetest builds engines over real archives for tests of the
// packages that answer from them, through the real ingest pipeline.
package retrievetest

import (
	"context"
	"fmt"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
)

// Engine ingests the archive folder into a new store in dir with the local
// embedder, and opens an engine on it as `heraldqa ask` would. It fails if
// anything was rejected.
func Engine(ctx context.Context, archive, dir string) (*retrieve.Engine, error) {
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		return nil, err
	}
	st, err := store.OpenWriter(ctx, dir)
	if err != nil {
		return nil, err
	}
	rep, err := pipeline.Run(ctx, []string{archive}, pipeline.Options{Store: st, Embedder: emb})
	st.Close()
	if err != nil {
		return nil, err
	}
	if rep.Failed() || rep.Files == 0 {
		return nil, fmt.Errorf("ingesting %s: %d files, %d rejected, %d problems", archive, rep.Files, len(rep.Rejected), len(rep.Problems))
	}
	r, err := store.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	return retrieve.NewEngine(ctx, r, emb)
}
