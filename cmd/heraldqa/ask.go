package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

func (a *app) ask(ctx context.Context, args []string) error {
	fs := a.newFlags("ask")
	asJSON := fs.Bool("json", false, "print the answer object as JSON")
	batch := fs.String("batch", "", "answer every question of FILE (- for stdin), one JSON answer per line")
	fs.Int("k", 0, "articles retrieved per question (HERALDQA_K)")
	words, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if *batch == "" && len(words) == 0 {
		return usageError{`ask what? heraldqa ask "2025浦江创新论坛的主宾国是哪个国家？"`}
	}
	if *batch != "" && len(words) > 0 {
		return usageError{"give either a question or --batch FILE, not both"}
	}
	asker, err := a.asker(ctx, !*asJSON && *batch == "")
	if err != nil {
		return err
	}
	if *batch != "" {
		return a.askBatch(ctx, asker, *batch)
	}
	ans, _, err := asker.Ask(ctx, strings.Join(words, " "), nil)
	if err != nil {
		return err
	}
	return a.printAnswer(ans, *asJSON, asker.Stream != nil && ans.Mode == answer.ModeLLM)
}

// printAnswer writes an answer as JSON or as text with its citations; a
// streamed LLM answer has had its text written already.
func (a *app) printAnswer(ans *answer.Answer, asJSON, streamed bool) error {
	if ans.Warning != "" {
		fmt.Fprintf(a.stderr, "heraldqa: warning: %s\n", ans.Warning)
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(ans)
	}
	text := ans.RenderText()
	if streamed {
		// The checked text is on the terminal already.
		text = ans.RenderTail()
	}
	_, err := fmt.Fprintln(a.stdout, text)
	return err
}

// asker wires the engine, retrieval depth and the LLM, if one is configured.
func (a *app) asker(ctx context.Context, stream bool) (*answer.Asker, error) {
	k, err := a.cfg.Int("HERALDQA_K")
	if err != nil {
		return nil, err
	}
	eng, err := a.engine(ctx)
	if err != nil {
		return nil, err
	}
	asker := &answer.Asker{Engine: eng, K: k}
	gen, err := a.llm()
	if err != nil {
		return nil, err
	}
	if gen != nil {
		if err := a.useLLM(asker, gen); err != nil {
			return nil, err
		}
		if stream {
			asker.Stream = a.stdout
		}
	}
	return asker, nil
}

// batchLine is one line of a --batch file: a bare question, or a JSON
// object with "question" (and an id, echoed back).
type batchLine struct {
	Question string `json:"question"`
	QID      string `json:"qid"`
	ID       string `json:"id"`
}

// batchAnswer is an answer with the id of the question it answers.
type batchAnswer struct {
	ID string `json:"id,omitempty"`
	*answer.Answer
}

// askBatch answers every question of a file on every core, writing each
// answer as soon as it and those before it are ready, in input order.
func (a *app) askBatch(ctx context.Context, asker *answer.Asker, name string) error {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("reading questions: %w", err)
		}
		defer f.Close()
		r = f
	}
	type job struct {
		n    int
		line batchLine
	}
	type result struct {
		n   int
		out []byte
	}
	jobs := make(chan job)
	results := make(chan result)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				ans, _, err := asker.Ask(ctx, j.line.Question, nil)
				var out []byte
				if err != nil {
					out, _ = json.Marshal(map[string]string{"question": j.line.Question, "error": err.Error()})
				} else {
					id := j.line.QID
					if id == "" {
						id = j.line.ID
					}
					out, _ = json.Marshal(batchAnswer{ID: id, Answer: ans})
				}
				results <- result{j.n, out}
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 1<<20)
		n := 0
		for lineNo := 1; sc.Scan(); lineNo++ {
			text := strings.TrimSpace(sc.Text())
			if text == "" {
				continue
			}
			var bl batchLine
			if strings.HasPrefix(text, "{") {
				if err := json.Unmarshal([]byte(text), &bl); err != nil || bl.Question == "" {
					fmt.Fprintf(a.stderr, "heraldqa ask: %s line %d: not a question (want text or {\"question\": ...}); skipped\n", name, lineNo)
					continue
				}
			} else {
				bl.Question = text
			}
			select {
			case jobs <- job{n, bl}:
				n++
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
		}
		readErr <- sc.Err()
	}()
	go func() { wg.Wait(); close(results) }()

	pending := map[int][]byte{}
	next := 0
	w := bufio.NewWriter(a.stdout)
	for res := range results {
		pending[res.n] = res.out
		for out, ok := pending[next]; ok; out, ok = pending[next] {
			w.Write(out)
			w.WriteByte('\n')
			delete(pending, next)
			next++
		}
		w.Flush()
	}
	if err := <-readErr; err != nil {
		return fmt.Errorf("reading questions: %w", err)
	}
	return ctx.Err()
}

func (a *app) chat(ctx context.Context, args []string) error {
	fs := a.newFlags("chat")
	fs.Int("k", 0, "articles retrieved per question (HERALDQA_K)")
	if _, err := a.parse(fs, args); err != nil {
		return err
	}
	asker, err := a.asker(ctx, true)
	if err != nil {
		return err
	}
	fmt.Fprintln(a.stderr, "Ask about the 中国高新技术产业导报 archive. Follow-ups like 那第41期呢？ are understood. /new forgets the conversation, /quit ends.")
	var prev *retrieve.Query
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(nil, 1<<20)
	for {
		fmt.Fprint(a.stderr, "> ")
		if !sc.Scan() {
			fmt.Fprintln(a.stderr)
			return sc.Err()
		}
		line := strings.TrimSpace(sc.Text())
		switch line {
		case "":
			continue
		case "/quit", "/exit", "/q":
			return nil
		case "/new":
			prev = nil
			continue
		}
		ans, q, err := asker.Ask(ctx, line, prev)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fmt.Fprintf(a.stderr, "heraldqa: %v\n", err)
			continue
		}
		prev = q
		if err := a.printAnswer(ans, false, asker.Stream != nil && ans.Mode == answer.ModeLLM); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout)
	}
}
