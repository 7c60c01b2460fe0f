package bench

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// colloquialQuestions are the colloquial questions written over a fitting
// set (dir/<set>.jsonl and dir/<set>_*.jsonl) that the rank trees are
// fitted on: Chinese, answerable, with one answer to find. A yes/no
// item's answer (是) and a list's items are not what a sentence holds.
// A set the folder has no file for has none: a set of one's own can be
// fitted on without writing any.
func colloquialQuestions(dir, set string) ([]benchQuestion, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("colloquial questions: %w", err)
	}
	files, err := filepath.Glob(filepath.Join(dir, set+"_*.jsonl"))
	if err != nil {
		return nil, err
	}
	main := filepath.Join(dir, set+".jsonl")
	if _, err := os.Stat(main); err == nil {
		files = append([]string{main}, files...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("colloquial questions of %s: %w", set, err)
	}
	var out []benchQuestion
	for _, f := range files {
		got, err := readJSONL[struct {
			benchQuestion
			Lang string `json:"lang"`
		}](f, nil)
		if err != nil {
			return nil, err
		}
		for _, q := range got {
			if q.Lang != "en" && q.Kind != "unanswerable" && q.Kind != "yesno" && q.Kind != "list" {
				out = append(out, q.benchQuestion)
			}
		}
	}
	return out, nil
}

// fitRankTrees fits m's rank trees on the answerable questions of qs and
// records in m.Fit, for each fitting set, how often a gold-holding
// sentence comes first with trees fitted on the other set.
func fitRankTrees(m *answer.Model, qs []trainQuestion, cfg TrainConfig) error {
	fitOn := func(use func(trainQuestion) bool) (*answer.Model, error) {
		rank := m.Rank
		if use != nil {
			xs, ys := pairs(qs, func(q trainQuestion) bool { return use(q) && !q.colloquial })
			var err error
			if rank, err = fitLogistic(xs, ys, cfg.RankL2); err != nil {
				return nil, err
			}
		} else {
			use = func(trainQuestion) bool { return true }
		}
		out := &answer.Model{Rank: rank, RankBlend: m.RankBlend, RankTreeBlend: cfg.RankTreeBlend}
		var err error
		out.RankTrees, err = fitPairTrees(qs, use, func(rows [][]float64) []float64 {
			keys := out.LinearKeys(rows)
			for i := range keys {
				keys[i] /= cfg.RankTreeBlend
			}
			return keys
		}, cfg.RankTrees)
		return out, err
	}
	for test := range 2 {
		other, err := fitOn(func(q trainQuestion) bool { return q.set != test })
		if err != nil {
			return fmt.Errorf("rank trees, set %d: %w", test, err)
		}
		for _, colloquial := range []bool{false, true} {
			in := func(q trainQuestion) bool { return q.set == test && q.colloquial == colloquial }
			linear, n := top1Keys(qs, in, other.LinearKeys)
			trees, _ := top1Keys(qs, in, other.RankKeys)
			name := fmt.Sprintf("rank_trees_top1_set%d", test)
			if colloquial {
				name += "_colloquial"
			}
			m.Fit[name+"_before"], m.Fit[name] = float64(linear)/float64(max(1, n)), float64(trees)/float64(max(1, n))
		}
	}
	all, err := fitOn(nil)
	if err != nil {
		return fmt.Errorf("rank trees: %w", err)
	}
	m.RankTrees, m.RankTreeBlend = all.RankTrees, cfg.RankTreeBlend
	return nil
}

// top1Keys is how many of the answerable questions use picks have a
// gold-holding candidate first by keys, of how many.
func top1Keys(qs []trainQuestion, use func(trainQuestion) bool, keys func([][]float64) []float64) (hits, n int) {
	for _, q := range qs {
		if q.removed || !use(q) || len(q.all) == 0 {
			continue
		}
		n++
		k := keys(q.all)
		if q.allLabels[slices.Index(k, slices.Max(k))] {
			hits++
		}
	}
	return hits, n
}

// fitPairTrees boosts trees on the pairwise logistic loss (RankNet's) of
// each answerable question's gold-holding and other candidates, starting
// from offset's keys: the trees correct the order within a question, as
// the pairwise ranker does, where one feature matters only with another.
func fitPairTrees(qs []trainQuestion, use func(trainQuestion) bool, offset func([][]float64) []float64, cfg BoostConfig) (*answer.Trees, error) {
	var xs [][]float64
	var ys []bool
	var z []float64
	var groups [][2]int
	for _, q := range qs {
		if q.removed || !use(q) || !slices.Contains(q.allLabels, true) || !slices.Contains(q.allLabels, false) {
			continue
		}
		groups = append(groups, [2]int{len(xs), len(xs) + len(q.all)})
		xs = append(xs, q.all...)
		ys = append(ys, q.allLabels...)
		z = append(z, offset(q.all)...)
	}
	if len(xs) == 0 {
		return nil, fmt.Errorf("bench: no question with a gold-holding candidate and another")
	}
	trees := boost(xs, z, cfg, func(z, g, h []float64) {
		clear(g)
		clear(h)
		for _, gr := range groups {
			for i := gr[0]; i < gr[1]; i++ {
				for j := gr[0]; j < gr[1] && ys[i]; j++ {
					if ys[j] {
						continue
					}
					p := answer.Sigmoid(z[i] - z[j])
					g[i] -= 1 - p
					g[j] += 1 - p
					hh := max(p*(1-p), 1e-6)
					h[i] += hh
					h[j] += hh
				}
			}
		}
		for i := range h {
			h[i] = max(h[i], 1e-6)
		}
	})
	return &answer.Trees{Trees: trees}, nil
}
