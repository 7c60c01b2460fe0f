package main

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/ingest/store"
)

// remove deletes documents by source name (as `list` prints it), glob
// (2019/*) or file path. Documents are stored per ingested file: a file is
// removed whole, and naming some records of a JSONL file but not all is
// refused rather than removing the others with them.
func (a *app) remove(ctx context.Context, args []string) error {
	fs := a.newFlags("remove")
	patterns, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(patterns) == 0 {
		return usageError{"name what to remove: heraldqa remove SOURCE... (a source as list prints it, or a glob such as 2019/*)"}
	}
	for _, p := range patterns {
		if _, err := path.Match(p, ""); err != nil {
			return usageError{fmt.Sprintf("bad pattern %q: %v", p, err)}
		}
	}
	st, err := store.OpenAppender(ctx, a.cfg.Get("HERALDQA_STORE"))
	if err != nil {
		return err
	}
	defer st.Close()
	origins, docs, err := matchOrigins(st.Documents(), patterns)
	if err != nil {
		return err
	}
	for _, o := range origins {
		if err := st.Remove(ctx, o); err != nil {
			return err
		}
	}
	if err := st.Save(ctx); err != nil {
		return fmt.Errorf("saving the store: %w", err)
	}
	fmt.Fprintf(a.stderr, "removed %d documents of %d files\n", docs, len(origins))
	return nil
}

// matchOrigins finds the files (origins) whose documents the patterns name.
func matchOrigins(all []*archive.Document, patterns []string) ([]string, int, error) {
	byOrigin := map[string][]*archive.Document{}
	for _, d := range all {
		byOrigin[d.Origin] = append(byOrigin[d.Origin], d)
	}
	picked := map[string]int{} // origin → documents named
	for _, p := range patterns {
		abs, _ := filepath.Abs(p)
		found := false
		for _, d := range all {
			ok, _ := path.Match(p, d.Source)
			if ok || d.Source == p || d.Origin == p || d.Origin == abs {
				picked[d.Origin]++
				found = true
			}
		}
		if !found {
			return nil, 0, fmt.Errorf("no document in the store matches %q (heraldqa list shows the sources)", p)
		}
	}
	var origins []string
	docs := 0
	for o, n := range picked {
		if have := len(byOrigin[o]); n < have {
			return nil, 0, fmt.Errorf("%s holds %d documents and only %d were named; remove the file itself (%s), or edit it and ingest it again", o, have, n, o)
		}
		origins = append(origins, o)
		docs += len(byOrigin[o])
	}
	slices.Sort(origins)
	return origins, docs, nil
}
