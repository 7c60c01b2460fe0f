package retrieve

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// A date in a question is usually the date of the event, not of the paper:
// 2020年5月20日…表态 was printed on 5月21日, a weekly reports an 11月6日
// forum in its 11月10日 issue, and 2019年1月份 figures appear in February.
// Only a date that names the paper itself (11月3日那期, 那天的报纸,
// 11月3日头版) is a hard filter on the publication date. Any other date
// becomes an Event: the window in which the paper would print the event,
// whose results are boosted rather than the rest excluded.

// EventDate is a date a question names that is not a reference to the
// paper. Zero fields are not stated: a bare 11月6日 has no year, 2019年1月
// no day.
type EventDate struct {
	Year, Month, Day int
	// Figures marks monthly figures (1月份全国快递业务收入): they are
	// published in the following month.
	Figures bool
}

// IsZero reports whether no event date was named.
func (e EventDate) IsZero() bool { return e.Month == 0 }

var (
	// reMonthFigures is a month's figures, 2019年1月份 or 1月份.
	reMonthFigures = regexp.MustCompile(`(?:([0-9]{4})\s*年\s*)?([0-9]{1,2})\s*月份`)
	// rePaperAfter is what follows a date that names the paper itself:
	// 11月3日那期, 11月3日的报纸, 11月3日头版, 11月3日第2版, 那天出版的,
	// 11月3日那篇稿子, 9月29日的导报, and the report itself: 6月28日的新闻中,
	// 6月28日的报道称 (the day it was printed; the event's is the day before).
	rePaperAfter = regexp.MustCompile(`^\s*(?:的|那|这|一|当天|当日|那天|这天)*\s*(?:期|报纸|报上|报道了哪|版|头版|头条|第\s*[0-9零〇一二三四五六七八九十两]+\s*[期版]|总第|出版|出的报|刊|篇|稿|文章|导报|本报|新闻(?:中|里|称|说)|报道(?:中|里|称|说))`)
)

// Dates written in Chinese numerals (二〇二五年十一月六日, 一月份) are read
// as if in digits.
var (
	reHanYear      = regexp.MustCompile(`([〇零一二三四五六七八九]{4})\s*年`)
	reHanMonthDay  = regexp.MustCompile(`([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*[日号]`)
	reHanMonthUnit = regexp.MustCompile(`([一二三四五六七八九十]{1,2})\s*月份`)
	reHanDate      = regexp.MustCompile(`[一二三四五六七八九十]{1,2}\s*月(?:\s*[一二三四五六七八九十]{1,3}\s*[日号]|份)`)
)

func hanDigits(s string) string {
	if !reHanMonthDay.MatchString(s) && !reHanMonthUnit.MatchString(s) && !reHanYear.MatchString(s) {
		return s
	}
	s = reHanYear.ReplaceAllStringFunc(s, func(m string) string {
		var b strings.Builder
		for _, r := range strings.TrimSpace(strings.TrimSuffix(m, "年")) {
			b.WriteByte(byte('0' + Numeral(string(r))))
		}
		return b.String() + "年"
	})
	s = reHanMonthDay.ReplaceAllStringFunc(s, func(m string) string {
		p := reHanMonthDay.FindStringSubmatch(m)
		return fmt.Sprintf("%d月%d日", Numeral(p[1]), Numeral(p[2]))
	})
	return reHanMonthUnit.ReplaceAllStringFunc(s, func(m string) string {
		return fmt.Sprintf("%d月份", Numeral(reHanMonthUnit.FindStringSubmatch(m)[1]))
	})
}

// dateMention is one date found in a question.
type dateMention struct {
	y, m, d int
	figures bool
	paper   bool // names the paper itself
}

// cutDates finds the dates in s, decides for each whether it names the
// paper (by what follows it), and returns s with them cut out.
func cutDates(s string) (string, []dateMention) {
	s = hanDigits(s)
	var found []dateMention
	scan := func(re *regexp.Regexp, read func(m []string) dateMention) {
		for {
			loc := re.FindStringSubmatchIndex(s)
			if loc == nil {
				return
			}
			var m []string
			for i := 0; i < len(loc); i += 2 {
				if loc[i] < 0 {
					m = append(m, "")
				} else {
					m = append(m, s[loc[i]:loc[i+1]])
				}
			}
			dm := read(m)
			dm.paper = rePaperAfter.MatchString(s[loc[1]:])
			if dm.m >= 1 && dm.m <= 12 && dm.d >= 0 && dm.d <= 31 {
				found = append(found, dm)
			}
			s = s[:loc[0]] + " " + s[loc[1]:]
		}
	}
	scan(reFullDate, func(m []string) dateMention { return dateMention{y: atoi(m[1]), m: atoi(m[2]), d: atoi(m[3])} })
	scan(reISODate, func(m []string) dateMention { return dateMention{y: atoi(m[1]), m: atoi(m[2]), d: atoi(m[3])} })
	scan(reMonthFigures, func(m []string) dateMention { return dateMention{y: atoi(m[1]), m: atoi(m[2]), figures: true} })
	scan(reYearMonth, func(m []string) dateMention { return dateMention{y: atoi(m[1]), m: atoi(m[2])} })
	scan(reMonthDay, func(m []string) dateMention { return dateMention{m: atoi(m[1]), d: atoi(m[2])} })
	return s, found
}

// Windows are counted in days since 1970-01-01.
func dayNumber(y, m, d int) int {
	return int(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// dateWindow is the span of publication days in which the paper would
// print an event, inclusive. With no year stated, it is placed in each
// year the archive has: yearless.
type dateWindow struct {
	// month and day of the window's first day, and its length in days,
	// when yearless; otherwise from and to.
	from, to int
	yearless bool
	ev       EventDate
	span     int
}

// window is where the paper, publishing every cadence days, prints what
// happened at ev: the next issue or two (at least the next two days, for a
// daily), and for monthly figures the month after (plus an issue).
func window(ev EventDate, cadence int) dateWindow {
	span := max(2, 2*cadence)
	w := dateWindow{ev: ev, span: span, yearless: ev.Year == 0}
	if w.yearless {
		return w
	}
	w.from, w.to = eventRange(ev, ev.Year, span)
	return w
}

// eventRange is the window of ev placed in year y.
func eventRange(ev EventDate, y, span int) (from, to int) {
	switch {
	case ev.Day != 0:
		from = dayNumber(y, ev.Month, ev.Day)
		return from, from + span
	case ev.Figures:
		// The following month: day 1 of month+1 to its last day, plus an issue.
		return dayNumber(y, ev.Month+1, 1), dayNumber(y, ev.Month+2, 0) + span/2
	default:
		return dayNumber(y, ev.Month, 1), dayNumber(y, ev.Month+1, 0) + span
	}
}

// holds reports whether a publication on day pub (0: unknown) falls in the
// window.
func (w dateWindow) holds(pub, pubYear int) bool {
	if pub == 0 {
		return false
	}
	if !w.yearless {
		return pub >= w.from && pub <= w.to
	}
	// The event in the publication's year, or the year before for a
	// December event printed in January.
	for _, y := range [2]int{pubYear, pubYear - 1} {
		if from, to := eventRange(w.ev, y, w.span); pub >= from && pub <= to {
			return true
		}
	}
	return false
}

// cadenceOf is the median gap in days between the distinct publication
// days of an archive: 7 for a weekly, 1 for a daily; 7 when fewer than two
// dates are known (the paper this program is for is a weekly).
func cadenceOf(days []int) int {
	slices.Sort(days)
	days = slices.Compact(days)
	if len(days) < 2 {
		return 7
	}
	gaps := make([]int, 0, len(days)-1)
	for i := 1; i < len(days); i++ {
		gaps = append(gaps, days[i]-days[i-1])
	}
	slices.Sort(gaps)
	return max(1, gaps[len(gaps)/2])
}
