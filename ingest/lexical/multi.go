package lexical

import (
	"cmp"
	"errors"
	"math"
	"slices"
	"sync"
)

// Multi searches the indexes of several segments as one: document
// frequencies, the document count and the average length are summed over
// all of them, so a document scores exactly as it would in one index built
// over every segment's documents (tested), and each segment's documents are
// renumbered into one global numbering. Deleted documents (a replaced or
// removed file's chunks still in an older segment) are never returned but,
// as in Lucene, still count in the statistics until their segment is merged.
type Multi struct {
	parts []Part
	// norms[i][d] is BM25's length normalization of part i's document d
	// under the global average length, worked out once here instead of
	// per posting on every question (a division and a multiply per
	// posting; the same expression, so the same bits).
	norms [][]float64
	// bounds[i] holds part i's exact MaxScore bounds of long posting
	// lists, Term → float64, as questions need them (Index.bound).
	bounds []sync.Map
	n      int // documents of every segment, deleted ones included
	live   int
	avgLen float64
}

// Part is one segment's index and where its documents go.
type Part struct {
	Index *Index
	// Global maps the segment's document numbers to global ones, -1 for a
	// deleted document; nil maps each number to itself plus Base.
	Global []int32
	Base   int
}

// NewMulti joins the parts. Every part's Global, when given, must have one
// entry per document of its index.
func NewMulti(parts ...Part) (*Multi, error) {
	m := &Multi{parts: parts}
	var sum float64
	for _, p := range parts {
		if p.Index == nil {
			return nil, errors.New("lexical: a segment has no index")
		}
		if p.Global != nil && len(p.Global) != p.Index.Len() {
			return nil, errors.New("lexical: a segment's index does not match its documents")
		}
		m.n += p.Index.Len()
		for _, l := range p.Index.lens {
			sum += float64(l)
		}
		if p.Global == nil {
			m.live += p.Index.Len()
			continue
		}
		for _, g := range p.Global {
			if g >= 0 {
				m.live++
			}
		}
	}
	m.avgLen = 1
	if m.n > 0 && sum > 0 {
		m.avgLen = sum / float64(m.n)
	}
	m.bounds = make([]sync.Map, len(parts))
	m.norms = make([][]float64, len(parts))
	for i, p := range parts {
		m.norms[i] = make([]float64, len(p.Index.lens))
		for d, l := range p.Index.lens {
			m.norms[i][d] = lengthNorm(l, m.avgLen)
		}
	}
	return m, nil
}

// Single is a Multi of one index numbered as it is.
func Single(ix *Index) *Multi {
	m, _ := NewMulti(Part{Index: ix})
	return m
}

// Len is the number of live documents.
func (m *Multi) Len() int { return m.live }

// DocFreq is the number of documents of every segment containing t.
func (m *Multi) DocFreq(t Term) int {
	n := 0
	for _, p := range m.parts {
		n += p.Index.DocFreq(t)
	}
	return n
}

// IDF is BM25's inverse document frequency of t over every segment.
func (m *Multi) IDF(t Term) float64 {
	n := float64(m.n)
	df := float64(m.DocFreq(t))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// Search returns the k best documents (global numbers) for the query
// terms, best first; accept, when not nil, filters global numbers. Each
// segment returns its own k best under the global statistics, and the k
// best of those are the k best overall.
func (m *Multi) Search(q []QueryTerm, k int, accept func(doc int) bool) []Hit {
	if k <= 0 || m.live == 0 {
		return nil
	}
	idf := make([]float64, len(q))
	skip := skipCommon(q)
	for i, qt := range q {
		idf[i] = termIDF(m.n, m.DocFreq(qt.Term), skip && qt.Term.IsUnigram())
	}
	return m.search(q, idf, k, accept, true)
}

// search scores every segment into one top k, largest segment first, so
// that MaxScore (prune) has a threshold from the start of the smaller ones.
func (m *Multi) search(q []QueryTerm, idf []float64, k int, accept func(doc int) bool, prune bool) []Hit {
	ts := scoringOrder(q, idf)
	prune = prune && prunable(ts)
	order := make([]int, len(m.parts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(m.parts[b].Index.Len(), m.parts[a].Index.Len()) })
	top := &topK{k: k}
	for _, pi := range order {
		p := m.parts[pi]
		p.Index.scorePart(ts, m.avgLen, m.norms[pi], &m.bounds[pi], p.Global, p.Base, accept, top, prune)
	}
	return slices.Clip(top.sorted())
}
