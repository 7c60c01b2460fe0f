package bench

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestReadSynonyms(t *testing.T) {
	syn, err := readSynonyms("testdata/cedict_small.u8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word string
		want []string
	}{
		{"去世", []string{"逝世"}}, // the same first sense, "to pass away"
		{"逝世", []string{"去世"}},
		{"过世", nil},            // "to die" first: only a later sense is shared
		{"开业", []string{"开张"}}, // "to open a business"
		{"位于", nil},            // 说谎 shares "to lie", a later sense of 位于
		{"说谎", nil},
		{"王", nil}, // one character: never swapped
	}
	for _, tt := range tests {
		if got := syn[tt.word]; !slices.Equal(got, tt.want) {
			t.Errorf("synonyms of %s = %v, want %v", tt.word, got, tt.want)
		}
	}
	if _, err := readSynonyms("testdata/no-such-dict.u8"); err == nil {
		t.Error("a missing dictionary read without error")
	}
}

func TestParaphrase(t *testing.T) {
	syn, err := readSynonyms("testdata/cedict_small.u8")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		question string
		answers  []string
		want     string // "" when no paraphrase is made
	}{
		{"他是什么时候去世的？", []string{"1990年"}, "他是什么时候逝世的？"},
		{"那家店哪年开业的，哪年去世？", []string{"2001年"}, "那家店哪年开张的，哪年逝世？"},
		{"那家店什么时候开业？", []string{"开业当天"}, ""}, // a word of the answer stays
		{"公园位于哪里？", []string{"北京"}, ""},      // no paraphrase in the dictionary
	}
	for _, tt := range tests {
		q := benchQuestion{QID: "q1", Question: tt.question, Answers: tt.answers, DocID: "d"}
		got, ok := syn.paraphrase(q, rand.New(rand.NewPCG(1, 2)))
		switch {
		case tt.want == "" && ok:
			t.Errorf("%s: paraphrased as %s, want none", tt.question, got.Question)
		case tt.want != "" && (!ok || got.Question != tt.want || got.QID != "q1~p" || got.DocID != "d"):
			t.Errorf("%s: got %+v (%v), want %s as q1~p about d", tt.question, got, ok, tt.want)
		}
	}
	qs := []benchQuestion{{QID: "a", Question: "他何时去世？"}, {QID: "b", Question: "公园位于哪里？"}}
	out := syn.paraphrased(qs, 1)
	if len(out) != 3 || out[2].Question != "他何时逝世？" || out[0].QID != "a" || out[1].Question != qs[1].Question {
		t.Errorf("paraphrased = %+v, want the two questions and one copy", out)
	}
}
