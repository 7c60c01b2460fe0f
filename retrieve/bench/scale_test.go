package bench

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/retrieve/bench/synth"
)

const sampleDir = "../../testdata/archive"

var (
	srcOnce sync.Once
	srcVal  *synth.Source
	srcErr  error
)

func sampleSource(t testing.TB) *synth.Source {
	t.Helper()
	srcOnce.Do(func() { srcVal, srcErr = synth.LoadSource(context.Background(), sampleDir) })
	if srcErr != nil {
		t.Fatal(srcErr)
	}
	return srcVal
}

// TestQuickRun runs the benchmark on a tiny archive, as `bench run
// --quick` does, and checks the report's structure: every figure present,
// sizes positive. Timings are not checked: the machine may be loaded.
func TestQuickRun(t *testing.T) {
	cfg := Config{
		Sizes:  []int{60},
		Dir:    t.TempDir(),
		Source: sampleSource(t),
		Seed:   1,
		Pages:  3,
		// More questions than the warm ask uses: AskQuestions caps it.
		Questions: 8, AskQuestions: 4, ColdRuns: 2,
		Runner: selfRunner{},
	}
	rep, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Machine.CPUs <= 0 || rep.Machine.Embedder == "" || rep.Machine.Date == "" {
		t.Errorf("machine %+v", rep.Machine)
	}
	if len(rep.Sizes) != 1 {
		t.Fatalf("%d sizes reported, want 1", len(rep.Sizes))
	}
	s := rep.Sizes[0]
	checks := []struct {
		name string
		ok   bool
	}{
		{"issues, the weekly one included", s.Issues >= 2},
		{"pages: 3 an issue", s.Pages == 3*s.Issues},
		{"articles", s.Articles > s.Pages},
		{"archive bytes", s.ArchiveBytes > 0},
		// One document per page file.
		{"documents", s.Documents == s.Pages},
		{"chunks", s.Chunks >= s.Articles},
		{"store bytes", s.StoreBytes > 0},
		{"ingest seconds", s.Ingest.Seconds > 0},
		{"ingest MiB/s", s.Ingest.MBPerSec > 0},
		{"ingest peak RSS", s.Ingest.PeakRSSMB > 1},
		{"weekly ingest", s.Weekly.Seconds > 0 && s.Weekly.PeakRSSMB > 1},
		{"load", s.Load.OpenMS >= 0 && s.Load.EngineMS >= 0},
		{"search questions", s.Search.N == 8},
		{"search percentiles ordered", s.Search.P50 <= s.Search.P95 && s.Search.P95 <= s.Search.Max},
		{"found shares", 0 <= s.Search.FoundAt1 && s.Search.FoundAt1 <= s.Search.FoundAt10 && s.Search.FoundAt10 <= 1},
		{"warm asks", s.WarmAsk.N == 4},
		{"cold runs", s.ColdAsk.Runs == 2},
		{"cold timings ordered", s.ColdAsk.MinMS <= s.ColdAsk.MedianMS && s.ColdAsk.MedianMS <= s.ColdAsk.MaxMS},
		{"cold peak RSS", s.ColdAsk.PeakRSSMB > 1},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: wrong in %+v", c.name, s)
		}
	}

	// The JSON form names every figure.
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"machine"`, `"date"`, `"cpus"`, `"go_version"`, `"embedder"`,
		`"target_chunks"`, `"issues"`, `"pages"`, `"articles"`, `"archive_bytes"`, `"documents"`, `"chunks"`, `"store_bytes"`,
		`"ingest"`, `"weekly_ingest"`, `"seconds"`, `"mib_per_sec"`, `"peak_rss_mib"`, `"load"`, `"open_ms"`, `"engine_ms"`, `"heap_mib"`,
		`"search"`, `"p50_ms"`, `"p95_ms"`, `"max_ms"`, `"found_at_1"`, `"found_at_10"`, `"warm_ask"`,
		`"cold_ask"`, `"runs"`, `"median_ms"`, `"min_ms"`, `"load_avg_1m"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON report lacks %s", key)
		}
	}
	var table strings.Builder
	if err := rep.WriteTable(&table); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(table.String()), "\n")
	if len(lines) != 4 || !strings.Contains(lines[2], "search p50 ms") {
		t.Errorf("table:\n%s", table.String())
	}
	// The work folder holds the size's archive and store.
	for _, sub := range []string{"archive/issue-0001/page-01.txt", "store"} {
		if _, err := os.Stat(filepath.Join(cfg.Dir, "chunks-60", sub)); err != nil {
			t.Error(err)
		}
	}

	// Reuse measures that store again without ingesting: the same chunks,
	// searched and asked again, no ingest figures.
	cfg.Reuse = true
	again, err := Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := again.Sizes[0]
	if r.Chunks != s.Chunks || r.Ingest.Seconds != 0 || r.Weekly.Seconds != 0 || r.Search.N != 8 || r.ColdAsk.Runs != 2 || r.StoreBytes <= 0 || r.Issues != s.Issues {
		t.Errorf("reused: %+v\nfirst run: %+v", r, s)
	}
	cfg.Dir = t.TempDir()
	if _, err := Run(context.Background(), cfg); err == nil {
		t.Error("reuse of a folder without a store ran")
	}
}

func TestRunRejects(t *testing.T) {
	src := sampleSource(t)
	for _, cfg := range []Config{
		{Sizes: []int{0}, Dir: t.TempDir(), Source: src, Runner: selfRunner{}},
		{Sizes: []int{100}, Source: src, Runner: selfRunner{}},
		{Sizes: []int{100}, Dir: t.TempDir(), Source: src},
	} {
		if _, err := Run(context.Background(), cfg); err == nil {
			t.Errorf("Run(%+v) accepted", cfg)
		}
	}
}

// A failing child's error names the command and ends with its message.
func TestRunChildFailure(t *testing.T) {
	cmd := selfCmd(context.Background(), "nonsense", nil)
	_, err := runChild(cmd)
	if err == nil || !strings.Contains(err.Error(), `unknown child mode "nonsense"`) {
		t.Errorf("err = %v", err)
	}
	_, err = runChild(exec.Command(filepath.Join(t.TempDir(), "missing")))
	if err == nil {
		t.Error("a missing binary ran")
	}
}

func TestLatency(t *testing.T) {
	var ds []time.Duration
	for i := 20; i >= 1; i-- { // out of order on purpose
		ds = append(ds, time.Duration(i)*time.Millisecond)
	}
	tests := []struct {
		in   []time.Duration
		want Latency
	}{
		{nil, Latency{}},
		{[]time.Duration{3 * time.Millisecond}, Latency{N: 1, P50: 3, P95: 3, Max: 3}},
		// Nearest rank: the 10th and 19th of 1..20 ms.
		{ds, Latency{N: 20, P50: 10, P95: 19, Max: 20}},
		{[]time.Duration{1500 * time.Microsecond, 500 * time.Microsecond}, Latency{N: 2, P50: 0.5, P95: 1.5, Max: 1.5}},
	}
	for _, tt := range tests {
		if got := latency(tt.in); got != tt.want {
			t.Errorf("latency(%v) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestDirSize(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "x"), make([]byte, 100), 0o644)
	os.WriteFile(filepath.Join(dir, "a", "y"), make([]byte, 23), 0o644)
	if n, err := dirSize(dir); err != nil || n != 123 {
		t.Errorf("dirSize = %d, %v; want 123", n, err)
	}
}
