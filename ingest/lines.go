package ingest

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// Paragraph is a run of layout lines joined back into the paragraph they
// were printed as.
type Paragraph struct {
	// Text holds the original characters of the joined lines, each line
	// trimmed at both ends (spaces inside a line are kept), with nothing
	// inserted between lines except one space between two Latin letters or
	// digits. Markdown marks such as "# " and "- " are kept for the caller.
	Text string
	Line int // 1-based number of the paragraph's first line
	Gap  int // blank lines before the paragraph's first line
}

// JoinLayoutLines rebuilds paragraphs from the lines of a page whose print
// layout broke sentences across lines, sometimes with a blank line between
// the two halves ("新质生产\n\n力引领区"). A line break is a boundary when
//   - two or more blank lines stand between the lines (a gap between
//     layout blocks);
//   - the line before ends a sentence (。！？；!?;… possibly followed by
//     closing quotes or brackets);
//   - either line stands alone: Markdown heading, list item, byline, photo
//     credit, continuation or see-also note, masthead, footer, page number;
//   - the next line opens a report ("本报讯…");
//   - the paragraph so far looks like a headline (short, no sentence or
//     clause punctuation inside) and the line before does not end with a
//     comma, colon or opening bracket;
//   - the next line opens a paragraph of its own: 据悉…, or the same three
//     Han characters that opened the paragraph before (parallel "针对园区…"
//     paragraphs after a line lost in the layout).
//
// Every other break is inside a sentence and is joined, with no space
// between CJK characters. A credit broken after its agency ("新华社记者\n
// 丁春雨/摄") is joined with one space.
func JoinLayoutLines(text string) []Paragraph {
	paras, _ := joinLayoutLines(text)
	return paras
}

// joinLayoutLines is JoinLayoutLines that also says what each paragraph is,
// so that no line is classified twice.
func joinLayoutLines(text string) ([]Paragraph, []lineKind) {
	var (
		out      []Paragraph
		kinds    []lineKind
		cur      strings.Builder
		first    string   // the current paragraph's first line
		last     string   // the current paragraph's last line
		lastKind lineKind // what last is
		lines    int      // lines in the current paragraph
		start    int      // line number of the current paragraph
		gap      int      // blank lines before the current paragraph
		blank    int      // blank lines seen since the last text line
	)
	flush := func() {
		if lines == 0 {
			return
		}
		p := Paragraph{Text: cur.String(), Line: start, Gap: gap}
		kind := lastKind
		if lines > 1 {
			kind = classifyLine(p.Text)
		}
		out, kinds = append(out, p), append(kinds, kind)
		cur.Reset()
		lines = 0
	}
	for lineNo := 1; ; lineNo++ {
		line, rest, more := strings.Cut(text, "\n")
		text = rest
		line = strings.TrimSpace(line)
		if line == "" {
			blank++
			if !more {
				break
			}
			continue
		}
		kind := classifyLine(line)
		switch {
		case lines > 0 && blank < 2 && kind == lineCredit && creditPrefix(last):
			// "新华社记者  \n丁春雨/摄": one credit printed on two lines.
			cur.WriteByte(' ')
			cur.WriteString(line)
		case lines > 0 && blank < 2 && joinsLayoutLine(first, cur.String(), last, lastKind, line, kind):
			if endsLatin(last) && startsLatin(line) {
				cur.WriteByte(' ')
			}
			cur.WriteString(line)
		default:
			flush()
			cur.WriteString(line)
			first, start, gap = line, lineNo, blank
		}
		last, lastKind = line, kind
		lines++
		blank = 0
		if !more {
			break
		}
	}
	flush()
	return out, kinds
}

// joinsLayoutLine reports whether next continues the paragraph para, which
// began with the line first and so far ends with the line prev.
func joinsLayoutLine(first, para, prev string, prevKind lineKind, next string, nextKind lineKind) bool {
	if standsAlone(prevKind) || standsAlone(nextKind) || opensWithNewsLead(next) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	if endsSentence(prev) {
		return false
	}
	if isClausePunct(last) || strings.ContainsRune("—-(（《“‘[【", last) {
		return true
	}
	if r, _ := utf8.DecodeRuneInString(next); strings.ContainsRune("，,。、；;：:！？!?）)》”’】」』", r) {
		return true // a line cannot open with these
	}
	if looksLikeHeadline(para) {
		return false
	}
	return !opensParagraph(first, next)
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool { return strings.ContainsRune(closingMarks, r) || r == '"' || r == '\'' })
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(sentenceEnders, r) || r == '…'
}

const (
	sentenceEnders = "。！？；!?;"
	closingMarks   = "”’」』）)》〉】"
)

// isClausePunct reports punctuation that separates clauses inside a
// sentence or a paragraph; a headline is printed without any.
func isClausePunct(r rune) bool {
	return strings.ContainsRune("，,、：:", r)
}

// looksLikeHeadline reports a line that could be a headline, kicker,
// section head or TOC entry: not long, and no sentence or clause
// punctuation inside it (a colon is allowed, as in "方磊:架“梯”破局…").
func looksLikeHeadline(s string) bool {
	if len(s) > 1024 { // even with pinyin artifacts on every character
		return false
	}
	s = normalize.StripPinyin(s)
	n := 0
	for _, r := range s {
		n++
		if strings.ContainsRune("，,、。！？!?；;", r) || n > maxHeadlineRunes {
			return false
		}
	}
	last, _ := utf8.DecodeLastRuneInString(s)
	return n > 0 && last != ':' && last != '：'
}

// The longest printed headline in the samples, a main title and a subtitle
// on one line, has 58 runes.
const maxHeadlineRunes = 80

// Words that open a news paragraph and cannot continue a broken one.
var paragraphOpeners = []string{"据悉", "据了解", "据介绍", "据统计", "据报道", "另据", "此外", "与此同时"}

// opensParagraph reports whether next begins a paragraph of its own rather
// than finishing the one that began with first: it opens with a paragraph
// opener, or with the same three or more Han characters as first (parallel
// paragraphs such as "针对园区…" … "针对园区…").
func opensParagraph(first, next string) bool {
	head := next
	if n := runeOffset(head, 8); n < len(head) {
		head = head[:n]
	}
	head = normalize.ToSimplified(head)
	for _, w := range paragraphOpeners {
		if strings.HasPrefix(head, w) {
			return true
		}
	}
	same := 0
	for len(first) > 0 && len(next) > 0 {
		a, na := utf8.DecodeRuneInString(first)
		b, nb := utf8.DecodeRuneInString(next)
		if a != b || !unicode.Is(unicode.Han, a) {
			break
		}
		same++
		first, next = first[na:], next[nb:]
	}
	return same >= 3
}

// runeOffset returns the byte offset of the n-th rune of s, or len(s).
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

func endsLatin(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func startsLatin(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// standsAlone reports a kind of line that is never part of a running
// paragraph.
func standsAlone(k lineKind) bool {
	switch k {
	case lineText, lineHead:
		return false
	}
	return true
}

// opensWithNewsLead reports a paragraph that opens a report: "本报讯…",
// "**本报讯**…", "本报北京11月3日电…".
func opensWithNewsLead(s string) bool {
	return newsLeadRe.MatchString(s)
}

// lineKind says what a line (or a joined paragraph) of an issue page is.
type lineKind int

const (
	lineText          lineKind = iota // running text
	lineHead                          // a short line that may be a headline or section head
	lineHeading                       // a Markdown heading
	lineList                          // a Markdown list item
	lineMasthead                      // paper name, English name, masthead line
	lineTOCHeader                     // 本期导读
	lineByline                        // ▶ 本报记者 张伟
	lineCredit                        // 新华社记者 陈诚/摄
	lineContinuedOn                   // ▼▼ 下转第2版
	lineContinuedFrom                 // 上接第1版
	lineSeeAlso                       // (相关报道详见2-8版)
	linePageNumbers                   // 03版, alone on a line
	lineFooter                        // 微信公众号, 出版单位…, 总机…, a bare date
	lineSource                        // 来源:…
)

var (
	markdownHeadingRe = regexp.MustCompile(`^(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	listItemRe        = regexp.MustCompile(`^(?:[-*+•][ \t]+)`)
	continuedOnRe     = regexp.MustCompile(`^[▼▲▶►↓→\s]*[(]?\s*(?:下转|下轉|转|轉)(?:第|至|到)?\s*(\d{1,3})\s*(?:版|页|頁)\s*[)]?$`)
	continuedFromRe   = regexp.MustCompile(`^[▼▲▶►↑→\s]*[(]?\s*(?:上接|接)(?:第|自)?\s*(\d{1,3})\s*(?:版|页|頁)\s*[)]?$`)
	seeAlsoRe         = regexp.MustCompile(`^[(\[【].{0,40}(?:详见|詳見|见第|見第|相关报道|相關報道|相关新闻|相關新聞).{0,40}[)\]】]$`)
	pageNumbersRe     = regexp.MustCompile(`^(?:第?\d{1,2}\s*版\s*)+$`)
	bareDateRe        = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$`)
	sourceLineRe      = regexp.MustCompile(`^(?:稿件)?(?:来源|來源|資料來源|资料来源)\s*[:]`)
	// A byline line names its role: "本报记者 张伟", "本报记者张伟",
	// "记者 张伟 通讯员 李明", "文/张伟". A bare role without 本报 must be
	// followed by a space, so a headline such as "记者之家" is not a byline.
	bylineLineRe   = regexp.MustCompile(`^(?:(?:本报|本報|特约|特約|新华社|新華社)(?:记者|記者|通讯员|通訊員)\s*|(?:记者|記者|通讯员|通訊員|实习生|實習生)\s+|(?:撰文|文|图文|圖文)\s*[/:|｜]\s*)[\p{Han}·•]{2,5}(?:[\s、,]+(?:(?:记者|記者|通讯员|通訊員|实习生|實習生)\s*)?[\p{Han}·•]{2,5})*$`)
	creditRe       = regexp.MustCompile(`^(?:.{0,20}/\s*摄|.{0,20}供图|(?:新华社|新華社|中新社|新华网|新華網)(?:记者|記者)?.{0,8}\s*(?:发|發|摄|攝)|(?:(?:本报|本報|新华社|新華社|中新社)?(?:记者|記者)|摄影|攝影)\s*[\p{Han}·]{2,5}\s*(?:摄|攝)|(?:图|圖|摄影|攝影)\s*[/:]\s*.{2,20})$`)
	creditPrefixRe = regexp.MustCompile(`^(?:(?:本报|本報|新华社|新華社|中新社)?(?:记者|記者)|摄影|攝影|通讯员|通訊員)$`)
	newsLeadRe     = regexp.MustCompile(`^\**(?:本报讯|本報訊|(?:本报|本報|新华社|新華社|中新社)[^\s，,。]{0,16}(?:电|電))`)
)

// Lines of the paper's own furniture, compared with spaces removed.
var (
	paperNames     = []string{"中国高新技术产业导报", "中國高新技術產業導報", "CHINAHIGH-TECHINDUSTRYHERALD"}
	tocHeaders     = []string{"本期导读", "本期導讀", "今日导读", "今日導讀", "本期要目", "导读", "導讀"}
	footerExact    = []string{"微信公众号", "微信公眾號", "中国高新网", "中國高新網", "中国高新技术产业导报社", "中國高新技術產業導報社", "官方微博", "扫码关注", "掃碼關注"}
	footerPrefixes = []string{"出版单位", "出版單位", "总机", "總機", "新闻热线", "新聞熱線", "监督举报电话", "監督舉報電話", "举报电话", "舉報電話", "广告热线", "廣告熱線", "发行热线", "發行熱線", "广告经营许可证", "地址:", "社址:", "邮编:", "定价:", "印刷:", "本报法律顾问"}
)

// classifyLine says what one trimmed line, or one joined paragraph, is.
// Running text is most of a page, so every test is guarded by a cheap
// look at length or a telling character before any regular expression.
func classifyLine(s string) lineKind {
	if s == "" {
		return lineText
	}
	if s[0] == '#' && markdownHeadingRe.MatchString(s) {
		heading := markdownHeadingRe.FindStringSubmatch(s)[2]
		switch k := classifyLine(heading); k {
		case lineMasthead, lineTOCHeader, lineFooter, lineCredit:
			return k
		}
		return lineHeading
	}
	if strings.IndexByte("-*+", s[0]) >= 0 || strings.HasPrefix(s, "•") {
		if listItemRe.MatchString(s) {
			return lineList
		}
	}
	f := normalize.Fold(s)
	if isMastheadLine(f) {
		return lineMasthead
	}
	if len(f) > furnitureBytes { // too long for anything but text or a headline
		if looksLikeHeadline(s) {
			return lineHead
		}
		return lineText
	}
	compact := compactLine(f)
	switch {
	case compact == "":
		return lineText
	case len(compact) <= 40 && isOneOf(strings.ToUpper(compact), paperNames):
		return lineMasthead
	case isOneOf(compact, tocHeaders):
		return lineTOCHeader
	case isOneOf(compact, footerExact) || hasAnyPrefix(compact, footerPrefixes) ||
		(strings.Contains(compact, "年") && bareDateRe.MatchString(compact)):
		return lineFooter
	case strings.Contains(compact, "源") && sourceLineRe.MatchString(compact):
		return lineSource
	}
	if strings.Contains(f, "版") || strings.Contains(f, "页") || strings.Contains(f, "頁") {
		switch {
		case pageNumbersRe.MatchString(f):
			return linePageNumbers
		case continuedOnRe.MatchString(f):
			return lineContinuedOn
		case continuedFromRe.MatchString(f):
			return lineContinuedFrom
		case seeAlsoRe.MatchString(f):
			return lineSeeAlso
		}
	}
	if len(compact) <= 32*3 && utf8.RuneCountInString(compact) <= 32 {
		if isCreditLine(s) {
			return lineCredit
		}
		if bylineLineRe.MatchString(strings.TrimLeft(f, bylineMarks)) {
			return lineByline
		}
	}
	if looksLikeHeadline(s) {
		return lineHead
	}
	return lineText
}

// Page furniture (footers, page numbers, notes, bylines) is short; longer
// lines are only checked for the masthead.
const furnitureBytes = 3 * 64

// Marks printed before a byline: "▶ 本报记者 张伟".
const bylineMarks = "▶►■□●◆◇▲△★☆>》 \t"

func isCreditLine(s string) bool {
	f := strings.TrimSpace(normalize.Fold(s))
	return utf8.RuneCountInString(f) <= 32 && creditRe.MatchString(f)
}

func creditPrefix(s string) bool {
	return creditPrefixRe.MatchString(strings.TrimSpace(normalize.Fold(s)))
}

// isMastheadLine reports the masthead line (date and issue numbers) or the
// publisher line printed with it.
func isMastheadLine(folded string) bool {
	if strings.Contains(folded, "年") && (strings.Contains(folded, "期") && strings.Contains(folded, "第") || strings.Contains(folded, "今日")) {
		if _, ok := ParseMasthead(folded); ok {
			return true
		}
	}
	if len(folded) <= 3*60 && isMastheadFragment(folded) {
		return true
	}
	// 主管 and 主办 alone occur in news sentences (由科技部主管…共同主办);
	// the masthead's publisher line is short and has no sentence mark.
	return len(folded) <= 3*200 &&
		(strings.Contains(folded, "出版物号") || strings.Contains(folded, "邮发代号") ||
			strings.Contains(folded, "出版物號") || strings.Contains(folded, "郵發代號") ||
			(strings.Contains(folded, "主管") && strings.Contains(folded, "主办") &&
				len(folded) <= 3*40 && !strings.ContainsAny(folded, "。，,；;")))
}

func isOneOf(s string, set []string) bool {
	for _, w := range set {
		if s == w {
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// compactLine drops white space and Markdown emphasis, for matching a line
// against fixed words.
func compactLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '*' {
			return -1
		}
		return r
	}, s)
}
