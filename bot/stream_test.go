package bot

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
	"github.com/heraldqa/heraldqa/retrieve/eval"
)

func TestStreamedAnswerInPrivateChat(t *testing.T) {
	t.Parallel()
	// 30 ms a token on a clock ten times fast: 300 ms at the bot's pace,
	// and four clauses, so that the text shown changes between updates
	// even when the machine is busy.
	llm := newFakeLLM(t, 30*time.Millisecond, longPuJiangTokens...)
	r := startBotWithAsker(t, nil, llm.asker(t))
	id := r.f.send(alice, puJiang)
	final := r.f.waitReply(t, alice.ID, id)
	plain := checkHTML(t, final)
	if !strings.Contains(plain, "白俄罗斯") || !strings.Contains(plain, "共同体") {
		t.Errorf("final message lacks the LLM's answer:\n%s", plain)
	}
	citedAs(t, plain, "第1版")
	drafts := r.f.draftsTo(alice.ID)
	if len(drafts) < 2 {
		t.Fatalf("%d drafts for an answer streamed over 7.5 s (at the bot's pace), want several", len(drafts))
	}
	for i, d := range drafts {
		if !d.CanStop {
			t.Errorf("draft %d offers no Stop button", i)
		}
		if d.DraftID != drafts[0].DraftID {
			t.Errorf("draft %d has id %d, want the answer's one id %d", i, d.DraftID, drafts[0].DraftID)
		}
		if !d.At.Before(final.At) {
			t.Errorf("draft %d came after the final message", i)
		}
		if i > 0 {
			if !strings.HasPrefix(d.Text, drafts[i-1].Text) {
				t.Errorf("draft %d does not continue the one before: %q then %q", i, drafts[i-1].Text, d.Text)
			}
			if gap := d.At.Sub(drafts[i-1].At); gap < 400*time.Millisecond/paceDiv {
				t.Errorf("drafts %d and %d %s apart, want at most one every 0.5 s", i-1, i, gap)
			}
		}
		if strings.Contains(d.Text, "《") {
			t.Errorf("a draft shows the citation list, which comes only with the final message: %q", d.Text)
		}
	}
	if got := r.f.repliesTo(alice.ID, id); len(got) != 1 {
		t.Errorf("%d final messages, want 1", len(got))
	}
	checkPace(t, r.pace, draftEvery)
}

// checkPace checks that the live answer waited, and only every's time.
func checkPace(t *testing.T, pace *retrytest.Clock, every time.Duration) {
	t.Helper()
	waits := pace.Waits()
	if len(waits) == 0 {
		t.Error("the live answer never waited between updates")
	}
	for _, w := range waits {
		if w != every {
			t.Errorf("the live answer waited %s, want %s", w, every)
		}
	}
}

func TestStreamedAnswerInGroupByEdits(t *testing.T) {
	t.Parallel()
	// 30 ms a token on a clock ten times fast: 300 ms at the bot's pace,
	// and four clauses, so that the text shown changes between updates
	// even when the machine is busy.
	llm := newFakeLLM(t, 30*time.Millisecond, longPuJiangTokens...)
	r := startBotWithAsker(t, nil, llm.asker(t))
	id := r.f.send(alice, "/ask "+puJiang, inGroup(allowedGroup))
	first := r.f.waitReply(t, allowedGroup, id)
	waitFor(t, 10*time.Second, "the answer to be finished", func() bool { return llm.finished.Load() == 1 })
	var edits []sentMessage
	waitFor(t, 10*time.Second, "the final edit", func() bool {
		edits = edits[:0]
		for _, m := range r.f.sentTo(allowedGroup) {
			if m.Method == "editMessageText" && m.MessageID == first.MessageID {
				edits = append(edits, m)
			}
		}
		return len(edits) > 0 && edits[len(edits)-1].ParseMode == "HTML"
	})
	if len(edits) < 2 {
		t.Errorf("%d edits, want the text edited as it came, then the final answer", len(edits))
	}
	for i := 1; i < len(edits)-1; i++ {
		if gap := edits[i].At.Sub(edits[i-1].At); gap < 900*time.Millisecond/paceDiv {
			t.Errorf("edits %d and %d %s apart, want at most one a second", i-1, i, gap)
		}
	}
	plain := checkHTML(t, edits[len(edits)-1])
	if !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("final edit:\n%s", plain)
	}
	citedAs(t, plain, "第1版")
	if n := len(r.f.draftsTo(allowedGroup)); n != 0 {
		t.Errorf("%d drafts sent to a group", n)
	}
	if got := r.f.repliesTo(allowedGroup, id); len(got) != 1 {
		t.Errorf("%d messages answer the question, want 1 edited in place", len(got))
	}
	checkPace(t, r.pace, editEvery)
}

var reStopped = regexp.MustCompile(`已停止`)

func TestStopCancelsTheGeneration(t *testing.T) {
	t.Parallel()
	for _, how := range []string{"stop button", "new question"} {
		t.Run(how, func(t *testing.T) {
			llm := newFakeLLM(t, 100*time.Millisecond, endless(600)...)
			// One worker: the new question must stop the answer holding it.
			r := startBotWithAsker(t, func(c *Config) { c.ShutdownGrace, c.Workers = 200*time.Millisecond, 1 }, llm.asker(t))
			id := r.f.send(alice, puJiang)
			waitFor(t, 10*time.Second, "a draft", func() bool { return len(r.f.draftsTo(alice.ID)) > 0 })
			switch how {
			case "stop button":
				r.f.pressStop(alice.ID, r.f.draftsTo(alice.ID)[0].DraftID)
			case "new question":
				r.f.send(alice, frontPage40)
			}
			waitFor(t, 10*time.Second, "the LLM request to be cancelled", func() bool { return llm.cancelled.Load() >= 1 })
			plain := checkHTML(t, r.f.waitReply(t, alice.ID, id))
			if !reStopped.MatchString(plain) || !strings.Contains(plain, "论坛还在继续讨论") {
				t.Errorf("the stopped answer does not keep what was written, marked stopped:\n%s", plain)
			}
			if llm.finished.Load() != 0 {
				t.Error("the LLM's stream ran to its end")
			}
		})
	}
}

func TestReactionBecomesAFixtureDraft(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := startBot(t, func(c *Config) { c.StateDir = dir })
	id := r.f.send(alice, puJiang)
	reply := r.f.waitReply(t, alice.ID, id)
	r.f.react(eve, alice.ID, reply.MessageID, "👎")   // an outsider: not recorded
	r.f.react(alice, alice.ID, reply.MessageID, "😁") // not a rating
	r.f.react(alice, alice.ID, reply.MessageID, "👎")
	path := filepath.Join(dir, FeedbackFile)
	var data []byte
	waitFor(t, 10*time.Second, "the feedback to be recorded", func() bool {
		data, _ = os.ReadFile(path)
		return len(data) > 0
	})
	time.Sleep(200 * time.Millisecond) // for a wrong second record to show
	data, _ = os.ReadFile(path)
	if n := strings.Count(string(data), "\n"); n != 1 {
		t.Fatalf("%d feedback records, want 1:\n%s", n, data)
	}
	for _, want := range []string{`"reaction":"down"`, `"user_id":1001`, puJiang, "白俄罗斯", `"total_issue":2640`} {
		if !strings.Contains(string(data), want) {
			t.Errorf("record lacks %s:\n%s", want, data)
		}
	}
	var out strings.Builder
	n, bad, err := ExportFeedback(strings.NewReader(string(data)), &out, ExportOptions{OnlyDown: true})
	if err != nil || n != 1 || bad != 0 {
		t.Fatalf("ExportFeedback = %d, %d, %v", n, bad, err)
	}
	draft := out.String()
	t.Logf("exported:\n%s", draft)
	cases, problems := eval.Parse("feedback.yaml", []byte(draft))
	if len(cases) != 0 || len(problems) != 1 || !strings.Contains(problems[0].Msg, "draft") {
		t.Fatalf("eval took the draft: %d cases, problems %v", len(cases), problems)
	}
	// Completed by a person: the mark deleted, the expectations written.
	done := regexp.MustCompile(`(?m)^  draft: true.*\n`).ReplaceAllString(draft, "")
	done = regexp.MustCompile(`(?m)^    contains_any: \[\].*$`).ReplaceAllString(done, "    contains_any: [白俄罗斯]")
	done = regexp.MustCompile(`(?m)^    cites: \[\].*$`).ReplaceAllString(done, "    cites: {total_issue: 2640, page: 1}")
	done = regexp.MustCompile(`(?m)^    refused: null.*$`).ReplaceAllString(done, "    refused: false")
	cases, problems = eval.Parse("feedback.yaml", []byte(done))
	if len(problems) > 0 || len(cases) != 1 || cases[0].Question != puJiang {
		t.Fatalf("the completed case: %d cases, problems %v\n%s", len(cases), problems, done)
	}
	// Only 👍 are left out with OnlyDown; a 👍 later replaces the 👎.
	r.f.react(alice, alice.ID, reply.MessageID, "👍")
	waitFor(t, 10*time.Second, "the second record", func() bool {
		data, _ = os.ReadFile(path)
		return strings.Count(string(data), "\n") == 2
	})
	out.Reset()
	if n, _, _ := ExportFeedback(strings.NewReader(string(data)), &out, ExportOptions{OnlyDown: true}); n != 0 {
		t.Errorf("--only down exported %d after the reader changed to 👍", n)
	}
}

func TestInlineQueries(t *testing.T) {
	t.Parallel()
	r := startBot(t, nil)
	for _, tc := range []struct {
		name  string
		u     user
		want  []string
		clean bool // no archive content
	}{
		{"allowed", alice, []string{"白俄罗斯", "总第2640期"}, false},
		{"outsider", eve, []string{"抱歉"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := r.f.askInline(tc.u, puJiang)
			var q *inlineQuery
			waitFor(t, 10*time.Second, "the inline answer", func() bool {
				r.f.mu.Lock()
				defer r.f.mu.Unlock()
				q = r.f.inline[id]
				return q.Answered
			})
			if len(q.Results) != 1 || !q.Personal {
				t.Fatalf("%d results (personal %v), want one, personal", len(q.Results), q.Personal)
			}
			plain, err := checkTelegramHTML(q.Results[0].Content.MessageText)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(plain, w) {
					t.Errorf("inline result lacks %q:\n%s", w, plain)
				}
			}
			if tc.clean {
				for _, w := range archiveWords {
					if strings.Contains(plain+q.Results[0].Title+q.Results[0].Description, w) {
						t.Errorf("the outsider's result reveals %q", w)
					}
				}
			}
		})
	}
}

var reWait = regexp.MustCompile(`请 (\d+) 秒后再问`)

func TestFloodThenAskAfterTheStatedWait(t *testing.T) {
	t.Parallel()
	r := startBot(t, func(c *Config) { c.QuestionsPerMinute = 5 })
	c := &clock{t: time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)}
	r.bot.limits.mu.Lock()
	r.bot.limits.now = c.now
	r.bot.limits.mu.Unlock()
	var last int
	for i := range 30 { // 30 questions in 2 s, by the limiter's clock
		r.bot.limits.mu.Lock()
		c.advance(2 * time.Second / 30)
		r.bot.limits.mu.Unlock()
		last = r.f.send(alice, frontPage40+strconv.Itoa(i))
	}
	r.f.waitTaken(t, last)
	waitFor(t, 10*time.Second, "the answers to the flood", func() bool { return len(r.f.sentTo(alice.ID)) >= 6 })
	time.Sleep(300 * time.Millisecond)
	var waits []int
	answers := 0
	for _, m := range r.f.sentTo(alice.ID) {
		p := checkHTML(t, m)
		if m := reWait.FindStringSubmatch(p); m != nil {
			n, _ := strconv.Atoi(m[1])
			waits = append(waits, n)
		} else if strings.Contains(p, "国家高新区高质量一体化发展提速") {
			answers++
		}
	}
	if len(waits) != 1 || answers != 5 {
		t.Fatalf("%d answers and %d notices %v to a flood of 30 with 5 a minute, want 5 and one saying when to ask", answers, len(waits), waits)
	}
	if waits[0] < 1 || waits[0] > 12 {
		t.Errorf("told to wait %d s, want at most the 12 s a question takes to earn", waits[0])
	}
	r.bot.limits.mu.Lock()
	c.advance(time.Duration(waits[0]) * time.Second)
	r.bot.limits.mu.Unlock()
	plain := checkHTML(t, r.ask(t, alice, puJiang))
	if !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("asked after the stated wait, alice got:\n%s", plain)
	}
}

// An LLM that writes far more than Telegram holds gets an answer of at
// most MaxParts messages, which says it was cut,, in a group too, where the live text is one
// message edited in place.
func TestLongLLMAnswerIsCappedInParts(t *testing.T) {
	t.Parallel()
	llm := newFakeLLM(t, 0, endless(3000)...) // ~27,000 characters
	r := startBotWithAsker(t, nil, llm.asker(t))
	id := r.f.send(alice, "/ask "+puJiang, inGroup(allowedGroup))
	first := r.f.waitReply(t, allowedGroup, id)
	// The answerer's length cap (HERALDQA_LLM_MAX_CHARS) ends the stream
	// from the client's side, before the server's finish.
	waitFor(t, 10*time.Second, "the answer to be finished", func() bool { return llm.finished.Load()+llm.cancelled.Load() == 1 })
	var msgs []sentMessage
	waitFor(t, 10*time.Second, "the last part", func() bool {
		msgs = msgs[:0]
		ids := map[int]bool{}
		for _, m := range r.f.sentTo(allowedGroup) {
			if m.MessageID >= first.MessageID {
				ids[m.MessageID] = true
				msgs = append(msgs, m)
			}
		}
		return len(ids) > 0 && strings.Contains(msgs[len(msgs)-1].Text, "已截断")
	})
	time.Sleep(300 * time.Millisecond)
	ids := map[int]bool{}
	for _, m := range r.f.sentTo(allowedGroup) {
		if m.MessageID >= first.MessageID {
			ids[m.MessageID] = true
			if m.ParseMode != "" { // the live text is plain
				checkHTML(t, m)
			}
		}
	}
	// Cut by the bot at 3 parts, or earlier by the answerer's own length
	// cap (which says so the same way): never more.
	if len(ids) > 3 {
		t.Errorf("one answer took %d messages, want at most the default cap of 3", len(ids))
	}
}
