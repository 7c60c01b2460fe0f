package store

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

func hitIDs(hits []Hit) []string {
	var ids []string
	for _, h := range hits {
		ids = append(ids, h.ChunkID)
	}
	return ids
}

func TestRoundTrip(t *testing.T) {
	ctx := context.Background()
	l, dir := newTestStore(t)
	bm25 := []byte("postings\x00\x01\x02")
	l.SetAux("bm25", bm25)
	l.SetAux("empty", []byte{})
	if err := l.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}

	r, err := Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if name, dim := r.Embedder(); name != testEmbedder || dim != 4 {
		t.Errorf("Embedder() = %q, %d; want %q, 4", name, dim, testEmbedder)
	}
	if r.Len() != 4 {
		t.Errorf("Len() = %d, want 4", r.Len())
	}

	wantDocs := []archive.Document{pageA().Doc, pageB().Doc}
	docs := r.Documents()
	if len(docs) != len(wantDocs) {
		t.Fatalf("Documents() has %d documents, want %d", len(docs), len(wantDocs))
	}
	for i := range docs {
		if !reflect.DeepEqual(*docs[i], wantDocs[i]) {
			t.Errorf("document %d after load:\n got %+v\nwant %+v", i, *docs[i], wantDocs[i])
		}
	}

	wantOrder := []string{"aaaa000000000000-0.0", "aaaa000000000000-0.1", "aaaa000000000000-1.0", "bbbb000000000000-0.0"}
	var order []string
	for _, c := range r.Chunks() {
		order = append(order, c.ID)
	}
	if !slices.Equal(order, wantOrder) {
		t.Errorf("Chunks() order = %v, want %v", order, wantOrder)
	}

	wantChunks := append(pageA().Chunks, pageB().Chunks...)
	wantVecs := [][]float32{axis(4, 0), axis(4, 1), axis(4, 2), axis(4, 3)}
	for i, want := range wantChunks {
		c, ok := r.Chunk(want.ID)
		if !ok || !reflect.DeepEqual(*c, want) {
			t.Errorf("Chunk(%q) = %+v, %v; want %+v", want.ID, c, ok, want)
		}
		v, ok := r.Vector(want.ID)
		if !ok || !slices.Equal(v, wantVecs[i]) {
			t.Errorf("Vector(%q) = %v, want %v", want.ID, v, wantVecs[i])
		}
	}

	// Ids around and between the stored ones are not found.
	for _, id := range []string{"", "aaaa000000000000-0", "aaaa000000000000-0.05", "bbbb000000000000-0.1", "zzzz"} {
		if c, ok := r.Chunk(id); ok {
			t.Errorf("Chunk(%q) found %+v", id, c)
		}
		if _, ok := r.Vector(id); ok {
			t.Errorf("Vector(%q) found", id)
		}
	}

	a, d, ok := r.Article("aaaa000000000000-1")
	if !ok || a.Text != "图为园区一角。" || a.Kind != archive.KindCaption || d.Source != "2025/40-01.txt" {
		t.Errorf("Article(aaaa000000000000-1) = %+v, %+v, %v", a, d, ok)
	}
	if _, _, ok := r.Article("nope"); ok {
		t.Error("Article(nope) found")
	}
	if got := r.Aux("bm25"); string(got) != string(bm25) {
		t.Errorf("Aux(bm25) = %q, want %q", got, bm25)
	}
	if got := r.Aux("empty"); got == nil || len(got) != 0 {
		t.Errorf("Aux(empty) = %#v, want an empty non-nil blob", got)
	}
	if got := r.Aux("missing"); got != nil {
		t.Errorf("Aux(missing) = %q, want nil", got)
	}

	hits, err := r.Search(ctx, []float32{0.1, 0.9, 0.2, 0}, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"aaaa000000000000-0.1", "aaaa000000000000-1.0"}; !slices.Equal(hitIDs(hits), want) {
		t.Errorf("Search nearest = %v, want %v", hitIDs(hits), want)
	}
	// 0.9 / |(0.1, 0.9, 0.2, 0)| = 0.9 / sqrt(0.86)
	if want := 0.9 / math.Sqrt(0.86); math.Abs(float64(hits[0].Score)-want) > 1e-5 {
		t.Errorf("top score = %v, want %v", hits[0].Score, want)
	}
}

func TestReplaceNearUnitVectorIsRenormalized(t *testing.T) {
	ctx := context.Background()
	l, _ := newTestStore(t)
	e := pageB()
	e.Vectors[0] = []float32{0.6, 0.8005, 0, 0} // length 1.0004
	if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	v, _ := l.Vector("bbbb000000000000-0.0")
	n := math.Hypot(float64(v[0]), float64(v[1]))
	if math.Abs(n-1) > 1e-6 || v[0] >= 0.6 {
		t.Errorf("stored vector %v has length %v, want renormalized to 1", v, n)
	}
}

func TestReplaceDropsOldChunks(t *testing.T) {
	ctx := context.Background()
	l, _ := newTestStore(t)
	a := pageA()
	// The file changed: new content, one article of one chunk.
	v2 := Entry{
		Doc: archive.Document{
			Source: a.Doc.Source, Origin: a.Doc.Origin, Format: "txt", Encoding: "utf-8",
			Hash:     "cccc00000000000000000000000000000000000000000000000000000000cccc",
			Meta:     archive.Meta{Issue: 40, Page: 1},
			Articles: []archive.Article{{ID: "cccc000000000000-0", Kind: archive.KindArticle, Headline: "更正", Text: "更正。"}},
		},
		Chunks:  []archive.Chunk{{ID: "cccc000000000000-0.0", ArticleID: "cccc000000000000-0", Text: "更正。", Norm: "更正 更正。"}},
		Vectors: [][]float32{axis(4, 0)},
	}
	if err := l.Replace(ctx, a.Doc.Origin, []Entry{v2}); err != nil {
		t.Fatal(err)
	}

	for _, id := range []string{"aaaa000000000000-0.0", "aaaa000000000000-0.1", "aaaa000000000000-1.0"} {
		if _, ok := l.Chunk(id); ok {
			t.Errorf("old chunk %s still in the store", id)
		}
	}
	if _, _, ok := l.Article("aaaa000000000000-0"); ok {
		t.Error("old article still in the store")
	}
	if _, ok := l.Chunk("bbbb000000000000-0.0"); !ok {
		t.Error("the other origin's chunk is gone")
	}
	if l.Len() != 2 {
		t.Errorf("Len() = %d, want 2", l.Len())
	}
	hits, err := l.Search(ctx, []float32{1, 0.5, 0.5, 0.1}, 10, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"cccc000000000000-0.0", "bbbb000000000000-0.0"}; !slices.Equal(hitIDs(hits), want) {
		t.Errorf("Search after Replace = %v, want %v", hitIDs(hits), want)
	}
	if got := len(l.Documents()); got != 2 {
		t.Errorf("Documents() has %d, want 2", got)
	}

	if err := l.Remove(ctx, a.Doc.Origin); err != nil {
		t.Fatal(err)
	}
	if got, want := l.Origins(), []string{"/arch/2025/41-02.txt"}; !slices.Equal(got, want) {
		t.Errorf("Origins() after Remove = %v, want %v", got, want)
	}
	if l.Len() != 1 {
		t.Errorf("Len() after Remove = %d, want 1", l.Len())
	}
}

func TestHasHash(t *testing.T) {
	l, _ := newTestStore(t)
	tests := []struct {
		hash string
		want bool
	}{
		{"aaaa00000000000000000000000000000000000000000000000000000000aaaa", true},
		{"bbbb00000000000000000000000000000000000000000000000000000000bbbb", true},
		{"aaaa", false}, // a prefix is not the hash
		{"", false},
		{"cccc00000000000000000000000000000000000000000000000000000000cccc", false},
	}
	for _, tt := range tests {
		if got := l.HasHash(tt.hash); got != tt.want {
			t.Errorf("HasHash(%q) = %v, want %v", tt.hash, got, tt.want)
		}
	}
	if got, want := l.OriginHashes("/arch/2025/41-02.txt"), []string{"bbbb00000000000000000000000000000000000000000000000000000000bbbb"}; !slices.Equal(got, want) {
		t.Errorf("OriginHashes = %v, want %v", got, want)
	}
	if got := l.OriginHashes("/arch/none.txt"); got != nil {
		t.Errorf("OriginHashes of an unknown origin = %v, want nil", got)
	}
}

func TestEmbedderMismatch(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	const built = "local:hash-ngram-v1:256"
	const wantMsg = `store was built with embedder "local:hash-ngram-v1:256" (dim 256); re-ingest into a new --store or use that embedder`

	w, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.UseEmbedder(built, 256); err != nil {
		t.Fatal(err)
	}
	e := pageB()
	e.Vectors = [][]float32{axis(256, 7)}
	if err := w.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	if err := w.Save(ctx); err != nil {
		t.Fatal(err)
	}
	w.Close()

	tests := []struct {
		name    string
		use     string
		useDim  int
		vecDim  int // dimension of the vectors then given to Replace
		wantErr bool
	}{
		{"other model", "openai:bge-m3", 1024, 1024, true},
		{"same name, other dimension", built, 128, 128, true},
		{"same name, dimension learnt later, vectors differ", built, 0, 128, true},
		{"same embedder", built, 256, 256, false},
		{"same name, dimension learnt later, vectors agree", built, 0, 256, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := Open(ctx, dir)
			if err != nil {
				t.Fatalf("Open of a store of another embedder: %v", err)
			}
			if len(l.Documents()) != 1 {
				t.Errorf("catalog unreadable: %d documents", len(l.Documents()))
			}
			e := pageA()
			e.Vectors = [][]float32{axis(tt.vecDim, 0), axis(tt.vecDim, 1), axis(tt.vecDim, 2)}
			err = l.UseEmbedder(tt.use, tt.useDim)
			if err == nil {
				err = l.Replace(ctx, e.Doc.Origin, []Entry{e})
			}
			if !tt.wantErr {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			var mm *EmbedderMismatchError
			if !errors.As(err, &mm) || mm.Error() != wantMsg || !strings.HasSuffix(err.Error(), wantMsg) {
				t.Fatalf("got error %v, want %q", err, wantMsg)
			}
			if l.Len() != 1 {
				t.Errorf("refused Replace changed the store: Len() = %d", l.Len())
			}
		})
	}

	// Once its chunks are gone, the store takes any embedder.
	l, _ := Open(ctx, dir)
	if err := l.Remove(ctx, e.Doc.Origin); err != nil {
		t.Fatal(err)
	}
	if err := l.UseEmbedder("openai:bge-m3", 1024); err != nil {
		t.Errorf("empty store refused a new embedder: %v", err)
	}
	if name, dim := l.Embedder(); name != "openai:bge-m3" || dim != 1024 {
		t.Errorf("Embedder() = %q, %d after switching", name, dim)
	}
}

func TestSearchFilter(t *testing.T) {
	ctx := context.Background()
	l, _ := newTestStore(t)
	// Scores: a-0.0 0.1, a-0.1 0.2, a-1.0 0.3, b-0.0 0.9 (before scaling).
	q := []float32{0.1, 0.2, 0.3, 0.9}
	const a00, a01, a10, b00 = "aaaa000000000000-0.0", "aaaa000000000000-0.1", "aaaa000000000000-1.0", "bbbb000000000000-0.0"
	tests := []struct {
		where map[string]string
		want  []string
	}{
		{nil, []string{b00, a10, a01, a00}},
		{map[string]string{"issue": "40"}, []string{a10, a01, a00}},
		{map[string]string{"issue": "41"}, []string{b00}},
		{map[string]string{"page": "2"}, []string{b00}},
		// The caption has no page of its own: it takes the document's.
		{map[string]string{"page": "1"}, []string{a10, a01, a00}},
		{map[string]string{"kind": "caption"}, []string{a10}},
		{map[string]string{"kind": "article", "issue": "40"}, []string{a01, a00}},
		{map[string]string{"headline": "科技创新引领产业升级"}, []string{a01, a00}},
		{map[string]string{"article_id": "aaaa000000000000-1"}, []string{a10}},
		{map[string]string{"source": "2025/41-02.txt"}, []string{b00}},
		{map[string]string{"date": "2025-11-03"}, []string{a10, a01, a00}},
		{map[string]string{"total_issue": "1234"}, []string{a10, a01, a00}},
		// An unknown value is absent, so only "" matches it.
		{map[string]string{"total_issue": ""}, []string{b00}},
		{map[string]string{"issue": "40", "page": "2"}, nil},
		{map[string]string{"issue": "99"}, nil},
	}
	for _, tt := range tests {
		hits, err := l.Search(ctx, q, 10, tt.where)
		if err != nil {
			t.Errorf("Search(where %v): %v", tt.where, err)
			continue
		}
		if !slices.Equal(hitIDs(hits), tt.want) {
			t.Errorf("Search(where %v) = %v, want %v", tt.where, hitIDs(hits), tt.want)
		}
	}
}

func TestSearchArguments(t *testing.T) {
	ctx := context.Background()
	l, _ := newTestStore(t)
	empty, err := Open(ctx, filepath.Join(t.TempDir(), "missing"))
	if err != nil {
		t.Fatal(err)
	}
	q := []float32{0, 0, 0, 1}
	tests := []struct {
		name    string
		s       *Local
		vec     []float32
		k       int
		where   map[string]string
		wantLen int
		wantErr string
	}{
		{"k above count is capped", l, q, 100, nil, 4, ""},
		{"k equal to count", l, q, 4, nil, 4, ""},
		{"k below count", l, q, 1, nil, 1, ""},
		{"k zero", l, q, 0, nil, 0, "k must be positive"},
		{"k negative", l, q, -3, nil, 0, "k must be positive"},
		{"empty store", empty, q, 5, nil, 0, ""},
		{"wrong dimension", l, []float32{1, 0}, 3, nil, 0, "dimension 2"},
		{"zero vector", l, []float32{0, 0, 0, 0}, 3, nil, 0, "zero or not finite"},
		{"NaN", l, []float32{float32(math.NaN()), 0, 0, 1}, 3, nil, 0, "zero or not finite"},
		{"unknown filter key", l, q, 3, map[string]string{"issu": "40"}, 0, `unknown metadata key "issu"`},
		{"not normalized query", l, []float32{0, 0, 0, 5}, 1, nil, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := tt.s.Search(ctx, tt.vec, tt.k, tt.where)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(hits) != tt.wantLen {
				t.Fatalf("%d hits, want %d", len(hits), tt.wantLen)
			}
			if tt.wantLen > 0 && hits[0].ChunkID != "bbbb000000000000-0.0" {
				t.Errorf("best hit %s, want bbbb000000000000-0.0", hits[0].ChunkID)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(empty.Dir()), "missing")); !os.IsNotExist(err) {
		t.Errorf("Open of a missing folder created it (stat: %v)", err)
	}
}

func TestReplaceRefusesBadInput(t *testing.T) {
	tests := []struct {
		name    string
		origin  string
		edit    func(e *Entry)
		wantErr string
	}{
		{"empty origin", "", func(e *Entry) {}, "origin is empty"},
		{"other origin", "/arch/x.txt", func(e *Entry) {}, `has origin "/arch/2025/40-01.txt"`},
		{"no hash", "", func(e *Entry) { e.Doc.Hash = "" }, "no content hash"},
		{"article without id", "", func(e *Entry) { e.Doc.Articles[1].ID = "" }, "article without id"},
		{"duplicate article id", "", func(e *Entry) { e.Doc.Articles[1].ID = e.Doc.Articles[0].ID }, "appears twice"},
		{"article id of another origin", "", func(e *Entry) { e.Doc.Articles[1].ID = "bbbb000000000000-0" }, "already in the store from /arch/2025/41-02.txt"},
		{"chunk id of another origin", "", func(e *Entry) { e.Chunks[2].ID = "bbbb000000000000-0.0" }, "already in the store from /arch/2025/41-02.txt"},
		{"duplicate chunk id", "", func(e *Entry) { e.Chunks[1].ID = e.Chunks[0].ID }, `chunk id "aaaa000000000000-0.0" appears twice`},
		{"chunk without id", "", func(e *Entry) { e.Chunks[1].ID = "" }, "chunk 1 has no id"},
		{"chunk of a missing article", "", func(e *Entry) { e.Chunks[2].ArticleID = "zz-9" }, `refers to article "zz-9"`},
		{"fewer vectors", "", func(e *Entry) { e.Vectors = e.Vectors[:2] }, "3 chunks but 2 vectors"},
		{"NaN in vector", "", func(e *Entry) { e.Vectors[1] = []float32{float32(math.NaN()), 1, 0, 0} }, "not finite"},
		{"Inf in vector", "", func(e *Entry) { e.Vectors[1] = []float32{float32(math.Inf(1)), 0, 0, 0} }, "not finite"},
		{"not unit length", "", func(e *Entry) { e.Vectors[1] = []float32{3, 4, 0, 0} }, "has length 5"},
		{"zero vector", "", func(e *Entry) { e.Vectors[1] = []float32{0, 0, 0, 0} }, "has length 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			l, _ := newTestStore(t)
			e := pageA()
			tt.edit(&e)
			origin := tt.origin
			if origin == "" && tt.name != "empty origin" {
				origin = pageA().Doc.Origin
			}
			err := l.Replace(ctx, origin, []Entry{e})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			// Nothing changed: pageA's chunks are all still there.
			if l.Len() != 4 || !l.HasHash(pageA().Doc.Hash) {
				t.Errorf("refused Replace changed the store: Len() = %d", l.Len())
			}
		})
	}
}

func TestReplaceWithoutEmbedder(t *testing.T) {
	l, err := Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	e := pageA()
	err = l.Replace(context.Background(), e.Doc.Origin, []Entry{e})
	if err == nil || !strings.Contains(err.Error(), "call UseEmbedder") {
		t.Fatalf("err = %v, want a request to call UseEmbedder", err)
	}
	// A document without chunks needs no embedder.
	e.Chunks, e.Vectors = nil, nil
	if err := l.Replace(context.Background(), e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	if !l.HasHash(e.Doc.Hash) {
		t.Error("chunkless document not stored")
	}
}

func TestReplaceDoesNotAliasInput(t *testing.T) {
	l, _ := newTestStore(t)
	e := pageB()
	if err := l.Replace(context.Background(), e.Doc.Origin, []Entry{e}); err != nil {
		t.Fatal(err)
	}
	e.Vectors[0][3] = 0.5
	e.Doc.Articles[0].Text = "changed"
	if v, _ := l.Vector("bbbb000000000000-0.0"); v[3] != 1 {
		t.Errorf("store vector changed with the caller's slice: %v", v)
	}
	if a, _, _ := l.Article("bbbb000000000000-0"); a.Text != "简讯。" {
		t.Errorf("store article changed with the caller's slice: %q", a.Text)
	}
}

// SetAux keeps the caller's blob rather than a copy: the lexical index is
// large, and its caller hands it over.
func TestSetAuxKeepsTheBlob(t *testing.T) {
	l, _ := newTestStore(t)
	b := []byte("postings")
	l.SetAux("bm25", b)
	if got := l.Aux("bm25"); len(got) != len(b) || &got[0] != &b[0] {
		t.Errorf("Aux returned a copy of the blob given to SetAux")
	}
}
