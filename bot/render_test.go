package bot

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/retrieve/answer"
)

const ref2640 = "《中国高新技术产业导报》2025年9月29日 第36期(总第2640期) 第1版《2025 浦江创新论坛:共建全球科技共同体》"

func TestRenderAnswerShort(t *testing.T) {
	t.Parallel()
	tx := textsFor("zh-Hans")
	for _, tc := range []struct {
		name string
		ans  answer.Answer
		want string
	}{
		{
			name: "one citation",
			ans: answer.Answer{Answer: "本次论坛主宾国为白俄罗斯共和国。[1]", Grounded: true,
				Citations: []answer.Citation{{N: 1, Ref: ref2640}}},
			want: "本次论坛主宾国为白俄罗斯共和国。[1]\n\n[1] 2025年9月29日 第36期(总第2640期) 第1版《2025 浦江创新论坛:共建全球科技共同体》",
		},
		{
			name: "archive text is escaped",
			ans: answer.Answer{Answer: "A<b>&</b>B > C [1]", Grounded: true,
				Citations: []answer.Citation{{N: 1, Ref: "《R&D <新>》"}}},
			want: "A&lt;b&gt;&amp;&lt;/b&gt;B &gt; C [1]\n\n[1] 《R&amp;D &lt;新&gt;》",
		},
		{
			name: "refusal",
			ans:  answer.Answer{Answer: "资料中没有找到相关内容", Refused: true},
			want: "资料中没有找到相关内容",
		},
		{
			name: "ungrounded LLM answer is flagged",
			ans:  answer.Answer{Answer: "也许是白俄罗斯。", Mode: answer.ModeLLM},
			want: "<i>⚠ 这个回答没有引用资料库中的任何来源，请谨慎对待。</i>\n\n也许是白俄罗斯。",
		},
		{
			name: "a citation the text does not mark is still listed",
			ans: answer.Answer{Answer: "白俄罗斯。[2]", Grounded: true,
				Citations: []answer.Citation{{N: 1, Ref: "《甲》"}, {N: 2, Ref: "《乙》"}}},
			want: "白俄罗斯。[2]\n\n[1] 《甲》\n[2] 《乙》",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := renderAnswer(&tc.ans, tx)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("renderAnswer =\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// longAnswer builds an answer of n sentences, each of about size runes of
// filler, marked in turn with citations 1..cites.
func longAnswer(n, size, cites int, filler, sep string) *answer.Answer {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat(filler, size))
		fmt.Fprintf(&b, "。[%d]%s", i%cites+1, sep)
	}
	a := &answer.Answer{Answer: b.String(), Grounded: true}
	for i := range cites {
		a.Citations = append(a.Citations, answer.Citation{N: i + 1, Ref: fmt.Sprintf("《中国高新技术产业导报》2025年11月3日 第40期(总第2644期) 第%d版《文章%d》", i+1, i+1)})
	}
	return a
}

var reMarkerTest = regexp.MustCompile(`\[(\d+)\]`)

// checkParts checks the promises of a split reply: each part fits and is
// HTML Telegram accepts, each part lists exactly the citations of the
// markers in it (and the last, any the text never marks), and no text is
// lost or repeated.
func checkParts(t *testing.T, ans *answer.Answer, parts []string) {
	t.Helper()
	var bodies strings.Builder
	listed := map[int]int{}
	for i, p := range parts {
		if n := utf16Len(p); n > maxMessage {
			t.Errorf("part %d is %d UTF-16 units of HTML, over %d", i+1, n, maxMessage)
		}
		plain, err := checkTelegramHTML(p)
		if err != nil {
			t.Fatalf("part %d: Telegram would reject it: %v", i+1, err)
		}
		body, foot := plain, ""
		if k := strings.LastIndex(plain, "\n\n["); k >= 0 {
			body, foot = plain[:k], plain[k+2:]
		}
		var inBody, inFoot []int
		for _, m := range reMarkerTest.FindAllStringSubmatch(body, -1) {
			var n int
			fmt.Sscan(m[1], &n)
			if !slices.Contains(inBody, n) {
				inBody = append(inBody, n)
			}
		}
		for _, line := range strings.Split(foot, "\n") {
			var n int
			if _, err := fmt.Sscanf(line, "[%d]", &n); err == nil {
				inFoot = append(inFoot, n)
				listed[n]++
			}
		}
		for _, n := range inBody {
			if !slices.Contains(inFoot, n) {
				t.Errorf("part %d carries marker [%d] without its citation", i+1, n)
			}
		}
		for _, n := range inFoot {
			if !slices.Contains(inBody, n) && strings.Contains(ans.Answer, fmt.Sprintf("[%d]", n)) {
				t.Errorf("part %d lists citation [%d] that none of its text marks", i+1, n)
			}
		}
		bodies.WriteString(body)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if squash(bodies.String()) != squash(ans.Answer) {
		t.Errorf("the parts' text differs from the answer's (lost or repeated text)")
	}
	for _, c := range ans.Citations {
		if listed[c.N] == 0 {
			t.Errorf("citation [%d] is listed in no part", c.N)
		}
	}
}

func TestRenderAnswerSplitsLongAnswers(t *testing.T) {
	t.Parallel()
	noStops := longAnswer(1, 9000, 1, "高", "")
	noStops.Answer = strings.ReplaceAll(strings.Repeat("科技园区[1]", 1500), "。", "")
	manyCites := longAnswer(1, 10, 40, "白", "")
	manyCites.Answer = strings.Repeat("主宾国", 1500)
	for i := range 40 {
		manyCites.Answer += fmt.Sprintf("[%d]", i+1)
	}
	for _, tc := range []struct {
		name     string
		ans      *answer.Answer
		minParts int
	}{
		{"paragraphs", longAnswer(30, 300, 6, "浦", "\n"), 3},
		{"one long paragraph", longAnswer(40, 250, 4, "江", " "), 3},
		{"no sentence ends at all", noStops, 3},
		{"ampersands grow fivefold when escaped", longAnswer(20, 200, 3, "&", ""), 5},
		{"characters outside the BMP count twice", longAnswer(10, 500, 2, "😀", "\n"), 3},
		{"forty citations on one sentence", manyCites, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := renderAnswer(tc.ans, textsFor("zh-Hans"))
			if len(parts) < tc.minParts {
				t.Errorf("%d parts, want at least %d", len(parts), tc.minParts)
			}
			checkParts(t, tc.ans, parts)
		})
	}
}

func TestRenderAnswerSplitsAtParagraphs(t *testing.T) {
	t.Parallel()
	p1 := strings.Repeat("第一段的句子。", 300) + "[1]" // 2100 runes
	p2 := strings.Repeat("第二段的句子。", 300) + "[2]"
	ans := &answer.Answer{Answer: p1 + "\n" + p2, Grounded: true, Citations: []answer.Citation{{N: 1, Ref: "《甲》"}, {N: 2, Ref: "《乙》"}}}
	parts := renderAnswer(ans, textsFor("zh-Hans"))
	want := []string{p1 + "\n\n[1] 《甲》", p2 + "\n\n[2] 《乙》"}
	if !slices.Equal(parts, want) {
		t.Errorf("got %d parts, want the two paragraphs each with its citation", len(parts))
	}
}

func TestLongSourcesKeepTagsWhole(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("国家高新区新赛道培育行动在论坛上正式启动，", 600) // 12600 runes
	last := turn{answer: &answer.Answer{
		Question:  "<问题>",
		Citations: []answer.Citation{{N: 1, Ref: ref2640, Quote: "本次论坛主宾国为白俄罗斯共和国"}},
		Sources:   []answer.Source{{Rank: 1, Headline: "新赛道", Text: long}, {Rank: 2, Headline: "第二篇", Text: "短文"}},
	}}
	parts := renderSources(last, textsFor("zh-Hans"))
	if len(parts) < 4 {
		t.Fatalf("%d parts for 12600 runes of sources", len(parts))
	}
	var all strings.Builder
	for i, p := range parts {
		if n := utf16Len(p); n > maxMessage {
			t.Errorf("part %d is %d long", i+1, n)
		}
		plain, err := checkTelegramHTML(p)
		if err != nil {
			t.Fatalf("part %d: %v\n%s", i+1, err, p)
		}
		all.WriteString(plain)
	}
	for _, want := range []string{"问题: <问题>", "[1] 2025年9月29日", "本次论坛主宾国为白俄罗斯共和国", "1. 《新赛道》", "2. 《第二篇》", "短文"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("sources lack %q", want)
		}
	}
	if n := strings.Count(all.String(), "国家高新区新赛道培育行动在论坛上正式启动"); n != 600 {
		t.Errorf("the long source's sentence appears %d times across the parts, want 600", n)
	}
}

func TestCutAfter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"甲。乙。", []string{"甲。", "乙。"}},
		{"甲。[1] 乙！[2][3]\n丙", []string{"甲。[1] ", "乙！[2][3]\n", "丙"}},
		{"他说：“好。”然后走了。", []string{"他说：“好。”", "然后走了。"}},
		{"没有句号", []string{"没有句号"}},
		{"……等等？！真的", []string{"……", "等等？！", "真的"}},
	} {
		if got := cutAfter(tc.text, isSentenceEnd); !slices.Equal(got, tc.want) {
			t.Errorf("cutAfter(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestHalveNeverCutsAMarker(t *testing.T) {
	t.Parallel()
	for _, text := range []string{"ab[12]cd", "abc[1]", "[123]x", "甲乙[7]丙丁"} {
		got := halve(text)
		if len(got) != 2 || got[0]+got[1] != text {
			t.Errorf("halve(%q) = %q", text, got)
			continue
		}
		if a, b := len(markersIn(got[0])), len(markersIn(got[1])); a+b != len(markersIn(text)) {
			t.Errorf("halve(%q) = %q cuts a marker", text, got)
		}
	}
}

func TestPlainText(t *testing.T) {
	t.Parallel()
	html := "<b>A &amp;lt; B</b> &lt;i&gt; &amp; <i>x</i>"
	if got, want := plainText(html), "A &lt; B <i> & x"; got != want {
		t.Errorf("plainText = %q, want %q", got, want)
	}
}

func TestRenderAnswerNotes(t *testing.T) {
	t.Parallel()
	tx := textsFor("zh-Hans")
	total := 2644
	for _, tc := range []struct {
		name   string
		ans    answer.Answer
		want   []string // in the HTML, in order
		reject []string
	}{
		{
			name: "quote folded under its citation",
			ans: answer.Answer{Answer: "主宾国为白俄罗斯。[1]", Grounded: true,
				Citations: []answer.Citation{{N: 1, Ref: ref2640, Quote: "本次论坛主宾国为白俄罗斯共和国<b>"}}},
			want: []string{"[1] 2025年9月29日", "\n<blockquote expandable>本次论坛主宾国为白俄罗斯共和国&lt;b&gt;</blockquote>"},
		},
		{
			name: "refusal with related reading",
			ans: answer.Answer{Answer: "资料中没有找到相关内容", Refused: true, Related: []answer.Citation{
				{N: 1, Ref: "《中国高新技术产业导报》2025年11月3日 第40期(总第2644期) 第1版《国家高新区》", TotalIssue: &total},
				{N: 2, Ref: "第3版《无期号》(x.txt)"},
			}},
			want:   []string{"资料中没有找到相关内容", "仅供参考，不是答案", "• 2025年11月3日 第40期(总第2644期) 第1版《国家高新区》 /issue_2644", "• 第3版《无期号》(x.txt) /sources"},
			reject: []string{"⚠"},
		},
		{
			name: "unsupported claims marked",
			ans: answer.Answer{Answer: "主宾国为白俄罗斯[1]。预算为50亿美元。", Grounded: false, Mode: answer.ModeLLM,
				Unsupported: []string{"预算为50亿美元[7]。"}, Citations: []answer.Citation{{N: 1, Ref: ref2640}}},
			want: []string{"主宾国为白俄罗斯[1]", "⚠ 以下说法在所引的来源中找不到依据", "• 预算为50亿美元。"},
		},
		{
			name:   "stopped",
			ans:    answer.Answer{Answer: "论坛的主宾国是", Stopped: true, Mode: answer.ModeLLM},
			want:   []string{"论坛的主宾国是", "⏹ 已停止"},
			reject: []string{"没有引用"},
		},
		{
			name: "truncated",
			ans:  answer.Answer{Answer: "很长[1]", Truncated: true, Grounded: true, Citations: []answer.Citation{{N: 1, Ref: ref2640}}},
			want: []string{"很长[1]", "✂ 回答过长", "[1] 2025年9月29日"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := renderAnswerParts(&tc.ans, tx, 3)
			if len(parts) != 1 {
				t.Fatalf("%d parts", len(parts))
			}
			html := parts[0]
			if _, err := checkTelegramHTML(html); err != nil {
				t.Fatalf("%v\n%s", err, html)
			}
			at := 0
			for _, w := range tc.want {
				i := strings.Index(html[at:], w)
				if i < 0 {
					t.Fatalf("lacks %q (in order) in:\n%s", w, html)
				}
				at += i
			}
			for _, w := range tc.reject {
				if strings.Contains(html, w) {
					t.Errorf("shows %q:\n%s", w, html)
				}
			}
		})
	}
}

// An LLM that writes without end must not make the bot send without end.
func TestRenderAnswerCapsParts(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("论坛还在继续讨论，并且讨论了很多别的事情。[1]", 2000) // ~50,000 characters
	ans := &answer.Answer{Answer: long, Grounded: true, Mode: answer.ModeLLM, Citations: []answer.Citation{{N: 1, Ref: ref2640, Quote: "本次论坛主宾国为白俄罗斯共和国"}}}
	for _, max := range []int{1, 3, 5} {
		parts := renderAnswerParts(ans, textsFor("zh-Hans"), max)
		if len(parts) != max {
			t.Errorf("max %d: %d parts", max, len(parts))
			continue
		}
		for i, p := range parts {
			plain, err := checkTelegramHTML(p)
			if err != nil {
				t.Fatalf("part %d: %v", i, err)
			}
			if n := utf16Len(plain); n > maxMessage {
				t.Errorf("part %d is %d long", i, n)
			}
			if !strings.Contains(plain, "[1] 2025年9月29日") {
				t.Errorf("max %d, part %d lacks its citation", max, i)
			}
		}
		if !strings.Contains(parts[max-1], "✂ 回答过长，已截断。") {
			t.Errorf("max %d: the last part does not say the answer was cut:\n%s", max, parts[max-1][len(parts[max-1])-200:])
		}
	}
	if n := len(renderAnswer(ans, textsFor("zh-Hans"))); n < 10 {
		t.Errorf("uncapped, the answer takes %d parts; the test wants one far over the cap", n)
	}
}
