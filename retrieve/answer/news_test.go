package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve/retrievetest"
)

// Questions readers ask of a news export (testdata/news.jsonl: invented
// reports in the form of a daily's, with datelines, bylines in the lead
// and figures), answered through the real ingest and answerer.
func TestNewsExport(t *testing.T) {
	eng, err := retrievetest.Engine(context.Background(), "testdata/news.jsonl", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	a := &Asker{Engine: eng}
	tests := []struct {
		question string
		opens    string // what the answer holds; "" for a refusal; "-X" when it must not open with X
	}{
		// The dateline is the day filed; 9日 is the day reported.
		{"滨江科创园是哪天开业的？", "2024年4月9日。"},
		{"When did Binjiang Science Park start operating?", "9 April 2024."},
		// The byline is read from the lead of a record without one.
		{"星河科技发布芯片那篇报道是谁写的？", "《星河科技发布新一代芯片》记者王明"},
		// 占地 asks an area, not a share.
		{"滨江科创园占地大概多少亩？", "500亩。"},
		// 50 is not printed because 500 is.
		{"滨江科创园总投资是不是50亿元？", "不是，"},
		// What a yes/no question asks should its claim be wrong is
		// answered by the 不是 and the quote.
		{"东湖创新大会是不是在长沙办的，不是的话在哪？", "不是，"},
		// Where a story was printed, asked of a story called 新闻.
		{"海洋观测卫星的新闻是哪天登的？", "《海洋观测卫星成功发射》刊于2024年9月3日 第1版"},
		// A total printed after its noun (新增节点12个).
		{"量子通信干线新增了几个节点？", "12个。本报合肥"},
		{"首届数字经济博览会达成了多少个合作项目？", "130个。"},
		// A year claimed wrongly is answered 不是, not refused for the
		// clash.
		{"智能制造示范工厂名单是2023年度的吗？", "不是，工业和信息化部公布2024年度"},
		// The holder of a post asked is quoted from the sentence naming
		// them after it, though it names the institution shortly.
		{"合肥物质科学研究院院长叫啥？", "刘建国。"},
		// 负责人 is whoever heads it: the text prints the post.
		{"氢能产业联盟的负责人是谁？", "联盟理事长由周立担任"},
		// A report dated 2024 is no answer about 2023, though it prints
		// no year.
		{"东湖创新大会2023年是在哪办的？", ""},
		// The latest of a figure reported year after year.
		{"最近一次公布的1月份快递业务收入是多少？", "900亿元。"},
		// 2000余名 is a count, not a year clashing with 2024.
		{"2024年11月6日东湖那个大会有多少嘉宾？", "2000余名"},
		// 日前 gives no day: the dateline's and the reporter's 3日 are
		// the day it was filed.
		{"海鸥三号是哪天完成海试的？", ""},
		// 数亿元 is no amount.
		{"云帆智能B轮融了多少钱？", ""},
		{"How much did 云帆智能 raise in its Series B?", ""}, // raise asks money
		// 1月6日 in a 2023 issue is no answer about 2024年1月6日, though
		// the report prints 2024 for a plan.
		{"2024年1月6日开工的青溪储能项目总投资多少？", ""},
		{"2023年1月6日开工的青溪储能项目总投资多少？", "40亿元。"},
		// CFO is printed 财务总监; 老大 is whoever heads it.
		{"远峰材料的CFO是谁？", "聘任高宁为公司财务总监"},
		{"远峰材料的老大是谁？", "钱立新"},
		// A report of this year's figure prints no year; the reader names
		// it (yearOf).
		{"2024年5月安徽社零总额是多少？", "1986.5亿元"},
		// A monthly figure asked of a month the report does not give.
		{"2024年4月份安徽社会消费品零售总额是多少？", ""},
		{"2024年5月份安徽社会消费品零售总额是多少？", "1986.5亿元"},
		// Places named without a suffix match (placesIn, place_clash).
		{"青岛那个海洋装备博览会有多少家企业参展？", "760家企业参展"},
		// A year before the asking frame dates the claim: the sentence
		// printing it does not settle 盈利 as 是.
		{"澄江氢动2024年是不是已经盈利了？", "-是。"},
		// Another phase's figure (一期) is no answer about 二期.
		{"青梧储能基地二期要投多少钱？", ""},
		{"青梧储能基地一期投了多少钱？", "36亿元"},
		// Another quarter's report; the quarter's own.
		{"星桥科技2024年第二季度营收多少？", ""},
		{"星桥科技2024年一季度营收多少？", "9.64亿元"},
		// A ranking naming only its first: the second is not given.
		{"2024年县域创新能力评价排第二的是哪个县？", ""},
		// Pay is money, not a term of years; what a company earned is
		// printed as its profit.
		{"星桥科技给首席科学家乔慕白开多少年薪？", ""},
		{"星桥科技2024年一季度挣了多少？", "1.02亿元"},
		// The headline names the edition its sentences call 本届.
		{"第四届湾区智造大会签约了多少个项目？", ""},
		{"第三届湾区智造大会签约了多少个项目？", "42个"},
		// The day the reporter learned of a list published 近日.
		{"第八批省级专精特新企业名单是哪天公布的？", ""},
		// A question pointing at the report it was written over.
		{"根据报道，顾长庚是哪年出任厂长的？", "1998年"},
		{"文中提到的滨海科技馆新馆有几个常设展厅？", "六个"},
		// Spoken words for what the text prints in written ones
		// (spokenWordings): 外号 for 称为, 退下来 for 卸任, 老爸 for 父亲.
		{"滨海科技馆新馆的外号叫啥？", "城市之帆"},
		{"顾长庚是哪年从厂长位子上退下来的？", "2019年"},
		{"顾长庚他老爸叫啥名字？", "顾振山"},
	}
	for _, tt := range tests {
		ans, _, err := a.Ask(context.Background(), tt.question, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.question, err)
		}
		if not, ok := strings.CutPrefix(tt.opens, "-"); ok {
			if strings.HasPrefix(ans.Answer, not) {
				t.Errorf("%s: %q, want no %q", tt.question, ans.Answer, not)
			}
			continue
		}
		if tt.opens == "" {
			if !ans.Refused {
				t.Errorf("%s: %q, want the refusal", tt.question, ans.Answer)
			}
			continue
		}
		if ans.Refused || !strings.Contains(ans.Answer, tt.opens) {
			t.Errorf("%s: %q (refused %v), want it to hold %q", tt.question, ans.Answer, ans.Refused, tt.opens)
		}
	}
}
