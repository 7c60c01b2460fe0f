package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// Unanswerable is the kind of a reader-qa item that no paragraph answers.
const Unanswerable = "unanswerable"

// ReaderConfig configures Reader.
type ReaderConfig struct {
	Corpus    string // JSONL {"id","title","text"}
	Questions string // reader-qa JSONL: qid, question, lang, kind, answers, answers_all, doc_id
	// Store is the folder the corpus is ingested into (reused when it holds it).
	Store    string
	Embedder embed.Embedder
	// K is how many articles each question retrieves, as HERALDQA_K;
	// answer.DefaultK when 0.
	K int
	// Items, when not nil, receives one JSON line per question: what was
	// asked, answered and cited, and whether it counted.
	Items io.Writer
	// AnswerAll never refuses (answer.Asker.AnswerAll): it measures which
	// sentences are quoted apart from the answer-or-refuse decision.
	AnswerAll bool
}

// readerQuestion is one line of reader-qa's questions.jsonl.
type readerQuestion struct {
	QID        string   `json:"qid"`
	Question   string   `json:"question"`
	Lang       string   `json:"lang"`
	Kind       string   `json:"kind"`
	Answers    []string `json:"answers"`
	AnswersAll []string `json:"answers_all"`
	DocID      string   `json:"doc_id"`
}

// Tally is how many items of a group there are and how many count as
// correct: answered right for answerable items, refused for unanswerable.
type Tally struct {
	N       int `json:"n"`
	Correct int `json:"correct"`
}

// ReaderReport scores reader-qa as its README says.
type ReaderReport struct {
	Questions int `json:"questions"`
	// Answerable counts items answered with a gold string (all of
	// answers_all) that cite doc_id; Refused counts unanswerable items
	// refused. AnsweredWrongly counts unanswerable items answered.
	Answerable Tally `json:"answerable_correct"`
	Refused    Tally `json:"unanswerable_refused"`
	// RecallAt5 counts answerable items whose doc_id is among the first 5
	// distinct sources.
	RecallAt5 Tally `json:"recall_at_5"`
	// AnswerableRefused counts answerable items the answerer refused.
	AnswerableRefused int              `json:"answerable_refused"`
	ByKind            map[string]Tally `json:"by_kind"`
	ByLang            map[string]Tally `json:"by_lang"`
	// Quoted is how long the answers to answerable items are.
	Quoted  Quoted  `json:"quoted"`
	Latency Latency `json:"latency"`
}

// readerItem is one line of ReaderConfig.Items.
type readerItem struct {
	QID       string   `json:"qid"`
	Kind      string   `json:"kind"`
	Lang      string   `json:"lang"`
	Question  string   `json:"question"`
	Answer    string   `json:"answer"`
	Refused   bool     `json:"refused"`
	Cited     []string `json:"cited"`
	Sources   []string `json:"sources"`
	DocID     string   `json:"doc_id"`
	Answers   []string `json:"answers,omitempty"`
	HasGold   bool     `json:"has_gold"`
	CitesGold bool     `json:"cites_gold"`
	Correct   bool     `json:"correct"`
}

// Reader ingests the corpus and asks every reader-qa question through
// answer.Asker, as `ask --json --batch` does, scoring each as reader-qa's
// README says.
func Reader(ctx context.Context, cfg ReaderConfig) (*ReaderReport, error) {
	if cfg.Embedder == nil || cfg.Store == "" {
		return nil, errors.New("bench: Store and Embedder are required")
	}
	qs, err := readJSONL[readerQuestion](cfg.Questions, nil)
	if err != nil {
		return nil, err
	}
	asker, _, err := ingestAsker(ctx, cfg.Corpus, cfg.Store, cfg.Embedder, cfg.K)
	if err != nil {
		return nil, err
	}
	asker.AnswerAll = cfg.AnswerAll
	rep := &ReaderReport{Questions: len(qs), ByKind: map[string]Tally{}, ByLang: map[string]Tally{}}
	var ds []time.Duration
	for _, q := range qs {
		ans, err := askTimed(ctx, asker, q.QID, q.Question, &ds)
		if err != nil {
			return nil, err
		}
		it := scoreReader(q, ans)
		if q.Kind == Unanswerable {
			rep.Refused.add(it.Correct)
		} else {
			rep.Answerable.add(it.Correct)
			rep.RecallAt5.add(slices.Contains(it.Sources[:min(5, len(it.Sources))], q.DocID))
			if ans.Refused {
				rep.AnswerableRefused++
			}
			rep.Quoted.add(ans)
		}
		k := rep.ByKind[q.Kind]
		k.add(it.Correct)
		rep.ByKind[q.Kind] = k
		l := rep.ByLang[q.Lang]
		l.add(it.Correct)
		rep.ByLang[q.Lang] = l
		if cfg.Items != nil {
			b, _ := json.Marshal(it)
			if _, err := fmt.Fprintf(cfg.Items, "%s\n", b); err != nil {
				return nil, fmt.Errorf("writing items: %w", err)
			}
		}
	}
	rep.Latency = latency(ds)
	return rep, nil
}

func (t *Tally) add(ok bool) {
	t.N++
	if ok {
		t.Correct++
	}
}

// Share is Correct/N, 0 when N is 0.
func (t Tally) Share() float64 {
	if t.N == 0 {
		return 0
	}
	return float64(t.Correct) / float64(t.N)
}

// scoreReader applies reader-qa's scoring to one answer.
func scoreReader(q readerQuestion, ans *answer.Answer) readerItem {
	it := readerItem{QID: q.QID, Kind: q.Kind, Lang: q.Lang, Question: q.Question, Answer: ans.Answer,
		Refused: ans.Refused, DocID: q.DocID, Answers: q.Answers, Cited: []string{}}
	for _, c := range ans.Citations {
		it.Cited = append(it.Cited, c.Source)
	}
	it.Sources = distinctSources(ans.Sources)
	if q.Kind == Unanswerable {
		it.Correct = ans.Refused
		return it
	}
	if ans.Refused {
		return it
	}
	norm := normalize.ForIndex(ans.Answer)
	it.HasGold = containsAny(ans.Answer, q.Answers)
	for _, g := range q.AnswersAll {
		if !strings.Contains(norm, normalize.ForIndex(g)) {
			it.HasGold = false
		}
	}
	if q.Kind == "yesno" && isYes(q.Answers) && (strings.Contains(norm, "不是") || strings.Contains(norm, "不对")) {
		it.HasGold = false // 不是 contains 是
	}
	it.CitesGold = slices.Contains(it.Cited, q.DocID)
	it.Correct = it.HasGold && it.CitesGold
	return it
}

// isYes reports whether a yes/no item's gold is yes (是, 对).
func isYes(golds []string) bool {
	for _, g := range golds {
		if strings.HasPrefix(g, "不") {
			return false
		}
	}
	return len(golds) > 0
}

// GoldRemovedConfig configures GoldRemoved.
type GoldRemovedConfig struct {
	Corpus    string // JSONL {"id","title","text"}
	Questions string // JSONL {"qid","question","answers","doc_id"}
	// Sample is how many questions are drawn, with Seed, from Questions;
	// their gold paragraphs are left out of the corpus ingested.
	Sample   int
	Seed     uint64
	Store    string // an empty folder
	Embedder embed.Embedder
	K        int
}

// GoldRemovedReport is the share of questions refused when their gold
// paragraphs are not in the archive: the right answer is then a refusal.
type GoldRemovedReport struct {
	Corpus     string  `json:"corpus"`
	Questions  int     `json:"questions"`
	Removed    int     `json:"removed_documents"`
	Documents  int     `json:"documents"`
	Refused    int     `json:"refused"`
	RefusedPct float64 `json:"refused_share"`
	Latency    Latency `json:"latency"`
}

// GoldRemoved draws a sample of questions, ingests the corpus without
// their gold paragraphs and asks them.
func GoldRemoved(ctx context.Context, cfg GoldRemovedConfig) (*GoldRemovedReport, error) {
	if cfg.Embedder == nil || cfg.Store == "" || cfg.Sample <= 0 {
		return nil, errors.New("bench: Store, Embedder and Sample are required")
	}
	qs, err := readQuestions(cfg.Questions)
	if err != nil {
		return nil, err
	}
	qs = SampleOf(qs, cfg.Sample, cfg.Seed)
	gold := map[string]bool{}
	for _, q := range qs {
		gold[q.DocID] = true
	}
	docs, err := readJSONL[map[string]any](cfg.Corpus, nil)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "heraldqa-goldremoved-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	corpus := filepath.Join(tmp, "corpus.jsonl")
	all := len(docs)
	docs = slices.DeleteFunc(docs, func(d map[string]any) bool {
		id, _ := d["id"].(string)
		return gold[id]
	})
	kept := len(docs)
	if err := writeJSONL(corpus, docs); err != nil {
		return nil, err
	}
	asker, _, err := ingestAsker(ctx, corpus, cfg.Store, cfg.Embedder, cfg.K)
	if err != nil {
		return nil, err
	}
	rep := &GoldRemovedReport{Corpus: cfg.Corpus, Questions: len(qs), Removed: all - kept, Documents: kept}
	var ds []time.Duration
	for _, q := range qs {
		ans, err := askTimed(ctx, asker, q.QID, q.Question, &ds)
		if err != nil {
			return nil, err
		}
		if ans.Refused {
			rep.Refused++
		}
	}
	rep.RefusedPct = float64(rep.Refused) / float64(len(qs))
	rep.Latency = latency(ds)
	return rep, nil
}

// SampleOf draws n items with a fixed seed, in their file order; all when
// n ≥ len(items).
func SampleOf[T any](items []T, n int, seed uint64) []T {
	if n >= len(items) {
		return items
	}
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	idx := r.Perm(len(items))[:n]
	slices.Sort(idx)
	out := make([]T, n)
	for i, j := range idx {
		out[i] = items[j]
	}
	return out
}

// ingestAsker ingests corpus into dir (nothing when it already holds it)
// and returns an Asker over it.
func ingestAsker(ctx context.Context, corpus, dir string, emb embed.Embedder, k int) (*answer.Asker, *store.Local, error) {
	w, err := store.OpenWriter(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	ing, err := pipeline.Run(ctx, []string{corpus}, pipeline.Options{Store: w, Embedder: emb})
	w.Close()
	if err != nil {
		return nil, nil, fmt.Errorf("ingesting %s: %w", corpus, err)
	}
	if ing.Failed() {
		return nil, nil, fmt.Errorf("ingesting %s: %d files rejected, %d bad lines", corpus, len(ing.Rejected), len(ing.Problems))
	}
	st, err := store.Open(ctx, dir)
	if err != nil {
		return nil, nil, err
	}
	eng, err := retrieve.NewEngine(ctx, st, emb)
	if err != nil {
		return nil, nil, err
	}
	if k <= 0 {
		k = answer.DefaultK
	}
	return &answer.Asker{Engine: eng, K: k}, st, nil
}

// readJSONL reads one JSON value a line; blank lines are skipped and a
// malformed line, or one check (when not nil) refuses, is an error naming it.
// writeJSONL writes recs to path, one JSON object a line, as readJSONL
// reads them.
func writeJSONL[T any](path string, recs []T) error {
	var b bytes.Buffer
	for _, r := range recs {
		line, err := json.Marshal(r)
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func readJSONL[T any](path string, check func(T) error) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(text), &v); err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		if check != nil {
			if err := check(v); err != nil {
				return nil, fmt.Errorf("%s line %d: %w", path, line, err)
			}
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds nothing", path)
	}
	return out, nil
}

// WriteReaderTable prints a reader-qa report: the headline figures, then
// one row a kind and a language.
func WriteReaderTable(w io.Writer, r *ReaderReport, gr *GoldRemovedReport) error {
	fmt.Fprintf(w, "answerable correct %d/%d (%.3f)   unanswerable refused %d/%d (%.3f)   R@5 %d/%d   answerable refused %d   median %.1f ms, p95 %.1f ms\n",
		r.Answerable.Correct, r.Answerable.N, r.Answerable.Share(), r.Refused.Correct, r.Refused.N, r.Refused.Share(),
		r.RecallAt5.Correct, r.RecallAt5.N, r.AnswerableRefused, r.Latency.P50, r.Latency.P95)
	fmt.Fprintf(w, "answers to answerable items: %.2f sentences, %.0f characters on average\n", r.Quoted.Sentences, r.Quoted.Chars)
	if gr != nil {
		fmt.Fprintf(w, "gold-removed: %d/%d refused (%.3f), %d gold paragraphs left out of %d\n",
			gr.Refused, gr.Questions, gr.RefusedPct, gr.Removed, gr.Removed+gr.Documents)
	}
	for _, group := range []map[string]Tally{r.ByKind, r.ByLang} {
		keys := make([]string, 0, len(group))
		for k := range group {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("%s %d/%d", k, group[k].Correct, group[k].N))
		}
		if _, err := fmt.Fprintln(w, strings.Join(parts, "  ")); err != nil {
			return err
		}
	}
	return nil
}
