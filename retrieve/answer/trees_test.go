package answer

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestTreesProb(t *testing.T) {
	// x[0] ≤ 0.5 → −1; else x[1] ≤ 2 → 0.5, else 2.
	tr := &Trees{Base: 0.25, Trees: [][]TreeNode{{
		{Feature: 0, Threshold: 0.5, Left: 1, Right: 2},
		{Feature: -1, Value: -1},
		{Feature: 1, Threshold: 2, Left: 3, Right: 4},
		{Feature: -1, Value: 0.5},
		{Feature: -1, Value: 2},
	}}}
	for _, tt := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{0, 9}, -0.75},
		{[]float64{0.5, 9}, -0.75}, // the threshold goes left
		{[]float64{1, 2}, 0.75},
		{[]float64{1, 3}, 2.25},
	} {
		if got := tr.Logit(tt.x); got != tt.want {
			t.Errorf("Logit(%v) = %v, want %v", tt.x, got, tt.want)
		}
		if got, want := tr.Prob(tt.x), 1/(1+math.Exp(-tt.want)); math.Abs(got-want) > 1e-12 {
			t.Errorf("Prob(%v) = %v, want %v", tt.x, got, want)
		}
	}
	// Blended half and half with a regression giving log-odds 1.
	w := []float64{0, 0, 1}
	if got, want := BlendProb(w, tr, 0.5, []float64{1, 3, 1}), 1/(1+math.Exp(-(0.5+0.5*2.25))); math.Abs(got-want) > 1e-12 {
		t.Errorf("BlendProb = %v, want %v", got, want)
	}
	if got, want := BlendProb(w, nil, 0.5, []float64{1, 3, 1}), Logistic(w, []float64{1, 3, 1}); got != want {
		t.Errorf("BlendProb without trees = %v, want the regression's %v", got, want)
	}
}

func TestTreesCheck(t *testing.T) {
	leaf := TreeNode{Feature: -1, Value: 1}
	for _, tt := range []struct {
		name string
		tree []TreeNode
		ok   bool
	}{
		{"a leaf", []TreeNode{leaf}, true},
		{"a split", []TreeNode{{Feature: 2, Left: 1, Right: 2}, leaf, leaf}, true},
		{"empty", nil, false},
		{"a feature past the last", []TreeNode{{Feature: 3, Left: 1, Right: 2}, leaf, leaf}, false},
		{"a child outside", []TreeNode{{Feature: 0, Left: 1, Right: 3}, leaf, leaf}, false},
		{"a loop", []TreeNode{{Feature: 0, Left: 0, Right: 1}, leaf}, false},
	} {
		err := (&Trees{Trees: [][]TreeNode{tt.tree}}).check(3)
		if (err == nil) != tt.ok {
			t.Errorf("%s: check = %v", tt.name, err)
		}
	}
}

// The model file as bench train writes it reads back as the same model,
// a tree node a line.
func TestEncodeModel(t *testing.T) {
	m := embeddedModel()
	b, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, modelJSON) {
		t.Error("Encode does not give model.json back (re-fit it with heraldqa bench train)")
	}
	if m.DecideTrees != nil && !strings.Contains(string(b), "\n        {\"f\":") {
		t.Error("tree nodes are not a line each")
	}
	if _, err := ParseModel(b); err != nil {
		t.Error(err)
	}
}
