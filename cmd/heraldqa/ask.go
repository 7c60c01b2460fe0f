package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/heraldqa/heraldqa/cmd/termsafe"
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

// askBatch answers every question of a file (- for stdin) through
// answer.Batch; a skipped line makes the status 1.
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
	shown := termsafe.Line(name)
	b := answer.Batch{Asker: asker, Skip: func(lineNo int, why string) {
		fmt.Fprintf(a.stderr, "heraldqa ask: %s line %d: %s; skipped\n", shown, lineNo, why)
	}}
	n, err := b.Run(ctx, r, a.stdout)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "heraldqa ask: %s answered, %s skipped\n", count(n.Answered, "question"), count(n.Skipped, "line"))
	if n.Skipped > 0 {
		return exitError{1}
	}
	return nil
}
