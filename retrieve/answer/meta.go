package answer

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// Questions about the paper itself are answered from the catalog, not by
// quoting sentences: what a page carried, which issue or page a story is
// in, when an issue came out.

// issueDocs are the documents of the issue a question refers to.
func issueDocs(eng *retrieve.Engine, q *retrieve.Query) []*archive.Document {
	var out []*archive.Document
	for _, d := range eng.Store().Documents() {
		m := d.Meta
		if (q.Issue == 0 || m.Issue == q.Issue) && (q.TotalIssue == 0 || m.TotalIssue == q.TotalIssue) &&
			(q.Year == 0 || strings.HasPrefix(m.Date, fmt.Sprintf("%04d-", q.Year))) &&
			(q.Month == 0 || monthOf(m.Date) == q.Month) && (q.Day == 0 || dayOf(m.Date) == q.Day) &&
			(m.Issue != 0 || m.TotalIssue != 0 || m.Date != "") {
			out = append(out, d)
		}
	}
	return out
}

func monthOf(iso string) int { _, m, _ := archive.SplitDate(iso); return m }
func dayOf(iso string) int   { _, _, d := archive.SplitDate(iso); return d }

func issueName(m archive.Meta) string { return archive.IssueName(m, false) }

// pageContents lists the articles an issue printed on a page, or, when
// the question names no page (第40期有哪些文章), page by page
// (issueContents).
func pageContents(eng *retrieve.Engine, q *retrieve.Query) (string, []Citation, bool) {
	docs := issueDocs(eng, q)
	if q.Photos {
		return photos(docs, q.Page)
	}
	if q.Page == 0 {
		return issueContents(docs)
	}
	if text, cites, ok := beyondIssue(docs, q.Page); ok {
		return text, cites, ok
	}
	return listByDoc(docs, func(ct *citer, a *archive.Article, d *archive.Document) (string, bool) {
		if !story(a) || archive.PageOf(a, d) != q.Page {
			return "", false
		}
		return fmt.Sprintf("《%s》[%d]", headlineOf(a), ct.cite(a, d, a.Headline)), true
	}, func(d *archive.Document, items []string) string {
		return fmt.Sprintf("%s %s刊登了：%s。", issueName(d.Meta), pageName(q.Page), strings.Join(items, "；"))
	})
}

// beyondIssue says how many pages an issue has when page is beyond all
// of them (第40期第30版), citing its masthead; ok is false when any issue
// asked of has that page or none says how many it has.
func beyondIssue(docs []*archive.Document, page int) (string, []Citation, bool) {
	for _, d := range docs {
		if d.Meta.Pages == 0 || page <= d.Meta.Pages {
			return "", nil, false
		}
	}
	return pagesOf(docs, page)
}

// listByDoc makes a line of each document that item lists articles of:
// item says what an article is listed as, citing it through ct, and line
// joins a document's items. ok is false when no document has an item.
func listByDoc(docs []*archive.Document, item func(ct *citer, a *archive.Article, d *archive.Document) (string, bool), line func(d *archive.Document, items []string) string) (string, []Citation, bool) {
	var ct citer
	var lines []string
	for _, d := range docs {
		var items []string
		for i := range d.Articles {
			if it, ok := item(&ct, &d.Articles[i], d); ok {
				items = append(items, it)
			}
		}
		if len(items) > 0 {
			lines = append(lines, line(d, items))
		}
	}
	if len(lines) == 0 {
		return "", nil, false
	}
	return strings.Join(lines, "\n"), ct.cites, true
}

// story reports whether a listing of what a page carried names a: not a
// photo's caption nor the publisher's lines.
func story(a *archive.Article) bool {
	return a.Kind != archive.KindCaption && a.Kind != archive.KindImprint
}

// pageName names page p of an issue as an answer says it (0: all pages).
func pageName(p int) string {
	switch {
	case p == 1:
		return "头版(第1版)"
	case p > 1:
		return fmt.Sprintf("第%d版", p)
	}
	return "各版"
}

// photos lists the captions of the photos an issue printed on a page (0:
// on any page), each quoted from its first sentence that says what the
// photo shows (图为…), else its first.
func photos(docs []*archive.Document, page int) (string, []Citation, bool) {
	return listByDoc(docs, func(ct *citer, a *archive.Article, d *archive.Document) (string, bool) {
		p := archive.PageOf(a, d)
		if a.Kind != archive.KindCaption || page != 0 && p != page {
			return "", false
		}
		shows := captionShows(a.Text)
		item := fmt.Sprintf("%s[%d]", shows, ct.cite(a, d, shows))
		if page == 0 && p > 0 {
			item = fmt.Sprintf("第%d版：%s", p, item)
		}
		return item, true
	}, func(d *archive.Document, items []string) string {
		return fmt.Sprintf("%s %s刊登图片%d张：%s", issueName(d.Meta), pageName(page), len(items), strings.Join(items, " "))
	})
}

// captionShows is the sentence of a caption that says what the photo
// shows (图为…), else its first sentence.
func captionShows(text string) string {
	var first string
	for _, sp := range splitSentences(text) {
		s := sp.text
		if first == "" {
			first = s
		}
		if strings.HasPrefix(s, "图为") || strings.HasPrefix(s, "圖為") {
			return s
		}
	}
	return first
}

// perPageListed is how many articles of a page a whole issue's listing
// names: a 24-page issue prints a hundred, and a reader asking what it
// carried wants each page's lead stories, not a hundred citations.
const perPageListed = 3

// issueContents lists what each issue of docs printed, page by page in
// order, at most perPageListed articles a page and the rest counted. An
// article without a page comes last.
func issueContents(docs []*archive.Document) (string, []Citation, bool) {
	type listed struct {
		a *archive.Article
		d *archive.Document
	}
	type page struct {
		items []listed
		more  int
	}
	var names []string
	pages := map[string]map[int]*page{}
	for _, d := range docs {
		name := issueName(d.Meta)
		if pages[name] == nil {
			pages[name] = map[int]*page{}
			names = append(names, name)
		}
		for i := range d.Articles {
			a := &d.Articles[i]
			if !story(a) {
				continue
			}
			p := archive.PageOf(a, d)
			pg := pages[name][p]
			if pg == nil {
				pg = &page{}
				pages[name][p] = pg
			}
			if len(pg.items) == perPageListed {
				pg.more++
				continue
			}
			pg.items = append(pg.items, listed{a, d})
		}
	}
	// Cited in the order listed, so the markers read 1, 2, 3….
	var ct citer
	var lines []string
	for _, name := range names {
		nums := slices.Sorted(maps.Keys(pages[name]))
		if len(nums) > 0 && nums[0] == 0 {
			nums = append(nums[1:], 0) // unpaged last
		}
		var parts []string
		for _, n := range nums {
			pg := pages[name][n]
			var labels []string
			for _, it := range pg.items {
				labels = append(labels, fmt.Sprintf("《%s》[%d]", headlineOf(it.a), ct.cite(it.a, it.d, it.a.Headline)))
			}
			part := strings.Join(labels, "、")
			if pg.more > 0 {
				part += fmt.Sprintf("等%d篇", len(pg.items)+pg.more)
			}
			if n > 0 {
				part = fmt.Sprintf("第%d版%s", n, part)
			}
			parts = append(parts, part)
		}
		if len(parts) > 0 {
			lines = append(lines, fmt.Sprintf("%s 刊登了：%s。", name, strings.Join(parts, "；")))
		}
	}
	if len(lines) == 0 {
		return "", nil, false
	}
	return strings.Join(lines, "\n"), ct.cites, true
}

// whenPublished gives the date of the issue the question names.
func whenPublished(eng *retrieve.Engine, q *retrieve.Query) (string, []Citation, bool) {
	var ct citer
	var lines []string
	seen := map[string]bool{}
	for _, d := range issueDocs(eng, q) {
		if d.Meta.Date == "" || seen[issueName(d.Meta)] || len(d.Articles) == 0 {
			continue
		}
		seen[issueName(d.Meta)] = true
		a := &d.Articles[0]
		n := ct.cite(a, d, a.Headline)
		weekday := ""
		if d.Meta.Weekday != "" {
			weekday = "(" + d.Meta.Weekday + ")"
		}
		y, m, day := archive.SplitDate(d.Meta.Date)
		lines = append(lines, fmt.Sprintf("%s于%d年%d月%d日%s出版 [%d]。", strings.TrimSpace(issueName(archive.Meta{Issue: d.Meta.Issue, TotalIssue: d.Meta.TotalIssue})), y, m, day, weekday, n))
	}
	if len(lines) == 0 {
		return "", nil, false
	}
	return strings.Join(lines, "\n"), ct.cites, true
}

// latestIssue is q asking of the archive's newest issue by its date, or
// by its total number where no issue is dated; q unchanged when no
// document names an issue.
func latestIssue(eng *retrieve.Engine, q *retrieve.Query) *retrieve.Query {
	var date string
	total := 0
	for _, d := range eng.Store().Documents() {
		if d.Meta.Date > date {
			date = d.Meta.Date
		}
		total = max(total, d.Meta.TotalIssue)
	}
	out := *q
	switch y, m, day := archive.SplitDate(date); {
	case y != 0:
		out.Year, out.Month, out.Day = y, m, day
	case total != 0:
		out.TotalIssue = total
	}
	return &out
}

// issuePages gives the number of pages of the issue the question names,
// as its masthead prints it (今日24版), cited to its front page.
func issuePages(eng *retrieve.Engine, q *retrieve.Query) (string, []Citation, bool) {
	return pagesOf(issueDocs(eng, q), 0)
}

// pagesOf says, once for each issue of docs whose masthead gives it, how
// many pages the issue has, citing the masthead's page; and, when missing
// is not 0, that the issue has no such page.
func pagesOf(docs []*archive.Document, missing int) (string, []Citation, bool) {
	var ct citer
	var lines []string
	seen := map[string]bool{}
	for _, d := range docs {
		name := issueName(d.Meta)
		if d.Meta.Pages == 0 || seen[name] || len(d.Articles) == 0 {
			continue
		}
		seen[name] = true
		a := &d.Articles[0]
		n := ct.cite(a, d, a.Headline)
		if missing != 0 {
			lines = append(lines, fmt.Sprintf("%s共%d版，没有%s [%d]。", name, d.Meta.Pages, pageName(missing), n))
		} else {
			lines = append(lines, fmt.Sprintf("%s共%d版 [%d]。", name, d.Meta.Pages, n))
		}
	}
	if len(lines) == 0 {
		return "", nil, false
	}
	return strings.Join(lines, "\n"), ct.cites, true
}

// reContinued asks where an article continues.
var reContinued = regexp.MustCompile(`下转|转至|转到|接续|continue`)

// locate answers 哪一期 and 第几版 questions: where the best-supported
// article on the subject was printed.
func locate(ctx context.Context, eng *retrieve.Engine, q *retrieve.Query, results []retrieve.Result) (string, []Citation, bool) {
	// Locating an article asks nothing beyond its subject, so the best
	// sentence need only support the subject.
	cands := rankSentences(eng, q, results)
	byKey(cands, func(c candidate) float64 { return c.support })
	if len(cands) == 0 || !answers(cands[0]) {
		return "", nil, false
	}
	best := cands[0]
	a, d := best.res.Article, best.res.Doc
	var ct citer
	n := ct.cite(a, d, best.sent.text)
	where := issueName(d.Meta)
	p := archive.PageOf(a, d)
	var text string
	switch {
	case reContinued.MatchString(q.Raw) && a.ContinuedOn != 0:
		text = fmt.Sprintf("《%s》刊于%s 第%d版，下转第%d版 [%d]。", headlineOf(a), where, p, a.ContinuedOn, n)
	case where == "" && p == 0:
		text = fmt.Sprintf("《%s》见于 %s，该页未标明日期、期号和版次 [%d]。", headlineOf(a), d.Source, n)
	case q.Intent == retrieve.WhichPage && p != 0:
		text = fmt.Sprintf("《%s》刊于%s 第%d版 [%d]。", headlineOf(a), where, p, n)
	case p != 0:
		text = fmt.Sprintf("《%s》刊于%s 第%d版 [%d]。", headlineOf(a), where, p, n)
	default:
		text = fmt.Sprintf("《%s》刊于%s [%d]。", headlineOf(a), where, n)
	}
	if a.Kind == archive.KindTOC {
		text = strings.TrimSuffix(text, "。") + "(据当期头版“本期导读”)。"
	}
	return strings.TrimSpace(text), ct.cites, ctx.Err() == nil
}

// localize puts a catalog answer in the question's language.
func localize(q *retrieve.Query, text string, cites []Citation) string {
	switch q.Lang {
	case retrieve.Traditional:
		return normalize.ToTraditional(text)
	case retrieve.English:
		return "From the archive's catalog (in Chinese): " + normalize.ToSimplified(text)
	}
	return normalize.ToSimplified(text)
}
