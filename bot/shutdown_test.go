package bot

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// An LLM answer cut off by the shutdown is replaced by the extractive one.
func TestShutdownSendsExtractiveAnswerForCutOffLLM(t *testing.T) {
	t.Parallel()
	llm := newFakeLLM(t, 100*time.Millisecond, endless(600)...)
	r := startBotWithAsker(t, func(c *Config) { c.ShutdownGrace = 300 * time.Millisecond }, llm.asker(t))
	id := r.f.send(alice, puJiang)
	waitFor(t, 10*time.Second, "a draft", func() bool { return len(r.f.draftsTo(alice.ID)) > 0 })
	r.stop(t)
	got := r.f.repliesTo(alice.ID, id)
	if len(got) != 1 {
		t.Fatalf("%d replies to the question in flight, want 1", len(got))
	}
	plain := checkHTML(t, got[0])
	if !strings.Contains(plain, "白俄罗斯") || strings.Contains(plain, "论坛还在继续讨论") {
		t.Errorf("want the extractive answer, got:\n%s", plain)
	}
	citedAs(t, plain, "总第2640期", "第1版")
	// The fake server sees the request end a moment after the bot has
	// stopped: the connection closes asynchronously (failed under load).
	waitFor(t, 10*time.Second, "the LLM request to be cancelled", func() bool { return llm.cancelled.Load() == 1 })
	if off := r.f.confirmedOffset(); off <= r.f.update(id) {
		t.Errorf("update %d not confirmed (offset %d) though answered", r.f.update(id), off)
	}
}

// A question whose reply cannot be sent at shutdown is left for the next
// run, and the next run does not answer again the questions after it that
// were answered.
func TestRestartAnswersEachQuestionOnce(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	llm := newFakeLLM(t, 100*time.Millisecond, endless(600)...)
	f := newFakeAPI(t, testToken)
	change := func(c *Config) { c.ShutdownGrace = 300 * time.Millisecond; c.StateDir = dir }
	r := startBotOn(t, f, change, llm.asker(t))
	release := f.cutOff(bob.ID) // Telegram cannot deliver to bob for now
	qBob := f.send(bob, puJiang)
	qAlice := f.send(alice, frontPage40)
	// alice's question is answered from the catalog, without the LLM.
	f.waitReply(t, alice.ID, qAlice)
	waitFor(t, 10*time.Second, "bob's draft", func() bool { return len(f.draftsTo(bob.ID)) > 0 })
	r.stop(t)
	release()
	if n := len(f.repliesTo(alice.ID, qAlice)); n != 1 {
		t.Fatalf("alice got %d replies before the restart, want 1", n)
	}
	if off := f.confirmedOffset(); off > f.update(qBob) {
		t.Fatalf("bob's question confirmed (offset %d) though its reply never got through", off)
	}
	if data, err := os.ReadFile(filepath.Join(dir, answeredFile)); err != nil || !strings.Contains(string(data), "\n") {
		t.Fatalf("no record of alice's answered update: %q, %v", data, err)
	}

	llm.set(10*time.Millisecond, puJiangTokens...)
	r2 := startBotOn(t, f, change, llm.asker(t))
	plain := checkHTML(t, f.waitReply(t, bob.ID, qBob))
	if !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("bob's answer after the restart:\n%s", plain)
	}
	qAgain := f.send(alice, puJiang)
	f.waitReply(t, alice.ID, qAgain)
	r2.stop(t)
	for _, q := range []struct {
		u  user
		id int
	}{{bob, qBob}, {alice, qAlice}, {alice, qAgain}} {
		if n := len(f.repliesTo(q.u.ID, q.id)); n != 1 {
			t.Errorf("%s's message %d answered %d times, want once", q.u.Name, q.id, n)
		}
	}
	if off := f.confirmedOffset(); off <= f.update(qAgain) {
		t.Errorf("offset %d after a clean stop, want past every update", off)
	}
}
