package answer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A news report opens with its dateline (本报杭州4月10日电, 新华社北京3月5日
// 电): the day it was filed, not the day of what it reports, which it
// gives relative to the dateline (9日正式启用, 昨天开幕). Read as printed,
// 滨江科创园是哪天开业的 was answered with the dateline's 4月10日.
var (
	reDateline = regexp.MustCompile(`^[（(]?(?:本报|新华社|中新社|人民网|新华网|央视网)?[^，。；、：:\s0-9]{0,8}([0-9]{1,2})月([0-9]{1,2})日(?:电|讯)`)
	// reBareDay is a day of the dateline's month (9日) or a day named
	// from it (昨天).
	reBareDay = regexp.MustCompile(`(?:^|[^0-9月.])([0-9]{1,2})日|(今天|今日|昨天|昨日|前天)`)
)

// datelined reads a sentence that opens with a dateline: date is the one
// day it gives for what it reports, in full where its issue's date
// (issued, 2024-04-11) gives the year ("" when it gives none, several, or
// a date of its own), and rest is the sentence after the dateline. ok is
// false when no dateline opens it.
func datelined(issued, sent string) (date, rest string, ok bool) {
	var loc []int
	if strings.ContainsAny(sent, "电讯") { // spare the regexp most sentences
		loc = reDateline.FindStringSubmatchIndex(sent)
	}
	if loc == nil {
		return "", sent, false
	}
	rest = sent[loc[1]:]
	if reDate.MatchString(rest) {
		return "", rest, true // a date printed in full says itself
	}
	month, _ := strconv.Atoi(sent[loc[2]:loc[3]])
	day, _ := strconv.Atoi(sent[loc[4]:loc[5]])
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return "", rest, true
	}
	year := 0
	if issue, err := time.Parse(time.DateOnly, issued); err == nil {
		year = issue.Year()
		if month > int(issue.Month()) {
			year-- // filed in December, printed in January
		}
	}
	// Without the issue's year, a leap year stands in: 29日 of a February
	// dateline still reads, and only the month and day are said.
	filed := time.Date(max(year, 2000), time.Month(month), day, 0, 0, 0, 0, time.UTC)
	var days []time.Time
	for _, m := range reBareDay.FindAllStringSubmatch(rest, -1) {
		d := filed
		switch m[2] {
		case "昨天", "昨日":
			d = filed.AddDate(0, 0, -1)
		case "前天":
			d = filed.AddDate(0, 0, -2)
		case "":
			n, _ := strconv.Atoi(m[1])
			mo := filed.Month()
			if n > day {
				mo-- // 28日 in a report filed on the 2nd
			}
			d = time.Date(filed.Year(), mo, n, 0, 0, 0, 0, time.UTC)
			if n < 1 || d.Day() != n {
				continue // no such day
			}
		}
		if len(days) == 0 || !d.Equal(days[0]) {
			days = append(days, d)
		}
	}
	if len(days) != 1 {
		return "", rest, true
	}
	d := days[0]
	if d.Equal(filed) && reVagueDay.MatchString(rest) {
		return "", rest, true // 记者3日获悉, …日前完成: filed that day, done before
	}
	if year == 0 {
		return fmt.Sprintf("%d月%d日", d.Month(), d.Day()), rest, true
	}
	return fmt.Sprintf("%d年%d月%d日", d.Year(), d.Month(), d.Day()), rest, true
}

// issuedOn is the date of the issue that printed c, "" when unknown.
func issuedOn(c candidate) string {
	if c.res == nil || c.res.Doc == nil {
		return ""
	}
	return c.res.Doc.Meta.Date
}
