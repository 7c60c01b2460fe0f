package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// ContextItem is one answerable question and the gold answers its
// prompt must hold: all of All when set, else one of Any.
type ContextItem struct {
	ID       string
	Question string
	Any      []string
	All      []string
}

// ContextReport is the result of ContextRecall: "context recall", the
// share of answerable questions whose prompt holds a gold answer. No model
// can answer from text it was not given, so this bounds LLM answers.
type ContextReport struct {
	Questions int `json:"questions"`
	// Asked is how many questions reached the model (the others are
	// answered without it: what is on a page, which issue).
	Asked  int     `json:"asked"`
	Holds  int     `json:"holds_gold"`
	Recall float64 `json:"context_recall"`
	// PromptChars is the mean length of the user message, in characters.
	PromptChars float64 `json:"mean_prompt_chars"`
	// Misses lists the ids of the questions whose prompt lacked the answer.
	Misses []string `json:"misses"`
	// NotAsked lists those answered without the model.
	NotAsked []string `json:"not_asked"`
}

// ContextConfig configures ContextRecall.
type ContextConfig struct {
	Engine *retrieve.Engine
	Items  []ContextItem
	// K and Chars are the Asker's: articles retrieved and the context
	// budget in characters (answer.DefaultContextChars when 0).
	K, Chars int
}

// ContextRecall asks every item through an Asker whose LLM is a fake
// OpenAI-compatible server on 127.0.0.1 that records each request and
// refuses, and checks each recorded prompt for the item's gold answers,
// compared normalized (Simplified, width-folded, lower-case).
func ContextRecall(ctx context.Context, cfg ContextConfig) (*ContextReport, error) {
	rec := &recorder{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("starting the recording LLM server: %w", err)
	}
	srv := &http.Server{Handler: rec}
	go srv.Serve(ln)
	defer srv.Close()
	llm, err := answer.NewLLM(answer.LLMConfig{Provider: "openai", BaseURL: "http://" + ln.Addr().String() + "/v1", Model: "recorder", MaxRetries: -1})
	if err != nil {
		return nil, err
	}
	asker := &answer.Asker{Engine: cfg.Engine, K: cfg.K, LLM: llm, ContextChars: cfg.Chars}
	rep := &ContextReport{Questions: len(cfg.Items), Misses: []string{}}
	var chars int
	for _, it := range cfg.Items {
		before := rec.count()
		if _, _, err := asker.Ask(ctx, it.Question, nil); err != nil {
			return nil, fmt.Errorf("question %s: %w", it.ID, err)
		}
		prompts := rec.since(before)
		if len(prompts) == 0 {
			rep.NotAsked = append(rep.NotAsked, it.ID)
			continue
		}
		rep.Asked++
		all := strings.Join(prompts, "\n")
		chars += len([]rune(all))
		if holdsGold(all, it) {
			rep.Holds++
		} else {
			rep.Misses = append(rep.Misses, it.ID)
		}
	}
	if rep.Questions > 0 {
		rep.Recall = float64(rep.Holds) / float64(rep.Questions)
	}
	if rep.Asked > 0 {
		rep.PromptChars = float64(chars) / float64(rep.Asked)
	}
	return rep, nil
}

func holdsGold(prompt string, it ContextItem) bool {
	if len(it.All) > 0 {
		for _, g := range it.All {
			if !containsAny(prompt, []string{g}) {
				return false
			}
		}
		return true
	}
	return containsAny(prompt, it.Any)
}

// recorder is the fake LLM: it keeps the user message of every request and
// answers with the refusal, as a whole (non-streamed) completion.
type recorder struct {
	mu      sync.Mutex
	prompts []string
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	var body struct {
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
	}
	if err := json.NewDecoder(io.LimitReader(req.Body, 16<<20)).Decode(&body); err != nil {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	var user []string
	for _, m := range body.Messages {
		if m.Role == "user" {
			user = append(user, m.Content)
		}
	}
	r.mu.Lock()
	r.prompts = append(r.prompts, strings.Join(user, "\n"))
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprint(w, `{"id":"c","object":"chat.completion","model":"recorder","choices":[{"index":0,"message":{"role":"assistant","content":"资料中没有找到相关内容"},"finish_reason":"stop"}]}`)
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.prompts)
}

func (r *recorder) since(n int) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.prompts[n:]...)
}

// ReadContextItems reads the answerable questions of a bench questions file
// ({"qid","question","kind","answers","answers_all"}; kind "unanswerable"
// or no answers is left out).
func ReadContextItems(path string) ([]ContextItem, error) {
	qs, err := readJSONL[readerQuestion](path, nil)
	if err != nil {
		return nil, err
	}
	var out []ContextItem
	for _, q := range qs {
		if q.Kind == "unanswerable" || len(q.Answers)+len(q.AnswersAll) == 0 {
			continue
		}
		it := ContextItem{ID: q.QID, Question: q.Question, Any: q.Answers, All: q.AnswersAll}
		if q.Kind == "yesno" {
			it.Any = nil // 是/对 is in any prompt: the key fact is what counts
		}
		out = append(out, it)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s holds no answerable questions", path)
	}
	return out, nil
}

// CorpusEngine ingests a JSONL corpus into the store folder dir (reusing
// it when it already holds the corpus) and opens an engine over it.
func CorpusEngine(ctx context.Context, corpus, dir string, emb embed.Embedder) (*retrieve.Engine, error) {
	if emb == nil || dir == "" {
		return nil, errors.New("bench: a store folder and an embedder are required")
	}
	w, err := store.OpenWriter(ctx, dir)
	if err != nil {
		return nil, err
	}
	ing, err := pipeline.Run(ctx, []string{corpus}, pipeline.Options{Store: w, Embedder: emb})
	w.Close()
	if err != nil {
		return nil, fmt.Errorf("ingesting %s: %w", corpus, err)
	}
	if ing.Failed() {
		return nil, fmt.Errorf("ingesting %s: %d files rejected, %d bad lines", corpus, len(ing.Rejected), len(ing.Problems))
	}
	st, err := store.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	return retrieve.NewEngine(ctx, st, emb)
}
