package main

import (
	"context"

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
	cfg := bot.Config{
		Token:        a.cfg.Get("TELEGRAM_BOT_TOKEN"),
		APIURL:       a.cfg.Get("TELEGRAM_API_URL"),
		AllowedUsers: users,
		AllowedChats: chats,
		Public:       public,
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
