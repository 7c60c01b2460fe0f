// Package bot is heraldqa's Telegram bot: it answers questions about the
// archive in private chats (and in groups when addressed) with Telegram
// HTML replies that cite issue and page, limited to allowed users and
// chats, rate-limited per user, with a bounded pool of answer workers.
//
// It long-polls the Bot API through github.com/go-telegram/bot, pointed at
// any Bot API server (a self-hosted one, or a test one).
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
	// context is done (default 3s); then they are cancelled.
	ShutdownGrace time.Duration
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
			return redact(fmt.Errorf("TELEGRAM_API_URL %q is not an http(s) server address such as http://127.0.0.1:8081", c.APIURL), secretsOf(c.Token))
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
		{"ShutdownGrace", &c.ShutdownGrace, 3 * time.Second},
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
	cfg    Config
	asker  *answer.Asker
	tg     *tg.Bot
	log    *slog.Logger
	send   *sender
	access *access
	limits *limiter
	pool   *pool
	memory *memory

	// notices bounds the short replies (refusals, slow down, busy) sent at
	// once, so that many users at once cannot make the bot send without end.
	notices chan struct{}

	me      *models.User
	mention *regexp.Regexp  // @username of the bot
	workCtx context.Context // answers run in it; outlives Run's context by the grace

	mu       sync.Mutex
	stopping bool
	inflight sync.WaitGroup // handlers working on an update

	lastUpdate atomic.Int64 // highest update id taken in hand
	running    atomic.Bool
}

// New makes a bot answering with asker. It does not contact Telegram yet.
func New(cfg Config, asker *answer.Asker) (*Bot, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if asker == nil || asker.Engine == nil {
		return nil, errors.New("bot: no asker (with an engine) to answer questions")
	}
	b := &Bot{
		cfg:     cfg,
		asker:   asker,
		log:     cfg.Logger,
		access:  newAccess(cfg.AllowedUsers, cfg.AllowedChats, cfg.Public, cfg.RefuseEvery),
		limits:  newLimiter(cfg.QuestionsPerMinute),
		pool:    newPool(cfg.Workers, cfg.Queue),
		memory:  newMemory(cfg.ContextTTL),
		notices: make(chan struct{}, 8),
	}
	secrets := secretsOf(cfg.Token)
	opts := []tg.Option{
		tg.WithSkipGetMe(), // Run asks, with retries
		tg.WithHTTPClient(cfg.PollTimeout, cfg.HTTPClient),
		tg.WithAllowedUpdates(tg.AllowedUpdates{"message"}),
		// The library's own handlers log whole updates, text included.
		tg.WithDefaultHandler(b.onUpdate),
		tg.WithErrorsHandler(func(err error) {
			b.log.Warn("bot api", "err", redact(err, secrets))
		}),
		tg.WithDebugHandler(func(format string, args ...any) {
			b.log.Debug("bot api", "detail", redactString(fmt.Sprintf(format, args...), secrets))
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
		return nil, redact(fmt.Errorf("setting up the Telegram client: %w", err), secrets)
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

	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	b.workCtx = workCtx
	polled := make(chan struct{})
	go func() {
		defer close(polled)
		b.tg.Start(ctx)
	}()
	<-ctx.Done()
	<-polled // the library's requests use ctx, so it stops at once
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

// shutdown waits for the handlers in flight for the grace period, then
// cancels them and waits a moment more, and tells Telegram which updates
// were taken so that a restart does not answer them twice.
func (b *Bot) shutdown(cancelWork context.CancelFunc) {
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
		cancelWork()
		select {
		case <-done:
		case <-time.After(time.Second):
			b.log.Error("answers still in flight after cancel; leaving them")
		}
	}
	b.confirmUpdates()
	b.log.Info("bot stopped", "shutdown_ms", time.Since(start).Milliseconds())
}

// confirmUpdates acknowledges to Telegram every update taken in hand.
// Telegram forgets updates only when a later poll asks for higher ones; the
// library's next poll does that for every batch but the one that came just
// before shutdown, which would otherwise be answered again after a restart.
func (b *Bot) confirmUpdates() {
	last := b.lastUpdate.Load()
	if last == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	if err := confirmOffset(ctx, b.cfg, last+1); err != nil {
		b.log.Warn("could not confirm the last updates; they may be answered again after a restart", "err", redact(err, b.send.secrets))
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

// onUpdate is called by the library for every update, each on its own
// goroutine. It must not take the bot down, whatever the update holds.
func (b *Bot) onUpdate(_ context.Context, _ *tg.Bot, upd *models.Update) {
	if !b.enter() {
		return
	}
	defer b.inflight.Done()
	received := time.Now()
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("panic while handling an update", "update_id", upd.ID, "panic", fmt.Sprint(r))
		}
	}()
	for {
		last := b.lastUpdate.Load()
		if upd.ID <= last || b.lastUpdate.CompareAndSwap(last, upd.ID) {
			break
		}
	}
	msg := upd.Message
	if msg == nil || msg.From == nil || msg.From.IsBot || msg.Text == "" {
		b.log.Debug("update ignored", "update_id", upd.ID)
		return
	}
	b.handle(b.workCtx, upd.ID, msg, received)
}
