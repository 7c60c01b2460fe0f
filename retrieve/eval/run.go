package eval

import (
	"context"
	"regexp"
	"runtime"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// AskFunc answers one question, e.g. an answer.Asker's Ask with no
// previous question.
type AskFunc func(ctx context.Context, question string) (*answer.Answer, error)

// Options tune a run.
type Options struct {
	// Parallel is how many cases are answered at once; GOMAXPROCS when 0.
	Parallel int
}

// Run answers every case with ask, Parallel at a time, and checks each
// answer. Results are in the order of cases whatever order they finish in.
// An error from ask, or an LLM exchange missing from a replay, fails the
// case with Error set rather than stopping the run; Run itself fails only
// when ctx ends.
func Run(ctx context.Context, cases []*Case, ask AskFunc, opts Options) (*Report, error) {
	n := opts.Parallel
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	n = min(n, max(len(cases), 1))
	start := time.Now()
	results := make([]Result, len(cases))
	// No case fails the group: a case's error is its result's. Once ctx
	// ends, the cases not yet started are not started.
	var g errgroup.Group
	g.SetLimit(n)
	for i, c := range cases {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			results[i] = runCase(ctx, c, ask)
			return nil
		})
	}
	g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	rep := &Report{Cases: results, DurationMS: ms(time.Since(start))}
	for _, r := range results {
		if r.Passed {
			rep.Passed++
		} else {
			rep.Failed++
		}
	}
	return rep, nil
}

// runCase answers and checks one case.
func runCase(ctx context.Context, c *Case, ask AskFunc) Result {
	r := Result{ID: c.ID, File: c.File, Line: c.Line, Question: c.Question, Failures: []Failure{}}
	tape := &caseTape{id: c.ID}
	start := time.Now()
	ans, err := ask(withCase(ctx, tape), c.Question)
	r.DurationMS = ms(time.Since(start))
	r.Answer = ans
	// A missing recording matters more than whatever the answerer fell
	// back to: the case did not run as recorded.
	if misses := tape.missed(); len(misses) > 0 {
		r.Error = strings.Join(misses, "; ")
		return r
	}
	if err != nil {
		r.Error = err.Error()
		return r
	}
	if ans == nil {
		r.Error = "no answer"
		return r
	}
	r.Failures = Check(&c.Expect, ans)
	r.Passed = len(r.Failures) == 0
	return r
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Select keeps the cases whose id matches re (all of them when re is nil).
func Select(cases []*Case, re *regexp.Regexp) []*Case {
	if re == nil {
		return cases
	}
	var out []*Case
	for _, c := range cases {
		if re.MatchString(c.ID) {
			out = append(out, c)
		}
	}
	return out
}
