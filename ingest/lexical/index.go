package lexical

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
	"sync"
)

// BM25 parameters. k1 and b are the usual defaults; unigrams count for less
// than bigrams because a single character says little about a topic but
// rescues recall when a bigram is split by an OCR error or a rare name.
// Measured on CMRC 2018 and DRCD (see docs/retrieval.md): unigram weight
// 0.5 beat 0, 0.1 and 0.25 on both; k1 and b in 0.9–1.6 and 0.5–0.9 moved
// R@1 by less than 0.005.
const (
	k1            = 1.2
	b             = 0.75
	unigramWeight = 0.5
	// commonUnigram: a unigram held by more than 1/commonUnigram of the
	// documents is skipped in queries that have pairs or words.
	commonUnigram = 10
)

// Index is an immutable BM25 index. Documents are numbered 0..N-1 in the
// order they were added to the Builder. It is safe for concurrent use.
type Index struct {
	terms   []Term   // sorted
	offsets []uint32 // postings of terms[i] are [offsets[i], offsets[i+1])
	docs    []uint32 // posting doc numbers, ascending within a term
	tfs     []uint16 // posting term frequencies
	lens    []uint32 // terms per document
	avgLen  float64
	// IDKey fingerprints the ids of the documents in order, so a loader can
	// tell that a saved index belongs to the documents it has.
	IDKey uint64

	scratch sync.Pool // *scorer: queries allocate nothing that scales with N
}

// Builder accumulates documents for an Index.
type Builder struct {
	post map[Term]*postings
	lens []uint32
	buf  []Term
	idh  uint64
	n    int // postings in all
}

// postings of one term while building: varint gaps between document
// numbers and varint term frequencies, ~3 bytes a posting instead of 8,
// which is most of an ingest's peak memory at archive scale.
type postings struct {
	buf  []byte
	last uint32
}

// NewBuilder returns an empty builder.
func NewBuilder() *Builder {
	return &Builder{post: make(map[Term]*postings), idh: fnvOffset}
}

// Add indexes the next document: id is its external id (only fingerprinted
// into IDKey), norm its normalized text.
func (bd *Builder) Add(id, norm string) {
	doc := uint32(len(bd.lens))
	bd.idh = fnvString(bd.idh, id)
	bd.buf = Terms(bd.buf[:0], norm)
	bd.lens = append(bd.lens, uint32(len(bd.buf)))
	slices.Sort(bd.buf)
	for i := 0; i < len(bd.buf); {
		j := i + 1
		for j < len(bd.buf) && bd.buf[j] == bd.buf[i] {
			j++
		}
		p := bd.post[bd.buf[i]]
		if p == nil {
			p = &postings{}
			bd.post[bd.buf[i]] = p
		}
		p.buf = binary.AppendUvarint(p.buf, uint64(doc-p.last))
		p.buf = binary.AppendUvarint(p.buf, uint64(min(j-i, math.MaxUint16)))
		p.last = doc
		bd.n++
		i = j
	}
}

// AddID only fingerprints id, for computing the IDKey of a document list
// without indexing it.
func (bd *Builder) AddID(id string) { bd.idh = fnvString(bd.idh, id) }

// IDKey is the fingerprint of the ids added so far.
func (bd *Builder) IDKey() uint64 { return bd.idh }

// Build freezes the builder into an Index; the builder must not be used after.
func (bd *Builder) Build() *Index {
	ix := &Index{lens: bd.lens, IDKey: bd.idh}
	ix.terms = make([]Term, 0, len(bd.post))
	for t := range bd.post {
		ix.terms = append(ix.terms, t)
	}
	slices.Sort(ix.terms)
	ix.offsets = make([]uint32, 0, len(ix.terms)+1)
	ix.docs = make([]uint32, 0, bd.n)
	ix.tfs = make([]uint16, 0, bd.n)
	for _, t := range ix.terms {
		ix.offsets = append(ix.offsets, uint32(len(ix.docs)))
		p := bd.post[t]
		var doc uint64
		for b := p.buf; len(b) > 0; {
			gap, n := binary.Uvarint(b)
			tf, m := binary.Uvarint(b[n:])
			b = b[n+m:]
			doc += gap
			ix.docs = append(ix.docs, uint32(doc))
			ix.tfs = append(ix.tfs, uint16(tf))
		}
		delete(bd.post, t) // let the garbage collector take it as we go
	}
	ix.offsets = append(ix.offsets, uint32(len(ix.docs)))
	ix.init()
	bd.post = nil
	return ix
}

func (ix *Index) init() {
	var sum float64
	for _, l := range ix.lens {
		sum += float64(l)
	}
	if len(ix.lens) > 0 {
		ix.avgLen = sum / float64(len(ix.lens))
	}
	if ix.avgLen == 0 {
		ix.avgLen = 1
	}
}

// Len is the number of documents.
func (ix *Index) Len() int { return len(ix.lens) }

// DocFreq is the number of documents containing t.
func (ix *Index) DocFreq(t Term) int {
	i, ok := slices.BinarySearch(ix.terms, t)
	if !ok {
		return 0
	}
	return int(ix.offsets[i+1] - ix.offsets[i])
}

// IDF is BM25's inverse document frequency of t (0 for an unknown term is
// not returned: an unknown term gets the highest IDF, as it is rarest).
func (ix *Index) IDF(t Term) float64 {
	n := float64(len(ix.lens))
	df := float64(ix.DocFreq(t))
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// Hit is a document number and its score.
type Hit struct {
	Doc   int
	Score float64
}

// QueryTerm is one query term and its weight (query term frequency times
// any caller boost).
type QueryTerm struct {
	Term   Term
	Weight float64
}

// QueryTerms turns a normalized query into weighted distinct terms.
// Unigrams get unigramWeight.
func QueryTerms(norm string) []QueryTerm {
	ts := Terms(nil, norm)
	slices.Sort(ts)
	var out []QueryTerm
	for i := 0; i < len(ts); {
		j := i + 1
		for j < len(ts) && ts[j] == ts[i] {
			j++
		}
		w := float64(j - i)
		if ts[i].IsUnigram() {
			w *= unigramWeight
		}
		out = append(out, QueryTerm{Term: ts[i], Weight: w})
		i = j
	}
	return out
}

type scorer struct {
	scores  []float64
	touched []uint32
	cand    []uint32  // MaxScore's remaining candidates (maxscore.go)
	bits    []uint64  // a bit a document, to put cand in order
	sel     []float64 // scores to select a threshold from (partial)
	known   []uint64  // a bit a document: whether accepted is known (in ok)
	ok      []uint64
}

// Search returns the k best documents for the query terms, best first.
// accept, when not nil, filters document numbers.
func (ix *Index) Search(q []QueryTerm, k int, accept func(doc int) bool) []Hit {
	if k <= 0 || len(ix.lens) == 0 {
		return nil
	}
	n := len(ix.lens)
	idf := make([]float64, len(q))
	skip := skipCommon(q)
	for i, qt := range q {
		idf[i] = termIDF(n, ix.DocFreq(qt.Term), skip && qt.Term.IsUnigram())
	}
	top := &topK{k: k}
	ts := scoringOrder(q, idf)
	ix.scorePart(ts, ix.avgLen, nil, nil, nil, 0, accept, top, prunable(ts))
	return top.sorted()
}

// skipCommon reports whether the query has pairs or words to rank by, so
// that common characters may be skipped.
func skipCommon(q []QueryTerm) bool {
	for _, qt := range q {
		if !qt.Term.IsUnigram() {
			return true
		}
	}
	return false
}

// termIDF is the IDF of a term held by df of n documents, 0 when it is not
// held or is a unigram to skip. A common character (的, 发, 国) is held by a
// large share of the archive, its IDF is near zero, and walking its
// postings was most of a query's cost; when the query has pairs or words to
// rank by, it is skipped (docs/scaling.md).
func termIDF(n, df int, unigramSkippable bool) float64 {
	if df == 0 || unigramSkippable && df > n/commonUnigram {
		return 0
	}
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}

// lengthNorm is BM25's k1·(1 − b + b·len/avgLen).
func lengthNorm(l uint32, avgLen float64) float64 {
	return k1 * (1 - b + b*float64(l)/avgLen)
}

func sortHits(out []Hit) {
	slices.SortFunc(out, func(a, b Hit) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return cmp.Compare(a.Doc, b.Doc)
	})
}

// hitHeap is a min-heap on score (ties: larger doc number first out), so
// the weakest of the k best is at the root.
type hitHeap []Hit

func (h hitHeap) Len() int { return len(h) }
func (h hitHeap) Less(i, j int) bool {
	if h[i].Score != h[j].Score {
		return h[i].Score < h[j].Score
	}
	return h[i].Doc > h[j].Doc
}
func (h hitHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *hitHeap) Push(x any)   { *h = append(*h, x.(Hit)) }
func (h *hitHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

const fnvOffset = 14695981039346656037

func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	// A separator, so ("ab","c") and ("a","bc") differ.
	h ^= 0xff
	h *= 1099511628211
	return h
}
