package synth

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// Blank lines between the blocks of a page (stories, photos, the TOC,
// footers) and between the paragraphs of a story, as in the sample pages:
// the parser tells the two apart by the difference.
const (
	blockGap = "\n\n\n\n"
	paraGap  = "\n\n"
)

// Masthead is the issue line of the front page, printed as the real ones
// are: "科学技术部主管 … 2025年9月29日 星期一 第36期(总第2640期) 今日24版".
func Masthead(m archive.Meta) string {
	d, _ := time.Parse(time.DateOnly, m.Date)
	return fmt.Sprintf("%s %d年%d月%d日 %s 第%d期(总第%d期) 今日%d版",
		publisher, d.Year(), d.Month(), d.Day(), m.Weekday, m.Issue, m.TotalIssue, m.Pages)
}

// PageText renders page p (from 1) as a text file of the archive: the
// front page with the paper's name, masthead, 本期导读 and footer.
func (iss *Issue) PageText(p int) string {
	var b strings.Builder
	block := func() {
		if b.Len() > 0 {
			b.WriteString(blockGap)
		}
	}
	if p == 1 {
		b.WriteString(paraGap + paperName + paraGap + paperNameEn + paraGap + Masthead(iss.Meta))
	}
	for i := range iss.Pages[p-1].Articles {
		block()
		writeArticle(&b, &iss.Pages[p-1].Articles[i])
	}
	if p == 1 {
		if len(iss.TOC) > 0 {
			block()
			b.WriteString(tocHeader + paraGap)
			for i, e := range iss.TOC {
				if i > 0 {
					b.WriteByte('\n')
				}
				fmt.Fprintf(&b, "- %s %02d版", e.Headline, e.Page)
			}
		}
		block()
		b.WriteString("微信公众号" + blockGap + "中国高新网")
	}
	b.WriteByte('\n')
	return b.String()
}

func writeArticle(b *strings.Builder, a *Article) {
	line := func(s string) {
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteString(paraGap)
		}
		b.WriteString(s)
	}
	if a.Kicker != "" {
		line(a.Kicker)
	}
	if a.Headline != "" {
		line(a.Headline)
	}
	if a.ContinuedFrom > 0 {
		line(fmt.Sprintf("▲▲ 上接第%d版", a.ContinuedFrom))
	}
	if a.Byline != "" {
		line("▶ " + a.Byline)
	}
	for i, p := range a.Paragraphs {
		if i == 0 {
			p = a.LeadIn + p
		}
		line(p)
	}
	if a.Credit != "" {
		line(a.Credit)
	}
	if a.ContinuedOn > 0 {
		line(fmt.Sprintf("▼▼ 下转第%d版", a.ContinuedOn))
	}
}

// Sidecar is the NAME.meta.json of inner page p: its date, issue numbers
// and page, which the page itself does not print.
func (iss *Issue) Sidecar(p int) []byte {
	b, _ := json.Marshal(struct {
		Date       string `json:"date"`
		Issue      int    `json:"issue"`
		TotalIssue int    `json:"total_issue"`
		Page       int    `json:"page"`
	}{iss.Meta.Date, iss.Meta.Issue, iss.Meta.TotalIssue, p})
	return append(b, '\n')
}

// Record is one line of the JSONL form: one article.
type Record struct {
	ID         string `json:"id"`
	Title      string `json:"title"`
	Text       string `json:"text"`
	Date       string `json:"date"`
	Issue      int    `json:"issue"`
	TotalIssue int    `json:"total_issue"`
	Page       int    `json:"page"`
	Source     string `json:"source"` // the page's file in the text form
}

// Records lists the issue's articles and captions as JSONL records, page
// by page in print order.
func (iss *Issue) Records() []Record {
	var out []Record
	for _, pg := range iss.Pages {
		for k := range pg.Articles {
			a := &pg.Articles[k]
			out = append(out, Record{
				ID:         fmt.Sprintf("%d-%02d-%d", iss.Meta.TotalIssue, pg.Number, k+1),
				Title:      a.Headline,
				Text:       a.Text(),
				Date:       iss.Meta.Date,
				Issue:      iss.Meta.Issue,
				TotalIssue: iss.Meta.TotalIssue,
				Page:       pg.Number,
				Source:     Dir(iss.Index) + "/" + PageFile(pg.Number),
			})
		}
	}
	return out
}

// WriteJSONL writes the issue's records, one JSON object a line.
func (iss *Issue) WriteJSONL(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, r := range iss.Records() {
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}
