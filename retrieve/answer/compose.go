package answer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/heraldqa/heraldqa/ingest/archive"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve"
)

// citer numbers the articles an answer cites in order of first use.
type citer struct {
	cites []Citation
	byID  map[string]int
}

// cite returns the marker number of article a, adding it on first use
// with quote as its supporting text. A quote that is not part of the
// stored article is never attached.
func (c *citer) cite(a *archive.Article, d *archive.Document, quote string) int {
	if c.byID == nil {
		c.byID = map[string]int{}
	}
	if n, ok := c.byID[a.ID]; ok {
		return n
	}
	if !quoteOf(a, quote) {
		quote = ""
	}
	n := len(c.cites) + 1
	c.byID[a.ID] = n
	c.cites = append(c.cites, newCitation(n, a, d, quote))
	return n
}

// quoteOf reports whether quote is printed in the article: part of its
// text, its headline or its byline.
func quoteOf(a *archive.Article, quote string) bool {
	return quote != "" && (strings.Contains(a.Text, quote) || quote == a.Headline || quote == a.Byline)
}

// display cleans a printed sentence for showing: the print layout's spaces
// and line breaks between Chinese characters go, and so do pinyin
// annotations left by a conversion (關(guān) → 關). The citation's quote
// keeps the text as printed.
func display(s string) string {
	return strings.TrimSpace(normalize.RemoveLayoutSpaces(normalize.StripPinyin(s)))
}

// compose writes the extractive answer for the chosen sentences.
func compose(q *retrieve.Query, chosen []candidate) (string, []Citation) {
	var ct citer
	var parts []string
	for _, c := range chosen {
		n := ct.cite(c.res.Article, c.res.Doc, c.sent.text)
		text := display(c.sent.text)
		if c.sent.start < 0 && c.res.Article.Headline != "" {
			// A byline says nothing without the article it signs.
			text = fmt.Sprintf("《%s》%s", headlineOf(c.res.Article), text)
		}
		parts = append(parts, fmt.Sprintf("%s [%d]", text, n))
	}
	text := strings.Join(parts, " ")
	// The direct answer is read from the first sentence that holds what is
	// asked (the best, or its neighbour quoted for it), never from one
	// quoted only as a referent.
	first := slices.IndexFunc(chosen, func(c candidate) bool { return !c.referent })
	main := slices.IndexFunc(chosen, func(c candidate) bool { return !c.referent && holdsAsked(c.f[:]) })
	if first > 0 && !holdsAsked(chosen[first].f[:]) && holdsAsked(chosen[first-1].f[:]) &&
		reSameYear.MatchString(normalize.ForIndex(chosen[first].sent.text)) {
		main = first - 1 // 同年… is in the year of the sentence it refers to
	}
	if main < 0 || main > first && !leansOn(chosen[first]) && !reGoesOn.MatchString(normalize.ForIndex(chosen[main].sent.text)) &&
		chosen[main].f[fInSent] < 0.5*chosen[first].f[fInSent] {
		main = first
	}
	lead := ""
	switch {
	case q.Lang == retrieve.English:
		lead = englishLead(q, chosen)
	case main >= 0:
		lead = direct(q, chosen[main])
	}
	if lead != "" && q.Lang != retrieve.English {
		sep := "。"
		if lead == "不是" {
			sep = "，"
		}
		text = lead + sep + text
	}
	switch q.Lang {
	case retrieve.English:
		// The quotes in Simplified, the script most English readers of
		// Chinese learn; the citations keep the text as printed. A lead
		// is English, before them.
		text = englishFrame(chosen) + normalize.ToSimplified(text)
		if lead != "" {
			text = lead + ". " + text
		}
	case retrieve.Traditional:
		text = normalize.ToTraditional(text)
	default:
		// A Simplified question gets Simplified text, also from a page
		// printed in Traditional (002).
		text = normalize.ToSimplified(text)
	}
	return text, ct.cites
}

// englishFrame introduces Chinese quotes to an English reader.
func englishFrame(chosen []candidate) string {
	if len(chosen) == 0 {
		return ""
	}
	d := chosen[0].res.Doc
	a := chosen[0].res.Article
	var where []string
	if d != nil && d.Meta.Date != "" {
		where = append(where, d.Meta.Date)
	}
	if d != nil && d.Meta.Issue != 0 {
		where = append(where, fmt.Sprintf("issue %d", d.Meta.Issue))
	}
	if d != nil && d.Meta.TotalIssue != 0 {
		where = append(where, fmt.Sprintf("no. %d", d.Meta.TotalIssue))
	}
	if p := archive.PageOf(a, d); p != 0 {
		where = append(where, fmt.Sprintf("page %d", p))
	}
	if len(where) == 0 {
		return "The archive says (in Chinese): "
	}
	return fmt.Sprintf("The China High-Tech Industry Herald (%s) reports, in Chinese: ", strings.Join(where, ", "))
}

// maxRelated is how many articles a refusal offers as related reading.
const maxRelated = 3

// related lists the best-ranked retrieved articles, each once, as further
// reading for a refused question: never an answer, so without quotes.
func related(results []retrieve.Result) []Citation {
	var ct citer
	for i := range results {
		if len(ct.cites) == maxRelated {
			break
		}
		if r := &results[i]; r.Article != nil {
			ct.cite(r.Article, r.Doc, "")
		}
	}
	return ct.cites
}

// reSameYear: a sentence (normalized) dated by the year of the one before
// it.
var reSameYear = regexp.MustCompile(`^\s*(?:同年|当年|该年|是年)`)

// leansOn reports whether a quote leaves what is asked to another: it
// refers back (同年, 这次, 他), names a month without its year, or opens
// without its subject (是世界上第一个…). A later quote may then lead; a
// quote complete in itself is the answer, and a later one's date or place
// is another event's (2015年7月 for 赛后…结束运动生涯), unless that one
// holds half as much of the question itself. Fitting sets and colloquial
// items: 6 leads go, 5 of them wrong (date leads 354 → 349, 317 → 316
// right); their later quotes held 0–0.19 of what the first did, 0.5 keeps
// a share read from the next sentence (0.38 against 0.68) in the sample
// probe.
func leansOn(c candidate) bool {
	norm := normalize.ForIndex(c.sent.text)
	return reRefers.MatchString(norm) || reRefersInside.MatchString(norm) || reMonthAlone.MatchString(norm) ||
		strings.HasPrefix(strings.TrimSpace(norm), "是")
}

// reMonthAlone is a month printed without its year (4月, 10月18日).
var reMonthAlone = regexp.MustCompile(`(?:^|[^0-9年])[0-9]{1,2}月`)

// reGoesOn: a later quote that carries the first on (这7个人…, 该合约…);
// its figure is the first's.
var reGoesOn = regexp.MustCompile(`^[「“"'‘(（]?(?:这|此|该)`)
