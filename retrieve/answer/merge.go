package answer

import (
	"fmt"
	"strconv"
	"strings"
)

// merge joins the answers to the parts of a question. Citations are
// numbered afresh in order of first use, an article cited by both parts
// keeping one number; sources are listed once each, in rank order of
// their first appearance. Parts the archive cannot answer are left out;
// when none can be answered the whole is refused.
func merge(question string, parts []*Answer) *Answer {
	out := &Answer{Question: question, Mode: ModeExtractive, Citations: []Citation{}, Sources: []Source{}, Grounded: true}
	byArticle := map[string]int{}
	seenSource := map[string]bool{}
	var texts []string
	for _, p := range parts {
		out.Lang = p.Lang
		for _, s := range p.Sources {
			if !seenSource[s.ID] {
				seenSource[s.ID] = true
				s.Rank = len(out.Sources) + 1
				out.Sources = append(out.Sources, s)
			}
		}
		if p.Refused {
			continue
		}
		renum := map[int]int{}
		for _, c := range p.Citations {
			n, ok := byArticle[c.articleID]
			if !ok {
				n = len(out.Citations) + 1
				byArticle[c.articleID] = n
			}
			// The part's own number maps to the merged one; renumbering
			// the citation first lost the second part's markers.
			renum[c.N] = n
			if !ok {
				c.N = n
				out.Citations = append(out.Citations, c)
			}
		}
		texts = append(texts, reMarker.ReplaceAllStringFunc(p.Answer, func(m string) string {
			var kept []string
			for _, f := range strings.FieldsFunc(reMarker.FindStringSubmatch(m)[1], func(r rune) bool { return r < '0' || r > '9' }) {
				if n, err := strconv.Atoi(f); err == nil && renum[n] != 0 {
					kept = append(kept, fmt.Sprintf("[%d]", renum[n]))
				}
			}
			return strings.Join(kept, "")
		}))
	}
	if len(texts) == 0 {
		out.Answer, out.Refused, out.Grounded, out.Related = parts[0].Answer, true, true, parts[0].Related
		return out
	}
	out.Answer = strings.Join(texts, "\n")
	return out
}
