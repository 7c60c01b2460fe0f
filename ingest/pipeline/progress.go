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

// Phaser is a Progress that can also name the step after the files are
// read (building the index, writing the store), which can take as long
// as reading them.
type Phaser interface {
	Phase(name string)
}

// phase tells prog that the run entered the named step, if it listens.
func phase(prog Progress, name string) {
	if p, ok := prog.(Phaser); ok {
		p.Phase(name)
	}
}

type nopProgress struct{}

func (nopProgress) Start(int, int64)   {}
func (nopProgress) File(string, int64) {}
func (nopProgress) Finish()            {}

// NewProgress reports to w: a bar redrawn in place when w is a terminal,
// otherwise a plain line at most every interval (and at the end), which
// suits logs and CI. Other messages written to the progress (it is an
// io.Writer) appear above the bar instead of running into it.
func NewProgress(w io.Writer, terminal bool, interval time.Duration) interface {
	Progress
	Phaser
	io.Writer
} {
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
	source       string // the file last done, shown on the bar
	step         string // the phase after reading, "" while reading
	drawn        bool   // the bar is on the current line, without a newline
}

func (p *progress) Start(files int, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.files, p.total, p.start = files, bytes, time.Now()
	if p.terminal && files > 0 {
		p.draw() // at 0% at once: the first file may take a while
	}
}

func (p *progress) File(source string, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	p.bytes += bytes
	now := time.Now()
	if p.terminal {
		p.source = source
		p.draw()
		return
	}
	if now.Sub(p.last) >= p.interval || p.done == p.files {
		p.last = now
		fmt.Fprintf(p.w, "ingest: %d/%d %s, %s of %s, %s\n", p.done, p.files, plural(p.files, "file", "files"), size(p.bytes), size(p.total), p.rate())
	}
}

// Phase names the step after reading: on the bar in place of the file
// name, or as a line of its own.
func (p *progress) Phase(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.step = name
	if p.terminal {
		p.draw()
		return
	}
	fmt.Fprintf(p.w, "ingest: %s…\n", name)
}

// Write puts a message (a log line) above the bar: the bar's line is
// cleared, the message written, and the bar drawn again below it.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.drawn {
		return p.w.Write(b)
	}
	io.WriteString(p.w, "\r\033[K")
	n, err := p.w.Write(b)
	if len(b) > 0 && b[len(b)-1] != '\n' {
		io.WriteString(p.w, "\n")
	}
	p.draw()
	return n, err
}

func (p *progress) draw() {
	source := p.source
	if p.step != "" {
		source = p.step + "…"
	}
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
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %3.0f%% %d/%d %s %s %s", strings.Repeat("█", filled), strings.Repeat("░", width-filled), frac*100, p.done, p.files, plural(p.files, "file", "files"), p.rate(), string(name))
	p.drawn = true
}

func (p *progress) rate() string {
	secs := time.Since(p.start).Seconds()
	if secs <= 0 {
		return ""
	}
	return size(int64(float64(p.bytes)/secs)) + "/s"
}

// Finish ends the bar's line, so what is printed next starts on a line of
// its own; it may be called more than once (and after an interruption).
func (p *progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
