package main

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/heraldqa/heraldqa/cmd/termsafe"
	"github.com/heraldqa/heraldqa/retrieve/answer"
	"github.com/heraldqa/heraldqa/retrieve/eval"
)

// eval runs fixture cases and reports the failures; it exits 1 when any
// case failed and 2 when a fixture is malformed (nothing runs then).
func (a *app) eval(ctx context.Context, args []string) error {
	fs := a.newFlags("eval")
	fs.Int("k", 0, "articles retrieved per question (HERALDQA_K)")
	jsonOut := fs.String("json", "", "write the full report (every case and its answer) to FILE")
	junitOut := fs.String("junit", "", "write a JUnit XML report to FILE, for CI")
	baseline := fs.String("baseline", "", "compare with an earlier --json REPORT: list what newly fails and newly passes")
	runPat := fs.String("run", "", "run only the cases whose id matches this regular expression")
	parallel := fs.Int("parallel", 0, "cases answered at once (GOMAXPROCS when 0)")
	record := fs.String("record", "", "save every LLM exchange in DIR, to replay later")
	replay := fs.String("replay", "", "answer LLM requests from the recordings in DIR, without a network")
	paths, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"name fixture files or folders: heraldqa eval testdata/fixtures"}
	}
	if *record != "" && *replay != "" {
		return usageError{"give --record or --replay, not both"}
	}
	if *parallel < 0 {
		return usageError{fmt.Sprintf("--parallel %d: want 0 (GOMAXPROCS) or more", *parallel)}
	}
	var re *regexp.Regexp
	if *runPat != "" {
		if re, err = regexp.Compile(*runPat); err != nil {
			return usageError{fmt.Sprintf("--run %q: %v", *runPat, err)}
		}
	}
	var base *eval.Report
	if *baseline != "" {
		// Read first: a bad baseline should not cost a whole run.
		if base, err = eval.ReadJSON(*baseline); err != nil {
			return err
		}
	}

	cases, err := eval.Load(paths)
	var fe *eval.FixtureError
	if errors.As(err, &fe) {
		for _, p := range fe.Problems {
			fmt.Fprintf(a.stderr, "heraldqa eval: %s\n", termsafe.Line(p.String()))
		}
		noun := "problems"
		if len(fe.Problems) == 1 {
			noun = "problem"
		}
		fmt.Fprintf(a.stderr, "heraldqa eval: %d %s in the fixtures; nothing was run\n", len(fe.Problems), noun)
		return exitError{2}
	}
	if err != nil {
		return err
	}
	if cases = eval.Select(cases, re); len(cases) == 0 {
		return usageError{fmt.Sprintf("no case id matches --run %q", *runPat)}
	}

	asker, err := a.evalAsker(ctx, *record, *replay)
	if err != nil {
		return err
	}
	ask := func(ctx context.Context, question string) (*answer.Answer, error) {
		ans, _, err := asker.Ask(ctx, question, nil)
		return ans, err
	}
	rep, err := eval.Run(ctx, cases, ask, eval.Options{Parallel: *parallel})
	if err != nil {
		return err
	}
	if *jsonOut != "" {
		if err := eval.WriteJSON(*jsonOut, rep); err != nil {
			return err
		}
	}
	if *junitOut != "" {
		if err := eval.WriteJUnit(*junitOut, rep); err != nil {
			return err
		}
	}
	var diff *eval.Diff
	if base != nil {
		diff = eval.Compare(base, *baseline, rep)
	}
	// The report quotes archive text (sources, answers): escaped, as ask's.
	if err := eval.WriteText(termsafe.NewWriter(a.stdout), rep, diff); err != nil {
		return err
	}
	// Which archive the figures are of, on stderr: stdout is the report.
	fmt.Fprintf(a.stderr, "heraldqa eval: %s against the store %s (%s)\n", count(len(cases), "case"),
		termsafe.Line(a.cfg.Get("HERALDQA_STORE")), count(len(asker.Engine.Store().Documents()), "document"))
	if rep.Failed > 0 {
		return exitError{1}
	}
	return nil
}

// evalAsker is the asker of ask, with the LLM's HTTP exchanges recorded to
// or replayed from a folder when asked.
func (a *app) evalAsker(ctx context.Context, record, replay string) (*answer.Asker, error) {
	if record == "" && replay == "" {
		return a.asker(ctx, false)
	}
	flag := "--record"
	if replay != "" {
		flag = "--replay"
	}
	cfg, ok, err := a.llmConfig(nil)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, usageError{flag + " is for LLM answers: choose the model with --llm openai|ollama (HERALDQA_LLM) and --llm-model, the same when recording and replaying"}
	}
	k, err := a.cfg.Int("HERALDQA_K")
	if err != nil {
		return nil, err
	}
	eng, err := a.engine(ctx)
	if err != nil {
		return nil, err
	}
	if replay != "" {
		cfg = eval.Replaying(cfg, replay)
	} else {
		cfg = eval.Recording(cfg, record)
	}
	gen, err := newLLM(cfg)
	if err != nil {
		return nil, err
	}
	return &answer.Asker{Engine: eng, K: k, LLM: gen}, nil
}
