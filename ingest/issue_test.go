package ingest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/archive"
	"github.com/heraldqa/heraldqa/ingest/normalize"
)

const archiveDir = "../testdata/archive"

// golden is what a sample page must parse into, written by hand from the
// page's text (testdata/parse/NNN.golden.json).
type golden struct {
	File     string             `json:"file"`
	Meta     archive.Meta       `json:"meta"`
	TOC      []archive.TOCEntry `json:"toc"`
	Articles []goldenArticle    `json:"articles"`
	// Absent must be in no article's headline or text: masthead, footer,
	// markup.
	Absent []string `json:"absent"`
}

type goldenArticle struct {
	Kind        archive.Kind `json:"kind"`
	Kicker      string       `json:"kicker"`
	Headline    string       `json:"headline"`
	Subtitle    string       `json:"subtitle"`
	Byline      string       `json:"byline"`
	Page        int          `json:"page"`
	ContinuedOn int          `json:"continued_on"`
	Paragraphs  int          `json:"paragraphs"` // 0: not checked
	Text        *string      `json:"text"`       // the whole text, when given
	Starts      string       `json:"starts"`
	Ends        string       `json:"ends"`
	Contains    []string     `json:"contains"`
	NotContains []string     `json:"not_contains"`
}

func loadGoldens(t testing.TB) []golden {
	t.Helper()
	paths, err := filepath.Glob("testdata/parse/*.golden.json")
	if err != nil || len(paths) != 5 {
		t.Fatalf("golden files: %v, %d found, want 5", err, len(paths))
	}
	var gs []golden
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var g golden
		if err := json.Unmarshal(b, &g); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		gs = append(gs, g)
	}
	return gs
}

func parseSample(t testing.TB, name string) *archive.Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(archiveDir, name))
	if err != nil {
		t.Fatal(err)
	}
	d := ParseIssue(name, string(b))
	if d == nil {
		t.Fatalf("ParseIssue(%s) = nil", name)
	}
	return d
}

func TestParseIssueSamples(t *testing.T) {
	for _, g := range loadGoldens(t) {
		t.Run(g.File[:3], func(t *testing.T) {
			d := parseSample(t, g.File)
			if d.Source != g.File {
				t.Errorf("Source = %q, want %q", d.Source, g.File)
			}
			if d.Meta != g.Meta {
				t.Errorf("Meta = %+v, want %+v", d.Meta, g.Meta)
			}
			if len(d.TOC) != len(g.TOC) {
				t.Errorf("TOC has %d entries, want %d: %+v", len(d.TOC), len(g.TOC), d.TOC)
			}
			for i := range min(len(d.TOC), len(g.TOC)) {
				if d.TOC[i] != g.TOC[i] {
					t.Errorf("TOC[%d] = %+v, want %+v", i, d.TOC[i], g.TOC[i])
				}
			}
			if len(d.Articles) != len(g.Articles) {
				t.Errorf("%d articles, want %d", len(d.Articles), len(g.Articles))
				for i, a := range d.Articles {
					t.Logf("  [%d] %s %q %.60q", i, a.Kind, a.Headline, a.Text)
				}
			}
			for i := range min(len(d.Articles), len(g.Articles)) {
				checkArticle(t, i, d.Articles[i], g.Articles[i])
			}
			for _, s := range g.Absent {
				for i, a := range d.Articles {
					if a.Kind == archive.KindImprint {
						continue // the publisher's lines, kept on purpose
					}
					if strings.Contains(a.Text, s) || strings.Contains(a.Headline, s) {
						t.Errorf("article %d has %q, which is not article content", i, s)
					}
				}
			}
		})
	}
}

func checkArticle(t *testing.T, i int, a archive.Article, w goldenArticle) {
	t.Helper()
	got := [...]any{a.Kind, a.Kicker, a.Headline, a.Subtitle, a.Byline, a.Page, a.ContinuedOn}
	want := [...]any{w.Kind, w.Kicker, w.Headline, w.Subtitle, w.Byline, w.Page, w.ContinuedOn}
	names := [...]string{"Kind", "Kicker", "Headline", "Subtitle", "Byline", "Page", "ContinuedOn"}
	for k := range got {
		if got[k] != want[k] {
			t.Errorf("article %d %s = %q, want %q", i, names[k], got[k], want[k])
		}
	}
	if w.Text != nil && a.Text != *w.Text {
		t.Errorf("article %d Text =\n%q\nwant\n%q", i, a.Text, *w.Text)
	}
	if n := strings.Count(a.Text, "\n") + 1; w.Paragraphs > 0 && n != w.Paragraphs {
		t.Errorf("article %d has %d paragraphs, want %d:\n%s", i, n, w.Paragraphs, a.Text)
	}
	if !strings.HasPrefix(a.Text, w.Starts) {
		t.Errorf("article %d Text starts %.80q, want %q", i, a.Text, w.Starts)
	}
	if !strings.HasSuffix(a.Text, w.Ends) {
		t.Errorf("article %d Text ends …%q, want %q", i, tail(a.Text, 40), w.Ends)
	}
	for _, s := range w.Contains {
		if !strings.Contains(a.Text, s) {
			t.Errorf("article %d Text lacks %q", i, s)
		}
	}
	for _, s := range w.NotContains {
		if strings.Contains(a.Text, s) {
			t.Errorf("article %d Text has %q", i, s)
		}
	}
	for _, p := range strings.Split(a.Text, "\n") {
		if a.Text != "" && (p == "" || strings.TrimSpace(p) != p) {
			t.Errorf("article %d has an empty or untrimmed paragraph %q", i, p)
		}
	}
}

func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// The whole point of keeping the original text: every character of an
// article's text is on the page, in order, apart from the line breaks and
// the markup and bylines taken out.
func TestParseIssueKeepsPrintedCharacters(t *testing.T) {
	for _, g := range loadGoldens(t) {
		b, err := os.ReadFile(filepath.Join(archiveDir, g.File))
		if err != nil {
			t.Fatal(err)
		}
		page := strings.Join(strings.Fields(string(b)), "")
		for i, a := range parseSample(t, g.File).Articles {
			for _, p := range strings.Split(a.Text, "\n") {
				if !strings.Contains(page, strings.Join(strings.Fields(p), "")) {
					t.Errorf("%s article %d: paragraph not on the page: %.60q", g.File, i, p)
				}
			}
		}
	}
}

func TestParseIssueTraditional(t *testing.T) {
	d := parseSample(t, "002_d31d04ab9f96990b.txt")
	for i, a := range d.Articles {
		if a.Page != 0 {
			t.Errorf("article %d Page = %d, want 0 without a masthead", i, a.Page)
		}
		if !normalize.IsTraditional(a.Text) {
			t.Errorf("article %d text is not the Traditional original: %.40q", i, a.Text)
		}
	}
	if !strings.Contains(d.Articles[0].Text, "中關(guān)村論壇") {
		t.Errorf("pinyin artifacts must stay in Text as printed")
	}
}

func TestParseIssueSynthetic(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		meta     archive.Meta
		toc      []archive.TOCEntry
		articles []archive.Article // Kind, Kicker, Headline, Subtitle, Byline, Page, Text, ContinuedOn/From compared
	}{
		{
			name: "masthead with full-width digits and nothing else",
			text: "中国高新技术产业导报\n\n２０２５年１１月３日　星期一　第４０期（总第２６４４期）　今日２４版\n",
			meta: archive.Meta{Date: "2025-11-03", Weekday: "星期一", Issue: 40, TotalIssue: 2644, Pages: 24, Page: 1},
		},
		{
			name: "TOC numbers all at the end",
			text: "2025年3月2日 星期一 第8期(总第2612期) 今日24版\n\n本期导读\n\n甲乙丙丁戊己庚\n\n辛壬癸子丑寅卯\n\n辰巳午未申酉戌\n\n微信公众号\n\n05版\n\n09版\n\n17版\n",
			meta: archive.Meta{Date: "2025-03-02", Weekday: "星期一", Issue: 8, TotalIssue: 2612, Pages: 24, Page: 1},
			toc:  []archive.TOCEntry{{Headline: "甲乙丙丁戊己庚", Page: 5}, {Headline: "辛壬癸子丑寅卯", Page: 9}, {Headline: "辰巳午未申酉戌", Page: 17}},
			articles: []archive.Article{
				{Kind: archive.KindTOC, Headline: "甲乙丙丁戊己庚", Text: "甲乙丙丁戊己庚", Page: 5},
				{Kind: archive.KindTOC, Headline: "辛壬癸子丑寅卯", Text: "辛壬癸子丑寅卯", Page: 9},
				{Kind: archive.KindTOC, Headline: "辰巳午未申酉戌", Text: "辰巳午未申酉戌", Page: 17},
			},
		},
		{
			name: "TOC numbers on one line, one entry keeps its page",
			text: "本期导读\n\n- 甲乙丙丁戊己庚\n- 辛壬癸子丑寅卯 10版\n- 辰巳午未申酉戌\n\n\n\n03版 14版\n",
			toc:  []archive.TOCEntry{{Headline: "甲乙丙丁戊己庚", Page: 3}, {Headline: "辛壬癸子丑寅卯", Page: 10}, {Headline: "辰巳午未申酉戌", Page: 14}},
			articles: []archive.Article{
				{Kind: archive.KindTOC, Headline: "甲乙丙丁戊己庚", Text: "甲乙丙丁戊己庚", Page: 3},
				{Kind: archive.KindTOC, Headline: "辛壬癸子丑寅卯", Text: "辛壬癸子丑寅卯", Page: 10},
				{Kind: archive.KindTOC, Headline: "辰巳午未申酉戌", Text: "辰巳午未申酉戌", Page: 14},
			},
		},
		{
			name: "headline, dateline byline, continuation from",
			text: "科技园区再上新台阶\n\n上接第1版\n\n本报北京3月1日电(记者 李明)园区建设取得进展。\n\n下一步将继续推进。\n",
			articles: []archive.Article{{Kind: archive.KindArticle, Headline: "科技园区再上新台阶", Byline: "记者 李明", ContinuedFrom: 1,
				Text: "本报北京3月1日电(记者 李明)园区建设取得进展。\n下一步将继续推进。"}},
		},
		{
			name: "two head lines: headline then dash subtitle, and a byline line with two roles",
			text: "# 园区数字化转型提速\n\n——来自某高新区的调查\n\n本报记者 王芳 通讯员 赵强\n\n园区数字化转型提速。\n",
			articles: []archive.Article{{Kind: archive.KindArticle, Headline: "园区数字化转型提速", Subtitle: "——来自某高新区的调查",
				Byline: "本报记者 王芳 通讯员 赵强", Text: "园区数字化转型提速。"}},
		},
		{
			name:     "photo with a title and credit on two lines",
			text:     "## 春耕图\n\n农民在田间劳作。\n\n本报记者  \n王芳/摄\n",
			articles: []archive.Article{{Kind: archive.KindCaption, Headline: "春耕图", Byline: "本报记者 王芳/摄", Text: "农民在田间劳作。"}},
		},
		{
			name: "caption as the last paragraph of a headed story",
			text: "## 园区新闻\n\n本报讯 园区今天开放。\n\n园区明天闭馆。\n\n图为园区大门。\n\n新华社发\n",
			articles: []archive.Article{
				{Kind: archive.KindArticle, Headline: "园区新闻", Text: "园区今天开放。\n园区明天闭馆。"},
				{Kind: archive.KindCaption, Byline: "新华社发", Text: "图为园区大门。"},
			},
		},
		{
			name:     "a list outside a TOC is text",
			text:     "## 三项任务\n\n- 第一，建设园区；\n- 第二，培育企业。\n",
			articles: []archive.Article{{Kind: archive.KindArticle, Headline: "三项任务", Text: "第一，建设园区；\n第二，培育企业。"}},
		},
		{
			name: "a TOC of list items ends at the first plain line",
			text: "本期导读\n\n- 甲乙丙丁 02版\n- 戊己庚辛 03版\n\n国家高新区提速\n\n▶ 本报记者 张伟\n\n高质量发展是首要任务。\n",
			toc:  []archive.TOCEntry{{Headline: "甲乙丙丁", Page: 2}, {Headline: "戊己庚辛", Page: 3}},
			articles: []archive.Article{
				{Kind: archive.KindTOC, Headline: "甲乙丙丁", Text: "甲乙丙丁", Page: 2},
				{Kind: archive.KindTOC, Headline: "戊己庚辛", Text: "戊己庚辛", Page: 3},
				{Kind: archive.KindArticle, Headline: "国家高新区提速", Byline: "本报记者 张伟", Text: "高质量发展是首要任务。"},
			},
		},
		{
			name: "a plain TOC ends at a headline with its 本报讯 lead",
			text: "本期导读\n\n甲乙丙丁戊 02版\n\n戊己庚辛壬\n\n国家高新区提速\n\n本报讯(记者张伟)高质量发展是首要任务。\n",
			toc:  []archive.TOCEntry{{Headline: "甲乙丙丁戊", Page: 2}, {Headline: "戊己庚辛壬", Page: 0}},
			articles: []archive.Article{
				{Kind: archive.KindTOC, Headline: "甲乙丙丁戊", Text: "甲乙丙丁戊", Page: 2},
				{Kind: archive.KindTOC, Headline: "戊己庚辛壬", Text: "戊己庚辛壬"},
				{Kind: archive.KindArticle, Headline: "国家高新区提速", Byline: "记者 张伟", Text: "高质量发展是首要任务。"},
			},
		},
		{
			name:     "a see-also note with no story before it is dropped",
			text:     "(相关报道详见2-8版)\n\n\n\n园区今天开放。\n",
			articles: []archive.Article{{Kind: archive.KindArticle, Text: "园区今天开放。"}},
		},
		{
			name:     "masthead on two lines; a headline whose body is elsewhere",
			text:     "2025年11月3日 星期一\n\n第40期(总第2644期) 今日24版\n\n## 园区专版导语\n\n微信公众号\n",
			meta:     archive.Meta{Date: "2025-11-03", Weekday: "星期一", Issue: 40, TotalIssue: 2644, Pages: 24, Page: 1},
			articles: []archive.Article{{Kind: archive.KindArticle, Headline: "园区专版导语", Page: 1}},
		},
		{name: "blank page", text: " \n\n\t\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := ParseIssue("x.txt", tt.text)
			if tt.meta == (archive.Meta{}) && tt.toc == nil && tt.articles == nil {
				if d != nil {
					t.Fatalf("ParseIssue = %+v, want nil for a page with nothing on it", d)
				}
				return
			}
			if d == nil {
				t.Fatal("ParseIssue = nil")
			}
			if d.Meta != tt.meta {
				t.Errorf("Meta = %+v, want %+v", d.Meta, tt.meta)
			}
			if len(d.TOC) != len(tt.toc) {
				t.Errorf("TOC = %+v, want %+v", d.TOC, tt.toc)
			} else {
				for i := range d.TOC {
					if d.TOC[i] != tt.toc[i] {
						t.Errorf("TOC[%d] = %+v, want %+v", i, d.TOC[i], tt.toc[i])
					}
				}
			}
			if len(d.Articles) != len(tt.articles) {
				t.Fatalf("articles = %+v, want %+v", d.Articles, tt.articles)
			}
			for i, a := range d.Articles {
				if a != tt.articles[i] {
					t.Errorf("article %d =\n%+v\nwant\n%+v", i, a, tt.articles[i])
				}
			}
		})
	}
}

func TestSplitHeadlines(t *testing.T) {
	tests := []struct {
		heads                      []string
		kicker, headline, subtitle string
	}{
		{[]string{"回眸十四五", "国家高新区高质量一体化发展提速"}, "回眸十四五", "国家高新区高质量一体化发展提速", ""},
		{[]string{"国家高新区高质量一体化发展提速", "回眸十四五"}, "", "国家高新区高质量一体化发展提速", "回眸十四五"},
		{[]string{"全国工业和信息化高新技术及产业发展工作座谈会在合肥召开 谋划“十五五” 推动高新技术产业高质量发展"},
			"", "全国工业和信息化高新技术及产业发展工作座谈会在合肥召开", "谋划“十五五” 推动高新技术产业高质量发展"},
		{[]string{"2025 浦江创新论坛:共建全球科技共同体"}, "", "2025 浦江创新论坛:共建全球科技共同体", ""},
		{[]string{"5年暴增30倍 我国新型储能何以高增长"}, "", "5年暴增30倍 我国新型储能何以高增长", ""},
		{[]string{"引题", "主题在这里", "副题在这里"}, "引题", "主题在这里", "副题在这里"},
	}
	for _, tt := range tests {
		k, h, s := splitHeadlines(append([]string(nil), tt.heads...))
		if k != tt.kicker || h != tt.headline || s != tt.subtitle {
			t.Errorf("splitHeadlines(%q) = %q, %q, %q; want %q, %q, %q", tt.heads, k, h, s, tt.kicker, tt.headline, tt.subtitle)
		}
	}
}

func TestNormalizeByline(t *testing.T) {
	tests := []struct{ in, want string }{
		{"本报记者 张伟", "本报记者 张伟"},
		{"记者张伟", "记者 张伟"},
		{"记者 罗晓燕", "记者 罗晓燕"},
		{" 记者　张伟 ", "记者 张伟"},
		{"记者张伟 李明", "记者 张伟 李明"},
		{"记者 张伟、李明 通讯员王强", "记者 张伟 李明 通讯员 王强"},
		{"（记者 张伟）", "记者 张伟"},
	}
	for _, tt := range tests {
		if got := normalizeByline(tt.in); got != tt.want {
			t.Errorf("normalizeByline(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// Any text parses without panicking, and its articles chunk cleanly.
func FuzzParseIssue(f *testing.F) {
	for _, g := range loadGoldens(f) {
		b, err := os.ReadFile(filepath.Join(archiveDir, g.File))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("本期导读\n\n03版\n\n- \n\n#\n\n**本报讯**\n\n新华社记者\n\n下转第99版")
	f.Add("２０２５年１月１日 第１期\n\n\"。\"\n\n辛國斌\n辛國斌(guān)")
	f.Fuzz(func(t *testing.T, text string) {
		d := ParseIssue("f.txt", text)
		if d == nil {
			return
		}
		for i := range d.Articles {
			a := &d.Articles[i]
			a.ID = fmt.Sprint("f-", i)
			checkChunkOffsets(t, a, ChunkArticle(a))
		}
	})
}

func BenchmarkParseIssue(b *testing.B) {
	var pages []string
	size := 0
	for _, g := range loadGoldens(b) {
		p, err := os.ReadFile(filepath.Join(archiveDir, g.File))
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, string(p))
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			ParseIssue("x", p)
		}
	}
}
