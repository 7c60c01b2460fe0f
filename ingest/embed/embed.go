// Package embed turns texts into normalized vectors: a local, offline,
// deterministic embedder, and remote ones (OpenAI-compatible, Ollama)
// through langchaingo.
package embed

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Embedder turns texts into vectors of unit length.
type Embedder interface {
	// Name identifies the embedder and its model, e.g. "local:hash-ngram-v1"
	// or "openai:bge-m3". Vectors of different names are never mixed.
	Name() string
	// Dim is the vector length; 0 when not known until the first Embed.
	Dim() int
	// Embed returns one unit-length vector per text, in order.
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// Config configures New. Zero fields take the defaults noted; fields that
// do not apply to a kind are ignored.
type Config struct {
	// Dim is the local embedder's vector length; default DefaultLocalDim.
	Dim int

	// BaseURL is the server: for openai the API root including /v1
	// (default https://api.openai.com/v1), for ollama the host
	// (default http://127.0.0.1:11434).
	BaseURL string
	// APIKey is sent as a bearer token (openai). It never appears in
	// errors or logs.
	APIKey string
	// Model is the embedding model; default text-embedding-3-small for
	// openai, bge-m3 for ollama.
	Model string
	// BatchSize is the most texts sent in one request; default 32.
	BatchSize int
	// Timeout bounds each request attempt; default 60s.
	Timeout time.Duration
	// MaxRetries is how often a failed request is retried (429, 5xx,
	// timeouts); default 4, negative for none.
	MaxRetries int
	// Backoff is the wait before the first retry, doubled for each next one
	// (with jitter, at most 30s) unless the server sends Retry-After;
	// default 500ms.
	Backoff time.Duration
}

var kinds = []string{"local", "openai", "ollama"}

// Kinds lists the kinds New accepts.
func Kinds() []string { return slices.Clone(kinds) }

// New returns the embedder of the given kind: "local", "openai" or
// "ollama".
func New(kind string, cfg Config) (Embedder, error) {
	// Each constructor's error is checked here so that its nil pointer
	// never becomes a non-nil Embedder.
	switch kind {
	case "local":
		var opts []LocalOption
		if cfg.Dim != 0 {
			opts = append(opts, WithDim(cfg.Dim))
		}
		l, err := NewLocal(opts...)
		if err != nil {
			return nil, err
		}
		return l, nil
	case "openai":
		r, err := NewOpenAI(cfg)
		if err != nil {
			return nil, err
		}
		return r, nil
	case "ollama":
		r, err := NewOllama(cfg)
		if err != nil {
			return nil, err
		}
		return r, nil
	}
	return nil, fmt.Errorf("unknown embedder kind %q (valid: %s)", kind, strings.Join(kinds, ", "))
}
