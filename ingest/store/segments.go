package store

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// A store folder holds immutable segments and one small manifest naming the
// live ones, as zoekt, Lucene and bleve's scorch do:
//
//	manifest.json        which segments are live, and which origins (files)
//	                     in each are deleted; replaced atomically (temp file,
//	                     fsync, rename, fsync of the folder) to commit
//	seg-<id>.hqa         a segment: its documents, chunks in id order, their
//	                     vectors and its lexical index (aux blobs), in the
//	                     snapshot format of snapshot.go
//	seg-<id>.cat         the segment's catalog: its documents without article
//	                     text, and chunks per origin, so an ingest that only
//	                     adds reads a few MB instead of the archive
//	aux-<id>.hqa         the store's own aux blobs (SetAux), if any
//	store.lock           the write lock
//
// An ingest writes what changed as one new segment and commits a manifest
// that names it and marks the changed origins deleted in older segments. A
// crash before the rename leaves the previous manifest and every file it
// names untouched; files no manifest names are deleted by the next writer.
// A folder with store.hqa and no manifest is a store written before
// segments: it is read as one segment, and becomes one (a hard link under a
// segment name) at its first commit.
const (
	manifestName    = "manifest.json"
	manifestTemp    = ".manifest-*.tmp"
	manifestFormat  = 1
	segPrefix       = "seg-"
	segExt          = ".hqa"
	catExt          = ".cat"
	auxPrefix       = "aux-"
	auxOriginChunks = "origin-chunks" // catalog aux: JSON origin → chunks
	// maxSegments: a commit that leaves more live segments merges the
	// small ones (see mergePlan).
	maxSegments = 10
)

// manifest is manifest.json.
type manifest struct {
	Format   int           `json:"format"`
	ID       string        `json:"id"` // changes with every commit
	Embedder string        `json:"embedder"`
	Dim      int           `json:"dim"`
	Aux      string        `json:"aux,omitempty"` // file of the store's aux blobs
	Segments []manifestSeg `json:"segments"`
}

type manifestSeg struct {
	File    string   `json:"file"`
	Catalog string   `json:"catalog"`
	Chunks  int      `json:"chunks"` // all chunks in the file, deleted ones too
	Docs    int      `json:"docs"`
	Deleted []string `json:"deleted,omitempty"` // origins whose documents are deleted
	// Size and Head (see snapSum) let a load check the file's length and
	// its header and metadata instead of checksumming every byte; 0 in a
	// manifest written before them: the whole file is checksummed.
	Size int64  `json:"size,omitempty"`
	Head uint32 `json:"head,omitempty"`
	// HeadLen is how many bytes Head covers (see snapSum.headLen).
	HeadLen int64 `json:"head_len,omitempty"`
}

// segment is one live segment as this store knows it.
type segment struct {
	manifestSeg
	deleted map[string]bool
	origins map[string]int // every origin in the file → its chunks
	// Filled by a full load, for Segments: the file's chunk ids in order
	// and each one's position in Chunks (-1: deleted), and its aux blobs.
	ids    []string
	global []int32
	aux    map[string][]byte
}

func (s *segment) liveChunks() int {
	n := 0
	for o, c := range s.origins {
		if !s.deleted[o] {
			n += c
		}
	}
	return n
}

func (s *segment) live() bool {
	for o := range s.origins {
		if !s.deleted[o] {
			return true
		}
	}
	return false
}

// Segment is one segment of a store as loaded, for building search
// structures per segment (the lexical index is saved in each segment).
type Segment struct {
	Name string
	// Aux holds the segment's blobs (the Indexer's output).
	Aux map[string][]byte
	// IDs are the chunk ids of the segment in its own order (id order),
	// deleted ones included; Global[i] is the position of IDs[i] in
	// Reader.Chunks, -1 when it is deleted.
	IDs    []string
	Global []int32
}

// Indexer builds a segment's search blobs (the lexical index) from its
// chunks, in id order; article finds a chunk's article. It runs when a
// segment is written: by Save and by merges.
type Indexer func(chunks []*archive.Chunk, article func(id string) *archive.Article) (map[string][]byte, error)

// SetIndexer sets the Indexer of segments this store writes.
func (l *Local) SetIndexer(ix Indexer) {
	l.saveMu.Lock()
	defer l.saveMu.Unlock()
	l.indexer = ix
}

// SetMerger sets the Merger of the search blobs of segments this store
// merges; without one (or when it declines) a merge runs the Indexer over
// the merged chunks.
func (l *Local) SetMerger(m Merger) {
	l.saveMu.Lock()
	defer l.saveMu.Unlock()
	l.merger = m
}

// Segments returns the store's segments as loaded, nil when the store
// changed since it was opened (the caller then builds over Chunks).
func (l *Local) Segments() []Segment {
	l.mu.RLock()
	defer l.mu.RUnlock()
	if !l.segView || l.gen != l.savedGen {
		return nil
	}
	out := make([]Segment, 0, len(l.segs))
	for _, s := range l.segs {
		out = append(out, Segment{Name: s.File, Aux: s.aux, IDs: s.ids, Global: s.global})
	}
	return out
}

// Stats describes a store as committed.
type Stats struct {
	Documents, Chunks, Segments int
	Bytes                       int64 // of the files the manifest names
	FirstDate, LastDate         string
}

// Stats reports what the store holds: documents and chunks as this store
// sees them, segments and bytes as last loaded or saved.
func (l *Local) Stats() Stats {
	l.mu.RLock()
	defer l.mu.RUnlock()
	st := Stats{Chunks: l.numChunks(), Segments: len(l.segs)}
	for _, ds := range l.docs {
		for _, d := range ds {
			st.Documents++
			if d.Meta.Date == "" {
				continue
			}
			if st.FirstDate == "" || d.Meta.Date < st.FirstDate {
				st.FirstDate = d.Meta.Date
			}
			if d.Meta.Date > st.LastDate {
				st.LastDate = d.Meta.Date
			}
		}
	}
	files := []string{manifestName}
	if l.auxFile != "" {
		files = append(files, l.auxFile)
	}
	for _, s := range l.segs {
		files = append(files, s.File, s.Catalog)
	}
	for _, f := range files {
		if fi, err := os.Stat(filepath.Join(l.dir, f)); err == nil {
			st.Bytes += fi.Size()
		}
	}
	return st
}

// Changed reports whether another process committed to the store since it
// was loaded or last saved, so a long-running reader can reopen it.
func (l *Local) Changed() bool {
	id, _, err := l.diskID()
	l.mu.RLock()
	defer l.mu.RUnlock()
	return err == nil && id != l.snapID
}

// diskID is the id of the committed store: the manifest's, or a legacy
// snapshot's; 0 when there is none.
func (l *Local) diskID() (uint64, *manifest, error) {
	m, err := readManifest(l.dir)
	switch {
	case err == nil:
		id, _ := strconv.ParseUint(m.ID, 16, 64)
		return id, m, nil
	case !errors.Is(err, fs.ErrNotExist):
		return 0, nil, err
	}
	if _, err := os.Stat(l.path); errors.Is(err, fs.ErrNotExist) {
		return 0, nil, nil
	}
	id, ok := snapshotID(l.path)
	if !ok || id == 0 {
		// Not readable as a snapshot: reading it says why.
		return 1, nil, nil
	}
	return id, nil, nil
}

func readManifest(dir string) (*manifest, error) {
	path := filepath.Join(dir, manifestName)
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("reading store: %w", err)
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("store manifest %s is damaged: %w", path, err)
	}
	if m.Format > manifestFormat {
		return nil, fmt.Errorf("store manifest %s has format %d, newer than this heraldqa reads (%d); upgrade heraldqa", path, m.Format, manifestFormat)
	}
	if m.Format < 1 || m.ID == "" {
		return nil, fmt.Errorf("store manifest %s is damaged: no format or id", path)
	}
	for _, s := range m.Segments {
		if !safeName(s.File) || !safeName(s.Catalog) {
			return nil, fmt.Errorf("store manifest %s is damaged: segment file %q", path, s.File)
		}
	}
	if m.Aux != "" && !safeName(m.Aux) {
		return nil, fmt.Errorf("store manifest %s is damaged: aux file %q", path, m.Aux)
	}
	return &m, nil
}

// safeName: manifest file names stay inside the store folder.
func safeName(n string) bool {
	return n != "" && n == filepath.Base(n) && !strings.HasPrefix(n, ".")
}

// errSegmentGone: a file the manifest named disappeared, as when a writer
// merged it away after the manifest was read; loading starts again.
var errSegmentGone = errors.New("a segment named by the manifest is gone")

// load reads the committed store into an emptied l: every live segment
// whole, or with catalogOnly only their catalogs. A missing folder or
// store is an empty store.
func (l *Local) load(ctx context.Context) error {
	var err error
	for range 5 {
		if err = l.loadOnce(ctx); !errors.Is(err, errSegmentGone) {
			return err
		}
	}
	return err
}

func (l *Local) loadOnce(ctx context.Context) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reset()
	id, m, err := l.diskID()
	if err != nil {
		return err
	}
	if m == nil {
		if id == 0 {
			return nil
		}
		// A store written before segments: store.hqa is its only segment.
		m = &manifest{Segments: []manifestSeg{{File: snapshotName}}}
	} else {
		l.embedder, l.dim, l.auxFile = m.Embedder, m.Dim, m.Aux
	}
	l.snapID = id
	if m.Aux != "" {
		_, meta, _, err := readSnapshot(ctx, filepath.Join(l.dir, m.Aux))
		if err != nil {
			return segErr(err)
		}
		l.aux = meta.Aux
	}
	// The segment files are read and decoded on every core at once (each
	// read also checksums on another goroutine); what they hold is added to
	// the store in manifest order below.
	reads := make([]chan segRead, len(m.Segments))
	sem := make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
	for i, ms := range m.Segments {
		reads[i] = make(chan segRead, 1)
		if l.catalogOnly && ms.Catalog != "" {
			continue
		}
		go func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			var r segRead
			r.sum = snapSum{size: ms.Size, head: ms.Head, headLen: ms.HeadLen}
			r.h, r.meta, r.vecs, r.err = mapSnapshot(ctx, filepath.Join(l.dir, ms.File), &r.sum)
			reads[i] <- r
		}()
	}
	var parts [][]*chunkRec
	var blocks [][]float32
	for i, ms := range m.Segments {
		s := &segment{manifestSeg: ms, deleted: map[string]bool{}, origins: map[string]int{}}
		for _, o := range ms.Deleted {
			s.deleted[o] = true
		}
		var recs []*chunkRec
		var vecs []float32
		if l.catalogOnly && ms.Catalog != "" {
			err = l.loadCatalog(ctx, s)
		} else {
			recs, vecs, err = l.loadSegment(ctx, s, <-reads[i])
		}
		if err != nil {
			// Reads still under way finish into their buffered channels.
			return err
		}
		if l.catalogOnly && ms.Catalog == "" {
			// A legacy store.hqa has no catalog: it was read whole, and
			// its chunks count as a catalog's would.
			for o, n := range s.origins {
				if !s.deleted[o] {
					l.baseChunks += n
					l.baseByOrigin[o] += n
				}
			}
			recs, vecs = nil, nil
		}
		l.segs = append(l.segs, s)
		parts, blocks = append(parts, recs), append(blocks, vecs)
	}
	if l.catalogOnly {
		return ctx.Err()
	}
	// Every segment's chunks are in id order: merged, they are the store's
	// chunks in id order, and each segment learns where its chunks went.
	sorted := mergeParts(l.segs, parts)
	// The vectors stay in their segments' blocks, as read: the scan maps
	// each segment's rows to the merged order instead of copying them.
	var vb []vecBlock
	var perm []int32
	for i, s := range l.segs {
		vb = append(vb, vecBlock{row0: len(perm), vecs: blocks[i]})
		perm = append(perm, s.global...)
	}
	if len(l.segs) == 1 && len(sorted) == len(perm) {
		perm = nil // one segment, nothing deleted: rows are storage rows
	}
	l.sorted = sorted
	l.chunks, l.byOrigin = nil, nil
	l.flat = newFlatBlocks(l.dim, vb, perm, sorted)
	l.segView = true
	return ctx.Err()
}

// segRead is a segment file as read and checked.
type segRead struct {
	h    header
	meta *snapMeta
	vecs []float32
	sum  snapSum // as recorded, or as found by a whole check
	err  error
}

// segErr turns a missing segment file into errSegmentGone.
func segErr(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%w: %w", errSegmentGone, err)
	}
	return err
}

// loadSegment reads a segment whole and adds its live documents; it
// returns its records (every chunk, nil for deleted ones) and vectors.
func (l *Local) loadSegment(ctx context.Context, s *segment, rd segRead) ([]*chunkRec, []float32, error) {
	path := filepath.Join(l.dir, s.File)
	h, meta, vecs, err := rd.h, rd.meta, rd.vecs, rd.err
	if err != nil {
		return nil, nil, segErr(err)
	}
	if s.File == snapshotName {
		// A legacy store: its header and metadata say what a manifest would.
		l.embedder, l.dim = meta.Embedder, int(h.dim)
		if s.Catalog == "" {
			l.aux = meta.Aux
		}
	}
	if l.dim == 0 {
		l.dim = int(h.dim)
	}
	if len(meta.Chunks) > 0 && int(h.dim) != l.dim || meta.Embedder != l.embedder && len(meta.Chunks) > 0 {
		return nil, nil, damaged(path, fmt.Sprintf("its vectors (%s, dim %d) are not the store's (%s, dim %d)", meta.Embedder, h.dim, l.embedder, l.dim))
	}
	s.Chunks, s.Docs = len(meta.Chunks), len(meta.Docs)
	s.Size, s.Head, s.HeadLen = rd.sum.size, rd.sum.head, rd.sum.headLen
	s.aux = meta.Aux
	for _, d := range meta.Docs {
		if d.Hash == "" {
			return nil, nil, damaged(path, fmt.Sprintf("document %q has no content hash", d.Source))
		}
		s.origins[d.Origin] += 0
		if s.deleted[d.Origin] {
			continue
		}
		if err := l.claimArticles(path, d); err != nil {
			return nil, nil, err
		}
		l.addDoc(d)
	}
	// A chunk belongs to the document of this segment that holds its
	// article; it is deleted with that document's origin (another segment
	// may hold a live article of the same id, a re-ingested file).
	owner := make(map[string]*archive.Document, len(meta.Chunks)/2+1)
	for _, d := range meta.Docs {
		for _, a := range d.Articles {
			owner[a.ID] = d
		}
	}
	dim := int(h.dim)
	recs := meta.recs
	out := make([]*chunkRec, len(recs))
	s.ids = make([]string, len(recs))
	var ref articleRef
	var doc *archive.Document
	for i := range recs {
		r := &recs[i]
		c := &r.chunk
		s.ids[i] = c.ID
		if i == 0 || c.ArticleID != recs[i-1].chunk.ArticleID {
			if doc = owner[c.ArticleID]; doc == nil {
				return nil, nil, damaged(path, fmt.Sprintf("chunk %q refers to missing article %q", c.ID, c.ArticleID))
			}
			ref = l.articles[c.ArticleID]
		}
		s.origins[doc.Origin]++
		if s.deleted[doc.Origin] {
			continue
		}
		r.vec = vecs[i*dim : (i+1)*dim : (i+1)*dim]
		r.doc, r.art = ref.doc, &ref.doc.Articles[ref.i]
		out[i] = r
	}
	return out, vecs, ctx.Err()
}

// claimArticles records d's article ids, refusing one already taken.
func (l *Local) claimArticles(path string, d *archive.Document) error {
	for _, a := range d.Articles {
		if _, dup := l.articles[a.ID]; dup {
			return damaged(path, fmt.Sprintf("article id %q appears twice", a.ID))
		}
		l.articles[a.ID] = articleRef{} // claimed; addDoc fills it in
	}
	return nil
}

// loadCatalog adds a segment's live documents from its catalog.
func (l *Local) loadCatalog(ctx context.Context, s *segment) error {
	path := filepath.Join(l.dir, s.Catalog)
	_, meta, _, err := readSnapshot(ctx, path)
	if err != nil {
		return segErr(err)
	}
	if err := json.Unmarshal(meta.Aux[auxOriginChunks], &s.origins); err != nil {
		return damaged(path, "chunk counts: "+err.Error())
	}
	for _, d := range meta.Docs {
		if _, ok := s.origins[d.Origin]; !ok {
			s.origins[d.Origin] = 0
		}
		if s.deleted[d.Origin] {
			continue
		}
		if err := l.claimArticles(path, d); err != nil {
			return err
		}
		l.addDoc(d)
	}
	for o, n := range s.origins {
		if !s.deleted[o] {
			l.baseChunks += n
			l.baseByOrigin[o] += n
		}
	}
	return ctx.Err()
}

// mergeParts merges the segments' live records, each part in id order,
// into one list in id order, and fills each segment's global positions.
func mergeParts(segs []*segment, parts [][]*chunkRec) []*chunkRec {
	n := 0
	for i, p := range parts {
		segs[i].global = make([]int32, len(p))
		for _, r := range p {
			if r != nil {
				n++
			}
		}
	}
	out := make([]*chunkRec, 0, n)
	pos := make([]int, len(parts))
	for {
		best, next := -1, -1 // the parts with the smallest and next head
		for i, p := range parts {
			for pos[i] < len(p) && p[pos[i]] == nil {
				segs[i].global[pos[i]] = -1
				pos[i]++
			}
			if pos[i] >= len(p) {
				continue
			}
			switch id := p[pos[i]].chunk.ID; {
			case best < 0 || id < parts[best][pos[best]].chunk.ID:
				best, next = i, best
			case next < 0 || id < parts[next][pos[next]].chunk.ID:
				next = i
			}
		}
		if best < 0 {
			return out
		}
		// Take the best part's run up to the next part's head at once:
		// segments mostly hold disjoint ranges of ids (an ingest's new
		// issues), so the merge costs a pass, not a pass per segment.
		p, first := parts[best], pos[best]
		for i := first; i < len(p); i++ {
			r := p[i]
			if r == nil {
				segs[best].global[i] = -1
				pos[best] = i + 1
				continue
			}
			if i > first && next >= 0 && r.chunk.ID >= parts[next][pos[next]].chunk.ID {
				break
			}
			segs[best].global[i] = int32(len(out))
			out = append(out, r)
			pos[best] = i + 1
		}
	}
}

// Save implements Writer: it commits what changed since the last Save as
// one new segment (the current documents of every origin replaced or
// removed since), marks those origins deleted in older segments, and
// replaces the manifest atomically. It does nothing when nothing changed.
// A store from Open takes the lock for the commit and refuses when another
// process committed after this store was loaded. Past maxSegments live
// segments, the small ones are merged.
func (l *Local) Save(ctx context.Context) error {
	l.saveMu.Lock()
	defer l.saveMu.Unlock()

	l.mu.RLock()
	gen := l.gen
	if gen == l.savedGen {
		l.mu.RUnlock()
		return nil
	}
	dirty := maps.Clone(l.dirty)
	pending := l.pending
	var docs []*archive.Document
	for o := range dirty {
		if l.flushedIn[o] == nil {
			docs = append(docs, l.docs[o]...)
		}
	}
	var recs []*chunkRec
	for _, r := range l.sortedChunks() {
		if dirty[r.doc.Origin] && l.flushedIn[r.doc.Origin] == nil {
			recs = append(recs, r)
		}
	}
	aux, auxDirty := maps.Clone(l.aux), l.auxDirty
	embedder, dim := l.embedder, l.dim
	segs := slices.Clone(l.segs)
	auxFile := l.auxFile
	l.mu.RUnlock()
	slices.SortFunc(docs, compareDocs)

	if l.lock == nil {
		lk, err := acquireLock(l.dir)
		if err != nil {
			return err
		}
		defer lk.release()
	}
	if err := l.checkUnchanged(); err != nil {
		return err
	}
	removeTemps(l.dir)
	if err := ctx.Err(); err != nil {
		return err
	}

	// The new manifest: older segments lose the changed origins.
	var next []*segment
	for _, s := range segs {
		s2 := *s
		s2.deleted = maps.Clone(s.deleted)
		for o := range s.origins {
			if dirty[o] {
				s2.deleted[o] = true
			}
		}
		if s2.live() {
			next = append(next, &s2)
		}
	}
	for _, s := range pending {
		if s.live() {
			next = append(next, s)
		}
	}
	if len(docs) > 0 {
		s, err := l.writeSegment(ctx, embedder, dim, docs, recs)
		if err != nil {
			return err
		}
		next = append(next, s)
	}
	if auxDirty {
		auxFile = ""
		if len(aux) > 0 {
			auxFile = auxPrefix + newID() + segExt
			meta := snapMeta{Embedder: embedder, Aux: aux}
			if _, err := writeSnapshot(ctx, l.dir, filepath.Join(l.dir, auxFile), rand.Uint64()|1, dim, &meta, nil); err != nil {
				return err
			}
		}
	}
	id, err := l.commit(ctx, embedder, dim, auxFile, next)
	if err != nil {
		return err
	}
	l.mu.Lock()
	l.snapID, l.segs, l.auxFile = id, next, auxFile
	l.segView = false
	l.pending, l.flushedIn = nil, map[string]*segment{}
	if l.gen == gen {
		l.savedGen = gen
		l.dirty = map[string]bool{}
		l.auxDirty = false
	}
	l.mu.Unlock()
	if len(next) > maxSegments {
		return l.mergeLocked(ctx, mergePlan(next, l.smallSegment))
	}
	return nil
}

func newID() string { return fmt.Sprintf("%016x", rand.Uint64()) }

// writeSegment writes docs and recs (in id order) as a new segment file
// and its catalog, both synced; the manifest does not name them yet.
func (l *Local) writeSegment(ctx context.Context, embedder string, dim int, docs []*archive.Document, recs []*chunkRec) (*segment, error) {
	return l.writeSegmentWith(ctx, embedder, dim, docs, recs, nil, nil)
}

// writeSegmentWith is writeSegment for a merge: streams, when not nil, are
// the segment's search blobs merged from its parts' (the Indexer is not
// run), and release is writeSnapshotReleasing's.
func (l *Local) writeSegmentWith(ctx context.Context, embedder string, dim int, docs []*archive.Document, recs []*chunkRec, streams map[string]AuxStream, release func()) (*segment, error) {
	name := segPrefix + newID()
	s := &segment{
		manifestSeg: manifestSeg{File: name + segExt, Catalog: name + catExt, Chunks: len(recs), Docs: len(docs)},
		deleted:     map[string]bool{},
		origins:     map[string]int{},
	}
	meta := snapMeta{Embedder: embedder, Docs: docs, Chunks: make([]*archive.Chunk, len(recs))}
	arts := map[string]*archive.Article{}
	for _, d := range docs {
		s.origins[d.Origin] += 0
		for i := range d.Articles {
			arts[d.Articles[i].ID] = &d.Articles[i]
		}
	}
	for i, r := range recs {
		meta.Chunks[i] = &r.chunk
		s.origins[r.doc.Origin]++
	}
	meta.Streams = streams
	if l.indexer != nil && streams == nil {
		aux, err := l.indexer(meta.Chunks, func(id string) *archive.Article { return arts[id] })
		if err != nil {
			return nil, fmt.Errorf("indexing the new segment: %w", err)
		}
		meta.Aux = aux
	}
	if meta.Aux == nil {
		meta.Aux = map[string][]byte{}
	}
	alignAux(&meta)
	sum, err := writeSnapshotReleasing(ctx, l.dir, filepath.Join(l.dir, s.File), rand.Uint64()|1, dim, &meta, recs, release)
	if err != nil {
		return nil, err
	}
	s.Size, s.Head, s.HeadLen = sum.size, sum.head, sum.headLen
	return s, l.writeCatalog(ctx, s, embedder, dim, docs)
}

// writeCatalog writes a segment's catalog: its documents without article
// text or bylines, and its chunks per origin.
func (l *Local) writeCatalog(ctx context.Context, s *segment, embedder string, dim int, docs []*archive.Document) error {
	counts, err := json.Marshal(s.origins)
	if err != nil {
		return err
	}
	meta := snapMeta{Embedder: embedder, Aux: map[string][]byte{auxOriginChunks: counts}}
	for _, d := range docs {
		c := *d
		c.Articles = make([]archive.Article, len(d.Articles))
		for i, a := range d.Articles {
			c.Articles[i] = archive.Article{ID: a.ID, Kind: a.Kind, Headline: a.Headline, Page: a.Page}
		}
		meta.Docs = append(meta.Docs, &c)
	}
	_, err = writeSnapshot(ctx, l.dir, filepath.Join(l.dir, s.Catalog), rand.Uint64()|1, dim, &meta, nil)
	return err
}

// commit replaces the manifest with one naming segs, then deletes the
// files no manifest names. The caller holds the write lock.
func (l *Local) commit(ctx context.Context, embedder string, dim int, auxFile string, segs []*segment) (uint64, error) {
	// A legacy store.hqa becomes a segment under its own name by a hard
	// link (no copy), so the old snapshot can go once the manifest names
	// the link.
	for _, s := range segs {
		if s.File != snapshotName {
			continue
		}
		name := segPrefix + newID()
		if err := os.Link(filepath.Join(l.dir, snapshotName), filepath.Join(l.dir, name+segExt)); err != nil {
			return 0, fmt.Errorf("converting the store to segments: %w", err)
		}
		s.File, s.Catalog = name+segExt, name+catExt
		var docs []*archive.Document
		l.mu.RLock()
		for o := range s.origins {
			docs = append(docs, l.docs[o]...)
		}
		l.mu.RUnlock()
		if err := l.writeCatalog(ctx, s, embedder, dim, docs); err != nil {
			return 0, err
		}
	}
	id := rand.Uint64() | 1
	m := manifest{Format: manifestFormat, ID: strconv.FormatUint(id, 16), Embedder: embedder, Dim: dim, Aux: auxFile}
	for _, s := range segs {
		ms := s.manifestSeg
		ms.Deleted = slices.Sorted(maps.Keys(s.deleted))
		m.Segments = append(m.Segments, ms)
	}
	b, err := json.MarshalIndent(&m, "", " ")
	if err != nil {
		return 0, err
	}
	if err := writeFileAtomic(l.dir, manifestName, manifestTemp, b); err != nil {
		return 0, err
	}
	l.removeUnnamed(&m)
	return id, nil
}

// writeFileAtomic writes b to dir/name through a synced temporary file
// renamed over it, then syncs the folder.
func writeFileAtomic(dir, name, pattern string, b []byte) (err error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.Write(b); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("replacing %s: %w", name, err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("syncing store folder: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing store folder: %w", err)
	}
	return nil
}

// removeUnnamed deletes segment, catalog and aux files m does not name,
// and a legacy snapshot. The caller holds the write lock, so no writer is
// making one; a reader that opened one keeps it (Linux keeps an open
// file's data), and a reader between reading an older manifest and
// opening its files starts again (errSegmentGone).
func (l *Local) removeUnnamed(m *manifest) {
	keep := map[string]bool{manifestName: true, lockName: true, m.Aux: true}
	for _, s := range m.Segments {
		keep[s.File], keep[s.Catalog] = true, true
	}
	names, _ := os.ReadDir(l.dir)
	for _, e := range names {
		n := e.Name()
		ours := strings.HasPrefix(n, segPrefix) || strings.HasPrefix(n, auxPrefix) || n == snapshotName
		if ours && !keep[n] {
			os.Remove(filepath.Join(l.dir, n))
		}
	}
}

// checkUnchanged refuses to commit over a store another process committed
// after this one was loaded or saved. The caller holds the write lock.
func (l *Local) checkUnchanged() error {
	id, _, err := l.diskID()
	if err != nil {
		return err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if id != l.snapID {
		return fmt.Errorf("store %s was saved by another process after it was opened; open it again to see those changes", l.dir)
	}
	return nil
}

// mergePlan picks the segments to merge: the small ones (under half of
// FlushChunks: weekly issues, removals), so the archive's large segments
// are never rewritten by an ordinary ingest; `compact` merges everything.
func mergePlan(segs []*segment, small int) []int {
	var out []int
	for i, s := range segs {
		if s.liveChunks() < small || len(s.deleted) > 0 && s.liveChunks() < 2*small {
			out = append(out, i)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// FlushChunks is how many chunks an appender holds in memory before Flush
// writes them out as a segment: about 0.6 GB of chunks, vectors and
// lexical postings at today's chunking, which bounds an ingest's memory
// whatever the archive's size.
const FlushChunks = 50_000

// Unflushed is how many chunks are held in memory, not yet in a segment
// file.
func (l *Local) Unflushed() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return len(l.chunks)
}

// Flush writes the documents changed since the last Save or Flush as a
// segment that the next Save names, and drops their chunks and vectors
// from memory (their catalog entries stay, for HasHash and OriginHashes).
// Until that Save the segment is a file no manifest names: a crash leaves
// the store as it was, and the next writer deletes the file. Only an
// appender (OpenAppender) flushes; other stores keep everything until
// Save.
func (l *Local) Flush(ctx context.Context) error {
	l.saveMu.Lock()
	defer l.saveMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.catalogOnly {
		return nil
	}
	var docs []*archive.Document
	origins := map[string]bool{}
	for o := range l.dirty {
		if l.flushedIn[o] == nil && len(l.docs[o]) > 0 {
			docs = append(docs, l.docs[o]...)
			origins[o] = true
		}
	}
	if len(docs) == 0 {
		return nil
	}
	var recs []*chunkRec
	for _, r := range l.sortedChunks() {
		if origins[r.doc.Origin] {
			recs = append(recs, r)
		}
	}
	slices.SortFunc(docs, compareDocs)
	s, err := l.writeSegment(ctx, l.embedder, l.dim, docs, recs)
	if err != nil {
		return err
	}
	l.pending = append(l.pending, s)
	for o := range origins {
		l.flushedIn[o] = s
		n := len(l.byOrigin[o])
		for _, id := range l.byOrigin[o] {
			delete(l.chunks, id)
		}
		delete(l.byOrigin, o)
		l.baseChunks += n
		l.baseByOrigin[o] += n
		// Catalog entries in place of the documents.
		for i, d := range l.docs[o] {
			c := *d
			c.Articles = make([]archive.Article, len(d.Articles))
			for j, a := range d.Articles {
				c.Articles[j] = archive.Article{ID: a.ID, Kind: a.Kind, Headline: a.Headline, Page: a.Page}
				l.articles[a.ID] = articleRef{doc: &c, i: j}
			}
			l.docs[o][i] = &c
		}
	}
	l.invalidate()
	return nil
}

// Compact merges every segment into one, dropping deleted documents.
func (l *Local) Compact(ctx context.Context) error {
	l.saveMu.Lock()
	unsaved := l.gen != l.savedGen
	l.saveMu.Unlock()
	if unsaved {
		return errors.New("store: compact: save the changes first")
	}
	l.mu.RLock()
	all := make([]int, len(l.segs))
	for i := range all {
		all[i] = i
	}
	needed := len(l.segs) > 1 || len(l.segs) == 1 && (len(l.segs[0].deleted) > 0 || l.segs[0].File == snapshotName)
	l.mu.RUnlock()
	if !needed {
		return nil
	}
	return l.merge(ctx, all)
}

// merge replaces the segments at positions which with one segment of their
// live documents, read from their files, and commits. Crash safety is a
// Save's: the new segment is written and synced before the manifest that
// names it replaces the old one.
func (l *Local) merge(ctx context.Context, which []int) error {
	if len(which) == 0 {
		return nil
	}
	l.saveMu.Lock()
	defer l.saveMu.Unlock()
	if l.lock == nil {
		lk, err := acquireLock(l.dir)
		if err != nil {
			return err
		}
		defer lk.release()
	}
	if err := l.checkUnchanged(); err != nil {
		return err
	}
	return l.mergeLocked(ctx, which)
}

// Verify checks the whole-file checksum of every file the committed
// manifest names, which a load checks only for legacy files: a load checks
// each segment's size, header and metadata against its manifest, and the
// vectors are checked here and whenever a merge reads them (as Lucene
// checks whole files on merge, not at open). It reads each file once,
// streaming, and returns the first damaged one's error.
func (l *Local) Verify(ctx context.Context) error {
	m, err := readManifest(l.dir)
	if errors.Is(err, fs.ErrNotExist) {
		// A store written before segments, or none at all.
		p := filepath.Join(l.dir, snapshotName)
		if _, err := os.Stat(p); err != nil {
			return nil
		}
		return verifyFile(ctx, p)
	}
	if err != nil {
		return err
	}
	var names []string
	if m.Aux != "" {
		names = append(names, m.Aux)
	}
	for _, s := range m.Segments {
		names = append(names, s.File, s.Catalog)
	}
	for _, n := range names {
		if err := verifyFile(ctx, filepath.Join(l.dir, n)); err != nil {
			return err
		}
	}
	return nil
}

// verifyFile checks a snapshot file's trailing checksum.
func verifyFile(ctx context.Context, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("verifying store: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("verifying store: %w", err)
	}
	if fi.Size() < headerLen+trailerLen {
		return damaged(path, fmt.Sprintf("truncated (%d bytes)", fi.Size()))
	}
	r := bufio.NewReaderSize(f, 1<<20)
	crc := crc32.New(castagnoli)
	for left := fi.Size() - trailerLen; left > 0; {
		n, err := io.CopyN(crc, r, min(left, 16<<20))
		left -= n
		if err != nil {
			return damaged(path, "truncated")
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if err := checkTrailer(r, crc.Sum32()); err != nil {
		return damaged(path, err.Error())
	}
	return nil
}
