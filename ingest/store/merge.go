package store

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// A MergePart is one segment of a merge, as a Merger sees it: its search
// blobs (the Indexer's output when it was written), its chunk ids in its
// own (id) order, and where each of those chunks goes in the merged
// segment: New[i] is the merged position of IDs[i], -1 when it is deleted.
// New increases where it is not -1.
type MergePart struct {
	Aux map[string][]byte
	IDs []string
	New []int32
}

// AuxStream is a search blob written by a function rather than held in
// memory: Write writes exactly Size bytes.
type AuxStream struct {
	Size  int64
	Write func(w io.Writer) error
}

// Merger merges the parts' search blobs into the merged segment's, whose
// chunk ids in order are ids; the blobs it returns are written as the
// segment is. It returns nil, nil when it cannot merge these parts' blobs
// (missing, or built over other chunks): the merge then runs the Indexer.
// The parts' blobs lie in their mapped files and are valid until the
// merged segment is written.
type Merger func(parts []MergePart, ids []string) (map[string]AuxStream, error)

// mergeLocked is merge for a caller holding saveMu and the write lock.
//
// A merge holds the parts' keys (ids, names, dates: what a reader holds,
// ~0.3 KiB a chunk) and reads everything else from the parts' mapped files
// as it writes the merged one: the texts, the vectors, and (with a Merger)
// the lexical postings, dropping the pages it read as it goes. Reading the
// parts whole and indexing their chunks again, as merges did before, took
// 14.5 GB to compact 1.05M chunks (docs/scaling.md, "Compaction memory").
func (l *Local) mergeLocked(ctx context.Context, which []int) error {
	if len(which) == 0 {
		// Many segments, none small: an archive of large ones stays so.
		return nil
	}
	l.mu.RLock()
	segs := slices.Clone(l.segs)
	embedder, dim, auxFile := l.embedder, l.dim, l.auxFile
	merger := l.merger
	l.mu.RUnlock()

	type part struct {
		meta *snapMeta
		m    []byte // the mapping, nil when read into memory
	}
	parts := make([]part, 0, len(which))
	defer func() {
		// Nothing of a merge outlives it: the merged segment's record
		// holds copies (decodeMetaOwn copies the keys).
		for _, p := range parts {
			if p.m != nil {
				unmapFile(p.m)
			}
		}
	}()
	// Each live chunk with the part it comes from and its place there.
	type from struct {
		r         *chunkRec
		part, old int32
	}
	var docs []*archive.Document
	var live []from
	for _, i := range which {
		s := segs[i]
		path := filepath.Join(l.dir, s.File)
		// A zero snapSum: the whole file is checksummed (dropping its pages
		// as it goes) before anything of it is used, as a merge always did.
		h, meta, vecs, m, err := mapSegment(ctx, path, &snapSum{})
		if err != nil {
			return fmt.Errorf("merging segments: %w", err)
		}
		parts = append(parts, part{meta: meta, m: m})
		d := int(h.dim)
		owner := map[string]*archive.Document{}
		for _, doc := range meta.Docs {
			if s.deleted[doc.Origin] {
				continue
			}
			docs = append(docs, doc)
			for j := range doc.Articles {
				owner[doc.Articles[j].ID] = doc
			}
		}
		for j := range meta.recs {
			r := &meta.recs[j]
			doc, ok := owner[r.chunk.ArticleID]
			if !ok {
				continue
			}
			r.vec = vecs[j*d : (j+1)*d : (j+1)*d]
			r.doc = doc
			for k := range doc.Articles {
				if doc.Articles[k].ID == r.chunk.ArticleID {
					r.art = &doc.Articles[k]
				}
			}
			live = append(live, from{r: r, part: int32(len(parts) - 1), old: int32(j)})
		}
	}
	slices.SortFunc(docs, compareDocs)
	slices.SortFunc(live, func(a, b from) int { return cmp.Compare(a.r.chunk.ID, b.r.chunk.ID) })
	recs := make([]*chunkRec, len(live))
	ids := make([]string, len(live))
	mps := make([]MergePart, len(parts))
	for p, pt := range parts {
		mp := MergePart{Aux: pt.meta.Aux, IDs: make([]string, len(pt.meta.recs)), New: make([]int32, len(pt.meta.recs))}
		for j := range pt.meta.recs {
			mp.IDs[j] = pt.meta.recs[j].chunk.ID
			mp.New[j] = -1
		}
		mps[p] = mp
	}
	for n, f := range live {
		recs[n], ids[n] = f.r, f.r.chunk.ID
		mps[f.part].New[f.old] = int32(n)
	}
	live = nil

	var streams map[string]AuxStream
	if merger != nil {
		var err error
		if streams, err = merger(mps, ids); err != nil {
			return fmt.Errorf("merging segments: %w", err)
		}
	}
	release := func() {
		for _, p := range parts {
			if p.m != nil {
				dropRange(p.m, 0, len(p.m))
			}
		}
	}
	merged, err := l.writeSegmentWith(ctx, embedder, dim, docs, recs, streams, release)
	if err != nil {
		return err
	}
	var next []*segment
	for i, s := range segs {
		switch {
		case i == which[0]:
			next = append(next, merged)
		case !slices.Contains(which, i):
			next = append(next, s)
		}
	}
	id, err := l.commit(ctx, embedder, dim, auxFile, next)
	if err != nil {
		return err
	}
	l.mu.Lock()
	l.snapID, l.segs = id, next
	l.segView = false
	l.mu.Unlock()
	return nil
}
