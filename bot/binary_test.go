package bot

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// builtWithSample builds heraldqa and ingests the sample archive with it
// into a store in a fresh folder. It returns the binary, the folder, and
// the environment naming the store.
func builtWithSample(t *testing.T) (exe, dir string, env []string) {
	t.Helper()
	exe, err := buildOnce(t)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	archive, err := filepath.Abs("../testdata/archive")
	if err != nil {
		t.Fatal(err)
	}
	env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "HERALDQA_STORE=" + filepath.Join(dir, "store")}
	ingest := exec.Command(exe, "ingest", archive)
	ingest.Dir, ingest.Env = dir, env
	if out, err := ingest.CombinedOutput(); err != nil {
		t.Fatalf("heraldqa ingest: %v\n%s", err, out)
	}
	return exe, dir, env
}

var (
	buildMu    sync.Mutex
	builtExe   string
	buildUsers int // tests using builtExe; the last one removes it
)

// buildOnce builds heraldqa once for the tests running it at the same
// time, and removes it when the last of them ends.
func buildOnce(t *testing.T) (string, error) {
	buildMu.Lock()
	defer buildMu.Unlock()
	if builtExe == "" {
		dir, err := os.MkdirTemp("", "heraldqa-bot-test-")
		if err != nil {
			return "", err
		}
		exe := filepath.Join(dir, "heraldqa")
		if out, err := exec.Command("go", "build", "-o", exe, "github.com/heraldqa/heraldqa/cmd/heraldqa").CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("go build: %v\n%s", err, out)
		}
		builtExe = exe
	}
	buildUsers++
	t.Cleanup(func() {
		buildMu.Lock()
		defer buildMu.Unlock()
		if buildUsers--; buildUsers == 0 {
			os.RemoveAll(filepath.Dir(builtExe))
			builtExe = ""
		}
	})
	return builtExe, nil
}

// TestBinaryEndToEnd builds heraldqa, ingests the sample archive with it,
// and runs `heraldqa bot` against the fake Bot API, configured only by
// environment variables, as a user would run it.
func TestBinaryEndToEnd(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	exe, dir, env := builtWithSample(t)

	f := newFakeAPI(t, testToken)
	cmd := exec.Command(exe, "bot")
	cmd.Dir = dir // no .env there
	cmd.Env = append(env,
		"TELEGRAM_BOT_TOKEN="+testToken,
		"TELEGRAM_API_URL="+f.URL(),
		"TELEGRAM_ALLOWED_USERS=1001, 1002",
		"HERALDQA_LOG_LEVEL=debug", // the most the bot ever logs
	)
	stderr := &logBuffer{}
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-exited
		}
	}()
	waitFor(t, 30*time.Second, "the bot to poll", func() bool { return f.callCount("getUpdates") > 0 })

	t.Run("answer with citation", func(t *testing.T) {
		for _, tc := range []struct {
			u user
			q string
		}{{alice, puJiang}, {bob, puJiangHant}} {
			id := f.send(tc.u, tc.q)
			plain := checkHTML(t, f.waitReply(t, tc.u.ID, id))
			if !strings.Contains(plain, "白俄罗斯") && !strings.Contains(plain, "白俄羅斯") {
				t.Errorf("%s: answer does not name 白俄罗斯:\n%s", tc.q, plain)
			}
			citedAs(t, plain, "总第2640期", "第1版")
		}
	})

	t.Run("outsiders get nothing from the archive", func(t *testing.T) {
		for _, u := range []user{eve, {ID: 1003, Name: "Neighbour"}} {
			var last int
			for _, q := range []string{puJiang, "/issue 2640", "/sources"} {
				last = f.send(u, q)
			}
			f.waitTaken(t, last)
			got := f.sentTo(u.ID)
			if len(got) > 1 {
				t.Errorf("user %d got %d messages, want at most one refusal", u.ID, len(got))
			}
			for _, m := range got {
				for _, w := range archiveWords {
					if strings.Contains(m.Text, w) {
						t.Errorf("user %d was sent %q from the archive: %s", u.ID, w, m.Text)
					}
				}
			}
		}
	})

	t.Run("a 429 is survived", func(t *testing.T) {
		f.failNext("sendMessage", 1, 1)
		id := f.send(bob, frontPage40)
		plain := checkHTML(t, f.waitReply(t, bob.ID, id))
		if !strings.Contains(plain, "国家高新区高质量一体化发展提速") {
			t.Errorf("after a 429:\n%s", plain)
		}
	})

	t.Run("30 questions in 2 s", func(t *testing.T) {
		before := len(f.sentTo(alice.ID))
		outcomesBefore := outcomes(stderr.String(), alice.ID)
		var last int
		for range 30 {
			last = f.send(alice, frontPage40)
			time.Sleep(2 * time.Second / 30)
		}
		f.waitTaken(t, last)
		// Every question was dealt with once its outcome is logged; only
		// then is the count of replies final.
		waitFor(t, 10*time.Second, "the 30 questions to be dealt with", func() bool {
			return outcomes(stderr.String(), alice.ID)-outcomesBefore >= 30
		})
		replies := len(f.sentTo(alice.ID)) - before
		t.Logf("%d replies to 30 questions", replies)
		// 5 a minute, one of them spent above: at most 4 answers and one
		// slow-down reply.
		if replies < 1 || replies > 5 {
			t.Errorf("%d replies to 30 questions in 2 s, want between 1 and 5", replies)
		}
		id := f.send(bob, puJiang)
		if plain := checkHTML(t, f.waitReply(t, bob.ID, id)); !strings.Contains(plain, "白俄罗斯") {
			t.Errorf("after the flood bob got:\n%s", plain)
		}
	})

	t.Run("SIGTERM", func(t *testing.T) {
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		select {
		case err := <-exited:
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				t.Errorf("exit after SIGTERM: %v, want status 0", err)
			} else if err != nil {
				t.Error(err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("still running 5 s after SIGTERM")
		}
	})

	log := stderr.String()
	_, secret, _ := strings.Cut(testToken, ":")
	if strings.Contains(log, secret) {
		t.Errorf("the token appears in the bot's stderr")
	}
	for _, want := range []string{"bot connected", "answered", "outsider refused", "bot stopped"} {
		if !strings.Contains(log, want) {
			t.Errorf("stderr lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("stderr:\n%s", log)
	}
}

// reOutcome finds the log line that ends the handling of a question: it
// was answered (or the reply failed), or turned away by the rate limit.
var reOutcome = regexp.MustCompile(`(?m)^.*msg=(?:answered|replied|"reply failed"|"rate limited[^"]*").*$`)

// outcomes counts the questions of user whose handling log shows ended.
func outcomes(log string, user int64) int {
	n := 0
	for _, line := range reOutcome.FindAllString(log, -1) {
		if strings.Contains(line, fmt.Sprintf(" user_id=%d ", user)) {
			n++
		}
	}
	return n
}

// botProcess is `heraldqa bot` running as a user runs it.
type botProcess struct {
	cmd    *exec.Cmd
	stderr *logBuffer
	exited chan error
}

func startBotProcess(t *testing.T, exe, dir string, env []string, f *fakeAPI) *botProcess {
	t.Helper()
	p := &botProcess{cmd: exec.Command(exe, "bot"), stderr: &logBuffer{}, exited: make(chan error, 1)}
	p.cmd.Dir, p.cmd.Env = dir, env
	p.cmd.Stdout, p.cmd.Stderr = p.stderr, p.stderr
	polls := f.callCount("getUpdates")
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			<-p.exited
		}
		if t.Failed() {
			t.Logf("bot stderr:\n%s", p.stderr.String())
		}
	})
	waitFor(t, 30*time.Second, "the bot to poll", func() bool { return f.callCount("getUpdates") > polls })
	return p
}

// term sends SIGTERM and waits for a clean exit.
func (p *botProcess) term(t *testing.T, within time.Duration) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.exited:
		if err != nil {
			t.Errorf("exit after SIGTERM: %v, want status 0", err)
		}
	case <-time.After(within):
		t.Fatalf("still running %s after SIGTERM", within)
	}
}

// TestBinarySIGTERMLosesNoQuestion stops `heraldqa bot` with SIGTERM while
// LLM answers are being written, one of them to a chat Telegram cannot
// deliver to, then starts it again against the same Bot API: every
// question is answered exactly once.
func TestBinarySIGTERMLosesNoQuestion(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	exe, dir, env := builtWithSample(t)
	f := newFakeAPI(t, testToken)
	llm := newFakeLLM(t, 100*time.Millisecond, endless(600)...)
	env = append(env,
		"TELEGRAM_BOT_TOKEN="+testToken,
		"TELEGRAM_API_URL="+f.URL(),
		"TELEGRAM_ALLOWED_USERS=1001, 1002",
		"TELEGRAM_SHUTDOWN_GRACE=1s",
		"HERALDQA_LLM=openai",
		"OPENAI_BASE_URL="+llm.srv.URL+"/v1",
		"HERALDQA_LLM_MODEL=m",
	)
	p := startBotProcess(t, exe, dir, env, f)
	release := f.cutOff(bob.ID)
	qBob := f.send(bob, puJiang) // its reply will not get through
	qAlice := f.send(alice, puJiang)
	waitFor(t, 10*time.Second, "both answers to be written", func() bool {
		return len(f.draftsTo(alice.ID)) > 0 && len(f.draftsTo(bob.ID)) > 0
	})
	p.term(t, 10*time.Second)
	release()
	plain := checkHTML(t, f.waitReply(t, alice.ID, qAlice))
	if !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("alice's answer cut off by SIGTERM is not the extractive answer:\n%s", plain)
	}
	// As in shutdown_test.go, the fake server sees a request end a moment
	// after the process has let it go.
	waitFor(t, 10*time.Second, "both LLM requests to be cancelled at SIGTERM", func() bool { return llm.cancelled.Load() == 2 })
	if !strings.Contains(p.stderr.String(), "left for the next run") {
		t.Errorf("the unsent reply is not logged")
	}

	llm.set(10*time.Millisecond, puJiangTokens...)
	p2 := startBotProcess(t, exe, dir, env, f)
	plain = checkHTML(t, f.waitReply(t, bob.ID, qBob))
	if !strings.Contains(plain, "白俄罗斯") {
		t.Errorf("bob's answer after the restart:\n%s", plain)
	}
	qAfter := f.send(alice, frontPage40)
	f.waitReply(t, alice.ID, qAfter)
	p2.term(t, 10*time.Second)
	for _, q := range []struct {
		u  user
		id int
	}{{bob, qBob}, {alice, qAlice}, {alice, qAfter}} {
		if n := len(f.repliesTo(q.u.ID, q.id)); n != 1 {
			t.Errorf("%s's message %d answered %d times, want exactly once", q.u.Name, q.id, n)
		}
	}
}
