package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	dotenv := filepath.Join(dir, ".env")
	os.WriteFile(dotenv, []byte("# comment\nHERALDQA_STORE=/from/dotenv\nHERALDQA_LLM=\"ollama\"\nexport HERALDQA_K=7 # seven\nOPENAI_API_KEY='sk-dotenv'\n"), 0o600)
	env := map[string]string{"HERALDQA_LLM": "openai", "HERALDQA_EMBEDDER": "ollama"}
	c, err := Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok }, dotenv)
	if err != nil {
		t.Fatal(err)
	}
	c.Set("HERALDQA_EMBEDDER", "local") // a flag
	tests := []struct{ name, want string }{
		{"HERALDQA_STORE", "/from/dotenv"},        // .env over default
		{"HERALDQA_LLM", "openai"},                // environment over .env
		{"HERALDQA_EMBEDDER", "local"},            // flag over environment
		{"HERALDQA_K", "7"},                       // export prefix and trailing comment
		{"OPENAI_API_KEY", "sk-dotenv"},           // single quotes
		{"OLLAMA_HOST", "http://127.0.0.1:11434"}, // default
	}
	for _, tt := range tests {
		if got := c.Get(tt.name); got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestBadValues(t *testing.T) {
	c, _ := Load(func(k string) (string, bool) {
		return map[string]string{"HERALDQA_K": "five", "HERALDQA_LLM_TIMEOUT": "soon", "TELEGRAM_PUBLIC": "maybe", "TELEGRAM_ALLOWED_USERS": "12, x"}[k], true
	}, "")
	if _, err := c.Int("HERALDQA_K"); err == nil {
		t.Error("HERALDQA_K=five accepted")
	}
	if _, err := c.Duration("HERALDQA_LLM_TIMEOUT"); err == nil {
		t.Error("timeout=soon accepted")
	}
	if _, err := c.Bool("TELEGRAM_PUBLIC"); err == nil {
		t.Error("public=maybe accepted")
	}
	if _, err := c.IDs("TELEGRAM_ALLOWED_USERS"); err == nil {
		t.Error("ids with x accepted")
	}
}

func TestMalformedDotenv(t *testing.T) {
	p := filepath.Join(t.TempDir(), ".env")
	os.WriteFile(p, []byte("OK=1\nno equals sign\n"), 0o600)
	if _, err := Load(func(string) (string, bool) { return "", false }, p); err == nil {
		t.Fatal("malformed .env accepted")
	}
}

// .env.example documents every setting.
func TestEnvExampleDocumentsEveryVar(t *testing.T) {
	b, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range Vars {
		if !strings.Contains(string(b), "\n"+v.Name+"=") {
			t.Errorf(".env.example lacks %s", v.Name)
		}
	}
}
