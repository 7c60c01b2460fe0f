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

// fallbackTimeout bounds the extractive answer worked out at shutdown for
// a question whose LLM answer was cut off (it takes milliseconds).
const fallbackTimeout = 2 * time.Second

// question answers a question when a worker is free, or says the bot is
// busy when the queue is full.
func (b *Bot) question(ctx context.Context, msg *models.Message, question string, lang retrieve.Lang, log *slog.Logger, received time.Time) {
	// A new question stops the asker's answer being written now, before
	// waiting for a worker (which that answer may hold).
	b.gens.stop(convKey{chat: msg.Chat.ID, user: msg.From.ID})
	err := b.pool.do(ctx, func() { b.answer(ctx, msg, question, log, received) })
	switch {
	case errors.Is(err, errBusy):
		b.notice(ctx, msg, textsFor(lang).busy)
		log.Warn("busy: question turned away")
	case err != nil:
		// Still waiting for a worker when the grace ran out.
		log.Warn("question not started before shutdown; asking to resend", "err", err)
		if _, err := b.reply(ctx, targetOf(msg), []string{textsFor(lang).restarting}); err != nil {
			log.Error("apology failed", "err", err)
		}
	}
}

// answer works out one answer and sends it, showing typing meanwhile, and
// with an LLM the text as it is written. A failure gets an apology, never
// silence.
func (b *Bot) answer(ctx context.Context, msg *models.Message, question string, log *slog.Logger, received time.Time) {
	key := convKey{chat: msg.Chat.ID, user: msg.From.ID}
	to := targetOf(msg)
	b.replies.begin(msg.Chat.ID)
	defer b.replies.end(msg.Chat.ID)
	gctx, stopGen := context.WithCancelCause(ctx)
	defer stopGen(nil)
	gen := b.gens.start(key, stopGen)
	defer b.gens.end(key, gen)
	actx, cancel := context.WithTimeout(gctx, b.cfg.AnswerTimeout)
	defer cancel()
	var prev *retrieve.Query
	if last, ok := b.memory.last(key); ok {
		prev = last.query
	}
	// Each answer gets its own Asker: Stream is the terminal's, not the bot's.
	a := *b.asker
	a.Stream = nil
	var lv *live
	if a.LLM != nil {
		lv = b.newLive(to, msg.Chat.Type == models.ChatTypePrivate, gen.draftID)
		a.Stream = lv
		go lv.run(actx)
	}
	stopTyping := b.typing(actx, to)
	started := time.Now()
	ans, q, err := b.ask(actx, &a, question, prev)
	stopTyping()
	if lv != nil {
		lv.stop()
	}
	lang := langOf(question, msg.From.LanguageCode)
	shutdown := errors.Is(context.Cause(ctx), errShutdown)
	stopped := errors.Is(context.Cause(gctx), errStopped)
	switch {
	case shutdown && (err != nil || ans.Stopped || ans.Warning != ""):
		// Cut off by the shutdown: the extractive answer, if it can be had.
		log.Warn("answer cut off by shutdown; sending the extractive answer", "err", err)
		fctx, cancel := context.WithTimeout(context.Background(), fallbackTimeout)
		ans, q, err = b.ask(fctx, b.extractive(), question, prev)
		cancel()
	case stopped && err == nil:
		ans = stoppedAnswer(ans, lv)
		log.Info("answer stopped by the reader", "chars", len(ans.Answer))
	}
	if err != nil && stopped && !shutdown {
		// Asked something new before this answer had begun: the new
		// question is the one to answer.
		log.Info("answer stopped by the reader before it began", "err", err)
		return
	}
	if err != nil {
		log.Error("answer failed", "ms", time.Since(received).Milliseconds(), "err", err)
		text := textsFor(lang).apology
		if shutdown {
			text = textsFor(lang).restarting
		}
		// ctx is the bot's, not the answer's, which may be what ran out.
		if _, err := b.reply(ctx, to, []string{text}); err != nil {
			log.Error("apology failed", "err", err)
		}
		return
	}
	if ans.Warning != "" {
		log.Warn("answer has a warning", "mode", ans.Mode, "grounded", ans.Grounded)
	}
	b.memory.remember(key, q, ans)
	parts := renderAnswerParts(ans, textsFor(retrieve.Lang(ans.Lang)), b.cfg.MaxParts)
	// Sending has its own limits (per request, and on retries): a slow
	// answer must not leave it no time.
	var ids []int
	if lv != nil {
		ids, err = b.finishLive(ctx, lv, parts)
	} else {
		ids, err = b.reply(ctx, to, parts)
	}
	b.replies.remember(msg.Chat.ID, ids, sentAnswer{answer: ans})
	if err != nil {
		log.Error("reply failed", "parts_sent", len(ids), "err", err)
		return
	}
	log.Info("answered", "ms", time.Since(received).Milliseconds(), "answer_ms", time.Since(started).Milliseconds(),
		"parts", len(ids), "mode", ans.Mode, "refused", ans.Refused, "citations", len(ans.Citations), "stopped", ans.Stopped)
}

// stoppedAnswer is what is kept of an answer its reader stopped: the
// checked text written until then. An Asker that marks the answer Stopped
// has kept it already; otherwise the text shown live is kept, without
// citation markers (their sources were not checked).
func stoppedAnswer(ans *answer.Answer, lv *live) *answer.Answer {
	if ans.Stopped {
		return ans
	}
	out := *ans
	out.Stopped = true
	if lv == nil {
		return &out
	}
	if text := stripMarkers(lv.written()); text != "" {
		out.Answer, out.Mode, out.Citations, out.Grounded, out.Refused, out.Warning = text, answer.ModeLLM, []answer.Citation{}, false, false, ""
	}
	return &out
}

// extractive is the bot's Asker without anything that calls an LLM: for
// answers that must come in milliseconds (inline queries, the last answer
// at shutdown).
func (b *Bot) extractive() *answer.Asker {
	e := *b.asker
	e.LLM, e.Stream, e.Translator = nil, nil, nil
	return &e
}

// ask calls the asker, turning a panic into an error: one bad question
// must not take the bot down.
func (b *Bot) ask(ctx context.Context, a *answer.Asker, question string, prev *retrieve.Query) (ans *answer.Answer, q *retrieve.Query, err error) {
	defer func() {
		if r := recover(); r != nil {
			ans, q, err = nil, nil, fmt.Errorf("answering panicked: %v", r)
		}
	}()
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
