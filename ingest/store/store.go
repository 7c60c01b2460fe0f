// Package store keeps ingested documents, their chunks and the chunks'
// vectors, and searches the vectors.
//
// Store is the interface the answering layer and ingest program against; Local
// is the first implementation: everything in memory, persisted as one
// snapshot file that is replaced atomically, so a crash or kill mid-write
// leaves the previous store loadable. A distributed engine (pgvector, Qdrant)
// can later sit behind the same interface.
//
// Local searches vectors in one of two ways, which return the same exact
// cosine top-k (tested against each other):
//
//   - A store of at most chromemMaxChunks (10,000) chunks is searched by
//     chromem-go, the design's vector store, with QueryEmbedding. Its
//     collection is built by the first search, never by Open.
//   - A larger store is searched by a flat scan (scan.go): every vector in
//     one []float32 in chunk-id order, as the snapshot stores them, scanned
//     in GOMAXPROCS stripes with the filter applied on integer fields before
//     the dot product. A chromem search costs about 0.65 ms per 1,000 chunks
//     (5.6 ms at 10,000; 15 ms, the whole warm-retrieval p50 budget, at
//     20,000; 31 ms at 50,000) and its collection about 1.8 ms per 1,000 to build; the scan
//     costs about 0.09 ms per 1,000 and builds nothing.
//
// Past 100,000 chunks the engine (retrieve) asks only for the vectors of
// its lexical candidates, through Scorer (Local.Similarities), instead of
// either search. On Linux a reader maps its segment files (mapsnap.go) and
// keeps resident only what its searches touch.
//
// A Local store's folder holds store.hqa (the snapshot, see snapshot.go) and
// store.lock (the write lock, see lock.go); nothing else is read. Vectors are
// kept at unit length: Replace renormalizes those within 1e-3 of it and
// refuses the rest, so chromem never silently rescales a vector and both
// search paths score alike.
package store

import (
	"context"
	"fmt"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// Reader is what the answering layer needs from a store.
//
// Pointers returned by a Reader point into the store: callers must not modify
// what they point to.
type Reader interface {
	// Embedder names the embedder the store's vectors were made with and
	// their dimension; "" and 0 for a store that has never held vectors.
	Embedder() (name string, dim int)
	// Documents returns every document sorted by Source (then Origin, Hash).
	Documents() []*archive.Document
	// Article finds an article by id and the document it belongs to.
	Article(id string) (*archive.Article, *archive.Document, bool)
	// Chunk finds a chunk by id.
	Chunk(id string) (*archive.Chunk, bool)
	// Chunks returns every chunk sorted by chunk id. The order depends only
	// on the set of chunks, so an index built over it (the lexical index
	// refers to chunks by position) stays valid after a save and load.
	Chunks() []*archive.Chunk
	// Len is the number of chunks.
	Len() int
	// Search returns up to k chunks nearest to vec by cosine similarity, best
	// first, among those whose metadata equals every entry of where (nil: all
	// chunks). Keys of where are the Meta* constants.
	Search(ctx context.Context, vec []float32, k int, where map[string]string) ([]Hit, error)
	// Aux returns a blob saved with SetAux, nil if there is none.
	Aux(name string) []byte
}

// Scorer is a Reader that can score chosen chunks against a vector
// exactly, without scanning the rest; Local is one.
type Scorer interface {
	// Similarities returns the cosine similarity of vec to the chunks at
	// the given positions of Chunks(), in that order.
	Similarities(ctx context.Context, vec []float32, rows []int) ([]float32, error)
}

// Writer is what ingest needs from a store. Changes are held in memory until
// Save.
type Writer interface {
	// UseEmbedder declares the embedder of the vectors that Replace will be
	// given. dim may be 0 when the embedder learns it from its first call;
	// the first vectors then fix it. A store holding chunks of another
	// embedder refuses with an *EmbedderMismatchError.
	UseEmbedder(name string, dim int) error
	// Replace removes every document and chunk of origin and adds docs.
	Replace(ctx context.Context, origin string, docs []Entry) error
	// Remove removes every document and chunk of origin.
	Remove(ctx context.Context, origin string) error
	// HasHash reports whether any document, of any origin, has this content
	// hash.
	HasHash(hash string) bool
	// OriginHashes returns the sorted content hashes of origin's documents.
	OriginHashes(origin string) []string
	// Origins returns every origin in the store, sorted, so ingest can remove
	// those whose files are gone.
	Origins() []string
	// SetAux keeps a named blob (the lexical index) with the store; nil
	// removes it. The store takes ownership of b: the caller must not
	// modify it afterwards.
	SetAux(name string, b []byte)
	// Save persists the changes made since the last Save.
	Save(ctx context.Context) error
}

// Store is a store that can be both read and written.
type Store interface {
	Reader
	Writer
	// Close releases what the store holds (a write lock, connections). It
	// does not save.
	Close() error
}

// Entry is one document to add with its chunks and their vectors:
// Vectors[i] is the vector of Chunks[i].
type Entry struct {
	Doc     archive.Document
	Chunks  []archive.Chunk
	Vectors [][]float32
}

// Hit is one search result.
type Hit struct {
	ChunkID string
	Score   float32 // cosine similarity, -1..1
}

// Metadata keys of a chunk, for Search filters. Values are strings as printed
// by strconv for numbers; a key is absent when the value is unknown.
const (
	MetaSource     = "source"      // Document.Source
	MetaDate       = "date"        // Meta.Date, "2025-11-03"
	MetaIssue      = "issue"       // Meta.Issue, "40"
	MetaTotalIssue = "total_issue" // Meta.TotalIssue
	MetaPage       = "page"        // the article's page, else the document's
	MetaHeadline   = "headline"    // the article's headline
	MetaArticleID  = "article_id"
	MetaKind       = "kind" // article, caption, toc
)

// metaKeys lists the keys Search accepts in a filter.
var metaKeys = []string{MetaSource, MetaDate, MetaIssue, MetaTotalIssue, MetaPage, MetaHeadline, MetaArticleID, MetaKind}

// EmbedderMismatchError refuses vectors of an embedder other than the one the
// store was built with: their similarities would be meaningless.
type EmbedderMismatchError struct {
	Have    string // the store's embedder
	HaveDim int
	Got     string // the embedder offered
	GotDim  int
}

func (e *EmbedderMismatchError) Error() string {
	return fmt.Sprintf("store was built with embedder %q (dim %d); re-ingest into a new --store or use that embedder", e.Have, e.HaveDim)
}
