package lexical

// The lexical indexes of a store: built over its chunks, saved among its
// aux blobs (or each segment's) and loaded back by whoever searches it.

import (
	"fmt"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/ingest/store"
)

// Names of the lexical indexes among a segment's (or a store's) aux blobs.
const (
	AuxBody  = "lexical.body"
	AuxTitle = "lexical.title"
)

// Fields holds the two BM25 fields of every chunk, numbered in the order
// of store.Reader.Chunks: the chunk's normalized text (its headline
// included), and its article's headline, kicker and subtitle on their own —
// a short field in which a match means the article is about the query.
// Each is one index per segment of the store searched as one, with BM25
// statistics over all of them (Multi).
type Fields struct {
	Body, Title *Multi
}

// Build indexes every chunk of the store in memory, as one segment.
func Build(r store.Reader) *Fields {
	body, title := buildIndexes(r.Chunks(), func(id string) *archive.Article {
		a, _, _ := r.Article(id)
		return a
	})
	return &Fields{Body: Single(body), Title: Single(title)}
}

func buildIndexes(chunks []*archive.Chunk, article func(id string) *archive.Article) (body, title *Index) {
	bb, tb := NewBuilder(), NewBuilder()
	for _, c := range chunks {
		bb.Add(c.ID, c.Norm)
		tb.Add(c.ID, TitleNorm(article(c.ArticleID)))
	}
	return bb.Build(), tb.Build()
}

// SegmentIndex is the store.Indexer the ingest pipeline sets: a segment's two
// lexical indexes, encoded, built when the segment is written, so an
// ingest indexes only what it adds.
func SegmentIndex(chunks []*archive.Chunk, article func(id string) *archive.Article) (map[string][]byte, error) {
	body, title := buildIndexes(chunks, article)
	bb, err := body.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding lexical index: %w", err)
	}
	body = nil // not held with its encoding at the peak
	tb, err := title.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("encoding lexical index: %w", err)
	}
	return map[string][]byte{AuxBody: bb, AuxTitle: tb}, nil
}

// TitleNorm is the normalized title field of an article: its headlines,
// and its byline, so that a reporter's stories are found by name (the
// text no longer prints the byline).
func TitleNorm(a *archive.Article) string {
	if a == nil {
		return ""
	}
	return normalize.ForIndex(a.Kicker + " " + a.Headline + " " + a.Subtitle + " " + a.Byline)
}

// Save builds the indexes over every chunk and keeps them among
// the store's aux blobs: for a store that does not index its segments.
// The ingest pipeline calls it after writing.
func Save(w store.Store) error {
	aux, err := SegmentIndex(w.Chunks(), func(id string) *archive.Article {
		a, _, _ := w.Article(id)
		return a
	})
	if err != nil {
		return err
	}
	w.SetAux(AuxBody, aux[AuxBody])
	w.SetAux(AuxTitle, aux[AuxTitle])
	return nil
}

// segmented is a store whose segments carry their own lexical indexes.
type segmented interface {
	Segments() []store.Segment
}

// Load decodes the saved indexes: each segment's, or the store's
// own. ok is false when they are missing, damaged, or were built over
// other chunks than the store holds; the caller then rebuilds them with
// Build.
func Load(r store.Reader) (lx *Fields, ok bool) {
	if sg, isSeg := r.(segmented); isSeg {
		if segs := sg.Segments(); segs != nil {
			return loadSegments(r, segs)
		}
	}
	body, err := Unmarshal(r.Aux(AuxBody))
	if err != nil {
		return nil, false
	}
	title, err := Unmarshal(r.Aux(AuxTitle))
	if err != nil {
		return nil, false
	}
	if body.Len() != r.Len() || title.Len() != r.Len() || body.IDKey != idKey(chunkIDs(r)) || title.IDKey != body.IDKey {
		return nil, false
	}
	return &Fields{Body: Single(body), Title: Single(title)}, true
}

func loadSegments(r store.Reader, segs []store.Segment) (*Fields, bool) {
	var bodies, titles []Part
	for _, s := range segs {
		// A segment is immutable and stays in memory: its indexes are used
		// where they lie.
		body, err := UnmarshalShared(s.Aux[AuxBody])
		if err != nil {
			return nil, false
		}
		title, err := UnmarshalShared(s.Aux[AuxTitle])
		if err != nil {
			return nil, false
		}
		if body.Len() != len(s.IDs) || title.Len() != len(s.IDs) || body.IDKey != idKey(s.IDs) || title.IDKey != body.IDKey {
			return nil, false
		}
		bodies = append(bodies, Part{Index: body, Global: s.Global})
		titles = append(titles, Part{Index: title, Global: s.Global})
	}
	body, err := NewMulti(bodies...)
	if err != nil {
		return nil, false
	}
	title, err := NewMulti(titles...)
	if err != nil || body.Len() != r.Len() {
		return nil, false
	}
	return &Fields{Body: body, Title: title}, true
}

func chunkIDs(r store.Reader) []string {
	cs := r.Chunks()
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

// idKey fingerprints chunk ids the way Builder does.
func idKey(ids []string) uint64 {
	b := NewBuilder()
	for _, id := range ids {
		b.AddID(id)
	}
	return b.IDKey()
}
