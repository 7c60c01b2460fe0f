package main

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// llm builds the configured LLM answerer; nil when HERALDQA_LLM is none,
// and the answers are extractive.
func (a *app) llm() (*answer.LLM, error) {
	cfg, ok, err := a.llmConfig(nil)
	if err != nil || !ok {
		return nil, err
	}
	return newLLM(cfg)
}

// newLLM builds the LLM answerer of cfg.
func newLLM(cfg answer.LLMConfig) (*answer.LLM, error) {
	if cfg.Provider == "openai" && cfg.BaseURL == "" && cfg.APIKey == "" {
		return nil, fmt.Errorf("HERALDQA_LLM=openai needs OPENAI_API_KEY, or OPENAI_BASE_URL set to a local OpenAI-compatible server")
	}
	gen, err := answer.NewLLM(cfg)
	if err != nil {
		return nil, fmt.Errorf("HERALDQA_LLM=%s: %w", cfg.Provider, err)
	}
	return gen, nil
}

// useLLM gives the asker the LLM and its context budget.
func (a *app) useLLM(asker *answer.Asker, gen *answer.LLM) error {
	chars, err := a.cfg.Int("HERALDQA_LLM_CONTEXT_CHARS")
	if err != nil {
		return err
	}
	if chars < 500 {
		return fmt.Errorf("HERALDQA_LLM_CONTEXT_CHARS=%d: want at least 500 characters", chars)
	}
	asker.LLM, asker.ContextChars = gen, chars
	return nil
}

// llmConfig reads the LLM answerer's settings, its requests to be sent
// through client (nil for a default one: eval passes a recording one). ok
// is false when no LLM is configured.
func (a *app) llmConfig(client *http.Client) (cfg answer.LLMConfig, ok bool, err error) {
	provider := strings.ToLower(strings.TrimSpace(a.cfg.Get("HERALDQA_LLM")))
	if provider == "" || provider == "none" {
		return cfg, false, nil
	}
	timeout, err := a.cfg.Duration("HERALDQA_LLM_TIMEOUT")
	if err != nil {
		return cfg, false, err
	}
	maxChars, err := a.cfg.Int("HERALDQA_LLM_MAX_CHARS")
	if err != nil {
		return cfg, false, err
	}
	if maxChars < 1 {
		return cfg, false, fmt.Errorf("HERALDQA_LLM_MAX_CHARS=%d: want a length of at least 1", maxChars)
	}
	cfg = answer.LLMConfig{
		Provider:   provider,
		Model:      strings.TrimSpace(a.cfg.Get("HERALDQA_LLM_MODEL")),
		Timeout:    timeout,
		MaxChars:   maxChars,
		HTTPClient: client,
	}
	switch provider {
	case "openai":
		cfg.BaseURL = strings.TrimSpace(a.cfg.Get("OPENAI_BASE_URL"))
		cfg.APIKey = strings.TrimSpace(a.cfg.Get("OPENAI_API_KEY"))
	case "ollama":
		cfg.BaseURL = strings.TrimSpace(a.cfg.Get("OLLAMA_HOST"))
	default:
		return cfg, false, fmt.Errorf("HERALDQA_LLM=%q is not an answerer (valid: none, %s)",
			a.cfg.Get("HERALDQA_LLM"), strings.Join(answer.LLMProviders(), ", "))
	}
	return cfg, true, nil
}
