package retrieve

import "testing"

func TestUnwrap(t *testing.T) {
	tests := []struct{ in, want string }{
		{"问题：华拓精工每股发行价是多少？", "华拓精工每股发行价是多少？"},
		{"問題: 華拓精工每股發行價是多少？", "華拓精工每股發行價是多少？"},
		{"Q: Who won?", "Who won?"},
		{"请根据新闻回答：华拓精工每股发行价是多少？", "华拓精工每股发行价是多少？"},
		{"請根據報導回答下面的問題：華拓精工在哪上市？", "華拓精工在哪上市？"},
		{"华拓精工每股发行价是多少？请简要回答。", "华拓精工每股发行价是多少？"},
		{"华拓精工每股发行价是多少？（请用原文回答）", "华拓精工每股发行价是多少？"},
		{"According to the report, who won the marathon?", "who won the marathon?"},
		{"Answer based on the article: who won the marathon?", "who won the marathon?"},
		{"Who won the marathon? Answer briefly.", "Who won the marathon?"},
		// Not a wrapping: an answer asked about, a question that is all label.
		{"他当时是怎么回答的", "他当时是怎么回答的"},
		{"记者提问时他如何作答？", "记者提问时他如何作答？"},
		{"问题：", "问题："},
		{"问题出在哪里？", "问题出在哪里？"},
	}
	for _, tt := range tests {
		if got := Unwrap(tt.in); got != tt.want {
			t.Errorf("Unwrap(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
