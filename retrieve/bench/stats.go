package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Latency summarizes the durations of repeated operations, in
// milliseconds.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	Max float64 `json:"max_ms"`
}

// latency summarizes ds; percentiles are nearest-rank.
func latency(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1
		return s[min(max(i, 0), len(s)-1)]
	}
	return Latency{N: len(s), P50: ms(rank(0.50)), P95: ms(rank(0.95)), Max: ms(s[len(s)-1])}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func mib(n int64) float64 { return float64(n) / (1 << 20) }

// dirSize is the total size of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			fi, err := d.Info()
			if err != nil {
				return err
			}
			n += fi.Size()
		}
		return nil
	})
	return n, err
}

// loadAvg reads the 1, 5 and 15 minute load averages; zeros where
// /proc/loadavg is missing (not Linux).
func loadAvg() [3]float64 {
	var out [3]float64
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return out
	}
	for i, f := range strings.Fields(string(b)) {
		if i == 3 {
			break
		}
		out[i], _ = strconv.ParseFloat(f, 64)
	}
	return out
}

// childRun is one measured child process.
type childRun struct {
	wall   time.Duration
	maxRSS int64 // bytes
	stdout []byte
}

// runChild runs cmd to its end and measures its wall time and peak
// resident memory (getrusage's ru_maxrss of the child alone). A failure
// names the command and ends with the tail of its standard error.
func runChild(cmd *exec.Cmd) (childRun, error) {
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	run := childRun{wall: time.Since(start), stdout: stdout.Bytes()}
	if cmd.ProcessState != nil {
		run.maxRSS = maxRSS(cmd.ProcessState)
	}
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 600 {
			msg = "…" + msg[len(msg)-600:]
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) && msg != "" {
			return run, fmt.Errorf("%s: %w: %s", describe(cmd), err, msg)
		}
		return run, fmt.Errorf("%s: %w", describe(cmd), err)
	}
	return run, nil
}

// describe names a command by its program and first argument (ingest,
// ask), not the paths and question after it.
func describe(cmd *exec.Cmd) string {
	name := filepath.Base(cmd.Path)
	if len(cmd.Args) > 1 {
		name += " " + cmd.Args[1]
	}
	return name
}
