package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestEvalRecordReplay: a suite recorded once against an OpenAI-compatible
// server replays with the server gone and no API key, and a question with
// no recording fails its case by name.
func TestEvalRecordReplay(t *testing.T) {
	evalEnv(t)
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/v1/chat/completions" || r.Header.Get("Authorization") != "Bearer sk-eval-secret" {
			http.Error(w, `{"error":{"message":"no"}}`, http.StatusUnauthorized)
			return
		}
		var req struct {
			Model string `json:"model"`
		}
		json.NewDecoder(r.Body).Decode(&req)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id":"c1","object":"chat.completion","model":%q,"choices":[{"index":0,"message":{"role":"assistant","content":"本次论坛主宾国为白俄罗斯共和国[1]。"},"finish_reason":"stop"}]}`, req.Model)
	}))
	defer srv.Close()
	t.Setenv("HERALDQA_LLM", "openai")
	t.Setenv("HERALDQA_LLM_MODEL", "gpt-test")
	t.Setenv("OPENAI_BASE_URL", srv.URL+"/v1")
	t.Setenv("OPENAI_API_KEY", "sk-eval-secret")

	suite := suiteFile(t, `- id: guest-country-llm
  question: 2025浦江创新论坛的主宾国是哪个国家？
  expect: {mode: llm, contains_any: [白俄罗斯], refused: false}
`)
	dir := filepath.Join(t.TempDir(), "recordings")
	code, stdout, stderr := runCLI("eval", "--record", dir, suite)
	if code != 0 || stdout != "1 passed, 0 failed\n" {
		t.Fatalf("record: %d\n%s\n%s", code, stdout, stderr)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) != 1 {
		t.Fatalf("%d recordings, want 1", len(files))
	}
	data, _ := os.ReadFile(files[0])
	if strings.Contains(string(data), "sk-eval-secret") || !strings.Contains(string(data), `"case": "guest-country-llm"`) {
		t.Errorf("recording:\n%s", data)
	}

	srv.Close()
	before := hits.Load()
	t.Setenv("OPENAI_API_KEY", "")
	code, stdout, stderr = runCLI("eval", "--replay", dir, suite)
	if code != 0 || stdout != "1 passed, 0 failed\n" {
		t.Errorf("replay: %d\n%s\n%s", code, stdout, stderr)
	}

	other := suiteFile(t, `- id: guest-province-llm
  question: 2025浦江创新论坛的主宾省是哪个省？
  expect: {contains_any: [辽宁]}
`)
	code, stdout, _ = runCLI("eval", "--replay", dir, other)
	want := "FAIL guest-province-llm (" + other + ":1): error: no recording for case guest-province-llm (request hash "
	if code != 1 || !strings.HasPrefix(stdout, want) || !strings.Contains(stdout, "): run with --record against the model") ||
		!strings.HasSuffix(stdout, "0 passed, 1 failed\n") {
		t.Errorf("missing recording: %d\n%s", code, stdout)
	}
	if hits.Load() != before {
		t.Error("a replay reached the server")
	}
}
