package bot

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBinaryEndToEnd builds heraldqa, ingests the sample archive with it,
// and runs `heraldqa bot` against the fake Bot API, configured only by
// environment variables, as a user would run it.
func TestBinaryEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	dir := t.TempDir()
	exe := filepath.Join(dir, "heraldqa")
	if out, err := exec.Command("go", "build", "-o", exe, "github.com/heraldqa/heraldqa/cmd/heraldqa").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	archive, err := filepath.Abs("../testdata/archive")
	if err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(dir, "store")
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir, "HERALDQA_STORE=" + store}
	ingest := exec.Command(exe, "ingest", archive)
	ingest.Dir, ingest.Env = dir, env
	if out, err := ingest.CombinedOutput(); err != nil {
		t.Fatalf("heraldqa ingest: %v\n%s", err, out)
	}

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
			for _, q := range []string{puJiang, "/issue 2640", "/sources"} {
				f.waitTaken(t, f.send(u, q))
			}
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
		var last int
		for range 30 {
			last = f.send(alice, frontPage40)
			time.Sleep(2 * time.Second / 30)
		}
		f.waitTaken(t, last)
		time.Sleep(time.Second)
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
