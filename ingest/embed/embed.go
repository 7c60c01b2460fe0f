// Package embed turns texts into normalized vectors: a local, offline,
// deterministic embedder, and remote ones (OpenAI-compatible, Ollama)
// through langchaingo.
package embed

import "context"

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
