package eval

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// TestRecordReplayLLM runs the real LLM answerer (langchaingo's OpenAI
// client) through Recorder against the fake server, then through Replayer
// with the server closed: streamed and whole answers come back the same.
func TestRecordReplayLLM(t *testing.T) {
	srv := newFakeOpenAI(t)
	dir := t.TempDir()
	newLLM := func(rt http.RoundTripper, key string) *answer.LLM {
		l, err := answer.NewLLM(answer.LLMConfig{
			Provider: "openai", Model: "gpt-test", BaseURL: srv.URL + "/v1", APIKey: key,
			MaxRetries: -1, HTTPClient: &http.Client{Transport: rt},
		})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	sources := []answer.Source{{Rank: 1, Headline: "2025浦江创新论坛在沪开幕", Source: "000_8765960b682b9259.txt",
		Text: "本次论坛主宾国为白俄罗斯共和国，主宾省为中国辽宁省。"}}
	q := retrieve.ParseQuery("2025浦江创新论坛的主宾国是哪个国家？")
	ctx := withCase(context.Background(), &caseTape{id: "pujiang-guest-country"})

	rec := newLLM(Recorder(dir, nil), apiKey)
	whole, err := rec.Generate(ctx, q, sources, nil)
	if err != nil {
		t.Fatal(err)
	}
	var streamed bytes.Buffer
	streamedText, err := rec.Generate(ctx, q, sources, &streamed)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(whole, "Answer to: ") || !strings.Contains(whole, "白俄罗斯") || streamedText != whole || streamed.String() != whole {
		t.Fatalf("recorded answers: whole %q, streamed %q (%q)", whole, streamedText, streamed.String())
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(files) != 2 {
		t.Fatalf("%d recordings, want 2 (whole and streamed)", len(files))
	}

	srv.Close()
	rep := newLLM(Replayer(dir), "")
	got, err := rep.Generate(ctx, q, sources, nil)
	if err != nil || got != whole {
		t.Errorf("replayed whole answer %q, %v", got, err)
	}
	streamed.Reset()
	got, err = rep.Generate(ctx, q, sources, &streamed)
	if err != nil || got != whole || streamed.String() != whole {
		t.Errorf("replayed stream %q (%q), %v", got, streamed.String(), err)
	}

	// Another question is another request: no recording, said plainly.
	tape := &caseTape{id: "pujiang-guest-province"}
	_, err = rep.Generate(withCase(context.Background(), tape), retrieve.ParseQuery("2025浦江创新论坛的主宾省是哪个省？"), sources, nil)
	if err == nil || !strings.Contains(err.Error(), "no recording for case pujiang-guest-province (request hash ") {
		t.Errorf("missing recording: %v", err)
	}
	if p := tape.missed(); len(p) != 1 {
		t.Errorf("tape: %q", p)
	}
}
