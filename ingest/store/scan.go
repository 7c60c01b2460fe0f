package store

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
)

// minStripeRows is the fewest rows worth a goroutine of their own: below
// it, starting one costs more than scanning them.
const minStripeRows = 4096

// rowHit is a row and its similarity to the query.
type rowHit struct {
	row   int
	score float32
}

// worse orders hits: lower score, then (as rows are in chunk-id order)
// higher chunk id, so ties always go to the same chunks.
func worse(a, b rowHit) bool {
	return a.score < b.score || a.score == b.score && a.row > b.row
}

// topK keeps the k best hits seen as a min-heap: the worst at h[0].
type topK struct {
	k int
	h []rowHit
}

func (t *topK) reset(k int) {
	t.k = k
	if cap(t.h) < k {
		t.h = make([]rowHit, 0, k)
	}
	t.h = t.h[:0]
}

// offer considers a hit. Rows come in increasing order within one scan,
// so a hit equal in score to the worst kept one is worse, and skipped.
func (t *topK) offer(row int, score float32) {
	if len(t.h) < t.k {
		t.h = append(t.h, rowHit{row, score})
		t.up(len(t.h) - 1)
		return
	}
	if score <= t.h[0].score {
		return
	}
	t.h[0] = rowHit{row, score}
	t.down(0)
}

func (t *topK) up(i int) {
	h := t.h
	for i > 0 {
		p := (i - 1) / 2
		if !worse(h[i], h[p]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (t *topK) down(i int) {
	h := t.h
	for {
		c := 2*i + 1
		if c >= len(h) {
			return
		}
		if c+1 < len(h) && worse(h[c+1], h[c]) {
			c++
		}
		if !worse(h[c], h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// scanScratch is one search's query, filter and heaps, pooled so a search
// allocates nothing that grows with the store; the stripes read it.
type scanScratch struct {
	q      []float32 // unit-length query
	qbuf   []float32 // holds q when the caller's was not unit length
	k      int
	filter rowFilter
	all    bool // filter accepts every row
	heaps  []topK
	merged []rowHit
	wg     sync.WaitGroup
}

var scratchPool = sync.Pool{New: func() any { return new(scanScratch) }}

// release returns s to the pool, keeping neither the caller's query nor
// its filter's strings alive.
func (s *scanScratch) release() {
	s.q, s.filter = nil, rowFilter{}
	scratchPool.Put(s)
}

// search returns the k rows most similar to q among those where accepts,
// best first; the result is in s.merged. q has the index's dimension and
// is finite and not zero; it is normalized here if it is not of unit
// length.
func (f *flatIndex) search(s *scanScratch, q []float32, k int, where map[string]string) []rowHit {
	s.filter = f.compileFilter(where)
	if s.filter.none {
		return nil
	}
	s.all = s.filter.all()
	s.q, s.k = s.unit(q), k
	rows := f.rows
	stripes := max(1, min(runtime.GOMAXPROCS(0), rows/minStripeRows))
	if cap(s.heaps) < stripes {
		s.heaps = make([]topK, stripes)
	}
	s.heaps = s.heaps[:stripes]
	per := (rows + stripes - 1) / stripes
	for i := 1; i < stripes; i++ {
		s.wg.Add(1)
		go f.scanStripe(s, i, min(i*per, rows), min((i+1)*per, rows))
	}
	f.scan(s, &s.heaps[0], 0, min(per, rows))
	s.wg.Wait()

	s.merged = s.merged[:0]
	for i := range s.heaps {
		s.merged = append(s.merged, s.heaps[i].h...)
	}
	slices.SortFunc(s.merged, func(a, b rowHit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.row, b.row))
	})
	return s.merged[:min(k, len(s.merged))]
}

// scanStripe is scan in a goroutine of its own, into heap i.
func (f *flatIndex) scanStripe(s *scanScratch, i, lo, hi int) {
	defer s.wg.Done()
	f.scan(s, &s.heaps[i], lo, hi)
}

// unit returns q at unit length: q itself when it already is (within the
// tolerance chromem uses, so both paths score alike), else a scaled copy in
// s.q.
func (s *scanScratch) unit(q []float32) []float32 {
	var sum float64
	for _, x := range q {
		sum += float64(x) * float64(x)
	}
	n := math.Sqrt(sum)
	if math.Abs(n-1) < 1e-6 {
		return q
	}
	if cap(s.qbuf) < len(q) {
		s.qbuf = make([]float32, len(q))
	}
	s.qbuf = s.qbuf[:len(q)]
	for i, x := range q {
		s.qbuf[i] = float32(float64(x) / n)
	}
	return s.qbuf
}

// scan offers rows lo..hi to t, skipping those the filter refuses before
// computing their dot product.
func (f *flatIndex) scan(s *scanScratch, t *topK, lo, hi int) {
	t.reset(s.k)
	q, dim := s.q, f.dim
	filter := &s.filter
	for _, b := range f.blocks {
		n := len(b.vecs) / max(dim, 1)
		from, to := max(lo, b.row0), min(hi, b.row0+n)
		if from >= to {
			continue
		}
		vecs := b.vecs[(from-b.row0)*dim : (to-b.row0)*dim]
		if f.perm == nil {
			for row := from; row < to; row++ {
				if s.all || filter.match(f, row) {
					t.offer(row, dot(vecs[(row-from)*dim:(row-from+1)*dim], q))
				}
			}
			continue
		}
		for sr := from; sr < to; sr++ {
			row := int(f.perm[sr])
			if row >= 0 && (s.all || filter.match(f, row)) {
				t.offer(row, dot(vecs[(sr-from)*dim:(sr-from+1)*dim], q))
			}
		}
	}
}

// dot is the dot product of two vectors of the same length, with four
// accumulators so the additions do not wait on each other.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}
