package answer

import (
	"regexp"
	"slices"
	"strings"
)

// Which sentence to quote, beyond term support: readers paraphrase, so a
// question shares few of its terms' bigrams with the sentence that answers
// it (reader-qa's README: the longest shared run is 2 characters at the
// median). These signals add to a sentence's ranking key only (choice.bonus);
// they are not features of the answer model, so the answer-or-refuse
// decision weighs the same evidence as before — it only sees a better
// sentence first.
var (
	// chooseDate weighs the share of the dates and figures the question
	// names (1992年4月, 2005年, 30亿) that the sentence prints. The
	// question's date leaves its search terms (retrieval widens it into a
	// window), so without this a biography's 1992年4月，任… line ranks no
	// better than any other.
	chooseDate = 0.3
	// chooseChars weighs the share of the question's content characters
	// beyond the article's headline that the sentence itself prints:
	// paraphrase tolerance for what the question asks about its subject
	// (体长 → 体长可达50公分, 颜色 → 体呈…色).
	chooseChars = 0.4
)

// reQDate finds the dates and figures a question names.
var reQDate = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?(?:年|月|日|号|亿|万|%)?`)

// choice is what the sentence-choice signals need of the question.
type choice struct {
	dates []string
	chars []rune // content characters of the question
	qnorm string
	// ask: chars not printed in the current article's headline.
	ask []rune
}

func newChoice(qnorm string) *choice {
	c := &choice{qnorm: qnorm, chars: contentChars(qnorm)}
	for _, d := range reQDate.FindAllString(qnorm, -1) {
		if !slices.Contains(c.dates, d) {
			c.dates = append(c.dates, d)
		}
	}
	return c
}

// article notes the article's headline: its characters name the subject,
// which the sentence need not repeat.
func (c *choice) article(head string) {
	c.ask = c.ask[:0]
	for _, r := range c.chars {
		if !strings.ContainsRune(head, r) {
			c.ask = append(c.ask, r)
		}
	}
}

// bonus is what the signals add to a sentence's ranking key.
func (c *choice) bonus(norm string) float64 {
	var b float64
	if len(c.dates) > 0 {
		n := 0
		for _, d := range c.dates {
			if strings.Contains(norm, d) {
				n++
			}
		}
		b += chooseDate * float64(n) / float64(len(c.dates))
	}
	if len(c.ask) > 0 {
		b += chooseChars * charShare(c.ask, norm)
	}
	return b
}

// byKey orders candidates by key, best first, keeping ties in order.
func byKey(cands []candidate, key func(candidate) float64) {
	slices.SortStableFunc(cands, func(a, b candidate) int {
		ka, kb := key(a), key(b)
		switch {
		case ka > kb:
			return -1
		case ka < kb:
			return 1
		}
		return 0
	})
}

// rechoose adds the bonus to the learned order's first RankTop candidates
// (Model.rerank ranks them by its own key, without it).
func rechoose(cands []candidate) {
	top := cands[:min(RankTop, len(cands))]
	byKey(top, func(c candidate) float64 { return c.rank + c.bonus })
}
