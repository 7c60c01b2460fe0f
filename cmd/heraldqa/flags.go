package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// newFlags returns a command's own flag set with the settings flags its
// entry in commands() lists (all of them for a name not listed). (The
// global flag.CommandLine is not used: a dependency registers a -dir flag
// on it.)
func (a *app) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	shared := []string{"store", "embedder", "llm"}
	for _, c := range commands() {
		if c.name == name {
			shared = c.shared
		}
	}
	for _, s := range shared {
		switch s {
		case "store":
			fs.String("store", "", "folder `DIR` of the local store (HERALDQA_STORE)")
		case "embedder":
			fs.String("embedder", "", "embedder `NAME`: local, openai, ollama (HERALDQA_EMBEDDER)")
		case "llm":
			fs.String("llm", "", "answerer `NAME`: none (extractive), openai, ollama (HERALDQA_LLM)")
			fs.String("llm-model", "", "chat model `NAME` (HERALDQA_LLM_MODEL)")
		}
	}
	return fs
}

// helpRequest is -h or --help: the command's help, printed to stdout with
// status 0.
type helpRequest struct{ text string }

func (h helpRequest) Error() string { return "help requested" }

// help renders a command's usage line(s), arguments and flags from its
// entry in commands() and its flag set.
func help(fs *flag.FlagSet) string {
	var c command
	for _, e := range commands() {
		if e.name == fs.Name() {
			c = e
		}
	}
	if c.usage == "" {
		c.usage = "[flags]"
	}
	var b strings.Builder
	for i, u := range strings.Split(c.usage, "\n") {
		lead := "Usage:"
		if i > 0 {
			lead = "      "
		}
		fmt.Fprintf(&b, "%s heraldqa %s %s\n", lead, fs.Name(), u)
	}
	if c.summary != "" {
		fmt.Fprintf(&b, "\n%s\n", c.summary)
	}
	if c.args != "" {
		b.WriteString("\nArguments:\n")
		for _, l := range strings.Split(c.args, "\n") {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	b.WriteString("\nFlags:\n")
	fs.VisitAll(func(f *flag.Flag) {
		typ, text := flag.UnquoteUsage(f)
		name := "--" + f.Name
		if typ != "" {
			name += " " + typ
		}
		if d := f.DefValue; d != "" && d != "0" && d != "false" {
			text += fmt.Sprintf(" (default %s)", d)
		}
		fmt.Fprintf(&b, "  %-20s %s\n", name, text)
	})
	return b.String()
}

// parse parses args and applies the flags that were given over the
// configuration, so flags win over the environment and .env.
// Flags may stand before or after the positional arguments
// (heraldqa ask "…" --json); what is left is in positional.
func (a *app) parse(fs *flag.FlagSet, args []string) (positional []string, err error) {
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, helpRequest{help(fs)}
			}
			return nil, usageError{err.Error() + " (heraldqa help " + fs.Name() + " lists its flags)"}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			positional = append(positional, rest[1:]...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	names := map[string]string{
		"store": "HERALDQA_STORE", "embedder": "HERALDQA_EMBEDDER", "llm": "HERALDQA_LLM",
		"llm-model": "HERALDQA_LLM_MODEL", "k": "HERALDQA_K",
	}
	fs.Visit(func(f *flag.Flag) {
		if env, ok := names[f.Name]; ok {
			a.cfg.Set(env, f.Value.String())
		}
	})
	return positional, nil
}
