package answer

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/retrieve"
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
	if len(m.Decide) != nDecide || m.DecideAt <= 0 || m.DecideAt >= 1 {
		t.Errorf("decision: %d weights, threshold %v", len(m.Decide), m.DecideAt)
	}
	if m.DecideTrees == nil || len(m.DecideTrees.Trees) == 0 || m.DecideBlend <= 0 || m.DecideBlend > 1 {
		t.Errorf("decision trees: %v, blended at %v", m.DecideTrees != nil, m.DecideBlend)
	}
	if m.RankTrees == nil || len(m.RankTrees.Trees) == 0 || m.RankTreeBlend <= 0 {
		t.Errorf("rank trees: %v, blended at %v", m.RankTrees != nil, m.RankTreeBlend)
	}
}

func TestParseModelRejects(t *testing.T) {
	good, err := json.Marshal(embeddedModel())
	if err != nil {
		t.Fatal(err)
	}
	short := strings.Replace(string(good), `"decide":[`, `"decide":[1,`, 1)
	// A tree reading a feature its model does not have.
	far := func(trees func(*Model) *Trees) string {
		var m Model
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		if trees(&m) == nil {
			t.Fatal("the embedded model lacks those trees")
		}
		trees(&m).Trees[0][0].Feature = 999
		b, err := json.Marshal(&m)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	farDecide := far(func(m *Model) *Trees { return m.DecideTrees })
	farRank := far(func(m *Model) *Trees { return m.RankTrees })
	for _, in := range []string{`{`, `{"features": ["bias"], "weights": [1]}`, short, farDecide, farRank} {
		if _, err := ParseModel([]byte(in)); err == nil {
			t.Errorf("ParseModel(%.60s…) accepted", in)
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
// hand-set score plus RankBlend × the ranker's; an English question's first
// quote keeps the hand order.
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
	en[0].score, en[1].score = 1, 0.9
	if q := quoteOrder(en, m); q[0].f[fHeur] != 1 {
		t.Error("an English question's first quote was re-ranked")
	}
	m.rerank(en)
	if en[0].f[fHeur] != 0.9 {
		t.Error("an English question's candidates were not re-ranked for its further quotes")
	}
	var none *Model
	none.rerank(cands) // the hand rules: no model, no panic
}

// The rank trees move the quote order only: the decision reads the
// learned order it was fitted on.
func TestRankTreesQuoteOnly(t *testing.T) {
	// One tree: a candidate holding the kind asked gains 1 (× the blend).
	tree := []TreeNode{{Feature: fTyped, Threshold: 0.5, Left: 1, Right: 2}, {Feature: -1}, {Feature: -1, Value: 1}}
	m := &Model{Rank: make([]float64, nFeatures), RankBlend: 0.1, RankTrees: &Trees{Trees: [][]TreeNode{tree}}, RankTreeBlend: 0.5}
	mk := func(heur, typed float64) candidate {
		var c candidate
		c.f[fHeur], c.f[fTyped] = heur, typed
		c.score = heur
		return c
	}
	for _, tt := range []struct {
		name  string
		quote bool
		first float64 // the first candidate's hand-set score
	}{
		{"decision: the learned order", false, 1},
		{"quote: the trees' 0.5 lifts the typed one", true, 0.8},
	} {
		cands := []candidate{mk(1, 0), mk(0.8, 1), mk(0.6, 0)}
		if tt.quote {
			cands = quoteOrder(cands, m)
		} else {
			m.rerank(cands)
		}
		if cands[0].f[fHeur] != tt.first {
			t.Errorf("%s: first %v, want %v", tt.name, cands[0].f[fHeur], tt.first)
		}
	}
	a, b := mk(1, 0), mk(0.8, 1)
	keys := m.RankKeys([][]float64{a.f[:], b.f[:]})
	if keys[0] != 1 || keys[1] != 1.3 {
		t.Errorf("RankKeys = %v, want [1 1.3]", keys)
	}
}

// The question-level decision reads the first decideTop candidates:
// their agreement, and the best one's features; the gate still keeps an
// ineligible best sentence from answering.
func TestDecides(t *testing.T) {
	m := &Model{Weights: make([]float64, nFeatures), Decide: make([]float64, nDecide), DecideAt: 0.5, Gate: true}
	m.Decide[dSameArticle] = 10
	m.Decide[fBias] = -5 // two of three in one article: 10·2/3 − 5 > 0
	mk := func(rank float64, rules bool) candidate {
		var c candidate
		c.f[fBias], c.f[fRank], c.f[fTyped] = 1, rank, 1
		c.res = &retrieve.Result{Article: &archive.Article{Headline: "一条标题", Text: "一条标题\n一句正文。"}}
		c.sent = span{5, 10, "一句正文。"}
		if rules {
			c.f[fRules] = 1
		}
		return c
	}
	for _, tt := range []struct {
		name  string
		cands []candidate
		want  bool
	}{
		{"agreeing", []candidate{mk(0, true), mk(0, false), mk(0.2, false)}, true},
		{"scattered", []candidate{mk(0, true), mk(0.2, false), mk(0.4, false)}, false},
		{"agreeing, ineligible", []candidate{mk(0, false), mk(0, false), mk(0.2, false)}, false},
		// The gate opens for any of the first candidates: a report names
		// its subject in the lead, the detail asked a sentence or two on.
		{"agreeing, the second eligible", []candidate{mk(0, false), mk(0, true), mk(0.2, false)}, true},
		{"none", nil, false},
	} {
		if got := m.decides(tt.cands); got != tt.want {
			t.Errorf("%s: decides = %v", tt.name, got)
		}
	}
	// Past the gate when the decision is sure enough: agreeing, it gives
	// σ(10·2/3 − 5) ≈ 0.84.
	ineligible := []candidate{mk(0, false), mk(0, false), mk(0.2, false)}
	headline := slices.Clone(ineligible)
	headline[0].sent = span{0, 4, "一条标题"}
	for _, tt := range []struct {
		bypass float64
		cands  []candidate
		want   bool
	}{
		{0.8, ineligible, true},
		{0.9, ineligible, false},
		{0, ineligible, false}, // no bypass
		{0.3, []candidate{mk(0, false), mk(0.2, false), mk(0.4, false)}, false}, // below DecideAt all the same
		{0.8, headline, false}, // a bare headline: the gate holds
	} {
		m.GateBypass = tt.bypass
		if got := m.decides(tt.cands); got != tt.want {
			t.Errorf("gate bypass %v: decides = %v", tt.bypass, got)
		}
	}
	m.GateBypass = 0
	a, b := mk(0, true), mk(0, false)
	x := m.DecideFeatures([][]float64{a.f[:], b.f[:]})
	if x[dSameArticle] != 2.0/3 || x[dP0] != 0.5 || x[dTypedCount] != 2.0/3 {
		t.Errorf("features: same article %v, p0 %v, typed %v", x[dSameArticle], x[dP0], x[dTypedCount])
	}
}

// The gate: the rules' answer, a number in the unit asked whatever else the
// sentence restates, or the kind asked and something beyond the subject.
func TestEligible(t *testing.T) {
	mk := func(set ...int) []float64 {
		f := make([]float64, nFeatures)
		for _, i := range set {
			f[i] = 1
		}
		return f
	}
	novel := func(f []float64, v float64) []float64 { f[fNovel] = v; return f }
	for _, tt := range []struct {
		name string
		f    []float64
		want bool
	}{
		{"the rules answer", mk(fRules), true},
		{"a number in the unit asked, nothing new besides", novel(mk(fUnitAsk, fUnitHit, fTyped, fWantType), 0), true},
		{"a unit asked, not held", novel(mk(fUnitAsk, fTyped, fWantType), 0.5), false},
		{"a year for 哪一年, nothing new besides", novel(mk(fYearAsk, fYearHit, fTyped, fWantType), 0), false},
		{"a year for 哪一年, something new", novel(mk(fYearAsk, fYearHit, fTyped, fWantType), 0.3), true},
		{"the kind asked, nothing new", novel(mk(fTyped, fWantType), 0.1), false},
	} {
		if got := Eligible(tt.f); got != tt.want {
			t.Errorf("%s: eligible %v, want %v", tt.name, got, tt.want)
		}
	}
}
