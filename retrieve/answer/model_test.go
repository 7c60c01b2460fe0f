package answer

import (
	"strings"
	"testing"
)

// The embedded model weighs exactly the features this build computes.
func TestEmbeddedModel(t *testing.T) {
	m, err := ParseModel(modelJSON)
	if err != nil {
		t.Fatalf("model.json: %v (re-fit it with heraldqa bench train)", err)
	}
	if m.Threshold <= 0 || m.Threshold > m.Override || m.Also <= 0 || m.Also >= 1 || !strings.Contains(m.FittedOn, "drcd_test") {
		t.Errorf("thresholds %v/%v/%v, fitted on %q", m.Threshold, m.Override, m.Also, m.FittedOn)
	}
}

func TestParseModelRejects(t *testing.T) {
	for _, in := range []string{`{`, `{"features": ["bias"], "weights": [1]}`} {
		if _, err := ParseModel([]byte(in)); err == nil {
			t.Errorf("ParseModel(%s) accepted", in)
		}
	}
}

// The gates of Answers: where the rules refuse, the model answers only
// with a sentence that holds the kind of thing asked, beyond the subject.
func TestModelAnswers(t *testing.T) {
	m := &Model{Weights: make([]float64, nFeatures), Threshold: 0.4, Override: 0.5}
	m.Weights[fBias] = 10 // probability ≈ 1
	var typed, untyped, stale features
	typed[fBias], typed[fWantType], typed[fTyped], typed[fNovel] = 1, 1, 1, 1
	untyped = typed
	untyped[fTyped] = 0
	stale = typed
	stale[fNovel] = 0
	for _, tt := range []struct {
		name string
		f    features
		want bool
	}{
		{"typed", typed, true},
		{"untyped", untyped, false},
		{"nothing new", stale, false},
	} {
		if got := m.Answers(tt.f[:]); got != tt.want {
			t.Errorf("%s: Answers = %v", tt.name, got)
		}
	}
	untyped[fNeighbour] = 1
	if !m.Answers(untyped[:]) {
		t.Error("a neighbour holding what is asked does not let it answer")
	}
	m.Weights[fBias] = -10 // probability ≈ 0
	typed[fRules] = 1
	if m.Answers(typed[:]) {
		t.Error("the model cannot refuse what the rules would answer")
	}
}

// The learned order re-ranks only the first RankTop candidates, by the
// hand-set score plus RankBlend × the ranker's; English keeps the hand order.
func TestRerank(t *testing.T) {
	m := &Model{Rank: make([]float64, nFeatures), RankBlend: 0.1}
	m.Rank[fChars] = 10 // adds 1 per unit of chars
	mk := func(heur, chars float64, english bool) candidate {
		var c candidate
		c.f[fHeur], c.f[fChars], c.english = heur, chars, english
		return c
	}
	var cands []candidate
	for i := range RankTop + 2 {
		cands = append(cands, mk(1-0.01*float64(i), 0, false))
	}
	cands[3].f[fChars] = 1       // 0.97 + 1: first
	cands[RankTop].f[fChars] = 1 // beyond RankTop: stays where it is
	m.rerank(cands)
	if cands[0].f[fHeur] != 0.97 || cands[1].f[fHeur] != 1 || cands[RankTop].f[fChars] != 1 {
		t.Errorf("order %v, %v, …, %v", cands[0].f[fHeur], cands[1].f[fHeur], cands[RankTop].f[fHeur])
	}
	en := []candidate{mk(1, 0, true), mk(0.9, 1, true)}
	m.rerank(en)
	if en[0].f[fHeur] != 1 {
		t.Error("an English question was re-ranked")
	}
	var none *Model
	none.rerank(cands) // the hand rules: no model, no panic
}
