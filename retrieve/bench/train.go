package bench

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// TrainConfig configures Train.
type TrainConfig struct {
	// Sets are folders holding corpus.jsonl and questions.jsonl: the
	// fitting sets, ../shared/bench/cmrc2018_trial and drcd_test. Never
	// cmrc2018 or reader-qa, which are reported on.
	Sets     []string
	Embedder embed.Embedder
	// Removed is the share of each set's questions asked again of the
	// corpus without their gold paragraphs: every sentence then found is a
	// negative, and the right answer a refusal.
	Removed float64
	Seed    uint64
	// TopN is how many candidate sentences per question, best by the
	// hand-set score, are kept as training rows.
	TopN int
	// L2 is the ridge penalty of the logistic regression.
	L2 float64
	// RankL2 is the ridge penalty of the pairwise sentence ranker.
	RankL2 float64
	// DecideL2 is the ridge penalty of the question-level decision: out of
	// fold, 0.1 / 1 / 10 / 30 / 100 held gold for 0.793 / 0.799 / 0.804 /
	// 0.796 / 0.771 of the answerable fitting questions at the refusal floors.
	DecideL2 float64
	// DecideTrees, when it has trees, are boosted trees fitted beside the
	// decision's regression on the same rows; DecideBlend is their share of
	// the decision's log-odds (answer.BlendProb). Out of fold, at the
	// refusal floors, answers holding gold: the regression alone 0.7967;
	// trees alone 0.8021 (200 trees, depth 4, rate 0.05, 40 rows a leaf),
	// but they refused 0.780 of cmrc2018's gold-removed questions, read
	// after; blended at 0.3 / 0.5 / 0.7, 0.8018 / 0.8027 / 0.8021, and at
	// 0.5 the floor held (0.800). Depth 3 / 5, 20 / 80 rows a leaf, 100
	// trees at 0.1, 16 / 64 bins: 0.8011–0.8051, within the draw's noise
	// (docs/answering.md, round 21).
	DecideTrees BoostConfig
	DecideBlend float64
	// RankTrees, when it has trees, are boosted on the pairwise loss of
	// each answerable question's candidates, starting from the learned
	// order's keys; RankTreeBlend scales their score in the quote order
	// (answer.Model.RankKeys). Measured on the set not fitted on, first
	// sentences holding gold (cmrc2018_trial, drcd_test; their colloquial
	// questions): the learned order 1,174, 4,711; 73, 220. Depth 3 at
	// blend 0.3: 1,183, 4,754; 73, 229. Depth 4 (kept): 1,186, 4,741; 80,
	// 233. Depth 5: 1,185, 4,712; 81, 229. Depth 4 at blend 0.5: 1,183,
	// 4,730; 77, 230. 200 trees at 0.05: 1,186, 4,725; 80, 233. 80 rows a
	// leaf: 1,185, 4,714; 79, 226. Fitted on the textbook questions alone
	// (depth 3): 1,184, 4,737; 71, 224 (docs/answering.md, round 22).
	// Since printed words count only whole (round 23), depth 4: 1,174 →
	// 1,192, 4,710 → 4,735; 73 → 79, 220 → 229.
	RankTrees     BoostConfig
	RankTreeBlend float64
	// Colloquial is a folder of colloquial questions over the fitting sets
	// (testdata/colloquial): for a set, <set>.jsonl and <set>_*.jsonl. Their
	// answerable Chinese questions with one answer (not yes/no, not lists)
	// are asked too, for the rank trees alone: every other weight and
	// threshold is fitted on the sets' own questions, as before.
	Colloquial string
	// Dict is CC-CEDICT (cedict_ts.u8): when set, a paraphrased copy of
	// each fitting question is asked too (paraphrase.go).
	Dict string
	Log  *slog.Logger
}

// goldRounds is how many gold-removed archives each set is asked of.
const goldRounds = 3

// DefaultTrain is the configuration model.json was fitted with.
var DefaultTrain = TrainConfig{Removed: 0.3, Seed: 1, TopN: 3, L2: 1, RankL2: 10, DecideL2: 10,
	DecideTrees: BoostConfig{Trees: 200, Depth: 4, Rate: 0.05, MinLeaf: 40, L2: 1, Bins: 32}, DecideBlend: 0.5,
	RankTrees: BoostConfig{Trees: 100, Depth: 4, Rate: 0.1, MinLeaf: 40, L2: 1, Bins: 32}, RankTreeBlend: 0.3}

// trainQuestion is one question's candidates, labelled.
type trainQuestion struct {
	removed bool   // unanswerable: asked without its gold paragraph, with a changed year or without the detail
	goldOut bool   // asked without its gold paragraph: what the refusal threshold is held to
	doc     string // the gold paragraph: folds keep a paragraph's questions together
	set     int    // which fitting set
	heur    []float64
	rows    [][]float64
	labels  []bool
	// all and allLabels are the first rankTop candidates in hand-set
	// order, for the sentence ranker.
	all       [][]float64
	allHeur   []float64
	allLabels []bool
	// allWithheld: the answerer would refuse after the decision with this
	// candidate first (answer.Candidate.Withheld); withheld is the first
	// row's.
	allWithheld []bool
	withheld    bool
	// colloquial: one of Colloquial's questions, for the rank trees alone.
	colloquial bool
}

// The kinds of fitting question.
const (
	kindAnswerable = iota
	kindGoldOut    // asked without its gold paragraph
	kindYear       // a year the paragraph prints moved by 1–3
	kindDetail     // the sentences holding the answer cut
)

// rankTop is how many candidates per question the sentence ranker is
// fitted and measured on: those the answerer re-orders.
const rankTop = answer.RankTop

// Train asks every question of the fitting sets (and a share again
// without their gold paragraphs), labels each candidate sentence by
// whether it holds a gold answer, fits a logistic regression, and sets the
// answer threshold and the further-quote threshold on the same data.
func Train(ctx context.Context, cfg TrainConfig) (*answer.Model, error) {
	if cfg.Embedder == nil || len(cfg.Sets) == 0 {
		return nil, errors.New("bench: Sets and Embedder are required")
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	qs, err := gather(ctx, cfg)
	if err != nil {
		return nil, err
	}
	return fit(qs, cfg)
}

// gather asks the fitting sets' questions, and the unanswerable ones
// made from them, and labels their candidates.
func gather(ctx context.Context, cfg TrainConfig) ([]trainQuestion, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	var syn synonyms
	if cfg.Dict != "" {
		var err error
		if syn, err = readSynonyms(cfg.Dict); err != nil {
			return nil, err
		}
	}
	var qs []trainQuestion
	for i, set := range cfg.Sets {
		got, err := trainSet(ctx, cfg, set, syn)
		if err != nil {
			return nil, err
		}
		for j := range got {
			got[j].set = i
		}
		qs = append(qs, got...)
	}
	return qs, nil
}

// fit fits the ranker, the answer model and its thresholds on gathered
// questions.
func fit(qs []trainQuestion, cfg TrainConfig) (*answer.Model, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	var coll []trainQuestion
	qs = slices.DeleteFunc(slices.Clone(qs), func(q trainQuestion) bool {
		if q.colloquial {
			coll = append(coll, q)
		}
		return q.colloquial
	})
	// The sentence ranker first: the answer model is fitted on the
	// candidates in the order the answerer will see them.
	rank, err := fitRanker(qs, cfg.RankL2)
	if err != nil {
		return nil, err
	}
	top1Hand, top1Ranked := rankFigures(qs, rank, cfg.Log)
	for i := range qs {
		qs[i].order(rank, cfg.TopN)
	}
	var xs [][]float64
	var ys []bool
	for _, q := range qs {
		xs = append(xs, q.rows...)
		ys = append(ys, q.labels...)
	}
	w, err := fitLogistic(xs, ys, cfg.L2)
	if err != nil {
		return nil, err
	}
	m := &answer.Model{Features: answer.FeatureNames(), Weights: w, Rank: rank, RankBlend: answer.RankBlend}
	var heur [][]float64
	for _, q := range qs {
		heur = append(heur, q.heur)
	}
	m.Threshold, m.Override, m.Also, m.Fit = thresholds(qs, heur, w)
	if err := fitDecision(m, qs, cfg); err != nil {
		return nil, err
	}
	m.Fit["top1_holds_gold_hand"], m.Fit["top1_holds_gold_ranked"] = top1Hand, top1Ranked
	if cfg.RankTrees.Trees > 0 {
		if err := fitRankTrees(m, append(slices.Clone(qs), coll...), cfg); err != nil {
			return nil, err
		}
	}
	var names []string
	for _, s := range cfg.Sets {
		names = append(names, filepath.Base(s))
	}
	m.FittedOn = fmt.Sprintf("%s: %d questions asked (the decision: %d folds by paragraph for its threshold), 3 draws of questions, each about %.0f%% of the paragraphs, asked again without their gold paragraphs, those naming a year their paragraph prints asked again with the year moved by 1-3, and one question of %.0f%% of the paragraphs asked again with the sentences holding its answer cut; %d candidate sentences (top %d by the hand-set score), labelled by whether they hold a gold answer; L2 %g (the decision %g), seed %d",
		strings.Join(names, " + "), len(qs), decideFolds, 100*cfg.Removed, 100*cfg.Removed, len(xs), cfg.TopN, cfg.L2, cfg.DecideL2, cfg.Seed)
	if t := cfg.RankTrees; t.Trees > 0 && m.RankTrees != nil {
		m.FittedOn += fmt.Sprintf("; the quote order adds %g × the score of %d boosted trees (depth %d, rate %g, %d rows a leaf, L2 %g, %d thresholds a feature) fitted to the pairwise loss from the learned order's keys, on the answerable questions and %d colloquial ones (%s)",
			cfg.RankTreeBlend, t.Trees, t.Depth, t.Rate, t.MinLeaf, t.L2, t.Bins, len(coll), filepath.Base(cfg.Colloquial))
	}
	if t := cfg.DecideTrees; t.Trees > 0 {
		m.FittedOn += fmt.Sprintf("; the decision's log-odds %g its regression's, %g those of %d boosted trees (depth %d, rate %g, %d rows a leaf, L2 %g, %d thresholds a feature) fitted on its rows",
			1-cfg.DecideBlend, cfg.DecideBlend, t.Trees, t.Depth, t.Rate, t.MinLeaf, t.L2, t.Bins)
	}
	cfg.Log.Info("trained", "questions", len(qs), "rows", len(xs), "decide_at", m.DecideAt, "also", m.Also, "fit", m.Fit)
	return m, nil
}

func trainSet(ctx context.Context, cfg TrainConfig, set string, syn synonyms) ([]trainQuestion, error) {
	corpus, questions := filepath.Join(set, "corpus.jsonl"), filepath.Join(set, "questions.jsonl")
	bqs, err := readQuestions(questions)
	if err != nil {
		return nil, err
	}
	if syn != nil {
		bqs = syn.paraphrased(bqs, cfg.Seed)
	}
	tmp, err := os.MkdirTemp("", "heraldqa-train-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	askers := map[string]*answer.Asker{}
	ask := func(corpus, dir string, qs []benchQuestion, kind int) ([]trainQuestion, error) {
		removed, goldOut := kind != kindAnswerable, kind == kindGoldOut
		asker := askers[dir]
		if asker == nil {
			var err error
			if asker, _, err = ingestAsker(ctx, corpus, dir, cfg.Embedder, 0); err != nil {
				return nil, err
			}
			askers[dir] = asker
		}
		var out []trainQuestion
		for _, q := range qs {
			cands, err := asker.Candidates(ctx, q.Question, max(cfg.TopN, rankTop))
			if err != nil {
				return nil, fmt.Errorf("question %s: %w", q.QID, err)
			}
			tq := trainQuestion{removed: removed, goldOut: goldOut, doc: q.DocID}
			for _, c := range cands {
				tq.all = append(tq.all, c.Features)
				tq.allHeur = append(tq.allHeur, c.Heuristic)
				tq.allLabels = append(tq.allLabels, !removed && containsAny(c.Text, q.Answers))
				tq.allWithheld = append(tq.allWithheld, c.Withheld)
			}
			out = append(out, tq)
		}
		return out, nil
	}
	full, err := ask(corpus, filepath.Join(tmp, "full"), bqs, kindAnswerable)
	if err != nil {
		return nil, err
	}
	var coll []trainQuestion
	if cfg.Colloquial != "" {
		cqs, err := colloquialQuestions(cfg.Colloquial, filepath.Base(set))
		if err != nil {
			return nil, err
		}
		if coll, err = ask(corpus, filepath.Join(tmp, "full"), cqs, kindAnswerable); err != nil {
			return nil, err
		}
		for i := range coll {
			coll[i].colloquial = true
		}
	}
	// As in `bench reader`: questions drawn until about Removed of the
	// paragraphs are left out, so that the archive keeps its near misses;
	// goldRounds draws, each with its own seed, give enough negatives.
	docs := map[string]bool{}
	for _, q := range bqs {
		docs[q.DocID] = true
	}
	var removed []trainQuestion
	for round := range uint64(goldRounds) {
		sample := SampleOf(bqs, int(cfg.Removed*float64(len(docs))), cfg.Seed+round)
		gold := map[string]bool{}
		for _, q := range sample {
			gold[q.DocID] = true
		}
		reduced := filepath.Join(tmp, fmt.Sprintf("reduced-%d.jsonl", round))
		if err := writeWithout(corpus, reduced, gold); err != nil {
			return nil, err
		}
		got, err := ask(reduced, filepath.Join(tmp, fmt.Sprintf("reduced-%d", round)), sample, kindGoldOut)
		if err != nil {
			return nil, err
		}
		removed = append(removed, got...)
	}
	changed, err := ask(corpus, filepath.Join(tmp, "full"), changeYears(bqs, corpus, cfg.Seed), kindYear)
	if err != nil {
		return nil, err
	}
	detailQs, detailCorpus, err := removeDetails(bqs, corpus, filepath.Join(tmp, "details.jsonl"), cfg.Removed, cfg.Seed)
	if err != nil {
		return nil, err
	}
	details, err := ask(detailCorpus, filepath.Join(tmp, "details"), detailQs, kindDetail)
	if err != nil {
		return nil, err
	}
	cfg.Log.Info("asked", "set", set, "questions", len(full), "gold removed", len(removed), "year changed", len(changed), "detail removed", len(details))
	out := append(full, removed...)
	out = append(out, changed...)
	out = append(out, details...)
	return append(out, coll...), nil
}

// reSentence is a sentence with its closing mark.
var reSentence = regexp.MustCompile(`[^。！？!?\n]*[。！？!?\n]?`)

// removeDetails makes questions the paragraph they are about no longer
// answers: for one question of a share of the paragraphs, the sentences
// holding its answer are cut from the paragraph (the question is still
// about it, but the detail asked for is gone). Questions whose answer is
// printed outside those sentences are not used.
func removeDetails(qs []benchQuestion, src, dst string, share float64, seed uint64) ([]benchQuestion, string, error) {
	docs, err := readJSONL[map[string]any](src, nil)
	if err != nil {
		return nil, "", err
	}
	byDoc := map[string][]benchQuestion{}
	var ids []string
	for _, q := range qs {
		if byDoc[q.DocID] == nil {
			ids = append(ids, q.DocID)
		}
		byDoc[q.DocID] = append(byDoc[q.DocID], q)
	}
	r := rand.New(rand.NewPCG(seed, seed+2))
	chosen := map[string]benchQuestion{}
	for _, id := range SampleOf(ids, int(share*float64(len(ids))), seed) {
		group := byDoc[id]
		chosen[id] = group[r.IntN(len(group))]
	}
	var out []benchQuestion
	for _, d := range docs {
		id, _ := d["id"].(string)
		if q, ok := chosen[id]; ok {
			text, _ := d["text"].(string)
			var kept strings.Builder
			for _, sent := range reSentence.FindAllString(text, -1) {
				if !containsAny(sent, q.Answers) {
					kept.WriteString(sent)
				}
			}
			title, _ := d["title"].(string)
			if k := kept.String(); k != "" && !containsAny(title+" "+k, q.Answers) && !echoes(title+" "+k, q.Answers) {
				d["text"] = k
				out = append(out, q)
			}
		}
	}
	if err := writeJSONL(dst, docs); err != nil {
		return nil, "", err
	}
	return out, dst, nil
}

// echoes reports whether text still holds half or more of the character
// bigrams of one of the answers: the answer printed another way (阿若·憍陈如
// for 阿若憍陈如), so cutting its sentences left the question answerable.
func echoes(text string, answers []string) bool {
	norm := normalize.ForIndex(text)
	for _, a := range answers {
		rs := []rune(normalize.ForIndex(a))
		if len(rs) < 2 {
			continue
		}
		held := 0
		for i := 0; i+1 < len(rs); i++ {
			if strings.Contains(norm, string(rs[i:i+2])) {
				held++
			}
		}
		if 2*held >= len(rs)-1 {
			return true
		}
	}
	return false
}

// changeYears makes unanswerable questions from those that name a year
// their gold paragraph prints: the year moved by one to three, to one the
// paragraph does not print (2023 asked where the text says 2024).
func changeYears(qs []benchQuestion, corpus string, seed uint64) []benchQuestion {
	docs, err := readJSONL[map[string]any](corpus, nil)
	if err != nil {
		return nil
	}
	text := map[string]string{}
	for _, d := range docs {
		id, _ := d["id"].(string)
		t, _ := d["text"].(string)
		h, _ := d["title"].(string)
		text[id] = h + " " + t
	}
	r := rand.New(rand.NewPCG(seed, seed+1))
	var out []benchQuestion
	for _, q := range qs {
		year := reYear.FindString(q.Question)
		if year == "" || !strings.Contains(text[q.DocID], year) {
			continue
		}
		y, _ := strconv.Atoi(year)
		shift := []int{-3, -2, -1, 1, 2, 3}[r.IntN(6)]
		moved := strconv.Itoa(y + shift)
		if strings.Contains(text[q.DocID], moved) {
			continue
		}
		q.Question = strings.Replace(q.Question, year, moved, 1)
		out = append(out, q)
	}
	return out
}

var reYear = regexp.MustCompile(`(?:1[6-9]|20)[0-9]{2}`)

// writeWithout copies a JSONL corpus leaving out the records whose id is
// in drop.
func writeWithout(src, dst string, drop map[string]bool) error {
	docs, err := readJSONL[map[string]any](src, nil)
	if err != nil {
		return err
	}
	return writeJSONL(dst, slices.DeleteFunc(docs, func(d map[string]any) bool {
		id, _ := d["id"].(string)
		return drop[id]
	}))
}

// fitLogistic fits weights by Newton's method (iteratively reweighted
// least squares) with an L2 penalty on all but the first (bias) weight.
func fitLogistic(xs [][]float64, ys []bool, l2 float64) ([]float64, error) {
	if len(xs) == 0 {
		return nil, errors.New("bench: no training rows")
	}
	d := len(xs[0])
	w := make([]float64, d)
	for iter := 0; iter < 50; iter++ {
		grad := make([]float64, d)
		hess := make([][]float64, d)
		for i := range hess {
			hess[i] = make([]float64, d)
		}
		for n, x := range xs {
			p := answer.Logistic(w, x)
			y := 0.0
			if ys[n] {
				y = 1
			}
			s := p * (1 - p)
			for i := range d {
				grad[i] += (p - y) * x[i]
				for j := 0; j <= i; j++ {
					hess[i][j] += s * x[i] * x[j]
				}
			}
		}
		for i := range d {
			for j := 0; j < i; j++ {
				hess[j][i] = hess[i][j]
			}
			if i > 0 {
				grad[i] += l2 * w[i]
				hess[i][i] += l2
			}
			hess[i][i] += 1e-9
		}
		step, err := solve(hess, grad)
		if err != nil {
			return nil, err
		}
		var change float64
		for i := range d {
			w[i] -= step[i]
			change = max(change, math.Abs(step[i]))
		}
		if change < 1e-6 {
			break
		}
	}
	for i := range w {
		w[i] = math.Round(w[i]*1e4) / 1e4
	}
	return w, nil
}

// solve solves a·x = b by Gaussian elimination with partial pivoting.
func solve(a [][]float64, b []float64) ([]float64, error) {
	n := len(b)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append(slices.Clone(a[i]), b[i])
	}
	for c := range n {
		p := c
		for r := c + 1; r < n; r++ {
			if math.Abs(m[r][c]) > math.Abs(m[p][c]) {
				p = r
			}
		}
		if math.Abs(m[p][c]) < 1e-12 {
			return nil, errors.New("bench: singular system (a feature never varies?)")
		}
		m[c], m[p] = m[p], m[c]
		for r := c + 1; r < n; r++ {
			f := m[r][c] / m[c][c]
			for k := c; k <= n; k++ {
				m[r][k] -= f * m[c][k]
			}
		}
	}
	x := make([]float64, n)
	for r := n - 1; r >= 0; r-- {
		s := m[r][n]
		for k := r + 1; k < n; k++ {
			s -= m[r][k] * x[k]
		}
		x[r] = s / m[r][r]
	}
	return x, nil
}

// minRefused is the share of gold-removed fitting questions the threshold
// must refuse: the issue asks 80% on cmrc2018; 5 points of margin. Since
// round 3 the year-changed and detail-cut questions (pooled over the sets)
// are held to it too: the learned sentence order let the thresholds answer
// more of them (0.848 → 0.841 refused), and reader-qa's unanswerable
// questions are of those kinds.
const minRefused = 0.85

// minAlsoPrecision is how often a further quoted sentence must itself hold
// a gold answer: below it, further sentences are mostly padding.
const minAlsoPrecision = 0.5

// rulesFeature is the index of the feature "rules": a further sentence the
// hand-set rules quote is quoted whatever the model says.
var rulesFeature = slices.Index(answer.FeatureNames(), "rules")

// thresholds picks the answer thresholds — where the hand-set rules would
// answer and where they would refuse — that hold a gold answer for the
// most questions while refusing at least minRefused, in each set, of the
// gold-removed ones (the year-changed and detail-cut ones train the model
// but the measure the issue sets is gold-removed), then the lowest
// further-quote threshold whose extra sentences hold
// gold at least minAlsoPrecision of the time. Candidates are in the
// answerer's order (the hand-set score), as it quotes them.
func thresholds(qs []trainQuestion, heur [][]float64, w []float64) (threshold, override, also float64, fit map[string]float64) {
	probs := make([][]float64, len(qs))
	for i, q := range qs {
		for _, r := range q.rows {
			probs[i] = append(probs[i], answer.Logistic(w, r))
		}
	}
	// answered: the answerer's decision (answer.Model.Answers).
	answered := func(i int, t, t2 float64) bool {
		if len(qs[i].rows) == 0 {
			return false
		}
		m := answer.Model{Weights: w, Threshold: t, Override: t2}
		return m.Answers(qs[i].rows[0])
	}
	// rate is the share of answerable questions whose answer holds gold,
	// and the least share of gold-removed ones refused in any one set.
	rate := func(t, t2, a float64) (holds, refused, other float64) {
		var nf, no, noOK float64
		nr, nrOK := map[int]float64{}, map[int]float64{}
		for i, q := range qs {
			p := probs[i]
			ok := answered(i, t, t2)
			if q.removed {
				if !q.goldOut {
					no++
					if !ok {
						noOK++
					}
					continue
				}
				nr[q.set]++
				if !ok {
					nrOK[q.set]++
				}
				continue
			}
			nf++
			if !ok {
				continue
			}
			hit := q.labels[0]
			for j := 1; j < min(len(p), 3); j++ {
				if heur[i][j] >= answer.AlsoQuote*heur[i][0] && (p[j] >= a || q.rows[j][rulesFeature] == 1) && q.labels[j] {
					hit = true
				}
			}
			if hit {
				holds++
			}
		}
		refused = 1
		for set, n := range nr {
			refused = min(refused, nrOK[set]/n)
		}
		return holds / max(1, nf), refused, noOK / max(1, no)
	}
	best := -1.0
	for t := 0.02; t < 0.99; t += 0.02 {
		for t2 := t; t2 < 0.99; t2 += 0.02 {
			holds, refused, other := rate(t, t2, 2)
			if refused >= minRefused && other >= minRefused && holds > best {
				best, threshold, override = holds, math.Round(t*100)/100, math.Round(t2*100)/100
			}
		}
	}
	also = alsoFor(qs, w, func(i int) bool { return answered(i, threshold, override) })
	holds, refused, other := rate(threshold, override, also)
	fit = map[string]float64{"answer_holds_gold": holds, "gold_removed_refused": refused, "also_precision_floor": minAlsoPrecision, "year_or_detail_refused": other}
	return threshold, override, also, fit
}

// pairs are the ranker's rows: for each answerable question, the feature
// differences of a gold-holding and a non-gold candidate, both ways.
func pairs(qs []trainQuestion, use func(trainQuestion) bool) ([][]float64, []bool) {
	var xs [][]float64
	var ys []bool
	for _, q := range qs {
		if q.removed || !use(q) {
			continue
		}
		for i, gi := range q.allLabels {
			if !gi {
				continue
			}
			for j, gj := range q.allLabels {
				if gj {
					continue
				}
				d := make([]float64, len(q.all[i]))
				for k := range d {
					d[k] = q.all[i][k] - q.all[j][k]
				}
				neg := make([]float64, len(d))
				for k := range d {
					neg[k] = -d[k]
				}
				xs = append(xs, d, neg)
				ys = append(ys, true, false)
			}
		}
	}
	return xs, ys
}

// top1 counts the answerable questions whose first candidate by score
// holds gold.
func top1(qs []trainQuestion, use func(trainQuestion) bool, score func(f []float64) float64) (hits, n int) {
	for _, q := range qs {
		if q.removed || !use(q) || len(q.all) == 0 {
			continue
		}
		n++
		best := 0
		for i := range q.all {
			if score(q.all[i]) > score(q.all[best]) {
				best = i
			}
		}
		if q.allLabels[best] {
			hits++
		}
	}
	return hits, n
}

var heurFeature = slices.Index(answer.FeatureNames(), "heuristic")

// fitRanker fits the pairwise sentence ranker (RankNet-style: a logistic
// regression on the feature differences of a gold-holding and a non-gold
// candidate of the same question, no bias) on the answerable questions.
func fitRanker(qs []trainQuestion, l2 float64) ([]float64, error) {
	xs, ys := pairs(qs, func(trainQuestion) bool { return true })
	return fitLogistic(xs, ys, l2)
}

// rankFigures are the share of answerable fitting questions whose first
// candidate holds gold, in hand-set order and in the answerer's blended
// order; the log gets the same, fitted on one set and measured on the
// other, which is the figure the blend was chosen by.
func rankFigures(qs []trainQuestion, rank []float64, log *slog.Logger) (hand, ranked float64) {
	handScore := func(f []float64) float64 { return f[heurFeature] }
	blended := func(w []float64) func(f []float64) float64 {
		return func(f []float64) float64 { return answer.RankScore(w, answer.RankBlend, f) }
	}
	all := func(trainQuestion) bool { return true }
	h, n := top1(qs, all, handScore)
	r, _ := top1(qs, all, blended(rank))
	for test := 0; test < 2; test++ {
		xs, ys := pairs(qs, func(q trainQuestion) bool { return q.set != test })
		if len(xs) == 0 {
			continue
		}
		w, err := fitLogistic(xs, ys, DefaultTrain.RankL2)
		if err != nil {
			continue
		}
		in := func(q trainQuestion) bool { return q.set == test }
		th, tn := top1(qs, in, handScore)
		tr, _ := top1(qs, in, blended(w))
		log.Info("ranker fitted on the other set", "set", test, "questions", tn, "top1 hand", th, "top1 ranked", tr)
	}
	return float64(h) / float64(max(1, n)), float64(r) / float64(max(1, n))
}

// order puts the question's candidates in the answerer's order (the
// first rankTop by the blended rank score) and keeps the first topN as the
// answer model's rows.
func (q *trainQuestion) order(rank []float64, topN int) {
	idx := make([]int, len(q.all))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) float64 { return answer.RankScore(rank, answer.RankBlend, q.all[i]) }
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(key(b), key(a)) })
	q.rows, q.heur, q.labels = nil, nil, nil
	q.withheld = len(idx) > 0 && q.allWithheld[idx[0]]
	for _, i := range idx[:min(topN, len(idx))] {
		q.rows = append(q.rows, q.all[i])
		q.heur = append(q.heur, q.allHeur[i])
		q.labels = append(q.labels, q.allLabels[i])
	}
}
