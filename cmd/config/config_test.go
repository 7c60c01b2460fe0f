package config

import (
	"log/slog"
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
	os.WriteFile(p, []byte("OK=1\nOPENAI_API_KEY sk-secret-value\n"), 0o600)
	_, err := Load(func(string) (string, bool) { return "", false }, p)
	if err == nil {
		t.Fatal("malformed .env accepted")
	}
	if strings.Contains(err.Error(), "sk-secret") || strings.Contains(err.Error(), "\n") {
		t.Errorf("the error quotes the file or is not one line: %q", err)
	}
}

// Quoting as a .env is usually written: the hand-written parser kept the
// quotes of KEY="v" # comment and did not read \n escapes.
func TestDotenvQuoting(t *testing.T) {
	tests := []struct{ line, want string }{
		{`HERALDQA_STORE="/data/herald" # where the store lives`, "/data/herald"},
		{`HERALDQA_STORE='/data/herald' # single quotes`, "/data/herald"},
		{`HERALDQA_STORE=/data/herald # unquoted`, "/data/herald"},
		{`HERALDQA_STORE="a\nb"`, "a\nb"},
		{`HERALDQA_STORE='a\nb'`, `a\nb`},
		{`export HERALDQA_STORE = "/x"`, "/x"},
		{`HERALDQA_STORE="a # not a comment"`, "a # not a comment"},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), ".env")
		os.WriteFile(p, []byte("# settings\n"+tt.line+"\n"), 0o600)
		c, err := Load(func(string) (string, bool) { return "", false }, p)
		if err != nil {
			t.Errorf("%s: %v", tt.line, err)
			continue
		}
		if got := c.Get("HERALDQA_STORE"); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.line, got, tt.want)
		}
	}
}

func TestLogLevel(t *testing.T) {
	tests := []struct {
		value string
		want  slog.Level
		ok    bool
	}{
		{"", slog.LevelInfo, true}, {"debug", slog.LevelDebug, true}, {"WARN", slog.LevelWarn, true},
		{"error", slog.LevelError, true}, {"verbose", 0, false}, {"3", 0, false},
	}
	for _, tt := range tests {
		c, _ := Load(func(k string) (string, bool) { return tt.value, k == "HERALDQA_LOG_LEVEL" }, "")
		got, err := c.LogLevel()
		if (err == nil) != tt.ok || (tt.ok && got != tt.want) {
			t.Errorf("HERALDQA_LOG_LEVEL=%q: %v, %v; want %v ok=%v", tt.value, got, err, tt.want, tt.ok)
		}
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
