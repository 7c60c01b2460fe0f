package bench

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// RetrievalK is how many ranked sources each question gets: recall and MRR
// are measured up to it.
const RetrievalK = 20

// RetrievalConfig configures Retrieval.
type RetrievalConfig struct {
	Corpus    string // JSONL {"id","title","text"}: one document a record
	Questions string // JSONL {"qid","question","answers","doc_id"}
	// Store is the store folder the corpus is ingested into; it is reused
	// as it is when it already holds the corpus.
	Store    string
	Embedder embed.Embedder
	// Limit asks only the first Limit questions; 0 asks all.
	Limit int
	// Rescore scores vectors only for the lexical candidates whatever the
	// store's size, as a store of the whole archive does (retrieve's
	// rescoreMin), so quality at that size can be measured on a small
	// corpus.
	Rescore bool
	// AnswerAll never refuses (answer.Asker.AnswerAll): AnswerContains
	// then measures which sentences are quoted apart from the decision.
	AnswerAll bool
}

// RetrievalReport is the result of Retrieval. Shares are of the
// answerable questions.
type RetrievalReport struct {
	Corpus    string `json:"corpus"`
	Documents int    `json:"documents"`
	Chunks    int    `json:"chunks"`
	Questions int    `json:"questions"`
	// Unanswerable questions are not counted in Questions.
	Unanswerable int `json:"unanswerable,omitempty"`
	// IngestSeconds is 0 when the store already held the corpus.
	IngestSeconds float64 `json:"ingest_seconds"`
	RecallAt1     float64 `json:"recall_at_1"`
	RecallAt5     float64 `json:"recall_at_5"`
	RecallAt20    float64 `json:"recall_at_20"`
	MRRAt20       float64 `json:"mrr_at_20"`
	// AnswerContains is the share of answers whose text contains a gold
	// answer string; Top1Contains the share whose first source's article
	// does (the peer baseline's measure). Both compare normalized text
	// (Simplified, width-folded, lower-case).
	AnswerContains float64 `json:"answer_contains_gold"`
	Top1Contains   float64 `json:"top1_contains_gold"`
	// NoSources is the share answered without any source: questions the
	// answerer routes past the search (which issue, what is on a page),
	// where recall can only be 0.
	NoSources float64 `json:"no_sources"`
	// Quoted is how long the answers are.
	Quoted  Quoted  `json:"quoted"`
	Latency Latency `json:"latency"`
}

// Quoted is how much answers quote, averaged over the answers given
// (refusals left out): the issue asks that no sentence be quoted that does
// not bear on the question.
type Quoted struct {
	Answers int `json:"answers"`
	// Sentences counts citation markers ([1]): one follows each quoted
	// sentence.
	Sentences float64 `json:"sentences"`
	// Chars counts the answer's characters, markers included.
	Chars float64 `json:"chars"`
}

var reMarker = regexp.MustCompile(`\[[0-9]+\]`)

// add counts one answer into the running means.
func (q *Quoted) add(ans *answer.Answer) {
	if ans.Refused {
		return
	}
	n := float64(q.Answers)
	q.Answers++
	q.Sentences = (q.Sentences*n + float64(len(reMarker.FindAllString(ans.Answer, -1)))) / (n + 1)
	q.Chars = (q.Chars*n + float64(utf8.RuneCountInString(ans.Answer))) / (n + 1)
}

// benchQuestion is one line of a questions file.
type benchQuestion struct {
	QID      string   `json:"qid"`
	Question string   `json:"question"`
	Answers  []string `json:"answers"`
	DocID    string   `json:"doc_id"`
	// Kind "unanswerable" (reader-qa) marks a question no passage
	// answers: it is left out of every share.
	Kind string `json:"kind"`
}

// Retrieval ingests the corpus and asks every question through
// answer.Asker with K=RetrievalK, as `ask --json --batch` does, one at a
// time so that latencies are of one question alone.
func Retrieval(ctx context.Context, cfg RetrievalConfig) (*RetrievalReport, error) {
	if cfg.Embedder == nil || cfg.Store == "" {
		return nil, errors.New("bench: Store and Embedder are required")
	}
	qs, err := readQuestions(cfg.Questions)
	if err != nil {
		return nil, err
	}
	if cfg.Limit > 0 && cfg.Limit < len(qs) {
		qs = qs[:cfg.Limit]
	}
	answerable := qs[:0:0]
	for _, q := range qs {
		if q.Kind != "unanswerable" {
			answerable = append(answerable, q)
		}
	}
	rep := &RetrievalReport{Corpus: cfg.Corpus, Questions: len(answerable), Unanswerable: len(qs) - len(answerable)}
	qs = answerable

	w, err := store.OpenWriter(ctx, cfg.Store)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	ing, err := pipeline.Run(ctx, []string{cfg.Corpus}, pipeline.Options{Store: w, Embedder: cfg.Embedder})
	w.Close()
	if err != nil {
		return nil, fmt.Errorf("ingesting %s: %w", cfg.Corpus, err)
	}
	if ing.Failed() {
		return nil, fmt.Errorf("ingesting %s: %d files rejected, %d bad lines", cfg.Corpus, len(ing.Rejected), len(ing.Problems))
	}
	if ing.Documents > 0 {
		rep.IngestSeconds = time.Since(start).Seconds()
	}

	st, err := store.Open(ctx, cfg.Store)
	if err != nil {
		return nil, err
	}
	rep.Documents, rep.Chunks = len(st.Documents()), st.Len()
	eng, err := retrieve.NewEngine(ctx, st, cfg.Embedder)
	if err != nil {
		return nil, err
	}
	if cfg.Rescore {
		eng.SetRescoreMin(0)
	}
	asker := &answer.Asker{Engine: eng, K: RetrievalK, AnswerAll: cfg.AnswerAll}

	var at1, at5, at20, rr, contains, top1, none float64
	var ds []time.Duration
	for _, q := range qs {
		ans, err := askTimed(ctx, asker, q.QID, q.Question, &ds)
		if err != nil {
			return nil, err
		}
		if len(ans.Sources) == 0 {
			none++
		}
		ranked := distinctSources(ans.Sources)
		if r := rankOf(ranked, q.DocID); r > 0 {
			rr += 1 / float64(r)
			if r == 1 {
				at1++
			}
			if r <= 5 {
				at5++
			}
			at20++
		}
		if containsAny(ans.Answer, q.Answers) {
			contains++
		}
		rep.Quoted.add(ans)
		if len(ans.Sources) > 0 {
			if c, ok := st.Chunk(ans.Sources[0].ID); ok {
				if a, _, ok := st.Article(c.ArticleID); ok && containsAny(a.Headline+"\n"+a.Text, q.Answers) {
					top1++
				}
			}
		}
	}
	if n := float64(len(qs)); n > 0 {
		rep.RecallAt1, rep.RecallAt5, rep.RecallAt20, rep.MRRAt20 = at1/n, at5/n, at20/n, rr/n
		rep.AnswerContains, rep.Top1Contains, rep.NoSources = contains/n, top1/n, none/n
	}
	rep.Latency = latency(ds)
	return rep, nil
}

// askTimed asks one question as `ask --json --batch` does, adding how long
// it took to ds.
func askTimed(ctx context.Context, a *answer.Asker, qid, question string, ds *[]time.Duration) (*answer.Answer, error) {
	t := time.Now()
	ans, _, err := a.Ask(ctx, question, nil)
	*ds = append(*ds, time.Since(t))
	if err != nil {
		return nil, fmt.Errorf("question %s: %w", qid, err)
	}
	return ans, nil
}

// distinctSources lists the sources in rank order, each once, at most
// RetrievalK.
func distinctSources(srcs []answer.Source) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range srcs {
		if !seen[s.Source] {
			seen[s.Source] = true
			out = append(out, s.Source)
		}
	}
	return out[:min(len(out), RetrievalK)]
}

// rankOf is the 1-based rank of id in ranked, 0 when absent.
func rankOf(ranked []string, id string) int {
	for i, s := range ranked {
		if s == id {
			return i + 1
		}
	}
	return 0
}

func containsAny(text string, golds []string) bool {
	norm := normalize.ForIndex(text)
	for _, g := range golds {
		if g = normalize.ForIndex(g); g != "" && strings.Contains(norm, g) {
			return true
		}
	}
	return false
}

// readQuestions reads a questions file; a malformed line is an error
// naming the line.
func readQuestions(path string) ([]benchQuestion, error) {
	return readJSONL(path, func(q benchQuestion) error {
		if q.Question == "" || q.DocID == "" {
			return errors.New(`want "question" and "doc_id"`)
		}
		return nil
	})
}
