package answer

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/heraldqa/heraldqa/ingest"
)

// MaxQuestionLine bounds one line of a batch or of a chat: no question
// comes near it, and a longer line is reported and passed over.
const MaxQuestionLine = 1 << 20

// Batch answers a file of questions, one JSON answer per line.
type Batch struct {
	Asker *Asker
	// Workers is how many questions are answered at once; 0 means every core.
	Workers int
	// Skip, if set, hears of each line passed over (numbered from 1) and why.
	Skip func(lineNo int, why string)
}

// BatchCount is what a batch did.
type BatchCount struct {
	Answered, Skipped int
}

// batchLine is one line of a batch: a bare question, or a JSON object with
// "question" (and an id, echoed back).
type batchLine struct {
	Question string `json:"question"`
	QID      string `json:"qid"`
	ID       string `json:"id"`
}

// batchAnswer is an answer with the id of the question it answers.
type batchAnswer struct {
	ID string `json:"id,omitempty"`
	*Answer
}

type batchResult struct {
	n   int
	out []byte
}

// Run answers every question of r in parallel, writing each answer to w as
// soon as it and those before it are ready, in input order. A line that is
// too long or not a question is reported to Skip and counted, the rest
// answered; a question that fails is written as {"question","error"}.
// On cancellation Run returns ctx.Err() at once: the reader may be blocked
// on a terminal, and is not waited for.
func (b *Batch) Run(ctx context.Context, r io.Reader, w io.Writer) (BatchCount, error) {
	workers := b.Workers
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	results := make(chan batchResult)
	readErr := make(chan error, 1)
	skipped := 0 // written by the reader, read after readErr
	go func() {
		var g errgroup.Group
		g.SetLimit(workers)
		err := b.read(ctx, r, func(n int, bl batchLine) {
			g.Go(func() error {
				out := b.answer(ctx, bl)
				select {
				case results <- batchResult{n, out}:
				case <-ctx.Done():
				}
				return nil
			})
		}, &skipped)
		g.Wait()
		close(results)
		readErr <- err
	}()

	pending := map[int][]byte{}
	next := 0
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	for done := false; !done; {
		select {
		case res, ok := <-results:
			if !ok {
				done = true
				break
			}
			pending[res.n] = res.out
			for out, ok := pending[next]; ok; out, ok = pending[next] {
				bw.Write(out)
				bw.WriteByte('\n')
				delete(pending, next)
				next++
			}
			if err := bw.Flush(); err != nil {
				return BatchCount{Answered: next}, fmt.Errorf("writing answers: %w", err)
			}
		case <-ctx.Done():
			return BatchCount{Answered: next}, ctx.Err()
		}
	}
	err := <-readErr
	count := BatchCount{Answered: next, Skipped: skipped}
	if ctx.Err() != nil {
		return count, ctx.Err()
	}
	if err != nil {
		return count, fmt.Errorf("reading questions: %w", err)
	}
	return count, nil
}

// read hands each question of r, numbered from 0, to ask, and counts the
// lines it passes over.
func (b *Batch) read(ctx context.Context, r io.Reader, ask func(int, batchLine), skipped *int) error {
	skip := func(lineNo int, why string) {
		*skipped++
		if b.Skip != nil {
			b.Skip(lineNo, why)
		}
	}
	lr := ingest.NewLineReader(r, MaxQuestionLine)
	n := 0
	for lineNo := 1; ; lineNo++ {
		raw, tooLong, err := lr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if tooLong {
			skip(lineNo, fmt.Sprintf("longer than %d MiB", MaxQuestionLine>>20))
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
				continue
			}
		} else {
			bl.Question = text
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		ask(n, bl)
		n++
	}
}

// answer is one question's line of output.
func (b *Batch) answer(ctx context.Context, bl batchLine) []byte {
	ans, _, err := b.Asker.Ask(ctx, bl.Question, nil)
	if err != nil {
		out, _ := json.Marshal(map[string]string{"question": bl.Question, "error": err.Error()})
		return out
	}
	id := bl.QID
	if id == "" {
		id = bl.ID
	}
	out, _ := json.Marshal(batchAnswer{ID: id, Answer: ans})
	return out
}
