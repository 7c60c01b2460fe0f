package store

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// Small hand-made fixture: two issue pages of two files, 4-dimensional axis
// vectors, so the nearest chunk of any query is known by reading it.

const testEmbedder = "test:axes:4"

func axis(dim, i int) []float32 {
	v := make([]float32, dim)
	v[i] = 1
	return v
}

// pageA is issue 40, page 1: an article of two chunks and a caption.
func pageA() Entry {
	return Entry{
		Doc: archive.Document{
			Source: "2025/40-01.txt", Origin: "/arch/2025/40-01.txt", Format: "txt", Encoding: "utf-8",
			Hash: "aaaa00000000000000000000000000000000000000000000000000000000aaaa",
			Meta: archive.Meta{Date: "2025-11-03", Weekday: "星期一", Issue: 40, TotalIssue: 1234, Pages: 24, Page: 1},
			Articles: []archive.Article{
				{ID: "aaaa000000000000-0", Kind: archive.KindArticle, Headline: "科技创新引领产业升级", Byline: "本报记者 张伟", Page: 1,
					Text: "第一段。\n第二段。"},
				{ID: "aaaa000000000000-1", Kind: archive.KindCaption, Text: "图为园区一角。"},
			},
			TOC: []archive.TOCEntry{{Headline: "科技创新引领产业升级", Page: 1}, {Headline: "专题", Page: 5}},
		},
		Chunks: []archive.Chunk{
			{ID: "aaaa000000000000-0.0", ArticleID: "aaaa000000000000-0", Seq: 0, Start: 0, End: 4, Text: "第一段。", Norm: "科技创新引领产业升级 第一段。"},
			{ID: "aaaa000000000000-0.1", ArticleID: "aaaa000000000000-0", Seq: 1, Start: 5, End: 9, Text: "第二段。", Norm: "科技创新引领产业升级 第二段。"},
			{ID: "aaaa000000000000-1.0", ArticleID: "aaaa000000000000-1", Seq: 0, Start: 0, End: 7, Text: "图为园区一角。", Norm: "图为园区一角。"},
		},
		Vectors: [][]float32{axis(4, 0), axis(4, 1), axis(4, 2)},
	}
}

// pageB is issue 41, page 2 (the document says page 2; its article says
// nothing, so the chunk's page is the document's).
func pageB() Entry {
	return Entry{
		Doc: archive.Document{
			Source: "2025/41-02.txt", Origin: "/arch/2025/41-02.txt", Format: "txt", Encoding: "gb18030",
			Hash: "bbbb00000000000000000000000000000000000000000000000000000000bbbb",
			Meta: archive.Meta{Date: "2025-11-10", Issue: 41, Page: 2},
			Articles: []archive.Article{
				{ID: "bbbb000000000000-0", Kind: archive.KindArticle, Headline: "高新区动态", Text: "简讯。"},
			},
		},
		Chunks: []archive.Chunk{
			{ID: "bbbb000000000000-0.0", ArticleID: "bbbb000000000000-0", Seq: 0, Start: 0, End: 3, Text: "简讯。", Norm: "高新区动态 简讯。"},
		},
		Vectors: [][]float32{axis(4, 3)},
	}
}

// newTestStore makes a store in a fresh folder holding pageA and pageB.
func newTestStore(t testing.TB) (*Local, string) {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	l, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	if err := l.UseEmbedder(testEmbedder, 4); err != nil {
		t.Fatal(err)
	}
	for _, e := range []Entry{pageA(), pageB()} {
		if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
			t.Fatal(err)
		}
	}
	return l, dir
}

// Synthetic stores for benchmarks and the crash test: issue pages of
// articlesPerDoc articles of chunksPerArticle chunks of about 250 CJK runes,
// with random unit vectors, all determined by (gen, position).

const (
	synthDim          = 256
	articlesPerDoc    = 10
	chunksPerArticle  = 5
	synthChunkRunes   = 250
	synthEmbedderName = "local:hash-ngram-v1:256"
)

// synthOrigin names the file of the d-th synthetic document.
func synthOrigin(d int) string { return fmt.Sprintf("/archive/synthetic/page-%05d.txt", d) }

// synthEntry builds the d-th document of generation gen; its issue number is
// gen, so a loaded store tells which generation it holds.
func synthEntry(gen, d int) Entry {
	r := rand.New(rand.NewPCG(uint64(gen), uint64(d)))
	hash := fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), gen, d)
	doc := archive.Document{
		Source: fmt.Sprintf("page-%05d.txt", d), Origin: synthOrigin(d), Format: "txt", Encoding: "utf-8", Hash: hash,
		Meta: archive.Meta{Date: "2025-11-03", Issue: gen, TotalIssue: 1000 + gen, Pages: 24, Page: d%24 + 1},
	}
	var e Entry
	for a := range articlesPerDoc {
		id := fmt.Sprintf("%s-%d", hash[:16], a)
		var text strings.Builder
		var chunks []archive.Chunk
		headline := randCJK(r, 12)
		for s := range chunksPerArticle {
			c := randCJK(r, synthChunkRunes)
			start := text.Len() / 3 // every rune is 3 bytes
			text.WriteString(c)
			chunks = append(chunks, archive.Chunk{
				ID: archive.ChunkID(id, s), ArticleID: id, Seq: s,
				Start: start, End: start + synthChunkRunes, Text: c, Norm: headline + " " + c,
			})
		}
		doc.Articles = append(doc.Articles, archive.Article{ID: id, Kind: archive.KindArticle, Headline: headline, Page: doc.Meta.Page, Text: text.String()})
		e.Chunks = append(e.Chunks, chunks...)
	}
	for i := range e.Chunks {
		e.Vectors = append(e.Vectors, synthVector(gen, d, i))
	}
	e.Doc = doc
	return e
}

func synthVector(gen, d, i int) []float32 {
	r := rand.New(rand.NewPCG(uint64(gen)<<32|uint64(d), uint64(i)))
	v := make([]float32, synthDim)
	var sum float64
	for j := range v {
		x := r.NormFloat64()
		v[j] = float32(x)
		sum += x * x
	}
	n := math.Sqrt(sum)
	for j := range v {
		v[j] = float32(float64(v[j]) / n)
	}
	return v
}

func randCJK(r *rand.Rand, n int) string {
	var b strings.Builder
	b.Grow(3 * n)
	for range n {
		b.WriteRune(rune(0x4E00 + r.IntN(0x9FA5-0x4E00)))
	}
	return b.String()
}

// synthDocs is how many documents make nChunks chunks.
func synthDocs(nChunks int) int {
	return (nChunks + articlesPerDoc*chunksPerArticle - 1) / (articlesPerDoc * chunksPerArticle)
}

// fillSynth replaces every synthetic document of l with generation gen.
func fillSynth(t testing.TB, l *Local, nDocs, gen int) {
	t.Helper()
	ctx := context.Background()
	if err := l.UseEmbedder(synthEmbedderName, synthDim); err != nil {
		t.Fatal(err)
	}
	for d := range nDocs {
		e := synthEntry(gen, d)
		if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
			t.Fatal(err)
		}
	}
}
