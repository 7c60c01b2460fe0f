package answer

// spokenWordings are everyday words a reader types for what a text prints
// in written words: 老爸 for 其父, 外号 for 别称, 退下来 for 卸任, 埋 for
// 葬. A sentence printing the written word holds what the question names.
// Written from the language, not from any question set. Only the spoken
// words are asked: a written one (别名, 去世) is what the fitting sets'
// questions print, and there it already matches as itself (asked too, the
// re-fit fell to 0.7944). The question is read after questionWords
// (retrieve/query.go) has taken 了 from it, so no spoken word ends in 了.
//
// A group weighs what the question's own word weighs (first), as that word
// did alone. Weighing what its lightest wording does, a sentence printing
// the spoken word itself counted less than before: the colloquial fitting
// questions (testdata/colloquial) went 382 → 386 of 714 right at 120 → 119
// of 182 refused, but reader-qa, read after, 115 → 113 always answering.
// Weighing as asked (with round 20's other steps in): 389 → 392 right at
// 119 → 120 refused, 555 → 557 always answering, reader-qa 112 → 113.
// Without the single characters (父, 食) and the commonest words (问题,
// 学习), which take that whole weight too: 390 at 120, fit 0.7967 → 0.7964.
// 原本 read as 原先 lost two (原本是哪国 asks where a plant is native).
var spokenWordings = []wording{
	spokenAs([]string{"老爸", "老爹", "爸爸", "他爸", "她爸", "亲爹"}, "父亲", "其父", "生父", "父"),
	spokenAs([]string{"老妈", "妈妈", "他妈", "她妈", "亲妈"}, "母亲", "其母", "生母", "母"),
	spokenAs([]string{"老婆", "媳妇", "太太"}, "妻子", "其妻", "夫人", "妻"),
	spokenAs([]string{"老公"}, "丈夫", "其夫", "夫"),
	spokenAs([]string{"闺女"}, "女儿", "之女", "女"),
	spokenAs([]string{"过世"}, "去世", "逝世", "病逝", "辞世", "过世", "死于", "卒", "死"),
	spokenAs([]string{"埋在", "埋哪"}, "葬于", "葬在", "安葬", "下葬", "墓"),
	spokenAs([]string{"外号", "诨号", "小名"}, "别称", "又称", "俗称", "绰号", "外号", "昵称", "别名", "称为", "名称"),
	spokenAs([]string{"退下来", "退下", "下台", "不干了"}, "卸任", "离任", "辞去", "辞职", "去职", "退休"),
	spokenAs([]string{"上任", "上台", "当上"}, "就任", "就职", "出任", "接任", "担任"),
	spokenAs([]string{"老家"}, "籍贯", "祖籍", "故乡", "家乡", "出生"),
	spokenAs([]string{"打算", "原本想", "本来想"}, "计划", "预定", "原定", "原计划", "拟"),
	spokenAs([]string{"吃"}, "食", "吃", "食用", "为食", "捕食", "进食"),
	spokenAs([]string{"关门", "黄了"}, "停业", "结业", "关闭", "倒闭"),
	spokenAs([]string{"咋来的", "怎么来的"}, "得名", "源于", "起源", "由来", "命名", "来历"),
	spokenAs([]string{"长什么样", "长啥样"}, "外形", "外观", "形状", "形态"),
	spokenAs([]string{"娶"}, "妻", "结婚", "迎娶", "婚"),
	spokenAs([]string{"嫁给", "嫁"}, "丈夫", "结婚", "嫁", "婚"),
	spokenAs([]string{"打赢", "赢"}, "击败", "战胜", "胜", "赢"),
	spokenAs([]string{"输给"}, "负于", "败给", "不敌", "败", "输"),
	spokenAs([]string{"盖的", "盖起来", "修的"}, "建造", "兴建", "修建", "建成", "落成", "始建"),
	spokenAs([]string{"搬到", "搬去", "搬家"}, "迁往", "迁至", "迁居", "移居", "搬迁"),
	spokenAs([]string{"上学", "念书"}, "就读", "毕业于", "求学", "入读", "学习"),
	spokenAs([]string{"拿过", "拿到", "得过"}, "获得", "荣获", "夺得", "赢得", "获"),
	spokenAs([]string{"发愁", "担心", "头疼"}, "忧虑", "担忧", "忧", "困扰"),
	spokenAs([]string{"毛病"}, "缺点", "缺陷", "弱点", "问题", "过失"),
}

// spokenAs is a spoken wording: the words asked, then those printed; its
// group weighs what the question's own word weighs (first).
func spokenAs(asked []string, printed ...string) wording {
	return wording{asked: asked, printed: printed, first: true}
}
