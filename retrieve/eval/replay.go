package eval

import (
	"net/http"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// replayKey stands in for an API key in a replay: no key is part of a
// recording's hash, and a replayed request reaches no server.
const replayKey = "replay-needs-no-key"

// Recording is cfg with every LLM exchange saved in dir (see Recorder).
func Recording(cfg answer.LLMConfig, dir string) answer.LLMConfig {
	cfg.HTTPClient = &http.Client{Transport: Recorder(dir, nil)}
	return cfg
}

// Replaying is cfg answering from the recordings in dir (see Replayer):
// nothing is retried, since a missing recording stays missing, and an
// OpenAI-compatible model needs no API key.
func Replaying(cfg answer.LLMConfig, dir string) answer.LLMConfig {
	cfg.HTTPClient = &http.Client{Transport: Replayer(dir)}
	cfg.MaxRetries = -1
	if cfg.APIKey == "" {
		cfg.APIKey = replayKey
	}
	return cfg
}
