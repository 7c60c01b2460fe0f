//go:build llm

package main

import (
	"net/http"
	"strings"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// llmWith builds the configured LLM answerer sending its requests through
// client. A replay needs no API key (none is part of a recording's hash)
// and retries nothing: a missing recording stays missing.
func (a *app) llmWith(client *http.Client, replaying bool) (answer.Generator, error) {
	timeout, err := a.cfg.Duration("HERALDQA_LLM_TIMEOUT")
	if err != nil {
		return nil, err
	}
	provider := strings.ToLower(a.cfg.Get("HERALDQA_LLM"))
	cfg := answer.LLMConfig{
		Provider:   provider,
		Model:      a.cfg.Get("HERALDQA_LLM_MODEL"),
		BaseURL:    a.cfg.Get("OPENAI_BASE_URL"),
		APIKey:     a.cfg.Get("OPENAI_API_KEY"),
		Timeout:    timeout,
		HTTPClient: client,
	}
	if provider == "ollama" {
		cfg.BaseURL, cfg.APIKey = a.cfg.Get("OLLAMA_HOST"), ""
	}
	if replaying {
		cfg.MaxRetries = -1
		if cfg.APIKey == "" && provider == "openai" {
			cfg.APIKey = "replay-needs-no-key"
		}
	}
	gen, err := answer.NewLLM(cfg)
	if err != nil {
		return nil, err
	}
	return gen, nil
}
