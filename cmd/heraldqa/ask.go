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

	"github.com/heraldqa/heraldqa/cmd/termsafe"
	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/normalize"
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
	question := strings.TrimSpace(strings.Join(words, " "))
	if *batch == "" && question == "" {
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
	ans, _, err := asker.Ask(ctx, question, nil)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		// Ctrl-C: the reader asked to stop, not for the fallback answer.
		if asker.Stream != nil {
			fmt.Fprintln(a.stdout) // end a streamed line before the notice
		}
		return err
	}
	return a.printAnswer(ans, *asJSON, asker.Stream != nil && ans.Mode == answer.ModeLLM)
}

// printAnswer writes an answer as JSON or as text with its citations; a
// streamed LLM answer has had its text written already.
func (a *app) printAnswer(ans *answer.Answer, asJSON, streamed bool) error {
	if ans.Warning != "" {
		fmt.Fprintf(a.stderr, "heraldqa: warning: %s\n", termsafe.Line(ans.Warning))
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(ans)
	}
	safe := terminalSafe(ans)
	if ans.Lang == string(retrieve.Traditional) {
		// The citation is the archive's (Simplified) text: a reader in
		// Traditional gets it in Traditional too, as the answer is.
		for i := range safe.Citations {
			safe.Citations[i].Ref = normalize.ToTraditional(safe.Citations[i].Ref)
		}
	}
	text := safe.RenderText()
	if streamed {
		// The checked text is on the terminal already.
		text = safe.RenderTail()
	}
	_, err := fmt.Fprintln(a.stdout, text)
	return err
}

// terminalSafe is a copy of ans whose archive and model text cannot drive
// the terminal: control characters escaped, and no line break in a field
// that is one line of the format (a citation, a claim).
func terminalSafe(ans *answer.Answer) *answer.Answer {
	safe := *ans
	safe.Answer = termsafe.Text(ans.Answer)
	safe.Citations = make([]answer.Citation, len(ans.Citations))
	for i, c := range ans.Citations {
		c.Ref, c.Headline, c.Source, c.Quote = termsafe.Line(c.Ref), termsafe.Line(c.Headline), termsafe.Line(c.Source), termsafe.Line(c.Quote)
		safe.Citations[i] = c
	}
	safe.Related = make([]answer.Citation, len(ans.Related))
	for i, c := range ans.Related {
		c.Ref, c.Headline, c.Source, c.Quote = termsafe.Line(c.Ref), termsafe.Line(c.Headline), termsafe.Line(c.Source), termsafe.Line(c.Quote)
		safe.Related[i] = c
	}
	safe.Unsupported = make([]string, len(ans.Unsupported))
	for i, u := range ans.Unsupported {
		safe.Unsupported[i] = termsafe.Line(u)
	}
	safe.Warning = termsafe.Line(ans.Warning)
	return &safe
}

// asker wires the engine, retrieval depth and the LLM, if one is configured.
func (a *app) asker(ctx context.Context, stream bool) (*answer.Asker, error) {
	k, err := a.cfg.Int("HERALDQA_K")
	if err != nil {
		return nil, err
	}
	if k < 1 {
		return nil, usageError{fmt.Sprintf("--k (HERALDQA_K) must be at least 1, not %d", k)}
	}
	eng, err := a.engine(ctx)
	if err != nil {
		return nil, err
	}
	asker := &answer.Asker{Engine: eng, K: k, Reload: a.live(eng).current}
	gen, err := a.llm()
	if err != nil {
		return nil, err
	}
	if gen != nil {
		if err := a.useLLM(asker, gen); err != nil {
			return nil, err
		}
		if stream {
			asker.Stream = termsafe.NewWriter(a.stdout)
		}
	}
	// asker.LLM, not gen: a nil *answer.LLM in an interface is not nil.
	if err := a.translate(asker, asker.LLM); err != nil {
		return nil, err
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

// maxQuestionLine bounds one line of a --batch file or of chat: no
// question comes near it, and a longer line is reported and passed over.
const maxQuestionLine = 1 << 20

// askBatch answers every question of a file on every core, writing each
// answer as soon as it and those before it are ready, in input order. A
// line that is too long or not a question is reported by number and
// skipped, the rest answered, and the status is then 1.
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
	shown := termsafe.Line(name)
	skip := func(lineNo int, why string) {
		fmt.Fprintf(a.stderr, "heraldqa ask: %s line %d: %s; skipped\n", shown, lineNo, why)
	}
	readErr := make(chan error, 1)
	skipped := 0 // written by the reader, read after readErr
	go func() {
		defer close(jobs)
		lr := ingest.NewLineReader(r, maxQuestionLine)
		n := 0
		for lineNo := 1; ; lineNo++ {
			raw, tooLong, err := lr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr <- err
				return
			}
			if tooLong {
				skip(lineNo, fmt.Sprintf("longer than %d MiB", maxQuestionLine>>20))
				skipped++
				continue
			}
			text := strings.TrimSpace(string(raw))
			if text == "" {
				continue
			}
			var bl batchLine
			if strings.HasPrefix(text, "{") {
				if err := json.Unmarshal([]byte(text), &bl); err != nil || strings.TrimSpace(bl.Question) == "" {
					skip(lineNo, `not a question (want text or {"question": ...})`)
					skipped++
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
		readErr <- nil
	}()
	go func() { wg.Wait(); close(results) }()

	pending := map[int][]byte{}
	next := 0
	w := bufio.NewWriter(a.stdout)
	defer w.Flush()
	for done := false; !done; {
		select {
		case res, ok := <-results:
			if !ok {
				done = true
				break
			}
			pending[res.n] = res.out
			for out, ok := pending[next]; ok; out, ok = pending[next] {
				w.Write(out)
				w.WriteByte('\n')
				delete(pending, next)
				next++
			}
			w.Flush()
		case <-ctx.Done():
			// The reader may be blocked on a terminal: do not wait for it.
			return ctx.Err()
		}
	}
	if err := <-readErr; err != nil {
		return fmt.Errorf("reading questions: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "heraldqa ask: %s answered, %s skipped\n", count(next, "question"), count(skipped, "line"))
	if skipped > 0 {
		return exitError{1}
	}
	return nil
}
