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
		{kind: "word2vec", wantErr: []string{`"word2vec"`, "local"}},
		{kind: "", wantErr: []string{`""`, "local"}},
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
	if got := Kinds(); len(got) == 0 || got[0] != "local" {
		t.Errorf("Kinds() = %v, want local first", got)
	}
}
