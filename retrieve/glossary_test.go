package retrieve

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/normalize"
	"github.com/heraldqa/heraldqa/retrieve/internal/dictkey"
	"github.com/heraldqa/heraldqa/retrieve/internal/enstem"
)

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
		// The paper's own reading; the longest phrase wins over its parts.
		{"national high-tech zone is one phrase", "national high-tech zone", "国家高新区", 1},
		{"high-tech zone alone", "high-tech zone", "高新区 高新技术产业开发区", 1},
		{"ministry is not split into science and technology", "the Ministry of Science and Technology", "科技部 科学技术部", 1},

		// Case, plurals, tenses, hyphens.
		{"upper case and plural", "NATIONAL HIGH-TECH ZONES", "国家高新区", 1},
		{"plural -ies", "Future Industries", "未来产业", 1},
		{"irregular past", "held", "举办 举行 召开 开幕", 1},
		{"-ing form", "hosting", "举办 主办", 1},
		{"hyphen as a space", "brain-computer interface", "脑机接口", 1},
		{"issued is not the noun issue", "issued", "印发 发布 出台", 1},
		{"issues is the noun", "issues", "期", 1},
		// General phrases CC-CEDICT reads word by word or ranks otherwise
		// (drain → 排水, finished → 结束).
		{"a river's mouth, any tense", "drained into", "注入 流入 汇入", 1},
		{"a building finished", "finished", "建成 落成 竣工 完工 完成", 1},
		{"named after is one phrase", "named after", "命名 得名 名字", 1},
		{"died, which the dictionary lacks", "died", "去世 逝世 病逝 死于", 1},
		{"also known as is not know", "also known as", "又称 别称 亦称 又名", 1},

		// Nothing to translate.
		{"no known word", "Blorf snark zibble?", "", 0},
		{"question words only", "How many? Who? Why? What is it?", "", 0},
		{"empty", "", "", 0},
		{"punctuation only", "?!…", "", 0},

		// Numbers, acronyms and names copied through.
		{"years", "from 2025 to 2027", "2025 2027", 0},
		{"decimal", "50.4 percent", "50.4 百分", 1},
		{"thousands separator dropped", "1,800", "1800", 0},
		{"a length with its unit's symbol", "the 500m and 3.5km", "500米 3.5公里", 0},
		{"range split at the hyphen", "2024-2027", "2024 2027", 0},
		{"unknown acronym", "What is ACMEX?", "ACMEX", 0},
		{"a capitalized name the dictionary lacks", "the Kelvora", "kelvora", 0},
		{"not as the question's first word", "Kelvora", "", 0},
		{"nor short", "the Zyx", "", 0},
		{"all-capitals question keeps only digits and known words", "WHERE WILL XYZQ BUILD G70", "建设 建筑 建造 G70", 1},
		{"Chinese copied through", "新质生产力 and AI", "新质生产力 人工智能 AI", 1},
		{"a term is written once", "AI and AI", "人工智能 AI", 2},
		{"small ordinals", "2nd 10th 21st", "第二 第十 第二十一", 0},
		{"billion as 亿", "5 billion", "50亿", 0},
		{"million as 万", "1.2 million", "120万", 0},
		{"trillion as 万亿", "1.25 trillion", "1.25万亿", 0},
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

// A name in Latin letters is searched for but is no group an answer must
// hold: the archive may print it only transliterated.
func TestTranslateGroupsLeavesNames(t *testing.T) {
	zh, _ := TranslateQuery("Where was Kelvora founded in 2020?")
	if !strings.Contains(zh, "kelvora") || !strings.Contains(zh, "2020") {
		t.Fatalf("TranslateQuery = %q, want kelvora and 2020 searched", zh)
	}
	for _, g := range TranslateGroups("Where was Kelvora founded in 2020?") {
		if contains(g, "kelvora") {
			t.Errorf("TranslateGroups has a group %v for the name", g)
		}
	}
}

// Words no list written for the paper holds come from CC-CEDICT: places,
// people, things and verbs of any story. has must be among the terms,
// lacks must not.
func TestTranslateQueryDictionary(t *testing.T) {
	tests := []struct {
		q          string
		has, lacks []string
	}{
		{"Which company did the chief executive officer found?", []string{"公司", "首席执行官"}, nil},
		{"How many typhoon signals were hoisted in Macau?", []string{"台风", "信号", "澳门"}, []string{"多少"}},
		{"Where is Zhongguancun?", []string{"中关村"}, []string{"哪里"}},
		{"What did Xi Jinping say in Shanghai?", []string{"习近平", "表示", "上海"}, []string{"什么"}},
		{"Which novel was serialized in the magazine?", []string{"小说", "杂志"}, nil},
		{"When was the airport in Guangzhou opened?", []string{"机场", "广州"}, nil},
		// Function words never translate, alone or at a phrase's edge.
		{"How many high-tech enterprises does China have?", []string{"高新技术企业"}, []string{"美国能源部"}},
		{"Which park was held on Monday?", []string{"举办", "星期一"}, []string{"等等"}},
		{"Are there zones?", nil, []string{"阿瑞斯"}},
		// The paper's words read every word: its reading wins over a
		// dictionary phrase ("national industry" is not 民族工业).
		{"the national industry symposium", []string{"全国", "工业", "座谈会"}, []string{"民族工业"}},
		// The kind asked is no search term: 2008年 answers "what year".
		{"In what year was the bridge finished?", []string{"桥梁"}, []string{"年华", "岁月"}},
		{"How old is the museum?", []string{"博物馆"}, []string{"古老"}},
		{"Is the old museum open?", []string{"古老", "博物馆"}, nil},
		// A name typed with its marks is keyed without them, as the
		// table keys it; Dr. is no term (it had read 德勒巴克).
		{"What did Antonín Dvořák compose?", []string{"德沃夏克"}, nil},
		{"What does Dr. Stockmann find in the water?", nil, []string{"德勒巴克", "存托凭证"}},
		// CC-CEDICT's "to be born" is read for "born".
		{"Where was the painter born?", []string{"画家", "出生"}, nil},
		// A word with no other reading is read as the name a proper noun
		// goes by alone; a title "by" someone as the title.
		{"when did tolkien finish writing lord of the rings?", []string{"托尔金", "魔戒"}, nil},
		{"How many people live in Manhattan?", []string{"曼哈顿", "manhattan"}, nil},
		// A word with a reading keeps it, capitalized or not.
		{"Who coached the Clippers?", []string{"剪子"}, []string{"快船"}},
		// A place's kind is no name to go by (Taitung County).
		{"Which County is it in?", []string{"县"}, nil},
		// A phrasal verb ends with its particle: "turned down" is not "turn".
		{"Which offer was turned down?", []string{"回绝"}, []string{"转动"}},
		{"Who set up the lab?", []string{"成立"}, nil},
		{"According to the report, which province does it belong to?", []string{"根据", "属于"}, []string{"协定"}},
		// An adjective of a place names the place too; a number is no word.
		{"Which Korean company opened on July 1, 2020?", []string{"韩国", "公司", "2020"}, []string{"对苯醌"}},
		// A question tag asks yes or no and is no term; "right" elsewhere is.
		{"Zagreb was the capital, right?", []string{"萨格勒布", "首都"}, []string{"正确", "权利"}},
		{"Is this the right museum?", []string{"正确", "博物馆"}, nil},
		// A count in words is a count, not the dictionary's idiom for it.
		{"What are the five things checked?", []string{"5", "五"}, []string{"三五"}},
		{"Which two architects came home?", []string{"2", "两", "来到"}, []string{"个别", "凸轮"}},
		// An acronym in capitals is read as one, though it spells a
		// function word; in a question typed all in capitals it is a word.
		{"What did the US say about WHO rules?", []string{"美国", "世界卫生组织"}, nil},
		{"WHO IS THE MAYOR?", []string{"市长"}, []string{"世界卫生组织"}},
		// A letter alone is no word: "km/h" read h as 海伦.
		{"What is its top speed in km/h?", nil, []string{"海伦"}},
	}
	for _, tt := range tests {
		zh, _ := TranslateQuery(tt.q)
		terms := strings.Fields(zh)
		for _, w := range tt.has {
			if !contains(terms, w) {
				t.Errorf("TranslateQuery(%q) = %q, missing %q", tt.q, zh, w)
			}
		}
		for _, w := range tt.lacks {
			if contains(terms, w) {
				t.Errorf("TranslateQuery(%q) = %q, has %q", tt.q, zh, w)
			}
		}
	}
}

// The embedded CC-CEDICT table decodes, is sorted, and reads common words
// the way the archive writes them.
func TestDictTable(t *testing.T) {
	d, err := decodeDict(cedictTable)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() < 100000 {
		t.Errorf("table has %d phrases, want over 100,000", d.Len())
	}
	for en, zh := range map[string]string{"company": "公司", "forum": "论坛", "reporter": "记者", "shanghai": "上海", "xi jinping": "习近平", "macao": "澳门",
		"parallel": "平行",                   // its gloss has a comma inside parentheses
		"ceo":      "总经理", "gdp": "国内生产总值", // an acronym spelled by its gloss
	} {
		if got := d.lookup([]byte(enstem.Phrase(en))); !contains(strings.Fields(got), zh) {
			t.Errorf("lookup(%q) = %q, want %q among them", en, got, zh)
		}
		if got := d.lookup([]byte(en + "zz")); got != "" {
			t.Errorf("lookup(%q) = %q, want nothing", en+"zz", got)
		}
	}
	// An acronym a gloss gives for where or what kind, not as its name.
	if got := d.lookup([]byte("nba")); contains(strings.Fields(got), "易建联") {
		t.Errorf("lookup(nba) = %q: a player is no name of the league", got)
	}
	for i := 0; i < d.Len(); i += 997 {
		key, zh := d.line(i)
		if bytes.HasPrefix(key, []byte(dictkey.Syllable)) {
			continue // a syllable's characters, as CC-CEDICT's Simplified column writes them (黙 beside 默)
		}
		if s := normalize.ToSimplified(string(zh)); s != string(zh) {
			t.Errorf("line %d: %q is not Simplified", i, zh)
		}
	}
}

func TestDecodeDictRejects(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"not gzip", []byte("company\t公司\n")},
		{"truncated", cedictTable[:len(cedictTable)/2]},
		{"unsorted", gz("park\t公园\ncompany\t公司\n")},
		{"no tab", gz("company 公司\n")},
		{"no Chinese", gz("company\t\n")},
		{"last line not ended", gz("company\t公司")},
	}
	for _, tt := range tests {
		if _, err := decodeDict(tt.data); err == nil {
			t.Errorf("%s: decodeDict accepted it", tt.name)
		}
	}
}

func TestGlossaryData(t *testing.T) {
	if glossaryErr != nil {
		t.Error(glossaryErr)
	}
	if n := len(glossary); n < 100 || n > 300 {
		t.Errorf("the paper's own list has %d entries; it is meant to be short, the dictionary does the rest", n)
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

func TestParseGlossary(t *testing.T) {
	got, err := parseGlossary("# comment\n\nfront page\t头版 01版\r\ntorch programme \t 火炬计划\nno tab here\n\t火炬\nhigh-tech zone\t\n")
	want := []glossEntry{{"front page", "头版 01版"}, {"torch programme", "火炬计划"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("parseGlossary = %q, want %q", got, want)
	}
	if err == nil || !strings.Contains(err.Error(), "3 lines") || !strings.Contains(err.Error(), "line 5") {
		t.Errorf("parseGlossary error = %v, want the three bad lines named", err)
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
		{"same phrase after stemming", []glossEntry{{"science park", "科技园"}, {"science parks", "科技园"}}},
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
		{"came", "come"}, {"fell", "fall"}, {"ran", "run"}, {"caught", "catch"}, // came had read 凸轮 (cam)
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
	q := "How many high-tech enterprises were there nationwide at the end of the 14th Five-Year Plan, according to a MIIT symposium in Anhui?"
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
