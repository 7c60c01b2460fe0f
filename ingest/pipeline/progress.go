package pipeline

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress is told how a run advances.
type Progress interface {
	Start(files int, bytes int64)
	File(source string, bytes int64) // one more file done
	Finish()
}

type nopProgress struct{}

func (nopProgress) Start(int, int64)   {}
func (nopProgress) File(string, int64) {}
func (nopProgress) Finish()            {}

// NewProgress reports to w: a bar redrawn in place when w is a terminal,
// otherwise a plain line at most every interval (and at the end), which
// suits logs and CI.
func NewProgress(w io.Writer, terminal bool, interval time.Duration) Progress {
	return &progress{w: w, terminal: terminal, interval: interval}
}

type progress struct {
	mu           sync.Mutex
	w            io.Writer
	terminal     bool
	interval     time.Duration
	files, done  int
	total, bytes int64
	start, last  time.Time
}

func (p *progress) Start(files int, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files, p.total, p.start = files, bytes, time.Now()
}

func (p *progress) File(source string, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.bytes += bytes
	now := time.Now()
	if p.terminal {
		p.draw(source)
		return
	}
	if now.Sub(p.last) >= p.interval || p.done == p.files {
		p.last = now
		fmt.Fprintf(p.w, "ingest: %d/%d files, %s of %s, %s\n", p.done, p.files, size(p.bytes), size(p.total), p.rate())
	}
}

func (p *progress) draw(source string) {
	const width = 30
	frac := 1.0
	if p.total > 0 {
		frac = float64(p.bytes) / float64(p.total)
	}
	filled := int(frac * width)
	name := []rune(source)
	if len(name) > 28 {
		name = append([]rune("…"), name[len(name)-27:]...)
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %3.0f%% %d/%d files %s %s", strings.Repeat("█", filled), strings.Repeat("░", width-filled), frac*100, p.done, p.files, p.rate(), string(name))
}

func (p *progress) rate() string {
	secs := time.Since(p.start).Seconds()
	if secs <= 0 {
		return ""
	}
	return size(int64(float64(p.bytes)/secs)) + "/s"
}

func (p *progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.terminal && p.files > 0 {
		fmt.Fprintln(p.w)
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
