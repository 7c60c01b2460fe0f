package retrieve

import (
	"strings"
	"testing"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		q                       string
		lang                    Lang
		intent                  Intent
		issue, total, page      int
		year, month, day        int
		subjectHas, subjectLack string
		latest, photos          bool
	}{
		{q: "2025浦江创新论坛的主宾国是哪个国家？", lang: Simplified, intent: Fact, subjectHas: "浦江创新论坛", subjectLack: "国家"},
		{q: "第40期头版讲了什么", lang: Simplified, intent: PageContents, issue: 40, page: 1},
		{q: "总第2644期第2版有哪些文章？", lang: Simplified, intent: PageContents, total: 2644, page: 2},
		// A page beyond any paper's is still the page asked of a named
		// issue (the answer says how many it has), and a version otherwise.
		{q: "第40期第999版讲了什么", lang: Simplified, intent: PageContents, issue: 40, page: 999},
		{q: "这个软件第100版有什么新功能", lang: Simplified, intent: Fact, subjectHas: "软件"},
		// Names that hold a word of the paper's are no page.
		{q: "今日头条的创始人是谁", lang: Simplified, intent: Fact, subjectHas: "今日头条"},
		{q: "那期杂志的封面人物是谁", lang: Simplified, intent: Fact, subjectHas: "封面人物"},
		{q: "第40期封面讲了什么", lang: Simplified, intent: PageContents, issue: 40, page: 1},
		{q: "第40期第2版的文章", lang: Simplified, intent: PageContents, issue: 40, page: 2},
		// Where a story was printed: its subject, not the paper's words.
		{q: "海洋观测卫星的新闻是哪天登的", lang: Simplified, intent: WhichIssue, subjectHas: "海洋观测卫星", subjectLack: "新闻"},
		// A request's words (帮我查一下) go whole, not as 查.
		{q: "园区那篇稿子登在几版，帮我查一下", lang: Simplified, intent: WhichPage, subjectHas: "园区", subjectLack: "查"},
		// The date of the issue that carried a story, and its printing verb.
		{q: "首届论坛那期报纸是几月几号出的", lang: Simplified, intent: WhichIssue, subjectHas: "首届论坛", subjectLack: "出"},
		{q: "登首届论坛的那期报纸是哪天出的", lang: Simplified, intent: WhichIssue, subjectHas: "首届论坛", subjectLack: "登"},
		{q: "首届论坛是几月几号的报纸登的", lang: Simplified, intent: WhichIssue, subjectHas: "首届论坛", subjectLack: "月"},
		// A reader's memory and hedges name nothing printed.
		{q: "我记得论坛好像是第二届吧", lang: Simplified, intent: Fact, subjectHas: "论坛", subjectLack: "好像"},
		// A story's genre (专访) is the paper's word too.
		{q: "方磊的专访登在哪天的报纸上", lang: Simplified, intent: WhichIssue, subjectHas: "方磊", subjectLack: "专访"},
		// 登陆 is a landfall, not a printing.
		{q: "台风是什么时候登陆的", lang: Simplified, intent: Fact, subjectHas: "台风"},
		// Where the reader read it is not what the text prints.
		{q: "导报上说论坛签了几个项目", lang: Simplified, intent: Fact, subjectHas: "论坛", subjectLack: "导报"},
		{q: "Which page carried the hydrogen alliance story?", lang: English, intent: WhichPage, subjectHas: "联盟", subjectLack: "携带"},
		// English around a Chinese name as printed is English; a Chinese
		// question around an English name or title is not.
		{q: "Who is the new general manager of 华岳药业?", lang: English, intent: Fact, subjectHas: "华岳药业"},
		{q: "Apple公司的CEO是谁？", lang: Simplified, intent: Fact},
		{q: "《This Is Where I Came In》是Bee Gees的第几张专辑？", lang: Simplified, intent: Fact},
		// A weekly numbers its issues anew each year.
		{q: "2021年第3期讲了什么", lang: Simplified, intent: PageContents, issue: 3, year: 2021},
		{q: "2021年第二期工程什么时候完工", lang: Simplified, intent: Fact, subjectHas: "2021年第二期工程"},
		// A 第N版 that numbers a version is no page.
		{q: "第七版诊疗方案有什么变化", lang: Simplified, intent: Fact, subjectHas: "第七版诊疗方案"},
		{q: "诊疗方案第七版是什么时候发布的", lang: Simplified, intent: Fact, subjectHas: "诊疗方案第七版"},
		{q: "报纸第七版有啥", lang: Simplified, intent: Fact, page: 7},
		{q: "2025年11月3日那期的头版有哪些文章", lang: Simplified, intent: PageContents, page: 1, year: 2025, month: 11, day: 3},
		{q: "哪一期报道了首届火炬论坛", lang: Simplified, intent: WhichIssue, subjectHas: "首届火炬论坛"},
		{q: "哪一天的报纸报道了首届火炬论坛", lang: Simplified, intent: WhichIssue, subjectHas: "首届火炬论坛"},
		// The event's day, not the paper's.
		{q: "两位校长被撤职，是哪一天的事？", lang: Simplified, intent: Fact, subjectHas: "撤职"},
		{q: "金融赋能科技服务业那篇在第几版？", lang: Simplified, intent: WhichPage, subjectHas: "金融赋能科技服务业", subjectLack: "版"},
		{q: "那张专辑推出了什么版本的唱片？", lang: Simplified, intent: Fact, subjectHas: "专辑"},
		// Editions printed are no page.
		{q: "那本词典到哪一年已经发行了23版？", lang: Simplified, intent: Fact, subjectHas: "词典"},
		// Asking for every item is no term of the text.
		{q: "雷暴一般分成哪几类？都说说呗", lang: Simplified, intent: Fact, subjectHas: "雷暴", subjectLack: "都"},
		{q: "那几个汗国都是哪几个？一个都别漏", lang: Simplified, intent: Fact, subjectHas: "汗国", subjectLack: "漏"},
		{q: "最早設防的是哪兩個小鎮？叫啥來著", lang: Traditional, intent: Fact, subjectHas: "小镇", subjectLack: "著"},
		// A title is a name: 头条 and 第一期 inside it refer to no page or issue.
		{q: "他为什么希望《头条新闻》更换主持？", lang: Simplified, intent: Fact, subjectHas: "头条新闻"},
		{q: "《第一期》那首歌是谁唱的", lang: Simplified, intent: Fact, subjectHas: "歌"},
		{q: "这块陆地是哪个版块的一部分？", lang: Simplified, intent: Fact, subjectHas: "陆地"},
		{q: "第36期是哪天出版的？", lang: Simplified, intent: WhenPublished, issue: 36},
		{q: "浦江创新论坛登在第几期？", lang: Simplified, intent: WhichIssue, subjectHas: "浦江创新论坛", subjectLack: "登"},
		// 导报 is the paper, named as readers name it.
		{q: "火炬论坛的消息是哪天的导报登的？", lang: Simplified, intent: WhichIssue, subjectHas: "火炬论坛", subjectLack: "导报"},
		{q: "11月24日那期导报是第几期？", lang: Simplified, intent: WhichIssue, month: 11, day: 24, subjectLack: "导报"},
		{q: "9月29日的导报头版头条是什么？", lang: Simplified, intent: PageContents, page: 1, month: 9, day: 29},
		{q: "What is the lead story of issue 43?", lang: English, intent: PageContents, issue: 43, page: 1},
		{q: "Which day was the Pujiang Innovation Forum story printed?", lang: English, intent: WhichIssue},
		// The archive's newest issue, read from the store by the answerer.
		{q: "最近一期是第几期？", lang: Simplified, intent: WhenPublished, latest: true},
		{q: "最新一期讲了什么？", lang: Simplified, intent: PageContents, latest: true},
		{q: "What was in the latest issue?", lang: English, intent: PageContents, latest: true},
		{q: "最新一期有关于座谈会的报道吗", lang: Simplified, intent: Fact, latest: true, subjectHas: "座谈会"},
		// A page's photos: their captions answer.
		{q: "第40期头版的图片说的是什么？", lang: Simplified, intent: PageContents, issue: 40, page: 1, photos: true},
		{q: "What do the photos on the front page of issue 40 show?", lang: English, intent: PageContents, issue: 40, page: 1, photos: true},
		{q: "第40期头版有关于机器人的图片吗", lang: Simplified, intent: Fact, issue: 40, page: 1, subjectHas: "机器人"},
		// How many pages an issue has.
		{q: "第36期一共多少版？", lang: Simplified, intent: IssuePages, issue: 36},
		{q: "How many pages does issue 43 have?", lang: English, intent: IssuePages, issue: 43},
		{q: "那篇报道在第几版", lang: Simplified, intent: WhichPage},
		// An issue and nothing else asks what it carried, page by page.
		{q: "第40期有哪些文章？", lang: Simplified, intent: PageContents, issue: 40},
		{q: "11月3日那期讲了什么", lang: Simplified, intent: PageContents, month: 11, day: 3},
		{q: "What was in issue 40?", lang: English, intent: PageContents, issue: 40},
		{q: "第40期有关于火炬论坛的报道吗", lang: Simplified, intent: Fact, issue: 40, subjectHas: "火炬论坛"},
		// A phase or a class numbered 第N期 is no issue of the paper.
		{q: "园区第二期工程什么时候完工？", lang: Simplified, intent: Fact, subjectHas: "第二期工程"},
		{q: "他从第八期炮科毕业后去了哪里", lang: Simplified, intent: Fact, subjectHas: "炮科"},
		{q: "第2期的头版讲了什么", lang: Simplified, intent: PageContents, issue: 2, page: 1},
		{q: "那第41期呢？", lang: Simplified, issue: 41},
		// The spoken 号 for 日: an issue's date asked as readers say it.
		{q: "第12期是几月几号的", lang: Simplified, intent: WhenPublished, issue: 12},
		{q: "第四十期头版讲了什么", lang: Simplified, intent: PageContents, issue: 40, page: 1},
		{q: "第40期头版都有啥", lang: Simplified, intent: PageContents, issue: 40, page: 1},
		{q: "第40期头版", lang: Simplified, intent: PageContents, issue: 40, page: 1},
		{q: "第12期第3版讲了啥", lang: Simplified, intent: PageContents, issue: 12, page: 3},
		// The spoken do-verb says nothing the text would print (it says 举办).
		{q: "那个论坛是在哪个城市搞的来着", lang: Simplified, intent: Fact, subjectHas: "论坛", subjectLack: "搞"},
		// The spoken preposition before a question word: the text writes 与.
		{q: "那家公司跟哪几个企业签了约", lang: Simplified, intent: Fact, subjectHas: "公司", subjectLack: "跟"},
		{q: "跟踪报道是谁写的", lang: Simplified, intent: Fact, subjectHas: "跟踪"},
		// 是啥时候: 啥时候 goes whole, not 是啥 leaving 时候.
		{q: "那次峰会是啥时候开的", lang: Simplified, intent: Fact, subjectHas: "峰会", subjectLack: "时候"},
		// 几号 goes whole, before 是几 and 几: a date prints 日, not 号.
		{q: "那次峰会是几号开的", lang: Simplified, intent: Fact, subjectHas: "峰会", subjectLack: "号"},
		// 几次 does not: the unit is printed with the answer (做了13次手术).
		{q: "他一共动了几次手术", lang: Simplified, intent: Fact, subjectHas: "次手术"},
		// Chatter: a demonstrative and a hedge name nothing the text prints.
		{q: "那次峰会到底是在哪个城市开的", lang: Simplified, intent: Fact, subjectHas: "峰会", subjectLack: "那次"},
		{q: "那次峰会到底是在哪个城市开的", lang: Simplified, intent: Fact, subjectHas: "峰会", subjectLack: "到底"},
		{q: "那几年园区前前后后一共引进了几家企业", lang: Simplified, intent: Fact, subjectHas: "引进", subjectLack: "一共"},
		{q: "园区那边一共引进了几家企业", lang: Simplified, intent: Fact, subjectHas: "园区", subjectLack: "那边"},
		// A question pointing at the text it was written over: the text
		// does not print that of itself. Only at the start, or 文中 before
		// 提到/提及 (英文中 and 文天祥 are content).
		{q: "根据报道，华拓精工每股发行价是多少？", lang: Simplified, intent: Fact, subjectHas: "华拓精工", subjectLack: "根据"},
		{q: "报道中提到的项目总投资多少", lang: Simplified, intent: Fact, subjectHas: "项目", subjectLack: "提到"},
		{q: "据导报报道，华拓精工在哪上市", lang: Simplified, intent: Fact, subjectHas: "华拓精工", subjectLack: "导报"},
		// The paper named as where it was read, 里 as 上.
		{q: "2023年6月28日那期报纸里，华拓精工的老大是谁？", lang: Simplified, intent: Fact, year: 2023, month: 6, day: 28, subjectHas: "华拓精工", subjectLack: "报纸"},
		{q: "文中提及，臨沂縣是於哪個時期所設置", lang: Traditional, intent: Fact, subjectHas: "临沂县", subjectLack: "提及"},
		{q: "那个词在英文中叫什么", lang: Simplified, intent: Fact, subjectHas: "英文"},
		{q: "《星河科技发布新一代芯片》这篇报道中，芯片采用几纳米工艺？", lang: Simplified, intent: Fact, subjectHas: "芯片", subjectLack: "中"},
		{q: "文天祥是哪里人", lang: Simplified, intent: Fact, subjectHas: "文天祥"},
		// The spoken "first" as the text writes it, but not inside 码头一带.
		{q: "园区头一任主任是谁", lang: Simplified, intent: Fact, subjectHas: "第一任", subjectLack: "头一"},
		{q: "码头一带叫什么", lang: Simplified, intent: Fact, subjectHas: "码头一带"},
		// An event date in a fact question stays in the subject.
		{q: "11月21日召开的座谈会在哪里举行？", lang: Simplified, intent: Fact, subjectHas: "11月21日"},
		// 2.0版 is no page.
		{q: "人工智能安全治理2.0版发布了什么？", lang: Simplified, intent: Fact, subjectHas: "版发布"},
		{q: "2025浦江創新論壇的主賓國是哪個國家？", lang: Traditional, intent: Fact, subjectHas: "浦江创新论坛"},
		{q: "What was on the front page of issue 40?", lang: English, intent: PageContents, issue: 40, page: 1},
		{q: "Which issue reported the first Torch Forum?", lang: English, intent: WhichIssue, subjectHas: "火炬"},
		// Of the paper, "covered" is reported, a paper word: no 覆盖 or 封面.
		{q: "Which page of issue 41 covered the Torch Forum?", lang: English, intent: WhichPage, issue: 41, subjectHas: "火炬", subjectLack: "覆盖"},
		{q: "Where was the symposium held on 21 November 2025?", lang: English, intent: Fact, subjectHas: "11月21日"},
		// The paper's own words (page, article) are no search terms.
		{q: "On which page is the story about flying car collisions?", lang: English, intent: WhichPage, subjectHas: "飞行", subjectLack: "版"},
		{q: "Which issue reported the World Computing Conference?", lang: English, intent: WhichIssue, subjectHas: "计算", subjectLack: "报道"},
		// An acronym no list knows is searched as it is.
		{q: "What is ACMEX?", lang: English, intent: Fact, subjectHas: "acmex"},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q := ParseQuery(tt.q)
			if q.Lang != tt.lang || q.Intent != tt.intent {
				t.Errorf("lang %s intent %s, want %s %s", q.Lang, q.Intent, tt.lang, tt.intent)
			}
			if q.Issue != tt.issue || q.TotalIssue != tt.total || q.Page != tt.page {
				t.Errorf("issue %d total %d page %d, want %d %d %d", q.Issue, q.TotalIssue, q.Page, tt.issue, tt.total, tt.page)
			}
			if q.Latest != tt.latest {
				t.Errorf("latest %v, want %v", q.Latest, tt.latest)
			}
			if q.Photos != tt.photos {
				t.Errorf("photos %v, want %v", q.Photos, tt.photos)
			}
			if q.Year != tt.year || q.Month != tt.month || q.Day != tt.day {
				t.Errorf("date %d-%d-%d, want %d-%d-%d", q.Year, q.Month, q.Day, tt.year, tt.month, tt.day)
			}
			if tt.subjectHas != "" && !strings.Contains(q.Subject, tt.subjectHas) {
				t.Errorf("subject %q lacks %q", q.Subject, tt.subjectHas)
			}
			if tt.subjectLack != "" && strings.Contains(q.Subject, tt.subjectLack) {
				t.Errorf("subject %q has %q", q.Subject, tt.subjectLack)
			}
		})
	}
}

func TestFollowUp(t *testing.T) {
	prev := ParseQuery("第40期头版讲了什么")
	q := ParseQuery("那第41期呢？").FollowUp(prev)
	if q.Intent != PageContents || q.Issue != 41 || q.Page != 1 {
		t.Errorf("follow-up = intent %s issue %d page %d, want page-contents of 第41期 头版", q.Intent, q.Issue, q.Page)
	}
	fact := ParseQuery("浦江创新论坛的主宾国是哪个国家？")
	if q := ParseQuery("那第41期呢？").FollowUp(fact); q.Intent != Fact || q.Issue != 41 || !strings.Contains(q.Subject, "浦江创新论坛") {
		t.Errorf("follow-up of a fact = intent %s issue %d subject %q, want the fact asked of 第41期", q.Intent, q.Issue, q.Subject)
	}
	if q := ParseQuery("那最新一期呢？").FollowUp(prev); !q.Latest || q.Issue != 0 || q.Page != 1 {
		t.Errorf("follow-up = latest %v issue %d page %d, want the newest issue's front page", q.Latest, q.Issue, q.Page)
	}
	own := ParseQuery("白俄罗斯国家科委主席是谁？").FollowUp(prev)
	if own.Intent != Fact || own.Issue != 0 {
		t.Errorf("a question with its own subject borrowed the previous one: %+v", own)
	}
}

func TestDateRole(t *testing.T) {
	tests := []struct {
		q                string
		year, month, day int // the paper's date (a hard filter)
		event            EventDate
		subjectHas       string
	}{
		// An event's date widens to a window; the paper's date filters.
		{q: "2020年5月20日国台办发言人怎么表态的？", event: EventDate{Year: 2020, Month: 5, Day: 20}, subjectHas: "5月20日"},
		{q: "2019年1月份全国快递业务收入是多少", event: EventDate{Year: 2019, Month: 1, Figures: true}, subjectHas: "快递业务收入"},
		{q: "11月6日开幕的论坛在哪里举行", event: EventDate{Month: 11, Day: 6}, subjectHas: "论坛"},
		{q: "2025年9月召开的大会有多少人参加", event: EventDate{Year: 2025, Month: 9}, subjectHas: "大会"},
		{q: "Where was the symposium held on 21 November 2025?", event: EventDate{Year: 2025, Month: 11, Day: 21}, subjectHas: "11月21日"},
		{q: "2025年11月3日那期的头版有哪些文章", year: 2025, month: 11, day: 3},
		{q: "11月3日那天的报纸说了什么", month: 11, day: 3},
		{q: "2025年11月3日头版讲了什么", year: 2025, month: 11, day: 3},
		{q: "2025年11月3日第2版有哪些文章", year: 2025, month: 11, day: 3},
		{q: "11月3日那篇稿子讲的座谈会在哪开的", month: 11, day: 3, subjectHas: "座谈会"},
		// The report itself, dated: printed that day.
		{q: "2023年6月28日的新闻中，华拓精工的老大是谁？", year: 2023, month: 6, day: 28, subjectHas: "华拓精工"},
		{q: "6月28日的报道称华拓精工在哪上市", month: 6, day: 28, subjectHas: "华拓精工"},
		{q: "2025-11-03", year: 2025, month: 11, day: 3},
		{q: "哪一期报道了11月6日的论坛", event: EventDate{Month: 11, Day: 6}, subjectHas: "论坛"},
		{q: "What was on the front page on November 3, 2025?", year: 2025, month: 11, day: 3},
		{q: "Which issue reported the forum held on November 6, 2025?", event: EventDate{Year: 2025, Month: 11, Day: 6}, subjectHas: "论坛"},
		{q: "When was the November 3, 2025 issue published?", year: 2025, month: 11, day: 3},
		{q: "What did the paper of 3 November 2025 say about the forum?", year: 2025, month: 11, day: 3, subjectHas: "论坛"},
		// In Chinese numerals.
		{q: "二〇二五年十一月六日开幕的论坛在哪里", event: EventDate{Year: 2025, Month: 11, Day: 6}, subjectHas: "论坛"},
		{q: "十二月份的出口额是多少", event: EventDate{Month: 12, Figures: true}, subjectHas: "出口额"},
		{q: "十一月六日开幕的论坛在哪里", event: EventDate{Month: 11, Day: 6}, subjectHas: "十一月六日"},
		{q: "十一月三日那期头版讲了什么", month: 11, day: 3},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			q := ParseQuery(tt.q)
			if q.Year != tt.year || q.Month != tt.month || q.Day != tt.day {
				t.Errorf("paper date %d-%d-%d, want %d-%d-%d", q.Year, q.Month, q.Day, tt.year, tt.month, tt.day)
			}
			if q.Event != tt.event {
				t.Errorf("event %+v, want %+v", q.Event, tt.event)
			}
			if !strings.Contains(q.Subject, tt.subjectHas) {
				t.Errorf("subject %q lacks %q", q.Subject, tt.subjectHas)
			}
		})
	}
}

func TestWithTranslation(t *testing.T) {
	q := ParseQuery("Who chaired the forum on page 3 of issue 40?")
	got := q.WithTranslation("第40期第3版上的论坛是谁主持的？11月6日开幕")
	if got.Lang != English || got.Issue != 40 || got.Page != 3 {
		t.Errorf("references lost: lang %s issue %d page %d", got.Lang, got.Issue, got.Page)
	}
	if !strings.Contains(got.Subject, "论坛") || strings.Contains(got.Subject, "谁") {
		t.Errorf("subject %q: want the translation's terms without question words", got.Subject)
	}
	if got.Event != (EventDate{Month: 11, Day: 6}) {
		t.Errorf("event %+v, want 11月6日 from the translation", got.Event)
	}
	if len(got.Groups) == 0 {
		t.Error("no groups for the answerer")
	}
	if same := q.WithTranslation("？"); same != q {
		t.Error("an empty translation replaced the dictionary's")
	}
	if zh, _ := (Dictionary{}).Translate(t.Context(), "Where was the forum held?"); !strings.Contains(zh, "论坛") {
		t.Errorf("Dictionary.Translate = %q", zh)
	}
}
