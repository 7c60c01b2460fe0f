package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/pipeline"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// childEnv makes the test binary act as the measured child instead of
// running tests: the ingest and the cold ask run in their own process as
// with the heraldqa binary, through the same packages.
const childEnv = "HERALDQA_BENCH_TEST_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		if err := child(mode, os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	cleanupBenchArchives()
	os.Exit(code)
}

func child(mode string, args []string) error {
	ctx := context.Background()
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		return err
	}
	switch mode {
	case "ingest":
		st, err := store.OpenWriter(ctx, args[0])
		if err != nil {
			return err
		}
		defer st.Close()
		rep, err := pipeline.Run(ctx, args[1:], pipeline.Options{Store: st, Embedder: emb})
		if err != nil {
			return err
		}
		if rep.Failed() {
			return fmt.Errorf("ingest: rejected %v, problems %v", rep.Rejected, rep.Problems)
		}
		return nil
	case "ask":
		st, err := store.Open(ctx, args[0])
		if err != nil {
			return err
		}
		eng, err := retrieve.NewEngine(ctx, st, emb)
		if err != nil {
			return err
		}
		ans, _, err := (&answer.Asker{Engine: eng}).Ask(ctx, args[1], nil)
		if err != nil {
			return err
		}
		return json.NewEncoder(os.Stdout).Encode(ans)
	}
	return fmt.Errorf("unknown child mode %q", mode)
}

// selfRunner runs this test binary as the child.
type selfRunner struct{}

func (selfRunner) Ingest(ctx context.Context, st string, paths []string) *exec.Cmd {
	return selfCmd(ctx, "ingest", append([]string{st}, paths...))
}

func (selfRunner) Ask(ctx context.Context, st, question string) *exec.Cmd {
	return selfCmd(ctx, "ask", []string{st, question})
}

func selfCmd(ctx context.Context, mode string, args []string) *exec.Cmd {
	c := exec.CommandContext(ctx, os.Args[0], args...)
	c.Env = append(os.Environ(), childEnv+"="+mode)
	return c
}
