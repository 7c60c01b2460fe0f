package answer

import "regexp"

// reAsksRecent asks for the latest of something an archive reports again
// and again (最近一次公布的快递业务收入, 现在的董事长, 目前有多少家): of the
// sentences that answer it about as well, the newest issue's.
var reAsksRecent = regexp.MustCompile(`最近|最新|目前|如今|现在|眼下|当前|latest|most recent|currently|\bnow\b`)

// newestFirst puts first, of the quote's first sentences that hold at
// least AlsoQuote of the first's support and the asked kind as it does,
// the one from the newest dated issue. Support, not the ranking key: the
// key favours a sentence printing more of the question's dates and words
// beside its terms (2019年1月份 for 1月份), which says nothing of which
// report is newer.
func newestFirst(quote []candidate) {
	if len(quote) < 2 {
		return
	}
	best, at := issuedOn(quote[0]), 0
	for i, c := range quote[1:min(RankTop, len(quote))] {
		d := issuedOn(c)
		if c.support < AlsoQuote*quote[0].support || holdsAsked(c.f[:]) != holdsAsked(quote[0].f[:]) || d == "" || d <= best {
			continue
		}
		best, at = d, i+1
	}
	if at > 0 {
		c := quote[at]
		copy(quote[1:at+1], quote[:at])
		quote[0] = c
	}
}
