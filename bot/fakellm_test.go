package bot

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// fakeLLM is an OpenAI-compatible chat server on 127.0.0.1 that streams
// its answer as server-sent events, one token every `every`, as the real
// servers do (a role announcement, content deltas, a finish, [DONE]). It
// notes the requests whose client went away before the end.
type fakeLLM struct {
	srv *httptest.Server

	mu     sync.Mutex
	tokens []string
	every  time.Duration

	requests  atomic.Int32
	cancelled atomic.Int32 // streams whose request context ended early
	finished  atomic.Int32
}

func newFakeLLM(t testing.TB, every time.Duration, tokens ...string) *fakeLLM {
	f := &fakeLLM{tokens: tokens, every: every}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLLM) serve(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/chat/completions" {
		http.Error(w, `{"error":{"message":"not found"}}`, http.StatusNotFound)
		return
	}
	f.requests.Add(1)
	f.mu.Lock()
	tokens, every := f.tokens, f.every
	f.mu.Unlock()
	var req struct {
		Stream bool `json:"stream"`
	}
	body, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(body, &req); err != nil {
		http.Error(w, `{"error":{"message":"bad json"}}`, http.StatusBadRequest)
		return
	}
	chunk := func(delta map[string]string, finish any) string {
		b, _ := json.Marshal(map[string]any{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1762156800, "model": "m",
			"choices": []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finish}}})
		return fmt.Sprintf("data: %s\n\n", b)
	}
	if !req.Stream {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"id": "chatcmpl-1", "object": "chat.completion", "created": 1762156800, "model": "m",
			"choices": []any{map[string]any{"index": 0, "message": map[string]string{"role": "assistant", "content": strings.Join(tokens, "")}, "finish_reason": "stop"}}})
		f.finished.Add(1)
		return
	}
	fl := w.(http.Flusher)
	w.Header().Set("Content-Type", "text/event-stream")
	io.WriteString(w, chunk(map[string]string{"role": "assistant", "content": ""}, nil))
	fl.Flush()
	for _, tok := range tokens {
		select {
		case <-r.Context().Done():
			f.cancelled.Add(1)
			return
		case <-time.After(every):
		}
		io.WriteString(w, chunk(map[string]string{"content": tok}, nil))
		fl.Flush()
	}
	io.WriteString(w, chunk(map[string]string{}, "stop"))
	io.WriteString(w, "data: [DONE]\n\n")
	fl.Flush()
	f.finished.Add(1)
}

// set changes the answer of the requests to come.
func (f *fakeLLM) set(every time.Duration, tokens ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tokens, f.every = tokens, every
}

// asker answers over the sample with the fake as its LLM.
func (f *fakeLLM) asker(t testing.TB) *answer.Asker {
	t.Helper()
	llm, err := answer.NewLLM(answer.LLMConfig{Provider: "openai", BaseURL: f.srv.URL + "/v1", Model: "m", MaxRetries: -1, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	return &answer.Asker{Engine: sample, LLM: llm}
}

// puJiangTokens is an LLM answer to puJiang, citing source 1, in pieces.
var puJiangTokens = []string{"2025", "浦江创新", "论坛的", "主宾国", "是白俄", "罗斯", "[1]", "。", "论坛", "以共建", "全球科技", "共同体", "为主题", "[1]", "。"}

// longPuJiangTokens is a longer answer of four clauses. The answerer passes
// text on a clause at a time, so a streaming test needs several clauses to
// see several updates: with two, the second races the final message on a
// busy machine.
var longPuJiangTokens = append(append([]string{}, puJiangTokens...),
	"本次论坛", "主宾国为", "白俄罗斯", "共和国", "，", "主宾省为", "中国", "辽宁省", "[1]", "。")

// endless is n pieces of an answer that goes on.
func endless(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "论坛还在继续讨论。"
	}
	return out
}
