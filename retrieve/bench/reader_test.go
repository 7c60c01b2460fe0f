package bench

import (
	"context"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

func TestScoreReader(t *testing.T) {
	cited := func(text string, ids ...string) *answer.Answer {
		a := &answer.Answer{Answer: text}
		for _, id := range ids {
			a.Citations = append(a.Citations, answer.Citation{Source: id})
		}
		return a
	}
	refused := &answer.Answer{Answer: "资料中没有找到相关内容", Refused: true}
	tests := []struct {
		name string
		q    readerQuestion
		ans  *answer.Answer
		want bool
	}{
		{"gold and its passage", readerQuestion{Kind: "where", Answers: []string{"上海市"}, DocID: "A"}, cited("在上海市举办。[1]", "A"), true},
		{"traditional and full-width answer", readerQuestion{Kind: "number", Answers: []string{"200个"}, DocID: "A"}, cited("建成２００個。[1]", "A"), true},
		{"gold without citing its passage", readerQuestion{Kind: "where", Answers: []string{"上海市"}, DocID: "A"}, cited("在上海市举办。[1]", "B"), false},
		{"no gold", readerQuestion{Kind: "where", Answers: []string{"上海市"}, DocID: "A"}, cited("在北京举办。[1]", "A"), false},
		{"one of answers_all missing", readerQuestion{Kind: "list", Answers: []string{"甲"}, AnswersAll: []string{"甲", "乙"}, DocID: "A"}, cited("甲和丙。[1]", "A"), false},
		{"all of answers_all", readerQuestion{Kind: "list", Answers: []string{"甲"}, AnswersAll: []string{"甲", "乙"}, DocID: "A"}, cited("甲、乙。[1]", "A"), true},
		{"yes that also says no", readerQuestion{Kind: "yesno", Answers: []string{"是"}, AnswersAll: []string{"上海"}, DocID: "A"}, cited("不是，在上海。[1]", "A"), false},
		{"yes", readerQuestion{Kind: "yesno", Answers: []string{"是"}, AnswersAll: []string{"上海"}, DocID: "A"}, cited("是，在上海。[1]", "A"), true},
		{"no", readerQuestion{Kind: "yesno", Answers: []string{"不是"}, AnswersAll: []string{"雄安"}, DocID: "A"}, cited("不是，在雄安。[1]", "A"), true},
		{"refused answerable", readerQuestion{Kind: "who", Answers: []string{"张"}, DocID: "A"}, refused, false},
		{"refused unanswerable", readerQuestion{Kind: Unanswerable, DocID: "A"}, refused, true},
		{"answered unanswerable", readerQuestion{Kind: Unanswerable, DocID: "A"}, cited("在上海。[1]", "A"), false},
	}
	for _, tt := range tests {
		if got := scoreReader(tt.q, tt.ans).Correct; got != tt.want {
			t.Errorf("%s: correct = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestReaderAndGoldRemoved(t *testing.T) {
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	corpus := writeFile(t, "corpus.jsonl", tinyCorpus)
	questions := writeFile(t, "reader.jsonl", `{"qid": "q1", "question": "2025浦江创新论坛的主宾国是哪个国家？", "lang": "zh-Hans", "kind": "where", "answers": ["白俄罗斯共和国"], "doc_id": "A"}
{"qid": "q2", "question": "首届火炬论坛的门票多少钱？", "lang": "zh-Hans", "kind": "unanswerable", "answers": [], "doc_id": "C"}
`)
	var items strings.Builder
	rep, err := Reader(context.Background(), ReaderConfig{Corpus: corpus, Questions: questions, Store: t.TempDir(), Embedder: emb, Items: &items})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Questions != 2 || rep.Answerable.N != 1 || rep.Refused.N != 1 || rep.RecallAt5 != (Tally{1, 1}) || rep.ByKind["where"].N != 1 {
		t.Errorf("report %+v", rep)
	}
	if strings.Count(items.String(), "\n") != 2 || !strings.Contains(items.String(), `"qid":"q2"`) {
		t.Errorf("items:\n%s", items.String())
	}

	// Every question's gold paragraph left out: A and B are drawn, C stays.
	gr, err := GoldRemoved(context.Background(), GoldRemovedConfig{Corpus: corpus, Questions: writeFile(t, "q.jsonl", tinyQuestions),
		Sample: 2, Seed: 1, Store: t.TempDir(), Embedder: emb})
	if err != nil {
		t.Fatal(err)
	}
	if gr.Questions != 2 || gr.Removed+gr.Documents != 3 || gr.Removed < 1 || gr.Refused > gr.Questions {
		t.Errorf("gold-removed report %+v", gr)
	}
}

func TestSampleOf(t *testing.T) {
	items := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	a, b := SampleOf(items, 4, 1), SampleOf(items, 4, 1)
	if len(a) != 4 {
		t.Fatalf("sample %v", a)
	}
	for i := range a {
		if a[i] != b[i] || i > 0 && a[i] <= a[i-1] {
			t.Errorf("samples %v and %v: want the same, in order", a, b)
		}
	}
	if got := SampleOf(items, 20, 1); len(got) != 10 {
		t.Errorf("oversized sample has %d items", len(got))
	}
}
