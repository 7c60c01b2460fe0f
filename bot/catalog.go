package bot

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// maxIssuesShown is how many matching issues /issue shows at once.
const maxIssuesShown = 3

// issueRef is the issue /issue asks for; zero fields do not restrict.
type issueRef struct {
	issue, total     int
	year, month, day int
}

// parseIssueRef reads /issue's argument: a bare number (a total issue
// number from 1000 up, else the year's issue number), or anything the
// question parser reads as an issue or a date: 第40期, 总第2644期,
// 2644期, 2025-11-03, 2025年11月3日.
func parseIssueRef(arg string) (issueRef, bool) {
	s := strings.TrimPrefix(normalize.Fold(strings.TrimSpace(arg)), "#")
	if n, err := strconv.Atoi(strings.TrimSuffix(s, "期")); err == nil {
		switch {
		case n >= 1000:
			return issueRef{total: n}, true
		case n > 0:
			return issueRef{issue: n}, true
		}
		return issueRef{}, false
	}
	q := retrieve.ParseQuery(s)
	r := issueRef{issue: q.Issue, total: q.TotalIssue, year: q.Year, month: q.Month, day: q.Day}
	return r, r != issueRef{}
}

// printedIssue is one issue as the store has it: the documents (pages)
// that share its date and numbers.
type printedIssue struct {
	meta archive.Meta // Date, Weekday, Issue, TotalIssue, Pages
	docs []*archive.Document
}

// issues groups the store's documents by issue, newest first. Documents
// with no date and no issue number belong to no issue.
func issues(docs []*archive.Document) []*printedIssue {
	type key struct {
		date         string
		issue, total int
	}
	byKey := map[key]*printedIssue{}
	var out []*printedIssue
	for _, d := range docs {
		m := d.Meta
		if m.Date == "" && m.Issue == 0 && m.TotalIssue == 0 {
			continue
		}
		k := key{m.Date, m.Issue, m.TotalIssue}
		p, ok := byKey[k]
		if !ok {
			p = &printedIssue{meta: archive.Meta{Date: m.Date, Issue: m.Issue, TotalIssue: m.TotalIssue}}
			byKey[k] = p
			out = append(out, p)
		}
		if p.meta.Weekday == "" {
			p.meta.Weekday = m.Weekday
		}
		p.meta.Pages = max(p.meta.Pages, m.Pages)
		p.docs = append(p.docs, d)
	}
	slices.SortFunc(out, func(a, b *printedIssue) int {
		return cmp.Or(-cmp.Compare(a.meta.Date, b.meta.Date), -cmp.Compare(a.meta.TotalIssue, b.meta.TotalIssue), -cmp.Compare(a.meta.Issue, b.meta.Issue))
	})
	return out
}

func (p *printedIssue) matches(r issueRef) bool {
	m := p.meta
	y, mo, d := archive.SplitDate(m.Date)
	return (r.issue == 0 || m.Issue == r.issue) && (r.total == 0 || m.TotalIssue == r.total) &&
		(r.year == 0 || y == r.year) && (r.month == 0 || mo == r.month) && (r.day == 0 || d == r.day)
}

// issueReply answers /issue: the issue's date, front-page articles and
// table of contents; usage and the latest issues when it names none.
func (b *Bot) issueReply(arg string, t *texts, lang retrieve.Lang) []string {
	all := issues(b.asker.Engine.Store().Documents())
	ref, ok := parseIssueRef(arg)
	if !ok {
		units := []unit{{text: t.issueUsage, sep: "\n"}}
		if len(all) > 0 {
			units = append(units, unit{sep: "\n"}, unit{text: t.issueLatest, sep: "\n"})
			for _, p := range all[:min(5, len(all))] {
				units = append(units, unit{text: "• " + issueTitle(p.meta, lang), sep: "\n"})
			}
		}
		return pack(units, nil, maxMessage)
	}
	var found []*printedIssue
	for _, p := range all {
		if p.matches(ref) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		return []string{escape(t.issueNone)}
	}
	var units []unit
	if len(found) > maxIssuesShown {
		units = append(units, unit{text: fmt.Sprintf(t.moreIssues, len(found), maxIssuesShown), tag: "i", sep: "\n\n"})
		found = found[:maxIssuesShown]
	}
	for i, p := range found {
		if i > 0 {
			units = append(units, unit{sep: "\n"})
		}
		units = append(units, issueUnits(p, t, lang)...)
	}
	return pack(units, nil, maxMessage)
}

// issueTitle names an issue: 2025年11月3日 星期一 第40期(总第2644期).
func issueTitle(m archive.Meta, lang retrieve.Lang) string {
	if lang == retrieve.English {
		var parts []string
		if m.Date != "" {
			parts = append(parts, m.Date)
		}
		switch {
		case m.Issue != 0 && m.TotalIssue != 0:
			parts = append(parts, fmt.Sprintf("issue %d (total %d)", m.Issue, m.TotalIssue))
		case m.Issue != 0:
			parts = append(parts, fmt.Sprintf("issue %d", m.Issue))
		case m.TotalIssue != 0:
			parts = append(parts, fmt.Sprintf("total issue %d", m.TotalIssue))
		}
		return strings.Join(parts, ", ")
	}
	s := archive.IssueName(m, true)
	if lang == retrieve.Traditional {
		s = normalize.ToTraditional(s)
	}
	return s
}

// issueUnits lays out one issue: title, page count, front page (or, when
// the front page is not in the archive, the articles that are), contents.
func issueUnits(p *printedIssue, t *texts, lang retrieve.Lang) []unit {
	units := []unit{{text: issueTitle(p.meta, lang), tag: "b", sep: "\n"}}
	if p.meta.Pages != 0 {
		units = append(units, unit{text: fmt.Sprintf(t.pages, p.meta.Pages), sep: "\n"})
	}
	var front, other []string
	for _, d := range p.docs {
		for i := range d.Articles {
			a := &d.Articles[i]
			h := strings.TrimSpace(a.Headline)
			if a.Kind != archive.KindArticle || h == "" {
				continue
			}
			page := archive.PageOf(a, d)
			if page == 1 {
				front = appendNew(front, h)
			} else {
				other = appendNew(other, pageLabel(page, lang)+h)
			}
		}
	}
	switch {
	case len(front) > 0:
		units = append(units, heading(t.frontPage)...)
		for _, h := range front {
			units = append(units, unit{text: "• " + h, sep: "\n"})
		}
	case len(other) > 0:
		units = append(units, heading(t.inArchive)...)
		for _, h := range other {
			units = append(units, unit{text: "• " + h, sep: "\n"})
		}
	}
	var toc []string
	for _, d := range p.docs {
		for _, e := range d.TOC {
			if h := strings.TrimSpace(e.Headline); h != "" {
				toc = appendNew(toc, pageLabel(e.Page, lang)+h)
			}
		}
	}
	if len(toc) > 0 {
		units = append(units, heading(t.toc)...)
		for _, h := range toc {
			units = append(units, unit{text: "• " + h, sep: "\n"})
		}
	}
	return units
}

// heading is a bold line after a blank one.
func heading(text string) []unit {
	return []unit{{sep: "\n"}, {text: text, tag: "b", sep: "\n"}}
}

// pageLabel is "第2版 " (or "p. 2 "), "" for an unknown page.
func pageLabel(page int, lang retrieve.Lang) string {
	switch {
	case page == 0:
		return ""
	case lang == retrieve.English:
		return fmt.Sprintf("p. %d ", page)
	}
	return fmt.Sprintf("第%d版 ", page)
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
