package store

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The helper process: when the test binary is run again with
// HERALDQA_STORE_HELPER set, TestHelperProcess plays another heraldqa
// process instead of testing.
const (
	helperEnv     = "HERALDQA_STORE_HELPER"
	helperDirEnv  = "HERALDQA_STORE_HELPER_DIR"
	helperDocsEnv = "HERALDQA_STORE_HELPER_DOCS"
)

func helperCommand(mode, dir string, docs int) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, helperDirEnv+"="+dir, helperDocsEnv+"="+strconv.Itoa(docs))
	cmd.Stderr = os.Stderr
	return cmd
}

func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		return
	}
	ctx := context.Background()
	dir := os.Getenv(helperDirEnv)
	open := OpenWriter
	if mode == "append-loop" || mode == "compact" {
		open = OpenAppender // as heraldqa ingest and compact open it
	}
	l, err := open(ctx, dir)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	switch mode {
	case "hold-lock":
		// Hold the lock until stdin closes.
		fmt.Println("locked")
		io.Copy(io.Discard, os.Stdin)
	case "compact":
		// As heraldqa compact: the parts' search blobs merged, streamed.
		l.SetIndexer(idsIndexer(nil))
		l.SetMerger(idsMerger)
		fmt.Println("saving 1")
		if err := l.Compact(ctx); err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		fmt.Println("saved 1")
	case "save-loop", "append-loop":
		// Write whole new generations until killed; bounded so an orphan
		// stops by itself.
		docs, _ := strconv.Atoi(os.Getenv(helperDocsEnv))
		gen := l.Documents()[0].Meta.Issue
		for range 50 {
			gen++
			fillSynth(t, l, docs, gen)
			fmt.Println("saving", gen)
			if err := l.Save(ctx); err != nil {
				fmt.Println("error", err)
				os.Exit(2)
			}
			fmt.Println("saved", gen)
		}
	case "save-peak":
		savePeak(l)
	}
	l.Close()
	os.Exit(0)
}

// checkSynthGeneration checks that l holds one complete synthetic generation
// of nDocs documents and returns it.
func checkSynthGeneration(t *testing.T, l *Local, nDocs int) int {
	t.Helper()
	docs := l.Documents()
	if len(docs) != nDocs {
		t.Fatalf("store holds %d documents, want %d", len(docs), nDocs)
	}
	gen := docs[0].Meta.Issue
	for _, d := range docs {
		if d.Meta.Issue != gen {
			t.Fatalf("store mixes generations %d and %d", gen, d.Meta.Issue)
		}
	}
	if want := nDocs * articlesPerDoc * chunksPerArticle; l.Len() != want {
		t.Fatalf("store holds %d chunks, want %d", l.Len(), want)
	}
	for _, d := range []int{0, nDocs / 2, nDocs - 1} {
		want := synthEntry(gen, d)
		got := docs[d]
		if !reflect.DeepEqual(*got, want.Doc) {
			t.Fatalf("document %d of generation %d differs from what was written", d, gen)
		}
		for i, c := range want.Chunks {
			gc, ok := l.Chunk(c.ID)
			if !ok || !reflect.DeepEqual(*gc, c) {
				t.Fatalf("chunk %s of generation %d differs from what was written", c.ID, gen)
			}
			v, _ := l.Vector(c.ID)
			for j := range v {
				if math.Abs(float64(v[j]-want.Vectors[i][j])) > 1e-6 {
					t.Fatalf("vector of chunk %s of generation %d differs from what was written", c.ID, gen)
				}
			}
		}
	}
	return gen
}

// TestCrashSafety kills a process writing large snapshots at random points
// with SIGKILL and checks that the store then loads as either the last
// complete snapshot or the one being written, never anything in between.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("writes large snapshots")
	}
	nDocs, rounds := 100, 8 // 5,000 chunks: a snapshot of about 16 MiB
	if raceEnabled {
		// The race detector slows the helper tenfold; the file writes it
		// tests are the same at any size.
		nDocs, rounds = 30, 6
	}
	ctx := context.Background()
	dir := t.TempDir()

	w, err := OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	fillSynth(t, w, nDocs, 1)
	start := time.Now()
	if err := w.Save(ctx); err != nil {
		t.Fatal(err)
	}
	saveTime := time.Since(start)
	w.Close()
	t.Logf("one save takes %v", saveTime)

	onDisk := 1
	midWrite := 0
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	for round := range rounds {
		leftovers, _ := filepath.Glob(filepath.Join(dir, tempPattern))
		cmd := helperCommand("save-loop", dir, nDocs)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		saving := 0
		for saving == 0 && lines.Scan() {
			if f := strings.Fields(lines.Text()); len(f) == 2 && f[0] == "saving" {
				saving, _ = strconv.Atoi(f[1])
			} else if len(f) > 0 && f[0] == "error" {
				t.Fatalf("helper: %s", lines.Text())
			}
		}
		if saving == 0 {
			cmd.Wait()
			t.Fatal("helper stopped before saving")
		}
		// Even rounds kill while the temporary file is being written; odd
		// ones anywhere in Save, from encoding to renaming.
		if round%2 == 0 {
			waitForTemp(dir, leftovers, 10*time.Second)
			time.Sleep(time.Duration(r.Int64N(int64(saveTime/2) + 1)))
		} else {
			time.Sleep(time.Duration(r.Int64N(int64(saveTime) + 1)))
		}
		cmd.Process.Kill()
		saved := onDisk
		for lines.Scan() {
			if f := strings.Fields(lines.Text()); len(f) == 2 && f[0] == "saved" {
				saved, _ = strconv.Atoi(f[1])
			}
		}
		cmd.Wait()
		temps, _ := filepath.Glob(filepath.Join(dir, tempPattern))
		if len(temps) > 0 {
			midWrite++
		}

		l, err := Open(ctx, dir)
		if err != nil {
			t.Fatalf("round %d: after SIGKILL: %v", round, err)
		}
		gen := checkSynthGeneration(t, l, nDocs)
		// The helper had completed generation saved and was writing the
		// next one; the store must hold one of the two.
		if gen != saved && gen != saved+1 {
			t.Fatalf("round %d: store holds generation %d, want %d or %d", round, gen, saved, saved+1)
		}
		t.Logf("round %d: killed while saving generation %d; store holds %d; temp file left: %v", round, saving, gen, len(temps) > 0)
		onDisk = gen
	}
	// Kills that left a temporary file hit the write itself; without any,
	// this test would not have tested what it is for.
	if midWrite == 0 {
		t.Fatalf("no kill of %d landed while a snapshot was being written", rounds)
	}

	// A later save cleans up after the killed writers.
	w, err = OpenWriter(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetAux("after", []byte("crash"))
	if err := w.Save(ctx); err != nil {
		t.Fatal(err)
	}
	if temps, _ := filepath.Glob(filepath.Join(dir, tempPattern)); len(temps) > 0 {
		t.Errorf("temporary files left after a Save: %v", temps)
	}
}

// waitForTemp returns once a temporary snapshot file other than those in
// old exists in dir.
func waitForTemp(dir string, old []string, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		temps, _ := filepath.Glob(filepath.Join(dir, tempPattern))
		for _, n := range temps {
			if !slices.Contains(old, n) {
				return
			}
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// TestKillIngestAndCompaction kills an ingest (an appender committing a
// whole new generation as a segment, older ones deleted) and a compaction
// (merging segments that hold deleted documents) with SIGKILL at random
// points, 20 times each, and checks that the store always loads and holds
// one complete generation: the one before or the one being written.
func TestKillIngestAndCompaction(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 40 writers")
	}
	nDocs := 40 // 2,000 chunks
	if raceEnabled {
		nDocs = 12
	}
	ctx := context.Background()
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 2))

	// setup writes generation 1 as five segments, then rewrites a few
	// documents so the older segments hold deleted ones; it returns how
	// long a compaction of it takes.
	setup := func(dir string) time.Duration {
		for part := range 5 {
			l, err := OpenAppender(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := l.UseEmbedder(synthEmbedderName, synthDim); err != nil {
				t.Fatal(err)
			}
			l.SetIndexer(idsIndexer(nil))
			for d := part * nDocs / 5; d < (part+1)*nDocs/5; d++ {
				e := synthEntry(1, d)
				if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
					t.Fatal(err)
				}
			}
			for d := 0; part > 0 && d < 3; d++ {
				e := synthEntry(1, d)
				if err := l.Replace(ctx, e.Doc.Origin, []Entry{e}); err != nil {
					t.Fatal(err)
				}
			}
			if err := l.Save(ctx); err != nil {
				t.Fatal(err)
			}
			l.Close()
		}
		probe := t.TempDir()
		copyDir(t, dir, probe)
		l, err := OpenAppender(ctx, probe)
		if err != nil {
			t.Fatal(err)
		}
		l.SetIndexer(idsIndexer(nil))
		l.SetMerger(idsMerger)
		start := time.Now()
		if err := l.Compact(ctx); err != nil {
			t.Fatal(err)
		}
		l.Close()
		return time.Since(start)
	}

	// kill runs the helper in mode until it has begun writing, then kills
	// it at a random point within about one write; it returns the last
	// generation the helper reported committed (prev if none).
	kill := func(mode, dir string, prev int, writeTime time.Duration) int {
		cmd := helperCommand(mode, dir, nDocs)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := bufio.NewScanner(out)
		for lines.Scan() {
			f := strings.Fields(lines.Text())
			if len(f) > 0 && f[0] == "error" {
				t.Fatalf("helper: %s", lines.Text())
			}
			if len(f) == 2 && f[0] == "saving" {
				break
			}
		}
		time.Sleep(time.Duration(r.Int64N(int64(writeTime)*3/2 + 1)))
		cmd.Process.Kill()
		saved := prev
		for lines.Scan() {
			if f := strings.Fields(lines.Text()); len(f) == 2 && f[0] == "saved" {
				saved, _ = strconv.Atoi(f[1])
			}
		}
		cmd.Wait()
		return saved
	}

	// check opens the store as a reader would and as the next ingest
	// would, and returns the generation it holds.
	check := func(what, dir string) int {
		l, err := Open(ctx, dir)
		if err != nil {
			t.Fatalf("%s: after SIGKILL: %v", what, err)
		}
		gen := checkSynthGeneration(t, l, nDocs)
		// A segment's search blob (streamed by a compaction's Merger)
		// belongs to its chunks.
		for _, s := range l.Segments() {
			if b, ok := s.Aux["ids"]; ok && string(b) != strings.Join(s.IDs, "\n") {
				t.Fatalf("%s: segment %s's blob is not its chunks'", what, s.Name)
			}
		}
		hits, err := l.Search(ctx, synthVector(gen, 1, 2), 1, nil)
		if err != nil || len(hits) != 1 || hits[0].Score < 0.999 {
			t.Fatalf("%s: search after SIGKILL: %v %v", what, hits, err)
		}
		a, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatalf("%s: the next ingest cannot open the store: %v", what, err)
		}
		if a.Len() != l.Len() {
			t.Fatalf("%s: catalogs count %d chunks, segments %d", what, a.Len(), l.Len())
		}
		a.Close()
		return gen
	}

	t.Run("ingest", func(t *testing.T) {
		dir := t.TempDir()
		setup(dir)
		l, err := OpenAppender(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		fillSynth(t, l, nDocs, 2)
		start := time.Now()
		if err := l.Save(ctx); err != nil {
			t.Fatal(err)
		}
		saveTime := time.Since(start)
		l.Close()
		onDisk, unnamed := 2, 0
		for round := range 20 {
			saved := kill("append-loop", dir, onDisk, saveTime)
			if hasUnnamed(dir) {
				unnamed++
			}
			gen := check(fmt.Sprintf("ingest round %d", round), dir)
			if gen != saved && gen != saved+1 {
				t.Fatalf("round %d: store holds generation %d, want %d or %d", round, gen, saved, saved+1)
			}
			onDisk = gen
		}
		t.Logf("20 kills of an ingest (a commit takes %v); %d left files no manifest names", saveTime, unnamed)
	})

	t.Run("compaction", func(t *testing.T) {
		compacted, unnamed := 0, 0
		for round := range 20 {
			dir := t.TempDir()
			took := setup(dir)
			kill("compact", dir, 1, took)
			if hasUnnamed(dir) {
				unnamed++
			}
			if gen := check(fmt.Sprintf("compaction round %d", round), dir); gen != 1 {
				t.Fatalf("round %d: generation %d after a compaction, want 1", round, gen)
			}
			m, err := readManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(m.Segments) == 1 {
				compacted++
			}
		}
		t.Logf("20 kills of a compaction: %d had committed, %d left files no manifest names", compacted, unnamed)
	})
}

// hasUnnamed reports whether dir holds a segment file or temporary file
// that no manifest names: a kill landed mid-write.
func hasUnnamed(dir string) bool {
	m, err := readManifest(dir)
	if err != nil {
		return false
	}
	named := map[string]bool{m.Aux: true}
	for _, s := range m.Segments {
		named[s.File], named[s.Catalog] = true, true
	}
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		n := e.Name()
		if strings.HasSuffix(n, ".tmp") || strings.HasPrefix(n, segPrefix) && !named[n] {
			return true
		}
	}
	return false
}

func copyDir(t *testing.T, from, to string) {
	t.Helper()
	es, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range es {
		b, err := os.ReadFile(filepath.Join(from, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
