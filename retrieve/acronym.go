package retrieve

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/heraldqa/heraldqa/ingest/lexical"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// Readers type acronyms (CEO, GDP) where the paper prints the Chinese name
// (首席执行官). A Chinese question's acronyms are read through the English
// lookup (glossary.go, cedict.go); those the archive never prints are
// searched, and answered, by their names.

// reAcronym is an acronym a reader types in a Chinese question: two to
// five capitals (CEO, GDP, IPO), a digit allowed after the first (5G
// aside, which the archive prints as typed).
var reAcronym = regexp.MustCompile(`\b[A-Z][A-Z0-9&]{1,4}\b`)

// acronyms are the Chinese names of the acronyms in cased that the
// subject keeps, keyed by the acronym as normalized: the archive prints
// 首席执行官 where readers type CEO. Only names in Han characters count:
// one that copies the acronym through says nothing new.
func acronyms(cased, subject string) map[string][]string {
	var out map[string][]string
	for _, a := range reAcronym.FindAllString(cased, -1) {
		key := normalize.ForIndex(a)
		if !strings.Contains(subject, key) {
			continue
		}
		var names []string
		for _, g := range TranslateGroups(a) {
			for _, t := range g {
				if t = normalize.ForIndex(t); hasHan(t) && !slices.Contains(names, t) {
					names = append(names, t)
				}
			}
		}
		if len(names) > 0 {
			if out == nil {
				out = map[string][]string{}
			}
			out[key] = names
		}
	}
	return out
}

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// Unprinted are the question's acronyms (Query.Acronyms) the archive never
// prints, with their Chinese names: a reader types CEO where the paper
// prints 首席执行官. One the archive prints (GDP, DNA) is left as typed:
// on cmrc2018_trial and drcd_test, searching the names of those too
// brought other articles first (人均GDP → 国内生产总值).
func (e *Engine) Unprinted(q *Query) map[string][]string {
	var out map[string][]string
	for a, names := range q.Acronyms {
		if ts := lexical.Terms(nil, a); len(ts) == 1 && e.DocFreq(ts[0]) == 0 {
			if out == nil {
				out = map[string][]string{}
			}
			out[a] = names
		}
	}
	return out
}

// SearchText is what Search is given for q: its subject, and the names of
// its acronyms the archive never prints.
func (e *Engine) SearchText(q *Query) string {
	text := q.Subject
	un := e.Unprinted(q)
	for _, a := range slices.Sorted(maps.Keys(un)) {
		text += " " + strings.Join(un[a], " ")
	}
	return text
}

// Spelled is s (the question or its subject, normalized) with q's
// acronyms that the archive never prints spelled out by their first name,
// as if the reader had typed it: IASP的CEO是谁 is read as IASP的首席执行官
// 是谁, weighed, counted and matched by characters alike. Kept as one group
// of the acronym and its names, weighing as the acronym, the question held
// too few characters and terms for the decision: the sample's IASP的CEO是谁
// was refused at 0.07.
func (e *Engine) Spelled(q *Query, s string) string {
	for a, names := range e.Unprinted(q) {
		s = reWordOf(a).ReplaceAllString(s, "${1}"+names[0]+"${2}")
	}
	return s
}

// reWordOf finds w as a word of letters, not inside a longer one.
func reWordOf(w string) *regexp.Regexp {
	return regexp.MustCompile(`(^|[^a-z0-9])` + regexp.QuoteMeta(w) + `($|[^a-z0-9])`)
}
