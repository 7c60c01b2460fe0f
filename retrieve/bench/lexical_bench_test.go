package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/retrieve"
)

// BenchmarkLexicalSearch compares BM25 over every query term, as the
// engine searches the body field, with the same search skipping the CJK
// unigrams that more than a tenth of the chunks hold when the query has
// bigrams: the change proposed for ingest/lexical (docs/scaling.md). It
// reports how often each finds the question's story among its first ten
// chunks, and, when ../shared/bench is beside the repository, R@1 of both
// on CMRC 2018 and DRCD, body field alone.
func BenchmarkLexicalSearch(b *testing.B) {
	if testing.Short() {
		b.Skip("generates and ingests an archive of 50,000 chunks")
	}
	ba := archiveOf(b, 50_000)
	lx, ok := lexical.Load(ba.st)
	if !ok {
		b.Fatal("no saved lexical index")
	}
	n := lx.Body.Len()
	var full, pruned [][]lexical.QueryTerm
	for _, q := range ba.questions {
		terms := lexical.QueryTerms(retrieve.ParseQuery(q.Text).Subject)
		full = append(full, terms)
		pruned = append(pruned, pruneUnigrams(lx.Body, terms, n/10))
	}
	chunks := ba.st.Chunks()
	found := func(q synth.Question, hits []lexical.Hit) bool {
		for _, h := range hits {
			a, d, ok := ba.st.Article(chunks[h.Doc].ArticleID)
			if ok && d.Source == q.Source && strings.Contains(a.Text, q.Quote) {
				return true
			}
		}
		return false
	}
	foundFull, foundPruned := 0, 0
	for i, q := range ba.questions {
		if found(q, lx.Body.Search(full[i], 10, nil)) {
			foundFull++
		}
		if found(q, lx.Body.Search(pruned[i], 10, nil)) {
			foundPruned++
		}
	}
	for _, set := range []string{"cmrc2018", "drcd_test"} {
		if r1, r1p, ok := prunedRecall(b, set); ok {
			b.Logf("%s body-only BM25 R@1: all terms %.3f, pruned %.3f", set, r1, r1p)
		}
	}
	for _, c := range []struct {
		name string
		qs   [][]lexical.QueryTerm
	}{{"all-terms", full}, {"pruned", pruned}} {
		b.Run(fmt.Sprintf("%s/chunks=%d", c.name, n), func(b *testing.B) {
			i := 0
			for b.Loop() {
				lx.Body.Search(c.qs[i%len(c.qs)], 100, nil)
				i++
			}
			f := foundFull
			if c.name == "pruned" {
				f = foundPruned
			}
			b.ReportMetric(float64(f)/float64(len(full)), "found@10")
		})
	}
}

// pruneUnigrams drops unigrams held by more than maxDF chunks from a query
// that has bigrams.
func pruneUnigrams(ix *lexical.Multi, q []lexical.QueryTerm, maxDF int) []lexical.QueryTerm {
	bigrams := false
	for _, t := range q {
		if _, _, ok := t.Term.Runes(); ok {
			bigrams = true
		}
	}
	if !bigrams {
		return q
	}
	var out []lexical.QueryTerm
	for _, t := range q {
		if t.Term.IsUnigram() && ix.DocFreq(t.Term) > maxDF {
			continue
		}
		out = append(out, t)
	}
	return out
}

// prunedRecall ingests an outside benchmark set and measures R@1 of the
// body field's BM25 with all query terms and with pruned ones; ok is false
// when the set is not beside the repository.
func prunedRecall(b *testing.B, set string) (all, pruned float64, ok bool) {
	dir := filepath.Join("..", "..", "..", "shared", "bench", set)
	if _, err := os.Stat(filepath.Join(dir, "corpus.jsonl")); err != nil {
		return 0, 0, false
	}
	ctx := context.Background()
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		b.Fatal(err)
	}
	stDir := b.TempDir()
	w, err := store.OpenWriter(ctx, stDir)
	if err != nil {
		b.Fatal(err)
	}
	_, err = pipeline.Run(ctx, []string{filepath.Join(dir, "corpus.jsonl")}, pipeline.Options{Store: w, Embedder: emb})
	w.Close()
	if err != nil {
		b.Fatal(err)
	}
	st, err := store.Open(ctx, stDir)
	if err != nil {
		b.Fatal(err)
	}
	lx, _ := lexical.Load(st)
	qs, err := readQuestions(filepath.Join(dir, "questions.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	chunks := st.Chunks()
	first := func(q []lexical.QueryTerm) string {
		hits := lx.Body.Search(q, 1, nil)
		if len(hits) == 0 {
			return ""
		}
		_, d, _ := st.Article(chunks[hits[0].Doc].ArticleID)
		return d.Source
	}
	hitAll, hitPruned := 0, 0
	for _, q := range qs {
		terms := lexical.QueryTerms(retrieve.ParseQuery(q.Question).Subject)
		if first(terms) == q.DocID {
			hitAll++
		}
		if first(pruneUnigrams(lx.Body, terms, lx.Body.Len()/10)) == q.DocID {
			hitPruned++
		}
	}
	n := float64(len(qs))
	return float64(hitAll) / n, float64(hitPruned) / n, true
}
