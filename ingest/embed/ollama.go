package embed

import (
	"fmt"

	"github.com/tmc/langchaingo/llms/ollama"
)

// Ollama defaults.
const (
	DefaultOllamaURL   = "http://127.0.0.1:11434"
	DefaultOllamaModel = "bge-m3"
)

// NewOllama returns an embedder for an Ollama server's /api/embed. Its name
// is "ollama:" and the model.
//
// langchaingo's Ollama client sends one request per text (each retried on
// its own), so BatchSize changes nothing on the wire. For throughput, point
// NewOpenAI at the same server's OpenAI API (http://127.0.0.1:11434/v1),
// which takes whole batches.
func NewOllama(cfg Config) (*Remote, error) {
	cfg, err := remoteConfig("ollama", cfg, DefaultOllamaURL, DefaultOllamaModel)
	if err != nil {
		return nil, err
	}
	r := newRemote("ollama:"+cfg.Model, cfg)
	llm, err := ollama.New(
		ollama.WithServerURL(cfg.BaseURL),
		ollama.WithModel(cfg.Model),
		ollama.WithHTTPClient(r.httpClient()),
	)
	if err != nil {
		return nil, fmt.Errorf("ollama embedder: %w", err)
	}
	r.create = llm.CreateEmbedding
	r.errLength = ollama.ErrIncompleteEmbedding
	return r, nil
}
