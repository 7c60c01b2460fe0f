// Package bench measures heraldqa at the size of the real archive: ingest
// throughput and peak memory, store size and load time, warm retrieval
// latency and cold `ask` over synthetic archives (package synth) of a
// chosen number of chunks; and retrieval quality on outside question sets
// (CMRC 2018, DRCD) through the same path as `ask --json --batch`.
//
// Measurements are reported, never asserted: the machine may be shared.
package bench

import (
	"context"
	"os"
	"os/exec"
)

// Runner makes the child processes whose time and peak memory are
// measured on their own, apart from the driver's: an ingest and a cold
// `ask`.
type Runner interface {
	// Ingest ingests paths into the store folder.
	Ingest(ctx context.Context, store string, paths []string) *exec.Cmd
	// Ask answers one question from the store and exits.
	Ask(ctx context.Context, store, question string) *exec.Cmd
}

// Exe runs a heraldqa binary with the local embedder and no LLM, whatever
// the environment says, from dir so that no .env of the caller's working
// folder applies.
type Exe struct {
	Path string // the heraldqa binary
	Dir  string // working folder of the children; "" for the caller's
}

// Ingest runs `heraldqa ingest --store STORE PATH...`.
func (e Exe) Ingest(ctx context.Context, store string, paths []string) *exec.Cmd {
	return e.cmd(ctx, append([]string{"ingest", "--store", store}, paths...))
}

// Ask runs `heraldqa ask --json --store STORE QUESTION`.
func (e Exe) Ask(ctx context.Context, store, question string) *exec.Cmd {
	return e.cmd(ctx, []string{"ask", "--json", "--store", store, "--", question})
}

func (e Exe) cmd(ctx context.Context, args []string) *exec.Cmd {
	c := exec.CommandContext(ctx, e.Path, args...)
	c.Dir = e.Dir
	c.Env = append(os.Environ(), ChildEnv...)
	return c
}

// ChildEnv fixes what the measured children use: the offline embedder,
// extractive answers, and logs of warnings only.
var ChildEnv = []string{"HERALDQA_EMBEDDER=local", "HERALDQA_LLM=none", "HERALDQA_LOG_LEVEL=warn"}
