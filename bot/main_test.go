package bot

import (
	"bytes"
	"context"
	"flag"
	"log/slog"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
	"github.com/heraldqa/heraldqa/retrieve/retrievetest"
)

// sample is an engine over the bundled sample archive, ingested once for
// all tests through the real pipeline.
var sample *retrieve.Engine

func TestMain(m *testing.M) {
	// The bot's tests mostly wait, on fake servers, on the heraldqa
	// process, on shutdown graces, rather than compute: unless -parallel
	// says otherwise, more of them run at once than there are CPUs
	// (go test's default), which on 2 CPUs halves the package's time.
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", strconv.Itoa(max(8, runtime.GOMAXPROCS(0))))
	}
	retrievetest.Main(m, "../testdata/archive", &sample)
}

// testToken is shaped like a real token; tests check it never leaks.
const testToken = "123456789:AAEsecretTESTtoken_never-in-logs"

var (
	alice = user{ID: 1001, Name: "Alice", Lang: "zh-hans"}
	bob   = user{ID: 1002, Name: "Bob", Lang: "zh-hans"}
	carol = user{ID: 1003, Name: "Carol", Lang: "en"}
	eve   = user{ID: 6666, Name: "Eve"} // on no list
)

// allowedGroup is on the chat list; anyone in it may ask.
const allowedGroup = -100777

// logBuffer collects a bot's log lines for a test.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// running is a bot under test, running against a fake Bot API.
type running struct {
	f      *fakeAPI
	bot    *Bot
	logs   *logBuffer
	cancel context.CancelFunc
	done   chan error

	once    sync.Once
	stopped time.Duration
	waits   *retrytest.Clock // the bot's retry and backoff waits, not spent
	pace    *retrytest.Clock // the live answer's pace, spent ten times faster
}

// paceDiv is how much faster the bot's clock runs in tests.
const paceDiv = 10

// startBot runs a bot with alice, bob and carol allowed, and allowedGroup,
// against a fresh fake API; cfg changes the settings first. It waits until
// the bot polls and stops it when the test ends.
func startBot(t testing.TB, change func(*Config)) *running {
	t.Helper()
	return startBotWithAsker(t, change, &answer.Asker{Engine: sample})
}

func newTestLogger(w *logBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// startBotWithAsker is startBot answering with asker.
func startBotWithAsker(t testing.TB, change func(*Config), asker *answer.Asker) *running {
	t.Helper()
	return startBotOn(t, newFakeAPI(t, testToken), change, asker)
}

// startBotOn is startBotWithAsker against the fake API f, which may have
// served a bot before (a restart).
func startBotOn(t testing.TB, f *fakeAPI, change func(*Config), asker *answer.Asker) *running {
	t.Helper()
	logs := &logBuffer{}
	cfg := Config{
		Token:        testToken,
		APIURL:       f.URL(),
		AllowedUsers: []int64{alice.ID, bob.ID, carol.ID},
		AllowedChats: []int64{allowedGroup},
		PollTimeout:  2 * time.Second,
		Logger:       newTestLogger(logs),
		// Tests ask many questions quickly; the rate limit has its own test.
		QuestionsPerMinute: 600,
	}
	if change != nil {
		change(&cfg)
	}
	b, err := New(cfg, asker)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	waits := &retrytest.Clock{}
	b.send.clock = waits
	pace := &retrytest.Clock{Div: paceDiv}
	b.clock = pace
	f.mu.Lock()
	f.handled = b.ledger.handled
	f.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{f: f, bot: b, logs: logs, cancel: cancel, done: make(chan error, 1), waits: waits, pace: pace}
	go func() { r.done <- b.Run(ctx) }()
	t.Cleanup(func() {
		r.stop(t)
		if strings.Contains(logs.String(), "AAEsecretTESTtoken") {
			t.Errorf("the token appears in the bot's log:\n%s", logs.String())
		}
	})
	polls := f.callCount("getUpdates")
	waitFor(t, 5*time.Second, "the bot to poll", func() bool { return f.callCount("getUpdates") > polls })
	return r
}

// stop cancels Run and returns how long it took to return.
func (r *running) stop(t testing.TB) time.Duration {
	t.Helper()
	r.once.Do(func() {
		r.cancel()
		start := time.Now()
		select {
		case err := <-r.done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("Run did not return 10 s after its context was cancelled")
		}
		r.stopped = time.Since(start)
	})
	return r.stopped
}

// ask sends text from u in u's private chat and waits for the reply.
func (r *running) ask(t *testing.T, u user, text string) sentMessage {
	t.Helper()
	id := r.f.send(u, text)
	return r.f.waitReply(t, u.ID, id)
}
