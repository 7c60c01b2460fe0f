package answer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/retrieve"
)

// A whole issue is listed page by page, in page order, at most
// perPageListed articles a page and the rest counted, its citations
// numbered in the order listed; captions are not
// articles, nor are the publisher's lines, and each listed article is
// cited once.
func TestIssueContents(t *testing.T) {
	meta := archive.Meta{Date: "2025-11-03", Issue: 40, TotalIssue: 2644, Page: 1}
	page := func(p int, n int, kind archive.Kind) []archive.Article {
		var out []archive.Article
		for i := range n {
			h := fmt.Sprintf("第%d版文章%d", p, i+1)
			out = append(out, archive.Article{ID: h, Kind: kind, Headline: h, Page: p, Text: h + "。"})
		}
		return out
	}
	front := append(page(1, 2, archive.KindArticle), archive.Article{ID: "cap", Kind: archive.KindCaption, Headline: "图片说明", Page: 1, Text: "图为会场。"},
		archive.Article{ID: "imp", Kind: archive.KindImprint, Headline: "出版单位", Page: 1, Text: "出版单位:本报社。"})
	front = append(front, page(5, 1, archive.KindTOC)...)
	second := &archive.Document{Meta: archive.Meta{Date: "2025-11-03", Issue: 40, TotalIssue: 2644, Page: 3}, Articles: page(3, 5, archive.KindArticle)}
	docs := []*archive.Document{{Meta: meta, Articles: front}, second}

	text, cites, ok := issueContents(docs)
	if !ok {
		t.Fatal("nothing listed")
	}
	want := "第1版《第1版文章1》[1]、《第1版文章2》[2]；第3版《第3版文章1》[3]、《第3版文章2》[4]、《第3版文章3》[5]等5篇；第5版《第5版文章1》[6]。"
	if !strings.HasSuffix(text, want) {
		t.Errorf("listing = %q, want it to end %q", text, want)
	}
	if strings.Contains(text, "图片说明") || strings.Contains(text, "出版单位") {
		t.Errorf("a caption or the imprint was listed: %q", text)
	}
	if len(cites) != 6 {
		t.Errorf("%d citations, want 6 (the listed articles)", len(cites))
	}
	if _, _, ok := issueContents(nil); ok {
		t.Error("an issue the archive does not hold was listed")
	}
}

// The newest issue is the sample's latest dated page (004, 2025-11-24);
// the undated page (002) does not count as newer.
func TestLatestIssue(t *testing.T) {
	q := latestIssue(sample, &retrieve.Query{Latest: true})
	if q.Year != 2025 || q.Month != 11 || q.Day != 24 {
		t.Errorf("latest issue = %d-%d-%d, want 2025-11-24", q.Year, q.Month, q.Day)
	}
	text, _, ok := whenPublished(sample, q)
	if !ok || !strings.Contains(text, "第43期") {
		t.Errorf("the latest issue's date = %q, %v; want 第43期's", text, ok)
	}
}

// A page's photos are listed by what their captions say they show.
func TestPhotos(t *testing.T) {
	doc := &archive.Document{Meta: archive.Meta{Date: "2025-11-03", Issue: 40, TotalIssue: 2644, Page: 1}, Articles: []archive.Article{
		{ID: "a", Kind: archive.KindArticle, Headline: "园区发展提速", Page: 1, Text: "园区发展提速。"},
		{ID: "c1", Kind: archive.KindCaption, Page: 1, Text: "10月28日，活动在重庆开幕。图为观众参观展览。"},
		{ID: "c2", Kind: archive.KindCaption, Page: 3, Text: "园区一角。"},
	}}
	tests := []struct {
		page     int
		want     string
		cites    int
		notShown string
	}{
		{1, "头版(第1版)刊登图片1张：图为观众参观展览。[1]", 1, "园区一角"},
		{0, "各版刊登图片2张：第1版：图为观众参观展览。[1] 第3版：园区一角。[2]", 2, "园区发展提速"},
		{2, "", 0, ""},
	}
	for _, tt := range tests {
		text, cites, ok := photos([]*archive.Document{doc}, tt.page)
		if ok != (tt.want != "") || !strings.Contains(text, tt.want) || len(cites) != tt.cites {
			t.Errorf("page %d: %q, %d citations, %v; want %q, %d", tt.page, text, len(cites), ok, tt.want, tt.cites)
		}
		if tt.notShown != "" && strings.Contains(text, tt.notShown) {
			t.Errorf("page %d: %q lists %q", tt.page, text, tt.notShown)
		}
	}
}

// A page beyond an issue's last is answered with how many pages the issue
// has, read from its masthead (the sample's 第40期 prints 今日24版); a page
// it has is listed.
func TestBeyondIssue(t *testing.T) {
	tests := []struct {
		question, want string
	}{
		{"第40期第30版讲了什么", "2025年11月3日 第40期(总第2644期)共24版，没有第30版 [1]。"},
		{"第40期第999版讲了什么", "共24版，没有第999版 [1]。"},
		{"第40期第3版讲了什么", "第3版刊登了：《专家齐聚杭州共探新时期高新区发展》[1]。"},
	}
	for _, tt := range tests {
		text, cites, ok := pageContents(sample, retrieve.ParseQuery(tt.question))
		if !ok || !strings.HasSuffix(text, tt.want) || len(cites) != 1 {
			t.Errorf("%s: %q (%d citations, %v), want it to end %q with one citation", tt.question, text, len(cites), ok, tt.want)
		}
	}
}
