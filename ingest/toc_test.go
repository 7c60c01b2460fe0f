package ingest

import (
	"slices"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

func TestParseTOCEntry(t *testing.T) {
	tests := []struct {
		in   string
		want archive.TOCEntry
	}{
		{"- 金融赋能科技服务业正当其时 02版", archive.TOCEntry{Headline: "金融赋能科技服务业正当其时", Page: 2}},
		{"- 2.0版发布，人工智能安全治理中国方案进阶 12版", archive.TOCEntry{Headline: "2.0版发布，人工智能安全治理中国方案进阶", Page: 12}},
		{"20版 飞行汽车相撞敲响低空经济安全警钟", archive.TOCEntry{Headline: "飞行汽车相撞敲响低空经济安全警钟", Page: 20}},
		{"5年暴增30倍 我国新型储能何以高增长 22版", archive.TOCEntry{Headline: "5年暴增30倍 我国新型储能何以高增长", Page: 22}},
		{"- 国家高新区学习贯彻党的二十届四中全会精神掀热潮(1) 09版", archive.TOCEntry{Headline: "国家高新区学习贯彻党的二十届四中全会精神掀热潮(1)", Page: 9}},
		{"创造智能体\"新物种\"需跨界思维", archive.TOCEntry{Headline: "创造智能体\"新物种\"需跨界思维", Page: 0}},
		{"标题全角页码　１２版", archive.TOCEntry{Headline: "标题全角页码", Page: 12}},
		{"软件发布3.5版", archive.TOCEntry{Headline: "软件发布3.5版", Page: 0}},  // nothing sets the number off
		{"某某标题 30版", archive.TOCEntry{Headline: "某某标题 30版", Page: 0}},  // more pages than the issue has
		{"* 点列表条目……05版", archive.TOCEntry{Headline: "点列表条目", Page: 5}}, // dot leaders
	}
	for _, tt := range tests {
		got, ok := parseTOCEntry(tt.in, 24)
		if !ok || got != tt.want {
			t.Errorf("parseTOCEntry(%q) = %+v, %v; want %+v", tt.in, got, ok, tt.want)
		}
	}
	if _, ok := parseTOCEntry("- ", 24); ok {
		t.Error("an empty list item is no entry")
	}
}

func TestAssignTOCPages(t *testing.T) {
	tests := []struct {
		name     string
		pages    []int // 0: lost
		detached []int
		want     []int
	}{
		{"000: numbers at the end fill the gaps in order", []int{0, 12, 0, 0, 20, 22}, []int{3, 14, 15}, []int{3, 12, 14, 15, 20, 22}},
		{"all numbers detached, printed out of order", []int{0, 0, 0}, []int{9, 5, 17}, []int{5, 9, 17}},
		{"too few numbers: the one that fits nowhere earlier stays", []int{0, 0, 10}, []int{4}, []int{4, 0, 10}},
		{"a number that fits no gap is not used", []int{0, 8}, []int{12}, []int{0, 8}},
		{"nothing detached", []int{2, 0}, nil, []int{2, 0}},
	}
	for _, tt := range tests {
		entries := make([]archive.TOCEntry, len(tt.pages))
		for i, p := range tt.pages {
			entries[i].Page = p
		}
		assignTOCPages(entries, tt.detached)
		var got []int
		for _, e := range entries {
			got = append(got, e.Page)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: pages %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParsePageNumbers(t *testing.T) {
	if got := parsePageNumbers("03版 14版　１５版", 24); !slices.Equal(got, []int{3, 14, 15}) {
		t.Errorf("parsePageNumbers = %v, want [3 14 15]", got)
	}
}
