package bench

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/ingest/store"
	"github.com/heraldqa/heraldqa/retrieve"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// ClaimCase is one claim and the article it cites: a sentence of that
// article as printed or reworded the way an LLM rewords (true), or altered
// so that the article no longer supports it.
type ClaimCase struct {
	Kind    string `json:"kind"`
	Claim   string `json:"claim"`
	Source  string `json:"-"`
	Altered bool   `json:"altered"`
}

// Kinds of claim cases. The first three are true.
const (
	KindVerbatim  = "verbatim"  // a sentence of the article
	KindClause    = "clause"    // its longest clause
	KindReworded  = "reworded"  // 为 → 是 and a 的 dropped, as models write
	KindNumber    = "number"    // a number changed
	KindYear      = "year"      // a year moved by 1 to 3
	KindName      = "name"      // its rarest 2–3 characters replaced by another article's
	KindUnrelated = "unrelated" // a sentence of another article
)

var (
	reClaimDigits = regexp.MustCompile(`[0-9]+`)
	reClaimYear   = regexp.MustCompile(`(?:19|20)[0-9]{2}`)
)

// BuildClaims makes the claim cases of an archive, the same for the same
// seed: for up to perArticle sentences of every article (12 to 150
// characters, with at least 8 Han characters), the true kinds and every
// alteration the sentence allows. w weighs terms (the archive's engine).
func BuildClaims(st store.Reader, w answer.Weigher, seed uint64, perArticle int) []ClaimCase {
	rng := rand.New(rand.NewPCG(seed, seed^0x5eed))
	type art struct {
		source string
		sents  []string
	}
	var arts []art
	for _, d := range st.Documents() {
		for i := range d.Articles {
			a := &d.Articles[i]
			if a.Kind != archive.KindArticle {
				continue
			}
			var sents []string
			for _, s := range sentencesOf(a.Text) {
				n, han := len([]rune(s)), normalize.HanCount(s)
				if n >= 12 && n <= 150 && han >= 8 {
					sents = append(sents, s)
				}
			}
			if len(sents) > 0 {
				arts = append(arts, art{a.Headline + "\n" + a.Text, sents})
			}
		}
	}
	if len(arts) < 2 {
		return nil
	}
	var out []ClaimCase
	for ai, a := range arts {
		idx := rng.Perm(len(a.sents))
		for _, si := range idx[:min(perArticle, len(idx))] {
			s := a.sents[si]
			add := func(kind, claim string, altered bool) {
				if claim != "" {
					out = append(out, ClaimCase{Kind: kind, Claim: claim, Source: a.source, Altered: altered})
				}
			}
			add(KindVerbatim, s, false)
			if c := longestClause(s); c != s && normalize.HanCount(c) >= 6 {
				add(KindClause, c, false)
			}
			add(KindReworded, reword(s), false)
			if locs := reClaimDigits.FindAllStringIndex(s, -1); len(locs) > 0 {
				l := locs[rng.IntN(len(locs))]
				n, _ := strconv.Atoi(s[l[0]:l[1]])
				add(KindNumber, s[:l[0]]+strconv.Itoa(n+1+rng.IntN(8))+s[l[1]:], true)
			}
			if locs := reClaimYear.FindAllStringIndex(s, -1); len(locs) > 0 {
				l := locs[rng.IntN(len(locs))]
				y, _ := strconv.Atoi(s[l[0]:l[1]])
				d := 1 + rng.IntN(3)
				if rng.IntN(2) == 0 {
					d = -d
				}
				add(KindYear, s[:l[0]]+strconv.Itoa(y+d)+s[l[1]:], true)
			}
			other := arts[(ai+1+rng.IntN(len(arts)-1))%len(arts)]
			os := other.sents[rng.IntN(len(other.sents))]
			if n := 2 + rng.IntN(2); true {
				if from, ok := rarestWindow(w, s, n); ok {
					if to, ok := rarestWindow(w, os, n); ok && to != from {
						add(KindName, strings.Replace(s, from, to, 1), true)
					}
				}
			}
			if !strings.Contains(a.source, os) {
				add(KindUnrelated, os, true)
			}
		}
	}
	return out
}

// sentencesOf cuts text at sentence marks and line breaks.
func sentencesOf(text string) []string {
	var out []string
	start := 0
	rs := []rune(text)
	for i, r := range rs {
		if r == '\n' || strings.ContainsRune("。！？!?", r) {
			end := i + 1
			if r == '\n' {
				end = i
			}
			if s := strings.TrimSpace(string(rs[start:end])); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(string(rs[start:])); s != "" {
		out = append(out, s)
	}
	return out
}

func longestClause(s string) string {
	best := ""
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("，,；;：:。！？", r) }) {
		if len([]rune(c)) > len([]rune(best)) {
			best = strings.TrimSpace(c)
		}
	}
	return best
}

// reword is s as a model often restates it: 为 as 是, 的 dropped once,
// the final mark made 。.
func reword(s string) string {
	s = strings.TrimRight(s, "。！？!?")
	s = strings.Replace(s, "为", "是", 1)
	s = strings.Replace(s, "的", "", 1)
	return s + "。"
}

// rarestWindow is the run of n Han characters of s whose bigrams weigh
// most in the archive: the name or term the sentence is about.
func rarestWindow(w answer.Weigher, s string, n int) (string, bool) {
	rs := []rune(s)
	weights := map[lexical.Term]float64{}
	for _, qt := range w.Weights(normalize.ForIndex(s)) {
		weights[qt.Term] = qt.Weight
	}
	best, bestW := "", 0.0
	for i := 0; i+n <= len(rs); i++ {
		win := rs[i : i+n]
		if normalize.HanCount(string(win)) != n {
			continue
		}
		var sum float64
		for j := 0; j+1 < n; j++ {
			sum += weights[lexical.Bigram([]rune(normalize.ForIndex(string(win[j])))[0], []rune(normalize.ForIndex(string(win[j+1])))[0])]
		}
		if sum > bestW {
			best, bestW = string(win), sum
		}
	}
	return best, best != ""
}

// ClaimReport is how a rule does at flagging the altered claims.
type ClaimReport struct {
	Rule      answer.ClaimRule `json:"rule"`
	Cases     int              `json:"cases"`
	Precision float64          `json:"precision"`
	Recall    float64          `json:"recall"`
	// Flagged is the share flagged of each kind.
	Flagged map[string]float64 `json:"flagged"`
	// VerbatimFlagged counts verbatim claims and clauses flagged (must be 0).
	VerbatimFlagged int `json:"verbatim_flagged"`
}

// CheckClaims runs the rule over the cases.
func CheckClaims(w answer.Weigher, cases []ClaimCase, rule answer.ClaimRule) ClaimReport {
	rep := ClaimReport{Rule: rule, Cases: len(cases), Flagged: map[string]float64{}}
	var tp, fp, fn float64
	n := map[string]float64{}
	for _, c := range cases {
		flagged := !rule.Supports(w, c.Claim, c.Source, retrieve.Simplified)
		n[c.Kind]++
		if flagged {
			rep.Flagged[c.Kind]++
		}
		switch {
		case flagged && c.Altered:
			tp++
		case flagged:
			fp++
			if c.Kind == KindVerbatim || c.Kind == KindClause {
				rep.VerbatimFlagged++
			}
		case c.Altered:
			fn++
		}
	}
	for k := range rep.Flagged {
		rep.Flagged[k] /= n[k]
	}
	if tp+fp > 0 {
		rep.Precision = tp / (tp + fp)
	}
	if tp+fn > 0 {
		rep.Recall = tp / (tp + fn)
	}
	return rep
}

// String is the report on one line.
func (r ClaimReport) String() string {
	var kinds []string
	for k := range r.Flagged {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	fmt.Fprintf(&b, "cases %d precision %.3f recall %.3f verbatim flagged %d; flagged:", r.Cases, r.Precision, r.Recall, r.VerbatimFlagged)
	for _, k := range kinds {
		fmt.Fprintf(&b, " %s %.2f", k, r.Flagged[k])
	}
	return b.String()
}
