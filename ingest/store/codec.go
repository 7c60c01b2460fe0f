package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unsafe"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// The metadata section of a snapshot is a flat binary encoding rather than
// gob: decoding takes every string as a substring of one copy of the
// section, which makes loading tens of thousands of chunks several times
// faster. Integers are varints, strings and blobs a uvarint length and their
// bytes, lists a uvarint count and their items, fields in declaration order:
//
//	embedder
//	keys length (version 2)
//	documents: Source Origin Format Encoding Hash
//	           Meta{Date Weekday Issue TotalIssue Pages Page}
//	           articles: ID Kind Headline Kicker Subtitle Byline Page Text ContinuedOn ContinuedFrom
//	           toc: Headline Page
//	chunks:    ID ArticleID Seq Start End Text Norm
//	texts      (version 2)
//	aux:       name blob
//
// In version 1 the long texts (an article's Text, a chunk's Text and Norm)
// are strings in place. Version 2 keeps only their lengths among the
// documents and chunks (the "keys", their length given first) and puts
// their bytes after them, one after another in the same order: opening a
// segment then reads and checksums the keys, ~2% of the metadata at
// archive scale, and a text is read from the mapped file when a question
// shows it (docs/scaling.md, fourth pass). Version 1 is still read.
//
// A field added to a type of package ingest must be added here, with a new
// format version (TestCodecCoversAllFields fails until then).

// encoder writes the encoding to w through a small buffer, or with sizing
// set only adds up its length, so the snapshot's header can give the
// section's length before the section is streamed out: the whole section
// (hundreds of MB at archive scale) is never in memory at once.
type encoder struct {
	sizing bool
	n      int64 // bytes encoded so far
	w      io.Writer
	buf    []byte
	err    error // the first write error; later writes do nothing
}

// encodeBufSize is the encoder's buffer; larger blobs bypass it.
const encodeBufSize = 64 << 10

func (e *encoder) uvarint(x uint64) {
	if e.sizing {
		e.n += int64(uvarintLen(x))
		return
	}
	if len(e.buf)+binary.MaxVarintLen64 > cap(e.buf) {
		e.flush()
	}
	before := len(e.buf)
	e.buf = binary.AppendUvarint(e.buf, x)
	e.n += int64(len(e.buf) - before)
}

// raw writes bytes as they are.
func (e *encoder) raw(s string) {
	e.n += int64(len(s))
	if e.sizing {
		return
	}
	for len(s) > 0 {
		if len(e.buf) == cap(e.buf) {
			e.flush()
		}
		take := min(len(s), cap(e.buf)-len(e.buf))
		e.buf = append(e.buf, s[:take]...)
		s = s[take:]
	}
}

func (e *encoder) flush() {
	if e.err == nil && len(e.buf) > 0 {
		_, e.err = e.w.Write(e.buf)
	}
	e.buf = e.buf[:0]
}

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.raw(s)
}

func (e *encoder) blob(b []byte) {
	e.uvarint(uint64(len(b)))
	e.n += int64(len(b))
	if e.sizing {
		return
	}
	if len(e.buf)+len(b) > cap(e.buf) {
		e.flush()
	}
	if len(b) <= cap(e.buf) {
		e.buf = append(e.buf, b...)
		return
	}
	if e.err == nil {
		_, e.err = e.w.Write(b)
	}
}

// int is zigzag-encoded, as binary.AppendVarint writes it.
func (e *encoder) int(n int) {
	x := uint64(n) << 1
	if n < 0 {
		x = ^x
	}
	e.uvarint(x)
}

func (e *encoder) count(n int) { e.uvarint(uint64(n)) }

func uvarintLen(x uint64) int {
	n := 1
	for ; x >= 0x80; x >>= 7 {
		n++
	}
	return n
}

// metaSize is the length of m's encoding.
func metaSize(m *snapMeta) int64 {
	e := &encoder{sizing: true}
	e.meta(m)
	return e.n
}

// writeMeta writes m's encoding to w and returns its length.
func writeMeta(w io.Writer, m *snapMeta) (int64, error) {
	e := &encoder{w: w, buf: make([]byte, 0, encodeBufSize)}
	e.meta(m)
	e.flush()
	return e.n, e.err
}

// meta writes m in the current format version (2).
func (e *encoder) meta(m *snapMeta) {
	e.str(m.Embedder)
	e.uvarint(uint64(keysSize(m)))
	e.keys(m)
	e.texts(m)
	e.aux(m)
}

func keysSize(m *snapMeta) int64 {
	k := &encoder{sizing: true}
	k.keys(m)
	return k.n
}

// keysEnd is where m's keys end in its encoding: what open checksums.
func keysEnd(m *snapMeta) int64 {
	n := keysSize(m)
	return int64(uvarintLen(uint64(len(m.Embedder)))+len(m.Embedder)+uvarintLen(uint64(n))) + n
}

// keys writes the documents and chunks, each long text as its length.
func (e *encoder) keys(m *snapMeta) {
	e.count(len(m.Docs))
	for _, d := range m.Docs {
		e.str(d.Source)
		e.str(d.Origin)
		e.str(d.Format)
		e.str(d.Encoding)
		e.str(d.Hash)
		e.str(d.Meta.Date)
		e.str(d.Meta.Weekday)
		e.int(d.Meta.Issue)
		e.int(d.Meta.TotalIssue)
		e.int(d.Meta.Pages)
		e.int(d.Meta.Page)
		e.count(len(d.Articles))
		for i := range d.Articles {
			a := &d.Articles[i]
			e.str(a.ID)
			e.str(string(a.Kind))
			e.str(a.Headline)
			e.str(a.Kicker)
			e.str(a.Subtitle)
			e.str(a.Byline)
			e.int(a.Page)
			e.uvarint(uint64(len(a.Text)))
			e.int(a.ContinuedOn)
			e.int(a.ContinuedFrom)
		}
		e.count(len(d.TOC))
		for _, t := range d.TOC {
			e.str(t.Headline)
			e.int(t.Page)
		}
	}
	e.count(len(m.Chunks))
	for _, c := range m.Chunks {
		e.str(c.ID)
		e.str(c.ArticleID)
		e.int(c.Seq)
		e.int(c.Start)
		e.int(c.End)
		e.uvarint(uint64(len(c.Text)))
		e.uvarint(uint64(len(c.Norm)))
	}
}

// texts writes the long texts keys gave the lengths of, in that order.
func (e *encoder) texts(m *snapMeta) {
	for _, d := range m.Docs {
		for i := range d.Articles {
			e.raw(d.Articles[i].Text)
		}
	}
	for _, c := range m.Chunks {
		e.raw(c.Text)
		e.raw(c.Norm)
	}
}

func (e *encoder) aux(m *snapMeta) {
	names := auxNames(m)
	e.count(len(names))
	for _, name := range names {
		e.str(name)
		if s, ok := m.Streams[name]; ok {
			e.stream(s)
		} else {
			e.blob(m.Aux[name])
		}
	}
}

// auxNames are the names of m's aux blobs, held or streamed, sorted.
func auxNames(m *snapMeta) []string {
	return slices.Sorted(func(yield func(string) bool) {
		for n := range m.Aux {
			if !yield(n) {
				return
			}
		}
		for n := range m.Streams {
			if _, dup := m.Aux[n]; !dup && !yield(n) {
				return
			}
		}
	})
}

// auxLen is the length of m's aux blob name.
func auxLen(m *snapMeta, name string) int64 {
	if s, ok := m.Streams[name]; ok {
		return s.Size
	}
	return int64(len(m.Aux[name]))
}

// stream writes a streamed blob as blob writes a held one, refusing one
// that writes other than the length it announced (the header and the
// manifest's sums were computed from it).
func (e *encoder) stream(s AuxStream) {
	e.uvarint(uint64(s.Size))
	e.n += s.Size
	if e.sizing {
		return
	}
	e.flush()
	if e.err != nil {
		return
	}
	cw := &countWriter{w: e.w}
	if e.err = s.Write(cw); e.err == nil && cw.n != s.Size {
		e.err = fmt.Errorf("an aux blob came to %d bytes, not the %d announced", cw.n, s.Size)
	}
}

// countWriter passes writes on and counts them.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// decoder reads the encoding from b, viewed as the string s: every string
// decoded is a substring of s and every blob a slice of b, so decoding
// copies no text. b must not change afterwards.
type decoder struct {
	s   string
	b   []byte
	pos int
	err error
	// own makes key copy what it decodes, so that b (a mapped file) need
	// not stay resident for the store's ids, names and dates, only for the
	// texts and blobs a search reads.
	own bool
	// split: format version 2, long texts after the keys; next is where
	// the next of them starts.
	split bool
	next  int
}

var errShort = errors.New("ends early")

func (d *decoder) fail(err error) {
	if d.err == nil {
		d.err = err
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	if d.pos < len(d.s) && d.s[d.pos] < 0x80 { // most are one byte
		d.pos++
		return uint64(d.s[d.pos-1])
	}
	var x uint64
	var shift uint
	for i := 0; ; i++ {
		if d.pos >= len(d.s) {
			d.fail(errShort)
			return 0
		}
		c := d.s[d.pos]
		d.pos++
		if c < 0x80 {
			if i == binary.MaxVarintLen64-1 && c > 1 {
				d.fail(errors.New("varint overflows"))
				return 0
			}
			return x | uint64(c)<<shift
		}
		if i == binary.MaxVarintLen64-1 {
			d.fail(errors.New("varint overflows"))
			return 0
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
}

func (d *decoder) int() int {
	u := d.uvarint()
	x := int64(u >> 1) // zigzag, as binary.AppendVarint writes
	if u&1 != 0 {
		x = ^x
	}
	return int(x)
}

func (d *decoder) str() string { return d.take(&d.pos) }

// text is a long text: a string in place (version 1), or its length here
// and its bytes the next in the texts after the keys (version 2).
func (d *decoder) text() string {
	if !d.split {
		return d.str()
	}
	return d.take(&d.next)
}

// take reads a length here and takes that many bytes at *at: in place
// (at is &d.pos, read after the length) or among the texts (&d.next).
func (d *decoder) take(at *int) string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.s)-*at) {
		d.fail(errShort)
		return ""
	}
	s := d.s[*at : *at+int(n)]
	*at += int(n)
	return s
}

// key is str for a short string looked at for every chunk or document
// (ids, names, dates): a copy when d.own.
func (d *decoder) key() string {
	if s := d.str(); d.own {
		return strings.Clone(s)
	} else {
		return s
	}
}

// blob is str as a slice of b, its capacity cut so an append cannot
// overwrite what follows.
func (d *decoder) blob() []byte {
	n := len(d.str())
	if d.err != nil {
		return nil
	}
	return d.b[d.pos-n : d.pos : d.pos]
}

// count reads a list length, refusing one that could not fit in what is
// left (each item takes at least minSize bytes), so damage cannot make the
// decoder allocate without bound.
func (d *decoder) count(minSize int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64((len(d.s)-d.pos)/minSize) {
		d.fail(fmt.Errorf("list of %d items is longer than the data", n))
		return 0
	}
	return int(n)
}

// decodeMeta decodes a metadata section of the given format version. What
// it returns shares b's memory: b must not be modified afterwards.
func decodeMeta(b []byte, version uint32) (*snapMeta, error) {
	return decodeMetaOwn(b, version, false)
}

// decodeMetaOwn is decodeMeta, copying the short strings (see
// decoder.own) when own is set.
func decodeMetaOwn(b []byte, version uint32, own bool) (*snapMeta, error) {
	d := &decoder{b: b, own: own}
	if len(b) > 0 {
		d.s = unsafe.String(&b[0], len(b))
	}
	m := &snapMeta{Embedder: d.str()}
	keysEnd := 0
	if version >= 2 {
		d.split = true
		if n := d.uvarint(); n > uint64(len(d.s)-d.pos) {
			d.fail(errShort)
		} else {
			keysEnd = d.pos + int(n)
			d.next = keysEnd
		}
	}
	m.Docs = make([]*archive.Document, d.count(11))
	docs := make([]archive.Document, len(m.Docs))
	for i := range docs {
		doc := &docs[i]
		doc.Source = d.key()
		doc.Origin = d.key()
		doc.Format = d.key()
		doc.Encoding = d.key()
		doc.Hash = d.key()
		doc.Meta.Date = d.key()
		doc.Meta.Weekday = d.key()
		doc.Meta.Issue = d.int()
		doc.Meta.TotalIssue = d.int()
		doc.Meta.Pages = d.int()
		doc.Meta.Page = d.int()
		if n := d.count(10); n > 0 {
			doc.Articles = make([]archive.Article, n)
		}
		for j := range doc.Articles {
			a := &doc.Articles[j]
			a.ID = d.key()
			a.Kind = archive.Kind(d.key())
			a.Headline = d.key()
			a.Kicker = d.key()
			a.Subtitle = d.key()
			a.Byline = d.key()
			a.Page = d.int()
			a.Text = d.text()
			a.ContinuedOn = d.int()
			a.ContinuedFrom = d.int()
		}
		if n := d.count(2); n > 0 {
			doc.TOC = make([]archive.TOCEntry, n)
		}
		for j := range doc.TOC {
			doc.TOC[j].Headline = d.key()
			doc.TOC[j].Page = d.int()
		}
		m.Docs[i] = doc
	}
	m.Chunks = make([]*archive.Chunk, d.count(7))
	m.recs = make([]chunkRec, len(m.Chunks))
	for i := range m.recs {
		c := &m.recs[i].chunk
		c.ID = d.key()
		c.ArticleID = d.key()
		// Checked here, while the previous chunk's bytes are still in the
		// cache: at archive scale a later pass over the ids would miss it on
		// every chunk.
		if i > 0 {
			prev := &m.recs[i-1].chunk
			if c.ID <= prev.ID {
				d.fail(errors.New("chunks are not in id order"))
			}
			if c.ArticleID == prev.ArticleID {
				// One string for all of an article's chunks, so comparing
				// them later is comparing two pointers.
				c.ArticleID = prev.ArticleID
			}
		}
		c.Seq = d.int()
		c.Start = d.int()
		c.End = d.int()
		c.Text = d.text()
		c.Norm = d.text()
		m.Chunks[i] = c
	}
	if d.split && d.err == nil {
		if d.pos != keysEnd {
			d.fail(fmt.Errorf("keys end at byte %d, not at %d", d.pos, keysEnd))
		}
		d.pos = d.next // past the texts
	}
	n := d.count(2)
	m.Aux = make(map[string][]byte, n)
	for range n {
		name := d.key()
		m.Aux[name] = d.blob()
	}
	if d.err != nil {
		return nil, fmt.Errorf("at byte %d: %w", d.pos, d.err)
	}
	if d.pos != len(d.s) {
		return nil, fmt.Errorf("%d bytes left over", len(d.s)-d.pos)
	}
	return m, nil
}
