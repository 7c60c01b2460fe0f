package eval

import (
	"reflect"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

func sp(s string) *string { return &s }
func ip(n int) *int       { return &n }

// Answers as the answerer builds them, written by hand.
var (
	// A Simplified answer citing 第36期 page 1.
	belarus = &answer.Answer{
		Question: "2025浦江创新论坛的主宾国是哪个国家？",
		Answer:   "本次论坛主宾国为白俄罗斯共和国，主宾省为中国辽宁省。 [1]",
		Mode:     answer.ModeExtractive,
		Lang:     "zh-Hans",
		Grounded: true,
		Citations: []answer.Citation{{
			N: 1, Date: sp("2025-09-29"), Issue: ip(36), TotalIssue: ip(2640), Page: ip(1),
			Headline: "2025浦江创新论坛在沪开幕", Source: "000_8765960b682b9259.txt",
		}},
		Sources: []answer.Source{
			{Rank: 1, Source: "000_8765960b682b9259.txt"},
			{Rank: 2, Source: "000_8765960b682b9259.txt"},
			{Rank: 3, Source: "003_2704b407d91d0219.txt"},
			{Rank: 4, Source: "archive/001_87eece0f712b39c0.txt"},
		},
	}
	// A Traditional answer from the page with no masthead, with layout
	// spaces and full-width digits as printed.
	traditional = &answer.Answer{
		Answer:   "首批推動中關村細胞基因治療產業園等７對 國內外 高品質特色園區合作簽約。 [1]",
		Mode:     answer.ModeLLM,
		Grounded: true,
		Citations: []answer.Citation{{
			N: 1, Headline: "世界領先科技園區發展論壇在京召開", Source: "002_d31d04ab9f96990b.txt",
		}},
	}
	// Two pages cited.
	twoPages = &answer.Answer{
		Answer: "第40期于2025年11月3日出版 [1]，第43期于2025年11月24日出版 [2]。",
		Mode:   answer.ModeExtractive,
		Citations: []answer.Citation{
			{N: 1, Date: sp("2025-11-03"), Issue: ip(40), TotalIssue: ip(2644), Page: ip(1), Headline: "国家高新区高质量一体化发展提速", Source: "001_87eece0f712b39c0.txt"},
			{N: 2, Date: sp("2025-11-24"), Issue: ip(43), TotalIssue: ip(2647), Page: ip(1), Headline: "全国工业和信息化高新技术及产业发展工作座谈会召开", Source: "004_5ee546baec2a4d86.txt"},
		},
	}
	refusal = &answer.Answer{
		Answer: "资料中没有找到相关内容", Refused: true, Mode: answer.ModeExtractive,
		Citations: []answer.Citation{},
		Sources:   []answer.Source{{Rank: 1, Source: "000_8765960b682b9259.txt"}},
	}
)

func TestCheck(t *testing.T) {
	tests := []struct {
		name   string
		expect Expect
		ans    *answer.Answer
		want   []Failure
	}{
		// contains_any
		{"any: one of several", Expect{ContainsAny: []string{"乌克兰", "白俄罗斯"}}, belarus, nil},
		{"any: none", Expect{ContainsAny: []string{"乌克兰", "波兰"}}, belarus,
			[]Failure{{CheckContainsAny, "none of [乌克兰, 波兰] in the answer"}}},
		{"any: Simplified expected, Traditional answer, full-width digit, layout space",
			Expect{ContainsAny: []string{"7对国内外"}}, traditional, nil},
		{"any: Traditional expected, Simplified answer", Expect{ContainsAny: []string{"白俄羅斯共和國"}}, belarus, nil},
		{"any: full-width expected, half-width answer", Expect{ContainsAny: []string{"２０２５年１１月３日"}}, twoPages, nil},
		{"any: the refusal text itself", Expect{ContainsAny: []string{"資料中沒有找到"}}, refusal, nil},

		// contains_all
		{"all: every one", Expect{ContainsAll: []string{"白俄罗斯", "辽宁"}}, belarus, nil},
		{"all: some missing, listed", Expect{ContainsAll: []string{"白俄罗斯", "上海", "辽宁", "科技部"}}, belarus,
			[]Failure{{CheckContainsAll, "missing [上海, 科技部]"}}},
		{"all: in Traditional", Expect{ContainsAll: []string{"細胞基因", "特色園區"}}, traditional, nil},

		// not_contains
		{"not: absent", Expect{NotContains: []string{"乌克兰"}}, belarus, nil},
		{"not: present, in the other script", Expect{NotContains: []string{"乌克兰", "遼寧"}}, belarus,
			[]Failure{{CheckNotContains, "the answer contains [遼寧]"}}},

		// cites
		{"cites: issue and page", Expect{Cites: []Cite{{TotalIssue: 2640, Page: 1}}}, belarus, nil},
		{"cites: every field", Expect{Cites: []Cite{{Date: "2025-09-29", Issue: 36, TotalIssue: 2640, Page: 1,
			Source: "000_8765960b682b9259.txt", Headline: "浦江创新论坛"}}}, belarus, nil},
		{"cites: wrong page", Expect{Cites: []Cite{{TotalIssue: 2640, Page: 2}}}, belarus,
			[]Failure{{CheckCites, "no citation matches {total_issue: 2640, page: 2}; cited [1] 2025-09-29 issue 36 total_issue 2640 page 1 《2025浦江创新论坛在沪开幕》"}}},
		{"cites: wrong date", Expect{Cites: []Cite{{Date: "2025-09-30"}}}, belarus,
			[]Failure{{CheckCites, "no citation matches {date: 2025-09-30}; cited [1] 2025-09-29 issue 36 total_issue 2640 page 1 《2025浦江创新论坛在沪开幕》"}}},
		{"cites: wrong issue", Expect{Cites: []Cite{{Issue: 40}}}, belarus,
			[]Failure{{CheckCites, "no citation matches {issue: 40}; cited [1] 2025-09-29 issue 36 total_issue 2640 page 1 《2025浦江创新论坛在沪开幕》"}}},
		{"cites: wrong source", Expect{Cites: []Cite{{Source: "001_87eece0f712b39c0.txt"}}}, belarus,
			[]Failure{{CheckCites, "no citation matches {source: 001_87eece0f712b39c0.txt}; cited [1] 2025-09-29 issue 36 total_issue 2640 page 1 《2025浦江创新论坛在沪开幕》"}}},
		{"cites: headline not a substring", Expect{Cites: []Cite{{Headline: "火炬论坛"}}}, belarus,
			[]Failure{{CheckCites, "no citation matches {headline: 火炬论坛}; cited [1] 2025-09-29 issue 36 total_issue 2640 page 1 《2025浦江创新论坛在沪开幕》"}}},
		{"cites: source and Simplified headline against a Traditional citation",
			Expect{Cites: []Cite{{Source: "002_d31d04ab9f96990b.txt", Headline: "科技园区发展论坛"}}}, traditional, nil},
		{"cites: unknown issue does not match a given one", Expect{Cites: []Cite{{Source: "002_d31d04ab9f96990b.txt", TotalIssue: 2640}}}, traditional,
			[]Failure{{CheckCites, "no citation matches {total_issue: 2640, source: 002_d31d04ab9f96990b.txt}; cited [1] 002_d31d04ab9f96990b.txt 《世界領先科技園區發展論壇在京召開》"}}},
		{"cites: a list, each matched by some citation", Expect{Cites: []Cite{
			{TotalIssue: 2647, Date: "2025-11-24", Page: 1},
			{TotalIssue: 2644, Date: "2025-11-03", Page: 1},
		}}, twoPages, nil},
		{"cites: a list, one unmatched", Expect{Cites: []Cite{{TotalIssue: 2644}, {TotalIssue: 2645}}}, twoPages,
			[]Failure{{CheckCites, "no citation matches {total_issue: 2645}; cited [1] 2025-11-03 issue 40 total_issue 2644 page 1 《国家高新区高质量一体化发展提速》, [2] 2025-11-24 issue 43 total_issue 2647 page 1 《全国工业和信息化高新技术及产业发展工作…》"}}},
		{"cites: fields must match one citation, not several", Expect{Cites: []Cite{{Issue: 40, TotalIssue: 2647}}}, twoPages,
			[]Failure{{CheckCites, "no citation matches {issue: 40, total_issue: 2647}; cited [1] 2025-11-03 issue 40 total_issue 2644 page 1 《国家高新区高质量一体化发展提速》, [2] 2025-11-24 issue 43 total_issue 2647 page 1 《全国工业和信息化高新技术及产业发展工作…》"}}},
		{"cites: a refusal cites nothing", Expect{Cites: []Cite{{Page: 1}}}, refusal,
			[]Failure{{CheckCites, "no citation matches {page: 1}; cited nothing"}}},

		// refused
		{"refused: true, refused", Expect{Refused: boolPtr(true)}, refusal, nil},
		{"refused: true, answered", Expect{Refused: boolPtr(true)}, belarus,
			[]Failure{{CheckRefused, "want the refusal, got an answer"}}},
		{"refused: false, answered", Expect{Refused: boolPtr(false)}, belarus, nil},
		{"refused: false, refused", Expect{Refused: boolPtr(false)}, refusal,
			[]Failure{{CheckRefused, "want an answer, got the refusal"}}},

		// mode
		{"mode: llm", Expect{Mode: "llm"}, traditional, nil},
		{"mode: want llm, got extractive", Expect{Mode: "llm"}, belarus,
			[]Failure{{CheckMode, "want llm, got extractive"}}},
		{"mode: want extractive, got llm", Expect{Mode: "extractive"}, traditional,
			[]Failure{{CheckMode, "want extractive, got llm"}}},

		// retrieved: sources counted once each, in rank order
		{"retrieved: first", Expect{Retrieved: &Retrieved{"000_8765960b682b9259.txt", 1}}, belarus, nil},
		{"retrieved: second distinct source at rank 3", Expect{Retrieved: &Retrieved{"003_2704b407d91d0219.txt", 2}}, belarus, nil},
		{"retrieved: below k", Expect{Retrieved: &Retrieved{"003_2704b407d91d0219.txt", 1}}, belarus,
			[]Failure{{CheckRetrieved, "003_2704b407d91d0219.txt not among the top 1 distinct sources retrieved [000_8765960b682b9259.txt]"}}},
		{"retrieved: a file name matches a source in a subfolder", Expect{Retrieved: &Retrieved{"001_87eece0f712b39c0.txt", 3}}, belarus, nil},
		{"retrieved: never retrieved", Expect{Retrieved: &Retrieved{"002_d31d04ab9f96990b.txt", 5}}, belarus,
			[]Failure{{CheckRetrieved, "002_d31d04ab9f96990b.txt not among the top 5 distinct sources retrieved [000_8765960b682b9259.txt, 003_2704b407d91d0219.txt, archive/001_87eece0f712b39c0.txt]"}}},
		{"retrieved: nothing retrieved", Expect{Retrieved: &Retrieved{"000_8765960b682b9259.txt", 3}}, traditional,
			[]Failure{{CheckRetrieved, "000_8765960b682b9259.txt not among the top 3 distinct sources retrieved []"}}},

		// several checks fail together, in the order of Expect
		{"several", Expect{ContainsAny: []string{"波兰"}, Cites: []Cite{{Page: 3}}, Refused: boolPtr(true), Mode: "llm"}, belarus,
			[]Failure{
				{CheckContainsAny, "none of [波兰] in the answer"},
				{CheckCites, "no citation matches {page: 3}; cited [1] 2025-09-29 issue 36 total_issue 2640 page 1 《2025浦江创新论坛在沪开幕》"},
				{CheckRefused, "want the refusal, got an answer"},
				{CheckMode, "want llm, got extractive"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check(&tt.expect, tt.ans)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSameSource(t *testing.T) {
	tests := []struct {
		want, got string
		match     bool
	}{
		{"a.txt", "a.txt", true},
		{"a.txt", "2025/a.txt", true},
		{"2025/a.txt", "archive/2025/a.txt", true},
		{"2025/a.txt", "x2025/a.txt", false},
		{"a.txt", "ba.txt", false},
		{"a.txt", "", false},
	}
	for _, tt := range tests {
		if got := sameSource(tt.want, tt.got); got != tt.match {
			t.Errorf("sameSource(%q, %q) = %v", tt.want, tt.got, got)
		}
	}
}
