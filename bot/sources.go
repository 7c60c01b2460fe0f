package bot

import (
	"fmt"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// renderSources answers /sources: the last question, each citation with
// the sentence it supports the answer with, and every retrieved source in
// rank order with its text.
func renderSources(last turn, t *texts) []string {
	ans := last.answer
	units := []unit{
		{text: t.question + ": ", tag: "b"},
		{text: ans.Question, sep: "\n\n"},
	}
	if len(ans.Citations) > 0 {
		units = append(units, unit{text: t.cited, tag: "b", sep: "\n"})
		for _, c := range ans.Citations {
			units = append(units, unit{text: fmt.Sprintf("[%d] %s", c.N, shortRef(c.Ref)), sep: "\n"})
			if q := strings.TrimSpace(c.Quote); q != "" {
				units = append(units, unit{text: readable(q), tag: "blockquote", sep: "\n"})
			}
		}
		units = append(units, unit{sep: "\n"})
	}
	if len(ans.Sources) > 0 {
		units = append(units, unit{text: t.retrieved, tag: "b", sep: "\n"})
		for _, s := range ans.Sources {
			units = append(units, unit{text: fmt.Sprintf("%d. %s", s.Rank, shortRef(s.Ref())), sep: "\n"})
			if text := strings.TrimSpace(s.Text); text != "" {
				units = append(units, unit{text: readable(text), tag: "blockquote", sep: "\n"})
			}
		}
	}
	return pack(units, nil, maxMessage)
}

// readable takes out the spaces the print layout left inside sentences,
// keeping the paragraphs.
func readable(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = normalize.RemoveLayoutSpaces(l)
	}
	return strings.Join(lines, "\n")
}
