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
		{"华拓精工每股发行价是多少（请简要回答）", "华拓精工每股发行价是多少"},
		{"华拓精工每股发行价是多少请简要回答。", "华拓精工每股发行价是多少"},
		{"华拓精工每股发行价是多少，直接回答", "华拓精工每股发行价是多少，"},
		{"According to the report, who won the marathon?", "who won the marathon?"},
		{"Answer based on the article: who won the marathon?", "who won the marathon?"},
		{"Who won the marathon? Answer briefly.", "Who won the marathon?"},
		{"According to the news report, who won the marathon?", "who won the marathon?"},
		{"In the report, who won the marathon?", "who won the marathon?"},
		{"From the article: who won the marathon?", "who won the marathon?"},
		{"In the end, who won the marathon?", "In the end, who won the marathon?"},
		{"1. 华拓精工每股发行价是多少？", "华拓精工每股发行价是多少？"},
		{"12、华拓精工在哪上市？", "华拓精工在哪上市？"},
		{"(3) 华拓精工在哪上市？", "华拓精工在哪上市？"},
		{"3.5亿元的项目在哪？", "3.5亿元的项目在哪？"},
		{"2023年陕西出口了多少？", "2023年陕西出口了多少？"},
		// Spaces between Chinese words go; beside a letter they stay.
		{"华拓精工 每股  多少钱", "华拓精工每股多少钱"},
		{"华拓精工 IPO 每股多少钱", "华拓精工 IPO 每股多少钱"},
		{"How much did 云帆 智能 raise?", "How much did 云帆智能 raise?"},
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
