package bot

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	tg "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/heraldqa/heraldqa/retrieve"
)

// Commands the bot knows. cmdUnknown is a command addressed to the bot
// that it does not know.
const (
	cmdAsk      = "ask"
	cmdStart    = "start"
	cmdHelp     = "help"
	cmdIssue    = "issue"
	cmdSources  = "sources"
	cmdFeedback = "feedback"
	cmdUnknown  = "?"
)

// commandSets are the menus registered with setMyCommands: Chinese for
// everyone, English for users whose Telegram is in English. (The Bot API
// takes two-letter language codes, so Traditional gets the default.)
func commandSets() []*tg.SetMyCommandsParams {
	return []*tg.SetMyCommandsParams{
		{Commands: []models.BotCommand{
			{Command: cmdAsk, Description: "提问，例如 /ask 第40期头版讲了什么"},
			{Command: cmdIssue, Description: "某一期的日期、头版和导读，例如 /issue 2644"},
			{Command: cmdSources, Description: "上一个回答的全部出处"},
			{Command: cmdFeedback, Description: "用 👍/👎 评价回答，帮我们改进"},
			{Command: cmdHelp, Description: "这个机器人能做什么"},
		}},
		{LanguageCode: "en", Commands: []models.BotCommand{
			{Command: cmdAsk, Description: "Ask a question, e.g. /ask What was on the front page of issue 40?"},
			{Command: cmdIssue, Description: "An issue's date, front page and contents, e.g. /issue 2644"},
			{Command: cmdSources, Description: "Every source of the last answer"},
			{Command: cmdFeedback, Description: "Rate answers with 👍/👎 to improve them"},
			{Command: cmdHelp, Description: "What this bot does"},
		}},
	}
}

// request is what a message asks of the bot.
type request struct {
	cmd string
	arg string // the question, or the command's argument
}

var reCommand = regexp.MustCompile(`^/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?:\s+|$)`)

// parseCommand reads "/name@bot argument" at the start of text.
func parseCommand(text string) (name, to, arg string, ok bool) {
	m := reCommand.FindStringSubmatchIndex(text)
	if m == nil {
		return "", "", "", false
	}
	name = strings.ToLower(text[m[2]:m[3]])
	if m[4] >= 0 {
		to = text[m[4]:m[5]]
	}
	return name, to, strings.TrimSpace(text[m[1]:]), true
}

// route says what a message asks of the bot, and whether it is for the bot
// at all. In a private chat every message is; in a group only commands
// for it, messages that mention it, and replies to it are.
func (b *Bot) route(msg *models.Message) (request, bool) {
	text := strings.TrimSpace(msg.Text)
	private := msg.Chat.Type == models.ChatTypePrivate
	if name, to, arg, ok := parseCommand(text); ok {
		if to != "" && !strings.EqualFold(to, b.me.Username) {
			return request{}, false // another bot's command
		}
		if n, ok := strings.CutPrefix(name, cmdIssue+"_"); ok && arg == "" {
			// /issue_2644: the form a related-reading link takes, since a
			// tappable command cannot carry an argument.
			name, arg = cmdIssue, n
		}
		switch name {
		case cmdStart, cmdHelp, cmdIssue, cmdSources, cmdFeedback:
			return request{cmd: name, arg: arg}, true
		case cmdAsk:
			// /ask in reply to someone's message asks that message.
			if r := msg.ReplyToMessage; arg == "" && r != nil && r.Text != "" && (r.From == nil || r.From.ID != b.me.ID) {
				arg = strings.TrimSpace(r.Text)
			}
			return request{cmd: cmdAsk, arg: arg}, true
		}
		if private || to != "" {
			return request{cmd: cmdUnknown}, true
		}
		return request{}, false // a command for some other bot of the group
	}
	if private {
		return request{cmd: cmdAsk, arg: text}, true
	}
	question, mentioned := stripMention(text, b.mention)
	repliedTo := msg.ReplyToMessage != nil && msg.ReplyToMessage.From != nil && msg.ReplyToMessage.From.ID == b.me.ID
	if mentioned || repliedTo {
		return request{cmd: cmdAsk, arg: question}, true
	}
	return request{}, false
}

// mentionPattern matches @username in any case, as a whole word.
func mentionPattern(username string) *regexp.Regexp {
	if username == "" {
		return nil
	}
	return regexp.MustCompile(`(?i)@` + regexp.QuoteMeta(username) + `\b`)
}

// stripMention removes every mention re matches from text and reports
// whether there was one.
func stripMention(text string, re *regexp.Regexp) (string, bool) {
	if re == nil || !re.MatchString(text) {
		return text, false
	}
	return strings.TrimSpace(re.ReplaceAllString(text, " ")), true
}

// handle serves one message: routing, access, rate limit, then the
// request. It runs on the library's goroutine for the update.
func (b *Bot) handle(ctx context.Context, updateID int64, msg *models.Message, received time.Time) {
	req, ok := b.route(msg)
	if !ok {
		b.log.Debug("message not for the bot", "update_id", updateID, "chat_id", msg.Chat.ID)
		return
	}
	user, chat := msg.From.ID, msg.Chat.ID
	lang := langOf(req.arg, msg.From.LanguageCode)
	t := textsFor(lang)
	log := b.log.With("update_id", updateID, "chat_id", chat, "user_id", user, "cmd", req.cmd)
	if b.log.Enabled(ctx, slog.LevelDebug) { // text is logged only then
		log.Debug("message", "text", msg.Text)
	}
	if !b.access.allows(user, chat) {
		if b.access.shouldRefuse(chat) {
			b.notice(ctx, msg, t.refused)
			log.Info("outsider refused")
		} else {
			log.Info("outsider ignored (refused recently)")
		}
		return
	}
	switch v, wait := b.limits.check(user); v {
	case slowDown:
		b.notice(ctx, msg, fmt.Sprintf(t.slowDown, int(wait/time.Second)))
		log.Info("rate limited; told when to ask again", "wait_s", int(wait/time.Second))
		return
	case drop:
		log.Debug("rate limited")
		return
	}
	if n := utf8.RuneCountInString(req.arg); n > b.cfg.MaxQuestionLen {
		b.notice(ctx, msg, fmt.Sprintf(t.tooLong, b.cfg.MaxQuestionLen))
		log.Info("question too long", "runes", n)
		return
	}
	key := convKey{chat: chat, user: user}
	var parts []string
	switch req.cmd {
	case cmdAsk:
		if req.arg == "" {
			parts = []string{t.askWhat}
			break
		}
		b.question(ctx, msg, req.arg, lang, log, received)
		return
	case cmdStart, cmdHelp:
		parts = []string{t.help}
	case cmdFeedback:
		parts = []string{t.feedback}
	case cmdIssue:
		parts = b.issueReply(req.arg, t, lang)
	case cmdSources:
		last, ok := b.memory.last(key)
		if !ok {
			parts = []string{t.noSources}
		} else {
			parts = renderSources(last, textsFor(retrieve.Lang(last.answer.Lang)))
		}
	default:
		parts = []string{t.unknown}
	}
	ids, err := b.reply(ctx, targetOf(msg), parts)
	if err != nil {
		log.Error("reply failed", "parts_sent", len(ids), "err", err)
		return
	}
	log.Info("replied", "parts", len(ids), "ms", time.Since(received).Milliseconds())
}

// notice sends a short reply of the bot's own (a refusal, slow down,
// busy). If many are being sent at once it is skipped: these replies must
// not become a way to make the bot flood Telegram.
func (b *Bot) notice(ctx context.Context, msg *models.Message, html string) {
	select {
	case b.notices <- struct{}{}:
		defer func() { <-b.notices }()
	default:
		b.log.Warn("notice skipped: too many being sent", "chat_id", msg.Chat.ID)
		return
	}
	if _, err := b.reply(ctx, targetOf(msg), []string{html}); err != nil {
		b.log.Error("notice failed", "chat_id", msg.Chat.ID, "err", err)
	}
}
