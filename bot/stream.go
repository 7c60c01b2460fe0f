package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// How often the text of an answer being written is shown anew: a draft in
// a private chat, an edited message in a group (Telegram allows a group
// about 20 messages a minute, and an edit once a second keeps a long
// answer near that).
const (
	draftEvery = 500 * time.Millisecond
	editEvery  = time.Second
)

// errStopped is the cause of a generation's end when the reader stopped
// it: with the draft's Stop button, or by asking something new.
var errStopped = errors.New("stopped by the reader")

// generation is an answer being written, which its reader may stop.
type generation struct {
	chat    int64
	draftID int64
	stop    context.CancelCauseFunc
}

// generations are the answers being written, one per conversation.
type generations struct {
	mu     sync.Mutex
	byConv map[convKey]*generation
	next   atomic.Int64
}

func newGenerations() *generations {
	g := &generations{byConv: map[convKey]*generation{}}
	// Draft ids differ from a previous run's, whose Stop buttons may still
	// be pressed.
	g.next.Store(time.Now().Unix() % 1_000_000 * 1000)
	return g
}

// start registers a new answer of conversation k, stopping the one it
// replaces: a reader who asks again wants the new answer, not the old.
func (gs *generations) start(k convKey, stop context.CancelCauseFunc) *generation {
	g := &generation{chat: k.chat, draftID: gs.next.Add(1), stop: stop}
	gs.mu.Lock()
	prev := gs.byConv[k]
	gs.byConv[k] = g
	gs.mu.Unlock()
	if prev != nil {
		prev.stop(errStopped)
	}
	return g
}

// stop stops the answer of conversation k being written, if any.
func (gs *generations) stop(k convKey) {
	gs.mu.Lock()
	g := gs.byConv[k]
	gs.mu.Unlock()
	if g != nil {
		g.stop(errStopped)
	}
}

func (gs *generations) end(k convKey, g *generation) {
	gs.mu.Lock()
	defer gs.mu.Unlock()
	if gs.byConv[k] == g {
		delete(gs.byConv, k)
	}
}

// stopDraft stops the answer whose draft was drafted in chat.
func (gs *generations) stopDraft(chat, draftID int64) bool {
	gs.mu.Lock()
	var found *generation
	for _, g := range gs.byConv {
		if g.chat == chat && g.draftID == draftID {
			found = g
		}
	}
	gs.mu.Unlock()
	if found == nil {
		return false
	}
	found.stop(errStopped)
	return true
}

// onStopPressed handles the draft's Stop button.
func (b *Bot) onStopPressed(updateID int64, s *models.MessageGenerationStopped) {
	ok := b.gens.stopDraft(s.Chat.ID, int64(s.DraftID))
	b.log.Info("stop pressed", "update_id", updateID, "chat_id", s.Chat.ID, "draft_id", s.DraftID, "running", ok)
}

// live shows an answer as the LLM writes it: as a draft with a Stop button
// in a private chat, as a message edited in place in a group. It is the
// Asker's Stream, which receives only text whose citation markers were
// checked. The citations and the formatting come with the final message.
type live struct {
	b       *Bot
	to      target
	private bool
	draftID int64
	every   time.Duration

	mu    sync.Mutex
	text  strings.Builder
	msgID int       // group: the message being edited, once sent
	hold  time.Time // no request before (Telegram's 429)

	wake chan struct{}
	quit chan struct{}
	done chan struct{}
}

func (b *Bot) newLive(to target, private bool, draftID int64) *live {
	l := &live{b: b, to: to, private: private, draftID: draftID, every: editEvery,
		wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	if private {
		l.every = draftEvery
	}
	return l
}

// Write takes text as it is written. It never blocks on Telegram.
func (l *live) Write(p []byte) (int, error) {
	l.mu.Lock()
	l.text.Write(p)
	l.mu.Unlock()
	select {
	case l.wake <- struct{}{}:
	default:
	}
	return len(p), nil
}

// written is the text received so far.
func (l *live) written() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.text.String()
}

// run shows the text as it comes, at once the first time, then at most
// once every l.every, until stop.
func (l *live) run(ctx context.Context) {
	defer close(l.done)
	// The pace is kept on the bot's clock, which tests speed up; its wait
	// ends at stop too (a request in flight does not).
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-l.quit:
			cancel()
		case <-wctx.Done():
		}
	}()
	shown := ""
	for {
		select {
		case <-l.wake:
		case <-l.quit:
			return
		case <-ctx.Done():
			return
		}
		if text := strings.TrimSpace(l.written()); text != "" && text != shown {
			if l.show(ctx, text) {
				shown = text
			}
		}
		if l.b.clock.Sleep(wctx, l.every) != nil {
			return
		}
	}
}

// stop ends run, waiting for a request in flight.
func (l *live) stop() {
	close(l.quit)
	<-l.done
}

// liveLimit keeps the text shown under Telegram's 4096 characters.
const liveLimit = maxMessage - 96

// show sends text as the draft or the group message; false if it could not.
func (l *live) show(ctx context.Context, text string) bool {
	if time.Now().Before(l.hold) {
		return false
	}
	if utf16Len(text) > liveLimit {
		// The start stays in view; the whole comes with the final message.
		r := []rune(text)
		for utf16Len(string(r)) > liveLimit {
			r = r[:len(r)*9/10]
		}
		text = string(r) + " …"
	}
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	var err error
	switch {
	case l.private:
		_, err = l.b.tg.SendMessageDraft(rctx, &tg.SendMessageDraftParams{
			ChatID: l.to.chat, MessageThreadID: l.to.thread, DraftID: strconv.FormatInt(l.draftID, 10),
			Text: text, CanStop: true,
		})
	case l.msgID == 0:
		p := &tg.SendMessageParams{ChatID: l.to.chat, MessageThreadID: l.to.thread, Text: text, LinkPreviewOptions: noPreview}
		if l.to.replyTo != 0 {
			p.ReplyParameters = &models.ReplyParameters{MessageID: l.to.replyTo, AllowSendingWithoutReply: true}
		}
		var m *models.Message
		if m, err = l.b.tg.SendMessage(rctx, p); err == nil && m != nil {
			l.mu.Lock()
			l.msgID = m.ID
			l.mu.Unlock()
		}
	default:
		_, err = l.b.tg.EditMessageText(rctx, &tg.EditMessageTextParams{ChatID: l.to.chat, MessageID: l.msgID, Text: text, LinkPreviewOptions: noPreview})
		if isNotModified(err) {
			err = nil
		}
	}
	var tooMany *tg.TooManyRequestsError
	switch {
	case errors.As(err, &tooMany):
		l.hold = time.Now().Add(time.Duration(max(tooMany.RetryAfter, 1)) * time.Second)
		l.b.log.Warn("telegram rate limit on the live answer; pausing it", "chat_id", l.to.chat, "retry_after_s", tooMany.RetryAfter)
		return false
	case err != nil:
		if ctx.Err() == nil {
			l.b.log.Debug("live answer not shown", "chat_id", l.to.chat, "err", l.b.send.redact(err))
		}
		return false
	}
	return true
}

// message is the group message shown so far, 0 for none.
func (l *live) message() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.msgID
}

// finish sends the final answer: in a group the message shown so far
// becomes its first part, the others follow; in a private chat the parts
// are sent, and the draft gives way to them.
func (b *Bot) finishLive(ctx context.Context, l *live, parts []string) ([]int, error) {
	id := 0
	if !l.private {
		id = l.message()
	}
	if id == 0 || len(parts) == 0 {
		return b.reply(ctx, l.to, parts)
	}
	if err := b.send.editText(ctx, l.to.chat, id, parts[0]); err != nil {
		b.log.Warn("could not turn the live message into the answer; sending it anew", "chat_id", l.to.chat, "err", err)
		return b.reply(ctx, l.to, parts)
	}
	rest := l.to
	rest.replyTo = 0
	ids, err := b.reply(ctx, rest, parts[1:])
	return append([]int{id}, ids...), err
}
