package ingest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// A page number is one or two digits and 版, set off from the headline by
// white space (or dot leaders): "…正当其时 02版", "20版 飞行汽车…". In
// "2.0版发布，人工智能…" nothing sets "0版" off, so it is no page.
var (
	tocListMarkRe   = regexp.MustCompile(`^[-*+•](?:[ \t]+|$)`)
	tocPageSuffixRe = regexp.MustCompile(`^(.*?)[\s\x{3000}…·]+第?([0-9０-９]{1,2})[\s\x{3000}]*版$`)
	tocPagePrefixRe = regexp.MustCompile(`^第?([0-9０-９]{1,2})[\s\x{3000}]*版[\s\x{3000}…·]+(.+)$`)
	tocPageNumberRe = regexp.MustCompile(`([0-9０-９]{1,2})[\s\x{3000}]*版`)
)

// parseTOCEntry reads one 本期导读 entry, a list item or a plain line,
// with its page printed after the headline, before it, or not at all
// (Page 0). maxPage bounds a plausible page (0: no bound but 99).
func parseTOCEntry(line string, maxPage int) (archive.TOCEntry, bool) {
	s := strings.TrimSpace(tocListMarkRe.ReplaceAllString(strings.TrimSpace(line), ""))
	if s == "" {
		return archive.TOCEntry{}, false
	}
	if m := tocPageSuffixRe.FindStringSubmatch(s); m != nil {
		if p := tocPage(m[2], maxPage); p > 0 && strings.TrimSpace(m[1]) != "" {
			return archive.TOCEntry{Headline: strings.TrimSpace(m[1]), Page: p}, true
		}
	}
	if m := tocPagePrefixRe.FindStringSubmatch(s); m != nil {
		if p := tocPage(m[1], maxPage); p > 0 {
			return archive.TOCEntry{Headline: strings.TrimSpace(m[2]), Page: p}, true
		}
	}
	return archive.TOCEntry{Headline: s}, true
}

func tocPage(digits string, maxPage int) int {
	p, err := strconv.Atoi(normalize.Fold(digits))
	if maxPage <= 0 {
		maxPage = 99
	}
	if err != nil || p < 1 || p > maxPage {
		return 0
	}
	return p
}

// parsePageNumbers reads a line of bare page numbers ("03版", "03版 14版").
func parsePageNumbers(line string, maxPage int) []int {
	var pages []int
	for _, m := range tocPageNumberRe.FindAllStringSubmatch(line, -1) {
		if p := tocPage(m[1], maxPage); p > 0 {
			pages = append(pages, p)
		}
	}
	return pages
}

// assignTOCPages gives the entries without a page the page numbers that
// were printed apart from them (the layout can move them to the end of the
// file). Entries are printed in ascending page order, so each entry takes
// the smallest remaining number above the page before it and below the
// next known page; an entry for which no number fits keeps page 0.
func assignTOCPages(entries []archive.TOCEntry, detached []int) {
	pool := append([]int(nil), detached...)
	sort.Ints(pool)
	prev := 0
	for i := range entries {
		if entries[i].Page > 0 {
			prev = entries[i].Page
			continue
		}
		next := 1 << 30
		for _, e := range entries[i+1:] {
			if e.Page > 0 {
				next = e.Page
				break
			}
		}
		for j, p := range pool {
			if p > prev && p < next {
				entries[i].Page = p
				prev = p
				pool = append(pool[:j], pool[j+1:]...)
				break
			}
		}
	}
}
