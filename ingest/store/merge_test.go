package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// idsIndexer is an Indexer whose blob lists the segment's chunk ids: what
// a merged segment's blob must be is then plain.
func idsIndexer(runs *int) Indexer {
	return func(cs []*archive.Chunk, _ func(string) *archive.Article) (map[string][]byte, error) {
		if runs != nil {
			*runs++
		}
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		return map[string][]byte{"ids": []byte(strings.Join(ids, "\n"))}, nil
	}
}

// idsMerger merges idsIndexer's blobs as a Merger, checking what it is
// given: each part's blob names its ids, New sends the live ones to their
// place in ids. The merged blob is written a few bytes at a time.
func idsMerger(parts []MergePart, ids []string) (map[string]AuxStream, error) {
	for _, p := range parts {
		if string(p.Aux["ids"]) != strings.Join(p.IDs, "\n") || len(p.New) != len(p.IDs) {
			return nil, nil
		}
		last := int32(-1)
		for i, n := range p.New {
			if n >= 0 && (n <= last || int(n) >= len(ids) || ids[n] != p.IDs[i]) {
				return nil, fmt.Errorf("part chunk %s sent to %d", p.IDs[i], n)
			}
			last = max(last, n)
		}
	}
	b := []byte(strings.Join(ids, "\n"))
	return map[string]AuxStream{"ids": {Size: int64(len(b)), Write: func(w io.Writer) error {
		for len(b) > 0 {
			n := min(len(b), 7)
			if _, err := w.Write(b[:n]); err != nil {
				return err
			}
			b = b[n:]
		}
		return nil
	}}}, nil
}

// TestMergeBlobs: a compaction writes the merged segment's search blobs
// from the Merger when it merges them, from the Indexer over the merged
// chunks when there is none or it declines, and refuses a stream that
// writes other than it announced, leaving the store as it was.
func TestMergeBlobs(t *testing.T) {
	decline := func([]MergePart, []string) (map[string]AuxStream, error) { return nil, nil }
	short := func(parts []MergePart, ids []string) (map[string]AuxStream, error) {
		m, err := idsMerger(parts, ids)
		s := m["ids"]
		s.Size++
		m["ids"] = s
		return m, err
	}
	failing := func([]MergePart, []string) (map[string]AuxStream, error) { return nil, errors.New("no room") }
	cases := []struct {
		name        string
		merger      Merger
		wantIndexed int // Indexer runs at compaction
		wantErr     bool
	}{
		{"no merger", nil, 1, false},
		{"merged", idsMerger, 0, false},
		{"declined", decline, 1, false},
		{"stream of the wrong length", short, 0, true},
		{"merger fails", failing, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			for _, e := range []Entry{pageB(), pageA(), changedA(), pageB()} {
				l, err := OpenAppender(ctx, dir)
				if err != nil {
					t.Fatal(err)
				}
				l.UseEmbedder(testEmbedder, 4)
				l.SetIndexer(idsIndexer(nil))
				if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
					t.Fatal(err)
				}
				if err := l.Save(ctx); err != nil {
					t.Fatal(err)
				}
				l.Close()
			}
			docsBefore, chunksBefore := contents(t, dir)
			segsBefore := len(committed(t, dir).Segments)

			w, err := OpenAppender(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			runs := 0
			w.SetIndexer(idsIndexer(&runs))
			w.SetMerger(tc.merger)
			err = w.Compact(ctx)
			w.Close()
			if (err != nil) != tc.wantErr {
				t.Fatalf("Compact: %v, want error %v", err, tc.wantErr)
			}
			if runs != tc.wantIndexed {
				t.Errorf("Indexer ran %d times, want %d", runs, tc.wantIndexed)
			}
			docs, chunks := contents(t, dir)
			if !slices.Equal(docs, docsBefore) || !slices.Equal(chunks, chunksBefore) {
				t.Fatalf("compaction changed the contents: %v %v, want %v %v", docs, chunks, docsBefore, chunksBefore)
			}
			r, err := Open(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			segs := r.Segments()
			wantSegs := 1
			if tc.wantErr {
				wantSegs = segsBefore
			}
			if len(segs) != wantSegs {
				t.Fatalf("%d segments, want %d", len(segs), wantSegs)
			}
			for _, s := range segs {
				if got, want := string(s.Aux["ids"]), strings.Join(s.IDs, "\n"); got != want {
					t.Errorf("segment %s: blob %q, want %q", s.Name, got, want)
				}
			}
			if err := r.Verify(ctx); err != nil {
				t.Error(err)
			}
		})
	}
}
