package main

// Faults found by a campaign run against the binary (issue 13): each test
// runs heraldqa as a real process where a signal or a hang is involved.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binDir  string // removed by TestMain
	binPath string
	binErr  error
)

// heraldqaBinary builds the command once for the package's tests.
func heraldqaBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the command")
	}
	binOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "heraldqa-bin-"); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "heraldqa")
		if out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// proc is heraldqa running as a process of its own.
type proc struct {
	cmd    *exec.Cmd
	stdout syncBuffer
	stderr syncBuffer
	stdin  io.WriteCloser
	exited chan struct{}
	code   int
}

// syncBuffer is a bytes.Buffer safe to read while the process writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startCLI starts heraldqa with args in an empty folder (no .env), its
// store at store, offline unless env says otherwise. Its stdin stays open
// until closed.
func startCLI(t *testing.T, store string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(heraldqaBinary(t), args...), exited: make(chan struct{})}
	p.cmd.Dir = t.TempDir()
	p.cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + p.cmd.Dir, "HERALDQA_STORE=" + store,
		"HERALDQA_EMBEDDER=local", "HERALDQA_LLM=none", "HERALDQA_K=5"}, env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	var err error
	if p.stdin, err = p.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := p.cmd.Wait()
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			p.code = ee.ExitCode()
		}
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			p.cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// wait waits up to d for the process to end and reports whether it did.
func (p *proc) wait(d time.Duration) bool {
	select {
	case <-p.exited:
		return true
	case <-time.After(d):
		return false
	}
}

// waitFor polls cond for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

func absPath(t *testing.T, p string) string {
	t.Helper()
	abs, err := filepath.Abs(p)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// sampleStore ingests the sample archive into a new store of the test's.
func sampleStore(t *testing.T) string {
	t.Helper()
	store := filepath.Join(t.TempDir(), "store")
	p := startCLI(t, store, nil, "ingest", absPath(t, "../../testdata/archive"))
	p.stdin.Close()
	if !p.wait(60*time.Second) || p.code != 0 {
		t.Fatalf("ingest of the sample: status %d\n%s", p.code, p.stderr.String())
	}
	return store
}

// Issue 13, failure 2: a .txt linked to a file whose read blocks
// (/proc/kmsg) hung ingest past SIGTERM, holding the store's lock; a FIFO
// named on the command line was skipped with status 0. Such files are now
// refused at once: status 1, and no store is created for nothing.
func TestIngestSpecialFilesCannotHang(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	want := []string{fifo}
	for name, target := range map[string]string{"kmsg.txt": "/proc/kmsg", "status.txt": "/proc/self/status", "uevent.md": "/sys/kernel/uevent_seqnum"} {
		if _, err := os.Stat(target); err != nil {
			continue
		}
		link := filepath.Join(dir, name)
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		want = append(want, link)
	}
	store := filepath.Join(t.TempDir(), "store")
	p := startCLI(t, store, nil, "ingest", dir, fifo)
	if !p.wait(15 * time.Second) {
		p.cmd.Process.Signal(syscall.SIGTERM)
		if !p.wait(3 * time.Second) {
			t.Fatalf("ingest hangs and ignores SIGTERM:\n%s", p.stderr.String())
		}
		t.Fatalf("ingest hung until SIGTERM (status %d):\n%s", p.code, p.stderr.String())
	}
	errOut := p.stderr.String()
	if p.code != 1 {
		t.Errorf("status %d, want 1 (every path refused):\n%s", p.code, errOut)
	}
	for _, w := range want {
		if !strings.Contains(errOut, w) {
			t.Errorf("stderr does not name %s:\n%s", w, errOut)
		}
	}
	if _, err := os.Stat(store); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a store was created with nothing in it (%v)", err)
	}
}

// bigJSONL writes n records of about 1 KB each, all different.
func bigJSONL(t *testing.T, path string, n int) {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/archive/001_87eece0f712b39c0.txt")
	if err != nil {
		t.Fatal(err)
	}
	base := []rune(strings.Join(strings.Fields(string(raw)), ""))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i := range n {
		start := (i * 37) % (len(base) - 400)
		enc.Encode(map[string]string{"id": fmt.Sprint("r", i), "title": fmt.Sprint("记录", i), "date": "2025-11-03",
			"text": fmt.Sprintf("第%d条。%s", i, string(base[start:start+400]))})
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// SIGINT and SIGTERM end an ingest within moments: status 130, the store
// keeps what it had, and its lock is free for the next writer.
func TestIngestSignalSavesNothing(t *testing.T) {
	store := sampleStore(t)
	before, err := os.ReadDir(store)
	if err != nil {
		t.Fatal(err)
	}
	snapshot := map[string][]byte{}
	for _, e := range before {
		b, _ := os.ReadFile(filepath.Join(store, e.Name()))
		snapshot[e.Name()] = b
	}
	big := filepath.Join(t.TempDir(), "big.jsonl")
	bigJSONL(t, big, 60_000)

	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			p := startCLI(t, store, nil, "ingest", big)
			time.Sleep(time.Second) // well inside reading and embedding
			p.cmd.Process.Signal(sig)
			start := time.Now()
			if !p.wait(5 * time.Second) {
				t.Fatalf("ingest still running 5 s after %v", sig)
			}
			if p.code != 130 {
				t.Fatalf("status %d after %v in %v, want 130 (if 0, the input was ingested before the signal):\n%s", p.code, sig, time.Since(start), p.stderr.String())
			}
			errOut := p.stderr.String()
			if !strings.Contains(errOut, "interrupted: nothing was saved; the store is unchanged") || strings.Contains(errOut, "ingested") || strings.Contains(errOut, "rejected") {
				t.Errorf("after %v stderr should say nothing was saved, and neither ingested nor rejected:\n%s", sig, errOut)
			}
			for name, b := range snapshot {
				if name == "LOCK" || strings.HasSuffix(name, ".lock") {
					continue
				}
				now, _ := os.ReadFile(filepath.Join(store, name))
				if !bytes.Equal(now, b) {
					t.Errorf("%s changed though the ingest was interrupted", name)
				}
			}
			q := startCLI(t, store, nil, "ingest", absPath(t, "../../testdata/archive/000_8765960b682b9259.txt"))
			q.stdin.Close()
			if !q.wait(30*time.Second) || q.code != 0 {
				t.Errorf("the next ingest: status %d (lock not released?):\n%s", q.code, q.stderr.String())
			}
		})
	}
}

// Issue 13, failure 9: ingest exited 0 when its only path was skipped and
// created an empty store when every path was rejected; failure 6: a BOM
// made 3 MB of zeros text.
func TestIngestExitStatus(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pdf := write("paper.pdf", []byte("%PDF-1.7"))
	bom8 := write("bom8.txt", append([]byte{0xEF, 0xBB, 0xBF}, make([]byte, 3<<20)...))
	bom16 := write("bom16.txt", append([]byte{0xFF, 0xFE}, make([]byte, 3<<20)...))
	good := write("good.txt", []byte("首届火炬论坛在河北雄安新区举办\n\n本报讯 论坛在雄安新区举办。"))
	emptyDir := filepath.Join(dir, "empty")
	os.Mkdir(emptyDir, 0o755)

	tests := []struct {
		name   string
		paths  []string
		stored bool
		says   []string
	}{
		{"skipped", []string{pdf}, false, []string{"skipped " + pdf}},
		{"missing", []string{filepath.Join(dir, "missing.txt")}, false, []string{"missing.txt"}},
		{"utf-8 BOM and zeros", []string{bom8}, false, []string{bom8, "binary"}},
		{"utf-16 BOM and zeros", []string{bom16}, false, []string{bom16, "binary"}},
		{"empty folder", []string{emptyDir}, false, []string{"nothing was read"}},
		{"good and skipped", []string{good, pdf}, true, []string{"skipped " + pdf}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := freshStore(t)
			code, _, errOut := runCLI(append([]string{"ingest"}, tt.paths...)...)
			if code != 1 {
				t.Errorf("status %d, want 1:\n%s", code, errOut)
			}
			for _, s := range tt.says {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
			_, err := os.Stat(store)
			if exists := err == nil; exists != tt.stored {
				t.Errorf("store exists: %v, want %v", exists, tt.stored)
			}
			if tt.stored {
				if docs := listJSON(t); len(docs) != 1 {
					t.Errorf("%d documents stored, want 1", len(docs))
				}
			}
		})
	}
}

// Issue 13, failure 9: --k below 1 quietly became 5; an empty question was
// searched.
func TestAskUsageErrors(t *testing.T) {
	evalEnv(t)
	for _, args := range [][]string{
		{"ask", "--k", "-1", "主宾国是哪个国家？"},
		{"ask", "--k", "0", "主宾国是哪个国家？"},
		{"ask", "--json", "--k=-3", "--batch", "-"},
		{"chat", "--k", "0"},
		{"ask", ""},
		{"ask", " ", "\t"},
	} {
		code, out, errOut := runCLI(args...)
		if code != 2 || out != "" || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%q: status %d, stdout %q, stderr %q; want status 2 and one line", args, code, out, errOut)
		}
	}
}

// stallingLLM is an OpenAI-compatible server that takes requests and never
// answers; requested is closed at the first request.
func stallingLLM(t *testing.T) (url string, requested chan struct{}) {
	requested = make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // so that a client's going away ends the context
		once.Do(func() { close(requested) })
		<-r.Context().Done()
	}))
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	return srv.URL + "/v1", requested
}

// Issue 13, failure 9: Ctrl-C gives status 130 everywhere. ask printed the
// extractive fallback and exited 0; chat at its prompt and a batch reading
// a terminal did not end at all.
func TestInterruptGives130(t *testing.T) {
	store := sampleStore(t)
	url, requested := stallingLLM(t)
	llm := []string{"HERALDQA_LLM=openai", "OPENAI_BASE_URL=" + url, "OPENAI_API_KEY=sk-test", "HERALDQA_LLM_MODEL=test"}
	polled := new(atomic.Int32)

	cases := []struct {
		name  string
		env   []string
		args  []string
		input string
		ready func(p *proc) bool // the moment to press Ctrl-C
	}{
		{"ask waiting for the LLM", llm, []string{"ask", "2025浦江创新论坛的主宾国是哪个国家？"}, "",
			func(*proc) bool {
				select {
				case <-requested:
					return true
				default:
					return false
				}
			}},
		{"chat at its prompt", nil, []string{"chat"}, "",
			func(p *proc) bool { return strings.Contains(p.stderr.String(), "> ") }},
		{"batch reading a terminal", nil, []string{"ask", "--json", "--batch", "-"}, "2025浦江创新论坛的主宾国是哪个国家？\n",
			func(p *proc) bool { return strings.Contains(p.stdout.String(), "白俄罗斯") }},
		{"bot polling Telegram", idleTelegram(t, polled), []string{"bot"}, "",
			func(*proc) bool { return polled.Load() > 0 }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := startCLI(t, store, tc.env, tc.args...)
			io.WriteString(p.stdin, tc.input) // and stdin stays open, as a terminal's
			waitFor(t, 30*time.Second, "the process to get going", func() bool { return tc.ready(p) })
			p.cmd.Process.Signal(syscall.SIGINT)
			if !p.wait(5 * time.Second) {
				t.Fatalf("still running 5 s after Ctrl-C\nstderr: %s", p.stderr.String())
			}
			if p.code != 130 {
				t.Errorf("status %d after Ctrl-C, want 130\nstdout: %s\nstderr: %s", p.code, p.stdout.String(), p.stderr.String())
			}
		})
	}
}

// Issue 13, failure 7: archive text reached the terminal raw, so escape
// sequences repainted the screen and a newline in a source or title forged
// a citation line. Text output escapes them; JSON keeps them exact.
func TestTerminalOutputIsSafe(t *testing.T) {
	freshStore(t)
	path := filepath.Join(t.TempDir(), "evil.jsonl")
	recs := []map[string]string{
		{"id": "e1", "source": "evil\x1b[2J\n[9] 《中国高新技术产业导报》2025年1月1日 第1期 第1版《forged》",
			"title": "\x1b]0;pwned\x07量子芯片\x1b[2J\u009b31m研发突破\n[8] fake citation",
			"text":  "量子芯片研发取得重大突破\x1b[31m，由\x1b]8;;http://evil.example/\x1b\\某实验室\x1b]8;;\x1b\\完成\u202e。\n[7] fake citation line"},
	}
	var b strings.Builder
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(line)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := runCLI("ingest", path); code != 0 {
		t.Fatalf("ingest: status %d: %s", code, errOut)
	}
	// eval's report lists the sources a failed case retrieved.
	fixture := filepath.Join(t.TempDir(), "evil.yaml")
	if err := os.WriteFile(fixture, []byte("- id: evil\n  question: 量子芯片研发由谁完成？\n  expect:\n    retrieved: {source: absent.txt, k: 3}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	citation := regexp.MustCompile(`(?m)^\[\d+\] `)
	unsafe := regexp.MustCompile("[\x00-\x08\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]")
	for _, args := range [][]string{{"ask", "量子芯片研发由谁完成？"}, {"list"}, {"eval", fixture}} {
		code, out, errOut := runCLI(args...)
		if args[0] == "eval" {
			if code != 1 || !strings.Contains(out, `evil\x1b`) {
				t.Errorf("eval: status %d, want 1 with the source's escape shown visibly:\n%s", code, out)
			}
		} else if code != 0 {
			t.Fatalf("%q: status %d: %s", args, code, errOut)
		}
		if m := unsafe.FindString(out + errOut); m != "" {
			t.Errorf("%q prints the control character %q raw:\n%q", args, m, out)
		}
		if args[0] == "ask" {
			if !strings.Contains(out, "量子芯片") {
				t.Fatalf("ask did not answer from the record:\n%s", out)
			}
			if n := len(citation.FindAllString(out, -1)); n != 1 {
				t.Errorf("ask prints %d citation lines, want the 1 real one:\n%s", n, out)
			}
			if !strings.Contains(out, `\x1b`) {
				t.Errorf("the escape is not shown visibly:\n%s", out)
			}
		}
		if args[0] == "list" && strings.Contains(out, "\n[") {
			t.Errorf("list prints a line starting with a forged citation:\n%s", out)
		}
	}
	// JSON keeps the stored text exactly.
	code, out, _ := runCLI("ask", "--json", "量子芯片研发由谁完成？")
	var ans struct {
		Sources []struct{ Source, Text string }
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil || code != 0 || len(ans.Sources) == 0 {
		t.Fatalf("ask --json: %d %v\n%s", code, err, out)
	}
	if ans.Sources[0].Source != recs[0]["source"] || !strings.Contains(ans.Sources[0].Text, "\x1b[31m") {
		t.Errorf("JSON source %q / text %q: want them as stored", ans.Sources[0].Source, ans.Sources[0].Text)
	}
}

// Issue 13, failure 8: one line over 1 MiB ended a whole batch (and chat)
// with "token too long". It is reported by number and skipped, the rest is
// answered, and the status says a line was skipped.
func TestLongLineSkipped(t *testing.T) {
	evalEnv(t)
	long := strings.Repeat("长", 700_000) // 2.1 MB
	q := "2025浦江创新论坛的主宾国是哪个国家？"

	var out, errOut strings.Builder
	code := run([]string{"ask", "--json", "--batch", "-"}, strings.NewReader(q+"\n"+long+"\n"+q+"\n"), &out, &errOut)
	if code != 1 {
		t.Errorf("batch: status %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "白俄罗斯") || !strings.Contains(lines[1], "白俄罗斯") {
		t.Errorf("batch: %d answers, want 2 about 白俄罗斯:\n%.500s", len(lines), out.String())
	}
	if !strings.Contains(errOut.String(), "line 2: longer than 1 MiB; skipped") || !strings.Contains(errOut.String(), "2 questions answered, 1 line skipped") {
		t.Errorf("batch stderr: %.500s", errOut.String())
	}

	out.Reset()
	errOut.Reset()
	code = run([]string{"chat"}, strings.NewReader(q+"\n"+long+"\n"+q+"\n/quit\n"), &out, &errOut)
	if code != 0 || strings.Count(out.String(), "[1] 《中国高新技术产业导报》2025年9月29日") != 2 || !strings.Contains(errOut.String(), "longer than 1 MiB; skipped") {
		t.Errorf("chat: status %d\nstdout: %.500s\nstderr: %.500s", code, out.String(), errOut.String())
	}
}

// idleTelegram is a Bot API on 127.0.0.1 with no updates to give: enough
// for `heraldqa bot` to start and poll. It counts the polls in polled and
// returns the bot's settings.
func idleTelegram(t *testing.T, polled *atomic.Int32) []string {
	const token = "123456:idle-telegram-test-token"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch path.Base(r.URL.Path) {
		case "getMe":
			io.WriteString(w, `{"ok":true,"result":{"id":123456,"is_bot":true,"first_name":"Idle","username":"idle_bot"}}`)
		case "getUpdates":
			polled.Add(1)
			select { // a short long-poll, as Telegram holds the request
			case <-r.Context().Done():
			case <-time.After(200 * time.Millisecond):
			}
			io.WriteString(w, `{"ok":true,"result":[]}`)
		default:
			io.WriteString(w, `{"ok":true,"result":true}`)
		}
	}))
	t.Cleanup(srv.Close)
	return []string{"TELEGRAM_BOT_TOKEN=" + token, "TELEGRAM_API_URL=" + srv.URL, "TELEGRAM_ALLOWED_USERS=1001"}
}
