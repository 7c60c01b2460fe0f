package pipeline

import (
	"strings"
	"testing"
	"time"
)

// On a terminal a log line written during the run goes above the bar (the
// bar's line cleared first, the bar drawn again after), the phases after
// reading replace the file name, and Finish ends the line once.
func TestProgressTerminal(t *testing.T) {
	var b strings.Builder
	p := NewProgress(&b, true, time.Second)
	p.Start(1, 100)
	p.File("page-01.txt", 100)
	p.Write([]byte("level=WARN msg=\"embedding request failed; retrying\"\n"))
	p.Phase("indexing")
	p.Phase("writing store")
	p.Finish()
	p.Finish()
	out := b.String()
	if !strings.Contains(out, "\r\033[Klevel=WARN") {
		t.Errorf("the log line does not clear the bar's line first:\n%q", out)
	}
	lines := strings.Split(out, "\n")
	if len(lines) != 3 || lines[2] != "" {
		t.Fatalf("want the log line and the bar's line, each ended once; got %q", out)
	}
	if !strings.HasPrefix(lines[0], "\r\033[K[") || !strings.Contains(lines[0], "1/1 file ") {
		t.Errorf("the bar is not drawn before the log line, or says files for one: %q", lines[0])
	}
	last := lines[1][strings.LastIndex(lines[1], "\r")+1:]
	if !strings.Contains(last, "100%") || !strings.HasSuffix(last, "writing store…") {
		t.Errorf("the bar's last state is %q; want 100%% and the phase", last)
	}
}

// In a log (no terminal) the phases are lines of their own.
func TestProgressPlain(t *testing.T) {
	var b strings.Builder
	p := NewProgress(&b, false, time.Hour)
	p.Start(2, 10)
	p.File("a.txt", 5)
	p.File("b.txt", 5)
	p.Phase("indexing")
	p.Write([]byte("a log line\n"))
	p.Finish()
	want := "ingest: 1/2 files, 5 B of 10 B, "
	if !strings.HasPrefix(b.String(), want) || !strings.Contains(b.String(), "\ningest: indexing…\na log line\n") || strings.Contains(b.String(), "\r") {
		t.Errorf("got %q", b.String())
	}
}
