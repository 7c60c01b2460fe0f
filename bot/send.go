package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
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
type sender struct {
	tg      *tg.Bot
	secrets []string
	log     *slog.Logger
	// sleep waits out a 429 or a backoff; tests replace it to see the
	// waits without spending them.
	sleep func(ctx context.Context, d time.Duration) error
}

func newSender(b *tg.Bot, token string, log *slog.Logger) *sender {
	return &sender{tg: b, secrets: secretsOf(token), log: log, sleep: sleep}
}

// secretsOf is every form in which the token could show up in an error:
// whole, path-escaped, and its secret half alone.
func secretsOf(token string) []string {
	out := []string{token}
	if e := url.PathEscape(token); e != token {
		out = append(out, e)
	}
	if _, secret, ok := strings.Cut(token, ":"); ok && len(secret) >= 8 {
		out = append(out, secret)
	}
	return out
}

// redactedError is an error whose message has had the token taken out. It
// still unwraps, so errors.Is and errors.As see the original.
type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.err }

func redact(err error, secrets []string) error {
	if err == nil {
		return nil
	}
	return &redactedError{msg: redactString(err.Error(), secrets), err: err}
}

func redactString(msg string, secrets []string) string {
	for _, s := range secrets {
		if s != "" {
			msg = strings.ReplaceAll(msg, s, "***")
		}
	}
	return msg
}

func (s *sender) redact(err error) error { return redact(err, s.secrets) }

// call runs one request, retrying it after a 429 (after retry_after) and
// after a network or server error (with exponential backoff), up to
// maxAttempts tries. The error it returns never holds the token.
func (s *sender) call(ctx context.Context, method string, req func(context.Context) error) error {
	backoff := firstBackoff
	for attempt := 1; ; attempt++ {
		rctx, cancel := context.WithTimeout(ctx, requestTimeout)
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
		case transient(err):
			wait = backoff
			backoff = min(2*backoff, maxBackoff)
			s.log.Warn("bot api request failed; retrying", "method", method, "attempt", attempt, "backoff_ms", wait.Milliseconds(), "err", s.redact(err))
		default:
			return s.redact(fmt.Errorf("%s: %w", method, err))
		}
		if attempt >= maxAttempts {
			return s.redact(fmt.Errorf("%s: giving up after %d attempts: %w", method, attempt, err))
		}
		if err := s.sleep(ctx, wait); err != nil {
			return err
		}
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

var reServerError = regexp.MustCompile(`error response from telegram for method \S+, (\d{3}) `)

// transient reports whether a failed request may succeed if tried again:
// the network failed, or the server did (5xx, or a body that is not the
// Bot API's JSON, as a proxy's error page is). Answers of the API itself
// (400 bad request, 403 blocked by the user, 401 bad token) are final.
func transient(err error) bool {
	var ue *url.Error
	var ne net.Error
	if errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	msg := err.Error()
	if m := reServerError.FindStringSubmatch(msg); m != nil {
		code, _ := strconv.Atoi(m[1])
		return code >= 500
	}
	return strings.Contains(msg, "error decode response body")
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
