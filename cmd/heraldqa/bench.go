package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/cmd/termsafe"
	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/retrieve/bench"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

const benchUsage = `heraldqa bench measures speed and retrieval at the size of the real archive.

  heraldqa bench gen --issues N --out DIR [--format txt|jsonl] [--seed S]
      write a synthetic archive made from the sample archive's sentences:
      DIR/issue-0001/page-01.txt … (inner pages with page-NN.meta.json),
      or with --format jsonl DIR/issue-0001.jsonl …, one record per article
  heraldqa bench run [--sizes 1000,10000,50000 | --issues 700] [--dir DIR] [--quick] [--json FILE]
      generate archives of about that many chunks (or issues) and measure
      ingest, the weekly ingest of one more issue into that store, store
      load, warm search, warm and cold ask; --quick takes a few seconds
  heraldqa bench retrieval --corpus FILE --questions FILE [--store DIR] [--json FILE] [--limit N]
      ingest a JSONL corpus and report recall@1/5/20, MRR@20 and latency
      of its questions (CMRC 2018 and DRCD in ../shared/bench)
  heraldqa bench reader [--corpus FILE] [--questions FILE] [--gold-removed N] [--items FILE] [--json FILE]
      score reader-qa as its README says (answerable correct, unanswerable
      refused, R@5, by kind and language), then ingest cmrc2018 without the
      gold paragraphs of N sampled questions (default 300, seed 1) and
      report the share refused; defaults are ../shared/bench's files
  heraldqa bench yesno --corpus FILE --questions FILE [--store DIR] [--seed S] [--items FILE]
      make yes/no questions from a fitting set's questions (the asking word
      replaced by the gold answer or another one) and score the direct
      是/不是 answers, never refusing
  heraldqa bench train [--sets DIR,DIR] [--out FILE]
      re-fit the extractive answer model (retrieve/answer/model.json) on the
      fitting sets, by default ../shared/bench/cmrc2018_trial and drcd_test
`

func (a *app) bench(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return usageError{"bench what?\n\n" + benchUsage}
	}
	switch args[0] {
	case "gen":
		return a.benchGen(ctx, args[1:])
	case "run":
		return a.benchRun(ctx, args[1:])
	case "retrieval":
		return a.benchRetrieval(ctx, args[1:])
	case "reader":
		return a.benchReader(ctx, args[1:])
	case "train":
		return a.benchTrain(ctx, args[1:])
	case "yesno":
		return a.benchYesNo(ctx, args[1:])
	case "-h", "--help", "help":
		fmt.Fprint(a.stdout, benchUsage)
		return nil
	}
	return usageError{fmt.Sprintf("unknown bench command %q\n\n%s", args[0], benchUsage)}
}

// sampleFlag adds --sample, the archive the synthetic one is made from.
func sampleFlag(fs *flag.FlagSet) *string {
	return fs.String("sample", sampleArchive(), "the sample archive to take sentences and structure from")
}

func loadSample(ctx context.Context, dir string) (*synth.Source, error) {
	if dir == "" {
		return nil, usageError{"no sample archive found; give --sample DIR (testdata/archive of the repository)"}
	}
	return synth.LoadSource(ctx, dir)
}

func (a *app) benchGen(ctx context.Context, args []string) error {
	fs := a.newFlags("bench gen")
	issues := fs.Int("issues", 0, "issues to generate, a week apart")
	out := fs.String("out", "", "folder to write to")
	format := fs.String("format", "txt", "txt (issue-NNNN/page-PP.txt) or jsonl (issue-NNNN.jsonl)")
	seed := fs.Uint64("seed", 1, "the same seed writes the same archive")
	pages := fs.Int("pages", synth.DefaultPages, "pages per issue")
	sample := sampleFlag(fs)
	if rest, err := a.parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	switch {
	case *issues <= 0:
		return usageError{"give --issues N, at least 1 (about 100 issues make the real archive's 10,000 articles)"}
	case *out == "":
		return usageError{"give --out DIR"}
	case *format != "txt" && *format != "jsonl":
		return usageError{fmt.Sprintf("--format %q: want txt or jsonl", *format)}
	}
	src, err := loadSample(ctx, *sample)
	if err != nil {
		return err
	}
	arch, err := synth.New(src, synth.Options{Issues: *issues, Seed: *seed, Pages: *pages})
	if err != nil {
		return usageError{err.Error()}
	}
	var st synth.Stats
	if *format == "jsonl" {
		st, err = arch.WriteJSONL(ctx, *out)
	} else {
		st, err = arch.WriteFiles(ctx, *out)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "wrote %s, %s, %s, %.1f MiB to %s\n", count(st.Issues, "issue"), count(st.Pages, "page"), count(st.Articles, "article"), float64(st.Bytes)/(1<<20), *out)
	return nil
}

func (a *app) benchRun(ctx context.Context, args []string) error {
	fs := a.newFlags("bench run")
	sizes := fs.String("sizes", "1000,10000,50000", "archive sizes in chunks, comma-separated")
	issues := fs.String("issues", "", "archive sizes in issues instead, comma-separated (700 ≈ 420k chunks)")
	dir := fs.String("dir", "", "work folder, kept afterwards (default: a temporary folder, removed)")
	quick := fs.Bool("quick", false, "a few-second run on a tiny archive (CI)")
	jsonOut := fs.String("json", "", "also write the report as JSON to FILE")
	seed := fs.Uint64("seed", 1, "seed of the synthetic archives and questions")
	questions := fs.Int("questions", 300, "questions for warm search latency")
	coldRuns := fs.Int("cold-runs", 5, "cold ask processes timed per size")
	reuse := fs.Bool("reuse", false, "measure the stores a run with the same --dir left, without generating or ingesting again")
	sample := sampleFlag(fs)
	if rest, err := a.parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	cfg := bench.Config{Seed: *seed, Questions: *questions, ColdRuns: *coldRuns, Reuse: *reuse,
		Log: slog.New(slog.NewTextHandler(a.stderr, nil))}
	var err error
	if *issues != "" {
		if cfg.Issues, err = parseSizes(*issues); err != nil {
			return err
		}
	} else if cfg.Sizes, err = parseSizes(*sizes); err != nil {
		return err
	}
	if *quick {
		cfg.Sizes, cfg.Pages, cfg.Questions, cfg.AskQuestions, cfg.ColdRuns = []int{150}, 4, 20, 10, 2
	}
	if cfg.Source, err = loadSample(ctx, *sample); err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding the heraldqa binary to run: %w", err)
	}
	if *reuse && *dir == "" {
		return usageError{"--reuse needs the --dir of an earlier run"}
	}
	if *dir == "" {
		tmp, err := os.MkdirTemp("", "heraldqa-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		*dir = tmp
	} else if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	cfg.Dir = *dir
	cfg.Runner = bench.Exe{Path: exe, Dir: *dir}
	rep, err := bench.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if err := rep.WriteTable(termsafe.NewWriter(a.stdout)); err != nil {
		return err
	}
	return writeJSON(*jsonOut, rep)
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			return nil, usageError{fmt.Sprintf("--sizes %q: want chunk counts such as 1000,10000,50000", s)}
		}
		out = append(out, n)
	}
	return out, nil
}

func (a *app) benchRetrieval(ctx context.Context, args []string) error {
	fs := a.newFlags("bench retrieval")
	corpus := fs.String("corpus", "", "JSONL corpus, one {\"id\",\"title\",\"text\"} a line")
	questions := fs.String("questions", "", "JSONL questions, one {\"qid\",\"question\",\"answers\",\"doc_id\"} a line")
	jsonOut := fs.String("json", "", "also write the report as JSON to FILE")
	limit := fs.Int("limit", 0, "ask only the first N questions")
	rescore := fs.Bool("rescore", false, "score vectors only for the lexical candidates, as a store of 100,000+ chunks does")
	answerAll := fs.Bool("answer-all", false, "never refuse: measure which sentences are quoted apart from the answer-or-refuse decision")
	dir, done, emb, err := a.questionSet(fs, args, corpus, questions, "cmrc2018", "heraldqa-retrieval-")
	if err != nil {
		return err
	}
	defer done()
	rep, err := bench.Retrieval(ctx, bench.RetrievalConfig{Corpus: *corpus, Questions: *questions, Store: dir, Embedder: emb, Limit: *limit, Rescore: *rescore, AnswerAll: *answerAll})
	if err != nil {
		return err
	}
	if err := bench.WriteRetrievalTable(termsafe.NewWriter(a.stdout), []*bench.RetrievalReport{rep}); err != nil {
		return err
	}
	return writeJSON(*jsonOut, rep)
}

// questionSet parses a benchmark's flags, which must name a question set
// (--corpus and --questions; example names one in the error), and gives the
// store it is ingested into, its clean-up and the embedder.
func (a *app) questionSet(fs *flag.FlagSet, args []string, corpus, questions *string, example, prefix string) (dir string, done func(), emb embed.Embedder, err error) {
	rest, err := a.parse(fs, args)
	switch {
	case err != nil:
		return "", nil, nil, err
	case len(rest) > 0:
		return "", nil, nil, usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	case *corpus == "" || *questions == "":
		return "", nil, nil, usageError{"give --corpus FILE and --questions FILE, e.g. ../shared/bench/" + example + "/corpus.jsonl and questions.jsonl"}
	}
	if emb, err = a.embedder(); err != nil {
		return "", nil, nil, err
	}
	if dir, done, err = benchStore(fs, prefix); err != nil {
		return "", nil, nil, err
	}
	return dir, done, emb, nil
}

// benchStore is the store a benchmark ingests into: --store when given,
// else a temporary folder that done removes. The benchmark's corpus never
// goes into the configured store unless --store names one.
func benchStore(fs *flag.FlagSet, prefix string) (dir string, done func(), err error) {
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "store" {
			dir = f.Value.String()
		}
	})
	if dir != "" {
		return dir, func() {}, nil
	}
	tmp, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", nil, err
	}
	return tmp, func() { os.RemoveAll(tmp) }, nil
}

func (a *app) benchReader(ctx context.Context, args []string) error {
	fs := a.newFlags("bench reader")
	corpus := fs.String("corpus", "../shared/bench/cmrc2018/corpus.jsonl", "JSONL corpus the questions are about")
	questions := fs.String("questions", "../shared/bench/reader-qa/questions.jsonl", "reader-qa JSONL questions")
	goldQuestions := fs.String("gold-questions", "../shared/bench/cmrc2018/questions.jsonl", "questions of the corpus to draw the gold-removed sample from")
	goldN := fs.Int("gold-removed", 300, "questions in the gold-removed sample; 0 skips it")
	seed := fs.Uint64("seed", 1, "seed of the gold-removed sample")
	items := fs.String("items", "", "also write one JSON line per reader-qa question to FILE")
	jsonOut := fs.String("json", "", "also write the report as JSON to FILE")
	answerAll := fs.Bool("answer-all", false, "never refuse reader-qa questions: measure which sentences are quoted apart from the answer-or-refuse decision")
	if rest, err := a.parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	k, err := a.cfg.Int("HERALDQA_K")
	if err != nil {
		return err
	}
	emb, err := a.embedder()
	if err != nil {
		return err
	}
	dir, done, err := benchStore(fs, "heraldqa-reader-")
	if err != nil {
		return err
	}
	defer done()
	cfg := bench.ReaderConfig{Corpus: *corpus, Questions: *questions, Store: dir, Embedder: emb, K: k, AnswerAll: *answerAll}
	if *items != "" {
		f, err := os.Create(*items)
		if err != nil {
			return fmt.Errorf("writing items: %w", err)
		}
		defer f.Close()
		cfg.Items = f
	}
	rep, err := bench.Reader(ctx, cfg)
	if err != nil {
		return err
	}
	var gr *bench.GoldRemovedReport
	if *goldN > 0 {
		grDir, err := os.MkdirTemp("", "heraldqa-goldremoved-store-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(grDir)
		gr, err = bench.GoldRemoved(ctx, bench.GoldRemovedConfig{Corpus: *corpus, Questions: *goldQuestions,
			Sample: *goldN, Seed: *seed, Store: grDir, Embedder: emb, K: k})
		if err != nil {
			return err
		}
	}
	if err := bench.WriteReaderTable(termsafe.NewWriter(a.stdout), rep, gr); err != nil {
		return err
	}
	return writeJSON(*jsonOut, struct {
		Reader      *bench.ReaderReport      `json:"reader_qa"`
		GoldRemoved *bench.GoldRemovedReport `json:"gold_removed,omitempty"`
	}{rep, gr})
}

func (a *app) benchTrain(ctx context.Context, args []string) error {
	fs := a.newFlags("bench train")
	sets := fs.String("sets", "../shared/bench/cmrc2018_trial,../shared/bench/drcd_test", "fitting sets, comma-separated folders with corpus.jsonl and questions.jsonl")
	out := fs.String("out", "retrieve/answer/model.json", "model file to write")
	dict := fs.String("dict", "../shared/dict/cedict_ts.u8", "CC-CEDICT, for paraphrased copies of the fitting questions (\"\": none)")
	colloquial := fs.String("colloquial", "testdata/colloquial", "folder of colloquial questions over the fitting sets, for the quote order's trees (\"\": none)")
	if rest, err := a.parse(fs, args); err != nil {
		return err
	} else if len(rest) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	cfg := bench.DefaultTrain
	cfg.Dict, cfg.Colloquial = *dict, *colloquial
	for _, s := range strings.Split(*sets, ",") {
		s = strings.TrimSpace(s)
		if base := filepath.Base(s); base == "cmrc2018" || base == "reader-qa" {
			return usageError{fmt.Sprintf("--sets %s: that set is reported on and never fitted to", s)}
		}
		cfg.Sets = append(cfg.Sets, s)
	}
	emb, err := a.embedder()
	if err != nil {
		return err
	}
	cfg.Embedder = emb
	cfg.Log = slog.New(slog.NewTextHandler(a.stderr, nil))
	m, err := bench.Train(ctx, cfg)
	if err != nil {
		return err
	}
	b, err := m.Encode()
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("writing the model: %w", err)
	}
	return nil
}

// writeJSON writes v indented to path; nothing when path is "".
func writeJSON(path string, v any) error {
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

func (a *app) benchYesNo(ctx context.Context, args []string) error {
	fs := a.newFlags("bench yesno")
	corpus := fs.String("corpus", "", "JSONL corpus of a fitting set")
	questions := fs.String("questions", "", "its JSONL questions")
	seed := fs.Uint64("seed", 1, "seed of the claims drawn")
	items := fs.String("items", "", "also write one tab-separated line per question to FILE")
	dir, done, emb, err := a.questionSet(fs, args, corpus, questions, "drcd_test", "heraldqa-yesno-")
	if err != nil {
		return err
	}
	defer done()
	var w io.Writer
	if *items != "" {
		f, err := os.Create(*items)
		if err != nil {
			return fmt.Errorf("writing items: %w", err)
		}
		defer f.Close()
		w = f
	}
	rep, err := bench.YesNo(ctx, bench.YesNoConfig{Corpus: *corpus, Questions: *questions, Store: dir, Embedder: emb, Seed: *seed}, w)
	if err != nil {
		return err
	}
	return bench.WriteYesNoTable(termsafe.NewWriter(a.stdout), *corpus, rep)
}
