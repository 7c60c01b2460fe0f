package bench

import (
	"reflect"
	"slices"
	"testing"
)

// Trees learn what a regression cannot (a label that is one feature XOR
// another), agree at answering with training (thresholds read as bins
// are), and are the same trees each time.
func TestFitBoosted(t *testing.T) {
	var xs [][]float64
	var ys []bool
	for i := range 800 {
		a, b := float64(i%2), float64((i/2)%2)
		noise := float64(i%7) / 7
		xs = append(xs, []float64{1, a + noise/10, b, noise})
		ys = append(ys, (a == 1) != (b == 1))
	}
	cfg := BoostConfig{Trees: 50, Depth: 2, Rate: 0.3, MinLeaf: 10, L2: 1, Bins: 8}
	tr, err := fitBoosted(xs, ys, cfg)
	if err != nil {
		t.Fatal(err)
	}
	cuts, bins := binRows(xs, len(xs[0]), cfg.Bins)
	for i, x := range xs {
		p := tr.Prob(x)
		if (p >= 0.5) != ys[i] {
			t.Fatalf("row %d %v: p = %.3f, label %v", i, x, p, ys[i])
		}
		var z float64
		for _, tree := range tr.Trees {
			z += leafOf(tree, cuts, bins, i)
		}
		if got := tr.Logit(x) - tr.Base; abs(got-z) > 1e-9 {
			t.Fatalf("row %d: trees give %v answering, %v from bins", i, got, z)
		}
	}
	again, err := fitBoosted(xs, ys, cfg)
	if err != nil || !reflect.DeepEqual(tr, again) {
		t.Errorf("fitted again: different trees (%v)", err)
	}
	if _, err := fitBoosted(nil, nil, cfg); err == nil {
		t.Error("fitted on nothing")
	}
}

func TestBinRows(t *testing.T) {
	for _, tt := range []struct {
		name string
		vals []float64
		max  int
		cuts []float64
	}{
		{"distinct values, midpoints", []float64{0, 1, 1, 3}, 8, []float64{0.5, 2}},
		{"one value, no cut", []float64{2, 2, 2}, 8, nil},
		{"thinned by quantile", []float64{0, 1, 2, 3, 4, 5, 6, 7}, 3, []float64{1.5, 3.5, 5.5}},
	} {
		var xs [][]float64
		for _, v := range tt.vals {
			xs = append(xs, []float64{v})
		}
		cuts, bins := binRows(xs, 1, tt.max)
		if !reflect.DeepEqual(cuts[0], tt.cuts) {
			t.Errorf("%s: cuts %v, want %v", tt.name, cuts[0], tt.cuts)
		}
		for i, v := range tt.vals {
			n := 0
			for _, c := range cuts[0] {
				if c < v {
					n++
				}
			}
			if int(bins[0][i]) != n {
				t.Errorf("%s: %v in bin %d, want %d", tt.name, v, bins[0][i], n)
			}
		}
	}
}

func abs(v float64) float64 { return max(v, -v) }

// Pairwise trees put each question's gold-holding candidates first where
// the offset order puts another first and no weighted sum of the features
// could (gold is a candidate whose two features differ), and are the same
// trees each time.
func TestFitPairTrees(t *testing.T) {
	var qs []trainQuestion
	for i := range 100 {
		var q trainQuestion
		for _, ab := range [][2]float64{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
			offset := (ab[0] + ab[1]) / 2 // (1, 1) first, then the gold ones
			q.all = append(q.all, []float64{ab[0], ab[1], offset, float64(i%5) / 5})
			q.allLabels = append(q.allLabels, ab[0] != ab[1])
		}
		qs = append(qs, q)
	}
	offset := func(rows [][]float64) []float64 {
		var out []float64
		for _, r := range rows {
			out = append(out, r[2])
		}
		return out
	}
	all := func(trainQuestion) bool { return true }
	cfg := BoostConfig{Trees: 30, Depth: 2, Rate: 0.3, MinLeaf: 10, L2: 1, Bins: 8}
	tr, err := fitPairTrees(qs, all, offset, cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range qs {
		keys := offset(q.all)
		for j, f := range q.all {
			keys[j] += tr.Logit(f)
		}
		if best := slices.Index(keys, slices.Max(keys)); !q.allLabels[best] {
			t.Fatalf("question %d: candidate %v first (keys %v)", i, q.all[best], keys)
		}
	}
	again, err := fitPairTrees(qs, all, offset, cfg)
	if err != nil || !reflect.DeepEqual(tr, again) {
		t.Errorf("fitted again: different trees (%v)", err)
	}
	if _, err := fitPairTrees(qs, func(trainQuestion) bool { return false }, offset, cfg); err == nil {
		t.Error("fitted on no question")
	}
}
