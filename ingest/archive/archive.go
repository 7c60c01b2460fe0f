// Package archive holds the newspaper archive's domain types (documents,
// articles, chunks and what is known about where they were printed) and the
// few rules about them that every layer shares: page resolution and how an
// issue is named in a citation. It imports no other package of the project;
// everything else imports it.
//
// The original text is kept as printed (original script, original
// punctuation) so that quotes can be verified against it; everything used for
// indexing is derived from it by package normalize.
package archive

import (
	"fmt"
	"strconv"
	"strings"
)

// Meta is what is known about where a text was printed. A zero value means
// unknown: nothing here is ever guessed.
type Meta struct {
	Date       string `json:"date,omitempty"`        // ISO 8601, "2025-11-03"
	Weekday    string `json:"weekday,omitempty"`     // as printed, "星期一"
	Issue      int    `json:"issue,omitempty"`       // 第N期
	TotalIssue int    `json:"total_issue,omitempty"` // 总第N期
	Pages      int    `json:"pages,omitempty"`       // 今日N版: pages in the issue
	Page       int    `json:"page,omitempty"`        // the page this file or record is; an issue file's front page is 1
}

// Kind says what an Article is.
type Kind string

const (
	KindArticle Kind = "article" // a headline and body
	KindCaption Kind = "caption" // a photo caption, a short item of its own
	KindTOC     Kind = "toc"     // one 本期导读 entry, retrievable like an article
	KindImprint Kind = "imprint" // the publisher's lines: 出版单位, 总机, 新闻热线…
)

// TOCEntry is one line of the 本期导读 table of contents.
type TOCEntry struct {
	Headline string `json:"headline"`
	Page     int    `json:"page"` // 0 when the page could not be determined
}

// Article is one retrievable item of a document.
type Article struct {
	ID       string `json:"id"`   // unique in the store; see ArticleID
	Kind     Kind   `json:"kind"` // article, caption or toc
	Headline string `json:"headline,omitempty"`
	Kicker   string `json:"kicker,omitempty"`   // 眉题 above the headline, e.g. 回眸十四五
	Subtitle string `json:"subtitle,omitempty"` // 副题 below the headline
	Byline   string `json:"byline,omitempty"`   // 本报记者 张伟
	Page     int    `json:"page,omitempty"`     // 0 unknown
	// Text is the body in its original script and characters. Lines broken by
	// the print layout are joined; paragraphs are separated by "\n". Chunk
	// offsets index this string in runes.
	Text          string `json:"text"`
	ContinuedOn   int    `json:"continued_on,omitempty"`   // 下转第N版
	ContinuedFrom int    `json:"continued_from,omitempty"` // 上接第N版
}

// Document is one ingested issue page, HTML page or JSONL record.
type Document struct {
	// Source names the document to a reader: the file's path relative to the
	// folder it was found in (or its base name for a file named directly),
	// or a JSONL record's "source" field, else its "id".
	Source string `json:"source"`
	// Origin is the absolute path of the file the document came from; all
	// documents of one origin are replaced together when the file changes.
	Origin   string     `json:"origin"`
	Format   string     `json:"format"`   // txt, md, html, jsonl
	Encoding string     `json:"encoding"` // utf-8, gb18030, big5
	Hash     string     `json:"hash"`     // hex SHA-256 of the decoded content and sidecar
	Meta     Meta       `json:"meta"`
	Articles []Article  `json:"articles"`
	TOC      []TOCEntry `json:"toc,omitempty"`
}

// Chunk is a retrieval unit: a run of whole sentences of one article.
type Chunk struct {
	ID        string `json:"id"`
	ArticleID string `json:"article_id"`
	Seq       int    `json:"seq"`   // position within the article, from 0
	Start     int    `json:"start"` // rune offset into Article.Text
	End       int    `json:"end"`   // rune offset, exclusive
	Text      string `json:"text"`  // Article.Text[Start:End] in runes
	// Norm is the text that is indexed and embedded: the headline and the
	// chunk text normalized (Simplified, width-folded, layout spaces removed).
	Norm string `json:"norm"`
}

// AssignIDs names the document's articles from its content hash, so that the
// same content always gets the same ids and different content never shares
// them. Call it once Hash is set.
func (d *Document) AssignIDs() {
	prefix := d.Hash
	if len(prefix) > 16 {
		prefix = prefix[:16]
	}
	for i := range d.Articles {
		d.Articles[i].ID = fmt.Sprintf("%s-%d", prefix, i)
	}
}

// ChunkID names the seq-th chunk of an article.
func ChunkID(articleID string, seq int) string { return fmt.Sprintf("%s.%d", articleID, seq) }

// PageOf is the page an article was printed on: its own, else its
// document's; 0 when neither is known. Either may be nil.
func PageOf(a *Article, d *Document) int {
	if a != nil && a.Page > 0 {
		return a.Page
	}
	if d != nil {
		return d.Meta.Page
	}
	return 0
}

// SplitDate reads an ISO 8601 date, "2025-11-03"; zeros when it is not one.
// strconv, not fmt.Sscanf: 55 against 561 ns a date, and a store's engine
// reads one for each of its documents at open (40,824 at 1M chunks).
func SplitDate(s string) (y, m, d int) {
	ys, rest, ok1 := strings.Cut(s, "-")
	ms, ds, ok2 := strings.Cut(rest, "-")
	var err1, err2, err3 error
	y, err1 = strconv.Atoi(ys)
	m, err2 = strconv.Atoi(ms)
	d, err3 = strconv.Atoi(ds)
	if !ok1 || !ok2 || err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, 0
	}
	return y, m, d
}

// IssueName names an issue as the paper prints it, 2025年11月3日 第40期(总第2644期),
// leaving out what is unknown; with weekday, the printed weekday follows
// the date (2025年11月3日 星期一 …).
func IssueName(m Meta, weekday bool) string {
	var parts []string
	if y, mo, d := SplitDate(m.Date); y != 0 {
		parts = append(parts, fmt.Sprintf("%d年%d月%d日", y, mo, d))
	}
	if weekday && m.Weekday != "" {
		parts = append(parts, m.Weekday)
	}
	switch {
	case m.Issue != 0 && m.TotalIssue != 0:
		parts = append(parts, fmt.Sprintf("第%d期(总第%d期)", m.Issue, m.TotalIssue))
	case m.Issue != 0:
		parts = append(parts, fmt.Sprintf("第%d期", m.Issue))
	case m.TotalIssue != 0:
		parts = append(parts, fmt.Sprintf("总第%d期", m.TotalIssue))
	}
	return strings.Join(parts, " ")
}
