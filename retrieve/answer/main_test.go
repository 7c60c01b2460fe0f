package answer

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
)

// sample is an engine over the bundled sample archive, ingested once for
// all tests of the package through the real pipeline.
var sample *retrieve.Engine

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "heraldqa-answer-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := func() int {
		defer os.RemoveAll(dir)
		eng, err := ingestSample(context.Background(), dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "ingesting the sample archive:", err)
			return 1
		}
		sample = eng
		return m.Run()
	}()
	os.Exit(code)
}

func ingestSample(ctx context.Context, dir string) (*retrieve.Engine, error) {
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		return nil, err
	}
	st, err := store.OpenWriter(ctx, dir)
	if err != nil {
		return nil, err
	}
	rep, err := pipeline.Run(ctx, []string{"../../testdata/archive"}, pipeline.Options{Store: st, Embedder: emb})
	if err != nil {
		return nil, err
	}
	if rep.Failed() || rep.Files != 5 {
		return nil, fmt.Errorf("ingest report: %+v", rep)
	}
	st.Close()
	r, err := store.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	return retrieve.NewEngine(ctx, r, emb)
}
