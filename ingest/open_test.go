package ingest

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// within runs f and fails the test if it has not returned after d: the
// faults tested here used to block forever.
func within[T any](t *testing.T, d time.Duration, f func() T) T {
	t.Helper()
	ch := make(chan T, 1)
	go func() { ch <- f() }()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		t.Fatalf("still blocked after %v", d)
	}
	panic("unreachable")
}

// Files that are not plain files on disk are refused, never opened for a
// read that blocks: a FIFO (named directly, or put in a collected file's
// place), links into /proc, /sys and /dev.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	fifoJSONL := filepath.Join(dir, "fifo.jsonl")
	if err := syscall.Mkfifo(fifoJSONL, 0o644); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{}
	for name, target := range map[string]string{"status.txt": "/proc/self/status", "kmsg.txt": "/proc/kmsg", "zero.txt": "/dev/zero", "uevent.txt": "/sys/kernel/uevent_seqnum"} {
		if _, err := os.Stat(target); err != nil {
			continue
		}
		p := filepath.Join(dir, name)
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
		links[name] = p
	}
	// A page whose sidecar is a link to a kernel file.
	page := filepath.Join(dir, "page.txt")
	writeFiles(t, dir, map[string]string{"page.txt": "标题\n正文。"})
	if err := os.Symlink("/proc/self/status", page+sidecarSuffix); err != nil {
		t.Fatal(err)
	}

	paths := []string{fifo, fifoJSONL, page}
	for _, p := range links {
		paths = append(paths, p)
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			err := within(t, 5*time.Second, func() error {
				_, _, err := readAll(t, p, headlineParser)
				return err
			})
			if !errors.Is(err, ErrNotRegular) && !strings.Contains(err.Error(), "sidecar") {
				t.Errorf("ReadFile = %v; want %v", err, ErrNotRegular)
			}
			if p == page && !errors.Is(err, ErrNotRegular) {
				t.Errorf("page with a /proc sidecar: %v; want %v", err, ErrNotRegular)
			}
		})
	}

	// Collect passes over the FIFOs and rejects the links into the system.
	type collected struct {
		files    []File
		skipped  []Skipped
		rejected []Rejected
	}
	c := within(t, 5*time.Second, func() collected {
		f, s, r := Collect(context.Background(), []string{dir})
		return collected{f, s, r}
	})
	if len(c.files) != 1 || c.files[0].Path != page {
		t.Errorf("Collect listed %v; want only %s", c.files, page)
	}
	accounted := map[string]bool{}
	for _, s := range c.skipped {
		if !strings.Contains(s.Reason, "not a regular file") {
			t.Errorf("skipped %s: %s; want it called not a regular file", s.Path, s.Reason)
		}
		accounted[s.Path] = true
	}
	for _, r := range c.rejected {
		if !errors.Is(r.Err, ErrNotRegular) {
			t.Errorf("rejected %v; want %v", r, ErrNotRegular)
		}
		accounted[r.Path] = true
	}
	for _, p := range paths {
		if p != page && !accounted[p] {
			t.Errorf("%s neither skipped nor rejected", p)
		}
	}
}

// A read that never returns ends when the context does.
func TestBoundedReaderEndsWithContext(t *testing.T) {
	pr, pw := io.Pipe() // nothing is ever written: Read blocks
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	r := newBoundedReader(ctx, pr)
	defer r.Close()
	time.AfterFunc(50*time.Millisecond, cancel)
	err := within(t, 5*time.Second, func() error {
		_, err := io.ReadAll(r)
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("read = %v; want %v", err, context.Canceled)
	}
}

// A bounded reader hands over every byte of a file that reads normally.
func TestBoundedReaderReadsAll(t *testing.T) {
	want := strings.Repeat("导报", 100_000) // several chunks
	r := newBoundedReader(context.Background(), io.NopCloser(strings.NewReader(want)))
	defer r.Close()
	got, err := io.ReadAll(r)
	if err != nil || string(got) != want {
		t.Errorf("read %d bytes, %v; want %d bytes", len(got), err, len(want))
	}
}
