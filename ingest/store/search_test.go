package store

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// A varied store for checking search against a brute-force reference:
// every filterable field is sometimes missing, articles of every kind,
// some with a page of their own, and vectors of an odd dimension so the
// unrolled dot product's tail is used.

const variedDim = 19

var variedKinds = []archive.Kind{archive.KindArticle, archive.KindCaption, archive.KindTOC, archive.KindImprint}

// variedEntry is the d-th document of the varied store of seed.
func variedEntry(seed uint64, d int) Entry {
	r := rand.New(rand.NewPCG(seed, uint64(d)))
	pick := func(n int) int { // 0 (missing) a fifth of the time
		if r.IntN(5) == 0 {
			return 0
		}
		return 1 + r.IntN(n)
	}
	doc := archive.Document{
		Source: fmt.Sprintf("v/%04d.txt", d), Origin: fmt.Sprintf("/varied/%04d.txt", d), Format: "txt", Encoding: "utf-8",
		Hash: fmt.Sprintf("%016x%016x", seed, d),
		Meta: archive.Meta{Issue: pick(5), TotalIssue: pick(3), Page: pick(8)},
	}
	if r.IntN(4) > 0 {
		doc.Meta.Date = fmt.Sprintf("2025-11-%02d", 1+r.IntN(4))
	}
	var e Entry
	for a := range 1 + r.IntN(4) {
		art := archive.Article{
			ID:   fmt.Sprintf("a%04d-%d", d, a),
			Kind: variedKinds[r.IntN(len(variedKinds))],
			Page: pick(8),
		}
		if r.IntN(4) > 0 {
			art.Headline = fmt.Sprintf("标题%d", r.IntN(6))
		}
		for s := range 1 + r.IntN(6) {
			e.Chunks = append(e.Chunks, archive.Chunk{ID: archive.ChunkID(art.ID, s), ArticleID: art.ID, Seq: s, Text: "x", Norm: "x"})
			e.Vectors = append(e.Vectors, randomUnit(r, variedDim))
		}
		doc.Articles = append(doc.Articles, art)
	}
	e.Doc = doc
	return e
}

func randomUnit(r *rand.Rand, dim int) []float32 {
	v := make([]float32, dim)
	var sum float64
	for i := range v {
		v[i] = float32(r.NormFloat64())
		sum += float64(v[i]) * float64(v[i])
	}
	for i := range v {
		v[i] = float32(float64(v[i]) / math.Sqrt(sum))
	}
	return v
}

// variedStore fills a new store with nDocs varied documents and returns it
// with every chunk's metadata as Search's filters see it and its vector.
func variedStore(t testing.TB, seed uint64, nDocs int) (*Local, []refChunk) {
	t.Helper()
	ctx := context.Background()
	l, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.UseEmbedder("test:varied", variedDim); err != nil {
		t.Fatal(err)
	}
	var ref []refChunk
	for d := range nDocs {
		e := variedEntry(seed, d)
		if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
			t.Fatal(err)
		}
		for i, c := range e.Chunks {
			var a archive.Article
			for _, x := range e.Doc.Articles {
				if x.ID == c.ArticleID {
					a = x
				}
			}
			// The metadata rules of store.go's Meta* constants, by hand:
			// numbers printed when positive, the article's page else the
			// document's, and a missing value absent.
			m := map[string]string{}
			set := func(k, v string) {
				if v != "" && v != "0" {
					m[k] = v
				}
			}
			page := e.Doc.Meta.Page
			if a.Page != 0 {
				page = a.Page
			}
			set(MetaSource, e.Doc.Source)
			set(MetaDate, e.Doc.Meta.Date)
			set(MetaIssue, strconv.Itoa(e.Doc.Meta.Issue))
			set(MetaTotalIssue, strconv.Itoa(e.Doc.Meta.TotalIssue))
			set(MetaPage, strconv.Itoa(page))
			set(MetaHeadline, a.Headline)
			set(MetaArticleID, a.ID)
			set(MetaKind, string(a.Kind))
			ref = append(ref, refChunk{id: c.ID, meta: m, vec: e.Vectors[i]})
		}
	}
	return l, ref
}

type refChunk struct {
	id   string
	meta map[string]string
	vec  []float32
}

// exactTopK is the reference: cosine in float64 over every chunk whose
// metadata equals every entry of where (a missing key equals ""), best
// first, ties by chunk id.
func exactTopK(ref []refChunk, q []float32, k int, where map[string]string) []Hit {
	var qn float64
	for _, x := range q {
		qn += float64(x) * float64(x)
	}
	qn = math.Sqrt(qn)
	type scored struct {
		id string
		s  float64
	}
	var all []scored
	for _, c := range ref {
		ok := true
		for key, v := range where {
			ok = ok && c.meta[key] == v
		}
		if !ok {
			continue
		}
		var s float64
		for i := range q {
			s += float64(q[i]) * float64(c.vec[i])
		}
		all = append(all, scored{c.id, s / qn})
	}
	slices.SortFunc(all, func(a, b scored) int { return cmp.Or(cmp.Compare(b.s, a.s), cmp.Compare(a.id, b.id)) })
	var hits []Hit
	for _, s := range all[:min(k, len(all))] {
		hits = append(hits, Hit{ChunkID: s.id, Score: float32(s.s)})
	}
	return hits
}

// sameHits reports how got differs from want: the same length, scores
// within 1e-5, and the same ids in the same order, except that two hits
// whose reference scores are within 1e-6 (closer than float32 sums in
// another order can tell apart) may come in either order, or either one at
// the end of the list.
func sameHits(got, want []Hit, ref map[string]float64) error {
	if len(got) != len(want) {
		return fmt.Errorf("%d hits, want %d", len(got), len(want))
	}
	for i := range got {
		if d := math.Abs(float64(got[i].Score - want[i].Score)); d > 1e-5 {
			return fmt.Errorf("rank %d: %s scores %v, want %s %v", i, got[i].ChunkID, got[i].Score, want[i].ChunkID, want[i].Score)
		}
		if got[i].ChunkID != want[i].ChunkID && math.Abs(ref[got[i].ChunkID]-ref[want[i].ChunkID]) > 1e-6 {
			return fmt.Errorf("rank %d: %s, want %s", i, got[i].ChunkID, want[i].ChunkID)
		}
	}
	return nil
}

// exactScores is every chunk's cosine with q, in float64.
func exactScores(ref []refChunk, q []float32) map[string]float64 {
	var qn float64
	for _, x := range q {
		qn += float64(x) * float64(x)
	}
	out := make(map[string]float64, len(ref))
	for _, c := range ref {
		var s float64
		for i := range q {
			s += float64(q[i]) * float64(c.vec[i])
		}
		out[c.id] = s / math.Sqrt(qn)
	}
	return out
}

// variedFilters is a filter on every key (with a value some chunks have,
// the empty value, and one no chunk has) and a few combinations.
func variedFilters(ref []refChunk) []map[string]string {
	filters := []map[string]string{nil, {}}
	for _, key := range metaKeys {
		var have string
		for _, c := range ref[len(ref)/3:] {
			if v := c.meta[key]; v != "" {
				have = v
				break
			}
		}
		filters = append(filters, map[string]string{key: have}, map[string]string{key: ""}, map[string]string{key: "absent value"})
	}
	filters = append(filters,
		map[string]string{MetaIssue: "2", MetaPage: "3"},
		map[string]string{MetaKind: "caption", MetaTotalIssue: ""},
		map[string]string{MetaIssue: "1", MetaDate: "2025-11-02", MetaKind: "article"},
		// Numbers as no chunk's metadata writes them match nothing.
		map[string]string{MetaIssue: "02"},
		map[string]string{MetaPage: "0"},
		map[string]string{MetaPage: "-1"},
		map[string]string{MetaPage: "+3"},
		map[string]string{MetaKind: "Article"},
	)
	return filters
}

// The flat scan (which serves large stores) finds the exact cosine top-k.
// (The chromem path is checked against it in TestSearchPathsAgree.)
func TestFlatSearchIsExactTopK(t *testing.T) {
	ctx := context.Background()
	nDocs := 1500 // ≈ 13,000 chunks: more than one stripe
	if raceEnabled {
		nDocs = 500
	}
	l, ref := variedStore(t, 7, nDocs)
	r := rand.New(rand.NewPCG(7, 99))
	filters := variedFilters(ref)
	for qi := range 8 {
		q := randomUnit(r, variedDim)
		if qi%2 == 1 {
			for i := range q {
				q[i] *= 3.5 // not unit length: Search scales it
			}
		}
		scores := exactScores(ref, q)
		for _, k := range []int{1, 10, 100, len(ref) + 5} {
			for _, where := range filters {
				got, err := l.search(ctx, q, k, where, pathFlat)
				if err != nil {
					t.Fatal(err)
				}
				want := exactTopK(ref, q, k, where)
				if err := sameHits(got, want, scores); err != nil {
					t.Fatalf("query %d, k %d, where %v: %v", qi, k, where, err)
				}
			}
		}
	}
}

// tieStore holds n chunks whose vectors are one of three, so most scores
// tie; their ids are in the order of their numbers.
func tieStore(t testing.TB, n int) (*Local, [][]float32) {
	t.Helper()
	ctx := context.Background()
	l, err := Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := l.UseEmbedder("test:ties", 4); err != nil {
		t.Fatal(err)
	}
	s := float32(1 / math.Sqrt2)
	vecs := [][]float32{{1, 0, 0, 0}, {s, s, 0, 0}, {0, 1, 0, 0}}
	const perDoc = 100
	for d := 0; d*perDoc < n; d++ {
		e := Entry{Doc: archive.Document{Source: fmt.Sprintf("t%04d", d), Origin: fmt.Sprintf("/t/%04d", d), Hash: fmt.Sprintf("h%04d", d)}}
		art := fmt.Sprintf("t%04d", d)
		e.Doc.Articles = []archive.Article{{ID: art, Kind: archive.KindArticle}}
		for i := d * perDoc; i < min(n, (d+1)*perDoc); i++ {
			e.Chunks = append(e.Chunks, archive.Chunk{ID: fmt.Sprintf("%s.%06d", art, i), ArticleID: art})
			e.Vectors = append(e.Vectors, vecs[i%3])
		}
		if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
			t.Fatal(err)
		}
	}
	return l, vecs
}

// The flat scan orders ties by chunk id, however many stripes it runs in.
// (chromem picks among tied hits at the k-th place in no set order.)
func TestFlatSearchTiesGoToLowerChunkIDs(t *testing.T) {
	ctx := context.Background()
	const n = 20_000
	l, _ := tieStore(t, n)
	id := func(i int) string { return fmt.Sprintf("t%04d.%06d", i/100, i) }
	// Query (1, 0.01, 0, 0): chunks 0, 3, 6 … score 0.99995, chunks 1, 4,
	// 7 … 0.7141; with k 5 only the first five of 6,667 equal best count.
	tests := []struct {
		k    int
		want []string
	}{
		{1, []string{id(0)}},
		{5, []string{id(0), id(3), id(6), id(9), id(12)}},
		{6669, append(everyThird(id, 0, 6667), id(1), id(4))},
	}
	for _, procs := range []int{1, 2, 3, 5} {
		prev := runtime.GOMAXPROCS(procs)
		for _, tt := range tests {
			hits, err := l.search(ctx, []float32{1, 0.01, 0, 0}, tt.k, nil, pathFlat)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(hitIDs(hits), tt.want) {
				t.Errorf("GOMAXPROCS %d, k %d: got %d hits, first differing from want at %d", procs, tt.k, len(hits), firstDiff(hitIDs(hits), tt.want))
			}
		}
		runtime.GOMAXPROCS(prev)
	}
}

func everyThird(id func(int) string, from, count int) []string {
	var out []string
	for i := range count {
		out = append(out, id(from+3*i))
	}
	return out
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// A flat search allocates its result and a constant few things more,
// however large the store.
func TestFlatSearchAllocationsDoNotGrowWithStore(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	ctx := context.Background()
	q := []float32{1, 0.01, 0, 0}
	allocs := map[int]float64{}
	for _, n := range []int{300, 30_000} {
		l, _ := tieStore(t, n)
		if _, err := l.search(ctx, q, 10, nil, pathFlat); err != nil { // builds the flat index
			t.Fatal(err)
		}
		allocs[n] = testing.AllocsPerRun(50, func() {
			if _, err := l.search(ctx, q, 10, map[string]string{MetaKind: "article"}, pathFlat); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("allocations per search: %v at 300 chunks, %v at 30,000", allocs[300], allocs[30_000])
	if allocs[30_000] > allocs[300]+1 || allocs[30_000] > 4 {
		t.Errorf("allocations per search: %v at 300 chunks, %v at 30,000", allocs[300], allocs[30_000])
	}
}
