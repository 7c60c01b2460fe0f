package embed

import (
	"fmt"

	"github.com/tmc/langchaingo/llms/openai"
)

// OpenAI defaults.
const (
	DefaultOpenAIURL   = "https://api.openai.com/v1"
	DefaultOpenAIModel = "text-embedding-3-small"
)

// NewOpenAI returns an embedder for any OpenAI-compatible /v1/embeddings
// API: OpenAI, DashScope, SiliconFlow, or bge-m3 behind vLLM, TEI or
// Ollama's /v1. Its name is "openai:" and the model.
//
// The key is sent as a bearer token; servers that want none still get
// "none", since the client insists on one.
func NewOpenAI(cfg Config) (*Remote, error) {
	cfg, err := remoteConfig("openai", cfg, DefaultOpenAIURL, DefaultOpenAIModel)
	if err != nil {
		return nil, err
	}
	token := cfg.APIKey
	if token == "" {
		token = "none"
	}
	r := newRemote("openai:"+cfg.Model, cfg)
	// Every option is set, so that langchaingo's fallbacks to the
	// OPENAI_* environment variables never apply.
	llm, err := openai.New(
		openai.WithToken(token),
		openai.WithBaseURL(cfg.BaseURL),
		openai.WithModel(cfg.Model),
		openai.WithEmbeddingModel(cfg.Model),
		openai.WithAPIType(openai.APITypeOpenAI),
		openai.WithOrganization(""),
		openai.WithHTTPClient(r.httpClient()),
	)
	if err != nil {
		return nil, fmt.Errorf("openai embedder: %s", r.redact(err.Error()))
	}
	r.create = llm.CreateEmbedding
	r.errLength = openai.ErrUnexpectedResponseLength
	return r, nil
}
