// Package bot is heraldqa's Telegram bot: it answers questions about the
// archive in private chats (and in groups when addressed) with Telegram
// HTML replies that cite issue and page, limited to allowed users and
// chats, rate-limited per user, with a bounded pool of answer workers. LLM
// answers are shown as they are written (a draft with a Stop button, or a
// message edited in place); readers' 👍/👎 become fixture drafts; inline
// queries get an article result.
//
// It long-polls the Bot API itself (poll.go: an update is confirmed only
// once its reply was handed over) and sends through
// github.com/go-telegram/bot, pointed at any Bot API server (a self-hosted
// one, or a test one).
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/heraldqa/heraldqa/ingest/httpretry"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// Config is the bot's settings. Zero limits take the defaults below.
type Config struct {
	// Token is the bot's token from @BotFather. It is a secret: it never
	// appears in a log line or an error.
	Token string
	// APIURL is the Bot API server, e.g. a self-hosted telegram-bot-api or
	// a test server; https://api.telegram.org when empty.
	APIURL string

	// AllowedUsers may ask anywhere; anyone may ask in AllowedChats.
	AllowedUsers []int64
	AllowedChats []int64
	// Public lets anyone ask. It applies only when both lists are empty;
	// with both empty and Public false, New refuses to make a bot.
	Public bool

	// QuestionsPerMinute is how many requests a user may make a minute,
	// all at once if they like (default 5).
	QuestionsPerMinute int
	// MaxQuestionLen is the longest question taken, in characters (default 500).
	MaxQuestionLen int
	// Workers is how many answers are worked on at once (default 4), and
	// Queue how many questions may wait for a worker (default 32); past
	// that the bot says it is busy.
	Workers int
	Queue   int
	// AnswerTimeout bounds one answer, LLM included (default 2m).
	AnswerTimeout time.Duration
	// ShutdownGrace is how long answers in flight may finish once Run's
	// context is done (default 10s). Then they are cancelled, and each
	// question still unanswered gets its extractive answer, or a line
	// asking to send it again; one that cannot even get that is left
	// unconfirmed, so that Telegram hands it to the next run.
	ShutdownGrace time.Duration
	// MaxParts is the most messages one answer is sent in (default 3); a
	// longer answer is cut, and says so.
	MaxParts int
	// StateDir is the folder (the store's) where the bot keeps the updates
	// it answered that Telegram may not know of yet, and the readers'
	// feedback. Empty: kept in memory only, and feedback is not recorded.
	StateDir string
	// RefuseEvery is how often an outsider's chat is told it may not ask
	// (default 1h); other messages from it are ignored.
	RefuseEvery time.Duration
	// ContextTTL is how long a conversation's last question is kept for
	// follow-ups and /sources (default 30m).
	ContextTTL time.Duration

	// PollTimeout is the long poll's length (default 30s).
	PollTimeout time.Duration
	// HTTPClient makes the Bot API requests; its Timeout, if any, must be
	// longer than PollTimeout. Default: one with PollTimeout+10s.
	HTTPClient *http.Client
	// Logger receives ids, timings and errors; message text only at debug
	// level. Default: slog.Default().
	Logger *slog.Logger
}

// requestTimeout bounds one Bot API request other than the long poll.
const requestTimeout = 20 * time.Second

var reToken = regexp.MustCompile(`^[0-9]+:[A-Za-z0-9_-]+$`)

// Validate checks the settings and fills in the defaults.
func (c *Config) Validate() error {
	if strings.TrimSpace(c.Token) == "" {
		return errors.New("no bot token: set TELEGRAM_BOT_TOKEN to the token @BotFather gave you")
	}
	if !reToken.MatchString(c.Token) {
		return errors.New("TELEGRAM_BOT_TOKEN is malformed: want the form 123456789:AAE… that @BotFather gives")
	}
	if c.APIURL != "" {
		u, err := url.Parse(c.APIURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return tokenRedactor(c.Token).Error(fmt.Errorf("TELEGRAM_API_URL %q is not an http(s) server address such as http://127.0.0.1:8081", c.APIURL))
		}
		c.APIURL = strings.TrimRight(c.APIURL, "/")
	}
	if len(c.AllowedUsers) == 0 && len(c.AllowedChats) == 0 && !c.Public {
		return errors.New("no one may ask the bot: set TELEGRAM_ALLOWED_USERS or TELEGRAM_ALLOWED_CHATS (comma-separated ids), or TELEGRAM_PUBLIC=true to let anyone ask")
	}
	ints := []struct {
		name string
		v    *int
		def  int
	}{
		{"QuestionsPerMinute", &c.QuestionsPerMinute, 5},
		{"MaxQuestionLen", &c.MaxQuestionLen, 500},
		{"Workers", &c.Workers, 4},
		{"Queue", &c.Queue, 32},
		{"MaxParts", &c.MaxParts, 3},
	}
	for _, f := range ints {
		if *f.v < 0 {
			return fmt.Errorf("bot setting %s is negative (%d)", f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	durations := []struct {
		name string
		v    *time.Duration
		def  time.Duration
	}{
		{"AnswerTimeout", &c.AnswerTimeout, 2 * time.Minute},
		{"ShutdownGrace", &c.ShutdownGrace, 10 * time.Second},
		{"RefuseEvery", &c.RefuseEvery, time.Hour},
		{"ContextTTL", &c.ContextTTL, 30 * time.Minute},
		{"PollTimeout", &c.PollTimeout, 30 * time.Second},
	}
	for _, f := range durations {
		if *f.v < 0 {
			return fmt.Errorf("bot setting %s is negative (%s)", f.name, *f.v)
		}
		if *f.v == 0 {
			*f.v = f.def
		}
	}
	// The library asks Telegram to hold a poll for PollTimeout-1s.
	c.PollTimeout = max(c.PollTimeout, 2*time.Second)
	switch {
	case c.HTTPClient == nil:
		c.HTTPClient = &http.Client{Timeout: c.PollTimeout + 10*time.Second}
	case c.HTTPClient.Timeout != 0 && c.HTTPClient.Timeout <= c.PollTimeout:
		return fmt.Errorf("the HTTP client's timeout (%s) must be longer than the long poll (%s)", c.HTTPClient.Timeout, c.PollTimeout)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return nil
}

// Bot is a running Telegram bot. Make one with New and start it with Run.
type Bot struct {
	cfg     Config
	asker   *answer.Asker
	tg      *tg.Bot
	log     *slog.Logger
	send    *sender
	access  *access
	limits  *limiter
	inline  *limiter // inline queries come as the user types: a looser bucket
	pool    *pool
	memory  *memory
	ledger  *ledger
	gens    *generations
	replies *replies
	fb      *feedbackLog
	// clock paces the live answer; tests speed it up.
	clock httpretry.Clock

	// notices bounds the short replies (refusals, slow down, busy) sent at
	// once, so that many users at once cannot make the bot send without end.
	notices chan struct{}

	me      *models.User
	mention *regexp.Regexp  // @username of the bot
	workCtx context.Context // answers run in it; outlives Run's context by the grace

	mu       sync.Mutex
	stopping bool
	inflight sync.WaitGroup // handlers working on an update

	running atomic.Bool
}

// errShutdown is the cause of the work context's end when the grace is over.
var errShutdown = errors.New("the bot is shutting down")

// New makes a bot answering with asker. It does not contact Telegram yet.
func New(cfg Config, asker *answer.Asker) (*Bot, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if asker == nil || asker.Engine == nil {
		return nil, errors.New("bot: no asker (with an engine) to answer questions")
	}
	led, err := newLedger(cfg.StateDir)
	if err != nil {
		return nil, err
	}
	b := &Bot{
		cfg:     cfg,
		asker:   asker,
		log:     cfg.Logger,
		access:  newAccess(cfg.AllowedUsers, cfg.AllowedChats, cfg.Public, cfg.RefuseEvery),
		limits:  newLimiter(cfg.QuestionsPerMinute),
		inline:  newLimiter(inlinePerQuestion * cfg.QuestionsPerMinute),
		pool:    newPool(cfg.Workers, cfg.Queue),
		memory:  newMemory(cfg.ContextTTL),
		ledger:  led,
		gens:    newGenerations(),
		replies: newReplies(),
		fb:      newFeedbackLog(cfg.StateDir),
		notices: make(chan struct{}, 8),
		workCtx: context.Background(),
		clock:   httpretry.System,
	}
	red := tokenRedactor(cfg.Token)
	opts := []tg.Option{
		tg.WithSkipGetMe(), // Run asks, with retries
		// Observed, so that the sender sees each answer's HTTP status.
		tg.WithHTTPClient(cfg.PollTimeout, httpretry.Observe(cfg.HTTPClient)),
		// The library's own handlers log whole updates, text included; the
		// bot polls itself (poll.go), so none is called.
		tg.WithDefaultHandler(func(context.Context, *tg.Bot, *models.Update) {}),
		tg.WithErrorsHandler(func(err error) {
			b.log.Warn("bot api", "err", red.Error(err))
		}),
		tg.WithDebugHandler(func(format string, args ...any) {
			b.log.Debug("bot api", "detail", red.String(fmt.Sprintf(format, args...)))
		}),
	}
	if cfg.APIURL != "" {
		opts = append(opts, tg.WithServerURL(cfg.APIURL))
	}
	if b.log.Enabled(context.Background(), slog.LevelDebug) {
		opts = append(opts, tg.WithDebug())
	}
	t, err := tg.New(cfg.Token, opts...)
	if err != nil {
		return nil, red.Error(fmt.Errorf("setting up the Telegram client: %w", err))
	}
	b.tg = t
	b.send = newSender(t, cfg.Token, b.log)
	return b, nil
}

// Run polls Telegram for messages and answers them until ctx is done. Then
// it stops taking messages, gives the answers in flight ShutdownGrace to
// finish, and returns nil. It returns an error if Telegram cannot be
// reached or rejects the token at the start.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("bot: Run called twice")
	}
	var me *models.User
	err := b.send.call(ctx, "getMe", func(ctx context.Context) error {
		u, err := b.tg.GetMe(ctx)
		me = u
		return err
	})
	switch {
	case ctx.Err() != nil:
		return nil
	case errors.Is(err, tg.ErrorUnauthorized) || errors.Is(err, tg.ErrorNotFound):
		return errors.New("the Bot API server rejected the token: check TELEGRAM_BOT_TOKEN")
	case err != nil:
		return fmt.Errorf("reaching the Bot API: %w", err)
	}
	b.me = me
	b.mention = mentionPattern(me.Username)
	b.log.Info("bot connected", "bot_id", me.ID, "username", me.Username)
	b.setUp(ctx)

	workCtx, cancelWork := context.WithCancelCause(context.WithoutCancel(ctx))
	defer cancelWork(nil)
	b.workCtx = workCtx
	b.poll(ctx)
	b.shutdown(cancelWork)
	return nil
}

// setUp prepares the bot for long polling and shows its commands in
// Telegram's menu. Failures are logged: the bot still answers without them.
func (b *Bot) setUp(ctx context.Context) {
	// A webhook, if one was set, would make every poll fail with 409.
	err := b.send.call(ctx, "deleteWebhook", func(ctx context.Context) error {
		_, err := b.tg.DeleteWebhook(ctx, &tg.DeleteWebhookParams{})
		return err
	})
	if err != nil {
		b.log.Error("could not delete the webhook; polling may fail", "err", err)
	}
	for _, set := range commandSets() {
		err := b.send.call(ctx, "setMyCommands", func(ctx context.Context) error {
			_, err := b.tg.SetMyCommands(ctx, set)
			return err
		})
		if err != nil {
			b.log.Error("could not register the commands menu", "language", set.LanguageCode, "err", err)
		}
	}
}

// finalSendTimeout bounds the last try, after the grace, to send an
// unfinished question its extractive answer or an apology.
const finalSendTimeout = 2 * time.Second

// shutdown waits for the handlers in flight for the grace period, then
// cancels them (each then sends what it can, within finalSendTimeout) and
// tells Telegram which updates were handled, so that a restart answers
// each question once: those handled are not answered again, those not
// handled are.
func (b *Bot) shutdown(cancelWork context.CancelCauseFunc) {
	b.mu.Lock()
	b.stopping = true
	b.mu.Unlock()
	start := time.Now()
	done := make(chan struct{})
	go func() {
		b.inflight.Wait()
		close(done)
	}()
	grace := time.NewTimer(b.cfg.ShutdownGrace)
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
		b.log.Warn("shutdown grace over; cancelling answers in flight")
		cancelWork(errShutdown)
		select {
		case <-done:
		case <-time.After(finalSendTimeout + time.Second):
			b.log.Error("answers still in flight after cancel; leaving them unconfirmed")
		}
	}
	b.confirmUpdates()
	b.log.Info("bot stopped", "shutdown_ms", time.Since(start).Milliseconds())
}

// confirmUpdates tells Telegram the updates handled (up to the first one
// not handled), and writes down those above it that were handled anyway.
func (b *Bot) confirmUpdates() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := b.confirmOffset(ctx, b.ledger.offset()); err != nil {
		b.log.Warn("could not confirm the last updates; the answered record keeps them from being answered twice", "err", b.send.redact(err))
	}
	if err := b.ledger.close(); err != nil {
		b.log.Error("bot ledger", "err", err)
	}
}

// enter registers a handler at work, unless the bot is stopping.
func (b *Bot) enter() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.stopping {
		return false
	}
	b.inflight.Add(1)
	return true
}

func (b *Bot) isStopping() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stopping
}

// delivery is what became of one update's reply.
type delivery struct {
	unsent bool // nothing could be sent while stopping: leave it unconfirmed
}

type deliveryKey struct{}

// markUnsent notes that ctx's update got no reply and must stay unconfirmed.
func markUnsent(ctx context.Context) {
	if d, ok := ctx.Value(deliveryKey{}).(*delivery); ok {
		d.unsent = true
	}
}

// dispatch handles one update on its own goroutine. The caller has
// entered it (enter).
func (b *Bot) dispatch(upd *models.Update) {
	go func() {
		defer b.inflight.Done()
		b.onUpdate(upd)
	}()
}

// onUpdate handles one update. It must not take the bot down, whatever the
// update holds. The update is settled (to be confirmed) when it returns,
// unless its reply could not be sent while stopping.
func (b *Bot) onUpdate(upd *models.Update) {
	received := time.Now()
	d := &delivery{}
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("panic while handling an update", "update_id", upd.ID, "panic", fmt.Sprint(r))
		}
		if d.unsent {
			b.log.Warn("no reply could be sent; the update is left for the next run", "update_id", upd.ID)
			return
		}
		if err := b.ledger.settle(upd.ID); err != nil {
			b.log.Error("bot ledger", "err", err)
		}
	}()
	ctx := context.WithValue(b.workCtx, deliveryKey{}, d)
	switch {
	case upd.Message != nil:
		msg := upd.Message
		if msg.From == nil || msg.From.IsBot || msg.Text == "" {
			b.log.Debug("update ignored", "update_id", upd.ID)
			return
		}
		b.handle(ctx, upd.ID, msg, received)
	case upd.StoppedMessageGeneration != nil:
		b.onStopPressed(upd.ID, upd.StoppedMessageGeneration)
	case upd.MessageReaction != nil:
		b.onReaction(upd.ID, upd.MessageReaction)
	case upd.InlineQuery != nil:
		b.onInlineQuery(ctx, upd.ID, upd.InlineQuery)
	default:
		b.log.Debug("update ignored", "update_id", upd.ID)
	}
}
