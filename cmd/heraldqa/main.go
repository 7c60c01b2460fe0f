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
//	heraldqa bench gen|run|retrieval ...    synthetic archives, speed, recall
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
	"syscall"

	"github.com/heraldqa/heraldqa/cmd/config"
)

const usage = `heraldqa answers questions about the 中国高新技术产业导报 archive, citing issue and page.

Usage:
  heraldqa ingest [--store DIR] PATH...      read .txt .md .html .jsonl files or folders into the store
  heraldqa list [--json]                     list the issues and documents in the store
  heraldqa ask [--json] [--k N] QUESTION     answer one question
  heraldqa ask --json --batch FILE|-         answer one question per line (or JSONL {"question": ...})
  heraldqa chat                              ask questions in a conversation (follow-ups understood)
  heraldqa bot                               run the Telegram bot
  heraldqa feedback export [--since DATE] [--only down]   readers' 👍/👎 as eval fixture drafts
  heraldqa eval [flags] FIXTURE_OR_DIR...    check answers against fixture files
  heraldqa bench gen|run|retrieval [flags]   generate a synthetic archive / measure speed / measure recall

Every command takes --store DIR (else HERALDQA_STORE, default ./heraldqa-data).
Settings: flags > environment > .env in the working directory; see .env.example.
`

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
	cfg, err := config.Load(os.LookupEnv, ".env")
	if err != nil {
		fmt.Fprintf(stderr, "heraldqa: %v\n", err)
		return 2
	}
	setupLogging(cfg, stderr)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	a := &app{cfg: cfg, stdin: stdin, stdout: stdout, stderr: stderr}
	cmds := map[string]func(context.Context, []string) error{
		"ingest":   a.ingest,
		"list":     a.list,
		"ask":      a.ask,
		"chat":     a.chat,
		"bot":      a.bot,
		"feedback": a.feedback,
		"eval":     a.eval,
		"bench":    a.bench,
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "heraldqa: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err = cmd(ctx, args[1:])
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
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

func setupLogging(cfg *config.Config, w io.Writer) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.Get("HERALDQA_LOG_LEVEL"))); err != nil {
		level = slog.LevelInfo
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: level})))
}

// app holds what every command shares.
type app struct {
	cfg    *config.Config
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}
