package retrieve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/normalize"
)

// archivePage returns the normalized text of one sample page.
func archivePage(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "archive", name))
	if err != nil {
		t.Fatalf("reading sample page: %v", err)
	}
	return normalize.ForIndex(string(b))
}

const (
	page0929 = "000_8765960b682b9259.txt" // Pujiang forum, industrial park guidelines
	page1103 = "001_87eece0f712b39c0.txt" // high-tech zones in the 14th FYP, World Cities Day
	page0328 = "002_d31d04ab9f96990b.txt" // Zhongguancun Forum (Traditional)
	page1110 = "003_2704b407d91d0219.txt" // Torch Forum in Xiong'an
	page1124 = "004_5ee546baec2a4d86.txt" // Hefei symposium, digital parks
)

// Realistic questions about the sample pages. want holds terms of the
// sentence that answers the question, read off the page by hand; the test
// also checks that each is really on the page (after normalization, so the
// Traditional page counts in Simplified).
func TestTranslateQuerySamplePages(t *testing.T) {
	tests := []struct {
		page, q string
		want    []string
	}{
		{page0929, "What was the guest country of the 2025 Pujiang Innovation Forum?",
			[]string{"主宾国", "2025", "浦江创新论坛"}},
		{page0929, "Which province was the guest province of the Pujiang Innovation Forum?",
			[]string{"主宾省", "浦江创新论坛"}},
		{page0929, "Which two ministries jointly released the guidelines for high-quality development of industrial parks?",
			[]string{"两部门", "联合发布", "工业园区高质量发展指引"}},
		{page0929, "At the opening ceremony of which fair, on September 23, were the guidelines released?",
			[]string{"开幕式", "博览会", "9月", "23", "发布"}},
		{page0929, "Which page covers flying car collisions and low-altitude economy safety?",
			[]string{"飞行汽车", "相撞", "低空经济", "安全", "版"}},
		{page1103, "How many national high-tech zones are there nationwide?",
			[]string{"国家高新区", "全国"}},
		{page1103, "How many companies along the G60 corridor joined COMAC's large aircraft supplier pool?",
			[]string{"G60", "科创走廊", "中国商飞", "大飞机", "供应商储备库"}},
		{page1103, "Where was the China main event of World Cities Day 2025 held?",
			[]string{"世界城市日", "中国主场活动", "2025"}},
		{page1103, "Which page covers China's first brain-computer interface medical device standard?",
			[]string{"我国", "脑机接口", "医疗器械", "标准", "版"}},
		{page0328, "When did the Zhongguancun Forum's World-Leading Science Park Development Forum take place?",
			[]string{"中关村论坛", "世界领先科技园区发展论坛"}},
		{page0328, "What did Xin Guobin, vice minister of MIIT, say about national high-tech zones?",
			[]string{"辛国斌", "副部长", "工业和信息化部", "表示", "国家高新区"}},
		{page0328, "What did Ebba Lund of the IASP say about science parks?",
			[]string{"艾巴·伦德", "国际科技园区协会", "IASP", "表示", "科技园区"}},
		{page0328, "Which Zhongguancun industrial park signed with ApexBrasil?",
			[]string{"中关村", "签约", "ApexBrasil", "巴西出口投资促进局"}},
		{page1110, "Where was the first Torch Forum held?",
			[]string{"首届", "火炬论坛", "举办"}},
		{page1110, "Which high-tech zones signed counterpart cooperation with the Xiong'an high-tech zone?",
			[]string{"高新区", "签约", "对口共建", "雄安高新区"}},
		{page1110, "What is the innovation points system 2025 introduced by the Torch Center?",
			[]string{"创新积分制", "2025", "火炬中心"}},
		{page1124, "How many high-tech enterprises were valid nationwide by the end of the 14th Five-Year Plan?",
			[]string{"高新技术企业", "有效期内", "全国", "十四五"}},
		{page1124, "Who attended the symposium in Hefei and gave a speech as MIIT chief engineer?",
			[]string{"出席", "座谈会", "合肥", "讲话", "工业和信息化部", "总工程师"}},
		{page1124, "How many high-standard digital parks will be built by 2027?",
			[]string{"高标准数字园区", "建成", "2027"}},
		{page1124, "Which future industries such as quantum technology, biomanufacturing and 6G does MIIT plan to develop?",
			[]string{"未来产业", "量子科技", "生物制造", "6G", "工业和信息化部"}},
		{page1124, "What was the theme of the 2025 World Computing Conference in Changsha, Hunan?",
			[]string{"主题", "2025", "世界计算大会", "长沙", "湖南"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			page := archivePage(t, tt.page)
			zh, matched := TranslateQuery(tt.q)
			if matched == 0 {
				t.Errorf("TranslateQuery(%q) matched nothing", tt.q)
			}
			terms := strings.Fields(zh)
			for _, w := range tt.want {
				if !strings.Contains(page, normalize.ForIndex(w)) {
					t.Errorf("test defect: %q is not on page %s", w, tt.page)
				}
				if !contains(terms, w) {
					t.Errorf("TranslateQuery(%q) = %q, missing %q", tt.q, zh, w)
				}
			}
		})
	}
}

func contains(terms []string, w string) bool {
	for _, t := range terms {
		if t == w {
			return true
		}
	}
	return false
}

func TestTranslateQueryExact(t *testing.T) {
	tests := []struct {
		name, q string
		want    string
		matched int
	}{
		// The longest phrase wins over its parts.
		{"national high-tech zone is one phrase", "national high-tech zone", "国家高新区", 1},
		{"high-tech zone alone", "high-tech zone", "高新区 高新技术产业开发区", 1},
		{"ministry is not split into science and technology", "the Ministry of Science and Technology", "科技部 科学技术部", 1},
		{"digital park inside a longer phrase", "high-standard digital parks", "高标准数字园区", 1},
		{"corridor with its acronym", "G60 Science and Innovation Corridor", "G60 科创走廊", 1},
		{"longest match then the rest", "Torch Forum in Xiong'an New Area", "火炬论坛 雄安新区", 2},

		// Case, plurals, tenses, possessives, hyphens and apostrophes.
		{"upper case and plural", "NATIONAL HIGH-TECH ZONES", "国家高新区", 1},
		{"title case plural", "Industrial Parks", "工业园区 产业园", 1},
		{"plural -ies", "Future Industries", "未来产业", 1},
		{"plural of a one-word entry", "drones", "无人机", 1},
		{"irregular past", "held", "举办 举行 召开", 1},
		{"-ing form", "hosting", "举办 主办", 1},
		{"possessive", "Zhongguancun's", "中关村", 1},
		{"curly possessive", "IASP’s", "国际科技园区协会 IASP", 1},
		{"apostrophe inside a name", "Xiong'an", "雄安", 1},
		{"name without the apostrophe", "Xiongan New Area", "雄安新区", 1},
		{"hyphen as a space", "brain-computer interface", "脑机接口", 1},
		{"issued is not the noun issue", "issued", "印发 发布 出台", 1},
		{"issues is the noun", "issues", "期", 1},
		{"news is not new", "Xinhua News Agency", "新华社", 1},

		// Nothing in the glossary.
		{"no known word", "Lorem ipsum dolor sit amet?", "", 0},
		{"question words only", "How many? Who? Why?", "", 0},
		{"empty", "", "", 0},
		{"punctuation only", "?!…", "", 0},

		// Numbers, acronyms and names copied through.
		{"years", "from 2025 to 2027", "2025 2027", 0},
		{"decimal", "50.4 percent", "50.4", 0},
		{"thousands separator dropped", "1,800", "1800", 0},
		{"range split at the hyphen", "2024-2027", "2024 2027", 0},
		{"letter-digit names", "G60 and 6G", "G60 6G", 1},
		{"unknown acronym", "What is ACME?", "ACME", 0},
		{"CamelCase name", "InnoMatch and ChatGPT", "InnoMatch 技术转移大会 ChatGPT", 1},
		{"capitalized word is not an acronym", "Whatever Happened", "", 0},
		{"all-capitals question keeps only digits", "WHERE WILL ACME BUILD G70", "建设 建成 G70", 1},
		{"acronym-only question is not shouting", "IASP AI", "国际科技园区协会 IASP 人工智能 AI", 2},
		{"Chinese copied through", "新质生产力 and AI", "新质生产力 人工智能 AI", 1},
		{"a term is written once", "AI and AI", "人工智能 AI", 2},
		{"terms shared by two phrases written once", "held and hosted", "举办 举行 召开 主办", 2},
		{"ordinal", "the 25th China International Industry Fair", "第二十五 中国国际工业博览会", 1},
		{"small ordinals", "2nd 10th 21st", "第二 第十 第二十一", 0},
		{"billion as 亿", "5 billion kilowatts", "50亿 千瓦", 1},
		{"million as 万", "1.2 million", "120万", 0},
		{"fractional million", "0.504 million", "50.4万", 0},
		{"trillion as 万亿", "1.25 trillion", "1.25万亿", 0},
		{"U.S. with dots", "the U.S.", "美国", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			zh, matched := TranslateQuery(tt.q)
			if zh != tt.want || matched != tt.matched {
				t.Errorf("TranslateQuery(%q) = %q, %d; want %q, %d", tt.q, zh, matched, tt.want, tt.matched)
			}
		})
	}
}

// The entities, terms and newspaper words the glossary must know, one
// English form each, with the Chinese the archive uses.
func TestTranslateQueryCoverage(t *testing.T) {
	tests := []struct{ en, zh string }{
		{"Pujiang Innovation Forum", "浦江创新论坛"},
		{"Zhongguancun Forum", "中关村论坛"},
		{"Torch Forum", "火炬论坛"},
		{"World Computing Conference", "世界计算大会"},
		{"World Cities Day", "世界城市日"},
		{"China International Industry Fair", "中国国际工业博览会"},
		{"IASP World Conference", "世界大会"},
		{"Shanghai", "上海"},
		{"Hangzhou", "杭州"},
		{"Hefei", "合肥"},
		{"Xiong'an New Area", "雄安新区"},
		{"Hebei", "河北"},
		{"Chongqing", "重庆"},
		{"Changsha", "长沙"},
		{"Hunan", "湖南"},
		{"Yangtze River Delta", "长三角"},
		{"Beijing", "北京"},
		{"Liaoning", "辽宁"},
		{"Tiananmen Square", "天安门广场"},
		{"Belarus", "白俄罗斯"},
		{"Ministry of Science and Technology", "科技部"},
		{"MIIT", "工业和信息化部"},
		{"Ministry of Industry and Information Technology", "工业和信息化部"},
		{"NDRC", "国家发展和改革委"},
		{"Torch Center", "火炬中心"},
		{"Xinhua", "新华社"},
		{"IASP", "国际科技园区协会"},
		{"COMAC", "中国商飞"},
		{"Zhang Wei", "张伟"},
		{"Xie Shaofeng", "谢少锋"},
		{"Yin Hejun", "阴和俊"},
		{"Xin Guobin", "辛国斌"},
		{"Yu Yingjie", "于英杰"},
		{"14th Five-Year Plan", "十四五"},
		{"15th Five-Year Plan", "十五五"},
		{"new quality productive forces", "新质生产力"},
		{"high-quality development", "高质量发展"},
		{"national high-tech zones", "国家高新区"},
		{"high-tech enterprises", "高新技术企业"},
		{"digital parks", "数字园区"},
		{"industrial parks", "工业园区"},
		{"future industries", "未来产业"},
		{"science and technology service industry", "科技服务业"},
		{"innovation points system", "创新积分制"},
		{"guest country", "主宾国"},
		{"guest province", "主宾省"},
		{"theme", "主题"},
		{"AI", "人工智能"},
		{"brain-computer interface", "脑机接口"},
		{"wind power", "风电"},
		{"new energy storage", "新型储能"},
		{"flying cars", "飞行汽车"},
		{"low-altitude economy", "低空经济"},
		{"power batteries", "动力电池"},
		{"embodied intelligence", "具身智能"},
		{"drones", "无人机"},
		{"large aircraft", "大飞机"},
		{"quantum", "量子"},
		{"biomanufacturing", "生物制造"},
		{"front page", "头版"},
		{"page", "版"},
		{"issue", "期"},
		{"table of contents", "本期导读"},
		{"reporter", "记者"},
		{"headline", "标题"},
		{"photo", "图"},
		{"article", "文章"},
		{"article", "报道"},
		{"when", "时间"},
		{"hosted", "举办"},
		{"held", "举行"},
		{"held", "召开"},
		{"released", "发布"},
		{"issued", "印发"},
		{"signed", "签约"},
		{"launched", "启动"},
	}
	for _, tt := range tests {
		zh, matched := TranslateQuery(tt.en)
		if matched == 0 || !contains(strings.Fields(zh), tt.zh) {
			t.Errorf("TranslateQuery(%q) = %q, %d; want it to contain %q", tt.en, zh, matched, tt.zh)
		}
	}
}

func TestGlossaryData(t *testing.T) {
	if n := len(glossary); n < 300 {
		t.Errorf("glossary has %d entries, want at least 300", n)
	}
	if _, err := buildGlossary(glossary); err != nil {
		t.Error(err)
	}
	for _, e := range glossary {
		if e.zh == "" || strings.TrimSpace(e.zh) != e.zh || strings.Contains(e.zh, "  ") {
			t.Errorf("%q: Chinese %q is empty or badly spaced", e.en, e.zh)
		}
		if s := normalize.ToSimplified(e.zh); s != e.zh {
			t.Errorf("%q: Chinese %q is not Simplified (%q)", e.en, e.zh, s)
		}
		if e.en != strings.ToLower(e.en) {
			t.Errorf("%q: English phrase not lower case", e.en)
		}
	}
}

func TestBuildGlossaryRejects(t *testing.T) {
	tests := []struct {
		name    string
		entries []glossEntry
	}{
		{"empty Chinese", []glossEntry{{"torch", ""}}},
		{"empty English", []glossEntry{{"", "火炬"}}},
		{"Chinese in the English phrase", []glossEntry{{"torch 论坛", "火炬论坛"}}},
		{"same phrase after stemming", []glossEntry{{"digital park", "数字园区"}, {"digital parks", "数字园区"}}},
		{"too many words", []glossEntry{{"a b c d e f g h i j k l m", "甲"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := buildGlossary(tt.entries); err == nil {
				t.Errorf("buildGlossary(%q) = nil error", tt.entries)
			}
		})
	}
}

func TestStemEnglish(t *testing.T) {
	same := [][2]string{
		{"parks", "park"}, {"cities", "city"}, {"held", "hold"}, {"released", "release"},
		{"releases", "release"}, {"planned", "plan"}, {"launches", "launch"}, {"hosting", "host"},
		{"issues", "issue"}, {"embedded", "embed"}, {"studied", "study"}, {"buildings", "build"},
	}
	for _, p := range same {
		a := string(stemEnglish(nil, []byte(p[0])))
		b := string(stemEnglish(nil, []byte(p[1])))
		if a != b {
			t.Errorf("stem(%q) = %q, stem(%q) = %q; want them equal", p[0], a, p[1], b)
		}
	}
	differ := [][2]string{{"add", "ad"}, {"call", "cal"}, {"focus", "foc"}, {"analysis", "analysi"}}
	for _, p := range differ {
		if a := string(stemEnglish(nil, []byte(p[0]))); a == p[1] {
			t.Errorf("stem(%q) = %q", p[0], a)
		}
	}
}

func BenchmarkTranslateQuery(b *testing.B) {
	q := "How many high-tech enterprises were valid nationwide at the end of the 14th Five-Year Plan, according to MIIT's symposium in Hefei?"
	TranslateQuery(q) // build the glossary outside the timing
	b.ReportAllocs()
	for b.Loop() {
		TranslateQuery(q)
	}
}

func BenchmarkBuildGlossary(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := buildGlossary(glossary); err != nil {
			b.Fatal(err)
		}
	}
}
