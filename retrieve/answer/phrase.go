package answer

import (
	"regexp"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// minPhrase is the shortest run of the question's characters that counts
// as printed as a phrase: a bigram is a term, which support already weighs.
const minPhrase = 3

// phraseFeatures set fPhrase, fLongest and fAnchor of the first
// candidates (those the ranker and the decision read, and the trainer
// sees): how much of the question the sentence prints in runs, as they
// stand, and whether it prints what stands around the asking word. Terms
// scattered over a sentence about something else match as well as terms
// in the order the question puts them; runs tell the two apart. Fitted
// out of fold they bought little (docs/answering.md, round 5).
func phraseFeatures(qnorm string, cands []candidate) {
	q := []rune(qnorm)
	n := 0
	for _, r := range q {
		if normalize.IsCJK(r) {
			n++
		}
	}
	if n == 0 {
		return
	}
	anchors := slotAnchors(qnorm)
	for i := range cands {
		norm := normalize.ForIndex(cands[i].sent.text)
		covered, longest := phraseRuns(q, norm)
		cands[i].f[fPhrase] = float64(covered) / float64(n)
		cands[i].f[fLongest] = float64(longest) / float64(n)
		if len(anchors) > 0 {
			held := 0
			for _, a := range anchors {
				if strings.Contains(norm, a) {
					held++
				}
			}
			cands[i].f[fAnchor] = float64(held) / float64(len(anchors))
		}
	}
}

// reAsking is the asking word with what follows it and names no part of
// the answer's surroundings: a measure word and, after 哪, the kind asked
// (哪一个职位 asks for a 职位; the text says 炮兵科教官).
var reAsking = regexp.MustCompile(`(?:什么|甚么|谁|多少|几|哪(?:一|个|所|本|位|家|座|部|支|条|种|间|只|款|首|句)*(?:\p{Han}{1,2})?)`)

// slotAnchors are the question's bigrams just before and just after its
// asking word, nearest first: a text that answers usually prints the answer between
// them (改任|炮兵科教官, 使用|拉丁字母).
func slotAnchors(qnorm string) []string {
	loc := reAsking.FindStringIndex(qnorm)
	if loc == nil {
		return nil
	}
	before, after := []rune(qnorm[:loc[0]]), []rune(qnorm[loc[1]:])
	var out []string
	for _, k := range []int{2, 3} {
		if len(before) >= k && normalize.IsCJK(before[len(before)-k]) && normalize.IsCJK(before[len(before)-k+1]) {
			out = append(out, string(before[len(before)-k:len(before)-k+2]))
		}
	}
	for _, k := range []int{0, 1} {
		if len(after) >= k+2 && normalize.IsCJK(after[k]) && normalize.IsCJK(after[k+1]) {
			out = append(out, string(after[k:k+2]))
		}
	}
	return out
}

// phraseRuns are how many of q's Chinese characters lie in runs of at
// least minPhrase that s prints, and the longest run, read greedily from
// the left.
func phraseRuns(q []rune, s string) (covered, longest int) {
	for i := 0; i < len(q); {
		j := i
		for j < len(q) && normalize.IsCJK(q[j]) && strings.Contains(s, string(q[i:j+1])) {
			j++
		}
		if j-i >= minPhrase {
			covered += j - i
			longest = max(longest, j-i)
			i = j
			continue
		}
		i++
	}
	return covered, longest
}
