package answer

import (
	"slices"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

func TestSetsScene(t *testing.T) {
	tests := []struct {
		q    string
		want bool
	}{
		{"论坛开幕那天下着大雨,主持开幕式的是谁?", true},
		{"新厂去年投产以后，当地为此修的那座桥叫什么？", true},
		{"2024年,谁当选了主席?", false},          // a time, not a scene
		{"主持开幕式的是谁?", false},              // one clause
		{"谁主持了开幕式,又在哪里举行?", false},        // the first clause asks
		{"论坛开幕那天下着大雨,主持开幕式的人很有名。", false}, // nothing asked
	}
	for _, tt := range tests {
		if got := setsScene(tt.q); got != tt.want {
			t.Errorf("setsScene(%s) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// The sentence after the best is quoted when the question sets a scene
// and that sentence holds a question term the best lacks.
func TestWithNext(t *testing.T) {
	res := &retrieve.Result{Article: &archive.Article{ID: "a"}}
	other := &retrieve.Result{Article: &archive.Article{ID: "b"}}
	weights := []float64{1, 1, 1}
	sent := func(r *retrieve.Result, idx int, text string, held uint64, scene bool) candidate {
		c := candidate{res: r, idx: idx, sent: span{idx * 100, idx*100 + 50, text}, scene: scene}
		c.m = termMatch{held: held, weights: weights}
		return c
	}
	best := sent(res, 2, "开幕那天下着大雨。", 0b011, true)
	list := func(c candidate) candidate {
		c.needs = &needs{list: true}
		return c
	}
	tests := []struct {
		name  string
		cands []candidate
		want  []string
	}{
		{"the next sentence holds the asking clause's term", []candidate{best, sent(res, 3, "主持人是张三。", 0b100, true)},
			[]string{"开幕那天下着大雨。", "主持人是张三。"}},
		{"it holds nothing the best lacks", []candidate{best, sent(res, 3, "雨一直下。", 0b001, true)},
			[]string{"开幕那天下着大雨。"}},
		{"the sentence before is not the one after", []candidate{best, sent(res, 1, "主持人是张三。", 0b100, true)},
			[]string{"开幕那天下着大雨。"}},
		{"another article's sentence is no neighbour", []candidate{best, sent(other, 3, "主持人是张三。", 0b100, true)},
			[]string{"开幕那天下着大雨。"}},
		{"no scene set", []candidate{sent(res, 2, "开幕那天下着大雨。", 0b011, false), sent(res, 3, "主持人是张三。", 0b100, false)},
			[]string{"开幕那天下着大雨。"}},
		{"a list asked and announced", []candidate{list(sent(res, 2, "展区大约分成两种。", 0b011, false)), sent(res, 3, "一种在室内，一种在室外。", 0, false)},
			[]string{"展区大约分成两种。", "一种在室内，一种在室外。"}},
		{"a list announced, none asked", []candidate{sent(res, 2, "展区大约分成两种。", 0b011, false), sent(res, 3, "一种在室内，一种在室外。", 0, false)},
			[]string{"展区大约分成两种。"}},
		{"a list asked, the sentence lists", []candidate{list(sent(res, 2, "展区分成室内和室外两种。", 0b011, false)), sent(res, 3, "室内展区较大。", 0, false)},
			[]string{"展区分成室内和室外两种。"}},
	}
	for _, tt := range tests {
		texts := quoted(withNext(tt.cands, tt.cands[:1]))
		if !slices.Equal(texts, tt.want) {
			t.Errorf("%s: quoted %v, want %v", tt.name, texts, tt.want)
		}
	}
}

// The characters beside an asking word name what is asked; the rest of a
// reader's question sets the scene.
func TestNearAsking(t *testing.T) {
	tests := []struct {
		q    string
		want string
	}{
		{"那位诗人过世以后埋在哪", "埋"},    // 在 is a question character
		{"他最好跑了第几", "第"},        // two characters either side: 了 is one
		{"上面画的图案是啥", "案"},       // 是 counts towards the reach, though it names nothing
		{"那个论坛在哪,到底谁主办", "坛主办"}, // a mark ends the reach, and so does cut-out chatter (到底)
		{"谁主办的", "主办"},          // after the asking word too
		{"规定是哪两个部门定的", "定两"},    // 个, the classifier, names nothing
		{"论坛开幕那天下着大雨。", ""},     // nothing asked
	}
	for _, tt := range tests {
		q := normalize.ForIndex(tt.q)
		if got := string(nearAsking(q, contentChars(q))); got != tt.want {
			t.Errorf("nearAsking(%s) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// Of two sentences about the question's subject, the one printing what is
// asked beside the asking word scores the higher bonus.
func TestChoiceBonusNearAsking(t *testing.T) {
	tests := []struct {
		q, head, scene, answer string
	}{
		// Both print two of 开幕那天主持; only the answer prints 主持.
		{"展会开幕那天,谁主持", "展会", "展会开幕那天下着大雨。", "开幕式由张三主持。"},
		// The scene prints more of the question (去世以后), the answer 葬.
		{"诗人去世以后葬在哪", "诗人", "诗人去世以后,各地举行纪念。", "诗人葬于故乡。"},
	}
	for _, tt := range tests {
		c := newChoice(normalize.ForIndex(tt.q))
		c.article(normalize.ForIndex(tt.head))
		if s, a := c.bonus(normalize.ForIndex(tt.scene)), c.bonus(normalize.ForIndex(tt.answer)); a <= s {
			t.Errorf("%s: bonus of %s = %.2f, not above %.2f of %s", tt.q, tt.answer, a, s, tt.scene)
		}
	}
}

// A question asking what something is called adds chooseCalled to a
// sentence that names something, not to one that describes it; other
// questions add it to none.
func TestChoiceBonusCalled(t *testing.T) {
	const describes, names = "靠熟识的关系容易获得较高的额度。", "产生所谓的超贷现象。"
	tests := []struct {
		q, sentence string
		adds        bool
	}{
		{"靠熟人关系拿到较高额度，这种情况叫什么", names, true},
		{"靠熟人关系拿到较高额度，这种情况叫什么", describes, false},
		{"靠熟人关系拿到较高额度，会产生什么问题", names, false},
	}
	for _, tt := range tests {
		c := newChoice(normalize.ForIndex(tt.q))
		c.article("")
		with := c.bonus(normalize.ForIndex(tt.sentence))
		c.called = false
		if got := with-c.bonus(normalize.ForIndex(tt.sentence)) == chooseCalled; got != tt.adds {
			t.Errorf("%s / %s: adds chooseCalled %v, want %v", tt.q, tt.sentence, got, tt.adds)
		}
	}
}
