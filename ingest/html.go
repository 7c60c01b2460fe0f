package ingest

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// ParseHTML extracts the article of a news page: its title (og:title, else
// the article's h1, else <title> without the site name), the paragraphs of
// its main content joined with "\n", and the date, issue and page where the
// page states them. The main content is the element holding the most
// paragraph text, readability-style; navigation, headers, footers, asides,
// forms, scripts, share and related-link blocks are left out.
func ParseHTML(source, text string) (*archive.Document, error) {
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("parsing HTML: %w", err)
	}
	w := &htmlWalker{textLen: map[*html.Node]int{}, metas: map[string]string{}}
	w.measure(root)
	w.bodyLen = w.textLen[root]
	w.visit(root, root, false, false)
	w.flush()

	best := w.mainContent()
	if best == nil {
		return nil, errors.New("no article text found")
	}
	titleText, site := stripSiteName(w.title)
	ogTitle, ogSite := stripSiteName(w.metas["og:title"])
	for k := range ogSite {
		site[k] = true
	}
	bodyStart := -1
	var body []string
	for i, p := range w.paras {
		if p.boiler || !isWithin(p.owner, best) || p.linkDensity() > 0.5 || p.owner.DataAtom == atom.H1 {
			continue
		}
		if bodyStart < 0 {
			bodyStart = i
		}
		body = append(body, p.text)
	}

	// The article's h1 is the last one before its body: a logo's h1 comes
	// earlier. The text between it and the body is the article's header,
	// where its date and issue are printed.
	anchor := -1
	for i := bodyStart - 1; i >= 0; i-- {
		if w.paras[i].owner.DataAtom == atom.H1 && !site[w.paras[i].text] {
			anchor = i
			break
		}
	}
	title := ogTitle
	if title == "" && anchor >= 0 {
		title = w.paras[anchor].text
	}
	if title == "" {
		title = titleText
	}
	if anchor < 0 {
		for i := bodyStart - 1; i >= 0; i-- {
			if title != "" && w.paras[i].text == title {
				anchor = i
				break
			}
		}
	}
	if len(body) > 0 && body[0] == title {
		body = body[1:] // the headline repeated in the content block
	}
	if len(body) == 0 {
		return nil, errors.New("no article text found")
	}
	header := w.headerArea(anchor, bodyStart)

	var m archive.Meta
	for _, name := range []string{"publishdate", "pubdate", "publish_date", "publishtime", "article:published_time", "datepublished"} {
		if d, ok := parseMetaDate(w.metas[name]); ok {
			m.Date = d
			break
		}
	}
	for _, h := range header {
		if m.Date != "" {
			break
		}
		m.Date = findPrintedDate(h)
	}
	m.Issue, m.TotalIssue, m.Page = findIssuePage(append(header, w.title))
	return &archive.Document{
		Source: source,
		Meta:   m,
		Articles: []archive.Article{{
			Kind:     archive.KindArticle,
			Headline: title,
			Page:     m.Page,
			Text:     strings.Join(body, "\n"),
		}},
	}, nil
}

// headerArea lists the texts where an article's date and issue are
// printed, nearest the headline first: the paragraphs between the headline
// (paragraph anchor, -1 if not found) and the body, then up to three just
// above the headline, where a dateline may stand, stopping at a list of
// links. Text further away, such as a site's bar with today's date, is not
// the article's.
func (w *htmlWalker) headerArea(anchor, bodyStart int) []string {
	var area []string
	for i := anchor + 1; i < bodyStart; i++ {
		if anchor >= 0 || !w.paras[i].boiler {
			area = append(area, w.paras[i].text)
		}
	}
	if anchor < 0 {
		area = area[max(0, len(area)-3):]
		slices.Reverse(area)
		return area
	}
	for i := anchor - 1; i >= 0 && i >= anchor-3; i-- {
		p := w.paras[i]
		if p.boiler || p.linkDensity() > 0.5 {
			break
		}
		area = append(area, p.text)
	}
	return area
}

// htmlPara is a run of text between block boundaries: a paragraph.
type htmlPara struct {
	owner  *html.Node // the block element the text is directly in
	text   string
	runes  int
	link   int  // runes inside links
	boiler bool // inside navigation, header, footer and the like
}

func (p htmlPara) linkDensity() float64 {
	if p.runes == 0 {
		return 0
	}
	return float64(p.link) / float64(p.runes)
}

type htmlWalker struct {
	textLen map[*html.Node]int // runes of text under each element
	bodyLen int
	metas   map[string]string // lower-cased meta name or property → content
	title   string
	paras   []htmlPara

	cur       strings.Builder
	curLink   int
	curOwner  *html.Node
	curBoiler bool
}

// noText are elements whose content is never page text.
var noText = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Svg: true, atom.Canvas: true, atom.Object: true,
	atom.Embed: true, atom.Select: true, atom.Textarea: true, atom.Button: true,
}

// boilerTags are page furniture around an article.
var boilerTags = map[atom.Atom]bool{
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Menu: true, atom.Head: true,
}

// blockTags end a paragraph where they start and end.
var blockTags = map[atom.Atom]bool{
	atom.Html: true, atom.Body: true, atom.P: true, atom.Div: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Header: true, atom.Footer: true,
	atom.Nav: true, atom.Aside: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Td: true, atom.Th: true,
	atom.Caption: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Blockquote: true, atom.Pre: true,
	atom.Figure: true, atom.Figcaption: true, atom.Center: true, atom.Form: true,
	atom.Address: true, atom.Hr: true, atom.Fieldset: true, atom.Details: true,
	atom.Summary: true, atom.Menu: true,
}

// paraTags hold one paragraph; their container is the block around them.
var paraTags = map[atom.Atom]bool{
	atom.P: true, atom.Pre: true, atom.H2: true, atom.H3: true, atom.H4: true,
	atom.H5: true, atom.H6: true, atom.Figcaption: true, atom.Blockquote: true,
}

// boilerWords mark class and id tokens of furniture. Chinese sites add
// pinyin initials: xgxw 相关新闻, xgyd 相关阅读.
var boilerWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "header": true,
	"footer": true, "foot": true, "side": true, "sidebar": true, "aside": true,
	"share": true, "sharing": true, "social": true, "sns": true, "bdshare": true,
	"breadcrumb": true, "breadcrumbs": true, "crumb": true, "crumbs": true,
	"location": true, "position": true, "related": true, "relate": true,
	"recommend": true, "comment": true, "comments": true, "copyright": true,
	"ad": true, "ads": true, "advert": true, "banner": true, "toolbar": true,
	"tools": true, "pager": true, "pagination": true, "login": true,
	"search": true, "tags": true, "links": true, "hot": true, "rank": true,
	"qrcode": true, "xgxw": true, "xgyd": true,
}

// boilerParts mark furniture when found inside a token: bdsharebuttonbox.
var boilerParts = []string{"share", "breadcrumb", "sidebar", "navbar", "copyright", "qrcode", "recommend", "related"}

func isBoilerClass(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, tok := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool {
			return !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if boilerWords[tok] {
				return true
			}
			for _, part := range boilerParts {
				if strings.Contains(tok, part) {
					return true
				}
			}
		}
	}
	return false
}

// isBoiler reports whether n is page furniture. An element holding most of
// the page's text is never furniture, whatever its name: whole pages are
// wrapped in a <form> by some publishing systems, or in a class like
// "has-sidebar".
func (w *htmlWalker) isBoiler(n *html.Node) bool {
	if n.DataAtom == atom.Head {
		return true
	}
	if n.DataAtom == atom.Html || n.DataAtom == atom.Body {
		return false
	}
	if !boilerTags[n.DataAtom] && !isBoilerClass(n) && !isHidden(n) {
		return false
	}
	return w.textLen[n]*2 < w.bodyLen
}

func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// measure records the runes of text under every element.
func (w *htmlWalker) measure(n *html.Node) int {
	switch n.Type {
	case html.TextNode:
		return utf8.RuneCountInString(strings.TrimSpace(n.Data))
	case html.ElementNode:
		if noText[n.DataAtom] || n.DataAtom == atom.Head {
			return 0
		}
	}
	total := 0
	for c := range n.ChildNodes() {
		total += w.measure(c)
	}
	w.textLen[n] = total
	return total
}

func (w *htmlWalker) visit(n, owner *html.Node, boiler, inLink bool) {
	switch n.Type {
	case html.TextNode:
		if w.cur.Len() == 0 {
			w.curOwner, w.curBoiler = owner, boiler
		}
		w.cur.WriteString(n.Data)
		if inLink {
			w.curLink += utf8.RuneCountInString(strings.TrimSpace(n.Data))
		}
		return
	case html.ElementNode:
		switch {
		case n.DataAtom == atom.Title:
			if w.title == "" {
				w.title = cleanHTMLText(textOf(n))
			}
			return
		case n.DataAtom == atom.Meta:
			w.meta(n)
			return
		case noText[n.DataAtom]:
			return
		case n.DataAtom == atom.Br:
			w.flush()
			return
		}
		// Furniture ends a paragraph even when inline, so that a hidden
		// or share <span> does not run into the text around it.
		newBoiler := !boiler && w.isBoiler(n)
		boiler = boiler || newBoiler
		inLink = inLink || n.DataAtom == atom.A
		if blockTags[n.DataAtom] || newBoiler {
			w.flush()
			for c := range n.ChildNodes() {
				w.visit(c, n, boiler, inLink)
			}
			w.flush()
			return
		}
	}
	for c := range n.ChildNodes() {
		w.visit(c, owner, boiler, inLink)
	}
}

func (w *htmlWalker) meta(n *html.Node) {
	var key, content string
	for _, a := range n.Attr {
		switch a.Key {
		case "name", "property", "itemprop":
			key = strings.ToLower(strings.TrimSpace(a.Val))
		case "content":
			content = strings.TrimSpace(a.Val)
		}
	}
	if key != "" && content != "" && w.metas[key] == "" {
		w.metas[key] = content
	}
}

func (w *htmlWalker) flush() {
	raw := w.cur.String()
	w.cur.Reset()
	link := w.curLink
	w.curLink = 0
	text := cleanHTMLText(raw)
	if text == "" || w.curOwner == nil {
		return
	}
	w.paras = append(w.paras, htmlPara{
		owner:  w.curOwner,
		text:   text,
		runes:  utf8.RuneCountInString(text),
		link:   link,
		boiler: w.curBoiler,
	})
}

// mainContent picks the element holding the article: paragraphs of real
// prose (long, with commas, few links) vote for the block they are in and,
// by half, for the one around it; the element with the most votes, less
// its share of link text, wins.
func (w *htmlWalker) mainContent() *html.Node {
	score := map[*html.Node]float64{}
	text := map[*html.Node]int{}
	links := map[*html.Node]int{}
	var order []*html.Node
	for _, p := range w.paras {
		if p.boiler {
			continue
		}
		for n := p.owner; n != nil; n = n.Parent {
			text[n] += p.runes
			links[n] += p.link
		}
		if p.runes < 10 || p.linkDensity() > 0.5 || p.owner.DataAtom == atom.H1 {
			continue
		}
		s := 1 + float64(strings.Count(p.text, "，")+strings.Count(p.text, ",")+strings.Count(p.text, "。")) + min(float64(p.runes)/100, 3)
		c := container(p.owner)
		for i, n := range []*html.Node{c, c.Parent} {
			if n == nil {
				break
			}
			if _, ok := score[n]; !ok {
				order = append(order, n)
			}
			score[n] += s / float64(1+i)
		}
	}
	var best *html.Node
	bestScore := 0.0
	for _, n := range order {
		s := score[n]
		if text[n] > 0 {
			s *= 1 - float64(links[n])/float64(text[n])
		}
		if s > bestScore {
			best, bestScore = n, s
		}
	}
	if best != nil {
		return best
	}
	// No prose at all: a page of short lines. Take the block of the
	// longest paragraph that is not a link.
	longest := 0
	for _, p := range w.paras {
		if !p.boiler && p.linkDensity() <= 0.5 && p.owner.DataAtom != atom.H1 && p.runes > longest {
			best, longest = container(p.owner), p.runes
		}
	}
	return best
}

// container is the block a paragraph counts for: the element around a <p>,
// or the block itself when text sits directly in a <div> or <td>.
func container(owner *html.Node) *html.Node {
	if !paraTags[owner.DataAtom] {
		return owner
	}
	for n := owner.Parent; n != nil; n = n.Parent {
		if n.Type == html.ElementNode && blockTags[n.DataAtom] {
			return n
		}
	}
	return owner
}

func isWithin(n, ancestor *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == ancestor {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

// cleanHTMLText collapses white space as a browser shows it: runs become
// one space, except that a line break between two Chinese characters is
// nothing (as CSS drops segment breaks between them), and indentation at
// the ends — &nbsp; and ideographic spaces included — is trimmed.
func cleanHTMLText(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if s == "" {
		return ""
	}
	var b strings.Builder
	b.Grow(len(s))
	var prev rune
	space, newline := false, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			newline = newline || r == '\n' || r == '\r'
			continue
		}
		if space {
			if !(newline && normalize.IsCJK(prev) && normalize.IsCJK(r)) {
				b.WriteByte(' ')
			}
			space, newline = false, false
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// titleSeparators divide a <title> into headline and site name.
var titleSeparators = []string{" - ", " – ", " — ", " | ", "|", "_", "－", "—"}

// stripSiteName removes site names from the end of a page title:
// "国家高新区高质量一体化发展提速_中国高新网" → the headline. A trailing
// part counts as a site name when it is short; the parts removed are
// returned so that a logo h1 naming the site is not taken for the title.
func stripSiteName(title string) (string, map[string]bool) {
	site := map[string]bool{}
	title = strings.TrimSpace(title)
	for {
		cut := -1
		var sep string
		for _, s := range titleSeparators {
			if i := strings.LastIndex(title, s); i > cut {
				cut, sep = i, s
			}
		}
		if cut <= 0 {
			return title, site
		}
		head, tail := strings.TrimSpace(title[:cut]), strings.TrimSpace(title[cut+len(sep):])
		// "——" joins two halves of many a headline; only a lone dash
		// divides off a site name.
		if sep == "—" && (strings.HasSuffix(head, "—") || strings.HasPrefix(tail, "—")) {
			return title, site
		}
		if n := utf8.RuneCountInString(tail); n > 12 || n >= utf8.RuneCountInString(head) {
			return title, site
		}
		site[tail] = true
		title = head
	}
}

var (
	rePrintedDate = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})`)
	reTotalIssue  = regexp.MustCompile(`[总總]\s*第\s*(\d+)\s*期`)
	reIssue       = regexp.MustCompile(`第\s*(\d+)\s*期`)
	rePage        = regexp.MustCompile(`第\s*(\d+)\s*版|(\d{2})\s*版`)
)

// findPrintedDate returns the first valid date in s as ISO, "" if none.
func findPrintedDate(s string) string {
	s = normalize.Fold(s)
	for _, m := range rePrintedDate.FindAllStringSubmatch(s, -1) {
		y, mo, d := m[1], m[2], m[3]
		if y == "" {
			y, mo, d = m[4], m[5], m[6]
		}
		if iso, ok := parseMetaDate(y + "-" + mo + "-" + d); ok {
			return iso
		}
	}
	return ""
}

// findIssuePage reads 第40期, 总第2644期 and 第2版 or 02版 from texts,
// taking each from the first text that states it. "今日24版" and "共24版"
// count the issue's pages, not this page, and are passed over.
func findIssuePage(texts []string) (issue, total, page int) {
	for _, s := range texts {
		s = normalize.Fold(s)
		if total == 0 {
			if m := reTotalIssue.FindStringSubmatch(s); m != nil {
				total, _ = parseMetaNumber(m[1])
			}
		}
		if issue == 0 {
			for _, loc := range reIssue.FindAllStringSubmatchIndex(s, -1) {
				before := strings.TrimSpace(s[:loc[0]])
				if strings.HasSuffix(before, "总") || strings.HasSuffix(before, "總") {
					continue
				}
				issue, _ = parseMetaNumber(s[loc[2]:loc[3]])
				break
			}
		}
		if page == 0 {
			page = findPage(s)
		}
	}
	return issue, total, page
}

func findPage(s string) int {
	for _, loc := range rePage.FindAllStringSubmatchIndex(s, -1) {
		before := strings.TrimSpace(s[:loc[0]])
		if strings.HasSuffix(before, "今日") || strings.HasSuffix(before, "共") || strings.HasSuffix(before, "全") {
			continue
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:loc[0]]); unicode.IsDigit(r) {
			continue // the end of a longer number: 2024版
		}
		num := loc[2:4]
		if num[0] < 0 {
			num = loc[4:6]
		}
		n, _ := parseMetaNumber(s[num[0]:num[1]])
		return n
	}
	return 0
}

// reMetaCharset finds the charset an HTML page declares, in either form:
// <meta charset="gbk"> or <meta http-equiv="Content-Type"
// content="text/html; charset=gb2312">.
var reMetaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)`)

// htmlCharset returns the charset declared near the start of an HTML page,
// "" when none is. The declaration is ASCII in every encoding it can name.
func htmlCharset(b []byte) string {
	if m := reMetaCharset.FindSubmatch(b[:min(len(b), 4096)]); m != nil {
		return string(m[1])
	}
	return ""
}
