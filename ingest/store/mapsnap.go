package store

import (
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"unsafe"
)

// crcStep is how much of a mapped file is checksummed before its pages are
// dropped again, so checking a segment never holds it all resident.
const crcStep = 16 << 20

// mapSnapshot is readSnapshot for a segment a store keeps: where mmap is
// available (canMap) the file is mapped instead of read, its metadata
// decoded where it lies and its vectors used in place when aligned, and
// its pages dropped from the process once checked and decoded, so a store
// holds resident only what its searches touch (measured in
// docs/scaling.md). When the manifest recorded the file's size and head
// checksum (want.size > 0), only the header and metadata are checksummed:
// the vectors, most of the file, are not read at open at all (a flipped
// bit there changes a score, never a structure), and the whole-file
// checksum is checked on merge and by Verify, as Lucene does. Otherwise
// the checksum covers every byte, and want is filled in. Nothing decoded is used before its
// checksum matched. Anything unexpected — a short file, another version,
// damage — is handed to readSnapshot, which reads the file again and
// returns its own error, so both paths refuse alike.
func mapSnapshot(ctx context.Context, path string, want *snapSum) (header, *snapMeta, []float32, error) {
	h, meta, vecs, m, err := mapSegment(ctx, path, want)
	if m != nil {
		randomAccess(m)
	}
	return h, meta, vecs, err
}

// mapSegment is mapSnapshot, returning the mapping too (nil when the file
// was read instead), with the kernel's read-ahead left on: a merge reads
// it through in order.
func mapSegment(ctx context.Context, path string, want *snapSum) (header, *snapMeta, []float32, []byte, error) {
	reread := func() (header, *snapMeta, []float32, []byte, error) {
		h, meta, vecs, err := readSnapshot(ctx, path)
		return h, meta, vecs, nil, err
	}
	if !canMap {
		return reread()
	}
	f, size, err := openSnapshot(path)
	if err != nil {
		return header{}, nil, nil, nil, err
	}
	defer f.Close()
	if want.size > 0 && size != want.size {
		return header{}, nil, nil, nil, damaged(path, fmt.Sprintf("it has %d bytes, its manifest says %d", size, want.size))
	}
	if size < headerLen+trailerLen {
		return reread()
	}
	m, err := mapFile(f, size)
	if err != nil {
		return reread()
	}
	h, ok := decodeHeader(m)
	rest := uint64(size) - headerLen - trailerLen
	if !ok || h.version < minFormatVersion || h.version > formatVersion || h.metaLen > rest || h.dim > 1<<16 || (h.count > 0 && h.dim == 0) ||
		h.count > (rest-h.metaLen)/4/max(uint64(h.dim), 1) || h.metaLen+h.count*uint64(h.dim)*4 != rest {
		unmapFile(m)
		return reread()
	}
	end := headerLen + int(h.metaLen)
	headEnd := end
	if want.headLen > 0 {
		if want.headLen < headerLen || want.headLen > int64(end) {
			unmapFile(m)
			return reread()
		}
		headEnd = int(want.headLen)
	}
	mb := m[headerLen:end:end]
	vb := m[end : size-trailerLen]
	sum := make(chan uint32, 1)
	var head uint32
	go func() {
		var c uint32
		body := m[:size-trailerLen]
		if want.size > 0 {
			body = m[:headEnd]
		}
		for from := 0; from < len(body); from += crcStep {
			to := min(from+crcStep, len(body))
			if from < end && to >= end {
				head = crc32.Update(c, castagnoli, body[from:end])
			}
			c = crc32.Update(c, castagnoli, body[from:to])
			dropRange(m, from, to)
		}
		sum <- c
	}()
	meta, decodeErr := decodeMetaOwn(mb, h.version, true)
	got := <-sum
	wantSum := binary.LittleEndian.Uint32(m[size-trailerLen:])
	if want.size > 0 {
		wantSum = want.head
	}
	if decodeErr != nil || got != wantSum || uint64(len(meta.Chunks)) != h.count {
		unmapFile(m)
		return reread()
	}
	if want.size == 0 {
		// Checked whole: what a manifest written now records, so a commit
		// by a writer that loaded this (OpenWriter) lets later loads skip
		// the vectors. Catalog-only writers (the CLI's) do not load
		// segments: older segments get their sums when merged (compact).
		*want = snapSum{size: size, head: head}
	}
	n := int(h.count * uint64(h.dim))
	var vecs []float32
	switch {
	case n == 0:
	case littleEndian && uintptr(unsafe.Pointer(&vb[0]))%4 == 0:
		vecs = unsafe.Slice((*float32)(unsafe.Pointer(&vb[0])), n)
	default:
		vecs = make([]float32, n)
		decodeFloats(vecs, vb)
	}
	// Decoded: what the store keeps points into m, and is read again from
	// the page cache when a search touches it.
	dropRange(m, 0, len(m))
	return h, meta, vecs, m, ctx.Err()
}

// dropRange drops the whole pages of m[from:to] (see dropPages); m starts
// on a page boundary.
func dropRange(m []byte, from, to int) {
	page := os.Getpagesize()
	from = (from + page - 1) / page * page
	to = to / page * page
	if to == len(m)/page*page && len(m)%page != 0 && to < len(m) {
		to = len(m) // the last, partial page is the mapping's own
	}
	if from < to {
		dropPages(m[from:to])
	}
}
