package bench

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

// DefaultSizes are the archive sizes measured, in chunks.
var DefaultSizes = []int{1_000, 10_000, 50_000}

// Config configures Run.
type Config struct {
	// Sizes are the archive sizes to measure, in chunks, approximately:
	// enough whole issues are generated to reach each.
	Sizes []int
	// Issues, when set, are the archive sizes in issues instead (bench gen
	// --issues 700 is about 13 years of the paper).
	Issues []int
	// Dir is the work folder; each size uses Dir/chunks-N. It must exist.
	Dir string
	// Source is the sample material of the synthetic archives.
	Source *synth.Source
	Seed   uint64
	// Pages per issue; synth.DefaultPages when 0.
	Pages int
	// Questions is how many questions measure warm retrieval (300 when
	// 0); the first AskQuestions of them (100 when 0) also go through the
	// whole warm answering path.
	Questions, AskQuestions int
	// ColdRuns is how many cold `ask` processes are timed per size (5
	// when 0).
	ColdRuns int
	// Reuse measures the store an earlier run left in Dir, as it is: no
	// archive is generated or ingested (the ingest figures stay zero), so a
	// binary can be measured on an archive-scale store built once.
	Reuse bool
	// Runner starts the ingest and cold-ask children.
	Runner Runner
	// Log is told the progress; nil logs nothing.
	Log *slog.Logger
}

// Report is the result of Run.
type Report struct {
	Machine Machine      `json:"machine"`
	Sizes   []SizeReport `json:"sizes"`
}

// Machine says where and when the figures were taken.
type Machine struct {
	Date       string `json:"date"` // RFC 3339
	GOOS       string `json:"goos"`
	GOARCH     string `json:"goarch"`
	CPUs       int    `json:"cpus"`
	GOMAXPROCS int    `json:"gomaxprocs"`
	GoVersion  string `json:"go_version"`
	Embedder   string `json:"embedder"`
}

// SizeReport is what was measured at one archive size.
type SizeReport struct {
	TargetChunks int `json:"target_chunks"`
	// The archive as generated and stored at the end: the issues of the
	// full ingest and the weekly one.
	Issues       int   `json:"issues"`
	Pages        int   `json:"pages"`
	Articles     int   `json:"articles"` // stories and captions
	ArchiveBytes int64 `json:"archive_bytes"`
	// The store as ingested.
	Documents  int   `json:"documents"`
	Chunks     int   `json:"chunks"`
	StoreBytes int64 `json:"store_bytes"`

	Ingest IngestReport `json:"ingest"`
	// Weekly is `heraldqa ingest` of one more issue into that store: the
	// weekly update.
	Weekly   IngestReport `json:"weekly_ingest"`
	Load     LoadReport   `json:"load"`
	Search   SearchReport `json:"search"`
	WarmAsk  Latency      `json:"warm_ask"`
	ColdAsk  ColdReport   `json:"cold_ask"`
	LoadAvg1 float64      `json:"load_avg_1m"` // when this size started
}

// IngestReport measures `heraldqa ingest` of the archive into an empty
// store, as a child process.
type IngestReport struct {
	Seconds   float64 `json:"seconds"`
	MBPerSec  float64 `json:"mib_per_sec"` // archive MiB a second
	PeakRSSMB float64 `json:"peak_rss_mib"`
}

// LoadReport measures opening the store and preparing the engine in the
// driver, after a garbage collection, as a fresh process would.
type LoadReport struct {
	OpenMS   float64 `json:"open_ms"`   // store.Open: read and check the snapshot
	EngineMS float64 `json:"engine_ms"` // retrieve.NewEngine: lexical index, chunk metadata
	HeapMB   float64 `json:"heap_mib"`  // live heap the store and engine hold
}

// SearchReport measures warm Engine.Search over questions made from the
// archive's sentences, k=10.
type SearchReport struct {
	Latency
	// FoundAt1 and FoundAt10 are the shares of questions whose story is
	// the first result or among the first ten: a check that retrieval is
	// neither trivial nor broken, not a quality benchmark.
	FoundAt1  float64 `json:"found_at_1"`
	FoundAt10 float64 `json:"found_at_10"`
}

// ColdReport measures `heraldqa ask` from process start to answer.
type ColdReport struct {
	Runs      int     `json:"runs"`
	MedianMS  float64 `json:"median_ms"`
	MinMS     float64 `json:"min_ms"`
	MaxMS     float64 `json:"max_ms"`
	PeakRSSMB float64 `json:"peak_rss_mib"` // median of the runs
}

func (c *Config) defaults() error {
	if len(c.Sizes) == 0 && len(c.Issues) == 0 {
		c.Sizes = DefaultSizes
	}
	for _, s := range c.Sizes {
		if s <= 0 {
			return fmt.Errorf("size %d: want a positive number of chunks", s)
		}
	}
	if c.Dir == "" || c.Source == nil || c.Runner == nil {
		return errors.New("bench: Dir, Source and Runner are required")
	}
	if c.Questions <= 0 {
		c.Questions = 300
	}
	if c.AskQuestions <= 0 {
		c.AskQuestions = 100
	}
	c.AskQuestions = min(c.AskQuestions, c.Questions)
	if c.ColdRuns <= 0 {
		c.ColdRuns = 5
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return nil
}

// Run measures every size in turn.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		return nil, err
	}
	rep := &Report{Machine: Machine{
		Date: time.Now().Format(time.RFC3339),
		GOOS: runtime.GOOS, GOARCH: runtime.GOARCH,
		CPUs: runtime.NumCPU(), GOMAXPROCS: runtime.GOMAXPROCS(0),
		GoVersion: runtime.Version(), Embedder: emb.Name(),
	}}
	perIssue, err := chunksPerIssue(cfg)
	if err != nil {
		return nil, err
	}
	type target struct{ chunks, issues int }
	var targets []target
	for _, n := range cfg.Issues {
		targets = append(targets, target{n * perIssue, n})
	}
	for _, size := range cfg.Sizes {
		targets = append(targets, target{size, max(1, (size+perIssue/2)/perIssue)})
	}
	for _, tg := range targets {
		size := tg.chunks
		sr, err := measureSize(ctx, cfg, emb, size, tg.issues)
		if err != nil {
			return rep, fmt.Errorf("at %d chunks: %w", size, err)
		}
		rep.Sizes = append(rep.Sizes, *sr)
	}
	return rep, nil
}

// chunksPerIssue counts the chunks of one generated issue, to know how
// many issues make a size.
func chunksPerIssue(cfg Config) (int, error) {
	a, err := synth.New(cfg.Source, synth.Options{Issues: 1, Seed: cfg.Seed, Pages: cfg.Pages})
	if err != nil {
		return 0, err
	}
	iss := a.Issue(0)
	n := 0
	for p := 1; p <= len(iss.Pages); p++ {
		d := ingest.ParseIssue("page", iss.PageText(p))
		for i := range d.Articles {
			n += len(ingest.ChunkArticle(&d.Articles[i]))
		}
	}
	return max(n, 1), nil
}

func measureSize(ctx context.Context, cfg Config, emb embed.Embedder, size, issues int) (*SizeReport, error) {
	log := cfg.Log.With("chunks", size)
	sr := &SizeReport{TargetChunks: size, Issues: issues, LoadAvg1: loadAvg()[0]}
	dir := filepath.Join(cfg.Dir, fmt.Sprintf("chunks-%d", size))
	archiveDir, storeDir := filepath.Join(dir, "archive"), filepath.Join(dir, "store")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("making the work folder: %w", err)
	}

	// One issue more than measured: the newest is the weekly update,
	// ingested into the store of the others.
	a, err := synth.New(cfg.Source, synth.Options{Issues: issues + 1, Seed: cfg.Seed, Pages: cfg.Pages})
	if err != nil {
		return nil, err
	}
	if cfg.Reuse {
		if _, err := os.Stat(filepath.Join(storeDir, "manifest.json")); err != nil {
			return nil, fmt.Errorf("reusing the store of an earlier run: %w", err)
		}
		log.Info("reusing", "store", storeDir)
		sr.Issues = issues + 1 // as the run that built it, the weekly one included
		if sr.StoreBytes, err = dirSize(storeDir); err != nil {
			return nil, fmt.Errorf("measuring the store: %w", err)
		}
		return sr, measureStore(ctx, cfg, emb, a, storeDir, sr)
	}
	log.Info("generating", "issues", issues+1)
	st, err := a.WriteFiles(ctx, archiveDir)
	if err != nil {
		return nil, err
	}
	weeklyDir := filepath.Join(dir, "weekly")
	if err := os.MkdirAll(weeklyDir, 0o755); err != nil {
		return nil, err
	}
	last := synth.Dir(issues)
	if err := os.Rename(filepath.Join(archiveDir, last), filepath.Join(weeklyDir, last)); err != nil {
		return nil, fmt.Errorf("setting the weekly issue aside: %w", err)
	}
	perIssue := float64(st.Bytes) / float64(issues+1)
	sr.Issues, sr.Pages, sr.Articles, sr.ArchiveBytes = issues+1, st.Pages, st.Articles, st.Bytes

	log.Info("ingesting", "mib", fmt.Sprintf("%.1f", mib(st.Bytes)))
	run, err := runChild(cfg.Runner.Ingest(ctx, storeDir, []string{archiveDir}))
	if err != nil {
		return nil, err
	}
	sr.Ingest = IngestReport{
		Seconds:   run.wall.Seconds(),
		MBPerSec:  mib(int64(perIssue*float64(issues))) / run.wall.Seconds(),
		PeakRSSMB: mib(run.maxRSS),
	}
	if sr.StoreBytes, err = dirSize(storeDir); err != nil {
		return nil, fmt.Errorf("measuring the store: %w", err)
	}

	log.Info("weekly update", "issue", last)
	run, err = runChild(cfg.Runner.Ingest(ctx, storeDir, []string{filepath.Join(weeklyDir, last)}))
	if err != nil {
		return nil, err
	}
	sr.Weekly = IngestReport{Seconds: run.wall.Seconds(), MBPerSec: mib(int64(perIssue)) / run.wall.Seconds(), PeakRSSMB: mib(run.maxRSS)}

	return sr, measureStore(ctx, cfg, emb, a, storeDir, sr)
}

// measureStore measures cold asks, then loading and warm search and ask
// in the driver.
func measureStore(ctx context.Context, cfg Config, emb embed.Embedder, a *synth.Archive, storeDir string, sr *SizeReport) error {
	log := cfg.Log.With("chunks", sr.TargetChunks)
	var err error
	// Cold asks run before the driver loads the store itself, so that at
	// archive scale the two never hold it at once.
	questions := a.Questions(cfg.Questions, cfg.Seed+1)
	log.Info("cold ask", "runs", cfg.ColdRuns)
	if sr.ColdAsk, err = measureCold(ctx, cfg, storeDir, questions); err != nil {
		return err
	}

	log.Info("loading")
	eng, err := measureLoad(ctx, storeDir, emb, sr)
	if err != nil {
		return err
	}
	log.Info("searching", "questions", len(questions))
	if sr.Search, err = measureSearch(ctx, eng, questions); err != nil {
		return err
	}
	if sr.WarmAsk, err = measureAsk(ctx, eng, questions[:min(cfg.AskQuestions, len(questions))]); err != nil {
		return err
	}
	return nil
}

// measureLoad opens the store and builds the engine, timing each, and
// measures the heap they keep.
func measureLoad(ctx context.Context, dir string, emb embed.Embedder, sr *SizeReport) (*retrieve.Engine, error) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	t0 := time.Now()
	st, err := store.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	t1 := time.Now()
	eng, err := retrieve.NewEngine(ctx, st, emb)
	if err != nil {
		return nil, err
	}
	t2 := time.Now()
	runtime.GC()
	runtime.ReadMemStats(&after)
	sr.Load = LoadReport{OpenMS: ms(t1.Sub(t0)), EngineMS: ms(t2.Sub(t1)), HeapMB: mib(int64(after.HeapAlloc) - int64(before.HeapAlloc))}
	sr.Documents, sr.Chunks = len(st.Documents()), st.Len()
	return eng, nil
}

// warmup is how many questions are asked, unmeasured, before timing, so
// that caches and pools are as a running bot has them.
const warmup = 10

// measureSearch times Engine.Search for each question as `ask` would
// search: the parsed subject under the question's filter.
func measureSearch(ctx context.Context, eng *retrieve.Engine, qs []synth.Question) (SearchReport, error) {
	search := func(q synth.Question) ([]retrieve.Result, error) {
		pq := retrieve.ParseQuery(q.Text)
		return eng.Search(ctx, pq.Subject, retrieve.FilterOf(pq), 10)
	}
	for _, q := range qs[:min(warmup, len(qs))] {
		if _, err := search(q); err != nil {
			return SearchReport{}, err
		}
	}
	var ds []time.Duration
	at1, at10 := 0, 0
	for _, q := range qs {
		start := time.Now()
		res, err := search(q)
		ds = append(ds, time.Since(start))
		if err != nil {
			return SearchReport{}, err
		}
		for i, r := range res {
			if r.Doc != nil && r.Article != nil && r.Doc.Source == q.Source && strings.Contains(r.Article.Text, q.Quote) {
				at10++
				if i == 0 {
					at1++
				}
				break
			}
		}
	}
	sr := SearchReport{Latency: latency(ds)}
	if n := len(qs); n > 0 {
		sr.FoundAt1, sr.FoundAt10 = float64(at1)/float64(n), float64(at10)/float64(n)
	}
	return sr, nil
}

// measureAsk times the whole warm answering path (answer.Asker, default
// k, extractive).
func measureAsk(ctx context.Context, eng *retrieve.Engine, qs []synth.Question) (Latency, error) {
	asker := &answer.Asker{Engine: eng}
	var ds []time.Duration
	for _, q := range qs {
		start := time.Now()
		if _, _, err := asker.Ask(ctx, q.Text, nil); err != nil {
			return Latency{}, err
		}
		ds = append(ds, time.Since(start))
	}
	return latency(ds), nil
}

// measureCold runs `ask` in fresh processes, one question each.
func measureCold(ctx context.Context, cfg Config, storeDir string, qs []synth.Question) (ColdReport, error) {
	var walls []time.Duration
	var rss []int64
	for i := range cfg.ColdRuns {
		q := "科技创新"
		if len(qs) > 0 {
			q = qs[i%len(qs)].Text
		}
		run, err := runChild(cfg.Runner.Ask(ctx, storeDir, q))
		if err != nil {
			return ColdReport{}, err
		}
		if !strings.Contains(string(run.stdout), `"answer"`) {
			return ColdReport{}, fmt.Errorf("cold ask printed no answer: %.200q", run.stdout)
		}
		walls = append(walls, run.wall)
		rss = append(rss, run.maxRSS)
	}
	l := latency(walls)
	slices.Sort(rss)
	return ColdReport{
		Runs:      l.N,
		MedianMS:  l.P50,
		MinMS:     ms(slices.Min(walls)),
		MaxMS:     l.Max,
		PeakRSSMB: mib(rss[(len(rss)-1)/2]),
	}, nil
}
