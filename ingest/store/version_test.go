package store

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// storeText is every document, article and chunk a store holds, texts
// included, as one string to compare.
func storeText(t *testing.T, dir string) string {
	t.Helper()
	l, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for _, d := range l.Documents() {
		sb.WriteString(d.Source + "|" + d.Hash + "|" + d.Meta.Date + "\n")
		for _, a := range d.Articles {
			sb.WriteString(a.ID + "|" + a.Headline + "|" + a.Text + "\n")
		}
	}
	for _, c := range l.Chunks() {
		v, _ := l.Vector(c.ID)
		sb.WriteString(c.ID + "|" + c.ArticleID + "|" + c.Text + "|" + c.Norm + "|")
		sb.WriteString(strings.Repeat("v", len(v)) + "\n")
	}
	return sb.String()
}

// versions reads the format version of every segment the manifest names.
func versions(t *testing.T, dir string) []uint32 {
	t.Helper()
	var out []uint32
	for _, s := range committed(t, dir).Segments {
		b, err := os.ReadFile(filepath.Join(dir, s.File))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, binary.LittleEndian.Uint32(b[8:]))
	}
	return out
}

// TestVersion1StoreIsRead: a store written by the previous version
// (testdata/v1store: two pages ingested one at a time by heraldqa at
// fc483c2, format version 1, texts among the keys) is read whole, with
// its manifest's head sums; a commit adds a version 2 segment beside its
// version 1 ones, and compact rewrites them all as version 2 with the same
// contents.
func TestVersion1StoreIsRead(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	copyDir(t, "testdata/v1store", dir)
	if got := versions(t, dir); len(got) != 2 || got[0] != 1 || got[1] != 1 {
		t.Fatalf("fixture segments are versions %v, want two of version 1", got)
	}
	if docs, chunks := contents(t, dir); len(docs) != 2 || len(chunks) != 4 {
		t.Fatalf("version 1 store read as %v %v, want 2 documents and 4 chunks", docs, chunks)
	}
	before := storeText(t, dir)
	if !strings.Contains(before, "国家高新区高质量一体化发展提速") {
		t.Fatalf("version 1 store read without its texts:\n%s", before)
	}
	l, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Verify(ctx); err != nil {
		t.Errorf("verify: %v", err)
	}
	e := pageA()
	for i := range e.Vectors {
		e.Vectors[i] = axis(256, i)
	}
	if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if got := versions(t, dir); len(got) != 3 || got[2] != formatVersion {
		t.Fatalf("after a commit: versions %v, want 1, 1, %d", got, formatVersion)
	}
	mixed := storeText(t, dir)
	if !strings.Contains(mixed, before[:strings.Index(before, "\n")]) || len(mixed) <= len(before) {
		t.Fatalf("a commit lost the version 1 contents:\n%s", mixed)
	}
	l, err = OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if got := versions(t, dir); len(got) != 1 || got[0] != formatVersion {
		t.Fatalf("after compact: versions %v, want one of version %d", got, formatVersion)
	}
	if after := storeText(t, dir); after != mixed {
		t.Errorf("compact changed the contents:\n got %s\nwant %s", after, mixed)
	}
}
