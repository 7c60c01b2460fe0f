package answer

import "testing"

// reasoningModel extends langchaingo's list with the names it misses.
func TestReasoningModel(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"gpt-5-mini", true},                  // langchaingo
		{"claude-sonnet-4", true},             // langchaingo
		{"deepseek-reasoner", true},           // langchaingo
		{"o3", true},                          // bare: not in langchaingo
		{"Qwen/QwQ-32B", true},                // org prefix, QwQ
		{"qwen3:8b", true},                    // Ollama tag
		{"DeepSeek-R1-Distill-Qwen-7B", true}, // langchaingo after the org is cut
		{"some-lab/Magistral-think-1", true},  // named for thinking
		{"gpt-4o-mini", false},
		{"deepseek-chat", false},
		{"qwen2.5:7b", false},
		{"llama3.1", false},
	}
	for _, tt := range tests {
		if got := reasoningModel(tt.name); got != tt.want {
			t.Errorf("reasoningModel(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
