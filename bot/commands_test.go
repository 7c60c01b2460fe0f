package bot

import (
	"testing"

	"github.com/go-telegram/bot/models"

	"github.com/heraldqa/heraldqa/retrieve"
)

func TestParseCommand(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, name, to, arg string
		ok                  bool
	}{
		{"/start", "start", "", "", true},
		{"/ask 第40期头版讲了什么？", "ask", "", "第40期头版讲了什么？", true},
		{"/ASK@Herald_Bot  what?", "ask", "Herald_Bot", "what?", true},
		{"/issue\n2644", "issue", "", "2644", true},
		{"/ask第40期", "", "", "", false}, // Telegram ends a command at a non-word character only
		{"hello /ask", "", "", "", false},
		{"/", "", "", "", false},
	} {
		name, to, arg, ok := parseCommand(tc.text)
		if name != tc.name || to != tc.to || arg != tc.arg || ok != tc.ok {
			t.Errorf("parseCommand(%q) = %q %q %q %v, want %q %q %q %v", tc.text, name, to, arg, ok, tc.name, tc.to, tc.arg, tc.ok)
		}
	}
}

func TestRoute(t *testing.T) {
	t.Parallel()
	b := &Bot{me: &models.User{ID: botUserID, Username: "herald_test_bot"}, mention: mentionPattern("herald_test_bot")}
	private := models.Chat{ID: 1, Type: models.ChatTypePrivate}
	group := models.Chat{ID: -100, Type: models.ChatTypeSupergroup}
	fromBot := &models.Message{ID: 5, From: &models.User{ID: botUserID, IsBot: true}, Text: "答案"}
	fromUser := &models.Message{ID: 6, From: &models.User{ID: 2}, Text: "第40期头版讲了什么？"}
	for _, tc := range []struct {
		name    string
		chat    models.Chat
		text    string
		replyTo *models.Message
		want    request
		ok      bool
	}{
		{"private question", private, " 浦江论坛？ ", nil, request{cmdAsk, "浦江论坛？"}, true},
		{"private /issue", private, "/issue 2644", nil, request{cmdIssue, "2644"}, true},
		{"private unknown command", private, "/weather", nil, request{cmd: cmdUnknown}, true},
		{"private /issue_2644 (a related-reading link)", private, "/issue_2644", nil, request{cmdIssue, "2644"}, true},
		{"group /issue_2644@this bot", group, "/issue_2644@herald_test_bot", nil, request{cmdIssue, "2644"}, true},
		{"private /feedback", private, "/feedback", nil, request{cmd: cmdFeedback}, true},
		{"group talk", group, "浦江论坛？", nil, request{}, false},
		{"group mention", group, "@herald_test_bot 浦江论坛？", nil, request{cmdAsk, "浦江论坛？"}, true},
		{"group mention of a longer name", group, "@herald_test_bot_2 浦江论坛？", nil, request{}, false},
		{"group reply to the bot", group, "那第41期呢？", fromBot, request{cmdAsk, "那第41期呢？"}, true},
		{"group reply to a user", group, "那第41期呢？", fromUser, request{}, false},
		{"group /ask", group, "/ask 浦江论坛？", nil, request{cmdAsk, "浦江论坛？"}, true},
		{"group /ask in reply to a question", group, "/ask", fromUser, request{cmdAsk, "第40期头版讲了什么？"}, true},
		{"group /ask@other", group, "/ask@other_bot 浦江论坛？", nil, request{}, false},
		{"group /start", group, "/start", nil, request{cmd: cmdStart}, true},
		{"group unknown command", group, "/weather", nil, request{}, false},
		{"group unknown command for this bot", group, "/weather@herald_test_bot", nil, request{cmd: cmdUnknown}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := &models.Message{ID: 9, Chat: tc.chat, From: &models.User{ID: 3}, Text: tc.text, ReplyToMessage: tc.replyTo}
			got, ok := b.route(msg)
			if got != tc.want || ok != tc.ok {
				t.Errorf("route(%q) = %+v %v, want %+v %v", tc.text, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParseIssueRef(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		arg  string
		want issueRef
		ok   bool
	}{
		{"2644", issueRef{total: 2644}, true},
		{"#2644", issueRef{total: 2644}, true},
		{"２６４４", issueRef{total: 2644}, true},
		{"40", issueRef{issue: 40}, true},
		{"第40期", issueRef{issue: 40}, true},
		{"第四十期", issueRef{issue: 40}, true},
		{"总第2644期", issueRef{total: 2644}, true},
		{"2644期", issueRef{total: 2644}, true},
		{"2025-11-03", issueRef{year: 2025, month: 11, day: 3}, true},
		{"2025年11月3日", issueRef{year: 2025, month: 11, day: 3}, true},
		{"0", issueRef{}, false},
		{"浦江", issueRef{}, false},
		{"", issueRef{}, false},
	} {
		got, ok := parseIssueRef(tc.arg)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseIssueRef(%q) = %+v %v, want %+v %v", tc.arg, got, ok, tc.want, tc.ok)
		}
	}
}

func TestLangOf(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, code string
		want       retrieve.Lang
	}{
		{"2025浦江创新论坛的主宾国是哪个国家？", "en", retrieve.Simplified},
		{"2025浦江創新論壇的主賓國是哪個國家？", "", retrieve.Traditional},
		{"/start", "en", retrieve.English},
		{"/start", "en-US", retrieve.English},
		{"/start", "zh-hant", retrieve.Traditional},
		{"/start", "zh-TW", retrieve.Traditional},
		{"/start", "zh-hans", retrieve.Simplified},
		{"/start", "", retrieve.Simplified},
		{"/start", "de", retrieve.English},
	} {
		if got := langOf(tc.text, tc.code); got != tc.want {
			t.Errorf("langOf(%q, %q) = %s, want %s", tc.text, tc.code, got, tc.want)
		}
	}
}
