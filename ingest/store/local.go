package store

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// unitTolerance is how far a vector's length may be from 1 and still be
// accepted (and renormalized). Embedders promise unit vectors; small drift
// comes from float32 rounding or short decimal JSON, while anything further
// off means the embedder does not normalize, which is a bug to surface.
const unitTolerance = 1e-3

// Local is a Store held in memory and persisted as one snapshot file in a
// folder. It is safe for concurrent use.
type Local struct {
	dir  string
	path string // dir/store.hqa

	mu       sync.RWMutex
	embedder string
	dim      int
	docs     map[string][]*archive.Document // by origin
	hashes   map[string]int                 // content hash → number of documents
	articles map[string]articleRef
	aux      map[string][]byte
	// chunks (by id) and byOrigin (chunk ids by origin) are what changes
	// need. A store as loaded has neither, only sorted: readers find a chunk
	// by binary search there, and the first change builds the maps
	// (indexChunks), so opening a store to serve never pays for them.
	chunks   map[string]*chunkRec
	byOrigin map[string][]string

	// chromem is the chromem-go collection, built by the first search that
	// uses it; replaced by an unbuilt one on every change to the chunks.
	chromem *chromemIndex
	// chromemMax is the most chunks chromem searches (chromemMaxChunks;
	// tests lower it).
	chromemMax int

	gen      uint64 // counts changes; Save writes when it differs from savedGen
	savedGen uint64

	// sorted caches chunks by id, flat their vectors in one block in that
	// order; each is nil when a change made it stale. They are rebuilt
	// lazily by readers, hence their own locks.
	sortMu sync.Mutex
	sorted []*chunkRec
	flatMu sync.Mutex
	flat   *flatIndex

	// saveMu serializes Save; snapID identifies the manifest (or legacy
	// snapshot) this store was loaded from or last committed (0: none), to
	// detect another writer's commit.
	saveMu sync.Mutex
	snapID uint64
	lock   *fileLock // held from OpenWriter to Close

	// The segments (segments.go): live ones as loaded or last committed;
	// origins changed since the last Save; the store's aux file and
	// whether its blobs changed; segView: segs describe Chunks as loaded.
	segs     []*segment
	dirty    map[string]bool
	auxFile  string
	auxDirty bool
	segView  bool
	indexer  Indexer
	merger   Merger
	// catalogOnly (OpenAppender): only the segments' catalogs are loaded;
	// baseChunks counts the chunks left in the segments, by origin in
	// baseByOrigin.
	catalogOnly  bool
	baseChunks   int
	baseByOrigin map[string]int
	// pending are segments Flush wrote and the next Save names; flushedIn
	// says which holds an origin's current documents.
	pending   []*segment
	flushedIn map[string]*segment
	// smallSegment: segments of fewer live chunks are merged past
	// maxSegments (FlushChunks/2; tests lower it).
	smallSegment int
}

type articleRef struct {
	doc *archive.Document
	i   int
}

type chunkRec struct {
	chunk archive.Chunk
	vec   []float32
	doc   *archive.Document
	art   *archive.Article // the chunk's article, in doc
}

var _ Store = (*Local)(nil)

// Open loads the store in dir. A missing folder or snapshot is an empty
// store; nothing is created until Save. It takes no lock: Save takes it for
// the time of the write and refuses if another process saved meanwhile. A
// long-running writer should use OpenWriter instead.
func Open(ctx context.Context, dir string) (*Local, error) {
	l := newLocal(dir)
	if err := l.load(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// OpenWriter is Open for an ingest: it first takes the store's lock file
// (creating dir), so no other process can write the store until Close. A
// store locked by another process is refused with a *LockedError.
func OpenWriter(ctx context.Context, dir string) (*Local, error) {
	lk, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	l := newLocal(dir)
	l.lock = lk
	if err := l.load(ctx); err != nil {
		lk.release()
		return nil, err
	}
	return l, nil
}

// OpenAppender is OpenWriter for an ingest that adds, replaces or removes
// files: it loads only the segments' catalogs (documents without article
// text), not their chunks or vectors, so its cost does not grow with the
// archive. Searching it, or reading chunks from it, sees only what was
// added since it was opened.
func OpenAppender(ctx context.Context, dir string) (*Local, error) {
	lk, err := acquireLock(dir)
	if err != nil {
		return nil, err
	}
	l := newLocal(dir)
	l.lock = lk
	l.catalogOnly = true
	if err := l.load(ctx); err != nil {
		lk.release()
		return nil, err
	}
	return l, nil
}

// OpenCatalog opens a store read-only with only its catalogs: its
// documents without article text, and its counts (Stats). Its chunks are
// not loaded; nothing is locked.
func OpenCatalog(ctx context.Context, dir string) (*Local, error) {
	l := newLocal(dir)
	l.catalogOnly = true
	if err := l.load(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

func newLocal(dir string) *Local {
	return &Local{
		dir:          dir,
		path:         filepath.Join(dir, snapshotName),
		chromemMax:   chromemMaxChunks,
		smallSegment: FlushChunks / 2,
	}
}

// reset empties the in-memory state.
func (l *Local) reset() {
	l.docs = map[string][]*archive.Document{}
	l.byOrigin = map[string][]string{}
	l.hashes = map[string]int{}
	l.articles = map[string]articleRef{}
	l.chunks = map[string]*chunkRec{}
	l.aux = map[string][]byte{}
	l.sorted = nil
	l.flat = nil
	l.chromem = &chromemIndex{}
	l.segs, l.dirty, l.auxFile, l.auxDirty, l.segView = nil, map[string]bool{}, "", false, false
	l.baseChunks, l.baseByOrigin = 0, map[string]int{}
	l.pending, l.flushedIn = nil, map[string]*segment{}
	l.embedder, l.dim = "", 0
}

// Close releases the write lock, if any. It does not save.
func (l *Local) Close() error {
	l.saveMu.Lock()
	defer l.saveMu.Unlock()
	if l.lock == nil {
		return nil
	}
	err := l.lock.release()
	l.lock = nil
	return err
}

// Dir is the folder of the store.
func (l *Local) Dir() string { return l.dir }

// Embedder implements Reader.
func (l *Local) Embedder() (string, int) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.embedder, l.dim
}

// UseEmbedder implements Writer. A store without chunks adopts any embedder.
func (l *Local) UseEmbedder(name string, dim int) error {
	if name == "" {
		return errors.New("store: embedder name is empty")
	}
	if dim < 0 {
		return fmt.Errorf("store: embedder %q has negative dimension %d", name, dim)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.numChunks() == 0 {
		if l.embedder != name || (dim != 0 && l.dim != dim) {
			l.embedder, l.dim = name, dim
			l.gen++
		}
		return nil
	}
	if name != l.embedder || (dim != 0 && dim != l.dim) {
		return &EmbedderMismatchError{Have: l.embedder, HaveDim: l.dim, Got: name, GotDim: dim}
	}
	return nil
}

// Documents implements Reader.
func (l *Local) Documents() []*archive.Document {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []*archive.Document
	for _, ds := range l.docs {
		out = append(out, ds...)
	}
	slices.SortFunc(out, compareDocs)
	return out
}

func compareDocs(a, b *archive.Document) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Origin, b.Origin), cmp.Compare(a.Hash, b.Hash))
}

// Article implements Reader.
func (l *Local) Article(id string) (*archive.Article, *archive.Document, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	ref, ok := l.articles[id]
	if !ok {
		return nil, nil, false
	}
	return &ref.doc.Articles[ref.i], ref.doc, true
}

// Chunk implements Reader.
func (l *Local) Chunk(id string) (*archive.Chunk, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	r, ok := l.chunk(id)
	if !ok {
		return nil, false
	}
	return &r.chunk, true
}

// chunk finds a chunk by id; the caller holds l.mu.
func (l *Local) chunk(id string) (*chunkRec, bool) {
	if l.chunks != nil {
		r, ok := l.chunks[id]
		return r, ok
	}
	sorted := l.sortedChunks()
	i, ok := slices.BinarySearchFunc(sorted, id, func(r *chunkRec, id string) int { return strings.Compare(r.chunk.ID, id) })
	if !ok {
		return nil, false
	}
	return sorted[i], true
}

// numChunks is the number of chunks; the caller holds l.mu.
func (l *Local) numChunks() int {
	if l.chunks != nil {
		return len(l.chunks) + l.baseChunks
	}
	return len(l.sortedChunks()) + l.baseChunks
}

// indexChunks builds the maps changes need, if the store is as loaded;
// the caller holds l.mu for writing.
func (l *Local) indexChunks() {
	if l.chunks != nil {
		return
	}
	sorted := l.sortedChunks()
	l.chunks = make(map[string]*chunkRec, len(sorted))
	l.byOrigin = make(map[string][]string, len(l.docs))
	for _, r := range sorted {
		l.chunks[r.chunk.ID] = r
		l.byOrigin[r.doc.Origin] = append(l.byOrigin[r.doc.Origin], r.chunk.ID)
	}
}

// Vector returns a copy of a chunk's unit vector.
func (l *Local) Vector(id string) ([]float32, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	r, ok := l.chunk(id)
	if !ok {
		return nil, false
	}
	return slices.Clone(r.vec), true
}

// Chunks implements Reader.
func (l *Local) Chunks() []*archive.Chunk {
	l.mu.RLock()
	defer l.mu.RUnlock()
	recs := l.sortedChunks()
	out := make([]*archive.Chunk, len(recs))
	for i, r := range recs {
		out[i] = &r.chunk
	}
	return out
}

// sortedChunks returns the chunks sorted by id. The caller holds l.mu (read
// or write); the result must not be modified.
func (l *Local) sortedChunks() []*chunkRec {
	l.sortMu.Lock()
	defer l.sortMu.Unlock()
	if l.sorted == nil {
		s := make([]*chunkRec, 0, len(l.chunks))
		for _, r := range l.chunks {
			s = append(s, r)
		}
		slices.SortFunc(s, func(a, b *chunkRec) int { return cmp.Compare(a.chunk.ID, b.chunk.ID) })
		l.sorted = s
	}
	return l.sorted
}

// Len implements Reader.
func (l *Local) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.numChunks()
}

// Aux implements Reader. The returned slice must not be modified.
func (l *Local) Aux(name string) []byte {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.aux[name]
}

// SetAux implements Writer. The store keeps b itself, not a copy (a
// lexical index is over 100 MB at archive scale): the caller must not
// modify b afterwards.
func (l *Local) SetAux(name string, b []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old, had := l.aux[name]
	if b == nil {
		if had {
			delete(l.aux, name)
			l.auxDirty = true
			l.gen++
		}
		return
	}
	if had && bytes.Equal(old, b) {
		return
	}
	l.aux[name] = b
	l.auxDirty = true
	l.gen++
}

// HasHash implements Writer.
func (l *Local) HasHash(hash string) bool {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.hashes[hash] > 0
}

// OriginHashes implements Writer.
func (l *Local) OriginHashes(origin string) []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	var out []string
	for _, d := range l.docs[origin] {
		out = append(out, d.Hash)
	}
	slices.Sort(out)
	return out
}

// Origins implements Writer.
func (l *Local) Origins() []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return slices.Sorted(maps.Keys(l.docs))
}

// Remove implements Writer.
func (l *Local) Remove(ctx context.Context, origin string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.indexChunks()
	l.removeOrigin(origin)
	return nil
}

// removeOrigin drops origin's documents and chunks; the caller holds l.mu
// and has called indexChunks.
func (l *Local) removeOrigin(origin string) {
	docs, ok := l.docs[origin]
	if !ok {
		return
	}
	for _, d := range docs {
		for _, a := range d.Articles {
			delete(l.articles, a.ID)
		}
		if l.hashes[d.Hash]--; l.hashes[d.Hash] <= 0 {
			delete(l.hashes, d.Hash)
		}
	}
	ids := l.byOrigin[origin]
	delete(l.docs, origin)
	delete(l.byOrigin, origin)
	l.dirty[origin] = true
	l.baseChunks -= l.baseByOrigin[origin]
	delete(l.baseByOrigin, origin)
	if s := l.flushedIn[origin]; s != nil {
		s.deleted[origin] = true
		delete(l.flushedIn, origin)
	}
	if len(ids) > 0 {
		for _, id := range ids {
			delete(l.chunks, id)
		}
		l.invalidate()
	}
	l.gen++
}

// invalidate drops what is built from all the chunks after a change to
// them; the caller holds l.mu for writing.
func (l *Local) invalidate() {
	l.sortMu.Lock()
	l.sorted = nil
	l.sortMu.Unlock()
	l.flatMu.Lock()
	l.flat = nil
	l.flatMu.Unlock()
	l.chromem = &chromemIndex{}
}

// flatIndex returns the chunks' vectors in one block. A store as loaded has
// it already (over the snapshot's vector block); after a change it is built
// again here, copying every vector. The caller holds l.mu (read or write).
func (l *Local) flatIndex() *flatIndex {
	l.flatMu.Lock()
	defer l.flatMu.Unlock()
	if l.flat == nil {
		recs := l.sortedChunks()
		vecs := make([]float32, 0, len(recs)*l.dim)
		for _, r := range recs {
			vecs = append(vecs, r.vec...)
		}
		l.flat = newFlatIndex(l.dim, vecs, recs)
	}
	return l.flat
}

// Replace implements Writer. Everything is checked before anything changes,
// so a refused Replace leaves the store as it was. Vectors must be of unit
// length within 1e-3 (they are then renormalized exactly, and copied);
// others are refused.
func (l *Local) Replace(ctx context.Context, origin string, docs []Entry) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if origin == "" {
		return errors.New("store: replace: origin is empty")
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.indexChunks()

	newDocs, recs, dim, err := l.prepare(origin, docs)
	if err != nil {
		return fmt.Errorf("store: replacing %s: %w", origin, err)
	}
	l.removeOrigin(origin)
	if len(recs) > 0 && l.dim == 0 {
		l.dim = dim
	}
	for _, d := range newDocs {
		l.addDoc(d)
	}
	l.addChunks(recs)
	if len(newDocs) > 0 {
		l.dirty[origin] = true
		l.gen++
	}
	return nil
}

// prepare checks docs against the store (minus origin's current documents)
// and turns them into the store's own copies. The caller holds l.mu and has
// called indexChunks.
func (l *Local) prepare(origin string, docs []Entry) ([]*archive.Document, []*chunkRec, int, error) {
	dim := l.dim
	nVec := 0
	for i := range docs {
		if len(docs[i].Chunks) > 0 && l.embedder == "" {
			return nil, nil, 0, errors.New("no embedder declared: call UseEmbedder before adding vectors")
		}
		nVec += len(docs[i].Chunks)
	}
	// One block for all vectors of the call: fewer allocations, and the
	// store never aliases the caller's slices.
	block := make([]float32, 0, nVec*max(dim, 0))

	seenArticle := map[string]bool{}
	seenChunk := map[string]bool{}
	newDocs := make([]*archive.Document, 0, len(docs))
	var recs []*chunkRec
	for i := range docs {
		e := &docs[i]
		d := e.Doc
		if d.Origin == "" {
			d.Origin = origin
		}
		if d.Origin != origin {
			return nil, nil, 0, fmt.Errorf("document %q has origin %q", d.Source, d.Origin)
		}
		if d.Hash == "" {
			return nil, nil, 0, fmt.Errorf("document %q has no content hash", d.Source)
		}
		d.Articles = slices.Clone(d.Articles)
		d.TOC = slices.Clone(d.TOC)
		inDoc := map[string]int{} // article id → index in d.Articles
		for k, a := range d.Articles {
			if a.ID == "" {
				return nil, nil, 0, fmt.Errorf("document %q has an article without id (call AssignIDs)", d.Source)
			}
			if seenArticle[a.ID] {
				return nil, nil, 0, fmt.Errorf("article id %q appears twice", a.ID)
			}
			if ref, ok := l.articles[a.ID]; ok && ref.doc.Origin != origin {
				return nil, nil, 0, fmt.Errorf("article id %q of document %q is already in the store from %s", a.ID, d.Source, ref.doc.Origin)
			}
			seenArticle[a.ID] = true
			inDoc[a.ID] = k
		}
		if len(e.Vectors) != len(e.Chunks) {
			return nil, nil, 0, fmt.Errorf("document %q has %d chunks but %d vectors", d.Source, len(e.Chunks), len(e.Vectors))
		}
		doc := &d
		for j, c := range e.Chunks {
			if c.ID == "" {
				return nil, nil, 0, fmt.Errorf("document %q: chunk %d has no id", d.Source, j)
			}
			if seenChunk[c.ID] {
				return nil, nil, 0, fmt.Errorf("chunk id %q appears twice", c.ID)
			}
			if r, ok := l.chunks[c.ID]; ok && r.doc.Origin != origin {
				return nil, nil, 0, fmt.Errorf("chunk id %q is already in the store from %s", c.ID, r.doc.Origin)
			}
			seenChunk[c.ID] = true
			art, ok := inDoc[c.ArticleID]
			if !ok {
				return nil, nil, 0, fmt.Errorf("chunk %q refers to article %q, which is not in document %q", c.ID, c.ArticleID, d.Source)
			}
			v := e.Vectors[j]
			if dim == 0 {
				dim = len(v)
				block = make([]float32, 0, nVec*dim)
			}
			if len(v) != dim {
				if l.dim == 0 {
					return nil, nil, 0, fmt.Errorf("vectors of different dimensions (%d and %d)", dim, len(v))
				}
				return nil, nil, 0, &EmbedderMismatchError{Have: l.embedder, HaveDim: l.dim, Got: l.embedder, GotDim: len(v)}
			}
			start := len(block)
			block = append(block, v...)
			u := block[start:len(block):len(block)]
			if err := normalize(u); err != nil {
				return nil, nil, 0, fmt.Errorf("vector of chunk %q: %w", c.ID, err)
			}
			recs = append(recs, &chunkRec{chunk: c, vec: u, doc: doc, art: &doc.Articles[art]})
		}
		newDocs = append(newDocs, doc)
	}
	return newDocs, recs, dim, nil
}

// normalize scales v to unit length in place, refusing vectors that are not
// finite or whose length is off by more than unitTolerance.
func normalize(v []float32) error {
	var sum float64
	for _, x := range v {
		f := float64(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return errors.New("not finite")
		}
		sum += f * f
	}
	n := math.Sqrt(sum)
	if math.Abs(n-1) > unitTolerance {
		return fmt.Errorf("has length %.4g, want 1 (the embedder must return unit vectors)", n)
	}
	for i, x := range v {
		v[i] = float32(float64(x) / n)
	}
	return nil
}

// addDoc indexes a document; the caller holds l.mu.
func (l *Local) addDoc(d *archive.Document) {
	l.docs[d.Origin] = append(l.docs[d.Origin], d)
	l.hashes[d.Hash]++
	for i := range d.Articles {
		l.articles[d.Articles[i].ID] = articleRef{doc: d, i: i}
	}
}

// addChunks indexes chunks; the caller holds l.mu, has called indexChunks
// and has added their documents.
func (l *Local) addChunks(recs []*chunkRec) {
	if len(recs) == 0 {
		return
	}
	for _, r := range recs {
		l.chunks[r.chunk.ID] = r
		l.byOrigin[r.doc.Origin] = append(l.byOrigin[r.doc.Origin], r.chunk.ID)
	}
	l.invalidate()
}

// fillMeta sets the filterable metadata of a chunk; unknown values are left
// out.
func fillMeta(m map[string]string, r *chunkRec) {
	d := r.doc
	set := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	num := func(k string, n int) {
		if n > 0 {
			m[k] = strconv.Itoa(n)
		}
	}
	set(MetaSource, d.Source)
	set(MetaDate, d.Meta.Date)
	num(MetaIssue, d.Meta.Issue)
	num(MetaTotalIssue, d.Meta.TotalIssue)
	set(MetaArticleID, r.chunk.ArticleID)
	if a := r.art; a != nil {
		set(MetaHeadline, a.Headline)
		set(MetaKind, string(a.Kind))
	}
	num(MetaPage, archive.PageOf(r.art, d))
}

// Search implements Reader. k larger than the number of chunks is capped;
// hits of equal score are ordered by chunk id. Stores of at most
// chromemMaxChunks chunks are searched by chromem-go, larger ones by a flat
// scan; both give the exact cosine top-k.
func (l *Local) Search(ctx context.Context, vec []float32, k int, where map[string]string) ([]Hit, error) {
	return l.search(ctx, vec, k, where, pathAuto)
}

// searchPath chooses how search finds the nearest vectors.
type searchPath int

const (
	pathAuto    searchPath = iota // chromem up to chromemMax chunks, else flat
	pathChromem                   // chromem's QueryEmbedding
	pathFlat                      // the striped scan of the flat index
)

func (l *Local) search(ctx context.Context, vec []float32, k int, where map[string]string, path searchPath) ([]Hit, error) {
	if k <= 0 {
		return nil, fmt.Errorf("store: search: k must be positive, got %d", k)
	}
	for key := range where {
		if !slices.Contains(metaKeys, key) {
			return nil, fmt.Errorf("store: search: unknown metadata key %q (known: %v)", key, metaKeys)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	n := l.numChunks()
	if n == 0 {
		return nil, nil
	}
	if err := l.checkQuery("search", vec); err != nil {
		return nil, err
	}
	if path == pathChromem || path == pathAuto && n <= l.chromemMax {
		return l.searchChromem(ctx, vec, k, where)
	}
	return l.searchFlat(vec, k, where), nil
}

// checkQuery refuses a query vector the store cannot score: of another
// embedder's dimension, zero, or not finite. The caller holds l.mu.
func (l *Local) checkQuery(op string, vec []float32) error {
	if len(vec) != l.dim {
		return fmt.Errorf("store: %s: query vector has dimension %d, the store's embedder %q has %d", op, len(vec), l.embedder, l.dim)
	}
	var sum float64
	for _, x := range vec {
		sum += float64(x) * float64(x)
	}
	if sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
		return fmt.Errorf("store: %s: query vector is zero or not finite", op)
	}
	return nil
}

// searchFlat scans the flat index; the caller holds l.mu and has checked
// the arguments.
func (l *Local) searchFlat(vec []float32, k int, where map[string]string) []Hit {
	f := l.flatIndex()
	s := scratchPool.Get().(*scanScratch)
	defer s.release()
	rows := f.search(s, vec, k, where)
	if len(rows) == 0 {
		return nil
	}
	hits := make([]Hit, len(rows))
	for i, h := range rows {
		hits[i] = Hit{ChunkID: f.recs[h.row].chunk.ID, Score: h.score}
	}
	return hits
}

// Similarities returns the cosine similarity of vec to each chunk at the
// given positions of Chunks(), in the order given: exact scores for a
// chosen few (the lexical candidates) instead of a scan of every vector.
func (l *Local) Similarities(ctx context.Context, vec []float32, rows []int) ([]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	if err := l.checkQuery("similarities", vec); err != nil {
		return nil, err
	}
	s := scratchPool.Get().(*scanScratch)
	defer s.release()
	q := s.unit(vec)
	recs := l.sortedChunks()
	out := make([]float32, len(rows))
	for i, row := range rows {
		if row < 0 || row >= len(recs) {
			return nil, fmt.Errorf("store: similarities: position %d out of range (%d chunks)", row, len(recs))
		}
		out[i] = dot(recs[row].vec, q)
	}
	return out, nil
}
