// Package config reads heraldqa's settings: command-line flags win over
// environment variables, which win over a .env file in the working
// directory, which wins over the defaults.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"
)

// Var describes one setting.
type Var struct {
	Name    string // environment name, e.g. HERALDQA_STORE
	Default string
	Help    string
	Secret  bool // never printed
}

// Vars lists every setting; .env.example documents the same list.
var Vars = []Var{
	{"HERALDQA_STORE", "./heraldqa-data", "folder of the local store", false},
	{"HERALDQA_EMBEDDER", "local", "embedder: local, openai, ollama", false},
	{"HERALDQA_EMBED_MODEL", "", "embedding model name (provider's usual when empty)", false},
	{"HERALDQA_LLM", "none", "answerer: none (extractive), openai, ollama", false},
	{"HERALDQA_LLM_MODEL", "", "chat model (provider's usual when empty)", false},
	{"HERALDQA_LLM_TIMEOUT", "90s", "time limit of a whole LLM answer, all attempts included", false},
	{"HERALDQA_LLM_MAX_CHARS", "4000", "length cap of an LLM answer in characters; generation stops there", false},
	{"HERALDQA_LLM_CONTEXT_CHARS", "6000", "characters of article text given to the LLM per question", false},
	{"HERALDQA_TRANSLATE", "dict", "English questions' search terms: dict (CC-CEDICT, offline, reproducible) or llm", false},
	{"HERALDQA_K", "5", "articles retrieved per question", false},
	{"HERALDQA_LOG_LEVEL", "info", "log level: debug, info, warn, error", false},
	{"OPENAI_BASE_URL", "", "OpenAI-compatible endpoint including /v1 (official when empty)", false},
	{"OPENAI_API_KEY", "", "API key for the OpenAI-compatible endpoint", true},
	{"OLLAMA_HOST", "http://127.0.0.1:11434", "Ollama server", false},
	{"TELEGRAM_BOT_TOKEN", "", "bot token from @BotFather", true},
	{"TELEGRAM_API_URL", "", "Bot API server (official when empty)", false},
	{"TELEGRAM_ALLOWED_USERS", "", "comma-separated user ids allowed to ask", false},
	{"TELEGRAM_ALLOWED_CHATS", "", "comma-separated chat ids allowed to ask", false},
	{"TELEGRAM_PUBLIC", "false", "true lets anyone ask when no allow-list is set", false},
	{"TELEGRAM_SHUTDOWN_GRACE", "10s", "how long answers in flight may finish when the bot stops", false},
	{"TELEGRAM_MAX_PARTS", "3", "most messages one answer is sent in", false},
}

// Config is the resolved settings.
type Config struct {
	values map[string]string
}

// Load resolves the settings from the environment (through lookup, e.g.
// os.LookupEnv) and the .env file at dotenv ("" for none; a missing file is
// fine). Flags are applied afterwards with Set.
func Load(lookup func(string) (string, bool), dotenv string) (*Config, error) {
	c := &Config{values: map[string]string{}}
	for _, v := range Vars {
		c.values[v.Name] = v.Default
	}
	if dotenv != "" {
		file, err := readDotenv(dotenv)
		if err != nil {
			return nil, err
		}
		for k, v := range file {
			c.values[k] = v
		}
	}
	for _, v := range Vars {
		if val, ok := lookup(v.Name); ok {
			c.values[v.Name] = val
		}
	}
	return c, nil
}

// readDotenv parses a .env file with godotenv: quoted values end at their
// closing quote (a comment may follow), double-quoted ones read \n escapes,
// and "export " is allowed. A missing file is no error.
func readDotenv(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	m, err := godotenv.UnmarshalBytes(b)
	if err != nil {
		// godotenv quotes the rest of the file in its message, and the
		// file holds keys: say what is wrong without it.
		return nil, fmt.Errorf("%s is not a .env file of KEY=VALUE lines (its text is not shown: it may hold secrets)", path)
	}
	return m, nil
}

// Set overrides a setting (from a flag).
func (c *Config) Set(name, value string) { c.values[name] = value }

// Get returns a setting.
func (c *Config) Get(name string) string { return c.values[name] }

// Int returns a setting as a number.
func (c *Config) Int(name string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(c.values[name]))
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a number", name, c.values[name])
	}
	return n, nil
}

// Duration returns a setting as a duration ("60s", "2m").
func (c *Config) Duration(name string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(c.values[name]))
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("%s=%q is not a duration such as 60s", name, c.values[name])
	}
	return d, nil
}

// Bool returns a setting as true or false.
func (c *Config) Bool(name string) (bool, error) {
	v := strings.TrimSpace(strings.ToLower(c.values[name]))
	switch v {
	case "", "0", "false", "no", "off":
		return false, nil
	case "1", "true", "yes", "on":
		return true, nil
	}
	return false, fmt.Errorf("%s=%q is not true or false", name, c.values[name])
}

// IDs returns a comma-separated list of numeric ids.
func (c *Config) IDs(name string) ([]int64, error) {
	var out []int64
	for _, f := range strings.Split(c.values[name], ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q is not a numeric id", name, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// LogLevel returns HERALDQA_LOG_LEVEL; a word slog does not know is an
// error rather than a quiet fall-back to info.
func (c *Config) LogLevel() (slog.Level, error) {
	var level slog.Level
	v := strings.TrimSpace(c.values["HERALDQA_LOG_LEVEL"])
	if v == "" {
		return slog.LevelInfo, nil
	}
	if err := level.UnmarshalText([]byte(v)); err != nil {
		return 0, fmt.Errorf("HERALDQA_LOG_LEVEL=%q: want debug, info, warn or error", c.values["HERALDQA_LOG_LEVEL"])
	}
	return level, nil
}
