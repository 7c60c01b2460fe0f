//go:build llm

package main

import (
	"fmt"
	"net/http"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// llmWith builds the configured LLM answerer sending its requests through
// client. A replay needs no API key (none is part of a recording's hash)
// and retries nothing: a missing recording stays missing.
func (a *app) llmWith(client *http.Client, replaying bool) (answer.Generator, error) {
	if replaying && a.cfg.Get("OPENAI_API_KEY") == "" {
		a.cfg.Set("OPENAI_API_KEY", "replay-needs-no-key")
	}
	cfg, ok, err := a.llmConfig(client)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, usageError{"no LLM is configured: choose one with --llm openai|ollama (HERALDQA_LLM)"}
	}
	if replaying {
		cfg.MaxRetries = -1
	}
	gen, err := answer.NewLLM(cfg)
	if err != nil {
		return nil, fmt.Errorf("HERALDQA_LLM=%s: %w", cfg.Provider, err)
	}
	return gen, nil
}
