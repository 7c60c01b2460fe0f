package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

const apiKey = "sk-test-secret-0123456789"

// fakeOpenAI is an OpenAI-compatible chat server on 127.0.0.1: it answers
// "Answer to: <last message>", as JSON or as an SSE stream, and 500 to the
// message "fail". A stream pauses after its first event until gate is
// closed, when gate is set.
type fakeOpenAI struct {
	*httptest.Server
	hits atomic.Int32
	gate chan struct{}
}

func newFakeOpenAI(t *testing.T) *fakeOpenAI {
	f := &fakeOpenAI{}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeOpenAI) serve(w http.ResponseWriter, r *http.Request) {
	f.hits.Add(1)
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		http.NotFound(w, r)
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+apiKey {
		http.Error(w, `{"error":{"message":"bad key"}}`, http.StatusUnauthorized)
		return
	}
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
		Stream bool `json:"stream"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) == 0 {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}
	last := req.Messages[len(req.Messages)-1].Content
	if last == "fail" {
		http.Error(w, `{"error":{"message":"overloaded"}}`, http.StatusInternalServerError)
		return
	}
	// Headers a recording must not keep.
	w.Header().Set("Set-Cookie", "session=cookie-secret")
	w.Header().Set("Openai-Organization", "org-secret")
	w.Header().Set("X-Request-Id", "req-42")
	text := "Answer to: " + last
	if !req.Stream {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"chatcmpl-1","object":"chat.completion","model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":%q},"finish_reason":"stop"}]}`, req.Model, text)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	for i, part := range sseParts(text) {
		fmt.Fprint(w, sseEvent(req.Model, part))
		w.(http.Flusher).Flush()
		if i == 0 && f.gate != nil {
			select {
			case <-f.gate:
			case <-time.After(5 * time.Second):
				return
			}
		}
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// sseParts splits an answer into the three pieces the fake streams.
func sseParts(text string) []string {
	r := []rune(text)
	a, b := len(r)/3, 2*len(r)/3
	return []string{string(r[:a]), string(r[a:b]), string(r[b:])}
}

func sseEvent(model, part string) string {
	return fmt.Sprintf("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":%q,\"choices\":[{\"index\":0,\"delta\":{\"content\":%q}}]}\n\n", model, part)
}

// wantSSE is the whole stream the fake sends for text.
func wantSSE(model, text string) string {
	var b strings.Builder
	for _, p := range sseParts(text) {
		b.WriteString(sseEvent(model, p))
	}
	b.WriteString("data: [DONE]\n\n")
	return b.String()
}

// chat posts a chat request the way an OpenAI client does.
func chat(ctx context.Context, client *http.Client, base, body, key string) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/chat/completions", strings.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+key)
	return client.Do(req)
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func recordings(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = string(b)
	}
	return out
}

const (
	plainBody  = `{"model":"gpt-test","messages":[{"role":"system","content":"cite [n]"},{"role":"user","content":"主宾国是哪个国家？"}],"temperature":0}`
	streamBody = `{"model":"gpt-test","messages":[{"role":"user","content":"主宾省是哪个省？"}],"stream":true,"temperature":0}`
	// plainBody with its keys in another order and other spacing.
	plainReordered = `{ "temperature": 0, "messages": [ {"content": "cite [n]", "role": "system"}, {"role": "user", "content": "主宾国是哪个国家？"} ], "model": "gpt-test" }`
)

func TestRecordReplay(t *testing.T) {
	srv := newFakeOpenAI(t)
	srv.gate = make(chan struct{})
	dir := filepath.Join(t.TempDir(), "recordings") // created on first save
	tape := &caseTape{id: "pujiang-guest-country"}
	ctx := withCase(context.Background(), tape)
	rec := &http.Client{Transport: Recorder(dir, nil)}

	resp, err := chat(ctx, rec, srv.URL, plainBody, apiKey)
	if err != nil {
		t.Fatal(err)
	}
	plain := readAll(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(plain, `"content":"Answer to: 主宾国是哪个国家？"`) {
		t.Fatalf("recording changed the exchange: %d %s", resp.StatusCode, plain)
	}

	// The stream reaches the client event by event while recording: the
	// server sends the rest only once the client has read the first event.
	resp, err = chat(ctx, rec, srv.URL, streamBody, apiKey)
	if err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(resp.Body)
	first, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	if want := sseEvent("gpt-test", sseParts("Answer to: 主宾省是哪个省？")[0]); first != strings.TrimSuffix(want, "\n") {
		t.Errorf("first event %q", first)
	}
	close(srv.gate)
	rest, err := io.ReadAll(br)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	stream := first + string(rest)
	if stream != wantSSE("gpt-test", "Answer to: 主宾省是哪个省？") {
		t.Errorf("streamed body %q", stream)
	}
	if p := tape.missed(); len(p) > 0 {
		t.Errorf("problems while recording: %v", p)
	}

	files := recordings(t, dir)
	if len(files) != 2 {
		t.Fatalf("%d recordings, want 2: %v", len(files), files)
	}
	for name, text := range files {
		if !regexp.MustCompile(`^[0-9a-f]{16}\.json$`).MatchString(name) {
			t.Errorf("recording named %s", name)
		}
		for _, secret := range []string{apiKey, "Bearer", "cookie-secret", "org-secret"} {
			if strings.Contains(text, secret) {
				t.Errorf("%s holds %q:\n%s", name, secret, text)
			}
		}
		for _, want := range []string{`"case": "pujiang-guest-country"`, `"path": "/v1/chat/completions"`, `"method": "POST"`, `"X-Request-Id"`} {
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
	}

	// Replay with the server gone: nothing may reach the network. The
	// closed server's address would refuse a connection and .invalid
	// never resolves, so only the recordings can answer.
	srv.Close()
	hits := srv.hits.Load()
	rep := &http.Client{Transport: Replayer(dir)}
	for _, base := range []string{srv.URL, "http://api.example.invalid"} {
		resp, err := chat(ctx, rep, base, plainReordered, "sk-another-key")
		if err != nil {
			t.Fatalf("replay from %s: %v", base, err)
		}
		if got := readAll(t, resp); got != plain || resp.StatusCode != 200 ||
			resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("X-Request-Id") != "req-42" {
			t.Errorf("replayed %d %v %q, want the recorded %q", resp.StatusCode, resp.Header, got, plain)
		}
		resp, err = chat(ctx, rep, base, streamBody, "")
		if err != nil {
			t.Fatal(err)
		}
		if got := readAll(t, resp); got != stream || resp.Header.Get("Content-Type") != "text/event-stream" {
			t.Errorf("replayed stream %q", got)
		}
	}
	if srv.hits.Load() != hits {
		t.Error("the replay reached the server")
	}

	// A changed prompt has no recording: the error names the case and the
	// request hash, and the case's tape keeps it.
	changed := strings.Replace(plainBody, "cite [n]", "cite [n] and be brief", 1)
	_, err = chat(ctx, rep, srv.URL, changed, apiKey)
	msg := regexp.MustCompile(`^no recording for case pujiang-guest-country \(request hash [0-9a-f]{16}\): run with --record against the model$`)
	if err == nil || !msg.MatchString(errorCause(err)) {
		t.Fatalf("missing recording: %v", err)
	}
	if p := tape.missed(); len(p) != 1 || !msg.MatchString(p[0]) {
		t.Errorf("tape: %q", p)
	}
	// Without a case (a request outside a run) it still says what to do.
	_, err = chat(context.Background(), rep, srv.URL, changed, apiKey)
	if err == nil || !strings.HasPrefix(errorCause(err), "no recording for request hash ") {
		t.Errorf("missing recording outside a case: %v", err)
	}
}

// errorCause strips the *url.Error the client wraps transport errors in.
func errorCause(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

// TestRecordEarlyClose: a client that stops reading at "data: [DONE]" and
// closes still leaves a whole recording.
func TestRecordEarlyClose(t *testing.T) {
	srv := newFakeOpenAI(t)
	dir := t.TempDir()
	resp, err := chat(context.Background(), &http.Client{Transport: Recorder(dir, nil)}, srv.URL, streamBody, apiKey)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 10)
	if _, err := io.ReadFull(resp.Body, buf); err != nil {
		t.Fatal(err)
	}
	if err := resp.Body.Close(); err != nil {
		t.Fatal(err)
	}
	srv.Close()
	resp, err = chat(context.Background(), &http.Client{Transport: Replayer(dir)}, srv.URL, streamBody, apiKey)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != wantSSE("gpt-test", "Answer to: 主宾省是哪个省？") {
		t.Errorf("recording of a stream closed early: %q", got)
	}
}

// TestRecordSkipsFailures: an error reply is passed on but not recorded,
// and the case hears of it.
func TestRecordSkipsFailures(t *testing.T) {
	srv := newFakeOpenAI(t)
	dir := t.TempDir()
	tape := &caseTape{id: "overloaded"}
	body := `{"model":"gpt-test","messages":[{"role":"user","content":"fail"}]}`
	resp, err := chat(withCase(context.Background(), tape), &http.Client{Transport: Recorder(dir, nil)}, srv.URL, body, apiKey)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if resp.StatusCode != 500 {
		t.Errorf("status %d passed on, want 500", resp.StatusCode)
	}
	if files := recordings(t, dir); len(files) != 0 {
		t.Errorf("a failure was recorded: %v", files)
	}
	if p := tape.missed(); len(p) != 1 || !strings.HasPrefix(p[0], "not recorded: the model answered 500 Internal Server Error to request hash ") {
		t.Errorf("tape: %q", p)
	}
}

// TestReplayMissFailsCase: an answerer that swallows the LLM's error and
// falls back to an answer that would pass still fails the case, naming it.
func TestReplayMissFailsCase(t *testing.T) {
	client := &http.Client{Transport: Replayer(t.TempDir())}
	ask := func(ctx context.Context, q string) (*answer.Answer, error) {
		body := fmt.Sprintf(`{"model":"gpt-test","messages":[{"role":"user","content":%q}]}`, q)
		if resp, err := chat(ctx, client, "http://api.example.invalid", body, apiKey); err == nil {
			resp.Body.Close()
		}
		return &answer.Answer{Answer: "answer (extractive fallback)", Mode: answer.ModeExtractive}, nil
	}
	rep, err := Run(context.Background(), suite(1), ask, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Cases[0]
	if r.Passed || !strings.HasPrefix(r.Error, "no recording for case c0 (request hash ") || rep.Failed != 1 {
		t.Errorf("result %+v", r)
	}
}

func TestRequestKey(t *testing.T) {
	u := func(s string) *url.URL {
		p, err := url.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	base, _ := requestKey("POST", u("https://api.openai.com/v1/chat/completions"), []byte(plainBody))
	tests := []struct {
		name   string
		method string
		url    string
		body   string
		same   bool
	}{
		{"keys reordered, spaces", "POST", "https://api.openai.com/v1/chat/completions", plainReordered, true},
		{"another host", "POST", "http://127.0.0.1:9/v1/chat/completions", plainBody, true},
		{"a key in the query", "POST", "https://api.openai.com/v1/chat/completions?api_key=sk-x", plainBody, true},
		{"another model", "POST", "https://api.openai.com/v1/chat/completions", strings.Replace(plainBody, "gpt-test", "gpt-other", 1), false},
		{"another prompt", "POST", "https://api.openai.com/v1/chat/completions", strings.Replace(plainBody, "主宾国", "主宾省", 1), false},
		{"another temperature", "POST", "https://api.openai.com/v1/chat/completions", strings.Replace(plainBody, `"temperature":0`, `"temperature":0.5`, 1), false},
		{"another path", "POST", "https://api.openai.com/v1/completions", plainBody, false},
		{"another method", "PUT", "https://api.openai.com/v1/chat/completions", plainBody, false},
		{"another query", "POST", "https://api.openai.com/v1/chat/completions?api-version=2024", plainBody, false},
	}
	for _, tt := range tests {
		key, _ := requestKey(tt.method, u(tt.url), []byte(tt.body))
		if (key == base) != tt.same {
			t.Errorf("%s: same hash %v, want %v", tt.name, key == base, tt.same)
		}
	}
	// The canonical body is what a reader of a recording sees.
	_, canon := requestKey("POST", u("http://x/v1/chat/completions"), []byte(`{"b": 1, "a": {"d": "<&>", "c": 1.50}}`))
	if string(canon) != `{"a":{"c":1.50,"d":"<&>"},"b":1}` {
		t.Errorf("canonical body %s", canon)
	}
	_, canon = requestKey("POST", u("http://x/api"), []byte("not json"))
	if string(canon) != `"not json"` {
		t.Errorf("non-JSON body %s", canon)
	}
}
