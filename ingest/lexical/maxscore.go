package lexical

import (
	"cmp"
	"container/heap"
	"math/bits"
	"slices"
	"sync"
)

// blockDocs is the most documents of one segment scored as one block
// (scorePart); segments are written of up to ~50,000 chunks, so only a
// merged one is cut. A variable for tests.
var blockDocs = 1 << 16

// ubSlack inflates the bounds MaxScore prunes by, so float rounding in a
// bound's sum can never drop a document whose exact score would tie or
// beat the threshold (scores are sums of a few dozen positive terms,
// exact to ~1e-15 relative).
const ubSlack = 1 + 1e-9

// qterm is a query term as scored: its weight (IDF times query weight).
type qterm struct {
	Term
	w float64
}

// boundMin is the shortest posting list whose exact bound is worked out
// (and kept, per segment, in Multi.bounds): a shorter one is bounded by
// w·(k1+1), as tf/(tf+norm) < 1 for any tf and length. The long lists are
// the common terms' that pruning skips, and their exact bound, about half
// the loose one, is what lets it skip them; there are a few thousand such
// terms in an archive, so what is kept stays small. A variable for tests.
var boundMin uint32 = 4096

// scoringOrder is the order every scorer adds a document's term scores
// in: heaviest term first (ties in query order). Pruned and exhaustive
// scoring add in the same order, so a document scores the same bits either
// way, and the rare terms that decide the ranking come first, so MaxScore
// learns its threshold before the common terms' long posting lists.
func scoringOrder(q []QueryTerm, idf []float64) []qterm {
	var ts []qterm
	for i, qt := range q {
		if idf[i] == 0 {
			continue
		}
		ts = append(ts, qterm{Term: qt.Term, w: idf[i] * qt.Weight})
	}
	slices.SortStableFunc(ts, func(a, b qterm) int { return cmp.Compare(b.w, a.w) })
	return ts
}

// prunable reports whether MaxScore's bounds hold for the terms: only for
// positive weights (QueryTerms gives no other); a caller's own weights are
// scored without pruning.
func prunable(ts []qterm) bool {
	for _, t := range ts {
		if t.w <= 0 {
			return false
		}
	}
	return true
}

// topK keeps the k best hits seen, by score then smaller document number.
type topK struct {
	h hitHeap
	k int
}

// theta is the score a new hit must reach (tie with a smaller document
// number, or beat) once k are held; ok is false before.
func (t *topK) theta() (float64, bool) {
	if len(t.h) < t.k {
		return 0, false
	}
	return t.h[0].Score, true
}

func (t *topK) offer(d int, s float64) {
	if len(t.h) < t.k {
		heap.Push(&t.h, Hit{d, s})
	} else if s > t.h[0].Score || (s == t.h[0].Score && d < t.h[0].Doc) {
		t.h[0] = Hit{d, s}
		heap.Fix(&t.h, 0)
	}
}

func (t *topK) sorted() []Hit {
	out := []Hit(t.h)
	sortHits(out)
	return out
}

// span is one term's postings in one index.
type span struct {
	lo, hi uint32
	w      float64
}

// bound is the most one posting of the term at ix.terms[i] adds per unit
// of weight: tf·(k1+1)/(tf+norm) at its largest over the term's postings,
// worked out once per segment and term (bounds, nil: not kept) for a long
// list, or the loose k1+1 for a short one.
func (ix *Index) bound(i int, norms []float64, avgLen float64, bounds *sync.Map) float64 {
	lo, hi := ix.offsets[i], ix.offsets[i+1]
	if bounds == nil || hi-lo < boundMin {
		return k1 + 1
	}
	if v, ok := bounds.Load(ix.terms[i]); ok {
		return v.(float64)
	}
	var most float64
	for p := lo; p < hi; p++ {
		d := ix.docs[p]
		if int(d) >= len(ix.lens) {
			continue
		}
		tf := float64(ix.tfs[p])
		norm := lengthNorm(ix.lens[d], avgLen)
		if norms != nil {
			norm = norms[d]
		}
		most = max(most, tf*(k1+1)/(tf+norm))
	}
	bounds.Store(ix.terms[i], most)
	return most
}

// scorePart adds ix's documents holding the terms to top, numbered by
// global (nil: base plus their own number, see Part) and filtered by
// accept (global numbers; nil accepts all). norms holds every document's
// lengthNorm under avgLen, or is nil to work it out per posting. The terms'
// weights must be positive for pruning (prunable).
//
// With prune set it is MaxScore over term-at-a-time scoring: terms are
// scored in scoringOrder, and once the most the remaining terms can add
// (the sum of their bounds) is below the score top already requires, no
// document they alone hold can enter it; from there only the documents
// already found are looked up in the remaining postings (by galloping
// search), and each is dropped as soon as its score plus what the
// remaining terms could add falls below that threshold. A document kept
// has had every term it holds added, in the same order as without
// pruning, so the hits and their scores are exactly those of exhaustive
// scoring (TestMaxScoreIsExact). On the archive's synthetic questions it
// skips most postings of the common terms (docs/scaling.md).
func (ix *Index) scorePart(ts []qterm, avgLen float64, norms []float64, bounds *sync.Map, global []int32, base int, accept func(doc int) bool, top *topK, prune bool) {
	nd := len(ix.lens)
	if nd == 0 {
		return
	}
	spans := make([]span, 0, len(ts))
	ubs := make([]float64, 0, len(ts)) // the most a posting of spans[j] adds
	for _, t := range ts {
		i, ok := slices.BinarySearch(ix.terms, t.Term)
		if !ok {
			continue
		}
		spans = append(spans, span{ix.offsets[i], ix.offsets[i+1], t.w})
		ub := t.w * (k1 + 1)
		if prune {
			ub = t.w * ix.bound(i, norms, avgLen, bounds)
		}
		ubs = append(ubs, ub)
	}
	if len(spans) == 0 {
		return
	}
	normOf := func(d uint32) float64 {
		if norms != nil {
			return norms[d]
		}
		return lengthNorm(ix.lens[d], avgLen)
	}
	globalOf := func(d uint32) int {
		if global == nil {
			return base + int(d)
		}
		return int(global[d])
	}
	sc, _ := ix.scratch.Get().(*scorer)
	if sc == nil || len(sc.scores) != nd {
		sc = &scorer{scores: make([]float64, nd)}
	}
	if len(sc.bits) != (nd+63)/64 {
		sc.bits = make([]uint64, (nd+63)/64)
		sc.known, sc.ok = make([]uint64, len(sc.bits)), make([]uint64, len(sc.bits))
	}
	// acc is whether a document may be returned: live and accepted, the
	// filter asked once per document and question (it is a closure over
	// the engine's metadata, and MaxScore asks again for the same ones).
	acc := func(d uint32) bool {
		g := globalOf(d)
		if g < 0 {
			return false
		}
		if accept == nil {
			return true
		}
		w, bit := d/64, uint64(1)<<(d%64)
		if sc.known[w]&bit == 0 {
			sc.known[w] |= bit
			if accept(g) {
				sc.ok[w] |= bit
			}
		}
		return sc.ok[w]&bit != 0
	}

	scores := sc.scores
	// A large segment (a compacted store is one) is scored in blocks of
	// documents as if each were a segment, so that MaxScore has the
	// threshold of the blocks before from the second block on.
	var cur []uint32
	var bspans []span
	var rest []float64
	for a := 0; a < nd; a += blockDocs {
		b := min(a+blockDocs, nd)
		bspans, rest = bspans[:0], rest[:0]
		if a == 0 && b == nd {
			bspans, rest = append(bspans, spans...), append(rest, ubs...)
		} else {
			if cur == nil {
				cur = make([]uint32, len(spans))
				for t := range spans {
					cur[t] = spans[t].lo
				}
			}
			for t, sp := range spans {
				lo := gallop(ix.docs, cur[t], sp.hi, uint32(a))
				hi := gallop(ix.docs, lo, sp.hi, uint32(b))
				cur[t] = hi
				if lo < hi {
					bspans, rest = append(bspans, span{lo, hi, sp.w}), append(rest, ubs[t])
				}
			}
		}
		// rest[j]: the most spans[j:] can add to a document.
		rest = append(rest, 0)
		for j := len(bspans) - 1; j >= 0; j-- {
			rest[j] += rest[j+1]
		}
		for j := range rest {
			rest[j] *= ubSlack
		}
		spans := bspans
		// Term at a time, every posting, while a document holding only the
		// terms left could still enter top.
		// theta is the score a document must reach: top's, or more once this
		// segment's own scores so far say so (partial).
		theta, _ := top.theta()
		var most float64 // the best score so far here
		j := 0
		for ; j < len(spans); j++ {
			if prune && rest[j] < most && rest[j] >= theta && len(sc.touched) >= top.k {
				theta = max(theta, sc.partial(top.k, rest[j], acc))
			}
			if prune && rest[j] < theta && (theta > 0 || len(top.h) == top.k) {
				break
			}
			s := spans[j]
			for p := s.lo; p < s.hi; p++ {
				d := ix.docs[p]
				if int(d) >= nd {
					continue // damaged (see unmarshal)
				}
				tf := float64(ix.tfs[p])
				if scores[d] == 0 {
					sc.touched = append(sc.touched, d)
				}
				scores[d] += s.w * tf * (k1 + 1) / (tf + normOf(d))
				most = max(most, scores[d])
			}
		}
		if j == len(spans) {
			for _, d := range sc.touched {
				if s := scores[d]; s > 0 && acc(d) {
					top.offer(globalOf(d), s)
				}
			}
		} else {
			// The rest: only the documents found so far that could still
			// reach the threshold, looked up in each remaining term's postings.
			// In document order, through a bitmap: sorting them was a sixth
			// of warm search at 1M chunks.
			for _, d := range sc.touched {
				// (A document out of the block is damage: unsorted postings.)
				if scores[d]+rest[j] >= theta && int(d) >= a && int(d) < b && acc(d) {
					sc.bits[d/64] |= 1 << (d % 64)
				}
			}
			cand := sc.cand[:0]
			for w := a / 64; w < (b+63)/64; w++ {
				word := sc.bits[w]
				for word != 0 {
					cand = append(cand, uint32(w*64+bits.TrailingZeros64(word)))
					word &= word - 1
				}
				sc.bits[w] = 0
			}
			for ; j < len(spans) && len(cand) > 0; j++ {
				s := spans[j]
				p := s.lo
				kept := cand[:0]
				for _, d := range cand {
					p = gallop(ix.docs, p, s.hi, d)
					if p < s.hi && ix.docs[p] == d {
						tf := float64(ix.tfs[p])
						scores[d] += s.w * tf * (k1 + 1) / (tf + normOf(d))
					}
					if scores[d]+rest[j+1] >= theta {
						kept = append(kept, d)
					}
				}
				cand = kept
			}
			for _, d := range cand {
				top.offer(globalOf(d), scores[d])
			}
			sc.cand = cand[:0]
		}
		for _, d := range sc.touched {
			scores[d] = 0
			sc.known[d/64], sc.ok[d/64] = 0, 0
		}
		sc.touched = sc.touched[:0]
	}
	ix.scratch.Put(sc)
}

// partial is the k-th best score among the accepted documents scored so
// far when it is at least floor, else 0: a document's score only grows as
// terms are added, so the k best final scores are at least this, and a
// document that cannot reach it cannot enter the k best. It lets the first
// segment searched, or a store of one segment (after compact), prune
// without a threshold from another. Only documents at floor or above are
// asked about (acc), as only they can make the answer.
func (sc *scorer) partial(k int, floor float64, acc func(uint32) bool) float64 {
	buf := sc.sel[:0]
	for _, d := range sc.touched {
		if s := sc.scores[d]; s >= floor && acc(d) {
			buf = append(buf, s)
		}
	}
	sc.sel = buf
	if len(buf) < k {
		return 0
	}
	return kthLargest(buf, k)
}

// kthLargest is the k-th largest of a (1-based), reordering a: Hoare's
// selection, linear on average.
func kthLargest(a []float64, k int) float64 {
	lo, hi, want := 0, len(a)-1, k-1
	for lo < hi {
		pivot := a[lo+(hi-lo)/2]
		i, j := lo, hi
		for i <= j {
			for a[i] > pivot {
				i++
			}
			for a[j] < pivot {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i++
				j--
			}
		}
		switch {
		case want <= j:
			hi = j
		case want >= i:
			lo = i
		default:
			return a[want]
		}
	}
	return a[want]
}

// gallop returns the first p in [from, to) with docs[p] >= d, or to: an
// exponential then a binary search from from, so looking up ascending
// documents in a long posting list costs the log of the gap, not of the
// list.
func gallop(docs []uint32, from, to, d uint32) uint32 {
	if from >= to || docs[from] >= d {
		return from
	}
	// docs[lo] < d throughout.
	lo, step := from, uint32(1)
	for lo+step < to && docs[lo+step] < d {
		lo += step
		step <<= 1
	}
	hi := min(lo+step, to) // docs[hi] >= d, or hi == to
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if docs[mid] < d {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}
