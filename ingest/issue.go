package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// ParseIssue parses one issue page, as plain text or Markdown with LF line
// endings, into a Document: its Meta from the masthead, its articles in
// print order and its table of contents. Format, Origin, Encoding and Hash
// are left to the caller. It returns nil for a page with nothing on it.
//
// How the page is read:
//   - Meta comes from the masthead only; without one it stays zero, and
//     articles get Page 0. With one, the file is the front page: Page 1.
//   - Lines broken by the layout are joined (JoinLayoutLines); paragraphs
//     are separated by "\n" in Article.Text, which keeps the printed
//     characters, stray spaces included.
//   - An article starts at a Markdown heading, or at one to three short
//     headline-like lines (kicker, headline, subtitle) followed by its body.
//     A headline line holding a main title and a subtitle separated by a
//     space is split into Headline and Subtitle.
//   - Bylines: a byline line ("▶ 本报记者 张伟") is taken out of the text;
//     a "本报讯(记者张伟)" lead-in is taken off the first paragraph, which
//     then starts with the news itself; a lone name after the last sentence
//     ("…参加会议。 姚雯") is taken off too. Datelines ending in 电 stay in
//     the text. Bylines are given as "本报记者 张伟" or "记者 张伟".
//   - Inside a bylined story, a short line not followed by a byline is a
//     section head and stays in the text as a paragraph. In a story without
//     byline, it starts a new article (002's topic heads). A person's name
//     that the next paragraph names ("辛國斌" / "辛國斌表示,…") heads a
//     speaker's section: in a headline-less lead story (the report of an
//     event and its speeches) it stays in the text; after a headed story it
//     starts an article headed by the name.
//   - A photo caption is the text between a layout gap (two or more blank
//     lines) and a photo credit ("新华社记者 陈诚/摄", "新华社发"), or
//     between such a gap and the next headline; it becomes a KindCaption
//     article with the credit as Byline and no headline.
//   - "下转第N版" sets ContinuedOn and ends the article; "上接第N版" sets
//     ContinuedFrom; "(相关报道详见2-8版)" stays in the text of the story
//     it follows (and is dropped when none does).
//   - 本期导读 entries become Document.TOC and one KindTOC article each.
//     Page numbers printed apart from their entries are given back to them
//     in ascending order.
//   - The masthead, the paper's name, footer lines (微信公众号, 中国高新网,
//     publisher, telephone, a bare date) and a "来源:" line are not
//     articles. A 启事 notice is: it tells readers when the paper does not
//     appear.
func ParseIssue(source, text string) *archive.Document {
	p := &issueParser{doc: &archive.Document{Source: source}}
	p.paras, p.kinds = joinLayoutLines(text)
	var masthead []string
	for i, para := range p.paras {
		if p.kinds[i] == lineMasthead {
			masthead = append(masthead, para.Text)
		}
	}
	if m, ok := ParseMasthead(strings.Join(masthead, "\n")); ok {
		p.doc.Meta = m
		p.page = 1
	}
	p.bigGap = layoutGap(p.paras)
	for p.i = 0; p.i < len(p.paras); p.i++ {
		p.step()
	}
	p.closeArticle()
	p.flushHeads()
	p.finishTOC()
	if len(p.imprint) > 0 {
		p.doc.Articles = append(p.doc.Articles, archive.Article{Kind: archive.KindImprint, Page: p.page, Text: strings.Join(p.imprint, "\n")})
	}
	if len(p.doc.Articles) == 0 && len(p.doc.TOC) == 0 && p.doc.Meta == (archive.Meta{}) {
		return nil
	}
	return p.doc
}

type issueParser struct {
	doc    *archive.Document
	paras  []Paragraph
	kinds  []lineKind
	i      int
	page   int // page of the articles: 1 with a masthead, else 0
	bigGap int // blank lines that separate layout blocks

	heads    []string        // headline lines waiting for their body
	cur      *articleBuilder // the article being read
	inTOC    bool
	tocList  bool  // the TOC's entries are list items
	tocIdx   []int // indices in doc.Articles of the TOC articles
	detached []int // page numbers printed apart from their TOC entries
	imprint  []string
}

// imprintPrefixes start the publisher's lines, which readers ask about
// (新闻热线是多少) though they are no article.
var imprintPrefixes = []string{"出版单位", "出版單位", "总机", "總機", "新闻热线", "新聞熱線", "监督举报电话", "監督舉報電話", "举报电话", "舉報電話", "广告热线", "廣告熱線", "发行热线", "發行熱線", "地址:", "社址:"}

type articleBuilder struct {
	a        archive.Article
	paras    []string
	afterGap bool // began after a layout gap without a headline: maybe a caption
}

// layoutGap returns how many blank lines separate layout blocks (boxes,
// photos, footers) rather than paragraphs: at least two, and more than
// the usual gap between paragraphs of the page.
func layoutGap(paras []Paragraph) int {
	counts := map[int]int{}
	for _, p := range paras[min(1, len(paras)):] {
		counts[p.Gap]++
	}
	usual, best := 0, -1
	for g, n := range counts {
		if n > best || (n == best && g < usual) {
			usual, best = g, n
		}
	}
	return max(2, usual+1)
}

func (p *issueParser) step() {
	para := p.paras[p.i]
	kind := p.kinds[p.i]
	if para.Gap >= p.bigGap && p.i > 0 {
		p.closeArticle()
		p.flushHeads()
	}
	if p.inTOC && p.tocStep(para.Text, kind) {
		return
	}
	switch kind {
	case lineMasthead:
	case lineFooter, lineSource:
		p.closeArticle()
		p.flushHeads()
		if kind == lineFooter && hasAnyPrefix(compactLine(para.Text), imprintPrefixes) {
			p.imprint = append(p.imprint, para.Text)
		}
	case linePageNumbers:
		p.closeArticle()
		p.flushHeads()
		p.detached = append(p.detached, parsePageNumbers(para.Text, p.doc.Meta.Pages)...)
	case lineTOCHeader:
		p.closeArticle()
		p.flushHeads()
		p.inTOC, p.tocList = true, false
	case lineHeading:
		p.closeArticle()
		p.heads = append(p.heads, markdownHeadingRe.FindStringSubmatch(para.Text)[2])
	case lineHead:
		p.head(para.Text)
	case lineByline:
		p.byline(normalizeByline(strings.TrimLeft(para.Text, bylineMarks)))
	case lineCredit:
		p.credit(creditText(para.Text))
	case lineContinuedOn:
		if p.startHeaded(); p.cur != nil {
			p.cur.a.ContinuedOn = continuedPage(para.Text)
			p.closeArticle()
		}
	case lineContinuedFrom:
		if p.startHeaded(); p.cur != nil && p.cur.a.ContinuedFrom == 0 {
			p.cur.a.ContinuedFrom = continuedPage(para.Text)
		}
	case lineList: // a list outside a TOC: its items are paragraphs
		para.Text = tocListMarkRe.ReplaceAllString(para.Text, "")
		p.text(para)
	case lineSeeAlso: // "(相关报道详见2-8版)" ends the story it follows
		if p.cur != nil {
			p.cur.paras = append(p.cur.paras, para.Text)
		}
	default:
		p.text(para)
	}
}

// tocStep reads a paragraph inside 本期导读 and reports whether it was
// one of its entries. Anything else ends the TOC: a paragraph that is
// neither a short line nor a list item nor carries a page number, a plain
// line after list items, or a headline followed by its byline.
func (p *issueParser) tocStep(s string, kind lineKind) bool {
	switch kind {
	case lineList:
		p.tocList = true
	case lineHead, lineText:
		if p.tocList || p.headsThenByline(1) {
			p.inTOC = false
			return false
		}
		if e, _ := parseTOCEntry(s, p.doc.Meta.Pages); kind == lineText && e.Page == 0 {
			p.inTOC = false
			return false
		}
	default:
		p.inTOC = false
		return false
	}
	e, ok := parseTOCEntry(s, p.doc.Meta.Pages)
	if !ok {
		return true
	}
	p.doc.TOC = append(p.doc.TOC, e)
	p.tocIdx = append(p.tocIdx, len(p.doc.Articles))
	p.doc.Articles = append(p.doc.Articles, archive.Article{Kind: archive.KindTOC, Headline: e.Headline, Text: e.Headline, Page: e.Page})
	return true
}

// finishTOC gives detached page numbers to the entries that lost theirs.
func (p *issueParser) finishTOC() {
	assignTOCPages(p.doc.TOC, p.detached)
	for i, idx := range p.tocIdx {
		p.doc.Articles[idx].Page = p.doc.TOC[i].Page
	}
}

// head handles a short headline-like line of a plain-text page.
func (p *issueParser) head(s string) {
	c := p.cur
	if c == nil {
		p.heads = append(p.heads, s)
		return
	}
	switch {
	case p.headsThenByline(3):
		// The next story's headline.
	case c.afterGap && c.a.Headline == "" && c.a.Byline == "" && len(c.paras) <= 2:
		c.a.Kind = archive.KindCaption // text between a layout gap and a headline
	case p.speakerHead(s) && c.a.Headline == "" && !c.afterGap:
		c.paras = append(c.paras, s)
		return
	case c.a.Byline != "" && c.a.Kind == archive.KindArticle:
		c.paras = append(c.paras, s) // a section head of a bylined story
		return
	}
	p.closeArticle()
	p.heads = append(p.heads, s)
}

// headsThenByline reports whether the current paragraph and at most
// heads-1 more headline lines are followed by a byline or a 本报讯 lead:
// a new story.
func (p *issueParser) headsThenByline(heads int) bool {
	for j := p.i; j < len(p.paras) && j <= p.i+heads; j++ {
		switch p.kinds[j] {
		case lineHead, lineHeading:
			continue
		case lineByline:
			return true
		case lineText:
			return opensWithNewsLead(p.paras[j].Text)
		}
		return false
	}
	return false
}

// speakerHead reports a person's name heading the next paragraph, which
// opens with or names that person ("辛國斌" / "辛國斌表示,…").
func (p *issueParser) speakerHead(s string) bool {
	if p.i+1 >= len(p.paras) || p.kinds[p.i+1] != lineText {
		return false
	}
	name := normalize.StripPinyin(strings.TrimSpace(s))
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 8 {
		return false
	}
	for _, r := range name {
		if !unicode.Is(unicode.Han, r) && !strings.ContainsRune("·•‧・", r) {
			return false
		}
	}
	return strings.Contains(normalize.StripPinyin(p.paras[p.i+1].Text), name)
}

func (p *issueParser) byline(b string) {
	switch {
	case len(p.heads) > 0:
		p.startHeaded()
	case p.cur == nil:
		p.cur = &articleBuilder{a: archive.Article{Kind: archive.KindArticle, Page: p.page}}
	case p.cur.a.Byline != "":
		// A second byline line: another story without a headline.
		p.closeArticle()
		p.cur = &articleBuilder{a: archive.Article{Kind: archive.KindArticle, Page: p.page}}
	}
	p.cur.a.Byline = b
}

// credit ends a photo caption: the one or two paragraphs read since the
// last layout gap, else the last paragraph read.
func (p *issueParser) credit(credit string) {
	switch c := p.cur; {
	case c == nil && len(p.heads) > 0:
		p.startHeaded() // a photo with a title
	case c == nil:
		return // nothing to credit
	case len(c.paras) <= 1 || (c.afterGap && c.a.Headline == "" && len(c.paras) <= 2):
	default:
		last := c.paras[len(c.paras)-1]
		c.paras = c.paras[:len(c.paras)-1]
		p.closeArticle()
		p.cur = &articleBuilder{a: archive.Article{Kind: archive.KindArticle, Page: p.page}, paras: []string{last}}
	}
	p.cur.a.Kind = archive.KindCaption
	if p.cur.a.Byline == "" {
		p.cur.a.Byline = credit
	}
	p.closeArticle()
}

func (p *issueParser) text(para Paragraph) {
	s := para.Text
	if p.cur == nil && len(p.heads) == 0 {
		p.cur = &articleBuilder{
			a:        archive.Article{Kind: archive.KindArticle, Page: p.page},
			afterGap: para.Gap >= p.bigGap,
		}
	}
	p.startHeaded()
	c := p.cur
	if len(c.paras) == 0 {
		b, cut := leadByline(s)
		if b != "" && c.a.Byline == "" {
			c.a.Byline = b
		}
		s = s[cut:]
	}
	if s != "" {
		c.paras = append(c.paras, s)
	}
}

var (
	// "本报讯(记者张伟)", "**本报讯** (记者 张伟) ", "本报讯 ": taken off.
	newsLeadBylineRe = regexp.MustCompile(`^\**(?:本报讯|本報訊)\**[\s\x{3000}]*(?:[(（]([^()（）]{1,40})[)）])?[\s\x{3000}]*`)
	// "本报北京11月3日电(记者 张伟)": the dateline stays, the byline is read.
	datelineBylineRe = regexp.MustCompile(`^\**(?:本报|本報|新华社|新華社|中新社)[^\s，,。]{0,16}(?:电|電)\**[\s\x{3000}]*[(（]([^()（）]{1,40})[)）]`)
	// "…参加会议。 姚雯": a reporter's name after the last sentence.
	trailingAuthorRe = regexp.MustCompile(`([。！？!?”」』）)])[ \t\x{3000}]+([\p{Han}·]{2,4})$`)
)

// leadByline reads the byline a story's lead gives (本报讯(记者张伟),
// 本报北京11月3日电(记者 张伟)), "" when it gives none, and how much of s
// the page's text leaves out: 本报讯 and its credit go, a dateline stays.
func leadByline(s string) (byline string, cut int) {
	if m := newsLeadBylineRe.FindStringSubmatch(s); m != nil {
		return normalizeByline(m[1]), len(m[0])
	}
	if m := datelineBylineRe.FindStringSubmatch(s); m != nil {
		return normalizeByline(m[1]), 0
	}
	return "", 0
}

// startHeaded starts an article from the waiting headline lines, if any.
func (p *issueParser) startHeaded() {
	if len(p.heads) == 0 {
		return
	}
	p.closeArticle()
	a := archive.Article{Kind: archive.KindArticle, Page: p.page}
	a.Kicker, a.Headline, a.Subtitle = splitHeadlines(p.heads)
	p.heads = nil
	p.cur = &articleBuilder{a: a}
}

// flushHeads keeps headline lines that never got a body as articles of
// their own: the headline is still what was printed.
func (p *issueParser) flushHeads() {
	if len(p.heads) > 0 {
		p.startHeaded()
		p.closeArticle()
	}
}

func (p *issueParser) closeArticle() {
	c := p.cur
	if c == nil {
		return
	}
	p.cur = nil
	if n := len(c.paras); n > 0 && c.a.Byline == "" && c.a.Kind == archive.KindArticle {
		// Look at the end only: the expression would scan the paragraph.
		last := c.paras[n-1]
		from := tailStart(last, 12)
		if m := trailingAuthorRe.FindStringSubmatchIndex(last[from:]); m != nil {
			c.a.Byline = last[from+m[4] : from+m[5]]
			c.paras[n-1] = last[:from+m[3]]
		}
	}
	c.a.Text = strings.Join(c.paras, "\n")
	if c.a.Text == "" && c.a.Headline == "" {
		return
	}
	p.doc.Articles = append(p.doc.Articles, c.a)
}

// tailStart returns the byte offset where the last n runes of s begin.
func tailStart(s string, n int) int {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return i
}

// splitHeadlines names the headline lines printed above a story: one line
// is the headline (or a headline and a subtitle sharing the line); of two,
// the shorter first line is a kicker (眉题), else the second is a subtitle
// (副题), as is a second line opening with a dash; of three or more, the
// first ones are the kicker.
func splitHeadlines(heads []string) (kicker, headline, subtitle string) {
	for i := range heads {
		heads[i] = strings.TrimSpace(heads[i])
	}
	switch n := len(heads); {
	case n == 1:
		headline = heads[0]
	case n == 2:
		a, b := heads[0], heads[1]
		if !strings.HasPrefix(b, "—") && utf8.RuneCountInString(a) < utf8.RuneCountInString(b) {
			kicker, headline = a, b
		} else {
			headline, subtitle = a, b
		}
	default:
		kicker = strings.Join(heads[:n-2], " ")
		headline, subtitle = heads[n-2], heads[n-1]
	}
	if subtitle == "" {
		headline, subtitle = splitTitleLine(headline)
	}
	return kicker, headline, subtitle
}

// splitTitleLine splits "主题 副题" printed on one line at the first space
// that has a full title on both sides: at least 8 Han characters before it
// and 4 after, Han (or a quote) touching the space on both sides. So
// "2025 浦江创新论坛:…" is not split.
func splitTitleLine(s string) (main, sub string) {
	for i, r := range s {
		if r != ' ' && r != '\u3000' {
			continue
		}
		left := strings.TrimRight(s[:i], " \u3000")
		right := strings.TrimLeft(s[i:], " \u3000")
		lr, _ := utf8.DecodeLastRuneInString(left)
		rr, _ := utf8.DecodeRuneInString(right)
		if (unicode.Is(unicode.Han, lr) || strings.ContainsRune("”\"》", lr)) &&
			(unicode.Is(unicode.Han, rr) || strings.ContainsRune("“\"《", rr)) &&
			normalize.HanCount(left) >= 8 && normalize.HanCount(right) >= 4 {
			return left, right
		}
	}
	return s, ""
}

// Roles that open a byline, longest first.
var bylineRoles = []string{"本报通讯员", "本報通訊員", "新华社记者", "新華社記者", "本报记者", "本報記者", "特约记者", "特約記者", "通讯员", "通訊員", "实习生", "實習生", "记者", "記者"}

// normalizeByline writes a byline as "本报记者 张伟", "记者 张伟 通讯员 李明":
// widths folded, one space after each role and between names.
func normalizeByline(s string) string {
	s = strings.Join(strings.Fields(normalize.Fold(s)), " ")
	s = strings.Trim(s, "()（） ")
	var b strings.Builder
	for len(s) > 0 {
		role := ""
		for _, r := range bylineRoles {
			if strings.HasPrefix(s, r) {
				role = r
				break
			}
		}
		if role != "" {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), " ") {
				b.WriteByte(' ')
			}
			b.WriteString(role)
			s = strings.TrimLeft(s[len(role):], " ")
			if s != "" {
				b.WriteByte(' ')
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		if r == '、' || r == ',' || r == '，' {
			r = ' '
		}
		if r != ' ' || (b.Len() > 0 && !strings.HasSuffix(b.String(), " ")) {
			b.WriteRune(r)
		}
		s = s[size:]
	}
	return strings.TrimSpace(b.String())
}

// creditText writes a photo credit with its white space collapsed.
func creditText(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

var continuedPageRe = regexp.MustCompile(`(\d{1,3})\s*(?:版|页|頁)`)

func continuedPage(s string) int {
	m := continuedPageRe.FindStringSubmatch(normalize.Fold(s))
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}
