package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/heraldqa/heraldqa/cmd/termsafe"
	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
)

func (a *app) ingest(ctx context.Context, args []string) error {
	fs := a.newFlags("ingest")
	paths, err := a.parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageError{"name at least one file or folder: heraldqa ingest PATH..."}
	}
	rep, err := a.runIngest(ctx, paths)
	if errors.Is(err, context.Canceled) {
		// The report would list the files read so far (and the one being
		// read as failed): none of it was kept.
		fmt.Fprintln(a.stderr, "heraldqa ingest: interrupted: nothing was saved; the store is unchanged")
		return exitError{130}
	}
	if rep != nil {
		a.printReport(rep)
	}
	if err != nil {
		return err
	}
	if rep.Failed() || namedPathSkipped(rep, paths) || rep.Files == 0 {
		if rep.Files == 0 {
			fmt.Fprintln(a.stderr, "heraldqa ingest: nothing was read")
		}
		return exitError{1}
	}
	return nil
}

// namedPathSkipped reports whether a path named on the command line (not
// one found inside a folder) was passed over: the user asked for it.
func namedPathSkipped(rep *pipeline.Report, paths []string) bool {
	for _, s := range rep.Skipped {
		if slices.Contains(paths, s.Path) {
			return true
		}
	}
	return false
}

// firstMissing returns the outermost folder of dir's path that does not
// exist yet, "" when dir exists (or cannot be looked at).
func firstMissing(dir string) string {
	missing := ""
	for p := filepath.Clean(dir); ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			return missing
		}
		missing = p
		if filepath.Dir(p) == p {
			return missing
		}
	}
}

// runIngest ingests paths into the configured store, showing progress on
// stderr: a bar on a terminal, plain lines otherwise.
func (a *app) runIngest(ctx context.Context, paths []string) (_ *pipeline.Report, err error) {
	emb, err := a.embedder()
	if err != nil {
		return nil, err
	}
	dir := a.cfg.Get("HERALDQA_STORE")
	created := firstMissing(dir)
	// Only the segments' catalogs are read: an ingest costs what it adds.
	st, err := store.OpenAppender(ctx, dir)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	var rep *pipeline.Report
	if created != "" && len(st.Documents()) == 0 { // not filled by another run in between
		// A store folder this run created is removed again, while the lock
		// is still held, when nothing was stored in it: a mistyped path
		// or an interrupted first ingest leaves no empty store behind.
		defer func() {
			if rep == nil || rep.Documents == 0 || err != nil {
				if rmErr := os.RemoveAll(created); rmErr != nil {
					fmt.Fprintf(a.stderr, "heraldqa: removing the empty store %s: %v\n", termsafe.Line(created), rmErr)
				}
			}
		}()
	}
	terminal := false
	if f, ok := a.stderr.(*os.File); ok {
		terminal = term.IsTerminal(int(f.Fd()))
	}
	prog := pipeline.NewProgress(a.stderr, terminal, 2*time.Second)
	if a.logs != nil {
		defer a.logs.to(prog)()
	}
	rep, err = pipeline.Run(ctx, paths, pipeline.Options{Store: st, Embedder: emb, Progress: prog})
	return rep, err
}

func (a *app) printReport(rep *pipeline.Report) {
	for _, s := range rep.Skipped {
		fmt.Fprintf(a.stderr, "skipped %s: %s\n", termsafe.Line(s.Path), termsafe.Line(s.Reason))
	}
	for _, r := range rep.Rejected {
		fmt.Fprintf(a.stderr, "rejected %s\n", termsafe.Line(r.Error()))
	}
	for _, p := range rep.Problems {
		fmt.Fprintf(a.stderr, "%s: %s (skipped)\n", termsafe.Line(p.Path), termsafe.Line(p.Problem.String()))
	}
	fmt.Fprintf(a.stderr, "ingested %s: %s and %s added or replaced, %s unchanged, %d rejected\n",
		count(rep.Files, "file"), count(rep.Documents, "document"), count(rep.Chunks, "chunk"), count(rep.Unchanged, "file"), len(rep.Rejected))
}

// embedder builds the configured embedder.
func (a *app) embedder() (embed.Embedder, error) {
	kind := a.cfg.Get("HERALDQA_EMBEDDER")
	cfg := embed.Config{Model: a.cfg.Get("HERALDQA_EMBED_MODEL"), BaseURL: a.cfg.Get("OPENAI_BASE_URL"), APIKey: a.cfg.Get("OPENAI_API_KEY")}
	if kind == "ollama" {
		cfg.BaseURL = a.cfg.Get("OLLAMA_HOST")
	}
	return embed.New(kind, cfg)
}

// defaultStore is HERALDQA_STORE's default (cmd/config).
const defaultStore = "./heraldqa-data"

// engine opens the store for answering. Only the default store, empty,
// is first filled with the bundled sample archive, so a fresh clone answers
// with no set-up; a store that was named and does not exist is an error,
// not a folder quietly filled with sample pages.
func (a *app) engine(ctx context.Context) (*retrieve.Engine, error) {
	emb, err := a.embedder()
	if err != nil {
		return nil, err
	}
	dir := a.cfg.Get("HERALDQA_STORE")
	st, err := store.Open(ctx, dir)
	if err != nil {
		return nil, err
	}
	if len(st.Documents()) == 0 {
		if filepath.Clean(dir) != filepath.Clean(defaultStore) {
			return nil, fmt.Errorf("no store at %s; create it with: heraldqa ingest --store %s PATH", dir, dir)
		}
		sample := sampleArchive()
		if sample == "" {
			return nil, fmt.Errorf("the store %s is empty; run heraldqa ingest PATH first", dir)
		}
		fmt.Fprintf(a.stderr, "heraldqa: no store at %s yet; ingesting the bundled sample archive %s first\n", dir, sample)
		rep, err := a.runIngest(ctx, []string{sample})
		if err != nil {
			return nil, fmt.Errorf("ingesting the sample archive: %w", err)
		}
		if rep.Failed() {
			a.printReport(rep)
		}
		if st, err = store.Open(ctx, dir); err != nil {
			return nil, err
		}
	}
	return retrieve.NewEngine(ctx, st, emb)
}

// liveEngine answers from the newest commit of the store: before each
// question it checks the manifest (a small file) and, when another process
// committed, opens the store and its engine again, so a running chat or
// bot answers from this week's issue as soon as its ingest commits.
type liveEngine struct {
	mu  sync.Mutex
	dir string
	emb embed.Embedder
	st  *store.Local
	eng *retrieve.Engine
}

func (a *app) live(eng *retrieve.Engine) *liveEngine {
	st, _ := eng.Store().(*store.Local)
	emb, _ := a.embedder()
	return &liveEngine{dir: a.cfg.Get("HERALDQA_STORE"), emb: emb, st: st, eng: eng}
}

// current returns the engine of the newest commit; on any failure to
// reopen it keeps answering from the one it has.
func (l *liveEngine) current(ctx context.Context) *retrieve.Engine {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.st == nil || l.emb == nil || !l.st.Changed() {
		return l.eng
	}
	st, err := store.Open(ctx, l.dir)
	if err != nil {
		slog.Warn("the store changed but could not be reopened; answering from the one loaded", "err", err)
		return l.eng
	}
	eng, err := retrieve.NewEngine(ctx, st, l.emb)
	if err != nil {
		slog.Warn("the store changed but could not be reopened; answering from the one loaded", "err", err)
		return l.eng
	}
	slog.Info("the store changed; answering from its newest commit", "chunks", st.Len())
	l.st, l.eng = st, eng
	return eng
}

// modulePath is this module's path: a go.mod naming another module is
// not this working tree, and its testdata is not our sample.
const modulePath = "github.com/heraldqa/heraldqa"

// sampleArchive finds the bundled sample archive where the README's
// `go run ./cmd/heraldqa` runs: testdata/archive in the working directory,
// else at the root of this module's working tree (the nearest folder up
// with a go.mod naming it), else beside the executable. "" when none is.
func sampleArchive() string {
	candidates := []string{filepath.Join("testdata", "archive")}
	if root := moduleRoot(); root != "" {
		candidates = append(candidates, filepath.Join(root, "testdata", "archive"))
	}
	if exe, err := os.Executable(); err == nil {
		candidates = append(candidates, filepath.Join(filepath.Dir(exe), "testdata", "archive"))
	}
	for _, c := range candidates {
		if fi, err := os.Stat(c); err == nil && fi.IsDir() {
			return filepath.Clean(c)
		}
	}
	return ""
}

// moduleRoot is the folder of the nearest go.mod at or above the working
// directory, as the go command finds it, if that go.mod is this module's.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			for line := range strings.Lines(string(b)) {
				if f := strings.Fields(line); len(f) == 2 && f[0] == "module" {
					if strings.Trim(f[1], `"`) == modulePath {
						return dir
					}
					return ""
				}
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// count is "1 file", "2 files": n and an English noun that takes -s.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
