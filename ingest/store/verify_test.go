package store

import (
	"bytes"
	"context"
	"encoding/json"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// TestOpenDamagedSegment: a segment named by a manifest that recorded its
// size and head checksum is opened without checksumming its vectors or its
// aux blobs (the lexical postings, read shared: lexical.UnmarshalShared is
// safe on any bytes). Damage to its header or metadata, or a changed
// length, is still refused at open with one line naming the file; a flipped
// bit in the vectors or postings is not seen at open (it changes a score,
// no structure) but is refused by Verify, which reads the whole file, as a
// merge does (readSnapshot). Where files are read, not mapped, open checks
// every byte.
func TestOpenDamagedSegment(t *testing.T) {
	ctx := context.Background()
	postings := bytes.Repeat([]byte("POSTINGS"), 64)
	l, dir := newTestStore(t)
	l.SetIndexer(func([]*archive.Chunk, func(string) *archive.Article) (map[string][]byte, error) {
		return map[string][]byte{"lexical/test": postings}, nil
	})
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	l.Close()
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Segments) != 1 || m.Segments[0].Size == 0 {
		t.Fatalf("manifest segments %+v: want one with its size recorded", m.Segments)
	}
	path := filepath.Join(dir, m.Segments[0].File)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(good)) != m.Segments[0].Size {
		t.Fatalf("manifest says %d bytes, file has %d", m.Segments[0].Size, len(good))
	}
	at := bytes.Index(good, postings)
	if at < 0 {
		t.Fatal("postings blob not found in the segment")
	}
	h, _ := decodeHeader(good)
	flip := func(off int) []byte { b := slices.Clone(good); b[off] ^= 0x40; return b }
	for _, tc := range []struct {
		name       string
		data       []byte
		openErr    string // "" : Open succeeds
		verifyFail bool
	}{
		{"intact", good, "", false},
		{"flip in header", flip(20), "is damaged", true},
		{"flip in metadata", flip(headerLen + 3), "is damaged", true},
		{"flip in postings", flip(at + len(postings)/2), "", true},
		{"flip in vectors", flip(headerLen + int(h.metaLen) + 5), "", true},
		{"flip in checksum", flip(len(good) - 1), "", true},
		{"cut", good[:len(good)-3], "its manifest says", true},
		{"byte appended", append(slices.Clone(good), 0), "its manifest says", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if !canMap && tc.openErr == "" && tc.verifyFail {
				tc.openErr = "is damaged"
			}
			st, err := Open(ctx, dir)
			switch {
			case tc.openErr == "" && err != nil:
				t.Fatalf("Open: %v", err)
			case tc.openErr != "" && err == nil:
				t.Fatalf("Open succeeded with %d chunks, want an error", st.Len())
			case err != nil && (!strings.Contains(err.Error(), tc.openErr) || !strings.Contains(err.Error(), path) || strings.Contains(err.Error(), "\n")):
				t.Fatalf("Open: %v, want one line naming %s and saying %q", err, path, tc.openErr)
			}
			if err != nil {
				return
			}
			if st.Len() != l.Len() {
				t.Errorf("opened %d chunks, want %d", st.Len(), l.Len())
			}
			err = st.Verify(ctx)
			if tc.verifyFail != (err != nil) {
				t.Fatalf("Verify: %v, want failure %v", err, tc.verifyFail)
			}
			if err != nil && (!strings.Contains(err.Error(), "checksum mismatch") || !strings.Contains(err.Error(), path)) {
				t.Errorf("Verify: %v, want a checksum mismatch naming %s", err, path)
			}
		})
	}
}

// TestManifestLearnsSegmentSums: a manifest written before segment sizes
// and head checksums were recorded is read with whole checks, and the next
// commit records them for the segments it keeps, so later loads skip the
// vectors.
func TestManifestLearnsSegmentSums(t *testing.T) {
	ctx := context.Background()
	dir, _ := savedTestStore(t)
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := m.Segments[0]
	m.Segments[0].Size, m.Segments[0].Head, m.Segments[0].HeadLen = 0, 0, 0
	seg, err := os.ReadFile(filepath.Join(dir, want.File))
	if err != nil {
		t.Fatal(err)
	}
	h, _ := decodeHeader(seg)
	// Learned from a whole check, the head covers all the metadata.
	want.Head = crc32.Checksum(seg[:headerLen+h.metaLen], castagnoli)
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, manifestName), b, 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	e := pageB()
	e.Doc.Origin, e.Doc.Source = "other.txt", "other.txt"
	for i := range e.Doc.Articles {
		e.Doc.Articles[i].ID += "-other"
	}
	for i := range e.Chunks {
		e.Chunks[i].ID += "-other"
		e.Chunks[i].ArticleID += "-other"
	}
	if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	got, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range got.Segments {
		if s.File == want.File && (s.Size != want.Size || s.Head != want.Head || s.HeadLen != 0) {
			t.Errorf("kept segment recorded as size %d head %x, want %d %x", s.Size, s.Head, want.Size, want.Head)
		}
		if s.Size == 0 {
			t.Errorf("segment %s has no size recorded", s.File)
		}
	}
}
