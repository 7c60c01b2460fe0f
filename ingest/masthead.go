package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

var (
	mastheadDateRe    = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	mastheadWeekdayRe = regexp.MustCompile(`(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]`)
	mastheadIssueRe   = regexp.MustCompile(`(总|總)?\s*第\s*(\d{1,6})\s*期`)
	mastheadPagesRe   = regexp.MustCompile(`今日\s*(\d{1,3})\s*(?:版|页|頁)`)
)

// ParseMasthead reads the issue line of a front page, such as
// "2025年11月3日 星期一 第40期(总第2644期) 今日24版", anywhere in text:
// on a line of its own, inside a longer masthead line, or after a
// Markdown "# ". Full-width digits and brackets are read as their ASCII
// forms. It reports false unless a valid date stands with an issue number
// or a page count on the same or the next line, so that a bare date (in a
// footer, say) is never taken for a masthead. A masthead is printed only
// on the front page, so Page is 1 when ok.
func ParseMasthead(text string) (archive.Meta, bool) {
	f := normalize.Fold(text)
	for _, loc := range mastheadDateRe.FindAllStringSubmatchIndex(f, -1) {
		date, ok := isoDate(f[loc[2]:loc[3]], f[loc[4]:loc[5]], f[loc[6]:loc[7]])
		if !ok {
			continue
		}
		win := mastheadWindow(f, loc[0], loc[1])
		m := archive.Meta{Date: date, Page: 1}
		m.Weekday = mastheadWeekdayRe.FindString(win)
		for _, is := range mastheadIssueRe.FindAllStringSubmatch(win, -1) {
			n, _ := strconv.Atoi(is[2])
			if is[1] != "" {
				if m.TotalIssue == 0 {
					m.TotalIssue = n
				}
			} else if m.Issue == 0 {
				m.Issue = n
			}
		}
		if p := mastheadPagesRe.FindStringSubmatch(win); p != nil {
			m.Pages, _ = strconv.Atoi(p[1])
		}
		if m.Issue > 0 || m.TotalIssue > 0 || m.Pages > 0 {
			return m, true
		}
	}
	return archive.Meta{}, false
}

// mastheadWindow returns the line holding text[start:end] and the next
// non-blank line: the date and the issue numbers are printed together, at
// most broken onto two lines.
func mastheadWindow(text string, start, end int) string {
	from := strings.LastIndexByte(text[:start], '\n') + 1
	to := lineEnd(text, end)
	for to < len(text) {
		next := lineEnd(text, to+1)
		if strings.TrimSpace(text[to:next]) != "" {
			return text[from:next]
		}
		to = next
	}
	return text[from:to]
}

// lineEnd returns the offset of the newline ending the line at i, or len(text).
func lineEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	if j := strings.IndexByte(text[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(text)
}

// isMastheadFragment reports a line made only of masthead parts with at
// least one besides the date ("2025年11月3日 星期一", "第40期(总第2644期)
// 今日24版"), as when a masthead is broken onto two lines.
func isMastheadFragment(folded string) bool {
	if utf8.RuneCountInString(folded) > 60 || !strings.ContainsAny(folded, "期版星周週拜") {
		return false
	}
	rest := folded
	found := false
	for _, re := range []*regexp.Regexp{mastheadWeekdayRe, mastheadIssueRe, mastheadPagesRe} {
		if re.MatchString(rest) {
			found = true
			rest = re.ReplaceAllString(rest, "")
		}
	}
	rest = mastheadDateRe.ReplaceAllString(rest, "")
	rest = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("()[]|#", r) {
			return -1
		}
		return r
	}, rest)
	return found && rest == ""
}

// isoDate checks a printed year, month and day and returns "2006-01-02".
func isoDate(y, mo, d string) (string, bool) {
	year, _ := strconv.Atoi(y)
	month, _ := strconv.Atoi(mo)
	day, _ := strconv.Atoi(d)
	if year < 1900 || month < 1 || month > 12 || day < 1 {
		return "", false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day { // 2月30日
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day), true
}
