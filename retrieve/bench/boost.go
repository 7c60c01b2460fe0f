package bench

import (
	"errors"
	"math"
	"slices"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// BoostConfig configures boosted trees (fitBoosted).
type BoostConfig struct {
	Trees   int     // rounds of boosting
	Depth   int     // levels of splits per tree
	Rate    float64 // learning rate: each tree's leaves are scaled by it
	MinLeaf int     // rows a leaf must hold
	L2      float64 // ridge penalty on leaf values
	Bins    int     // most thresholds tried per feature
}

// fitBoosted fits gradient-boosted regression trees to a logistic loss
// (Newton steps per leaf, as XGBoost does), splitting each feature only at
// up to Bins thresholds between its values. Deterministic: the same rows
// give the same trees.
func fitBoosted(xs [][]float64, ys []bool, cfg BoostConfig) (*answer.Trees, error) {
	if len(xs) == 0 {
		return nil, errors.New("bench: no training rows")
	}
	n := len(xs)
	var pos float64
	for _, y := range ys {
		if y {
			pos++
		}
	}
	pos = min(max(pos, 0.5), float64(n)-0.5)
	t := &answer.Trees{Base: round4(math.Log(pos / (float64(n) - pos)))}
	z := make([]float64, n)
	for i := range z {
		z[i] = t.Base
	}
	t.Trees = boost(xs, z, cfg, func(z, g, h []float64) {
		for i := range z {
			p := answer.Sigmoid(z[i])
			y := 0.0
			if ys[i] {
				y = 1
			}
			g[i], h[i] = p-y, max(p*(1-p), 1e-6)
		}
	})
	return t, nil
}

// boost grows cfg.Trees trees, each a Newton step on the loss whose
// gradient and Hessian at the rows' scores z grad sets; z starts at the
// rows' offsets and is moved by each tree.
func boost(xs [][]float64, z []float64, cfg BoostConfig, grad func(z, g, h []float64)) [][]answer.TreeNode {
	n := len(xs)
	cuts, bins := binRows(xs, len(xs[0]), cfg.Bins)
	g, h := make([]float64, n), make([]float64, n)
	var trees [][]answer.TreeNode
	for range cfg.Trees {
		grad(z, g, h)
		tree := growTree(cuts, bins, g, h, cfg)
		for i := range n {
			z[i] += leafOf(tree, cuts, bins, i)
		}
		trees = append(trees, tree)
	}
	return trees
}

// binRows gives each feature's thresholds (midpoints between its distinct
// values, thinned to at most maxBins by quantile) and each row's bin: the
// number of thresholds below its value.
func binRows(xs [][]float64, d, maxBins int) (cuts [][]float64, bins [][]uint16) {
	cuts, bins = make([][]float64, d), make([][]uint16, d)
	for f := range d {
		vals := make([]float64, len(xs))
		for i, x := range xs {
			vals[i] = x[f]
		}
		sorted := slices.Clone(vals)
		slices.Sort(sorted)
		distinct := slices.Compact(slices.Clone(sorted))
		var c []float64
		if len(distinct)-1 <= maxBins {
			for i := 1; i < len(distinct); i++ {
				c = append(c, (distinct[i-1]+distinct[i])/2)
			}
		} else {
			for k := 1; k <= maxBins; k++ {
				v := sorted[k*len(sorted)/(maxBins+1)]
				j, _ := slices.BinarySearch(distinct, v)
				if j == 0 {
					continue
				}
				m := (distinct[j-1] + distinct[j]) / 2
				if len(c) == 0 || m > c[len(c)-1] {
					c = append(c, m)
				}
			}
		}
		cuts[f] = c
		bins[f] = make([]uint16, len(xs))
		for i, v := range vals {
			j, _ := slices.BinarySearch(c, v)
			bins[f][i] = uint16(j)
		}
	}
	return cuts, bins
}

// growTree grows one tree depth by depth: each node splits where the
// Newton gain is largest, if any split leaves both sides MinLeaf rows.
func growTree(cuts [][]float64, bins [][]uint16, g, h []float64, cfg BoostConfig) []answer.TreeNode {
	all := make([]int, len(g))
	for i := range all {
		all[i] = i
	}
	tree := []answer.TreeNode{{Feature: -1}}
	rows := [][]int{all}
	frontier := []int{0}
	for depth := 0; depth < cfg.Depth && len(frontier) > 0; depth++ {
		var next []int
		for _, id := range frontier {
			f, bin, ok := bestSplit(cuts, bins, g, h, rows[id], cfg)
			if !ok {
				continue
			}
			var left, right []int
			for _, i := range rows[id] {
				if int(bins[f][i]) <= bin {
					left = append(left, i)
				} else {
					right = append(right, i)
				}
			}
			tree[id] = answer.TreeNode{Feature: f, Threshold: cuts[f][bin], Left: len(tree), Right: len(tree) + 1}
			tree = append(tree, answer.TreeNode{Feature: -1}, answer.TreeNode{Feature: -1})
			rows = append(rows, left, right)
			next = append(next, len(tree)-2, len(tree)-1)
		}
		frontier = next
	}
	for id := range tree {
		if tree[id].Feature >= 0 {
			continue
		}
		var sg, sh float64
		for _, i := range rows[id] {
			sg += g[i]
			sh += h[i]
		}
		tree[id].Value = round4(-cfg.Rate * sg / (sh + cfg.L2))
	}
	return tree
}

// bestSplit is the feature and bin (rows in bins ≤ it go left) with the
// largest gain over the node's rows.
func bestSplit(cuts [][]float64, bins [][]uint16, g, h []float64, rows []int, cfg BoostConfig) (feature, bin int, ok bool) {
	if len(rows) < 2*cfg.MinLeaf {
		return 0, 0, false
	}
	var G, H float64
	for _, i := range rows {
		G += g[i]
		H += h[i]
	}
	parent := G * G / (H + cfg.L2)
	best := 1e-9
	for f := range cuts {
		nb := len(cuts[f]) + 1
		if nb < 2 {
			continue
		}
		hg, hh, hn := make([]float64, nb), make([]float64, nb), make([]int, nb)
		for _, i := range rows {
			b := bins[f][i]
			hg[b] += g[i]
			hh[b] += h[i]
			hn[b]++
		}
		var lg, lh float64
		var ln int
		for b := 0; b < nb-1; b++ {
			lg, lh, ln = lg+hg[b], lh+hh[b], ln+hn[b]
			if ln < cfg.MinLeaf {
				continue
			}
			if len(rows)-ln < cfg.MinLeaf {
				break
			}
			rg, rh := G-lg, H-lh
			gain := lg*lg/(lh+cfg.L2) + rg*rg/(rh+cfg.L2) - parent
			if gain > best {
				best, feature, bin, ok = gain, f, b, true
			}
		}
	}
	return feature, bin, ok
}

// leafOf is the value of the leaf row i reaches, read from its bins so
// that training and answering agree (a value ≤ the threshold is in a bin
// ≤ the split's).
func leafOf(tree []answer.TreeNode, cuts [][]float64, bins [][]uint16, i int) float64 {
	k := 0
	for tree[k].Feature >= 0 {
		f := tree[k].Feature
		j, _ := slices.BinarySearch(cuts[f], tree[k].Threshold)
		if int(bins[f][i]) <= j {
			k = tree[k].Left
		} else {
			k = tree[k].Right
		}
	}
	return tree[k].Value
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }
