package embed

import (
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	tests := []struct {
		kind     string
		cfg      Config
		wantName string
		wantErr  []string // substrings of the error
	}{
		{kind: "local", wantName: "local:hash-ngram-v1:256"},
		{kind: "local", cfg: Config{Dim: 1024}, wantName: "local:hash-ngram-v1:1024"},
		{kind: "local", cfg: Config{Dim: 3}, wantErr: []string{"dimension 3"}},
		{kind: "word2vec", wantErr: []string{`"word2vec"`, "local, openai, ollama"}},
		{kind: "", wantErr: []string{`""`, "local, openai, ollama"}},
		{kind: "openai", wantName: "openai:text-embedding-3-small"},
		{kind: "openai", cfg: Config{Model: "bge-m3", BaseURL: "http://127.0.0.1:8000/v1"}, wantName: "openai:bge-m3"},
		{kind: "ollama", wantName: "ollama:bge-m3"},
		{kind: "ollama", cfg: Config{BaseURL: "127.0.0.1:11434"}, wantErr: []string{"ollama", "127.0.0.1:11434"}},
	}
	for _, tt := range tests {
		e, err := New(tt.kind, tt.cfg)
		if tt.wantErr != nil {
			if e != nil {
				t.Errorf("New(%q) returned a non-nil Embedder with its error", tt.kind)
			}
			if err == nil {
				t.Errorf("New(%q) = %s, want an error", tt.kind, e.Name())
				continue
			}
			for _, s := range tt.wantErr {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("New(%q) error %q does not mention %s", tt.kind, err, s)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%q): %v", tt.kind, err)
			continue
		}
		if e.Name() != tt.wantName {
			t.Errorf("New(%q).Name() = %s, want %s", tt.kind, e.Name(), tt.wantName)
		}
	}
	if got := strings.Join(Kinds(), " "); got != "local openai ollama" {
		t.Errorf("Kinds() = %v, want local openai ollama", got)
	}
}
