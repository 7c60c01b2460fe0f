package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// A suite recorded through Recording replays through Replaying with the
// server gone and no API key, retrying nothing.
func TestRecordingReplaying(t *testing.T) {
	srv := newFakeOpenAI(t)
	dir := t.TempDir()
	sources := []answer.Source{{Rank: 1, Text: "本次论坛主宾国为白俄罗斯共和国，主宾省为中国辽宁省。"}}
	q := retrieve.ParseQuery("2025浦江创新论坛的主宾国是哪个国家？")
	ctx := withCase(context.Background(), &caseTape{id: "replaying"})

	rec, err := answer.NewLLM(Recording(answer.LLMConfig{Provider: "openai", Model: "gpt-test", BaseURL: srv.URL + "/v1", APIKey: apiKey}, dir))
	if err != nil {
		t.Fatal(err)
	}
	want, err := rec.Generate(ctx, q, sources, nil)
	if err != nil {
		t.Fatal(err)
	}
	srv.Close()

	// Replayed elsewhere (no host is part of a recording's hash), keyless.
	cfg := Replaying(answer.LLMConfig{Provider: "openai", Model: "gpt-test", BaseURL: srv.URL + "/v1"}, dir)
	if cfg.MaxRetries >= 0 {
		t.Errorf("a replay retries %d times", cfg.MaxRetries)
	}
	rep, err := answer.NewLLM(cfg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := rep.Generate(ctx, q, sources, nil)
	if err != nil || got != want {
		t.Errorf("replayed %q, %v; want %q", got, err, want)
	}

	// OpenAI's own API refuses a configuration with no key; a replay of
	// it needs none, and a request it has no recording of fails as such.
	bare := answer.LLMConfig{Provider: "openai", Model: "gpt-test"}
	if _, err := answer.NewLLM(bare); err == nil {
		t.Fatal("OpenAI's API without a key was accepted: the test shows nothing")
	}
	rep, err = answer.NewLLM(Replaying(bare, dir))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rep.Generate(ctx, q, sources, nil); err == nil || !strings.Contains(err.Error(), "no recording for case replaying") {
		t.Errorf("replaying OpenAI's API: %v, want no recording", err)
	}
}
