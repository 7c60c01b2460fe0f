package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/heraldqa/heraldqa/bot"
)

// feedback runs `heraldqa feedback export`: the readers' reactions recorded
// by the bot, as fixture drafts for eval, on stdout.
func (a *app) feedback(_ context.Context, args []string) error {
	if len(args) == 0 || args[0] != "export" {
		return usageError{"usage: heraldqa feedback export [--since YYYY-MM-DD] [--only down]"}
	}
	fs := a.newFlags("feedback export")
	since := fs.String("since", "", "only feedback from this date (YYYY-MM-DD) on")
	only := fs.String("only", "", "down: only 👎 (default: 👍 and 👎)")
	if words, err := a.parse(fs, args[1:]); err != nil {
		return err
	} else if len(words) > 0 {
		return usageError{fmt.Sprintf("feedback export takes no arguments, got %q", words[0])}
	}
	var opt bot.ExportOptions
	if *since != "" {
		t, err := time.Parse("2006-01-02", *since)
		if err != nil {
			return usageError{fmt.Sprintf("--since %q: want a date such as 2025-11-03", *since)}
		}
		opt.Since = t
	}
	switch *only {
	case "":
	case "down":
		opt.OnlyDown = true
	default:
		return usageError{fmt.Sprintf("--only %q: the only choice is down", *only)}
	}
	path := filepath.Join(a.cfg.Get("HERALDQA_STORE"), bot.FeedbackFile)
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		fmt.Fprintf(a.stderr, "heraldqa feedback: no feedback recorded yet (%s)\n", path)
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading feedback: %w", err)
	}
	defer f.Close()
	n, bad, err := bot.ExportFeedback(f, a.stdout, opt)
	if err != nil {
		return err
	}
	if bad > 0 {
		fmt.Fprintf(a.stderr, "heraldqa feedback: %d unreadable line(s) in %s skipped\n", bad, path)
	}
	fmt.Fprintf(a.stderr, "heraldqa feedback: %d fixture draft(s) written; complete each and delete its draft: true before eval\n", n)
	return nil
}
