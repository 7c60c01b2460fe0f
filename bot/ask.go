package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// typingEvery renews the typing indicator, which Telegram shows for 5 s.
const typingEvery = 4 * time.Second

// question answers a question when a worker is free, or says the bot is
// busy when the queue is full.
func (b *Bot) question(ctx context.Context, msg *models.Message, question string, lang retrieve.Lang, log *slog.Logger, received time.Time) {
	err := b.pool.do(ctx, func() { b.answer(ctx, msg, question, log, received) })
	switch {
	case errors.Is(err, errBusy):
		b.notice(ctx, msg, textsFor(lang).busy)
		log.Warn("busy: question turned away")
	case err != nil:
		log.Warn("question dropped at shutdown", "err", err)
	}
}

// answer works out one answer and sends it, showing typing meanwhile. A
// failure gets an apology, never silence.
func (b *Bot) answer(ctx context.Context, msg *models.Message, question string, log *slog.Logger, received time.Time) {
	key := convKey{chat: msg.Chat.ID, user: msg.From.ID}
	to := targetOf(msg)
	actx, cancel := context.WithTimeout(ctx, b.cfg.AnswerTimeout)
	defer cancel()
	var prev *retrieve.Query
	if last, ok := b.memory.last(key); ok {
		prev = last.query
	}
	stopTyping := b.typing(actx, to)
	started := time.Now()
	ans, q, err := b.ask(actx, question, prev)
	stopTyping()
	if err != nil {
		log.Error("answer failed", "ms", time.Since(received).Milliseconds(), "err", err)
		// The answer's context may be what ran out: apologise on a fresh one.
		sctx, cancel := context.WithTimeout(b.workCtx, requestTimeout)
		defer cancel()
		lang := langOf(question, msg.From.LanguageCode)
		if _, err := b.send.sendParts(sctx, to, []string{textsFor(lang).apology}); err != nil {
			log.Error("apology failed", "err", err)
		}
		return
	}
	if ans.Warning != "" {
		log.Warn("answer has a warning", "mode", ans.Mode, "grounded", ans.Grounded)
	}
	b.memory.remember(key, q, ans)
	parts := renderAnswer(ans, textsFor(retrieve.Lang(ans.Lang)))
	// Sending has its own limits (per request, and on retries): a slow
	// answer must not leave it no time.
	sent, err := b.send.sendParts(ctx, to, parts)
	if err != nil {
		log.Error("reply failed", "parts_sent", sent, "err", err)
		return
	}
	log.Info("answered", "ms", time.Since(received).Milliseconds(), "answer_ms", time.Since(started).Milliseconds(),
		"parts", sent, "mode", ans.Mode, "refused", ans.Refused, "citations", len(ans.Citations))
}

// ask calls the asker, turning a panic into an error: one bad question
// must not take the bot down.
func (b *Bot) ask(ctx context.Context, question string, prev *retrieve.Query) (ans *answer.Answer, q *retrieve.Query, err error) {
	defer func() {
		if r := recover(); r != nil {
			ans, q, err = nil, nil, fmt.Errorf("answering panicked: %v", r)
		}
	}()
	// Each answer gets its own Asker: Stream is the terminal's, not the bot's.
	a := *b.asker
	a.Stream = nil
	ans, q, err = a.Ask(ctx, question, prev)
	if err == nil && ans == nil {
		err = errors.New("the asker returned no answer")
	}
	return ans, q, err
}

// typing shows "typing…" in the chat until stop is called, renewing it
// while the answer takes long. stop waits for a request in flight, so that
// the indicator never arrives after the answer.
func (b *Bot) typing(ctx context.Context, to target) (stop func()) {
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(typingEvery)
		defer tick.Stop()
		for {
			rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
			_, err := b.tg.SendChatAction(rctx, &tg.SendChatActionParams{ChatID: to.chat, MessageThreadID: to.thread, Action: models.ChatActionTyping})
			cancel()
			if err != nil && ctx.Err() == nil {
				b.log.Debug("typing indicator failed", "chat_id", to.chat, "err", b.send.redact(err))
			}
			select {
			case <-quit:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
			}
		}
	}()
	return func() {
		close(quit)
		<-done
	}
}
