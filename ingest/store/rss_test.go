package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkSavePeakRSS measures how much memory a Save of a 50,000-chunk
// store adds to its process: a child process opens the store for writing,
// frees what loading left, resets the kernel's peak-RSS mark, saves, and
// reports its resident size before and its peak during the save.
func BenchmarkSavePeakRSS(b *testing.B) {
	if _, err := os.Stat("/proc/self/clear_refs"); err != nil {
		b.Skip("needs Linux /proc to reset the peak RSS")
	}
	const n = 50_000
	l, dir := benchStore(b, n)
	l.Close()
	var base, peak float64
	for b.Loop() {
		out, err := helperCommand("save-peak", dir, 0).Output()
		if err != nil {
			b.Fatalf("helper: %v", err)
		}
		f := strings.Fields(string(out))
		if len(f) < 3 || f[0] != "rss" {
			b.Fatalf("helper said %q", out)
		}
		base, _ = strconv.ParseFloat(f[1], 64)
		peak, _ = strconv.ParseFloat(f[2], 64)
	}
	b.ReportMetric(base/1024, "base-MiB")
	b.ReportMetric(peak/1024, "peak-MiB")
	b.ReportMetric((peak-base)/1024, "save-MiB")
}

// savePeak is the helper process's part of BenchmarkSavePeakRSS.
func savePeak(l *Local) {
	runtime.GC()
	debug.FreeOSMemory()
	base := procStatusKiB("VmRSS")
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	l.mu.Lock()
	l.gen++ // a change, so Save writes
	l.mu.Unlock()
	if err := l.Save(context.Background()); err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	fmt.Println("rss", base, procStatusKiB("VmHWM"))
}

// procStatusKiB reads a size in KiB from /proc/self/status.
func procStatusKiB(field string) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, val, ok := strings.Cut(sc.Text(), ":")
		if ok && name == field {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(val), " kB"))
			return n
		}
	}
	return 0
}
