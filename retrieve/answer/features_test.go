package answer

import (
	"testing"

	"github.com/heraldqa/heraldqa/ingest/lexical"
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
		{"黄鳍紫鱼体长多少公分", "体长可达50公分", true, true},
		{"黄鳍紫鱼体长多少公分", "本鱼没有", true, false},
	} {
		a := newAsked(tt.q, numberType, 3)
		if (a.unit != nil) != tt.unit || tt.unit && (len(counts(a.unit, tt.answer)) > 0) != tt.hit {
			t.Errorf("%s: unit %v, want %v (hit in %q: want %v)", tt.q, a.unit, tt.unit, tt.answer, tt.hit)
		}
	}
}
