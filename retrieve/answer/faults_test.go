package answer

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/heraldqa/heraldqa/ingest/httpretry/retrytest"
	"github.com/heraldqa/heraldqa/retrieve"
)

// Issue 13 item 3: a stream that ends without the server's normal finish
// is not an answer, in plain (streamed) mode too.
func TestStreamWithoutFinishFallsBack(t *testing.T) {
	plain := &Asker{Engine: sample}
	extractive, _, err := plain.Ask(context.Background(), pujiangQuestion, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ollama := range []bool{false, true} {
		t.Run(fmt.Sprintf("ollama=%v", ollama), func(t *testing.T) {
			f := newFake(t, ollama, reply{chunks: []string{"主宾国是白俄罗斯[1]。", "但主宾省并不是辽"}, noEnd: true})
			w := newWrites()
			ans := askWith(t, newTestLLM(t, f, LLMConfig{}), w, pujiangQuestion)
			if ans.Mode != ModeExtractive || ans.Answer != extractive.Answer {
				t.Errorf("mode %s, answer %q; want the extractive %q", ans.Mode, ans.Answer, extractive.Answer)
			}
			if !strings.Contains(ans.Warning, "LLM failed") || !strings.Contains(ans.Warning, "stream ended before the server finished") {
				t.Errorf("warning %q", ans.Warning)
			}
			if f.requests() != 1 {
				t.Errorf("%d requests, want 1 (text had been streamed)", f.requests())
			}
			if !strings.HasSuffix(w.String(), "\n") {
				t.Errorf("streamed %q: the partial text must end with a line break before the fallback", w.String())
			}
		})
	}
	// Nothing streamed yet: a stream cut before any text is retried.
	f := newFake(t, false, reply{noEnd: true}, reply{chunks: []string{"主宾国为白俄罗斯共和国[1]。"}})
	ans := askWith(t, newTestLLM(t, f, LLMConfig{}), newWrites(), pujiangQuestion)
	if ans.Mode != ModeLLM || f.requests() != 2 {
		t.Errorf("mode %s after %d requests; want llm after 2", ans.Mode, f.requests())
	}
}

// Issue 13 item 4: a server that streams without end is stopped at the
// length cap, and the answer is marked truncated.
func TestEndlessStreamIsCapped(t *testing.T) {
	for _, ollama := range []bool{false, true} {
		t.Run(fmt.Sprintf("ollama=%v", ollama), func(t *testing.T) {
			f := newFake(t, ollama, reply{chunks: []string{"主宾国为白俄罗斯共和国[1]。", "本次论坛主宾国为白俄罗斯共和国[1]，"}, endless: true})
			w := newWrites()
			ans := askWith(t, newTestLLM(t, f, LLMConfig{MaxChars: 200}), w, pujiangQuestion)
			if ans.Mode != ModeLLM || !ans.Truncated {
				t.Fatalf("mode %s, truncated %v, warning %q; want an llm answer marked truncated", ans.Mode, ans.Truncated, ans.Warning)
			}
			if n := utf8.RuneCountInString(ans.Answer); n > 200 || n < 150 {
				t.Errorf("answer of %d characters, want up to the cap of 200", n)
			}
			if w.String() != ans.Answer {
				t.Errorf("streamed %q, answer %q: want the same", w.String(), ans.Answer)
			}
			if !strings.Contains(ans.RenderText(), "已截断") {
				t.Errorf("text %q does not say the answer was truncated", ans.RenderText())
			}
		})
	}
	// Unstreamed (--json, the bot): a whole reply that never ends is cut
	// off at maxBody and falls back.
	f := newFake(t, false, reply{chunks: []string{"主宾国"}, endless: true})
	ans := askWith(t, newTestLLM(t, f, LLMConfig{}), nil, pujiangQuestion)
	if ans.Mode != ModeExtractive || !strings.Contains(ans.Warning, "longer than 4 MiB") {
		t.Errorf("mode %s, warning %q; want the extractive answer, the reply too long", ans.Mode, ans.Warning)
	}
	// The server's token cap (finish_reason "length") truncates too.
	for _, ollama := range []bool{false, true} {
		f := newFake(t, ollama, reply{chunks: []string{"主宾国为白俄罗斯共和国[1]，"}, finish: "length"})
		for _, w := range []io.Writer{nil, newWrites()} {
			if ans := askWith(t, newTestLLM(t, f, LLMConfig{}), w, pujiangQuestion); !ans.Truncated || ans.Mode != ModeLLM {
				t.Errorf("ollama %v, streamed %v: truncated %v, mode %s; want an llm answer marked truncated", ollama, w != nil, ans.Truncated, ans.Mode)
			}
		}
	}
	// Unstreamed and long but finished: truncated to the cap.
	f = newFake(t, false, reply{chunks: []string{strings.Repeat("主宾国为白俄罗斯共和国[1]。", 30)}})
	ans = askWith(t, newTestLLM(t, f, LLMConfig{MaxChars: 100}), nil, pujiangQuestion)
	if !ans.Truncated || utf8.RuneCountInString(ans.Answer) > 100 {
		t.Errorf("truncated %v, %d characters; want truncated to 100", ans.Truncated, utf8.RuneCountInString(ans.Answer))
	}
}

// The contract the bot relies on: cancelling ctx mid-generation gives the
// checked text so far, marked Stopped, without error or fallback.
func TestCancelStopsWithCheckedText(t *testing.T) {
	hold := make(chan struct{})
	f := newFake(t, false, reply{chunks: []string{"主宾国为白俄罗斯共和国[1]。论坛预算[", "7]为50亿美元。"}, hold: hold})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := newWrites()
	go func() {
		<-w.first
		cancel()
		close(hold)
	}()
	a := &Asker{Engine: sample, LLM: newTestLLM(t, f, LLMConfig{}), Stream: w}
	ans, _, err := a.Ask(ctx, pujiangQuestion, nil)
	if err != nil {
		t.Fatalf("err = %v, want an answer", err)
	}
	if !ans.Stopped || ans.Mode != ModeLLM || !strings.Contains(ans.Warning, "stopped") {
		t.Errorf("stopped %v, mode %s, warning %q", ans.Stopped, ans.Mode, ans.Warning)
	}
	if want := "主宾国为白俄罗斯共和国[1]。论坛预算"; ans.Answer != want || w.String() != want {
		t.Errorf("answer %q, streamed %q; want %q (the held [ is text once stopped)", ans.Answer, w.String(), want)
	}
	if len(ans.Citations) != 1 || ans.Citations[0].N != 1 {
		t.Errorf("citations %+v, want [1]", ans.Citations)
	}
}

// Stopped before any text, or with an unstreamed reply, the extractive
// answer is what the reader gets, marked Stopped.
func TestCancelBeforeAnyText(t *testing.T) {
	f := newFake(t, false, reply{hang: true})
	ctx, cancel := context.WithCancel(context.Background())
	a := &Asker{Engine: sample, LLM: newTestLLM(t, f, LLMConfig{})}
	go func() {
		for f.requests() == 0 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	ans, _, err := a.Ask(ctx, pujiangQuestion, nil)
	if err != nil {
		t.Fatalf("err = %v, want an answer", err)
	}
	if !ans.Stopped || ans.Mode != ModeExtractive || ans.Answer == "" || !strings.Contains(ans.Warning, "stopped") {
		t.Errorf("stopped %v, mode %s, answer %q, warning %q; want the extractive answer, stopped", ans.Stopped, ans.Mode, ans.Answer, ans.Warning)
	}
}

// Issue 13 item 9: one deadline bounds the whole answer; a retry that
// cannot happen within it is not waited for.
func TestDeadlineBoundsAllAttempts(t *testing.T) {
	f := newFake(t, false, reply{status: 503, header: map[string]string{"Retry-After": "20"}})
	l := newTestLLM(t, f, LLMConfig{Timeout: 10 * time.Second, MaxRetries: 5})
	var slept retrytest.Clock
	l.clock = &slept
	_, err := l.Generate(context.Background(), retrieve.ParseQuery(pujiangQuestion), []Source{pujiang}, nil)
	if err == nil || !strings.Contains(err.Error(), "no time left within 10s to retry") {
		t.Errorf("err = %v", err)
	}
	if f.requests() != 1 || len(slept.Waits()) != 0 {
		t.Errorf("%d requests, waits %v; want 1 and none", f.requests(), slept.Waits())
	}
	if DefaultLLMTimeout != 90*time.Second {
		t.Errorf("DefaultLLMTimeout = %v, want 90s as documented", DefaultLLMTimeout)
	}
}

func TestGate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pieces []string
		lang   retrieve.Lang
		want   string
	}{
		{"valid kept", []string{"主宾国[", "1]。"}, retrieve.Simplified, "主宾国[1]。"},
		{"invalid dropped", []string{"预算[", "7", "]为50亿。"}, retrieve.Simplified, "预算为50亿。"},
		{"several", []string{"甲[1, ", "3，9]。"}, retrieve.Simplified, "甲[1][3]。"},
		{"full width", []string{"甲【2】。"}, retrieve.Simplified, "甲[2]。"},
		{"not a marker", []string{"数组a[i", "]和[x]。"}, retrieve.Simplified, "数组a[i]和[x]。"},
		{"open at the end", []string{"甲[1"}, retrieve.Simplified, "甲"},
		{"split rune", []string{"主宾\xe5\x9b", "\xbd[1]。"}, retrieve.Simplified, "主宾国[1]。"},
		{"to Simplified", []string{"主賓國為白俄", "羅斯[1]。"}, retrieve.Simplified, "主宾国为白俄罗斯[1]。"},
		{"to Traditional", []string{"主宾国为白俄罗斯[1]。"}, retrieve.Traditional, "主賓國為白俄羅斯[1]。"},
		{"English kept", []string{"Belarus [1]."}, retrieve.English, "Belarus [1]."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWrites()
			g := newGate(w, 5, tc.lang)
			for _, p := range tc.pieces {
				g.Write([]byte(p))
				if s := w.String(); regexp.MustCompile(`\[[0-9]*$|\[(?:[6-9]|[0-9]{2,})\]`).MatchString(s) {
					t.Errorf("after %q the stream holds %q: an unchecked marker", p, s)
				}
			}
			if err := g.Flush(); err != nil {
				t.Fatal(err)
			}
			if w.String() != tc.want || g.String() != tc.want {
				t.Errorf("streamed %q, kept %q; want %q", w.String(), g.String(), tc.want)
			}
		})
	}
}

// Issue 9 item 6: the second part of a two-part answer keeps its markers,
// and every citation listed is used.
func TestPartsKeepTheirMarkers(t *testing.T) {
	a := &Asker{Engine: sample}
	ans, _, err := a.Ask(context.Background(), "2025火炬论坛和第二十一届全国高新区发展战略研究年会分别在哪里举行？", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Citations) < 2 {
		t.Fatalf("citations %+v, want one per part", ans.Citations)
	}
	for _, c := range ans.Citations {
		if !strings.Contains(ans.Answer, fmt.Sprintf("[%d]", c.N)) {
			t.Errorf("citation [%d] is listed but not used in %q", c.N, ans.Answer)
		}
	}
	for i, line := range strings.Split(ans.Answer, "\n") {
		if !reMarker.MatchString(line) {
			t.Errorf("part %d %q has no marker", i+1, line)
		}
	}
}

// Issue 9 item 6: a refusal claims nothing, so nothing is ungrounded, in
// LLM and extractive answers alike.
func TestRefusalIsGrounded(t *testing.T) {
	ans, _, err := (&Asker{Engine: sample}).Ask(context.Background(), "2031年火星基地的预算是多少？", nil)
	if err != nil {
		t.Fatal(err)
	}
	refused := &Answer{Answer: Refusal(retrieve.Simplified), Refused: true, Grounded: true}
	for name, a := range map[string]*Answer{"extractive": ans, "both parts refused": merge("甲和乙分别是什么？", []*Answer{refused, refused})} {
		if !a.Refused || !a.Grounded {
			t.Errorf("%s: refused %v, grounded %v; want a grounded refusal", name, a.Refused, a.Grounded)
		}
	}
	f := newFake(t, false, reply{chunks: []string{"资料中没有找到相关内容"}})
	ans = askWith(t, newTestLLM(t, f, LLMConfig{}), nil, pujiangQuestion)
	if !ans.Refused || !ans.Grounded || ans.Warning != "" || len(ans.Related) == 0 {
		t.Errorf("refused %v, grounded %v, warning %q, %d related; want a grounded refusal with related reading, no warning",
			ans.Refused, ans.Grounded, ans.Warning, len(ans.Related))
	}
	// An LLM answer where the extractive one refused offers no related reading.
	f = newFake(t, false, reply{chunks: []string{"本次论坛主宾国为白俄罗斯共和国[1]。"}})
	ans = askWith(t, newTestLLM(t, f, LLMConfig{}), nil, "2025浦江创新论坛的门票多少钱？")
	if ans.Refused || len(ans.Related) != 0 {
		t.Errorf("refused %v, related %d; want an answer without related reading", ans.Refused, len(ans.Related))
	}
}

// Issue 9 item 2: the model gets each article's passage around the
// retrieved chunk, within the budget, numbered as the sources are.
func TestWidenByBudget(t *testing.T) {
	st := sample.Store()
	results, err := sample.Search(context.Background(), retrieve.ParseQuery(pujiangQuestion).Subject, retrieve.Filter{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	sources := sourcesOf(results)
	for _, budget := range []int{300, 2000, 6000, 20000} {
		given := widen(st, sources, budget, 5)
		total := 0
		for i, g := range given {
			if g.ID != sources[i].ID || g.Headline != sources[i].Headline || g.Date != sources[i].Date {
				t.Errorf("budget %d: source %d changed its identity or metadata", budget, i+1)
			}
			text := strings.Trim(g.Text, elided)
			c, _ := st.Chunk(g.ID)
			a, _, _ := st.Article(c.ArticleID)
			if !strings.Contains(a.Text, text) || !strings.Contains(text, strings.TrimSpace(sources[i].Text)) {
				t.Errorf("budget %d: source %d's passage is not a part of its article around its chunk", budget, i+1)
			}
			total += utf8.RuneCountInString(text)
		}
		if len(given) == 0 || (total > budget && len(given) > 1) {
			t.Errorf("budget %d: %d sources, %d characters", budget, len(given), total)
		}
		if budget >= 6000 {
			c, _ := st.Chunk(given[0].ID)
			a, _, _ := st.Article(c.ArticleID)
			if given[0].Text != strings.TrimSpace(a.Text) {
				t.Errorf("budget %d: the first article is not given whole", budget)
			}
		}
	}
}

// Issue 13 item 5: an answer obeying an instruction planted in a record
// is not grounded, and a citation quotes the sentence that supports its
// claim, found anywhere in the wider passage, not the passage's first one.
func TestClaimsAndQuotes(t *testing.T) {
	f := newFake(t, false, reply{chunks: []string{"白俄罗斯将创新发展作为国家政策优先事项[1]。"}})
	ans := askWith(t, newTestLLM(t, f, LLMConfig{}), nil, pujiangQuestion)
	if !ans.Grounded || len(ans.Citations) != 1 || !strings.Contains(noSpace(ans.Citations[0].Quote), "白俄罗斯将创新发展作为国家政策优先事项") {
		t.Errorf("grounded %v, citations %+v; want the quote holding the claim", ans.Grounded, ans.Citations)
	}
	f = newFake(t, false, reply{chunks: []string{"请访问www.example.com领取论坛纪念币[1]。"}})
	ans = askWith(t, newTestLLM(t, f, LLMConfig{}), nil, pujiangQuestion)
	if ans.Grounded || len(ans.Unsupported) != 1 || !strings.Contains(ans.RenderText(), "⚠") {
		t.Errorf("grounded %v, unsupported %q, text %q; want the planted claim flagged", ans.Grounded, ans.Unsupported, ans.RenderText())
	}
}

func TestSplitClaims(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"主宾国是白俄罗斯[1]。论坛预算为50亿美元。", "主宾国是白俄罗斯[1]。 [1] | 论坛预算为50亿美元。 []"},
		{"甲为乙[1]，丙为丁[2][3]，戊。", "甲为乙[1] [1] | ，丙为丁[2][3] [2 3] | ，戊。 []"},
		{"甲为乙[1]。", "甲为乙[1]。 [1]"},
		{"The guest was Belarus [1, 2].", "The guest was Belarus [1, 2]. [1 2]"},
	} {
		var got []string
		for _, c := range splitClaims(tc.in) {
			got = append(got, fmt.Sprintf("%s %v", c.text, c.cites))
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("splitClaims(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

// HERALDQA_TRANSLATE=llm: an English question is translated by the model
// for the search; a failed translation leaves the dictionary's terms.
func TestTranslateForSearch(t *testing.T) {
	const en = "Which country was the guest of honour at the 2025 Pujiang Innovation Forum?"
	f := newFake(t, false, reply{chunks: []string{"2025浦江创新论坛的主宾国是哪个国家？"}}, reply{chunks: []string{"Belarus was the guest country [1]."}})
	l := newTestLLM(t, f, LLMConfig{})
	a := &Asker{Engine: sample, LLM: l, Translator: l}
	ans, _, err := a.Ask(context.Background(), en, nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.requests() != 2 {
		t.Fatalf("%d requests, want a translation and an answer", f.requests())
	}
	tr := decodeRequest(t, f.body(0))
	if !strings.Contains(tr.Messages[0].Content, "Translate") || !strings.Contains(tr.Messages[1].Content, en) || tr.Stream != nil && *tr.Stream {
		t.Errorf("translation request %+v", tr)
	}
	if !strings.Contains(ans.Sources[0].Headline, "浦江创新论坛") || ans.Mode != ModeLLM || ans.Lang != string(retrieve.English) {
		t.Errorf("first source %q, mode %s, lang %s", ans.Sources[0].Headline, ans.Mode, ans.Lang)
	}

	f = newFake(t, false, reply{status: 400, body: `{"error":{"message":"no"}}`}, reply{chunks: []string{"Belarus was the guest country [1]."}})
	l = newTestLLM(t, f, LLMConfig{})
	a = &Asker{Engine: sample, LLM: l, Translator: l}
	if ans, _, err = a.Ask(context.Background(), en, nil); err != nil || ans.Mode != ModeLLM || f.requests() != 2 {
		t.Errorf("after a failed translation: err %v, mode %s, %d requests", err, ans.Mode, f.requests())
	}
}
