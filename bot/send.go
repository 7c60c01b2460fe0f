package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/heraldqa/heraldqa/ingest/httpretry"
)

const (
	// maxAttempts bounds the tries of one Bot API request.
	maxAttempts = 5
	// maxRetryAfter is the longest 429 wait the bot sits out; a longer one
	// means the reply is dropped rather than held for minutes.
	maxRetryAfter = 60 * time.Second
	firstBackoff  = 200 * time.Millisecond
	maxBackoff    = 5 * time.Second
)

// sender makes Bot API requests: it waits out Telegram's 429 as told,
// backs off after network errors, and keeps the token out of every error.
//
// The *tg.Bot must send through an httpretry.Observe'd client, so that the
// sender sees each answer's HTTP status: the library folds a 5xx into an
// error string.
type sender struct {
	tg       *tg.Bot
	redactor *httpretry.Redactor
	log      *slog.Logger
	// clock waits out a 429 or a backoff; tests replace it to see the
	// waits without spending them.
	clock httpretry.Clock
}

func newSender(b *tg.Bot, token string, log *slog.Logger) *sender {
	return &sender{tg: b, redactor: tokenRedactor(token), log: log, clock: httpretry.System}
}

// tokenRedactor hides the bot token, in every form it can take in an
// error (see httpretry.NewRedactor), as ***.
func tokenRedactor(token string) *httpretry.Redactor { return httpretry.NewRedactor("***", token) }

func (s *sender) redact(err error) error { return s.redactor.Error(err) }

// call runs one request, retrying it after a 429 (after retry_after) and
// after a network or server error (with exponential backoff), up to
// maxAttempts tries. The error it returns never holds the token.
func (s *sender) call(ctx context.Context, method string, req func(context.Context) error) error {
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		rctx, cancel := context.WithTimeout(ctx, requestTimeout)
		rctx, ex := httpretry.WithExchange(rctx)
		err := req(rctx)
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var wait time.Duration
		var tooMany *tg.TooManyRequestsError
		switch {
		case errors.As(err, &tooMany):
			wait = time.Duration(max(tooMany.RetryAfter, 1)) * time.Second
			if wait > maxRetryAfter {
				return s.redact(fmt.Errorf("%s: Telegram asks to wait %s, longer than the bot waits: %w", method, wait, err))
			}
			s.log.Warn("telegram rate limit; retrying", "method", method, "retry_after_s", tooMany.RetryAfter, "attempt", attempt)
		case transient(err, ex.Last()):
			wait = backoff
			backoff = min(2*backoff, maxBackoff)
			s.log.Warn("bot api request failed; retrying", "method", method, "attempt", attempt, "backoff_ms", wait.Milliseconds(), "err", s.redact(err))
		default:
			return s.redact(fmt.Errorf("%s: %w", method, err))
		}
		if attempt >= maxAttempts {
			return s.redact(fmt.Errorf("%s: giving up after %d attempts: %w", method, attempt, err))
		}
		if err := s.clock.Sleep(ctx, wait); err != nil {
			return err
		}
	}
}

// transient reports whether a failed request may succeed if tried again:
// the network failed, or the server did (5xx, as the response showed, or a
// body that is not the Bot API's JSON, as a proxy's error page is).
// Answers of the API itself (400 bad request, 403 blocked by the user, 401
// bad token) are final.
func transient(err error, seen httpretry.Seen) bool {
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	if seen.Status >= 500 {
		return true
	}
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return errors.As(err, &syntax) || errors.As(err, &typ)
}

// isParseError reports whether Telegram rejected a message's HTML.
func isParseError(err error) bool {
	return errors.Is(err, tg.ErrorBadRequest) && strings.Contains(err.Error(), "can't parse entities")
}

// target is where a reply goes: the chat, the topic, and the message it
// answers (0 for none).
type target struct {
	chat    int64
	thread  int
	replyTo int
}

func targetOf(msg *models.Message) target {
	t := target{chat: msg.Chat.ID, replyTo: msg.ID}
	if msg.IsTopicMessage {
		t.thread = msg.MessageThreadID
	}
	return t
}

var noPreview = &models.LinkPreviewOptions{IsDisabled: tg.True()}

// sendParts sends the parts of one reply in order, the first quoting the
// message it answers, and returns the ids of the messages sent. A part
// whose HTML Telegram rejects is sent again as plain text rather than lost.
func (s *sender) sendParts(ctx context.Context, to target, parts []string) (ids []int, err error) {
	for i, part := range parts {
		p := &tg.SendMessageParams{
			ChatID:             to.chat,
			MessageThreadID:    to.thread,
			Text:               part,
			ParseMode:          models.ParseModeHTML,
			LinkPreviewOptions: noPreview,
		}
		if i == 0 && to.replyTo != 0 {
			p.ReplyParameters = &models.ReplyParameters{MessageID: to.replyTo, AllowSendingWithoutReply: true}
		}
		var sent *models.Message
		send := func(ctx context.Context) error {
			m, err := s.tg.SendMessage(ctx, p)
			sent = m
			return err
		}
		err := s.call(ctx, "sendMessage", send)
		if err != nil && isParseError(err) {
			s.log.Error("telegram rejected the reply's HTML; sending it as plain text", "chat_id", to.chat, "part", i+1, "err", err)
			p.Text, p.ParseMode = plainText(part), ""
			err = s.call(ctx, "sendMessage", send)
		}
		if err != nil {
			return ids, err
		}
		id := 0
		if sent != nil {
			id = sent.ID
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// editText replaces the text of the bot's message id with html, falling
// back to plain text as sendParts does. An edit to the same text is no error.
func (s *sender) editText(ctx context.Context, chat int64, id int, html string) error {
	p := &tg.EditMessageTextParams{ChatID: chat, MessageID: id, Text: html, ParseMode: models.ParseModeHTML, LinkPreviewOptions: noPreview}
	edit := func(ctx context.Context) error {
		_, err := s.tg.EditMessageText(ctx, p)
		return err
	}
	err := s.call(ctx, "editMessageText", edit)
	if err != nil && isParseError(err) {
		s.log.Error("telegram rejected the reply's HTML; sending it as plain text", "chat_id", chat, "err", err)
		p.Text, p.ParseMode = plainText(html), ""
		err = s.call(ctx, "editMessageText", edit)
	}
	if err != nil && isNotModified(err) {
		return nil
	}
	return err
}

// isNotModified reports Telegram's refusal of an edit that changes nothing.
func isNotModified(err error) bool {
	return errors.Is(err, tg.ErrorBadRequest) && strings.Contains(err.Error(), "message is not modified")
}

// reply sends parts to a chat. While the bot is stopping it insists: when
// the answer's context was cancelled at the end of the grace it tries once
// more on a short fresh one, and if nothing could be sent it marks the
// update unsent, so that it is not confirmed and the next run answers it.
func (b *Bot) reply(ctx context.Context, to target, parts []string) ([]int, error) {
	ids, err := b.send.sendParts(ctx, to, parts)
	if err == nil || len(ids) > 0 || !b.isStopping() {
		return ids, err
	}
	if ctx.Err() != nil {
		fctx, cancel := context.WithTimeout(context.Background(), finalSendTimeout)
		defer cancel()
		ids, err = b.send.sendParts(fctx, to, parts)
		if err == nil || len(ids) > 0 {
			return ids, err
		}
	}
	markUnsent(ctx)
	return ids, err
}
