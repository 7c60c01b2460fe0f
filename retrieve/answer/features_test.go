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
