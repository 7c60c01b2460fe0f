package ingest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
)

// TestHTMLPages reads the hand-written pages under testdata/read through
// ReadFile: charset, title, body without furniture, date, issue, page.
func TestHTMLPages(t *testing.T) {
	tests := []struct {
		file     string
		encoding string
		headline string
		text     string
		meta     archive.Meta
	}{
		{
			// UTF-8; the date comes from the line under the headline, not
			// the site's bar with today's date; no issue is stated.
			file:     "chinahightech_article.html",
			encoding: "utf-8",
			headline: "国家高新区高质量一体化发展提速",
			text: "高质量发展是全面建设社会主义现代化国家的首要任务。在党的二十届四中全会提出的“十五五”时期经济社会发展主要目标中，“高质量发展取得显著成效”被置于首位。作为创新驱动发展示范区、新质生产力引领区、高质量发展先行区，国家高新区如何汇聚高质量发展的强大合力？\n" +
				"今年9月1日起，由沪苏浙皖通过协同立法形成的《关于促进长三角科技创新协同发展的决定》正式施行。随着协同创新机制越来越完善，长三角国家高新区的科创力量不断汇聚，一项项跨区域合作的探索实践持续演绎。\n" +
				"创新策源力加速提升\n" +
				"一家无人机企业，其研发中心在上海市，总装基地在苏州市，测试场地在合肥市，应用场景在杭州市。\n" +
				"不只是长三角国家高新区，全国178家国家高新区在“十四五”期间“问题共答”，不断完善区域一体化发展机制，构建跨行政区合作发展新机制，高质量一体化跨区域协同创新格局不断深化，已闯出一条探索新路。",
			meta: archive.Meta{Date: "2025-11-03"},
		},
		{
			// GBK declared as gb2312, table layout, no h1: the title
			// comes from <title>, the dateline stands above it.
			file:     "epaper_gbk.html",
			encoding: "gb18030",
			headline: "首届火炬论坛在河北雄安新区举办",
			text: "本报讯（记者 张伟）11月6-7日，以“发展高科技，实现产业化，推动科技创新和产业创新深度融合”为主题的2025火炬论坛在河北雄安新区举办。来自国家部委、地方政府和高新区、孵化器、技术转移机构、创新型产业集群、高新技术企业及投融资机构等有关负责人汇聚一堂，围绕推动科技创新和产业创新深度融合相关话题进行了深入探讨。\n" +
				"开幕式上，中国电子学会理事会党委书记，工业和信息化部原党组成员、总工程师张峰表示，当前，新一轮科技革命和产业变革加速演进，我国发展处于战略机遇和风险挑战并存、不确定难预料因素增多的时期，对科技创新能力与产业转型升级提出了更高要求。\n" +
				"本届论坛由工业和信息化部火炬中心、河北雄安新区管理委员会联合主办。\n" +
				"（相关报道详见2-8版）",
			meta: archive.Meta{Date: "2025-11-10", Issue: 41, TotalIssue: 2645, Page: 1},
		},
		{
			// Big5, the whole page inside a <form>, og:title with a site
			// name after " | " and a "——" of its own, published_time meta.
			file:     "zgc_forum_big5.html",
			encoding: "big5",
			headline: "2025中關村論壇年會——世界領先科技園區發展論壇在京召開",
			text: "3月28日，2025中關村論壇年會——世界領先科技園區發展論壇在京召開。工業和信息化部副部長辛國斌，北京市委常委、教育工委書記于英杰，國際科技園區協會（IASP）首席執行官艾巴·倫德（Ebba Lund）出席並致辭。\n" +
				"辛國斌表示，國家高新區堅持發展高科技、實現產業化，走出了一條具有中國特色的高新技術產業化道路，為中國加快形成新質生產力，實現高質量發展作出了重要貢獻。\n" +
				"中關村特色產業園授牌\n" +
				"四季慧谷國家網絡安全產業園、中關村（朝陽）數字醫療產業園等第二批17家中關村特色產業園正式授牌亮相。",
			meta: archive.Meta{Date: "2025-03-28", Issue: 12, TotalIssue: 2616, Page: 5},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path, err := filepath.Abs(filepath.Join("testdata", "read", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			f := File{Path: path, Source: tt.file, Format: "html"}
			var docs []*archive.Document
			problems, err := ReadFile(context.Background(), f, nil, func(d *archive.Document) error {
				docs = append(docs, d)
				return nil
			})
			if err != nil || len(problems) != 0 || len(docs) != 1 {
				t.Fatalf("ReadFile = %d docs, problems %v, err %v; want one document", len(docs), problems, err)
			}
			d := docs[0]
			if d.Encoding != tt.encoding || d.Format != "html" || d.Source != tt.file || d.Origin != path {
				t.Errorf("document is %s %s %q from %q; want %s html %q from %q", d.Encoding, d.Format, d.Source, d.Origin, tt.encoding, tt.file, path)
			}
			if d.Meta != tt.meta {
				t.Errorf("Meta = %+v; want %+v", d.Meta, tt.meta)
			}
			if len(d.Articles) != 1 {
				t.Fatalf("%d articles; want 1", len(d.Articles))
			}
			a := d.Articles[0]
			if a.Kind != archive.KindArticle || a.Headline != tt.headline || a.Page != tt.meta.Page {
				t.Errorf("article %s %q page %d; want article %q page %d", a.Kind, a.Headline, a.Page, tt.headline, tt.meta.Page)
			}
			if a.Text != tt.text {
				t.Errorf("Text =\n%s\nwant\n%s", a.Text, tt.text)
			}
			if a.ID == "" || !strings.HasPrefix(a.ID, d.Hash[:16]) {
				t.Errorf("article ID %q not assigned from hash %s", a.ID, d.Hash)
			}
		})
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name     string
		page     string
		headline string
		text     string
		meta     archive.Meta
	}{
		{
			name:     "title suffix after a dash",
			page:     `<title>火炬中心发布年度报告 - 新闻中心 - 中国高新网</title><div><p>火炬中心今天发布了年度报告，报告显示高新区营收稳定增长。</p></div>`,
			headline: "火炬中心发布年度报告",
			text:     "火炬中心今天发布了年度报告，报告显示高新区营收稳定增长。",
		},
		{
			name:     "og:title over h1, publishdate meta over the page's date",
			page:     `<meta property="og:title" content="分享用的标题"><meta name="PublishDate" content="2025-11-03 08:30:00"><h1>页面标题</h1><div class="info">2025年10月1日</div><div class="content"><p>正文第一段，内容充实，说明了情况。</p></div>`,
			headline: "分享用的标题",
			text:     "正文第一段，内容充实，说明了情况。",
			meta:     archive.Meta{Date: "2025-11-03"},
		},
		{
			name:     "zero-padded page, pages of the issue ignored",
			page:     `<div class="head">今日24版</div><h1>新闻标题</h1><div>2025/11/03 第40期 总第2644期 02版</div><div class="content"><p>正文第一段，内容充实，说明了情况。</p></div>`,
			headline: "新闻标题",
			text:     "正文第一段，内容充实，说明了情况。",
			meta:     archive.Meta{Date: "2025-11-03", Issue: 40, TotalIssue: 2644, Page: 2},
		},
		{
			name:     "paragraphs divided by br, hidden and script text left out",
			page:     `<h1>标题</h1><div id="article">第一段文字，讲述了事情的起因。<br><br>第二段文字，讲述了事情的经过。<span style="display: none">隐藏的文字不应出现，即使它很长很长很长。</span><script>var s = "脚本，文字，不应出现";</script><br>第三段。</div>`,
			headline: "标题",
			text:     "第一段文字，讲述了事情的起因。\n第二段文字，讲述了事情的经过。\n第三段。",
		},
		{
			name:     "a line break in the source between Chinese characters is nothing, between words a space",
			page:     "<h1>标题</h1><div class=\"content\"><p>国家高新区\n   高质量发展，<b>持续</b>推进。Open\nSource 社区</p></div>",
			headline: "标题",
			text:     "国家高新区高质量发展，持续推进。Open Source 社区",
		},
		{
			name:     "the headline repeated at the top of the content is dropped",
			page:     `<title>高新区发展提速_中国高新网</title><div class="content"><p>高新区发展提速</p><p>正文第一段，内容充实，说明了情况。</p></div>`,
			headline: "高新区发展提速",
			text:     "正文第一段，内容充实，说明了情况。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseHTML("page.html", tt.page)
			if err != nil {
				t.Fatalf("ParseHTML: %v", err)
			}
			if len(d.Articles) != 1 {
				t.Fatalf("%d articles; want 1", len(d.Articles))
			}
			a := d.Articles[0]
			if a.Headline != tt.headline || a.Text != tt.text || d.Meta != tt.meta {
				t.Errorf("got %q / %q / %+v\nwant %q / %q / %+v", a.Headline, a.Text, d.Meta, tt.headline, tt.text, tt.meta)
			}
		})
	}
}

func TestParseHTMLNoText(t *testing.T) {
	for _, page := range []string{
		`<html><head><title>空页面</title></head><body></body></html>`,
		`<nav><a href="/">首页</a></nav><script>document.write("很多很多的文字，但是在脚本里面。")</script>`,
	} {
		if d, err := ParseHTML("empty.html", page); err == nil {
			t.Errorf("ParseHTML(%q) = %+v; want an error", page, d)
		}
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"国家高新区高质量一体化发展提速_中国高新网", "国家高新区高质量一体化发展提速"},
		{"国家高新区高质量一体化发展提速 - 中国高新网", "国家高新区高质量一体化发展提速"},
		{"标题内容很长很长的一条新闻_高新区_中国高新网", "标题内容很长很长的一条新闻"},
		{"2025中关村论坛年会——世界领先科技园区发展论坛在京召开", "2025中关村论坛年会——世界领先科技园区发展论坛在京召开"},
		// A long tail is part of the headline, not a site name.
		{"回眸十四五 - 国家高新区高质量一体化发展提速之路", "回眸十四五 - 国家高新区高质量一体化发展提速之路"},
		{"中国高新网", "中国高新网"},
	}
	for _, tt := range tests {
		if got, _ := stripSiteName(tt.in); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
