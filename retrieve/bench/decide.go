package bench

import (
	"fmt"
	"hash/fnv"
	"math"
	"slices"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// decideFolds is how many folds the decision's threshold is chosen over:
// each question's probability comes from a model fitted without its
// paragraph, so the threshold is set as it will meet new questions.
const decideFolds = 5

// foldOf puts a paragraph's questions, and the unanswerable ones made
// from them, in one fold.
func foldOf(q trainQuestion) int {
	h := fnv.New32a()
	fmt.Fprintf(h, "%d/%s", q.set, q.doc)
	return int(h.Sum32() % decideFolds)
}

// fitDecision fits the question-level decision (answer/decide.go): a
// logistic regression, on every fitting question, of whether answering
// would quote a gold answer (the first sentence holds one, or a further
// sentence quoted at m.Also does); unanswerable questions are all 0. Its
// threshold is the one that holds gold for the most answerable questions,
// on out-of-fold probabilities, while refusing at least minRefused of the
// gold-removed questions in each set and of the year-changed and
// detail-cut ones pooled. Also is then set again for the questions the
// decision answers. When cfg.DecideTrees has trees, boosted trees are
// fitted beside the regression on the same rows, out of fold alike, and
// the probability is the two blended (answer.BlendProb).
func fitDecision(m *answer.Model, qs []trainQuestion, cfg TrainConfig) error {
	xs := make([][]float64, len(qs))
	hit := make([]bool, len(qs))
	for i, q := range qs {
		xs[i] = m.DecideFeatures(q.rows)
		hit[i] = quotesGold(q, m.Weights, m.Also)
	}
	type fitted struct {
		w     []float64
		trees *answer.Trees
	}
	prob := func(f fitted, x []float64) float64 {
		return answer.BlendProb(f.w, f.trees, cfg.DecideBlend, x)
	}
	fitOn := func(use func(i int) bool) (fitted, error) {
		var x [][]float64
		var y []bool
		for i := range qs {
			if xs[i] != nil && use(i) {
				x = append(x, xs[i])
				y = append(y, hit[i])
			}
		}
		w, err := fitLogistic(x, y, cfg.DecideL2)
		if err != nil || cfg.DecideTrees.Trees == 0 {
			return fitted{w: w}, err
		}
		t, err := fitBoosted(x, y, cfg.DecideTrees)
		return fitted{w: w, trees: t}, err
	}
	m.Gate = true
	// oofAll are the out-of-fold probabilities, gate or not; oof those the
	// gate lets through (0 for the rest).
	oof, oofAll := make([]float64, len(qs)), make([]float64, len(qs))
	for k := range decideFolds {
		f, err := fitOn(func(i int) bool { return foldOf(qs[i]) != k })
		if err != nil {
			return fmt.Errorf("decision, fold %d: %w", k, err)
		}
		for i, q := range qs {
			if xs[i] != nil && foldOf(q) == k {
				oofAll[i] = prob(f, xs[i])
				if !m.Gate || answer.GateOpen(q.rows, nil) {
					oof[i] = oofAll[i]
				}
			}
		}
	}
	f, err := fitOn(func(int) bool { return true })
	if err != nil {
		return fmt.Errorf("decision: %w", err)
	}
	m.DecideWith, m.Decide, m.DecideTrees = answer.DecideNames(), f.w, f.trees
	if f.trees != nil {
		m.DecideBlend = cfg.DecideBlend
	}
	best := -1.0
	for t := 1; t < 100; t++ {
		holds, refused, other := decisionRates(qs, hit, oof, float64(t)/100)
		if refused >= minRefused && other >= minRefused && holds > best {
			best, m.DecideAt = holds, float64(t)/100
		}
	}
	// Then, the threshold kept, the probability at which the decision
	// answers past the gate: a paraphrased question's sentence holds little
	// beyond its subject (MinNovel) where the decision is sure of it. It
	// may cost none of the refusals the threshold keeps, only answer more:
	// fit 0.776 → 0.785, cmrc2018_trial and drcd_test answers holding gold
	// 0.791 / 0.846 → 0.802 / 0.854 (docs/answering.md, round 7). Spending
	// the refusals down to minRefused instead moved it by 0.01–0.02 with
	// any change of the features, and reader-qa's unanswerable questions
	// with it; choosing it with the threshold (0.44 and 0.56) let the gate
	// go for most contested questions, and those were refused 30 times of
	// 40, under the 32. (The answerer never passes a headline or a
	// byline, answer.printed; the fitting sets' rows hold neither.)
	bypassed := func(b float64) []float64 {
		p := slices.Clone(oof)
		for i := range p {
			if p[i] == 0 && oofAll[i] >= b {
				p[i] = oofAll[i]
			}
		}
		return p
	}
	_, refused0, other0 := decisionRates(qs, hit, oof, m.DecideAt)
	for b := 99; b >= int(math.Round(m.DecideAt*100)); b-- {
		holds, refused, other := decisionRates(qs, hit, bypassed(float64(b)/100), m.DecideAt)
		if refused >= refused0-bypassSlack && other >= other0-bypassSlack && holds > best {
			best, m.GateBypass = holds, float64(b)/100
		}
	}
	if m.GateBypass > 0 {
		oof = bypassed(m.GateBypass)
	}
	answered := func(i int) bool { return xs[i] != nil && oof[i] >= m.DecideAt }
	m.Also = alsoFor(qs, m.Weights, answered)
	for i, q := range qs {
		hit[i] = quotesGold(q, m.Weights, m.Also)
	}
	m.Fit["sentence_decision_holds_gold"] = m.Fit["answer_holds_gold"]
	m.Fit["answer_holds_gold"], m.Fit["gold_removed_refused"], m.Fit["year_or_detail_refused"] = decisionRates(qs, hit, oof, m.DecideAt)
	return nil
}

// bypassSlack is the share of a refusal pool the gate bypass may cost: one
// question of the smallest pools (the year-changed and detail-cut ones,
// about 820; cmrc2018_trial's gold-removed ones, about 1,100). Held to cost
// none, the bypass was set by whichever single question it first let
// through, and moved 0.65 ↔ 0.68 ↔ 0.72 with any change of the features
// (docs/answering.md, round 20).
const bypassSlack = 0.0015

// quotesGold reports whether answering q quotes a gold answer: its first
// sentence holds one, or a further sentence quoted (as
// answer.Model.Quotes, within answer.AlsoQuote of the best) does. The
// answerer also quotes at answer.RelAlso of the best; counted here, the
// labels re-fitted the decision to 0.47 with the gate passed at 0.86, and
// cmrc2018's answers held gold less often (0.822 → 0.814).
func quotesGold(q trainQuestion, w []float64, also float64) bool {
	if q.removed || len(q.rows) == 0 {
		return false
	}
	if q.labels[0] {
		return true
	}
	for j := 1; j < min(len(q.rows), 3); j++ {
		if q.heur[j] >= answer.AlsoQuote*q.heur[0] && (answer.Logistic(w, q.rows[j]) >= also || q.rows[j][rulesFeature] == 1) && q.labels[j] {
			return true
		}
	}
	return false
}

// decisionRates are, answering at probability ≥ t, the share of answerable
// questions whose answer holds gold, the least share of gold-removed ones
// refused in any one set, and the share of year-changed and detail-cut
// ones refused.
func decisionRates(qs []trainQuestion, hit []bool, p []float64, t float64) (holds, refused, other float64) {
	var nf, no, noOK float64
	nr, nrOK := map[int]float64{}, map[int]float64{}
	for i, q := range qs {
		// A question the answerer refuses after the decision
		// (answer.Candidate.Withheld) is refused whatever p says: the
		// threshold is set for the answerer as a whole. Round 8: the gate
		// bypass 0.69 → 0.66, fit 0.7848 → 0.7862.
		answers := len(q.rows) > 0 && p[i] >= t && !q.withheld
		switch {
		case q.goldOut:
			nr[q.set]++
			if !answers {
				nrOK[q.set]++
			}
		case q.removed:
			no++
			if !answers {
				noOK++
			}
		default:
			nf++
			if answers && hit[i] {
				holds++
			}
		}
	}
	refused = 1
	for set, n := range nr {
		refused = min(refused, nrOK[set]/n)
	}
	return holds / max(1, nf), refused, noOK / max(1, no)
}

// alsoFor is the lowest further-quote threshold at which the further
// sentences of the answered questions hold gold at least
// minAlsoPrecision of the time.
func alsoFor(qs []trainQuestion, w []float64, answered func(i int) bool) float64 {
	also := 0.99
	for a := 0.98; a >= 0.01; a -= 0.01 {
		var extra, good float64
		for i, q := range qs {
			if q.removed || !answered(i) {
				continue
			}
			for j := 1; j < min(len(q.rows), 3); j++ {
				if q.heur[j] >= answer.AlsoQuote*q.heur[0] && answer.Logistic(w, q.rows[j]) >= a && q.rows[j][rulesFeature] == 0 {
					extra++
					if q.labels[j] {
						good++
					}
				}
			}
		}
		if extra > 0 && good/extra < minAlsoPrecision {
			break
		}
		also = math.Round(a*100) / 100
	}
	return also
}
