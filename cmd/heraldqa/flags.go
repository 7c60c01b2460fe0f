package main

import (
	"flag"
	"io"
	"strings"
)

// newFlags returns a command's own flag set with the flags every command
// shares. (The global flag.CommandLine is not used: a dependency registers
// a -dir flag on it.)
func (a *app) newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.String("store", "", "folder of the local store (HERALDQA_STORE)")
	fs.String("embedder", "", "embedder: local, openai, ollama (HERALDQA_EMBEDDER)")
	fs.String("llm", "", "answerer: none, openai, ollama (HERALDQA_LLM)")
	fs.String("llm-model", "", "chat model (HERALDQA_LLM_MODEL)")
	return fs
}

// parse parses args and applies the flags that were given over the
// configuration, so flags win over the environment and .env.
// Flags may stand before or after the positional arguments
// (heraldqa ask "…" --json); what is left is in positional.
func (a *app) parse(fs *flag.FlagSet, args []string) (positional []string, err error) {
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				var b strings.Builder
				fs.SetOutput(&b)
				fs.PrintDefaults()
				return nil, usageError{"flags:\n" + b.String()}
			}
			return nil, usageError{err.Error()}
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
