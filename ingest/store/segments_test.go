package store

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// contents is what a loaded store holds: its documents' sources and hashes
// and its chunk ids, in order.
func contents(t *testing.T, dir string) (docs, chunks []string) {
	t.Helper()
	l, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range l.Documents() {
		docs = append(docs, d.Source+"@"+d.Hash[:4])
	}
	for _, c := range l.Chunks() {
		chunks = append(chunks, c.ID)
	}
	return docs, chunks
}

// committed lists the files the manifest names, and fails if the folder
// holds a segment, catalog or aux file it does not name.
func committed(t *testing.T, dir string) *manifest {
	t.Helper()
	m, err := readManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{m.Aux: true}
	for _, s := range m.Segments {
		named[s.File], named[s.Catalog] = true, true
	}
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		n := e.Name()
		if (strings.HasPrefix(n, segPrefix) || strings.HasPrefix(n, auxPrefix) || n == snapshotName) && !named[n] {
			t.Errorf("%s is left in the folder but no manifest names it", n)
		}
	}
	return m
}

// changedA is pageA with new text: the same file, edited.
func changedA() Entry {
	e := pageA()
	e.Doc.Hash = "aaaa11111111111111111111111111111111111111111111111111111111aaaa"
	e.Doc.Articles = slices.Clone(e.Doc.Articles)
	e.Doc.Articles[0].Headline = "科技创新引领产业升级(更正)"
	e.Chunks = e.Chunks[:1]
	e.Vectors = e.Vectors[:1]
	return e
}

// TestSegmentsReplaceRemoveCompact follows a store through the weekly
// cycle: each commit adds a segment, a replaced or removed file is
// deleted from the older segment, and compact leaves one segment with the
// same content.
func TestSegmentsReplaceRemoveCompact(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	steps := []struct {
		name       string
		do         func(l *Local) error
		wantDocs   []string
		wantChunks []string
		wantSegs   int
	}{
		{"add A", func(l *Local) error { return l.Replace(ctx, pageA().Doc.Origin, []Entry{pageA()}) },
			[]string{"2025/40-01.txt@aaaa"}, []string{"aaaa000000000000-0.0", "aaaa000000000000-0.1", "aaaa000000000000-1.0"}, 1},
		{"add B", func(l *Local) error { return l.Replace(ctx, pageB().Doc.Origin, []Entry{pageB()}) },
			[]string{"2025/40-01.txt@aaaa", "2025/41-02.txt@bbbb"},
			[]string{"aaaa000000000000-0.0", "aaaa000000000000-0.1", "aaaa000000000000-1.0", "bbbb000000000000-0.0"}, 2},
		{"replace A", func(l *Local) error { return l.Replace(ctx, pageA().Doc.Origin, []Entry{changedA()}) },
			[]string{"2025/40-01.txt@aaaa", "2025/41-02.txt@bbbb"},
			[]string{"aaaa000000000000-0.0", "bbbb000000000000-0.0"}, 2}, // A's first segment holds nothing live: dropped
		{"remove B", func(l *Local) error { return l.Remove(ctx, pageB().Doc.Origin) },
			[]string{"2025/40-01.txt@aaaa"}, []string{"aaaa000000000000-0.0"}, 1},
		{"add B again", func(l *Local) error { return l.Replace(ctx, pageB().Doc.Origin, []Entry{pageB()}) },
			[]string{"2025/40-01.txt@aaaa", "2025/41-02.txt@bbbb"}, []string{"aaaa000000000000-0.0", "bbbb000000000000-0.0"}, 2},
	}
	for _, s := range steps {
		// Every step is its own ingest: the appender reads catalogs only.
		l, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.UseEmbedder(testEmbedder, 4); err != nil {
			t.Fatal(err)
		}
		if err := s.do(l); err != nil {
			t.Fatal(err)
		}
		if err := l.Save(ctx); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		l.Close()
		docs, chunks := contents(t, dir)
		if !slices.Equal(docs, s.wantDocs) || !slices.Equal(chunks, s.wantChunks) {
			t.Fatalf("after %s: docs %v chunks %v, want %v %v", s.name, docs, chunks, s.wantDocs, s.wantChunks)
		}
		if m := committed(t, dir); len(m.Segments) != s.wantSegs {
			t.Errorf("after %s: %d segments, want %d", s.name, len(m.Segments), s.wantSegs)
		}
	}
	// The edited A is what is found, with its own vector.
	r, _ := Open(ctx, dir)
	hits, err := r.Search(ctx, axis(4, 0), 1, nil)
	if err != nil || len(hits) != 1 || hits[0].ChunkID != "aaaa000000000000-0.0" {
		t.Fatalf("search = %v, %v", hits, err)
	}
	if a, _, _ := r.Article("aaaa000000000000-0"); a == nil || !strings.Contains(a.Headline, "更正") {
		t.Errorf("article is %+v, want the edited one", a)
	}

	w, err := OpenAppender(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Compact(ctx); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if m := committed(t, dir); len(m.Segments) != 1 || len(m.Segments[0].Deleted) != 0 {
		t.Errorf("after compact: %+v, want one segment and nothing deleted", m.Segments)
	}
	docs, chunks := contents(t, dir)
	if !slices.Equal(docs, steps[len(steps)-1].wantDocs) || !slices.Equal(chunks, steps[len(steps)-1].wantChunks) {
		t.Errorf("compact changed the content: %v %v", docs, chunks)
	}
	// A reader opened before the compaction saw it happen.
	if !r.Changed() {
		t.Error("a reader opened before compact does not see the change")
	}
}

// TestAppenderKnowsTheStore: an appender that loaded only catalogs still
// refuses another embedder, counts the chunks, and skips stored content.
func TestAppenderKnowsTheStore(t *testing.T) {
	ctx := context.Background()
	l, dir := newTestStore(t)
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	l.Close()
	a, err := OpenAppender(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if a.Len() != 4 {
		t.Errorf("Len = %d, want 4", a.Len())
	}
	if err := a.UseEmbedder("other", 4); err == nil {
		t.Error("appender accepted another embedder over stored chunks")
	}
	if !a.HasHash(pageB().Doc.Hash) || !slices.Equal(a.OriginHashes(pageA().Doc.Origin), []string{pageA().Doc.Hash}) {
		t.Error("appender does not know the stored hashes")
	}
	e := pageB()
	e.Doc.Origin, e.Doc.Source = "/arch/copy.txt", "copy.txt"
	if err := a.Replace(ctx, e.Doc.Origin, []Entry{e}); err == nil {
		t.Error("appender accepted an article id stored under another file")
	}
	if err := a.Remove(ctx, pageA().Doc.Origin); err != nil {
		t.Fatal(err)
	}
	if a.Len() != 1 {
		t.Errorf("Len after removing A = %d, want 1", a.Len())
	}
}

// TestLegacySnapshotIsReadThenConverted: a store written before segments
// (one store.hqa, no manifest) is read as it is, and its first commit
// turns it into a segment without copying and removes store.hqa.
func TestLegacySnapshotIsReadThenConverted(t *testing.T) {
	ctx := context.Background()
	_, seg := savedTestStore(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, snapshotName), seg, 0o644); err != nil {
		t.Fatal(err)
	}
	docs, chunks := contents(t, dir)
	if len(docs) != 2 || len(chunks) != 4 {
		t.Fatalf("legacy store read as %v %v", docs, chunks)
	}
	w, err := OpenAppender(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if w.Len() != 4 {
		t.Errorf("an appender counts %d chunks in the legacy store, want 4", w.Len())
	}
	if err := w.UseEmbedder("other", 4); err == nil {
		t.Error("an appender took another embedder over the legacy store's chunks")
	}
	if err := w.UseEmbedder(testEmbedder, 4); err != nil {
		t.Fatal(err)
	}
	if err := w.Replace(ctx, pageA().Doc.Origin, []Entry{changedA()}); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(ctx); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, err := os.Stat(filepath.Join(dir, snapshotName)); !os.IsNotExist(err) {
		t.Errorf("store.hqa still there after the first commit (%v)", err)
	}
	committed(t, dir)
	docs, chunks = contents(t, dir)
	if want := []string{"aaaa000000000000-0.0", "bbbb000000000000-0.0"}; len(docs) != 2 || !slices.Equal(chunks, want) {
		t.Errorf("after converting: %v %v, want chunks %v", docs, chunks, want)
	}
}

// TestManyCommitsMerge: past maxSegments the small segments are merged and
// nothing is lost.
func TestManyCommitsMerge(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	n := maxSegments + 5
	var merged bool
	for d := range n {
		l, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		fillOne(t, l, d)
		if err := l.Save(ctx); err != nil {
			t.Fatal(err)
		}
		l.Close()
		m := committed(t, dir)
		if len(m.Segments) > maxSegments {
			t.Fatalf("%d segments after commit %d, want at most %d", len(m.Segments), d, maxSegments)
		}
		merged = merged || len(m.Segments) < d+1
	}
	if !merged {
		t.Error("no merge happened")
	}
	docs, chunks := contents(t, dir)
	if len(docs) != n || len(chunks) != n*articlesPerDoc*chunksPerArticle {
		t.Errorf("%d documents and %d chunks after merging, want %d and %d", len(docs), len(chunks), n, n*articlesPerDoc*chunksPerArticle)
	}
}

func fillOne(t testing.TB, l *Local, d int) {
	t.Helper()
	if err := l.UseEmbedder(synthEmbedderName, synthDim); err != nil {
		t.Fatal(err)
	}
	e := synthEntry(1, d)
	if err := l.Replace(context.Background(), e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
}

// TestSegmentsTellLexicalWhereChunksAre: Segments maps each segment's
// chunks to their positions in Chunks, deleted ones to -1.
func TestSegmentsTellLexicalWhereChunksAre(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, e := range []Entry{pageB(), pageA(), changedA()} {
		l, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		l.UseEmbedder(testEmbedder, 4)
		l.SetIndexer(func(cs []*archive.Chunk, _ func(string) *archive.Article) (map[string][]byte, error) {
			return map[string][]byte{"n": []byte{byte(len(cs))}}, nil
		})
		if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
			t.Fatal(err)
		}
		if err := l.Save(ctx); err != nil {
			t.Fatal(err)
		}
		l.Close()
	}
	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	chunks := r.Chunks()
	segs := r.Segments()
	if len(segs) != 2 {
		t.Fatalf("%d segments, want 2 (B, edited A)", len(segs))
	}
	seen := 0
	for _, s := range segs {
		if int(s.Aux["n"][0]) != len(s.IDs) || len(s.Global) != len(s.IDs) {
			t.Fatalf("segment %s: aux %v for %d ids, %d positions", s.Name, s.Aux, len(s.IDs), len(s.Global))
		}
		for i, g := range s.Global {
			if g >= 0 {
				seen++
				if chunks[g].ID != s.IDs[i] {
					t.Errorf("segment %s chunk %s maps to %s", s.Name, s.IDs[i], chunks[g].ID)
				}
			}
		}
	}
	if seen != len(chunks) {
		t.Errorf("segments map %d chunks, store has %d", seen, len(chunks))
	}
}

// TestFlushBoundsAnIngest: an appender that flushes mid-ingest commits the
// flushed segments with the rest at Save, a file replaced after its flush
// is deleted from the flushed segment, and nothing shows before Save.
func TestFlushBoundsAnIngest(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	seed, err := OpenAppender(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	fillOne(t, seed, 10)
	fillOne(t, seed, 11)
	if err := seed.Save(ctx); err != nil {
		t.Fatal(err)
	}
	seed.Close()

	l, err := OpenAppender(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	fillOne(t, l, 0)
	fillOne(t, l, 1)
	if err := l.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if l.Unflushed() != 0 {
		t.Errorf("Unflushed = %d after Flush", l.Unflushed())
	}
	if docs, _ := contents(t, dir); len(docs) != 2 {
		t.Fatalf("a flush showed before Save: %v", docs)
	}
	e := synthEntry(2, 1) // document 1 again, changed, after its flush
	if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	fillOne(t, l, 2)
	if err := l.Remove(ctx, synthOrigin(11)); err != nil {
		t.Fatal(err)
	}
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	l.Close()
	m := committed(t, dir)
	if len(m.Segments) != 3 {
		t.Errorf("%d segments, want 3 (the seed, the flushed one, the rest)", len(m.Segments))
	}
	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range r.Documents() {
		got = append(got, d.Source+"#"+strconv.Itoa(d.Meta.Issue))
	}
	want := []string{"page-00000.txt#1", "page-00001.txt#2", "page-00002.txt#1", "page-00010.txt#1"}
	if !slices.Equal(got, want) {
		t.Errorf("documents %v, want %v", got, want)
	}
	if r.Len() != 4*articlesPerDoc*chunksPerArticle {
		t.Errorf("%d chunks", r.Len())
	}
}

// TestSegmentBlobsAreAligned: the blobs a segment's Indexer made start at
// multiples of 8 bytes in memory once loaded, whatever their lengths.
func TestSegmentBlobsAreAligned(t *testing.T) {
	ctx := context.Background()
	for _, sizes := range [][2]int{{1, 1}, {3, 17}, {8, 5}, {1000, 999}} {
		dir := t.TempDir()
		l, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		l.UseEmbedder(testEmbedder, 4)
		l.SetIndexer(func([]*archive.Chunk, func(string) *archive.Article) (map[string][]byte, error) {
			return map[string][]byte{"lexical.body": make([]byte, sizes[0]), "lexical.title": make([]byte, sizes[1])}, nil
		})
		if err := l.Replace(ctx, pageA().Doc.Origin, []Entry{pageA()}); err != nil {
			t.Fatal(err)
		}
		if err := l.Save(ctx); err != nil {
			t.Fatal(err)
		}
		l.Close()
		r, err := Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		for name, n := range map[string]int{"lexical.body": sizes[0], "lexical.title": sizes[1]} {
			b := r.Segments()[0].Aux[name]
			if len(b) != n {
				t.Fatalf("%s: %d bytes, want %d", name, len(b), n)
			}
			if p := uintptr(unsafe.Pointer(&b[0])); p%8 != 0 {
				t.Errorf("sizes %v: %s starts at %#x, not 8-aligned", sizes, name, p)
			}
		}
	}
}

// TestSegmentedScanIsExact: a store read from several segments, some of
// their chunks deleted, is scanned in its segments' own vector blocks and
// still returns the exact cosine top k, with and without filters.
func TestSegmentedScanIsExact(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for step, docs := range [][]int{{0, 1, 2}, {3, 4}, {1, 5}, {6}} { // doc 1 replaced in step 2
		l, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.UseEmbedder(synthEmbedderName, synthDim); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			e := synthEntry(step+1, d)
			if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
				t.Fatal(err)
			}
		}
		if err := l.Save(ctx); err != nil {
			t.Fatal(err)
		}
		l.Close()
	}
	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.flat.perm == nil || len(r.flat.blocks) != 4 {
		t.Fatalf("store read as %d blocks (perm %v), want 4 segments' blocks", len(r.flat.blocks), r.flat.perm != nil)
	}
	r.chromemMax = 0 // the flat scan at any size
	var ref []refChunk
	for _, c := range r.Chunks() {
		v, _ := r.Vector(c.ID)
		rec, _ := r.chunk(c.ID)
		m := map[string]string{}
		fillMeta(m, rec)
		ref = append(ref, refChunk{id: c.ID, vec: v, meta: m})
	}
	if len(ref) != 7*articlesPerDoc*chunksPerArticle {
		t.Fatalf("%d chunks, want %d", len(ref), 7*articlesPerDoc*chunksPerArticle)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 20 {
		q := randomUnit(rng, synthDim)
		if i%4 == 0 {
			q = ref[rng.IntN(len(ref))].vec
		}
		for _, where := range []map[string]string{nil, {MetaPage: "2"}, {MetaIssue: "3"}} {
			got, err := r.Search(ctx, q, 10, where)
			if err != nil {
				t.Fatal(err)
			}
			if err := sameHits(got, exactTopK(ref, q, 10, where), exactScores(ref, q)); err != nil {
				t.Fatalf("query %d, filter %v: %v", i, where, err)
			}
		}
	}
}

// TestManyLargeSegmentsStay: past maxSegments with no small segment to
// merge (the archive written in flushes), a commit merges nothing and
// succeeds.
func TestManyLargeSegmentsStay(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	n := maxSegments + 2
	for d := range n {
		l, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		l.smallSegment = 1 // every segment is large
		fillOne(t, l, d)
		if err := l.Save(ctx); err != nil {
			t.Fatalf("commit %d: %v", d, err)
		}
		l.Close()
	}
	if m := committed(t, dir); len(m.Segments) != n {
		t.Errorf("%d segments, want %d (none merged)", len(m.Segments), n)
	}
	if docs, _ := contents(t, dir); len(docs) != n {
		t.Errorf("%d documents, want %d", len(docs), n)
	}
}

// TestMergeParts: segments' records, each in id order with deleted ones
// nil, merge into id order, and each segment learns where its records went.
func TestMergeParts(t *testing.T) {
	tests := []struct {
		name  string
		parts [][]string // "" is a deleted record
	}{
		{"disjoint runs", [][]string{{"a", "b", "c"}, {"d", "e"}, {"f"}}},
		{"interleaved", [][]string{{"a", "c", "e"}, {"b", "d", "f"}}},
		{"runs and deletions", [][]string{{"", "a", "b", "", "x", "y"}, {"c", "", "d", "z"}, {"", ""}, {"e", "w"}}},
		{"one segment", [][]string{{"a", "", "b"}}},
		{"nothing live", [][]string{{"", ""}, {}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var segs []*segment
			var parts [][]*chunkRec
			var want []string
			for _, p := range tc.parts {
				var recs []*chunkRec
				for _, id := range p {
					if id == "" {
						recs = append(recs, nil)
						continue
					}
					recs = append(recs, &chunkRec{chunk: archive.Chunk{ID: id}})
					want = append(want, id)
				}
				segs, parts = append(segs, &segment{}), append(parts, recs)
			}
			slices.Sort(want)
			out := mergeParts(segs, parts)
			var got []string
			for _, r := range out {
				got = append(got, r.chunk.ID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("merged %v, want %v", got, want)
			}
			for i, p := range parts {
				for j, r := range p {
					g := segs[i].global[j]
					if r == nil && g != -1 || r != nil && (g < 0 || out[g] != r) {
						t.Errorf("segment %d record %d: global %d", i, j, g)
					}
				}
			}
		})
	}
}
