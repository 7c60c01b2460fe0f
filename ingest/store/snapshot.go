package store

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// The snapshot file, all integers little-endian:
//
//	header   magic "HQASTORE", u32 format version, u32 vector dimension,
//	         u64 snapshot id, u64 metadata length, u64 chunk count
//	metadata snapMeta as encoded by codec.go (embedder, documents, chunks
//	         sorted by id, aux blobs)
//	vectors  chunk count × dimension float32, in the order of the chunks
//	trailer  u32 CRC-32C (Castagnoli) of every byte before it
//
// Every format version keeps the magic, the version at offset 8 and the
// trailing checksum, so any version's damage is told from a newer version.
const (
	snapshotName  = "store.hqa"
	tempPattern   = ".store-*.tmp"
	snapMagic     = "HQASTORE"
	formatVersion = 2 // version 2: the long texts after the keys (codec.go)
	// minFormatVersion is the oldest version read.
	minFormatVersion = 1
	headerLen        = 40
	trailerLen       = 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

type header struct {
	version uint32
	dim     uint32
	id      uint64
	metaLen uint64
	count   uint64
}

func (h header) encode() []byte {
	b := make([]byte, headerLen)
	copy(b, snapMagic)
	binary.LittleEndian.PutUint32(b[8:], h.version)
	binary.LittleEndian.PutUint32(b[12:], h.dim)
	binary.LittleEndian.PutUint64(b[16:], h.id)
	binary.LittleEndian.PutUint64(b[24:], h.metaLen)
	binary.LittleEndian.PutUint64(b[32:], h.count)
	return b
}

func decodeHeader(b []byte) (header, bool) {
	if len(b) < headerLen || string(b[:8]) != snapMagic {
		return header{}, false
	}
	return header{
		version: binary.LittleEndian.Uint32(b[8:]),
		dim:     binary.LittleEndian.Uint32(b[12:]),
		id:      binary.LittleEndian.Uint64(b[16:]),
		metaLen: binary.LittleEndian.Uint64(b[24:]),
		count:   binary.LittleEndian.Uint64(b[32:]),
	}, true
}

// snapMeta is the metadata section (see codec.go).
type snapMeta struct {
	Embedder string
	Docs     []*archive.Document
	Chunks   []*archive.Chunk // sorted by id; the vectors follow in this order
	Aux      map[string][]byte
	// Streams are aux blobs written by a function rather than held
	// (a merged lexical index: GBs at archive scale); a name is in Aux or
	// in Streams, not both. Only writing uses them.
	Streams map[string]AuxStream

	// recs holds the decoded chunks (Chunks points into it), so loading
	// does not copy them again.
	recs []chunkRec
}

// damaged is the error for a snapshot that cannot be trusted.
func damaged(path, why string) error {
	return fmt.Errorf("store snapshot %s is damaged: %s", path, why)
}

// openSnapshot opens a snapshot file for reading and tells its size; a
// missing file is fs.ErrNotExist unwrapped, as callers test for it.
func openSnapshot(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("reading store: %w", err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("reading store: %w", err)
	}
	return f, fi.Size(), nil
}

// readSnapshot reads and checks a snapshot file: one pass, the metadata
// section into memory, the vectors straight into one []float32, the
// checksum over all of it before anything decoded is trusted.
func readSnapshot(ctx context.Context, path string) (header, *snapMeta, []float32, error) {
	f, size, err := openSnapshot(path)
	if err != nil {
		return header{}, nil, nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	crc := crc32.New(castagnoli)
	tr := io.TeeReader(r, crc)
	readErr := func(err error) error {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return damaged(path, "truncated")
		}
		return fmt.Errorf("reading %s: %w", path, err)
	}

	hb := make([]byte, headerLen)
	n, err := io.ReadFull(tr, hb)
	got := string(hb[:n])
	switch {
	case n < len(snapMagic) && strings.HasPrefix(snapMagic, got),
		n >= len(snapMagic) && got[:len(snapMagic)] == snapMagic && size < headerLen+trailerLen:
		// Empty, or cut short, but starting like a snapshot.
		return header{}, nil, nil, damaged(path, fmt.Sprintf("truncated (%d bytes)", size))
	case n < len(snapMagic) || got[:len(snapMagic)] != snapMagic:
		return header{}, nil, nil, fmt.Errorf("%s is not a heraldqa store snapshot", path)
	case err != nil:
		return header{}, nil, nil, readErr(err)
	}
	h, _ := decodeHeader(hb)
	if h.version < minFormatVersion || h.version > formatVersion {
		// Tell a newer format from damage by the checksum every version ends
		// with.
		if err := checkRest(tr, r, crc, size); err != nil {
			return header{}, nil, nil, damaged(path, err.Error())
		}
		if h.version > formatVersion {
			return header{}, nil, nil, fmt.Errorf("store snapshot %s has format version %d, newer than this heraldqa reads (%d); upgrade heraldqa", path, h.version, formatVersion)
		}
		return header{}, nil, nil, damaged(path, fmt.Sprintf("unknown format version %d", h.version))
	}

	rest := uint64(size) - headerLen - trailerLen
	if h.metaLen > rest || h.dim > 1<<16 || (h.count > 0 && h.dim == 0) ||
		h.count > (rest-h.metaLen)/4/max(uint64(h.dim), 1) || h.metaLen+h.count*uint64(h.dim)*4 != rest {
		return header{}, nil, nil, damaged(path, fmt.Sprintf("its %d bytes do not match the section lengths in its header", size))
	}
	// Both sections are read straight into the memory that keeps them
	// (bufio passes large reads through): the metadata into one buffer every
	// string and blob is then sliced from, the vectors into their []float32.
	mb := make([]byte, h.metaLen)
	if _, err := io.ReadFull(r, mb); err != nil {
		return header{}, nil, nil, readErr(err)
	}
	if err := ctx.Err(); err != nil {
		return header{}, nil, nil, err
	}
	vb, vecs, direct := floatBytes(int(h.count * uint64(h.dim)))
	if _, err := io.ReadFull(r, vb); err != nil {
		return header{}, nil, nil, readErr(err)
	}
	// The checksum runs on the other core while the metadata is decoded;
	// nothing decoded is used unless it matches, and decoding is safe on
	// any bytes (FuzzDecodeMeta).
	sum := make(chan uint32, 1)
	go func() {
		c := crc32.Update(crc.Sum32(), castagnoli, mb)
		sum <- crc32.Update(c, castagnoli, vb)
	}()
	meta, decodeErr := decodeMeta(mb, h.version)
	if err := checkTrailer(r, <-sum); err != nil {
		return header{}, nil, nil, damaged(path, err.Error())
	}
	if decodeErr != nil {
		return header{}, nil, nil, damaged(path, "metadata "+decodeErr.Error())
	}
	if uint64(len(meta.Chunks)) != h.count {
		return header{}, nil, nil, damaged(path, fmt.Sprintf("%d chunks but %d vectors", len(meta.Chunks), h.count))
	}
	if !direct {
		decodeFloats(vecs, vb)
	}
	return h, meta, vecs, nil
}

// checkRest reads the rest of a file of the given size through tr, which
// reads r and feeds crc, and checks the trailing checksum.
func checkRest(tr, r io.Reader, crc hash.Hash32, size int64) error {
	if _, err := io.CopyN(io.Discard, tr, size-headerLen-trailerLen); err != nil {
		return errors.New("truncated")
	}
	return checkTrailer(r, crc.Sum32())
}

// checkTrailer reads the checksum from r (not through the checksum) and
// compares it with sum; anything after it is damage too.
func checkTrailer(r io.Reader, sum uint32) error {
	var tb [trailerLen + 1]byte
	n, _ := io.ReadFull(r, tb[:])
	if n < trailerLen {
		return errors.New("truncated")
	}
	if n > trailerLen || binary.LittleEndian.Uint32(tb[:]) != sum {
		return errors.New("checksum mismatch")
	}
	return nil
}

// snapshotID reads the id from a snapshot's header.
func snapshotID(path string) (uint64, bool) {
	f, err := os.Open(path)
	if err != nil {
		return 0, false
	}
	defer f.Close()
	b := make([]byte, headerLen)
	if _, err := io.ReadFull(f, b); err != nil {
		return 0, false
	}
	h, ok := decodeHeader(b)
	return h.id, ok
}

// removeTemps deletes temporary files left by a writer that was killed. The
// caller holds the write lock, so no live writer owns one.
func removeTemps(dir string) {
	names, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	for _, n := range names {
		os.Remove(n)
	}
}

// crcWriter passes writes on and checksums them.
type crcWriter struct {
	w io.Writer
	h hash.Hash32
	// mark: once n bytes reach it, head is the checksum of the first mark.
	n, mark int64
	head    uint32
	// release, if set, is called once n passes nextRelease.
	release     func()
	nextRelease int64
}

func (c *crcWriter) Write(p []byte) (int, error) {
	if c.n < c.mark && c.n+int64(len(p)) >= c.mark {
		k := c.mark - c.n
		c.h.Write(p[:k])
		c.head = c.h.Sum32()
		c.h.Write(p[k:])
	} else {
		c.h.Write(p)
	}
	c.n += int64(len(p))
	if c.release != nil && c.n >= c.nextRelease {
		c.release()
		c.nextRelease = c.n + releaseEvery
	}
	return c.w.Write(p)
}

// snapSum is what a manifest records of a segment file so that opening it
// need not checksum every byte: its size and the CRC-32C of its header and
// metadata (the part decoded at open). The vectors are covered by the
// trailer alone, checked on merge and by Verify, as Lucene checks whole
// files on merge rather than at open.
type snapSum struct {
	size int64
	head uint32
	// headLen is how many bytes head covers: the header and the metadata
	// open decodes — in format version 2 the keys, before the long texts
	// and the aux blobs (texts are bytes, the lexical postings are read
	// shared and safe on any bytes, so open need not read either); in
	// version 1 everything before the aux blobs; 0: header and all
	// metadata.
	headLen int64
}

// writeSnapshot writes a complete snapshot to path atomically.
func writeSnapshot(ctx context.Context, dir, path string, id uint64, dim int, meta *snapMeta, recs []*chunkRec) (sum snapSum, err error) {
	return writeSnapshotReleasing(ctx, dir, path, id, dim, meta, recs, nil)
}

// releaseEvery is how many bytes a merge writes between two calls of its
// release (dropping the pages it read from its mapped segments).
const releaseEvery = 64 << 20

// writeSnapshotReleasing is writeSnapshot calling release, when not nil,
// after every releaseEvery bytes written: a merge reads its texts and
// vectors from mapped segments, and the pages it read would otherwise stay
// in its resident set until the end, the whole archive for a compact.
func writeSnapshotReleasing(ctx context.Context, dir, path string, id uint64, dim int, meta *snapMeta, recs []*chunkRec, release func()) (sum snapSum, err error) {
	metaLen := metaSize(meta)

	f, err := os.CreateTemp(dir, tempPattern)
	if err != nil {
		return snapSum{}, fmt.Errorf("creating store snapshot: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriterSize(f, 1<<20)
	// The head checksum stops where the keys end: open decodes no more
	// than them (the texts after them and the aux blobs are used where
	// they lie).
	cw := &crcWriter{w: bw, h: crc32.New(castagnoli), mark: headerLen + keysEnd(meta), release: release, nextRelease: releaseEvery}
	h := header{version: formatVersion, dim: uint32(dim), id: id, metaLen: uint64(metaLen), count: uint64(len(recs))}
	if _, err := cw.Write(h.encode()); err != nil {
		return snapSum{}, fmt.Errorf("writing %s: %w", tmp, err)
	}
	// The metadata is streamed, its length in the header computed first.
	n, err := writeMeta(cw, meta)
	if err != nil {
		return snapSum{}, fmt.Errorf("writing %s: %w", tmp, err)
	}
	sum.head, sum.headLen = cw.head, cw.mark
	sum.size = headerLen + n + int64(4*dim*len(recs)) + trailerLen
	if n != metaLen {
		return snapSum{}, fmt.Errorf("writing %s: metadata came to %d bytes, not the %d its header says", tmp, n, metaLen)
	}
	if err := ctx.Err(); err != nil {
		return snapSum{}, err
	}
	buf := make([]byte, 0, 64<<10)
	for i, r := range recs {
		if len(buf)+4*dim > cap(buf) {
			if _, err := cw.Write(buf); err != nil {
				return snapSum{}, fmt.Errorf("writing %s: %w", tmp, err)
			}
			buf = buf[:0]
			if err := ctx.Err(); err != nil {
				return snapSum{}, err
			}
		}
		if len(r.vec) != dim {
			return snapSum{}, fmt.Errorf("chunk %d has a %d-dimensional vector, store has %d", i, len(r.vec), dim)
		}
		for _, x := range r.vec {
			buf = binary.LittleEndian.AppendUint32(buf, math.Float32bits(x))
		}
	}
	if _, err := cw.Write(buf); err != nil {
		return snapSum{}, fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := binary.Write(bw, binary.LittleEndian, cw.h.Sum32()); err != nil {
		return snapSum{}, fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := bw.Flush(); err != nil {
		return snapSum{}, fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return snapSum{}, fmt.Errorf("writing %s: %w", tmp, err)
	}
	if err := f.Sync(); err != nil {
		return snapSum{}, fmt.Errorf("syncing %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return snapSum{}, fmt.Errorf("closing %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return snapSum{}, fmt.Errorf("replacing store snapshot: %w", err)
	}
	// The rename is durable only once the folder is synced.
	d, err := os.Open(dir)
	if err != nil {
		return snapSum{}, fmt.Errorf("syncing store folder: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return snapSum{}, fmt.Errorf("syncing store folder: %w", err)
	}
	return sum, nil
}
