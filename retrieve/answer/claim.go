package answer

import (
	"slices"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// A yes/no question claiming a place (是不是在北京举办的) names the place
// because it is unsure of it: when the claim is wrong, the sentence that
// settles it lacks the claimed place — the question's weightiest term — and
// the decision, reading that as a missing detail, refuses. What the
// question says besides the place is what the sentence must hold.

// claimRest is the question's groups less those of the place a yes/no
// question claims, or of the one year it claims (since round 17: 是2024年
// 办的吗, where the clash with the year printed had refused it); nil when
// it claims neither.
func claimRest(groups []group, qnorm string) []group {
	if !reAskYesNo.MatchString(qnorm) {
		return nil
	}
	claimed := ""
	if m := reClaimedPlace.FindStringSubmatch(qnorm); m != nil {
		claimed = m[1]
	} else if e := claimedEdition(qnorm); e != "" {
		// 是第二届了吧 of a report on the first (首届): the edition is
		// the claim, and the sentence settling it prints another.
		claimed = e
	} else if ys := yearsIn(qnorm); len(ys) == 1 && (claimPart(qnorm) == "" || strings.Contains(claimPart(qnorm), ys[0])) {
		// 是2024年办的吗: a claimed year, as a place. A year before the
		// asking frame dates the claim instead (2024年是不是盈利了): the
		// sentence printing it had settled 盈利 as 是.
		claimed = ys[0] + "年"
	} else {
		return nil
	}
	set := termSet(claimed)
	var rest []group
	for _, g := range groups {
		if !slices.ContainsFunc(g.alts, func(a []lexical.QueryTerm) bool { return share(a, set) >= 0.5 }) {
			rest = append(rest, g)
		}
	}
	if len(rest) == len(groups) || len(rest) == 0 {
		return nil
	}
	return rest
}

// claimTop is how many sentences, in quote order, are read for one that
// settles a claimed place.
const claimTop = 10

// settleClaim is, for a yes/no question claiming a place, the sentence to
// quote: of the first claimTop in quote order, the one holding most of
// what the question says besides the place, among those that settle the
// claim (yesNoPlace: they put the thing at the place claimed, or at one
// other), when it holds that much as the hand-set rules require of any
// answer (MinSupport). The claimed place is left out because, when the
// claim is wrong, the sentence that settles it lacks it, and one that
// prints it (a 上海张江高新区 among partners) settles nothing.
func settleClaim(q *retrieve.Query, quote []candidate) (candidate, bool) {
	qnorm := askedOf(q.Raw)
	edition := claimedEdition(qnorm) != ""
	var best candidate
	found := false
	for _, c := range quote[:min(claimTop, len(quote))] {
		if c.claimRest < MinSupport || c.sent.start < 0 || found && c.claimRest <= best.claimRest {
			continue
		}
		text := normalize.ForIndex(c.sent.text)
		if edition {
			text = editionText(c)
		}
		if settlesClaim(qnorm, text) != "" {
			best, found = c, true
		}
	}
	return best, found
}

// settles reports whether the quote's first sentence that is not a
// referent settles the claimed place: it puts the thing at the place
// claimed, or — as settleClaim requires — at another place while holding
// the rest of the question.
func settles(q *retrieve.Query, chosen []candidate) bool {
	c, ok := firstQuote(chosen)
	if !ok || c.sent.start < 0 {
		return false
	}
	qnorm := askedOf(q.Raw)
	if !reClaimedPlace.MatchString(qnorm) {
		// A claimed year is settled only where the answer was refused for
		// it: a quote chosen stands (the year's sentence is often the one
		// before, 同年7月).
		return true
	}
	switch settlesClaim(qnorm, normalize.ForIndex(c.sent.text)) {
	case "是":
		return true
	case "不是":
		return c.claimRest >= MinSupport
	}
	return false
}

// claimHeld is the claimRest of the quote's first sentence that is not a
// referent, 0 for a refusal: a sentence that settles the claim replaces it
// only if it is as much about the rest of the question (a sentence about
// another event at another place settles nothing about this one).
func claimHeld(chosen []candidate) float64 {
	c, _ := firstQuote(chosen)
	return c.claimRest
}

// firstQuote is the quote's first sentence that is not quoted only as a
// referent.
func firstQuote(chosen []candidate) (candidate, bool) {
	if i := slices.IndexFunc(chosen, func(c candidate) bool { return !c.referent }); i >= 0 {
		return chosen[i], true
	}
	return candidate{}, false
}

// settlesClaim is what a sentence says of the place or year a yes/no
// question claims: 是, 不是, or "" when it says nothing of it.
func settlesClaim(qnorm, sent string) string {
	if reClaimedPlace.MatchString(qnorm) {
		return yesNoPlace(qnorm, sent)
	}
	if claimedEdition(qnorm) != "" {
		switch o := ordinalIn(claimPart(qnorm)); {
		case o.clashes(sent):
			return "不是"
		case slices.Contains(ordinalsIn(sent), *o):
			return "是"
		}
		return ""
	}
	if ys := yearsIn(qnorm); len(ys) == 1 {
		switch {
		case containsNumber(sent, ys[0]):
			return "是"
		case len(yearsIn(sent)) > 0:
			return "不是"
		}
	}
	return ""
}

// claimedEdition is the edition a yes/no question claims, as written
// (是第二届吗 → 第二届), or "".
func claimedEdition(qnorm string) string {
	claim := claimPart(qnorm)
	if ordinalIn(claim) == nil {
		return ""
	}
	if m := reOrdinal.FindString(claim); m != "" {
		return m
	}
	if loc := rePhase.FindStringSubmatchIndex(claim); loc != nil {
		return claim[loc[2]:loc[1]] // 二期, without the character before it
	}
	return ""
}
