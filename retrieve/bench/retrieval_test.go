package bench

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/heraldqa/heraldqa/ingest/embed"
	"github.com/heraldqa/heraldqa/retrieve/answer"
)

// Three paragraphs about different events of the sample archive, each
// question plainly about one of them.
const tinyCorpus = `{"id": "A", "title": "浦江创新论坛", "text": "2025浦江创新论坛在上海市举办。本次论坛主宾国为白俄罗斯共和国，主宾省为中国辽宁省。"}
{"id": "B", "title": "高标准数字园区", "text": "工业和信息化部办公厅印发《高标准数字园区建设指南》，提出到2027年，建成200个左右高标准数字园区。"}
{"id": "C", "title": "火炬论坛", "text": "以推动科技创新和产业创新深度融合为主题的首届火炬论坛在河北雄安新区举办。"}
`

// The fourth question's gold document is not in the corpus: it can be
// found at no rank, while its answer is in the paragraph that is found.
const tinyQuestions = `{"qid": "q1", "question": "2025浦江创新论坛的主宾国是哪个国家？", "answers": ["白俄罗斯共和国"], "doc_id": "A"}
{"qid": "q2", "question": "到2027年建成多少个高标准数字园区？", "answers": ["200个左右"], "doc_id": "B"}

{"qid": "q3", "question": "首届火炬论坛在哪里举办？", "answers": ["河北雄安新区"], "doc_id": "C"}
{"qid": "q4", "question": "浦江创新论坛的主宾省是哪个省？", "answers": ["辽宁省"], "doc_id": "Z"}
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRetrieval(t *testing.T) {
	emb, err := embed.New("local", embed.Config{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := RetrievalConfig{
		Corpus:    writeFile(t, "corpus.jsonl", tinyCorpus),
		Questions: writeFile(t, "questions.jsonl", tinyQuestions),
		Store:     t.TempDir(),
		Embedder:  emb,
	}
	rep, err := Retrieval(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// q1–q3 find their paragraph first, q4's is not in the corpus.
	want := RetrievalReport{Corpus: cfg.Corpus, Documents: 3, Questions: 4,
		RecallAt1: 0.75, RecallAt5: 0.75, RecallAt20: 0.75, MRRAt20: 0.75,
		// Every first source holds its question's answer, q4's included.
		Top1Contains: 1}
	got := *rep
	if got.Chunks != 3 || got.IngestSeconds <= 0 || got.Latency.N != 4 {
		t.Errorf("chunks %d, ingest %.3fs, latencies %d; want 3 chunks, an ingest, 4 latencies", got.Chunks, got.IngestSeconds, got.Latency.N)
	}
	if got.AnswerContains < 0 || got.AnswerContains > 1 {
		t.Errorf("answer share %v out of 0..1", got.AnswerContains)
	}
	if q := got.Quoted; q.Answers > 4 || q.Answers > 0 && (q.Sentences < 1 || q.Chars <= 0) {
		t.Errorf("quoted %+v: want at most 4 answers of at least one sentence each", q)
	}
	got.Chunks, got.IngestSeconds, got.Latency, got.AnswerContains, got.Quoted = 0, 0, Latency{}, 0, Quoted{}
	if got != want {
		t.Errorf("report\n%+v\nwant\n%+v", got, want)
	}

	// A second run finds the corpus in the store and does not ingest it.
	cfg.Limit = 2
	again, err := Retrieval(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if again.IngestSeconds != 0 || again.Questions != 2 || again.RecallAt1 != 1 || again.Documents != 3 {
		t.Errorf("second run %+v: want no ingest, 2 questions both found first", again)
	}

	// AnswerAll refuses nothing: every question gets quoted sentences.
	cfg.Limit, cfg.AnswerAll = 0, true
	all, err := Retrieval(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if all.Quoted.Answers != 4 || all.Quoted.Sentences < 1 {
		t.Errorf("AnswerAll: quoted %+v, want 4 answers", all.Quoted)
	}

	var table strings.Builder
	if err := WriteRetrievalTable(&table, []*RetrievalReport{rep}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table.String(), "0.750") || !strings.Contains(table.String(), "MRR@20") {
		t.Errorf("table:\n%s", table.String())
	}
}

func TestQuotedAdd(t *testing.T) {
	var q Quoted
	q.add(&answer.Answer{Answer: "甲。[1] 乙。[2]"})
	q.add(&answer.Answer{Answer: "丙[1]"})
	q.add(&answer.Answer{Answer: "资料中没有找到相关内容", Refused: true})
	if q.Answers != 2 || q.Sentences != 1.5 || q.Chars != 7.5 {
		t.Errorf("quoted %+v, want 2 answers, 1.5 sentences, 7.5 characters", q)
	}
}

func TestReadQuestionsErrors(t *testing.T) {
	tests := []struct {
		content, want string
	}{
		{`{"qid": "q1", "question": "哪里？", "doc_id": "A"}` + "\n{not json\n", "line 2"},
		{`{"qid": "q1", "question": "哪里？"}`, `line 1: want "question" and "doc_id"`},
		{"\n\n", "holds nothing"},
	}
	for _, tt := range tests {
		_, err := readQuestions(writeFile(t, "q.jsonl", tt.content))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("readQuestions(%q) = %v, want an error with %q", tt.content, err, tt.want)
		}
	}
	if _, err := readQuestions(filepath.Join(t.TempDir(), "missing.jsonl")); err == nil {
		t.Error("a missing file was read")
	}
}

func TestRankAndContains(t *testing.T) {
	ranked := []string{"A", "B", "C"}
	for id, want := range map[string]int{"A": 1, "C": 3, "Z": 0} {
		if got := rankOf(ranked, id); got != want {
			t.Errorf("rankOf(%q) = %d, want %d", id, got, want)
		}
	}
	// Script and width do not matter: 白俄羅斯 is 白俄罗斯, ２００ is 200.
	tests := []struct {
		text  string
		golds []string
		want  bool
	}{
		{"主宾国为白俄羅斯共和國。", []string{"白俄罗斯共和国"}, true},
		{"建成２００个左右", []string{"200个左右"}, true},
		{"建成200个左右", []string{"", "300个"}, false},
	}
	for _, tt := range tests {
		if got := containsAny(tt.text, tt.golds); got != tt.want {
			t.Errorf("containsAny(%q, %q) = %v", tt.text, tt.golds, got)
		}
	}
}
