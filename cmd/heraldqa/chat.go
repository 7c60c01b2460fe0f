package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/peterh/liner"
	"golang.org/x/term"

	"github.com/heraldqa/heraldqa/cmd/termsafe"
	"github.com/heraldqa/heraldqa/ingest"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

const chatHelp = `Ask about the 中国高新技术产业导报 archive in Chinese or English; every answer cites date, issue and page.
Follow-ups such as 那第41期呢？ build on the previous question.
  /sources  every source of the last answer, with its text
  /new      forget the conversation: the next question stands alone
  /help     this help
  /quit     leave (also Ctrl-D, or Ctrl-C twice at the prompt)
Ctrl-C while an answer is being written stops that answer only.
`

// errCtrlC is Ctrl-C pressed at a line editor's prompt: the line is
// cleared, and a second one in a row leaves.
var errCtrlC = errors.New("ctrl-c at the prompt")

// errTooLong is a line longer than answer.MaxQuestionLine: reported and passed over.
var errTooLong = errors.New("line too long")

// chat asks question after question, each follow-up read in the light of
// the one before. main leaves SIGINT to it: Ctrl-C stops the answer being
// written; at the prompt it clears the line (a second one leaves) when a
// terminal's keys are read, and leaves at once when lines are piped in.
func (a *app) chat(ctx context.Context, args []string) error {
	fs := a.newFlags("chat")
	fs.Int("k", 0, "articles retrieved per question (HERALDQA_K)")
	if words, err := a.parse(fs, args); err != nil {
		return err
	} else if len(words) > 0 {
		return usageError{"chat takes no arguments: ask at its prompt (or use heraldqa ask QUESTION)"}
	}
	interrupts := make(chan os.Signal, 1)
	signal.Notify(interrupts, os.Interrupt)
	defer signal.Stop(interrupts)

	// Opening the store may first ingest the sample archive: Ctrl-C ends it.
	setup, stop := onInterrupt(ctx, interrupts)
	asker, err := a.asker(setup, true)
	if stop() {
		return context.Canceled
	}
	if err != nil {
		return err
	}
	in := a.chatInput()
	defer in.close()
	fmt.Fprintln(a.stderr, "Ask about the 中国高新技术产业导报 archive. Follow-ups like 那第41期呢？ are understood. /help lists the commands, /quit ends.")

	var prev *retrieve.Query
	var last *answer.Answer
	ctrlC := false
	for {
		drain(interrupts) // a Ctrl-C that came as an answer ended was for the answer
		line, err := in.next(ctx, interrupts)
		switch {
		case errors.Is(err, errCtrlC):
			if ctrlC {
				return context.Canceled
			}
			ctrlC = true
			fmt.Fprintln(a.stderr, "(Ctrl-C again or Ctrl-D to leave)")
			continue
		case errors.Is(err, errTooLong):
			fmt.Fprintf(a.stderr, "heraldqa: that line is longer than %d MiB; skipped\n", answer.MaxQuestionLine>>20)
			continue
		case err == io.EOF:
			fmt.Fprintln(a.stderr)
			return nil
		case err != nil:
			return err
		}
		ctrlC = false
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		in.remember(line)
		if cmd, ok := chatCommand(line); ok {
			switch cmd {
			case "/quit", "/exit", "/q":
				return nil
			case "/new":
				prev, last = nil, nil
				fmt.Fprintln(a.stderr, "(a new conversation: the next question stands alone)")
			case "/help":
				fmt.Fprint(a.stdout, chatHelp)
			case "/sources":
				a.printSources(last)
			default:
				fmt.Fprintf(a.stderr, "heraldqa: unknown command %s; /help lists them\n", termsafe.Line(cmd))
			}
			continue
		}

		actx, stop := onInterrupt(ctx, interrupts)
		ans, q, err := asker.Ask(actx, line, prev)
		stopped := stop()
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if stopped {
			if asker.Stream != nil {
				fmt.Fprintln(a.stdout) // end a streamed line before the notice
			}
			fmt.Fprintln(a.stderr, "(answer stopped)")
			continue
		}
		if err != nil {
			fmt.Fprintf(a.stderr, "heraldqa: %s\n", termsafe.Line(err.Error()))
			continue
		}
		prev, last = q, ans
		if err := a.printAnswer(ans, false, asker.Stream != nil && ans.Mode == answer.ModeLLM); err != nil {
			return err
		}
		fmt.Fprintln(a.stdout)
	}
}

// chatCommand reports whether line is a /command (one word of ASCII
// letters), as opposed to a question that starts with a slash.
func chatCommand(line string) (string, bool) {
	if !strings.HasPrefix(line, "/") || strings.ContainsAny(line, " \t") || len(line) < 2 {
		return "", false
	}
	for _, r := range line[1:] {
		if (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
			return "", false
		}
	}
	return strings.ToLower(line), true
}

// printSources answers /sources as the bot does: the last question, each
// citation with the sentence it was cited for, and every retrieved source
// in rank order with its text.
func (a *app) printSources(ans *answer.Answer) {
	if ans == nil {
		fmt.Fprintln(a.stderr, "There is no answer to list sources for yet. Ask a question first.")
		return
	}
	trad := ans.Lang == string(retrieve.Traditional)
	ref := func(r string) string {
		if trad {
			r = normalize.ToTraditional(r)
		}
		return termsafe.Line(r)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Question: %s\n", termsafe.Line(ans.Question))
	if len(ans.Citations) > 0 {
		b.WriteString("\nCited:\n")
		for _, c := range ans.Citations {
			fmt.Fprintf(&b, "[%d] %s\n", c.N, ref(c.Ref))
			if q := strings.TrimSpace(c.Quote); q != "" {
				fmt.Fprintf(&b, "    “%s”\n", termsafe.Line(q))
			}
		}
	}
	if len(ans.Sources) > 0 {
		b.WriteString("\nRetrieved:\n")
		for _, s := range ans.Sources {
			fmt.Fprintf(&b, "%d. %s\n", s.Rank, ref(s.Ref()))
			for _, l := range strings.Split(strings.TrimSpace(s.Text), "\n") {
				if l = strings.TrimSpace(l); l != "" {
					fmt.Fprintf(&b, "    %s\n", termsafe.Line(normalize.RemoveLayoutSpaces(l)))
				}
			}
		}
	}
	fmt.Fprint(a.stdout, b.String())
}

// onInterrupt returns ctx cancelled at the next SIGINT, and stop, which
// ends the watch and reports whether SIGINT came.
func onInterrupt(ctx context.Context, sig <-chan os.Signal) (context.Context, func() bool) {
	ctx, cancel := context.WithCancel(ctx)
	done, hit := make(chan struct{}), make(chan bool, 1)
	go func() {
		select {
		case <-sig:
			cancel()
			hit <- true
		case <-done:
			hit <- false
		}
	}()
	return ctx, func() bool {
		close(done)
		cancel()
		return <-hit
	}
}

func drain(sig <-chan os.Signal) {
	for {
		select {
		case <-sig:
		default:
			return
		}
	}
}

// chatReader is where chat's lines come from: a line editor on a terminal,
// plain lines otherwise.
type chatReader interface {
	// next shows the prompt and returns the next line; SIGINT on sig or
	// the end of ctx ends the wait with context.Canceled or ctx's error.
	next(ctx context.Context, sig <-chan os.Signal) (string, error)
	remember(line string) // for the history
	close()
}

// chatInput is a line editor (editing, history on the arrow keys) when
// stdin and stdout are this process's terminal, else a line reader.
func (a *app) chatInput() chatReader {
	if a.stdin == os.Stdin && a.stdout == os.Stdout && term.IsTerminal(int(os.Stdin.Fd())) && term.IsTerminal(int(os.Stdout.Fd())) {
		l := liner.NewLiner()
		l.SetCtrlCAborts(true)
		return &editorInput{l: l}
	}
	p := &plainInput{prompt: a.stderr, lines: make(chan plainLine), stop: make(chan struct{})}
	// Lines are read on their own goroutine so that Ctrl-C ends a chat
	// waiting at the prompt.
	go func() {
		lr := ingest.NewLineReader(a.stdin, answer.MaxQuestionLine)
		for {
			raw, tooLong, err := lr.Next()
			select {
			case p.lines <- plainLine{string(raw), tooLong, err}:
			case <-p.stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return p
}

type plainLine struct {
	line    string
	tooLong bool
	err     error
}

type plainInput struct {
	prompt io.Writer
	lines  chan plainLine
	stop   chan struct{}
}

func (p *plainInput) next(ctx context.Context, sig <-chan os.Signal) (string, error) {
	fmt.Fprint(p.prompt, "> ")
	select {
	case in := <-p.lines:
		if in.err != nil {
			return "", in.err
		}
		if in.tooLong {
			return "", errTooLong
		}
		return in.line, nil
	case <-sig:
		fmt.Fprintln(p.prompt)
		return "", context.Canceled
	case <-ctx.Done():
		fmt.Fprintln(p.prompt)
		return "", ctx.Err()
	}
}

func (p *plainInput) remember(string) {}
func (p *plainInput) close()          { close(p.stop) }

// editorInput reads through github.com/peterh/liner, which takes the
// terminal's keys only while it shows the prompt: during an answer Ctrl-C
// is SIGINT again.
type editorInput struct {
	l *liner.State
}

func (e *editorInput) next(ctx context.Context, sig <-chan os.Signal) (string, error) {
	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := e.l.Prompt("> ")
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		switch {
		case errors.Is(r.err, liner.ErrPromptAborted):
			return "", errCtrlC
		case r.err != nil:
			return "", r.err
		case len(r.line) > answer.MaxQuestionLine:
			return "", errTooLong
		}
		return r.line, nil
	case <-sig: // a SIGINT from elsewhere (kill -INT): leave
		return "", context.Canceled
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (e *editorInput) remember(line string) { e.l.AppendHistory(line) }

// close gives the terminal back its own mode.
func (e *editorInput) close() { e.l.Close() }
