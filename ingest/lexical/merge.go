package lexical

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/heraldqa/heraldqa/ingest/store"
)

// SegmentMerge is the store.Merger set with SegmentIndex: a merged
// segment's lexical indexes, merged from its parts' saved indexes instead
// of built again from the chunks' texts. Rebuilding the whole archive's
// index held its builder, the index and its encoding in memory at once
// (≈ 10 GB of `compact`'s 14.5 GB at 1.05M chunks, docs/scaling.md); the
// merge keeps only the merged term list and each part's document map, and
// streams the postings, read where the parts' indexes lie, into the new
// segment. The result is byte for byte the index SegmentIndex builds over
// the merged chunks (TestMergeIsRebuild). It returns nil, nil when a
// part's indexes are missing or were built over other chunks: the store
// then builds them with the Indexer.
func SegmentMerge(parts []store.MergePart, ids []string) (map[string]store.AuxStream, error) {
	key := idKey(ids)
	out := map[string]store.AuxStream{}
	for _, name := range []string{AuxBody, AuxTitle} {
		m := &merger{nDocs: len(ids), key: key}
		for _, p := range parts {
			ix, err := UnmarshalShared(p.Aux[name])
			if err != nil || ix.Len() != len(p.New) || len(p.IDs) != len(p.New) || ix.IDKey != idKey(p.IDs) {
				return nil, nil
			}
			m.parts = append(m.parts, ix)
			m.remap = append(m.remap, p.New)
		}
		if err := m.plan(); err != nil {
			return nil, fmt.Errorf("merging lexical index %s: %w", name, err)
		}
		out[name] = store.AuxStream{Size: m.size(), Write: m.writeTo}
	}
	return out, nil
}

// merger merges indexes whose documents are renumbered by remap (part →
// old document → new document, -1 when deleted; increasing within a part,
// as a merged segment keeps each part's id order).
type merger struct {
	parts []*Index
	remap [][]int32
	nDocs int
	key   uint64
	// Planned: the merged terms with a live posting, and their counts.
	terms  []Term
	counts []uint32
	nPost  int
}

// ref is one part's postings of a term: [lo, hi) of its docs and tfs.
type ref struct {
	part   int
	lo, hi uint32
}

// walk calls fn for every term of the parts in order, with the parts'
// postings of it.
func (m *merger) walk(fn func(t Term, refs []ref) error) error {
	pos := make([]int, len(m.parts))
	refs := make([]ref, 0, len(m.parts))
	for {
		var t Term
		found := false
		for i, ix := range m.parts {
			if pos[i] < len(ix.terms) && (!found || ix.terms[pos[i]] < t) {
				t, found = ix.terms[pos[i]], true
			}
		}
		if !found {
			return nil
		}
		refs = refs[:0]
		for i, ix := range m.parts {
			if pos[i] < len(ix.terms) && ix.terms[pos[i]] == t {
				refs = append(refs, ref{part: i, lo: ix.offsets[pos[i]], hi: ix.offsets[pos[i]+1]})
				pos[i]++
			}
		}
		if err := fn(t, refs); err != nil {
			return err
		}
	}
}

var errDamaged = errors.New("a posting names a document past the index's end")

// plan finds the merged terms and how many live postings each has.
func (m *merger) plan() error {
	deletes := make([]bool, len(m.parts))
	for i, r := range m.remap {
		for _, n := range r {
			if n < 0 {
				deletes[i] = true
				break
			}
		}
	}
	return m.walk(func(t Term, refs []ref) error {
		var n int
		for _, r := range refs {
			if !deletes[r.part] {
				n += int(r.hi - r.lo)
				continue
			}
			remap := m.remap[r.part]
			for _, d := range m.parts[r.part].docs[r.lo:r.hi] {
				if int(d) >= len(remap) {
					return errDamaged
				}
				if remap[d] >= 0 {
					n++
				}
			}
		}
		if n == 0 {
			return nil
		}
		m.terms = append(m.terms, t)
		m.counts = append(m.counts, uint32(n))
		m.nPost += n
		if m.nPost > math.MaxUint32 {
			return fmt.Errorf("%d postings do not fit one index", m.nPost)
		}
		return nil
	})
}

// size is the length of the encoding writeTo writes, MarshalBinary's.
func (m *merger) size() int64 {
	return int64(32 + len(m.terms)*8 + (len(m.terms)+1)*4 + m.nPost*6 + m.nDocs*4)
}

// writeTo writes the merged index as MarshalBinary encodes an index: the
// terms and offsets from the plan, then the postings' documents and their
// frequencies in two passes over the parts, then the lengths.
func (m *merger) writeTo(w io.Writer) error {
	out := &leWriter{w: w, buf: make([]byte, 0, 64<<10)}
	out.buf = append(out.buf, magic...)
	out.u32(version)
	out.u64(m.key)
	for _, n := range []int{len(m.terms), len(m.terms) + 1, m.nPost, m.nDocs} {
		out.u32(uint32(n))
	}
	for _, t := range m.terms {
		out.u64(uint64(t))
	}
	var off uint32
	for _, n := range m.counts {
		out.u32(off)
		off += n
	}
	out.u32(off)
	for _, tfs := range []bool{false, true} {
		i := 0
		err := m.walk(func(t Term, refs []ref) error {
			if i >= len(m.terms) || m.terms[i] != t {
				return nil // no live posting
			}
			i++
			return m.postings(refs, func(doc uint32, tf uint16) {
				if tfs {
					out.u16(tf)
				} else {
					out.u32(doc)
				}
			})
		})
		if err != nil {
			return err
		}
	}
	lens := make([]uint32, m.nDocs)
	for p, ix := range m.parts {
		for d, n := range m.remap[p] {
			if n >= 0 {
				if int(n) >= len(lens) {
					return errDamaged
				}
				lens[n] = ix.lens[d]
			}
		}
	}
	for _, l := range lens {
		out.u32(l)
	}
	return out.flush()
}

// postings emits the live postings of refs in order of their new document
// numbers. Each part's postings are in that order already; a part's run
// is copied while it stays below every other part's next document, so
// parts holding disjoint ranges of ids (an archive ingested issue by
// issue) are concatenated, not compared posting by posting.
func (m *merger) postings(refs []ref, emit func(doc uint32, tf uint16)) error {
	type head struct {
		pos, hi uint32
		doc     int64 // the next live posting's new document, math.MaxInt64 when done
		docs    []uint32
		tfs     []uint16
		remap   []int32
	}
	hs := make([]head, len(refs))
	advance := func(h *head) error {
		for ; h.pos < h.hi; h.pos++ {
			d := h.docs[h.pos]
			if int(d) >= len(h.remap) {
				return errDamaged
			}
			if n := h.remap[d]; n >= 0 {
				h.doc = int64(n)
				return nil
			}
		}
		h.doc = math.MaxInt64
		return nil
	}
	for i, r := range refs {
		ix := m.parts[r.part]
		hs[i] = head{pos: r.lo, hi: r.hi, docs: ix.docs, tfs: ix.tfs, remap: m.remap[r.part]}
		if err := advance(&hs[i]); err != nil {
			return err
		}
	}
	for {
		best, second := -1, int64(math.MaxInt64)
		for i := range hs {
			switch {
			case best < 0 || hs[i].doc < hs[best].doc:
				if best >= 0 {
					second = min(second, hs[best].doc)
				}
				best = i
			default:
				second = min(second, hs[i].doc)
			}
		}
		h := &hs[best]
		if h.doc == math.MaxInt64 {
			return nil
		}
		for h.doc < second {
			emit(uint32(h.doc), h.tfs[h.pos])
			h.pos++
			if err := advance(h); err != nil {
				return err
			}
		}
	}
}

// leWriter writes little-endian values through a buffer.
type leWriter struct {
	w   io.Writer
	buf []byte
	err error
}

func (o *leWriter) room(n int) {
	if len(o.buf)+n > cap(o.buf) {
		o.flush()
	}
}

func (o *leWriter) u16(v uint16) { o.room(2); o.buf = binary.LittleEndian.AppendUint16(o.buf, v) }
func (o *leWriter) u32(v uint32) { o.room(4); o.buf = binary.LittleEndian.AppendUint32(o.buf, v) }
func (o *leWriter) u64(v uint64) { o.room(8); o.buf = binary.LittleEndian.AppendUint64(o.buf, v) }

func (o *leWriter) flush() error {
	if o.err == nil && len(o.buf) > 0 {
		_, o.err = o.w.Write(o.buf)
	}
	o.buf = o.buf[:0]
	return o.err
}
