package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// Claim-level grounding, without an LLM: an answer is cut into claims, and
// a claim is supported when what it asserts is found in the sources it
// cites. Calibrated on claims built from cmrc2018_trial and drcd_test
// passages (retrieve/bench/claims.go); the figures are in
// docs/llm.md.

// ClaimRule decides whether a source supports a claim.
type ClaimRule struct {
	// MinCoverage is the share of a claim's term weight (BM25 IDF of its
	// bigrams, unigrams and words in the archive) that its cited sources
	// must hold. Connectives a model adds (是, 的, 其中) weigh little.
	MinCoverage float64
	// MaxMissingRun is the longest run of consecutive rare claim bigrams
	// that may be missing from the sources: a changed name or term is a
	// run of them, a reworded connective is not.
	MaxMissingRun int
	// RareIDF is the IDF from which a bigram counts as rare, as the names
	// and terms a claim is about are.
	RareIDF float64
}

// DefaultClaimRule is the rule answers are checked with.
var DefaultClaimRule = ClaimRule{MinCoverage: 0.8, MaxMissingRun: 1, RareIDF: 0.5}

// claim is one checkable statement of an answer and the sources it cites.
type claim struct {
	text  string // as written, markers included
	plain string // markers removed
	cites []int
}

// splitClaims cuts an answer into sentences, and a sentence that cites
// different sources in turn into the clauses ending at its markers. Text
// after a sentence's last marker is a claim of its own that cites nothing
// (its marker, if it had one, named no source given), unless it is only
// punctuation.
func splitClaims(text string) []claim {
	var out []claim
	for _, s := range splitSentences(text) {
		locs := reMarker.FindAllStringIndex(s.text, -1)
		if len(locs) == 0 {
			out = append(out, claim{text: s.text, plain: s.text})
			continue
		}
		start := 0
		var cur *claim
		for i := 0; i < len(locs); i++ {
			// A run of adjacent markers ([1][2]) closes one clause.
			j := i
			for j+1 < len(locs) && strings.TrimSpace(s.text[locs[j][1]:locs[j+1][0]]) == "" {
				j++
			}
			c := claim{text: s.text[start:locs[j][1]]}
			for _, l := range locs[i : j+1] {
				c.cites = append(c.cites, markerNumbers(s.text[l[0]:l[1]])...)
			}
			out = append(out, c)
			cur = &out[len(out)-1]
			start, i = locs[j][1], j
		}
		if rest := s.text[start:]; strings.TrimFunc(rest, isPunctOrSpace) != "" {
			out = append(out, claim{text: rest})
		} else {
			cur.text += rest
		}
	}
	for i := range out {
		out[i].plain = strings.TrimSpace(reMarker.ReplaceAllString(out[i].text, ""))
	}
	return out
}

func markerNumbers(m string) []int {
	var out []int
	for _, f := range strings.FieldsFunc(reMarker.FindStringSubmatch(m)[1], func(r rune) bool { return r < '0' || r > '9' }) {
		if n, err := strconv.Atoi(f); err == nil {
			out = append(out, n)
		}
	}
	return out
}

func isPunctOrSpace(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r)
}

// Weigher gives terms their IDF in the archive; retrieve.Engine is one.
type Weigher interface {
	Weights(norm string) []lexical.QueryTerm
}

// unsupportedClaims lists the claims of a checked LLM answer that are not
// supported by the sources they cite (given, numbered from 1). A claim
// that cites nothing is unsupported when it has anything to check: an
// invented marker was dropped from it, or it never had one.
func unsupportedClaims(eng Weigher, text string, given []Source, lang retrieve.Lang) []string {
	var out []string
	for _, c := range splitClaims(text) {
		if !claimSupported(eng, c, given, lang) {
			out = append(out, c.plain)
		}
	}
	return out
}

func claimSupported(eng Weigher, c claim, given []Source, lang retrieve.Lang) bool {
	norm := normalize.ForIndex(c.plain)
	if !claimHasContent(norm) {
		return true // a lead-in or a bare connective asserts nothing
	}
	var src strings.Builder
	for _, n := range c.cites {
		if n >= 1 && n <= len(given) {
			s := given[n-1]
			src.WriteString(s.Headline + "\n" + s.Text + "\n")
			if s.Date != nil {
				src.WriteString(*s.Date + " ")
			}
			for _, p := range []*int{s.Issue, s.TotalIssue, s.Page} {
				if p != nil {
					src.WriteString(strconv.Itoa(*p) + " ")
				}
			}
			src.WriteString("\n")
		}
	}
	if src.Len() == 0 {
		return false
	}
	return DefaultClaimRule.supports(eng, norm, normalize.ForIndex(src.String()), lang == retrieve.English)
}

// Supports tells whether source supports claim, both as printed or
// written (they are normalized here), lang being the claim's language.
func (r ClaimRule) Supports(eng Weigher, claim, source string, lang retrieve.Lang) bool {
	norm := normalize.ForIndex(reMarker.ReplaceAllString(claim, ""))
	if !claimHasContent(norm) {
		return true
	}
	return r.supports(eng, norm, normalize.ForIndex(source), lang == retrieve.English)
}

// claimHasContent tells whether a normalized claim has a number, a word or two
// Han characters.
func claimHasContent(norm string) bool {
	han := 0
	for _, r := range norm {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			return true
		case unicode.Is(unicode.Han, r):
			if han++; han >= 2 {
				return true
			}
		}
	}
	return false
}

var reClaimNumber = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?`)

// supports decides whether source (normalized) supports claim
// (normalized): every number of the claim is in the source, as a whole
// number, and enough of its term weight is, with no run of rare bigrams
// missing. An English claim is checked on its numbers only: its words are
// not in the Chinese sources.
func (r ClaimRule) supports(eng Weigher, claim, source string, english bool) bool {
	// A number is checked with the character after it (年, 个, %, 亿),
	// else the one before: the 3 of 3月 must not be found in 3日.
	for _, loc := range reClaimNumber.FindAllStringIndex(claim, -1) {
		n := claim[loc[0]:loc[1]]
		if !containsNumber(source, n) {
			return false
		}
		if unit, _ := utf8.DecodeRuneInString(claim[loc[1]:]); loc[1] < len(claim) && unit != ' ' && !unicode.IsPunct(unit) {
			if !strings.Contains(source, n+string(unit)) {
				return false
			}
		}
	}
	if english {
		return true
	}
	have := map[lexical.Term]bool{}
	for _, t := range lexical.Terms(nil, source) {
		have[t] = true
	}
	weight := map[lexical.Term]float64{}
	for _, qt := range eng.Weights(claim) {
		weight[qt.Term] = qt.Weight
	}
	// Coverage is over the claim's characters, each weighing its IDF and
	// covered when a bigram it is part of is in the source: a connective
	// reworded leaves one character uncovered, not two bigrams.
	var total, covered float64
	rs := []rune(claim)
	for i, c := range rs {
		if !isHan(rs, i) {
			continue
		}
		w := weight[lexical.Unigram(c)]
		total += w
		if hanCovered(rs, i, have) {
			covered += w
		}
	}
	for _, qt := range eng.Weights(claim) {
		if qt.Term.IsWord() {
			total += qt.Weight
			if have[qt.Term] {
				covered += qt.Weight
			}
		}
	}
	if total > 0 && covered/total < r.MinCoverage {
		return false
	}
	return r.missingRun(rs, weight, have) <= r.MaxMissingRun
}

func isHan(rs []rune, i int) bool { return i >= 0 && i < len(rs) && unicode.Is(unicode.Han, rs[i]) }

// hanCovered tells whether the source holds a bigram of character i with
// a neighbour, or the character itself when it stands alone.
func hanCovered(rs []rune, i int, have map[lexical.Term]bool) bool {
	if !isHan(rs, i-1) && !isHan(rs, i+1) {
		return have[lexical.Unigram(rs[i])]
	}
	return (isHan(rs, i-1) && have[lexical.Bigram(rs[i-1], rs[i])]) || (isHan(rs, i+1) && have[lexical.Bigram(rs[i], rs[i+1])])
}

// missingRun is the longest run of consecutive orphan characters of
// claim: Han characters neither of whose bigrams (with the character
// before, with the one after) the source holds, and whose own weight is at
// least RareIDF. A connective reworded (为 → 是) orphans one character; a
// changed name or term orphans its whole length.
func (r ClaimRule) missingRun(rs []rune, weight map[lexical.Term]float64, have map[lexical.Term]bool) int {
	run, longest := 0, 0
	for i, c := range rs {
		if !isHan(rs, i) || hanCovered(rs, i, have) || weight[lexical.Unigram(c)] < r.RareIDF {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}

// containsNumber tells whether n occurs in s as a whole number.
func containsNumber(s, n string) bool { return nextNumber(s, n, 0) >= 0 }

// nextNumber is where s prints n whole at or after from (no digit just
// before or after it: 1月6日 is not printed by 11月6日), -1 when nowhere.
func nextNumber(s, n string, from int) int {
	for i := from; ; {
		j := strings.Index(s[i:], n)
		if j < 0 {
			return -1
		}
		j += i
		end := j + len(n)
		if (j == 0 || !isDigit(s[j-1])) && (end == len(s) || !isDigit(s[end])) {
			return j
		}
		i = j + 1
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// wrongLanguage tells an answer written in another language than the
// question's, which no conversion can mend: Chinese asked and (mostly)
// English answered, or the reverse.
func wrongLanguage(text string, lang retrieve.Lang) bool {
	plain := reMarker.ReplaceAllString(text, "")
	han, latin := 0, 0
	for _, r := range plain {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case r < 0x80 && unicode.IsLetter(r):
			latin++
		}
	}
	if lang == retrieve.English {
		// Chinese names and quotes may appear; a whole Chinese answer may not.
		return han > 0 && latin < han/2
	}
	// Latin names (IBM, CEO) may appear; an English answer may not. Latin
	// letters weigh a third of a Han character (a word is ~5 letters).
	return latin > 0 && latin > 3*han+10
}

// requote sets each citation's quote to the sentence of the passage given
// to the model that best supports the claims citing it, so that the quote
// shown is the evidence and not merely the passage's first sentence. A
// citation whose claims no sentence supports keeps its quote.
func requote(eng *retrieve.Engine, text string, cites []Citation, given []Source) {
	claims := splitClaims(text)
	for i := range cites {
		n := cites[i].N
		if n < 1 || n > len(given) {
			continue
		}
		var claimed strings.Builder
		for _, c := range claims {
			if slices.Contains(c.cites, n) {
				claimed.WriteString(normalize.ForIndex(c.plain) + "\n")
			}
		}
		a, _, ok := eng.Store().Article(articleOfChunk(eng, given[n-1].ID))
		if !ok || claimed.Len() == 0 {
			continue
		}
		rs := []rune(claimed.String())
		weight := map[lexical.Term]float64{}
		for _, qt := range eng.Weights(string(rs)) {
			weight[qt.Term] = qt.Weight
		}
		best, bestScore := "", 0.0
		for _, s := range splitSentences(given[n-1].Text) {
			sent := strings.Trim(s.text, elided)
			have := map[lexical.Term]bool{}
			for _, t := range lexical.Terms(nil, normalize.ForIndex(sent)) {
				have[t] = true
			}
			score := 0.0
			for j, c := range rs {
				if isHan(rs, j) && hanCovered(rs, j, have) {
					score += weight[lexical.Unigram(c)]
				}
			}
			if score > bestScore && quoteOf(a, sent) {
				best, bestScore = sent, score
			}
		}
		if best != "" {
			cites[i].Quote = best
		}
	}
}
