// Package blevepeer weighs bleve v2's scorch index as the lexical engine
// against the hand-written one (issue 10, step 3; docs/scaling.md). It is
// only a test package: the comparison runs with
//
//	HERALDQA_BLEVE_PEER=1 go test -v -run Peer -timeout 1h ./retrieve/bench/blevepeer
//
// and prints quality on ../shared/bench (cmrc2018, drcd_test) and latency
// and memory on a synthetic archive of HERALDQA_BLEVE_PEER_ISSUES issues.
package blevepeer

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/whitespace"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

// tokens renders a text's terms (lexical.Terms, today's tokenization) as
// whitespace-separated words, so bleve's whitespace tokenizer yields
// exactly the terms the hand-written index holds.
func tokens(norm string) string {
	ts := lexical.Terms(nil, norm)
	var sb strings.Builder
	for i, t := range ts {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(strconv.FormatUint(uint64(t), 36))
	}
	return sb.String()
}

// TestTokensReproduceTerms checks the analyzer the comparison gives bleve:
// every term of the text, in order, none added.
func TestTokensReproduceTerms(t *testing.T) {
	m := newMapping()
	for _, s := range []string{"工业园区高质量发展指引", "ai赋能2025年", "中关村,是第一家"} {
		norm := normalize.ForIndex(s)
		toks := m.AnalyzerNamed("terms").Analyze([]byte(tokens(norm)))
		want := lexical.Terms(nil, norm)
		if len(toks) != len(want) {
			t.Fatalf("%q: %d tokens, want %d", s, len(toks), len(want))
		}
		for i, tk := range toks {
			if string(tk.Term) != strconv.FormatUint(uint64(want[i]), 36) {
				t.Errorf("%q: token %d = %s, want term %d", s, i, tk.Term, want[i])
			}
		}
	}
}

func newMapping() *mapping.IndexMappingImpl {
	im := bleve.NewIndexMapping()
	im.ScoringModel = bindex.BM25Scoring
	if err := im.AddCustomAnalyzer("terms", map[string]any{"type": custom.Name, "tokenizer": whitespace.Name}); err != nil {
		panic(err)
	}
	f := bleve.NewTextFieldMapping()
	f.Analyzer = "terms"
	f.Store, f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false, false
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("body", f)
	dm.AddFieldMappingsAt("title", f)
	im.DefaultMapping = dm
	im.DefaultAnalyzer = "terms"
	return im
}

// bleveIndex indexes every chunk of st as {body, title} under its position.
func bleveIndex(t testing.TB, dir string, st store.Reader) bleve.Index {
	ix, err := bleve.New(dir, newMapping())
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	for i, c := range st.Chunks() {
		a, _, _ := st.Article(c.ArticleID)
		if err := b.Index(strconv.Itoa(i), map[string]any{"body": tokens(c.Norm), "title": tokens(lexical.TitleNorm(a))}); err != nil {
			t.Fatal(err)
		}
		if b.Size() >= 2000 {
			if err := ix.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = ix.NewBatch()
		}
	}
	if err := ix.Batch(b); err != nil {
		t.Fatal(err)
	}
	return ix
}

// bleveQuery is today's query: each term weighted (unigrams 0.5), the
// title field at titleWeight 0.5 of the body.
func bleveQuery(norm string) query.Query {
	var qs []query.Query
	for _, qt := range lexical.QueryTerms(norm) {
		tok := strconv.FormatUint(uint64(qt.Term), 36)
		for _, f := range []struct {
			name string
			w    float64
		}{{"body", 1}, {"title", 0.5}} {
			tq := bleve.NewTermQuery(tok)
			tq.SetField(f.name)
			tq.SetBoost(qt.Weight * f.w)
			qs = append(qs, tq)
		}
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func bleveSearch(ix bleve.Index, norm string, k int) ([]int, error) {
	req := bleve.NewSearchRequestOptions(bleveQuery(norm), k, 0, false)
	res, err := ix.Search(req)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(res.Hits))
	for i, h := range res.Hits {
		out[i], _ = strconv.Atoi(h.ID)
	}
	return out, nil
}

// ownSearch is the engine's lexical step: body and title BM25, the
// title at 0.5, summed.
func ownSearch(lx *lexical.Fields, norm string, k int) []int {
	q := lexical.QueryTerms(norm)
	sum := map[int]float64{}
	for _, h := range lx.Body.Search(q, 100, nil) {
		sum[h.Doc] += h.Score
	}
	for _, h := range lx.Title.Search(q, 100, nil) {
		sum[h.Doc] += 0.5 * h.Score
	}
	docs := make([]int, 0, len(sum))
	for d := range sum {
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(a, b int) int {
		if sum[a] != sum[b] {
			if sum[a] > sum[b] {
				return -1
			}
			return 1
		}
		return a - b
	})
	return docs[:min(k, len(docs))]
}

func ingestInto(t testing.TB, dir string, paths ...string) *store.Local {
	ctx := context.Background()
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := store.OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Run(ctx, paths, pipeline.Options{Store: w, Embedder: emb}); err != nil {
		t.Fatal(err)
	}
	w.Close()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func enabled(t *testing.T) {
	if os.Getenv("HERALDQA_BLEVE_PEER") == "" {
		t.Skip("set HERALDQA_BLEVE_PEER=1 to run the bleve comparison")
	}
}

func TestPeerQuality(t *testing.T) {
	enabled(t)
	for _, set := range []string{"cmrc2018", "drcd_test"} {
		// ../shared beside the repository, or two levels up from a
		// worktree under wt/.
		dir := filepath.Join("..", "..", "..", "..", "shared", "bench", set)
		if _, err := os.Stat(dir); err != nil {
			dir = filepath.Join("..", "..", "..", "..", "..", "shared", "bench", set)
		}
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("no ../shared/bench/%s: %v", set, err)
		}
		t.Run(set, func(t *testing.T) {
			tmp := t.TempDir()
			st := ingestInto(t, filepath.Join(tmp, "store"), filepath.Join(dir, "corpus.jsonl"))
			lx := lexical.Build(st)
			bl := bleveIndex(t, filepath.Join(tmp, "bleve"), st)
			defer bl.Close()
			chunks := st.Chunks()
			source := func(d int) string {
				_, doc, _ := st.Article(chunks[d].ArticleID)
				return doc.Source
			}
			qs := readQuestions(t, filepath.Join(dir, "questions.jsonl"))
			var own, blv [2]float64 // R@1, MRR@20
			for _, q := range qs {
				norm := retrieve.ParseQuery(q.Question).Subject
				b, err := bleveSearch(bl, norm, 100)
				if err != nil {
					t.Fatal(err)
				}
				for i, ranked := range [][]int{ownSearch(lx, norm, 100), b} {
					r := rank(ranked, source, q.DocID)
					acc := &own
					if i == 1 {
						acc = &blv
					}
					if r == 1 {
						acc[0]++
					}
					if r > 0 {
						acc[1] += 1 / float64(r)
					}
				}
			}
			n := float64(len(qs))
			t.Logf("%s (%d questions, %d chunks): own BM25 R@1 %.3f MRR@20 %.3f; bleve BM25 R@1 %.3f MRR@20 %.3f",
				set, len(qs), len(chunks), own[0]/n, own[1]/n, blv[0]/n, blv[1]/n)
		})
	}
}

// rank is the 1-based rank of the gold source among the distinct sources
// of the first 20, 0 when absent.
func rank(ranked []int, source func(int) string, gold string) int {
	seen := map[string]bool{}
	for _, d := range ranked {
		s := source(d)
		if seen[s] {
			continue
		}
		seen[s] = true
		if len(seen) > 20 {
			return 0
		}
		if s == gold {
			return len(seen)
		}
	}
	return 0
}

func TestPeerScale(t *testing.T) {
	enabled(t)
	issues, _ := strconv.Atoi(os.Getenv("HERALDQA_BLEVE_PEER_ISSUES"))
	if issues == 0 {
		issues = 80
	}
	ctx := context.Background()
	src, err := synth.LoadSource(ctx, filepath.Join("..", "..", "..", "testdata", "archive"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := synth.New(src, synth.Options{Issues: issues, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	if _, err := a.WriteFiles(ctx, filepath.Join(tmp, "archive")); err != nil {
		t.Fatal(err)
	}
	st := ingestInto(t, filepath.Join(tmp, "store"), filepath.Join(tmp, "archive"))
	n := st.Len()
	qs := a.Questions(300, 2)

	start := time.Now()
	bl := bleveIndex(t, filepath.Join(tmp, "bleve"), st)
	buildBleve := time.Since(start)
	bl.Close()
	start = time.Now()
	aux, err := lexical.SegmentIndex(st.Chunks(), func(id string) *archive.Article { a, _, _ := st.Article(id); return a })
	if err != nil {
		t.Fatal(err)
	}
	buildOwn := time.Since(start)
	blob, tblob := aux[lexical.AuxBody], aux[lexical.AuxTitle]

	bleveBytes := dirBytes(t, filepath.Join(tmp, "bleve"))
	// Heap each engine keeps once open (the store itself is not counted).
	h0 := heap()
	bl, err = bleve.Open(filepath.Join(tmp, "bleve"))
	if err != nil {
		t.Fatal(err)
	}
	lat := func(f func(norm string)) (p50, p95 time.Duration) {
		var ds []time.Duration
		for i, q := range qs {
			norm := retrieve.ParseQuery(q.Text).Subject
			t0 := time.Now()
			f(norm)
			if i >= 10 {
				ds = append(ds, time.Since(t0))
			}
		}
		slices.Sort(ds)
		return ds[len(ds)/2], ds[len(ds)*95/100]
	}
	b50, b95 := lat(func(norm string) {
		if _, err := bleveSearch(bl, norm, 100); err != nil {
			t.Fatal(err)
		}
	})
	// bleve maps its segments: what its queries touched is resident.
	bleveHeap := heap() - h0
	bl.Close()
	h0 = heap()
	body, err := lexical.Unmarshal(blob)
	if err != nil {
		t.Fatal(err)
	}
	title, _ := lexical.Unmarshal(tblob)
	own := &lexical.Fields{Body: lexical.Single(body), Title: lexical.Single(title)}
	o50, o95 := lat(func(norm string) { ownSearch(own, norm, 100) })
	// The own index is decoded into the heap: its arrays, the size of
	// its encoding (an RSS delta is lost in the noise of freed pages).
	ownHeap := int64(len(blob) + len(tblob))
	runtime.KeepAlive(h0)
	t.Logf("%d issues, %d chunks (load %s): build own %.1fs bleve %.1fs; size own %.0f MiB bleve %.0f MiB; memory own %.0f MiB (heap) bleve %.0f MiB (resident after 300 queries); search p50/p95 own %.2f/%.2f ms bleve %.2f/%.2f ms",
		issues, n, loadAvg(), buildOwn.Seconds(), buildBleve.Seconds(),
		float64(len(blob)+len(tblob))/(1<<20), float64(bleveBytes)/(1<<20),
		float64(ownHeap)/(1<<20), float64(bleveHeap)/(1<<20),
		ms(o50), ms(o95), ms(b50), ms(b95))
	runtime.KeepAlive(own)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// heap is the process's resident memory in bytes after a collection:
// bleve reads its segments through mmap, outside the Go heap, so the
// resident set is what both engines are compared by.
func heap() int64 {
	runtime.GC()
	debug.FreeOSMemory()
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kib, _ := strconv.ParseInt(f[1], 10, 64)
			return kib << 10
		}
	}
	return 0
}

func loadAvg() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

func dirBytes(t testing.TB, dir string) int64 {
	var n int64
	err := filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

type question struct {
	Question string `json:"question"`
	DocID    string `json:"doc_id"`
}

func readQuestions(t testing.TB, path string) []question {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []question
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var q question
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			t.Fatal(err)
		}
		out = append(out, q)
	}
	return out
}
