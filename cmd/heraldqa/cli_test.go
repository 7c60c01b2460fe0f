package main

// The CLI as a new user meets it (issue 12), each item run through the
// built binary: help, version, a mistyped command, settings errors, and
// Ctrl-C in ingest and chat under a pseudo-terminal.

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// runBin runs the binary to its end with stdin closed.
func runBin(t *testing.T, store string, env []string, args ...string) *proc {
	t.Helper()
	p := startCLI(t, store, env, args...)
	p.stdin.Close()
	if !p.wait(60 * time.Second) {
		t.Fatalf("%q still running after 60 s:\n%s", args, p.stderr.String())
	}
	return p
}

func TestHelp(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	tests := []struct {
		cmd        []string
		usage      string
		has, lacks []string
	}{
		{[]string{"list"}, "Usage: heraldqa list [--json] [--stats] [--verify]", []string{"--json", "--stats", "--verify", "--store DIR"}, []string{"--llm", "--embedder", "--k"}},
		{[]string{"ingest"}, "Usage: heraldqa ingest [flags] PATH...", []string{"Arguments:\n  PATH", "--store DIR", "--embedder NAME"}, []string{"--llm", "--json"}},
		{[]string{"ask"}, "Usage: heraldqa ask [flags] QUESTION", []string{"QUESTION", "--batch", "--json", "--k int", "--llm NAME", "--llm-model NAME"}, nil},
		{[]string{"chat"}, "Usage: heraldqa chat [flags]", []string{"--k int", "--llm NAME"}, []string{"--json", "--batch"}},
		{[]string{"eval"}, "Usage: heraldqa eval [flags] FIXTURE_OR_DIR...", []string{"--baseline", "--replay", "--run"}, nil},
		{[]string{"feedback", "export"}, "Usage: heraldqa feedback export [--since YYYY-MM-DD] [--only down]", []string{"--since", "--only", "--store DIR"}, []string{"--llm", "--embedder"}},
		{[]string{"feedback"}, "Usage: heraldqa feedback export [flags]", []string{"Commands:\n  heraldqa feedback export "}, []string{"--llm"}},
		{[]string{"bench"}, "Usage: heraldqa bench gen|run|retrieval|reader|train [flags]", []string{"heraldqa bench gen ", "heraldqa bench retrieval ", "heraldqa bench reader ", "heraldqa bench train "}, nil},
		{[]string{"bench", "gen"}, "Usage: heraldqa bench gen --issues N --out DIR [flags]", []string{"--issues int", "--seed"}, []string{"--llm", "--store"}},
	}
	for _, tt := range tests {
		for _, args := range [][]string{append([]string{"help"}, tt.cmd...), append(tt.cmd[:len(tt.cmd):len(tt.cmd)], "--help"), append(tt.cmd[:len(tt.cmd):len(tt.cmd)], "-h")} {
			t.Run(strings.Join(args, " "), func(t *testing.T) {
				p := runBin(t, store, nil, args...)
				out := p.stdout.String()
				if p.code != 0 || p.stderr.String() != "" {
					t.Errorf("status %d, stderr %q; want 0 and nothing", p.code, p.stderr.String())
				}
				if !strings.HasPrefix(out, tt.usage+"\n") {
					t.Errorf("does not start with the usage line %q:\n%s", tt.usage, out)
				}
				for _, s := range tt.has {
					if !strings.Contains(out, s) {
						t.Errorf("lacks %q:\n%s", s, out)
					}
				}
				for _, s := range tt.lacks {
					if strings.Contains(out, s) {
						t.Errorf("shows %q, which %s does not take:\n%s", s, tt.cmd, out)
					}
				}
			})
		}
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"-h"}} {
		p := runBin(t, store, nil, args...)
		if p.code != 0 || !strings.Contains(p.stdout.String(), "heraldqa ingest") || !strings.Contains(p.stdout.String(), "heraldqa help CMD") {
			t.Errorf("%q: status %d:\n%s", args, p.code, p.stdout.String())
		}
	}
	if _, err := os.Stat(store); err == nil {
		t.Error("asking for help created a store")
	}
}

func TestVersion(t *testing.T) {
	p := runBin(t, filepath.Join(t.TempDir(), "store"), nil, "--version")
	out := p.stdout.String()
	if p.code != 0 || !strings.HasPrefix(out, "heraldqa github.com/heraldqa/heraldqa ") || !strings.Contains(out, "built with go1.") {
		t.Fatalf("status %d:\n%s", p.code, out)
	}
}

func TestVersionOf(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/heraldqa/heraldqa", Version: "v0.3.0"}}
	if got, want := versionOf(bi), "heraldqa github.com/heraldqa/heraldqa v0.3.0\nrevision unknown (built without VCS stamping)\nbuilt with go1.26.8\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	bi.Settings = []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: "2eca4bb872ae"},
		{Key: "vcs.time", Value: "2026-12-06T05:00:00Z"}, {Key: "vcs.modified", Value: "true"}}
	if got, want := versionOf(bi), "revision 2eca4bb872ae with uncommitted changes, committed 2026-12-06T05:00:00Z\n"; !strings.Contains(got, want) {
		t.Errorf("got %q, want it to contain %q", got, want)
	}
}

// The nearest command is suggested; swapped neighbours are one edit.
func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{"injest": "did you mean ingest?", "lsit": "did you mean list?", "aks": "did you mean ask?",
		"evl": "did you mean eval?", "xyz": "run heraldqa help for the list", "a": "run heraldqa help for the list"} {
		if got := suggest(in); got != want {
			t.Errorf("suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCommandLineMistakes(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	tests := []struct {
		env  []string
		args []string
		says string
	}{
		{nil, []string{"injest", "x.txt"}, `unknown command "injest"; did you mean ingest?`},
		{nil, []string{"lsit"}, "did you mean list?"},
		{nil, []string{"help", "aks"}, "did you mean ask?"},
		{nil, []string{"frobnicate"}, "run heraldqa help for the list"},
		{[]string{"HERALDQA_LOG_LEVEL=verbose"}, []string{"list"}, `HERALDQA_LOG_LEVEL="verbose": want debug, info, warn or error`},
		{nil, []string{"ask", ""}, "ask what?"},
		{nil, []string{"ask", "--k", "-3", "主宾国是哪个国家？"}, "must be at least 1"},
		{nil, []string{"list", "--llm", "openai"}, "flag provided but not defined: -llm"},
		{nil, []string{"chat", "hello"}, "chat takes no arguments"},
	}
	for _, tt := range tests {
		p := runBin(t, store, tt.env, tt.args...)
		errOut := p.stderr.String()
		if p.code != 2 || p.stdout.String() != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, tt.says) {
			t.Errorf("%q: status %d, stderr %q; want 2 and one line saying %q", tt.args, p.code, errOut, tt.says)
		}
	}
}

// A question in Traditional gets its citation line in Traditional.
func TestTraditionalCitations(t *testing.T) {
	store := sampleStore(t)
	p := runBin(t, store, nil, "ask", "2025浦江創新論壇的主賓國是哪個國家？")
	out := p.stdout.String()
	if p.code != 0 || !strings.Contains(out, "[1] 《中國高新技術產業導報》2025年9月29日") {
		t.Errorf("status %d; want a Traditional citation line:\n%s", p.code, out)
	}
	p = runBin(t, store, nil, "ask", "2025浦江创新论坛的主宾国是哪个国家？")
	if !strings.Contains(p.stdout.String(), "[1] 《中国高新技术产业导报》2025年9月29日") {
		t.Errorf("a Simplified question lost its Simplified citation:\n%s", p.stdout.String())
	}
}

func TestEvalNamesItsStore(t *testing.T) {
	store := sampleStore(t)
	p := runBin(t, store, nil, "eval", "--run", "^en-pujiang-guest-country$", absPath(t, "../../testdata/fixtures"))
	if p.code != 0 || !strings.HasSuffix(p.stdout.String(), "1 passed, 0 failed\n") {
		t.Fatalf("status %d:\n%s%s", p.code, p.stdout.String(), p.stderr.String())
	}
	if want := "heraldqa eval: 1 case against the store " + store + " ("; !strings.Contains(p.stderr.String(), want) || !strings.Contains(p.stderr.String(), " documents)") {
		t.Errorf("stderr %q lacks %q… documents)", p.stderr.String(), want)
	}
}

// ttyProc is heraldqa on a pseudo-terminal: stdin, stdout and stderr are
// the terminal, as for a user at a shell.
type ttyProc struct {
	tty    *os.File
	out    syncBuffer
	exited chan struct{}
	copied chan struct{} // closed once all the terminal's output is in out
	code   int
}

func startTTY(t *testing.T, store string, env []string, args ...string) *ttyProc {
	t.Helper()
	cmd := exec.Command(heraldqaBinary(t), args...)
	cmd.Dir = t.TempDir()
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + cmd.Dir, "TERM=xterm", "HERALDQA_STORE=" + store,
		"HERALDQA_EMBEDDER=local", "HERALDQA_LLM=none", "HERALDQA_K=5"}, env...)
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 160})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	copied := make(chan struct{})
	p := &ttyProc{tty: tty, exited: make(chan struct{}), copied: copied}
	go func() { io.Copy(&p.out, tty); close(copied) }() // ends with EIO when the process has gone
	go func() {
		if err := cmd.Wait(); err != nil {
			if ee, ok := err.(*exec.ExitError); ok {
				p.code = ee.ExitCode()
			}
		}
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
		tty.Close()
		<-copied
	})
	return p
}

func (p *ttyProc) typeKeys(t *testing.T, s string) {
	t.Helper()
	if _, err := io.WriteString(p.tty, s); err != nil {
		t.Fatal(err)
	}
}

func (p *ttyProc) waitFor(t *testing.T, what string) {
	t.Helper()
	waitFor(t, 30*time.Second, what, func() bool { return strings.Contains(p.out.String(), what) })
}

// waitCount waits until what has appeared n times.
func (p *ttyProc) waitCount(t *testing.T, what string, n int) {
	t.Helper()
	waitFor(t, 30*time.Second, what, func() bool { return strings.Count(p.out.String(), what) >= n })
}

func (p *ttyProc) exit(t *testing.T, want int) {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(10 * time.Second):
		t.Fatalf("still running 10 s on; output:\n%s", p.out.String())
	}
	// The process can end before its last lines are read off the
	// terminal: wait for the copy to reach the end (EIO) before judging.
	select {
	case <-p.copied:
	case <-time.After(5 * time.Second):
	}
	if p.code != want {
		t.Errorf("status %d, want %d; output:\n%s", p.code, want, p.out.String())
	}
}

const chatGreeting = "/help lists the commands"

func TestChatKeys(t *testing.T) {
	store := sampleStore(t)
	t.Run("Ctrl-C twice at the prompt leaves", func(t *testing.T) {
		p := startTTY(t, store, nil, "chat")
		p.waitFor(t, chatGreeting)
		p.waitFor(t, "> ")
		p.typeKeys(t, "\x03")
		p.waitFor(t, "Ctrl-C again or Ctrl-D to leave")
		select {
		case <-p.exited:
			t.Fatalf("one Ctrl-C ended the chat:\n%s", p.out.String())
		case <-time.After(300 * time.Millisecond):
		}
		p.typeKeys(t, "\x03")
		p.exit(t, 130)
	})
	t.Run("Ctrl-C clears the line; Ctrl-D leaves", func(t *testing.T) {
		p := startTTY(t, store, nil, "chat")
		p.waitFor(t, chatGreeting)
		p.waitFor(t, "> ")
		p.typeKeys(t, "第40期头版")
		p.typeKeys(t, "\x03")
		p.waitFor(t, "Ctrl-C again")
		p.typeKeys(t, "/help\r")
		p.waitFor(t, "/sources  every source")
		if strings.Contains(p.out.String(), "unknown command") {
			t.Errorf("the cleared text stayed on the line:\n%s", p.out.String())
		}
		// The prompt again, after the help: a Ctrl-C typed while /help
		// still runs is not one at the prompt (under load the test typed
		// it too early and waited for a second "Ctrl-C again" in vain).
		waitFor(t, 30*time.Second, "the prompt after /help", func() bool {
			out := p.out.String()
			return strings.LastIndex(out, "> ") > strings.LastIndex(out, "/sources  every source")
		})
		p.typeKeys(t, "\x03") // a Ctrl-C after a line is a first one again
		p.waitCount(t, "Ctrl-C again", 2)
		p.typeKeys(t, "\x04")
		p.exit(t, 0)
	})
	t.Run("history on the up arrow", func(t *testing.T) {
		p := startTTY(t, store, nil, "chat")
		p.waitFor(t, chatGreeting)
		p.typeKeys(t, "/help\r")
		p.waitCount(t, "/new      forget", 1)
		p.typeKeys(t, "\x1b[A\r") // up, enter: /help again
		p.waitCount(t, "/new      forget", 2)
		p.typeKeys(t, "2025浦江创新论坛的主宾国是哪个国家？\r")
		p.waitFor(t, "白俄罗斯")
		p.typeKeys(t, "/sources\r")
		p.waitFor(t, "Retrieved:")
		p.waitFor(t, "Cited:\r\n[1] 《中国高新技术产业导报》2025年9月29日")
		p.typeKeys(t, "\x04")
		p.exit(t, 0)
	})
	t.Run("Ctrl-C during an answer stops that answer only", func(t *testing.T) {
		url, requested := stallingLLM(t)
		p := startTTY(t, store, []string{"HERALDQA_LLM=openai", "OPENAI_BASE_URL=" + url, "OPENAI_API_KEY=sk-test", "HERALDQA_LLM_MODEL=test"}, "chat")
		p.waitFor(t, chatGreeting)
		p.typeKeys(t, "2025浦江创新论坛的主宾国是哪个国家？\r")
		select {
		case <-requested:
		case <-time.After(30 * time.Second):
			t.Fatalf("no request reached the LLM:\n%s", p.out.String())
		}
		p.typeKeys(t, "\x03") // the terminal sends SIGINT: liner is not reading
		p.waitFor(t, "(answer stopped)")
		p.typeKeys(t, "/help\r")
		p.waitFor(t, "/sources  every source")
		p.typeKeys(t, "\x04")
		p.exit(t, 0)
	})
}

// With lines piped in (no terminal), SIGINT during an answer stops it and
// the chat reads on; at the prompt it ends the chat (TestInterruptGives130).
func TestChatSignalStopsAnswer(t *testing.T) {
	store := sampleStore(t)
	url, requested := stallingLLM(t)
	p := startCLI(t, store, []string{"HERALDQA_LLM=openai", "OPENAI_BASE_URL=" + url, "OPENAI_API_KEY=sk-test", "HERALDQA_LLM_MODEL=test"}, "chat")
	io.WriteString(p.stdin, "2025浦江创新论坛的主宾国是哪个国家？\n")
	select {
	case <-requested:
	case <-time.After(30 * time.Second):
		t.Fatalf("no request reached the LLM:\n%s", p.stderr.String())
	}
	p.cmd.Process.Signal(syscall.SIGINT)
	waitFor(t, 10*time.Second, "the answer to stop", func() bool { return strings.Contains(p.stderr.String(), "(answer stopped)") })
	io.WriteString(p.stdin, "/quit\n")
	if !p.wait(10*time.Second) || p.code != 0 {
		t.Errorf("status %d after /quit, want 0:\n%s", p.code, p.stderr.String())
	}
}

// On a terminal, ingest draws a bar that names its phases after the files
// are read; its closing line starts a line of its own; Ctrl-C saves
// nothing, says so on its own line, and reports no file as rejected.
func TestIngestOnTerminal(t *testing.T) {
	store := filepath.Join(t.TempDir(), "store")
	one := absPath(t, "../../testdata/archive/000_8765960b682b9259.txt")
	p := startTTY(t, store, nil, "ingest", one)
	p.exit(t, 0)
	out := p.out.String()
	for _, want := range []string{"1/1 file ", "writing store…", "\r\ningested 1 file: 1 document and "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%q", want, out)
		}
	}

	big := filepath.Join(t.TempDir(), "big.jsonl")
	bigJSONL(t, big, 60_000)
	p = startTTY(t, store, nil, "ingest", big)
	time.Sleep(time.Second) // well inside reading and embedding
	p.typeKeys(t, "\x03")
	p.exit(t, 130)
	out = p.out.String()
	if !strings.Contains(out, "\r\nheraldqa ingest: interrupted: nothing was saved; the store is unchanged\r\n") {
		t.Errorf("the interruption is not said on a line of its own:\n%q", out)
	}
	if strings.Contains(out, "rejected") || strings.Contains(out, "ingested") {
		t.Errorf("an interrupted ingest reports files:\n%q", out)
	}
}

// /sources, /new and /help with lines piped in, as in the bot.
func TestChatCommands(t *testing.T) {
	store := sampleStore(t)
	p := startCLI(t, store, nil, "chat")
	io.WriteString(p.stdin, "/sources\n2025浦江创新论坛的主宾国是哪个国家？\n/sources\n/new\n/sources\n/help\n/frob\n/quit\n")
	if !p.wait(30*time.Second) || p.code != 0 {
		t.Fatalf("status %d:\n%s", p.code, p.stderr.String())
	}
	out, errOut := p.stdout.String(), p.stderr.String()
	if n := strings.Count(errOut, "There is no answer to list sources for yet"); n != 2 {
		t.Errorf("/sources before an answer and after /new: said so %d times, want 2:\n%s", n, errOut)
	}
	for _, want := range []string{"Question: 2025浦江创新论坛的主宾国是哪个国家？\n", "\nCited:\n[1] 《中国高新技术产业导报》2025年9月29日", "\nRetrieved:\n1. ", "/new      forget the conversation"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "(a new conversation") || !strings.Contains(errOut, "unknown command /frob; /help lists them") {
		t.Errorf("stderr: %s", errOut)
	}
}
