package bot

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/go-telegram/bot/models"

	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

const (
	puJiang     = "2025浦江创新论坛的主宾国是哪个国家？"
	puJiangHant = "2025浦江創新論壇的主賓國是哪個國家？"
	frontPage40 = "第40期头版讲了什么？"
)

// checkHTML asserts that a message was sent as HTML that Telegram accepts
// and fits its length limit, and returns the text the user sees.
func checkHTML(t *testing.T, m sentMessage) string {
	t.Helper()
	if m.ParseMode != "HTML" {
		t.Errorf("parse_mode = %q, want HTML", m.ParseMode)
	}
	plain, err := checkTelegramHTML(m.Text)
	if err != nil {
		t.Fatalf("Telegram would reject the HTML: %v\n%s", err, m.Text)
	}
	if n := len(utf16.Encode([]rune(plain))); n > 4096 {
		t.Errorf("message is %d UTF-16 units long, over Telegram's 4096", n)
	}
	return plain
}

var reCitationLine = regexp.MustCompile(`(?m)^\[(\d+)\] (.+)$`)

// citedAs finds the citation line holding every one of wants and checks
// that the answer above the citations carries its [n] marker.
func citedAs(t *testing.T, plain string, wants ...string) {
	t.Helper()
	body, _, _ := strings.Cut(plain, "\n\n[")
	for _, m := range reCitationLine.FindAllStringSubmatch(plain, -1) {
		all := true
		for _, w := range wants {
			all = all && strings.Contains(m[2], w)
		}
		if all {
			if !strings.Contains(body, "["+m[1]+"]") {
				t.Errorf("citation [%s] %s is listed but the answer carries no [%s] marker:\n%s", m[1], m[2], m[1], plain)
			}
			return
		}
	}
	t.Errorf("no citation line with %q in:\n%s", wants, plain)
}

func TestStartHelpAndMenu(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	id := r.f.send(alice, "/start")
	m := r.f.waitReply(t, alice.ID, id)
	plain := checkHTML(t, m)
	for _, want := range []string{"中国高新技术产业导报", puJiang, frontPage40, "/issue 2644", "/sources", "/ask"} {
		if !strings.Contains(plain, want) {
			t.Errorf("/start reply lacks %q:\n%s", want, plain)
		}
	}
	if plain := checkHTML(t, r.ask(t, alice, "/feedback")); !strings.Contains(plain, "👎") || !strings.Contains(plain, "测试用例") {
		t.Errorf("/feedback does not say how reactions are used:\n%s", plain)
	}
	m = r.ask(t, carol, "/help")
	if plain := checkHTML(t, m); !strings.Contains(plain, "China High-Tech Industry Herald") || !strings.Contains(plain, puJiang) {
		t.Errorf("/help for an English user:\n%s", plain)
	}

	if n := r.f.callCount("deleteWebhook"); n != 1 {
		t.Errorf("deleteWebhook called %d times, want 1 (polling fails while a webhook is set)", n)
	}
	r.f.mu.Lock()
	sets := slices.Clone(r.f.commands)
	r.f.mu.Unlock()
	var langs []string
	for _, set := range sets {
		langs = append(langs, set.Language)
		var names []string
		for _, c := range set.Commands {
			names = append(names, c.Command)
			if c.Description == "" {
				t.Errorf("command %s has no description", c.Command)
			}
		}
		for _, want := range []string{"ask", "issue", "sources", "help"} {
			if !slices.Contains(names, want) {
				t.Errorf("menu (language %q) lacks /%s: %v", set.Language, want, names)
			}
		}
	}
	if !slices.Equal(langs, []string{"", "en"}) {
		t.Errorf("menus registered for languages %q, want the default and en", langs)
	}
	r.f.mu.Lock()
	allowed := slices.Clone(r.f.allowed)
	r.f.mu.Unlock()
	for _, want := range []string{"message", "message_reaction", "inline_query", "stopped_message_generation"} {
		if !slices.Contains(allowed, want) {
			t.Errorf("the bot does not ask for %s updates (allowed_updates %q)", want, allowed)
		}
	}
}

func TestQuestionAnsweredWithCitation(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	for _, tc := range []struct {
		name, question string
		asker          user
	}{
		{"simplified", puJiang, alice},
		{"traditional", puJiangHant, bob},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := r.f.send(tc.asker, tc.question)
			m := r.f.waitReply(t, tc.asker.ID, id)
			plain := checkHTML(t, m)
			if !strings.Contains(plain, "白俄罗斯") && !strings.Contains(plain, "白俄羅斯") {
				t.Errorf("answer does not name 白俄罗斯:\n%s", plain)
			}
			citedAs(t, plain, "总第2640期", "第1版")
			var typed bool
			r.f.mu.Lock()
			for _, a := range r.f.actions {
				typed = typed || a.ChatID == tc.asker.ID && a.Action == "typing" && !a.At.After(m.At)
			}
			r.f.mu.Unlock()
			if !typed {
				t.Error("no typing indicator before the answer")
			}
		})
	}
}

func TestFollowUpUsesPreviousQuestion(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	plain := checkHTML(t, r.ask(t, alice, frontPage40))
	if !strings.Contains(plain, "国家高新区高质量一体化发展提速") {
		t.Fatalf("front page of issue 40:\n%s", plain)
	}
	plain = checkHTML(t, r.ask(t, alice, "那第41期呢？"))
	if !strings.Contains(plain, "首届火炬论坛在河北雄安新区举办") {
		t.Errorf("the follow-up did not get issue 41's front page:\n%s", plain)
	}
	citedAs(t, plain, "总第2645期", "第1版")

	// Another user's follow-up has no previous question to lean on.
	plain = checkHTML(t, r.ask(t, bob, "那第41期呢？"))
	if strings.Contains(plain, "首届火炬论坛在河北雄安新区举办") {
		t.Errorf("bob's follow-up borrowed alice's question:\n%s", plain)
	}
}

func TestIssueCommand(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	issue40 := []string{"2025年11月3日", "星期一", "第40期(总第2644期)", "今日24版", "头版",
		"国家高新区高质量一体化发展提速", "本期导读", "第2版 金融赋能科技服务业正当其时", "第23版 AI全面赋能汽车变身具身智能体"}
	for _, tc := range []struct {
		arg    string
		want   []string
		reject []string
	}{
		{"2644", issue40, []string{"第41期"}},
		{"第40期", issue40, []string{"第41期"}},
		{"总第2644期", issue40, nil},
		{"2025-11-03", issue40, nil},
		{"2640", []string{"2025年9月29日", "第36期(总第2640期)", "2025 浦江创新论坛:共建全球科技共同体", "第3版 IASP 2025年世界大会"}, nil},
		{"9999", []string{"没有找到"}, []string{"第40期"}},
		{"", []string{"用法", "第43期(总第2647期)", "第40期(总第2644期)"}, nil},
	} {
		t.Run(tc.arg, func(t *testing.T) {
			plain := checkHTML(t, r.ask(t, alice, strings.TrimSpace("/issue "+tc.arg)))
			for _, w := range tc.want {
				if !strings.Contains(plain, w) {
					t.Errorf("/issue %s lacks %q:\n%s", tc.arg, w, plain)
				}
			}
			for _, w := range tc.reject {
				if strings.Contains(plain, w) {
					t.Errorf("/issue %s shows %q:\n%s", tc.arg, w, plain)
				}
			}
		})
	}
}

// replyParts waits for the reply to msgID and the parts sent after it,
// until the bot has been quiet for a moment.
func replyParts(t *testing.T, f *fakeAPI, chat int64, msgID int) []sentMessage {
	t.Helper()
	first := f.waitReply(t, chat, msgID)
	var parts []sentMessage
	for n := -1; n != len(parts); {
		n = len(parts)
		time.Sleep(300 * time.Millisecond)
		parts = parts[:0]
		for _, m := range f.sentTo(chat) {
			if m.MessageID >= first.MessageID {
				parts = append(parts, m)
			}
		}
	}
	return parts
}

func TestSourcesListsLastAnswerAcrossParts(t *testing.T) {
	t.Parallel()
	// K=20 retrieves every article of the sample: more text than one message holds.
	r := startBotWithAsker(t, nil, &answer.Asker{Engine: sample, K: 20})
	checkHTML(t, r.ask(t, alice, puJiang))
	id := r.f.send(alice, "/sources")
	parts := replyParts(t, r.f, alice.ID, id)
	if len(parts) < 2 {
		t.Fatalf("/sources of 20 articles came in %d message(s); want it split", len(parts))
	}
	if parts[0].ReplyTo != id {
		t.Errorf("the first part does not quote /sources")
	}
	var all strings.Builder
	for _, p := range parts {
		all.WriteString(checkHTML(t, p))
	}
	t.Logf("%d parts:\n%s", len(parts), all.String())
	for _, want := range []string{puJiang, "总第2640期", "第1版", "白俄罗斯", "首届火炬论坛在河北雄安新区举办"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("/sources lacks %q", want)
		}
	}
}

func TestSourcesEscapesTheQuestion(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	q := `<b>x</b> & "y" 2025浦江创新论坛的主宾国是哪个国家？`
	checkHTML(t, r.ask(t, alice, q))
	plain := checkHTML(t, r.ask(t, alice, "/sources"))
	if !strings.Contains(plain, q) {
		t.Errorf("/sources does not show the question as typed:\n%s", plain)
	}
}

func TestGroupMessages(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	dave := user{ID: 4004, Name: "Dave"} // on no list, but in an allowed group
	bots := r.f.send(dave, "/ask "+puJiang, inGroup(allowedGroup))
	botReply := r.f.waitReply(t, allowedGroup, bots)
	for _, tc := range []struct {
		name     string
		text     string
		opts     []msgOpt
		answered bool
	}{
		{"plain message", puJiang, nil, false},
		{"mention", "@herald_test_bot " + puJiang, nil, true},
		{"mention in other case, at the end", puJiang + " @Herald_Test_Bot", nil, true},
		{"another bot mentioned", "@herald_test_bot2 " + puJiang, nil, false},
		{"/ask", "/ask " + puJiang, nil, true},
		{"/ask@this bot", "/ask@herald_test_bot " + puJiang, nil, true},
		{"/ask@another bot", "/ask@other_bot " + puJiang, nil, false},
		{"unknown command", "/weather", nil, false},
		{"reply to the bot", puJiang, []msgOpt{replyingTo(botReply)}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := r.f.send(dave, tc.text, append([]msgOpt{inGroup(allowedGroup)}, tc.opts...)...)
			if !tc.answered {
				r.f.waitTaken(t, id)
				if got := r.f.repliesTo(allowedGroup, id); len(got) > 0 {
					t.Errorf("the bot answered a message not meant for it: %q", got[0].Text)
				}
				return
			}
			plain := checkHTML(t, r.f.waitReply(t, allowedGroup, id))
			if !strings.Contains(plain, "白俄罗斯") {
				t.Errorf("no answer:\n%s", plain)
			}
		})
	}
}

// archiveWords are bits of the archive a refusal must not reveal.
var archiveWords = []string{"白俄罗斯", "浦江", "总第", "第1版", "《", "高新区"}

func TestOutsiderRefusedOnce(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	id := r.f.send(eve, puJiang)
	plain := checkHTML(t, r.f.waitReply(t, eve.ID, id))
	if !strings.Contains(plain, "抱歉") {
		t.Errorf("refusal = %q, want a polite one", plain)
	}
	for _, w := range archiveWords {
		if strings.Contains(plain, w) {
			t.Errorf("refusal reveals %q: %s", w, plain)
		}
	}
	for _, text := range []string{"/start", frontPage40, "/issue 2644", "/sources"} {
		r.f.waitTaken(t, r.f.send(eve, text))
	}
	if got := r.f.sentTo(eve.ID); len(got) != 1 {
		t.Errorf("the outsider got %d messages, want the one refusal", len(got))
	}
	if logs := r.logs.String(); !strings.Contains(logs, "user_id=6666") || !strings.Contains(logs, "outsider refused") {
		t.Errorf("the refusal is not logged by id:\n%s", logs)
	}

	// In a group not on the list, a question to the bot is refused once;
	// the group's other talk is ignored.
	const strangers = -100555
	r.f.waitTaken(t, r.f.send(eve, puJiang, inGroup(strangers)))
	id = r.f.send(eve, "@herald_test_bot "+puJiang, inGroup(strangers))
	plain = checkHTML(t, r.f.waitReply(t, strangers, id))
	for _, w := range archiveWords {
		if strings.Contains(plain, w) {
			t.Errorf("group refusal reveals %q: %s", w, plain)
		}
	}
	// alice is allowed everywhere, so she is answered there.
	id = r.f.send(alice, "@herald_test_bot "+puJiang, inGroup(strangers))
	if plain := checkHTML(t, r.f.waitReply(t, strangers, id)); !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("alice was not answered in a group not on the list:\n%s", plain)
	}
	if got := r.f.sentTo(strangers); len(got) != 2 {
		t.Errorf("%d messages in the strangers' group, want the refusal and alice's answer", len(got))
	}
}

func TestTooManyRequestsRetriedAfterRetryAfter(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	r.f.failNext("sendMessage", 1, 3)
	m := r.ask(t, alice, puJiang)
	checkHTML(t, m)
	r.f.mu.Lock()
	at := slices.Clone(r.f.tooManyAt)
	r.f.mu.Unlock()
	if len(at) != 1 {
		t.Fatalf("the fake returned 429 %d times, want 1", len(at))
	}
	if waits := r.waits.Waits(); !slices.Contains(waits, 3*time.Second) {
		t.Errorf("waits %v after a 429 with retry_after=3, want one of 3s", waits)
	}
	if got := r.f.repliesTo(alice.ID, m.ReplyTo); len(got) != 1 {
		t.Errorf("%d replies after the retry, want 1", len(got))
	}
}

func TestBurstIsRateLimitedAndOthersStillServed(t *testing.T) {
	t.Parallel()
	r := startBot(t, func(c *Config) { c.QuestionsPerMinute = 5 })
	var last int
	for i := range 20 {
		last = r.f.send(alice, frontPage40+strconv.Itoa(i))
	}
	plain := checkHTML(t, r.ask(t, bob, puJiang))
	if !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("bob was not answered during alice's burst:\n%s", plain)
	}
	r.f.waitTaken(t, last)
	waitFor(t, 10*time.Second, "alice's answers", func() bool { return len(r.f.sentTo(alice.ID)) >= 6 })
	time.Sleep(300 * time.Millisecond)
	got := r.f.sentTo(alice.ID)
	var slow, answers int
	for _, m := range got {
		switch p := checkHTML(t, m); {
		case strings.Contains(p, "问得太快"):
			slow++
		case strings.Contains(p, "国家高新区高质量一体化发展提速"):
			answers++
		}
	}
	if slow != 1 {
		t.Errorf("%d slow-down replies to a burst of 20, want exactly 1", slow)
	}
	// 5 a minute, all at once: the test takes seconds, far less than the
	// 12 s in which a sixth would be earned.
	if answers != 5 {
		t.Errorf("%d answers to a burst of 20 with 5 a minute allowed, want 5", answers)
	}
	if len(got) != slow+answers {
		t.Errorf("alice got %d messages, want %d", len(got), slow+answers)
	}
}

func TestBusyWhenQueueIsFull(t *testing.T) {
	t.Parallel()
	r := startBot(t, func(c *Config) { c.Workers, c.Queue = 1, 1 })
	release := r.f.hold(alice.ID)
	defer release()
	a := r.f.send(alice, puJiang)
	waitFor(t, 5*time.Second, "alice's answer to reach Telegram", func() bool { return r.f.callCount("sendMessage") >= 1 })
	b := r.f.send(bob, puJiang)   // waits for the one worker
	r.f.waitHandedOut(t, b)       // waiting for the worker, not handled
	c := r.f.send(carol, puJiang) // finds the queue full
	plain := checkHTML(t, r.f.waitReply(t, carol.ID, c))
	if !strings.Contains(plain, "人太多") {
		t.Errorf("carol got %q, want the busy reply (in the question's language)", plain)
	}
	release()
	for _, q := range []struct {
		u  user
		id int
	}{{alice, a}, {bob, b}} {
		if plain := checkHTML(t, r.f.waitReply(t, q.u.ID, q.id)); !strings.Contains(plain, "白俄罗斯") {
			t.Errorf("%s was not answered after the queue drained:\n%s", q.u.Name, plain)
		}
	}
}

func TestTooLongQuestion(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	plain := checkHTML(t, r.ask(t, alice, strings.Repeat("浦江创新论坛", 100)))
	if !strings.Contains(plain, "太长") || !strings.Contains(plain, "500") {
		t.Errorf("reply to a 600-character question: %q", plain)
	}
}

func TestFailedAnswerGetsApology(t *testing.T) {
	t.Parallel()
	// No answer can be worked out in a nanosecond: the context has ended
	// before the search starts.
	r := startBot(t, func(c *Config) { c.AnswerTimeout = time.Nanosecond })
	plain := checkHTML(t, r.ask(t, alice, puJiang))
	if !strings.Contains(plain, "抱歉") || strings.Contains(plain, "白俄罗斯") {
		t.Errorf("reply to a failed answer: %q, want an apology", plain)
	}
	// And the bot goes on.
	if plain := checkHTML(t, r.ask(t, alice, "/help")); !strings.Contains(plain, puJiang) {
		t.Errorf("after a failure /help gives %q", plain)
	}
}

func TestPanicInHandlerIsRecovered(t *testing.T) {
	t.Parallel()
	logs := &logBuffer{}
	f := newFakeAPI(t, testToken)
	b, err := New(Config{Token: testToken, APIURL: f.URL(), Public: true, Logger: newTestLogger(logs)}, &answer.Asker{Engine: sample})
	if err != nil {
		t.Fatal(err)
	}
	// Before Run the bot does not know its own name: routing a command
	// addressed to a bot by name panics on the missing identity.
	b.onUpdate(&models.Update{ID: 7, Message: &models.Message{
		ID: 1, Text: "/ask@someone hi", From: &models.User{ID: alice.ID}, Chat: models.Chat{ID: allowedGroup, Type: models.ChatTypeSupergroup},
	}})
	if !strings.Contains(logs.String(), "panic while handling an update") || !strings.Contains(logs.String(), "update_id=7") {
		t.Errorf("the panic was not logged:\n%s", logs.String())
	}
}

func TestShutdownFinishesAnswerInFlight(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	release := r.f.hold(alice.ID)
	id := r.f.send(alice, puJiang)
	waitFor(t, 5*time.Second, "the answer to reach Telegram", func() bool { return r.f.callCount("sendMessage") >= 1 })
	go func() {
		time.Sleep(time.Second)
		release()
	}()
	took := r.stop(t)
	if took > 5*time.Second {
		t.Errorf("Run took %s to return, want under 5 s", took)
	}
	if got := r.f.repliesTo(alice.ID, id); len(got) != 1 {
		t.Errorf("the answer in flight was not delivered (%d replies)", len(got))
	}
	if off := r.f.confirmedOffset(); off <= r.f.update(id) {
		t.Errorf("update %d not confirmed at shutdown (offset %d): a restart would answer it again", r.f.update(id), off)
	}
}

func TestShutdownCancelsAnswerStuckPastGrace(t *testing.T) {
	t.Parallel()
	r := startBot(t, func(c *Config) { c.ShutdownGrace = 200 * time.Millisecond })
	release := r.f.hold(alice.ID)
	defer release()
	id := r.f.send(alice, puJiang)
	waitFor(t, 5*time.Second, "the answer to reach Telegram", func() bool { return r.f.callCount("sendMessage") >= 1 })
	if took := r.stop(t); took > 5*time.Second {
		t.Errorf("Run took %s to return with an answer stuck, want under 5 s", took)
	}
	// Nothing reached the user: the update stays for the next run.
	if off := r.f.confirmedOffset(); off > r.f.update(id) {
		t.Errorf("update %d confirmed (offset %d) though its answer never got through", r.f.update(id), off)
	}
}

func TestRunFailsClearlyWithoutLeakingToken(t *testing.T) {
	t.Parallel()
	wrong := newFakeAPI(t, "987654321:AAEanotherTOKENaltogether_x")
	closed := newFakeAPI(t, testToken)
	closed.srv.Close()
	for _, tc := range []struct {
		name, url, want string
	}{
		{"token rejected", wrong.URL(), "rejected the token"},
		{"server unreachable", closed.URL(), "reaching the Bot API"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logs := &logBuffer{}
			b, err := New(Config{Token: testToken, APIURL: tc.url, Public: true, Logger: newTestLogger(logs)}, &answer.Asker{Engine: sample})
			if err != nil {
				t.Fatal(err)
			}
			waits := &retrytest.Clock{}
			b.send.clock = waits
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			err = b.Run(ctx)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Run = %v, want an error saying %q", err, tc.want)
			}
			for _, s := range []string{err.Error(), logs.String()} {
				if strings.Contains(s, "AAEsecretTESTtoken") {
					t.Errorf("the token leaks: %s", s)
				}
			}
		})
	}
}

func TestPollingBacksOffAfterNetworkErrors(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	r.f.mu.Lock()
	r.f.dropPolls = 4
	r.f.mu.Unlock()
	// The poll in progress returns with this message; the next four break.
	checkHTML(t, r.ask(t, alice, "/help"))
	id := r.f.send(alice, puJiang)
	plain := checkHTML(t, r.f.waitReply(t, alice.ID, id))
	if !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("after the network came back:\n%s", plain)
	}
	r.f.mu.Lock()
	at := slices.Clone(r.f.droppedAt)
	r.f.mu.Unlock()
	if len(at) != 4 {
		t.Fatalf("%d polls dropped, want 4", len(at))
	}
	// 100 ms, then doubling, as the library did: no hot loop.
	want := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond, 800 * time.Millisecond}
	if waits := r.waits.Waits(); !slices.Equal(waits, want) {
		t.Errorf("waits after four failed polls: %v, want %v", waits, want)
	}
	if !strings.Contains(r.logs.String(), "getUpdates") {
		t.Errorf("the failed polls are not logged")
	}
}
