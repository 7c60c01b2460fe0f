package main

import (
	"context"
	"fmt"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// compact merges the store's segments into one, dropping removed and
// replaced documents for good. Readers keep answering meanwhile.
func (a *app) compact(ctx context.Context, args []string) error {
	fs := a.newFlags("compact")
	if rest, err := a.parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{"compact takes no arguments"}
	}
	dir := a.cfg.Get("HERALDQA_STORE")
	st, err := store.OpenAppender(ctx, dir)
	if err != nil {
		return err
	}
	defer st.Close()
	before := st.Stats()
	st.SetIndexer(lexical.SegmentIndex)
	st.SetMerger(lexical.SegmentMerge)
	if err := st.Compact(ctx); err != nil {
		return fmt.Errorf("compacting %s: %w", dir, err)
	}
	after := st.Stats()
	fmt.Fprintf(a.stderr, "compacted %s: %d segments (%.1f MiB) → %d (%.1f MiB)\n", dir,
		before.Segments, float64(before.Bytes)/(1<<20), after.Segments, float64(after.Bytes)/(1<<20))
	return nil
}
