package synth

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// Issue is one generated issue.
type Issue struct {
	Index int // from 0, oldest first
	Meta  archive.Meta
	Pages []Page // Pages[p-1] is page p
	// TOC is the front page's 本期导读: the lead story of some inner pages.
	TOC []archive.TOCEntry
}

// Page is one page of an issue, its items in print order.
type Page struct {
	Number   int
	Articles []Article
}

// Article is one printed item: a story or a photo caption.
type Article struct {
	Kind     archive.Kind // archive.KindArticle or archive.KindCaption
	Kicker   string       // 眉题, "" for none
	Headline string       // "" for a caption
	// Byline is printed on a line of its own under the headline
	// ("▶ 本报记者 张伟"); LeadIn opens the first paragraph instead
	// ("本报讯(记者 张伟)"). At most one is set.
	Byline     string
	LeadIn     string
	Paragraphs []string
	Credit     string // a caption's photo credit, "新华社记者 陈诚/摄"
	// ContinuedOn and ContinuedFrom link the front page's lead story to
	// its second half on page 2 (下转第2版 / 上接第1版).
	ContinuedOn, ContinuedFrom int
}

// Text is the article's text as the paper printed it: the lead-in and the
// paragraphs, one a line.
func (a *Article) Text() string {
	return a.LeadIn + strings.Join(a.Paragraphs, "\n")
}

// Article lengths in runes: the paper's stories run from a short news item
// to a full-page report; the lead story is the longest.
const (
	leadMin, leadMax   = 1800, 3000
	storyMin, storyMax = 500, 2400
	briefMin, briefMax = 300, 800
)

// Issue generates issue i (from 0, oldest first).
func (a *Archive) Issue(i int) *Issue {
	meta := a.Meta(i)
	r := newRNG(a.opt.Seed, uint64(i))
	date, _ := time.Parse(time.DateOnly, meta.Date)
	g := &composer{src: a.src, r: r, staff: a.staff, yearShift: date.Year() - 2025}
	iss := &Issue{Index: i, Meta: meta, Pages: make([]Page, a.opt.Pages)}
	for p := range iss.Pages {
		iss.Pages[p].Number = p + 1
	}

	// Front page: the lead story, continued on page 2, a photo, briefs.
	lead := g.story(leadMin, leadMax)
	if len(a.src.kickers) > 0 && r.chance(40) {
		lead.Kicker = pick(r, a.src.kickers)
	}
	cut := max(1, len(lead.Paragraphs)*2/5)
	rest := Article{Kind: archive.KindArticle, Headline: lead.Headline, ContinuedFrom: 1, Paragraphs: lead.Paragraphs[cut:]}
	lead.Paragraphs, lead.ContinuedOn = lead.Paragraphs[:cut:cut], 2
	front := &iss.Pages[0]
	front.Articles = append(front.Articles, lead)
	if r.chance(80) {
		front.Articles = append(front.Articles, g.caption())
	}
	for range r.between(1, 2) {
		front.Articles = append(front.Articles, g.story(briefMin, briefMax))
	}

	for p := 1; p < len(iss.Pages); p++ {
		pg := &iss.Pages[p]
		if p == 1 && len(rest.Paragraphs) > 0 {
			pg.Articles = append(pg.Articles, rest)
		}
		for range r.between(3, 5) {
			pg.Articles = append(pg.Articles, g.story(storyMin, storyMax))
		}
		if r.chance(25) {
			at := r.intn(len(pg.Articles) + 1)
			pg.Articles = slices.Insert(pg.Articles, at, g.caption())
		}
	}

	// 本期导读 names the first new story of up to eight inner pages.
	var pages []int
	for p := 2; p <= len(iss.Pages); p++ {
		pages = append(pages, p)
	}
	for len(pages) > 8 {
		at := r.intn(len(pages))
		pages = slices.Delete(pages, at, at+1)
	}
	for _, p := range pages {
		for _, art := range iss.Pages[p-1].Articles {
			if art.Kind == archive.KindArticle && art.ContinuedFrom == 0 {
				iss.TOC = append(iss.TOC, archive.TOCEntry{Headline: art.Headline, Page: p})
				break
			}
		}
	}
	return iss
}

// composer makes the articles of one issue.
type composer struct {
	src       *Source
	r         *rng
	staff     []string
	yearShift int
}

// story makes a story of about min to max runes.
func (g *composer) story(minRunes, maxRunes int) Article {
	r := g.r
	s := newSubst(r, g.yearShift)
	art := Article{Kind: archive.KindArticle}
	target := r.between(minRunes, maxRunes)
	// Runs of consecutive sentences of one sample article keep the text
	// coherent; jumps to other articles keep stories apart.
	theme := r.intn(len(g.src.articles))
	pos := r.intn(len(g.src.articles[theme]))
	used := map[string]bool{}
	runes := 0
	for runes < target {
		var para strings.Builder
		for n := r.between(1, 4); n > 0 || mastheadLike(para.String()); n-- {
			if r.chance(35) {
				theme = r.intn(len(g.src.articles))
				pos = r.intn(len(g.src.articles[theme]))
			}
			sents := g.src.articles[theme]
			sent := sents[pos%len(sents)]
			pos++
			text := sent.text
			// Most sentences, and any the story has printed already,
			// are the start of this one joined to the end of another.
			if used[text] || r.chance(70) {
				text = g.recombine(sent)
			}
			used[text] = true
			para.WriteString(s.apply(text))
		}
		p := para.String()
		art.Paragraphs = append(art.Paragraphs, p)
		runes += utf8.RuneCountInString(p)
	}

	if r.chance(50) {
		art.Headline = headlineFrom(s.apply(pick(r, g.src.headlines)))
	} else {
		art.Headline = clauseHeadline(art.Paragraphs[0])
	}
	if art.Headline == "" {
		art.Headline = headlineFrom(s.apply(pick(r, g.src.headlines)))
	}
	switch n := r.intn(100); {
	case n < 45:
		art.Byline = "本报记者 " + pick(r, g.staff)
	case n < 80:
		art.LeadIn = "本报讯(记者 " + pick(r, g.staff) + ")"
	}
	return art
}

// mastheadLike reports a paragraph the ingest parser would take for the
// masthead's publisher line (科学技术部主管 科技日报社主办) and drop: at
// most 600 bytes once widths are folded, naming both 主管 and 主办. Such a
// paragraph gets more sentences until it is over 600 runes, so that what
// is generated is what is ingested.
func mastheadLike(p string) bool {
	return strings.Contains(p, "主管") && strings.Contains(p, "主办") && utf8.RuneCountInString(p) <= 600
}

// recombine joins the first clauses of sent to the last clauses of
// another sentence; a sentence of one clause is joined whole to the end of
// another's.
func (g *composer) recombine(sent sentence) string {
	r := g.r
	other := pick(r, pick(r, g.src.articles))
	i := max(1, r.intn(len(sent.clauses)))
	j := r.intn(len(other.clauses))
	if j == 0 && len(other.clauses) > 1 {
		j = 1
	}
	head := strings.Join(sent.clauses[:i], "")
	if i == len(sent.clauses) {
		// The whole sentence: end it with a comma to continue it.
		head = strings.TrimRight(head, enders+closers) + "，"
	}
	return head + strings.Join(other.clauses[j:], "")
}

// caption makes a photo caption: one or two caption sentences and a
// credit.
func (g *composer) caption() Article {
	r := g.r
	s := newSubst(r, g.yearShift)
	var sents []string
	if len(g.src.captions) > 0 {
		sents = pick(r, g.src.captions)
	} else {
		for _, s := range pick(r, g.src.articles) {
			sents = append(sents, s.text)
		}
	}
	n := min(len(sents), r.between(1, 2))
	var text strings.Builder
	for _, sent := range sents[:n] {
		text.WriteString(s.apply(sent))
	}
	var credit string
	switch r.intn(3) {
	case 0:
		credit = "新华社记者 " + r.name() + "/摄"
	case 1:
		credit = "新华社发"
	default:
		credit = "本报记者 " + pick(r, g.staff) + "/摄"
	}
	return Article{Kind: archive.KindCaption, Paragraphs: []string{text.String()}, Credit: credit}
}

// headlineFrom turns a printed headline into one line of a page: clause
// punctuation, which the paper replaces by a space in headlines, becomes
// one.
func headlineFrom(h string) string {
	h = strings.Map(func(r rune) rune {
		if strings.ContainsRune("，,、；;。！？!?", r) {
			return ' '
		}
		return r
	}, h)
	h = strings.Join(strings.Fields(h), " ")
	return strings.TrimRight(h, ":：")
}

// Headline lengths in runes for one made from a story's first clause.
const clauseMin, clauseMax = 8, 26

// clauseHeadline makes a headline from the first clause of a paragraph that
// is long enough to say something and short enough to be a headline; ""
// when none is.
func clauseHeadline(p string) string {
	clause := []rune{}
	for _, r := range p {
		if strings.ContainsRune("，,、；;：:。！？!?", r) {
			if n := len(clause); n >= clauseMin && n <= clauseMax && balanced(string(clause)) {
				return headlineFrom(string(clause))
			}
			clause = clause[:0]
			continue
		}
		clause = append(clause, r)
	}
	return ""
}

// balanced reports whether every quote and bracket opened in s is closed
// in it: a headline cut from a sentence must not end inside a quotation.
func balanced(s string) bool {
	depth := 0
	straight := 0
	for _, r := range s {
		switch r {
		case '“', '《', '(', '（', '「':
			depth++
		case '”', '》', ')', '）', '」':
			depth--
			if depth < 0 {
				return false
			}
		case '"':
			straight++
		}
	}
	return depth == 0 && straight%2 == 0
}
