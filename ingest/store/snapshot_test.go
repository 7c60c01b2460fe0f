package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// savedTestStore saves the hand-made store and returns its folder and the
// bytes of its one segment, which is also what a store written before
// segments held as store.hqa.
func savedTestStore(t *testing.T) (string, []byte) {
	t.Helper()
	l, dir := newTestStore(t)
	l.SetAux("bm25", []byte("postings"))
	if err := l.Save(context.Background()); err != nil {
		t.Fatal(err)
	}
	l.Close()
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Segments) != 1 {
		t.Fatalf("%d segments, want 1", len(m.Segments))
	}
	b, err := os.ReadFile(filepath.Join(dir, m.Segments[0].File))
	if err != nil {
		t.Fatal(err)
	}
	return dir, b
}

// manifestID is the id of the committed manifest, 0 when there is none.
func manifestID(t testing.TB, dir string) string {
	t.Helper()
	m, err := readManifest(dir)
	if err != nil {
		return ""
	}
	return m.ID
}

// withChecksum recomputes the trailing checksum, as a newer writer or a
// damaged-but-consistent file would have it.
func withChecksum(b []byte) []byte {
	b = slices.Clone(b)
	body := b[:len(b)-trailerLen]
	binary.LittleEndian.PutUint32(b[len(body):], crc32.Checksum(body, castagnoli))
	return b
}

func TestOpenDamagedSnapshot(t *testing.T) {
	_, good := savedTestStore(t)
	metaLen := int(binary.LittleEndian.Uint64(good[24:]))
	flip := func(off int) func([]byte) []byte {
		return func(b []byte) []byte { b = slices.Clone(b); b[off] ^= 0x40; return b }
	}
	cut := func(n int) func([]byte) []byte { return func(b []byte) []byte { return b[:n] } }
	tests := []struct {
		name    string
		edit    func([]byte) []byte
		wantErr string
	}{
		{"flip in version", flip(8), "is damaged: checksum mismatch"},
		{"flip in snapshot id", flip(20), "is damaged: checksum mismatch"},
		{"flip in metadata", flip(headerLen + metaLen/2), "is damaged: checksum mismatch"},
		{"flip in vectors", flip(headerLen + metaLen + 5), "is damaged: checksum mismatch"},
		{"flip in checksum", func(b []byte) []byte { return flip(len(b) - 1)(b) }, "is damaged: checksum mismatch"},
		{"truncated to nothing", cut(0), "is damaged: truncated (0 bytes)"},
		{"truncated in magic", cut(5), "is damaged: truncated (5 bytes)"},
		{"truncated in header", cut(20), "is damaged: truncated (20 bytes)"},
		{"truncated in metadata", cut(headerLen + metaLen/2), "is damaged:"},
		{"truncated in vectors", cut(headerLen + metaLen + 10), "is damaged:"},
		{"checksum cut off", func(b []byte) []byte { return b[:len(b)-2] }, "is damaged:"},
		{"bytes appended", func(b []byte) []byte { return append(slices.Clone(b), 0) }, "is damaged:"},
		{"not a snapshot", func([]byte) []byte { return []byte("# notes\nhello\n") }, "is not a heraldqa store snapshot"},
		{"newer format", func(b []byte) []byte {
			b = slices.Clone(b)
			binary.LittleEndian.PutUint32(b[8:], 3)
			return withChecksum(b)
		}, "has format version 3, newer than this heraldqa reads (2)"},
		{"lengths disagree, checksum right", func(b []byte) []byte {
			b = slices.Clone(b)
			binary.LittleEndian.PutUint64(b[32:], 1<<40) // chunk count
			return withChecksum(b)
		}, "do not match the section lengths"},
		{"metadata garbage, checksum right", func(b []byte) []byte {
			b = slices.Clone(b)
			for i := headerLen; i < headerLen+metaLen; i++ {
				b[i] = 0xff
			}
			return withChecksum(b)
		}, "is damaged: metadata"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, snapshotName)
			if err := os.WriteFile(path, tt.edit(good), 0o644); err != nil {
				t.Fatal(err)
			}
			l, err := Open(context.Background(), dir)
			if err == nil {
				t.Fatalf("Open succeeded with %d chunks, want an error", l.Len())
			}
			if !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), path) {
				t.Errorf("err = %v, want it to name %s and say %q", err, path, tt.wantErr)
			}
		})
	}
}

// Every prefix and every single-byte change of a snapshot is refused
// cleanly: no panic, no partial store.
func TestOpenEveryPrefixAndFlip(t *testing.T) {
	_, good := savedTestStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, snapshotName)
	try := func(b []byte, what string) {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if l, err := Open(context.Background(), dir); err == nil {
			t.Fatalf("%s: Open succeeded with %d chunks", what, l.Len())
		}
	}
	for n := range len(good) {
		try(good[:n], "prefix")
	}
	for i := range good {
		b := slices.Clone(good)
		b[i] ^= 1
		try(b, "flip")
	}
}

// encodeMeta is the whole encoding of m in memory.
func encodeMeta(m *snapMeta) []byte {
	var b bytes.Buffer
	writeMeta(&b, m) // writing to a bytes.Buffer does not fail
	return b.Bytes()
}

func FuzzDecodeMeta(f *testing.F) {
	a, b := pageA(), pageB()
	seed := &snapMeta{Embedder: testEmbedder, Docs: []*archive.Document{&a.Doc, &b.Doc}, Aux: map[string][]byte{"bm25": []byte("x")}}
	for _, e := range []Entry{a, b} {
		for i := range e.Chunks {
			seed.Chunks = append(seed.Chunks, &e.Chunks[i])
		}
	}
	f.Add(string(encodeMeta(seed)))
	f.Add("")
	f.Add("\x00\xff\xff\xff\xff\x0f")
	f.Fuzz(func(t *testing.T, s string) {
		for v := range uint32(formatVersion) {
			m, err := decodeMeta([]byte(s), v+1)
			if err == nil && m == nil {
				t.Fatal("nil metadata without error")
			}
		}
	})
}

func TestCodecCoversAllFields(t *testing.T) {
	// The codec writes these fields; a new field in package ingest would be
	// silently dropped by the store until codec.go learns it.
	tests := []struct {
		typ  any
		want int
	}{
		{archive.Document{}, 8},
		{archive.Meta{}, 6},
		{archive.Article{}, 10},
		{archive.TOCEntry{}, 2},
		{archive.Chunk{}, 7},
	}
	for _, tt := range tests {
		typ := reflect.TypeOf(tt.typ)
		if typ.NumField() != tt.want {
			t.Errorf("ingest.%s has %d fields, the snapshot codec writes %d: update codec.go and the format version", typ.Name(), typ.NumField(), tt.want)
		}
	}
}

func TestCodecRoundTripsEveryField(t *testing.T) {
	doc := &archive.Document{
		Source: "s", Origin: "/o", Format: "html", Encoding: "big5", Hash: "h",
		Meta: archive.Meta{Date: "2025-01-02", Weekday: "星期四", Issue: 1, TotalIssue: 2, Pages: 3, Page: -4},
		Articles: []archive.Article{{ID: "a", Kind: archive.KindTOC, Headline: "h", Kicker: "k", Subtitle: "st",
			Byline: "b", Page: 5, Text: "t\nu", ContinuedOn: 6, ContinuedFrom: 7}},
		TOC: []archive.TOCEntry{{Headline: "x", Page: 8}},
	}
	chunk := &archive.Chunk{ID: "a.0", ArticleID: "a", Seq: 9, Start: 10, End: 1 << 40, Text: "t", Norm: "n"}
	// A text and a blob longer than the encoder's buffer, which it writes
	// in pieces and straight through.
	long := &archive.Chunk{ID: "a.1", ArticleID: "a", Seq: -1, Text: strings.Repeat("长", encodeBufSize), Norm: "n"}
	big := bytes.Repeat([]byte{7, 0}, encodeBufSize)
	in := &snapMeta{Embedder: "e", Docs: []*archive.Document{doc}, Chunks: []*archive.Chunk{chunk, long},
		Aux: map[string][]byte{"b": {0, 1}, "e": {}, "big": big}}
	enc := encodeMeta(in)
	if n := metaSize(in); n != int64(len(enc)) {
		t.Errorf("metaSize = %d, but the encoding has %d bytes", n, len(enc))
	}
	out, err := decodeMeta(enc, formatVersion)
	if err != nil {
		t.Fatal(err)
	}
	out.recs = nil // what Chunks points into
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip:\n got %+v\nwant %+v", out, in)
	}
}

func TestOpenIgnoresLeftoverTempAndSaveRemovesIt(t *testing.T) {
	ctx := context.Background()
	dir, _ := savedTestStore(t)
	leftover := filepath.Join(dir, ".store-123456.tmp")
	if err := os.WriteFile(leftover, []byte("HQASTORE half a snap"), 0o600); err != nil {
		t.Fatal(err)
	}
	l, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != 4 {
		t.Errorf("Len() = %d, want 4", l.Len())
	}
	if err := l.Remove(ctx, "/arch/2025/41-02.txt"); err != nil {
		t.Fatal(err)
	}
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("leftover temp file still there after Save (stat: %v)", err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{lockName, manifestName, m.Aux}
	for _, s := range m.Segments {
		want = append(want, s.File, s.Catalog)
	}
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("folder holds %v, want %v", names, want)
	}
}

func TestSaveOnlyWhenChanged(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "store")
	l, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("Save of an unchanged new store created %s (stat: %v)", dir, err)
	}

	l.SetAux("x", []byte("1"))
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	first := manifestID(t, dir)
	if first == "" {
		t.Fatal("no manifest after a change")
	}
	steps := []struct {
		name    string
		change  func()
		rewrite bool
	}{
		{"nothing", func() {}, false},
		{"same aux again", func() { l.SetAux("x", []byte("1")) }, false},
		{"removing an unknown origin", func() { l.Remove(ctx, "/none") }, false},
		{"new aux", func() { l.SetAux("x", []byte("2")) }, true},
		{"aux removed", func() { l.SetAux("x", nil) }, true},
	}
	prev := first
	for _, s := range steps {
		s.change()
		if err := l.Save(ctx); err != nil {
			t.Fatal(err)
		}
		id := manifestID(t, dir)
		if rewrote := id != prev; rewrote != s.rewrite {
			t.Errorf("after %s: rewrote = %v, want %v", s.name, rewrote, s.rewrite)
		}
		prev = id
	}
}

func TestSaveRefusesOverAnotherWritersSave(t *testing.T) {
	ctx := context.Background()
	dir, _ := savedTestStore(t)
	reader, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	w, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Remove(ctx, "/arch/2025/40-01.txt"); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(ctx); err != nil {
		t.Fatal(err)
	}
	w.Close()

	reader.SetAux("bm25", []byte("rebuilt"))
	err = reader.Save(ctx)
	if err == nil || !strings.Contains(err.Error(), "was saved by another process after it was opened") {
		t.Fatalf("err = %v, want a refusal to overwrite the other save", err)
	}
	l, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != 1 {
		t.Errorf("the other writer's save was lost: Len() = %d, want 1", l.Len())
	}
}

func TestDecodeRefusesChunksOutOfOrder(t *testing.T) {
	a := &archive.Chunk{ID: "a.0", ArticleID: "a"}
	b := &archive.Chunk{ID: "a.1", ArticleID: "a"}
	tests := []struct {
		name    string
		chunks  []*archive.Chunk
		wantErr string
	}{
		{"in order", []*archive.Chunk{a, b}, ""},
		{"swapped", []*archive.Chunk{b, a}, "chunks are not in id order"},
		{"twice", []*archive.Chunk{a, a}, "chunks are not in id order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeMeta(encodeMeta(&snapMeta{Embedder: "e", Chunks: tt.chunks}), formatVersion)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("err = %v, want %q", err, tt.wantErr)
			}
		})
	}
}
