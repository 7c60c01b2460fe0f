// Package pipeline ingests archive files into a store: it collects and reads
// the files, parses, chunks and embeds their documents on every core,
// replaces what changed in the store, rebuilds the lexical index, and saves
// the store atomically.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// Options configure a run.
type Options struct {
	Store    store.Store
	Embedder embed.Embedder
	// Progress is told what happens; nil reports nothing.
	Progress Progress
	// Workers chunk and embed in parallel; GOMAXPROCS when 0.
	Workers int
}

// Report says what a run did. Rejected files and problem lines make the
// run's exit status non-zero, but everything else was still ingested.
type Report struct {
	Files     int // files read (rejected ones not counted)
	Documents int // documents added or replaced
	Chunks    int // chunks added or replaced
	Unchanged int // files whose content was already in the store
	Bytes     int64
	Skipped   []ingest.Skipped
	Rejected  []ingest.Rejected
	Problems  []FileProblem
}

// FileProblem is a fault in part of a file (a JSONL line).
type FileProblem struct {
	Path    string
	Problem ingest.Problem
}

// Failed reports whether anything was rejected.
func (r *Report) Failed() bool { return len(r.Rejected) > 0 || len(r.Problems) > 0 }

// Run ingests the files and folders at paths into opt.Store and saves it.
// A file that cannot be read is rejected and the run goes on; an error is
// returned only when the store itself cannot be written (or ctx ends), and
// then nothing of this run is saved: the store keeps what it had.
func Run(ctx context.Context, paths []string, opt Options) (*Report, error) {
	st, emb := opt.Store, opt.Embedder
	if err := st.UseEmbedder(emb.Name(), emb.Dim()); err != nil {
		return nil, err
	}
	// A store of segments indexes each segment as it writes it; any other
	// store gets one index over all its chunks below.
	ixs, perSegment := st.(interface{ SetIndexer(store.Indexer) })
	if perSegment {
		ixs.SetIndexer(lexical.SegmentIndex)
		// Merges merge the segments' indexes instead of building them again.
		if m, ok := st.(interface{ SetMerger(store.Merger) }); ok {
			m.SetMerger(lexical.SegmentMerge)
		}
	}
	prog := opt.Progress
	if prog == nil {
		prog = nopProgress{}
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}

	rep := &Report{}
	files, skipped, rejected := ingest.Collect(ctx, paths)
	rep.Skipped, rep.Rejected = skipped, rejected
	var total int64
	for _, f := range files {
		total += f.Size
	}
	prog.Start(len(files), total)
	defer prog.Finish() // after the phases below, and on every return

	changed := false
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		n, err := ingestFile(ctx, f, st, emb, workers, rep)
		switch {
		case errors.Is(err, errStore):
			return rep, err
		case err != nil && ctx.Err() != nil:
			// Interrupted mid-file: not the file's fault, and nothing of
			// this run is saved.
			return rep, ctx.Err()
		case err != nil:
			var fe *ingest.FileError
			if errors.As(err, &fe) {
				err = fe.Err // Rejected names the path itself
			}
			rep.Rejected = append(rep.Rejected, ingest.Rejected{Path: f.Path, Err: err})
		case n > 0:
			changed = true
		}
		rep.Bytes += f.Size
		prog.File(f.Source, f.Size)
		// An appender writes what it holds as a segment past FlushChunks,
		// so an ingest's memory does not grow with the archive.
		if fl, ok := st.(flusher); ok && fl.Unflushed() >= store.FlushChunks {
			if err := fl.Flush(ctx); err != nil {
				return rep, fmt.Errorf("%w: %w", errStore, err)
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}

	if !perSegment && (changed || !lexicalCurrent(st)) {
		phase(prog, "indexing")
		if err := lexical.Save(st); err != nil {
			return rep, fmt.Errorf("%w: %w", errStore, err)
		}
	}
	phase(prog, "writing store")
	if err := st.Save(ctx); err != nil {
		return rep, fmt.Errorf("saving the store: %w", err)
	}
	return rep, nil
}

// flusher is a store that can write out what it holds before Save.
type flusher interface {
	Unflushed() int
	Flush(ctx context.Context) error
}

// errStore marks errors of the store, which end the run, from errors of a
// file, which only reject the file.
var errStore = errors.New("store")

func lexicalCurrent(r store.Reader) bool {
	_, ok := lexical.Load(r)
	return ok
}

// ingestFile reads one file and, if its content is new, replaces the
// file's documents in the store. It returns how many documents changed.
func ingestFile(ctx context.Context, f ingest.File, st store.Store, emb embed.Embedder, workers int, rep *Report) (int, error) {
	var docs []*archive.Document
	problems, err := ingest.ReadFile(ctx, f, ingest.ParseIssue, func(d *archive.Document) error {
		docs = append(docs, d)
		return nil
	})
	for _, p := range problems {
		rep.Problems = append(rep.Problems, FileProblem{Path: f.Path, Problem: p})
	}
	if err != nil {
		return 0, err
	}
	rep.Files++

	old := st.OriginHashes(f.Path)
	hashes := make([]string, 0, len(docs))
	for _, d := range docs {
		hashes = append(hashes, d.Hash)
	}
	slices.Sort(hashes)
	if slices.Equal(old, hashes) {
		rep.Unchanged++
		return 0, nil
	}
	// Content already stored under another path is not added twice.
	kept := docs[:0]
	for _, d := range docs {
		if st.HasHash(d.Hash) && !slices.Contains(old, d.Hash) {
			continue
		}
		kept = append(kept, d)
	}
	if len(kept) == 0 && len(old) == 0 {
		rep.Unchanged++
		return 0, nil
	}

	entries, err := embedDocs(ctx, kept, emb, workers)
	if err != nil {
		return 0, err
	}
	if err := st.Replace(ctx, f.Path, entries); err != nil {
		return 0, fmt.Errorf("%w: storing %s: %w", errStore, f.Path, err)
	}
	for _, e := range entries {
		rep.Documents++
		rep.Chunks += len(e.Chunks)
	}
	return len(entries), nil
}

// embedDocs chunks and embeds documents on workers goroutines, keeping
// their order. Every document is tried: their errors are joined.
func embedDocs(ctx context.Context, docs []*archive.Document, emb embed.Embedder, workers int) ([]store.Entry, error) {
	entries := make([]store.Entry, len(docs))
	errs := make([]error, len(docs))
	var g errgroup.Group
	g.SetLimit(max(1, workers))
	for i := range docs {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			entries[i], errs[i] = embedDoc(ctx, docs[i], emb)
			return nil
		})
	}
	g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return entries, errors.Join(errs...)
}

// embedBatch is how many chunks go to the embedder at once.
const embedBatch = 64

func embedDoc(ctx context.Context, d *archive.Document, emb embed.Embedder) (store.Entry, error) {
	e := store.Entry{Doc: *d}
	for i := range d.Articles {
		e.Chunks = append(e.Chunks, ingest.ChunkArticle(&d.Articles[i])...)
	}
	texts := make([]string, len(e.Chunks))
	for i, c := range e.Chunks {
		texts[i] = c.Norm
	}
	for i := 0; i < len(texts); i += embedBatch {
		vecs, err := emb.Embed(ctx, texts[i:min(i+embedBatch, len(texts))])
		if err != nil {
			return e, fmt.Errorf("embedding %s: %w", d.Source, err)
		}
		e.Vectors = append(e.Vectors, vecs...)
	}
	return e, nil
}
