package answer

import "fmt"

// Trees is a boosted ensemble of regression trees for a binary label:
// the probability is σ(Base + Σ tree(x)), each tree's leaves already
// scaled by the learning rate.
type Trees struct {
	Base  float64      `json:"base"`
	Trees [][]TreeNode `json:"trees"`
}

// TreeNode is one node of a tree, the root first: an inner node sends x
// to Left when x[Feature] ≤ Threshold and to Right otherwise; a leaf
// (Feature < 0) gives Value.
type TreeNode struct {
	Feature   int     `json:"f"`
	Threshold float64 `json:"t,omitempty"`
	Left      int     `json:"l,omitempty"`
	Right     int     `json:"r,omitempty"`
	Value     float64 `json:"v,omitempty"`
}

// Prob is the ensemble's probability for features x.
func (t *Trees) Prob(x []float64) float64 { return Sigmoid(t.Logit(x)) }

// Logit is the ensemble's log-odds for features x.
func (t *Trees) Logit(x []float64) float64 {
	z := t.Base
	for _, tree := range t.Trees {
		z += leaf(tree, x)
	}
	return z
}

func leaf(tree []TreeNode, x []float64) float64 {
	i := 0
	for tree[i].Feature >= 0 {
		if x[tree[i].Feature] <= tree[i].Threshold {
			i = tree[i].Left
		} else {
			i = tree[i].Right
		}
	}
	return tree[i].Value
}

// check reports a tree that reads a feature past n or points outside
// itself or back up, which a hand-edited file could do.
func (t *Trees) check(n int) error {
	for k, tree := range t.Trees {
		if len(tree) == 0 {
			return fmt.Errorf("tree %d is empty", k)
		}
		for i, nd := range tree {
			if nd.Feature >= n {
				return fmt.Errorf("tree %d node %d reads feature %d of %d", k, i, nd.Feature, n)
			}
			if nd.Feature >= 0 && (nd.Left <= i || nd.Right <= i || nd.Left >= len(tree) || nd.Right >= len(tree)) {
				return fmt.Errorf("tree %d node %d points outside the tree", k, i)
			}
		}
	}
	return nil
}
