// Command heraldqa answers questions about the archive of 中国高新技术产业导报
// (China High-Tech Industry Herald) with issue-and-page citations.
//
//	heraldqa ingest [--store DIR] PATH...   read archive files into the store
//	heraldqa list [--json]                  the issues and documents in the store
//	heraldqa ask [--json] [--k N] QUESTION  answer one question
//	heraldqa ask --json --batch FILE|-      answer one question a line
//	heraldqa chat                           ask in a conversation
//	heraldqa bot                            run the Telegram bot
//	heraldqa feedback export [--only down]  readers' reactions as fixture drafts
//	heraldqa eval FIXTURE_OR_DIR...         check answers against fixtures
//	heraldqa bench gen|run|retrieval|reader|train  synthetic archives, speed, recall, answers
//	heraldqa help [COMMAND]                 a command's usage, arguments and flags
//
// This file only wires flags and configuration to the packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/heraldqa/heraldqa/cmd/config"
)

// exitError carries an exit status without printing anything more.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError is a mistake in the command line: status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run is main without the process: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		// No stack traces for users: one line, and a status that says so.
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "heraldqa: internal error: %v\n", r)
			code = 70
		}
	}()
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, usage())
		return 0
	case "-version", "--version", "version":
		fmt.Fprint(stdout, version())
		return 0
	case "help":
		if len(args) == 1 || args[1] == "help" {
			fmt.Fprint(stdout, usage())
			return 0
		}
		// help CMD [SUB] is CMD [SUB] --help: the command's own flag set
		// prints its help, so it cannot drift from what the command takes.
		args = append(args[1:len(args):len(args)], "--help")
	}
	cmd, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "heraldqa: unknown command %q; %s\n", args[0], suggest(args[0]))
		return 2
	}

	if len(args) > 1 && isHelpFlag(args[1]) {
		if h := subcommandsHelp(cmd); h != "" {
			fmt.Fprint(stdout, h)
			return 0
		}
	}

	cfg, err := config.Load(os.LookupEnv, ".env")
	if err != nil && slices.ContainsFunc(args, isHelpFlag) {
		cfg, err = config.Load(os.LookupEnv, "") // help needs no settings
	}
	if err != nil {
		fmt.Fprintf(stderr, "heraldqa: %v\n", err)
		return 2
	}
	logs := &logWriter{w: stderr}
	if err := setupLogging(cfg, logs); err != nil {
		fmt.Fprintf(stderr, "heraldqa: %v\n", err)
		return 2
	}

	// chat answers Ctrl-C itself (it stops the answer, not the chat).
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if cmd.ownsInterrupt {
		sigs = sigs[1:]
	}
	ctx, interrupted, stop := notify(sigs...)
	defer stop()

	a := &app{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr, logs: logs}
	err = cmd.run(a, ctx, args[1:])
	var ee exitError
	var ue usageError
	var he helpRequest
	switch {
	case err == nil && interrupted():
		// A command that stops gracefully on Ctrl-C (the bot) still reports
		// the interruption, as every command does; SIGTERM, a service
		// manager's stop, ends it with 0.
		return 130
	case err == nil:
		return 0
	case errors.As(err, &he):
		fmt.Fprint(stdout, he.text)
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "heraldqa %s: %s\n", args[0], ue.msg)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(stderr, "heraldqa %s: interrupted\n", args[0])
		return 130
	}
	fmt.Fprintf(stderr, "heraldqa %s: %v\n", args[0], err)
	return 1
}

// command is one subcommand and its help: a new command is one entry here,
// and its own flags are declared in its function through a.newFlags(name).
type command struct {
	name    string
	usage   string // after "heraldqa NAME"; several forms one per line
	summary string // one line, for heraldqa help
	args    string // what the positional arguments are, one "NAME  meaning" a line
	// shared lists the settings flags the command takes: store, embedder,
	// llm (with --llm-model).
	shared []string
	run    func(a *app, ctx context.Context, args []string) error
	// ownsInterrupt: the command handles SIGINT itself.
	ownsInterrupt bool
	// sub marks the help of a subcommand ("bench gen"): not run from here.
	sub bool
}

// commands is a func, not a var: the commands' functions look it up
// through newFlags, and a var would be an initialization cycle.
func commands() []command {
	return []command{
		{name: "ingest", usage: "[flags] PATH...", summary: "read .txt .md .html .jsonl files or folders into the store",
			args: "PATH  a file or a folder (walked recursively)", shared: []string{"store", "embedder"}, run: (*app).ingest},
		{name: "list", usage: "[--json] [--stats] [--verify]", summary: "list the issues and documents in the store (--stats: counts, segments, size, dates)",
			shared: []string{"store"}, run: (*app).list},
		{name: "remove", usage: "SOURCE...", summary: "remove documents: a source as list prints it, a glob such as 2019/*, or a file path",
			args: "SOURCE  a source, glob or path; a file's documents go together", shared: []string{"store"}, run: (*app).remove},
		{name: "compact", usage: "", summary: "merge the store's segments into one, dropping removed documents",
			shared: []string{"store"}, run: (*app).compact},
		{name: "ask", usage: "[flags] QUESTION\n--json --batch FILE|- [flags]", summary: "answer one question (or one a line with --batch)",
			args: "QUESTION  in Simplified or Traditional Chinese or English; quote it or not", shared: []string{"store", "embedder", "llm"}, run: (*app).ask},
		{name: "chat", usage: "[flags]", summary: "ask in a conversation (follow-ups understood; /help inside)",
			shared: []string{"store", "embedder", "llm"}, run: (*app).chat, ownsInterrupt: true},
		{name: "bot", usage: "[flags]", summary: "run the Telegram bot (TELEGRAM_* settings)",
			shared: []string{"store", "embedder", "llm"}, run: (*app).bot},
		{name: "feedback", usage: "export [flags]", summary: "readers' 👍/👎 from the bot, as eval fixture drafts", run: (*app).feedback},
		{name: "feedback export", sub: true, usage: "[--since YYYY-MM-DD] [--only down]", summary: "write the recorded reactions as fixture drafts to stdout",
			shared: []string{"store"}},
		{name: "eval", usage: "[flags] FIXTURE_OR_DIR...", summary: "check answers against fixture files",
			args: "FIXTURE_OR_DIR  a .yaml fixture file or a folder of them", shared: []string{"store", "embedder", "llm"}, run: (*app).eval},
		{name: "bench", usage: "gen|run|retrieval|reader|train [flags]", summary: "generate a synthetic archive / measure speed / recall / answers / re-fit the answer model", run: (*app).bench},
		{name: "bench gen", sub: true, usage: "--issues N --out DIR [flags]", summary: "write a synthetic archive made from the sample's sentences"},
		{name: "bench run", sub: true, usage: "[flags]", summary: "measure ingest, load, search and ask at several archive sizes"},
		{name: "bench retrieval", sub: true, usage: "--corpus FILE --questions FILE [flags]", summary: "measure recall and latency on a question set",
			shared: []string{"store", "embedder"}},
		{name: "bench reader", sub: true, usage: "[flags]", summary: "score reader-qa as its README says, and the gold-removed refusal share",
			shared: []string{"store", "embedder"}},
		{name: "bench train", sub: true, usage: "[--sets DIR,DIR] [--out FILE]", summary: "re-fit the extractive answer model on the fitting sets",
			shared: []string{"embedder"}},
	}
}

// lookup finds a command to run by name.
func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name && !c.sub {
			return c, true
		}
	}
	return command{}, false
}

func isHelpFlag(s string) bool { return s == "-h" || s == "-help" || s == "--help" }

// subcommandsHelp lists a command's subcommands ("bench gen", …), "" for
// a command without any.
func subcommandsHelp(cmd command) string {
	var b strings.Builder
	for _, c := range commands() {
		if c.sub && strings.HasPrefix(c.name, cmd.name+" ") {
			fmt.Fprintf(&b, "  heraldqa %s %s\n      %s\n", c.name, c.usage, c.summary)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return fmt.Sprintf("Usage: heraldqa %s %s\n\n%s\n\nCommands:\n%s\nheraldqa help %s SUBCOMMAND lists a subcommand's flags.\n",
		cmd.name, cmd.usage, cmd.summary, b.String(), cmd.name)
}

// usage is heraldqa's help: the commands, one line each.
func usage() string {
	var b strings.Builder
	b.WriteString("heraldqa answers questions about the 中国高新技术产业导报 archive, citing issue and page.\n\nUsage:\n")
	for _, c := range commands() {
		if !c.sub {
			fmt.Fprintf(&b, "  heraldqa %-10s %s\n", c.name, c.summary)
		}
	}
	fmt.Fprintf(&b, "  heraldqa %-10s %s\n", "help CMD", "a command's usage, arguments and flags (also: heraldqa CMD --help)")
	fmt.Fprintf(&b, "  heraldqa %-10s %s\n", "--version", "the version and the revision it was built from")
	b.WriteString(`
Every command that reads the store takes --store DIR (else HERALDQA_STORE, default ./heraldqa-data).
Settings: flags > environment > .env in the working directory; see .env.example.
`)
	return b.String()
}

// suggest names the command nearest to a mistyped name, else points to
// the list: "nearest" is (at most two edits, and fewer than half
// the name).
func suggest(name string) string {
	best, bestD := "", 3
	for _, c := range commands() {
		if c.sub {
			continue
		}
		if d := editDistance(name, c.name); d < bestD && 2*d < len([]rune(name)) {
			best, bestD = c.name, d
		}
	}
	if best == "" {
		return "run heraldqa help for the list"
	}
	return "did you mean " + best + "?"
}

// editDistance counts the insertions, deletions, substitutions and swaps
// of neighbours (lsit → list) that turn a into b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// version is the module's version and the VCS revision it was built from,
// as the Go toolchain stamped them.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "heraldqa: no build information in this binary\n"
	}
	return versionOf(bi)
}

func versionOf(bi *debug.BuildInfo) string {
	var rev, when, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = " with uncommitted changes"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "heraldqa %s %s\n", bi.Main.Path, bi.Main.Version)
	if rev == "" {
		// go build stamps nothing with -buildvcs=false, outside a checkout,
		// or (Go 1.26) in a git worktree, whose .git is a file.
		b.WriteString("revision unknown (built without VCS stamping)\n")
	} else {
		fmt.Fprintf(&b, "revision %s%s", rev, modified)
		if when != "" {
			fmt.Fprintf(&b, ", committed %s", when)
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "built with %s\n", bi.GoVersion)
	return b.String()
}

func setupLogging(cfg *config.Config, w io.Writer) error {
	level, err := cfg.LogLevel()
	if err != nil {
		return err
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})))
	return nil
}

// logWriter is where log lines go: stderr, or, while ingest draws its
// progress bar, through the bar, so that a line does not run into it.
type logWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// to sends the log lines to w until the returned func is called.
func (l *logWriter) to(w io.Writer) (restore func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.w
	l.w = w
	return func() {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.w = old
	}
}

// app holds what every command shares.
type app struct {
	cfg    *config.Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	logs   *logWriter // nil in tests that build an app by hand
}

// notify is signal.NotifyContext that also tells whether the signal that
// cancelled the context was SIGINT.
func notify(sigs ...os.Signal) (ctx context.Context, interrupted func() bool, stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	c := make(chan os.Signal, 1)
	signal.Notify(c, sigs...)
	var got atomic.Bool
	done := make(chan struct{})
	go func() {
		select {
		case s := <-c:
			got.Store(s == os.Interrupt)
			cancel()
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, got.Load, func() {
		once.Do(func() {
			signal.Stop(c)
			close(done)
			cancel()
		})
	}
}
