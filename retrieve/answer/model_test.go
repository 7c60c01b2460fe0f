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
