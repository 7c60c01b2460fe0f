package answer

import (
	"slices"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// Novelty is measured without the bigrams across a joining character:
// 港在 in 乌石渔港在哪里 names nothing a sentence must hold; 渔港 does, and
// a group of alternatives is kept whatever its wordings.
func TestNamingGroups(t *testing.T) {
	one := func(a, b rune) group {
		return group{alts: [][]lexical.QueryTerm{{{Term: lexical.Bigram(a, b), Weight: 1}}}, weight: 1}
	}
	alts := group{alts: [][]lexical.QueryTerm{{{Term: lexical.Bigram('在', '京'), Weight: 1}}, {{Term: lexical.Bigram('北', '京'), Weight: 1}}}, weight: 1}
	uni := group{alts: [][]lexical.QueryTerm{{{Term: lexical.Unigram('在'), Weight: 1}}}, weight: 1}
	got := namingGroups([]group{one('渔', '港'), one('港', '在'), one('和', '上'), alts, uni})
	if len(got) != 3 || got[0].alts[0][0].Term != lexical.Bigram('渔', '港') || len(got[1].alts) != 2 || got[2].alts[0][0].Term != lexical.Unigram('在') {
		t.Errorf("naming groups: %+v", got)
	}
}

// A count is asked in a unit only where 多少/几 is followed by one: not in
// 几内亚, 几何 or 几十人, and 多少比例 asks for a share.
func TestAskedUnit(t *testing.T) {
	for _, tt := range []struct {
		q, answer string
		unit      bool // a unit is asked
		hit       bool // the answer holds a number in it
	}{
		{"巴布亚纽几内亚于何年正式独立", "1975年", false, false},
		{"角是由射线组成的几何对象", "几何学", false, false},
		{"中山市平均每10平方公里有几十人", "1352人", false, false},
		{"东德有多少比例的妇女参与工作", "大约92%妇女", true, true},
		// 几成 asks a share in tenths, printed either way.
		{"参会嘉宾有几成来自国外", "近40%参会嘉宾来自国外", true, true},
		{"参会嘉宾有几成来自国外", "近四成参会嘉宾来自国外", true, true},
		{"参会嘉宾有几成来自国外", "共有500位嘉宾参会", true, false},
		{"黄鳍紫鱼体长多少公分", "体长可达50公分", true, true},
		{"黄鳍紫鱼体长多少公分", "本鱼没有", true, false},
		// A quantity asked without 多少 naming the unit (quantity.go).
		{"那座电视塔有多高", "塔高468米", true, true},
		{"那座电视塔有多高", "建于1991年", true, false},
		{"这个园区的总投资是多少", "总投资3.5亿元", true, true},
		{"这个园区的总投资是多少", "占地120亩", true, false},
		{"展览一共办了多久", "展期三个月", true, true},
		{"冬天最低能到多冷", "最低零下12度", true, true},
		{"去年全市的营收是多少", "全年营收达5.2亿元", true, true},
		{"去年全市的营收是多少", "同比增长12%", true, false},
		{"九城市GDP占全国多少", "九城市GDP占全国1/15", true, true},
		{"企业数量占全国多少", "企业数量占全国13.3%", true, true},
		{"大会开了几个小时", "会议共开了5个小时", true, true},
		{"大会开了几个小时", "有300人出席", true, false},
		// 几回 is answered by a count in 次, 回 or 度 (3度接任).
		{"他前后代理过几回馆长", "他3度接任代理馆长", true, true},
		{"他前后代理过几回馆长", "他两次接任代理馆长", true, true},
		{"他前后代理过几回馆长", "他于1997年接任代理馆长", true, false},
		// A share asked in points, or in the spoken 趴, is printed in %.
		{"说这种方言的人大概占几个百分点", "约占人口的12%", true, true},
		{"说这种方言的人大概占几个百分点", "共有300万人", true, false},
		{"支持的人有几趴", "支持者为28.4%", true, true},
		// Money in the currencies of history and abroad.
		{"他当年掏了多少银子", "捐银20万两白银", true, true},
		{"婚礼一共花了多少钱", "耗资900万里弗尔", true, true},
		{"婚礼一共花了多少钱", "宾客多达900人", true, false},
		// An age asked without 几岁.
		{"他去世的时候多大岁数", "享年83岁", true, true},
		{"他去世的时候多大岁数", "1983年病逝于台北", true, false},
		// Cantonese 几多 is 多少: the unit is 伏, not 多.
		{"屋企插苏啲电系几多伏", "市电为220伏特", true, true},
		{"屋企插苏啲电系几多伏", "直至1990年代", true, false},
	} {
		a := newAsked(tt.q, numberType, 3)
		if (a.unit != nil) != tt.unit || tt.unit && (len(counts(a.unit, tt.answer, nil)) > 0) != tt.hit {
			t.Errorf("%s: unit %v, want %v (hit in %q: want %v)", tt.q, a.unit, tt.unit, tt.answer, tt.hit)
		}
	}
}

// 哪几个国家 and 哪两年 ask which, not how many; a 几 before a later asking
// word is "several", and the later word asks.
func TestTypeOf(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want answerType
	}{
		{"哪几个国家签署了这份协议", countryType},
		{"新园区是哪两年建成的", timeType},
		{"几家企业联合推出了什么产品", anyType},
		{"这次展会吸引了多少家企业", numberType},
		{"这条隧道有多长", numberType},
		{"论坛在哪里举办", placeType},
		{"论坛是啥时候开的", timeType}, // the spoken 啥
		{"论坛在啥地方开的", placeType},
		{"论坛系几时开嘅", timeType}, // Cantonese
		{"论坛喺边度开嘅", placeType},
	} {
		if got := typeOf(tt.q); got != tt.want {
			t.Errorf("typeOf(%s) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// The talk around a question (那个, 来着) is no content a sentence should
// print: the character share reads the question without it.
func TestContentChars(t *testing.T) {
	for _, tt := range []struct{ q, want string }{
		{"那个论坛是几号开的来着", "论坛号开"},
		{"峰会在哪个城市举办", "峰会个城市举办"},
	} {
		if got := string(contentChars(tt.q)); got != tt.want {
			t.Errorf("contentChars(%s) = %s, want %s", tt.q, got, tt.want)
		}
	}
}

// A question asking a day (几号) is answered by a day printed, not by a
// vague time (近年来).
func TestDayAsked(t *testing.T) {
	q := "论坛是几号开的"
	for _, tt := range []struct {
		sentence string
		want     bool
	}{
		{"11月6-7日,论坛在杭州市举办。", true},
		{"近年来,杭州连续举办多场活动。", false},
	} {
		if got := hasType(timeType, nil, tt.sentence, q); got != tt.want {
			t.Errorf("hasType(%s) = %v, want %v", tt.sentence, got, tt.want)
		}
	}
}

// An area is asked by 占地 or 面积 and answered in a unit of area; 占地 is
// no share (占…多少 asks a percentage).
func TestAreaAsked(t *testing.T) {
	tests := []struct {
		question, sentence string
		want               bool
	}{
		{"园区占地多少亩", "园区总投资30亿元，占地500亩。", true},
		{"园区占地多少亩", "园区总投资30亿元，占比40%。", false},
		{"该区土地面积是多少", "该区土地面积1.601 km²，是第三小的区。", true},
		{"公园的面积有多大", "它的面积约为0.304平方公里。", true},
		{"公园的面积有多大", "公园于1980年开放。", false},
		{"出口占全国多少", "出口占全国的40%。", true},
		{"园区占地大概多少亩", "园区占地500亩。", true},
		{"耕地面积占全国多少", "耕地面积占全国的4%。", true},
		// An order of magnitude is no amount.
		{"融资多少亿元", "公司完成数亿元融资。", false},
		{"融资多少亿元", "公司完成3亿元融资。", true},
		{"有多少家企业", "上百家企业参展。", false},
		// A numeral in a word counts nothing.
		{"这一年有多少", "一般认为如此。", false},
		{"这一年有多少", "共有一万人。", true},
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.question)
		if got := hasType(typeOf(q), numberPattern(q), normalize.ForIndex(tt.sentence), q); got != tt.want {
			t.Errorf("%s / %s: typed %v, want %v", tt.question, tt.sentence, got, tt.want)
		}
	}
}

// A year is a number of reYear's printed as a year, not a count or a
// measure, nor part of a longer number.
func TestYearsIn(t *testing.T) {
	tests := []struct {
		s    string
		want []string
	}{
		{"2024年11月6日，2000余名嘉宾参会。", []string{"2024"}},
		{"投资1800万元，建于1998年。", []string{"1998"}},
		{"已有2000多年历史。", nil},
		{"编号20241号，长1.2024米。", nil},
		{"1990-2000年间", []string{"1990", "2000"}},
	}
	for _, tt := range tests {
		if got := yearsIn(tt.s); !slices.Equal(got, tt.want) {
			t.Errorf("yearsIn(%s) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// An article's date says its year: a question naming another year
// clashes with it though the text prints no year.
func TestYearClashDated(t *testing.T) {
	tests := []struct {
		question, text, date string
		clash                bool
	}{
		{"2021年5月20日发言人是谁", "发言人20日表示，两岸同胞…", "2020-05-21", true},
		{"2020年5月20日发言人是谁", "发言人20日表示，两岸同胞…", "2020-05-21", false},
		{"2024年12月30日开通的是哪条线路", "地铁新线30日开通。", "2025-01-06", false},
		{"2024年开通的是哪条线路", "去年开通的地铁新线客流大增。", "2025-06-02", false},
		{"2021年5月20日发言人是谁", "发言人20日表示，两岸同胞…", "", false},
		{"2021年5月20日发言人是谁", "2020年5月20日，发言人表示…", "", true},
		{"2008年奥运会在哪里举办", "2008年奥运会在北京举办。", "2025-06-02", false},
		// A full date settles it where the text prints its month and day:
		// 1月6日 in a 2023 issue is 2023's, though 2024 is printed for a plan.
		{"2024年1月6日开工的项目投资多少", "1月6日，项目开工。一期计划于2024年9月投产。", "2023-01-09", true},
		{"2023年1月6日开工的项目投资多少", "1月6日，项目开工。一期计划于2024年9月投产。", "2023-01-09", false},
		{"2022年12月30日开工的项目投资多少", "12月30日，项目开工。", "2023-01-09", false},
		{"2024年1月6日开工的项目投资多少", "2024年1月6日，项目开工。", "2023-01-09", false},
		{"2024年1月6日开工的项目投资多少", "2023年1月6日，项目开工。", "", true},
		{"2024年1月6日开工的项目投资多少", "11月6日，项目开工。2024年投产。", "2023-01-09", false},
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.question)
		a := newAsked(q, typeOf(q), 1)
		a.article(normalize.ForIndex(tt.text), tt.date)
		if a.clash != tt.clash {
			t.Errorf("%s / %s (%s): clash %v, want %v", tt.question, tt.text, tt.date, a.clash, tt.clash)
		}
	}
}

// A report saying its event happened 日前 gives no day for it: the days it
// prints are the day it was filed.
func TestDayGiven(t *testing.T) {
	tests := []struct {
		sent string
		want bool
	}{
		{"新华社广州9月3日电(记者林涛)记者3日从研究所获悉,“海鸥三号”无人艇日前完成试验。", false},
		{"新华社广州9月3日电 “海鸥三号”无人艇1日完成试验。", true},
		{"本报北京3月5日电 大会5日开幕。", true},
		{"大会近日开幕。", false},
		{"大会近日开幕，将于5月3日闭幕。", true},
	}
	for _, tt := range tests {
		if got := dayGiven(normalize.ForIndex(tt.sent)); got != tt.want {
			t.Errorf("dayGiven(%s) = %v, want %v", tt.sent, got, tt.want)
		}
	}
}

// An amount of money is given by a figure, not by an order of magnitude.
func TestAmountGiven(t *testing.T) {
	tests := []struct {
		sent string
		want bool
	}{
		{"公司宣布完成数亿元人民币A轮融资。", false},
		{"公司完成上亿元融资。", false},
		{"公司完成B轮融资，金额近亿元。", false},
		{"公司完成B轮融资，金额近3亿元。", true},
		{"募集资金13.65亿元。", true},
		{"完成数亿元融资，其中首期2亿元。", true},
		{"本轮由创投基金领投。", true},
	}
	for _, tt := range tests {
		if got := amountGiven(normalize.ForIndex(tt.sent)); got != tt.want {
			t.Errorf("amountGiven(%s) = %v, want %v", tt.sent, got, tt.want)
		}
	}
}

// An article names the question's place, or others only: another city's
// fair matches every other word of the question.
func TestOtherPlace(t *testing.T) {
	tests := []struct {
		question, text string
		want           bool
	}{
		{"大连的海洋装备博览会有多少家企业参展", "首届海洋装备博览会6日在青岛闭幕。", true},
		{"青岛的海洋装备博览会有多少家企业参展", "首届海洋装备博览会6日在青岛闭幕。", false},
		{"大连市的博览会有多少家企业参展", "博览会在大连闭幕。", false},
		{"大连的博览会有多少家企业参展", "博览会在大连市闭幕。", false},
		{"大连的博览会有多少家企业参展", "博览会昨日闭幕。", false}, // no other place
		{"中国的博览会有多少家企业参展", "我国首个博览会在青岛闭幕。", false},
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.question)
		a := newAsked(q, typeOf(q), 1)
		if got := a.otherPlace(normalize.ForIndex(tt.text)); got != tt.want {
			t.Errorf("%s / %s: otherPlace %v, want %v", tt.question, tt.text, got, tt.want)
		}
	}
}

func TestPlacesIn(t *testing.T) {
	notChina := func(p string) bool { return p != "中国" }
	tests := []struct {
		s     string
		limit int
		keep  func(string) bool
		want  []string
	}{
		{"大会在武汉举行，来自伦敦和巴西的代表参会。", 0, nil, []string{"武汉", "伦敦", "巴西"}},
		{"浦东和杭州市", 0, nil, []string{"浦东", "杭州市"}},
		{"一般认为如此。", 0, nil, nil},
		// A place left out does not end the reading.
		{"中国代表团抵达伦敦和巴黎", 0, notChina, []string{"伦敦", "巴黎"}},
		{"中国代表团抵达伦敦和巴黎", 1, notChina, []string{"伦敦"}},
	}
	for _, tt := range tests {
		if got := placesIn(tt.s, tt.limit, tt.keep); !slices.Equal(got, tt.want) {
			t.Errorf("placesIn(%s, %d) = %v, want %v", tt.s, tt.limit, got, tt.want)
		}
	}
}

// A sentence of a dated article that prints no year speaks of its issue's
// year (去年 of the year before, a January issue also of the December
// before).
func TestYearOf(t *testing.T) {
	tests := []struct {
		date, sent, want string
	}{
		{"2024-06-18", "5月份,全省社会消费品零售总额1986.5亿元。", " 2024年"},
		{"2024-06-18", "2023年,全省社会消费品零售总额2万亿元。", ""},
		{"2024-06-18", "去年全省社会消费品零售总额2万亿元。", " 2023年"},
		{"2025-01-06", "12月30日,园区启用。", " 2025年 2024年"},
		{"", "5月份,全省社会消费品零售总额1986.5亿元。", ""},
	}
	for _, tt := range tests {
		if got := yearOf(tt.date, tt.sent); got != tt.want {
			t.Errorf("yearOf(%s, %s) = %q, want %q", tt.date, tt.sent, got, tt.want)
		}
	}
}

// A month is printed whole: 14月龄 does not print 4月.
func TestMonthPrinted(t *testing.T) {
	tests := []struct {
		month, text string
		want        bool
	}{
		{"4月", "4月份,全省快递业务量…", true},
		{"4月", "1—4月,全省快递业务量…", true},
		{"4月", "5月份,全省快递业务量…", false},
		{"4月", "14月龄的幼儿…", false},
	}
	for _, tt := range tests {
		if got := containsNumber(tt.text, tt.month); got != tt.want {
			t.Errorf("containsNumber(%s, %s) = %v, want %v", tt.text, tt.month, got, tt.want)
		}
	}
}

// A word a text prints for the question's counts only printed whole:
// 董事会 shares 董事 with 董事长 and says nothing of who heads a company.
// The question's own word, and alternatives that are not printed words
// (a dictionary's readings of an English question), count by share.
func TestPrintedWhole(t *testing.T) {
	bigrams := func(w string) []lexical.QueryTerm {
		var out []lexical.QueryTerm
		r := []rune(w)
		for i := 1; i < len(r); i++ {
			out = append(out, lexical.QueryTerm{Term: lexical.Bigram(r[i-1], r[i]), Weight: 1})
		}
		return out
	}
	asked := group{alts: [][]lexical.QueryTerm{bigrams("老大"), bigrams("董事长")}, weight: 1, printed: true}
	read := group{alts: [][]lexical.QueryTerm{bigrams("老大"), bigrams("董事长")}, weight: 1}
	own := group{alts: [][]lexical.QueryTerm{bigrams("总经理"), bigrams("老总")}, weight: 1, printed: true}
	for _, tt := range []struct {
		g        group
		sentence string
		want     float64
	}{
		{asked, "公司董事长钱立新表示", 1},
		{asked, "董事会聘任高宁为财务总监", 0},
		{read, "董事会聘任高宁为财务总监", 0.5},
		{own, "副总经理王强", 1},
		{own, "经理王强", 0.5},
		{asked, "老大哥", 1},
	} {
		set := termSet(normalize.ForIndex(tt.sentence))
		if got := measure([]group{tt.g}, set, nil).inSent; got != tt.want {
			t.Errorf("%v in %s: %v, want %v", tt.g.alts, tt.sentence, got, tt.want)
		}
	}
}
