package answer

import (
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"

	"github.com/heraldqa/heraldqa/retrieve"
)

func TestDirect(t *testing.T) {
	tests := []struct {
		question, sentence, want string
	}{
		{"到2027年建成多少个高标准数字园区？", "提出到2027年,建成200个左右高标准数字园区。", "200个左右"},
		{"一号风球挂了几个小时？", "由11月4日16:00至11月8日09:00(共97小时)。", "97小时"},
		{"这个字是哪一年恢复的？", "于1988年恢复为规范字。", "1988年"},
		{"论坛是哪一年开的？", "11月6-7日,论坛在雄安举办。", ""},      // a day without its year
		{"这座城哪一年建的？", "城始建于1231年,后屡有修缮。", "1231年"}, // a year before 1600
		{"这座城哪一年建的？", "城建于公元前221年。", "公元前221年"},
		{"这座城哪一年建的？", "城已有800年历史,近年修缮。", ""}, // years, not a year
		{"这座城哪一年建的？", "城800多年前已建成。", ""},
		{"酒家是什么时候开的？", "酒家于1920年代开业。", "1920年代"},            // a decade, not its first year
		{"酒家是哪一年开的？", "1920年代开业的酒家于2004年歇业。", ""},           // a decade and a year
		{"政府是什么时候成立的？", "民国14年7月1日,省政府在广州成立。", "民国14年7月1日"}, // an era's year before the day
		{"那场战役是什么时候？", "战役在战国时代的1589年7月17日发生。", "1589年7月17日"},
		{"工人党是西元几年组成的？", "1917年爆发革命,工人党于1919年4月20日组成。", ""}, // a year asked, not a count of years
		{"全国有多少家这样的企业？", "全国这样的企业达12.5万家。", "12.5万家"},       // digits with a magnitude
		{"那场烟雾害死了多少人？", "烟雾导致6,000多人死亡。", "6,000多人"},        // thousands grouped
		{"这次年会是第几届？", "第三十一届年会在此召开。", "第三十一届"},              // an ordinal asked
		{"这次年会有几届代表参加？", "第三十一届年会在此召开。", ""},                // a count asked: no ordinal
		{"年会是几号开的？", "年会于9月23日开幕。", "9月23日"},                // the spoken 几号 asks a day
		{"他当过几回总理？", "他曾三次出任总理。", "三次"},                     // speech counts 回, print 次
		{"指南是几月几号印发的？", "11月18日印发的指南提出目标。", "11月18日"},
		{"展会是几号开的？", "11月6-7日,展会在杭州市举办。", "11月6-7日"}, // days in a run
		{"展会是什么时候开的？", "2025年11月6日至8日,展会在杭州市举办。", "2025年11月6日至8日"},
		{"这个方案是哪几年的？", "落实好《建设方案(2024—2027年)》。", "2024—2027年"}, // a run of years
		{"企业数量占全国百分之多少？", "高新技术企业数量占全国13.3%。", "13.3%"},
		{"外国嘉宾大概占几成？", "近40%参会嘉宾来自国外。", "40%"}, // a share asked in tenths
		{"两岸贸易额达到多少亿美元？", "今年1至4月，两岸贸易额达到600亿美元。", "600亿美元"},
		// Who holds a post: the name printed right after it.
		{"开发集团总经理是谁？", "开发集团党委副书记、总经理陈晓明在报告中提到,园区要创新。", "陈晓明"},
		{"市科技局局长叫啥来着？", "市科技局局长王立在会上表示,要加快建设。", "王立"},
		{"协会的首席执行官是谁？", "协会首席执行官艾丽丝·伯格(Alice Berg)出席并致辞。", "艾丽丝·伯格"},
		{"协会主席叫什么？", "协会主席谢尔盖•彼得罗夫表示,合作将继续。", "谢尔盖•彼得罗夫"},
		{"协会主席叫什么？", "协会主席和秘书长出席会议。", ""},              // no name after the post
		{"主席是谁？", "主席王立与副主席李强出席。", ""},                 // the post printed twice
		{"管委会主任是谁？", "北京市科委、中关村管委会副主任张明表示,要加快建设。", ""}, // another post
		{"管委会副主任是谁？", "管委会主任张明表示,要加快建设。", ""},          // another post, the other way
		{"管委会副主任是谁？", "管委会副主任张明表示,要加快建设。", "张明"},
		{"管委会副主任是谁？", "北京市科委、中关村管委会副主任张明表示,要加快建设。", "张明"},
		{"铁路全长多少公里？", "铁路全长123公里,西起龙口。", "123公里"},
		{"中关村论坛有多少个国家参加？", "中关村是我国第一个国家级高新区。", ""}, // an ordinal is no count
		{"论坛有多少家企业参加？", "论坛启动了“三个一”工程。", ""},       // a name's number is no count
		{"论坛有多少家企业参加？", "共有十个企业参加论坛。", "十个"},
		{"这个字是哪一年恢复的？", "1955年废除,1988年恢复。", ""}, // two years: no single answer
		{"北体是不是1993年改的校名？", "1993年改为现在的校名。", "是"},
		{"北体是不是1993年改的校名？", "1995年改为现在的校名。", "不是"},
		{"论坛是在2024年办的吗？", "2025论坛在上海市举办。", "不是"}, // a time claimed: no place after 不是
		{"北体是不是1993年改的校名？", "1993年未改名。", ""},     // a negation: cannot tell
		// Every number claimed must be printed: the year sets the scene, 12 is the claim.
		{"2002年是不是设了12个局？", "2002年设立11个局。", "不是"},
		{"2002年是不是设了11个局？", "2002年设立11个局。", "是"},
		{"2002年是不是设了12个局？", "2002年实施问责制。", ""}, // 12 neither printed nor contradicted
		// A claim with a tag (…的吧, 对吧, 没错吧) asks yes or no as 是不是 does.
		// A country claimed and another printed instead.
		{"论坛的主宾国是不是法国？", "本次论坛主宾国为白俄罗斯共和国。", "不是"},
		{"论坛的主宾国是不是白俄罗斯？", "本次论坛主宾国为白俄罗斯共和国,德国也参加。", ""}, // printed: the words decide
		{"法国参加的论坛是不是在春天？", "德国参加了论坛。", ""},               // the country names the subject, not the claim
		// A name's digits (PS2) are no figure claimed.
		{"大战EX2是不是2007年的游戏？", "EX2为2007年发行的游戏。", "是"},
		{"大战EX2是不是PS2上的游戏？", "EX2为Wii上的游戏。", ""}, // not 是 for the 2 of EX2: the words decide
		{"北体的校名是1993年改的吧？", "1995年改为现在的校名。", "不是"},
		{"北体是1993年改的校名，对吧？", "1993年改为现在的校名。", "是"},
		{"北体改校名是1993年的事没错吧？", "1993年改为现在的校名。", "是"},
		{"北体哪一年改的校名，随便说个吧？", "1993年改为现在的校名。", "1993年"}, // a request, not a claim
		{"论坛在哪里举办？", "论坛在上海举办。", "上海"},                 // a name of the list (places.txt), ending before 举办
		{"他在哪里上的学？", "他毕业于北京群星艺术学院。", ""},              // 北京 begins a name, not a place
		{"他毕业于哪儿？", "他出生于北京，毕业于北京群星艺术学院。", ""},         // the place is where he was born
		{"他出生于哪儿？", "他出生于北京，毕业于北京群星艺术学院。", "北京"},
		{"营在哪里驻防？", "该营原先驻扎在温尼伯，后在希洛基地驻防。", ""}, // 温尼伯 is where it was before
		{"这种植物分布在哪儿？", "分布于印度尼西亚、缅甸和印度。", ""},   // a list: no one place
		{"论坛在哪里举办？", "论坛在上海市举办。", "上海市"},
		{"首届火炬论坛在哪里举办？", "首届火炬论坛在河北雄安新区举办。", "河北雄安新区"},
		{"论坛在哪里举办？", "论坛在湖南省长沙县举办。", "湖南省长沙县"}, // the smaller unit too
		{"论坛在哪里举办？", "论坛先在上海市、后在杭州市举办。", ""},   // two places
		{"论坛在哪里举办？", "他在此地建立该区。", ""},          // a clause, not a place
		{"博览会在哪个城市办的？", "旨在引导省级工业园区发展。", ""},   // 旨在 puts nothing anywhere
		{"化石在哪里发现的？", "化石发现于加州费雷斯诺县。", "加州费雷斯诺县"},
		// A claimed place is judged as a claimed number is, before the words.
		{"年会是不是在杭州办的？", "年会在杭州市举行。", "是"},
		{"年会是不是在北京办的？", "年会在杭州市举行。", "不是，在杭州市"},
		{"年会是在滨江区举办的吗？", "年会在杭州市滨江区举行。", "是"}, // the claim is part of the place printed
		{"年会是在杭州举行的吗？", "年会未在杭州举行。", ""},      // a negation: cannot tell by the place
		{"他是在自己的领地内出生的吗？", "他出生于城堡。", ""},     // 在 sets a scene: no place claimed
		{"How many parks by 2027?", "建成200个左右高标准数字园区。", ""},
		// A post claimed but printed only as another (副部长 for 部长).
		{"李明是不是科技厅厅长？", "省科技厅副厅长李明出席会议。", "不是"},
		{"李明是不是科技厅副厅长？", "省科技厅副厅长李明出席会议。", ""}, // held as claimed: the words decide (none here)
		// A post is printed before the name.
		{"李明是什么职务？", "省科技厅副厅长李明、市长王强出席会议。", "省科技厅副厅长"},
		{"王强的职务是什么？", "省科技厅副厅长李明、市长王强出席会议。", "市长"},
		{"李明是什么职务？", "会上,李明表示要加快发展。", ""}, // no post printed
		{"会上讲话的，李明是什么职务？", "省科技厅副厅长李明出席会议。", "省科技厅副厅长"},
		// An edition claimed, another printed.
		{"这次博览会是第二届吗？", "首届博览会在成都举办。", "不是"},
		{"这次博览会是第一届吗？", "首届博览会在成都举办。", "是"}, // 首届 is 第一届: not by the words
		{"已经开工的是不是二期？", "一期已经开工。", "不是"},    // a phase is an edition
		// A count claimed in words, another printed.
		{"委员会是不是开过两次会？", "委员会先后三次开会。", "不是"},
		{"委员会是不是开过三次会？", "委员会先后三次开会。", ""},           // as claimed: the words decide (none here)
		{"输入法只敲两个码，是不是就跟速成一个样？", "只输入两个码时便是速成。", ""}, // 一个样 counts nothing
		// A change claimed, its reverse printed.
		{"去年全省外贸是增长的吗？", "全省外贸进出口总值4562.3亿元，同比下降5.6%。", "不是"},
		{"游船当时是不是照常运营？", "游船航线暂停运营。", "不是"},
		{"去年全省外贸是增长的吗？", "出口增长2.3%，进口下降17.8%。", ""}, // both: the words decide (none here)
	}
	for _, tt := range tests {
		q := retrieve.ParseQuery(tt.question)
		got := direct(q, candidate{sent: span{0, 1, tt.sentence}})
		if got != tt.want {
			t.Errorf("direct(%q, %q) = %q, want %q", tt.question, tt.sentence, got, tt.want)
		}
	}
}

// A report's sentences say 本届 of the edition its headline names: an
// edition claimed is settled by the two together.
func TestDirectEditionInHeadline(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{Headline: "首届火炬论坛在河北雄安新区举办"}}
	for _, tt := range []struct{ question, want string }{
		{"火炬论坛是第二届了吧？", "不是"},
		{"火炬论坛是首届吗？", "是"},
	} {
		c := candidate{res: res, sent: span{0, 1, "本届论坛在河北雄安新区举办。"}}
		if got := direct(retrieve.ParseQuery(tt.question), c); got != tt.want {
			t.Errorf("direct(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

// A year claimed that the sentence cannot settle (it prints none) leaves
// the decision to the words.
func TestDirectYearThenWords(t *testing.T) {
	q := retrieve.ParseQuery("北体是不是在2000年前改名为北京体育大学？")
	c := candidate{sent: span{0, 1, "学校位于北京。"}, m: termMatch{inSent: 0.3, claimRel: 1}}
	if got := direct(q, c); got != "不是" {
		t.Errorf("direct = %q, want 不是", got)
	}
}

// A place claimed is settled by where the sentence puts the thing, not by
// its words: a sentence naming the place in another role says neither.
func TestDirectPlaceNotByWords(t *testing.T) {
	tests := []struct {
		name, question, sentence string
		want                     string
	}{
		{"named in another role", "年会是不是在南京大学开的？", "南京大学科创中心将继续开展研究。", ""},
		{"put there", "年会是不是在南京大学开的？", "年会在南京大学举行。", "是"},
		{"no place claimed", "年会是不是由南京大学主办的？", "年会由南京大学主办。", "是"},
	}
	for _, tt := range tests {
		c := candidate{sent: span{0, 1, tt.sentence}, m: termMatch{inSent: 0.8, claimRel: 0.2}}
		if got := direct(retrieve.ParseQuery(tt.question), c); got != tt.want {
			t.Errorf("%s: direct = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A place claimed and not printed: 不是, and where instead.
func TestDirectNotThere(t *testing.T) {
	q := retrieve.ParseQuery("首届火炬论坛是不是在北京举办的？")
	c := candidate{sent: span{0, 1, "首届火炬论坛在河北雄安新区举办。"}, m: termMatch{inSent: 0.6, claimRel: 1}}
	if got := direct(q, c); got != "不是，在河北雄安新区" {
		t.Errorf("direct = %q, want 不是，在河北雄安新区", got)
	}
	text, _ := compose(q, []candidate{{res: &retrieve.Result{Article: &archive.Article{ID: "a", Text: c.sent.text}}, sent: c.sent, m: c.m}})
	if want := "不是，在河北雄安新区。首届火炬论坛在河北雄安新区举办。 [1]"; text != want {
		t.Errorf("compose = %q, want %q", text, want)
	}
}

// A year asked of a sentence dated 同年 is read from the sentence it
// refers to, quoted before it; not from a further quote's other year.
func TestComposeSameYearLead(t *testing.T) {
	a := &archive.Article{ID: "a", Text: "1900年，他进入东京帝国大学。同年七月，他第一次去台湾采集植物。1903年，他发表论文。"}
	sent := func(text string, year, referent bool) candidate {
		c := candidate{res: &retrieve.Result{Article: a}, sent: span{0, 1, text}, referent: referent}
		c.f[fYearAsk] = 1
		if year {
			c.f[fYearHit] = 1
		}
		return c
	}
	held := func(c candidate, inSent float64) candidate { c.f[fInSent] = inSent; return c }
	q := retrieve.ParseQuery("他哪一年第一次去台湾采集植物？")
	for _, tt := range []struct {
		chosen []candidate
		want   string
	}{
		{[]candidate{sent("1900年，他进入东京帝国大学。", true, true), sent("同年七月，他第一次去台湾采集植物。", false, false), sent("1903年，他发表论文。", true, false)}, "1900年。"},
		// Without 同年 the referent is no date of it: the further quote's year stands.
		{[]candidate{sent("1900年，他进入东京帝国大学。", true, true), sent("七月，他第一次去台湾采集植物。", false, false), sent("1903年，他发表论文。", true, false)}, "1903年。"},
		// A first quote complete in itself is the answer: a further
		// quote's year is another event's, and leads nothing …
		{[]candidate{held(sent("张明第一次去台湾采集植物，带回标本。", false, false), 1), held(sent("1903年，张明发表论文。", true, false), 0.2)}, "张明第一次"},
		// … unless the further quote carries it on, or holds half as
		// much of the question.
		{[]candidate{held(sent("张明第一次去台湾采集植物，带回标本。", false, false), 1), held(sent("这次采集在1900年。", true, false), 0.2)}, "1900年。"},
		{[]candidate{held(sent("张明第一次去台湾采集植物，带回标本。", false, false), 0.8), held(sent("1900年，张明去台湾。", true, false), 0.5)}, "1900年。"},
	} {
		if text, _ := compose(q, tt.chosen); !strings.HasPrefix(text, tt.want) {
			t.Errorf("compose(%q…) = %q, want it to lead with %q", tt.chosen[1].sent.text, text, tt.want)
		}
	}
}

func TestEnglishLead(t *testing.T) {
	tests := []struct {
		question  string
		sentences []string
		want      string
	}{
		{"When was the forum held?", []string{"11月6-7日,论坛在雄安举办。"}, "6–7 November"},
		{"In what year was the museum opened?", []string{"博物馆于1958年9月20日开幕。"}, "20 September 1958"},
		{"What year did the club move?", []string{"球会于1913年迁往伦敦。"}, "1913"},
		// A year the question names is no answer to it.
		{"When did the 2025 conference open?", []string{"2025世界计算大会11月20日开幕。"}, "20 November"},
		// Two dates across the quotes: which one is meant is not read.
		{"When did the treaty take effect?", []string{"和约于1951年签订。", "和约于1952年生效。"}, ""},
		// A clause opened by "when", then another question; "when" later on.
		{"When bikes first came to China, what were they called?", []string{"1875年传入中国。"}, ""},
		{"What speed did the chip reach when it launched?", []string{"2007年发布。"}, ""},
		{"Who opened the park?", []string{"公园于1980年开放。"}, ""},
		// A day without its year does not answer "what year".
		{"What year was the forum first held?", []string{"11月6-7日,论坛举办。"}, ""},
		{"What year was the forum first held?", []string{"11月6-7日,论坛举办。", "首届论坛于2019年举办。"}, "2019"},
	}
	for _, tt := range tests {
		q := retrieve.ParseQuery(tt.question)
		var chosen []candidate
		for _, s := range tt.sentences {
			chosen = append(chosen, candidate{sent: span{0, 1, s}})
		}
		if got := englishLead(q, chosen); got != tt.want {
			t.Errorf("englishLead(%q) = %q, want %q", tt.question, got, tt.want)
		}
	}
}

func TestClaimPrinted(t *testing.T) {
	tests := []struct {
		q, sent string
		want    bool
	}{
		{"这种鱼是不是吃素的", "这种鱼为鳗鲡目的其中一个种", false},         // the subject alone
		{"这种鱼是不是吃素的", "这种鱼以甲壳类为食，不吃素", true},          // the claim printed (denied)
		{"听说他是第一个拿分红的演员，是这样吗", "他成为第一位拿到分红的演员", true}, // a tag claims nothing; the claim is before it
		{"他是不是在北京出生的", "他生于上海", true},                 // 生 of 出生: a paraphrase's character
		{"这是什么", "随便一句", true},                        // no claim to read
	}
	for _, tt := range tests {
		if got := claimPrinted(normalize.ForIndex(tt.q), normalize.ForIndex(tt.sent)); got != tt.want {
			t.Errorf("claimPrinted(%q, %q) = %v, want %v", tt.q, tt.sent, got, tt.want)
		}
	}
}

func TestYesNoWords(t *testing.T) {
	tests := []struct {
		name string
		m    termMatch
		q    string
		sent string
		want string
	}{
		{"the sentence holds the claim", termMatch{inSent: 0.8, claimRel: 0.3}, "瓦士本市最主要的产业是不是旅游业？", "瓦士本市最主要的经济产业是旅游业。", "是"},
		{"a claimed term is absent", termMatch{inSent: 0.7, claimRel: 1}, "瓦士本市最主要的产业是不是旅游业？", "瓦士本市最主要的经济产业是渔业。", "不是"},
		{"a light term is absent", termMatch{inSent: 0.7, claimRel: 0.5}, "瓦士本市最主要的产业是不是旅游业？", "瓦士本市最主要的经济产业是旅游业。", "是"},
		{"held but denied", termMatch{inSent: 0.9}, "旅游业是瓦士本市最主要的产业吗？", "旅游业并非最主要的产业。", "不是"},
		{"denied by both", termMatch{inSent: 0.9}, "旅游业是不是并非最主要的产业？", "旅游业并非最主要的产业。", "是"},
		{"有没有 asks, it denies nothing", termMatch{inSent: 0.9}, "木卫一有没有磁场？", "木卫一有磁场。", "是"},
		{"a word's 不 denies nothing", termMatch{inSent: 0.9}, "旅游业是不是最主要的产业？", "旅游业不仅是最主要的产业，也是最大的。", "是"},
		{"无人机 denies nothing", termMatch{inSent: 0.9}, "这家公司是不是在送快递？", "这家公司用无人机送快递。", "是"},
		{"too little of the question", termMatch{inSent: 0.4, claimRel: 0.3}, "瓦士本市最主要的产业是不是旅游业？", "经济以渔业为主。", ""},
	}
	for _, tt := range tests {
		if got := yesNoWords(tt.m, tt.q, tt.sent); got != tt.want {
			t.Errorf("%s: yesNoWords = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestMeasureMissing(t *testing.T) {
	// Two groups weighing 4 and 1: the heavier absent from the sentence
	// and its context is missing 4/5 of the question's weight; the
	// lighter absent, 1/5; a group the context holds is not missing.
	heavy := group{alts: [][]lexical.QueryTerm{{{Term: lexical.Bigram('甲', '乙'), Weight: 4}}}, weight: 4}
	light := group{alts: [][]lexical.QueryTerm{{{Term: lexical.Bigram('丙', '丁'), Weight: 1}}}, weight: 1}
	tests := []struct {
		sentence, context map[lexical.Term]bool
		want              float64
	}{
		{map[lexical.Term]bool{lexical.Bigram('丙', '丁'): true}, nil, 0.8},
		{map[lexical.Term]bool{lexical.Bigram('甲', '乙'): true}, nil, 0.2},
		{map[lexical.Term]bool{lexical.Bigram('甲', '乙'): true, lexical.Bigram('丙', '丁'): true}, nil, 0},
		{map[lexical.Term]bool{lexical.Bigram('丙', '丁'): true}, map[lexical.Term]bool{lexical.Bigram('甲', '乙'): true}, 0},
	}
	for _, tt := range tests {
		if got := measure([]group{heavy, light}, tt.sentence, tt.context).missing; got != tt.want {
			t.Errorf("missing with %v and context %v = %v, want %v", tt.sentence, tt.context, got, tt.want)
		}
	}
}

func TestClaimRel(t *testing.T) {
	// A claim's group is held when the text prints half its characters:
	// 开了工厂 is claimed by 设厂, 头儿 is not by 部长.
	bigram := func(a, b rune, w float64) group {
		return group{alts: [][]lexical.QueryTerm{{{Term: lexical.Bigram(a, b), Weight: w}}}, weight: w}
	}
	name, factory, boss := bigram('佳', '能', 2), bigram('工', '厂', 4), bigram('头', '儿', 4)
	tests := []struct {
		name   string
		groups []group
		text   string
		want   float64
	}{
		{"a paraphrase sharing a character", []group{name, factory}, "2009年，吸引佳能在此设厂。", 0},
		{"the heaviest claimed word absent", []group{name, boss}, "工商部设立，以孔祥熙为部长。", 1},
		{"the lighter absent", []group{name, factory}, "新建了工厂。", 0.5},
		{"the headline holds it", []group{name, factory}, "在此设立。 佳能工厂", 0},
	}
	for _, tt := range tests {
		if got := claimRel(claimGroups(tt.groups, ""), tt.text); got != tt.want {
			t.Errorf("%s: claimRel = %v, want %v", tt.name, got, tt.want)
		}
	}
	// A word of letters the question claims is held only when printed,
	// however light; one naming the subject, before the claim, is read
	// as a character group is (it has none, so it is held).
	word := func(w string, weight float64) group {
		return group{alts: [][]lexical.QueryTerm{{{Term: lexical.Terms(nil, w)[0], Weight: weight}}}, weight: weight}
	}
	game := bigram('游', '戏', 4)
	words := []struct {
		name, question, text string
		want                 float64
	}{
		{"the claimed word printed", "ex2是ps2上的游戏吗", "ex2是ps2上的游戏。", 0},
		{"the claimed word absent", "ex2是ps2上的游戏吗", "ex2是wii上的游戏。", 1},
		{"the subject's word absent", "ex2是ps2上的游戏吗", "ps2上的游戏。", 0},
		{"no claim part", "ex2在ps2上出吗", "wii上的游戏。", 0},
	}
	for _, tt := range words {
		groups := []group{game, word("ex2", 1), word("ps2", 1)}
		if got := claimRel(claimGroups(groups, tt.question), tt.text); got != tt.want {
			t.Errorf("%s: claimRel = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A date printed relative to the issue (今年1月) is led with the year the
// issue's date makes it; an undated page leads with nothing.
func TestRelativeDate(t *testing.T) {
	tests := []struct {
		question, sentence, date, want string
	}{
		{"方案是什么时候出台的？", "今年1月,工业和信息化部出台方案。", "2025-11-03", "2025年1月"},
		{"方案是哪一年出台的？", "今年1月,工业和信息化部出台方案。", "2025-11-03", "2025年"},
		{"方案是什么时候出台的？", "去年3月5日,方案出台。", "2025-11-03", "2024年3月5日"},
		{"方案是什么时候出台的？", "今年1月,工业和信息化部出台方案。", "", ""},                  // no issue date
		{"方案是什么时候出台的？", "今年1月起草,去年出台。", "2025-11-03", ""},             // two dates
		{"方案是什么时候出台的？", "今年1月起草,2025年3月出台。", "2025-11-03", "2025年3月"}, // the date printed in full, as before
	}
	for _, tt := range tests {
		c := candidate{res: &retrieve.Result{Article: &archive.Article{ID: "a"}, Doc: &archive.Document{Meta: archive.Meta{Date: tt.date}}}, sent: span{0, 1, tt.sentence}}
		if got := direct(retrieve.ParseQuery(tt.question), c); got != tt.want {
			t.Errorf("direct(%q, %q of %q) = %q, want %q", tt.question, tt.sentence, tt.date, got, tt.want)
		}
	}
	c := candidate{res: &retrieve.Result{Article: &archive.Article{ID: "a"}, Doc: &archive.Document{Meta: archive.Meta{Date: "2025-09-29"}}}, sent: span{0, 1, "今年9月1日起,决定正式施行。"}}
	if got, want := englishLead(retrieve.ParseQuery("When did the decision take effect?"), []candidate{c}), "1 September 2025"; got != want {
		t.Errorf("englishLead of 今年9月1日 in a 2025 issue = %q, want %q", got, want)
	}
}

// A number claimed is held when printed as a whole number, not inside
// another (the 50 of 500亩).
func TestYesNoNumbers(t *testing.T) {
	tests := []struct {
		q, sent, want string
	}{
		{"园区总投资是不是50亿元", "园区总投资30亿元，占地500亩。", "不是"},
		{"园区总投资是不是30亿元", "园区总投资30亿元，占地500亩。", "是"},
		{"园区是不是2019年建成的", "园区于2019年建成。", "是"},
		{"园区是不是2018年建成的", "园区于2019年建成。", "不是"},
		{"园区是不是很大", "园区于2019年建成。", ""},
		{"园区是不是92年建成的", "园区于1992年建成。", "是"},
	}
	for _, tt := range tests {
		if got := yesNo(tt.q, tt.sent); got != tt.want {
			t.Errorf("%s / %s: yesNo = %q, want %q", tt.q, tt.sent, got, tt.want)
		}
	}
}
