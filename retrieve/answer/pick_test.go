package answer

import (
	"slices"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"

	"github.com/heraldqa/heraldqa/retrieve"
)

// The sentences quoted besides the best: the one before when the best
// opens by referring back to it, and a neighbour the model thinks likely
// enough to hold the answer.
func TestPickNeighbours(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	other := &retrieve.Result{Article: &archive.Article{ID: "b"}}
	// score 1 is the best; others score 0, too low to be quoted for
	// their score (AlsoQuote).
	sent := func(r *retrieve.Result, idx int, text string, score float64) candidate {
		c := candidate{res: r, idx: idx, sent: span{idx * 100, idx*100 + 50, text}, score: score}
		c.f[fBias], c.f[fRules] = 1, 1
		return c
	}
	sure := &Model{Weights: make([]float64, nFeatures), Threshold: 0.5, Override: 0.9, Also: 2}
	sure.Weights[fBias] = 10 // every sentence ≈ 1: the best answers, neighbours are quoted
	unsure := &Model{Weights: make([]float64, nFeatures), Threshold: 0.1, Override: 0.9, Also: 2}
	unsure.Weights[fBias] = -1 // ≈ 0.27: the best answers, neighbours (< neighbourQuote) are not

	tests := []struct {
		name  string
		cands []candidate
		m     *Model
		want  []string
		refer []bool
	}{
		{
			name:  "opens with 他: the sentence before leads",
			cands: []candidate{sent(res, 2, "他于1990年当选主席。", 1), sent(res, 1, "张三生于上海。", 0), sent(other, 3, "无关。", 0)},
			m:     unsure,
			want:  []string{"张三生于上海。", "他于1990年当选主席。"},
			refer: []bool{true, false},
		},
		{
			name:  "opens plainly: quoted alone",
			cands: []candidate{sent(res, 2, "张三于1990年当选主席。", 1), sent(res, 1, "张三生于上海。", 0)},
			m:     unsure,
			want:  []string{"张三于1990年当选主席。"},
			refer: []bool{false},
		},
		{
			name:  "likely neighbours: before and after, in order",
			cands: []candidate{sent(res, 2, "张三于1990年当选主席。", 1), sent(res, 3, "任期五年。", 0), sent(res, 1, "张三生于上海。", 0), sent(res, 5, "远处的句子。", 0)},
			m:     sure,
			want:  []string{"张三生于上海。", "张三于1990年当选主席。", "任期五年。"},
			refer: []bool{true, false, false},
		},
		{
			name:  "another article's sentence is no neighbour",
			cands: []candidate{sent(res, 2, "张三于1990年当选主席。", 1), sent(other, 1, "他生于上海。", 0)},
			m:     sure,
			want:  []string{"张三于1990年当选主席。"},
			refer: []bool{false},
		},
	}
	// A year asked: the best sentence lacks one, a neighbour holds it.
	yearAsked := func(c candidate, holds bool) candidate {
		c.f[fYearAsk] = 1
		if holds {
			c.f[fYearHit] = 1
		} else {
			c.f[fNeighbour] = 1
		}
		return c
	}
	tests = append(tests, []struct {
		name  string
		cands []candidate
		m     *Model
		want  []string
		refer []bool
	}{
		{
			name: "a year asked, the best opens with a month: the year is printed before it",
			cands: []candidate{yearAsked(sent(res, 2, "4月，他当选主席。", 1), false), yearAsked(sent(res, 3, "1955年，另有一事。", 0), true),
				yearAsked(sent(res, 1, "1959年，大会召开。", 0), true)},
			m:     unsure,
			want:  []string{"4月，他当选主席。", "1959年，大会召开。"},
			refer: []bool{false, false},
		},
		{
			name: "a year asked, only the sentence after holds one: none quoted for it",
			cands: []candidate{yearAsked(sent(res, 2, "张三由此当选主席。", 1), false), yearAsked(sent(res, 3, "1955年，另有一事。", 0), true),
				yearAsked(sent(res, 1, "大会召开。", 0), false)},
			m:     unsure,
			want:  []string{"张三由此当选主席。"},
			refer: []bool{false},
		},
	}...)
	for _, tt := range tests {
		got := pick(tt.cands, tt.m, false)
		if len(got) != len(tt.want) {
			t.Errorf("%s: quoted %d sentences, want %d", tt.name, len(got), len(tt.want))
			continue
		}
		for i, c := range got {
			if c.sent.text != tt.want[i] || c.referent != tt.refer[i] {
				t.Errorf("%s: sentence %d = %q (referent %v), want %q (%v)", tt.name, i, c.sent.text, c.referent, tt.want[i], tt.refer[i])
			}
		}
	}
}

// The sentence before the first quoted one is quoted in front of it when
// it holds at least contextGain of the question's weight that the quoted
// one lacks.
func TestWithContext(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	weights := []float64{3, 1} // group 0: the name (heavy); group 1: a light term
	sent := func(idx int, text string, held uint64) candidate {
		return candidate{res: res, idx: idx, sent: span{idx * 100, idx*100 + 50, text}, m: termMatch{held: held, weights: weights}}
	}
	tests := []struct {
		name  string
		cands []candidate
		want  []string
	}{
		{"the name is before", []candidate{sent(2, "后者称其为科学传奇。", 0b10), sent(1, "两位小说家：凡尔纳和威尔斯。", 0b01)},
			[]string{"两位小说家：凡尔纳和威尔斯。", "后者称其为科学传奇。"}},
		{"nothing new before", []candidate{sent(2, "威尔斯称其为科学传奇。", 0b11), sent(1, "威尔斯生于英国。", 0b01)},
			[]string{"威尔斯称其为科学传奇。"}},
		{"the sentence after is not taken", []candidate{sent(2, "后者称其为科学传奇。", 0b10), sent(3, "威尔斯生于英国。", 0b01)},
			[]string{"后者称其为科学传奇。"}},
	}
	for _, tt := range tests {
		got := withContext(tt.cands, tt.cands[:1])
		texts := quoted(got)
		if !slices.Equal(texts, tt.want) {
			t.Errorf("%s: quoted %q, want %q", tt.name, texts, tt.want)
		}
		if len(got) == 2 && !got[0].referent {
			t.Errorf("%s: the sentence before is not marked a referent", tt.name)
		}
	}
}

// A further sentence of the first quote's article is left out when it
// holds no question term the first lacks; another article's is not.
func TestRedundant(t *testing.T) {
	a := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	b := &retrieve.Result{Article: &archive.Article{ID: "b"}}
	weights := []float64{3, 1}
	sent := func(r *retrieve.Result, held uint64) candidate {
		return candidate{res: r, m: termMatch{held: held, weights: weights}}
	}
	first := sent(a, 0b01)
	tests := []struct {
		name string
		c    candidate
		want bool
	}{
		{"same article, the same terms", sent(a, 0b01), true},
		{"same article, a term the first lacks", sent(a, 0b10), false},
		{"another article, the same terms", sent(b, 0b01), false},
	}
	for _, tt := range tests {
		if got := redundant(tt.c, first); got != tt.want {
			t.Errorf("%s: redundant = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestWithReferent(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	weights := []float64{1, 1, 1}
	sent := func(idx int, text string, held uint64) candidate {
		c := candidate{res: res, idx: idx, sent: span{idx * 100, idx*100 + 50, text}}
		c.m = termMatch{held: held, weights: weights}
		return c
	}
	before := sent(1, "王芳最终与李明结婚。", 0b001)
	named := func(c candidate) candidate {
		c.named = true
		return c
	}
	tests := []struct {
		name  string
		cands []candidate
		want  int // sentences quoted
	}{
		{"opens by referring back", []candidate{sent(2, "他们于三月举办婚礼。", 0b110), before}, 2},
		{"refers back inside, the sentence before holds more", []candidate{sent(2, "三月，二人举办婚礼。", 0b110), before}, 2},
		{"refers back inside, the sentence before holds nothing more", []candidate{sent(2, "三月，二人举办婚礼。", 0b111), before}, 1},
		{"a singular pronoun inside a clause is no reference back", []candidate{sent(2, "婚礼在她的家乡举办。", 0b110), before}, 1},
		{"no reference", []candidate{sent(2, "婚礼于三月举办。", 0b110), before}, 1},
		{"a name question's pronoun", []candidate{named(sent(2, "三月，她与李明结婚。", 0b111)), before}, 2},
		{"a name question's pronoun inside a clause", []candidate{named(sent(2, "婚礼在她的家乡举办。", 0b111)), before}, 2},
		{"a name question's 其他 is no pronoun", []candidate{named(sent(2, "三月到场的还有其他演员。", 0b111)), before}, 1},
		{"opens carrying on (因此)", []candidate{sent(2, "因此婚礼推迟到三月。", 0b110), before}, 2},
		{"carries on in its first clause (随即)", []candidate{sent(2, "二家随即举办婚礼。", 0b110), before}, 2},
		{"从此 after a clause refers to that clause", []candidate{sent(2, "三月举办婚礼，从此定居北京。", 0b110), before}, 1},
		{"opens on the day after (次日)", []candidate{sent(2, "次日二家在北京举办婚礼。", 0b110), before}, 2},
		{"answers what was said before (作为回应)", []candidate{sent(2, "作为回应，二家推迟婚礼。", 0b110), before}, 2},
	}
	for _, tt := range tests {
		if got := withReferent(tt.cands, tt.cands[:1]); len(got) != tt.want {
			t.Errorf("%s: quoted %d sentences, want %d", tt.name, len(got), tt.want)
		}
	}
}

// English questions are decided at englishMinSupport and englishMinNovel,
// Chinese ones at MinSupport and MinNovel: a dictionary's readings match
// less of the text.
func TestPickRulesEnglish(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	tests := []struct {
		name      string
		english   bool
		support   float64
		yearClash bool // the question names a year the article never prints
		counts    bool // the sentence counts what a how-many question asks
		novel     float64
		want      bool // answered
	}{
		{"English, support over its threshold", true, 0.5, false, false, 0.5, true},
		{"Chinese, the same support", false, 0.5, false, false, 0.5, false},
		{"English, too little", true, 0.35, false, false, 0.5, false},
		{"Chinese, over MinSupport", false, 0.65, false, false, 0.5, true},
		{"English, another year than the question's", true, 0.9, true, false, 0.5, false},
		{"English, too little, but it counts what is asked", true, 0.35, false, true, 0.5, true},
		{"English, nothing new, but it counts what is asked", true, 0.35, false, true, 0, true},
		{"English, nothing new", true, 0.6, false, false, 0, false},
		{"English, a little new (won: 夺冠 unread)", true, 0.6, false, false, 0.15, true},
		{"Chinese, as little new", false, 0.8, false, false, 0.15, false},
		{"English, it counts, but far too little", true, 0.1, false, true, 0.5, false},
		{"English, it counts, another year", true, 0.5, true, true, 0.5, false},
	}
	for _, tt := range tests {
		c := candidate{res: res, sent: span{0, 10, "句子。"}, support: tt.support, novel: tt.novel, english: tt.english, counts: tt.counts}
		if tt.yearClash {
			c.f[fYearClash] = 1
		}
		if got := len(pickRules([]candidate{c}, []candidate{c}, false)) > 0; got != tt.want {
			t.Errorf("%s: answered %v, want %v", tt.name, got, tt.want)
		}
	}
}

// An English answer quotes what the hand-set rules quote, first, and then
// what the model quotes in its learned order; the rules alone decide.
func TestPickEnglishLearned(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	sent := func(idx int, text string, score, support float64) candidate {
		c := candidate{res: res, idx: idx, sent: span{idx * 100, idx*100 + 50, text}, score: score, support: support, novel: 0.5, english: true}
		c.f[fBias] = 1
		return c
	}
	sure := &Model{Weights: make([]float64, nFeatures), Also: 2, Rank: make([]float64, nFeatures), RankBlend: 0.1}
	sure.Weights[fBias] = 10 // every sentence ≈ 1: its neighbours are quoted
	unsure := &Model{Weights: make([]float64, nFeatures), Also: 2}
	unsure.Weights[fBias] = -1 // ≈ 0.27: below neighbourQuote

	best := sent(2, "The best sentence.", 1, 0.9)
	after := sent(3, "The sentence after.", 0, 0) // too low a score and support for the rules
	tests := []struct {
		name  string
		cands []candidate
		m     *Model
		want  []string
	}{
		{"the model quotes the neighbour too", []candidate{best, after}, sure, []string{"The best sentence.", "The sentence after."}},
		{"an unsure model adds nothing", []candidate{best, after}, unsure, []string{"The best sentence."}},
		{"the hand rules alone", []candidate{best, after}, nil, []string{"The best sentence."}},
		{"the rules refuse: the model does not answer", []candidate{sent(2, "Too little.", 1, 0.2), after}, sure, nil},
	}
	for _, tt := range tests {
		if got := quoted(pick(tt.cands, tt.m, false)); !slices.Equal(got, tt.want) {
			t.Errorf("%s: quoted %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A sentence announcing a list the text does not give answers no
// question asking for the list.
func TestLostList(t *testing.T) {
	tests := []struct {
		s    string
		want bool
	}{
		{"该园区共有三个分园:这座园区的面积很大,约有8平方公里。", true},
		{"该园区共有三个分园:园区很大。", false}, // a short clause may be an item
		{"获奖名单如下:", true},
		{"两人育有两个女儿:详细资料见下表:", true},
		{"活动分为两类:一是线上展览,二是线下论坛。", false},
		{"主要包括:北京、上海和广州。", false},
		{"本届论坛有3个分论坛:开幕式在上午九点举行,嘉宾们发表了演讲。", true},
		{"境内还有一些语言只有少数人使用:西班牙语本身也有不同的方言。", false}, // no list announced
		{"大会主题为:科技创新。", false},
		{"与会企业有200家。", false}, // no colon
	}
	for _, tt := range tests {
		if got := lostList(tt.s); got != tt.want {
			t.Errorf("lostList(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

// A birth or an age asked is answered only by a sentence that gives one.
func TestLifeAsked(t *testing.T) {
	tests := []struct {
		q, s string
		want bool // answerable from s
	}{
		{"那位院长是哪年生的", "1994年,他出任院长。", false},
		{"那位院长是哪年生的", "他1962年出生于杭州。", true},
		{"那位院长是哪年生的", "张三(1962年6月-),浙江杭州人。", true},
		{"他去世时几岁", "2008年,他因病在北京去世。", false},
		{"他去世时几岁", "2008年,他因病去世,享年76岁。", true},
		{"他去世时几岁", "张三(1901年-1977年),历史学家。", true},
		{"那场危机发生于哪一年", "1990年,公司出现财务危机。", true}, // 发生 asks no birth
		{"what year was the singer born", "2013年,她随乐团访问北京。", false},
		{"how old was he when he died", "他于2008年去世,终年80。", true},
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.q)
		got := lifeAsk(q) == 0 || lifeSaid(lifeAsk(q), normalize.ForIndex(tt.s))
		if got != tt.want {
			t.Errorf("%s / %s: answerable %v, want %v", tt.q, tt.s, got, tt.want)
		}
	}
}

func TestOrdinalClashes(t *testing.T) {
	tests := []struct {
		q, s string
		want bool
	}{
		{"第三届博览会在哪里举办", "第四届博览会在成都举办。", true},
		{"第三届博览会在哪里举办", "第三届博览会在成都举办。", false},
		{"第三届博览会在哪里举办", "博览会在成都举办。", false},            // no edition named: no clash
		{"第三届博览会在哪里举办", "第3届博览会在成都举办,第四届将在重庆。", false}, // digits and numerals alike
		{"第七次普查时人口多少", "第六次普查时人口为640万。", true},
		{"第七次普查时人口多少", "第六届运动会在此举办。", false}, // another kind
		// A leg of a league, a batch of a list.
		{"联赛第三站在哪儿比", "联赛第二站7日在长春收官。", true},
		{"第二届论坛在哪儿办的", "首届论坛在雄安举办。", true}, // 首届 is the first
		{"第一届论坛在哪儿办的", "首届论坛在雄安举办。", false},
		{"第三批名单有几家企业", "第三批名单共收录120家企业。", false},
	}
	for _, tt := range tests {
		o := ordinalIn(tt.q)
		if o == nil {
			t.Fatalf("no ordinal in %q", tt.q)
		}
		if got := o.clashes(tt.s); got != tt.want {
			t.Errorf("%s / %s: clashes %v, want %v", tt.q, tt.s, got, tt.want)
		}
	}
}

// What a question needs of its first quote, end to end: the question is
// read once (questionNeeds) and each candidate checked against it.
func TestWithheld(t *testing.T) {
	tests := []struct {
		q, s string
		fact bool // a question about the news, not about the paper
		want bool
	}{
		{"展会有哪些分会场", "展会共有三个分会场:这些会场的面积都很大,约有8万平方米。", true, true},
		{"展会有哪些分会场", "展会共有三个分会场:东区、西区和北区。", true, false},
		{"那位院长是哪年生的", "1994年,他出任院长。", true, true},
		{"那位院长是哪年过世的", "1994年,他出任院长。", true, true},
		{"那位院长是哪年过世的", "1994年,他在北京病逝。", true, false},
		{"那位院长是哪年过世的", "院长张明(1901年-1994年)。", true, false},
		{"那位院长是哪年过世的", "1994年,他出任世界银行顾问。", true, true}, // 世界 is no death
		{"when did the dean die", "1994年,他出任院长。", true, true},
		{"who had the dean put to death", "1994年,他出任院长。", true, false}, // asks who, not when
		{"第三届博览会在哪里举办", "第四届博览会在成都举办。", true, true},
		{"第三届博览会在哪里举办", "第四届博览会在成都举办。", false, false}, // about the paper: 第N期 is no edition
		{"博览会在哪里举办", "第四届博览会在成都举办。", true, false},
		// A day asked: 近日 does not give it.
		{"博览会是哪天开的", "近日,博览会在成都举办。", true, true},
		{"博览会是几号开的", "11月6-7日,博览会在成都举办。", true, false},
		{"博览会是什么时候开的", "近日,博览会在成都举办。", true, false}, // any time asked: 近日 may do
		// The end of an event asked, its start printed.
		{"博览会是哪天闭幕的", "博览会6日在成都开幕。", true, true},
		{"博览会是哪天闭幕的", "博览会6日开幕，8日闭幕。", true, false},
		{"运河哪年完工", "运河正月开工，次年七月凿成。", true, false}, // 凿成: its end in other words
		{"哪位大师设计的", "这些大楼以钢筋混凝土建成。", true, false}, // asks no side
		// A monthly figure of another month; an amount given as a magnitude.
		{"4月份社会消费品零售总额多少", "5月份社会消费品零售总额2864亿元。", true, false}, // the article is read, not the quote
		{"融资多少钱", "公司完成数亿元融资。", true, true},
		// A project's phase printed without 第: another phase's figure.
		{"二期要投多少钱", "其中，一期投资52亿元，建设年产15GWh生产线。", true, true},
		{"二期要投多少钱", "二期投资52亿元。", true, false},
		{"第二期要投多少钱", "二期投资52亿元。", true, false},
		{"一期啥时候投用的", "3月4日，中心二期正式启用。", true, true},
		{"二期要投多少钱", "因国庆放假，本报休刊一期。", true, false}, // an issue, no phase
		// A day the reporter learned of news done 近日 is not its day.
		{"名单是哪天公布的", "6月6日，记者从省经信厅获悉，在工信部近日公布的名单中，本省有183家入选。", true, true},
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.q)
		c := candidate{sent: span{0, 10, tt.s}, needs: questionNeeds(q, q, tt.fact)}
		if got := c.withheld(); got != tt.want {
			t.Errorf("%s / %s: withheld %v, want %v", tt.q, tt.s, got, tt.want)
		}
	}
}

// What a question asks of a period, a ranked place or a post is read in
// the whole article: a quarter it never prints, a place of a ranking it
// never names, or a post it names no holder of, is not given by any of its
// sentences.
func TestWithheldByArticle(t *testing.T) {
	tests := []struct {
		q, article string
		want       bool
	}{
		{"云途智能2024年第二季度营收多少", "公司发布2024年第一季度报告。一季度，公司实现营业收入18.6亿元。", true},
		{"云途智能2024年一季度营收多少", "公司发布2024年第一季度报告。一季度，公司实现营业收入18.6亿元。", false},
		{"上半年营收多少", "公司上半年营收18.6亿元。", false},
		{"排第二的是哪个城市", "报告显示，北京以6.81%居首。", true},
		{"排第二的是哪个城市", "襄阳、宜昌分别以1106件、873件位居第二、三位。", false},
		{"排第三的是哪个城市", "合肥、阜阳、宿州位列全省前三。", false},
		{"排第一的是哪个城市", "深圳位居榜首。", false},
		{"哪个县雨下得最大", "阳西县累计降雨量最大。", false},  // 最大: not read as a place
		{"第一名女性议长是谁", "她成为第一名女性议长。", false}, // 第一名: a count, not a place asked
		{"晋江排第几", "晋江位列第四。", false},         // asks the place, not its holder
		// A post whose holder is asked: a deputy is not the head.
		{"研究院的副院长是谁", "会议宣布由邵明远出任研究院院长。", true},
		{"研究院的院长是谁", "会议宣布由邵明远出任研究院院长。", false},
		{"公司的首席财务官叫什么", "聘任高宁为公司财务总监。", false}, // printed in the other title
		{"公司的总经理叫什么", "董事长钱立新主持会议。", true},
		{"总经理在会上说了什么", "董事长钱立新主持会议。", false},   // asks no holder
		{"开幕式上市长讲了啥，叫啥名", "董事长钱立新主持会议。", true}, // the name asked apart from the post
		// A ceremony asked of an article reporting only the other.
		{"谁主持了博览会的闭幕式", "博览会6日开幕。开幕式由副市长周岚主持。", true},
		{"谁主持了博览会的闭幕式", "开幕式由副市长周岚主持。8日博览会闭幕。", false},
		{"谁主持了博览会的开幕式", "开幕式由副市长周岚主持。", false},
		{"6日开幕的那个博览会谁主持的", "8日博览会闭幕。开幕式由副市长周岚主持。", false}, // 开幕的 describes
		// An English question's Chinese name, which the article never prints.
		{"Who is the CEO of 深海科技?", "公司首席执行官梁思齐表示，融资将用于研发。", true},
		{"Who is the CEO of 深海科技?", "深海科技首席执行官梁思齐表示，融资将用于研发。", false},
		// Another place's report of the same thing.
		{"上半年广东外贸进出口增长多少", "上半年福建外贸进出口增长3.8%。", true},
		{"上半年福建外贸进出口增长多少", "上半年福建外贸进出口增长3.8%。", false},
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.q)
		sents := splitSentences(tt.article)
		res := &retrieve.Result{Article: &archive.Article{Text: tt.article}}
		n := questionNeeds(q, q, true)
		if names := hanNames(tt.q); retrieve.ParseQuery(tt.q).Lang == retrieve.English && len(names) > 0 {
			n = &needs{names: names}
		}
		c := candidate{sent: sents[len(sents)-1], res: res, needs: n}
		if got := c.withheld(); got != tt.want {
			t.Errorf("%s / %s: withheld %v, want %v", tt.q, tt.article, got, tt.want)
		}
	}
}

// What the quoted sentences together lack: an edition or phase they (and
// their headline) name only others of, a phase's figure given in another
// phase's clause, money where money is asked.
func TestQuoteLacks(t *testing.T) {
	tests := []struct {
		q, headline string
		sents       []string
		want        bool // refused
	}{
		{"第四届大会签约了多少个项目", "第三届湾区智造大会在佛山举行", []string{"本届大会共签约项目42个。"}, true},
		{"第三届大会签约了多少个项目", "第三届湾区智造大会在佛山举行", []string{"本届大会共签约项目42个。"}, false},
		{"第四届大会签约了多少个项目", "湾区智造大会在佛山举行", []string{"本届大会共签约项目42个。"}, false},
		{"二期要投多少钱", "储能基地开工", []string{"项目分两期建设。", "其中，一期投资36亿元；二期将适时启动。"}, true},
		{"二期要投多少钱", "储能基地开工", []string{"项目分两期建设。", "二期投资36亿元，一期已投产。"}, false},
		{"给首席科学家开多少年薪", "公司聘任首席科学家", []string{"聘任乔慕白为首席科学家，任期三年。"}, true},
		{"给首席科学家开多少年薪", "公司聘任首席科学家", []string{"年薪120万元。"}, false},
		// An order of magnitude is no amount, in whichever quote.
		{"那轮融了多少钱", "机器人公司完成A轮融资", []string{"公司自研的机器人身高1.65米。", "公司宣布完成数亿元A轮融资。"}, true},
		{"那轮融了多少钱", "机器人公司完成A轮融资", []string{"公司自研的机器人身高1.65米。", "公司宣布完成3.2亿元A轮融资。"}, false},
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.q)
		res := &retrieve.Result{Article: &archive.Article{Headline: tt.headline}}
		n := questionNeeds(q, q, true)
		var chosen []candidate
		for i, s := range tt.sents {
			chosen = append(chosen, candidate{idx: i, res: res, sent: span{i * 10, i*10 + 5, s}, needs: n})
		}
		if got := len(quoteLacks(chosen, false)) == 0; got != tt.want {
			t.Errorf("%s / %v: refused %v, want %v", tt.q, tt.sents, got, tt.want)
		}
	}
}

// quoted is the text of the sentences an answer quotes, in order.
func quoted(cands []candidate) []string {
	var texts []string
	for _, c := range cands {
		texts = append(texts, c.sent.text)
	}
	return texts
}

// An edition dated by a year the article names it by only with other
// years: the article is about another edition.
func TestOtherEdition(t *testing.T) {
	tests := []struct {
		q, article string
		want       bool
	}{
		{"2026年博览会年会的主宾国是哪个", "2025博览会年会在上海举办。明确2026-2030年的方向。", true},
		{"2025年博览会年会的主宾国是哪个", "2025博览会年会在上海举办。", false},
		{"2024年博览会年会在哪里举办", "2024年博览会年会在北京,2025博览会年会在上海。", false}, // both printed
		{"2026年博览会年会的主宾国是哪个", "博览会年会在上海举办。", false},               // no edition dated
		{"博览会年会的主宾国是哪个", "2025博览会年会在上海举办。", false},                // none asked
	}
	for _, tt := range tests {
		n := questionNeeds(normalize.ForIndex(tt.q), tt.q, true)
		var editions [][2]string
		if n != nil {
			editions = n.editions
		}
		if got := otherEdition(editions, normalize.ForIndex(tt.article)); got != tt.want {
			t.Errorf("%s / %s: otherEdition %v, want %v", tt.q, tt.article, got, tt.want)
		}
	}
}

func TestEnglishCounted(t *testing.T) {
	tests := []struct {
		question, sentence string
		want               bool
	}{
		{"How many interceptor missiles does the system have?", "系统建成时一共部署100枚飞弹，符合条约中的规定。", true},
		{"How many passengers did the airline carry in 2005?", "在2005年搭载了1200万名的旅客。", true},
		{"How many islands, big and small, make up the group?", "由15个岛屿组成的群岛。", true},
		{"How many islands make up the group?", "群岛的岛屿共15个。", true},
		// The system is named, its missiles are not counted.
		{"How many interceptor missiles does the system have?", "A-135反弹道导弹系统部署在莫斯科附近。", false},
		// 一 alone reads as "a", not a count.
		{"How many parallel forums were held?", "一项项跨区域合作的探索实践持续演绎。", false},
		{"How many parallel forums were held?", "本届论坛同期举办了5场平行论坛。", true},
		// Two kinds of missile are no count of missiles.
		{"How many interceptor missiles does the system have?", "这两种飞弹的弹头均为热核弹头。", false},
	}
	for _, tt := range tests {
		re := englishCounted(tt.question)
		if re == nil {
			t.Errorf("englishCounted(%q) = nil", tt.question)
			continue
		}
		if got := re.MatchString(normalize.ForIndex(tt.sentence)); got != tt.want {
			t.Errorf("englishCounted(%q) matches %q: %v, want %v", tt.question, tt.sentence, got, tt.want)
		}
	}
	for _, q := range []string{"When did the forum open?", "How much did it cost?"} {
		if re := englishCounted(q); re != nil {
			t.Errorf("englishCounted(%q) = %v, want nil", q, re)
		}
	}
}

// A first quote that says nothing beyond the question is what the
// sentence before it names, said again: that sentence is quoted in front.
func TestWithRestated(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	before := candidate{res: res, idx: 1, sent: span{0, 20, "本田与丰田推出Insight及Prius两款车。"}}
	tests := []struct {
		question, first string
		want            int // sentences quoted
	}{
		{"哪两款车可由电动机直接推动车轮？", "这两款车都可由电动机直接推动车轮。", 2},
		{"哪两款车可由电动机直接推动车轮？", "这两款车都可由电动机直接推动车轮，油耗仅为一半。", 1},
		{"哪两款车可由电动机直接推动车轮？", "这两款车可由电动机推动。", 2},
		{"哪年能由电动机直接推动车轮？", "1997年起可由电动机直接推动车轮。", 1},
	}
	for _, tt := range tests {
		first := candidate{res: res, idx: 2, sent: span{21, 40, tt.first}, restates: restates(tt.first, tt.question)}
		if got := withRestated([]candidate{first, before}, []candidate{first}); len(got) != tt.want {
			t.Errorf("%s / %s: quoted %d sentences, want %d", tt.question, tt.first, len(got), tt.want)
		}
	}
}
