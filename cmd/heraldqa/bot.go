package main

import (
	"context"
	"fmt"

	"github.com/heraldqa/heraldqa/bot"
)

// bot runs the Telegram bot until SIGINT or SIGTERM.
func (a *app) bot(ctx context.Context, args []string) error {
	fs := a.newFlags("bot")
	fs.Int("k", 0, "articles retrieved per question (HERALDQA_K)")
	if words, err := a.parse(fs, args); err != nil {
		return err
	} else if len(words) > 0 {
		return usageError{"bot takes no arguments; it is configured by TELEGRAM_* settings"}
	}
	users, err := a.cfg.IDs("TELEGRAM_ALLOWED_USERS")
	if err != nil {
		return err
	}
	chats, err := a.cfg.IDs("TELEGRAM_ALLOWED_CHATS")
	if err != nil {
		return err
	}
	public, err := a.cfg.Bool("TELEGRAM_PUBLIC")
	if err != nil {
		return err
	}
	grace, err := a.cfg.Duration("TELEGRAM_SHUTDOWN_GRACE")
	if err != nil {
		return err
	}
	maxParts, err := a.cfg.Int("TELEGRAM_MAX_PARTS")
	if err != nil {
		return err
	}
	if maxParts < 1 {
		return fmt.Errorf("TELEGRAM_MAX_PARTS=%d: want 1 or more", maxParts)
	}
	cfg := bot.Config{
		Token:         a.cfg.Get("TELEGRAM_BOT_TOKEN"),
		APIURL:        a.cfg.Get("TELEGRAM_API_URL"),
		AllowedUsers:  users,
		AllowedChats:  chats,
		Public:        public,
		ShutdownGrace: grace,
		MaxParts:      maxParts,
		// Answered updates and readers' feedback live with the store.
		StateDir: a.cfg.Get("HERALDQA_STORE"),
	}
	// Settings are checked before the store is opened (which may ingest
	// the sample archive first), so a mistake is reported at once.
	if err := cfg.Validate(); err != nil {
		return err
	}
	asker, err := a.asker(ctx, false)
	if err != nil {
		return err
	}
	b, err := bot.New(cfg, asker)
	if err != nil {
		return err
	}
	return b.Run(ctx)
}
